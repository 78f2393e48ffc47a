"""Matching results to targets: records indexed by indicator, units, and the pick among results of one slot.

The rules are in the docstring of :mod:`mubiao.ledger.evaluate`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mubiao.reference.registry import Indicator, Registry, normalise_phrase
from mubiao.store.records import StatementRecord

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


class Index:
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


def precedence(
    item: IndexedRecord, closeness: Mapping[int, int] | None = None
) -> tuple[bool, int, bool, int, int]:
    r = item.rec
    close = closeness.get(r.id, 0) if closeness else 0
    # a figure a unit reported (mubiao.ledger.supervision) yields to any published or entered one
    published = r.provenance != "reported"
    return (published, r.published if r.published is not None else -1, r.provenance == "manual", close, r.id)


def closeness_of(t: IndexedRecord, cands: Iterable[IndexedRecord]) -> dict[int, int]:
    """How closely each result names the target: 2 the same phrase, 1 the registry's name, else 0.

    Within one document this breaks a tie for the closer figure: 进出口总额 221亿元 answers
    外贸进出口总额 before 海关进出口额 7.2亿元, which the registry also files under it.
    """
    canonical = normalise_phrase(t.indicator.name) if t.indicator else None
    return {c.rec.id: 2 if c.phrase == t.phrase else 1 if c.phrase == canonical else 0 for c in cands}


def is_close(a: float, b: float) -> bool:
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
    valued.sort(key=lambda iv: precedence(iv[0], closeness), reverse=True)
    (best, value), rest = valued[0], valued[1:]
    assert best.rec.year is not None
    p = Pick(best, value, unit, best.rec.year)
    for it, v in rest:
        if is_close(v, value):
            p.same.append(it)
        else:
            p.superseded.append((it, v))
    return p


def series_of(
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


def level_unit(cands: Iterable[IndexedRecord], hint: str | None) -> str | None:
    """The unit to read level results in: ``hint`` when some convert to it, else the commonest."""
    units = [c.rec.unit for c in cands if c.rec.measure == "level" and c.rec.value is not None]
    if hint is not None and any(convert_unit(1.0, u, hint) is not None for u in units):
        return hint
    if not units:
        return hint
    return max(set(units), key=lambda u: (units.count(u), u or ""))


# --------------------------------------------------------------------------- plan periods


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
