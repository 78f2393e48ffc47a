// The document viewer: the original text with every extracted claim highlighted, a details panel
// for the selected claim and the list of claims.  Used by the document page and the upload preview.
//
// Safety: the original is a document from outside and may contain markup or script.  It is cut into
// pieces at the statements' span boundaries and every piece becomes a text node (inside a <mark>
// when a claim covers it), so "<script>" in a document is shown as the characters < s c r i p t >.

import { h } from "./dom.js";
import { fmtPeriod, fmtValue, fmtYear } from "./format.js";
import { t } from "./i18n.js";
import { href } from "./router.js";
import { kindBadge } from "./ui.js";

/** The key a statement is known by: its store id, or its place in a preview (not stored, no id). */
export function statementKey(s, i) {
  return s.id === null || s.id === undefined ? `p${i}` : String(s.id);
}

/**
 * Builds the viewer.  Returns {el, select(key, {scroll}), has(key)}.
 * onSelect(key) is called when the reader picks a claim (to update the URL, for example).
 */
export function claimViewer(original, statements, { onSelect = null, linkIndicators = true } = {}) {
  const keyed = statements.map((s, i) => ({ s, key: statementKey(s, i) }));
  const marks = new Map(); // key -> [mark elements]
  const items = new Map(); // key -> list item
  let current = null;

  const details = h("div", { class: "claim-details", id: "claim-details", "aria-live": "polite" }, h("p", { class: "muted" }, t("document.selectHint")));

  const select = (key, { scroll = true, notify = true } = {}) => {
    // el is built below; select only runs after, on a click or a call from the page
    for (const node of el.querySelectorAll(".claim.focus, .claim-item.focus")) node.classList.remove("focus");
    current = key;
    const entry = keyed.find((k) => k.key === key);
    if (!entry) return false;
    for (const m of marks.get(key) || []) m.classList.add("focus");
    items.get(key)?.classList.add("focus");
    details.replaceChildren(...statementDetails(entry.s, linkIndicators));
    const first = (marks.get(key) || [])[0];
    // scroll the text and the list inside their own boxes: scrollIntoView would move the whole
    // window too and hide the document's title
    if (scroll && first) scrollWithin(text, first);
    if (scroll && items.get(key)) scrollWithin(list.parentElement, items.get(key));
    if (notify && onSelect) onSelect(key);
    return true;
  };

  const text = h("div", { class: "doc-text", id: "doc-text", lang: "zh-CN" }, buildText(original, keyed, marks, select));
  const list = h(
    "ol",
    { class: "claim-list", "aria-label": t("document.statements", { n: statements.length }) },
    keyed.map(({ s, key }) => {
      const li = h(
        "li",
        { class: `claim-item claim-item-${s.kind}`, dataset: { key } },
        h(
          "button",
          { type: "button", on: { click: () => select(key) } },
          kindBadge(s.kind),
          h("span", { class: "claim-item-name" }, s.indicator),
          h("span", { class: "claim-item-value" }, fmtValue(s)),
          s.year ? h("span", { class: "muted small" }, fmtYear(s.year)) : null,
        ),
      );
      items.set(key, li);
      return li;
    }),
  );

  const el = h(
    "div",
    { class: "viewer" },
    h(
      "article",
      { class: "card doc-card", "aria-label": t("document.title") },
      h(
        "div",
        { class: "legend" },
        h("span", { class: "claim claim-target legend-swatch" }, t("document.legendTarget")),
        h("span", { class: "claim claim-actual legend-swatch" }, t("document.legendActual")),
      ),
      text,
    ),
    h(
      "aside",
      { class: "viewer-side" },
      h("section", { class: "card" }, h("h2", {}, t("document.selected")), details),
      h("section", { class: "card claims-card" }, h("h2", {}, t("document.statements", { n: statements.length })), list),
    ),
  );
  return { el, select, has: (key) => keyed.some((k) => k.key === key), current: () => current };
}

/** Scrolls box so that child sits in its middle (box must be the child's offsetParent or contain it). */
function scrollWithin(box, child) {
  const boxRect = box.getBoundingClientRect();
  const rect = child.getBoundingClientRect();
  box.scrollTop += rect.top - boxRect.top - (box.clientHeight - rect.height) / 2;
}

