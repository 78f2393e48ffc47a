// Supervision (督查督办): the words and the pieces the task pages share — light badges, a target's
// line, the progress form (multipart, with an evidence file) and downloads that need the session.

import { apiBlob, apiSendForm } from "./api.js";
import { h } from "./dom.js";
import { fmtNumber } from "./format.js";
import { addWords, t } from "./i18n.js";
import { errorBox } from "./ui.js";

addWords(
  {
    "nav.my-tasks": "我的任务",
    "nav.board": "督查看板",
    "nav.queue": "审核队列",
    "nav.unit": "单位任务",
    "light.green": "绿灯",
    "light.yellow": "黄灯",
    "light.red": "红灯",
    "light.grey": "灰灯",
    "light.none": "无灯",
    "sup.myTitle": "我的任务",
    "sup.myLead": "本单位承担的督查任务：按期报送进度（截至当期的累计值、增速或当前值），附佐证材料；退回的报告修改后重新报送。",
    "sup.boardTitle": "督查看板",
    "sup.boardLead": "各单位、各目标的序时进度灯，逾期未报的排在最前。",
    "sup.queueTitle": "审核队列",
    "sup.queueLead": "待审核的进度报告：通过，或写明理由后退回。全年数据审核通过后记入台账。",
    "sup.unitTitle": "单位任务",
    "sup.task": "任务",
    "sup.unit": "单位",
    "sup.lead": "牵头单位",
    "sup.co": "责任单位",
    "sup.goal": "目标",
    "sup.share": "分解",
    "sup.latest": "最新进度",
    "sup.light": "序时进度",
    "sup.rule": "判定规则",
    "sup.overdue": "逾期期次",
    "sup.period": "报送期次",
    "sup.value": "截至本期数值",
    "sup.narrative": "进展情况",
    "sup.evidence": "佐证材料",
    "sup.document": "或：库中文件",
    "sup.docHint": "文件编号（可选）",
    "sup.submit": "报送进度",
    "sup.history": "报送记录",
    "sup.status.submitted": "待审核",
    "sup.status.approved": "已通过",
    "sup.status.returned": "已退回",
    "sup.reviewNote": "审核意见",
    "sup.approve": "通过",
    "sup.return": "退回",
    "sup.commentNeeded": "退回理由",
    "sup.none": "暂无任务。",
    "sup.queueEmpty": "没有待审核的报告。",
    "sup.ledger": "台账状态",
    "sup.assign": "分配任务",
    "sup.title": "任务名称",
    "sup.targets": "目标",
    "sup.frequency": "报送频率",
    "sup.monthly": "按月",
    "sup.quarterly": "按季",
    "sup.deadline": "截止日期",
    "sup.split": "目标分解",
    "sup.splitTarget": "分解的目标",
    "sup.shares": "各单位分解值（每行：单位=数值）",
    "sup.warning": "提示",
    "sup.bulletin": "督查通报",
    "sup.notices": "催办通知",
    "sup.region": "地区",
    "sup.asOf": "截至日期",
    "sup.done": "已保存。",
    "sup.calendar": "订阅日历",
    "sup.calendarHint": "在日历程序中订阅此地址（请勿外传）：",
    "sup.by": "报送人",
    "sup.ledgerActual": "台账实际值",
    "sup.superseded": "另有数据（未采用）",
    "prov.extracted": "公开文件",
    "prov.manual": "人工录入",
    "prov.reported": "单位报送",
    "sup.at": "时间",
  },
  {
    "nav.my-tasks": "My tasks",
    "nav.board": "Supervision board",
    "nav.queue": "Approval queue",
    "nav.unit": "Unit",
    "light.green": "green",
    "light.yellow": "yellow",
    "light.red": "red",
    "light.grey": "grey",
    "light.none": "no light",
    "sup.myTitle": "My tasks",
    "sup.myLead": "The tasks of your units: report each period's figure to date with evidence; a returned report is corrected and sent again.",
    "sup.boardTitle": "Supervision board",
    "sup.boardLead": "Each unit's targets and their schedule lights, overdue reports first.",
    "sup.queueTitle": "Approval queue",
    "sup.queueLead": "Progress reports awaiting review: approve, or return with a reason. An approved whole-year figure enters the ledger.",
    "sup.unitTitle": "Unit",
    "sup.task": "Task",
    "sup.unit": "Unit",
    "sup.lead": "Lead unit",
    "sup.co": "Co-units",
    "sup.goal": "Target",
    "sup.share": "share",
    "sup.latest": "Latest figure",
    "sup.light": "Schedule",
    "sup.rule": "Rule",
    "sup.overdue": "Overdue periods",
    "sup.period": "Period",
    "sup.value": "Value to date",
    "sup.narrative": "Progress",
    "sup.evidence": "Evidence",
    "sup.document": "or: a stored document",
    "sup.docHint": "document id (optional)",
    "sup.submit": "Submit progress",
    "sup.history": "Reports",
    "sup.status.submitted": "awaiting review",
    "sup.status.approved": "approved",
    "sup.status.returned": "returned",
    "sup.reviewNote": "Review note",
    "sup.approve": "Approve",
    "sup.return": "Return",
    "sup.commentNeeded": "Reason for returning",
    "sup.none": "No tasks yet.",
    "sup.queueEmpty": "No reports await review.",
    "sup.ledger": "Ledger status",
    "sup.assign": "Assign a task",
    "sup.title": "Title",
    "sup.targets": "Targets",
    "sup.frequency": "Frequency",
    "sup.monthly": "monthly",
    "sup.quarterly": "quarterly",
    "sup.deadline": "Deadline",
    "sup.split": "Split a target",
    "sup.splitTarget": "Target to split",
    "sup.shares": "Shares (one per line: unit=value)",
    "sup.warning": "Note",
    "sup.bulletin": "Supervision bulletin",
    "sup.notices": "Reminders",
    "sup.region": "Region",
    "sup.asOf": "As of",
    "sup.done": "Saved.",
    "sup.calendar": "Calendar feed",
    "sup.calendarHint": "Subscribe to this address in a calendar program (keep it private):",
    "sup.by": "By",
    "sup.ledgerActual": "Ledger result",
    "sup.superseded": "Also reported (not used)",
    "prov.extracted": "published document",
    "prov.manual": "entered by hand",
    "prov.reported": "reported by the unit",
    "sup.at": "When",
  },
);

