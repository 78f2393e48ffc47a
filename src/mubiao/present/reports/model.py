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

The parts live in their own modules: :mod:`.labels` (the names of statuses, kinds, categories,
roles and plans), :mod:`.wording` (figures, gaps, paces and reasons as written), :mod:`.sources`
(the numbered source notes) and :mod:`.content` (the report's dataclasses); this module
assembles them and re-exports the names the writers and the package use.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from mubiao.errors import UsageError
from mubiao.ledger import LedgerRow, StatementRecord, convert_unit
from mubiao.present.reports.content import (
    CategorySection,
    CompareItem,
    ProgressItem,
    Report,
    ReportRow,
    Series,
)
from mubiao.present.reports.labels import (
    CATEGORY_TITLES,
    KIND_LABELS,
    KINDS,
    OTHER,
    ROLE_LABELS,
    STATUS_LABELS,
    STATUS_LABELS_EN,
    plan_name,
)
from mubiao.present.reports.sources import Notes, SourceNote, compact_numbers
from mubiao.present.reports.wording import (
    actual_text,
    clean_text,
    fmt_number,
    gap_text,
    is_plan,
    pace_text,
    qualitative_claim,
    reason_of,
    relative_gap_of,
    target_text,
)
from mubiao.reference.registry import CATEGORIES

__all__ = [
    "CATEGORY_TITLES",
    "KINDS",
    "KIND_LABELS",
    "OTHER",
    "ROLE_LABELS",
    "STATUS_LABELS",
    "STATUS_LABELS_EN",
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
    "default_period",
    "fmt_number",
    "parse_period",
    "plan_name",
    "qualitative_claim",
    "resolve_kind",
    "select_rows",
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


# --------------------------------------------------------------------------- building


def _category(row: LedgerRow) -> str:
    return row.category if row.category in CATEGORIES else OTHER


def _label_en(row: LedgerRow, n: int) -> str:
    return row.indicator_id or f"indicator {n}"


def series_of(rows: Sequence[ReportRow], records: Mapping[int, StatementRecord]) -> tuple[Series, ...]:
    out: list[Series] = []
    for i, rr in enumerate(rows, start=1):
        row = rr.row
        t = row.target
        if not is_plan(row) or t.get("value") is None or row.method in ("review", "cumulative", "per_year"):
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


def progress_of(rows: Sequence[ReportRow]) -> tuple[ProgressItem, ...]:
    out: list[ProgressItem] = []
    for i, rr in enumerate(rows, start=1):
        row = rr.row
        d = row.details
        if not is_plan(row):
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
        if is_plan(row) or t.get("measure") != "growth" or t.get("value") is None:
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
    responsible: Mapping[int, str] | None = None,
) -> Report:
    """The report of ``rows`` (already those of the region and period).

    ``records`` (statement id → record) give the yearly values of the line charts; ``titles``
    (document id → title) name the documents in the source notes; both may be empty.
    """
    records = records or {}
    titles = titles or {}
    responsible = responsible or {}
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

    notes = Notes(titles)
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
            target = target_text(r, claims)
            report_rows.append(
                ReportRow(
                    row=r,
                    category=cat,
                    indicator=r.indicator,
                    target=target,
                    actual=actual_text(r),
                    gap=gap_text(r),
                    pace=pace_text(r),
                    status=r.status,
                    notes=notes.numbers(r.sources),
                    reason=reason_of(r, target),
                    relative_gap=relative_gap_of(r),
                    units=responsible.get(r.target_id or -1, ""),
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
        series=series_of(all_rows, records),
        progress=progress_of(all_rows),
        compare=_compare(all_rows),
        documents=tuple((d, titles.get(d)) for d in docs),
    )
