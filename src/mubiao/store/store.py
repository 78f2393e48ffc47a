"""The store: documents, their statements and manual results, in SQLite or PostgreSQL.

    >>> with Store.open("sqlite:///:memory:") as store:     # doctest: +SKIP
    ...     rows = store.statements(region="澜溪区", kind="target")

Documents come in through :meth:`mubiao.ledger.Ledger.ingest` (which runs the pipeline, a layer
this package does not see) and are written by :mod:`mubiao.store.writes`.

:meth:`Store.open` resolves the URL (``--db`` > ``MUBIAO_DB`` > ``./mubiao.db``; a bare path is a
SQLite file; ``postgresql://`` is PostgreSQL through psycopg 3), upgrades the schema to the
newest migration and fills the indicator and region tables.  Queries return the plain records
of :mod:`mubiao.store.records` and the small dataclasses below, never ORM objects, so nothing
the caller holds is tied to a session.  Every database error comes out as a
:class:`~mubiao.errors.StoreError`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from operator import attrgetter
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, defer, sessionmaker

from mubiao.errors import NotFoundError, UsageError
from mubiao.gcpause import gc_paused
from mubiao.statement import KINDS
from mubiao.store import models as m
from mubiao.store.engine import connect, display_url, resolve_url, store_errors
from mubiao.store.records import StatementRecord

__all__ = [
    "RECORD_COLUMNS",
    "AuditEntry",
    "DocumentInfo",
    "IndicatorUse",
    "Store",
    "record_of",
    "resolve_url",
]


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document; ``original`` is filled by :meth:`Store.document` only."""

    doc_id: str
    file_name: str
    sha256: str
    format: str
    encoding: str | None
    doc_type: str
    title: str | None
    region: str | None
    region_path: tuple[str, ...]
    report_year: int | None
    review_year: int | None
    target_year: int | None
    period: tuple[int, int] | None
    chars: int
    statements: int
    extractor_version: str
    ingested_at: datetime
    original: str | None = None
    #: the names of the files it was read from (the same text in several formats)
    files: tuple[str, ...] = ()
    #: the metadata a person corrected (region, year, doc_type, title); filled by Store.document
    corrected: dict[str, Any] = field(default_factory=dict)
    #: the number of the current extraction (1 + the versions kept); filled by Store.document
    version: int = 1


@dataclass(frozen=True)
class IndicatorUse:
    """A registry indicator and how many stored statements name it."""

    id: str
    name: str | None  # None when the current registry no longer has it
    category: str | None
    statements: int


@dataclass(frozen=True)
class AuditEntry:
    """One change made by a person: who, when, which row and field, the old and new values."""

    id: int
    who: str
    at: datetime
    table: str
    row_id: int
    field: str
    old: str | None
    new: str | None
    manual_import_id: int | None


#: the columns a StatementRecord is built from, in the order record_of reads them
_S = m.Statement
RECORD_COLUMNS = (
    _S.id, _S.doc_id, _S.kind, _S.indicator, _S.indicator_id, _S.measure, _S.value, _S.value_max,
    _S.unit, _S.qualifier, _S.cumulative, _S.year, _S.region, _S.span_start, _S.span_end, _S.text,
    _S.attribute, _S.published, _S.provenance, _S.period_start, _S.period_end, _S.doc_type, _S.damaged,
    _S.sub_period,
)  # fmt: skip


