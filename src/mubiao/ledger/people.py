"""Who may see and do what: units, users, roles, logins, API keys and the units' reports.

As DHIS2 scopes its users to organisation units, mubiao scopes each user to units (区发改委, 区统计局,
a town, a 街道), each unit under a region of the ledger.  The four roles:

=============  ==========  ==================================================================
role           中文         may
=============  ==========  ==================================================================
admin          管理员       everything: units, users, keys of anyone, every unit and region
supervisor     督查         read the reports of every unit of its units' regions and review them;
                            enter results and override statuses in those regions
reporter       填报         read and write the reports of its own units (and their sub-units);
                            enter results in its units' regions
viewer         查看         read the reports of its own units; write nothing
=============  ==========  ==================================================================

Reading the public ledger and documents needs no login (the API may be configured to need one);
what the units report (the supervision data) always does.

Passwords are argon2 hashes (argon2-cffi's ``PasswordHasher``, its defaults).  A login gives a
session; a user may make API keys for scripts.  Both are random secrets of 256 bits, of which the
store keeps only the SHA-256, with an expiry, and which can be revoked.  Failed logins are counted
per user name and per client address, and refused for a while after too many
(:class:`Throttle`).  Every change is audited with the user who made it.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mubiao.errors import (
    AccessDeniedError,
    NotAuthenticatedError,
    NotFoundError,
    TooManyAttemptsError,
    UsageError,
)
from mubiao.store import Store, store_errors
from mubiao.store import models as m
from mubiao.store.people import Credential, Unit, UnitReport, User, UserUnit, audit_row

__all__ = [
    "REPORT_STATUSES",
    "ROLES",
    "ROLE_LABELS",
    "UNIT_KINDS",
    "Issued",
    "People",
    "Principal",
    "ReportInfo",
    "Throttle",
    "UnitInfo",
    "UserInfo",
]

ROLES: tuple[str, ...] = ("admin", "supervisor", "reporter", "viewer")
ROLE_LABELS: dict[str, str] = {"admin": "管理员", "supervisor": "督查", "reporter": "填报", "viewer": "查看"}
UNIT_KINDS: tuple[str, ...] = ("department", "town", "street", "other")
REPORT_STATUSES: tuple[str, ...] = ("submitted", "approved", "returned")

MIN_PASSWORD = 8
SESSION_HOURS = 12
KEY_DAYS = 365
_NAME_MAX = 64
#: how many user names and addresses the throttle keeps before it sweeps out the stale ones
_MAX_KEYS = 10_000
_TEXT_MAX = 5000

#: enough of an address to be worth sending to: one @, no spaces, a dot in the domain
_EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")

_hasher = PasswordHasher()
#: verified against when the user does not exist, so that an unknown name costs as much time
_DUMMY_HASH = _hasher.hash("not a password of anyone")


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(at: datetime | None) -> datetime | None:
    # SQLite keeps no time zone: the store writes UTC, so a naive value read back is UTC
    return at if at is None or at.tzinfo is not None else at.replace(tzinfo=UTC)


def _sha(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    kind: str
    region: str
    parent_id: int | None
    parent: str | None


@dataclass(frozen=True)
class UserInfo:
    id: int
    name: str
    display_name: str
    role: str
    active: bool
    units: tuple[str, ...]
    unit_ids: tuple[int, ...]
    #: where reminders are sent (None: in-app notices only)
    email: str | None = None


@dataclass(frozen=True)
class ReportInfo:
    id: int
    unit_id: int
    unit: str
    target_id: int | None
    year: int | None
    text: str
    status: str
    who: str
    at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_note: str | None


@dataclass(frozen=True)
class Issued:
    """A session or key just made: the secret is shown this once and never stored."""

    id: int
    secret: str
    kind: str
    label: str
    expires_at: datetime | None


@dataclass(frozen=True)
class Principal:
    """Who is asking, and the units and regions they may read and write.

    ``None`` for a set means every one (an administrator).
    """

    name: str
    role: str
    user_id: int | None = None
    #: session, key, token (the server's configured token) or system (the command line)
    via: str = "system"
    credential_id: int | None = None
    own_units: frozenset[int] = frozenset()
    readable_units: frozenset[int] | None = None
    writable_units: frozenset[int] | None = None
    #: the regions whose ledger the principal may write in (results, overrides)
    regions: frozenset[str] | None = None

    @classmethod
    def system(cls, name: str = "system", *, via: str = "system") -> Principal:
        """An administrator that is not a stored user: the command line, the server's token."""
        return cls(name=name, role="admin", via=via)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def may_read_unit(self, unit_id: int) -> bool:
        return self.readable_units is None or unit_id in self.readable_units

    def may_write_unit(self, unit_id: int) -> bool:
        return self.writable_units is None or unit_id in self.writable_units

    def may_write_region(self, region: str | None) -> bool:
        return self.regions is None or (region is not None and region in self.regions)

    def require_role(self, *roles: str) -> None:
        if self.role not in roles:
            raise AccessDeniedError(
                f"the role {self.role} may not do this (needs {' or '.join(roles)}) / 当前角色无此权限"
            )


