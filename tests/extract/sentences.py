"""Short self-written reports around a sentence, for the rule families' tables."""

from __future__ import annotations

import mubiao
from mubiao.statement import Statement

#: a report delivered in January 2026: its review is of 2025, its targets are for 2026
REPORT = (
    "政府工作报告\n——2026年1月20日在某市第五届人民代表大会第四次会议上\n一、2025年工作回顾\n{review}\n"
    "二、2026年工作安排\n{targets}\n"
)

Row = tuple[str, str, str, float | None, str | None, str, int | None]


def run(review: str = "", targets: str = "") -> list[Statement]:
    """The statements of a report whose review section holds ``review`` and whose plan ``targets``."""
    return mubiao.extract(mubiao.read_text(REPORT.format(review=review, targets=targets), doc_id="r"))


def rows(sts: list[Statement]) -> list[Row]:
    return [(s.kind, s.indicator, s.measure, s.value, s.unit, s.qualifier, s.year) for s in sts]
