// Progress reports (督查): the reports of the units the user may read; a reporter reports for its
// units, a supervisor approves or returns the reports of its region's units.  The server decides
// what each user sees and may do (its policy table); this page only leaves out what would be refused.

import { apiGet, apiSend } from "./api.js";
import { clear, h, table } from "./dom.js";
import { t } from "./i18n.js";
import { role, session } from "./session.js";
import { emptyBox, errorBox, loading, pageHeader } from "./ui.js";

export async function render(view, route, ctx) {
  view.append(pageHeader(t("reports.title"), t("reports.lead")));
  if (!session()) {
    view.append(errorBox({ message: t("reports.needLogin") }));
    return;
  }
  const body = h("div", { id: "reports-body" }, loading());
  view.append(body);
  const refresh = async () => {
    const [units, reports] = await Promise.all([apiGet("units"), apiGet("reports")]);
    if (!ctx.alive()) return;
    clear(body);
    if (["admin", "reporter"].includes(role()) && units.length) body.append(reportForm(units, refresh));
    body.append(reportList(reports, refresh));
  };
  await refresh();
}

function reportForm(units, refresh) {
  const unit = h("select", { id: "report-unit" }, units.map((u) => h("option", { value: String(u.id) }, u.name)));
  const text = h("textarea", { id: "report-text", rows: "3", required: true });
  const out = h("div", { id: "report-message" });
  const form = h(
    "form",
    { class: "card", id: "report-form" },
    h("h2", {}, t("reports.new")),
    h("div", { class: "field" }, h("label", { for: "report-unit" }, t("admin.unit")), unit),
    h("div", { class: "field" }, h("label", { for: "report-text" }, t("reports.text")), text),
    h("div", { class: "form-actions" }, h("button", { type: "submit", class: "btn btn-primary", id: "report-submit" }, t("reports.submit"))),
    out,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    out.replaceChildren();
    try {
      await apiSend("POST", `units/${unit.value}/reports`, { json: { text: text.value } });
      await refresh();
    } catch (err) {
      out.append(errorBox(err));
    }
  });
  return form;
}

function reportList(reports, refresh) {
  if (!reports.length) return h("section", { class: "card", id: "reports" }, emptyBox(t("reports.none")));
  const reviewer = ["admin", "supervisor"].includes(role());
  const out = h("div", { id: "review-message" });
  const review = (r, status) => async () => {
    out.replaceChildren();
    try {
      await apiSend("POST", `reports/${r.id}/review`, { json: { status } });
      await refresh();
    } catch (err) {
      out.append(errorBox(err));
    }
  };
  const columns = [
    { label: t("admin.unit"), cell: (r) => r.unit },
    { label: t("reports.text"), cell: (r) => r.text },
    { label: t("reports.who"), cell: (r) => r.who },
    { label: t("reports.when"), cell: (r) => r.at.slice(0, 16).replace("T", " ") },
    { label: t("common.status"), cell: (r) => h("span", { class: `report-status rs-${r.status}`, dataset: { status: r.status } }, t(`reports.status.${r.status}`)) },
  ];
  if (reviewer) {
    columns.push({
      label: t("reports.review"),
      cell: (r) =>
        r.status === "submitted"
          ? h(
              "span",
              { class: "row-actions" },
              h("button", { type: "button", class: "btn btn-small approve", on: { click: review(r, "approved") } }, t("reports.approve")),
              h("button", { type: "button", class: "btn btn-small", on: { click: review(r, "returned") } }, t("reports.return")),
            )
          : t("common.none"),
    });
  }
  const list = table(columns, reports, { caption: t("reports.title") });
  list.id = "reports-table";
  return h("section", { class: "card", id: "reports" }, list, out);
}
