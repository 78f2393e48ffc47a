// A stored document: its original text with every claim highlighted, opened at ?statement=<id>
// (the ledger's figures link here) with that claim scrolled into view and emphasised.  For a
// supervisor or an administrator, the forms to correct its metadata (it is then extracted again,
// the corrections kept), to read it again and to delete it; for anyone logged in, the versions of
// its extraction.

import { apiGet, apiSend, invalidateCache } from "./api.js";
import { h } from "./dom.js";
import { docTypeLabel, fmtDateTime, fmtNumber, fmtPeriod, fmtValue, fmtYear } from "./format.js";
import { addWords, t } from "./i18n.js";
import { go, href } from "./router.js";
import { role } from "./session.js";
import { errorBox, loading, pageHeader } from "./ui.js";
import { claimViewer } from "./viewer.js";

addWords(
  {
    "docfix.title": "更正文件信息",
    "docfix.lead": "地区、年份、类型或标题识别有误时在此更正：文件将按更正后的信息重新提取，已有的更正保留。",
    "docfix.region": "地区",
    "docfix.year": "会议年份",
    "docfix.type": "文件类型",
    "docfix.titleField": "标题",
    "docfix.reason": "理由",
    "docfix.save": "更正并重新提取",
    "docfix.corrected": "已人工更正：{fields}",
    "docfix.done": "已重新提取：{before} → {after} 条；旧版本已保存为第 {version} 版。",
    "docfix.orphaned": "{n} 条更正无法对应到新提取结果，见“待处理更正”。",
    "docfix.reread": "重新提取",
    "docfix.rereadLead": "按当前程序重新提取这份文件（如提取程序升级后），旧版本保留。",
    "docfix.rereadReason": "提取程序升级",
    "docfix.delete": "删除文件",
    "docfix.deleteLead": "删除这份文件及其全部条目；旧版本保留，已有的更正转入“待处理更正”。",
    "docfix.deleteConfirm": "确认删除",
    "docfix.versions": "提取版本",
    "docfix.version": "版本",
    "docfix.why": "原因",
    "docfix.who": "操作人",
    "docfix.when": "时间",
    "docfix.extractor": "提取程序",
    "docfix.current": "当前版本",
    "docfix.why.reread": "重新提取",
    "docfix.why.metadata": "更正文件信息",
    "docfix.why.edition": "新版本文件",
    "docfix.why.deleted": "已删除",
    "docfix.field.region": "地区",
    "docfix.field.year": "年份",
    "docfix.field.doc_type": "类型",
    "docfix.field.title": "标题",
  },
  {
    "docfix.title": "Correct the document's details",
    "docfix.lead": "When its region, year, type or title was read wrong: the document is extracted again with the corrected details, and the corrections made to it are kept.",
    "docfix.region": "Region",
    "docfix.year": "Session year",
    "docfix.type": "Document type",
    "docfix.titleField": "Title",
    "docfix.reason": "Reason",
    "docfix.save": "Correct and extract again",
    "docfix.corrected": "Corrected by hand: {fields}",
    "docfix.done": "Extracted again: {before} → {after} statements; the old version kept as version {version}.",
    "docfix.orphaned": "{n} corrections no longer attach; see “Corrections to settle”.",
    "docfix.reread": "Extract again",
    "docfix.rereadLead": "Extract this document again with the current program (after an upgrade); the old version is kept.",
    "docfix.rereadReason": "extractor upgraded",
    "docfix.delete": "Delete the document",
    "docfix.deleteLead": "Deletes the document and all its statements; its versions are kept and its corrections listed as to settle.",
    "docfix.deleteConfirm": "Yes, delete it",
    "docfix.versions": "Versions of the extraction",
    "docfix.version": "Version",
    "docfix.why": "Why",
    "docfix.who": "By",
    "docfix.when": "When",
    "docfix.extractor": "Extractor",
    "docfix.current": "current",
    "docfix.why.reread": "extracted again",
    "docfix.why.metadata": "details corrected",
    "docfix.why.edition": "new edition",
    "docfix.why.deleted": "deleted",
    "docfix.field.region": "region",
    "docfix.field.year": "year",
    "docfix.field.doc_type": "type",
    "docfix.field.title": "title",
  },
);

