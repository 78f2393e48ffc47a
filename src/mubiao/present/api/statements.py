"""``/api/statements`` (list, show) and ``/api/actuals`` (a result entered by hand)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query

from mubiao.errors import StoreError, UsageError
from mubiao.ledger import manual
from mubiao.ledger import models as m
from mubiao.ledger.engine import store_errors
from mubiao.present.api import serialise
from mubiao.present.api.deps import PagingDep, State, Writer
from mubiao.present.api.queries import StatementFilter, page_statements
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
    year: int | None = None,
    doc_id: str | None = None,
) -> dict[str, Any]:
    """Stored statements matching every filter given, in order of id; the region by the ledger's
    rules (full name, short form or code)."""
    if region is not None:
        region = state.ledger.resolve_region(region)
    f = StatementFilter(region, indicator_id, indicator, kind, year, doc_id)
    records, total = page_statements(
        state.store, f, state.registry, limit=paging.per_page, offset=paging.offset
    )
    return {
        "items": [serialise.statement(r) for r in records],
        "page": paging.page,
        "per_page": paging.per_page,
        "total": total,
    }


@router.get("/statements/{statement_id}", response_model=StatementOut)
def show_statement(statement_id: int, state: State) -> dict[str, Any]:
    return serialise.statement(state.store.statement(statement_id))


@router.post("/actuals", response_model=StatementOut, status_code=201)
def add_actual(body: ActualIn, state: State, who: Writer) -> dict[str, Any]:
    """Add a result by hand (or change the one entered for the same region, indicator, year and measure).

    Checked and stored as a row of ``mubiao import-actuals`` is, with provenance ``manual`` and
    audit rows naming the token's label.
    """
    values = {
        "region": body.region,
        "indicator": body.indicator or "",
        "indicator_id": body.indicator_id or "",
        "year": body.year,
        "value": body.value,
        "unit": body.unit or "",
        "measure": body.measure,
        "note": body.note or "",
    }
    try:
        # the validation of a row of an imported file, so both ways in accept the same results
        row = manual._read_row(1, values, state.registry, state.regions)
    except ValueError as e:
        raise UsageError(str(e)) from e
    now = datetime.now(UTC)
    digest = hashlib.sha256(json.dumps(values, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    with store_errors("cannot store the result", state.store.url), state.store.session() as s, s.begin():
        imp = m.ManualImport(file_name=API_SOURCE, sha256=digest, who=who, imported_at=now, rows=1)
        s.add(imp)
        s.flush()
        manual._upsert(s, [row], imp, API_SOURCE, now)
    stored = [
        r
        for r in state.store.statements(
            region=row.region, indicator_id=row.indicator_id, year=row.year, kind="actual"
        )
        if r.provenance == "manual" and r.measure == row.measure
    ]
    if not stored:  # _upsert wrote it in the transaction just committed
        raise StoreError("the result was written but cannot be read back")
    return serialise.statement(stored[-1])
