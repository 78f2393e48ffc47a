// The supervision board of a region: lights by unit and target, the overdue first; for supervisors,
// assigning targets to units, splitting a target among units, and the bulletin (督查通报).

import { apiGet, apiGetAll, apiSend } from "./api.js";
import { clear, h, table } from "./dom.js";
import { fmtNumber } from "./format.js";
import { t } from "./i18n.js";
import { go, href } from "./router.js";
import { role, session } from "./session.js";
import { downloadButton, goalText, latestText, lightBadge } from "./supervision.js";
import { emptyBox, errorBox, loading, pageHeader } from "./ui.js";

export async function render(view, route, ctx) {
  view.append(pageHeader(t("sup.boardTitle"), t("sup.boardLead")));
  if (!session()) {
    view.append(errorBox({ message: t("reports.needLogin") }));
    return;
  }
  const units = await apiGet("units");
  const regions = [...new Set(units.map((u) => u.region))].sort();
  const region = route.params.get("region") || regions[0] || "";
  const asOf = route.params.get("as_of") || "";
  const regionSel = h("select", { id: "board-region", on: { change: (e) => go("board", { params: { region: e.target.value, as_of: asOf } }) } },
    regions.map((r) => h("option", { value: r, selected: r === region }, r)));
  const day = h("input", { type: "date", id: "board-as-of", value: asOf, on: { change: (e) => go("board", { params: { region, as_of: e.target.value } }) } });
  const supervisor = ["admin", "supervisor"].includes(role());
  view.append(
    h("div", { class: "filters card" },
      h("div", { class: "field" }, h("label", { for: "board-region" }, t("sup.region")), regionSel),
      h("div", { class: "field" }, h("label", { for: "board-as-of" }, t("sup.asOf")), day),
      supervisor && region ? h("div", { class: "field bulletin-links" }, h("span", {}, t("sup.bulletin")),
        downloadButton("HTML", "bulletin", { region, format: "html", as_of: asOf }, { id: "bulletin-html" }),
        downloadButton("DOCX", "bulletin", { region, format: "docx", as_of: asOf }, { id: "bulletin-docx" })) : null),
  );
  const body = h("div", { id: "board" }, loading());
  view.append(body);
  const refresh = async () => {
    const rows = region ? await apiGet("board", { region, as_of: asOf }) : [];
    const targets = supervisor && region ? await apiGetAll("ledger", { region }) : [];
    if (!ctx.alive()) return;
    clear(body).append(boardTable(rows));
    if (supervisor && region) {
      const mine = units.filter((u) => u.region === region);
      const numeric = targets.filter((r) => r.target_id !== null && r.target?.value !== null && r.target?.value !== undefined);
      body.append(assignForm(numeric, mine, refresh), splitForm(numeric, refresh));
    }
  };
  await refresh();
}

function boardTable(rows) {
  if (!rows.length) return h("section", { class: "card", id: "board-table-box" }, emptyBox(t("sup.none")));
  const list = table(
    [
      { label: t("sup.unit"), cell: (r) => h("a", { href: href("unit", { id: r.unit_id }) }, r.unit) },
      { label: t("sup.task"), cell: (r) => r.task },
      { label: t("common.indicator"), cell: (r) => r.target.indicator },
      { label: t("sup.goal"), cell: (r) => goalText(r.target) },
      { label: t("sup.latest"), cell: (r) => latestText(r.target) },
      { label: t("sup.light"), cell: (r) => lightBadge(r.target.light) },
      { label: t("sup.overdue"), cell: (r) => r.target.overdue.join("、") || t("common.none") },
      { label: t("sup.rule"), cell: (r) => h("span", { class: "sup-rule" }, r.target.light.rule) },
    ],
    rows,
    { caption: t("sup.boardTitle") },
  );
  list.id = "board-table";
  for (const [i, tr] of [...list.tBodies[0].rows].entries()) {
    tr.dataset.light = rows[i].target.light.colour;
    tr.dataset.unit = rows[i].unit;
    tr.dataset.indicator = rows[i].target.indicator;
  }
  return h("section", { class: "card", id: "board-table-box" }, list);
}

