"""Five-year plan targets: levels and deltas (``sdg`` / ``unsd``), yearly growth rates, and
cumulative or per-year totals (``cumulative`` / ``per_year``)."""

from __future__ import annotations

import math
from typing import Any

from mubiao.ledger.config import EvalConfig
from mubiao.ledger.evaluate._common import (
    EPS,
    Ctx,
    Outcome,
    actual_dict,
    cagr,
    choose_status,
    conflict_details,
    judge,
    lower_is_better,
    pct,
    progress_of,
    rounded,
    status_by_method,
)
from mubiao.ledger.evaluate.matching import IndexedRecord, Pick, convert_unit, is_close, level_unit

#: cumulative results that name a plan period count for it (累计 alone may cover any campaign)
_PLAN_NAMES = {
    (2016, 2020): ("十三五",),
    (2021, 2025): ("十四五",),
    (2026, 2030): ("十五五",),
}


# --------------------------------------------------------------------------- plan targets


def _record_methods(
    details: dict[str, Any], sdg: dict[str, Any], unsd: dict[str, Any], picks: list[Pick], cfg: EvalConfig
) -> None:
    """Put both methods' figures, with the status and progress band each gives, and any
    conflicts among the results used, into a plan row's ``details``."""
    for part, key in ((sdg, "R"), (unsd, "P")):
        if key in part:
            part["status"] = status_by_method(part[key], cfg)
            part["progress"] = progress_of(part[key], cfg)
    details["sdg"], details["unsd"] = sdg, unsd
    conflicts = conflict_details(picks)
    if conflicts:
        details["conflicts"] = conflicts


