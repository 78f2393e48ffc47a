"""``/api/compare``: one indicator's figure of one year across regions, and cities beside their districts.

Computed by :meth:`mubiao.ledger.Ledger.compare` (kept per indicator, year and measure until the store changes).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from mubiao.ledger import RegionFigure, RollUp
from mubiao.present.api import serialise
from mubiao.present.api.bounds import YEAR_MAX, YEAR_MIN
from mubiao.present.api.catalog import indicator_or_404
from mubiao.present.api.deps import State
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


@router.get("/compare", response_model=CompareOut)
def compare(
    state: State,
    indicator_id: str,
    year: Annotated[
        int | None, Query(ge=YEAR_MIN, le=YEAR_MAX, description="default: the latest year with a result")
    ] = None,
    measure: Annotated[str, Query(pattern="^(level|growth|delta)$")] = "level",
) -> CompareOut:
    """The figure of ``indicator_id`` in ``year`` for every region (best first), with each
    region's target and status of that year, and each city set beside its districts."""
    indicator = indicator_or_404(state, indicator_id)

    found = state.ledger.compare(indicator_id, year=year, measure=measure)
    return CompareOut(
        indicator=indicator,
        year=found.year,
        regions=[_figure(f) for f in found.figures],
        rollup=[_rollup(r, level) for r, level in found.rollups],
    )
