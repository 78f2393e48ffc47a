"""Records of the ledger and the pipeline turned into the API's typed objects
(:mod:`mubiao.present.api.schemas`): the one place each response object is built.
"""

from __future__ import annotations

from typing import Any

from mubiao.document import Document
from mubiao.ledger import DocumentInfo, LedgerRow, Source, StatementRecord
from mubiao.present.api.schemas import (
    ActualOut,
    DocumentDetail,
    DocumentOut,
    LedgerRowOut,
    OverrideOut,
    PreviewDocument,
    SourceOut,
    StatementOut,
    TargetOut,
)
from mubiao.statement import Statement

__all__ = [
    "document",
    "document_detail",
    "ledger_row",
    "num",
    "preview_document",
    "preview_statement",
    "statement",
]


def num(v: float | None) -> int | float | None:
    """A whole number as an int, as the statement records write it (5, not 5.0)."""
    if v is None:
        return None
    return int(v) if float(v).is_integer() and abs(v) < 1e15 else round(v, 10)


def statement(r: StatementRecord) -> StatementOut:
    return StatementOut.model_validate(
        {
            "id": r.id,
            "doc": r.doc_id,
            "kind": r.kind,
            "indicator": r.indicator,
            "indicator_id": r.indicator_id,
            "measure": r.measure,
            "value": num(r.value),
            "value_max": num(r.value_max),
            "unit": r.unit,
            "qualifier": r.qualifier,
            "cumulative": r.cumulative,
            "year": r.year,
            "region": r.region,
            "span": list(r.span) if r.span else None,
            "text": r.text,
            "attribute": r.attribute,
            "damaged": r.damaged,
            "provenance": r.provenance,
            "period": list(r.period) if r.period else None,
        }
    )


def preview_statement(st: Statement) -> StatementOut:
    """A statement just extracted, not stored: no id."""
    d = st.to_dict()
    period = st.doc.meta.period if st.doc.meta.doc_type == "five_year_plan" else None
    return StatementOut.model_validate(
        {
            "id": None,
            **{
                k: d[k] for k in ("doc", "kind", "indicator", "indicator_id", "measure", "value", "value_max")
            },
            **{k: d[k] for k in ("unit", "qualifier", "cumulative", "year", "region", "span", "text")},
            "attribute": st.attribute,
            "damaged": st.damaged,
            "provenance": "extracted",
            "period": list(period) if period else None,
        }
    )


def _document_fields(d: DocumentInfo) -> dict[str, Any]:
    return {
        "doc_id": d.doc_id,
        "title": d.title,
        "file_name": d.file_name,
        "format": d.format,
        "encoding": d.encoding,
        "doc_type": d.doc_type,
        "region": d.region,
        "region_path": list(d.region_path),
        "report_year": d.report_year,
        "review_year": d.review_year,
        "target_year": d.target_year,
        "period": list(d.period) if d.period else None,
        "chars": d.chars,
        "ingested_at": d.ingested_at,
    }


def document(d: DocumentInfo) -> DocumentOut:
    return DocumentOut.model_validate({**_document_fields(d), "statements": d.statements})


def document_detail(d: DocumentInfo, statements: list[StatementRecord]) -> DocumentDetail:
    return DocumentDetail.model_validate(
        {
            **_document_fields(d),
            "statement_count": d.statements,
            "files": list(d.files),
            "original": d.original or "",
            "statements": [statement(r) for r in statements],
            "corrected": d.corrected,
            "version": d.version,
        }
    )


def preview_document(doc: Document, file_name: str) -> PreviewDocument:
    meta = doc.meta
    return PreviewDocument.model_validate(
        {
            "doc_id": doc.id,
            "file_name": file_name,
            "format": doc.format,
            "encoding": doc.encoding,
            "doc_type": meta.doc_type,
            "title": meta.title,
            "region": meta.region,
            "region_path": list(meta.region_path),
            "report_year": meta.report_year,
            "review_year": meta.review_year,
            "target_year": meta.target_year,
            "period": list(meta.period) if meta.period else None,
            "chars": len(doc.original),
        }
    )


def _source(s: Source) -> SourceOut:
    return SourceOut.model_construct(
        statement_id=s.statement_id,
        document=s.document,
        span=list(s.span) if s.span else None,
        text=s.text,
        kind=s.kind,
        provenance=s.provenance,
        role=s.role,
        year=s.year,
    )


def ledger_row(row: LedgerRow) -> LedgerRowOut:
    """``row.to_dict()`` with ``id`` and ``override`` (the ledger put it in the row's details).

    Built without validation nor copies: ``dataclasses.asdict`` deep-copies every nested dict, which
    made it most of the time of a page of 200 rows.  The nested dicts are shared with the ledger's
    kept rows, so they must not be changed, only encoded.
    """
    return LedgerRowOut.model_construct(
        region=row.region,
        indicator_id=row.indicator_id,
        indicator=row.indicator,
        period=row.period,
        target=TargetOut.model_construct(**row.target),
        actual=ActualOut.model_construct(**row.actual) if row.actual is not None else None,
        gap=row.gap,
        required_pace=row.required_pace,
        status=row.status,
        method=row.method,
        sources=[_source(s) for s in row.sources],
        details=row.details,
        conflict=row.conflict,
        target_id=row.target_id,
        category=row.category,
        id=row.target_id,
        override=OverrideOut.model_validate(row.details["override"]) if "override" in row.details else None,
    )
