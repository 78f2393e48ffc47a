"""Comparison and roll-up: one indicator across regions, and a city beside its districts (来源账).

:func:`across_regions` puts the result of one indicator and year of every region in the records
side by side, with each region's target of that year, its gap and status where the ledger has
one; best first (highest for higher-is-better indicators, lowest for lower-is-better ones).

:func:`roll_up` sets a city's figure beside its districts' (the children of the city in
:mod:`mubiao.reference.regions` that have a figure in the records):

* an **additive** indicator — an amount or a count (money, people, firms, area …), measure
  ``level`` or ``delta``, not per head, per unit, a share or a rate (人均, 单位, 每万人, 占,
  比重, 率, 指数, % and ``…/…`` units) — is summed: ``total`` of the districts, ``residual`` =
  city − total (parts not in the store, development zones, rounding), each district's ``share``
  of the total;
* any other (rates, shares, growth) gets its **spread**: min, median and max, and which
  district holds the min and the max.

The **contribution to closing the city's gap** (additive indicators): the city's target is the
ledger row of the city for that indicator whose period covers the year (an annual target of the
year first, else a five-year plan).  Its reference year is the year before an annual target and
the baseline year of a plan (``reference_year`` overrides).  For each district with figures in
both years::

    change      Δᵢ = xᵢ(year) − xᵢ(reference)
    contribution  Δᵢ / (city target − city value at reference)    share of the move the city needs
    share_of_change  Δᵢ / Σ Δ

and, where the district has a target of its own for the same period, its remaining ``gap`` and
``gap_share`` = gapᵢ / Σ positive gaps: where the rest of the city's gap lies.  Without the city's
value at the reference year the districts' sum stands in for it (``details`` says so).

Figures follow the conflict rule of :mod:`mubiao.ledger.evaluate` (later document, manual entry,
closer name) and are converted to one unit: the one asked for, else the city's, else the
commonest.  Every figure carries its sources.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from mubiao.errors import UsageError
from mubiao.ledger.config import EvalConfig
from mubiao.ledger.evaluate import (
    IndexedRecord,
    Pick,
    convert_unit,
    evaluate,
    index_records,
    is_flow,
    pick,
)
from mubiao.reference.regions import Regions
from mubiao.reference.registry import Indicator, Registry, normalise_phrase
from mubiao.store.records import LedgerRow, Source, StatementRecord

__all__ = ["Part", "RegionFigure", "RollUp", "across_regions", "is_additive", "roll_up"]

#: words of an indicator that is a ratio, not an amount: its parts do not add up
_INTENSIVE = re.compile(r"人均|户均|亩均|单位|每|占|比重|比例|率|指数|密度|平均|均价|强度")
_ADDITIVE_FAMILIES = frozenset(("money", "count", "people", "area", "length", "mass", "energy"))


@dataclass
class RegionFigure:
    """One region's result of the indicator and year, with its target where there is one."""

    region: str
    year: int
    measure: str
    value: float | None
    unit: str | None
    conflict: bool = False
    target: dict[str, Any] | None = None
    status: str | None = None
    gap: float | None = None
    period: str | None = None
    sources: list[Source] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Part:
    """A district in a roll-up."""

    region: str
    value: float | None
    share: float | None = None
    reference_value: float | None = None
    change: float | None = None
    contribution: float | None = None
    share_of_change: float | None = None
    gap: float | None = None
    gap_share: float | None = None
    status: str | None = None
    sources: list[Source] = field(default_factory=list)


