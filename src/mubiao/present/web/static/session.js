// Who is logged in: the session from POST /api/auth/token, kept in sessionStorage (gone with the tab).
//
// The session is a bearer token, sent by api.js with every request; no cookie is ever set, so no
// other site can make this browser write (no CSRF token is needed).  The upload page's token field
// is filled with it too, so a logged-in supervisor stores documents without pasting a token.

import { apiGet, apiSend, setAuthToken } from "./api.js";
import { addWords, t } from "./i18n.js";
import { h } from "./dom.js";
import { href } from "./router.js";

const KEY = "mubiao.session";
const UPLOAD_TOKEN_KEY = "mubiao.token";

addWords(
  {
    "nav.login": "登录",
    "nav.logout": "退出",
    "nav.reports": "进展报告",
    "nav.admin": "用户与单位",
    "role.admin": "管理员",
    "role.supervisor": "督查",
    "role.reporter": "填报",
    "role.viewer": "查看",
    "login.title": "登录",
    "login.lead": "督查、填报和管理需要登录；公开的台账和文件无需登录即可查看。",
    "login.name": "用户名",
    "login.password": "密码",
    "login.submit": "登录",
    "login.working": "正在登录…",
    "login.as": "{name}（{role}）",
    "unitKind.department": "部门",
    "unitKind.town": "镇",
    "unitKind.street": "街道",
    "unitKind.other": "其他",
    "admin.title": "用户与单位",
    "admin.lead": "单位属于台账中的一个地区；用户有一个角色，并属于一个或多个单位。所有修改均记入审计日志。",
    "admin.units": "单位",
    "admin.users": "用户",
    "admin.unit": "单位",
    "admin.unitName": "单位名称",
    "admin.kind": "类别",
    "admin.region": "所属地区",
    "admin.parent": "上级单位",
    "admin.regionHint": "地区名称、简称或代码；下级单位可不填",
    "admin.noParent": "（无）",
    "admin.addUnit": "添加单位",
    "admin.userName": "用户名",
    "admin.displayName": "姓名",
    "admin.role": "角色",
    "admin.password": "初始密码",
    "admin.addUser": "添加用户",
    "admin.active": "状态",
    "admin.isActive": "启用",
    "admin.isDisabled": "已停用",
    "admin.disable": "停用",
    "admin.enable": "启用",
    "admin.newPassword": "新密码",
    "admin.reset": "重置密码",
    "admin.done": "已保存。",
    "reports.title": "进展报告",
    "reports.lead": "各单位报送工作进展，督查室审核（通过或退回）。只显示您有权查看的单位。",
    "reports.new": "报送进展",
    "reports.text": "进展情况",
    "reports.submit": "报送",
    "reports.when": "时间",
    "reports.who": "报送人",
    "reports.review": "审核",
    "reports.approve": "通过",
    "reports.return": "退回",
    "reports.status.submitted": "待审核",
    "reports.status.approved": "已通过",
    "reports.status.returned": "已退回",
    "reports.none": "暂无报告。",
    "reports.needLogin": "请先登录。",
  },
  {
    "nav.login": "Log in",
    "nav.logout": "Log out",
    "nav.reports": "Progress reports",
    "nav.admin": "Users & units",
    "role.admin": "administrator",
    "role.supervisor": "supervisor",
    "role.reporter": "reporter",
    "role.viewer": "viewer",
    "login.title": "Log in",
    "login.lead": "Supervision, reporting and administration need a login; the public ledger and documents do not.",
    "login.name": "User name",
    "login.password": "Password",
    "login.submit": "Log in",
    "login.working": "Logging in…",
    "login.as": "{name} ({role})",
    "unitKind.department": "department",
    "unitKind.town": "town",
    "unitKind.street": "street (街道)",
    "unitKind.other": "other",
    "admin.title": "Users and units",
    "admin.lead": "A unit belongs to a region of the ledger; a user has one role and belongs to units. Every change is audited.",
    "admin.units": "Units",
    "admin.users": "Users",
    "admin.unit": "Unit",
    "admin.unitName": "Unit name",
    "admin.kind": "Kind",
    "admin.region": "Region",
    "admin.parent": "Parent unit",
    "admin.regionHint": "a region's name, short form or code; a sub-unit may leave it empty",
    "admin.noParent": "(none)",
    "admin.addUnit": "Add unit",
    "admin.userName": "User name",
    "admin.displayName": "Name",
    "admin.role": "Role",
    "admin.password": "First password",
    "admin.addUser": "Add user",
    "admin.active": "State",
    "admin.isActive": "active",
    "admin.isDisabled": "disabled",
    "admin.disable": "Disable",
    "admin.enable": "Enable",
    "admin.newPassword": "New password",
    "admin.reset": "Reset password",
    "admin.done": "Saved.",
    "reports.title": "Progress reports",
    "reports.lead": "Units report their progress; the supervision office approves or returns. Only units you may read are shown.",
    "reports.new": "Report progress",
    "reports.text": "Progress",
    "reports.submit": "Submit",
    "reports.when": "When",
    "reports.who": "By",
    "reports.review": "Review",
    "reports.approve": "Approve",
    "reports.return": "Return",
    "reports.status.submitted": "awaiting review",
    "reports.status.approved": "approved",
    "reports.status.returned": "returned",
    "reports.none": "No reports yet.",
    "reports.needLogin": "Please log in first.",
  },
);