function targetLabel(r) {
  const v = r.target.value;
  const unit = r.target.measure === "growth" ? "%" : r.target.unit || "";
  return `${r.indicator} ${r.period} ${v === null ? "" : fmtNumber(v)}${unit} [${r.target_id}]`;
}

function field(id, label, input) {
  return h("div", { class: "field" }, h("label", { for: id }, label), input);
}

function assignForm(targets, units, refresh) {
  const title = h("input", { type: "text", id: "assign-title", required: true });
  const chosen = h("select", { id: "assign-targets", multiple: true, size: "6" }, targets.map((r) => h("option", { value: String(r.target_id) }, targetLabel(r))));
  const lead = h("select", { id: "assign-lead" }, units.map((u) => h("option", { value: u.name }, u.name)));
  const co = h("select", { id: "assign-co", multiple: true, size: "3" }, units.map((u) => h("option", { value: u.name }, u.name)));
  const frequency = h("select", { id: "assign-frequency" }, ["quarterly", "monthly"].map((f) => h("option", { value: f }, t(`sup.${f}`))));
  const deadline = h("input", { type: "date", id: "assign-deadline" });
  const out = h("div", { id: "assign-message" });
  const form = h("form", { class: "card admin-form", id: "assign-form" },
    h("h2", {}, t("sup.assign")),
    field("assign-title", t("sup.title"), title),
    field("assign-targets", t("sup.targets"), chosen),
    field("assign-lead", t("sup.lead"), lead),
    field("assign-co", t("sup.co"), co),
    field("assign-frequency", t("sup.frequency"), frequency),
    field("assign-deadline", t("sup.deadline"), deadline),
    h("div", { class: "form-actions" }, h("button", { type: "submit", class: "btn btn-primary", id: "assign-submit" }, t("sup.assign"))),
    out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    out.replaceChildren();
    const json = {
      title: title.value.trim(),
      targets: [...chosen.selectedOptions].map((o) => Number(o.value)),
      lead: lead.value,
      co: [...co.selectedOptions].map((o) => o.value).filter((u) => u !== lead.value),
      frequency: frequency.value,
      deadline: deadline.value || null,
    };
    try {
      await apiSend("POST", "tasks", { json });
      await refresh();
    } catch (err) {
      out.append(errorBox(err));
    }
  });
  return form;
}

function splitForm(targets, refresh) {
  const target = h("select", { id: "split-target" }, targets.map((r) => h("option", { value: String(r.target_id) }, targetLabel(r))));
  const shares = h("textarea", { id: "split-shares", rows: "3", placeholder: "青龙镇=0.7\n红梅镇=0.5" });
  const out = h("div", { id: "split-message" });
  const form = h("form", { class: "card admin-form", id: "split-form" },
    h("h2", {}, t("sup.split")),
    field("split-target", t("sup.splitTarget"), target),
    field("split-shares", t("sup.shares"), shares),
    h("div", { class: "form-actions" }, h("button", { type: "submit", class: "btn btn-primary", id: "split-submit" }, t("sup.split"))),
    out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    out.replaceChildren();
    const parts = {};
    for (const line of shares.value.split(/\n/)) {
      const i = line.lastIndexOf("=");
      if (i > 0) parts[line.slice(0, i).trim()] = Number(line.slice(i + 1));
    }
    try {
      const answer = await apiSend("POST", "splits", { json: { target_id: Number(target.value), shares: parts } });
      await refresh();
      const warning = answer.decomposition.warning;
      // the refresh drew the forms anew: the message goes into the new one
      (document.getElementById("split-message") || out).append(h("p", { class: warning ? "warning" : "ok", id: "split-result" }, warning ? `${t("sup.warning")}：${warning}` : t("sup.done")));
    } catch (err) {
      out.append(errorBox(err));
    }
  });
  return form;
}
