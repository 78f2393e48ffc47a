// A stored document: its original text with every claim highlighted, opened at ?statement=<id>
// (the ledger's figures link here) with that claim scrolled into view and emphasised.

import { apiGet } from "./api.js";
import { h } from "./dom.js";
import { docTypeLabel, fmtDateTime, fmtNumber, fmtPeriod, fmtYear } from "./format.js";
import { t } from "./i18n.js";
import { href } from "./router.js";
import { errorBox, loading, pageHeader } from "./ui.js";
import { claimViewer } from "./viewer.js";

export async function render(view, route, ctx) {
  const docId = route.id;
  const wanted = route.params.get("statement");
  const placeholder = view.appendChild(loading());
  const doc = await apiGet(`documents/${encodeURIComponent(docId)}`);
  if (!ctx.alive()) return;
  placeholder.remove();
  document.title = `${doc.title || doc.doc_id} · ${t("app.title")}`;

  view.append(pageHeader(doc.title || doc.file_name || doc.doc_id, null), documentMeta(doc));

  const viewer = claimViewer(doc.original || "", doc.statements || [], {
    // picking a claim updates the address without re-rendering, so the link can be shared
    onSelect: (key) => history.replaceState(null, "", href("document", { id: docId, params: { statement: key } })),
  });
  view.append(viewer.el);

  if (wanted) {
    if (viewer.has(wanted)) {
      // after layout, so that scrolling finds the mark where it will stay
      requestAnimationFrame(() => viewer.select(wanted, { notify: false }));
    } else {
      view.insertBefore(errorBox({ message: t("document.notFoundStatement", { id: wanted }) }), viewer.el);
    }
  }
}

export function documentMeta(doc) {
  const items = [
    [t("common.region"), (doc.region_path?.length ? doc.region_path.join(" · ") : doc.region) || null],
    [t("documents.docType"), docTypeLabel(doc.doc_type)],
    [t("documents.reportYear"), doc.report_year ? fmtYear(doc.report_year) : null],
    [t("common.period"), doc.period ? fmtPeriod(doc.period) : null],
    [t("document.fileName"), doc.file_name],
    [t("document.format"), doc.format ? `${doc.format}${doc.encoding ? ` · ${doc.encoding}` : ""}` : null],
    [t("documents.statements"), fmtNumber(doc.statement_count ?? doc.statements?.length ?? 0, 0)],
    [t("documents.ingested"), doc.ingested_at ? fmtDateTime(doc.ingested_at) : null],
  ].filter(([, v]) => v);
  return h(
    "dl",
    { class: "meta-bar", "aria-label": t("document.meta") },
    items.map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", {}, v))),
  );
}
