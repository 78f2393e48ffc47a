// The ledger's table, shared by the ledger page, the overview's "most behind" list and the indicator
// page: one row per target, its result, gap, required pace and status, every figure linked to its source.

import { h, table } from "./dom.js";
import { fmtGap, fmtPace, fmtPeriod, fmtYear } from "./format.js";
import { t } from "./i18n.js";
import { href } from "./router.js";
import { actualLink, rowFlags, statusBadge, targetLink } from "./ui.js";

/** columns: which optional columns to show (region is left out where the page is about one region). */
export function ledgerTable(rows, { region = true, indicator = true, caption } = {}) {
  const columns = [
    region && { label: t("common.region"), cell: (r) => r.region || t("common.none") },
    indicator && {
      label: t("common.indicator"),
      class: "col-indicator",
      cell: (r) =>
        r.indicator_id
          ? h("a", { href: href("indicator", { id: r.indicator_id, params: { region: r.region } }) }, r.indicator)
          : r.indicator,
    },
    { label: t("common.period"), class: "col-period", cell: (r) => fmtPeriod(r.period) },
    { label: t("common.target"), class: "num col-target", cell: (r) => targetLink(r) },
    { label: t("common.actual"), class: "num col-actual", cell: (r) => actualWithYear(r) },
    { label: t("common.gap"), class: "num col-gap", cell: (r) => h("span", { class: gapClass(r) }, fmtGap(r)) },
    { label: t("common.pace"), class: "num col-pace", cell: (r) => fmtPace(r) },
    { label: t("common.status"), class: "col-status", cell: (r) => [statusBadge(r.status), ...rowFlags(r)] },
    {
      label: t("ledger.more"),
      class: "col-more",
      // the page of the target: why its status, its sources, its corrections
      cell: (r) => (r.id !== undefined ? h("a", { href: href("target", { id: r.id }), class: "target-link" }, t("ledger.more")) : ""),
    },
  ].filter(Boolean);
  const el = table(columns, rows, { caption });
  // colour the whole row lightly by status, so a long table can be scanned by eye
  el.querySelectorAll("tbody tr").forEach((tr, i) => {
    tr.classList.add(`row-${rows[i].status}`);
    tr.dataset.status = rows[i].status;
    if (rows[i].id !== undefined) tr.dataset.row = rows[i].id;
  });
  return h("div", { class: "table-wrap" }, el);
}

function actualWithYear(r) {
  if (!r.actual) return t("common.none");
  const link = actualLink(r);
  const year = r.actual.year;
  // a five-year target is measured against the latest year known: say which
  if (year && String(r.period) !== String(year)) return [link, h("span", { class: "muted small" }, `（${fmtYear(year)}）`)];
  return link;
}

function gapClass(r) {
  if (r.gap === null || r.gap === undefined) return "gap";
  return r.gap > 0 ? "gap gap-short" : "gap gap-over";
}
