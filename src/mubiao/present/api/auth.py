"""Who is calling, and whether the route's policy lets them: the one guard of every API route.

Credentials are bearer tokens only — ``Authorization: Bearer <secret>`` (or ``X-Mubiao-Token``):
a session from ``POST /api/auth/token`` (FastAPI's OAuth2 password flow), an API key, or the token
configured on the server (``--token``, ``$MUBIAO_TOKEN``), which acts as an administrator named by
its label.  No cookie is ever set, so a browser never sends a credential on its own and no other
site can make it write: cross-site request forgery needs no token of its own here.  The dashboard
keeps its session in ``sessionStorage`` (gone with the tab) and renders text, never HTML, from
the API.

:func:`guard` runs before every route (a router dependency, as ``refuse_unknown_query``): it
finds the route's :class:`~mubiao.present.api.policy.Policy`, authenticates, checks the role and
the scope, and leaves the caller in ``request.state.principal`` for :data:`Actor`.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from fastapi.routing import APIRoute
from fastapi.security import OAuth2PasswordBearer

from mubiao.errors import MubiaoError
from mubiao.ledger import CorrectionInfo, Principal
from mubiao.present.api.deps import ApiState, State
from mubiao.present.api.errors import ApiError
from mubiao.present.api.policy import Policy, policy_of

__all__ = ["Actor", "guard", "route_policy"]

#: declares the bearer token in the OpenAPI schema; /api/docs logs in through the password form
_oauth2 = OAuth2PasswordBearer(
    tokenUrl="/api/auth/token",
    auto_error=False,
    description="a session (log in with a user name and password), an API key or the server's token",
)

_NO_CREDENTIALS = "this request needs a login or an API key: send 'Authorization: Bearer <token>' / 需要登录"
_BAD_CREDENTIALS = "wrong, expired or revoked token / 令牌不正确、已过期或已撤销"


def _disabled() -> ApiError:
    return ApiError(
        403,
        "E403",
        "writes are disabled: the server has no token configured (start it with --token or MUBIAO_TOKEN) "
        "and no users (mubiao users add) / 服务器未配置令牌或用户，不接受写入",
    )


def route_policy(methods: Iterable[str] | None, path: str) -> Policy:
    """The policy of an API route (its methods, its full path); a RuntimeError for a route without
    one (``create_app`` asks at start-up, so the server never runs with an undeclared route)."""
    found = {policy_of(method, path) for method in methods or ()}
    if len(found) != 1 or None in found:
        raise RuntimeError(f"the API route {sorted(methods or ())} {path} declares no policy")
    return found.pop()  # type: ignore[return-value]


def _principal(state: ApiState, given: str | None) -> Principal | None:
    """The caller the secret names; None when there is no secret; an ApiError for a wrong one."""
    if not given:
        return None
    if state.token is not None and hmac.compare_digest(given.encode(), state.token.encode()):
        return Principal.system(state.label, via="token")
    found = state.ledger.people.authenticate(given)
    if found is None:
        if state.token is None and not state.ledger.people.has_users():
            raise _disabled()
        raise ApiError(403, "E403", _BAD_CREDENTIALS)
    return found


async def _body_field(request: Request, name: str) -> Any:
    """A field of the request's JSON body, None when there is none (the route answers a bad body)."""
    try:
        body: Any = await request.json()
    except ValueError:
        return None
    return body.get(name) if isinstance(body, dict) else None


def _correction_region(state: ApiState, c: CorrectionInfo) -> str | None:
    try:
        if c.statement_id is not None:
            return state.ledger.statement(c.statement_id).region
        return state.ledger.document(c.doc_id).region
    except MubiaoError:
        return None  # an orphan of a deleted document: of no region, an administrator's


