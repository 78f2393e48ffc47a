// Log in: a user name and a password → a session for this tab (POST /api/auth/token).

import { h } from "./dom.js";
import { t } from "./i18n.js";
import { go } from "./router.js";
import { login } from "./session.js";
import { errorBox, pageHeader } from "./ui.js";

export async function render(view) {
  view.append(pageHeader(t("login.title"), t("login.lead")));
  const name = h("input", { type: "text", id: "login-name", name: "username", autocomplete: "username", required: true });
  const password = h("input", { type: "password", id: "login-password", name: "password", autocomplete: "current-password", required: true });
  const submit = h("button", { type: "submit", class: "btn btn-primary", id: "login-submit" }, t("login.submit"));
  const message = h("div", { id: "login-message" });
  const form = h(
    "form",
    { class: "card login-form", id: "login-form" },
    h("div", { class: "field" }, h("label", { for: "login-name" }, t("login.name")), name),
    h("div", { class: "field" }, h("label", { for: "login-password" }, t("login.password")), password),
    h("div", { class: "form-actions" }, submit),
    message,
  );
  view.append(form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    message.replaceChildren();
    submit.disabled = true;
    submit.textContent = t("login.working");
    try {
      const user = await login(name.value.trim(), password.value);
      go(user.role === "admin" ? "admin" : "reports");
    } catch (err) {
      message.append(errorBox(err));
      submit.disabled = false;
      submit.textContent = t("login.submit");
    }
  });
  name.focus();
}
