// Building DOM nodes without innerHTML.
//
// Documents and statements come from the outside world: a document may well contain "<script>".
// Every piece of text therefore enters the page as a text node (textContent), and markup is only
// ever made of elements created here.  h() is the one way the pages build their HTML.

/**
 * h("a", {href: "#/x", class: "btn", on: {click: fn}}, "text", childNode, [more, children])
 *
 * attrs: class / text / on (event listeners) / dataset / any other attribute (set with
 * setAttribute, so a value is never parsed as markup).  null/undefined/false attrs are skipped.
 * children: strings and numbers become text nodes; arrays are flattened; null is skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
    else if (name === "text") el.textContent = String(value);
    else if (name === "on") for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (name === "style" && typeof value === "object") Object.assign(el.style, value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

/** Appends children (text, nodes, nested arrays) to el. */
export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Removes every child of el. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** A <select> with a label, for the filter bars.  options: [[value, text], ...]. */
export function selectField({ id, label, options, value, onChange }) {
  const select = h(
    "select",
    { id, name: id, on: { change: (e) => onChange(e.target.value) } },
    options.map(([v, text]) => h("option", { value: v, selected: String(v) === String(value ?? "") }, text)),
  );
  return h("div", { class: "field" }, h("label", { for: id }, label), select);
}

/** A table from column definitions: [{label, cell(row) -> node|string, class}]. */
export function table(columns, rows, { caption, className = "data" } = {}) {
  return h(
    "table",
    { class: className },
    caption ? h("caption", { class: "visually-hidden" }, caption) : null,
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col", class: c.class }, c.label)))),
    h(
      "tbody",
      {},
      rows.map((row) => h("tr", {}, columns.map((c) => h("td", { class: c.class }, c.cell(row))))),
    ),
  );
}
