// The page of one target: #/target/<statement id>.  Its status in words and in numbers (baseline,
// latest result, required and actual pace, R and P, the years used — the row's details), its
// sources linked to the highlighted text, the corrections made to it, and for a supervisor or an
// administrator the forms to override its status and to correct or exclude the statement.

import { apiGet, apiSend, invalidateCache } from "./api.js";
import { h } from "./dom.js";
import { fmtDateTime, fmtNumber, fmtPeriod, fmtValue, statusLabel } from "./format.js";
import { correctionWords } from "./corrections.js";
import { addWords, t } from "./i18n.js";
import { href } from "./router.js";
import { role } from "./session.js";
import { errorBox, loading, pageHeader, sourceLink, statusBadge } from "./ui.js";

addWords(
  {
    "target.title": "目标详情",
    "target.why": "为何是这个状态",
    "target.numbers": "判断依据",
    "target.sources": "出处",
    "target.corrections": "更正记录",
    "target.noCorrections": "尚无更正。",
    "target.loginForHistory": "登录后可查看更正记录。",
    "target.override": "人工改判状态",
    "target.overrideBy": "已由 {who} 改判：{reason}（原判：{computed}）",
    "target.removeOverride": "撤销改判",
    "target.correct": "更正这条目标",
    "target.exclude": "这不是目标（排除误识别）",
    "target.reason": "理由",
    "target.save": "保存",
    "target.saved": "已保存。",
    "target.field.kind": "类别",
    "target.field.year": "年份",
    "target.field.period": "规划期（如 2021-2025）",
    "target.field.indicator": "指标",
    "target.field.value": "数值",
    "target.field.unit": "单位",
    "target.field.region": "地区",
    "target.d.baseline": "基期值",
    "target.d.baseline_year": "基期年份",
    "target.d.latest": "最新实际",
    "target.d.latest_year": "最新实际年份",
    "target.d.required_pace": "所需年均进度",
    "target.d.cagr_actual": "实际年均增速",
    "target.d.cagr_required": "所需年均增速",
    "target.d.R": "R（实际增速 / 所需增速）",
    "target.d.P": "P（预计值 / 目标值）",
    "target.d.projected": "按当前趋势预计",
    "target.d.time_share": "时间进度",
    "target.d.achievement_share": "完成进度",
    "target.d.years_known": "已知年份",
    "target.d.years_missing": "缺少年份",
    "target.d.years_open": "尚未结束的年份",
    "target.d.reason": "说明",
    "target.changed": "{field}：{old} → {new}",
    "target.excluded": "已排除",
    "target.undo": "撤销更正",
    "target.addResult": "录入实际结果",
    "target.addResultLead": "文件中没有的实际数据（如统计公报另行公布）可在此录入，计入判断并记入审计日志。",
    "target.field.measure": "口径",
    "target.note": "说明",
    "target.figures": "目标：{target}；实际：{actual}",
    "target.role.target": "目标",
    "target.role.actual": "实际",
    "target.role.baseline": "基期",
    "target.because": "（{reason}）",
  },
  {
    "target.title": "Target",
    "target.why": "Why this status",
    "target.numbers": "The figures behind it",
    "target.sources": "Sources",
    "target.corrections": "Corrections",
    "target.noCorrections": "No corrections yet.",
    "target.loginForHistory": "Log in to see the corrections.",
    "target.override": "Override the status",
    "target.overrideBy": "Overridden by {who}: {reason} (computed: {computed})",
    "target.removeOverride": "Remove the override",
    "target.correct": "Correct this target",
    "target.exclude": "Not a target (exclude a false claim)",
    "target.reason": "Reason",
    "target.save": "Save",
    "target.saved": "Saved.",
    "target.field.kind": "Kind",
    "target.field.year": "Year",
    "target.field.period": "Plan period (e.g. 2021-2025)",
    "target.field.indicator": "Indicator",
    "target.field.value": "Value",
    "target.field.unit": "Unit",
    "target.field.region": "Region",
    "target.d.baseline": "Baseline",
    "target.d.baseline_year": "Baseline year",
    "target.d.latest": "Latest result",
    "target.d.latest_year": "Year of the latest result",
    "target.d.required_pace": "Required yearly pace",
    "target.d.cagr_actual": "Actual yearly growth",
    "target.d.cagr_required": "Required yearly growth",
    "target.d.R": "R (actual / required growth)",
    "target.d.P": "P (projected / target)",
    "target.d.projected": "Projected on the current trend",
    "target.d.time_share": "Share of time elapsed",
    "target.d.achievement_share": "Share achieved",
    "target.d.years_known": "Years known",
    "target.d.years_missing": "Years missing",
    "target.d.years_open": "Years still open",
    "target.d.reason": "Note",
    "target.changed": "{field}: {old} → {new}",
    "target.excluded": "Excluded",
    "target.undo": "Undo the correction",
    "target.addResult": "Enter a result",
    "target.addResultLead": "A result the documents do not give (published elsewhere): it is judged with the others and audited.",
    "target.field.measure": "Measure",
    "target.note": "Note",
    "target.figures": "Target: {target}; result: {actual}",
    "target.role.target": "target",
    "target.role.actual": "result",
    "target.role.baseline": "baseline",
    "target.because": " ({reason})",
  },
);

