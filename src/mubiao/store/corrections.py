"""Corrections: a person changing what the extraction made of a statement, or excluding it.

A correction changes fields of one extracted statement (kind, year, period, indicator, value,
unit, measure, region), or excludes a false claim.  The statement row itself is changed, so every
face reads the corrected values; the correction keeps the original values beside the new ones.

A correction is keyed on what the extraction cannot change between runs: the document, the span of
the original text the statement was read from, and the kind it was extracted as.  When the
document is extracted again (a new extractor, a new edition at the same path) its statements are
replaced, and :func:`reattach` applies each correction to the new statement of the same kind whose
span overlaps the saved one most.  A correction that finds no such statement is kept, marked
``orphaned``, and listed: it is never dropped.

Every write — a correction made, merged, re-attached, orphaned — leaves audit rows (table
``corrections``, row id the correction's id, one per field with its old and new values) in the
same transaction as the change.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from mubiao.errors import NotFoundError, UsageError
from mubiao.store import models as m
from mubiao.store.audit import add_audit
from mubiao.store.engine import display_url, store_errors

if TYPE_CHECKING:
    from mubiao.store.store import Store

__all__ = [
    "FIELDS",
    "STATES",
    "TABLE",
    "Correction",
    "CorrectionInfo",
    "correct",
    "dismiss",
    "get_corrections",
    "orphan_document",
    "reattach",
    "reattach_to",
    "saved_corrections",
    "undo",
]

TABLE = "corrections"
_MAX_REASON = 2000
#: the statement columns a correction may change
FIELDS = (
    "kind",
    "year",
    "period_start",
    "period_end",
    "indicator",
    "indicator_id",
    "value",
    "value_max",
    "unit",
    "measure",
    "region",
)
_KINDS = ("target", "actual")
#: the states of a correction: applied to a statement; orphaned (no statement of the current
#: extraction matches); undone (taken back, the statement as extracted again); dismissed (an
#: orphan a person set aside).  Only the first two follow their document's re-extraction.
STATES = ("applied", "orphaned", "undone", "dismissed")
_LIVE = ("applied", "orphaned")
_MEASURES = ("level", "growth", "delta")
_BigId = BigInteger().with_variant(Integer(), "sqlite")


class Correction(m.Base):
    """One person's correction of one extracted statement (see the module docstring)."""

    __tablename__ = TABLE

    id: Mapped[int] = mapped_column(_BigId, primary_key=True)
    document_id: Mapped[int | None] = mapped_column(
        _BigId, ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    #: the document's id, kept should the document go
    doc_id: Mapped[str] = mapped_column(String(255))
    #: the key: the original span and the kind the statement was extracted as
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))
    #: the statement the correction is applied to now; null when excluded or orphaned
    statement_id: Mapped[int | None] = mapped_column(
        _BigId, ForeignKey("statements.id", ondelete="SET NULL"), index=True
    )
    #: the fields changed and their new values, as JSON
    changes: Mapped[str] = mapped_column(Text)
    #: the same fields' values as extracted, as JSON
    original: Mapped[str] = mapped_column(Text)
    excluded: Mapped[bool] = mapped_column(Boolean)
    #: "applied" or "orphaned" (no statement of the current extraction matches)
    state: Mapped[str] = mapped_column(String(16))
    #: the text of the statement corrected, to show an orphaned correction
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: the statement row an exclusion removed, as JSON: undoing the exclusion puts it back
    removed_row: Mapped[str | None] = mapped_column(Text)


@dataclass(frozen=True)
class CorrectionInfo:
    id: int
    doc_id: str
    span: tuple[int, int] | None
    kind: str
    statement_id: int | None
    changes: dict[str, Any]
    original: dict[str, Any]
    excluded: bool
    state: str
    text: str
    reason: str
    who: str
    at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "span": list(self.span) if self.span else None,
            "kind": self.kind,
            "statement_id": self.statement_id,
            "changes": self.changes,
            "original": self.original,
            "excluded": self.excluded,
            "state": self.state,
            "text": self.text,
            "reason": self.reason,
            "who": self.who,
            "when": self.at.isoformat(),
        }


