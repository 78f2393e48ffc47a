"""``/api/documents`` (list, show, upload; correct the metadata, re-read, delete, the versions) and
``/api/extract`` (a preview that stores nothing)."""

from __future__ import annotations

import hashlib
import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, UploadFile
from pydantic import BaseModel, Field

from mubiao.ledger import IngestProgress, Reread, extract_file
from mubiao.present.api import serialise
from mubiao.present.api.deps import PagingDep, State, Writer
from mubiao.present.api.preview import Previewer
from mubiao.present.api.refresh import after_write
from mubiao.present.api.schemas import DocumentDetail, DocumentOut, ExtractOut, Page, UploadOut
from mubiao.present.api.security import Limits
from mubiao.present.api.uploads import failure, saved_upload

router = APIRouter(tags=["documents"])


@router.get("/documents", response_model=Page[DocumentOut])
def list_documents(state: State, paging: PagingDep) -> Page[DocumentOut]:
    """The stored documents, by document id, without their text."""
    items, total = state.ledger.documents_page(limit=paging.per_page, offset=paging.offset)
    docs = [serialise.document(d) for d in items]
    return Page[DocumentOut](items=docs, page=paging.page, per_page=paging.per_page, total=total)


@router.get("/documents/{doc_id}", response_model=DocumentDetail)
def show_document(doc_id: str, state: State) -> DocumentDetail:
    """A document with its original text and its statements (their spans point into the text)."""
    doc = state.ledger.document(doc_id)
    return serialise.document_detail(doc, state.ledger.statements(doc_id=doc.doc_id))


#: one upload stored at a time by a server: the store takes one writer at a time anyway (SQLite),
#: and uploads queued on its lock each hold a thread of the pool the readers are answered from
_WRITING = threading.Lock()


@router.post("/documents", response_model=UploadOut, status_code=201)
def upload_document(file: UploadFile, state: State, who: Writer) -> UploadOut:
    """Store a document as ``mubiao ingest`` does (needs the token).

    ``status`` is ``new``, ``updated`` (a new edition of a file name uploaded before, or extracted
    again by a newer mubiao), ``unchanged`` (these very bytes are stored already) or ``same_text``
    (another format of a stored document's text, recorded as its file).
    """
    with saved_upload(file) as path:
        events: list[IngestProgress] = []
        with _WRITING:
            summary = state.ledger.ingest([path], progress=events.append, workers=1, origin="upload")
        if summary.failures:
            # the summary keeps the reason only: read the file again, alone, for its error code
            result = extract_file(str(path), path.stem)
            code = None if result["ok"] else result.get("code")
            raise failure(code, summary.failures[0].reason, path.name)
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
    status = next(e.status for e in events if e.path is not None)
    stored = state.ledger.document_of_file(sha)
    # ingestion writes no audit rows of its own: the upload names who stored what
    state.ledger.people.audit_write(
        who, "documents", {"doc_id": stored.doc_id, "file": path.name, "status": status}
    )
    records = state.ledger.statements(doc_id=stored.doc_id)
    state.ledger.catch_up({r.region for r in records})
    after_write(state)
    statements = [serialise.statement(r) for r in records]
    return UploadOut.model_validate(
        {"document": serialise.document(stored), "status": status, "statements": statements}
    )


@router.post("/extract", response_model=ExtractOut)
async def extract_preview(file: UploadFile, request: Request, who: Writer) -> ExtractOut:
    """What mubiao reads in a document, without storing anything: for the upload page's preview.

    Needs the token (it costs the server as much as an upload); read in a worker process within
    the server's time limit, and refused (413) when the answer would pass the server's cap."""
    del who  # the guard is the point
    limits: Limits = request.app.state.mubiao_limits
    previewer: Previewer = request.app.state.mubiao_previewer
    with saved_upload(file) as path:
        return await previewer.preview(path, limits.extract_seconds, limits.preview_chars)


