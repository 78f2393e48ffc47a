"""``/api/statements`` (list, show) and ``/api/actuals`` (a result entered by hand)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from mubiao.ledger import StatementFilter
from mubiao.present.api import serialise
from mubiao.present.api.bounds import ID_MAX, YEAR_MAX, YEAR_MIN
from mubiao.present.api.deps import PagingDep, State, Writer
from mubiao.present.api.refresh import after_write
from mubiao.present.api.schemas import ActualIn, Page, StatementOut

router = APIRouter(tags=["statements"])

#: the doc_id of results entered through the API (a file's name for results imported from a file)
API_SOURCE = "api"


@router.get("/statements", response_model=Page[StatementOut])
def list_statements(
    state: State,
    paging: PagingDep,
    region: str | None = None,
    indicator_id: str | None = None,
    indicator: Annotated[str | None, Query(description="as written; the registry's match counts too")] = None,
    kind: Annotated[str | None, Query(pattern="^(target|actual)$")] = None,
    year: Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX)] = None,
    doc_id: str | None = None,
) -> Page[StatementOut]:
    """Stored statements matching every filter given, in order of id; the region by the ledger's
    rules (full name, short form or code)."""
    f = StatementFilter(region, indicator_id, indicator, kind, year, doc_id)
    records, total = state.ledger.statements_page(f, limit=paging.per_page, offset=paging.offset)
    items = [serialise.statement(r) for r in records]
    return Page[StatementOut](items=items, page=paging.page, per_page=paging.per_page, total=total)


@router.get("/statements/{statement_id}", response_model=StatementOut)
def show_statement(statement_id: Annotated[int, Path(ge=1, le=ID_MAX)], state: State) -> StatementOut:
    return serialise.statement(state.ledger.statement(statement_id))


@router.post("/actuals", response_model=StatementOut, status_code=201)
def add_actual(body: ActualIn, state: State, who: Writer) -> StatementOut:
    """Add a result by hand (or change the one entered for the same region, indicator, year and measure).

    Checked and stored as a row of ``mubiao import-actuals`` is, with provenance ``manual`` and
    audit rows naming the token's label.
    """
    values: dict[str, object] = {
        "region": body.region,
        "indicator": body.indicator or "",
        "indicator_id": body.indicator_id or "",
        "year": body.year,
        "value": body.value,
        "unit": body.unit or "",
        "measure": body.measure,
        "note": body.note or "",
    }
    # checked as a row of an imported file is, so both ways in accept the same results
    added = state.ledger.add_result(values, who=who)
    after_write(state)
    return serialise.statement(added)
