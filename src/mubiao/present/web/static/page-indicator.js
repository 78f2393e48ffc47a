// Indicators: #/indicators lists those the documents speak of; #/indicator/<id>?region=… charts one:
// its targets and results over the years, and the dashed path still needed to reach a five-year target.

import { apiGet, apiGetAll, cached } from "./api.js";
import { baseOption, makeChart } from "./charts.js";
import { clear, h, selectField, table } from "./dom.js";
import { fmtNumber, fmtPeriod, fmtValue, fmtYear } from "./format.js";
import { t } from "./i18n.js";
import { ledgerTable } from "./ledger-table.js";
import { go, href } from "./router.js";
import { emptyBox, errorBox, kindBadge, loading, pageHeader, sourceLink } from "./ui.js";

export function render(view, route, ctx) {
  return route.id ? renderOne(view, route, ctx) : renderList(view, route, ctx);
}

// ------------------------------------------------------------------ the list

async function renderList(view, route, ctx) {
  view.append(pageHeader(t("indicators.title"), t("indicators.lead")));
  const body = view.appendChild(h("div", {}, loading()));
  const list = await cached("indicators");
  if (!ctx.alive()) return;
  const used = list.filter((i) => (i.statements ?? 1) > 0);
  clear(body);
  if (!used.length) {
    body.append(emptyBox(t("overview.noData")));
    return;
  }
  const groups = h("div", { class: "indicator-groups" });
  const search = h("input", { type: "search", id: "indicator-search", placeholder: t("indicators.search"), "aria-label": t("indicators.search") });
  const draw = () => {
    const q = search.value.trim().toLowerCase();
    const shown = used.filter((i) => !q || `${i.name} ${i.id} ${i.category || ""}`.toLowerCase().includes(q));
    const byCat = new Map();
    for (const i of shown) {
      const cat = i.category || t("doctype.other");
      if (!byCat.has(cat)) byCat.set(cat, []);
      byCat.get(cat).push(i);
    }
    clear(groups);
    // the categories most written about first (经济 before 治理), as a planner would look for them
    const weight = (items) => items.reduce((n, i) => n + (i.statements || 0), 0);
    for (const [cat, items] of [...byCat].sort((a, b) => weight(b[1]) - weight(a[1]))) {
      items.sort((a, b) => (b.statements || 0) - (a.statements || 0));
      groups.append(
        h(
          "section",
          { class: "card indicator-group" },
          h("h2", {}, cat),
          h(
            "ul",
            { class: "indicator-list" },
            items.map((i) =>
              h(
                "li",
                {},
                h("a", { href: href("indicator", { id: i.id }), dataset: { indicator: i.id } }, i.name || i.id),
                h("span", { class: "muted small" }, ` ${fmtNumber(i.statements || 0, 0)} ${t("indicators.statements")}`),
              ),
            ),
          ),
        ),
      );
    }
    if (!shown.length) groups.append(emptyBox(t("common.empty")));
  };
  search.addEventListener("input", draw);
  body.append(h("div", { class: "filters card" }, h("div", { class: "field field-wide" }, search)), groups);
  draw();
}

// ------------------------------------------------------------------ one indicator

async function renderOne(view, route, ctx) {
  const id = route.id;
  let region = route.params.get("region") || "";
  const header = view.appendChild(pageHeader(t("indicator.title"), null));
  const bar = view.appendChild(h("div", { class: "filters card" }, loading()));
  const body = view.appendChild(h("div", {}, loading()));

  // the series, and the regions where this indicator is stated (for the region picker); without
  // ?region= the API picks the region with the most statements of it and names it in the answer
  const [statementsResult, seriesResult] = await Promise.allSettled([
    apiGetAll("statements", { indicator_id: id }, { perPage: 500, maxPages: 10 }),
    apiGet(`indicators/${encodeURIComponent(id)}/series`, { region }),
  ]);
  if (!ctx.alive()) return;
  if (seriesResult.status === "rejected") {
    clear(bar);
    clear(body).append(errorBox(seriesResult.reason));
    return;
  }
  const series = seriesResult.value;
  const statements = statementsResult.status === "fulfilled" ? statementsResult.value : [];
  region = series.region || region;
  const regions = [...new Set(statements.map((s) => s.region).filter(Boolean))].sort((a, b) => a.localeCompare(b, "zh"));
  if (region && !regions.includes(region)) regions.unshift(region);

  clear(bar).append(
    selectField({
      id: "i-region",
      label: t("common.region"),
      options: regions.map((r) => [r, r]),
      value: region,
      onChange: (value) => go("indicator", { id, params: { region: value } }),
    }),
    h("a", { class: "btn btn-quiet", href: href("compare", { params: { indicator: id } }) }, t("indicator.compare")),
  );

  const name = indicatorName(series.indicator) || statements[0]?.indicator || id;
  header.querySelector("h1").textContent = `${name}${region ? ` · ${region}` : ""}`;
  document.title = `${name} · ${t("app.title")}`;
  clear(body);

  const points = [...(series.targets || []).map((p) => ({ ...p, kind: "target" })), ...(series.actuals || []).map((p) => ({ ...p, kind: "actual" }))];
  if (!points.some((p) => p.value !== null && p.value !== undefined)) {
    body.append(h("section", { class: "card" }, emptyBox(t("indicator.noSeries"))));
  } else {
    const chartEl = h("div", { class: "chart chart-indicator", id: "indicator-chart" });
    const note = h("p", { class: "muted small chart-note" });
    body.append(h("section", { class: "card" }, h("h2", {}, t("indicator.chart", { name })), chartEl, note));
    drawSeries(chartEl, note, series, points, name);
    body.append(h("section", { class: "card" }, h("h2", {}, t("indicator.figures")), pointsTable(points, statements)));
  }
  const rows = series.ledger || [];
  if (rows.length) {
    body.append(
      h("section", { class: "card" }, h("h2", {}, t("indicator.ledgerRows")), ledgerTable(rows, { region: false, indicator: false, caption: t("indicator.ledgerRows") })),
    );
  }
}