# -- a document corrected, read again, deleted -----------------------------------------------------


class DocumentFix(BaseModel):
    """What was detected wrong of a document, with the reason; a null field takes a person's
    earlier correction of it back."""

    region: str | None = Field(default=None, min_length=1, description="a name, short form or code")
    year: int | None = Field(default=None, ge=1949, le=2199, description="the session year")
    doc_type: (
        Literal["work_report", "five_year_plan", "session_news", "statistical_bulletin", "other"] | None
    ) = None
    title: str | None = Field(default=None, min_length=1, max_length=10_000)
    reason: str = Field(min_length=1, max_length=2000)


class Reason(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class RereadOut(BaseModel):
    doc_id: str
    #: the number the superseded extraction was kept under; the current one is version + 1
    version: int
    before: int = Field(description="statements before")
    after: int = Field(description="statements after")
    corrected: dict[str, Any] = Field(description="the metadata corrections now in force")
    orphaned: int = Field(description="the document's statement corrections that attach to nothing now")
    document: DocumentOut


class DeletedOut(BaseModel):
    doc_id: str
    version: int = Field(description="the number its last extraction was kept under")
    statements: int
    orphaned: list[int] = Field(description="the ids of the statement corrections left orphaned")


class VersionOut(BaseModel):
    version: int
    doc_id: str
    extractor_version: str
    extracted_at: str
    superseded_at: str | None
    why: str | None = Field(description="edition, reread, metadata or deleted; null for the current one")
    who: str | None
    current: bool
    meta: dict[str, Any]
    statements: list[dict[str, Any]]


def _reread_out(state: Any, done: Reread) -> RereadOut:
    doc = serialise.document(state.ledger.document(done.doc_id))
    return RereadOut(
        doc_id=done.doc_id, version=done.version, before=done.before, after=done.after,
        corrected=done.overrides, orphaned=done.orphaned, document=doc,
    )  # fmt: skip


@router.patch("/documents/{doc_id}", response_model=RereadOut)
def correct_document(doc_id: str, body: DocumentFix, state: State, who: Writer) -> RereadOut:
    """Correct a document's metadata (region, session year, type, title) and extract it again with
    it: the statement corrections are kept (re-attached), the old extraction kept as a version,
    every change audited with its old and new values."""
    changes = body.model_dump(exclude={"reason"}, exclude_unset=True)
    done = state.ledger.correct_document(doc_id, changes, who=who, reason=body.reason)
    return _reread_out(state, done)


@router.post("/documents/{doc_id}/reread", response_model=RereadOut)
def reread_document(doc_id: str, body: Reason, state: State, who: Writer) -> RereadOut:
    """Extract a stored document again from its stored text (after an extractor upgrade); the old
    extraction is kept as a version, corrections and overrides follow their claims; audited."""
    return _reread_out(state, state.ledger.reread_document(doc_id, who=who, reason=body.reason))


@router.delete("/documents/{doc_id}", response_model=DeletedOut)
def delete_document(
    doc_id: str,
    state: State,
    who: Writer,
    reason: Annotated[str, Query(min_length=1, max_length=2000, description="why it is deleted")],
) -> DeletedOut:
    """Delete a document and its statements (audited); its last extraction is kept as a version,
    its statement corrections are orphaned and listed, never dropped."""
    gone = state.ledger.delete_document(doc_id, who=who, reason=reason)
    return DeletedOut(
        doc_id=gone.doc_id, version=gone.version, statements=gone.statements, orphaned=gone.orphaned
    )


@router.get("/documents/{doc_id}/versions", response_model=list[VersionOut])
def document_versions(doc_id: str, state: State) -> list[VersionOut]:
    """The versions of a document's extraction, oldest first, the current one last, each with the
    statements it had (a deleted document's versions too)."""
    return [VersionOut.model_validate(v.to_dict()) for v in state.ledger.document_versions(doc_id)]