async def _scope_allows(request: Request, state: ApiState, policy: Policy, who: Principal) -> bool:
    if who.is_admin or policy.scope == "none":
        return True
    params = request.path_params
    if policy.scope == "region":
        region: str | None
        if "target_id" in params:
            row = state.ledger.row(int(params["target_id"]))
            if row is None:
                return True  # the route answers 404: there is nothing of anyone's to protect
            region = row.region
        elif "statement_id" in params:
            # a correction: the statement's region now, and the region it is moved to, if any
            try:
                region = state.ledger.statement(int(params["statement_id"])).region
            except MubiaoError:
                return True  # the route answers 404
            if not who.may_write_region(region):
                return False
            try:
                given: Any = await request.json()
                moved = given.get("region") if isinstance(given, dict) else None
                if isinstance(moved, str):
                    region = state.ledger.resolve_region(moved)
            except (ValueError, MubiaoError):
                return True  # the route answers 422, or with the did-you-mean
        elif "doc_id" in params:
            # a document's metadata, re-read or deletion: its region, and the region it is moved to
            try:
                region = state.ledger.document(str(params["doc_id"])).region
            except MubiaoError:
                return True  # the route answers 404
            if not who.may_write_region(region):
                return False
            moved = await _body_field(request, "region")
            if isinstance(moved, str):
                try:
                    region = state.ledger.resolve_region(moved)
                except MubiaoError:
                    return True  # the route answers with the did-you-mean
        elif "correction_id" in params:
            # a correction's statement (or, orphaned, its document), and a statement it is put on
            try:
                c = state.ledger.correction(int(params["correction_id"]))
            except MubiaoError:
                return True  # the route answers 404
            region = _correction_region(state, c)
            chosen = await _body_field(request, "statement_id")
            if isinstance(chosen, int) and who.may_write_region(region):
                try:
                    region = state.ledger.statement(chosen).region
                except MubiaoError:
                    return True  # the route answers 404
        else:
            try:
                body: Any = await request.json()
            except ValueError:
                return True  # the route answers 422
            raw = body.get("region") if isinstance(body, dict) else None
            if not isinstance(raw, str):
                return True
            try:
                region = state.ledger.resolve_region(raw)
            except MubiaoError:
                return True  # the route answers with the did-you-mean
        return who.may_write_region(region)
    if policy.scope in ("unit_read", "unit_write"):
        unit_id = int(params["unit_id"])
        return who.may_read_unit(unit_id) if policy.scope == "unit_read" else who.may_write_unit(unit_id)
    if policy.scope == "progress":
        unit = state.ledger.supervision.progress_unit(int(params["progress_id"]))
        return unit is None or who.may_write_unit(unit)
    # a report's review: the report's unit
    unit = state.ledger.people.report_unit(int(params["report_id"]))
    return unit is None or who.may_write_unit(unit)


async def guard(
    request: Request,
    state: State,
    bearer: Annotated[str | None, Depends(_oauth2)],
    x_mubiao_token: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> None:
    """Refuse the request unless the route's policy lets the caller make it (see the module docstring)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    # the route in the scope may be the router's own, before the "/api" prefix: found by endpoint
    policy: Policy = request.app.state.policies[route.endpoint]
    given = x_mubiao_token if x_mubiao_token is not None else bearer
    if policy.access == "open" or (policy.access == "public" and state.public_read):
        # open to anyone: credentials sent along (the dashboard sends its session with every
        # request) are neither needed nor looked up
        request.state.principal = None
        return
    who = _principal(state, given)
    if who is None:
        if state.token is None and not state.ledger.people.has_users():
            raise _disabled()
        raise ApiError(401, "E401", _NO_CREDENTIALS, headers={"WWW-Authenticate": "Bearer"})
    if who.role not in policy.roles:
        raise ApiError(
            403,
            "E403",
            f"the role {who.role} may not do this (needs {' or '.join(sorted(policy.roles))}) / 当前角色无此权限",
        )
    if not await _scope_allows(request, state, policy, who):
        raise ApiError(403, "E403", "not one of your units or regions / 不在您的单位或地区范围内")
    request.state.principal = who


def _actor(request: Request) -> Principal:
    who = getattr(request.state, "principal", None)
    if not isinstance(who, Principal):
        raise ApiError(401, "E401", _NO_CREDENTIALS, headers={"WWW-Authenticate": "Bearer"})
    return who


#: the caller of a login route, as the guard found them
Actor = Annotated[Principal, Depends(_actor)]
