"""The ledger as one object: the store's statements, evaluated, filtered, with the overrides applied.

    >>> ledger = Ledger(Store.open("mubiao.db"))                    # doctest: +SKIP
    >>> ledger.rows(region="澜溪区", status="at_risk")               # doctest: +SKIP

The CLI, the REST API and the reports all read the ledger through this facade.  A plan target
is judged against the results of its whole period and its baseline year, so a region's
statements are always evaluated whole, every year, and only the rows are filtered.

Evaluating a region's statements takes a while on a large store, so the rows of each region are
kept until the store changes: the *generation* of the store — its newest statement id, statement
count, newest ingestion and newest audit entry — is read (one cheap query) before each use, and
a changed generation drops every kept row.  Every write mubiao makes moves one of these: an
ingestion adds statements or renews a document's ``ingested_at``, a manual import or an override
writes an audit row.  Overrides are applied after the cache, on every call.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import replace
from typing import Any, TypeVar, cast

from sqlalchemy import func, select

from mubiao.errors import UsageError
from mubiao.ledger import models as m
from mubiao.ledger.config import EvalConfig
from mubiao.ledger.engine import store_errors
from mubiao.ledger.evaluate import STATUSES, evaluate
from mubiao.ledger.overrides import Override, get_overrides
from mubiao.ledger.records import LedgerRow, StatementRecord
from mubiao.ledger.registry import Registry
from mubiao.ledger.store import Store

__all__ = ["Ledger", "covers_year"]

T = TypeVar("T")

#: the cache key of a region's rows: (region, as_of); None is the region of statements without one
_Key = tuple[str | None, int | None]


def covers_year(row: LedgerRow, year: int) -> bool:
    """Whether the row's target year is ``year`` or its plan period ("2021-2025") covers it."""
    bounds = [int(x) for x in row.period.split("-") if x.isdigit()]
    return bool(bounds) and bounds[0] <= year <= bounds[-1]


def _statuses(status: str | Iterable[str] | None) -> set[str]:
    if status is None:
        return set()
    wanted = {s.strip() for s in status.split(",")} if isinstance(status, str) else set(status)
    wanted.discard("")
    unknown = sorted(wanted - set(STATUSES))
    if unknown:
        raise UsageError(f"status must be one of {', '.join(STATUSES)}, not {', '.join(map(repr, unknown))}")
    return wanted


class Ledger:
    """Targets against results for the statements of ``store``; see the module docstring."""

    def __init__(
        self, store: Store, *, registry: Registry | None = None, config: EvalConfig | None = None
    ) -> None:
        self.store = store
        self.registry = registry if registry is not None else Registry.default()
        self.config = config if config is not None else EvalConfig()
        self._lock = threading.Lock()
        self._generation: tuple[Any, ...] | None = None
        self._rows: dict[_Key, list[LedgerRow]] = {}
        #: as_of values for which every region is in ``_rows``
        self._complete: set[int | None] = set()
        self._memo: dict[Hashable, Any] = {}

    def __repr__(self) -> str:
        return f"Ledger({self.store!r})"

    # ------------------------------------------------------------------ the store's generation

    def generation(self) -> tuple[Any, ...]:
        """What changes whenever the store's statements do (see the module docstring)."""
        S, D, A = m.Statement, m.Document, m.Audit
        q = select(
            select(func.max(S.id)).scalar_subquery(),
            select(func.count()).select_from(S).scalar_subquery(),
            select(func.max(D.ingested_at)).scalar_subquery(),
            select(func.max(A.id)).scalar_subquery(),
        )
        with store_errors("cannot read the store", self.store.url), self.store.engine.connect() as conn:
            row = conn.execute(q).one()
        return tuple(row)

    def _fresh(self) -> None:
        """Drop the kept rows when the store has changed since they were computed (lock held)."""
        generation = self.generation()
        if generation != self._generation:
            self._rows.clear()
            self._complete.clear()
            self._memo.clear()
            self._generation = generation

    def _evaluate(self, records: list[StatementRecord], as_of: int | None) -> list[LedgerRow]:
        return evaluate(records, registry=self.registry, config=self.config, as_of=as_of)

    def _region_rows(self, region: str | None, as_of: int | None) -> list[LedgerRow]:
        with self._lock:
            self._fresh()
            if region is None:
                return self._all_rows(as_of)
            rows = self._rows.get((region, as_of))
            if rows is None:
                rows = self._evaluate(self.store.statements(region=region), as_of)
                self._rows[(region, as_of)] = rows
            return rows

    def _all_rows(self, as_of: int | None) -> list[LedgerRow]:
        if as_of not in self._complete:
            # one read of every statement; evaluated region by region, since a result only ever
            # answers a target of its own region, and kept per region for later calls
            groups: dict[str | None, list[StatementRecord]] = defaultdict(list)
            for rec in self.store.statements():
                groups[rec.region].append(rec)
            for key in [k for k in self._rows if k[1] == as_of]:
                del self._rows[key]
            for name, records in groups.items():
                self._rows[(name, as_of)] = self._evaluate(records, as_of)
            self._complete.add(as_of)
        keys = sorted((k for k in self._rows if k[1] == as_of), key=lambda k: k[0] or "\uffff")
        return [row for k in keys for row in self._rows[k]]

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, kept under ``key`` until the store changes (for views built on the ledger)."""
        with self._lock:
            self._fresh()
            if key in self._memo:
                return cast(T, self._memo[key])
            seen = self._generation
        # computed outside the lock: a slow view must not hold up the others; two threads
        # computing the same key at once both get a right answer
        value = compute()
        with self._lock:
            if self._generation == seen:  # else the store changed meanwhile: keep nothing
                self._memo[key] = value
        return value

    # ------------------------------------------------------------------ reading

    def overrides(self, target_ids: Iterable[int] | None = None) -> dict[int, Override]:
        """The status overrides of the store (of ``target_ids`` only, when given)."""
        return get_overrides(self.store, target_ids)

    def rows(
        self,
        *,
        region: str | None = None,
        indicator_id: str | None = None,
        year: int | None = None,
        status: str | Iterable[str] | None = None,
        as_of: int | None = None,
    ) -> list[LedgerRow]:
        """The ledger rows matching every filter, overrides applied.

        ``year`` keeps the rows whose target year is ``year`` or whose plan period covers it;
        ``status`` (one status, several comma-separated, or an iterable) is matched against the
        status shown, the override's where there is one.  An overridden row keeps the computed
        status in ``details["computed_status"]``.
        """
        wanted = _statuses(status)
        rows = self._region_rows(region, as_of)
        if indicator_id is not None:
            rows = [r for r in rows if r.indicator_id == indicator_id]
        if year is not None:
            rows = [r for r in rows if covers_year(r, year)]
        overrides = self.overrides()
        if overrides:
            rows = [_apply(r, overrides.get(r.target_id)) if r.target_id is not None else r for r in rows]
        if wanted:
            rows = [r for r in rows if r.status in wanted]
        return rows

    def row(self, target_id: int, *, as_of: int | None = None) -> LedgerRow | None:
        """The row of target ``target_id`` (a merged twin target's id finds its row too)."""
        target = self.store.statement(target_id)
        for r in self.rows(region=target.region, as_of=as_of):
            if r.target_id == target_id or any(
                s.statement_id == target_id and s.role == "target" for s in r.sources
            ):
                return r
        return None


def _apply(row: LedgerRow, override: Override | None) -> LedgerRow:
    if override is None:
        return row
    details = {**row.details, "computed_status": row.status}
    return replace(row, status=override.status, details=details)
