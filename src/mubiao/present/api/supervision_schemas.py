"""The bodies of the supervision routes (tasks, splits, progress reports, lights, notices)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

__all__ = [
    "BoardRowOut",
    "DecompositionOut",
    "DueOut",
    "EmailIn",
    "FeedOut",
    "LightOut",
    "NoticeOut",
    "ProgressOut",
    "ReviewProgressIn",
    "SplitIn",
    "SplitOut",
    "TaskIn",
    "TaskOut",
    "TaskTargetOut",
]

Colour = Literal["green", "yellow", "red", "grey", "none"]
Frequency = Literal["monthly", "quarterly"]


class LightOut(BaseModel):
    colour: Colour = Field(
        description="green on schedule, yellow behind within the margin, red behind, grey overdue"
    )
    rule: str = Field(description="the rule and the figures, as the task shows them")
    expected: float | None
    actual: float | None
    ratio: float | None


class ProgressOut(BaseModel):
    id: int
    task_id: int
    task_target_id: int
    unit_id: int
    unit: str
    region: str
    indicator: str
    period: str
    value: float | None
    narrative: str
    evidence_id: int | None
    evidence_name: str | None
    doc_id: str | None
    status: Literal["submitted", "approved", "returned"]
    who: str
    at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_note: str | None
    statement_id: int | None


class TaskTargetOut(BaseModel):
    id: int
    task_id: int
    target_id: int | None
    region: str
    indicator: str
    indicator_id: str | None
    measure: str
    value: float | None
    unit: str | None
    qualifier: str
    text: str
    share: float | None
    kind: Literal["flow", "growth", "bounded", "qualitative"]
    light: LightOut
    period: str | None
    overdue: list[str]
    ledger_status: str | None
    ledger_actual: dict[str, Any] | None
    history: list[ProgressOut]


class TaskOut(BaseModel):
    id: int
    title: str
    region: str
    year: int
    frequency: Frequency
    deadline: date
    due_days: int
    note: str | None
    lead_unit_id: int
    lead_unit: str
    co_unit_ids: list[int]
    co_units: list[str]
    created_by: str
    created_at: datetime
    targets: list[TaskTargetOut]


class TaskIn(BaseModel):
    title: str = Field(min_length=1, max_length=255, examples=["稳增长"])
    targets: list[int] = Field(min_length=1, description="ledger target ids, of one region")
    lead: str = Field(description="the lead unit (牵头单位): its name or id")
    co: list[str] = Field(default_factory=list, description="the co-units (责任单位)")
    frequency: Frequency = "quarterly"
    deadline: date | None = None
    due_days: int | None = Field(None, ge=0, le=60)
    note: str | None = Field(None, max_length=2000)


class SplitIn(BaseModel):
    target_id: int
    shares: dict[str, float] = Field(min_length=1, description="unit name → its part of the target")
    frequency: Frequency = "quarterly"
    deadline: date | None = None


class DecompositionOut(BaseModel):
    target_id: int
    region: str
    indicator: str
    measure: str
    value: float | None
    unit: str | None
    parts: list[tuple[str, float, int]] = Field(description="(unit, share, task id)")
    total: float
    additive: bool
    warning: str | None


class SplitOut(BaseModel):
    tasks: list[TaskOut]
    decomposition: DecompositionOut


class ReviewProgressIn(BaseModel):
    status: Literal["approved", "returned"]
    note: str = Field("", max_length=2000)


class BoardRowOut(BaseModel):
    unit_id: int
    unit: str
    task_id: int
    task: str
    target: TaskTargetOut


class DueOut(BaseModel):
    kind: Literal["due", "overdue"]
    task_id: int
    task: str
    task_target_id: int
    indicator: str
    region: str
    unit_id: int
    unit: str
    period: str
    due: date
    users: list[str]


class NoticeOut(BaseModel):
    id: int
    user: str
    kind: str
    task_target_id: int
    period: str
    day: date
    text: str
    created_at: datetime
    emailed_at: datetime | None
    read_at: datetime | None


class FeedOut(BaseModel):
    path: str = Field(description="the feed's secret address, under this server (shown this once)")


class EmailIn(BaseModel):
    email: str | None = Field(None, max_length=255)
