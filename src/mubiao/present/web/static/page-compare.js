// Comparison: one indicator in one year across regions, as a bar chart and a table.

import { apiGet } from "./api.js";
import { baseOption, makeChart } from "./charts.js";
import { clear, h, selectField, table } from "./dom.js";
import { indicatorOptions, yearOptions } from "./filters.js";
import { fmtNumber, fmtValue, fmtYear } from "./format.js";
import { t } from "./i18n.js";
import { go, href } from "./router.js";
import { emptyBox, errorBox, kindBadge, loading, pageHeader, sourceLink } from "./ui.js";

export async function render(view, route, ctx) {
  const indicator = route.params.get("indicator") || "";
  const year = route.params.get("year") || "";
  // level (亿元) or growth (%): a region's figure of each kind is a different comparison
  const measure = route.params.get("measure") || "";
  view.append(pageHeader(t("compare.title"), t("compare.lead")));
  const bar = view.appendChild(h("form", { class: "filters card", "aria-label": t("compare.pick") }, loading()));
  bar.addEventListener("submit", (e) => e.preventDefault());
  const body = view.appendChild(h("div", {}));

  const [indicators, years] = await Promise.all([indicatorOptions({ allLabel: t("compare.choose") }), yearOptions({ allLabel: t("compare.anyYear") })]);
  if (!ctx.alive()) return;
  const set = (key) => (value) => go("compare", { params: { indicator, year, measure, [key]: value } });
  clear(bar).append(
    selectField({ id: "c-indicator", label: t("common.indicator"), options: indicators, value: indicator, onChange: set("indicator") }),
    selectField({ id: "c-year", label: t("common.year"), options: years, value: year, onChange: set("year") }),
    selectField({
      id: "c-measure",
      label: t("document.measure"),
      options: [["", t("measure.level")], ["growth", t("measure.growth")]],
      value: measure,
      onChange: set("measure"),
    }),
  );
  if (!indicator) {
    body.append(h("section", { class: "card" }, emptyBox(t("compare.choose"))));
    return;
  }

  body.append(loading());
  let data;
  try {
    data = await apiGet("compare", { indicator_id: indicator, year, measure });
  } catch (err) {
    if (ctx.alive()) clear(body).append(errorBox(err));
    return;
  }
  if (!ctx.alive()) return;
  clear(body);
  const name = data.indicator?.name || indicator;
  const shownYear = data.year ?? year;
  const regions = (data.regions || []).filter((r) => r.value !== null && r.value !== undefined);
  if (!regions.length) {
    body.append(h("section", { class: "card" }, h("h2", {}, name), emptyBox(t("compare.noData"))));
    return;
  }

  // regions stating the figure in different ways (亿元 against 增长%) cannot share one bar chart:
  // the most common way is charted, every figure is in the table
  const key = (r) => `${r.measure}:${r.unit || ""}`;
  const counts = new Map();
  for (const r of regions) counts.set(key(r), (counts.get(key(r)) || 0) + 1);
  const main = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  const charted = regions.filter((r) => key(r) === main).sort((a, b) => b.value - a.value);

  const chartEl = h("div", { class: "chart chart-compare", id: "compare-chart", style: { height: `${Math.max(260, 80 + charted.length * 36)}px` } });
  body.append(
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("compare.chart", { name, year: shownYear ? fmtYear(shownYear) : t("compare.anyYear") })),
      chartEl,
      counts.size > 1 ? h("p", { class: "muted small" }, t("indicator.unitMix", { units: [...counts.keys()].join("、"), unit: main })) : null,
      regionTable(regions, indicator),
    ),
  );
  drawChart(chartEl, charted, name);

  const rollup = data.rollup || [];
  if (rollup.length) body.append(h("section", { class: "card" }, h("h2", {}, t("compare.rollup")), rollupTable(rollup)));
}

function drawChart(el, rows, name) {
  const chart = makeChart(el, t("compare.chartLabel", { name }));
  const unit = rows[0].measure === "growth" ? "%" : rows[0].unit || "";
  chart.setOption({
    ...baseOption(),
    grid: { left: 8, right: 56, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: "item",
      formatter: (p) => h("div", {}, h("strong", {}, rows[p.dataIndex].region), h("div", {}, fmtValue(rows[p.dataIndex]))),
    },
    xAxis: { type: "value", name: unit, scale: false },
    yAxis: { type: "category", data: rows.map((r) => r.region), inverse: true },
    series: [
      {
        type: "bar",
        barMaxWidth: 26,
        data: rows.map((r) => ({
          value: r.value,
          // targets are hatched-orange, results solid blue: the same bar must not pass for both
          itemStyle: r.kind === "target" ? { color: "#ef8a3c", decal: { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: -0.6 } } : { color: "#3f7cbf" },
        })),
        label: { show: true, position: "right", formatter: (p) => fmtNumber(p.value) },
      },
    ],
    aria: { enabled: true, decal: { show: false } },
  });
  chart.on("click", (p) => {
    const r = rows[p.dataIndex];
    if (r?.doc) go("document", { id: r.doc, params: { statement: r.id } });
  });
}

function regionTable(regions, indicator) {
  const rows = [...regions].sort((a, b) => a.region.localeCompare(b.region, "zh"));
  return h(
    "div",
    { class: "table-wrap" },
    table(
      [
        { label: t("common.region"), cell: (r) => r.region },
        { label: t("common.kind"), cell: (r) => kindBadge(r.kind) },
        { label: t("common.value"), class: "num", cell: (r) => sourceLink(fmtValue(r), { document: r.doc, statementId: r.id }) },
        {
          label: t("nav.indicators"),
          cell: (r) => h("a", { href: href("indicator", { id: indicator, params: { region: r.region } }) }, t("ledger.showChart")),
        },
      ],
      rows,
      { caption: t("compare.title"), className: "data compact compare-table" },
    ),
  );
}

function rollupTable(rollup) {
  return h(
    "div",
    { class: "table-wrap" },
    table(
      [
        { label: t("common.region"), cell: (r) => r.region },
        { label: t("common.value"), class: "num", cell: (r) => fmtValue(r) },
        { label: t("compare.rollupSum"), class: "num", cell: (r) => (r.sum === null || r.sum === undefined ? t("common.none") : `${fmtNumber(r.sum)}${r.unit || ""}`) },
        { label: t("compare.rollupRange"), class: "num", cell: (r) => (r.min === null || r.min === undefined ? t("common.none") : `${fmtNumber(r.min)} – ${fmtNumber(r.max)}`) },
        { label: t("compare.rollupShare"), class: "num", cell: (r) => (r.share === null || r.share === undefined ? t("common.none") : `${fmtNumber(r.share * 100, 1)}%`) },
        { label: t("compare.children"), cell: (r) => (r.children || []).join("、") },
      ],
      rollup,
      { caption: t("compare.rollup"), className: "data compact" },
    ),
  );
}
