r"""The evaluation: every target set against the results that answer it (the 目标账 and 缺口账).

:func:`evaluate` takes statement records — targets and actuals mixed, as the store returns them
— and returns one :class:`~mubiao.ledger.records.LedgerRow` per target.  It is pure: no store,
no printing, the same records give the same rows.

Matching a target with its results
----------------------------------
A result (``kind == "actual"``) answers a target when it is about

* the same **region** (equal names; None only with None);
* the same **indicator**: by ``indicator_id`` when both records have one.  A record without an
  id is given the id the registry matches for its phrase (extraction leaves ids empty for now);
  when one of the two still has none, the phrases are compared after
  :func:`~mubiao.ledger.registry.normalise_phrase` (punctuation, 全区/全年/预计… and 增长/下降…
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
from the later ``published`` document; entered by hand (``provenance == "manual"``) rather than
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
控制在, 不超过), or — qualifier not ``at_least`` — when its indicator's ``polarity`` is ``lower``
(PM2.5, 能耗, 失业率 …) or, without a registry entry, when it is a negative growth target.  Else
upwards.  d = +1 upwards, −1 downwards.

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

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from mubiao.ledger.config import EvalConfig
from mubiao.ledger.records import LedgerRow, Source, StatementRecord
from mubiao.ledger.registry import Indicator, Registry, normalise_phrase

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

STATUSES: tuple[str, ...] = ("achieved", "on_track", "at_risk", "missed", "pending", "needs_review")
#: worse last: ``both`` shows the worse of the two methods
_SEVERITY = {"achieved": 0, "on_track": 1, "at_risk": 2, "missed": 3}
_EPS = 1e-9

# --------------------------------------------------------------------------- units

_SCALES = {"亿": 1e8, "万": 1e4, "千": 1e3}


def _split_unit(unit: str) -> tuple[float, str]:
    if len(unit) >= 1 and unit[0] in _SCALES:
        return _SCALES[unit[0]], unit[1:]
    return 1.0, unit


def convert_unit(value: float, from_unit: str | None, to_unit: str | None) -> float | None:
    """``value`` in ``from_unit`` expressed in ``to_unit``; None when the units do not convert.

    Only the scale words 亿, 万, 千 are converted (48亿元 = 480000万元); a base that differs
    (% and 个百分点, 件 and 个, 亩 and 公顷) does not convert.
    """
    if from_unit == to_unit:
        return value
    if from_unit is None or to_unit is None:
        return None
    f_scale, f_base = _split_unit(from_unit)
    t_scale, t_base = _split_unit(to_unit)
    if f_base != t_base:
        return None
    return value * f_scale / t_scale


# --------------------------------------------------------------------------- indexing

#: a yearly flow, not a stock: 新增高新技术企业 is not 高新技术企业(总数)
_FLOW = re.compile(r"新增|新建|新认定|新引进|新招引|新开工|新落地|新签约|新培育|新改扩建|新扩建|净增")
#: a plan target per year of the period (年均实际到账外资2.5亿美元), not at its end
_PER_YEAR = re.compile(r"^(?:平均每年|年均|每年)")
#: cumulative results that name a plan period count for it (累计 alone may cover any campaign)
_PLAN_NAMES = {
    (2016, 2020): ("十三五",),
    (2021, 2025): ("十四五",),
    (2026, 2030): ("十五五",),
}


@dataclass(frozen=True)
class IndexedRecord:
    """A record with the keys it is matched by."""

    rec: StatementRecord
    indicator: Indicator | None
    indicator_id: str | None
    phrase: str
    flow: bool

    def answers(self, other: IndexedRecord) -> bool:
        """Same region, same indicator (by id, else by phrase) and both flows or both stocks."""
        if self.rec.region != other.rec.region or self.flow != other.flow:
            return False
        if self.indicator_id and other.indicator_id:
            return self.indicator_id == other.indicator_id
        return bool(self.phrase) and self.phrase == other.phrase


def is_flow(phrase: str, indicator: Indicator | None = None) -> bool:
    """Whether the phrase (or the registry's name of its indicator) names a yearly flow (新增…)."""
    return bool(_FLOW.search(phrase)) or bool(indicator and _FLOW.search(indicator.name))


def index_records(records: Iterable[StatementRecord], registry: Registry) -> list[IndexedRecord]:
    """The records with their indicator (given id, else the registry's match), phrase and flow flag."""
    out: list[IndexedRecord] = []
    for rec in records:
        ind = registry.get(rec.indicator_id) if rec.indicator_id else registry.match(rec.indicator)
        iid = rec.indicator_id or (ind.id if ind else None)
        out.append(IndexedRecord(rec, ind, iid, normalise_phrase(rec.indicator), is_flow(rec.indicator, ind)))
    return out


class _Index:
    """Actuals by region and indicator, so that each target looks at its own few."""

    def __init__(self, actuals: Sequence[IndexedRecord]) -> None:
        self._by_id: dict[tuple[str | None, str], list[IndexedRecord]] = {}
        self._by_phrase: dict[tuple[str | None, str], list[IndexedRecord]] = {}
        self._cache: dict[tuple[Any, ...], list[IndexedRecord]] = {}
        for a in actuals:
            if a.indicator_id:
                self._by_id.setdefault((a.rec.region, a.indicator_id), []).append(a)
            self._by_phrase.setdefault((a.rec.region, a.phrase), []).append(a)

    def candidates(self, t: IndexedRecord) -> list[IndexedRecord]:
        """The actuals that may answer ``t``; targets alike in these respects get the same list."""
        key = (t.rec.region, t.indicator_id, t.phrase, t.flow)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._candidates(t)
        return found

    def _candidates(self, t: IndexedRecord) -> list[IndexedRecord]:
        seen: dict[int, IndexedRecord] = {}
        pool = []
        if t.indicator_id:
            pool.extend(self._by_id.get((t.rec.region, t.indicator_id), []))
        pool.extend(self._by_phrase.get((t.rec.region, t.phrase), []))
        for a in pool:
            if a.rec.id not in seen and t.answers(a):
                seen[a.rec.id] = a
        return list(seen.values())


# --------------------------------------------------------------------------- conflicts


@dataclass
class Pick:
    """The result used for one indicator, measure and year, and the others that were there."""

    chosen: IndexedRecord
    value: float  # in the unit asked for
    unit: str | None
    year: int
    #: other statements of the same value (corroborating)
    same: list[IndexedRecord] = field(default_factory=list)
    #: statements of another value (the losing side of a conflict)
    superseded: list[tuple[IndexedRecord, float]] = field(default_factory=list)

    @property
    def conflict(self) -> bool:
        return bool(self.superseded)


def _precedence(item: IndexedRecord, closeness: Mapping[int, int] | None = None) -> tuple[int, int, int, int]:
    r = item.rec
    close = closeness.get(r.id, 0) if closeness else 0
    return (r.published if r.published is not None else -1, r.provenance == "manual", close, r.id)


def _closeness(t: IndexedRecord, cands: Iterable[IndexedRecord]) -> dict[int, int]:
    """How closely each result names the target: 2 the same phrase, 1 the registry's name, else 0.

    Within one document this breaks a tie for the closer figure: 进出口总额 221亿元 answers
    外贸进出口总额 before 海关进出口额 7.2亿元, which the registry also files under it.
    """
    canonical = normalise_phrase(t.indicator.name) if t.indicator else None
    return {c.rec.id: 2 if c.phrase == t.phrase else 1 if c.phrase == canonical else 0 for c in cands}


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def pick(
    items: Iterable[IndexedRecord], unit: str | None, closeness: Mapping[int, int] | None = None
) -> Pick | None:
    """The result that wins among ``items`` (one slot), its value converted to ``unit``.

    Items whose unit does not convert are left out.  The winner: later ``published``, then
    manual over extracted, then the closer phrase (``closeness``: statement id → score), then
    the higher id (see *Conflicts* in the module docstring).
    """
    valued: list[tuple[IndexedRecord, float]] = []
    for it in items:
        if it.rec.value is None or it.rec.year is None:
            continue
        v = convert_unit(it.rec.value, it.rec.unit, unit)
        if v is not None:
            valued.append((it, v))
    if not valued:
        return None
    valued.sort(key=lambda iv: _precedence(iv[0], closeness), reverse=True)
    (best, value), rest = valued[0], valued[1:]
    assert best.rec.year is not None
    p = Pick(best, value, unit, best.rec.year)
    for it, v in rest:
        if _close(v, value):
            p.same.append(it)
        else:
            p.superseded.append((it, v))
    return p


def _series(
    cands: Iterable[IndexedRecord],
    measure: str,
    unit: str | None,
    *,
    cumulative: bool = False,
    as_of: int | None = None,
    closeness: Mapping[int, int] | None = None,
) -> dict[int, Pick]:
    by_year: dict[int, list[IndexedRecord]] = {}
    for c in cands:
        r = c.rec
        if r.measure != measure or r.cumulative != cumulative or r.year is None or r.value is None:
            continue
        if as_of is not None and r.year > as_of:
            continue
        by_year.setdefault(r.year, []).append(c)
    out: dict[int, Pick] = {}
    for year, items in sorted(by_year.items()):
        p = pick(items, unit, closeness)
        if p is not None:
            out[year] = p
    return out


def _level_unit(cands: Iterable[IndexedRecord], hint: str | None) -> str | None:
    """The unit to read level results in: ``hint`` when some convert to it, else the commonest."""
    units = [c.rec.unit for c in cands if c.rec.measure == "level" and c.rec.value is not None]
    if hint is not None and any(convert_unit(1.0, u, hint) is not None for u in units):
        return hint
    if not units:
        return hint
    return max(set(units), key=lambda u: (units.count(u), u or ""))


# --------------------------------------------------------------------------- helpers


def plan_period(rec: StatementRecord) -> tuple[int, int] | None:
    """(b, T) of a plan target; None for an annual one."""
    if rec.period is not None:
        b, end = rec.period
        if rec.year is not None and rec.year != end and rec.year > b:
            end = rec.year  # a 2035 远景 target of a 2021–2025 plan runs 2021–2035
        return b, end
    if rec.doc_type == "five_year_plan" and rec.year is not None:
        return rec.year - 4, rec.year
    return None


def _r(x: float | None, nd: int = 4) -> float | None:
    if x is None or math.isnan(x) or math.isinf(x):
        return None
    return round(x, nd)


def _pct(x: float | None) -> float | None:
    return None if x is None else _r(x * 100)


def _cagr(start: float, end: float, years: int) -> float | None:
    if years <= 0 or start <= 0 or end <= 0:
        return None
    return float((end / start) ** (1 / years) - 1)


def _progress(v: float | None, cfg: EvalConfig) -> str | None:
    if v is None:
        return None
    if v >= cfg.on_track:
        return "substantial"
    if v >= cfg.at_risk_floor:
        return "fair"
    return "limited" if v >= 0 else "deterioration"


def _method_status(v: float | None, cfg: EvalConfig) -> str | None:
    if v is None:
        return None
    return "on_track" if v >= cfg.on_track else "at_risk"


@dataclass
class _Ctx:
    registry: Registry
    config: EvalConfig
    as_of: int | None
    #: of the target at hand: statement id → how closely the result names it
    closeness: dict[int, int] = field(default_factory=dict)
    # Targets of one indicator share their candidates (by identity: see _Index.candidates), so
    # the yearly series picked from them are computed once per evaluate() call, not per target.
    _series_cache: dict[tuple[Any, ...], dict[int, Pick]] = field(default_factory=dict)
    _closeness_cache: dict[tuple[Any, ...], dict[int, int]] = field(default_factory=dict)

    def series(
        self, cands: list[IndexedRecord], measure: str, unit: str | None, *, cumulative: bool = False
    ) -> dict[int, Pick]:
        """:func:`_series` of ``cands`` for this context; the dict returned is shared: read it only."""
        key = (id(cands), measure, unit, cumulative, id(self.closeness))
        found = self._series_cache.get(key)
        if found is None:
            found = _series(
                cands, measure, unit, cumulative=cumulative, as_of=self.as_of, closeness=self.closeness
            )
            self._series_cache[key] = found
        return found

    def closeness_for(self, t: IndexedRecord, cands: list[IndexedRecord]) -> dict[int, int]:
        key = (id(cands), t.phrase, t.indicator.id if t.indicator else None)
        found = self._closeness_cache.get(key)
        if found is None:
            found = self._closeness_cache[key] = _closeness(t, cands)
        return found


@dataclass
class _Judgement:
    met: bool
    gap: float
    tolerance: float
    down: bool
    reference: float
    inside_range: bool | None = None


def _down(t: IndexedRecord) -> bool:
    q = t.rec.qualifier
    if q == "at_most":
        return True
    if q == "at_least":
        return False
    if t.indicator is not None:
        return t.indicator.polarity == "lower"
    return t.rec.measure == "growth" and (t.rec.value or 0) < 0


def _is_pointwise(measure: str, unit: str | None) -> bool:
    return measure == "growth" or unit in ("%", "个百分点")


def _judge(t: IndexedRecord, actual: float, cfg: EvalConfig, *, value: float | None = None) -> _Judgement:
    """Met or not, and the signed gap (positive: still to do) of ``actual`` against target ``t``."""
    r = t.rec
    down = _down(t)
    target = r.value if value is None else value
    assert target is not None
    ref = target
    if r.qualifier == "range" and r.value_max is not None and value is None and down:
        ref = r.value_max
    gap = actual - ref if down else ref - actual
    tol = 0.0
    if r.qualifier == "about":
        tol = cfg.growth_tolerance if _is_pointwise(r.measure, r.unit) else abs(ref) * cfg.level_tolerance
    j = _Judgement(met=gap <= tol + _EPS, gap=gap, tolerance=tol, down=down, reference=ref)
    if r.qualifier == "range" and r.value is not None and r.value_max is not None and value is None:
        j.inside_range = r.value - _EPS <= actual <= r.value_max + _EPS
    return j


class _Sources:
    """The sources of a row, each statement once, in the order they were added."""

    def __init__(self) -> None:
        self._items: dict[int, Source] = {}

    def add(self, item: IndexedRecord, role: str) -> None:
        r = item.rec
        if r.id in self._items:
            return
        self._items[r.id] = Source(
            statement_id=r.id,
            document=r.doc_id,
            span=r.span,
            text=r.text,
            kind=r.kind,
            provenance=r.provenance,
            role=role,
            year=r.year,
        )

    def add_pick(self, p: Pick, role: str) -> None:
        self.add(p.chosen, role)
        for it in p.same:
            self.add(it, role)
        for it, _v in p.superseded:
            self.add(it, "superseded")

    def list(self) -> list[Source]:
        return list(self._items.values())


def _conflicts(picks: Iterable[Pick]) -> list[dict[str, Any]]:
    out = []
    for p in picks:
        if p.conflict:
            out.append(
                {
                    "year": p.year,
                    "measure": p.chosen.rec.measure,
                    "used": {
                        "statement_id": p.chosen.rec.id,
                        "document": p.chosen.rec.doc_id,
                        "value": p.value,
                    },
                    "others": [
                        {"statement_id": it.rec.id, "document": it.rec.doc_id, "value": _r(v)}
                        for it, v in p.superseded
                    ],
                }
            )
    return out


def _actual_dict(p: Pick, **extra: Any) -> dict[str, Any]:
    r = p.chosen.rec
    d: dict[str, Any] = {
        "value": _r(p.value, 6),
        "unit": p.unit,
        "year": p.year,
        "measure": r.measure,
        "qualifier": r.qualifier,
        "statement_id": r.id,
        "document": r.doc_id,
    }
    d.update(extra)
    return d


def _target_dict(r: StatementRecord) -> dict[str, Any]:
    return {
        "kind": r.kind,
        "measure": r.measure,
        "value": r.value,
        "value_max": r.value_max,
        "unit": r.unit,
        "qualifier": r.qualifier,
        "cumulative": r.cumulative,
        "year": r.year,
        "period": list(r.period) if r.period else None,
        "attribute": r.attribute,
        "statement_id": r.id,
        "document": r.doc_id,
    }


@dataclass
class _Outcome:
    status: str
    method: str
    actual: dict[str, Any] | None = None
    gap: float | None = None
    required_pace: float | None = None
    details: dict[str, Any] = field(default_factory=dict)
    picks: list[Pick] = field(default_factory=list)


def _choose_status(details: dict[str, Any], cfg: EvalConfig) -> tuple[str | None, str]:
    """The status of the configured method (``both``: the worse); falls back to the other one."""
    sdg = details.get("sdg", {}).get("status")
    unsd = details.get("unsd", {}).get("status")
    if cfg.method == "both":
        got = [s for s in (sdg, unsd) if s]
        if not got:
            return None, "sdg+unsd"
        return max(got, key=lambda s: _SEVERITY[s]), "sdg+unsd"
    first, second = (sdg, unsd) if cfg.method == "sdg" else (unsd, sdg)
    other = "unsd" if cfg.method == "sdg" else "sdg"
    if first is None and second is not None:
        details["fallback_method"] = f"{cfg.method} cannot be computed; status by {other}"
        return second, other
    return first, cfg.method


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


# --------------------------------------------------------------------------- plan targets


def _plan_level(
    t: IndexedRecord,
    cands: list[IndexedRecord],
    ctx: _Ctx,
    period: tuple[int, int],
    *,
    delta: bool = False,
) -> _Outcome:
    r = t.rec
    cfg = ctx.config
    b, end = period
    b0 = b - 1
    assert r.value is not None
    # a delta in 个百分点 moves a share in %
    lunit = _level_unit(cands, "%" if r.unit == "个百分点" else r.unit) if delta else r.unit
    levels = ctx.series(cands, "level", lunit)
    base = levels.get(b0)
    in_period = {y: p for y, p in levels.items() if b0 < y <= end}
    details: dict[str, Any] = {
        "period": [b, end],
        "baseline_year": b0,
        "baseline": _r(base.value, 6) if base else None,
        "polarity": "lower" if _down(t) else "higher",
    }
    picks: list[Pick] = [base] if base else []
    target_value: float = r.value
    if delta:
        if base is None:
            return _plan_cumulative(t, cands, ctx, period, measure="delta")
        # 提高0.7个百分点: the level target is the baseline plus the change
        step = convert_unit(r.value, r.unit, "个百分点" if lunit == "%" else lunit) or r.value
        target_value = base.value + step
        details["target_level"] = _r(target_value, 6)
    if not in_period:
        details["reason"] = f"no result of {b}–{end} yet"
        return _Outcome(
            "pending", cfg.method if cfg.method != "both" else "sdg+unsd", details=details, picks=picks
        )
    t_year = max(in_period)
    latest = in_period[t_year]
    picks.append(latest)
    x_t = latest.value
    j = _judge(t, x_t, cfg, value=target_value if delta else None)
    goal = j.reference
    down = j.down
    d = -1 if down else 1
    details.update(latest_year=t_year, latest=_r(x_t, 6), tolerance=_r(j.tolerance))
    if j.inside_range is not None:
        details["inside_range"] = j.inside_range
    remaining = end - t_year
    pace: float | None = None
    if remaining > 0:
        g = _cagr(x_t, goal, remaining)
        pace = _pct(g)
        details["required_pace"] = pace
        details["linear_pace_required"] = _r((goal - x_t) / remaining, 6)

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
        details["time_share"] = _r((t_year - y_b) / (end - y_b)) if end > y_b else None
        details["achievement_share"] = _r((x_t - x_b) / (goal - x_b)) if not _close(goal, x_b) else None
        c_act = _cagr(x_b, x_t, t_year - y_b)
        c_req = _cagr(x_b, goal, end - y_b)
        linear = c_act is None or c_req is None
        if linear:
            c_act = (x_t - x_b) / (t_year - y_b) if t_year > y_b else None
            c_req = (goal - x_b) / (end - y_b) if end > y_b else None
            details["linear"] = True
        sdg = {
            "cagr_actual": (_r(c_act) if linear else _pct(c_act)),
            "cagr_required": (_r(c_req) if linear else _pct(c_req)),
        }
        if c_act is not None and c_req is not None and abs(c_req) > _EPS:
            sdg["R"] = _r(d * c_act / abs(c_req))
        if c_act is not None:
            proj = x_t + c_act * remaining if linear else x_t * (1 + c_act) ** remaining
            unsd["projected"] = _r(proj, 6)
            if not _close(goal, x_b):
                unsd["P"] = _r((proj - x_b) / (goal - x_b))
    else:
        growth = ctx.series(cands, "growth", "%").get(t_year)
        if growth is not None and remaining > 0:
            picks.append(growth)
            c_act = growth.value / 100
            details["fallback"] = (
                f"no baseline for {b0} and one result of the period: the growth reported for "
                f"{t_year} stands for the growth achieved, {t_year} for the baseline in P"
            )
            g = _cagr(x_t, goal, remaining)
            sdg = {"cagr_actual": _r(growth.value), "cagr_required": _pct(g)}
            if g is not None and abs(g) > _EPS:
                sdg["R"] = _r(d * c_act / abs(g))
            proj = x_t * (1 + c_act) ** remaining
            unsd["projected"] = _r(proj, 6)
            if not _close(goal, x_t):
                unsd["P"] = _r((proj - x_t) / (goal - x_t))
    for part, key in ((sdg, "R"), (unsd, "P")):
        if key in part:
            part["status"] = _method_status(part[key], cfg)
            part["progress"] = _progress(part[key], cfg)
    details["sdg"], details["unsd"] = sdg, unsd
    conflicts = _conflicts(picks)
    if conflicts:
        details["conflicts"] = conflicts
    actual = _actual_dict(latest)
    gap = _r(j.gap)
    method_status, method = _choose_status(details, cfg)
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
    return _Outcome(status, method, actual, gap, None if status == "achieved" else pace, details, picks)


def _plan_growth(
    t: IndexedRecord, cands: list[IndexedRecord], ctx: _Ctx, period: tuple[int, int]
) -> _Outcome:
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
        "polarity": "lower" if _down(t) else "higher",
    }
    if r.cumulative:
        # 到2025年累计下降13.5%: the yearly rate that compounds to it
        if 1 + rate <= 0:
            details["reason"] = "a cumulative fall of 100% or more has no yearly rate"
            return _Outcome("needs_review", "sdg", details=details)
        rate = (1 + rate) ** (1 / n_total) - 1
        details["target_yearly_rate"] = _pct(rate)
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
        lunit = _level_unit(cands, None)
        levels = ctx.series(cands, "level", lunit)
        if b0 in levels and t_year in levels:
            # shown beside, not used: levels are at current prices, growth targets at comparable ones
            details["level_cagr"] = _pct(_cagr(levels[b0].value, levels[t_year].value, t_year - b0))
    else:
        lunit = _level_unit(cands, None)
        levels = ctx.series(cands, "level", lunit)
        base = levels.get(b0)
        later = [y for y in levels if b0 < y <= end]
        ref = base
        if ref is None and len(later) >= 2:
            ref = levels[min(later)]
            details["fallback"] = f"no baseline for {b0}: the level of {ref.year} stands in for it"
        if ref is not None and later and max(later) > ref.year:
            t_year = max(later)
            c = _cagr(ref.value, levels[t_year].value, t_year - ref.year)
            picks += [ref, levels[t_year]]
            details["rate_source"] = f"growth of the levels from {ref.year} to {t_year} (nominal)"
    if c is None or t_year is None:
        details["reason"] = f"no growth result of {b}–{end} yet"
        return _Outcome(
            "pending", cfg.method if cfg.method != "both" else "sdg+unsd", details=details, picks=picks
        )
    j = _judge(t, c * 100, cfg, value=rate * 100)
    d = -1 if j.down else 1
    elapsed = t_year - b0
    remaining = end - t_year
    details.update(
        latest_year=t_year, achieved_rate=_pct(c), target_rate=_pct(rate), tolerance=_r(j.tolerance)
    )
    pace = None
    if remaining > 0 and 1 + c > 0:
        g = ((1 + rate) ** n_total / (1 + c) ** elapsed) ** (1 / remaining) - 1
        pace = _pct(g)
        details["required_pace"] = pace
    sdg: dict[str, Any] = {"cagr_actual": _pct(c), "cagr_required": _pct(rate)}
    if abs(rate) > _EPS:
        sdg["R"] = _r(d * c / abs(rate))
    unsd: dict[str, Any] = {}
    denom = (1 + rate) ** n_total - 1
    if abs(denom) > _EPS:
        unsd["P"] = _r(((1 + c) ** n_total - 1) / denom)
    for part, key in ((sdg, "R"), (unsd, "P")):
        if key in part:
            part["status"] = _method_status(part[key], cfg)
            part["progress"] = _progress(part[key], cfg)
    details["sdg"], details["unsd"] = sdg, unsd
    conflicts = _conflicts(picks)
    if conflicts:
        details["conflicts"] = conflicts
    # reached early: the growth so far already compounds to the whole period's
    reached = (
        (1 + c) ** elapsed >= (1 + rate) ** n_total
        if not j.down
        else (1 + c) ** elapsed <= (1 + rate) ** n_total
    )
    method_status, method = _choose_status(details, cfg)
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
        "value": _pct(c),
        "unit": "%",
        "year": t_year,
        "measure": "growth",
        "derived": details.get("rate_source"),
    }
    return _Outcome(status, method, actual, _r(j.gap), None if status == "achieved" else pace, details, picks)