/**
 * The original cut at every span boundary.  Offsets are Python's (code points), so the text is split
 * into code points rather than UTF-16 units: a rare character outside the BMP does not shift the marks.
 */
function buildText(original, keyed, marks, select) {
  const chars = Array.from(original || "");
  const n = chars.length;
  const spans = keyed
    .map(({ s, key }) => ({ s, key, a: s.span?.[0], b: s.span?.[1] }))
    .filter((x) => Number.isInteger(x.a) && Number.isInteger(x.b) && x.a >= 0 && x.b <= n && x.a < x.b);
  const cuts = [...new Set([0, n, ...spans.flatMap((x) => [x.a, x.b])])].sort((p, q) => p - q);
  const frag = document.createDocumentFragment();
  for (let i = 0; i < cuts.length - 1; i++) {
    const [x, y] = [cuts[i], cuts[i + 1]];
    const piece = chars.slice(x, y).join("");
    const over = spans.filter((sp) => sp.a <= x && sp.b >= y);
    if (!over.length) {
      frag.append(document.createTextNode(piece));
      continue;
    }
    const kinds = new Set(over.map((o) => o.s.kind));
    const keys = over.map((o) => o.key);
    const title = over.map((o) => claimTitle(o.s)).join("\n");
    // a piece covered by several claims selects the narrowest: the figure rather than its sentence
    const best = over.reduce((p, q) => (q.b - q.a < p.b - p.a ? q : p)).key;
    // whitespace inside a span (a table row's line breaks and indents) stays unmarked, so a
    // highlighted table row reads as its cells rather than as blocks of colour
    for (const part of piece.split(/(\s+)/)) {
      if (!part) continue;
      if (!/\S/.test(part)) {
        frag.append(document.createTextNode(part));
        continue;
      }
      const mark = h(
        "mark",
        {
          class: ["claim", kinds.size > 1 ? "claim-mixed" : `claim-${[...kinds][0]}`, over.length > 1 && "claim-multi"],
          tabindex: "0",
          title,
          dataset: { statements: keys.join(" ") },
        },
        part,
      );
      mark.addEventListener("click", () => select(best, { scroll: false }));
      mark.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          select(best, { scroll: false });
        }
      });
      for (const k of keys) {
        if (!marks.has(k)) marks.set(k, []);
        marks.get(k).push(mark);
      }
      frag.append(mark);
    }
  }
  return frag;
}

/** The tooltip of a highlighted claim: kind · indicator · value · year. */
function claimTitle(s) {
  return [t(`kind.${s.kind}`), s.indicator, fmtValue(s), s.year ? fmtYear(s.year) : null, s.region].filter(Boolean).join(" · ");
}

/** The fields of a statement as a definition list. */
function statementDetails(s, linkIndicators) {
  const row = (label, value) => (value === null || value === undefined || value === "" ? null : [h("dt", {}, label), h("dd", {}, value)]);
  const indicator = s.indicator_id && linkIndicators ? h("a", { href: href("indicator", { id: s.indicator_id, params: { region: s.region } }) }, s.indicator) : s.indicator;
  const dl = h(
    "dl",
    { class: "fields" },
    row(t("common.kind"), kindBadge(s.kind)),
    row(t("common.indicator"), indicator),
    row(t("common.value"), h("strong", { class: "claim-value" }, fmtValue(s))),
    row(t("common.year"), s.year ? fmtYear(s.year) : null),
    row(t("common.period"), s.period ? fmtPeriod(s.period) : null),
    row(t("common.region"), s.region),
    row(t("document.measure"), `${t(`measure.${s.measure}`)}${s.cumulative ? ` · ${t("fmt.cumulative")}` : ""}${s.attribute ? ` · ${s.attribute}` : ""}`),
    row("ID", s.id ?? null),
    s.damaged ? row("⚠", t("common.damaged")) : null,
  );
  const out = [dl, h("blockquote", { class: "claim-text" }, s.text)];
  if (linkIndicators && s.id !== null && s.id !== undefined && s.region) {
    out.push(h("a", { class: "btn btn-quiet", href: href("ledger", { params: { region: s.region, indicator_id: s.indicator_id || "" } }) }, t("document.inLedger")));
  }
  return out;
}