/** A five-year plan target carries its period: [2021, 2025] or "2021-2025". */
function isPlan(p) {
  if (Array.isArray(p.period)) return p.period.length === 2;
  return /^\d{4}-\d{4}$/.test(String(p.period || ""));
}

function indicatorName(ind) {
  if (!ind) return null;
  return typeof ind === "string" ? ind : ind.name || ind.id;
}

/**
 * Which axis a point belongs on.  Levels in different units, and growth rates, cannot share an
 * axis: the chart keeps the two most useful scales (the path's first, then the most points) and
 * says what it leaves out.
 */
function scaleOf(p) {
  return p.measure === "growth" ? "growth:%" : `${p.measure || "level"}:${p.unit || ""}`;
}

function scaleLabel(scale) {
  const [measure, unit] = scale.split(":");
  if (measure === "growth") return `${t("measure.growth")} %`;
  return unit || t(`measure.${measure}`);
}

function drawSeries(el, note, series, points, name) {
  const numeric = points.filter((p) => p.value !== null && p.value !== undefined && p.year);
  const counts = new Map();
  for (const p of numeric) counts.set(scaleOf(p), (counts.get(scaleOf(p)) || 0) + 1);
  // the path leads to the five-year target: its scale is the latest period target's
  const path = (series.path || []).filter((p) => p.value !== null && p.value !== undefined);
  const planTarget = numeric.filter((p) => p.kind === "target" && isPlan(p)).sort((a, b) => b.year - a.year)[0];
  const pathScale = path.length ? (planTarget ? scaleOf(planTarget) : [...counts.keys()][0]) : null;
  const scales = [...counts.keys()].sort((a, b) => (b === pathScale) - (a === pathScale) || counts.get(b) - counts.get(a)).slice(0, 2);
  const left = new Set(numeric.map(scaleOf)).size > scales.length ? [...counts.keys()].filter((s) => !scales.includes(s)) : [];
  note.textContent = left.length ? t("indicator.unitMix", { units: [...counts.keys()].map(scaleLabel).join("、"), unit: scales.map(scaleLabel).join("、") }) : "";

  const years = numeric.map((p) => Number(p.year)).concat(path.map((p) => Number(p.year)));
  const minY = Math.min(...years);
  const maxY = Math.max(...years);
  const cats = [];
  for (let y = minY; y <= maxY; y++) cats.push(String(y));

  const seriesList = [];
  const byPoint = []; // [seriesIndex][dataIndex] -> the statement drawn there, for clicks and tooltips
  const add = (s, pts) => {
    seriesList.push(s);
    byPoint.push(pts);
  };
  scales.forEach((scale, axis) => {
    const suffix = scales.length > 1 ? `（${scaleLabel(scale)}）` : "";
    const ofScale = numeric.filter((p) => scaleOf(p) === scale);
    const actuals = ofScale.filter((p) => p.kind === "actual");
    const targets = ofScale.filter((p) => p.kind === "target");
    if (actuals.length) {
      // one result per year (several documents may repeat it): the last stated wins, as in the ledger
      const pts = cats.map((y) => actuals.filter((p) => String(p.year) === y).pop() || null);
      const base = { name: `${t("indicator.actuals")}${suffix}`, yAxisIndex: axis, data: pts.map((p) => (p ? p.value : null)) };
      add(
        scale.startsWith("growth") || axis === 1
          ? { ...base, type: "line", connectNulls: false, symbol: "circle", symbolSize: 8, itemStyle: { color: "#00796b" }, lineStyle: { width: 2 } }
          : { ...base, type: "bar", barMaxWidth: 36, itemStyle: { color: "#5c8fc7", borderRadius: [3, 3, 0, 0] } },
        pts,
      );
    }
    if (targets.length) {
      // targets are points, not a trend: a year may have several (the year's own and the plan's)
      add(
        {
          name: `${t("indicator.targets")}${suffix}`,
          type: "scatter",
          yAxisIndex: axis,
          data: targets.map((p) => [String(p.year), p.value]),
          symbol: "diamond",
          symbolSize: 15,
          itemStyle: { color: axis === 0 ? "#c62828" : "#ef6c00", borderColor: "#fff", borderWidth: 1 },
          label: { show: true, position: "right", formatter: (d) => fmtNumber(d.value[1]), color: "#8e2a2a", fontWeight: 600 },
          z: 5,
        },
        targets,
      );
    }
  });
  if (path.length && pathScale && scales.includes(pathScale)) {
    add(
      {
        name: t("indicator.path"),
        type: "line",
        yAxisIndex: scales.indexOf(pathScale),
        data: path.map((p) => [String(p.year), p.value]),
        symbol: "emptyCircle",
        symbolSize: 6,
        lineStyle: { type: "dashed", width: 2, color: "#c62828" },
        itemStyle: { color: "#c62828" },
        z: 4,
      },
      path.map((p) => ({ ...p, kind: "path", measure: planTarget?.measure, unit: planTarget?.unit })),
    );
  }

  const chart = makeChart(el, t("indicator.chartLabel", { name }));
  chart.setOption({
    ...baseOption(),
    legend: { top: 0 },
    grid: { left: 16, right: 24, top: 56, bottom: 16, containLabel: true },
    tooltip: { trigger: "item", formatter: (item) => tooltip(item, byPoint) },
    xAxis: { type: "category", data: cats, axisLabel: { formatter: (y) => fmtYear(y) } },
    yAxis: scales.map((s, i) => ({
      type: "value",
      name: scaleLabel(s),
      position: i === 0 ? "left" : "right",
      // bars must start at zero; rates may be negative and take the range they need
      scale: false,
      splitLine: { show: i === 0 },
    })),
    series: seriesList,
  });
  // a point opens the sentence it was read from
  chart.on("click", async (p) => {
    const pt = byPoint[p.seriesIndex]?.[p.dataIndex];
    if (!pt || !pt.id) return;
    let doc = pt.doc || pt.document;
    if (!doc) {
      try {
        doc = (await apiGet(`statements/${pt.id}`)).doc;
      } catch {
        return;
      }
    }
    go("document", { id: doc, params: { statement: pt.id } });
  });
}

