"""Annual targets (``method = "annual"``): the result of the target's year, reported or derived."""

from __future__ import annotations

from typing import Any

from mubiao.ledger.evaluate._common import Ctx, Outcome, actual_dict, judge, lower_is_better, rounded
from mubiao.ledger.evaluate.matching import IndexedRecord, Pick, convert_unit, level_unit

# --------------------------------------------------------------------------- annual targets


def judge_annual(t: IndexedRecord, cands: list[IndexedRecord], ctx: Ctx) -> Outcome:
    r = t.rec
    year = r.year
    assert year is not None and r.value is not None
    details: dict[str, Any] = {"polarity": "lower" if lower_is_better(t) else "higher"}
    if ctx.as_of is not None and year > ctx.as_of:
        details["reason"] = f"the results of {year} are not in before {ctx.as_of}"
        return Outcome("pending", "annual", details=details)
    unit = "%" if r.measure == "growth" else r.unit
    series = ctx.series(cands, r.measure, unit, cumulative=False)
    p = series.get(year)
    picks: list[Pick] = []
    actual: dict[str, Any] | None = None
    value: float | None = None
    if p is not None:
        picks.append(p)
        value = p.value
        actual = actual_dict(p)
    elif r.measure in ("growth", "delta"):
        # no result of that measure: derive it from the levels of Y and Y − 1
        lunit = level_unit(cands, "%" if r.unit == "个百分点" else None)
        levels = ctx.series(cands, "level", lunit)
        cur, prev = levels.get(year), levels.get(year - 1)
        if cur is not None and prev is not None:
            picks += [cur, prev]
            if r.measure == "growth" and prev.value > 0:
                value = (cur.value / prev.value - 1) * 100
                details["derived"] = f"growth from the levels of {year - 1} and {year} (nominal)"
            elif r.measure == "delta":
                # a change of a share in % is in 个百分点
                value = convert_unit(cur.value - prev.value, "个百分点" if lunit == "%" else lunit, r.unit)
                details["derived"] = f"change of the levels from {year - 1} to {year}"
            if value is not None:
                actual = actual_dict(
                    cur, value=rounded(value, 6), unit=r.unit, measure=r.measure, derived=details["derived"]
                )
    if value is None or actual is None:
        details["reason"] = f"no result for {year} yet"
        return Outcome("pending", "annual", details=details)
    j = judge(t, value, ctx.config)
    details.update(tolerance=rounded(j.tolerance), reference=j.reference)
    if j.inside_range is not None:
        details["inside_range"] = j.inside_range
    return Outcome("achieved" if j.met else "missed", "annual", actual, rounded(j.gap), None, details, picks)