/** A light as a coloured badge, its rule as the tooltip. */
export function lightBadge(light) {
  return h("span", { class: `light light-${light.colour}`, dataset: { light: light.colour }, title: light.rule }, t(`light.${light.colour}`));
}

function unitOf(target) {
  return target.measure === "growth" ? "%" : target.unit || "";
}

/** What the unit answers for: its share of a split target, else the target. */
export function goalText(target) {
  const goal = target.share ?? target.value;
  if (goal === null || goal === undefined) return t("common.none");
  return `${fmtNumber(goal)}${unitOf(target)}${target.share !== null && target.share !== undefined ? `（${t("sup.share")}）` : ""}`;
}

export function latestText(target) {
  if (!target.period || target.light.actual === null || target.light.actual === undefined) return t("common.none");
  return `${target.period}：${fmtNumber(target.light.actual)}${unitOf(target)}`;
}

/** The periods of a task's year. */
export function periodsOf(task) {
  if (task.frequency === "monthly") return Array.from({ length: 12 }, (_, i) => `${task.year}-${String(i + 1).padStart(2, "0")}`);
  return [1, 2, 3, 4].map((q) => `${task.year}-Q${q}`);
}

export function statusText(status) {
  return h("span", { class: `report-status rs-${status}`, dataset: { status } }, t(`sup.status.${status}`));
}

