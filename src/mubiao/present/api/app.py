"""The REST API of mubiao, and the dashboard beside it: ``create_app(store, token=...)``.

    >>> app = create_app("mubiao.db", token="alice:s3cret")       # doctest: +SKIP
    >>> uvicorn.run(app)                                           # doctest: +SKIP

Everything is under ``/api`` (the schema at ``/api/openapi.json``, its pages at ``/api/docs``);
the dashboard's files (``mubiao/present/web``), where built, are served at ``/``.

Who may call each route is declared in :mod:`.policy` and checked before the route runs
(:func:`.auth.guard`).  Reading the public ledger is open (``public_read``); writing — uploading a
document, entering a result, overriding a status —, previewing an extraction, reading the audit table
and everything of the units' reports need a session (``POST /api/auth/token``), an API key or the
token configured on the server (``token``, else ``$MUBIAO_TOKEN``, an administrator's key), sent as
``Authorization: Bearer <token>``, and a role and units that allow it.  Without a token and
without users every write is refused (403).  Every error is answered with the envelope of
:mod:`.errors`.  Bodies, previews and Host names are bounded, and every answer carries the security
headers, by :mod:`.security`.  Lists are paginated: ``page`` (from 1), ``per_page`` (≤ 500) →
``{"items", "page", "per_page", "total"}``.

=========================================  ===================================================
``GET /api/health``                        status, version, store, whether writes are on
``GET /api/documents``                     documents (paginated)
``GET /api/documents/{doc_id}``            a document, its original text and its statements
``POST /api/documents``                    store an uploaded document (token; multipart ``file``)
``POST /api/extract``                      what a document gives, stored nowhere (token; ``file``)
``GET /api/statements``                    statements: region, indicator_id, indicator, kind, year, doc_id
``GET /api/statements/{id}``               one statement
``POST /api/actuals``                      a result entered by hand (token)
``GET /api/ledger``                        ledger rows: region, indicator_id, year, status, as_of
``GET /api/ledger/summary``                status counts per region; the targets furthest behind
``POST|DELETE /api/ledger/{id}/override``  set or remove a status override (token)
``GET /api/indicators``                    indicators in the store, with counts
``GET /api/indicators/{id}/series``        targets, results, path to target, ledger of a region
``GET /api/compare``                       one indicator and year across regions; roll-ups
``GET /api/regions``                       regions in the store, with their place in the hierarchy
``GET /api/audit``                         the latest changes made by hand (token)
``GET /api/export``                        the ledger as csv, xlsx or json
``GET /api/report``                        a report (docx, html, xlsx), where reports are installed
``POST /api/auth/token``                   log in (OAuth2 password form) → a session token
``POST /api/auth/logout``, ``GET …/me``    end the session; who the credentials name
``GET|POST /api/units``                    units (the caller's; administrators add)
``GET|POST /api/users``                    users (administrators); ``…/{name}/password|active``
``GET|POST /api/keys``, ``DELETE …/{id}``  API keys for scripts
``GET /api/reports``                       the units' progress reports the caller may read
``GET|POST /api/units/{id}/reports``       a unit's reports; report for it (its reporters)
``POST /api/reports/{id}/review``          approve or return a report (supervisors of its region)
``GET|POST /api/tasks``, ``GET …/{id}``    supervision tasks with their lights; assign (supervisors)
``POST /api/splits``, ``GET …/{target}``   split a target among units; the check of the parts
``POST /api/task-targets/{id}/progress``   report progress (multipart: period, value, evidence)
``GET /api/progress``                      progress reports (``status=submitted``: the queue)
``POST /api/progress/{id}/review``         approve or return progress (supervisors)
``GET /api/evidence/{id}``                 an evidence file
``GET /api/board``                         lights by unit and target, overdue first
``GET /api/reminders``, ``…/notices``      reports due and overdue; one's notices (…/{id}/read)
``POST /api/auth/email``                   one's e-mail address for reminders
``POST /api/calendar``, ``GET …/{secret}`` a secret iCalendar feed of deadlines
``GET /api/bulletin``                      the supervision bulletin (docx, html)
=========================================  ===================================================

Where this differs from, or adds to, the contract the dashboard was built against:

* ``GET /api/documents/{doc_id}``: ``statements`` is the list of statements, so the count is
  in ``statement_count``.
* ``GET /api/indicators/{id}/series``: ``region`` may be left out (the region with the most of
  the indicator's statements is taken, and named in ``region``); a target's ``period`` is
  ``"2021-2025"`` for a plan target and null for an annual one.
* ``GET /api/compare``: ``year`` may be left out (the latest year with a result); ``measure``
  (level by default) chooses the figure; region items also carry ``doc``, ``target``,
  ``status``, ``gap``, ``period`` and ``conflict``; ``id`` and ``doc`` are null for a region
  without a figure; roll-up items carry ``aggregation``, ``residual``, ``missing`` and ``parts``.
* ``GET /api/audit``: a list (newest first, ``limit`` ≤ 1000), not a page; it needs the token.
* ``GET /api/report``: also ``kind`` (auto) and ``as_of``.
* ``GET /api/health`` also says ``writes`` (whether a token is configured).
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from mubiao import __version__
from mubiao.ledger import EvalConfig, Ledger, Store
from mubiao.present.api import (
    catalog,
    compare,
    corrections,
    documents,
    errors,
    explorer,
    exports,
    ledger,
    people,
    security,
    statements,
    supervision,
    system,
)
from mubiao.present.api.auth import guard, route_policy
from mubiao.present.api.deps import ApiState, parse_token, refuse_unknown_query
from mubiao.present.api.preview import Previewer
from mubiao.present.api.schemas import ErrorOut
from mubiao.present.api.security import Limits
from mubiao.reference.regions import Regions
from mubiao.reference.registry import Registry

__all__ = ["PUBLIC_READ_ENV", "TOKEN_ENV", "WEB", "create_app"]

log = logging.getLogger("mubiao.api")

TOKEN_ENV = "MUBIAO_TOKEN"
#: "0", "false" or "no": the public ledger and documents need a login too
PUBLIC_READ_ENV = "MUBIAO_PUBLIC_READ"
#: the dashboard's files, built by the web dashboard's own step
WEB = Path(__file__).resolve().parents[1] / "web"

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": what}
    for status, what in (
        (400, "bad input (the error envelope)"),
        (401, "no login or key where the route needs one"),
        (403, "a wrong, expired or revoked token, or a role or units that do not allow it"),
        (404, "not found"),
        (413, "a request body over the server's limit"),
        (422, "invalid parameters"),
        (500, "internal error"),
        (503, "the store is unreachable"),
    )
}


#: the modules whose routers make the API, each under /api
ROUTERS = (
    system,
    documents,
    statements,
    ledger,
    catalog,
    compare,
    exports,
    people,
    corrections,
    supervision,
)


def warm_up(ledger: Ledger) -> None:
    """Read (or evaluate) every region's rows ahead of the first request, as the server does as
    it starts, then take them out of the cyclic garbage collector's sight (see below)."""
    try:
        ledger.rows()
    except Exception:  # a failed warm-up costs only time: the first request will say what is wrong
        log.warning("could not evaluate the ledger ahead of the first request", exc_info=True)
    _settle()


