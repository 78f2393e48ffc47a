"""``/api/documents`` (list, show, upload) and ``/api/extract`` (a preview that stores nothing)."""

from __future__ import annotations

import hashlib

from fastapi import APIRouter, Request, UploadFile

from mubiao.ledger import IngestProgress, extract_file
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


@router.post("/documents", response_model=UploadOut, status_code=201)
def upload_document(file: UploadFile, state: State, who: Writer) -> UploadOut:
    """Store a document as ``mubiao ingest`` does (needs the token).

    ``status`` is ``new``, ``updated`` (a new edition of a file name uploaded before, or extracted
    again by a newer mubiao), ``unchanged`` (these very bytes are stored already) or ``same_text``
    (another format of a stored document's text, recorded as its file).
    """
    with saved_upload(file) as path:
        events: list[IngestProgress] = []
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
    after_write(state)
    statements = [serialise.statement(r) for r in state.ledger.statements(doc_id=stored.doc_id)]
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
