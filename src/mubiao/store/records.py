"""Plain records exchanged between the store and the evaluation: what the ledger is computed from.

The store turns rows into :class:`StatementRecord`; the evaluation turns records into
:class:`LedgerRow`.  Neither knows about the other's machinery (SQLAlchemy on one side, arithmetic
on the other), which keeps the evaluation testable with hand-built records.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["STATUSES", "LedgerRow", "Source", "StatementRecord"]

#: every status a ledger row can have, in the order the faces show them
STATUSES: tuple[str, ...] = ("achieved", "on_track", "at_risk", "missed", "pending", "needs_review")


@dataclass(frozen=True)
class StatementRecord:
    """One stored statement (extracted from a document, or entered by hand)."""

    id: int
    doc_id: str  # the document's id (file stem) or, for manual entries, the imported file's name
    kind: str  # "target" | "actual"
    indicator: str
    indicator_id: str | None
    measure: str  # "level" | "growth" | "delta"
    value: float | None
    value_max: float | None
    unit: str | None
    qualifier: str
    cumulative: bool
    year: int | None
    region: str | None
    span: tuple[int, int] | None
    text: str
    attribute: str | None = None
    #: the year the source was delivered; a later document wins a conflict
    published: int | None = None
    #: "extracted" or "manual"
    provenance: str = "extracted"
    #: five-year plan targets carry the plan period, e.g. (2021, 2025)
    period: tuple[int, int] | None = None
    doc_type: str | None = None
    damaged: bool = False
    #: the part of the year a figure is of (2025-Q1, 2025-H1), None for a whole year
    sub_period: str | None = None


@dataclass(frozen=True)
class Source:
    """Where a figure of the ledger comes from."""

    statement_id: int
    document: str
    span: tuple[int, int] | None
    text: str
    kind: str
    provenance: str = "extracted"
    #: what the statement is to the row: target, baseline, actual, evidence, or superseded (the
    #: losing side of a conflict)
    role: str = ""
    #: the year of the statement
    year: int | None = None


@dataclass
class LedgerRow:
    """One target set against the results that answer it.  ``to_dict`` is the JSON of ``mubiao ledger``."""

    region: str | None
    indicator_id: str | None
    indicator: str
    period: str  # "2025" or "2021-2025"
    target: dict[str, Any]
    actual: dict[str, Any] | None
    gap: float | None
    required_pace: float | None
    status: str  # achieved | on_track | at_risk | missed | pending | needs_review
    method: str
    sources: list[Source] = field(default_factory=list)
    #: the inputs of the status, so a reader can check it (baseline, shares, CAGRs, R, P …)
    details: dict[str, Any] = field(default_factory=dict)
    conflict: bool = False
    target_id: int | None = None
    category: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["sources"] = [asdict(s) | {"span": list(s.span) if s.span else None} for s in self.sources]
        return d
