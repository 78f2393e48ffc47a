"""Qualitative targets (``method = "review"``): needs_review, the indicator's results as evidence."""

from __future__ import annotations

from typing import Any

from mubiao.ledger.evaluate._common import Ctx, Outcome, Sources
from mubiao.ledger.evaluate.matching import IndexedRecord, precedence

# --------------------------------------------------------------------------- qualitative


def judge_qualitative(
    t: IndexedRecord, cands: list[IndexedRecord], ctx: Ctx, period: tuple[int, int] | None, sources: Sources
) -> Outcome:
    r = t.rec
    if period is not None:
        lo, hi = period[0], period[1]
    elif r.year is not None:
        lo = hi = r.year
    else:
        lo, hi = -(10**6), 10**6
    evidence = [
        c
        for c in cands
        if c.rec.year is not None
        and lo <= c.rec.year <= hi
        and c.rec.value is not None
        and (ctx.as_of is None or c.rec.year <= ctx.as_of)
    ]
    # latest first; the target's own measure first within a year
    evidence.sort(key=lambda c: (c.rec.year or 0, c.rec.measure == r.measure, precedence(c)), reverse=True)
    for c in evidence:
        sources.add(c, "evidence")
    actual = None
    if evidence:
        e = evidence[0].rec
        actual = {
            "value": e.value,
            "unit": e.unit,
            "year": e.year,
            "measure": e.measure,
            "qualifier": e.qualifier,
            "statement_id": e.id,
            "document": e.doc_id,
        }
    details: dict[str, Any] = {
        "reason": "qualitative target: read the evidence"
        if evidence
        else "qualitative target: no evidence yet",
        "evidence": [
            {
                "year": c.rec.year,
                "measure": c.rec.measure,
                "value": c.rec.value,
                "unit": c.rec.unit,
                "statement_id": c.rec.id,
            }
            for c in evidence
        ],
    }
    return Outcome("needs_review", "review", actual, None, None, details)
