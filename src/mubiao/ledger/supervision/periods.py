"""Reporting periods of a year: ``2025-03`` (a month) and ``2025-Q1`` (a quarter).

A period ends on its last day; its report is due a number of days after (``due_days``), so that
the figures of March, which the statistics bureau gives in April, are due on 10 April by default.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal

from mubiao.errors import UsageError

__all__ = ["FREQUENCIES", "Frequency", "due_date", "end_month", "period_end", "periods", "year_of"]

Frequency = Literal["monthly", "quarterly"]
FREQUENCIES: tuple[Frequency, ...] = ("monthly", "quarterly")
_PERIOD = re.compile(r"^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$")


def periods(year: int, frequency: str) -> list[str]:
    """The periods of ``year``, in order."""
    if frequency == "monthly":
        return [f"{year}-{m:02d}" for m in range(1, 13)]
    if frequency == "quarterly":
        return [f"{year}-Q{q}" for q in range(1, 5)]
    raise UsageError(f"a frequency is monthly or quarterly, not {frequency!r} / 报送频率须为按月或按季")


def _parse(period: str) -> tuple[int, int]:
    found = _PERIOD.match(period)
    if found is None:
        raise UsageError(f"a period is as 2025-03 or 2025-Q1, not {period!r} / 报送期次格式有误")
    year = int(found.group(1))
    month = int(found.group(2)) if found.group(2) else int(found.group(3)) * 3
    return year, month


def year_of(period: str) -> int:
    return _parse(period)[0]


def end_month(period: str) -> int:
    """The last month a period covers: 3 for 2025-03 and for 2025-Q1."""
    return _parse(period)[1]


def period_end(period: str) -> date:
    year, month = _parse(period)
    return date(year, month, calendar.monthrange(year, month)[1])


def due_date(period: str, due_days: int) -> date:
    return period_end(period) + timedelta(days=due_days)


def is_last(period: str) -> bool:
    """Whether the period ends the year (its figure is the whole year's)."""
    return end_month(period) == 12
