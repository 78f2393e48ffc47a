// Talking to mubiao's JSON API under /api.
//
// The API answers errors as {"error": {code, status, message, detail}}; ApiError carries that
// message so the pages can show the reader what the server said rather than a bare status code.

import { t } from "./i18n.js";

// The API lives beside the page: the dashboard is served at / and the API at /api.
const BASE = new URL("api/", document.baseURI);

export class ApiError extends Error {
  constructor(message, { code = null, status = 0, detail = null } = {}) {
    super(message);
    this.code = code;
    this.status = status;
    this.detail = detail;
  }
}

/** The URL of an API path with query parameters; empty parameters are left out. */
export function apiUrl(path, params = {}) {
  const url = new URL(path.replace(/^\//, ""), BASE);
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, String(v));
  }
  return url;
}

async function handle(response) {
  let body = null;
  const type = response.headers.get("content-type") || "";
  if (type.includes("json")) {
    try {
      body = await response.json();
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    const err = body && body.error;
    throw new ApiError(err?.message || `${response.status} ${response.statusText}`, {
      code: err?.code,
      status: response.status,
      detail: err?.detail,
    });
  }
  return body;
}

// The session's bearer token, when someone is logged in (session.js sets where it comes from):
// sent with every request, so that a server that keeps its ledger private answers the dashboard.
let authToken = () => null;

/** Where the bearer token of every request comes from (a function returning it, or null). */
export function setAuthToken(fn) {
  authToken = fn;
}

async function send(url, init) {
  const token = authToken();
  if (token && !init.headers?.Authorization) init = { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` } };
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(t("error.network"));
  }
  return handle(response);
}

/** GET path?params, parsed JSON. */
export function apiGet(path, params = {}) {
  return send(apiUrl(path, params), { headers: { Accept: "application/json" } });
}

/**
 * Every item of a paginated list ({items, page, per_page, total}), page after page.
 * The dashboard's lists are small (a region's targets, a city's documents), so fetching them whole
 * keeps filtering and sorting simple; the cap stops a runaway loop if the server misbehaves.
 */
export async function apiGetAll(path, params = {}, { perPage = 200, maxPages = 50 } = {}) {
  const items = [];
  for (let page = 1; page <= maxPages; page++) {
    const body = await apiGet(path, { ...params, page, per_page: perPage });
    const got = Array.isArray(body) ? body : body.items || [];
    items.push(...got);
    if (Array.isArray(body) || got.length === 0 || items.length >= (body.total ?? 0)) break;
  }
  return items;
}

/** POST a file as multipart "file", with a bearer token when one is given. */
export function apiPostFile(path, file, token = null) {
  const form = new FormData();
  form.append("file", file, file.name);
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  return send(apiUrl(path), { method: "POST", body: form, headers });
}

/** A write: method, path, and a JSON body ({json}) or a form ({form}: an object of fields). */
export function apiSend(method, path, { json = undefined, form = undefined } = {}) {
  const headers = { Accept: "application/json" };
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = new URLSearchParams(form);
  }
  return send(apiUrl(path), { method, headers, body });
}

// Lists that rarely change (regions, indicators, documents) are fetched once per page load and
// shared by the pages' filter bars; storing a document clears them.
const cache = new Map();

/** apiGet / apiGetAll through the cache, keyed by path and parameters. */
export function cached(path, params = {}, { all = false } = {}) {
  const key = `${all ? "all:" : ""}${apiUrl(path, params).href}`;
  if (!cache.has(key)) {
    const p = all ? apiGetAll(path, params) : apiGet(path, params);
    p.catch(() => cache.delete(key)); // a failed fetch is retried next time
    cache.set(key, p);
  }
  return cache.get(key);
}

export function invalidateCache() {
  cache.clear();
}

/** A multipart write (a FormData: fields and files), with the session's token. */
export function apiSendForm(method, path, formData) {
  return send(apiUrl(path), { method, body: formData, headers: { Accept: "application/json" } });
}

/** A download that needs the session's token (an evidence file, a bulletin): {blob, name}. */
export async function apiBlob(path, params = {}) {
  const token = authToken();
  let response;
  try {
    response = await fetch(apiUrl(path, params), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(t("error.network"));
  }
  if (!response.ok) return handle(response);
  const disposition = response.headers.get("content-disposition") || "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : "download";
  return { blob: await response.blob(), name };
}
