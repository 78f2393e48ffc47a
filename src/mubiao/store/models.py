"""The store's tables, as SQLAlchemy 2 typed declarative models.

The schema itself is owned by the Alembic migrations in ``mubiao/store/migrations``; these
models must describe the same tables (a test compares them).  What the ledger queries read —
a document's report year, plan period and type — is copied onto each statement row, so that
``Store.statements(region=...)`` reads one table through one index.  The copies are written in
the same transaction as the document, and a document's statements are only ever replaced whole.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Audit",
    "Base",
    "Document",
    "DocumentFile",
    "DocumentVersion",
    "Indicator",
    "ManualImport",
    "Region",
    "Statement",
]

# BIGINT on PostgreSQL (a store may pass 2**31 statements over its life), INTEGER on SQLite
# where only "INTEGER PRIMARY KEY" is the auto-incrementing rowid.
BigId = BigInteger().with_variant(Integer(), "sqlite")

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Document(Base):
    """One ingested document: one text, read from one file or more (the same report as .txt and
    .docx), known by the hash of its normalised text without whitespace (``text_sha256``)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    #: the document id of the statement records: the file name without its extension
    doc_id: Mapped[str] = mapped_column(String(255), unique=True)
    file_name: Mapped[str] = mapped_column(String(1024))
    format: Mapped[str] = mapped_column(String(16))
    encoding: Mapped[str | None] = mapped_column(String(32))
    doc_type: Mapped[str] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(String(64), index=True)
    #: enclosing regions down to the document's own, joined by " › "
    region_path: Mapped[str | None] = mapped_column(String(255))
    report_year: Mapped[int | None] = mapped_column(Integer)
    review_year: Mapped[int | None] = mapped_column(Integer)
    target_year: Mapped[int | None] = mapped_column(Integer)
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    original: Mapped[str] = mapped_column(Text)
    chars: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(64))
    #: indexed: the ledger reads its newest value before every answer (Ledger.generation)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    #: sha256 of the normalised text without whitespace: two formats of one report share it
    text_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    #: the metadata a person set (region, year, doc_type, title), as JSON: read again on every
    #: re-extraction (mubiao.store.documents)
    meta_overrides: Mapped[str | None] = mapped_column(Text)


class DocumentFile(Base):
    """A file a document was read from: the one extracted (``sha256`` = the document's), and any
    other format of the same text, recorded rather than refused."""

    __tablename__ = "document_files"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(1024))
    #: the file's absolute path when it was ingested: the same path again is a new edition
    path: Mapped[str] = mapped_column(String(2048))
    format: Mapped[str] = mapped_column(String(16))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DocumentVersion(Base):
    """One superseded extraction of a document (see the module docstring)."""

    __tablename__ = "document_versions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    document_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    #: the document's id, kept should the document go
    doc_id: Mapped[str] = mapped_column(String(255), index=True)
    version: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(64))
    extracted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    superseded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: edition, reread, metadata or deleted
    why: Mapped[str] = mapped_column(String(16))
    who: Mapped[str] = mapped_column(String(128))
    #: the document's metadata then, as JSON
    meta: Mapped[str] = mapped_column(Text)
    #: the statements it had, as a JSON list
    statements: Mapped[str] = mapped_column(Text)


class ManualImport(Base):
    """One file of results entered by hand: the provenance of the statements it added or changed."""

    __tablename__ = "manual_imports"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(1024))
    sha256: Mapped[str] = mapped_column(String(64))
    who: Mapped[str] = mapped_column(String(128))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    rows: Mapped[int] = mapped_column(Integer)


class Statement(Base):
    """One target or result: a record of the statement spec, plus where it came from."""

    __tablename__ = "statements"
    __table_args__ = (
        # the ledger of one region, narrowed by indicator and year
        Index("ix_statements_region_indicator_id_year", "region", "indicator_id", "year"),
        # the ledger of one region for a year: its targets, the results of the year before
        Index("ix_statements_region_year_kind", "region", "year", "kind"),
        # one indicator across regions
        Index("ix_statements_indicator_id_year", "indicator_id", "year"),
        Index("ix_statements_year_kind", "year", "kind"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    #: null for a manual entry
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    manual_import_id: Mapped[int | None] = mapped_column(
        ForeignKey("manual_imports.id", ondelete="SET NULL"), index=True
    )
    #: the document id, or for a manual entry the name of the file it was imported from
    doc_id: Mapped[str] = mapped_column(String(1024), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    indicator: Mapped[str] = mapped_column(String(255))
    indicator_id: Mapped[str | None] = mapped_column(String(64))
    measure: Mapped[str] = mapped_column(String(8))
    value: Mapped[float | None] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(32))
    qualifier: Mapped[str] = mapped_column(String(16))
    cumulative: Mapped[bool] = mapped_column(Boolean)
    year: Mapped[int | None] = mapped_column(Integer)
    region: Mapped[str | None] = mapped_column(String(64))
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    attribute: Mapped[str | None] = mapped_column(String(16))
    damaged: Mapped[bool] = mapped_column(Boolean)
    #: "extracted" or "manual"
    provenance: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    #: fields of the record beyond the spec's (confidence, section …), as JSON text
    extra: Mapped[str | None] = mapped_column(Text)
    # copies of the document's metadata (see the module docstring)
    published: Mapped[int | None] = mapped_column(Integer)
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    doc_type: Mapped[str | None] = mapped_column(String(32))
    #: the part of a year the figure is of (2025-Q1, 2025-H1, 2025-M01-M11), None for a whole year:
    #: such figures are kept out of the annual evaluation
    sub_period: Mapped[str | None] = mapped_column(String(16))


class Indicator(Base):
    """The indicator registry as it was when the store was last opened."""

    __tablename__ = "indicators"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    category: Mapped[str] = mapped_column(String(16))
    unit_family: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str | None] = mapped_column(String(32))
    polarity: Mapped[str] = mapped_column(String(8))
    type: Mapped[str] = mapped_column(String(8))
    binding: Mapped[bool | None] = mapped_column(Boolean)
    #: the aliases, as a JSON list
    aliases: Mapped[str] = mapped_column(Text)


class Region(Base):
    """The packaged region hierarchy."""

    __tablename__ = "regions"
    __table_args__ = (UniqueConstraint("name", "parent"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), index=True)
    short: Mapped[str | None] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(16))
    parent: Mapped[str | None] = mapped_column(String(64))
    #: the path's names without the country: 江苏省常州市天宁区
    full_name: Mapped[str] = mapped_column(String(255))


class Audit(Base):
    """One change to a stored row made by a person (manual imports): who, when, old and new."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    who: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[int] = mapped_column(BigInteger)
    #: the column changed, or "*" for a row added or removed whole (its values as JSON)
    field: Mapped[str] = mapped_column(String(64))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    #: the manual import that made the change
    manual_import_id: Mapped[int | None] = mapped_column(ForeignKey("manual_imports.id", ondelete="SET NULL"))
