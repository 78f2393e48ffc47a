"""A page of statements with the count of all matches, and the filters :meth:`Store.statements` lacks
(an indicator phrase): what a paginated list needs without reading 100,000 rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select

from mubiao.errors import UsageError
from mubiao.reference.registry import Registry
from mubiao.statement import KINDS
from mubiao.store import models as m
from mubiao.store.engine import store_errors
from mubiao.store.records import StatementRecord
from mubiao.store.store import RECORD_COLUMNS, Store, record_of

__all__ = ["StatementFilter", "count_statements", "page_statements"]

S = m.Statement


@dataclass(frozen=True)
class StatementFilter:
    region: str | None = None
    indicator_id: str | None = None
    #: an indicator as written: the statements of the indicator the registry matches, or of this phrase
    indicator: str | None = None
    kind: str | None = None
    year: int | None = None
    doc_id: str | None = None

    def apply(self, q: Select[Any], registry: Registry) -> Select[Any]:
        if self.kind is not None and self.kind not in KINDS:
            raise UsageError(f"kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        if self.region is not None:
            q = q.where(S.region == self.region)
        if self.indicator_id is not None:
            q = q.where(S.indicator_id == self.indicator_id)
        if self.indicator:
            found = registry.match(self.indicator)
            if found is not None:
                q = q.where(or_(S.indicator_id == found.id, S.indicator == self.indicator))
            else:
                q = q.where(S.indicator == self.indicator)
        if self.kind is not None:
            q = q.where(S.kind == self.kind)
        if self.year is not None:
            q = q.where(S.year == self.year)
        if self.doc_id is not None:
            q = q.where(S.doc_id == self.doc_id)
        return q


def count_statements(store: Store, f: StatementFilter, registry: Registry) -> int:
    q = f.apply(select(func.count(S.id)), registry)
    with store_errors("cannot count statements", store.url), store.engine.connect() as conn:
        return int(conn.execute(q).scalar_one())


def page_statements(
    store: Store, f: StatementFilter, registry: Registry, *, limit: int, offset: int, total: int | None = None
) -> tuple[list[StatementRecord], int]:
    """The statements of one page, in order of id, and the number matching in all (``total``
    when the caller has counted them already)."""
    if total is None:
        total = count_statements(store, f, registry)
    ids = f.apply(select(S.id), registry).order_by(S.id).limit(limit).offset(offset).subquery()
    q = select(*RECORD_COLUMNS).join(ids, ids.c.id == S.id).order_by(S.id)
    with store_errors("cannot read statements", store.url), store.engine.connect() as conn:
        return [record_of(r) for r in conn.execute(q)], total
