r"""The evaluation: every target set against the results that answer it (the 目标账 and 缺口账).

:func:`evaluate` takes statement records — targets and actuals mixed, as the store returns them
— and returns one :class:`~mubiao.store.records.LedgerRow` per target.  It is pure: no store,
no printing, the same records give the same rows.

Figures of part of a year (一季度增长5.2%, 上半年…: a record with a ``sub_period``) take no part:
the evaluation is of years and plan periods, and a quarter's growth neither sets nor answers a
year's target.

Matching a target with its results
----------------------------------
A result (``kind == "actual"``) answers a target when it is about

* the same **region** (equal names; None only with None);
* the same **indicator**: by ``indicator_id`` when both records have one.  A record without an
  id is given the id the registry matches for its phrase (extraction leaves ids empty for now);
  when one of the two still has none, the phrases are compared after
  :func:`~mubiao.reference.registry.normalise_phrase` (punctuation, 全区/全年/预计… and 增长/下降…
  dropped).  An indicator counted as a yearly **flow** (新增, 新建, 新认定, 净增 … in the phrase
  or the registry's name) never answers a **stock** of the same indicator, and the other way
  round: 新增高新技术企业 92家 does not answer 高新技术企业 600家;
* the same **measure** (level, growth, delta), except where said below;
* a unit that converts to the target's (亿元 ↔ 万元 ↔ 元, 万人 ↔ 人, 万亩 ↔ 亩 …; figures are
  converted to the target's unit); a result in another unit (倍, 件 for 个) is ignored;
* the right **year**:

  - an *annual* target (year Y, not from a plan) is answered by the results of year Y;
  - a *plan* target — its ``period`` is (b, T), or it has year T and ``doc_type ==
    "five_year_plan"`` (period T−4..T) — is answered by the results of years b..T, and its
    **baseline** is the result of year b − 1 (2020 for a 2021–2025 plan), which the plan itself
    usually reports (the base-year column of its table, its review of the last plan).

With ``as_of`` only results of years up to ``as_of`` are used.

Conflicts
---------
Several results for one indicator, measure and year (a 预计 estimate in January, the final figure
a year later; the text and the table of one document) are all kept.  The one used is, in order:
any but a figure a unit reported (``provenance == "reported"``, approved in supervision), which a
published figure always overrides; from the later ``published`` document; entered by hand (``provenance == "manual"``) rather than
extracted — a person typed it on purpose, usually to correct; the closer name (the target's own
phrase, then the registry's name: within one document 进出口总额 221亿元 answers 外贸进出口总额
before 海关进出口额 7.2亿元, which the registry files under the same id); the later stored
(higher ``id``).
When their values differ (after unit conversion) the row has ``conflict = True``, every one is in
``sources`` (the losers with role ``superseded``) and ``details["conflicts"]`` lists them.

Identical targets (same region, indicator, measure, period, value and unit, e.g. the text and the
indicator table of a plan) give one row, with every statement in ``sources``; its qualifier is the
more telling one (左右 from the text over the table's bare number).

Direction and gap
-----------------
A target is judged **downwards** (lower is better) when its qualifier is ``at_most`` (以内,
控制在, 不超过); when it is an ``at_least`` decline (a growth target whose values are negative:
下降3.4%以上 is −3.4 ``at_least``, the qualifier bounding the magnitude, so any fall at least that
large meets it); or — qualifier not ``at_least`` — when its indicator's ``polarity`` is ``lower``
(PM2.5, 能耗, 失业率 …) or, without a registry entry, when it is a negative growth target or its
own wording is a decline (下降, 降低, 减少, 控制在…以内) and not a rise.  Else upwards.  d = +1 upwards, −1 downwards.

The **gap** is signed, in the target's unit (percentage points for growth targets), and positive
means *still to do*::

    gap = target − actual   (upwards)        gap = actual − target   (downwards)

For a ``range`` target the reference is its lower bound upwards, its upper bound downwards (a
result beyond the range on the good side is achieved too; ``details["inside_range"]`` tells).
A target is **met** when ``gap ≤ tolerance``; the tolerance is 0 except for ``about`` (左右, 约)
targets: :attr:`~mubiao.ledger.config.EvalConfig.growth_tolerance` points for growth targets and
figures in % or 个百分点, :attr:`~mubiao.ledger.config.EvalConfig.level_tolerance` × |target|
for other levels (see :mod:`mubiao.ledger.config` for the defaults and why).

Annual targets (``method = "annual"``)
--------------------------------------
The actual of year Y: **achieved** when met, else **missed**; **pending** without one.  A growth
target without a growth result of year Y uses (x_Y / x_{Y−1} − 1)·100 of the levels, a delta
target x_Y − x_{Y−1} (``details["derived"]`` says so; levels are at current prices, so a derived
growth is nominal).

Five-year level targets (``method = "sdg"`` or ``"unsd"``)
----------------------------------------------------------
With b₀ the baseline year, x_b the baseline, t the year of the latest result x_t and X the target
of year T (rates in %)::

    time-elapsed share (序时进度)   s = (t − b₀) / (T − b₀)
    achievement share              a = (x_t − x_b) / (X − x_b)
    growth achieved                CAGR_actual   = (x_t / x_b)^(1/(t − b₀)) − 1
    growth required                CAGR_required = (X / x_b)^(1/(T − b₀)) − 1
    growth still needed            g = (X / x_t)^(1/(T − t)) − 1          → required_pace
    Open SDG / Eurostat ratio      R = d · CAGR_actual / |CAGR_required|
    UNSD projection                x̂_T = x_t · (1 + CAGR_actual)^(T − t)
                                   P = (x̂_T − x_b) / (X − x_b)

(for a lower-is-better indicator g comes out negative: the yearly fall still needed).  Status:
**achieved** when the latest result already meets the target; **missed** when t ≥ T and it does
not; else **on_track** when R (method ``sdg``) or P (method ``unsd``) ≥
:attr:`~mubiao.ledger.config.EvalConfig.on_track` (0.95), **at_risk** below, with
``details["progress"]`` the band (substantial ≥ 0.95 > fair ≥ ``at_risk_floor`` > limited ≥ 0 >
deterioration).  Both R and P, with their inputs, are in ``details["sdg"]`` and
``details["unsd"]``; the config's ``method`` chooses the status shown (``both``: the worse).
When a value is not positive, CAGRs are replaced by linear rates ((x_t − x_b)/(t − b₀) …) and
``details["linear"]`` is true.

Without a baseline, the earliest result of the period stands in for it (and ``details["fallback"]``
says which); with a single result of the period, its reported growth rate of that year stands for
CAGR_actual and x_t for x_b in P.  With none of these, progress cannot be judged: **needs_review**
— unless the growth still needed g exceeds :attr:`~mubiao.ledger.config.EvalConfig.max_pace`
(20% a year), which is **at_risk** whatever the trend.

Five-year growth targets (年均增长 r%)
-------------------------------------
The growth achieved c is the average of the annual growth results of b..t, Π(1 + gᵢ)^(1/n) − 1 —
reported rates, at comparable prices — or, without them, the CAGR of the levels from the baseline.
Then R = d · c / |r|; P = ((1 + c)^(T − b₀) − 1) / ((1 + r)^(T − b₀) − 1); the growth still needed
g = ((1 + r)^(T − b₀) / (1 + c)^(t − b₀))^(1/(T − t)) − 1; gap = r − c (points).  A growth target
marked cumulative (到2025年累计下降13.5%) is first turned into its yearly rate.

Five-year delta targets (提高0.7个百分点) are level targets of x_b + delta.

Five-year cumulative targets (五年累计, ``method = "cumulative"``)
----------------------------------------------------------------
A plan target is cumulative when it says so (五年累计, 累计, “十四五”期间) and also when its
indicator is a yearly flow (新增就业7万人, 新增上市企业10家: in a plan these are totals of the
five years).  A plan target per year (年均实际到账外资2.5亿美元, 每年新增…) is the same total of
X · (T − b + 1), shown per year (``method = "per_year"``: ``actual`` is the mean of the yearly
results, ``gap`` per year).  The annual results of b..T are summed (a cumulative result naming the plan — “十四五”以来累计… —
counts for the years up to it).  Years of the period without a result are *open* (a past year
may simply not be in the store: ``details["years_open"]`` lists them)::

    sum S, remainder X − S, per open year needed n = (X − S) / open years   → required_pace
    mean so far m = S / known years
    R = m / n                  P = (S + m · open years) / X

(downwards, for a cap: R = n / m, P = X / (S + m · open)).  achieved when S meets X (a cap: only
when no year is open), missed when no year is open and it does not (a cap: as soon as S exceeds
X), else on_track / at_risk by R or P as above.  ``required_pace`` here is in the target's unit per
year, not in %.

A growth target in a unit other than % (倍) is left for review.

Qualitative targets (``method = "review"``)
-------------------------------------------
保持稳定增长, 与经济增长同步, 完成市下达任务: **needs_review**, with the results of the same
indicator and year (or period) as evidence in ``sources`` (role ``evidence``) and the latest of
them as ``actual``.

Every row's ``sources`` hold the target, the baseline and every result used or superseded, with
document, span and text; ``details`` hold every input of the status.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from mubiao.gcpause import gc_paused
from mubiao.ledger.config import EvalConfig
from mubiao.ledger.evaluate._common import Ctx, Outcome, Sources, conflict_details, target_dict
from mubiao.ledger.evaluate.annual import judge_annual
from mubiao.ledger.evaluate.matching import (
    Index,
    IndexedRecord,
    Pick,
    convert_unit,
    index_records,
    is_flow,
    pick,
    plan_period,
)
from mubiao.ledger.evaluate.plans import plan_cumulative, plan_growth, plan_level
from mubiao.ledger.evaluate.qualitative import judge_qualitative
from mubiao.reference.registry import Registry, normalise_phrase
from mubiao.store.records import STATUSES, LedgerRow, StatementRecord

__all__ = [
    "STATUSES",
    "IndexedRecord",
    "Pick",
    "convert_unit",
    "evaluate",
    "index_records",
    "is_flow",
    "pick",
    "plan_period",
    "select_rows",
]

#: a plan target per year of the period (年均实际到账外资2.5亿美元), not at its end
_PER_YEAR = re.compile(r"^(?:平均每年|年均|每年)")


# --------------------------------------------------------------------------- the entry point


def _merge_key(t: IndexedRecord) -> tuple[Any, ...]:
    r = t.rec
    ind = t.indicator_id or ("~" + t.phrase)
    return (
        r.region,
        ind,
        t.flow,
        r.measure,
        r.cumulative,
        plan_period(r),
        r.year,
        r.value,
        r.value_max,
        r.unit,
        r.qualifier == "qualitative",
        r.doc_id if r.value is None else None,
    )


def _merge_targets(targets: list[IndexedRecord]) -> list[tuple[IndexedRecord, list[IndexedRecord]]]:
    groups: dict[tuple[Any, ...], list[IndexedRecord]] = {}
    for t in targets:
        groups.setdefault(_merge_key(t), []).append(t)
    out = []
    for items in groups.values():
        # the telling qualifier (左右, 以上) over a table's bare number, then the first stated
        lead = min(items, key=lambda it: (it.rec.qualifier == "exact", it.rec.id))
        out.append((lead, [it for it in items if it is not lead]))
    return out


def _period_str(rec: StatementRecord) -> str:
    period = plan_period(rec)
    if period is not None:
        return f"{period[0]}-{period[1]}"
    return str(rec.year) if rec.year is not None else ""


def evaluate(
    targets_and_actuals: Iterable[StatementRecord],
    *,
    registry: Registry | None = None,
    config: EvalConfig | None = None,
    as_of: int | None = None,
) -> list[LedgerRow]:
    """One ledger row per target of the records (see the module docstring for every rule)."""
    with gc_paused():
        registry = registry if registry is not None else Registry.default()
        ctx = Ctx(registry, config or EvalConfig(), as_of)
        indexed = index_records((r for r in targets_and_actuals if r.sub_period is None), registry)
        targets = [i for i in indexed if i.rec.kind == "target"]
        index = Index([i for i in indexed if i.rec.kind == "actual"])
        rows: list[LedgerRow] = []
        for t, twins in _merge_targets(targets):
            rows.append(_evaluate_one(t, twins, index.candidates(t), ctx))
        rows.sort(key=lambda row: (row.region or "\uffff", row.period, row.target_id or 0))
        return rows


def _evaluate_one(
    t: IndexedRecord, twins: list[IndexedRecord], cands: list[IndexedRecord], ctx: Ctx
) -> LedgerRow:
    r = t.rec
    sources = Sources()
    sources.add(t, "target")
    for tw in twins:
        sources.add(tw, "target")
    period = plan_period(r)
    ctx = replace(ctx, closeness=ctx.closeness_for(t, cands))
    per_year = bool(_PER_YEAR.match(r.indicator))
    if r.qualifier == "qualitative" or r.value is None:
        out = judge_qualitative(t, cands, ctx, period, sources)
    elif r.year is None and period is None:
        out = Outcome("pending", "annual", details={"reason": "the target has no year"})
    elif r.measure == "growth" and r.unit not in ("%", None):
        out = Outcome("needs_review", "review", details={"reason": f"a growth target in {r.unit}, not in %"})
    elif period is None:
        out = judge_annual(t, cands, ctx)
    elif r.measure == "growth":
        out = plan_growth(t, cands, ctx, period)
    elif r.measure == "delta":
        out = plan_level(t, cands, ctx, period, delta=True)
    elif per_year:
        out = plan_cumulative(t, cands, ctx, period, per_year=True)
    elif r.cumulative or t.flow:
        # 新增就业7万人 in a plan is the total of the five years, 累计 or not
        out = plan_cumulative(t, cands, ctx, period)
    else:
        out = plan_level(t, cands, ctx, period)
    # the baseline first, then the results in year order
    for p in sorted(out.picks, key=lambda p: p.year):
        role = "baseline" if period is not None and p.year == period[0] - 1 else "actual"
        sources.add_pick(p, role)
    conflict = any(p.conflict for p in out.picks)
    if conflict and "conflicts" not in out.details:
        out.details["conflicts"] = conflict_details(out.picks)
    return LedgerRow(
        region=r.region,
        indicator_id=t.indicator_id,
        indicator=r.indicator,
        period=_period_str(r),
        target=target_dict(r),
        actual=out.actual,
        gap=out.gap,
        required_pace=out.required_pace,
        status=out.status,
        method=out.method,
        sources=sources.list(),
        details=out.details,
        conflict=conflict,
        target_id=r.id,
        category=t.indicator.category if t.indicator else None,
    )


def select_rows(
    rows: Iterable[LedgerRow],
    *,
    indicator: str | None = None,
    year: int | None = None,
    statuses: Iterable[str] = (),
    registry: Registry | None = None,
) -> list[LedgerRow]:
    """The rows about ``indicator`` (an id, or a phrase the registry or the row's phrase matches),
    whose target year is ``year`` or whose plan period covers it, with one of ``statuses``."""
    wanted = set(statuses)
    ids: set[str] = set()
    phrase = None
    if indicator:
        registry = registry if registry is not None else Registry.default()
        ids.add(indicator)
        found = registry.match(indicator)
        if found is not None:
            ids.add(found.id)
        phrase = normalise_phrase(indicator)
    out = []
    for row in rows:
        if indicator and row.indicator_id not in ids and normalise_phrase(row.indicator) != phrase:
            continue
        if year is not None:
            # row.period is "2025" or "2021-2025"
            bounds = [int(x) for x in row.period.split("-") if x.isdigit()]
            if not bounds or not bounds[0] <= year <= bounds[-1]:
                continue
        if wanted and row.status not in wanted:
            continue
        out.append(row)
    return out
