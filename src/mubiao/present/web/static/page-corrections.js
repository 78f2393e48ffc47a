// #/corrections: the corrections that attach to nothing now (their document was extracted again
// and the claim is gone, or the document was deleted), with what each was, and for a supervisor
// or an administrator the actions: apply it to a statement chosen by hand, or set it aside.

import { apiGet, apiSend, invalidateCache } from "./api.js";
import { correctionWords } from "./corrections.js";
import { h } from "./dom.js";
import { fmtDateTime, fmtValue } from "./format.js";
import { addWords, t } from "./i18n.js";
import { href } from "./router.js";
import { role } from "./session.js";
import { emptyBox, errorBox, loading, pageHeader } from "./ui.js";

addWords(
  {
    "nav.corrections": "待处理更正",
    "orphans.title": "待处理更正",
    "orphans.lead": "这些更正在文件重新提取或删除后找不到对应的条目。可以把它对应到选定的条目，或搁置（均记入审计日志）。",
    "orphans.none": "没有待处理的更正。",
    "orphans.was": "原文",
    "orphans.document": "文件",
    "orphans.documentIs": "文件：",
    "orphans.documentGone": "{doc}（已删除）",
    "orphans.by": "{who} 于 {when}：{reason}",
    "orphans.attach": "对应到条目",
    "orphans.pick": "选择条目",
    "orphans.statementId": "或输入条目编号",
    "orphans.dismiss": "搁置",
    "orphans.reason": "理由",
    "orphans.done": "已处理。",
  },
  {
    "nav.corrections": "To settle",
    "orphans.title": "Corrections to settle",
    "orphans.lead": "These corrections match no statement since their document was extracted again or deleted. Apply each to a statement you choose, or set it aside (both audited).",
    "orphans.none": "No corrections to settle.",
    "orphans.was": "Text",
    "orphans.document": "Document",
    "orphans.documentIs": "Document: ",
    "orphans.documentGone": "{doc} (deleted)",
    "orphans.by": "{who} at {when}: {reason}",
    "orphans.attach": "Apply to a statement",
    "orphans.pick": "Choose a statement",
    "orphans.statementId": "or its id",
    "orphans.dismiss": "Set aside",
    "orphans.reason": "Reason",
    "orphans.done": "Done.",
  },
);

const WRITERS = ["admin", "supervisor"];

export async function render(view, route, ctx) {
  view.append(pageHeader(t("orphans.title"), t("orphans.lead")));
  const placeholder = view.appendChild(loading());
  const orphans = await apiGet("corrections", { status: "orphaned" });
  // the statements each orphan could go to: those of its document, when it still exists
  const docs = {};
  for (const docId of new Set(orphans.map((c) => c.doc_id))) {
    docs[docId] = await apiGet(`documents/${encodeURIComponent(docId)}`).catch(() => null);
  }
  if (!ctx.alive()) return;
  placeholder.remove();
  if (!orphans.length) {
    view.append(emptyBox(t("orphans.none")));
    return;
  }
  const writer = WRITERS.includes(role());
  view.append(h("ul", { class: "orphans" }, orphans.map((c) => orphanItem(c, docs[c.doc_id], writer))));
}

function again() {
  invalidateCache();
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

function orphanItem(c, doc, writer) {
  const where = doc
    ? h("a", { href: href("document", { id: c.doc_id }) }, c.doc_id)
    : t("orphans.documentGone", { doc: c.doc_id });
  return h("li", { class: "orphan card", dataset: { correction: c.id } },
    h("p", {}, h("strong", { class: "orphan-change" }, correctionWords(c))),
    h("p", {}, t("orphans.documentIs"), where),
    h("blockquote", { class: "orphan-text", title: t("orphans.was"), lang: "zh-CN" }, c.text),
    h("p", { class: "muted" }, t("orphans.by", { who: c.who, when: fmtDateTime(c.when), reason: c.reason })),
    writer ? attachForm(c, doc) : null,
    writer ? dismissForm(c) : null);
}

function attachForm(c, doc) {
  const out = h("span", { class: "form-message", role: "status" });
  const candidates = (doc?.statements || []).filter((s) => s.kind === c.kind);
  const pick = h("select", { id: `attach-pick-${c.id}` }, h("option", { value: "" }, t("orphans.pick")),
    candidates.map((s) => h("option", { value: s.id }, `#${s.id} ${s.indicator} ${fmtValue(s)} · ${s.text.slice(0, 40)}`)));
  const typed = h("input", { id: `attach-id-${c.id}`, type: "number", min: "1", placeholder: t("orphans.statementId") });
  const form = h("form", { class: "inline-form attach-form" }, candidates.length ? pick : null, " ", typed, " ",
    h("button", { type: "submit", class: "btn btn-small", id: `attach-${c.id}` }, t("orphans.attach")), out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const chosen = Number(typed.value || pick.value);
    if (!chosen) {
      out.textContent = t("orphans.pick");
      return;
    }
    try {
      await apiSend("POST", `corrections/${c.id}/reattach`, { json: { statement_id: chosen } });
      again();
    } catch (err) {
      out.replaceChildren(errorBox(err));
    }
  });
  return form;
}

function dismissForm(c) {
  const out = h("span", { class: "form-message", role: "status" });
  const reason = h("input", { id: `dismiss-reason-${c.id}`, required: "", placeholder: t("orphans.reason") });
  const form = h("form", { class: "inline-form dismiss-form" }, reason, " ",
    h("button", { type: "submit", class: "btn btn-small", id: `dismiss-${c.id}` }, t("orphans.dismiss")), out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await apiSend("POST", `corrections/${c.id}/dismiss`, { json: { reason: reason.value } });
      again();
    } catch (err) {
      out.replaceChildren(errorBox(err));
    }
  });
  return form;
}