def record_of(r: Any) -> StatementRecord:
    """The record of a row of :data:`RECORD_COLUMNS`: the one place a StatementRecord is built."""
    # r: a row of RECORD_COLUMNS.  A region's ledger reads tens of thousands of these, so the
    # record is filled directly rather than through the frozen dataclass's __init__ (which sets
    # each field through object.__setattr__): a fifth of the time of statements(region=...).
    # Equivalent while StatementRecord has no __post_init__ and no __slots__ (_DIRECT checks;
    # tests/ledger/test_store.py checks every field lands where it should).
    (id_, doc_id, kind, indicator, indicator_id, measure, value, value_max, unit, qualifier, cumulative,
     year, region, span_start, span_end, text, attribute, published, provenance, period_start, period_end,
     doc_type, damaged, sub_period) = r  # fmt: skip
    span = (span_start, span_end) if span_start is not None and span_end is not None else None
    period = (period_start, period_end) if period_start is not None and period_end is not None else None
    if not _DIRECT:
        return StatementRecord(
            id_, doc_id, kind, indicator, indicator_id, measure, value, value_max, unit, qualifier,
            bool(cumulative), year, region, span, text, attribute, published, provenance, period, doc_type,
            bool(damaged), sub_period,
        )  # fmt: skip
    rec: StatementRecord = _new(StatementRecord)
    rec.__dict__.update(
        id=id_, doc_id=doc_id, kind=kind, indicator=indicator, indicator_id=indicator_id, measure=measure,
        value=value, value_max=value_max, unit=unit, qualifier=qualifier, cumulative=bool(cumulative),
        year=year, region=region, span=span, text=text, attribute=attribute, published=published,
        provenance=provenance, period=period, doc_type=doc_type, damaged=bool(damaged),
        sub_period=sub_period,
    )  # fmt: skip
    return rec


_new = object.__new__
_DIRECT = not hasattr(StatementRecord, "__post_init__") and not hasattr(StatementRecord, "__slots__")
_by_id = attrgetter("id")


