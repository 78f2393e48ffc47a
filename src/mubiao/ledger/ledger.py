"""The ledger as one object: the store's statements, evaluated, filtered, with the overrides applied.

    >>> ledger = Ledger(Store.open("mubiao.db"))                    # doctest: +SKIP
    >>> ledger.rows(region="澜溪", status="at_risk")                 # doctest: +SKIP
    >>> ledger.rows(LedgerQuery(indicator="地区生产总值", year=2025))  # doctest: +SKIP

Every filter goes through one :class:`LedgerQuery`; regions and indicators are resolved by the
rules of :mod:`mubiao.ledger.resolve` (name, short form or code; id or phrase), and a name
nothing knows is refused with a did-you-mean.

The CLI, the REST API and the reports all read the ledger through this facade.  A plan target
is judged against the results of its whole period and its baseline year, so a region's
statements are always evaluated whole, every year, and only the rows are filtered.

Evaluating a region's statements takes a while on a large store (about a second for 5,000
statements), so the rows of each region are kept until its statements change.  Before each use
the store's :class:`Generation` is read (one cheap query: newest statement id, newest ingestion,
document count, newest audit rows).  When it has moved, only the regions whose
statements changed are evaluated again: those of statements added since (new documents, results
entered by hand) and of results changed by hand (their audit rows).  A document replaced by a new
edition deletes statements, whose regions cannot be told afterwards: then every region is
evaluated again.  Overrides change no evaluation: they are applied to the kept rows on every call,
and only drop the views kept by :meth:`Ledger.memo`.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar, cast

from sqlalchemy import func, select

from mubiao import __version__
from mubiao.errors import MubiaoError, NotFoundError, UsageError
from mubiao.ledger.compare import RegionFigure, RollUp, across_regions, roll_up
from mubiao.ledger.config import EvalConfig
from mubiao.ledger.evaluate import STATUSES, evaluate
from mubiao.ledger.evaluator import ProcessEvaluator
from mubiao.ledger.ingest import IngestProgress, IngestSummary, ingest_paths
from mubiao.ledger.people import People
from mubiao.ledger.reread import Reread, reread
from mubiao.ledger.supervision import Supervision, SupervisionConfig
from mubiao.ledger.supervision.remind import Reminders
from mubiao.reference.regions import Regions
from mubiao.reference.registry import CATEGORIES, Registry, normalise_phrase
from mubiao.reference.resolve import resolve_indicator, resolve_region
from mubiao.store import evaluated as evaluated_rows
from mubiao.store import models as m
from mubiao.store.corrections import STATES as CORRECTION_STATES
from mubiao.store.corrections import TABLE as CORRECTIONS_TABLE
from mubiao.store.corrections import (
    CorrectionInfo,
    correct,
    dismiss,
    get_corrections,
    reattach_to,
    undo,
)
from mubiao.store.documents import DeletedDocument, VersionInfo, check_meta, delete_document, versions
from mubiao.store.engine import store_errors
from mubiao.store.manual import ImportSummary, add_result, import_file
from mubiao.store.overrides import TABLE as OVERRIDES_TABLE
from mubiao.store.overrides import Override, get_overrides, remove_override, set_override
from mubiao.store.queries import StatementFilter, count_statements, page_statements
from mubiao.store.records import LedgerRow, StatementRecord
from mubiao.store.store import AuditEntry, DocumentInfo, IndicatorUse, Store

__all__ = ["LEVELS", "TARGET_KINDS", "Comparison", "Generation", "Ledger", "LedgerQuery", "covers_year"]

T = TypeVar("T")
log = logging.getLogger(__name__)
_MISSING: Any = object()
#: lists of rows indexed by target id at once (Ledger._by_target)
_TARGET_INDEXES = 32
#: views a refresh computes again (the most recently asked for)
_REFRESHED_VIEWS = 64

#: how much later than its ingestion stamp a document may be committed and still be found as new
#: (the stamp is taken as its transaction starts): a later one evaluates every region again
_LATE_COMMIT = timedelta(minutes=10)

#: the cache key of a region's rows: (region, as_of); None is the region of statements without one
_Key = tuple[str | None, int | None]


def covers_year(row: LedgerRow, year: int) -> bool:
    """Whether the row's target year is ``year`` or its plan period ("2021-2025") covers it."""
    bounds = [int(x) for x in row.period.split("-") if x.isdigit()]
    return bool(bounds) and bounds[0] <= year <= bounds[-1]


def _statuses(status: str | Iterable[str] | None) -> frozenset[str]:
    if status is None:
        return frozenset()
    wanted = {s.strip() for s in status.split(",")} if isinstance(status, str) else set(status)
    wanted.discard("")
    unknown = sorted(wanted - set(STATUSES))
    if unknown:
        raise UsageError(f"status must be one of {', '.join(STATUSES)}, not {', '.join(map(repr, unknown))}")
    return frozenset(wanted)


#: the levels a region filter accepts (those of the regions data)
LEVELS = ("country", "province", "city", "district", "county")
#: the kinds of target: a year's (period "2025") or a plan's (period "2021-2025")
TARGET_KINDS = ("annual", "plan")
#: the orders a ledger query accepts
SORTS = ("region", "indicator", "period", "status", "gap", "required_pace")


def _matches(row: LedgerRow, words: list[str]) -> bool:
    target_text = " ".join(s.text for s in row.sources if s.role == "target")
    hay = f"{row.indicator} {row.indicator_id or ''} {row.region or ''} {row.period} {target_text}".lower()
    return all(w in hay for w in words)


def _sorted(rows: list[LedgerRow], sort: str) -> list[LedgerRow]:
    key = sort.lstrip("-")
    present = [r for r in rows if getattr(r, key) is not None]
    missing = [r for r in rows if getattr(r, key) is None]
    if key == "status":
        present.sort(key=lambda r: STATUSES.index(r.status) if r.status in STATUSES else len(STATUSES))
    else:
        present.sort(key=lambda r: getattr(r, key))
    if sort.startswith("-"):
        present.reverse()
    return present + missing  # rows without the value last, either way


