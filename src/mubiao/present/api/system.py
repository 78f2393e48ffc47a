"""``/api/health``, ``/api/statuses`` (the one status palette) and ``/api/audit`` (the changes made by hand; needs the token)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import text

from mubiao import __version__
from mubiao.errors import StoreError
from mubiao.ledger import STATUS_COLOURS, STATUS_LABELS, STATUS_LABELS_EN, STATUSES, Store, display_url
from mubiao.present.api.deps import State, Writer
from mubiao.present.api.schemas import AuditOut, Health, StatusOut

router = APIRouter(tags=["system"])


def store_reachable(store: Store) -> None:
    """Raise StoreError unless the store answers a ``SELECT 1`` (what the error says stays in the log)."""
    try:
        with store.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # any failure of the driver is the store being unreachable
        raise StoreError(f"the store is unreachable: {exc}") from exc


@router.get("/health", response_model=Health)
def health(state: State) -> Health:
    """The server answers and its store too (503 when the store does not); which mubiao, which
    store (without its password), whether writes are on (a token is configured, or users are)."""
    store_reachable(state.store)
    return Health(
        status="ok",
        version=__version__,
        store=display_url(state.store.url),
        writes=state.token is not None or state.ledger.people.has_users(),
    )


@router.get("/audit", response_model=list[AuditOut])
def audit(
    state: State,
    who: Writer,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[AuditOut]:
    """The latest changes made by hand, newest first (needs the token: it names people)."""
    del who  # the guard is the point
    return [
        AuditOut(id=a.id, who=a.who, at=a.at, table=a.table, row_id=a.row_id, field=a.field,
                 old=a.old, new=a.new, manual_import_id=a.manual_import_id)
        for a in state.ledger.audit(limit=limit)
    ]  # fmt: skip


@router.get("/statuses", response_model=list[StatusOut])
def statuses() -> list[StatusOut]:
    """Every status a ledger row can have, in the order the faces show them, with its names and
    its colour: the one palette of the CLI, the spreadsheets, the reports and the dashboard."""
    return [
        StatusOut(
            status=s, label=STATUS_LABELS[s], label_en=STATUS_LABELS_EN[s], colour=f"#{STATUS_COLOURS[s]}"
        )
        for s in STATUSES
    ]
