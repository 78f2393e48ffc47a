"""The API's response and request bodies, as pydantic models: what ``/api/openapi.json`` publishes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from mubiao.present.api.bounds import PlainNumber

__all__ = [
    "ActualIn",
    "AuditOut",
    "CompareOut",
    "CompareRegion",
    "DocumentDetail",
    "DocumentOut",
    "ErrorBody",
    "ErrorOut",
    "ExtractOut",
    "Health",
    "IndicatorOut",
    "LedgerRowOut",
    "OverrideIn",
    "OverrideOut",
    "Page",
    "PathPoint",
    "RegionCounts",
    "RegionOut",
    "Rollup",
    "SeriesActual",
    "SeriesOut",
    "SeriesTarget",
    "SourceOut",
    "StatementOut",
    "SummaryOut",
    "UploadOut",
]

T = TypeVar("T")
Number = int | float

Status = Literal["achieved", "on_track", "at_risk", "missed", "pending", "needs_review"]


class Page(BaseModel, Generic[T]):
    """One page of a list: ``page`` is 1-based, ``total`` counts every item of the list."""

    items: list[T]
    page: int
    per_page: int
    total: int


class ErrorBody(BaseModel):
    code: str = Field(examples=["E304"])
    status: int = Field(examples=[404])
    message: str
    detail: dict[str, Any] | None = None


class ErrorOut(BaseModel):
    """The envelope of every error answer."""

    error: ErrorBody


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    store: str
    writes: bool = Field(description="whether a token is configured, so that writes are possible")


class StatementOut(BaseModel):
    """A statement record (shared/spec/statements.md) with its store id and provenance."""

    id: int | None = Field(description="the store's id; null in a preview (POST /api/extract)")
    doc: str
    kind: Literal["target", "actual"]
    indicator: str
    indicator_id: str | None
    measure: Literal["level", "growth", "delta"]
    value: Number | None
    value_max: Number | None
    unit: str | None
    qualifier: str
    cumulative: bool
    year: int | None
    region: str | None
    span: list[int] | None = Field(description="[start, end) in the document's original text")
    text: str
    attribute: str | None = None
    damaged: bool = False
    provenance: Literal["extracted", "manual"] = "extracted"
    period: list[int] | None = Field(
        default=None, description="the plan period of a five-year plan's statement"
    )


class _DocumentFields(BaseModel):
    """What the store knows of a document, shared by the list and the detail."""

    doc_id: str
    title: str | None
    file_name: str
    format: str
    encoding: str | None
    doc_type: str
    region: str | None
    region_path: list[str]
    report_year: int | None
    review_year: int | None
    target_year: int | None
    period: list[int] | None
    chars: int


class DocumentOut(_DocumentFields):
    statements: int = Field(description="how many statements the store holds from the document")
    ingested_at: datetime


class DocumentDetail(_DocumentFields):
    """A document with its original text and every statement of it."""

    statement_count: int
    ingested_at: datetime
    files: list[str] = Field(
        description="the files it was read from: the same text in several formats is one document"
    )
    original: str
    statements: list[StatementOut]
    corrected: dict[str, Any] = Field(
        default_factory=dict, description="the metadata a person corrected: region, year, doc_type, title"
    )
    version: int = Field(
        default=1, description="the number of the current extraction (1 + the versions kept)"
    )


class UploadOut(BaseModel):
    document: DocumentOut
    status: Literal["new", "updated", "unchanged", "same_text"]
    statements: list[StatementOut]


class PreviewDocument(BaseModel):
    doc_id: str
    file_name: str
    format: str
    encoding: str | None
    doc_type: str
    title: str | None
    region: str | None
    region_path: list[str]
    report_year: int | None
    review_year: int | None
    target_year: int | None
    period: list[int] | None
    chars: int


class ExtractOut(BaseModel):
    """What a document would give, without storing it."""

    document: PreviewDocument
    original: str
    statements: list[StatementOut]
    corrected: dict[str, Any] = Field(
        default_factory=dict, description="the metadata a person corrected: region, year, doc_type, title"
    )
    version: int = Field(
        default=1, description="the number of the current extraction (1 + the versions kept)"
    )


class SourceOut(BaseModel):
    statement_id: int
    document: str
    span: list[int] | None
    text: str
    kind: str
    provenance: str
    role: str
    year: int | None


class OverrideOut(BaseModel):
    status: Status
    reason: str
    who: str
    when: datetime


class TargetOut(BaseModel):
    """A row's target, as its statement says it."""

    kind: Literal["target"] = "target"
    measure: Literal["level", "growth", "delta"]
    value: float | None
    value_max: float | None
    unit: str | None
    qualifier: str
    cumulative: bool
    year: int | None
    period: list[int] | None = Field(description="a five-year plan target's period, [2021, 2025]")
    attribute: str | None = None
    statement_id: int
    document: str


