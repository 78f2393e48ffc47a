"""What the routers share: the app's state (store, ledger, token), who is writing, and pagination.

Who may call a route is decided before it runs, by :func:`mubiao.present.api.auth.guard` and the
route's policy (:mod:`.policy`); :data:`Writer` is the name the audit rows give the caller it let
through.  The token configured on the server is an administrator's key, sent as
``Authorization: Bearer <token>`` (or ``X-Mubiao-Token: <token>``); it may carry a label,
``alice:s3cret``, which is who the audit rows name; an unlabelled token writes as ``api``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from mubiao.ledger import LEVELS, STATUSES, Ledger, LedgerQuery, Principal, Store
from mubiao.present.api.bounds import PAGE_MAX, YEAR_MAX, YEAR_MIN
from mubiao.present.api.errors import ApiError
from mubiao.reference.regions import Regions
from mubiao.reference.registry import Registry

__all__ = [
    "ApiState",
    "LedgerFilter",
    "Paging",
    "Writer",
    "get_state",
    "page_of",
    "parse_token",
    "refuse_unknown_query",
]

T = TypeVar("T")

MAX_PER_PAGE = 500
_LABELLED = re.compile(r"([\w.@-]{1,64}):(.+)")


@dataclass(frozen=True)
class ApiState:
    store: Store
    ledger: Ledger
    registry: Registry
    regions: Regions
    #: the secret writes must present; None: writes are refused
    token: str | None
    #: who the audit rows name for writes with the token
    label: str
    #: whether the public ledger and documents are read without a login
    public_read: bool = True
    #: whether a write starts the ledger's evaluation of what it changed in the background
    refresh: bool = True


def parse_token(token: str | None) -> tuple[str | None, str]:
    """(secret, label) of a configured token: ``alice:s3cret`` → ("s3cret", "alice")."""
    if token is None or not token.strip():
        return None, "api"
    token = token.strip()
    labelled = _LABELLED.fullmatch(token)
    if labelled is not None:
        return labelled.group(2), labelled.group(1)
    return token, "api"


def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.mubiao
    return state


State = Annotated[ApiState, Depends(get_state)]


def _writer(request: Request) -> str:
    """Who is writing, as the audit rows name them: the caller the route's guard let through
    (:func:`mubiao.present.api.auth.guard`, which runs before every route)."""
    who = getattr(request.state, "principal", None)
    if not isinstance(who, Principal):
        raise ApiError(
            401,
            "E401",
            "this request writes and needs the token: send 'Authorization: Bearer <token>' / 写入需要令牌",
        )
    return who.name


Writer = Annotated[str, Depends(_writer)]


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def _paging(
    page: Annotated[int, Query(ge=1, le=PAGE_MAX, description="1-based")] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 50,
) -> Paging:
    return Paging(page, per_page)


PagingDep = Annotated[Paging, Depends(_paging)]


def page_of(items: Sequence[T], paging: Paging) -> tuple[list[T], int]:
    """The items of the page, and how many there are in all."""
    return list(items[paging.offset : paging.offset + paging.per_page]), len(items)


def _ledger_query(
    region: Annotated[str | None, Query(description="a region: full name, short form or code")] = None,
    indicator: Annotated[str | None, Query(description="an indicator: registry id or phrase")] = None,
    indicator_id: Annotated[
        str | None, Query(description="the same as indicator (kept for old links)")
    ] = None,
    year: Annotated[
        int | None,
        Query(ge=YEAR_MIN, le=YEAR_MAX, description="the target year, or a year the plan period covers"),
    ] = None,
    status: Annotated[
        str | None, Query(description=f"one of {', '.join(STATUSES)}, or several joined by commas")
    ] = None,
    kind: Annotated[str | None, Query(description="annual (a year's targets) or plan (a plan's)")] = None,
    category: Annotated[str | None, Query(description="an indicator category: 经济, 民生 …")] = None,
    level: Annotated[str | None, Query(description=f"the region's level: {', '.join(LEVELS)}")] = None,
    as_of: Annotated[
        int | None, Query(ge=YEAR_MIN, le=YEAR_MAX, description="use only results of years up to this one")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="words the indicator, region or target contains")
    ] = None,
    sort: Annotated[
        str | None,
        Query(description="region, indicator, period, status, gap or required_pace; -gap reverses"),
    ] = None,
) -> LedgerQuery:
    """The ledger filters every endpoint that lists rows takes, as the CLI's options (and the
    dashboard's search and order, so that its downloads hold what it shows)."""
    return LedgerQuery.of(
        region=region, indicator=indicator or indicator_id, year=year, status=status, kind=kind, category=category,
        level=level, as_of=as_of, text=q, sort=sort,
    )  # fmt: skip


LedgerFilter = Annotated[LedgerQuery, Depends(_ledger_query)]

#: the query parameters of each route, computed once
_KNOWN: dict[int, frozenset[str]] = {}


def _query_names(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def refuse_unknown_query(request: Request) -> None:
    """Refuse a query parameter the endpoint does not take (a typo would otherwise be ignored
    silently and return everything)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = _KNOWN.get(id(route))
    if known is None:
        known = frozenset(_query_names(route.dependant))
        _KNOWN[id(route)] = known
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise ApiError(
            400,
            "E400",
            f"unknown query parameter {', '.join(map(repr, unknown))} / 未知的查询参数"
            f"; this endpoint takes: {', '.join(sorted(known)) or 'none'}",
            {"unknown": unknown, "known": sorted(known)},
        )