const DETAIL_KEYS = [
  "baseline", "baseline_year", "latest", "latest_year", "required_pace", "time_share",
  "achievement_share", "years_known", "years_missing", "years_open", "reason",
];
const WRITERS = ["admin", "supervisor"];
// who may enter a result by hand (POST /api/actuals)
const ENTER = ["admin", "supervisor", "reporter"];

export async function render(view, route, ctx) {
  const id = route.id;
  const placeholder = view.appendChild(loading());
  const row = await apiGet(`targets/${encodeURIComponent(id)}`);
  let history = null;
  if (role()) history = await apiGet("corrections", { statement_id: id }).catch(() => null);
  if (!ctx.alive()) return;
  placeholder.remove();
  const title = `${row.region || ""} ${row.indicator} ${fmtPeriod(row.period)}`;
  document.title = `${title} · ${t("app.title")}`;
  view.append(pageHeader(title, null), statusSection(row), numbersSection(row), sourcesSection(row));
  view.append(historySection(history, WRITERS.includes(role())));
  if (WRITERS.includes(role())) view.append(overrideForm(row, ctx), correctionForm(row, ctx));
  if (ENTER.includes(role()) && row.indicator_id) view.append(resultForm(row));
}

function statusSection(row) {
  const o = row.override;
  const words = o
    ? t("target.overrideBy", { who: o.who, reason: o.reason, computed: statusLabel(row.details?.computed_status) })
    : row.details?.reason || "";
  return h(
    "section",
    { class: "target-status", "aria-label": t("target.why") },
    h("h2", {}, t("target.why")),
    h("p", {}, statusBadge(row.status), " ", h("span", { class: "target-words", "data-override": o ? "1" : null }, words)),
    h("p", {}, t("target.figures", { target: fmtValue(row.target || {}), actual: row.actual ? fmtValue(row.actual) : t("common.none") })),
  );
}

function numbersSection(row) {
  const d = row.details || {};
  const items = [];
  for (const k of DETAIL_KEYS) if (d[k] !== undefined && d[k] !== null) items.push([k, d[k]]);
  for (const [group, keys] of [["sdg", ["cagr_actual", "cagr_required", "R"]], ["unsd", ["projected", "P"]]]) {
    for (const k of keys) if (d[group]?.[k] !== undefined && d[group][k] !== null) items.push([k, d[group][k]]);
  }
  return h(
    "section",
    { class: "target-numbers" },
    h("h2", {}, t("target.numbers")),
    h("dl", { class: "meta-bar" }, items.map(([k, v]) => h("div", { dataset: { detail: k } }, h("dt", {}, t(`target.d.${k}`)), h("dd", {}, show(v))))),
  );
}