/** A button that downloads what needs the session (evidence, a bulletin). */
export function downloadButton(label, path, params = {}, { id = null } = {}) {
  const out = h("span", {});
  const button = h("button", { type: "button", class: "btn btn-small", id, on: { click: async () => {
    out.replaceChildren();
    try {
      const { blob, name } = await apiBlob(path, params);
      const url = URL.createObjectURL(blob);
      const a = h("a", { href: url, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (err) {
      out.append(errorBox(err));
    }
  } } }, label);
  return h("span", {}, button, out);
}

/** The history of a target's reports. */
export function historyList(target) {
  if (!target.history?.length) return null;
  return h(
    "ol",
    { class: "sup-history", dataset: { target: String(target.id) } },
    target.history.map((p) =>
      h(
        "li",
        { dataset: { progress: String(p.id), status: p.status } },
        `${p.period} `,
        p.value !== null ? `${fmtNumber(p.value)} ` : "",
        statusText(p.status),
        ` · ${p.who} · ${p.at.slice(0, 16).replace("T", " ")}`,
        p.review_note ? h("span", { class: "review-note" }, ` · ${t("sup.reviewNote")}：${p.review_note}`) : null,
        p.evidence_id ? h("span", {}, " ", downloadButton(p.evidence_name || t("sup.evidence"), `evidence/${p.evidence_id}`)) : null,
      ),
    ),
  );
}

/** The progress form of a task target (reporters): period, value to date, narrative, evidence. */
export function progressForm(task, target, onDone) {
  const id = `p-${target.id}`;
  const period = h("select", { id: `${id}-period`, class: "sup-period" }, periodsOf(task).map((p) => h("option", { value: p }, p)));
  const value = h("input", { type: "number", step: "any", id: `${id}-value`, class: "sup-value" });
  const narrative = h("textarea", { id: `${id}-narrative`, class: "sup-narrative", rows: "2", required: true });
  const evidence = h("input", { type: "file", id: `${id}-evidence`, class: "sup-evidence" });
  const docId = h("input", { type: "text", id: `${id}-doc`, class: "sup-doc", placeholder: t("sup.docHint") });
  const out = h("div", { class: "sup-message" });
  const form = h(
    "form",
    { class: "sup-form", id: `${id}-form`, dataset: { target: String(target.id) } },
    h("div", { class: "field" }, h("label", { for: `${id}-period` }, t("sup.period")), period),
    h("div", { class: "field" }, h("label", { for: `${id}-value` }, t("sup.value")), value),
    h("div", { class: "field" }, h("label", { for: `${id}-narrative` }, t("sup.narrative")), narrative),
    h("div", { class: "field" }, h("label", { for: `${id}-evidence` }, t("sup.evidence")), evidence),
    h("div", { class: "field" }, h("label", { for: `${id}-doc` }, t("sup.document")), docId),
    h("div", { class: "form-actions" }, h("button", { type: "submit", class: "btn btn-primary sup-submit" }, t("sup.submit"))),
    out,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    out.replaceChildren();
    const data = new FormData();
    data.append("period", period.value);
    data.append("narrative", narrative.value);
    if (value.value !== "") data.append("value", value.value);
    if (evidence.files.length) data.append("evidence", evidence.files[0], evidence.files[0].name);
    if (docId.value.trim()) data.append("doc_id", docId.value.trim());
    try {
      await apiSendForm("POST", `task-targets/${target.id}/progress`, data);
      await onDone();
    } catch (err) {
      out.append(errorBox(err));
    }
  });
  return form;
}

/** The ledger's result of a target, where it came from, and any figure it won over (a published
 * figure wins over one the unit reported: both are shown). */
export function ledgerActual(target) {
  const actual = target.ledger_actual;
  if (!actual || actual.value === null || actual.value === undefined) return null;
  const used = (actual.sources || []).find((s) => s.role === "actual");
  const lost = (actual.sources || []).filter((s) => s.role === "superseded");
  return h(
    "div",
    { class: "sup-ledger", dataset: { provenance: used?.provenance || "" } },
    h("p", {}, `${t("sup.ledgerActual")}：${fmtNumber(actual.value)}${actual.unit || ""}`, used ? `（${t(`prov.${used.provenance}`)}）` : ""),
    lost.length ? h("ul", {}, lost.map((s) => h("li", { dataset: { provenance: s.provenance } }, `${t("sup.superseded")}（${t(`prov.${s.provenance}`)}）：${s.text}`))) : null,
  );
}
