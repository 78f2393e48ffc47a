"""A document's history: the versions of its extraction, its metadata corrected, its deletion.

A document's statements are only ever replaced whole (a new edition at the same path, a newer
extractor, a person's re-read or correction of its metadata).  Before they are, the extraction
they came from is kept as a :class:`DocumentVersion`: one row with the document's metadata and its
statements as JSON, numbered 1, 2, … in the order they were superseded.  The current extraction
is the document's rows themselves, version ``len(versions) + 1``.  Keeping the old statements as
one JSON row, rather than as statement rows marked superseded, leaves every query of the
statements table as it is: a superseded statement can never leak into a ledger.

A person may correct what was detected of a document (its region, session year, type, title):
the corrections are kept on the document (``meta_overrides``) and given to the pipeline each time
the document is extracted again.  Deleting a document keeps its last version too, and leaves its
statement corrections orphaned (listed, never dropped).  Every write is audited: table
``documents``, row id the document's id, one row per field with its old and new values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from mubiao.errors import NotFoundError, UsageError
from mubiao.store import models as m
from mubiao.store.audit import add_audit
from mubiao.store.corrections import orphan_document
from mubiao.store.engine import display_url, store_errors
from mubiao.store.models import DocumentVersion
from mubiao.store.overrides import TABLE as OVERRIDES_TABLE
from mubiao.store.overrides import StatusOverride

if TYPE_CHECKING:
    from mubiao.store.store import Store

__all__ = [
    "DOC_TYPES",
    "META_FIELDS",
    "TABLE",
    "DeletedDocument",
    "DocumentVersion",
    "VersionInfo",
    "audit_document",
    "delete_document",
    "keep_version",
    "meta_overrides",
    "versions",
]

TABLE = "documents"
#: what a person may correct of a document's metadata
META_FIELDS = ("region", "year", "doc_type", "title")
DOC_TYPES = ("work_report", "five_year_plan", "session_news", "statistical_bulletin", "other")
#: why a version was superseded
WHY = ("edition", "reread", "metadata", "deleted")
_MAX_REASON = 2000
#: the document columns a version keeps (the text itself stays on the document)
_META_COLUMNS = (
    "doc_id",
    "file_name",
    "sha256",
    "format",
    "doc_type",
    "title",
    "region",
    "region_path",
    "report_year",
    "review_year",
    "target_year",
    "period_start",
    "period_end",
    "meta_overrides",
)
#: the statement columns a version keeps
_STATEMENT_COLUMNS = (
    "id",
    "kind",
    "indicator",
    "indicator_id",
    "measure",
    "value",
    "value_max",
    "unit",
    "qualifier",
    "cumulative",
    "year",
    "region",
    "span_start",
    "span_end",
    "text",
    "period_start",
    "period_end",
    "sub_period",
)


@dataclass(frozen=True)
class VersionInfo:
    version: int
    doc_id: str
    extractor_version: str
    extracted_at: datetime
    superseded_at: datetime | None
    why: str | None
    who: str | None
    meta: dict[str, Any]
    statements: list[dict[str, Any]]
    #: whether this is the document's extraction now
    current: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "doc_id": self.doc_id,
            "extractor_version": self.extractor_version,
            "extracted_at": self.extracted_at.isoformat(),
            "superseded_at": self.superseded_at.isoformat() if self.superseded_at else None,
            "why": self.why,
            "who": self.who,
            "current": self.current,
            "meta": self.meta,
            "statements": self.statements,
        }


@dataclass(frozen=True)
class DeletedDocument:
    doc_id: str
    #: the number the deleted extraction was kept under
    version: int
    statements: int
    #: the ids of the statement corrections left orphaned
    orphaned: list[int]


def _utc(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def audit_document(
    s: Session, who: str, at: datetime, row_id: int, field: str, old: object, new: object
) -> None:
    add_audit(s, TABLE, who, at, row_id, field, old, new)


def meta_overrides(doc: m.Document) -> dict[str, Any]:
    """The metadata a person set on ``doc`` (empty when none)."""
    return dict(json.loads(doc.meta_overrides)) if doc.meta_overrides else {}


def check_meta(changes: dict[str, Any]) -> dict[str, Any]:
    """The metadata changes checked: known fields, a known type, a year that is a year."""
    unknown = sorted(set(changes) - set(META_FIELDS))
    if unknown:
        raise UsageError(
            f"a document's metadata correction may change {', '.join(META_FIELDS)}, not {', '.join(unknown)}"
        )
    if not changes:
        raise UsageError("a metadata correction changes region, year, doc_type or title")
    out = dict(changes)
    if "doc_type" in out and out["doc_type"] not in DOC_TYPES:
        raise UsageError(f"doc_type must be one of {', '.join(DOC_TYPES)}, not {out['doc_type']!r}")
    if "year" in out and out["year"] is not None:
        try:
            out["year"] = int(out["year"])
        except (TypeError, ValueError):
            raise UsageError(f"year must be a whole number, not {out['year']!r}") from None
        if not 1949 <= out["year"] <= 2199:
            raise UsageError(f"year must be between 1949 and 2199, not {out['year']}")
    for key in ("region", "title"):
        if key in out and out[key] is not None and not str(out[key]).strip():
            raise UsageError(f"the {key} cannot be empty")
    return out


def check_reason(reason: str, what: str) -> str:
    reason = reason.strip()
    if not reason:
        raise UsageError(f"{what} needs a reason")
    if len(reason) > _MAX_REASON:
        raise UsageError(f"the reason is longer than {_MAX_REASON} characters")
    return reason


def keep_version(s: Session, doc: m.Document, *, why: str, who: str, now: datetime) -> int:
    """Keep ``doc``'s current extraction (its metadata and statements) as a version before it is
    superseded; its number.  In the caller's transaction."""
    n = (
        s.scalar(
            select(func.count()).select_from(DocumentVersion).where(DocumentVersion.doc_id == doc.doc_id)
        )
        or 0
    )
    S = m.Statement
    cols = [getattr(S, c) for c in _STATEMENT_COLUMNS]
    rows = [
        dict(zip(_STATEMENT_COLUMNS, r, strict=True))
        for r in s.execute(select(*cols).where(S.document_id == doc.id).order_by(S.id))
    ]
    s.add(
        DocumentVersion(
            document_id=doc.id,
            doc_id=doc.doc_id[:255],
            version=n + 1,
            extractor_version=doc.extractor_version,
            extracted_at=doc.ingested_at,
            superseded_at=now,
            why=why,
            who=who[:128],
            meta=json.dumps({c: getattr(doc, c) for c in _META_COLUMNS}, ensure_ascii=False),
            statements=json.dumps(rows, ensure_ascii=False),
        )
    )
    s.flush()
    return n + 1