function show(v) {
  if (typeof v === "number") return fmtNumber(v, Number.isInteger(v) ? 0 : 2);
  if (Array.isArray(v)) return v.join("、");
  return String(v);
}

function sourcesSection(row) {
  return h(
    "section",
    { class: "target-sources" },
    h("h2", {}, t("target.sources")),
    h("ul", {}, (row.sources || []).map((s) =>
      h("li", {}, `${roleWord(s.role || s.kind)} · ${s.year ?? ""} · `,
        // the sentence as the document wrote it: Chinese whatever the reader's language
        h("span", { lang: "zh-CN" }, sourceLink(s.text, { document: s.document, statementId: s.statement_id, provenance: s.provenance }))),
    )),
  );
}

function roleWord(role) {
  const key = `target.role.${role}`;
  const s = t(key);
  return s === key ? role : s;
}

function historySection(history, writer) {
  const body = history === null
    ? h("p", { class: "muted" }, t("target.loginForHistory"))
    : history.length === 0
      ? h("p", { class: "muted" }, t("target.noCorrections"))
      : h("ul", { class: "corrections" }, history.map((c) =>
          h("li", { dataset: { correction: c.id, state: c.state } },
            `${fmtDateTime(c.when)} ${c.who}：`,
            correctionWords(c),
            t("target.because", { reason: c.reason }),
            c.state === "applied" ? "" : ` [${t(`corrections.state.${c.state}`)}]`,
            writer && c.state === "applied" ? undoForm(c) : null),
        ));
  return h("section", { class: "target-history" }, h("h2", {}, t("target.corrections")), body);
}

function undoForm(c) {
  const out = h("span", { class: "form-message", role: "status" });
  const reason = h("input", { id: `undo-reason-${c.id}`, class: "undo-reason", required: "", placeholder: t("target.reason") });
  const form = h("form", { class: "undo-form inline-form", dataset: { correction: c.id } }, " ", reason, " ",
    h("button", { type: "submit", class: "btn btn-small", id: `undo-${c.id}` }, t("target.undo")), out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const answer = await apiSend("POST", `corrections/${c.id}/undo`, { json: { reason: reason.value } });
      invalidateCache();
      const back = answer.statement && answer.statement.kind === "target" ? href("target", { id: answer.statement.id }) : null;
      if (back && location.hash !== back) location.hash = back;
      else again();
    } catch (err) {
      out.replaceChildren(errorBox(err));
    }
  });
  return form;
}

// the page drawn anew from the server, as after a navigation
function again() {
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

function field(name, attrs = {}) {
  return h("label", {}, t(`target.field.${name}`), " ", h("input", { name, id: `fix-${name}`, ...attrs }));
}

function overrideForm(row, ctx) {
  const status = h("select", { id: "override-status", name: "status" },
    ["achieved", "on_track", "at_risk", "missed", "pending", "needs_review"].map((s) => h("option", { value: s, selected: s === row.status ? "" : null }, statusLabel(s))));
  const reason = h("input", { id: "override-reason", name: "reason", required: "" });
  const out = h("p", { class: "form-message", role: "status" });
  const form = h("form", { id: "override-form", class: "target-form" },
    h("h2", {}, t("target.override")), status, " ", h("label", {}, t("target.reason"), " ", reason), " ",
    h("button", { type: "submit" }, t("target.save")), out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await apiSend("POST", `ledger/${row.id}/override`, { json: { status: status.value, reason: reason.value } });
      invalidateCache();
      again();
    } catch (err) {
      out.replaceChildren(errorBox(err));
    }
  });
  if (row.override) {
    const undo = h("button", { type: "button", id: "override-remove" }, t("target.removeOverride"));
    undo.addEventListener("click", async () => {
      try {
        await apiSend("DELETE", `ledger/${row.id}/override`);
        again();
      } catch (err) {
        out.replaceChildren(errorBox(err));
      }
    });
    form.append(undo);
  }
  return form;
}

