"""People, units and their credentials: the tables of who may see and do what.

A *unit* (单位) is a department (区发改委, 区统计局) or a sub-unit such as a town (镇) or a 街道, in
a hierarchy of its own (``parent_id``) under a region of the ledger (``region``: a name the
reference data or the store knows).  Towns are units, not ledger regions.

A *user* has one role (administrator, supervisor, reporter, viewer) and belongs to units
(``user_units``).  Passwords are kept as argon2 hashes made by the ledger's people module; this
module stores what it is given and never sees a password.

A *credential* is a login session or an API key: a random secret of which only the SHA-256 is
stored (a secret of 256 random bits needs no slow hash), with its expiry and its revocation.

A *unit report* (进展报告) is the supervision data a unit gives on its work — the text of its
progress on a target — and the supervisor's review of it (approved or returned).

Every change is written with an audit row naming the user, in the same transaction.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from mubiao.store import models as m

__all__ = ["Credential", "Unit", "UnitReport", "User", "UserUnit", "audit_row"]

BigId = BigInteger().with_variant(Integer(), "sqlite")


class Unit(m.Base):
    """A department or a sub-unit (town, 街道) under a region of the ledger."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    #: department, town, street (街道) or other
    kind: Mapped[str] = mapped_column(String(16))
    #: the ledger region the unit belongs to, as the ledger names it
    region: Mapped[str] = mapped_column(String(64), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class User(m.Base):
    """A person who logs in: one role, scoped to units."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    #: an argon2 hash (PHC string)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: where reminders (催办) are sent; none: in-app notices only (added by migration 0007)
    email: Mapped[str | None] = mapped_column(String(255))


class UserUnit(m.Base):
    """A user belongs to a unit."""

    __tablename__ = "user_units"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)


class Credential(m.Base):
    """A login session or an API key of a user: the SHA-256 of its secret, expiry, revocation."""

    __tablename__ = "credentials"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: "session" or "key"
    kind: Mapped[str] = mapped_column(String(8))
    #: what the key is for (a script's name); "login" for a session
    label: Mapped[str] = mapped_column(String(128))
    secret_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class UnitReport(m.Base):
    """A unit's report of progress on its work, and the supervisor's review of it."""

    __tablename__ = "unit_reports"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    #: the ledger target the report is about, if any
    target_id: Mapped[int | None] = mapped_column(ForeignKey("statements.id", ondelete="SET NULL"))
    year: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    #: submitted, approved or returned
    status: Mapped[str] = mapped_column(String(16))
    who: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reviewed_by: Mapped[str | None] = mapped_column(String(128))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    review_note: Mapped[str | None] = mapped_column(Text)


def audit_row(
    s: Session,
    who: str,
    at: datetime,
    table: str,
    row_id: int,
    field: str,
    old: object | None,
    new: object | None,
) -> None:
    """An audit row in the caller's transaction; values other than text as JSON."""

    def text(v: object | None) -> str | None:
        return v if v is None or isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)

    s.add(m.Audit(who=who, at=at, table_name=table, row_id=row_id, field=field, old=text(old), new=text(new)))
