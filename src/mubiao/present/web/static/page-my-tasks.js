// My tasks (reporters): the tasks of one's own units, each target with its light and rule, the
// reports given so far (returned ones with the supervisor's note) and the form for the next one.

import { apiGet, apiSend } from "./api.js";
import { clear, h } from "./dom.js";
import { t } from "./i18n.js";
import { role, session } from "./session.js";
import { goalText, historyList, latestText, ledgerActual, lightBadge, progressForm } from "./supervision.js";
import { emptyBox, errorBox, loading, pageHeader } from "./ui.js";

export async function render(view, route, ctx) {
  view.append(pageHeader(t("sup.myTitle"), t("sup.myLead")));
  if (!session()) {
    view.append(errorBox({ message: t("reports.needLogin") }));
    return;
  }
  const body = h("div", { id: "my-tasks" }, loading());
  view.append(body);
  const refresh = async () => {
    const [tasks, notices] = await Promise.all([apiGet("tasks", { mine: "true" }), apiGet("notices", { unread: "true" })]);
    // the list has no history: each task is read whole
    const full = await Promise.all(tasks.map((task) => apiGet(`tasks/${task.id}`)));
    if (!ctx.alive()) return;
    clear(body);
    if (notices.length) body.append(noticeList(notices, refresh));
    if (!full.length) body.append(emptyBox(t("sup.none")));
    for (const task of full) body.append(taskCard(task, refresh));
    body.append(calendarBox());
  };
  await refresh();
}

function noticeList(notices, refresh) {
  return h(
    "section",
    { class: "card notices", id: "notices" },
    h("h2", {}, t("sup.notices")),
    h("ul", {}, notices.map((n) =>
      h("li", { dataset: { notice: String(n.id), kind: n.kind } }, n.text, " ",
        h("button", { type: "button", class: "btn btn-small", on: { click: async () => { await apiSend("POST", `notices/${n.id}/read`); await refresh(); } } }, "✓")),
    )),
  );
}

export function taskCard(task, refresh, { report = true } = {}) {
  const canReport = report && ["admin", "reporter"].includes(role());
  return h(
    "section",
    { class: "card sup-task", dataset: { task: String(task.id) } },
    h("h2", {}, task.title),
    h("p", { class: "lead" },
      `${task.region} · ${t("sup.lead")}：${task.lead_unit}`,
      task.co_units.length ? ` · ${t("sup.co")}：${task.co_units.join("、")}` : "",
      ` · ${t(`sup.${task.frequency}`)} · ${t("sup.deadline")}：${task.deadline}`),
    task.targets.map((target) =>
      h(
        "div",
        { class: "sup-target", dataset: { target: String(target.id), light: target.light.colour } },
        h("h3", {}, target.indicator, " ", lightBadge(target.light)),
        h("p", {}, `${t("sup.goal")}：${goalText(target)} · ${t("sup.latest")}：${latestText(target)}`,
          target.ledger_status ? ` · ${t("sup.ledger")}：${t(`status.${target.ledger_status}`)}` : ""),
        h("p", { class: "sup-rule" }, target.light.rule),
        ledgerActual(target),
        historyList(target),
        canReport ? progressForm(task, target, refresh) : null,
      ),
    ),
  );
}

function calendarBox() {
  const out = h("div", { id: "calendar-out" });
  const button = h("button", { type: "button", class: "btn btn-small", id: "calendar-new", on: { click: async () => {
    out.replaceChildren();
    try {
      const { path } = await apiSend("POST", "calendar");
      out.append(h("p", {}, t("sup.calendarHint"), " ", h("code", {}, new URL(path, document.baseURI).href)));
    } catch (err) {
      out.append(errorBox(err));
    }
  } } }, t("sup.calendar"));
  return h("section", { class: "card" }, button, out);
}
