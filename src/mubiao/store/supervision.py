"""Supervision (督查督办): tasks given to units, the units' progress reports, evidence and notices.

A *task* (任务) gives one or more ledger targets of a region to a lead unit (牵头单位), with
co-units (责任单位), a deadline and a reporting frequency (monthly or quarterly).  Each target of a
task is a *task target*: a snapshot of the target as assigned (indicator, measure, value, unit,
qualifier), so that a document extracted again — which gives its statements new ids — leaves the
task whole; and, when the region's target was split among units (任务分解), the unit's *share*.

A *progress report* (进度报送) is a unit's figure for one task target and one period (``2025-03``,
``2025-Q1``): the value to date, a narrative and evidence (a file kept in the store, or a stored
document).  A supervisor approves it or returns it with a comment; a returned report is answered by
a new one, so every row is history.  An approved whole-year figure becomes a ledger result
(``statement_id``).

*Evidence* files are kept in the store itself, as the documents' text is: a backup of the store
holds them, and SQLite and PostgreSQL keep them alike.

A *notice* (催办) is a reminder given to a user on a day: unique per user, task target, period,
kind and day, so that a daily run gives each reminder once.

*Monthly figures* are an imported monthly series of an indicator (当月值), from which seasonal
profiles of 序时进度 are drawn.

Every change is written with an audit row naming the user, in the same transaction
(:func:`mubiao.store.people.audit_row`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from mubiao.store import models as m

__all__ = [
    "Evidence",
    "MonthlyFigure",
    "Notice",
    "Progress",
    "Task",
    "TaskTarget",
    "TaskUnit",
]

BigId = BigInteger().with_variant(Integer(), "sqlite")


class Task(m.Base):
    """Targets of a region given to a lead unit, with a deadline and a reporting frequency."""

    __tablename__ = "sup_tasks"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    title: Mapped[str] = mapped_column(String(255))
    region: Mapped[str] = mapped_column(String(64), index=True)
    year: Mapped[int] = mapped_column(Integer)
    #: monthly or quarterly
    frequency: Mapped[str] = mapped_column(String(16))
    deadline: Mapped[date] = mapped_column(Date)
    #: a period's report is due this many days after the period ends
    due_days: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TaskUnit(m.Base):
    """A unit of a task: its lead unit (one) and its co-units."""

    __tablename__ = "sup_task_units"

    task_id: Mapped[int] = mapped_column(ForeignKey("sup_tasks.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    #: lead or co
    role: Mapped[str] = mapped_column(String(8))


class TaskTarget(m.Base):
    """A target of a task, as it was when assigned, and the unit's share of it when split."""

    __tablename__ = "sup_task_targets"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("sup_tasks.id", ondelete="CASCADE"), index=True)
    #: the ledger target; NULL once its document is gone (the snapshot below remains)
    target_id: Mapped[int | None] = mapped_column(
        ForeignKey("statements.id", ondelete="SET NULL"), index=True
    )
    region: Mapped[str] = mapped_column(String(64))
    indicator: Mapped[str] = mapped_column(String(255))
    indicator_id: Mapped[str | None] = mapped_column(String(64))
    measure: Mapped[str] = mapped_column(String(8))
    value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(32))
    qualifier: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    #: the unit's part of the region's target (任务分解), in the target's unit; NULL: the whole
    share: Mapped[float | None] = mapped_column(Float)


class Evidence(m.Base):
    """A file a unit gave as evidence of its progress, kept in the store."""

    __tablename__ = "sup_evidence"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    who: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Progress(m.Base):
    """A unit's progress on a task target in a period, and its review."""

    __tablename__ = "sup_progress"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    task_target_id: Mapped[int] = mapped_column(
        ForeignKey("sup_task_targets.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    #: 2025-03 (monthly) or 2025-Q1 (quarterly)
    period: Mapped[str] = mapped_column(String(8))
    #: the value to date: cumulative for a level, year-to-date growth, the current rate
    value: Mapped[float | None] = mapped_column(Float)
    narrative: Mapped[str] = mapped_column(Text)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("sup_evidence.id", ondelete="SET NULL"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    #: submitted, approved or returned
    status: Mapped[str] = mapped_column(String(16))
    who: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reviewed_by: Mapped[str | None] = mapped_column(String(128))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    review_note: Mapped[str | None] = mapped_column(Text)
    #: the ledger result an approved whole-year figure became
    statement_id: Mapped[int | None] = mapped_column(ForeignKey("statements.id", ondelete="SET NULL"))


class Notice(m.Base):
    """A reminder (催办) or a review's news given to a user on a day, in the app and perhaps by e-mail."""

    __tablename__ = "sup_notices"
    __table_args__ = (UniqueConstraint("user_id", "task_target_id", "period", "kind", "day"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    task_target_id: Mapped[int] = mapped_column(ForeignKey("sup_task_targets.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(8))
    #: due, overdue, returned or approved
    kind: Mapped[str] = mapped_column(String(16))
    day: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MonthlyFigure(m.Base):
    """A month's figure of an indicator in a region (当月值), imported for seasonal profiles."""

    __tablename__ = "sup_monthly"
    __table_args__ = (UniqueConstraint("region", "indicator_id", "year", "month"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    region: Mapped[str] = mapped_column(String(64))
    indicator_id: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    who: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