def plan_level(
    t: IndexedRecord,
    cands: list[IndexedRecord],
    ctx: Ctx,
    period: tuple[int, int],
    *,
    delta: bool = False,
) -> Outcome:
    r = t.rec
    cfg = ctx.config
    b, end = period
    b0 = b - 1
    assert r.value is not None
    # a delta in 个百分点 moves a share in %
    lunit = level_unit(cands, "%" if r.unit == "个百分点" else r.unit) if delta else r.unit
    levels = ctx.series(cands, "level", lunit)
    base = levels.get(b0)
    in_period = {y: p for y, p in levels.items() if b0 < y <= end}
    details: dict[str, Any] = {
        "period": [b, end],
        "baseline_year": b0,
        "baseline": rounded(base.value, 6) if base else None,
        "polarity": "lower" if lower_is_better(t) else "higher",
    }
    picks: list[Pick] = [base] if base else []
    target_value: float = r.value
    if delta:
        if base is None:
            return plan_cumulative(t, cands, ctx, period, measure="delta")
        # 提高0.7个百分点: the level target is the baseline plus the change
        step = convert_unit(r.value, r.unit, "个百分点" if lunit == "%" else lunit) or r.value
        target_value = base.value + step
        details["target_level"] = rounded(target_value, 6)
    if not in_period:
        details["reason"] = f"no result of {b}–{end} yet"
        return Outcome(
            "pending", cfg.method if cfg.method != "both" else "sdg+unsd", details=details, picks=picks
        )
    t_year = max(in_period)
    latest = in_period[t_year]
    picks.append(latest)
    x_t = latest.value
    j = judge(t, x_t, cfg, value=target_value if delta else None)
    goal = j.reference
    down = j.down
    d = -1 if down else 1
    details.update(latest_year=t_year, latest=rounded(x_t, 6), tolerance=rounded(j.tolerance))
    if j.inside_range is not None:
        details["inside_range"] = j.inside_range
    remaining = end - t_year
    pace: float | None = None
    if remaining > 0:
        g = cagr(x_t, goal, remaining)
        pace = pct(g)
        details["required_pace"] = pace
        details["linear_pace_required"] = rounded((goal - x_t) / remaining, 6)

    # the reference point: the baseline, else the earliest result of the period
    ref = base
    if ref is None and len(in_period) >= 2:
        ref = in_period[min(in_period)]
        picks.append(ref)
        details["fallback"] = f"no baseline for {b0}: the result of {ref.year} stands in for it"
    sdg: dict[str, Any] = {}
    unsd: dict[str, Any] = {}
    if ref is not None:
        x_b, y_b = ref.value, ref.year
        details["time_share"] = rounded((t_year - y_b) / (end - y_b)) if end > y_b else None
        details["achievement_share"] = (
            rounded((x_t - x_b) / (goal - x_b)) if not is_close(goal, x_b) else None
        )
        c_act = cagr(x_b, x_t, t_year - y_b)
        c_req = cagr(x_b, goal, end - y_b)
        linear = c_act is None or c_req is None
        if linear:
            c_act = (x_t - x_b) / (t_year - y_b) if t_year > y_b else None
            c_req = (goal - x_b) / (end - y_b) if end > y_b else None
            details["linear"] = True
        sdg = {
            "cagr_actual": (rounded(c_act) if linear else pct(c_act)),
            "cagr_required": (rounded(c_req) if linear else pct(c_req)),
        }
        if c_act is not None and c_req is not None and abs(c_req) > EPS:
            sdg["R"] = rounded(d * c_act / abs(c_req))
        if c_act is not None:
            proj = x_t + c_act * remaining if linear else x_t * (1 + c_act) ** remaining
            unsd["projected"] = rounded(proj, 6)
            if not is_close(goal, x_b):
                unsd["P"] = rounded((proj - x_b) / (goal - x_b))
    else:
        growth = ctx.series(cands, "growth", "%").get(t_year)
        if growth is not None and remaining > 0:
            picks.append(growth)
            c_act = growth.value / 100
            details["fallback"] = (
                f"no baseline for {b0} and one result of the period: the growth reported for "
                f"{t_year} stands for the growth achieved, {t_year} for the baseline in P"
            )
            g = cagr(x_t, goal, remaining)
            sdg = {"cagr_actual": rounded(growth.value), "cagr_required": pct(g)}
            if g is not None and abs(g) > EPS:
                sdg["R"] = rounded(d * c_act / abs(g))
            proj = x_t * (1 + c_act) ** remaining
            unsd["projected"] = rounded(proj, 6)
            if not is_close(goal, x_t):
                unsd["P"] = rounded((proj - x_t) / (goal - x_t))
    _record_methods(details, sdg, unsd, picks, cfg)
    actual = actual_dict(latest)
    gap = rounded(j.gap)
    method_status, method = choose_status(details, cfg)
    if j.met:
        status = "achieved"
    elif t_year >= end:
        status = "missed"
    elif method_status is not None:
        status = method_status
        details["progress"] = (sdg if method.startswith("sdg") else unsd).get("progress")
    elif ref is not None:
        # the target is its own starting point (保持100%): no ratio to take, and it is not held
        status = "at_risk"
        details["reason"] = "the target equals its reference value: R and P are undefined, and it is not met"
    elif pace is not None and abs(pace) > cfg.max_pace:
        # no trend to measure, but the pace still needed is itself out of reach
        status = "at_risk"
        details["reason"] = (
            f"no baseline for {b0}; the {abs(pace):.1f}% a year still needed is beyond the "
            f"{cfg.max_pace:g}% a year a region sustains (max_pace)"
        )
    else:
        status = "needs_review"
        details["reason"] = f"no baseline for {b0} and nothing to measure the growth so far by"
    return Outcome(status, method, actual, gap, None if status == "achieved" else pace, details, picks)


