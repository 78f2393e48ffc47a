// Users and units (administrators): the units under their regions, the users with their roles and
// units; add a unit, add a user, reset a password, disable or enable a user.  Every change is audited.

import { apiGet, apiSend } from "./api.js";
import { clear, h, table } from "./dom.js";
import { t } from "./i18n.js";
import { role } from "./session.js";
import { errorBox, loading, pageHeader } from "./ui.js";

const KINDS = ["department", "town", "street", "other"];
const ROLES = ["admin", "supervisor", "reporter", "viewer"];

export async function render(view, route, ctx) {
  view.append(pageHeader(t("admin.title"), t("admin.lead")));
  if (role() !== "admin") {
    view.append(errorBox({ message: t("reports.needLogin") }));
    return;
  }
  const body = h("div", { id: "admin-body" }, loading());
  view.append(body);
  const refresh = async () => {
    const [units, users] = await Promise.all([apiGet("units"), apiGet("users")]);
    if (!ctx.alive()) return;
    clear(body).append(unitsSection(units, refresh), usersSection(users, units, refresh));
  };
  await refresh();
}

function field(id, label, input) {
  return h("div", { class: "field" }, h("label", { for: id }, label), input);
}

/** Runs a write; its error (the server's message) is shown in place, a success refreshes the page. */
async function attempt(out, write, refresh) {
  out.replaceChildren();
  try {
    await write();
    await refresh();
  } catch (err) {
    out.append(errorBox(err));
  }
}

function unitsSection(units, refresh) {
  const name = h("input", { type: "text", id: "unit-name", required: true });
  const kind = h("select", { id: "unit-kind" }, KINDS.map((k) => h("option", { value: k }, t(`unitKind.${k}`))));
  const region = h("input", { type: "text", id: "unit-region", placeholder: t("admin.regionHint") });
  const parent = h(
    "select",
    { id: "unit-parent" },
    h("option", { value: "" }, t("admin.noParent")),
    units.map((u) => h("option", { value: u.name }, u.name)),
  );
  const out = h("div", { id: "unit-message" });
  const form = h(
    "form",
    { class: "card admin-form", id: "unit-form" },
    field("unit-name", t("admin.unitName"), name),
    field("unit-kind", t("admin.kind"), kind),
    field("unit-region", t("admin.region"), region),
    field("unit-parent", t("admin.parent"), parent),
    h("div", { class: "form-actions" }, h("button", { type: "submit", class: "btn btn-primary", id: "unit-add" }, t("admin.addUnit"))),
    out,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const json = { name: name.value.trim(), kind: kind.value, region: region.value.trim() || null, parent: parent.value || null };
    attempt(out, () => apiSend("POST", "units", { json }), refresh);
  });
  const list = table(
    [
      { label: t("admin.unit"), cell: (u) => u.name },
      { label: t("admin.kind"), cell: (u) => t(`unitKind.${u.kind}`) },
      { label: t("admin.region"), cell: (u) => u.region },
      { label: t("admin.parent"), cell: (u) => u.parent || t("common.none") },
    ],
    units,
    { caption: t("admin.units") },
  );
  list.id = "units-table";
  return h("section", { class: "card", id: "units" }, h("h2", {}, t("admin.units")), list, form);
}

function usersSection(users, units, refresh) {
  const name = h("input", { type: "text", id: "user-name", required: true, autocomplete: "off" });
  const display = h("input", { type: "text", id: "user-display", autocomplete: "off" });
  const roleSel = h("select", { id: "user-role" }, ROLES.map((r) => h("option", { value: r, selected: r === "reporter" }, t(`role.${r}`))));
  const password = h("input", { type: "password", id: "user-password", required: true, autocomplete: "new-password", minlength: "8" });
  const unitSel = h("select", { id: "user-units", multiple: true, size: String(Math.min(6, Math.max(2, units.length))) },
    units.map((u) => h("option", { value: u.name }, `${u.name}（${u.region}）`)));
  const out = h("div", { id: "user-message" });
  const form = h(
    "form",
    { class: "card admin-form", id: "user-form" },
    field("user-name", t("admin.userName"), name),
    field("user-display", t("admin.displayName"), display),
    field("user-role", t("admin.role"), roleSel),
    field("user-password", t("admin.password"), password),
    field("user-units", t("admin.units"), unitSel),
    h("div", { class: "form-actions" }, h("button", { type: "submit", class: "btn btn-primary", id: "user-add" }, t("admin.addUser"))),
    out,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const json = {
      name: name.value.trim(),
      display_name: display.value.trim() || null,
      role: roleSel.value,
      password: password.value,
      units: [...unitSel.selectedOptions].map((o) => o.value),
    };
    attempt(out, () => apiSend("POST", "users", { json }), refresh);
  });
  const rowOut = h("div", { id: "users-message" });
  const list = table(
    [
      { label: t("admin.userName"), cell: (u) => u.name },
      { label: t("admin.displayName"), cell: (u) => u.display_name },
      { label: t("admin.role"), cell: (u) => t(`role.${u.role}`) },
      { label: t("admin.units"), cell: (u) => u.units.join("、") || t("common.none") },
      { label: t("admin.active"), cell: (u) => (u.active ? t("admin.isActive") : t("admin.isDisabled")) },
      {
        label: t("admin.reset"),
        cell: (u) => {
          const pw = h("input", { type: "password", class: "inline-password", "aria-label": `${t("admin.newPassword")} ${u.name}`, autocomplete: "new-password" });
          const reset = h("button", { type: "button", class: "btn btn-small", on: { click: () => attempt(rowOut, () => apiSend("POST", `users/${encodeURIComponent(u.name)}/password`, { json: { password: pw.value } }), async () => rowOut.append(h("p", { class: "ok" }, t("admin.done")))) } }, t("admin.reset"));
          const toggle = h("button", { type: "button", class: "btn btn-small", dataset: { user: u.name }, on: { click: () => attempt(rowOut, () => apiSend("POST", `users/${encodeURIComponent(u.name)}/active`, { json: { active: !u.active } }), refresh) } }, u.active ? t("admin.disable") : t("admin.enable"));
          return h("span", { class: "row-actions" }, pw, reset, toggle);
        },
      },
    ],
    users,
    { caption: t("admin.users") },
  );
  list.id = "users-table";
  return h("section", { class: "card", id: "users" }, h("h2", {}, t("admin.users")), list, rowOut, form);
}