def _names_plan(text: str, period: tuple[int, int]) -> bool:
    return any(n in text for n in _PLAN_NAMES.get(period, ()))


def _plan_cumulative(
    t: IndexedRecord,
    cands: list[IndexedRecord],
    ctx: _Ctx,
    period: tuple[int, int],
    *,
    measure: str = "level",
    per_year: bool = False,
) -> _Outcome:
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
    details: dict[str, Any] = {"period": [b, end], "polarity": "lower" if _down(t) else "higher"}
    total = sum(known.values())
    covered = set(known)
    if cum:
        cy = max(cum)
        if not known or cy >= max(known):
            # a “十四五”以来累计 figure covers every year up to it
            total = cum[cy].value + sum(v for y, v in known.items() if y > cy)
            covered = set(range(b, cy + 1)) | set(known)
            picks.append(cum[cy])
            details["cumulative_result"] = {"year": cy, "value": _r(cum[cy].value, 6)}
    if not covered:
        details["reason"] = f"no result of {b}–{end} yet"
        return _Outcome("pending", "cumulative", details=details)
    open_years = [y for y in years if y not in covered]
    t_year = max(covered)
    j = _judge(t, total, cfg, value=r.value * scale if per_year else None)
    down = j.down
    mean = total / len(covered)
    if per_year:
        details["per_year_target"] = r.value
        details["total_target"] = _r(r.value * scale, 6)
    details.update(
        years_known={str(y): _r(v, 6) for y, v in sorted(known.items())},
        years_open=open_years,
        sum=_r(total, 6),
        remainder=_r(j.reference - total, 6),
        mean_so_far=_r(mean, 6),
        tolerance=_r(j.tolerance),
    )
    missing_past = [y for y in open_years if y < t_year]
    if missing_past:
        details["years_missing"] = missing_past
    pace: float | None = None
    sdg: dict[str, Any] = {}
    unsd: dict[str, Any] = {}
    if open_years:
        need = (j.reference - total) / len(open_years)
        pace = _r(need, 6)
        details["per_open_year_needed"] = pace
        details["required_pace_unit"] = f"{r.unit or ''}/年"
        projected = total + mean * len(open_years)
        unsd["projected"] = _r(projected, 6)
        if down:
            if abs(mean) > _EPS:
                sdg["R"] = _r(need / mean)
            if abs(projected) > _EPS:
                unsd["P"] = _r(j.reference / projected)
        else:
            if need > _EPS:
                sdg["R"] = _r(mean / need)
            if abs(j.reference) > _EPS:
                unsd["P"] = _r(projected / j.reference)
    for part, key in ((sdg, "R"), (unsd, "P")):
        if key in part:
            part["status"] = _method_status(part[key], cfg)
            part["progress"] = _progress(part[key], cfg)
    details["sdg"], details["unsd"] = sdg, unsd
    conflicts = _conflicts(picks)
    if conflicts:
        details["conflicts"] = conflicts
    method_status, _m = _choose_status(details, cfg)
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
        "value": _r(mean if per_year else total, 6),
        "unit": r.unit,
        "year": t_year,
        "measure": r.measure,
        "cumulative": not per_year,
        "years": sorted(covered),
    }
    if per_year:
        actual["derived"] = "mean of the yearly results"
        per_year_gap = mean - r.value if down else r.value - mean
        return _Outcome(status, "per_year", actual, _r(per_year_gap), pace, details, picks)
    return _Outcome(status, "cumulative", actual, _r(j.gap), pace, details, picks)


