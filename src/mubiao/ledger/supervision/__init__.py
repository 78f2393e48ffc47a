"""Supervision (督查督办): tasks of units, their progress and its review, 序时进度 lights, reminders.

:class:`Supervision` is the facade (``ledger.supervision``); :mod:`.lights` and :mod:`.periods`
are pure arithmetic; :mod:`.remind` sends reminders (SMTP, in-app notices) and writes the
iCalendar feed of deadlines.
"""

from __future__ import annotations

from mubiao.ledger.supervision.lights import COLOURS, Light, Margins, light, measure_of, seasonal_profile
from mubiao.ledger.supervision.periods import FREQUENCIES, due_date, period_end
from mubiao.ledger.supervision.records import (
    BoardRow,
    Decomposition,
    DueItem,
    EvidenceFile,
    NoticeInfo,
    ProgressInfo,
    RemindSummary,
    TaskInfo,
    TaskTargetInfo,
)
from mubiao.ledger.supervision.tasks import MAX_EVIDENCE, PROGRESS_STATUSES, Supervision, SupervisionConfig

__all__ = [
    "COLOURS",
    "FREQUENCIES",
    "MAX_EVIDENCE",
    "PROGRESS_STATUSES",
    "BoardRow",
    "Decomposition",
    "DueItem",
    "EvidenceFile",
    "Light",
    "Margins",
    "NoticeInfo",
    "ProgressInfo",
    "RemindSummary",
    "Supervision",
    "SupervisionConfig",
    "TaskInfo",
    "TaskTargetInfo",
    "due_date",
    "light",
    "measure_of",
    "period_end",
    "seasonal_profile",
]