class Store:
    """The database: open, query, close.  Writes go through :mod:`mubiao.store.writes`,
    :mod:`~mubiao.store.manual` and :mod:`~mubiao.store.overrides`; the rest of mubiao reads and
    writes through :class:`mubiao.ledger.Ledger`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, url: str | os.PathLike[str] | None = None, *, create: bool = True) -> Store:
        """Open (creating and upgrading as needed) the store at ``url``; see :func:`resolve_url`.

        ``create=False`` refuses a SQLite file that does not exist (a StoreError).
        """
        engine, resolved = connect(url, create=create)
        return cls(engine, resolved)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({display_url(self.url)!r})"

    def session(self) -> Session:
        """A new ORM session on the store (for the store's own modules and for tests)."""
        return self._sessions()

    # ------------------------------------------------------------------ statements

    def statements(
        self,
        *,
        region: str | None = None,
        indicator_id: str | None = None,
        kind: str | None = None,
        year: int | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[StatementRecord]:
        """The stored statements matching every filter given, in order of id."""
        if kind is not None and kind not in KINDS:
            raise UsageError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        if (limit is not None and limit < 0) or offset < 0:
            raise UsageError("limit and offset cannot be negative")
        q = select(*RECORD_COLUMNS)
        if region is not None:
            q = q.where(_S.region == region)
        if indicator_id is not None:
            q = q.where(_S.indicator_id == indicator_id)
        if kind is not None:
            q = q.where(_S.kind == kind)
        if year is not None:
            q = q.where(_S.year == year)
        if doc_id is not None:
            q = q.where(_S.doc_id == doc_id)
        paged = limit is not None or offset > 0
        if paged:
            q = q.order_by(_S.id).offset(offset)
            if limit is not None:
                q = q.limit(limit)
        with store_errors("cannot read statements", self.url), self.engine.connect() as conn, gc_paused():
            records = [record_of(r) for r in conn.execute(q).all()]
        if not paged:
            # sorting here is cheaper than SQLite's temporary B-tree for ORDER BY on a filtered index
            records.sort(key=_by_id)
        return records

    def statement(self, statement_id: int) -> StatementRecord:
        """One statement by id (a target id of the ledger is a statement id too)."""
        with store_errors("cannot read the statement", self.url), self.engine.connect() as conn:
            row = conn.execute(select(*RECORD_COLUMNS).where(_S.id == statement_id)).first()
        if row is None:
            raise NotFoundError(f"no statement with id {statement_id}", path=display_url(self.url))
        return record_of(row)

    # ------------------------------------------------------------------ documents

    def documents(self) -> list[DocumentInfo]:
        """Every stored document (without its text), by document id."""
        counts = (
            select(_S.document_id, func.count().label("n"))
            .where(_S.document_id.is_not(None))
            .group_by(_S.document_id)
            .subquery()
        )
        q = (
            select(m.Document, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.document_id == m.Document.id)
            .order_by(m.Document.doc_id)
        )
        q = q.options(defer(m.Document.original))
        F = m.DocumentFile
        with store_errors("cannot list documents", self.url), self.session() as s:
            files: dict[int, list[str]] = {}
            for doc_key, name in s.execute(select(F.document_id, F.file_name).order_by(F.id)):
                files.setdefault(doc_key, []).append(name)
            return [
                replace(_document_info(d, n), files=tuple(files.get(d.id, ())) or (d.file_name,))
                for d, n in s.execute(q)
            ]

    def region_paths(self) -> list[tuple[str, ...]]:
        """The distinct region paths of the stored documents (enclosing regions down to their own)."""
        q = select(m.Document.region_path).where(m.Document.region_path.is_not(None)).distinct()
        with store_errors("cannot list documents", self.url), self.engine.connect() as conn:
            return [tuple(p.split(" › ")) for p in conn.scalars(q) if p]

    def documents_page(self, *, limit: int, offset: int = 0) -> tuple[list[DocumentInfo], int]:
        """One page of the stored documents (without their text), by document id, and how many
        there are: the statements of the page's documents only are counted (through their index),
        not those of every document, which at a million statements took most of a second."""
        F = m.DocumentFile
        with store_errors("cannot list documents", self.url), self.session() as s:
            total = s.execute(select(func.count()).select_from(m.Document)).scalar_one()
            q = select(m.Document).order_by(m.Document.doc_id).limit(limit).offset(offset)
            docs = list(s.scalars(q.options(defer(m.Document.original))))
            ids = [d.id for d in docs]
            per_document = (
                select(_S.document_id, func.count()).where(_S.document_id.in_(ids)).group_by(_S.document_id)
            )
            counts: dict[int | None, int] = {doc_key: n for doc_key, n in s.execute(per_document)}
            files: dict[int, list[str]] = {}
            for doc_key, name in s.execute(
                select(F.document_id, F.file_name).where(F.document_id.in_(ids)).order_by(F.id)
            ):
                files.setdefault(doc_key, []).append(name)
            page = [
                replace(
                    _document_info(d, counts.get(d.id, 0)), files=tuple(files.get(d.id, ())) or (d.file_name,)
                )
                for d in docs
            ]
            return page, int(total)

    def document(self, doc_id: str) -> DocumentInfo:
        """One document by its id, with its original text."""
        with store_errors("cannot read the document", self.url), self.session() as s:
            doc = s.scalars(select(m.Document).where(m.Document.doc_id == doc_id)).first()
            if doc is None:
                raise NotFoundError(f"no document with id {doc_id!r}", path=display_url(self.url))
            n = s.scalar(select(func.count()).select_from(_S).where(_S.document_id == doc.id)) or 0
            q = select(m.DocumentFile.file_name).where(m.DocumentFile.document_id == doc.id)
            files = tuple(s.scalars(q.order_by(m.DocumentFile.id))) or (doc.file_name,)
            V = m.DocumentVersion
            kept = select(func.count()).select_from(V).where(V.doc_id == doc.doc_id)
            corrected = json.loads(doc.meta_overrides) if doc.meta_overrides else {}
            info = _document_info(doc, n, with_original=True)
            return replace(info, files=files, corrected=corrected, version=(s.scalar(kept) or 0) + 1)

    def document_of_file(self, sha256: str) -> DocumentInfo:
        """The document a file (by the sha256 of its bytes) was read into: the one extracted from it,
        or the one whose text it holds in another format."""
        D, F = m.Document, m.DocumentFile
        q = select(D.doc_id).where(D.sha256 == sha256)
        other = select(D.doc_id).join(F, F.document_id == D.id).where(F.sha256 == sha256)
        with store_errors("cannot read the document", self.url), self.engine.connect() as conn:
            doc_id = conn.execute(q).scalar() or conn.execute(other).scalar()
        if doc_id is None:
            raise NotFoundError(f"no document holds the file {sha256[:12]}…", path=display_url(self.url))
        return self.document(doc_id)

    # ------------------------------------------------------------------ regions and indicators

    def has_region(self, name: str) -> bool:
        """Whether any statement is about the region of this exact name (one indexed lookup)."""
        q = select(_S.id).where(_S.region == name).limit(1)
        with store_errors("cannot read statements", self.url), self.engine.connect() as conn:
            return conn.execute(q).first() is not None

    def regions(self) -> list[tuple[str, int]]:
        """The regions statements are about, with their counts, by name."""
        q = (
            select(_S.region, func.count())
            .where(_S.region.is_not(None))
            .group_by(_S.region)
            .order_by(_S.region)
        )
        with store_errors("cannot list regions", self.url), self.engine.connect() as conn:
            return [(str(r), int(n)) for r, n in conn.execute(q)]

    def indicator_phrases(self) -> list[str]:
        """The phrases of stored statements that carry no registry id, each once."""
        q = select(_S.indicator).where(_S.indicator_id.is_(None)).distinct()
        with store_errors("cannot list indicator phrases", self.url), self.engine.connect() as conn:
            return sorted(str(p) for p in conn.scalars(q))

    def indicators_in_store(self) -> list[IndicatorUse]:
        """The indicators stored statements name, most used first."""
        counts = (
            select(_S.indicator_id, func.count().label("n"))
            .where(_S.indicator_id.is_not(None))
            .group_by(_S.indicator_id)
            .subquery()
        )
        q = (
            select(counts.c.indicator_id, m.Indicator.name, m.Indicator.category, counts.c.n)
            .outerjoin(m.Indicator, m.Indicator.id == counts.c.indicator_id)
            .order_by(counts.c.n.desc(), counts.c.indicator_id)
        )
        with store_errors("cannot list indicators", self.url), self.engine.connect() as conn:
            return [IndicatorUse(str(i), name, cat, int(n)) for i, name, cat, n in conn.execute(q)]

    def unmatched_indicators(self) -> list[tuple[str, int]]:
        """Indicator phrases of stored statements that no registry indicator matches, with counts.

        The phrases are matched again against the current registry, so a phrase the registry has
        learnt since it was stored no longer counts as unmatched.
        """
        from mubiao.reference.registry import Registry

        q = select(_S.indicator, func.count()).where(_S.indicator_id.is_(None)).group_by(_S.indicator)
        with store_errors("cannot list indicator phrases", self.url), self.engine.connect() as conn:
            counts = [(str(p), int(n)) for p, n in conn.execute(q)]
        registry = Registry.default()
        out = [(p, n) for p, n in counts if p.strip() and registry.match(p) is None]
        return sorted(out, key=lambda pn: (-pn[1], pn[0]))

    # ------------------------------------------------------------------ audit

    def audit(self, *, limit: int | None = None) -> list[AuditEntry]:
        """The changes made by hand, newest first."""
        q = select(m.Audit).order_by(m.Audit.id.desc())
        if limit is not None:
            q = q.limit(limit)
        with store_errors("cannot read the audit table", self.url), self.session() as s:
            return [
                AuditEntry(
                    a.id, a.who, _utc(a.at), a.table_name, a.row_id, a.field, a.old, a.new, a.manual_import_id
                )
                for a in s.scalars(q)
            ]


def _utc(at: datetime) -> datetime:
    # SQLite keeps no time zone: the store writes UTC, so a naive value read back is UTC
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _document_info(d: m.Document, statements: int, *, with_original: bool = False) -> DocumentInfo:
    return DocumentInfo(
        doc_id=d.doc_id,
        file_name=d.file_name,
        sha256=d.sha256,
        format=d.format,
        encoding=d.encoding,
        doc_type=d.doc_type,
        title=d.title,
        region=d.region,
        region_path=tuple(d.region_path.split(" › ")) if d.region_path else (),
        report_year=d.report_year,
        review_year=d.review_year,
        target_year=d.target_year,
        period=(d.period_start, d.period_end)
        if d.period_start is not None and d.period_end is not None
        else None,
        chars=d.chars,
        statements=int(statements),
        extractor_version=d.extractor_version,
        ingested_at=_utc(d.ingested_at),
        original=d.original if with_original else None,
    )