/** The tooltip as DOM nodes (ECharts accepts them): text from documents is never parsed as HTML. */
function tooltip(item, byPoint) {
  const pt = byPoint[item.seriesIndex]?.[item.dataIndex];
  const value = pt ? (pt.kind === "path" ? fmtValue({ ...pt, qualifier: "exact" }) : fmtValue(pt)) : fmtNumber(item.value);
  return h(
    "div",
    { class: "chart-tip" },
    h("strong", {}, fmtYear(pt?.year ?? item.name)),
    h("div", {}, h("span", { class: "tip-dot", style: { background: item.color } }), `${item.seriesName}：`, value),
    pt && isPlan(pt) ? h("div", { class: "muted" }, fmtPeriod(pt.period)) : null,
  );
}

/** The same figures as a table, each linked to its sentence. */
function pointsTable(points, statements) {
  const docOf = new Map(statements.map((s) => [s.id, s.doc]));
  const rows = points.filter((p) => p.year).sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind));
  return h(
    "div",
    { class: "table-wrap" },
    table(
      [
        { label: t("common.year"), cell: (p) => fmtYear(p.year) },
        { label: t("common.kind"), cell: (p) => kindBadge(p.kind) },
        { label: t("common.value"), class: "num", cell: (p) => sourceLink(fmtValue(p), { document: p.doc || p.document || docOf.get(p.id), statementId: p.id }) },
        { label: t("common.period"), cell: (p) => (isPlan(p) ? fmtPeriod(p.period) : t("common.none")) },
      ],
      rows,
      { caption: t("common.value"), className: "data compact" },
    ),
  );
}