@dataclass
class RollUp:
    """A city's figure beside its districts' (see the module docstring)."""

    city: str
    indicator_id: str | None
    indicator: str
    measure: str
    year: int
    unit: str | None
    aggregation: str  # "sum" | "spread"
    city_value: float | None
    parts: list[Part]
    #: districts of the city without a figure in the records
    missing: list[str]
    total: float | None = None
    residual: float | None = None
    spread: dict[str, Any] | None = None
    city_target: dict[str, Any] | None = None
    city_gap: float | None = None
    reference_year: int | None = None
    required_change: float | None = None
    details: dict[str, Any] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)

    @property
    def coverage(self) -> tuple[int, int]:
        """(districts with a figure, districts of the city)."""
        with_figure = sum(p.value is not None for p in self.parts)
        return with_figure, with_figure + len(self.missing)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["coverage"] = list(self.coverage)
        return d


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class _Query:
    indicator: Indicator | None
    indicator_id: str | None
    phrase: str
    flow: bool
    label: str

    def matches(self, item: IndexedRecord) -> bool:
        if item.flow != self.flow:
            return False
        if self.indicator_id and item.indicator_id:
            return item.indicator_id == self.indicator_id
        return item.phrase == self.phrase


def _query(indicator: str, registry: Registry) -> _Query:
    ind = registry.get(indicator) or registry.match(indicator)
    name = ind.name if ind and registry.get(indicator) else indicator
    flow = is_flow(name, ind)
    return _Query(ind, ind.id if ind else None, normalise_phrase(name), flow, name)


def is_additive(indicator: Indicator | None, phrase: str, measure: str, unit: str | None) -> bool:
    """Whether districts' figures of this indicator add up to the city's (see the module docstring)."""
    if measure not in ("level", "delta"):
        return False
    if _INTENSIVE.search(phrase) or (indicator is not None and _INTENSIVE.search(indicator.name)):
        return False
    if unit is not None and ("%" in unit or "/" in unit or "百分点" in unit):
        return False
    if indicator is not None:
        return indicator.type in ("level", "count") and indicator.unit_family in _ADDITIVE_FAMILIES
    return True


def _source(item: IndexedRecord, role: str) -> Source:
    r = item.rec
    return Source(r.id, r.doc_id, r.span, r.text, r.kind, r.provenance, role, r.year)


def _pick_sources(p: Pick | None) -> list[Source]:
    if p is None:
        return []
    out = [_source(p.chosen, "actual")] + [_source(i, "actual") for i in p.same]
    out += [_source(i, "superseded") for i, _v in p.superseded]
    return out


def _unit_for(items: Sequence[IndexedRecord], wanted: str | None, prefer_region: str | None) -> str | None:
    units = [i.rec.unit for i in items]
    if wanted is not None:
        return wanted
    own = [i.rec.unit for i in items if i.rec.region == prefer_region]
    if own:
        return own[0]
    if not units:
        return None
    return max(set(units), key=lambda u: (units.count(u), u or ""))


def _figures(
    indexed: Sequence[IndexedRecord], q: _Query, year: int, measure: str, unit: str | None, prefer: str | None
) -> tuple[dict[str, Pick], str | None]:
    items = [
        i for i in indexed
        if i.rec.kind == "actual" and i.rec.measure == measure and i.rec.year == year and not i.rec.cumulative
        and i.rec.region and i.rec.value is not None and q.matches(i)
    ]  # fmt: skip
    unit = "%" if measure == "growth" else _unit_for(items, unit, prefer)
    by_region: dict[str, list[IndexedRecord]] = {}
    for i in items:
        assert i.rec.region is not None
        by_region.setdefault(i.rec.region, []).append(i)
    closeness = {i.rec.id: 2 if i.phrase == q.phrase else 0 for i in items}
    picks = {}
    for region, group in by_region.items():
        p = pick(group, unit, closeness)
        if p is not None:
            picks[region] = p
    return picks, unit


def _row_for(rows: Iterable[LedgerRow], region: str, q: _Query, year: int, measure: str) -> LedgerRow | None:
    """The region's ledger row of the indicator covering ``year``: an annual target first, then a plan."""
    annual: LedgerRow | None = None
    plan: LedgerRow | None = None
    for r in rows:
        if r.region != region or r.target.get("measure") != measure or r.target.get("value") is None:
            continue
        same = (q.indicator_id and r.indicator_id == q.indicator_id) or normalise_phrase(
            r.indicator
        ) == q.phrase
        if not same:
            continue
        bounds = [int(x) for x in r.period.split("-") if x.isdigit()]
        if not bounds or not bounds[0] <= year <= bounds[-1]:
            continue
        if len(bounds) == 1 and annual is None:
            annual = r
        elif len(bounds) == 2 and plan is None and not r.target.get("cumulative"):
            plan = r
    return annual or plan