@dataclass(frozen=True)
class LedgerQuery:
    """Which ledger rows: every filter every face offers, in one place.

    ``region`` is a full name, a short form or a code; ``indicator`` a registry id or a phrase;
    ``year`` keeps the targets of that year and the plans whose period covers it; ``status`` one
    status, several comma-separated, or an iterable (matched against the status shown, the
    override's where there is one); ``kind`` ``annual`` (a year's targets) or ``plan`` (a plan's,
    over its period); ``category`` an indicator category (经济 …); ``level`` the
    level of the row's region (city, district …); ``as_of`` judges with the results up to that year.
    """

    region: str | None = None
    indicator: str | None = None
    year: int | None = None
    status: frozenset[str] = field(default_factory=frozenset)
    kind: str | None = None
    category: str | None = None
    level: str | None = None
    as_of: int | None = None
    #: words the row's indicator, region or target sentence contains (the dashboard's search)
    text: str | None = None
    #: the order of the rows: one of SORTS, "-" before it for the reverse; None: the ledger's own
    sort: str | None = None

    @classmethod
    def of(
        cls,
        *,
        region: str | None = None,
        indicator: str | None = None,
        year: int | None = None,
        status: str | Iterable[str] | None = None,
        kind: str | None = None,
        category: str | None = None,
        level: str | None = None,
        as_of: int | None = None,
        text: str | None = None,
        sort: str | None = None,
    ) -> LedgerQuery:
        """A query from loose arguments, checked: an unknown status, category, level or sort is refused."""
        if category is not None and category not in CATEGORIES:
            raise UsageError(f"category must be one of {', '.join(CATEGORIES)}, not {category!r}")
        if kind is not None and kind not in TARGET_KINDS:
            raise UsageError(f"kind must be one of {', '.join(TARGET_KINDS)}, not {kind!r}")
        if level is not None and level not in LEVELS:
            raise UsageError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
        if sort and sort.lstrip("-") not in SORTS:
            raise UsageError(
                f"sort must be one of {', '.join(SORTS)} (a leading - reverses it), not {sort!r}"
            )
        words = (text or "").strip() or None
        return cls(
            region or None,
            indicator or None,
            year,
            _statuses(status),
            kind,
            category,
            level,
            as_of,
            words,
            sort or None,
        )

    def without_status(self) -> LedgerQuery:
        return replace(self, status=frozenset())


@dataclass(frozen=True)
class Comparison:
    """One indicator's figures of one year across regions, and the cities beside their districts
    (each roll-up with the city's level)."""

    year: int | None
    figures: list[RegionFigure]
    rollups: list[tuple[RollUp, str | None]]


@dataclass(frozen=True)
class Generation:
    """The store's state as far as the ledger cares (see the module docstring)."""

    max_id: int | None
    max_ingested: datetime | None
    documents: int
    #: the newest audit row of changes to statements (manual results)
    audit: int | None
    #: the newest audit row of status overrides: they change no evaluation, only what is shown
    overrides: int | None

    @property
    def data(self) -> tuple[Any, ...]:
        return (self.max_id, self.max_ingested, self.documents, self.audit)


