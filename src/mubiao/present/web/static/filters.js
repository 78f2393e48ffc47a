// Options for the filter bars: regions, indicators and years known to the store.

import { cached } from "./api.js";
import { fmtYear } from "./format.js";
import { t } from "./i18n.js";

export async function regionOptions() {
  const regions = await cached("regions");
  return [["", t("common.all")], ...regions.map((r) => [r.name, r.name])];
}

/** Indicators that statements name, the most used first within their category. */
export async function indicatorOptions({ allLabel = t("common.all") } = {}) {
  const list = await cached("indicators");
  const used = list.filter((i) => (i.statements ?? 1) > 0);
  used.sort((a, b) => (a.category || "").localeCompare(b.category || "", "zh") || (a.name || a.id).localeCompare(b.name || b.id, "zh"));
  return [["", allLabel], ...used.map((i) => [i.id, i.category ? `${i.name || i.id}（${i.category}）` : i.name || i.id])];
}

/** The years the stored documents speak of: report, review and target years and plan periods. */
export async function yearOptions({ allLabel = t("common.all") } = {}) {
  const docs = await cached("documents", {}, { all: true });
  const years = new Set();
  for (const d of docs) {
    for (const y of [d.report_year, d.review_year, d.target_year]) if (y) years.add(Number(y));
    const p = Array.isArray(d.period) ? d.period : null;
    if (p && p.length === 2) for (let y = Number(p[0]); y <= Number(p[1]); y++) years.add(y);
  }
  const sorted = [...years].sort((a, b) => b - a);
  return [["", allLabel], ...sorted.map((y) => [String(y), fmtYear(y)])];
}
