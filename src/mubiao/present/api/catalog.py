"""``/api/indicators`` (with one indicator's series for a region) and ``/api/regions``."""

from __future__ import annotations

import itertools
import math
from collections import Counter

from fastapi import APIRouter

from mubiao.errors import NotFoundError
from mubiao.ledger import LedgerRow, plan_period
from mubiao.present.api import serialise
from mubiao.present.api.deps import ApiState, State
from mubiao.present.api.ledger import rows_out
from mubiao.present.api.schemas import (
    IndicatorOut,
    PathPoint,
    RegionOut,
    SeriesActual,
    SeriesOut,
    SeriesTarget,
)

router = APIRouter(tags=["indicators and regions"])

#: methods of five-year level targets, judged by the pace still needed
_PLAN_LEVEL = ("sdg", "unsd")


def _indicator(state: ApiState, indicator_id: str, statements: int) -> IndicatorOut:
    ind = state.registry.get(indicator_id)
    return IndicatorOut(
        id=indicator_id,
        name=ind.name if ind else None,
        category=ind.category if ind else None,
        unit=ind.unit if ind else None,
        polarity=ind.polarity if ind else None,
        statements=statements,
    )


def indicator_or_404(state: ApiState, indicator_id: str) -> IndicatorOut:
    uses = {u.id: u.statements for u in state.ledger.indicators_in_store()}
    if indicator_id not in uses and indicator_id not in state.registry:
        raise NotFoundError(f"no indicator {indicator_id!r} in the registry or the store")
    return _indicator(state, indicator_id, uses.get(indicator_id, 0))


@router.get("/indicators", response_model=list[IndicatorOut])
def indicators(state: State) -> list[IndicatorOut]:
    """The registry's indicators that stored statements name, most used first."""
    uses = state.ledger.indicators_in_store()
    return [_indicator(state, u.id, u.statements) for u in uses]


def path_to_target(row: LedgerRow) -> list[PathPoint]:
    """From the latest result to a five-year level target, at the yearly pace still needed.

    Geometric between positive values (the row's ``required_pace``), linear otherwise.
    """
    actual, target = row.actual or {}, row.target
    t, x_t = actual.get("year"), actual.get("value")
    big_t, x = target.get("year"), target.get("value")
    if not (isinstance(t, int) and isinstance(big_t, int) and t < big_t):
        return []
    if not (isinstance(x_t, int | float) and isinstance(x, int | float)):
        return []
    points = []
    for y in range(t, big_t + 1):
        share = (y - t) / (big_t - t)
        v = x_t * (x / x_t) ** share if x_t > 0 and x > 0 else x_t + (x - x_t) * share
        points.append(PathPoint(year=y, value=round(v, 6)))
    return points if all(math.isfinite(p.value) for p in points) else []


def _default_region(state: ApiState, indicator_id: str) -> str | None:
    counts = Counter(r.region for r in state.ledger.statements(indicator_id=indicator_id) if r.region)
    return counts.most_common(1)[0][0] if counts else None


@router.get("/indicators/{indicator_id}/series", response_model=SeriesOut)
def series(indicator_id: str, state: State, region: str | None = None) -> SeriesOut:
    """The targets and results of one indicator in one region (by default the region with the
    most of its statements), the path to its five-year level target, and its ledger rows."""
    indicator = indicator_or_404(state, indicator_id)
    region = _default_region(state, indicator_id) if region is None else state.ledger.resolve_region(region)
    records = state.ledger.statements(region=region, indicator_id=indicator_id) if region else []
    targets: list[SeriesTarget] = []
    actuals: list[SeriesActual] = []
    for r in sorted(records, key=lambda r: (r.year or 0, r.id)):
        if r.kind == "target":
            period = plan_period(r)
            targets.append(
                SeriesTarget(id=r.id, year=r.year, value=serialise.num(r.value), value_max=serialise.num(r.value_max),
                             unit=r.unit, measure=r.measure, qualifier=r.qualifier, cumulative=r.cumulative,
                             period=f"{period[0]}-{period[1]}" if period else None, doc=r.doc_id)
            )  # fmt: skip
        else:
            actuals.append(
                SeriesActual(id=r.id, year=r.year, value=serialise.num(r.value), unit=r.unit,
                             measure=r.measure, doc=r.doc_id, provenance=r.provenance)
            )  # fmt: skip
    rows = state.ledger.rows(region=region, indicator_id=indicator_id) if region else []
    plans = [
        r
        for r in rows
        if r.method in _PLAN_LEVEL and r.target.get("measure") == "level" and r.actual is not None
    ]
    # the latest plan's target: a 2035 远景 target after the 2025 one
    plan = max(plans, key=lambda r: (r.period.split("-")[-1], r.target_id or 0), default=None)
    return SeriesOut(
        indicator=indicator,
        region=region,
        targets=targets,
        actuals=actuals,
        path=path_to_target(plan) if plan else [],
        ledger=rows_out(state, rows),
    )


@router.get("/regions", response_model=list[RegionOut])
def regions(state: State) -> list[RegionOut]:
    """The regions statements are about, with their place in the region hierarchy where known.

    A region the packaged hierarchy does not know takes its parent from its documents' region path.
    """

    def compute() -> list[RegionOut]:
        parents: dict[str, str] = {}
        for path in state.ledger.region_paths():
            for parent, child in itertools.pairwise(path):
                parents.setdefault(child, parent)
        out = []
        for name, n in state.ledger.regions_in_store():
            known = state.regions.get(name) or state.regions.resolve(name)
            guessed = known or state.regions.from_text_name(name)
            out.append(
                RegionOut(
                    name=name,
                    level=guessed.level if guessed else None,
                    parent=known.parent if known else parents.get(name),
                    full_name=state.regions.full_name(known) if known else None,
                    statements=n,
                )
            )
        return out

    return state.ledger.memo("regions", compute)
