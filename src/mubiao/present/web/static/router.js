// Hash routes: #/overview, #/ledger?region=…, #/indicator/<id>?region=…, #/compare?indicator=…&year=…,
// #/documents, #/document/<doc_id>?statement=<id>, #/upload.
//
// Hash routing needs nothing from the server (the API serves one index.html) and every view —
// filters included — is a link a reader can bookmark or paste into a report.

/** The current route: {page, id, params: URLSearchParams}. */
export function currentRoute() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = splitOnce(raw, "?");
  const [page = "", ...rest] = path.split("/").map(decodeSegment);
  return { page: page || "overview", id: rest.length ? rest.join("/") : null, params: new URLSearchParams(query) };
}

/** "#/page/id?k=v", leaving out empty parameters. */
export function href(page, { id = null, params = {} } = {}) {
  let s = `#/${encodeURIComponent(page)}`;
  if (id !== null && id !== undefined) s += `/${encodeURIComponent(id)}`;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  const qs = q.toString();
  return qs ? `${s}?${qs}` : s;
}

/** Goes to a route; the hashchange listener renders it. */
export function go(page, opts) {
  location.hash = href(page, opts);
}

function splitOnce(s, sep) {
  const i = s.indexOf(sep);
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}

function decodeSegment(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // a malformed link still routes; the page reports what it cannot find
  }
}
