// #/audit: the audit log, newest first — every change made by hand (results, overrides,
// corrections, documents corrected, read again or deleted, people), who made it, when, the old and
// the new value.  For supervisors and administrators (it names people).

import { apiGet } from "./api.js";
import { h } from "./dom.js";
import { fmtDateTime } from "./format.js";
import { addWords, t } from "./i18n.js";
import { emptyBox, loading, pageHeader } from "./ui.js";

addWords(
  {
    "nav.audit": "审计日志",
    "audit.title": "审计日志",
    "audit.lead": "所有人工修改，最新的在前：谁、何时、改了什么、原值和新值。",
    "audit.when": "时间",
    "audit.who": "操作人",
    "audit.table": "对象",
    "audit.row": "编号",
    "audit.field": "字段",
    "audit.old": "原值",
    "audit.new": "新值",
    "audit.none": "尚无修改记录。",
    "audit.table.statements": "条目",
    "audit.table.status_overrides": "状态改判",
    "audit.table.corrections": "更正",
    "audit.table.documents": "文件",
    "audit.table.users": "用户",
    "audit.table.units": "单位",
    "audit.table.unit_reports": "进展报告",
    "audit.table.credentials": "密钥",
  },
  {
    "nav.audit": "Audit log",
    "audit.title": "Audit log",
    "audit.lead": "Every change made by hand, newest first: who, when, what, the old and the new value.",
    "audit.when": "When",
    "audit.who": "Who",
    "audit.table": "What",
    "audit.row": "Id",
    "audit.field": "Field",
    "audit.old": "Old value",
    "audit.new": "New value",
    "audit.none": "No changes yet.",
    "audit.table.statements": "statement",
    "audit.table.status_overrides": "status override",
    "audit.table.corrections": "correction",
    "audit.table.documents": "document",
    "audit.table.users": "user",
    "audit.table.units": "unit",
    "audit.table.unit_reports": "progress report",
    "audit.table.credentials": "key",
  },
);

function tableName(name) {
  const key = `audit.table.${name}`;
  const s = t(key);
  return s === key ? name : s;
}

// a JSON value as stored, shown as text: strings without their quotes
function value(raw) {
  if (raw === null || raw === undefined) return t("common.none");
  try {
    const v = JSON.parse(raw);
    return typeof v === "string" ? v : JSON.stringify(v);
  } catch {
    return raw;
  }
}

export async function render(view, route, ctx) {
  view.append(pageHeader(t("audit.title"), t("audit.lead")));
  const placeholder = view.appendChild(loading());
  const rows = await apiGet("audit", { limit: 500 });
  if (!ctx.alive()) return;
  placeholder.remove();
  if (!rows.length) {
    view.append(emptyBox(t("audit.none")));
    return;
  }
  const cols = ["when", "who", "table", "row", "field", "old", "new"];
  view.append(h("table", { class: "data audit-log", id: "audit-log" },
    h("thead", {}, h("tr", {}, cols.map((c) => h("th", { scope: "col" }, t(`audit.${c}`))))),
    h("tbody", {}, rows.map((a) => h("tr", { dataset: { audit: a.id, table: a.table, row: a.row_id, field: a.field } },
      h("td", {}, fmtDateTime(a.at)), h("td", {}, a.who), h("td", {}, tableName(a.table)), h("td", {}, String(a.row_id)),
      h("td", {}, a.field), h("td", { class: "audit-old" }, value(a.old)), h("td", { class: "audit-new" }, value(a.new)))))));
}