class Ledger:
    """Targets against results for the statements of ``store``; see the module docstring."""

    def __init__(
        self,
        store: Store,
        *,
        registry: Registry | None = None,
        config: EvalConfig | None = None,
        regions: Regions | None = None,
        keep_in_store: bool = True,
    ) -> None:
        self.store = store
        self.registry = registry if registry is not None else Registry.default()
        self.regions = regions if regions is not None else Regions.default()
        self.config = config if config is not None else EvalConfig()
        self._lock = threading.Lock()
        #: held by the one thread working out what a change of the store made stale (_refresh)
        self._refreshing = threading.Lock()
        self._gen: Generation | None = None
        #: the ids of the store's documents at _gen (see _changed_regions)
        self._seen: set[int] = set()
        self._rows: dict[_Key, list[LedgerRow]] = {}
        #: with serve_stale: the rows a change made stale, answered until they are evaluated again,
        #: and the region names of an as_of before a change that could not be told per region
        self._stale_rows: dict[_Key, list[LedgerRow]] = {}
        self._stale_names: dict[int | None, set[str | None]] = {}
        #: the rows of a target id, per list of rows (the list itself kept, so that its id holds)
        self._target_index: OrderedDict[int, tuple[list[LedgerRow], dict[int, LedgerRow]]] = OrderedDict()
        #: every region of the store, per as_of, once all of them have been read
        self._regions: dict[int | None, set[str | None]] = {}
        self._memo: dict[Hashable, Any] = {}
        #: whether evaluated rows are kept in the store (:mod:`mubiao.store.evaluated`)
        self.keep_in_store = keep_in_store
        self._refresher: threading.Thread | None = None
        self._cold = threading.Lock()
        #: seconds a refresh waits after a write for more writes (see refresh_in_background)
        self.refresh_delay = 1.0
        #: serve views computed before the store changed while they are computed again (memo)
        self.serve_stale = False
        #: the latest value of each view, and how to compute the most recently used ones again
        self._stale_views: dict[Hashable, Any] = {}
        self._views: OrderedDict[Hashable, Callable[[], Any]] = OrderedDict()
        self._refresh_again = False
        #: called after each round of refresh_in_background (a server's housekeeping)
        self.after_refresh: Callable[[], object] | None = None
        #: evaluates regions in a process of its own (a server's); None: in this one
        self.evaluator: ProcessEvaluator | None = None
        #: the store's units, users, logins and unit reports (mubiao.ledger.people)
        self.people = People(store, self.resolve_region)
        #: tasks of units, their progress reports, lights and reminders (mubiao.ledger.supervision)
        self.supervision = Supervision(self, SupervisionConfig.from_env())
        #: reports due and overdue, notices, e-mail and the calendar feed (催办)
        self.reminders = Reminders(self.supervision)

    def __repr__(self) -> str:
        return f"Ledger({self.store!r})"

    def evaluate_apart(self) -> bool:
        """Evaluate stale regions in a worker process of lower priority from now on (a server's
        readers keep the CPU while others write; :mod:`mubiao.ledger.evaluator`).  Not for a store
        in memory, which no other process sees: False then."""
        url = self.store.url
        if self.evaluator is None and ":memory:" not in url and url.rstrip("/") != "sqlite:":
            self.evaluator = ProcessEvaluator(url, self.config)
        return self.evaluator is not None

    def close(self) -> None:
        """End the worker process of :meth:`evaluate_apart`, if any (the store stays open)."""
        evaluator, self.evaluator = self.evaluator, None
        if evaluator is not None:
            evaluator.close()

    # ------------------------------------------------------------------ the store's generation

    def generation(self) -> Generation:
        """What changes whenever the store's statements do (see the module docstring)."""
        S, D, A = m.Statement, m.Document, m.Audit
        overrides = A.table_name == OVERRIDES_TABLE
        q = select(
            select(func.max(S.id)).scalar_subquery(),
            select(func.max(D.ingested_at)).scalar_subquery(),
            select(func.count()).select_from(D).scalar_subquery(),
            select(func.max(A.id)).where(~overrides).scalar_subquery(),
            select(func.max(A.id)).where(overrides).scalar_subquery(),
        )
        with store_errors("cannot read the store", self.store.url), self.store.engine.connect() as conn:
            return Generation(*conn.execute(q).one())

    def _changed_regions(
        self, old: Generation, new: Generation, seen: set[int] | None = None
    ) -> set[str | None] | None:
        """The regions whose statements changed between two generations; None when it cannot be told.

        Added documents and results touch the regions of their statements.  A document replaced
        by a new edition deletes statements whose regions are gone with them: everything is
        evaluated again then.  ``seen``, the ids of the documents known at ``old`` (updated in
        place), lets documents committed out of the order of their stamps be found: two uploads
        at once, the one stamped first committed last (see :data:`_LATE_COMMIT`).
        """
        S, D, A = m.Statement, m.Document, m.Audit
        after_id = old.max_id or 0
        with store_errors("cannot read the store", self.store.url), self.store.engine.connect() as conn:
            fresh_ids: list[int] = []
            if seen is not None and old.max_ingested is not None:
                # the documents stored lately and the count of all, in one statement: one
                # snapshot of the store, whatever is committed meanwhile
                total = select(func.count()).select_from(D).scalar_subquery()
                recent = conn.execute(
                    select(D.id, D.ingested_at, total).where(D.ingested_at > old.max_ingested - _LATE_COMMIT)
                ).all()
                count = recent[0][2] if recent else conn.execute(select(total)).scalar_one()
                for doc, at, _n in recent:
                    if doc not in seen:
                        fresh_ids.append(doc)
                    elif at > old.max_ingested:
                        return None  # a stored document was extracted again
                if len(seen) + len(fresh_ids) != count:
                    return None  # one was deleted, or committed later than the window allows
            else:
                fresh = select(func.count()).select_from(D)
                if old.max_ingested is not None:
                    fresh = fresh.where(D.ingested_at > old.max_ingested)
                # Statements are only ever deleted by extracting a stored document again, which this
                # catches; counting a million statements on every call would cost more than the cache saves.
                if conn.execute(fresh).scalar_one() != new.documents - old.documents:
                    return None  # a stored document was extracted again
            corrected = select(func.count()).where(A.id > (old.audit or 0), A.table_name == CORRECTIONS_TABLE)
            if conn.execute(corrected).scalar_one():
                return None  # a correction may move a statement between regions, or remove it
            added = select(S.region).where(S.id > after_id).distinct()
            changed: set[str | None] = set(conn.scalars(added))
            for k in range(0, len(fresh_ids), 500):  # a late commit's statements may have lower ids
                chunk = fresh_ids[k : k + 500]
                changed.update(conn.scalars(select(S.region).where(S.document_id.in_(chunk)).distinct()))
            edited = (
                select(S.region)
                .join(A, A.row_id == S.id)
                .where(A.id > (old.audit or 0), A.table_name == "statements")
                .distinct()
            )
            changed.update(conn.scalars(edited))
        if seen is not None:
            seen.update(fresh_ids)
        return changed

    def _document_ids(self) -> set[int]:
        with store_errors("cannot read the store", self.store.url), self.store.engine.connect() as conn:
            return set(conn.scalars(select(m.Document.id)))

    def _refresh(self) -> Generation:
        """Drop what the store's changes made stale; the current generation.

        Called before every answer, without the ledger's lock held: the store is read outside it
        (under twenty readers and writes, readers queued behind the one thread that held the lock
        across its queries).  One thread at a time works out what changed, reading the generation
        again once it has its turn, so that generations are applied in the order they were read.
        """
        new = self.generation()
        with self._lock:
            if self._gen == new:
                return new
        with self._refreshing:
            new = self.generation()
            with self._lock:
                old = self._gen
            if old == new:
                return new
            changed: set[str | None] | None = set()
            if old is None or old.data != new.data:
                changed = self._changed_regions(old, new, self._seen) if old is not None else None
                if changed is None:
                    # the ids must be those of the generation kept: read again if a document was
                    # stored between the two reads
                    for _ in range(3):
                        self._seen = self._document_ids()
                        if len(self._seen) == new.documents:
                            break
                        new = self.generation()
            with self._lock:
                self._memo.clear()
                if changed is None:
                    if self.serve_stale:
                        self._stale_rows.update(self._rows)
                        self._stale_names.update({k: set(v) for k, v in self._regions.items()})
                    self._rows.clear()
                    self._regions.clear()
                elif changed:
                    for key in [k for k in self._rows if k[0] in changed]:
                        rows = self._rows.pop(key)
                        if self.serve_stale:
                            self._stale_rows[key] = rows
                    for names in self._regions.values():
                        names.update(changed)
                self._gen = new
        return new

    def _evaluate(self, records: list[StatementRecord], as_of: int | None) -> list[LedgerRow]:
        return evaluate(records, registry=self.registry, config=self.config, as_of=as_of)

    def _keep(self, gen: Generation, rows: dict[_Key, list[LedgerRow]]) -> None:
        """Keep rows computed at ``gen`` unless the store has changed meanwhile."""
        with self._lock:
            if self._gen is not None and self._gen.data == gen.data:
                self._rows.update(rows)
                for key in rows:
                    self._stale_rows.pop(key, None)

    def _region_rows(self, region: str | None, as_of: int | None) -> list[LedgerRow]:
        if region is None:
            return self._all_rows(as_of)
        gen = self._refresh()
        with self._lock:
            rows = self._rows.get((region, as_of))
            stale = self._stale_rows.get((region, as_of)) if rows is None and self._answers_stale() else None
        if stale is not None:
            self.refresh_in_background()  # which evaluates it again
            return stale
        if rows is None:
            rows = self._kept(gen, as_of, [region]).get(region)
            if rows is not None:
                self._keep(gen, {(region, as_of): rows})
        if rows is None:
            # evaluated outside the lock: one region's evaluation must not hold up the others
            rows = self._evaluate_regions(gen, [region], as_of)[region]
            self._keep(gen, {(region, as_of): rows})
        return rows

    def catch_up(self, regions: Iterable[str | None], as_of: int | None = None) -> None:
        """Evaluate now the rows of ``regions`` that a write made stale (a writer's own regions),
        stale reads or not: the writer then reads what it wrote, and writes come no faster than
        the ledger keeps up with them (an upload waits for its regions, not for every view)."""
        gen = self._refresh()
        with self._lock:
            missing = sorted({r for r in regions if r is not None and (r, as_of) not in self._rows})
        if missing:
            self._keep(
                gen,
                {(name, as_of): rows for name, rows in self._evaluate_regions(gen, missing, as_of).items()},
            )

    def _evaluate_regions(
        self, gen: Generation, names: list[str], as_of: int | None
    ) -> dict[str | None, list[LedgerRow]]:
        """The rows of each of ``names`` evaluated afresh at ``gen``, kept in the store: by
        :attr:`evaluator` when there is one, else (or when it fails) in this process."""
        if self.evaluator is not None and names:
            stamp = self._stamp(gen) if self.keep_in_store else None
            try:
                apart = self.evaluator.evaluate(names, as_of, stamp)
                return {name: apart[name] for name in names}
            except Exception:
                log.warning("the evaluating process failed: evaluating in this one", exc_info=True)
        out: dict[str | None, list[LedgerRow]] = {
            name: self._evaluate(self.store.statements(region=name), as_of) for name in names
        }
        self._save(gen, {(name, as_of): rows for name, rows in out.items()})
        return out

    def _all_rows(self, as_of: int | None) -> list[LedgerRow]:
        self._refresh()
        with self._lock:
            names = self._regions.get(as_of)
            have = {k[0]: rows for k, rows in self._rows.items() if k[1] == as_of}
            known = names or (self._stale_names.get(as_of) if self._answers_stale() else None)
            stale = (
                {n: self._stale_rows.get((n, as_of), []) for n in known if n not in have}
                if known and self._answers_stale()
                else None
            )
        if names and names <= set(have):
            return self._assembled(have, names)
        if known and stale is not None:
            # what the store held before its latest change (a region new since comes with the
            # refresh this starts)
            self.refresh_in_background()
            return self._assembled({**have, **stale}, known)
        # one caller reads and evaluates what is missing; the others wait for it rather than do
        # the same work beside it (twenty readers of a cold server would each decode every row)
        with self._cold:
            return self._all_rows_cold(as_of)

    @staticmethod
    def _assembled(rows: dict[str | None, list[LedgerRow]], names: Iterable[str | None]) -> list[LedgerRow]:
        return [row for name in sorted(names, key=lambda n: n or "\uffff") for row in rows[name]]

    def _all_rows_cold(self, as_of: int | None) -> list[LedgerRow]:
        gen = self._refresh()
        with self._lock:
            names = set(self._regions.get(as_of, ())) or None
            have = {k[0]: rows for k, rows in self._rows.items() if k[1] == as_of}
        rows = dict(have)
        if names is None:
            # a cold start: the rows the store keeps, for the regions unchanged since they were
            # evaluated (a restart answers without evaluating again)
            kept = self._kept(gen, as_of)
            if kept:
                names = self._region_names()
                rows.update({name: r for name, r in kept.items() if name in names and name not in rows})
        missing = names - set(rows) if names is not None else None
        if missing is None or None in missing:
            # one read of every statement, evaluated region by region (a result only ever
            # answers a target of its own region); statements without a region are found so too
            groups: dict[str | None, list[StatementRecord]] = defaultdict(list)
            for rec in self.store.statements():
                groups[rec.region].append(rec)
            evaluated = {
                name: self._evaluate(recs, as_of) for name, recs in groups.items() if name not in rows
            }
            rows = {name: rows[name] if name in rows else evaluated[name] for name in groups}
            self._save(gen, {(name, as_of): r for name, r in evaluated.items()})
        else:
            rows.update(self._evaluate_regions(gen, sorted(n for n in missing if n is not None), as_of))
        self._keep(gen, {(name, as_of): r for name, r in rows.items()})
        with self._lock:
            if self._gen is not None and self._gen.data == gen.data:
                self._regions[as_of] = set(rows)
                self._stale_names.pop(as_of, None)
        return self._assembled(rows, rows)

    # ------------------------------------------------------------------ rows kept in the store

    def _stamp(self, gen: Generation) -> str:
        """What kept rows were computed from: the generation, and what else decides a row (this
        mubiao, its settings, its registry), so that an upgrade or new settings evaluate again."""
        basis = f"{__version__}|{self.config!r}|{len(self.registry)}"
        ingested = gen.max_ingested.isoformat() if gen.max_ingested is not None else None
        return json.dumps([gen.max_id, ingested, gen.documents, gen.audit, basis])

    def _generation_of(self, stamp: str) -> Generation | None:
        try:
            max_id, ingested, documents, audit, basis = json.loads(stamp)
        except (ValueError, TypeError):
            return None
        if basis != json.loads(self._stamp(Generation(None, None, 0, None, None)))[4]:
            return None
        when = datetime.fromisoformat(ingested) if ingested is not None else None
        return Generation(max_id, when, documents, audit, None)

    def _kept(
        self, gen: Generation, as_of: int | None, regions: list[str | None] | None = None
    ) -> dict[str | None, list[LedgerRow]]:
        """The rows kept in the store that are still right at ``gen``, by region."""
        if not self.keep_in_store:
            return {}
        try:
            with store_errors("cannot read the evaluated rows", self.store.url):
                entries = evaluated_rows.load(self.store.engine, as_of, regions)
        except MubiaoError:
            # info, not a warning: a command that only reads must not print about it
            log.info("the evaluated rows kept in the store cannot be read", exc_info=True)
            return {}
        now = self._stamp(gen)
        out: dict[str | None, list[LedgerRow]] = {}
        by_stamp: dict[str, list[evaluated_rows.Entry]] = defaultdict(list)
        for e in entries:
            by_stamp[e.stamp].append(e)
        still: list[tuple[str | None, int | None]] = []
        for stamp, group in by_stamp.items():
            if stamp == now:
                out.update({e.region: e.rows for e in group})
                continue
            old = self._generation_of(stamp)
            changed = self._changed_regions(old, gen) if old is not None else None
            if changed is None:
                continue
            for e in group:
                if e.region not in changed:
                    out[e.region] = e.rows
                    still.append((e.region, as_of))
        if still:
            self._write_kept(lambda: evaluated_rows.restamp(self.store.engine, still, now))
        return out

    def _save(self, gen: Generation, rows: dict[_Key, list[LedgerRow]]) -> None:
        if rows and self.keep_in_store:
            stamp = self._stamp(gen)
            self._write_kept(lambda: evaluated_rows.save(self.store.engine, rows, stamp))

    def _write_kept(self, write: Callable[[], None]) -> None:
        # a store this process may only read, or one busy with a long write, still answers:
        # the rows are kept in memory, and evaluated again after a restart
        try:
            with store_errors("cannot keep the evaluated rows", self.store.url):
                write()
        except MubiaoError:
            log.info("the evaluated rows could not be kept in the store", exc_info=True)

    def _region_names(self) -> set[str | None]:
        with store_errors("cannot read the store", self.store.url), self.store.engine.connect() as conn:
            return set(conn.scalars(select(m.Statement.region).distinct()))

    def refresh_in_background(self, *views: Callable[[], object]) -> threading.Thread:
        """Evaluate again, in a thread, the regions the store's latest changes made stale (and keep
        them in the store), then the store's region and indicator lists and ``views`` (a face's own,
        kept with :meth:`memo`): called after a write, so that the next reader finds them ready.

        One refresh runs at a time; writes made while it runs are caught by one more round.
        """
        with self._lock:
            self._refresh_again = True
            if self._refresher is not None and self._refresher.is_alive():
                return self._refresher

            def run() -> None:
                took = 0.0
                while True:
                    # writes that follow each other closely are caught by one round: each round
                    # reads the store's lists and views whole, and takes the readers' CPU (and
                    # interpreter), so it waits at least as long as the last one took: under a
                    # stream of writes, readers keep half of the time or more
                    time.sleep(max(self.refresh_delay, took))
                    started = time.perf_counter()
                    with self._lock:
                        if not self._refresh_again:
                            self._refresher = None
                            return
                        self._refresh_again = False
                    try:
                        self._all_rows(None)
                        self.regions_in_store()
                        self.indicators_in_store()
                        for view in views:
                            view()
                        with self._lock:
                            again = list(self._views.items())
                        for key, compute in again:
                            self.memo(key, compute)
                        if self.after_refresh is not None:
                            self.after_refresh()
                    except Exception:  # a failed refresh costs only time: the next reader evaluates
                        log.warning("could not evaluate the ledger after a change", exc_info=True)
                    took = time.perf_counter() - started

            self._refresher = threading.Thread(target=run, name="mubiao-refresh", daemon=True)
            self._refresher.start()
            return self._refresher

    def kept_view(
        self,
        key: str,
        compute: Callable[[], T],
        dump: Callable[[T], str],
        load: Callable[[str], T],
    ) -> T:
        """:meth:`memo`, kept in the store too: a view of the whole ledger (the overview) that a
        restarted process answers without evaluating a region, while the store has not changed.
        Answered stale while it is computed again with :attr:`serve_stale`, as :meth:`memo` is."""
        gen = self._refresh()
        with self._lock:
            if key in self._memo:
                return cast(T, self._memo[key])
            stale = self._stale(key, lambda: self.kept_view(key, compute, dump, load))
        if stale is not _MISSING:
            self.refresh_in_background()
            return cast(T, stale)
        stamp = json.dumps([self._stamp(gen), gen.overrides])
        value: T | None = None
        if self.keep_in_store:
            try:
                with store_errors("cannot read the kept views", self.store.url):
                    found = evaluated_rows.load_view(self.store.engine, key)
            except MubiaoError:
                found = None
            if found is not None and found[0] == stamp:
                value = load(found[1])
        fresh = value is None
        if value is None:
            value = compute()
        with self._lock:
            if self._gen == gen:
                self._memo[key] = value
            if self.serve_stale:
                self._stale_views[key] = value
        if fresh and self.keep_in_store:
            kept = value
            self._write_kept(lambda: evaluated_rows.save_view(self.store.engine, key, stamp, dump(kept)))
        return value

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, kept under ``key`` until the store changes (for views built on the ledger).

        With :attr:`serve_stale`, a view computed before the store changed is answered as it was
        while :meth:`refresh_in_background` computes it again (readers do not pay for writers)."""
        seen = self._refresh()
        with self._lock:
            if key in self._memo:
                return cast(T, self._memo[key])
            stale = self._stale(key, compute)
        if stale is not _MISSING:
            self.refresh_in_background()
            return cast(T, stale)
        # computed outside the lock: a slow view must not hold up the others; two threads
        # computing the same key at once both get a right answer
        value = compute()
        with self._lock:
            if self._gen == seen:  # else the store changed meanwhile: keep nothing
                self._memo[key] = value
            if self.serve_stale:
                self._stale_views[key] = value
        return value

    def _answers_stale(self) -> bool:
        """Whether this thread is answered what the store held before its latest change: a
        reader's with :attr:`serve_stale`, never the refresh's own."""
        return self.serve_stale and threading.current_thread() is not self._refresher

    def _stale(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The view last computed under ``key``, to answer while it is computed again (lock held)."""
        if not self.serve_stale or threading.current_thread() is self._refresher:
            return _MISSING
        self._views[key] = compute
        self._views.move_to_end(key)
        while len(self._views) > _REFRESHED_VIEWS:
            self._views.popitem(last=False)
        return self._stale_views.get(key, _MISSING)

    # ------------------------------------------------------------------ reading

    def overrides(self, target_ids: Iterable[int] | None = None) -> dict[int, Override]:
        """The status overrides of the store (of ``target_ids`` only, when given)."""
        return get_overrides(self.store, target_ids)

    def stored_regions(self) -> list[str]:
        """The names of the regions statements are about (kept until the store changes)."""
        return [name for name, _n in self.regions_in_store()]

    def resolve_region(self, name: str) -> str:
        """The region ``name`` denotes (full name, short form, chain or code), as the store names it;
        a UsageError with a did-you-mean when nothing knows it.  See :mod:`mubiao.ledger.resolve`."""
        text = name.strip()
        # the common cases without listing the store's regions (a GROUP BY over every statement):
        # a name the store holds, or one the reference data knows
        if text and self.memo(("has-region", text), lambda: self.store.has_region(text)):
            return text
        found = self.regions.resolve(text) if text and not text.isdigit() else None
        if found is not None:
            # a former name leads to the unit's ledger, which is kept under the name it bears now
            now = self.regions.current(found) or found
            return now.name
        return resolve_region(name, self.stored_regions(), self.regions)

    def resolve_indicator(self, wanted: str) -> str:
        """The registry id of an indicator id or phrase, else the phrase when statements use it;
        a UsageError with a did-you-mean otherwise."""
        phrases = self.memo(("stored-phrases",), self.store.indicator_phrases)
        found = resolve_indicator(wanted, self.registry, phrases)
        return found if isinstance(found, str) else found.id

    def region_level(self, name: str | None) -> str | None:
        if name is None:
            return None
        found = self.regions.get(name) or self.regions.resolve_or_guess(name)
        return found.level if found is not None else None

    def rows(
        self,
        query: LedgerQuery | None = None,
        *,
        region: str | None = None,
        indicator_id: str | None = None,
        indicator: str | None = None,
        year: int | None = None,
        status: str | Iterable[str] | None = None,
        kind: str | None = None,
        category: str | None = None,
        level: str | None = None,
        as_of: int | None = None,
    ) -> list[LedgerRow]:
        """The ledger rows matching every filter of ``query`` (or of the keyword arguments, see
        :class:`LedgerQuery`), overrides applied.

        ``indicator_id`` is an exact registry id, not resolved.  An overridden row keeps the
        computed status in ``details["computed_status"]``.
        """
        if query is None:
            query = LedgerQuery.of(
                region=region, indicator=indicator, year=year, status=status, kind=kind, category=category,
                level=level, as_of=as_of,
            )  # fmt: skip
        name = self.resolve_region(query.region) if query.region is not None else None
        rows = self._region_rows(name, query.as_of)
        if indicator_id is not None:
            rows = [r for r in rows if r.indicator_id == indicator_id]
        if query.indicator is not None:
            wanted = self.resolve_indicator(query.indicator)
            if wanted in self.registry:
                rows = [r for r in rows if r.indicator_id == wanted]
            else:
                phrase = normalise_phrase(wanted)
                rows = [r for r in rows if r.indicator_id is None and normalise_phrase(r.indicator) == phrase]
        if query.year is not None:
            year_ = query.year
            rows = [r for r in rows if covers_year(r, year_)]
        if query.kind is not None:
            plan = query.kind == "plan"
            rows = [r for r in rows if ("-" in r.period) == plan]
        if query.category is not None:
            rows = [r for r in rows if r.category == query.category]
        if query.level is not None:
            levels = {name: self.region_level(name) for name in {r.region for r in rows}}
            rows = [r for r in rows if levels[r.region] == query.level]
        overrides = self.overrides()
        if overrides:
            rows = [_apply(r, overrides.get(r.target_id)) if r.target_id is not None else r for r in rows]
        if query.status:
            rows = [r for r in rows if r.status in query.status]
        if query.text:
            words = query.text.lower().split()
            rows = [r for r in rows if _matches(r, words)]
        if query.sort:
            rows = _sorted(rows, query.sort)
        return rows

    def status_counts(self, query: LedgerQuery | None = None) -> dict[str, int]:
        """How many rows of ``query`` (its status filter left out) have each status: the chips of a
        list, counted once over every page."""
        counts = Counter(r.status for r in self.rows((query or LedgerQuery()).without_status()))
        return {s: counts.get(s, 0) for s in STATUSES}

    def row(self, target_id: int, *, as_of: int | None = None) -> LedgerRow | None:
        """The row of target ``target_id`` (a merged twin target's id finds its row too)."""
        target = self.store.statement(target_id)
        name = self.resolve_region(target.region) if target.region is not None else None
        found = self._by_target(self._region_rows(name, as_of)).get(target_id)
        if found is None or found.target_id is None:
            return found
        return _apply(found, self.overrides([found.target_id]).get(found.target_id))

    def rows_of(self, targets: Mapping[int, str | None], *, as_of: int | None = None) -> dict[int, LedgerRow]:
        """The rows of several targets, each given with its region (a task's targets), as
        :meth:`row` finds them: the store's overrides read once, not once a target."""
        found: dict[int, LedgerRow] = {}
        for region in set(targets.values()):
            name = self.resolve_region(region) if region is not None else None
            index = self._by_target(self._region_rows(name, as_of))
            found.update({t: index[t] for t, r in targets.items() if r == region and t in index})
        ids = [r.target_id for r in found.values() if r.target_id is not None]
        overrides = self.overrides(ids) if ids else {}
        out = {
            t: _apply(r, overrides.get(r.target_id)) if r.target_id is not None else r
            for t, r in found.items()
        }
        for t in targets.keys() - found.keys():  # moved to another region since (a correction)
            row = self.row(t, as_of=as_of)
            if row is not None:
                out[t] = row
        return out

    def _by_target(self, rows: list[LedgerRow]) -> dict[int, LedgerRow]:
        """Each target id of ``rows`` (a merged twin's too) to the first row that holds it, kept
        while that list of rows is: a task's page asks for the rows of its targets one by one."""
        with self._lock:
            kept = self._target_index.get(id(rows))
        if kept is not None and kept[0] is rows:
            return kept[1]
        index: dict[int, LedgerRow] = {}
        for r in rows:
            if r.target_id is not None:
                index.setdefault(r.target_id, r)
            for s in r.sources:
                if s.role == "target" and s.statement_id is not None:
                    index.setdefault(s.statement_id, r)
        with self._lock:
            self._target_index[id(rows)] = (rows, index)
            while len(self._target_index) > _TARGET_INDEXES:
                self._target_index.popitem(last=False)
        return index

    # ------------------------------------------------------------------ comparison and roll-up

    def compare(self, indicator_id: str, *, year: int | None = None, measure: str = "level") -> Comparison:
        """The figure of ``indicator_id`` in ``year`` (default: the latest with a result) for every
        region, with each region's target and status from the ledger's rows (overrides applied),
        and each city whose districts the hierarchy knows set beside them; kept until the store
        changes."""
        return self.memo(
            ("compare", indicator_id, year, measure), lambda: self._compare(indicator_id, year, measure)
        )

    def _compare(self, indicator_id: str, year: int | None, measure: str) -> Comparison:
        # every year: a plan target of the regions is judged on its whole period
        records = self.store.statements(indicator_id=indicator_id)
        if year is None:
            years = [
                r.year for r in records if r.kind == "actual" and r.measure == measure and r.year is not None
            ]
            year = max(years, default=None)
        if year is None:
            return Comparison(None, [], [])
        rows = self.rows(indicator_id=indicator_id)
        figures = across_regions(records, indicator_id, year, measure=measure, registry=self.registry,
                                 config=self.config, rows=rows)  # fmt: skip
        # every region above a region with a figure, whose districts the hierarchy knows
        cities: dict[str, str | None] = {}
        for f in figures:
            if f.value is None:
                continue
            found = self.regions.get(f.region) or self.regions.resolve(f.region)
            for candidate in (found, self.regions.parent(found) if found else None):
                if candidate is not None and self.regions.children(candidate):
                    cities.setdefault(candidate.name, candidate.level)
        rollups: list[tuple[RollUp, str | None]] = []
        for city, level in sorted(cities.items()):
            try:
                r = roll_up(records, city, indicator_id, year, measure=measure, regions=self.regions,
                            registry=self.registry, config=self.config, rows=rows)  # fmt: skip
            except UsageError:
                continue
            if r.parts and (r.city_value is not None or len(r.parts) > 1):
                rollups.append((r, level))
        return Comparison(year, figures, rollups)

    # ------------------------------------------------------------------ statements and documents

    def statement(self, statement_id: int) -> StatementRecord:
        return self.store.statement(statement_id)

    def statements_page(
        self, f: StatementFilter, *, limit: int, offset: int = 0
    ) -> tuple[list[StatementRecord], int]:
        """One page of the statements ``f`` keeps (its region resolved) and how many match in all
        (counted once per filter until the store changes)."""
        if f.region is not None:
            f = replace(f, region=self.resolve_region(f.region))
        total = self.memo(("statement-count", f), lambda: count_statements(self.store, f, self.registry))
        return page_statements(self.store, f, self.registry, limit=limit, offset=offset, total=total)

    def statements(
        self,
        *,
        region: str | None = None,
        indicator_id: str | None = None,
        kind: str | None = None,
        year: int | None = None,
        doc_id: str | None = None,
    ) -> list[StatementRecord]:
        """The stored statements matching every filter given, in order of id (the region resolved)."""
        if region is not None:
            region = self.resolve_region(region)
        return self.store.statements(
            region=region, indicator_id=indicator_id, kind=kind, year=year, doc_id=doc_id
        )

    def regions_in_store(self) -> list[tuple[str, int]]:
        """The regions statements are about, with their counts, by name (kept until the store changes)."""
        return self.memo(("regions-in-store",), self.store.regions)

    def indicators_in_store(self) -> list[IndicatorUse]:
        """The indicators stored statements name, most used first (kept until the store changes)."""
        return self.memo(("indicators-in-store",), self.store.indicators_in_store)

    def unmatched_indicators(self) -> list[tuple[str, int]]:
        """Indicator phrases no registry indicator matches, with counts, most frequent first."""
        return self.store.unmatched_indicators()

    def documents(self) -> list[DocumentInfo]:
        """Every stored document (without its text), by id (kept until the store changes)."""
        return self.memo(("documents",), self.store.documents)

    def region_paths(self) -> list[tuple[str, ...]]:
        """The region paths of the stored documents, each once (kept until the store changes)."""
        return self.memo(("region-paths",), self.store.region_paths)

    def documents_page(self, *, limit: int, offset: int = 0) -> tuple[list[DocumentInfo], int]:
        """One page of the stored documents, by document id, and how many there are (kept until
        the store changes: the dashboard asks for the same first page on every load)."""
        return self.memo(
            ("documents-page", limit, offset), lambda: self.store.documents_page(limit=limit, offset=offset)
        )

    def document(self, doc_id: str) -> DocumentInfo:
        return self.store.document(doc_id)

    def document_of_file(self, sha256: str) -> DocumentInfo:
        """The document a file (the sha256 of its bytes) was read into."""
        return self.store.document_of_file(sha256)

    def audit(self, *, limit: int | None = None) -> list[AuditEntry]:
        """The changes made by hand (results, overrides), newest first."""
        return self.store.audit(limit=limit)

    # ------------------------------------------------------------------ writing

    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        progress: Callable[[IngestProgress], None] | None = None,
        workers: int | None = None,
        origin: str | None = None,
        region: str | None = None,
        year: int | None = None,
        engine: str = "local",
        scheduler: str | None = None,
    ) -> IngestSummary:
        """Read, extract and store the documents at ``paths`` (files, or folders searched
        recursively); see :mod:`mubiao.ledger.ingest`.  ``workers`` defaults to the number of cores;
        ``origin="upload"`` for files whose temporary path means nothing; ``region`` (a name, short
        form or code, resolved here) and ``year`` (the session year) override what every document
        of the batch says of itself; ``engine="dask"`` extracts on the Dask cluster at ``scheduler``
        (into PostgreSQL only)."""
        name = self.resolve_region(region) if region is not None else None
        started = datetime.now(UTC)
        summary = ingest_paths(
            self.store,
            paths,
            progress=progress,
            workers=workers,
            origin=origin,
            region=name,
            year=year,
            engine=engine,
            scheduler=scheduler,
        )
        if summary.updated:
            # a new edition of a document whose metadata a person corrected: read again with it
            D = m.Document
            fresh = select(D.doc_id).where(D.meta_overrides.is_not(None), D.ingested_at >= started)
            with store_errors("cannot read the store", self.store.url), self.store.engine.connect() as conn:
                corrected = list(conn.scalars(fresh))
            for doc_id in corrected:
                reread(self.store, doc_id, who="ingest", reason="a new edition, read with the corrected metadata",
                       why="metadata")  # fmt: skip
        return summary

    def import_actuals(self, path: str | os.PathLike[str], *, user: str | None = None) -> ImportSummary:
        """Add or update results entered by hand in a CSV or XLSX file; see :mod:`mubiao.store.manual`."""
        return import_file(self.store, path, user=user)

    def add_result(self, values: dict[str, Any], *, who: str) -> StatementRecord:
        """Add (or change) one result entered by hand, checked as a row of an imported file."""
        return add_result(self.store, values, who=who, registry=self.registry, regions=self.regions)

    def set_override(self, target_id: int, status: str, reason: str, *, who: str) -> Override:
        """Give target ``target_id`` a status by hand, with the reason (audited)."""
        return set_override(self.store, target_id, status, reason, who=who)

    def remove_override(self, target_id: int, *, who: str) -> Override:
        """Remove the override of target ``target_id`` (audited)."""
        return remove_override(self.store, target_id, who=who)

    def correct(
        self,
        statement_id: int,
        changes: dict[str, Any],
        *,
        who: str,
        reason: str,
        exclude: bool = False,
    ) -> CorrectionInfo:
        """Correct extracted statement ``statement_id`` (or exclude it, a false claim), audited; see
        :mod:`mubiao.store.corrections`.  ``changes`` may name ``kind``, ``year``, ``period``
        (``"2021-2025"`` or a pair), ``indicator`` (an id or a phrase, resolved here), ``value``,
        ``unit``, ``measure`` and ``region`` (a name, short form or code, resolved here)."""
        return correct(self.store, statement_id, self.correction_fields(changes), who=who, reason=reason,
                       exclude=exclude)  # fmt: skip

    def correction_fields(self, changes: dict[str, Any]) -> dict[str, Any]:
        """The statement columns of a correction given as a face gives it (names resolved)."""
        out: dict[str, Any] = {}
        for key, value in changes.items():
            if key == "region":
                out["region"] = self.resolve_region(str(value))
            elif key == "indicator":
                phrase = str(value or "").strip()
                if not phrase:
                    raise UsageError("the indicator cannot be empty")
                found = self.registry.get(phrase) or self.registry.match(phrase)
                out["indicator"] = found.name if found is not None else phrase
                out["indicator_id"] = found.id if found is not None else None
            elif key == "period":
                out["period_start"], out["period_end"] = _period(value)
            elif key == "year":
                out["year"] = None if value is None else _int(value, "year")
            elif key in ("value", "value_max"):
                out[key] = None if value is None else _float(value, key)
            else:
                out[key] = value
        return out

    def corrections(
        self, *, statement_id: int | None = None, doc_id: str | None = None, state: str | None = None
    ) -> list[CorrectionInfo]:
        """The corrections made by hand, oldest first; the orphaned ones (``state="orphaned"``) are
        those no statement of the current extraction matches."""
        if state is not None and state not in CORRECTION_STATES:
            raise UsageError(f"state must be one of {', '.join(CORRECTION_STATES)}, not {state!r}")
        return get_corrections(self.store, statement_id=statement_id, doc_id=doc_id, state=state)

    def correction(self, correction_id: int) -> CorrectionInfo:
        found = [c for c in get_corrections(self.store) if c.id == correction_id]
        if not found:
            raise NotFoundError(f"no correction with id {correction_id}")
        return found[0]

    def undo_correction(self, correction_id: int, *, who: str, reason: str) -> CorrectionInfo:
        """Take a correction back (audited): the statement reads as extracted again, an excluded
        claim is put back; the correction is kept as ``undone``."""
        return undo(self.store, correction_id, who=who, reason=reason)

    def reattach_correction(self, correction_id: int, statement_id: int, *, who: str) -> CorrectionInfo:
        """Attach an orphaned correction to a statement a person chose (audited)."""
        return reattach_to(self.store, correction_id, statement_id, who=who)

    def dismiss_correction(self, correction_id: int, *, who: str, reason: str) -> CorrectionInfo:
        """Set an orphaned correction aside, kept as ``dismissed`` (audited)."""
        return dismiss(self.store, correction_id, who=who, reason=reason)

    # ------------------------------------------------------------------ documents, written

    def correct_document(self, doc_id: str, changes: dict[str, Any], *, who: str, reason: str) -> Reread:
        """Correct what was detected of document ``doc_id`` (``region``: a name, short form or code,
        resolved here; ``year``: the session year; ``doc_type``; ``title``) and extract it again with
        it; the statement corrections are kept (re-attached), the old extraction kept as a version,
        every change audited with its old and new values.  See :mod:`mubiao.ledger.reread`."""
        fixed = check_meta(changes)
        if fixed.get("region") is not None:
            found = self.regions.resolve(str(fixed["region"]).strip())
            if found is None:
                fixed["region"] = self.resolve_region(str(fixed["region"]))
            else:
                fixed["region"] = found.name
        return reread(self.store, doc_id, who=who, reason=reason, changes=fixed)

    def reread_document(self, doc_id: str, *, who: str, reason: str) -> Reread:
        """Extract document ``doc_id`` again from its stored text (after an extractor upgrade),
        keeping the old extraction as a version; audited."""
        return reread(self.store, doc_id, who=who, reason=reason)

    def delete_document(self, doc_id: str, *, who: str, reason: str) -> DeletedDocument:
        """Delete document ``doc_id`` (its last extraction kept as a version, its statement
        corrections orphaned and listed); audited."""
        return delete_document(self.store, doc_id, who=who, reason=reason)

    def document_versions(self, doc_id: str) -> list[VersionInfo]:
        """The versions of a document's extraction, oldest first, the current one last."""
        return versions(self.store, doc_id)


def _int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise UsageError(f"{name} must be a whole number, not {value!r}") from None


def _float(value: Any, name: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise UsageError(f"{name} must be a number, not {value!r}") from None


def _period(value: Any) -> tuple[int | None, int | None]:
    if value is None or value == "":
        return None, None
    parts = value.split("-") if isinstance(value, str) else list(value)
    if len(parts) != 2:
        raise UsageError(f"a period is two years, as 2021-2025, not {value!r}")
    start, end = _int(parts[0], "period"), _int(parts[1], "period")
    if start > end:
        raise UsageError(f"a period starts before it ends, not {value!r}")
    return start, end


def _apply(row: LedgerRow, override: Override | None) -> LedgerRow:
    if override is None:
        return row
    # applied here once: every face reads the status, the computed one and who changed it why
    # from the row itself
    given = {"status": override.status, "reason": override.reason, "who": override.who,
             "when": override.at.isoformat()}  # fmt: skip
    details = {**row.details, "computed_status": row.status, "override": given}
    return replace(row, status=override.status, details=details)