def rounded(x: float | None, nd: int = 6) -> float | None:
    return None if x is None else round(x, nd)


# --------------------------------------------------------------------------- across regions


def across_regions(
    records: Iterable[StatementRecord],
    indicator: str,
    year: int,
    *,
    measure: str = "level",
    unit: str | None = None,
    regions: Iterable[str] | None = None,
    registry: Registry | None = None,
    config: EvalConfig | None = None,
    rows: Sequence[LedgerRow] | None = None,
) -> list[RegionFigure]:
    """The result of ``indicator`` (an id or a phrase) in ``year`` for every region of the records
    (or of ``regions``), with the region's target of that year; best first, regions without a
    figure last.  ``rows``: the ledger's rows (overrides applied) to take targets and statuses
    from; by default the records are evaluated here."""
    registry = registry if registry is not None else Registry.default()
    records = list(records)
    q = _query(indicator, registry)
    indexed = index_records(records, registry)
    picks, unit = _figures(indexed, q, year, measure, unit, None)
    if rows is None:
        rows = evaluate(records, registry=registry, config=config)
    names = list(regions) if regions is not None else sorted({r.region for r in records if r.region})
    out: list[RegionFigure] = []
    for name in names:
        p = picks.get(name)
        fig = RegionFigure(name, year, measure, rounded(p.value) if p else None, unit, bool(p and p.conflict),
                           sources=_pick_sources(p))  # fmt: skip
        row = _row_for(rows, name, q, year, measure)
        if row is not None:
            fig.target, fig.status, fig.gap, fig.period = row.target, row.status, row.gap, row.period
        out.append(fig)
    lower = q.indicator is not None and q.indicator.polarity == "lower"
    out.sort(key=lambda f: (f.value is None, (f.value or 0) if lower else -(f.value or 0), f.region))
    return out


# --------------------------------------------------------------------------- roll-up


def roll_up(
    records: Iterable[StatementRecord],
    city: str,
    indicator: str,
    year: int,
    *,
    measure: str = "level",
    unit: str | None = None,
    reference_year: int | None = None,
    regions: Regions | None = None,
    registry: Registry | None = None,
    config: EvalConfig | None = None,
    rows: Sequence[LedgerRow] | None = None,
) -> RollUp:
    """The city's figure of ``indicator`` in ``year`` beside its districts' (see the module docstring).

    ``rows``: the ledger's rows (overrides applied) to take targets and statuses from."""
    regions = regions if regions is not None else Regions.default()
    registry = registry if registry is not None else Registry.default()
    found = regions.resolve(city)
    if found is None:
        raise UsageError(f"unknown region {city!r}")
    city = found.name
    children = [c.name for c in regions.children(found)]
    if not children:
        raise UsageError(f"{city} has no districts in the region data")
    records = list(records)
    q = _query(indicator, registry)
    indexed = index_records(records, registry)
    picks, unit = _figures(indexed, q, year, measure, unit, city)
    additive = is_additive(q.indicator, q.label, measure, unit)
    city_pick = picks.get(city)
    parts = [
        Part(name, rounded(picks[name].value), sources=_pick_sources(picks[name]))
        for name in children
        if name in picks
    ]
    missing = [name for name in children if name not in picks]
    result = RollUp(
        city=city,
        indicator_id=q.indicator_id,
        indicator=q.label,
        measure=measure,
        year=year,
        unit=unit,
        aggregation="sum" if additive else "spread",
        city_value=rounded(city_pick.value) if city_pick else None,
        parts=parts,
        missing=missing,
        sources=_pick_sources(city_pick) + [s for p in parts for s in p.sources],
    )
    values = [p.value for p in parts if p.value is not None]
    if not values:
        return result
    if not additive:
        lo = min(parts, key=lambda p: p.value or 0)
        hi = max(parts, key=lambda p: p.value or 0)
        result.spread = {"min": lo.value, "median": rounded(statistics.median(values)), "max": hi.value,
                         "min_region": lo.region, "max_region": hi.region}  # fmt: skip
        return result
    total = sum(values)
    result.total = rounded(total)
    if city_pick is not None:
        result.residual = rounded(city_pick.value - total)
    for p in parts:
        p.share = rounded(p.value / total) if p.value is not None and abs(total) > 1e-12 else None
    _contributions(result, records, registry, config, q, indexed, reference_year, unit, rows)
    return result