def plan_growth(t: IndexedRecord, cands: list[IndexedRecord], ctx: Ctx, period: tuple[int, int]) -> Outcome:
    r = t.rec
    cfg = ctx.config
    b, end = period
    b0 = b - 1
    n_total = end - b0
    assert r.value is not None
    rate = r.value / 100
    details: dict[str, Any] = {
        "period": [b, end],
        "baseline_year": b0,
        "polarity": "lower" if lower_is_better(t) else "higher",
    }
    if r.cumulative:
        # 到2025年累计下降13.5%: the yearly rate that compounds to it
        if 1 + rate <= 0:
            details["reason"] = "a cumulative fall of 100% or more has no yearly rate"
            return Outcome("needs_review", "sdg", details=details)
        rate = (1 + rate) ** (1 / n_total) - 1
        details["target_yearly_rate"] = pct(rate)
    growth = {y: p for y, p in ctx.series(cands, "growth", "%").items() if b0 < y <= end}
    picks: list[Pick] = []
    c: float | None = None
    t_year: int | None = None
    if growth:
        t_year = max(growth)
        factor = math.prod(1 + p.value / 100 for p in growth.values())
        c = factor ** (1 / len(growth)) - 1 if factor > 0 else None
        picks += list(growth.values())
        details["rate_source"] = f"average of the growth results of {', '.join(map(str, sorted(growth)))}"
        missing = [y for y in range(b, t_year + 1) if y not in growth]
        if missing:
            # the years without a rate are taken to have grown at the average of the others
            details["years_missing"] = missing
        lunit = level_unit(cands, None)
        levels = ctx.series(cands, "level", lunit)
        if b0 in levels and t_year in levels:
            # shown beside, not used: levels are at current prices, growth targets at comparable ones
            details["level_cagr"] = pct(cagr(levels[b0].value, levels[t_year].value, t_year - b0))
    else:
        lunit = level_unit(cands, None)
        levels = ctx.series(cands, "level", lunit)
        base = levels.get(b0)
        later = [y for y in levels if b0 < y <= end]
        ref = base
        if ref is None and len(later) >= 2:
            ref = levels[min(later)]
            details["fallback"] = f"no baseline for {b0}: the level of {ref.year} stands in for it"
        if ref is not None and later and max(later) > ref.year:
            t_year = max(later)
            c = cagr(ref.value, levels[t_year].value, t_year - ref.year)
            picks += [ref, levels[t_year]]
            details["rate_source"] = f"growth of the levels from {ref.year} to {t_year} (nominal)"
    if c is None or t_year is None:
        details["reason"] = f"no growth result of {b}–{end} yet"
        return Outcome(
            "pending", cfg.method if cfg.method != "both" else "sdg+unsd", details=details, picks=picks
        )
    j = judge(t, c * 100, cfg, value=rate * 100)
    d = -1 if j.down else 1
    elapsed = t_year - b0
    remaining = end - t_year
    details.update(
        latest_year=t_year, achieved_rate=pct(c), target_rate=pct(rate), tolerance=rounded(j.tolerance)
    )
    pace = None
    if remaining > 0 and 1 + c > 0:
        g = ((1 + rate) ** n_total / (1 + c) ** elapsed) ** (1 / remaining) - 1
        pace = pct(g)
        details["required_pace"] = pace
    sdg: dict[str, Any] = {"cagr_actual": pct(c), "cagr_required": pct(rate)}
    if abs(rate) > EPS:
        sdg["R"] = rounded(d * c / abs(rate))
    unsd: dict[str, Any] = {}
    denom = (1 + rate) ** n_total - 1
    if abs(denom) > EPS:
        unsd["P"] = rounded(((1 + c) ** n_total - 1) / denom)
    _record_methods(details, sdg, unsd, picks, cfg)
    # reached early: the growth so far already compounds to the whole period's
    reached = (
        (1 + c) ** elapsed >= (1 + rate) ** n_total
        if not j.down
        else (1 + c) ** elapsed <= (1 + rate) ** n_total
    )
    method_status, method = choose_status(details, cfg)
    if t_year >= end:
        status = "achieved" if j.met else "missed"
    elif reached:
        status = "achieved"
    elif method_status is not None:
        status = method_status
        details["progress"] = (sdg if method.startswith("sdg") else unsd).get("progress")
    else:
        status = "achieved" if j.met else "at_risk"
    actual = {
        "value": pct(c),
        "unit": "%",
        "year": t_year,
        "measure": "growth",
        "derived": details.get("rate_source"),
    }
    return Outcome(
        status, method, actual, rounded(j.gap), None if status == "achieved" else pace, details, picks
    )


def _names_plan(text: str, period: tuple[int, int]) -> bool:
    return any(n in text for n in _PLAN_NAMES.get(period, ()))


