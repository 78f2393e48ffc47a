"""Writing an extracted document and its statements into the store, in the caller's transaction.

The extraction (:mod:`mubiao.ledger.ingest`) hands over plain dicts; this module is all the store
needs to know of them.  A person's status overrides follow their targets into the new statements
(:func:`mubiao.store.overrides.carry_over`), and so do their corrections
(:func:`mubiao.store.corrections.reattach`).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from mubiao.document import Document
from mubiao.errors import UsageError
from mubiao.statement import RECORD_FIELDS, Statement
from mubiao.store import models as m
from mubiao.store.corrections import reattach, saved_corrections
from mubiao.store.documents import keep_version, meta_overrides
from mubiao.store.overrides import StatusOverride, carry_over, saved_for_document

__all__ = ["clean", "document_row", "fit", "replace_extraction", "statement_row", "write_document"]

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_REGION_SEP = " › "
#: caps of the unbounded text columns that should not grow without end
_TEXT_CAPS = {"title": 10_000}
#: the record's own fields (the rest of a statement's dict is kept as extra)
_SPEC_FIELDS = frozenset((*RECORD_FIELDS, "attribute", "damaged"))


def clean(text: str) -> str:
    """Text the databases can hold: NUL and lone surrogates (from undecodable bytes) cannot be stored
    in PostgreSQL text or encoded for SQLite; U+FFFD keeps every offset of the spans as it was."""
    return _UNSTORABLE.sub("\ufffd", text)


def fit(model: type[m.Base], column: str, text: str | None) -> str | None:
    """``text`` cleaned and cut to the width of ``model``'s column: the widths are the models'."""
    if text is None:
        return None
    table = cast(Table, model.__table__)
    length = getattr(table.c[column].type, "length", None) or _TEXT_CAPS.get(column)
    cleaned = clean(text)
    return cleaned[:length] if length else cleaned


def statement_row(
    st: Statement,
    *,
    indicator_id: str | None,
    published: int | None,
    period: tuple[int, int] | None,
    doc_type: str | None,
    region: str | None = None,
) -> dict[str, Any]:
    """The row of the statements table of an extracted statement: the one place it is built.

    ``region`` is the name the ledger files it under when that differs from the name the
    document used (a unit renamed since: 洪泽县's plan of 2016 in the ledger of 洪泽区)."""
    S = m.Statement
    d = st.to_dict()
    extra = {k: v for k, v in d.items() if k not in _SPEC_FIELDS}
    start, end = st.span
    return {
        "kind": st.kind,
        "indicator": fit(S, "indicator", st.indicator),
        "indicator_id": indicator_id,
        "measure": st.measure,
        "value": st.value,
        "value_max": st.value_max,
        "unit": fit(S, "unit", st.unit),
        "qualifier": st.qualifier,
        "cumulative": bool(st.cumulative),
        "year": st.year,
        "region": fit(S, "region", region if region is not None else st.region),
        "span_start": start,
        "span_end": end,
        "text": clean(d["text"]),
        "attribute": fit(S, "attribute", st.attribute),
        "damaged": bool(st.damaged),
        "provenance": "extracted",
        "note": None,
        "extra": json.dumps(extra, ensure_ascii=False, default=str) if extra else None,
        "published": published,
        "period_start": period[0] if period else None,
        "period_end": period[1] if period else None,
        "doc_type": doc_type,
        "sub_period": fit(S, "sub_period", extra.get("period")) if extra.get("period") else None,
    }


def document_row(doc: Document, *, file_name: str, text_sha256: str) -> dict[str, Any]:
    """The row of the documents table of a read document: the one place it is built."""
    D = m.Document
    meta = doc.meta
    return {
        "doc_id": fit(D, "doc_id", doc.id),
        "file_name": fit(D, "file_name", file_name),
        "format": doc.format,
        "encoding": doc.encoding,
        "doc_type": meta.doc_type,
        "title": fit(D, "title", meta.title),
        "region": fit(D, "region", meta.region),
        "region_path": fit(D, "region_path", _REGION_SEP.join(meta.region_path))
        if meta.region_path
        else None,
        "report_year": meta.report_year,
        "review_year": meta.review_year,
        "target_year": meta.target_year,
        "period_start": meta.period[0] if meta.period else None,
        "period_end": meta.period[1] if meta.period else None,
        "original": clean(doc.original),
        "chars": len(doc.original),
        "text_sha256": text_sha256,
    }


_STATEMENTS = cast(Table, m.Statement.__table__)


def _insert_statements(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        # a Core insert on the table: one executemany.  The ORM's bulk insert would split the
        # rows into a batch per pattern of null columns, a dozen round trips per document.
        session.execute(insert(_STATEMENTS), rows)


def write_document(
    session: Session, sha256: str, extracted: dict[str, Any], *, version: str, path: str | None = None
) -> str:
    """Store one extracted document and its statements in ``session``'s transaction.

    Returns ``"new"``, ``"updated"`` (the same file extracted again, or a new edition at the same
    path), ``"same_text"`` (another format of a stored document's text: recorded as its file) or
    ``"unchanged"`` (a file already recorded).  The caller commits, or rolls back on any error.
    """
    fields = dict(extracted["document"])
    path = path or fields["file_name"]
    now = datetime.now(UTC)
    doc = session.scalars(select(m.Document).where(m.Document.sha256 == sha256)).first()
    if doc is None:
        if session.scalars(select(m.DocumentFile.id).where(m.DocumentFile.sha256 == sha256)).first():
            return "unchanged"
        text_sha = fields.get("text_sha256")
        same = (
            session.scalars(select(m.Document).where(m.Document.text_sha256 == text_sha)).first()
            if text_sha
            else None
        )
        if same is not None:
            _add_file(session, same.id, sha256, fields, path, now)
            return "same_text"
        named = session.scalars(select(m.Document).where(m.Document.doc_id == fields["doc_id"])).first()
        if named is not None:
            if _same_source(session, named, fields["file_name"], path):
                doc = named  # a new edition of the file at the same place
            else:
                fields["doc_id"] = _free_id(session, fields["doc_id"], path)
    if doc is None:
        status = "new"
        doc = m.Document(sha256=sha256, extractor_version=version, ingested_at=now, **fields)
        session.add(doc)
        session.flush()
        _add_file(session, doc.id, sha256, fields, path, now)
    else:
        status = "updated"
        old_sha = doc.sha256
        # a person's corrections of the metadata hold over a new edition too
        corrected_meta = meta_overrides(doc)
        keep_version(session, doc, why="edition", who="ingest", now=now)
        session.execute(
            delete(m.DocumentFile).where(
                m.DocumentFile.document_id == doc.id,
                (m.DocumentFile.sha256 == old_sha) | (m.DocumentFile.path == path[:2048]),
            )
        )
        session.flush()
        replace_extraction(session, doc, {**extracted, "document": fields}, version=version, now=now)
        doc.sha256, doc.file_name = sha256, fields["file_name"]
        if corrected_meta:
            doc.meta_overrides = json.dumps(corrected_meta, ensure_ascii=False)
        _add_file(session, doc.id, sha256, fields, path, now)
        return status
    rows = [{**r, "document_id": doc.id, "doc_id": doc.doc_id} for r in extracted["statements"]]
    _insert_statements(session, rows)
    return status


def replace_extraction(
    session: Session,
    doc: m.Document,
    extracted: dict[str, Any],
    *,
    version: str,
    now: datetime,
    who: str = "ingest",
) -> None:
    """Put a new extraction of ``doc`` in place of its current one, in the caller's transaction:
    its metadata and statements replaced, the person's corrections and status overrides carried
    over to the new statements.  The caller keeps the old version first
    (:func:`mubiao.store.documents.keep_version`)."""
    keep_id = doc.doc_id
    for key, value in extracted["document"].items():
        if key not in ("sha256", "file_name"):
            setattr(doc, key, value)
    doc.doc_id, doc.extractor_version, doc.ingested_at = keep_id, version, now
    saved = saved_for_document(session, doc.id)
    corrected = saved_corrections(session, doc.id)
    session.execute(
        delete(StatusOverride).where(StatusOverride.target_id.in_([x.override.target_id for x in saved]))
    )
    session.execute(delete(m.Statement).where(m.Statement.document_id == doc.id))
    session.flush()
    rows = [{**r, "document_id": doc.id, "doc_id": doc.doc_id} for r in extracted["statements"]]
    _insert_statements(session, rows)
    # a person's corrections are put on the new statements first: the overrides then find
    # their targets as corrected
    reattach(session, corrected, doc.id, who)
    # a person's status overrides follow their targets into the new statements
    carry_over(session, saved, doc.id, who)


def _add_file(
    session: Session, document_id: int, sha256: str, fields: dict[str, Any], path: str, now: datetime
) -> None:
    session.add(
        m.DocumentFile(
            document_id=document_id,
            sha256=sha256,
            file_name=fields["file_name"],
            path=path[:2048],
            format=fields["format"],
            added_at=now,
        )
    )
    session.flush()


def _same_source(session: Session, doc: m.Document, file_name: str, path: str) -> bool:
    """Whether a file at ``path`` is a new edition of ``doc``: read before from the same path (or,
    for a document stored before its files were recorded, of the same file name)."""
    paths = list(session.scalars(select(m.DocumentFile.path).where(m.DocumentFile.document_id == doc.id)))
    return path[:2048] in paths if paths else doc.file_name == file_name


def _free_id(session: Session, wanted: str, path: str) -> str:
    """A document id for a file whose stem another document holds: its folder's name joined on,
    then its format, then a number."""
    p = PurePath(path)
    candidates = [f"{p.parent.name}-{p.stem}", f"{p.parent.name}-{p.stem}-{p.suffix.lstrip('.')}"]
    candidates += [f"{wanted}-{n}" for n in range(2, 1000)]
    for candidate in candidates:
        candidate = fit(m.Document, "doc_id", candidate.strip("-")) or wanted
        if candidate == wanted:
            continue
        if session.scalars(select(m.Document.id).where(m.Document.doc_id == candidate)).first() is None:
            return candidate
    raise UsageError(f"no free document id for {path}: rename the file")
