"""``/api/ledger``: the rows, the summary of the overview page, and status overrides."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Path, Query

from mubiao.errors import NotFoundError
from mubiao.ledger import STATUSES, LedgerRow
from mubiao.present.api import serialise
from mubiao.present.api.bounds import ID_MAX, YEAR_MAX, YEAR_MIN
from mubiao.present.api.deps import ApiState, LedgerFilter, PagingDep, State, Writer, page_of
from mubiao.present.api.schemas import LedgerPage, LedgerRowOut, OverrideIn, SummaryOut

router = APIRouter(tags=["ledger"])

#: how many rows the overview's "furthest behind" list holds
BEHIND = 10
_BEHIND_FIRST = ("at_risk", "missed")

AsOf = Annotated[
    int | None, Query(ge=YEAR_MIN, le=YEAR_MAX, description="use only results of years up to this one")
]
TargetId = Annotated[int, Path(ge=1, le=ID_MAX, description="the target's statement id")]


def rows_out(state: ApiState, rows: list[LedgerRow]) -> list[LedgerRowOut]:
    del state  # the rows carry their overrides (applied once, by the ledger)
    return [serialise.ledger_row(r) for r in rows]


@router.get("/ledger", response_model=LedgerPage)
def ledger_rows(state: State, paging: PagingDep, query: LedgerFilter) -> LedgerPage:
    """Every target against its results, as ``mubiao ledger`` shows them, overrides applied;
    ``counts``: the rows of each status over every page (the status filter left out)."""
    rows = state.ledger.rows(query)
    items, total = page_of(rows, paging)
    counts = state.ledger.memo(("counts", query.without_status()), lambda: state.ledger.status_counts(query))
    return LedgerPage.model_validate(
        {
            "items": rows_out(state, items),
            "page": paging.page,
            "per_page": paging.per_page,
            "total": total,
            "counts": counts,
        }
    )


def _relative_gap(row: LedgerRow) -> float:
    target = row.target.get("value")
    gap = row.gap or 0.0
    return gap / abs(target) if isinstance(target, int | float) and target else gap


def behind(rows: list[LedgerRow], n: int = BEHIND) -> list[LedgerRow]:
    """The rows furthest behind: at risk or missed first, then by the gap relative to the target."""
    lagging = [
        r
        for r in rows
        if r.status in _BEHIND_FIRST or (r.gap is not None and r.gap > 0 and r.status != "achieved")
    ]
    lagging.sort(key=lambda r: (r.status not in _BEHIND_FIRST, -_relative_gap(r), r.target_id or 0))
    return lagging[:n]


@router.get("/ledger/summary", response_model=SummaryOut)
def summary(state: State, as_of: AsOf = None) -> SummaryOut:
    """The count of each status per region, and the targets furthest behind across regions."""

    def compute() -> SummaryOut:
        rows = state.ledger.rows(as_of=as_of)
        by_region: dict[str | None, Counter[str]] = {}
        for r in rows:
            by_region.setdefault(r.region, Counter())[r.status] += 1
        regions = [
            {"region": name, "counts": {s: counts.get(s, 0) for s in STATUSES}, "total": sum(counts.values())}
            for name, counts in sorted(by_region.items(), key=lambda kv: kv[0] or "\uffff")
        ]
        return SummaryOut.model_validate({"regions": regions, "behind": rows_out(state, behind(rows))})

    # the summary reads every row: kept until the store changes (an override is a change), in
    # the store too, so that a restarted server answers it at once
    return state.ledger.kept_view(
        f"summary:{as_of or ''}",
        compute,
        lambda value: value.model_dump_json(),
        SummaryOut.model_validate_json,
    )


def _row_of(state: ApiState, target_id: int) -> LedgerRow:
    row = state.ledger.row(target_id)
    if row is None or row.target_id is None:
        raise NotFoundError(f"statement {target_id} is not a target of the ledger")
    return row


@router.post("/ledger/{target_id}/override", response_model=LedgerRowOut)
def override_status(target_id: TargetId, body: OverrideIn, state: State, who: Writer) -> LedgerRowOut:
    """Set the status of a target by hand, with the reason (audited); the row as it now reads."""
    row = _row_of(state, target_id)
    assert row.target_id is not None
    state.ledger.set_override(row.target_id, body.status, body.reason, who=who)
    return rows_out(state, [_row_of(state, row.target_id)])[0]


@router.delete("/ledger/{target_id}/override", response_model=LedgerRowOut)
def remove_status_override(target_id: TargetId, state: State, who: Writer) -> LedgerRowOut:
    """Remove the override of a target (audited); the row with its computed status again."""
    row = _row_of(state, target_id)
    assert row.target_id is not None
    state.ledger.remove_override(row.target_id, who=who)
    return rows_out(state, [_row_of(state, row.target_id)])[0]