def plan_cumulative(
    t: IndexedRecord,
    cands: list[IndexedRecord],
    ctx: Ctx,
    period: tuple[int, int],
    *,
    measure: str = "level",
    per_year: bool = False,
) -> Outcome:
    r = t.rec
    cfg = ctx.config
    b, end = period
    assert r.value is not None
    years = list(range(b, end + 1))
    # 年均/每年 X: the same as a five-year total of X times the years, reported per year
    scale = len(years) if per_year else 1
    annual = {y: p for y, p in ctx.series(cands, measure, r.unit).items() if b <= y <= end}
    if measure == "level":
        # 五年累计 answered by flows of level results, and by 净增/提升 (delta) results too
        for y, p in ctx.series(cands, "delta", r.unit).items():
            if b <= y <= end and y not in annual:
                annual[y] = p
    cum = {
        y: p
        for y, p in ctx.series(cands, r.measure, r.unit, cumulative=True).items()
        if b <= y <= end and _names_plan(p.chosen.rec.text, period)
    }
    known: dict[int, float] = {y: p.value for y, p in annual.items()}
    picks: list[Pick] = list(annual.values())
    details: dict[str, Any] = {"period": [b, end], "polarity": "lower" if lower_is_better(t) else "higher"}
    total = sum(known.values())
    covered = set(known)
    if cum:
        cy = max(cum)
        if not known or cy >= max(known):
            # a “十四五”以来累计 figure covers every year up to it
            total = cum[cy].value + sum(v for y, v in known.items() if y > cy)
            covered = set(range(b, cy + 1)) | set(known)
            picks.append(cum[cy])
            details["cumulative_result"] = {"year": cy, "value": rounded(cum[cy].value, 6)}
    if not covered:
        details["reason"] = f"no result of {b}–{end} yet"
        return Outcome("pending", "cumulative", details=details)
    open_years = [y for y in years if y not in covered]
    t_year = max(covered)
    j = judge(t, total, cfg, value=r.value * scale if per_year else None)
    down = j.down
    mean = total / len(covered)
    if per_year:
        details["per_year_target"] = r.value
        details["total_target"] = rounded(r.value * scale, 6)
    details.update(
        years_known={str(y): rounded(v, 6) for y, v in sorted(known.items())},
        years_open=open_years,
        sum=rounded(total, 6),
        remainder=rounded(j.reference - total, 6),
        mean_so_far=rounded(mean, 6),
        tolerance=rounded(j.tolerance),
    )
    missing_past = [y for y in open_years if y < t_year]
    if missing_past:
        details["years_missing"] = missing_past
    pace: float | None = None
    sdg: dict[str, Any] = {}
    unsd: dict[str, Any] = {}
    if open_years:
        need = (j.reference - total) / len(open_years)
        pace = rounded(need, 6)
        details["per_open_year_needed"] = pace
        details["required_pace_unit"] = f"{r.unit or ''}/年"
        projected = total + mean * len(open_years)
        unsd["projected"] = rounded(projected, 6)
        if down:
            if abs(mean) > EPS:
                sdg["R"] = rounded(need / mean)
            if abs(projected) > EPS:
                unsd["P"] = rounded(j.reference / projected)
        else:
            if need > EPS:
                sdg["R"] = rounded(mean / need)
            if abs(j.reference) > EPS:
                unsd["P"] = rounded(projected / j.reference)
    _record_methods(details, sdg, unsd, picks, cfg)
    method_status, _m = choose_status(details, cfg)
    if down:
        if not j.met:
            status = "missed"  # a cap already exceeded cannot be met again
        elif not open_years:
            status = "achieved"
        else:
            status = method_status or "on_track"
    elif j.met:
        status = "achieved"
    elif not open_years:
        status = "missed"
    else:
        status = method_status or "at_risk"
    if status in ("on_track", "at_risk"):
        details["progress"] = (sdg if cfg.method != "unsd" else unsd).get("progress")
    actual = {
        "value": rounded(mean if per_year else total, 6),
        "unit": r.unit,
        "year": t_year,
        "measure": r.measure,
        "cumulative": not per_year,
        "years": sorted(covered),
    }
    if per_year:
        actual["derived"] = "mean of the yearly results"
        per_year_gap = mean - r.value if down else r.value - mean
        return Outcome(status, "per_year", actual, rounded(per_year_gap), pace, details, picks)
    return Outcome(status, "cumulative", actual, rounded(j.gap), pace, details, picks)