function correctionForm(row, ctx) {
  const out = h("p", { class: "form-message", role: "status" });
  const exclude = h("input", { type: "checkbox", id: "fix-exclude", name: "exclude" });
  const reason = h("input", { id: "fix-reason", name: "reason", required: "" });
  const kind = h("select", { id: "fix-kind", name: "kind" }, h("option", { value: "" }, "—"),
    ["target", "actual"].map((k) => h("option", { value: k }, t(`kind.${k}`))));
  const form = h("form", { id: "correction-form", class: "target-form" },
    h("h2", {}, t("target.correct")),
    h("label", {}, t("target.field.kind"), " ", kind),
    field("year", { type: "number" }), field("period", { placeholder: "2021-2025" }), field("indicator"),
    field("value", { type: "number", step: "any" }), field("unit"), field("region"),
    h("label", {}, exclude, " ", t("target.exclude")),
    h("label", {}, t("target.reason"), " ", reason),
    h("button", { type: "submit" }, t("target.save")), out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = { reason: reason.value, exclude: exclude.checked };
    if (kind.value) body.kind = kind.value;
    for (const name of ["year", "period", "indicator", "value", "unit", "region"]) {
      const v = form.querySelector(`#fix-${name}`).value.trim();
      if (v) body[name] = name === "year" || name === "value" ? Number(v) : v;
    }
    try {
      const answer = await apiSend("POST", `statements/${row.id}/corrections`, { json: body });
      invalidateCache();
      out.textContent = t("target.saved");
      // excluded, or no longer a target: back to the ledger; else the target as it now reads
      const still = answer.statement && answer.statement.kind === "target";
      const next = still ? href("target", { id: answer.statement.id }) : href("ledger", { params: { region: row.region } });
      if (location.hash === next) again();
      else location.hash = next;
    } catch (err) {
      out.replaceChildren(errorBox(err));
    }
  });
  return form;
}

// a result the documents do not give (a figure published elsewhere), entered by hand: audited, and
// judged with the others
function resultForm(row) {
  const out = h("p", { class: "form-message", role: "status" });
  const lastYear = Number(String(row.period).split("-").pop()) || new Date().getFullYear();
  const year = h("input", { id: "result-year", type: "number", min: "1900", max: "2199", required: "", value: row.actual?.year ?? lastYear });
  const value = h("input", { id: "result-value", type: "number", step: "any", required: "" });
  const unit = h("input", { id: "result-unit", value: row.target?.unit || "" });
  const measure = h("select", { id: "result-measure" }, ["level", "growth", "delta"].map((m) =>
    h("option", { value: m, selected: m === (row.target?.measure || "level") ? "" : null }, t(`measure.${m}`))));
  const note = h("input", { id: "result-note" });
  const form = h("form", { id: "result-form", class: "target-form" },
    h("h2", {}, t("target.addResult")), h("p", { class: "muted" }, t("target.addResultLead")),
    h("label", {}, t("target.field.year"), " ", year), h("label", {}, t("target.field.value"), " ", value),
    h("label", {}, t("target.field.unit"), " ", unit), h("label", {}, t("target.field.measure"), " ", measure),
    h("label", {}, t("target.note"), " ", note),
    h("button", { type: "submit" }, t("target.save")), out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = { region: row.region, indicator_id: row.indicator_id, year: Number(year.value), value: Number(value.value), measure: measure.value };
    if (unit.value.trim()) body.unit = unit.value.trim();
    if (note.value.trim()) body.note = note.value.trim();
    try {
      await apiSend("POST", "actuals", { json: body });
      invalidateCache();
      again();
    } catch (err) {
      out.replaceChildren(errorBox(err));
    }
  });
  return form;
}
