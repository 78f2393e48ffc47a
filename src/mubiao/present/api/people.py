"""``/api/auth`` (log in and out, who am I), ``/api/units``, ``/api/users``, ``/api/keys`` and the
units' reports (``/api/reports``).  Who may call each is declared in :mod:`.policy`; the facade
(:attr:`mubiao.ledger.Ledger.people`) checks the units again, so that no face can forget to."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.security import OAuth2PasswordRequestForm

from mubiao.ledger import Principal, ReportInfo, UnitInfo, UserInfo
from mubiao.present.api.auth import Actor
from mubiao.present.api.deps import ApiState, State
from mubiao.present.api.people_schemas import (
    ActiveIn,
    KeyIn,
    KeyOut,
    MeOut,
    NewKeyOut,
    PasswordIn,
    ReportIn,
    ReportOut,
    ReviewIn,
    TokenOut,
    UnitIn,
    UnitOut,
    UserIn,
    UserOut,
)

router = APIRouter(tags=["people"])


def _unit(u: UnitInfo) -> UnitOut:
    return UnitOut.model_validate(asdict(u))


def _user(u: UserInfo) -> UserOut:
    return UserOut.model_validate(asdict(u))


def _report(r: ReportInfo) -> ReportOut:
    return ReportOut.model_validate(asdict(r))


def _me(state: ApiState, who: Principal) -> MeOut:
    units = [_unit(u) for u in state.ledger.people.units() if u.id in who.own_units]
    regions = None if who.regions is None else sorted(who.regions)
    return MeOut.model_validate(
        {"name": who.name, "role": who.role, "via": who.via, "units": units, "regions": regions,
         "public_read": state.public_read}
    )  # fmt: skip


@router.post("/auth/token", response_model=TokenOut)
def login(request: Request, state: State, form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> TokenOut:
    """Log in with a user name and password (an OAuth2 password form): a session token to send as
    ``Authorization: Bearer …``.  Failures are counted per user name and per client address; too
    many within 15 minutes are refused with 429 and ``Retry-After``."""
    client = request.client.host if request.client else ""
    issued = state.ledger.people.login(form.username, form.password, client=client)
    who = state.ledger.people.authenticate(issued.secret)
    assert who is not None
    return TokenOut(access_token=issued.secret, expires_at=issued.expires_at, user=_me(state, who))


@router.post("/auth/logout", status_code=204, response_class=Response)
def logout(state: State, who: Actor) -> Response:
    """End the session (or revoke the key) the request was made with."""
    if who.credential_id is not None:
        state.ledger.people.revoke(who.credential_id, actor=who)
    return Response(status_code=204)


@router.get("/auth/me", response_model=MeOut)
def me(state: State, who: Actor) -> MeOut:
    """Who the credentials name: role, own units, the regions one may write in."""
    return _me(state, who)


@router.get("/units", response_model=list[UnitOut])
def list_units(state: State, who: Actor) -> list[UnitOut]:
    """The units the caller may read (every unit for an administrator), by name."""
    return [_unit(u) for u in state.ledger.people.units(who)]


@router.post("/units", response_model=UnitOut, status_code=201)
def add_unit(body: UnitIn, state: State, who: Actor) -> UnitOut:
    """Add a department or a sub-unit (town, 街道) under a region or a parent unit (audited)."""
    return _unit(
        state.ledger.people.add_unit(
            body.name, region=body.region, kind=body.kind, parent=body.parent, actor=who
        )
    )


@router.get("/users", response_model=list[UserOut])
def list_users(state: State, who: Actor) -> list[UserOut]:
    del who  # the guard is the point
    return [_user(u) for u in state.ledger.people.users()]


@router.post("/users", response_model=UserOut, status_code=201)
def add_user(body: UserIn, state: State, who: Actor) -> UserOut:
    """Add a user with a role and units (audited; the password is kept as an argon2 hash)."""
    return _user(
        state.ledger.people.add_user(
            body.name, role=body.role, password=body.password, units=body.units,
            display_name=body.display_name, actor=who,
        )
    )  # fmt: skip


@router.post("/users/{name}/password", status_code=204, response_class=Response)
def reset_password(name: str, body: PasswordIn, state: State, who: Actor) -> Response:
    """An administrator sets a new password; the user's sessions end."""
    state.ledger.people.set_password(name, body.password, actor=who)
    return Response(status_code=204)


@router.post("/users/{name}/active", response_model=UserOut)
def set_active(name: str, body: ActiveIn, state: State, who: Actor) -> UserOut:
    """Disable a user (every session and key ends at once) or enable them again."""
    state.ledger.people.set_active(name, body.active, actor=who)
    return _user(state.ledger.people.user(name))


@router.get("/keys", response_model=list[KeyOut])
def list_keys(state: State, who: Actor) -> list[KeyOut]:
    return [KeyOut.model_validate(k) for k in state.ledger.people.keys(who)]


@router.post("/keys", response_model=NewKeyOut, status_code=201)
def add_key(body: KeyIn, state: State, who: Actor) -> NewKeyOut:
    """An API key for a script, with the rights of its user; shown this once."""
    issued = state.ledger.people.add_key(body.user or who.name, body.label, days=body.days, actor=who)
    return NewKeyOut(id=issued.id, key=issued.secret, label=issued.label, expires_at=issued.expires_at)


@router.delete("/keys/{key_id}", status_code=204, response_class=Response)
def revoke_key(key_id: int, state: State, who: Actor) -> Response:
    state.ledger.people.revoke(key_id, actor=who)
    return Response(status_code=204)


@router.get("/reports", response_model=list[ReportOut])
def list_reports(
    state: State,
    who: Actor,
    status: Annotated[str | None, Query(pattern="^(submitted|approved|returned)$")] = None,
) -> list[ReportOut]:
    """The reports of every unit the caller may read, newest first."""
    return [_report(r) for r in state.ledger.people.reports(who) if status is None or r.status == status]


@router.get("/units/{unit_id}/reports", response_model=list[ReportOut])
def unit_reports(unit_id: int, state: State, who: Actor) -> list[ReportOut]:
    return [_report(r) for r in state.ledger.people.reports(who, unit_id=unit_id)]


@router.post("/units/{unit_id}/reports", response_model=ReportOut, status_code=201)
def add_report(unit_id: int, body: ReportIn, state: State, who: Actor) -> ReportOut:
    """A unit's report of its progress (reporters of the unit, administrators; audited)."""
    return _report(
        state.ledger.people.add_report(
            unit_id, body.text, target_id=body.target_id, year=body.year, actor=who
        )
    )


@router.post("/reports/{report_id}/review", response_model=ReportOut)
def review_report(report_id: int, body: ReviewIn, state: State, who: Actor) -> ReportOut:
    """A supervisor approves or returns a report of a unit of its region (audited)."""
    return _report(state.ledger.people.review_report(report_id, body.status, body.note, actor=who))
