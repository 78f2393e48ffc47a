// Small pieces every page uses: headers, loading and error boxes, status badges, source links.

import { h } from "./dom.js";
import { fmtValue, statusLabel } from "./format.js";
import { t } from "./i18n.js";
import { href } from "./router.js";
import { loginHint } from "./session.js";

export function pageHeader(title, lead, ...actions) {
  return h(
    "header",
    { class: "page-header" },
    h("div", {}, h("h1", { id: "page-title" }, title), lead ? h("p", { class: "lead" }, lead) : null),
    actions.length ? h("div", { class: "page-actions" }, actions) : null,
  );
}

export function loading() {
  return h("div", { class: "loading", role: "status", "aria-live": "polite" }, h("span", { class: "spinner" }), t("common.loading"));
}

/** The server's own message (ApiError.message), with a retry button when there is something to retry. */
export function errorBox(err, retry = null) {
  return h(
    "div",
    { class: "error-box", role: "alert" },
    h("strong", {}, t("common.error")),
    h("p", { class: "error-message" }, err?.message || String(err)),
    retry ? h("button", { type: "button", class: "btn", on: { click: retry } }, t("common.retry")) : null,
    loginHint(err),
  );
}

export function emptyBox(text) {
  return h("p", { class: "empty" }, text);
}

export function statusBadge(status) {
  return h("span", { class: `badge st-${status}`, "data-status": status }, statusLabel(status));
}

export function kindBadge(kind) {
  return h("span", { class: `kind kind-${kind}` }, t(`kind.${kind}`));
}

/**
 * A figure that links to the sentence it was read from: #/document/<doc>?statement=<id>.
 * Figures entered by hand have no document to open, so they stay plain text with a note.
 */
export function sourceLink(text, { document, statementId, provenance = "extracted" } = {}) {
  if (!document || statementId === null || statementId === undefined || provenance === "manual") {
    const title = provenance === "manual" ? t("common.manual") : null;
    return h("span", { class: ["figure", provenance === "manual" && "manual"], title }, text);
  }
  return h(
    "a",
    {
      class: "figure",
      href: href("document", { id: document, params: { statement: statementId } }),
      title: t("ledger.sourceOf", { doc: document }),
      "data-statement": statementId,
    },
    text,
  );
}

/** The target's figure, linked to the target's own statement. */
export function targetLink(row) {
  const tg = row.target || {};
  const src = firstSource(row, (s) => s.role === "target" || s.kind === "target");
  return sourceLink(fmtValue(tg), {
    document: tg.document ?? src?.document,
    statementId: tg.statement_id ?? src?.statement_id,
    provenance: src?.provenance,
  });
}

/**
 * The result's figure.  A derived result (an average of several years) has no statement of its own:
 * it links to the latest result it was derived from, the first place a reader would check.
 */
export function actualLink(row) {
  const a = row.actual;
  if (!a) return t("common.none");
  const fig = { ...a, measure: a.measure ?? row.target?.measure };
  const results = (row.sources || []).filter((s) => s.role === "actual" || (!s.role && s.kind === "actual"));
  const src = results.find((s) => s.statement_id === a.statement_id) || results[results.length - 1];
  return sourceLink(fmtValue(fig), {
    document: a.document ?? src?.document,
    statementId: a.statement_id ?? src?.statement_id,
    provenance: a.provenance ?? src?.provenance,
  });
}

function firstSource(row, pred) {
  return (row.sources || []).find(pred) || null;
}

/** Small flags on a ledger row: conflict between sources, a status set by hand. */
export function rowFlags(row) {
  const flags = [];
  if (row.conflict) flags.push(h("span", { class: "flag flag-conflict", title: t("common.conflict") }, "≠"));
  if (row.override) {
    const o = row.override;
    flags.push(
      h("span", { class: "flag flag-override", title: `${t("common.override")}: ${o.reason || ""} (${o.who || ""})` }, "✎"),
    );
  }
  return flags;
}