class ActualOut(BaseModel):
    """The result a row is judged on; ``derived`` says how, when computed from levels."""

    model_config = ConfigDict(extra="allow")

    value: float | None
    unit: str | None
    year: int | None
    measure: str
    qualifier: str
    statement_id: int
    document: str


class LedgerRowOut(BaseModel):
    """``LedgerRow.to_dict()`` with the target's statement id and its status override."""

    id: int | None = Field(description="the target's statement id")
    region: str | None
    indicator_id: str | None
    indicator: str
    category: str | None
    period: str = Field(examples=["2025", "2021-2025"])
    target: TargetOut
    actual: ActualOut | None
    gap: float | None
    required_pace: float | None
    status: Status
    method: str
    sources: list[SourceOut]
    details: dict[str, Any]
    conflict: bool
    target_id: int | None
    override: OverrideOut | None = None


class LedgerPage(Page[LedgerRowOut]):
    """A page of ledger rows; ``counts``: how many rows of each status the filters keep over every
    page (the status filter left out), for the status chips."""

    counts: dict[Status, int]


class RegionCounts(BaseModel):
    region: str | None
    counts: dict[str, int]
    total: int


class SummaryOut(BaseModel):
    regions: list[RegionCounts]
    behind: list[LedgerRowOut] = Field(description="the targets furthest behind, at_risk and missed first")


class OverrideIn(BaseModel):
    status: Status
    reason: str = Field(min_length=1, max_length=2000)


class ActualIn(BaseModel):
    """A result entered by hand."""

    region: str = Field(min_length=1)
    indicator_id: str | None = None
    indicator: str | None = None
    year: int = Field(ge=1900, le=2199)
    value: PlainNumber
    unit: str | None = None
    measure: Literal["level", "growth", "delta"] = "level"
    note: str | None = None


class IndicatorOut(BaseModel):
    id: str
    name: str | None
    category: str | None
    unit: str | None
    polarity: str | None
    statements: int


class SeriesTarget(BaseModel):
    id: int
    year: int | None
    value: Number | None
    value_max: Number | None
    unit: str | None
    measure: str
    qualifier: str
    cumulative: bool
    period: str | None = Field(description="a plan target's period, 2021-2025; null for an annual target")
    doc: str


class SeriesActual(BaseModel):
    id: int
    year: int | None
    value: Number | None
    unit: str | None
    measure: str
    doc: str
    provenance: str


class PathPoint(BaseModel):
    year: int
    value: float


class SeriesOut(BaseModel):
    indicator: IndicatorOut
    region: str | None
    targets: list[SeriesTarget]
    actuals: list[SeriesActual]
    path: list[PathPoint] = Field(
        description="from the latest result to a five-year level target, growing at the pace still needed"
    )
    ledger: list[LedgerRowOut]


class CompareRegion(BaseModel):
    region: str
    value: Number | None
    unit: str | None
    measure: str
    kind: str
    #: the statement and document of the figure; null for a region that has a target but no figure
    id: int | None
    doc: str | None
    #: results of the year that disagree
    conflict: bool = False
    #: the region's target of the year and its ledger status (the override's where there is one)
    target: TargetOut | None = None
    status: Status | None = None
    gap: float | None = None
    period: str | None = None


class RollupPart(BaseModel):
    """A region under the rolled-up one: its figure, share of the sum, contribution and status."""

    region: str
    value: Number | None
    share: float | None
    contribution: float | None
    gap: float | None
    status: Status | None


class Rollup(BaseModel):
    """A region set against the regions under it, in its unit."""

    region: str
    level: str | None
    value: Number | None
    unit: str | None
    measure: str
    children: list[str]
    sum: float | None = Field(description="of the children; only for additive figures (levels, not rates)")
    min: float | None
    max: float | None
    share: float | None = Field(description="sum / value")
    aggregation: Literal["sum", "spread"]
    residual: float | None = Field(description="value - sum: what the children do not account for")
    missing: list[str] = Field(description="children without a figure")
    city_gap: float | None
    parts: list[RollupPart]


class CompareOut(BaseModel):
    indicator: IndicatorOut
    year: int | None
    regions: list[CompareRegion]
    rollup: list[Rollup]


class RegionOut(BaseModel):
    name: str
    level: str | None
    parent: str | None
    full_name: str | None
    statements: int


class StatusOut(BaseModel):
    status: str = Field(examples=["at_risk"])
    label: str = Field(examples=["存在风险"])
    label_en: str = Field(examples=["at risk"])
    colour: str = Field(examples=["#F0A202"], description="RGB hex")


class AuditOut(BaseModel):
    id: int
    who: str
    at: datetime
    table: str
    row_id: int
    field: str
    old: str | None
    new: str | None
    manual_import_id: int | None
