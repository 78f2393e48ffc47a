"""Writing many new documents at once: one transaction, bare batched inserts, COPY on PostgreSQL.

The per-document path (:func:`mubiao.store.writes.write_document`) goes through the ORM and asks
four questions of the store per document; at national scale that, not extraction, bounded
ingestion.  Most documents of a batch are plainly new (their file, text and name unknown to the
store), and those are written here together:

* the documents with one ``INSERT … ON CONFLICT DO NOTHING … RETURNING``: a document another
  process stored meanwhile (a race on its hash or its name) is simply not returned, and goes the
  per-document way, which sees it stored;
* their files, then their statements, as one ``executemany`` of plain tuples on the driver's
  cursor (SQLAlchemy's per-row parameter processing cost more than SQLite's inserts), or one
  ``COPY … FROM STDIN`` on PostgreSQL.

Anything else — a document already stored, another format of a stored text, a name already
taken, two documents of one text or name in the same batch — is returned for the per-document
path, which knows editions, other formats and carried-over corrections.  If the batch fails as a
whole it is rolled back and every document of it goes the per-document way, one transaction each,
so one bad document still fails alone and leaves the store as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, inspect, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from mubiao.store import models as m

__all__ = [
    "STATEMENT_COLUMNS",
    "BatchItem",
    "drop_statement_indexes",
    "ensure_indexes",
    "insert_new",
    "split_new",
]

_DOCUMENTS = cast(Table, m.Document.__table__)
_FILES = cast(Table, m.DocumentFile.__table__)
_STATEMENTS = cast(Table, m.Statement.__table__)
#: the statement columns written by ingestion, in the order of the tuples sent to the driver
STATEMENT_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in _STATEMENTS.columns if c.name not in ("id", "manual_import_id")
)
#: rows of one IN (...) question: well under SQLite's limit of bound parameters
_CHUNK = 500


@dataclass
class BatchItem:
    """One extracted document to store: its file's hash and path, and the extraction's dict."""

    sha256: str
    path: str
    extracted: dict[str, Any]


def _in_chunks(conn: Connection, column: Any, key: Any, values: Sequence[Any]) -> set[Any]:
    found: set[Any] = set()
    for i in range(0, len(values), _CHUNK):
        found.update(conn.scalars(select(key).where(column.in_(values[i : i + _CHUNK]))))
    return found


def split_new(conn: Connection, items: Sequence[BatchItem]) -> tuple[list[BatchItem], list[BatchItem]]:
    """(plainly new, the rest): the rest need the per-document path (see the module docstring)."""
    shas = [i.sha256 for i in items]
    texts = [t for i in items if (t := i.extracted["document"].get("text_sha256"))]
    names = [i.extracted["document"]["doc_id"] for i in items]
    known_sha = _in_chunks(conn, _DOCUMENTS.c.sha256, _DOCUMENTS.c.sha256, shas)
    known_sha |= _in_chunks(conn, _FILES.c.sha256, _FILES.c.sha256, shas)
    known_text = _in_chunks(conn, _DOCUMENTS.c.text_sha256, _DOCUMENTS.c.text_sha256, texts)
    known_name = _in_chunks(conn, _DOCUMENTS.c.doc_id, _DOCUMENTS.c.doc_id, names)
    new: list[BatchItem] = []
    rest: list[BatchItem] = []
    for item in items:
        doc = item.extracted["document"]
        text, name = doc.get("text_sha256"), doc["doc_id"]
        if item.sha256 in known_sha or (text and text in known_text) or name in known_name:
            rest.append(item)
            continue
        # the second of two documents of one text or one name in a batch: after the first is
        # stored, the per-document path makes it another format, or gives it a free name
        known_sha.add(item.sha256)
        if text:
            known_text.add(text)
        known_name.add(name)
        new.append(item)
    return new, rest


def insert_new(
    conn: Connection, items: Sequence[BatchItem], *, version: str
) -> tuple[dict[str, int], list[BatchItem]]:
    """Insert ``items`` (from :func:`split_new`) in ``conn``'s transaction.

    Returns the database id of each document stored, by file hash, and the items another process
    stored first (for the per-document path, once this transaction is committed)."""
    if not items:
        return {}, []
    now = datetime.now(UTC)
    dialect = conn.dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    rows = [
        {**i.extracted["document"], "sha256": i.sha256, "extractor_version": version, "ingested_at": now}
        for i in items
    ]
    stmt = insert(_DOCUMENTS).on_conflict_do_nothing().returning(_DOCUMENTS.c.id, _DOCUMENTS.c.sha256)
    ids: dict[str, int] = {}
    # one row per statement: RETURNING over an executemany is sorted back to the rows only with
    # sort_by_parameter_order, and a row skipped by ON CONFLICT then has no place to go
    for row in rows:
        for id_, sha in conn.execute(stmt, row):
            ids[sha] = id_
    stored = [i for i in items if i.sha256 in ids]
    raced = [i for i in items if i.sha256 not in ids]
    files = [
        (
            ids[i.sha256],
            i.sha256,
            i.extracted["document"]["file_name"],
            i.path[:2048],
            i.extracted["document"]["format"],
            now,
        )
        for i in stored
    ]
    file_cols = ("document_id", "sha256", "file_name", "path", "format", "added_at")
    statements: list[dict[str, Any]] = []
    for i in stored:
        doc_id, document_id = i.extracted["document"]["doc_id"], ids[i.sha256]
        for r in i.extracted["statements"]:
            # the extraction's dicts are this batch's own: completed in place, not copied
            r["document_id"], r["doc_id"] = document_id, doc_id
            statements.append(r)
    if dialect == "postgresql":
        _copy(conn, "document_files", file_cols, files)
        row_of = itemgetter(*STATEMENT_COLUMNS)
        _copy(conn, "statements", STATEMENT_COLUMNS, [row_of(r) for r in statements])
    else:
        added = _FILES.c.added_at.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
        if added is not None:
            files = [(*f[:5], added(f[5])) for f in files]
        _executemany(conn, "document_files", file_cols, files)
        _executemany(conn, "statements", STATEMENT_COLUMNS, statements, named=True)
    return ids, raced


def _executemany(
    conn: Connection, table: str, columns: Sequence[str], rows: Sequence[Any], *, named: bool = False
) -> None:
    """Rows as tuples, or (``named``) as dicts the driver reads by column name without a copy."""
    if not rows:
        return
    # the table and column names are the models' own, never a caller's
    marks = ", ".join(f":{c}" for c in columns) if named else ", ".join("?" * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()


def _copy(conn: Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    if not rows:
        return
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    finally:
        cursor.close()


def drop_statement_indexes(engine: Engine) -> list[str]:
    """Drop the statements' secondary indexes for a bulk load; their names.

    :func:`ensure_indexes` builds them again, after the load and on every open of the store (so a
    load that died half-way leaves a slower store, never a wrong one)."""
    dropped: list[str] = []
    with engine.begin() as conn:
        present = {ix["name"] for ix in inspect(conn).get_indexes("statements")}
        for index in _STATEMENTS.indexes:
            if index.name in present:
                index.drop(conn)
                dropped.append(str(index.name))
    return dropped


def ensure_indexes(engine: Engine) -> None:
    """Build any of the statements' indexes missing (dropped by a bulk load that did not finish)."""
    with engine.begin() as conn:
        present = {ix["name"] for ix in inspect(conn).get_indexes("statements")}
        for index in _STATEMENTS.indexes:
            if index.name not in present:
                index.create(conn)