def _settle() -> None:
    # A million statements' rows are millions of objects; a full collection walks them all with
    # the interpreter lock held (2.2-2.4 s at 1 M statements), stalling every request at once.
    # None of them is cyclic garbage (reference counting frees the rows a refresh replaces), so
    # the rows kept are frozen: collections walk only what was made since.
    gc.freeze()


#: set to 1 for stale reads (see create_app)
STALE_READS_ENV = "MUBIAO_STALE_READS"


def _public_read(given: bool | None) -> bool:
    if given is not None:
        return given
    return os.environ.get(PUBLIC_READ_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def create_app(
    store: Store | str | None = None,
    *,
    token: str | None = None,
    web: Path | None = WEB,
    warm: bool = False,
    public_read: bool | None = None,
    limits: Limits | None = None,
    allowed_hosts: Iterable[str] | None = None,
    stale_reads: bool | None = None,
    evaluate_apart: bool = False,
) -> FastAPI:
    """The API on ``store`` (an open Store, a URL or path, or None for ``$MUBIAO_DB``/``./mubiao.db``).

    ``token`` (else ``$MUBIAO_TOKEN``; ``""`` for none even when the variable is set) is what
    writes must present; ``label:secret`` names the writer in the audit table.  A store opened
    here is closed when the app shuts down; one passed in is the caller's to close.  ``web`` is
    the dashboard's folder, mounted at ``/`` when it holds an ``index.html``.  ``warm`` evaluates
    the whole ledger in the background when the server starts, so that the first visitor of the
    overview does not wait for it.  ``public_read`` (else ``$MUBIAO_PUBLIC_READ``, default on):
    whether the public ledger and documents are read without a login; who may call each route is
    :mod:`.policy`'s table, and the app refuses to start with a route it does not name.  ``limits``
    (else :meth:`.security.Limits.from_env`) bound the bodies and previews; ``allowed_hosts`` are the
    Host names answered besides localhost, 127.0.0.1 and ::1 (and ``$MUBIAO_ALLOWED_HOSTS``); see
    :mod:`.security`.  ``evaluate_apart`` evaluates the regions a write made stale in a worker
    process of lower priority (:class:`mubiao.ledger.evaluator.ProcessEvaluator`), as ``mubiao
    serve`` does, so that readers keep the CPU while others write (not for an in-memory store).
    """
    limits = limits if limits is not None else Limits.from_env()
    # the worker processes of POST /api/extract, started on the first preview
    previewer = Previewer(memory=limits.extract_memory)
    owned = not isinstance(store, Store)
    opened = store if isinstance(store, Store) else Store.open(store)
    secret, label = parse_token(os.environ.get(TOKEN_ENV) if token is None else token)
    registry = Registry.default()
    state = ApiState(
        store=opened,
        # the server reads the ledger settings as the command line does (file, environment)
        ledger=Ledger(opened, registry=registry, config=EvalConfig.load()),
        registry=registry,
        regions=Regions.default(),
        token=secret,
        label=label,
        public_read=_public_read(public_read),
    )
    if evaluate_apart:
        state.ledger.evaluate_apart()
        state.ledger.after_refresh = _settle
    # views of the whole ledger answered as they were while a write's refresh computes them
    # again: readers keep their pace while others upload (seconds of staleness after a write)
    state.ledger.serve_stale = (
        stale_reads
        if stale_reads is not None
        else os.environ.get(STALE_READS_ENV, "").strip().lower() in ("1", "true", "yes", "on")
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if warm:
            threading.Thread(target=warm_up, args=(state.ledger,), name="mubiao-warm", daemon=True).start()
        yield
        previewer.close()
        state.ledger.close()
        if owned:
            opened.close()

    app = FastAPI(
        title="mubiao",
        summary="Targets and results of Chinese local government / 地方政府目标与完成情况",
        version=__version__,
        openapi_url="/api/openapi.json",
        # the packaged explorer when the dashboard's files are there (offline), else FastAPI's
        docs_url=None if explorer.available(web) else "/api/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.mubiao = state
    app.state.mubiao_limits = limits
    app.state.mubiao_previewer = previewer
    errors.install(app)
    security.install(app, limits, allowed_hosts)
    if web is not None and explorer.available(web):
        explorer.install(app, web)
    for module in ROUTERS:
        app.include_router(
            module.router,
            prefix="/api",
            responses=_ERRORS,
            dependencies=[Depends(guard), Depends(refuse_unknown_query)],
        )
    # a route without a declared policy stops the server here; the guard finds each by its endpoint
    app.state.policies = {
        r.endpoint: route_policy(r.methods, f"/api{r.path}")
        for module in ROUTERS
        for r in module.router.routes
        if isinstance(r, APIRoute)
    }
    # after the API routes: /api/... is matched first, everything else is the dashboard
    if web is not None and (web / "index.html").is_file():
        app.mount("/", StaticFiles(directory=web, html=True), name="web")
    return app
