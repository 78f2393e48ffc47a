// ECharts, loaded as a classic script from static/vendor (no CDN: the dashboard works offline).
//
// Charts are kept in one list so that leaving a page disposes them (ECharts holds listeners and a
// canvas per chart) and so that a window resize reaches all of them.

import { getLang } from "./i18n.js";

const live = new Set();

// The same CJK-friendly stack as the CSS, so chart labels match the page.
export const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';

/** A new chart in el, in the reader's language; label is read out by screen readers. */
export function makeChart(el, label) {
  const echarts = window.echarts;
  el.setAttribute("role", "img");
  if (label) el.setAttribute("aria-label", label);
  const chart = echarts.init(el, null, { renderer: "canvas", locale: getLang() === "en" ? "EN" : "ZH" });
  live.add(chart);
  return chart;
}

/** Base options every chart shares: font, grid, tooltip style. */
export function baseOption() {
  return {
    textStyle: { fontFamily: FONT, color: "#263238" },
    animationDuration: 300,
    grid: { left: 56, right: 24, top: 48, bottom: 40, containLabel: true },
    tooltip: { confine: true, textStyle: { fontFamily: FONT } },
  };
}

export function disposeCharts() {
  for (const chart of live) chart.dispose();
  live.clear();
}

window.addEventListener("resize", () => {
  for (const chart of live) chart.resize();
});
