// The ledger: every target against its results, filtered by region, indicator, year and status.
//
// The filters live in the URL (#/ledger?region=…&status=…), so a filtered view is a link a
// supervisor can send on; changing a filter navigates and the page renders again from the URL.

import { apiGet, apiUrl } from "./api.js";
import { clear, h, selectField } from "./dom.js";
import { indicatorOptions, regionOptions, yearOptions } from "./filters.js";
import { fmtNumber, STATUSES, statusLabel } from "./format.js";
import { t } from "./i18n.js";
import { ledgerTable } from "./ledger-table.js";
import { go } from "./router.js";
import { emptyBox, errorBox, loading, pageHeader } from "./ui.js";

const FILTERS = ["region", "indicator_id", "year", "status", "as_of", "q", "sort"];
const SORTS = ["indicator", "region", "period", "status", "gap", "-gap", "required_pace", "-required_pace"];
const PER_PAGE = 100;

export async function render(view, route, ctx) {
  const params = Object.fromEntries(FILTERS.map((k) => [k, route.params.get(k) || ""]));
  const page = Math.max(1, Number(route.params.get("page")) || 1);

  view.append(pageHeader(t("ledger.title"), t("ledger.lead"), exportMenu(params)));
  const bar = view.appendChild(h("form", { class: "filters card", role: "search", "aria-label": t("ledger.filters") }, loading()));
  bar.addEventListener("submit", (e) => {
    // the search is sent on Enter: the words go into the URL like every other filter
    e.preventDefault();
    const q = bar.querySelector("#f-search")?.value.trim() || "";
    if (q !== params.q) go("ledger", { params: { ...params, q } });
  });
  const body = view.appendChild(h("div", {}, loading()));

  // the filter options and the rows are fetched together: neither waits for the other
  const [options, result] = await Promise.allSettled([
    Promise.all([regionOptions(), indicatorOptions(), yearOptions()]),
    apiGet("ledger", { ...params, page, per_page: PER_PAGE }),
  ]);
  if (!ctx.alive()) return;

  clear(bar);
  if (options.status === "fulfilled") {
    const [regions, indicators, years] = options.value;
    const set = (key) => (value) => go("ledger", { params: { ...params, [key]: value } });
    bar.append(
      selectField({ id: "f-region", label: t("common.region"), options: keep(regions, params.region), value: params.region, onChange: set("region") }),
      selectField({ id: "f-indicator", label: t("common.indicator"), options: keep(indicators, params.indicator_id), value: params.indicator_id, onChange: set("indicator_id") }),
      selectField({ id: "f-year", label: t("common.year"), options: keep(years, params.year), value: params.year, onChange: set("year") }),
      selectField({
        id: "f-status",
        label: t("common.status"),
        options: [["", t("common.all")], ...STATUSES.map((s) => [s, statusLabel(s)])],
        value: params.status,
        onChange: set("status"),
      }),
      selectField({ id: "f-as-of", label: t("ledger.asOf"), options: keep(years, params.as_of), value: params.as_of, onChange: set("as_of") }),
      selectField({
        id: "f-sort",
        label: t("ledger.sort"),
        options: [["", t("ledger.sortDefault")], ...SORTS.map((k) => [k, t(`ledger.sort.${k}`)])],
        value: params.sort,
        onChange: set("sort"),
      }),
      h(
        "label",
        { class: "field" },
        h("span", {}, t("ledger.search")),
        h("input", { type: "search", id: "f-search", name: "q", value: params.q, placeholder: t("ledger.searchHint") }),
      ),
      h("a", { class: "btn btn-quiet", href: "#/ledger", id: "f-reset" }, t("common.reset")),
    );
  } else {
    bar.append(errorBox(options.reason));
  }

  clear(body);
  if (result.status === "rejected") {
    body.append(errorBox(result.reason, () => go("ledger", { params })));
    return;
  }
  const { items = [], total = items.length, counts = null } = result.value;
  body.append(
    h(
      "section",
      { class: "card" },
      h("div", { class: "table-head" }, h("p", { class: "count-line", id: "ledger-count" }, t("ledger.count", { n: fmtNumber(total, 0) })), statusChips(counts, items)),
      items.length ? ledgerTable(items, { caption: t("ledger.title") }) : emptyBox(t("common.empty")),
      pager(page, total, params),
    ),
  );
}

/** A filter value from the URL that is not among the options (an old link) still shows as chosen. */
function keep(options, value) {
  if (!value || options.some(([v]) => String(v) === String(value))) return options;
  return [...options, [value, value]];
}

/** How the filtered rows split by status over every page (the server counts them), in the status colours. */
function statusChips(served, rows) {
  let counts = served;
  if (!counts) {
    counts = {};
    for (const r of rows) counts[r.status] = (counts[r.status] || 0) + 1;
  }
  return h(
    "ul",
    { class: "chips", "aria-label": t("common.status") },
    STATUSES.filter((s) => counts[s]).map((s) => h("li", { class: `chip st-${s}` }, `${statusLabel(s)} ${counts[s]}`)),
  );
}

function pager(page, total, params) {
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  if (pages <= 1) return null;
  const to = (p) => () => go("ledger", { params: { ...params, page: p } });
  return h(
    "nav",
    { class: "pager", "aria-label": t("common.page", { page, pages }) },
    h("button", { type: "button", class: "btn", disabled: page <= 1, on: { click: to(page - 1) } }, t("common.prev")),
    h("span", {}, t("common.page", { page, pages })),
    h("button", { type: "button", class: "btn", disabled: page >= pages, on: { click: to(page + 1) } }, t("common.next")),
  );
}

/** Downloads of the ledger as shown (every filter carries over) and of the region's report. */
function exportMenu(filters) {
  const link = (path, params, label) => h("a", { class: "btn", href: apiUrl(path, params).href, download: "" }, label);
  const report = { region: filters.region, as_of: filters.as_of };
  return h(
    "div",
    { class: "btn-group", role: "group", "aria-label": t("ledger.export") },
    h("span", { class: "btn-group-label" }, t("ledger.export")),
    link("export", { ...filters, format: "csv" }, t("ledger.exportCsv")),
    link("export", { ...filters, format: "xlsx" }, t("ledger.exportXlsx")),
    link("export", { ...filters, format: "json" }, t("ledger.exportJson")),
    link("report", { ...report, format: "docx" }, t("ledger.reportDocx")),
    link("report", { ...report, format: "html" }, t("ledger.reportHtml")),
  );
}
