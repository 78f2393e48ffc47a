"""Status overrides: a person replacing the status the evaluation gave a target, with a reason.

The evaluation judges from the figures it has; a reader who knows better (a result published
elsewhere, a target the council withdrew) can set the status by hand.  An override is kept per
target statement, beside the computed row, never instead of it: :class:`~mubiao.ledger.ledger.Ledger`
shows the override's status and keeps the computed one in ``details["computed_status"]``.

Every change — set, changed, removed — writes its audit row (table ``status_overrides``, row id
the target's statement id) in the same transaction as the change itself.  An override goes with
its target: when a document is ingested again its statements are replaced, and each override moves
to the new statement that says the same thing — the same claim at the same place of the original, or
else the same kind, indicator, measure, value, unit and year.  An override whose target is no longer
extracted is dropped, and its audit row (``who = "ingest"``) keeps what it said: nothing is lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from mubiao.errors import NotFoundError, UsageError
from mubiao.store import models as m
from mubiao.store.engine import display_url, store_errors
from mubiao.store.records import STATUSES

if TYPE_CHECKING:
    from mubiao.store.store import Store

__all__ = [
    "Override",
    "StatusOverride",
    "carry_over",
    "get_overrides",
    "remove_override",
    "saved_for_document",
    "set_override",
]

TABLE = "status_overrides"
_MAX_REASON = 2000


class StatusOverride(m.Base):
    """The status a person gave a target, replacing the computed one."""

    __tablename__ = TABLE

    #: the target's statement id: one override per target
    target_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey("statements.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    )
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class Override:
    target_id: int
    status: str
    reason: str
    who: str
    at: datetime

    def to_dict(self) -> dict[str, object]:
        """The ``override`` object of the API: status, reason, who, when."""
        return {"status": self.status, "reason": self.reason, "who": self.who, "when": self.at}


def _info(o: StatusOverride) -> Override:
    # SQLite keeps no time zone: the store writes UTC, so a naive value read back is UTC
    at = o.at if o.at.tzinfo is not None else o.at.replace(tzinfo=UTC)
    return Override(o.target_id, o.status, o.reason, o.who, at)


def get_overrides(store: Store, target_ids: Iterable[int] | None = None) -> dict[int, Override]:
    """The overrides of ``target_ids`` (all of them by default), by target id."""
    q = select(StatusOverride)
    if target_ids is not None:
        ids = list(target_ids)
        if not ids:
            return {}
        q = q.where(StatusOverride.target_id.in_(ids))
    with store_errors("cannot read the status overrides", store.url), store.session() as s:
        return {o.target_id: _info(o) for o in s.scalars(q)}


def _check(status: str, reason: str) -> str:
    if status not in STATUSES:
        raise UsageError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    reason = reason.strip()
    if not reason:
        raise UsageError("a status override needs a reason")
    if len(reason) > _MAX_REASON:
        raise UsageError(f"the reason is longer than {_MAX_REASON} characters")
    return reason


def _target(s: Session, store: Store, target_id: int) -> m.Statement:
    st = s.get(m.Statement, target_id)
    if st is None:
        raise NotFoundError(f"no statement with id {target_id}", path=display_url(store.url))
    if st.kind != "target":
        raise UsageError(f"statement {target_id} is a result, not a target: only targets have a status")
    return st


def _audit(
    s: Session, who: str, at: datetime, target_id: int, field: str, old: str | None, new: str | None
) -> None:
    s.add(
        m.Audit(
            who=who,
            at=at,
            table_name=TABLE,
            row_id=target_id,
            field=field,
            old=old,
            new=new,
            manual_import_id=None,
        )
    )


def _as_json(o: StatusOverride) -> str:
    return json.dumps({"target_id": o.target_id, "status": o.status, "reason": o.reason}, ensure_ascii=False)


def set_override(store: Store, target_id: int, status: str, reason: str, *, who: str) -> Override:
    """Set (or change) the status of target ``target_id``; audited in the same transaction."""
    reason = _check(status, reason)
    now = datetime.now(UTC)
    with store_errors("cannot store the status override", store.url), store.session() as s, s.begin():
        _target(s, store, target_id)
        o = s.get(StatusOverride, target_id)
        if o is None:
            o = StatusOverride(target_id=target_id, status=status, reason=reason, who=who, at=now)
            s.add(o)
            _audit(s, who, now, target_id, "*", None, _as_json(o))
        else:
            for field, new in (("status", status), ("reason", reason)):
                old = getattr(o, field)
                if old != new:
                    _audit(s, who, now, target_id, field, old, new)
                    setattr(o, field, new)
            o.who, o.at = who, now
        s.flush()
        return _info(o)


def remove_override(store: Store, target_id: int, *, who: str) -> Override:
    """Remove the override of target ``target_id`` (NotFoundError when it has none); audited."""
    now = datetime.now(UTC)
    with store_errors("cannot remove the status override", store.url), store.session() as s, s.begin():
        o = s.get(StatusOverride, target_id)
        if o is None:
            raise NotFoundError(f"target {target_id} has no status override", path=display_url(store.url))
        removed = _info(o)
        _audit(s, who, now, target_id, "*", _as_json(o), None)
        s.delete(o)
        return removed


# -- re-ingestion --------------------------------------------------------------------------------

_SAME_PLACE = ("kind", "span_start", "span_end", "measure", "value", "unit", "year")
_SAME_CLAIM = ("kind", "indicator_id", "indicator", "measure", "value", "unit", "year")


@dataclass(frozen=True)
class _Saved:
    override: StatusOverride
    place: tuple[object, ...]
    claim: tuple[object, ...]


def saved_for_document(s: Session, document_id: int) -> list[_Saved]:
    """The overrides of a document's targets with what identifies their targets, read before the
    document's statements are replaced."""
    q = select(StatusOverride, m.Statement).join(m.Statement, StatusOverride.target_id == m.Statement.id)
    q = q.where(m.Statement.document_id == document_id)
    out = []
    for o, st in s.execute(q).all():
        s.expunge(o)
        out.append(
            _Saved(o, tuple(getattr(st, k) for k in _SAME_PLACE), tuple(getattr(st, k) for k in _SAME_CLAIM))
        )
    return out


def carry_over(s: Session, saved: list[_Saved], document_id: int, who: str = "ingest") -> None:
    """Attach each saved override to the new statement that says the same thing (see the module
    docstring); in the caller's transaction, after the new statements are inserted."""
    if not saved:
        return
    new = list(
        s.scalars(
            select(m.Statement).where(m.Statement.document_id == document_id, m.Statement.kind == "target")
        )
    )
    by_place: dict[tuple[object, ...], list[int]] = {}
    by_claim: dict[tuple[object, ...], list[int]] = {}
    for st in new:
        by_place.setdefault(tuple(getattr(st, k) for k in _SAME_PLACE), []).append(st.id)
        by_claim.setdefault(tuple(getattr(st, k) for k in _SAME_CLAIM), []).append(st.id)
    now = datetime.now(UTC)
    taken: set[int] = set()
    for item in saved:
        o = item.override
        candidates = [i for i in by_place.get(item.place, []) if i not in taken]
        if not candidates:
            candidates = [i for i in by_claim.get(item.claim, []) if i not in taken]
        if candidates:
            target = candidates[0]
            taken.add(target)
            s.add(StatusOverride(target_id=target, status=o.status, reason=o.reason, who=o.who, at=o.at))
            _audit(s, who, now, target, "target_id", str(o.target_id), str(target))
        else:
            # the claim is no longer extracted: the override cannot follow it, its audit row keeps it
            _audit(s, who, now, o.target_id, "*", _as_json(o), None)
