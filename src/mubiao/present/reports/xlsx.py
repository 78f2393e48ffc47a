"""The report as a workbook (openpyxl), for readers who go on computing with it.

Sheets: 汇总 (the count of each status, then what the report covers), one sheet per category
(the report's table, with the figures also as plain numbers in columns of their own), 风险目标
(the targets at risk or missed, with the reason) and 数据来源 (the numbered passages).  Header
rows are frozen and filtered, status cells filled in the ledger's status colours
(:data:`mubiao.ledger.export.STATUS_COLOURS`).  Text read from documents is written as text,
never as a formula, whatever character it starts with.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from mubiao.ledger import STATUS_COLOURS, put
from mubiao.present.reports.model import STATUS_LABELS, Report, ReportRow, clean_text

__all__ = ["CATEGORY_COLUMNS", "RISKS", "SOURCES", "SOURCE_COLUMNS", "SUMMARY", "render_xlsx"]

SUMMARY = "汇总"
RISKS = "风险目标"
SOURCES = "数据来源"
#: (header, width) of the category and risk sheets
CATEGORY_COLUMNS: tuple[tuple[str, int], ...] = (
    ("指标", 26),
    ("期间", 11),
    ("目标", 18),
    ("实际", 22),
    ("缺口", 16),
    ("所需增速", 26),
    ("状态", 10),
    ("来源", 14),
    ("说明", 60),
    ("目标值", 10),
    ("单位", 10),
    ("实际值", 10),
    ("实际年份", 9),
    ("缺口值", 10),
    ("所需增速值", 11),
    ("指标代码", 22),
)
SOURCE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("编号", 7),
    ("文件", 24),
    ("文件标题", 40),
    ("用途", 22),
    ("起", 8),
    ("止", 8),
    ("原文", 90),
)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _fill(colour: str) -> Any:
    from openpyxl.styles import PatternFill  # type: ignore[import-untyped, unused-ignore]

    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _put(ws: Any, row: int, column: int, value: object) -> Any:
    # through the one safe writer: a passage starting with = stays text
    return put(ws, row, column, clean_text(value) if isinstance(value, str) else value)


def _header(ws: Any, columns: Sequence[tuple[str, int]], row: int = 1) -> None:
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

    for i, (name, width) in enumerate(columns, start=1):
        cell = _put(ws, row, i, name)
        cell.font = Font(bold=True)
        cell.fill = _fill("D9E2F3")
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = width


def _sheet_name(title: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("_", title)[:31] or "Sheet"
    name, n = base, 2
    while name in taken:
        suffix = f"({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def _numbers(r: ReportRow) -> list[object]:
    row = r.row
    a = row.actual or {}
    return [
        row.target.get("value"),
        row.target.get("unit"),
        a.get("value"),
        a.get("year"),
        row.gap,
        row.required_pace,
        row.indicator_id,
    ]


def _rows_sheet(ws: Any, rows: Sequence[ReportRow]) -> None:
    from openpyxl.styles import Alignment  # type: ignore[import-untyped, unused-ignore]

    _header(ws, CATEGORY_COLUMNS)
    fills = {s: _fill(c) for s, c in STATUS_COLOURS.items()}
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, r in enumerate(rows, start=2):
        values: list[object] = [
            r.indicator,
            r.row.period,
            r.target,
            r.actual,
            r.gap,
            r.pace,
            r.status_label,
            r.notes_text,
            r.reason_with_units,
            *_numbers(r),
        ]
        for i, v in enumerate(values, start=1):
            cell = _put(ws, n, i, v)
            cell.alignment = wrap
        if r.status in fills:
            ws.cell(row=n, column=7).fill = fills[r.status]
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions


def render_xlsx(report: Report) -> bytes:
    """The report as XLSX bytes."""
    from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped, unused-ignore]

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SUMMARY
    taken = {SUMMARY, RISKS, SOURCES}
    _header(ws, (("状态", 14), ("目标数（项）", 14), ("占比", 10)))
    for n, (status, count) in enumerate(report.counts.items(), start=2):
        _put(ws, n, 1, STATUS_LABELS.get(status, status)).fill = _fill(STATUS_COLOURS[status])
        _put(ws, n, 2, count)
        share = _put(ws, n, 3, count / report.total if report.total else 0)
        share.number_format = "0%"
    total_row = len(report.counts) + 2
    _put(ws, total_row, 1, "合计").font = Font(bold=True)
    _put(ws, total_row, 2, report.total).font = Font(bold=True)
    info = [
        ("报告", report.title),
        ("地区", report.region),
        ("期间", report.period_label),
        ("评估类型", report.kind_label),
        ("数据截至", f"{report.data_year}年" if report.data_year else "尚无实际数据"),
        ("编制日期", f"{report.generated:%Y-%m-%d}"),
    ]
    if report.as_of is not None:
        info.insert(4, ("评估基准年", f"{report.as_of}年"))
    for k, (label, value) in enumerate(info, start=total_row + 2):
        _put(ws, k, 1, label).font = Font(bold=True)
        _put(ws, k, 2, value)
    start = total_row + len(info) + 3
    for k, text in enumerate([*report.overview(), *report.method_note()], start=start):
        cell = _put(ws, k, 1, text)
        ws.merge_cells(start_row=k, start_column=1, end_row=k, end_column=8)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[k].height = 48
    ws.freeze_panes = "A2"

    for section in report.categories:
        _rows_sheet(wb.create_sheet(_sheet_name(section.title, taken)), section.rows)
    _rows_sheet(wb.create_sheet(RISKS), report.risks)

    src = wb.create_sheet(SOURCES)
    _header(src, SOURCE_COLUMNS)
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, note in enumerate(report.sources, start=2):
        values: list[object] = [
            note.number,
            note.document,
            note.document_title or "",
            note.uses_label,
            note.span[0] if note.span else None,
            note.span[1] if note.span else None,
            note.text,
        ]
        for i, v in enumerate(values, start=1):
            _put(src, n, i, v).alignment = wrap
    src.freeze_panes = "A2"
    src.auto_filter.ref = src.dimensions

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