def _contributions(
    result: RollUp,
    records: list[StatementRecord],
    registry: Registry,
    config: EvalConfig | None,
    q: _Query,
    indexed: Sequence[IndexedRecord],
    reference_year: int | None,
    unit: str | None,
    rows: Sequence[LedgerRow] | None = None,
) -> None:
    if rows is None:
        rows = evaluate(records, registry=registry, config=config)
    city_row = _row_for(rows, result.city, q, result.year, result.measure)
    if city_row is not None:
        result.city_target = city_row.target
        result.city_gap = city_row.gap
        period = _plan_period_of(city_row)
        if reference_year is None:
            reference_year = period[0] - 1 if period else result.year - 1
    if reference_year is None:
        reference_year = result.year - 1
    result.reference_year = reference_year
    ref_picks, _u = _figures(indexed, q, reference_year, result.measure, unit, result.city)
    changes: dict[str, float] = {}
    for p in result.parts:
        ref = ref_picks.get(p.region)
        if ref is not None and p.value is not None:
            p.reference_value = rounded(ref.value)
            p.change = rounded(p.value - ref.value)
            changes[p.region] = p.value - ref.value
            p.sources += [s for s in _pick_sources(ref) if s not in p.sources]
        own = _row_for(rows, p.region, q, result.year, result.measure)
        if own is not None and (city_row is None or own.period == city_row.period):
            p.gap, p.status = own.gap, own.status
    total_change = sum(changes.values())
    for p in result.parts:
        if p.region in changes and abs(total_change) > 1e-12:
            p.share_of_change = rounded(changes[p.region] / total_change)
    positive_gaps = sum(p.gap for p in result.parts if p.gap is not None and p.gap > 0)
    for p in result.parts:
        if p.gap is not None and p.gap > 0 and positive_gaps > 0:
            p.gap_share = rounded(p.gap / positive_gaps)
    if city_row is None or city_row.target.get("value") is None:
        result.details["contribution"] = "the city has no level target covering the year"
        return
    target_value = convert_unit(city_row.target["value"], city_row.target.get("unit"), unit)
    if target_value is None:
        result.details["contribution"] = f"the city's target is in {city_row.target.get('unit')}, not {unit}"
        return
    city_ref = ref_picks.get(result.city)
    if city_ref is not None:
        base = city_ref.value
    elif changes:
        base = sum(ref_picks[r].value for r in changes)
        result.details["reference"] = f"no city figure for {reference_year}: the districts' sum stands in"
    else:
        result.details["contribution"] = f"no figures for {reference_year}"
        return
    result.required_change = rounded(target_value - base)
    if abs(target_value - base) > 1e-12:
        for p in result.parts:
            if p.region in changes:
                p.contribution = rounded(changes[p.region] / (target_value - base))


def _plan_period_of(row: LedgerRow) -> tuple[int, int] | None:
    """The plan period of a ledger row, from its ``period`` text ("2021-2025"); None for a year."""
    bounds = [int(x) for x in row.period.split("-") if x.isdigit()]
    return (bounds[0], bounds[1]) if len(bounds) == 2 else None
