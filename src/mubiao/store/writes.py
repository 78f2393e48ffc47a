"""Writing an extracted document and its statements into the store, in the caller's transaction.

The extraction (:mod:`mubiao.ledger.ingest`) hands over plain dicts; this module is all the store
needs to know of them.  A person's status overrides follow their targets into the new statements
(:func:`mubiao.store.overrides.carry_over`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from mubiao.store import models as m
from mubiao.store.overrides import StatusOverride, carry_over, saved_for_document

__all__ = ["write_document"]


_STATEMENTS = cast(Table, m.Statement.__table__)


def _insert_statements(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        # a Core insert on the table: one executemany.  The ORM's bulk insert would split the
        # rows into a batch per pattern of null columns, a dozen round trips per document.
        session.execute(insert(_STATEMENTS), rows)


def write_document(session: Session, sha256: str, extracted: dict[str, Any], *, version: str) -> str:
    """Store one extracted document and its statements in ``session``'s transaction.

    Returns ``"new"`` or ``"updated"``.  The caller commits, or rolls back on any error.
    """
    fields = extracted["document"]
    doc = session.scalars(select(m.Document).where(m.Document.sha256 == sha256)).first()
    if doc is None:
        doc = session.scalars(select(m.Document).where(m.Document.doc_id == fields["doc_id"])).first()
    now = datetime.now(UTC)
    if doc is None:
        status = "new"
        doc = m.Document(sha256=sha256, extractor_version=version, ingested_at=now, **fields)
        session.add(doc)
        session.flush()
    else:
        status = "updated"
        keep_id = doc.doc_id if doc.sha256 == sha256 else fields["doc_id"]
        for key, value in fields.items():
            setattr(doc, key, value)
        doc.doc_id, doc.sha256, doc.extractor_version, doc.ingested_at = keep_id, sha256, version, now
        saved = saved_for_document(session, doc.id)
        session.execute(
            delete(StatusOverride).where(StatusOverride.target_id.in_([x.override.target_id for x in saved]))
        )
        session.execute(delete(m.Statement).where(m.Statement.document_id == doc.id))
        session.flush()
    rows = [{**r, "document_id": doc.id, "doc_id": doc.doc_id} for r in extracted["statements"]]
    _insert_statements(session, rows)
    if status == "updated":
        # a person's status overrides follow their targets into the new statements
        carry_over(session, saved, doc.id)
    return status
