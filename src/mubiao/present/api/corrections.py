"""``/api/statements/{id}/corrections`` and ``/api/corrections``: a person's corrections of
extracted statements, audited (see :mod:`mubiao.store.corrections`); ``/api/targets/{id}``: one
ledger row, for the dashboard's page of a target."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from mubiao.errors import NotFoundError
from mubiao.ledger import CorrectionInfo
from mubiao.present.api import serialise
from mubiao.present.api.deps import State, Writer
from mubiao.present.api.ledger import rows_out
from mubiao.present.api.refresh import after_write
from mubiao.present.api.schemas import LedgerRowOut, StatementOut

router = APIRouter(tags=["corrections"])


class CorrectionIn(BaseModel):
    """What to change: any of the fields, or ``exclude`` (a false claim), with the reason."""

    kind: Literal["target", "actual"] | None = None
    year: int | None = Field(default=None, ge=1900, le=2199)
    period: str | None = Field(default=None, pattern=r"^\d{4}-\d{4}$", description="2021-2025")
    indicator: str | None = Field(default=None, min_length=1, description="a registry id or a phrase")
    value: float | None = None
    unit: str | None = Field(default=None, max_length=32)
    measure: Literal["level", "growth", "delta"] | None = None
    region: str | None = Field(default=None, min_length=1, description="a name, short form or code")
    exclude: bool = False
    reason: str = Field(min_length=1, max_length=2000)


class CorrectionOut(BaseModel):
    id: int
    doc_id: str
    span: list[int] | None
    kind: str
    statement_id: int | None
    changes: dict[str, Any]
    original: dict[str, Any]
    excluded: bool
    state: str
    text: str
    reason: str
    who: str
    when: str


class CorrectedOut(BaseModel):
    correction: CorrectionOut
    #: the statement as it now reads; null when excluded
    statement: StatementOut | None


def _out(c: CorrectionInfo) -> CorrectionOut:
    return CorrectionOut.model_validate(c.to_dict())


@router.post("/statements/{statement_id}/corrections", response_model=CorrectedOut, status_code=201)
def correct_statement(statement_id: int, body: CorrectionIn, state: State, who: Writer) -> CorrectedOut:
    """Correct an extracted statement (or exclude it), with the reason; audited, old and new values."""
    changes = body.model_dump(exclude={"exclude", "reason"}, exclude_none=True)
    c = state.ledger.correct(statement_id, changes, who=who, reason=body.reason, exclude=body.exclude)
    after_write(state)
    return _corrected(state, c)


@router.get("/corrections", response_model=list[CorrectionOut])
def list_corrections(
    state: State,
    statement_id: int | None = None,
    doc_id: str | None = None,
    status: Annotated[
        Literal["applied", "orphaned", "undone", "dismissed"] | None,
        Query(description="orphaned: attach to nothing; undone: taken back; dismissed: orphans set aside"),
    ] = None,
) -> list[CorrectionOut]:
    """The corrections, oldest first; ``status=orphaned``: those no statement of the current
    extraction matches (kept and listed, never dropped)."""
    found = state.ledger.corrections(statement_id=statement_id, doc_id=doc_id, state=status)
    return [_out(c) for c in found]


class UndoIn(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class ReattachIn(BaseModel):
    statement_id: int = Field(description="the extracted statement the correction is to apply to")


def _corrected(state: Any, c: CorrectionInfo) -> CorrectedOut:
    now = serialise.statement(state.ledger.statement(c.statement_id)) if c.statement_id is not None else None
    return CorrectedOut(correction=_out(c), statement=now)


@router.post("/corrections/{correction_id}/undo", response_model=CorrectedOut)
def undo_correction(correction_id: int, body: UndoIn, state: State, who: Writer) -> CorrectedOut:
    """Take a correction back, with the reason: the statement reads as extracted again (an
    excluded claim is put back, as a new statement); the correction is kept as ``undone``; audited."""
    return _corrected(state, state.ledger.undo_correction(correction_id, who=who, reason=body.reason))


@router.post("/corrections/{correction_id}/reattach", response_model=CorrectedOut)
def reattach_correction(correction_id: int, body: ReattachIn, state: State, who: Writer) -> CorrectedOut:
    """Attach an orphaned correction to a statement chosen by hand (it is keyed on that statement
    from now on); audited."""
    return _corrected(state, state.ledger.reattach_correction(correction_id, body.statement_id, who=who))


@router.post("/corrections/{correction_id}/dismiss", response_model=CorrectedOut)
def dismiss_correction(correction_id: int, body: UndoIn, state: State, who: Writer) -> CorrectedOut:
    """Set an orphaned correction aside, with the reason (kept as ``dismissed``, no longer listed
    as an orphan); audited."""
    return _corrected(state, state.ledger.dismiss_correction(correction_id, who=who, reason=body.reason))


@router.get("/targets/{target_id}", response_model=LedgerRowOut)
def show_target(target_id: int, state: State) -> LedgerRowOut:
    """One row of the ledger, by its target's statement id, overrides and corrections applied."""
    row = state.ledger.row(target_id)
    if row is None or row.target_id is None:
        raise NotFoundError(f"statement {target_id} is not a target of the ledger")
    return rows_out(state, [row])[0]