def versions(store: Store, doc_id: str) -> list[VersionInfo]:
    """The versions of a document's extraction, oldest first, the current one last (a deleted
    document's versions are all superseded)."""
    with store_errors("cannot read the document's versions", store.url), store.session() as s:
        kept = list(
            s.scalars(
                select(DocumentVersion)
                .where(DocumentVersion.doc_id == doc_id)
                .order_by(DocumentVersion.version)
            )
        )
        doc = s.scalars(select(m.Document).where(m.Document.doc_id == doc_id)).first()
        if doc is None and not kept:
            raise NotFoundError(f"no document with id {doc_id!r}", path=display_url(store.url))
        out = [
            VersionInfo(
                v.version,
                v.doc_id,
                v.extractor_version,
                _utc(v.extracted_at),
                _utc(v.superseded_at),
                v.why,
                v.who,
                json.loads(v.meta),
                json.loads(v.statements),
            )
            for v in kept
        ]
        if doc is not None:
            S = m.Statement
            cols = [getattr(S, c) for c in _STATEMENT_COLUMNS]
            q = select(*cols).where(S.document_id == doc.id).order_by(S.id)
            rows = [dict(zip(_STATEMENT_COLUMNS, r, strict=True)) for r in s.execute(q)]
            out.append(
                VersionInfo(
                    len(kept) + 1,
                    doc.doc_id,
                    doc.extractor_version,
                    _utc(doc.ingested_at),
                    None,
                    None,
                    None,
                    {c: getattr(doc, c) for c in _META_COLUMNS},
                    rows,
                    current=True,
                )
            )
        return out


def delete_document(store: Store, doc_id: str, *, who: str, reason: str) -> DeletedDocument:
    """Delete document ``doc_id``, its files and statements; its extraction is kept as a version,
    its corrections orphaned, its targets' status overrides removed (each audited)."""
    reason = check_reason(reason, "deleting a document")
    now = datetime.now(UTC)
    with store_errors("cannot delete the document", store.url), store.session() as s, s.begin():
        doc = s.scalars(select(m.Document).where(m.Document.doc_id == doc_id)).first()
        if doc is None:
            raise NotFoundError(f"no document with id {doc_id!r}", path=display_url(store.url))
        version = keep_version(s, doc, why="deleted", who=who, now=now)
        S = m.Statement
        n = s.scalar(select(func.count()).select_from(S).where(S.document_id == doc.id)) or 0
        orphaned = orphan_document(s, doc.id, who, now)
        targets = select(S.id).where(S.document_id == doc.id)
        for o in s.scalars(select(StatusOverride).where(StatusOverride.target_id.in_(targets))):
            s.add(
                m.Audit(
                    who=who,
                    at=now,
                    table_name=OVERRIDES_TABLE,
                    row_id=o.target_id,
                    field="*",
                    old=json.dumps(
                        {"target_id": o.target_id, "status": o.status, "reason": o.reason}, ensure_ascii=False
                    ),
                    new=None,
                    manual_import_id=None,
                )
            )
            s.delete(o)
        s.flush()
        old = {c: getattr(doc, c) for c in _META_COLUMNS if c != "meta_overrides"}
        audit_document(s, who, now, doc.id, "*", {**old, "statements": n, "version": version}, None)
        audit_document(s, who, now, doc.id, "reason", None, reason)
        s.execute(delete(S).where(S.document_id == doc.id))
        s.execute(delete(m.DocumentFile).where(m.DocumentFile.document_id == doc.id))
        s.delete(doc)
        s.flush()
        return DeletedDocument(doc_id, version, int(n), orphaned)
