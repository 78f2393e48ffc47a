"""The content of an evaluation report, computed once from ledger rows and shared by every format.

:func:`build_model` turns the ledger rows of one region into a :class:`Report`: its title and
kind (中期评估, 末期评估, 年度跟踪), the count of each status, the rows grouped by the registry's
category (其他 for rows without one), the targets at risk or missed sorted by how far they are
from their target, the data of the charts, and numbered source notes — every statement a figure
of the report rests on, numbered in order of first use, so that each table cell can point to the
passage it was read from.  The writers (:mod:`.docx`, :mod:`.html`, :mod:`.xlsx`) only lay this
out; nothing is computed twice, so the three formats cannot disagree.

Every text here is the text a reader sees, in Chinese: figures with their units, statuses as the
supervision offices write them (已完成, 序时推进, 存在风险, 未完成, 待数据, 待研判).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from mubiao.errors import UsageError
from mubiao.ledger.evaluate import STATUSES, convert_unit
from mubiao.ledger.export import format_target
from mubiao.ledger.records import LedgerRow, Source, StatementRecord
from mubiao.ledger.registry import CATEGORIES

__all__ = [
    "CATEGORY_TITLES",
    "KINDS",
    "KIND_LABELS",
    "OTHER",
    "ROLE_LABELS",
    "STATUS_LABELS",
    "CategorySection",
    "CompareItem",
    "ProgressItem",
    "Report",
    "ReportRow",
    "Series",
    "SourceNote",
    "build_model",
    "clean_text",
    "compact_numbers",
    "fmt_number",
    "parse_period",
    "resolve_kind",
]

STATUS_LABELS: dict[str, str] = {
    "achieved": "已完成",
    "on_track": "序时推进",
    "at_risk": "存在风险",
    "missed": "未完成",
    "pending": "待数据",
    "needs_review": "待研判",
}
#: English status names for charts drawn without a CJK font
STATUS_LABELS_EN: dict[str, str] = {
    "achieved": "achieved",
    "on_track": "on track",
    "at_risk": "at risk",
    "missed": "missed",
    "pending": "pending",
    "needs_review": "needs review",
}
KINDS: tuple[str, ...] = ("auto", "midterm", "final", "annual")
KIND_LABELS: dict[str, str] = {"midterm": "中期评估", "final": "末期评估", "annual": "年度跟踪"}
OTHER = "其他"
#: section headings of the categories, as the chapters of a plan name them
CATEGORY_TITLES: dict[str, str] = {
    "经济": "经济发展",
    "创新": "科技创新",
    "开放": "对外开放",
    "民生": "民生福祉",
    "社会": "社会事业",
    "环境": "生态环境",
    "安全": "安全保障",
    "治理": "治理能力",
    OTHER: "其他指标",
}
ROLE_LABELS: dict[str, str] = {
    "target": "目标",
    "baseline": "基期值",
    "actual": "实际值",
    "evidence": "佐证",
    "superseded": "被替代值",
}
_PROGRESS_LABELS = {
    "substantial": "进展良好",
    "fair": "进展一般，需加快推进",
    "limited": "进展有限",
    "deterioration": "与目标反向变化",
}
#: the plans people name by their number (“十四五”), not by their years
_PLAN_NAMES = {(2016, 2020): "“十三五”", (2021, 2025): "“十四五”", (2026, 2030): "“十五五”"}
_PERCENTISH = ("%", "个百分点")


# --------------------------------------------------------------------------- the report's parts


@dataclass(frozen=True)
class SourceNote:
    """A numbered passage the report rests on: one or more statements read from one place."""

    number: int
    statement_ids: tuple[int, ...]
    document: str
    document_title: str | None
    #: what the passage gives the report: (role, year) — a plan's table row is target and baseline
    uses: tuple[tuple[str, int | None], ...]
    span: tuple[int, int] | None
    text: str
    provenance: str

    @property
    def uses_label(self) -> str:
        """``目标（2025年）、基期值（2020年）``."""
        return "、".join(
            ROLE_LABELS.get(role, role or "—") + (f"（{year}年）" if year is not None else "")
            for role, year in self.uses
        )

    @property
    def where(self) -> str:
        """The passage's place in its document, as a reader can find it again."""
        if self.provenance == "manual":
            return "人工录入"
        if self.span is None:
            return "—"
        return f"第{self.span[0]}–{self.span[1]}字"


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

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def notes_text(self) -> str:
        """The source numbers as a footnote mark: ``[1–4]``, ``[2, 9, 10]``."""
        return f"[{compact_numbers(self.notes)}]" if self.notes else ""