# --------------------------------------------------------------------------- qualitative


def _qualitative(
    t: IndexedRecord, cands: list[IndexedRecord], ctx: _Ctx, period: tuple[int, int] | None, sources: _Sources
) -> _Outcome:
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
    evidence.sort(key=lambda c: (c.rec.year or 0, c.rec.measure == r.measure, _precedence(c)), reverse=True)
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
    return _Outcome("needs_review", "review", actual, None, None, details)


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
    registry = registry if registry is not None else Registry.default()
    ctx = _Ctx(registry, config or EvalConfig(), as_of)
    indexed = index_records(targets_and_actuals, registry)
    targets = [i for i in indexed if i.rec.kind == "target"]
    index = _Index([i for i in indexed if i.rec.kind == "actual"])
    rows: list[LedgerRow] = []
    for t, twins in _merge_targets(targets):
        rows.append(_evaluate_one(t, twins, index.candidates(t), ctx))
    rows.sort(key=lambda row: (row.region or "\uffff", row.period, row.target_id or 0))
    return rows


def _evaluate_one(
    t: IndexedRecord, twins: list[IndexedRecord], cands: list[IndexedRecord], ctx: _Ctx
) -> LedgerRow:
    r = t.rec
    sources = _Sources()
    sources.add(t, "target")
    for tw in twins:
        sources.add(tw, "target")
    period = plan_period(r)
    ctx = replace(ctx, closeness=ctx.closeness_for(t, cands))
    per_year = bool(_PER_YEAR.match(r.indicator))
    if r.qualifier == "qualitative" or r.value is None:
        out = _qualitative(t, cands, ctx, period, sources)
    elif r.year is None and period is None:
        out = _Outcome("pending", "annual", details={"reason": "the target has no year"})
    elif r.measure == "growth" and r.unit not in ("%", None):
        out = _Outcome("needs_review", "review", details={"reason": f"a growth target in {r.unit}, not in %"})
    elif period is None:
        out = _annual(t, cands, ctx)
    elif r.measure == "growth":
        out = _plan_growth(t, cands, ctx, period)
    elif r.measure == "delta":
        out = _plan_level(t, cands, ctx, period, delta=True)
    elif per_year:
        out = _plan_cumulative(t, cands, ctx, period, per_year=True)
    elif r.cumulative or t.flow:
        # 新增就业7万人 in a plan is the total of the five years, 累计 or not
        out = _plan_cumulative(t, cands, ctx, period)
    else:
        out = _plan_level(t, cands, ctx, period)
    # the baseline first, then the results in year order
    for p in sorted(out.picks, key=lambda p: p.year):
        role = "baseline" if period is not None and p.year == period[0] - 1 else "actual"
        sources.add_pick(p, role)
    conflict = any(p.conflict for p in out.picks)
    if conflict and "conflicts" not in out.details:
        out.details["conflicts"] = _conflicts(out.picks)
    return LedgerRow(
        region=r.region,
        indicator_id=t.indicator_id,
        indicator=r.indicator,
        period=_period_str(r),
        target=_target_dict(r),
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
