"""The server's limits and headers: what every request passes through before any route sees it.

* **Bodies**: a request whose ``Content-Length`` is over the limit is answered 413 before a byte
  of its body is read; a body sent without a length (chunked) is counted as it streams and cut
  off at the limit, answered 413 as well.  Multipart uploads may be ``upload_bytes`` long (50 MB,
  the readers' own limit, plus the multipart framing); every other body ``json_bytes`` (1 MB).
* **Headers**: every answer carries a Content-Security-Policy without inline script (the
  dashboard's scripts are files of its own origin; inline *styles* are allowed because ECharts'
  tooltips are HTML with style attributes), ``X-Content-Type-Options: nosniff``,
  ``X-Frame-Options: DENY`` with ``frame-ancestors 'none'``, and ``Referrer-Policy: no-referrer``.
  The API's documentation page is the packaged Swagger UI under the same policy; only where the
  dashboard's files are missing does FastAPI's own page (a CDN script started inline) take its
  place, and that page alone has a policy that allows both.
* **Hosts**: only requests whose ``Host`` is one the server is known by are answered (Starlette's
  TrustedHostMiddleware): localhost, 127.0.0.1 and ::1 by default, plus those configured
  (``mubiao serve --host`` and ``--allowed-host``, ``$MUBIAO_ALLOWED_HOSTS``); anything else is a
  400, which keeps DNS-rebinding pages away from a server on loopback.
* **Extraction** (``POST /api/extract``): a time limit and a cap on the answer's size, applied by
  :mod:`.preview`.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from fastapi import FastAPI, Request, Response
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, ExceptionHandler, Message, Receive, Scope, Send

from mubiao.errors import UsageError
from mubiao.present.api.errors import envelope
from mubiao.read import MAX_BYTES

__all__ = [
    "ALLOWED_HOSTS_ENV",
    "CSP",
    "DEFAULT_HOSTS",
    "BodyLimit",
    "Limits",
    "SecurityHeaders",
    "TrustedHosts",
    "allowed_hosts",
    "install",
]

ALLOWED_HOSTS_ENV = "MUBIAO_ALLOWED_HOSTS"
MAX_UPLOAD_ENV = "MUBIAO_MAX_UPLOAD_MB"
EXTRACT_TIMEOUT_ENV = "MUBIAO_EXTRACT_TIMEOUT"

#: the names a server on loopback is reached by
DEFAULT_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")
#: what multipart framing (boundaries, part headers) adds to an upload's own bytes
_MULTIPART_SLACK = 64 * 1024

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
#: Swagger UI (``/api/docs``): its script and styles from the CDN FastAPI names, started inline
_DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
_DOCS_PATHS = ("/api/docs", "/api/docs/oauth2-redirect")
_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if value > 0 and value == value and value != float("inf") else default


@dataclass(frozen=True)
class Limits:
    """How much the server takes and gives per request."""

    #: an uploaded file (multipart body, less its framing)
    upload_bytes: int = MAX_BYTES
    #: any other request body (JSON)
    json_bytes: int = 1024 * 1024
    #: reading and extracting one document for ``POST /api/extract``
    extract_seconds: float = 30.0
    #: the answer of ``POST /api/extract``, in characters of JSON
    preview_chars: int = 20 * 1024 * 1024
    #: the address space of a worker process of ``POST /api/extract``
    extract_memory: int = 2 * 1024 * 1024 * 1024

    @classmethod
    def from_env(cls) -> Limits:
        """The defaults, changed by ``$MUBIAO_MAX_UPLOAD_MB`` and ``$MUBIAO_EXTRACT_TIMEOUT``."""
        return cls(
            upload_bytes=int(_env_float(MAX_UPLOAD_ENV, MAX_BYTES / (1024 * 1024)) * 1024 * 1024),
            extract_seconds=_env_float(EXTRACT_TIMEOUT_ENV, cls.extract_seconds),
        )

    def body_limit(self, content_type: str) -> int:
        if content_type.lower().startswith("multipart/"):
            return self.upload_bytes + _MULTIPART_SLACK
        return self.json_bytes


def _too_large(limit: int) -> ASGIApp:
    size = f"{limit / (1024 * 1024):.1f} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    return envelope(
        413,
        "E413",
        f"the request body is larger than the {size} this server takes / 请求内容过大",
        {"limit": limit},
    )


class _BodyTooLarge(Exception):
    """Raised into the app when a streamed body passes the limit: it stops reading there."""


class BodyLimit:
    """Answer 413 to a body over the limit, before the app stores it (see the module)."""

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        content_type = headers.get("content-type", "")
        limit = self.limits.body_limit(content_type)
        # the limit as the caller knows it (an upload's own size, without the multipart framing)
        shown = self.limits.upload_bytes if content_type.lower().startswith("multipart/") else limit
        declared = headers.get("content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                length = -1
            if length < 0:
                await envelope(400, "E400", "invalid Content-Length / 请求头有误")(scope, receive, send)
                return
            if length > limit:
                await _too_large(shown)(scope, receive, send)
                return

        received = 0
        over = False
        started = False

        async def counted() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    over = True
                    raise _BodyTooLarge
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if over:
                return  # the app's answer to a body cut short is replaced by the 413
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not over:
                raise
        if over and not started:
            await _too_large(shown)(scope, receive, send)


class CredentialsFirst:
    """Refuse a write that carries no credential before its body is read (401).

    FastAPI reads a request's body before the route's guard runs, so an anonymous upload would be
    written to a temporary file before it is refused; every route that writes needs a login but
    the login itself (see :mod:`.policy`), and a cross-site page cannot add the header.
    """

    _OPEN = frozenset({"/api/auth/token"})
    _WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope) if scope["type"] == "http" else None
        if (
            headers is not None
            and scope["method"] in self._WRITES
            and scope["path"].startswith("/api/")
            and scope["path"] not in self._OPEN
            and "authorization" not in headers
            and "x-mubiao-token" not in headers  # the older header scripts may still send
            # only a body is worth refusing early; without one the route answers (a 405, say)
            and (headers.get("content-length", "0") != "0" or "transfer-encoding" in headers)
        ):
            await envelope(
                401,
                "E401",
                "this request writes and needs a login or a key: send 'Authorization: Bearer <token>' / 写入需要登录",
            )(scope, receive, send)
            return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Add the security headers to every answer (those the app set itself are kept)."""

    def __init__(self, app: ASGIApp, cdn_docs: bool = True) -> None:
        self.app = app
        # FastAPI's own /api/docs page needs the looser policy; the packaged explorer does not
        self.cdn_docs = cdn_docs

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = _DOCS_CSP if self.cdn_docs and scope.get("path") in _DOCS_PATHS else CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", csp)
                for name, value in _HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)


