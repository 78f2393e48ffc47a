// The stored documents, newest report first; each opens in the document viewer.

import { apiGetAll } from "./api.js";
import { clear, h, table } from "./dom.js";
import { docTypeLabel, fmtDateTime, fmtNumber, fmtPeriod, fmtYear } from "./format.js";
import { t } from "./i18n.js";
import { href } from "./router.js";
import { emptyBox, loading, pageHeader } from "./ui.js";

export async function render(view, route, ctx) {
  view.append(pageHeader(t("documents.title"), t("documents.lead"), h("a", { class: "btn btn-primary", href: href("upload") }, t("nav.upload"))));
  const body = view.appendChild(h("div", {}, loading()));
  const docs = await apiGetAll("documents");
  if (!ctx.alive()) return;
  clear(body);
  if (!docs.length) {
    body.append(emptyBox(t("overview.noData")));
    return;
  }
  docs.sort((a, b) => (a.region || "").localeCompare(b.region || "", "zh") || (b.report_year || 0) - (a.report_year || 0));
  body.append(
    h(
      "section",
      { class: "card" },
      h(
        "div",
        { class: "table-wrap" },
        table(
          [
            { label: t("common.document"), class: "col-title", cell: (d) => h("a", { href: href("document", { id: d.doc_id }), dataset: { doc: d.doc_id } }, d.title || d.file_name) },
            { label: t("common.region"), cell: (d) => d.region || t("common.none") },
            { label: t("documents.docType"), cell: (d) => docTypeLabel(d.doc_type) },
            { label: t("documents.reportYear"), cell: (d) => (d.period ? fmtPeriod(d.period) : fmtYear(d.report_year)) },
            { label: t("documents.statements"), class: "num", cell: (d) => fmtNumber(d.statements, 0) },
            { label: t("documents.ingested"), cell: (d) => fmtDateTime(d.ingested_at) },
          ],
          docs,
          { caption: t("documents.title") },
        ),
      ),
    ),
  );
}