const WRITERS = ["admin", "supervisor"];
const DOC_TYPES = ["work_report", "five_year_plan", "session_news", "statistical_bulletin", "other"];

export async function render(view, route, ctx) {
  const docId = route.id;
  const wanted = route.params.get("statement");
  const placeholder = view.appendChild(loading());
  const doc = await apiGet(`documents/${encodeURIComponent(docId)}`);
  if (!ctx.alive()) return;
  placeholder.remove();
  document.title = `${doc.title || doc.doc_id} · ${t("app.title")}`;

  view.append(pageHeader(doc.title || doc.file_name || doc.doc_id, null), documentMeta(doc));
  if (doc.corrected && Object.keys(doc.corrected).length) {
    const fields = Object.entries(doc.corrected).map(([k, v]) => `${t(`docfix.field.${k}`)} ${k === "doc_type" ? docTypeLabel(v) : v}`).join("，");
    view.append(h("p", { class: "doc-corrected", id: "doc-corrected" }, t("docfix.corrected", { fields })));
  }
  const notice = view.appendChild(h("div", { id: "doc-notice", role: "status" }));
  const said = sessionStorage.getItem("mubiao.docNotice");
  if (said) {
    sessionStorage.removeItem("mubiao.docNotice");
    notice.append(h("p", { class: "form-message" }, said));
  }

  const viewer = claimViewer(doc.original || "", doc.statements || [], {
    // picking a claim updates the address without re-rendering, so the link can be shared
    onSelect: (key) => history.replaceState(null, "", href("document", { id: docId, params: { statement: key } })),
  });
  view.append(viewer.el);

  if (WRITERS.includes(role())) view.append(metaForm(doc), rereadForm(doc), deleteForm(doc));
  if (role()) {
    const versions = await apiGet(`documents/${encodeURIComponent(docId)}/versions`).catch(() => null);
    if (!ctx.alive()) return;
    if (versions) view.append(versionsSection(versions));
  }

  if (wanted) {
    if (viewer.has(wanted)) {
      // after layout, so that scrolling finds the mark where it will stay
      requestAnimationFrame(() => viewer.select(wanted, { notify: false }));
    } else {
      view.insertBefore(errorBox({ message: t("document.notFoundStatement", { id: wanted }) }), viewer.el);
    }
  }
}

export function documentMeta(doc) {
  const items = [
    [t("common.region"), (doc.region_path?.length ? doc.region_path.join(" · ") : doc.region) || null],
    [t("documents.docType"), docTypeLabel(doc.doc_type)],
    [t("documents.reportYear"), doc.report_year ? fmtYear(doc.report_year) : null],
    [t("common.period"), doc.period ? fmtPeriod(doc.period) : null],
    [t("document.fileName"), doc.file_name],
    [t("document.format"), doc.format ? `${doc.format}${doc.encoding ? ` · ${doc.encoding}` : ""}` : null],
    [t("documents.statements"), fmtNumber(doc.statement_count ?? doc.statements?.length ?? 0, 0)],
    [t("documents.ingested"), doc.ingested_at ? fmtDateTime(doc.ingested_at) : null],
  ].filter(([, v]) => v);
  return h(
    "dl",
    { class: "meta-bar", "aria-label": t("document.meta") },
    items.map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", {}, v))),
  );
}

