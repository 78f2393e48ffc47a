"""What the supervision facade returns: plain frozen records, one shape for every face."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from mubiao.ledger.supervision.lights import Light

__all__ = [
    "BoardRow",
    "Decomposition",
    "DueItem",
    "EvidenceFile",
    "NoticeInfo",
    "ProgressInfo",
    "RemindSummary",
    "TaskInfo",
    "TaskTargetInfo",
]


@dataclass(frozen=True)
class ProgressInfo:
    """A unit's progress report on a task target for a period, and its review."""

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
    status: str
    who: str
    at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_note: str | None
    #: the ledger result an approved whole-year figure became
    statement_id: int | None


@dataclass(frozen=True)
class TaskTargetInfo:
    """A target of a task (as assigned), its light as of a day and its reports."""

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
    #: the unit's part of a split target; None: the whole target
    share: float | None
    #: flow, growth, bounded or qualitative: the rule of the light
    kind: str
    light: Light
    #: the period of the figure the light judges
    period: str | None
    #: periods whose report is overdue
    overdue: tuple[str, ...]
    #: the ledger row's status and result (a published figure wins over a reported one)
    ledger_status: str | None = None
    ledger_actual: dict[str, object] | None = None
    history: tuple[ProgressInfo, ...] = ()

    @property
    def goal(self) -> float | None:
        """What the unit answers for: its share of a split target, else the target."""
        return self.share if self.share is not None else self.value


@dataclass(frozen=True)
class TaskInfo:
    id: int
    title: str
    region: str
    year: int
    frequency: str
    deadline: date
    due_days: int
    note: str | None
    lead_unit_id: int
    lead_unit: str
    co_unit_ids: tuple[int, ...]
    co_units: tuple[str, ...]
    created_by: str
    created_at: datetime
    targets: tuple[TaskTargetInfo, ...] = ()

    @property
    def unit_ids(self) -> tuple[int, ...]:
        return (self.lead_unit_id, *self.co_unit_ids)


@dataclass(frozen=True)
class Decomposition:
    """A region's target split among units (任务分解), and whether the parts add up."""

    target_id: int
    region: str
    indicator: str
    measure: str
    value: float | None
    unit: str | None
    #: (unit, share, task id)
    parts: tuple[tuple[str, float, int], ...]
    total: float
    #: whether parts of this target add up to the whole (levels do; growth and rates do not)
    additive: bool
    #: what the check found; None when the parts add up (or there are none)
    warning: str | None


@dataclass(frozen=True)
class BoardRow:
    """One unit's task target on a supervision board."""

    unit_id: int
    unit: str
    task_id: int
    task: str
    target: TaskTargetInfo
    #: the task's year
    year: int = 0


@dataclass(frozen=True)
class DueItem:
    """A report due or overdue: a unit's task target for a period, and who should give it."""

    kind: str  # due or overdue
    task_id: int
    task: str
    task_target_id: int
    indicator: str
    region: str
    unit_id: int
    unit: str
    period: str
    due: date
    users: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class NoticeInfo:
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


@dataclass(frozen=True)
class RemindSummary:
    due: int
    overdue: int
    #: notices made today (a second run the same day makes none)
    notices: int
    emails: int
    #: e-mails that could not be sent (tried again on the next run)
    failed: int
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvidenceFile:
    id: int
    file_name: str
    content_type: str
    data: bytes
