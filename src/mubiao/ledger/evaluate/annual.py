"""Annual targets (``method = "annual"``): the result of the target's year, reported or derived."""

from __future__ import annotations

from typing import Any

from mubiao.ledger.evaluate._common import _actual_dict, _Ctx, _down, _judge, _Outcome, _r
from mubiao.ledger.evaluate.matching import IndexedRecord, Pick, _level_unit, convert_unit

# --------------------------------------------------------------------------- annual targets


def _annual(t: IndexedRecord, cands: list[IndexedRecord], ctx: _Ctx) -> _Outcome:
    r = t.rec
    year = r.year
    assert year is not None and r.value is not None
    details: dict[str, Any] = {"polarity": "lower" if _down(t) else "higher"}
    if ctx.as_of is not None and year > ctx.as_of:
        details["reason"] = f"the results of {year} are not in before {ctx.as_of}"
        return _Outcome("pending", "annual", details=details)
    unit = "%" if r.measure == "growth" else r.unit
    series = ctx.series(cands, r.measure, unit, cumulative=False)
    p = series.get(year)
    picks: list[Pick] = []
    actual: dict[str, Any] | None = None
    value: float | None = None
    if p is not None:
        picks.append(p)
        value = p.value
        actual = _actual_dict(p)
    elif r.measure in ("growth", "delta"):
        # no result of that measure: derive it from the levels of Y and Y − 1
        lunit = _level_unit(cands, "%" if r.unit == "个百分点" else None)
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
                actual = _actual_dict(
                    cur, value=_r(value, 6), unit=r.unit, measure=r.measure, derived=details["derived"]
                )
    if value is None or actual is None:
        details["reason"] = f"no result for {year} yet"
        return _Outcome("pending", "annual", details=details)
    j = _judge(t, value, ctx.config)
    details.update(tolerance=_r(j.tolerance), reference=j.reference)
    if j.inside_range is not None:
        details["inside_range"] = j.inside_range
    return _Outcome("achieved" if j.met else "missed", "annual", actual, _r(j.gap), None, details, picks)