def _host_of(value: str | None) -> str | None:
    """The host of a Host header, without its port: ``[::1]:8000`` → ``[::1]``."""
    value = (value or "").strip().lower()
    if not value:
        return None
    if value.startswith("["):
        end = value.find("]")
        return value[: end + 1] if end > 0 else None
    return value.rpartition(":")[0] if value.count(":") == 1 else value


class TrustedHosts(TrustedHostMiddleware):
    """Starlette's check of the Host header (its patterns, validated as it does), answering a
    request for any other host with the error envelope rather than plain text."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.allow_any or scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        host = _host_of(Headers(scope=scope).get("host"))
        if host is not None and any(
            host == pattern or (pattern.startswith("*") and host.endswith(pattern[1:]))
            for pattern in self.allowed_hosts
        ):
            await self.app(scope, receive, send)
            return
        message = "this server does not answer to that Host name (see --allowed-host) / 主机名不在允许范围内"
        await envelope(400, "E400", message)(scope, receive, send)


def allowed_hosts(extra: Iterable[str] | None = None) -> list[str]:
    """The loopback names, ``extra`` and those of ``$MUBIAO_ALLOWED_HOSTS`` (comma-separated)."""
    hosts = list(DEFAULT_HOSTS)
    configured = [h for h in os.environ.get(ALLOWED_HOSTS_ENV, "").split(",")]
    for host in [*(extra or ()), *configured]:
        host = host.strip().lower()
        if not host or host in hosts:
            continue
        if "*" in host[1:] or (host.startswith("*") and host != "*" and not host.startswith("*.")):
            raise UsageError(
                f"allowed host {host!r}: a wildcard is '*' or '*.example.org' / 主机名通配符有误"
            )
        hosts.append(host)
        if ":" in host and not host.startswith("["):  # an IPv6 address: as the Host header writes it too
            hosts.append(f"[{host}]")
    return hosts


def _headed(handler: Callable[[Request, Exception], Response | Awaitable[Response]]) -> ExceptionHandler:
    """``handler`` with the security headers added: the 500 handler answers from outside every
    middleware (Starlette's ServerErrorMiddleware), where SecurityHeaders cannot reach."""

    async def with_headers(request: Request, exc: Exception) -> Response:
        answer = handler(request, exc)
        response = await answer if inspect.isawaitable(answer) else answer
        response.headers.setdefault("Content-Security-Policy", CSP)
        for name, value in _HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return with_headers


def install(app: FastAPI, limits: Limits, hosts: Iterable[str] | None = None) -> None:
    """Put the body limit, the host check and the headers in front of every route (the headers
    outermost, so that the 400 and 413 answers carry them too; the 500 handler adds them itself)."""
    unexpected = app.exception_handlers.get(Exception)
    if unexpected is not None:
        app.add_exception_handler(Exception, _headed(unexpected))
    app.add_middleware(CredentialsFirst)
    app.add_middleware(BodyLimit, limits=limits)
    app.add_middleware(TrustedHosts, allowed_hosts=allowed_hosts(hosts))
    app.add_middleware(SecurityHeaders, cdn_docs=app.docs_url is not None)