def _info(c: Correction) -> CorrectionInfo:
    at = c.at if c.at.tzinfo is not None else c.at.replace(tzinfo=UTC)
    span = (c.span_start, c.span_end) if c.span_start is not None and c.span_end is not None else None
    return CorrectionInfo(
        c.id,
        c.doc_id,
        span,
        c.kind,
        c.statement_id,
        json.loads(c.changes),
        json.loads(c.original),
        c.excluded,
        c.state,
        c.text,
        c.reason,
        c.who,
        at,
    )


def _audit(s: Session, who: str, at: datetime, row_id: int, field: str, old: object, new: object) -> None:
    add_audit(s, TABLE, who, at, row_id, field, old, new)


def _check(changes: Mapping[str, Any], reason: str, exclude: bool) -> str:
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise UsageError(f"a correction may change {', '.join(FIELDS)}, not {', '.join(unknown)}")
    if not changes and not exclude:
        raise UsageError("a correction changes a field or excludes the statement")
    if "kind" in changes and changes["kind"] not in _KINDS:
        raise UsageError(f"kind must be one of {', '.join(_KINDS)}, not {changes['kind']!r}")
    if "measure" in changes and changes["measure"] not in _MEASURES:
        raise UsageError(f"measure must be one of {', '.join(_MEASURES)}, not {changes['measure']!r}")
    if "indicator" in changes and not str(changes["indicator"] or "").strip():
        raise UsageError("the indicator cannot be empty")
    reason = reason.strip()
    if not reason:
        raise UsageError("a correction needs a reason")
    if len(reason) > _MAX_REASON:
        raise UsageError(f"the reason is longer than {_MAX_REASON} characters")
    return reason


_STATEMENT_COLUMNS = [col.key for col in m.Statement.__table__.columns if col.key != "id"]


def _row_of(st: m.Statement) -> dict[str, Any]:
    return {k: getattr(st, k) for k in _STATEMENT_COLUMNS}


def _apply(s: Session, c: Correction, st: m.Statement) -> None:
    """Put the correction on the statement row (or remove the row of an excluded claim, kept in
    the correction so that undoing it puts the row back)."""
    if c.excluded:
        c.removed_row = json.dumps(_row_of(st), ensure_ascii=False)
        s.delete(st)
        c.statement_id = None
        return
    for field, value in json.loads(c.changes).items():
        setattr(st, field, value)
    c.statement_id = st.id


def correct(
    store: Store,
    statement_id: int,
    changes: Mapping[str, Any],
    *,
    who: str,
    reason: str,
    exclude: bool = False,
) -> CorrectionInfo:
    """Correct (or exclude) extracted statement ``statement_id``; audited in the same transaction.

    A second correction of the same statement is merged into the first: one correction per claim.
    """
    reason = _check(changes, reason, exclude)
    now = datetime.now(UTC)
    with store_errors("cannot store the correction", store.url), store.session() as s, s.begin():
        st = s.get(m.Statement, statement_id)
        if st is None:
            raise NotFoundError(f"no statement with id {statement_id}", path=display_url(store.url))
        if st.document_id is None:
            raise UsageError(
                f"statement {statement_id} was entered by hand: enter the result again to change it"
            )
        c = s.scalars(
            select(Correction).where(Correction.statement_id == statement_id, Correction.state == "applied")
        ).first()
        if c is None:
            original = {k: getattr(st, k) for k in changes}
            c = Correction(
                document_id=st.document_id,
                doc_id=st.doc_id[:255],
                span_start=st.span_start,
                span_end=st.span_end,
                kind=st.kind,
                statement_id=statement_id,
                changes=json.dumps(dict(changes), ensure_ascii=False),
                original=json.dumps(original, ensure_ascii=False),
                excluded=exclude,
                state="applied",
                text=st.text,
                reason=reason,
                who=who,
                at=now,
            )
            s.add(c)
            s.flush()
        else:
            merged, original = json.loads(c.changes), json.loads(c.original)
            for k, v in changes.items():
                original.setdefault(k, getattr(st, k))
                merged[k] = v
            c.changes = json.dumps(merged, ensure_ascii=False)
            c.original = json.dumps(original, ensure_ascii=False)
            if c.reason != reason:
                _audit(s, who, now, c.id, "reason", c.reason, reason)
            c.excluded = c.excluded or exclude
            c.reason, c.who, c.at = reason, who, now
        for k, v in changes.items():
            _audit(s, who, now, c.id, k, getattr(st, k), v)
        if exclude:
            _audit(s, who, now, c.id, "excluded", False, True)
        _apply(s, c, st)
        s.flush()
        return _info(c)


