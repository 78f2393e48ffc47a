// The dashboard's shell: header, navigation, language switch, and the router that renders a page.
//
// Each page module exports render(view, route, ctx).  A page renders into a fresh element that
// replaces the previous one, so a slow answer for a page the reader already left lands in a detached
// node and never overwrites the page now shown; ctx.alive() lets a page stop early.

import { apiGet } from "./api.js";
import { disposeCharts } from "./charts.js";
import { clear, h } from "./dom.js";
import { applyPalette } from "./format.js";
import { applyDocumentLang, getLang, setLang, t } from "./i18n.js";
import { currentRoute, href } from "./router.js";
import { errorBox } from "./ui.js";
import * as compare from "./page-compare.js";
import * as documentPage from "./page-document.js";
import * as documents from "./page-documents.js";
import * as indicator from "./page-indicator.js";
import * as ledger from "./page-ledger.js";
import * as overview from "./page-overview.js";
import * as upload from "./page-upload.js";
import * as admin from "./page-admin.js";
import * as login from "./page-login.js";
import * as reports from "./page-reports.js";
import * as target from "./page-target.js";
import * as corrections from "./page-corrections.js";
import * as audit from "./page-audit.js";
import * as myTasks from "./page-my-tasks.js";
import * as board from "./page-board.js";
import * as queue from "./page-queue.js";
import * as unit from "./page-unit.js";
import { accountBox, checkSession, sessionNav } from "./session.js";

const PAGES = {
  overview,
  ledger,
  indicator,
  indicators: indicator, // #/indicators lists them, #/indicator/<id> charts one
  compare,
  documents,
  document: documentPage,
  upload,
  login,
  reports,
  admin,
  target,
  corrections,
  audit,
  "my-tasks": myTasks,
  board,
  queue,
  unit,
};

// Which navigation entry is current for each page.
const NAV = [
  ["overview", "nav.overview", ["overview"]],
  ["ledger", "nav.ledger", ["ledger"]],
  ["indicators", "nav.indicators", ["indicator", "indicators"]],
  ["compare", "nav.compare", ["compare"]],
  ["documents", "nav.documents", ["documents", "document"]],
  ["upload", "nav.upload", ["upload"]],
];

let generation = 0;

function renderShell() {
  const header = document.getElementById("topbar");
  clear(header);
  const page = currentRoute().page;
  header.append(
    h(
      "a",
      { class: "brand", href: href("overview") },
      h("span", { class: "brand-mark", "aria-hidden": "true" }, "标"),
      h("span", { class: "brand-text" }, h("strong", {}, t("app.title")), h("small", {}, t("app.subtitle"))),
    ),
    h(
      "nav",
      { class: "main-nav", "aria-label": t("nav.main") },
      [...NAV, ...sessionNav()].map(([target, key, pages]) =>
        h("a", { href: href(target), "aria-current": pages.includes(page) ? "page" : null, dataset: { nav: target } }, t(key)),
      ),
    ),
    accountBox(() => route()),
    h(
      "button",
      {
        type: "button",
        class: "lang-switch",
        id: "lang-switch",
        lang: getLang() === "en" ? "zh-CN" : "en",
        // the visible word is the accessible name (a voice user says what they see); the title explains
        title: t("lang.switch.label"),
        on: {
          click: () => {
            setLang(getLang() === "en" ? "zh" : "en");
            route();
          },
        },
      },
      t("lang.switch"),
    ),
  );
}

async function route() {
  const gen = ++generation;
  disposeCharts();
  renderShell();
  const r = currentRoute();
  const main = document.getElementById("view");
  const view = h("div", { class: `page page-${r.page}`, "data-page": r.page });
  clear(main).append(view);
  document.title = `${t(`nav.${r.page === "document" ? "documents" : r.page === "indicator" ? "indicators" : r.page}`)} · ${t("app.title")}`;
  const page = PAGES[r.page];
  if (!page) {
    view.append(errorBox({ message: t("error.notFound") }));
    return;
  }
  const ctx = { alive: () => gen === generation };
  try {
    await page.render(view, r, ctx);
  } catch (err) {
    if (ctx.alive()) {
      clear(view).append(errorBox(err, () => route()));
    }
    console.error(err);
  }
  if (ctx.alive()) {
    view.dataset.ready = "true"; // the browser tests wait for this
    document.body.dataset.ready = r.page;
  }
}

// The skip link must not change the hash (that would be a route): it moves focus instead.
document.querySelector(".skip-link")?.addEventListener("click", (e) => {
  e.preventDefault();
  document.getElementById("view").focus();
});

applyDocumentLang();
// the one status palette, served by the API; the built-in copy stands in until it arrives
apiGet("statuses").then(applyPalette, () => {});
window.addEventListener("hashchange", route);
route();
// a session kept from before may have ended on the server: the header then offers to log in again
checkSession().then((dropped) => dropped && route());
