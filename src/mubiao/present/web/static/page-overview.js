// Overview: for each region, how many targets are in each status, and the targets furthest behind.

import { apiGet, apiUrl } from "./api.js";
import { baseOption, makeChart } from "./charts.js";
import { clear, h, table } from "./dom.js";
import { fmtNumber, STATUS_COLORS, STATUSES, statusLabel } from "./format.js";
import { t } from "./i18n.js";
import { ledgerTable } from "./ledger-table.js";
import { go, href } from "./router.js";
import { emptyBox, errorBox, loading, pageHeader } from "./ui.js";

export async function render(view, route, ctx) {
  view.append(
    pageHeader(
      t("overview.title"),
      t("overview.lead"),
      h("a", { class: "btn", href: apiUrl("export", { format: "xlsx" }).href, download: "" }, t("overview.export")),
      reportPicker(),
    ),
  );
  const body = view.appendChild(h("div", {}, loading()));
  let summary;
  try {
    summary = await apiGet("ledger/summary");
  } catch (err) {
    clear(body).append(errorBox(err));
    return;
  }
  if (!ctx.alive()) return;
  clear(body);
  const regions = summary.regions || [];
  fillReportRegions(view, regions);
  if (!regions.length) {
    body.append(emptyBox(t("overview.noData")));
    return;
  }

  body.append(totalsCards(regions));

  const chartEl = h("div", { class: "chart chart-overview", style: { height: `${Math.max(180, 64 + regions.length * 44)}px` } });
  body.append(
    h(
      "section",
      { class: "card", "aria-labelledby": "by-region" },
      h("h2", { id: "by-region" }, t("overview.byRegion")),
      chartEl,
      regionTable(regions),
    ),
  );
  drawChart(chartEl, regions);

  const behind = summary.behind || [];
  body.append(
    h(
      "section",
      { class: "card", "aria-labelledby": "behind" },
      h("h2", { id: "behind" }, t("overview.behind")),
      behind.length ? ledgerTable(behind, { caption: t("overview.behind") }) : emptyBox(t("overview.behind.empty")),
    ),
  );
}

/** One card per status with the count over all regions; a card opens the ledger filtered to it. */
function totalsCards(regions) {
  const totals = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  let all = 0;
  for (const r of regions) {
    for (const s of STATUSES) totals[s] += r.counts?.[s] || 0;
    all += r.total || 0;
  }
  return h(
    "div",
    { class: "kpis" },
    h("div", { class: "kpi kpi-total" }, h("span", { class: "kpi-value" }, fmtNumber(all, 0)), h("span", { class: "kpi-label" }, t("overview.allTargets"))),
    STATUSES.map((s) =>
      h(
        "a",
        { class: `kpi st-border-${s}`, href: href("ledger", { params: { status: s } }), dataset: { status: s } },
        h("span", { class: "kpi-value" }, fmtNumber(totals[s], 0)),
        h("span", { class: "kpi-label" }, h("span", { class: `dot st-${s}`, "aria-hidden": "true" }), statusLabel(s)),
      ),
    ),
  );
}

/** The counts as a table too: readable without the chart, and each region links to its ledger. */
function regionTable(regions) {
  const columns = [
    {
      label: t("common.region"),
      cell: (r) => h("a", { href: href("ledger", { params: { region: r.region } }) }, r.region),
    },
    ...STATUSES.map((s) => ({
      label: statusLabel(s),
      class: `num col-${s}`,
      cell: (r) => {
        const n = r.counts?.[s] || 0;
        return n ? h("a", { href: href("ledger", { params: { region: r.region, status: s } }), class: `count st-text-${s}` }, fmtNumber(n, 0)) : h("span", { class: "muted" }, "0");
      },
    })),
    { label: t("common.sum"), class: "num", cell: (r) => fmtNumber(r.total, 0) },
  ];
  const el = table(columns, regions, { caption: t("overview.byRegion"), className: "data region-counts" });
  el.querySelectorAll("tbody tr").forEach((tr, i) => (tr.dataset.region = regions[i].region));
  return h("div", { class: "table-wrap" }, el);
}

/** Stacked bars, one per region, in the status colours; a segment opens that region's ledger. */
function drawChart(el, regions) {
  const chart = makeChart(el, t("overview.byRegion"));
  const names = regions.map((r) => r.region);
  chart.setOption({
    ...baseOption(),
    color: STATUSES.map((s) => STATUS_COLORS[s]),
    legend: { top: 0, data: STATUSES.map(statusLabel) },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      // built as DOM nodes: a region's name comes from the documents and is never parsed as HTML
      formatter: (items) =>
        h(
          "div",
          { class: "chart-tip" },
          h("strong", {}, items[0]?.name ?? ""),
          items
            .filter((it) => it.value)
            .map((it) => h("div", {}, h("span", { class: "tip-dot", style: { background: it.color } }), `${it.seriesName}：${fmtNumber(it.value, 0)}`)),
        ),
    },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: names, inverse: true },
    series: STATUSES.map((s) => ({
      name: statusLabel(s),
      type: "bar",
      stack: "status",
      barMaxWidth: 28,
      emphasis: { focus: "series" },
      data: regions.map((r) => r.counts?.[s] || 0),
    })),
  });
  chart.on("click", (p) => {
    const status = STATUSES[p.seriesIndex];
    go("ledger", { params: { region: names[p.dataIndex], status } });
  });
}

// A report is of one region: the reader picks it first, instead of a request the server refuses.
function reportPicker() {
  const select = h("select", { id: "overview-report-region", "aria-label": t("overview.reportRegion") }, h("option", { value: "" }, t("overview.reportRegion")));
  const message = h("span", { class: "muted small", id: "overview-report-message", role: "status" });
  const link = h("a", { class: "btn", id: "overview-report", href: "#", download: "" }, t("overview.report"));
  const update = () => {
    link.href = select.value ? apiUrl("report", { region: select.value, format: "docx" }).href : "#";
    message.textContent = "";
  };
  select.addEventListener("change", update);
  link.addEventListener("click", (e) => {
    if (select.value) return;
    e.preventDefault();
    message.textContent = t("overview.reportNeedsRegion");
    select.focus();
  });
  return h("span", { class: "report-picker" }, select, link, message);
}

function fillReportRegions(view, regions) {
  const select = view.querySelector("#overview-report-region");
  if (!select) return;
  for (const r of regions) if (r.region) select.append(h("option", { value: r.region }, r.region));
}
