// A unit's page: its tasks (as lead or co-unit), each target's light and its reports.

import { apiGet } from "./api.js";
import { clear, h } from "./dom.js";
import { t } from "./i18n.js";
import { session } from "./session.js";
import { taskCard } from "./page-my-tasks.js";
import { emptyBox, errorBox, loading, pageHeader } from "./ui.js";

export async function render(view, route, ctx) {
  const header = pageHeader(t("sup.unitTitle"), "");
  view.append(header);
  if (!session()) {
    view.append(errorBox({ message: t("reports.needLogin") }));
    return;
  }
  const body = h("div", { id: "unit-tasks" }, loading());
  view.append(body);
  const units = await apiGet("units");
  const unit = units.find((u) => String(u.id) === String(route.id));
  if (!ctx.alive()) return;
  if (!unit) {
    clear(body).append(errorBox({ message: t("error.notFound") }));
    return;
  }
  header.querySelector("h1").textContent = `${unit.name}（${unit.region}）`;
  const refresh = async () => {
    const tasks = await apiGet("tasks", { unit_id: unit.id });
    const full = await Promise.all(tasks.map((task) => apiGet(`tasks/${task.id}`)));
    if (!ctx.alive()) return;
    clear(body);
    if (!full.length) body.append(emptyBox(t("sup.none")));
    for (const task of full) body.append(taskCard(task, refresh, { report: false }));
  };
  await refresh();
}
