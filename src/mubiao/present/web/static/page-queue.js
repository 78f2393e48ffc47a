// The approval queue (supervisors): the progress reports awaiting review, each with its evidence;
// approve, or return with a reason.

import { apiGet, apiSend } from "./api.js";
import { clear, h, table } from "./dom.js";
import { fmtNumber } from "./format.js";
import { t } from "./i18n.js";
import { role } from "./session.js";
import { downloadButton } from "./supervision.js";
import { emptyBox, errorBox, loading, pageHeader } from "./ui.js";

export async function render(view, route, ctx) {
  view.append(pageHeader(t("sup.queueTitle"), t("sup.queueLead")));
  if (!["admin", "supervisor"].includes(role())) {
    view.append(errorBox({ message: t("reports.needLogin") }));
    return;
  }
  const body = h("div", { id: "queue" }, loading());
  view.append(body);
  const refresh = async () => {
    const waiting = await apiGet("progress", { status: "submitted" });
    if (!ctx.alive()) return;
    clear(body);
    if (!waiting.length) {
      body.append(emptyBox(t("sup.queueEmpty")));
      return;
    }
    const out = h("div", { id: "queue-message" });
    const review = (p, status, note) => async () => {
      out.replaceChildren();
      try {
        await apiSend("POST", `progress/${p.id}/review`, { json: { status, note: note ? note.value : "" } });
        await refresh();
      } catch (err) {
        out.append(errorBox(err));
      }
    };
    const list = table(
      [
        { label: t("sup.unit"), cell: (p) => p.unit },
        { label: t("common.indicator"), cell: (p) => p.indicator },
        { label: t("sup.period"), cell: (p) => p.period },
        { label: t("sup.value"), cell: (p) => (p.value === null ? t("common.none") : fmtNumber(p.value)) },
        { label: t("sup.narrative"), cell: (p) => p.narrative },
        { label: t("sup.evidence"), cell: (p) => (p.evidence_id ? downloadButton(p.evidence_name, `evidence/${p.evidence_id}`) : t("common.none")) },
        { label: t("sup.by"), cell: (p) => p.who },
        {
          label: t("reports.review"),
          cell: (p) => {
            const note = h("input", { type: "text", class: "review-comment", "aria-label": t("sup.commentNeeded"), placeholder: t("sup.commentNeeded") });
            return h("span", { class: "row-actions", dataset: { progress: String(p.id) } },
              h("button", { type: "button", class: "btn btn-small approve", on: { click: review(p, "approved", note) } }, t("sup.approve")),
              note,
              h("button", { type: "button", class: "btn btn-small return", on: { click: review(p, "returned", note) } }, t("sup.return")));
          },
        },
      ],
      waiting,
      { caption: t("sup.queueTitle") },
    );
    list.id = "queue-table";
    body.append(h("section", { class: "card" }, list, out));
  };
  await refresh();
}
