// Upload: pick a document, see what mubiao extracts from it (POST /api/extract stores nothing),
// then store it in the ledger (POST /api/documents).  Both need the access token: a preview costs
// the server as much as an upload.
//
// The token is kept in sessionStorage: it survives moving between pages of the dashboard but is
// forgotten when the tab closes, which suits a shared office computer.

import { apiGet, apiPostFile, invalidateCache } from "./api.js";
import { clear, h, table } from "./dom.js";
import { fmtNumber, fmtValue, fmtYear } from "./format.js";
import { t } from "./i18n.js";
import { href } from "./router.js";
import { errorBox, kindBadge, pageHeader } from "./ui.js";
import { documentMeta } from "./page-document.js";
import { claimViewer } from "./viewer.js";

const TOKEN_KEY = "mubiao.token";

export async function render(view, route, ctx) {
  view.append(pageHeader(t("upload.title"), t("upload.lead")));

  const input = h("input", { type: "file", id: "upload-file", name: "file", accept: ".txt,.htm,.html,.pdf,.docx,text/plain,text/html,application/pdf" });
  const fileName = h("span", { class: "file-name muted" });
  const drop = h(
    "label",
    { class: "dropzone", for: "upload-file" },
    h("span", { class: "dropzone-icon", "aria-hidden": "true" }, "⇪"),
    h("span", {}, t("upload.drop")),
    fileName,
  );
  const previewBtn = h("button", { type: "submit", class: "btn btn-primary", id: "upload-preview" }, t("upload.preview"));
  const token = h("input", { type: "password", id: "preview-token", autocomplete: "off", value: sessionStorage.getItem(TOKEN_KEY) || "", "aria-describedby": "preview-token-hint" });
  const tokenField = h(
    "div",
    { class: "field" },
    h("label", { for: "preview-token" }, t("upload.token")),
    token,
    h("p", { class: "muted small", id: "preview-token-hint" }, t("upload.tokenHint")),
  );
  const form = h("form", { class: "card upload-form", id: "upload-form" }, drop, input, tokenField, h("div", { class: "form-actions" }, previewBtn));
  const result = h("div", { id: "upload-result" });
  view.append(form, result);

  input.addEventListener("change", () => (fileName.textContent = input.files[0]?.name || ""));
  // dropping a file on the zone is the same as choosing it
  for (const ev of ["dragenter", "dragover"]) drop.addEventListener(ev, (e) => (e.preventDefault(), drop.classList.add("over")));
  for (const ev of ["dragleave", "drop"]) drop.addEventListener(ev, () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer?.files?.length) {
      input.files = e.dataTransfer.files;
      input.dispatchEvent(new Event("change"));
    }
  });

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const file = input.files[0];
    clear(result);
    if (!file) {
      result.append(errorBox({ message: t("upload.noFile") }));
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token.value);
    previewBtn.disabled = true;
    previewBtn.textContent = t("upload.previewing");
    try {
      const preview = await apiPostFile("extract", file, token.value);
      if (ctx.alive()) showPreview(result, file, preview);
    } catch (err) {
      if (ctx.alive()) result.append(errorBox(err));
    } finally {
      previewBtn.disabled = false;
      previewBtn.textContent = t("upload.preview");
    }
  });
}

function showPreview(result, file, preview) {
  const statements = preview.statements || [];
  const storePanel = storeForm(file);
  result.append(
    h("h2", { class: "section-title", id: "preview-count" }, t("upload.extracted", { n: fmtNumber(statements.length, 0) })),
    documentMeta({ ...preview.document, statement_count: statements.length }),
    storePanel,
    claimViewer(preview.original || "", statements, { linkIndicators: false }).el,
    h("section", { class: "card" }, h("h2", {}, t("document.statements", { n: statements.length })), statementsTable(statements)),
  );
}

/** The token field and the store button; the answer replaces the form. */
function storeForm(file) {
  const saved = sessionStorage.getItem(TOKEN_KEY) || "";
  const token = h("input", { type: "password", id: "upload-token", autocomplete: "off", value: saved, "aria-describedby": "token-hint" });
  const btn = h("button", { type: "submit", class: "btn btn-primary", id: "upload-store" }, t("upload.store"));
  const out = h("div", { class: "store-result", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "card store-form" },
    h("div", { class: "field" }, h("label", { for: "upload-token" }, t("upload.token")), token),
    btn,
    h("p", { class: "muted small", id: "token-hint" }, t("upload.tokenHint")),
    out,
  );
  // say early when the server takes no writes at all, rather than after a failed attempt
  apiGet("health")
    .then((health) => {
      if (health && health.writes === false) {
        btn.disabled = true;
        out.replaceChildren(h("p", { class: "muted" }, t("upload.noWrites")));
      }
    })
    .catch(() => {});
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, token.value);
    btn.disabled = true;
    btn.textContent = t("upload.storing");
    clear(out);
    try {
      const answer = await apiPostFile("documents", file, token.value);
      invalidateCache(); // the lists of documents, regions and indicators have changed
      const doc = answer.document || {};
      out.append(
        h(
          "p",
          { class: "success", id: "upload-stored" },
          t("upload.stored", { status: t(`upload.status.${answer.status}`), n: fmtNumber((answer.statements || []).length, 0) }),
          " ",
          h("a", { href: href("document", { id: doc.doc_id }), id: "upload-open" }, t("upload.open")),
        ),
      );
    } catch (err) {
      out.append(errorBox(err));
    } finally {
      btn.disabled = false;
      btn.textContent = t("upload.store");
    }
  });
  return form;
}

function statementsTable(statements) {
  return h(
    "div",
    { class: "table-wrap" },
    table(
      [
        { label: t("common.kind"), cell: (s) => kindBadge(s.kind) },
        { label: t("common.indicator"), cell: (s) => s.indicator },
        { label: t("common.value"), class: "num", cell: (s) => fmtValue(s) },
        { label: t("common.year"), cell: (s) => (s.year ? fmtYear(s.year) : t("common.none")) },
        { label: t("common.region"), cell: (s) => s.region || t("common.none") },
        { label: t("common.text"), class: "col-text", cell: (s) => s.text },
      ],
      statements,
      { caption: t("document.statements", { n: statements.length }), className: "data compact preview-table" },
    ),
  );
}
