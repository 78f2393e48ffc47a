"""``/api/compare``: one indicator's figure of one year across regions, and cities beside their districts.

Built on :mod:`mubiao.ledger.compare`; kept per indicator, year and measure until the store changes.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from mubiao.errors import UsageError
from mubiao.ledger import LedgerRow, RegionFigure, RollUp, StatementRecord, across_regions, roll_up
from mubiao.present.api import serialise
from mubiao.present.api.catalog import indicator_or_404
from mubiao.present.api.deps import ApiState, State
from mubiao.present.api.schemas import CompareOut, CompareRegion, Rollup

router = APIRouter(tags=["compare"])


def _figure(f: RegionFigure) -> CompareRegion:
    used = next((s for s in f.sources if s.kind == "actual"), None)
    return CompareRegion.model_validate(
        {
            "region": f.region,
            "value": serialise.num(f.value),
            "unit": f.unit,
            "measure": f.measure,
            "kind": "actual",
            "id": used.statement_id if used else None,
            "doc": used.document if used else None,
            "conflict": f.conflict,
            "target": f.target,
            "status": f.status,
            "gap": f.gap,
            "period": f.period,
        }
    )


def _rollup(r: RollUp, level: str | None) -> Rollup:
    values = [p.value for p in r.parts if p.value is not None]
    spread = r.spread or {}
    return Rollup.model_validate(
        {
            "region": r.city,
            "level": level,
            "value": serialise.num(r.city_value),
            "unit": r.unit,
            "measure": r.measure,
            "children": [p.region for p in r.parts],
            "aggregation": r.aggregation,
            "sum": r.total,
            "min": spread.get("min", min(values) if values else None),
            "max": spread.get("max", max(values) if values else None),
            "share": round(r.total / r.city_value, 6) if r.total is not None and r.city_value else None,
            "residual": r.residual,
            "missing": r.missing,
            "city_gap": r.city_gap,
            "parts": [
                {
                    "region": p.region,
                    "value": p.value,
                    "share": p.share,
                    "contribution": p.contribution,
                    "gap": p.gap,
                    "status": p.status,
                }
                for p in r.parts
            ],
        }
    )


def _latest_year(records: list[StatementRecord], measure: str) -> int | None:
    years = [r.year for r in records if r.kind == "actual" and r.measure == measure and r.year is not None]
    return max(years, default=None)


def _rollups(
    state: ApiState,
    records: list[StatementRecord],
    names: list[str],
    indicator_id: str,
    year: int,
    measure: str,
    rows: list[LedgerRow],
) -> list[Rollup]:
    # every region above a region with a figure, whose districts the hierarchy knows
    cities: dict[str, str | None] = {}
    for name in names:
        found = state.regions.get(name) or state.regions.resolve(name)
        if found is None:
            continue
        for candidate in (found, state.regions.parent(found)):
            if candidate is not None and state.regions.children(candidate):
                cities.setdefault(candidate.name, candidate.level)
    out = []
    for city, level in sorted(cities.items()):
        try:
            r = roll_up(records, city, indicator_id, year, measure=measure, regions=state.regions,
                        registry=state.registry, config=state.ledger.config, rows=rows)  # fmt: skip
        except UsageError:
            continue
        if r.parts and (r.city_value is not None or len(r.parts) > 1):
            out.append(_rollup(r, level))
    return out


@router.get("/compare", response_model=CompareOut)
def compare(
    state: State,
    indicator_id: str,
    year: Annotated[int | None, Query(description="default: the latest year with a result")] = None,
    measure: Annotated[str, Query(pattern="^(level|growth|delta)$")] = "level",
) -> CompareOut:
    """The figure of ``indicator_id`` in ``year`` for every region (best first), with each
    region's target and status of that year, and each city set beside its districts."""
    indicator = indicator_or_404(state, indicator_id)

    def compute() -> CompareOut:
        # every year: a plan target of the regions is judged on its whole period
        records = state.ledger.statements(indicator_id=indicator_id)
        shown = year if year is not None else _latest_year(records, measure)
        if shown is None:
            return CompareOut(indicator=indicator, year=None, regions=[], rollup=[])
        # the ledger's rows: the statuses shown everywhere else, overrides applied
        rows = state.ledger.rows(indicator_id=indicator_id)
        figures = across_regions(records, indicator_id, shown, measure=measure, registry=state.registry,
                                 config=state.ledger.config, rows=rows)  # fmt: skip
        with_value = [f.region for f in figures if f.value is not None]
        return CompareOut(
            indicator=indicator,
            year=shown,
            regions=[_figure(f) for f in figures],
            rollup=_rollups(state, records, with_value, indicator_id, shown, measure, rows),
        )

    return state.ledger.memo(("compare", indicator_id, year, measure), compute)