class Throttle:
    """Failed logins, counted per key (a user name, a client address) over a sliding window.

    After ``limit`` failures within ``window`` seconds the key is refused until the oldest
    failure leaves the window.  In memory, per server process: a restart forgets the counts,
    which costs an attacker a restart of the server they cannot cause.
    """

    def __init__(self, limit: int = 5, window: float = 900.0, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        kept = [t for t in self._failures.get(key, []) if now - t < self.window]
        if kept:
            self._failures[key] = kept
        else:
            self._failures.pop(key, None)
        return kept

    def check(self, *keys: str) -> None:
        """Refuse (TooManyAttemptsError) when any key has failed too often of late."""
        now = self.clock()
        with self._lock:
            for key in keys:
                recent = self._recent(key, now)
                if len(recent) >= self.limit:
                    wait = max(1, int(self.window - (now - recent[0])) + 1)
                    raise TooManyAttemptsError(
                        f"too many failed logins: try again in {wait} s / 登录失败次数过多，请 {wait} 秒后再试",
                        retry_after=wait,
                    )

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self._lock:
            if len(self._failures) > _MAX_KEYS:
                # a loop over invented names must not fill the memory: forget what is out of the window
                for key in list(self._failures):
                    self._recent(key, now)
            for key in keys:
                self._failures.setdefault(key, []).append(now)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


@dataclass
class People:
    """The people of a store: its units, users, credentials and unit reports.

    ``resolve_region`` turns what a user typed (a name, a short form, a 6-digit code) into the
    region as the ledger names it (:meth:`mubiao.ledger.Ledger.resolve_region`).
    """

    store: Store
    resolve_region: Callable[[str], str]
    #: how many failures of one user name, and of one client address, lock logins for a while
    throttle: Throttle = field(default_factory=Throttle)
    client_throttle: Throttle = field(default_factory=lambda: Throttle(limit=20))
    session_hours: float = SESSION_HOURS

    # ------------------------------------------------------------------ reading

    def has_users(self) -> bool:
        with store_errors("cannot read the users", self.store.url), self.store.session() as s:
            return s.scalar(select(User.id).limit(1)) is not None

    def units(self, actor: Principal | None = None) -> list[UnitInfo]:
        """Every unit, or those ``actor`` may read, by name."""
        with store_errors("cannot read the units", self.store.url), self.store.session() as s:
            rows = list(s.scalars(select(Unit).order_by(Unit.name)))
        names = {u.id: u.name for u in rows}
        out = [
            UnitInfo(u.id, u.name, u.kind, u.region, u.parent_id, names.get(u.parent_id or -1)) for u in rows
        ]
        return [u for u in out if actor is None or actor.may_read_unit(u.id)]

    def unit(self, name_or_id: str | int) -> UnitInfo:
        for u in self.units():
            if u.id == name_or_id or u.name == name_or_id or str(u.id) == str(name_or_id):
                return u
        raise NotFoundError(f"no unit {name_or_id!r} / 无此单位")

    def users(self) -> list[UserInfo]:
        with store_errors("cannot read the users", self.store.url), self.store.session() as s:
            users = list(s.scalars(select(User).order_by(User.name)))
            links = list(s.execute(select(UserUnit.user_id, Unit.id, Unit.name).join(Unit)))
        by_user: dict[int, list[tuple[int, str]]] = {}
        for user_id, unit_id, unit_name in links:
            by_user.setdefault(user_id, []).append((unit_id, unit_name))
        return [
            UserInfo(
                u.id, u.name, u.display_name, u.role, u.active,
                tuple(sorted(n for _, n in by_user.get(u.id, []))),
                tuple(sorted(i for i, _ in by_user.get(u.id, []))),
                u.email,
            )
            for u in users
        ]  # fmt: skip

    def user(self, name: str) -> UserInfo:
        for u in self.users():
            if u.name == name:
                return u
        raise NotFoundError(f"no user {name!r} / 无此用户")

    # ------------------------------------------------------------------ scope

    def principal(
        self, user: UserInfo, *, via: str = "system", credential_id: int | None = None
    ) -> Principal:
        """What ``user`` may read and write, from the role and the units (see the module docstring)."""
        if user.role == "admin":
            return Principal(user.name, "admin", user.id, via, credential_id, frozenset(user.unit_ids))
        units = self.units()
        children: dict[int | None, list[int]] = {}
        for u in units:
            children.setdefault(u.parent_id, []).append(u.id)
        own = frozenset(user.unit_ids)
        below: set[int] = set()
        todo = list(own)
        while todo:
            i = todo.pop()
            if i not in below:
                below.add(i)
                todo.extend(children.get(i, []))
        regions = frozenset(u.region for u in units if u.id in own)
        if user.role == "supervisor":
            in_regions = frozenset(u.id for u in units if u.region in regions)
            readable, writable = in_regions, in_regions
        elif user.role == "reporter":
            readable, writable = frozenset(below), frozenset(below)
        else:  # viewer
            readable, writable, regions = frozenset(below), frozenset(), frozenset()
        return Principal(user.name, user.role, user.id, via, credential_id, own, readable, writable, regions)

    # ------------------------------------------------------------------ units and users

    def add_unit(
        self, name: str, *, region: str | None = None, kind: str = "department", parent: str | None = None,
        actor: Principal,
    ) -> UnitInfo:  # fmt: skip
        """Add a unit under ``region`` (any form the ledger resolves) or under the ``parent`` unit
        (whose region it takes when none is given)."""
        actor.require_role("admin")
        name = name.strip()
        if not name or len(name) > 128:
            raise UsageError("a unit needs a name of at most 128 characters / 单位名称不能为空")
        if kind not in UNIT_KINDS:
            raise UsageError(f"a unit's kind is one of {', '.join(UNIT_KINDS)}, not {kind!r}")
        up = self.unit(parent) if parent else None
        if region:
            resolved = self.resolve_region(region)
        elif up is not None:
            resolved = up.region
        else:
            raise UsageError("a unit needs a region (or a parent unit) / 单位须属于一个地区")
        if up is not None and up.region != resolved:
            raise UsageError(f"unit {name} is in {resolved}, its parent {up.name} in {up.region}")
        if any(u.name == name for u in self.units()):
            raise UsageError(f"a unit named {name} exists already / 单位已存在")
        now = _now()
        with store_errors("cannot store the unit", self.store.url), self.store.session() as s, s.begin():
            unit = Unit(
                name=name, kind=kind, region=resolved, parent_id=up.id if up else None, created_at=now
            )
            s.add(unit)
            s.flush()
            audit_row(s, actor.name, now, "units", unit.id, "*", None,
                      {"name": name, "kind": kind, "region": resolved, "parent": up.name if up else None})  # fmt: skip
            unit_id = unit.id
        return self.unit(unit_id)

    def add_user(
        self, name: str, *, role: str, password: str, units: Iterable[str] = (), display_name: str | None = None,
        actor: Principal,
    ) -> UserInfo:  # fmt: skip
        actor.require_role("admin")
        name = name.strip()
        if not name or len(name) > _NAME_MAX or any(c.isspace() for c in name) or ":" in name:
            raise UsageError("a user name has 1 to 64 characters, no spaces and no ':' / 用户名无效")
        if role not in ROLES:
            raise UsageError(f"a role is one of {', '.join(ROLES)}, not {role!r} / 角色无效")
        _check_password(password)
        unit_ids = [self.unit(u).id for u in units]
        if role in ("supervisor", "reporter", "viewer") and not unit_ids:
            raise UsageError(f"a {role} needs at least one unit / 须指定所属单位")
        if any(u.name == name for u in self.users()):
            raise UsageError(f"a user named {name} exists already / 用户已存在")
        now = _now()
        with store_errors("cannot store the user", self.store.url), self.store.session() as s, s.begin():
            user = User(
                name=name, display_name=(display_name or name).strip()[:128], role=role,
                password_hash=_hasher.hash(password), active=True, created_at=now,
            )  # fmt: skip
            s.add(user)
            s.flush()
            s.add_all(UserUnit(user_id=user.id, unit_id=i) for i in unit_ids)
            audit_row(s, actor.name, now, "users", user.id, "*", None,
                      {"name": name, "role": role, "units": sorted(unit_ids)})  # fmt: skip
        return self.user(name)

    def set_password(self, name: str, password: str, *, actor: Principal) -> None:
        """An administrator's reset of a password; every session of the user ends."""
        actor.require_role("admin")
        _check_password(password)
        user = self.user(name)
        now = _now()
        with store_errors("cannot store the password", self.store.url), self.store.session() as s, s.begin():
            s.execute(update(User).where(User.id == user.id).values(password_hash=_hasher.hash(password)))
            _revoke_all(s, user.id, now, kind="session")
            audit_row(s, actor.name, now, "users", user.id, "password", None, "(reset)")

    def set_active(self, name: str, active: bool, *, actor: Principal) -> None:
        """Disable a user (every session and key ends) or enable them again."""
        actor.require_role("admin")
        user = self.user(name)
        if user.active == active:
            return
        now = _now()
        with store_errors("cannot store the user", self.store.url), self.store.session() as s, s.begin():
            s.execute(update(User).where(User.id == user.id).values(active=active))
            if not active:
                _revoke_all(s, user.id, now)
            audit_row(s, actor.name, now, "users", user.id, "active", user.active, active)

    def set_email(self, name: str, email: str | None, *, actor: Principal) -> UserInfo:
        """Where a user's reminders go (one's own address, or anyone's for an administrator);
        None or empty: in-app notices only."""
        if actor.name != name:
            actor.require_role("admin")
        address = (email or "").strip() or None
        if address is not None and (len(address) > 255 or not _EMAIL.match(address)):
            raise UsageError(f"not an e-mail address: {address!r} / 电子邮箱格式有误")
        user = self.user(name)
        now = _now()
        with store_errors("cannot store the user", self.store.url), self.store.session() as s, s.begin():
            s.execute(update(User).where(User.id == user.id).values(email=address))
            audit_row(s, actor.name, now, "users", user.id, "email", user.email, address)
        return self.user(name)

    # ------------------------------------------------------------------ credentials

    def login(self, name: str, password: str, *, client: str = "") -> Issued:
        """A new session for ``name`` when the password is right; NotAuthenticatedError otherwise,
        TooManyAttemptsError after too many failures of the name or of the client."""
        keys = (f"user:{name}",)
        self.throttle.check(*keys)
        if client:
            self.client_throttle.check(f"client:{client}")
        with store_errors("cannot read the users", self.store.url), self.store.session() as s:
            user = s.scalar(select(User).where(User.name == name))
        ok = False
        try:
            ok = _hasher.verify(user.password_hash if user is not None else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok or user is None or not user.active:
            self.throttle.failed(*keys)
            if client:
                self.client_throttle.failed(f"client:{client}")
            raise NotAuthenticatedError("wrong user name or password / 用户名或密码错误")
        self.throttle.succeeded(keys[0])
        now = _now()
        with store_errors("cannot store the session", self.store.url), self.store.session() as s, s.begin():
            if _hasher.check_needs_rehash(user.password_hash):
                s.execute(update(User).where(User.id == user.id).values(password_hash=_hasher.hash(password)))
            return _issue(s, user.id, "session", "login", now + timedelta(hours=self.session_hours), now)

    def add_key(self, user: str, label: str, *, days: int | None = KEY_DAYS, actor: Principal) -> Issued:
        """An API key of ``user`` for a script (its own key, or any user's for an administrator)."""
        if actor.name != user:
            actor.require_role("admin")
        label = label.strip()
        if not label or len(label) > 128:
            raise UsageError("an API key needs a label (what it is for) / 须填写密钥用途")
        if days is not None and days < 1:
            raise UsageError("an API key lasts at least a day")
        u = self.user(user)
        now = _now()
        expires = now + timedelta(days=days) if days is not None else None
        with store_errors("cannot store the key", self.store.url), self.store.session() as s, s.begin():
            issued = _issue(s, u.id, "key", label, expires, now)
            audit_row(s, actor.name, now, "credentials", issued.id, "*", None,
                      {"user": user, "label": label, "expires_at": expires})  # fmt: skip
            return issued

    def keys(self, actor: Principal) -> list[dict[str, object]]:
        """The API keys ``actor`` may see (its own; every key for an administrator)."""
        q = select(Credential, User.name).join(User).where(Credential.kind == "key").order_by(Credential.id)
        if not actor.is_admin:
            q = q.where(User.id == (actor.user_id if actor.user_id is not None else -1))
        with store_errors("cannot read the keys", self.store.url), self.store.session() as s:
            return [
                {"id": c.id, "user": n, "label": c.label, "created_at": _utc(c.created_at),
                 "expires_at": _utc(c.expires_at), "revoked_at": _utc(c.revoked_at)}
                for c, n in s.execute(q)
            ]  # fmt: skip

    def revoke(self, credential_id: int, *, actor: Principal) -> None:
        """End a session or revoke a key (one's own, or anyone's for an administrator)."""
        now = _now()
        with store_errors("cannot revoke", self.store.url), self.store.session() as s, s.begin():
            c = s.get(Credential, credential_id)
            if c is None or (not actor.is_admin and c.user_id != actor.user_id):
                raise NotFoundError(f"no key or session {credential_id} / 无此密钥")
            if c.revoked_at is None:
                c.revoked_at = now
                audit_row(s, actor.name, now, "credentials", c.id, "revoked_at", None, now)

    def authenticate(self, secret: str) -> Principal | None:
        """The principal of a live session or key; None for anything unknown, expired or revoked."""
        if not secret.startswith(("mbs_", "mbk_")):
            return None
        with store_errors("cannot read the credentials", self.store.url), self.store.session() as s:
            row = s.execute(
                select(Credential, User).join(User).where(Credential.secret_sha256 == _sha(secret))
            ).one_or_none()
        if row is None:
            return None
        c, u = row
        expires = _utc(c.expires_at)
        if c.revoked_at is not None or not u.active or (expires is not None and expires <= _now()):
            return None
        return self.principal(self.user(u.name), via=c.kind, credential_id=c.id)

    # ------------------------------------------------------------------ writes made elsewhere

    def audit_write(self, who: str, table: str, what: dict[str, object], *, row_id: int = 0) -> None:
        """An audit row for a write that keeps none of its own (a document stored by upload)."""
        now = _now()
        with store_errors("cannot write the audit row", self.store.url), self.store.session() as s, s.begin():
            audit_row(s, who, now, table, row_id, "*", None, what)

    # ------------------------------------------------------------------ the units' reports

    def reports(self, actor: Principal, *, unit_id: int | None = None) -> list[ReportInfo]:
        """The reports ``actor`` may read, newest first (of one unit when ``unit_id`` is given)."""
        if unit_id is not None and not actor.may_read_unit(unit_id):
            raise AccessDeniedError("this unit's reports are not yours to read / 无权查看该单位")
        q = select(UnitReport, Unit.name).join(Unit).order_by(UnitReport.id.desc())
        if unit_id is not None:
            q = q.where(UnitReport.unit_id == unit_id)
        with store_errors("cannot read the reports", self.store.url), self.store.session() as s:
            rows = list(s.execute(q))
        return [_report(r, n) for r, n in rows if actor.may_read_unit(r.unit_id)]

    def add_report(
        self,
        unit_id: int,
        text: str,
        *,
        target_id: int | None = None,
        year: int | None = None,
        actor: Principal,
    ) -> ReportInfo:
        actor.require_role("admin", "reporter")
        if not actor.may_write_unit(unit_id):
            raise AccessDeniedError("this unit is not yours to report for / 无权为该单位填报")
        text = text.strip()
        if not text or len(text) > _TEXT_MAX:
            raise UsageError(f"a report needs a text of at most {_TEXT_MAX} characters / 报告内容不能为空")
        now = _now()
        with store_errors("cannot store the report", self.store.url), self.store.session() as s, s.begin():
            unit = s.get(Unit, unit_id)
            if unit is None:
                raise NotFoundError(f"no unit {unit_id} / 无此单位")
            if target_id is not None:
                st = s.get(m.Statement, target_id)
                if st is None or st.kind != "target":
                    raise UsageError(f"statement {target_id} is not a target of the ledger")
            r = UnitReport(unit_id=unit_id, target_id=target_id, year=year, text=text, status="submitted",
                           who=actor.name, at=now)  # fmt: skip
            s.add(r)
            s.flush()
            audit_row(s, actor.name, now, "unit_reports", r.id, "*", None,
                      {"unit": unit.name, "target_id": target_id, "year": year, "text": text})  # fmt: skip
            return _report(r, unit.name)

    def review_report(self, report_id: int, status: str, note: str = "", *, actor: Principal) -> ReportInfo:
        """A supervisor's approval (approved) or return (returned) of a report, with a note."""
        actor.require_role("admin", "supervisor")
        if status not in ("approved", "returned"):
            raise UsageError("a review is approved or returned / 审核结果须为通过或退回")
        now = _now()
        with store_errors("cannot store the review", self.store.url), self.store.session() as s, s.begin():
            r = s.get(UnitReport, report_id)
            if r is None or not actor.may_read_unit(r.unit_id):
                raise NotFoundError(f"no report {report_id} / 无此报告")
            if not actor.may_write_unit(r.unit_id):
                raise AccessDeniedError("this unit is not yours to review / 无权审核该单位")
            audit_row(s, actor.name, now, "unit_reports", r.id, "status", r.status, status)
            r.status, r.reviewed_by, r.reviewed_at, r.review_note = (
                status,
                actor.name,
                now,
                note.strip() or None,
            )
            unit = s.get(Unit, r.unit_id)
            return _report(r, unit.name if unit else "")

    def report_unit(self, report_id: int) -> int | None:
        with store_errors("cannot read the reports", self.store.url), self.store.session() as s:
            r = s.get(UnitReport, report_id)
            return r.unit_id if r is not None else None


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"a password has at least {MIN_PASSWORD} characters / 密码至少 {MIN_PASSWORD} 位")


def _issue(
    s: Session, user_id: int, kind: str, label: str, expires: datetime | None, now: datetime
) -> Issued:
    secret = ("mbs_" if kind == "session" else "mbk_") + secrets.token_urlsafe(32)
    c = Credential(user_id=user_id, kind=kind, label=label, secret_sha256=_sha(secret), created_at=now,
                   expires_at=expires, revoked_at=None)  # fmt: skip
    s.add(c)
    s.flush()
    return Issued(c.id, secret, kind, label, expires)


def _revoke_all(s: Session, user_id: int, now: datetime, *, kind: str | None = None) -> None:
    q = update(Credential).where(Credential.user_id == user_id, Credential.revoked_at.is_(None))
    if kind is not None:
        q = q.where(Credential.kind == kind)
    s.execute(q.values(revoked_at=now))


def _report(r: UnitReport, unit: str) -> ReportInfo:
    at = _utc(r.at)
    assert at is not None
    return ReportInfo(r.id, r.unit_id, unit, r.target_id, r.year, r.text, r.status, r.who, at,
                      r.reviewed_by, _utc(r.reviewed_at), r.review_note)  # fmt: skip