/** The session: {token, user: {name, role, units, regions}} or null. */
export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || "null");
  } catch {
    return null;
  }
}

export function role() {
  return session()?.user?.role || null;
}

setAuthToken(() => session()?.token || null);

/** Log in: the session is kept for this tab; the answer's user is returned. */
export async function login(name, password) {
  const answer = await apiSend("POST", "auth/token", { form: { username: name, password } });
  sessionStorage.setItem(KEY, JSON.stringify({ token: answer.access_token, user: answer.user }));
  sessionStorage.setItem(UPLOAD_TOKEN_KEY, answer.access_token);
  return answer.user;
}

/** Forget a session the server no longer honours (expired, revoked, its user disabled): true if so. */
export async function checkSession() {
  if (!session()) return false;
  try {
    await apiGet("auth/me");
    return false;
  } catch (err) {
    if (err.status !== 401 && err.status !== 403) return false;
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(UPLOAD_TOKEN_KEY);
    return true;
  }
}

/** Under an error that says a login is needed: a link to the login page. */
export function loginHint(err) {
  if (err?.status !== 401) return null;
  return h("p", {}, h("a", { class: "btn btn-primary", id: "login-hint", href: href("login") }, t("nav.login")));
}

export async function logout() {
  try {
    await apiSend("POST", "auth/logout");
  } catch {
    /* an expired session is as good as ended */
  }
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(UPLOAD_TOKEN_KEY);
}

/** The navigation entries the session's role opens: [target, word, pages]. */
export function sessionNav() {
  const r = role();
  const out = [];
  if (r) out.push(["reports", "nav.reports", ["reports"]]);
  if (r) out.push(["corrections", "nav.corrections", ["corrections"]]);
  if (r === "admin" || r === "supervisor") out.push(["audit", "nav.audit", ["audit"]]);
  if (r === "reporter" || r === "viewer") out.push(["my-tasks", "nav.my-tasks", ["my-tasks"]]);
  if (r) out.push(["board", "nav.board", ["board", "unit"]]);
  if (r === "admin" || r === "supervisor") out.push(["queue", "nav.queue", ["queue"]]);
  if (r === "admin") out.push(["admin", "nav.admin", ["admin"]]);
  return out;
}

/** The header's account part: who is logged in and a log-out button, or a log-in link. */
export function accountBox(onChange) {
  const s = session();
  if (!s) return h("a", { class: "account login-link", id: "login-link", href: href("login") }, t("nav.login"));
  return h(
    "span",
    { class: "account", id: "account" },
    h("span", { class: "account-name", id: "account-name", dataset: { role: s.user.role } },
      t("login.as", { name: s.user.name, role: t(`role.${s.user.role}`) })),
    h("button", { type: "button", class: "btn btn-small", id: "logout", on: { click: async () => { await logout(); onChange(); } } },
      t("nav.logout")),
  );
}
