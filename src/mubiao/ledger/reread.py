"""Reading a stored document again: after an extractor upgrade, or with its metadata corrected.

The document's original text is stored with it, so it is read again from there (the file it came
from need not exist any more, and the spans point into the same text).  The metadata a person
corrected (``region``, ``year``, ``doc_type``, ``title``: :mod:`mubiao.store.documents`) is given to
the pipeline over what it detects.  The extraction it replaces is kept as a version; the person's
statement corrections and status overrides follow their claims into the new statements; every
change is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import func, select

from mubiao.document import DocType
from mubiao.errors import NotFoundError
from mubiao.ledger.ingest import EXTRACTOR_VERSION, extract_text
from mubiao.store import models as m
from mubiao.store.corrections import Correction
from mubiao.store.documents import (
    audit_document,
    check_meta,
    check_reason,
    keep_version,
    meta_overrides,
)
from mubiao.store.engine import display_url, store_errors
from mubiao.store.writes import replace_extraction

if TYPE_CHECKING:
    from mubiao.store.store import Store

__all__ = ["Reread", "reread"]

#: the document columns each metadata field shows in, for the audit rows
_SHOWN = {"region": "region", "year": "report_year", "doc_type": "doc_type", "title": "title"}


@dataclass(frozen=True)
class Reread:
    doc_id: str
    #: the number the superseded extraction was kept under; the current one is version + 1
    version: int
    before: int
    after: int
    #: the metadata corrections now in force
    overrides: dict[str, Any]
    #: the document's statement corrections that attach to nothing after the re-read
    orphaned: int


def reread(
    store: Store,
    doc_id: str,
    *,
    who: str,
    reason: str,
    changes: dict[str, Any] | None = None,
    why: str | None = None,
) -> Reread:
    """Extract document ``doc_id`` again from its stored text, with ``changes`` to its metadata
    (``region`` already resolved by the caller; a value of None takes a correction back)."""
    reason = check_reason(reason, "reading a document again" if not changes else "correcting a document")
    fixed = check_meta(changes) if changes else {}
    with store_errors("cannot read the document", store.url), store.session() as s:
        doc = s.scalars(select(m.Document).where(m.Document.doc_id == doc_id)).first()
        if doc is None:
            raise NotFoundError(f"no document with id {doc_id!r}", path=display_url(store.url))
        given = meta_overrides(doc)
        original, file_name, fmt, encoding = doc.original, doc.file_name, doc.format, doc.encoding
    wanted = {**given, **fixed}
    wanted = {k: v for k, v in wanted.items() if v is not None}
    # read and extracted outside the transaction: the store is not held while the pipeline runs
    extracted = extract_text(
        original,
        doc_id,
        file_name=file_name,
        fmt=fmt,
        encoding=encoding,
        region=wanted.get("region"),
        year=wanted.get("year"),
        kind=cast(DocType | None, wanted.get("doc_type")),
        title=wanted.get("title"),
    )
    now = datetime.now(UTC)
    S = m.Statement
    with store_errors("cannot store the document", store.url), store.session() as s, s.begin():
        doc = s.scalars(select(m.Document).where(m.Document.doc_id == doc_id)).first()
        if doc is None:
            raise NotFoundError(f"no document with id {doc_id!r}", path=display_url(store.url))
        before = s.scalar(select(func.count()).select_from(S).where(S.document_id == doc.id)) or 0
        shown = {k: getattr(doc, col) for k, col in _SHOWN.items()}
        version = keep_version(s, doc, why=why or ("metadata" if fixed else "reread"), who=who, now=now)
        replace_extraction(s, doc, extracted, version=EXTRACTOR_VERSION, now=now, who=who)
        doc.meta_overrides = json.dumps(wanted, ensure_ascii=False) if wanted else None
        s.flush()
        after = s.scalar(select(func.count()).select_from(S).where(S.document_id == doc.id)) or 0
        for key in fixed:
            audit_document(s, who, now, doc.id, key, given.get(key, shown[key]), fixed[key])
        audit_document(s, who, now, doc.id, "version", version, version + 1)
        audit_document(s, who, now, doc.id, "statements", before, after)
        audit_document(s, who, now, doc.id, "reason", None, reason)
        orphaned = s.scalar(
            select(func.count()).select_from(Correction).where(
                Correction.document_id == doc.id, Correction.state == "orphaned"
            )
        ) or 0  # fmt: skip
        return Reread(doc_id, version, int(before), int(after), wanted, int(orphaned))