def get_corrections(
    store: Store, *, statement_id: int | None = None, doc_id: str | None = None, state: str | None = None
) -> list[CorrectionInfo]:
    """The corrections, oldest first: of one statement, one document or one state, when given."""
    q = select(Correction).order_by(Correction.id)
    if statement_id is not None:
        q = q.where(Correction.statement_id == statement_id)
    if doc_id is not None:
        q = q.where(Correction.doc_id == doc_id)
    if state is not None:
        q = q.where(Correction.state == state)
    with store_errors("cannot read the corrections", store.url), store.session() as s:
        return [_info(c) for c in s.scalars(q)]


# -- re-extraction -------------------------------------------------------------------------------


def saved_corrections(s: Session, document_id: int) -> list[int]:
    """The ids of a document's corrections, detached from their statements before the document's
    statements are replaced."""
    live = Correction.state.in_(_LIVE)
    ids = list(s.scalars(select(Correction.id).where(Correction.document_id == document_id, live)))
    for c in s.scalars(select(Correction).where(Correction.id.in_(ids))):
        c.statement_id = None
    s.flush()
    return ids


def _overlap(a: tuple[int | None, int | None], b: tuple[int | None, int | None]) -> int:
    if None in a or None in b:
        return 0
    lo, hi = max(a[0] or 0, b[0] or 0), min(a[1] or 0, b[1] or 0)
    return hi - lo


def reattach(s: Session, saved: list[int], document_id: int, who: str = "ingest") -> None:
    """Apply each saved correction to the new statement of its kind whose span overlaps its own most
    (see the module docstring); in the caller's transaction, after the new statements are inserted."""
    if not saved:
        return
    new = list(s.scalars(select(m.Statement).where(m.Statement.document_id == document_id)))
    now = datetime.now(UTC)
    taken: set[int] = set()
    for c in s.scalars(select(Correction).where(Correction.id.in_(saved)).order_by(Correction.id)):
        key = (c.span_start, c.span_end)
        best = max(
            (st for st in new if st.kind == c.kind and st.id not in taken),
            key=lambda st: _overlap(key, (st.span_start, st.span_end)),
            default=None,
        )
        if best is None or _overlap(key, (best.span_start, best.span_end)) <= 0:
            if c.state != "orphaned":
                _audit(s, who, now, c.id, "state", c.state, "orphaned")
            c.state = "orphaned"
            continue
        taken.add(best.id)
        if c.state != "applied":
            _audit(s, who, now, c.id, "state", c.state, "applied")
        c.state = "applied"
        _apply(s, c, best)
        _audit(s, who, now, c.id, "statement_id", None, None if c.excluded else best.id)
    s.flush()


# -- taking a correction back, and the orphans -----------------------------------------------------


def _get(s: Session, store: Store, correction_id: int) -> Correction:
    c = s.get(Correction, correction_id)
    if c is None:
        raise NotFoundError(f"no correction with id {correction_id}", path=display_url(store.url))
    return c


def _check_reason(reason: str, what: str) -> str:
    reason = reason.strip()
    if not reason:
        raise UsageError(f"{what} needs a reason")
    if len(reason) > _MAX_REASON:
        raise UsageError(f"the reason is longer than {_MAX_REASON} characters")
    return reason