// the page drawn anew from the server, with what the write did said at its top
function redraw(message) {
  sessionStorage.setItem("mubiao.docNotice", message);
  invalidateCache();
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

function said(answer) {
  const done = t("docfix.done", { before: answer.before, after: answer.after, version: answer.version });
  return answer.orphaned ? `${done} ${t("docfix.orphaned", { n: answer.orphaned })}` : done;
}

function input(id, label, attrs = {}) {
  return h("label", { class: "field" }, label, " ", h("input", { id, name: id, ...attrs }));
}

function metaForm(doc) {
  const out = h("p", { class: "form-message", role: "status" });
  const type = h("select", { id: "doc-type", name: "doc_type" }, h("option", { value: "" }, "—"),
    DOC_TYPES.map((k) => h("option", { value: k }, docTypeLabel(k))));
  const form = h("form", { id: "doc-meta-form", class: "target-form" },
    h("h2", {}, t("docfix.title")), h("p", { class: "muted" }, t("docfix.lead")),
    input("doc-region", t("docfix.region"), { placeholder: doc.region || "" }),
    input("doc-year", t("docfix.year"), { type: "number", min: "1949", max: "2199", placeholder: doc.report_year || "" }),
    h("label", { class: "field" }, t("docfix.type"), " ", type),
    input("doc-title", t("docfix.titleField"), { placeholder: doc.title || "" }),
    input("doc-meta-reason", t("docfix.reason"), { required: "" }),
    h("button", { type: "submit", class: "btn btn-primary" }, t("docfix.save")), out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = { reason: form.querySelector("#doc-meta-reason").value };
    const region = form.querySelector("#doc-region").value.trim();
    const year = form.querySelector("#doc-year").value.trim();
    const title = form.querySelector("#doc-title").value.trim();
    if (region) body.region = region;
    if (year) body.year = Number(year);
    if (type.value) body.doc_type = type.value;
    if (title) body.title = title;
    try {
      const answer = await apiSend("PATCH", `documents/${encodeURIComponent(doc.doc_id)}`, { json: body });
      redraw(said(answer));
    } catch (err) {
      out.replaceChildren(errorBox(err));
    }
  });
  return form;
}

function rereadForm(doc) {
  const out = h("p", { class: "form-message", role: "status" });
  const reason = h("input", { id: "doc-reread-reason", name: "reason", required: "", value: t("docfix.rereadReason") });
  const form = h("form", { id: "doc-reread-form", class: "target-form" },
    h("h2", {}, t("docfix.reread")), h("p", { class: "muted" }, t("docfix.rereadLead")),
    h("label", { class: "field" }, t("docfix.reason"), " ", reason),
    h("button", { type: "submit", class: "btn" }, t("docfix.reread")), out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const answer = await apiSend("POST", `documents/${encodeURIComponent(doc.doc_id)}/reread`, { json: { reason: reason.value } });
      redraw(said(answer));
    } catch (err) {
      out.replaceChildren(errorBox(err));
    }
  });
  return form;
}

function deleteForm(doc) {
  const out = h("p", { class: "form-message", role: "status" });
  const reason = h("input", { id: "doc-delete-reason", name: "reason", required: "" });
  const sure = h("input", { type: "checkbox", id: "doc-delete-confirm", required: "" });
  const form = h("form", { id: "doc-delete-form", class: "target-form danger" },
    h("h2", {}, t("docfix.delete")), h("p", { class: "muted" }, t("docfix.deleteLead")),
    h("label", { class: "field" }, t("docfix.reason"), " ", reason),
    h("label", {}, sure, " ", t("docfix.deleteConfirm")),
    h("button", { type: "submit", class: "btn btn-danger" }, t("docfix.delete")), out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const path = `documents/${encodeURIComponent(doc.doc_id)}?reason=${encodeURIComponent(reason.value)}`;
      await apiSend("DELETE", path);
      invalidateCache();
      go("documents");
    } catch (err) {
      out.replaceChildren(errorBox(err));
    }
  });
  return form;
}

function versionsSection(versions) {
  return h("section", { class: "doc-versions", id: "doc-versions" },
    h("h2", {}, t("docfix.versions")),
    h("table", { class: "data" },
      h("thead", {}, h("tr", {}, [t("docfix.version"), t("docfix.why"), t("docfix.who"), t("docfix.when"), t("docfix.extractor"), t("documents.statements")].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, versions.map((v) => h("tr", { dataset: { version: v.version } },
        h("td", {}, String(v.version)),
        h("td", {}, v.current ? t("docfix.current") : t(`docfix.why.${v.why}`)),
        h("td", {}, v.who || ""),
        h("td", {}, fmtDateTime(v.superseded_at || v.extracted_at)),
        h("td", {}, v.extractor_version),
        h("td", {}, h("details", {}, h("summary", {}, fmtNumber(v.statements.length, 0)),
          h("ul", { class: "version-statements" }, v.statements.map((st) =>
            h("li", {}, `${t(`kind.${st.kind}`)} · ${st.indicator} · ${fmtValue(st)} · ${st.year ?? ""}`))))),
      )))));
}
