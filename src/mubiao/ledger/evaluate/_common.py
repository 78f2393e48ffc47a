"""What the evaluators share: the context of a call, the judgement of a figure against a target, the
outcome, the sources of a row and the rounding of the figures in ``details``."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from mubiao.ledger.config import EvalConfig
from mubiao.ledger.evaluate.matching import IndexedRecord, Pick, closeness_of, series_of
from mubiao.reference.registry import Registry
from mubiao.store.records import Source, StatementRecord

#: worse last: ``both`` shows the worse of the two methods
_SEVERITY = {"achieved": 0, "on_track": 1, "at_risk": 2, "missed": 3}
EPS = 1e-9


# --------------------------------------------------------------------------- helpers


def rounded(x: float | None, nd: int = 4) -> float | None:
    if x is None or math.isnan(x) or math.isinf(x):
        return None
    return round(x, nd)


def pct(x: float | None) -> float | None:
    return None if x is None else rounded(x * 100)


def cagr(start: float, end: float, years: int) -> float | None:
    if years <= 0 or start <= 0 or end <= 0:
        return None
    return float((end / start) ** (1 / years) - 1)


def progress_of(v: float | None, cfg: EvalConfig) -> str | None:
    if v is None:
        return None
    if v >= cfg.on_track:
        return "substantial"
    if v >= cfg.at_risk_floor:
        return "fair"
    return "limited" if v >= 0 else "deterioration"


def status_by_method(v: float | None, cfg: EvalConfig) -> str | None:
    if v is None:
        return None
    return "on_track" if v >= cfg.on_track else "at_risk"


@dataclass
class Ctx:
    registry: Registry
    config: EvalConfig
    as_of: int | None
    #: of the target at hand: statement id → how closely the result names it
    closeness: dict[int, int] = field(default_factory=dict)
    # Targets of one indicator share their candidates (by identity: see Index.candidates), so
    # the yearly series picked from them are computed once per evaluate() call, not per target.
    _series_cache: dict[tuple[Any, ...], dict[int, Pick]] = field(default_factory=dict)
    _closeness_cache: dict[tuple[Any, ...], dict[int, int]] = field(default_factory=dict)

    def series(
        self, cands: list[IndexedRecord], measure: str, unit: str | None, *, cumulative: bool = False
    ) -> dict[int, Pick]:
        """:func:`series_of` of ``cands`` for this context; the dict returned is shared: read it only."""
        key = (id(cands), measure, unit, cumulative, id(self.closeness))
        found = self._series_cache.get(key)
        if found is None:
            found = series_of(
                cands, measure, unit, cumulative=cumulative, as_of=self.as_of, closeness=self.closeness
            )
            self._series_cache[key] = found
        return found

    def closeness_for(self, t: IndexedRecord, cands: list[IndexedRecord]) -> dict[int, int]:
        key = (id(cands), t.phrase, t.indicator.id if t.indicator else None)
        found = self._closeness_cache.get(key)
        if found is None:
            found = self._closeness_cache[key] = closeness_of(t, cands)
        return found


@dataclass
class _Judgement:
    met: bool
    gap: float
    tolerance: float
    down: bool
    reference: float
    inside_range: bool | None = None


#: a target's own wording of a decline: 下降, 降低, 减少, 压减, 控制在…以内
_DECLINE = re.compile(r"下降|降低|减少|压减|压降|降至|降到|控制在[^，。；,;]{0,20}以内")
#: a rise in the same words: the wording then does not tell the direction
_RISE = re.compile(r"增长|提高|提升|增加|达到|突破|超过")


def _declines(r: StatementRecord) -> bool:
    """A growth target whose every value is a fall (下降3.4%以上 → −3.4)."""
    return (
        r.measure == "growth"
        and r.value is not None
        and r.value < 0
        and (r.value_max is None or r.value_max <= 0)
    )


def lower_is_better(t: IndexedRecord) -> bool:
    """Lower is better: see "Direction and gap" in the package docstring."""
    r = t.rec
    q = r.qualifier
    if q == "at_most":
        return True
    if q == "at_least":
        # 下降3.4%以上: 以上 bounds the magnitude of the fall (gold.md), so any fall at least that
        # large meets it, whatever the registry says of the indicator
        return _declines(r)
    if t.indicator is not None:
        return t.indicator.polarity == "lower"
    # the registry is silent: the figure or the target's own wording tells
    return _declines(r) or (bool(_DECLINE.search(r.text)) and not _RISE.search(r.text))


def _is_pointwise(measure: str, unit: str | None) -> bool:
    return measure == "growth" or unit in ("%", "个百分点")


def judge(t: IndexedRecord, actual: float, cfg: EvalConfig, *, value: float | None = None) -> _Judgement:
    """Met or not, and the signed gap (positive: still to do) of ``actual`` against target ``t``."""
    r = t.rec
    down = lower_is_better(t)
    target = r.value if value is None else value
    assert target is not None
    ref = target
    if r.qualifier == "range" and r.value_max is not None and value is None and down:
        ref = r.value_max
    gap = actual - ref if down else ref - actual
    tol = 0.0
    if r.qualifier == "about":
        tol = cfg.growth_tolerance if _is_pointwise(r.measure, r.unit) else abs(ref) * cfg.level_tolerance
    j = _Judgement(met=gap <= tol + EPS, gap=gap, tolerance=tol, down=down, reference=ref)
    if r.qualifier == "range" and r.value is not None and r.value_max is not None and value is None:
        j.inside_range = r.value - EPS <= actual <= r.value_max + EPS
    return j


class Sources:
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


def conflict_details(picks: Iterable[Pick]) -> list[dict[str, Any]]:
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
                        {"statement_id": it.rec.id, "document": it.rec.doc_id, "value": rounded(v)}
                        for it, v in p.superseded
                    ],
                }
            )
    return out


def actual_dict(p: Pick, **extra: Any) -> dict[str, Any]:
    r = p.chosen.rec
    d: dict[str, Any] = {
        "value": rounded(p.value, 6),
        "unit": p.unit,
        "year": p.year,
        "measure": r.measure,
        "qualifier": r.qualifier,
        "statement_id": r.id,
        "document": r.doc_id,
    }
    d.update(extra)
    return d


def target_dict(r: StatementRecord) -> dict[str, Any]:
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
class Outcome:
    status: str
    method: str
    actual: dict[str, Any] | None = None
    gap: float | None = None
    required_pace: float | None = None
    details: dict[str, Any] = field(default_factory=dict)
    picks: list[Pick] = field(default_factory=list)


def choose_status(details: dict[str, Any], cfg: EvalConfig) -> tuple[str | None, str]:
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