def undo(store: Store, correction_id: int, *, who: str, reason: str) -> CorrectionInfo:
    """Take correction ``correction_id`` back: the statement reads as extracted again (an excluded
    claim is put back as a statement), the correction is kept as ``undone``; audited, old and new.

    The statement put back after an exclusion is a new row (a new id)."""
    reason = _check_reason(reason, "undoing a correction")
    now = datetime.now(UTC)
    with store_errors("cannot undo the correction", store.url), store.session() as s, s.begin():
        c = _get(s, store, correction_id)
        if c.state not in _LIVE:
            raise UsageError(f"correction {correction_id} is {c.state} already")
        if c.state == "applied" and c.excluded and c.removed_row:
            st = m.Statement(**json.loads(c.removed_row))
            s.add(st)
            s.flush()
            _audit(s, who, now, c.id, "excluded", True, False)
            _audit(s, who, now, c.id, "statement_id", None, st.id)
            c.statement_id = st.id
        elif c.state == "applied" and c.statement_id is not None:
            now_st = s.get(m.Statement, c.statement_id)
            if now_st is not None:
                for field, value in json.loads(c.original).items():
                    _audit(s, who, now, c.id, field, getattr(now_st, field), value)
                    setattr(now_st, field, value)
        _audit(s, who, now, c.id, "state", c.state, "undone")
        _audit(s, who, now, c.id, "undo_reason", None, reason)
        c.state = "undone"
        s.flush()
        return _info(c)


def dismiss(store: Store, correction_id: int, *, who: str, reason: str) -> CorrectionInfo:
    """Set an orphaned correction aside (it is kept, ``dismissed``, and no longer listed as an
    orphan); audited."""
    reason = _check_reason(reason, "dismissing a correction")
    now = datetime.now(UTC)
    with store_errors("cannot dismiss the correction", store.url), store.session() as s, s.begin():
        c = _get(s, store, correction_id)
        if c.state != "orphaned":
            raise UsageError(f"correction {correction_id} is {c.state}: only an orphaned one is dismissed")
        _audit(s, who, now, c.id, "state", c.state, "dismissed")
        _audit(s, who, now, c.id, "dismiss_reason", None, reason)
        c.state = "dismissed"
        s.flush()
        return _info(c)


def reattach_to(store: Store, correction_id: int, statement_id: int, *, who: str) -> CorrectionInfo:
    """Attach orphaned correction ``correction_id`` to extracted statement ``statement_id`` chosen by
    a person: the correction is keyed on that statement from now on (its document, span and kind),
    and applied to it; audited."""
    now = datetime.now(UTC)
    with store_errors("cannot re-attach the correction", store.url), store.session() as s, s.begin():
        c = _get(s, store, correction_id)
        if c.state != "orphaned":
            raise UsageError(f"correction {correction_id} is {c.state}: only an orphaned one is re-attached")
        st = s.get(m.Statement, statement_id)
        if st is None:
            raise NotFoundError(f"no statement with id {statement_id}", path=display_url(store.url))
        if st.document_id is None:
            raise UsageError(f"statement {statement_id} was entered by hand: it has nothing to correct")
        taken = select(Correction.id).where(
            Correction.statement_id == statement_id, Correction.state == "applied"
        )
        if (other := s.scalars(taken).first()) is not None:
            raise UsageError(f"statement {statement_id} has correction {other} already: undo that one first")
        changes = json.loads(c.changes)
        old_key = {"doc_id": c.doc_id, "span": [c.span_start, c.span_end], "kind": c.kind}
        c.document_id, c.doc_id = st.document_id, st.doc_id[:255]
        c.span_start, c.span_end, c.kind, c.text = st.span_start, st.span_end, st.kind, st.text
        c.original = json.dumps({k: getattr(st, k) for k in changes}, ensure_ascii=False)
        new_key = {"doc_id": c.doc_id, "span": [c.span_start, c.span_end], "kind": c.kind}
        _audit(s, who, now, c.id, "key", old_key, new_key)
        _audit(s, who, now, c.id, "state", c.state, "applied")
        for field, value in changes.items():
            _audit(s, who, now, c.id, field, getattr(st, field), value)
        c.state = "applied"
        _apply(s, c, st)
        _audit(s, who, now, c.id, "statement_id", None, c.statement_id)
        s.flush()
        return _info(c)


def orphan_document(s: Session, document_id: int, who: str, now: datetime) -> list[int]:
    """Mark the live corrections of a document about to be deleted orphaned (audited); kept and
    listed, never dropped.  In the caller's transaction."""
    out = []
    live = Correction.state.in_(_LIVE)
    for c in s.scalars(select(Correction).where(Correction.document_id == document_id, live)):
        if c.state != "orphaned":
            _audit(s, who, now, c.id, "state", c.state, "orphaned")
        c.state, c.statement_id, c.document_id = "orphaned", None, None
        out.append(c.id)
    s.flush()
    return out
