"""The content of an evaluation report: its rows, category sections, chart data and the report itself.

Every cell of a :class:`ReportRow` is already written out; :class:`Report` adds the paragraphs of
总体情况 and of the method note.  The writers (:mod:`.docx`, :mod:`.html`, :mod:`.xlsx`) only
lay these out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from mubiao.ledger import STATUSES, LedgerRow
from mubiao.present.reports.labels import KIND_LABELS, STATUS_LABELS, plan_name
from mubiao.present.reports.sources import SourceNote, compact_numbers

__all__ = ["CategorySection", "CompareItem", "ProgressItem", "Report", "ReportRow", "Series"]


# --------------------------------------------------------------------------- the report's parts


@dataclass(frozen=True)
class ReportRow:
    """One target as the report shows it: every cell already written out."""

    row: LedgerRow
    category: str
    indicator: str
    target: str
    actual: str
    gap: str
    pace: str
    status: str
    notes: tuple[int, ...]
    reason: str
    #: the gap over the target (the larger, the further off); None when it cannot be told
    relative_gap: float | None
    #: the units responsible (supervision tasks): 区统计局（牵头）、区发改委; empty when none
    units: str = ""

    @property
    def reason_with_units(self) -> str:
        """The reason, and who answers for the target when a task names them."""
        return f"{self.reason}（责任单位：{self.units}）" if self.units else self.reason

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def notes_text(self) -> str:
        """The source numbers as a footnote mark: ``[1–4]``, ``[2, 9, 10]``."""
        return f"[{compact_numbers(self.notes)}]" if self.notes else ""


@dataclass(frozen=True)
class CategorySection:
    category: str
    title: str
    rows: tuple[ReportRow, ...]

    @property
    def counts(self) -> Counter[str]:
        return Counter(r.status for r in self.rows)


@dataclass(frozen=True)
class Series:
    """The yearly results of a level target, with the target, for a small line chart."""

    label: str
    label_en: str
    unit: str
    points: tuple[tuple[int, float], ...]
    target_year: int
    target: float
    status: str


@dataclass(frozen=True)
class ProgressItem:
    """How much of a plan target is done (达成度) against how much of the plan's time has passed."""

    label: str
    label_en: str
    achieved: float
    elapsed: float
    status: str


@dataclass(frozen=True)
class CompareItem:
    """A rate target of a year beside its result."""

    label: str
    label_en: str
    target: float
    actual: float
    status: str


@dataclass(frozen=True)
class Report:
    title: str
    region: str
    period: str
    start: int
    end: int
    kind: str
    generated: date
    #: the latest year of the results used
    data_year: int | None
    as_of: int | None
    plan_title: str | None
    categories: tuple[CategorySection, ...]
    risks: tuple[ReportRow, ...]
    review: tuple[ReportRow, ...]
    sources: tuple[SourceNote, ...]
    series: tuple[Series, ...] = ()
    progress: tuple[ProgressItem, ...] = ()
    compare: tuple[CompareItem, ...] = ()
    documents: tuple[tuple[str, str | None], ...] = field(default=())

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def date_label(self) -> str:
        """``2025年3月8日``: written out, since %-m is not portable (Windows has no such code)."""
        d = self.generated
        return f"{d.year}年{d.month}月{d.day}日"

    @property
    def period_label(self) -> str:
        return f"{self.start}年" if self.start == self.end else f"{self.start}—{self.end}年"

    @property
    def rows(self) -> tuple[ReportRow, ...]:
        return tuple(r for c in self.categories for r in c.rows)

    @property
    def counts(self) -> dict[str, int]:
        """The count of every status, in the order of :data:`STATUSES`, zeros included."""
        c = Counter(r.status for r in self.rows)
        return {s: c.get(s, 0) for s in STATUSES}

    @property
    def total(self) -> int:
        return len(self.rows)

    def overview(self) -> list[str]:
        """The paragraphs of 总体情况: what was evaluated and how it stands."""
        counts = self.counts
        what = (
            f"{self.period_label}主要预期目标"
            if self.start == self.end
            else f"{plan_name(self.start, self.end)}纲要主要指标"
        )
        scope = f"本报告对{self.region}{what}的实施情况进行{self.kind_label}。"
        data = f"所用数据截至{self.data_year}年。" if self.data_year else "目前尚无可用的实际数据。"
        if self.as_of is not None:
            data = f"评估以{self.as_of}年为基准年，" + data
        parts = [f"{STATUS_LABELS[s]}{n}项" for s, n in counts.items() if n]
        first = (
            scope
            + data
            + f"纳入评估的目标共{self.total}项"
            + ("，其中" + "、".join(parts) + "。" if parts else "。")
        )
        paras = [first]
        judged = sum(counts[s] for s in ("achieved", "on_track", "at_risk", "missed"))
        if judged:
            good = counts["achieved"] + counts["on_track"]
            paras.append(
                f"在可量化评估的{judged}项目标中，已完成或序时推进的{good}项，占{good / judged:.0%}；"
                f"存在风险或未完成的{judged - good}项，占{(judged - good) / judged:.0%}。"
            )
        if counts["pending"] or counts["needs_review"]:
            paras.append(
                "待数据的目标尚无当期实际数据，待研判的目标为定性目标或无法据现有数据判断进度，"
                "需结合统计部门正式数据和部门报告研判。"
            )
        return paras

    def method_note(self) -> list[str]:
        """How the statuses were judged, in a few sentences a reader can check the tables with."""
        if self.start == self.end:
            return [
                "年度目标以当年实际值与目标值比较：达到目标为“已完成”，未达到为“未完成”；"
                "带“左右”的增速目标允许0.5个百分点的误差，总量目标允许2%的误差。"
            ]
        return [
            f"五年规划目标以基期（{self.start - 1}年）至最新数据年份的实际年均增速与实现目标所需年均增速之比判断进展："
            "比值不低于0.95为“序时推进”，低于0.95为“存在风险”；规划期末仍未达到目标为“未完成”。"
            "累计性目标以已完成累计值推算期末值。“所需增速”为剩余年份实现目标每年所需的增速或增量。",
            "表中“来源”栏的编号对应附件“数据来源”，列明每个数字所在的文件、位置和原文。",
        ]