def compact_numbers(numbers: Iterable[int]) -> str:
    """``1, 2, 3, 4, 9`` → ``1–4, 9``: runs of three or more as a range."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{ordered[i]}–{ordered[j]}")
        else:
            parts.extend(str(n) for n in ordered[i : j + 1])
        i = j + 1
    return ", ".join(parts)


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


# --------------------------------------------------------------------------- periods and kinds


_PERIOD = re.compile(r"^\s*((?:19|20)\d\d)\s*(?:[-–—~至到]\s*((?:19|20)\d\d))?\s*年?\s*$")


def parse_period(period: str) -> tuple[int, int]:
    """``"2021-2025"`` → (2021, 2025); ``"2025"`` → (2025, 2025); anything else is a UsageError."""
    m = _PERIOD.match(period)
    if not m:
        raise UsageError(f"a period is a year (2025) or two years (2021-2025), not {period!r}")
    start = int(m.group(1))
    end = int(m.group(2) or start)
    if end < start:
        raise UsageError(f"the period {period!r} ends before it starts")
    return start, end


def period_key(start: int, end: int) -> str:
    """The period as ledger rows write it: ``"2025"`` or ``"2021-2025"``."""
    return str(start) if start == end else f"{start}-{end}"


def resolve_kind(kind: str, start: int, end: int, data_year: int | None) -> str:
    """The report's kind; ``auto``: one year → annual, else final once the data reach the plan's end."""
    if kind not in KINDS:
        raise UsageError(f"the report kind is one of {', '.join(KINDS)}, not {kind!r}")
    if kind != "auto":
        return kind
    if start == end:
        return "annual"
    return "final" if data_year is not None and data_year >= end else "midterm"


def plan_name(start: int, end: int) -> str:
    return f"{_PLAN_NAMES[(start, end)]}规划" if (start, end) in _PLAN_NAMES else f"{start}—{end}年规划"


def _title(
    region: str, start: int, end: int, kind: str, plan_title: str | None, data_year: int | None
) -> str:
    label = KIND_LABELS[kind]
    if start == end:
        return f"{region}{start}年主要目标任务完成情况{label}报告"
    if plan_title:
        name = plan_title if plan_title.startswith("《") else f"《{plan_title}》"
        title = f"{name}实施情况{label}报告"
    else:
        title = f"{region}{plan_name(start, end)}纲要实施情况{label}报告"
    if kind == "annual" and data_year is not None:
        title += f"（{data_year}年）"
    return title


# --------------------------------------------------------------------------- numbers as written

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """A quoted passage on one line: a table row's tabs and line breaks become single spaces.

    Control characters go too: XML (DOCX, XLSX) cannot hold them.
    """
    return _SPACE.sub(" ", _CONTROL.sub(" ", text)).strip()


def fmt_number(v: float, digits: int = 2) -> str:
    """``497.2``, ``5.85``, ``3600``: at most ``digits`` decimals, no trailing zeros, a true minus."""
    if not math.isfinite(v):
        return "—"
    text = f"{round(v, digits):.{digits}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace("-", "−")


def _abs_number(v: float, digits: int = 2) -> str:
    return fmt_number(abs(v), digits)


def _is_plan(row: LedgerRow) -> bool:
    return "-" in row.period


def _gap_unit(row: LedgerRow) -> str:
    t = row.target
    unit = t.get("unit") or ""
    if t.get("measure") == "growth" or unit in _PERCENTISH:
        return "个百分点"
    return unit


def _target_text(row: LedgerRow, claims: Mapping[int, str]) -> str:
    t = row.target
    if t.get("value") is None:
        sid = t.get("statement_id")
        said = claims.get(sid) if isinstance(sid, int) else None
        return f"定性：{said}" if said else "定性目标"
    if t.get("measure") == "delta":
        v = float(t["value"])
        return ("提高" if v >= 0 else "降低") + f"{_abs_number(v)}{t.get('unit') or ''}"
    text = format_target(t)
    if _is_plan(row) and t.get("measure") == "growth" and not t.get("cumulative"):
        text = "年均" + text
    return text


def _actual_text(row: LedgerRow) -> str:
    a = row.actual
    if not a or a.get("value") is None:
        return "—"
    v = float(a["value"])
    unit = a.get("unit") or ""
    years = a.get("years")
    when = f"{a['year']}年" if a.get("year") is not None else ""
    if a.get("cumulative") and years:
        lo, hi = min(years), max(years)
        span = f"{lo}—{hi}年" if lo != hi else f"{lo}年"
        return f"累计{fmt_number(v)}{unit}（{span}）"
    if a.get("measure") == "growth":
        word = "增长" if v >= 0 else "下降"
        if _is_plan(row) and row.target.get("measure") == "growth" and a.get("derived"):
            word = "年均" + word
        return f"{word}{_abs_number(v)}{unit}（{when}）" if when else f"{word}{_abs_number(v)}{unit}"
    if a.get("derived") and row.method == "per_year":
        return f"年均{fmt_number(v)}{unit}（截至{when}）"
    return f"{fmt_number(v)}{unit}（{when}）" if when else f"{fmt_number(v)}{unit}"


def _gap_text(row: LedgerRow) -> str:
    if row.gap is None:
        return "—"
    unit = _gap_unit(row)
    if row.gap <= 0:
        if abs(row.gap) < 1e-9:
            return "0"
        better = "优于目标" if row.details.get("polarity") == "lower" else "超出"
        return f"{better}{_abs_number(row.gap)}{unit}"
    suffix = "/年" if row.method == "per_year" else ""
    return f"{fmt_number(row.gap)}{unit}{suffix}"


def _pace_text(row: LedgerRow) -> str:
    if row.required_pace is None or row.status == "achieved":
        return "—"
    p = float(row.required_pace)
    d = row.details
    if row.method in ("cumulative", "per_year"):
        unit = str(d.get("required_pace_unit") or row.target.get("unit") or "").removesuffix("/年")
        return f"每年需{fmt_number(p)}{unit}"
    t = row.target
    unit = t.get("unit") or ""
    if t.get("measure") in ("level", "delta") and (unit in _PERCENTISH) and "linear_pace_required" in d:
        # a share moves by points a year; its relative growth means little to a reader
        lin = float(d["linear_pace_required"])
        period = d.get("period") or []
        latest = d.get("latest_year")
        lead = (
            f"{period[1]}年需"
            if len(period) == 2 and latest is not None and int(period[1]) - int(latest) == 1
            else "年均"
        )
        return lead + ("提高" if lin >= 0 else "降低") + f"{_abs_number(lin)}个百分点"
    period = d.get("period") or []
    latest = d.get("latest_year")
    last_year = len(period) == 2 and latest is not None and int(period[1]) - int(latest) == 1
    # with one year left the pace is that year's, not an average
    lead = f"{period[1]}年需" if last_year else "年均"
    text = lead + ("增长" if p >= 0 else "下降") + f"{_abs_number(p)}%"
    if t.get("measure") == "level" and "linear_pace_required" in d and unit:
        lin = float(d["linear_pace_required"])
        text += f"（{'需' if last_year else '年均'}{'增加' if lin >= 0 else '减少'}{_abs_number(lin)}{unit}）"
    return text


def _relative_gap(row: LedgerRow) -> float | None:
    if row.gap is None:
        return None
    t = row.target
    d = row.details
    ref: Any = t.get("value")
    if t.get("measure") == "delta" and d.get("target_level") is not None:
        ref = d["target_level"]
    elif row.method == "per_year" and t.get("value") is not None:
        ref = t["value"]
    if ref is None or abs(float(ref)) < 1e-9:
        return None
    return float(row.gap) / abs(float(ref))


_COUNT_UNITS = frozenset("家个所件项人户座台辆套处条")


def _digits(v: float, unit: str) -> int:
    """Decimals worth showing for a projection: none for counts, one for hundreds and up."""
    if unit in _COUNT_UNITS:
        return 0
    return 1 if abs(v) >= 100 else 2


def _pct(v: Any) -> str:
    return f"{float(v):.0%}"


def _reason(row: LedgerRow, target: str) -> str:
    """Why the row has its status, from its ``details``: what a reader needs to act on it."""
    computed = row.details.get("computed_status")
    why = _computed_reason(row, target)
    if computed and computed != row.status:
        # a reviewer overrode the computed status: say so, and keep what the figures say
        label = STATUS_LABELS.get(str(computed), str(computed))
        return (
            f"经人工研判认定为“{STATUS_LABELS.get(row.status, row.status)}”（按数据计算为“{label}”）。" + why
        )
    return why


def _computed_reason(row: LedgerRow, target: str) -> str:
    d = row.details
    t = row.target
    unit = t.get("unit") or ""
    parts: list[str] = []
    if row.status == "pending":
        return "尚无实际数据，待统计数据发布后评估。"
    if row.status == "needs_review":
        if d.get("evidence"):
            return "定性目标，已有相关实际数据作为佐证，需结合部门报告研判。"
        if t.get("value") is None:
            return "定性目标，尚无佐证数据，需结合部门报告研判。"
        return "现有数据不足以判断进度，需人工研判。"
    if row.method == "annual":
        a = row.actual or {}
        if a.get("value") is not None:
            parts.append(
                f"{a.get('year') or t.get('year')}年实际{_actual_text(row).split('（')[0]}，目标{target}"
            )
        if row.gap is not None and row.gap > 0:
            parts.append(f"差距{_gap_text(row)}")
        if d.get("derived"):
            parts.append("增速由相邻年份总量推算")
        return "；".join(parts) + "。"
    if row.method in ("cumulative", "per_year"):
        if d.get("sum") is not None:
            known = d.get("years_known") or {}
            years = sorted(int(y) for y in known) if known else []
            span = f"{years[0]}—{years[-1]}年" if len(years) > 1 else (f"{years[0]}年" if years else "")
            total = d.get("total_target", t.get("value"))
            share = f"，完成目标的{_pct(d['sum'] / total)}" if total else ""
            parts.append(f"{span}累计完成{fmt_number(d['sum'])}{unit}{share}")
        missing = [int(y) for y in d.get("years_missing") or []]
        future = [int(y) for y in d.get("years_open") or [] if int(y) not in missing]
        if missing:
            parts.append(f"{'、'.join(str(y) for y in missing)}年数据缺失，未计入累计")
        if d.get("per_open_year_needed") is not None and (future or missing):
            n = len(future) + len(missing)
            parts.append(f"剩余{n}个年度每年需完成{fmt_number(d['per_open_year_needed'])}{unit}")
    elif t.get("measure") == "growth":
        if d.get("achieved_rate") is not None:
            parts.append(
                f"规划期以来年均增长{fmt_number(d['achieved_rate'])}%，低于目标{fmt_number(d['target_rate'])}%"
                if row.gap is not None and row.gap > 0
                else f"规划期以来年均增长{fmt_number(d['achieved_rate'])}%"
            )
        if d.get("years_missing"):
            parts.append(f"{'、'.join(str(y) for y in d['years_missing'])}年增速数据缺失，按已有年份平均")
        if row.required_pace is not None and row.status != "achieved":
            pace = _pace_text(row)
            parts.append("实现目标" + ("剩余年份需" + pace if pace.startswith("年均") else f"，{pace}"))
    else:
        if unit == "个百分点":
            unit = "%"  # a delta target moves a share: its levels are in %
        if d.get("latest") is not None:
            parts.append(f"{d.get('latest_year')}年为{fmt_number(d['latest'])}{unit}")
        if d.get("achievement_share") is not None and d.get("time_share") is not None:
            done, elapsed = float(d["achievement_share"]), float(d["time_share"])
            word = "快于" if done >= elapsed else "慢于"
            parts.append(f"目标完成进度{_pct(done)}，{word}时间进度{_pct(elapsed)}")
        proj = (d.get("unsd") or {}).get("projected")
        if proj is not None and row.status in ("at_risk", "on_track"):
            end = (d.get("period") or [None, t.get("year")])[1]
            parts.append(
                f"按现有增速推算{end}年约为{fmt_number(float(proj), _digits(float(proj), unit))}{unit}"
            )
        if row.status == "missed":
            parts.append("规划期末未达到目标")
    progress = d.get("progress")
    if progress in _PROGRESS_LABELS and row.status in ("at_risk", "on_track"):
        parts.append(_PROGRESS_LABELS[progress])
    if row.conflict:
        parts.append("不同文件所载数字不一致，已采用较新的数字")
    return "；".join(p for p in parts if p) + "。" if parts else ""


_ENUM = re.compile(r"^\s*\d+\s*")
_ATTRIBUTES = ("预期性", "约束性")


def qualitative_claim(indicator: str, text: str) -> str | None:
    """What a qualitative target says beyond its indicator: 稳中提质, 完成市下达任务.

    The text is the statement's sentence or table row; the indicator's words and a table's
    number, unit and attribute cells are dropped.
    """
    text = text.strip().rstrip("。；;，,")
    rest = text.split(indicator, 1)[1] if indicator and indicator in text else text
    if not rest.strip("。；;，, "):
        rest = text  # 完成市下达的主要污染物减排任务: the aim is the whole sentence
    tokens = [tok for tok in re.split(r"[\s—]+", _ENUM.sub("", rest)) if tok]
    kept = [tok for tok in tokens if re.search(r"[\u4e00-\u9fff]", tok) and tok not in _ATTRIBUTES]
    # a table row leaves 降低 (the measure's column) beside 完成市下达任务: the longest cell is the aim
    said = max(kept, key=len, default="").strip("，,；;。")
    return said or None


# --------------------------------------------------------------------------- building


class _Notes:
    """Source notes numbered in order of first use, one per passage (document, span and text)."""

    def __init__(self, titles: Mapping[str, str | None]) -> None:
        self._titles = titles
        self._notes: dict[tuple[Any, ...], SourceNote] = {}

    def numbers(self, sources: Iterable[Source]) -> tuple[int, ...]:
        out: list[int] = []
        for s in sources:
            key: tuple[Any, ...] = (s.document, s.span, s.text) if s.span else ("statement", s.statement_id)
            use = (s.role or s.kind, s.year)
            note = self._notes.get(key)
            if note is None:
                note = SourceNote(
                    number=len(self._notes) + 1,
                    statement_ids=(s.statement_id,),
                    document=s.document,
                    document_title=self._titles.get(s.document),
                    uses=(use,),
                    span=s.span,
                    text=clean_text(s.text),
                    provenance=s.provenance,
                )
            else:
                if s.statement_id not in note.statement_ids:
                    note = replace(note, statement_ids=(*note.statement_ids, s.statement_id))
                if use not in note.uses:
                    note = replace(note, uses=(*note.uses, use))
            self._notes[key] = note
            if note.number not in out:
                out.append(note.number)
        return tuple(out)

    def all(self) -> tuple[SourceNote, ...]:
        return tuple(sorted(self._notes.values(), key=lambda n: n.number))


def _category(row: LedgerRow) -> str:
    return row.category if row.category in CATEGORIES else OTHER


def _label_en(row: LedgerRow, n: int) -> str:
    return row.indicator_id or f"indicator {n}"


def _series(rows: Sequence[ReportRow], records: Mapping[int, StatementRecord]) -> tuple[Series, ...]:
    out: list[Series] = []
    for i, rr in enumerate(rows, start=1):
        row = rr.row
        t = row.target
        if not _is_plan(row) or t.get("value") is None or row.method in ("review", "cumulative", "per_year"):
            continue
        if t.get("measure") not in ("level", "delta"):
            continue
        unit = t.get("unit") or ""
        target = float(t["value"])
        if t.get("measure") == "delta":
            if row.details.get("target_level") is None:
                continue
            target = float(row.details["target_level"])
            unit = "%" if unit == "个百分点" else unit
        points: dict[int, float] = {}
        for s in row.sources:
            rec = records.get(s.statement_id)
            if s.role not in ("baseline", "actual") or rec is None or rec.year is None or rec.value is None:
                continue
            if rec.measure != "level" or rec.cumulative:
                continue
            v = convert_unit(rec.value, rec.unit, unit)
            if v is not None:
                points.setdefault(rec.year, v)
        if len(points) < 2 or t.get("year") is None:
            continue
        if any(
            (o.label, o.points, o.target) == (rr.indicator, tuple(sorted(points.items())), target)
            for o in out
        ):
            continue  # the level and the delta target of one share draw the same line
        out.append(
            Series(
                label=rr.indicator,
                label_en=_label_en(row, i),
                unit=unit,
                points=tuple(sorted(points.items())),
                target_year=int(t["year"]),
                target=target,
                status=row.status,
            )
        )
    return tuple(out)


def _progress(rows: Sequence[ReportRow]) -> tuple[ProgressItem, ...]:
    out: list[ProgressItem] = []
    for i, rr in enumerate(rows, start=1):
        row = rr.row
        d = row.details
        if not _is_plan(row):
            continue
        achieved = elapsed = None
        if d.get("achievement_share") is not None and d.get("time_share") is not None:
            achieved, elapsed = float(d["achievement_share"]), float(d["time_share"])
        elif row.method == "cumulative" and d.get("sum") is not None and row.target.get("value"):
            period = d.get("period") or []
            actual = row.actual or {}
            if len(period) == 2 and actual.get("year") is not None:
                b, end = int(period[0]), int(period[1])
                achieved = float(d["sum"]) / float(row.target["value"])
                elapsed = (int(actual["year"]) - b + 1) / (end - b + 1)
        if achieved is None or elapsed is None:
            continue
        label = rr.indicator + ("（累计）" if row.method == "cumulative" else "")
        item = ProgressItem(label, _label_en(row, i), achieved, elapsed, row.status)
        # a share's level and delta targets (3.5%, 提高0.7个百分点) are one bar
        if not any(
            (o.label, o.achieved, o.elapsed) == (item.label, item.achieved, item.elapsed) for o in out
        ):
            out.append(item)
    return tuple(out)


def _compare(rows: Sequence[ReportRow]) -> tuple[CompareItem, ...]:
    out: list[CompareItem] = []
    for i, rr in enumerate(rows, start=1):
        row = rr.row
        t, a = row.target, row.actual or {}
        if _is_plan(row) or t.get("measure") != "growth" or t.get("value") is None:
            continue
        if a.get("value") is None or a.get("unit") != "%":
            continue
        out.append(
            CompareItem(rr.indicator, _label_en(row, i), float(t["value"]), float(a["value"]), row.status)
        )
    return tuple(out)


def select_rows(rows: Iterable[LedgerRow], start: int, end: int) -> list[LedgerRow]:
    """The rows of the period: a plan's targets for two years, a year's own targets for one."""
    key = period_key(start, end)
    return [r for r in rows if r.period == key]


def default_period(rows: Iterable[LedgerRow]) -> tuple[int, int] | None:
    """The latest plan period among the rows, else the latest year with targets."""
    plans: list[tuple[int, int]] = []
    years: list[int] = []
    for r in rows:
        try:
            start, end = parse_period(r.period)
        except UsageError:
            continue
        if start == end:
            years.append(start)
        else:
            plans.append((start, end))
    if plans:
        return max(plans, key=lambda p: (p[1], p[0]))
    return (max(years), max(years)) if years else None


def data_year_of(rows: Iterable[LedgerRow]) -> int | None:
    years = [int(r.actual["year"]) for r in rows if r.actual and r.actual.get("year") is not None]
    return max(years) if years else None


def build_model(
    rows: Sequence[LedgerRow],
    *,
    region: str,
    start: int,
    end: int,
    kind: str,
    as_of: int | None = None,
    generated: date | None = None,
    records: Mapping[int, StatementRecord] | None = None,
    titles: Mapping[str, str | None] | None = None,
    plan_title: str | None = None,
) -> Report:
    """The report of ``rows`` (already those of the region and period).

    ``records`` (statement id → record) give the yearly values of the line charts; ``titles``
    (document id → title) name the documents in the source notes; both may be empty.
    """
    records = records or {}
    titles = titles or {}
    data_year = data_year_of(rows)
    kind = resolve_kind(kind, start, end, as_of if as_of is not None else data_year)
    claims: dict[int, str] = {}
    for r in rows:
        sid = r.target.get("statement_id")
        if r.target.get("value") is None and isinstance(sid, int):
            text = next((s.text for s in r.sources if s.statement_id == sid), "")
            said = qualitative_claim(r.indicator, text)
            if said:
                claims[sid] = said

    notes = _Notes(titles)
    grouped: dict[str, list[LedgerRow]] = {}
    for r in rows:
        grouped.setdefault(_category(r), []).append(r)
    sections: list[CategorySection] = []
    for cat in (*CATEGORIES, OTHER):
        items = grouped.get(cat)
        if not items:
            continue
        report_rows: list[ReportRow] = []
        for r in items:
            target = _target_text(r, claims)
            report_rows.append(
                ReportRow(
                    row=r,
                    category=cat,
                    indicator=r.indicator,
                    target=target,
                    actual=_actual_text(r),
                    gap=_gap_text(r),
                    pace=_pace_text(r),
                    status=r.status,
                    notes=notes.numbers(r.sources),
                    reason=_reason(r, target),
                    relative_gap=_relative_gap(r),
                )
            )
        sections.append(CategorySection(cat, CATEGORY_TITLES[cat], tuple(report_rows)))
    all_rows = [rr for s in sections for rr in s.rows]
    risks = sorted(
        (rr for rr in all_rows if rr.status in ("at_risk", "missed")),
        key=lambda rr: (-(rr.relative_gap if rr.relative_gap is not None else -math.inf), rr.indicator),
    )
    review = [rr for rr in all_rows if rr.status == "needs_review"]
    docs = sorted({s.document for r in rows for s in r.sources})
    return Report(
        title=_title(region, start, end, kind, plan_title, data_year),
        region=region,
        period=period_key(start, end),
        start=start,
        end=end,
        kind=kind,
        generated=generated or date.today(),
        data_year=data_year,
        as_of=as_of,
        plan_title=plan_title,
        categories=tuple(sections),
        risks=tuple(risks),
        review=tuple(review),
        sources=notes.all(),
        series=_series(all_rows, records),
        progress=_progress(all_rows),
        compare=_compare(all_rows),
        documents=tuple((d, titles.get(d)) for d in docs),
    )
