"""``/api/health`` and ``/api/audit`` (the changes made by hand; needs the token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from mubiao import __version__
from mubiao.ledger import display_url
from mubiao.present.api.deps import State, Writer
from mubiao.present.api.schemas import AuditOut, Health

router = APIRouter(tags=["system"])


@router.get("/health", response_model=Health)
def health(state: State) -> dict[str, Any]:
    """The server answers; which mubiao, which store (without its password), whether writes are on."""
    return {
        "status": "ok",
        "version": __version__,
        "store": display_url(state.store.url),
        "writes": state.token is not None,
    }


@router.get("/audit", response_model=list[AuditOut])
def audit(
    state: State,
    who: Writer,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """The latest changes made by hand, newest first (needs the token: it names people)."""
    del who  # the guard is the point
    return [
        {"id": a.id, "who": a.who, "at": a.at, "table": a.table, "row_id": a.row_id, "field": a.field,
         "old": a.old, "new": a.new, "manual_import_id": a.manual_import_id}
        for a in state.ledger.audit(limit=limit)
    ]  # fmt: skip
