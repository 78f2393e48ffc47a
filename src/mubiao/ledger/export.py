"""The ledger written out: JSON (the rows as ``mubiao ledger --format json`` prints them), CSV, xlsx.

:data:`OUTPUT_FORMATS` is the one registry of output formats (name, extension, media type and the
function rendering rows to bytes): ``mubiao export`` and ``/api/export`` both write through
:func:`render`.  Text goes into CSV and workbook cells through :mod:`mubiao.ledger.sheets`, so
document text starting with ``=`` stays text.  The CSV starts with one byte-order mark, added
here only, so that Excel reads it as UTF-8.

The workbook has a summary sheet (汇总: the count of each status per region) and one sheet per
region, each with its header row frozen, the status cells coloured and the sources of every row
in a column of their own (one statement a line: document, span, year and text); statuses are
coloured from the one palette of :mod:`mubiao.ledger.status`.

CSV and the region sheets share :data:`COLUMNS`; the CSV keeps the full ``details`` as JSON.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from mubiao.errors import UsageError
from mubiao.ledger.sheets import csv_cell, put
from mubiao.ledger.status import STATUS_COLOURS, STATUSES
from mubiao.store.records import LedgerRow, Source

__all__ = [
    "COLUMNS",
    "FORMATS",
    "OUTPUT_FORMATS",
    "STATUS_COLOURS",
    "OutputFormat",
    "export",
    "flatten",
    "format_sources",
    "format_target",
    "output_format",
    "render",
    "to_csv",
    "to_json",
    "write_xlsx",
]

#: (key, header in the workbook, column width)
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("region", "地区 region", 10),
    ("indicator", "指标 indicator", 26),
    ("indicator_id", "indicator_id", 18),
    ("category", "类别 category", 8),
    ("period", "期间 period", 11),
    ("measure", "measure", 8),
    ("target", "目标 target", 14),
    ("target_value", "target_value", 10),
    ("target_value_max", "target_value_max", 10),
    ("target_unit", "target_unit", 10),
    ("qualifier", "qualifier", 10),
    ("cumulative", "cumulative", 10),
    ("baseline", "基期 baseline", 10),
    ("actual_value", "实际 actual", 10),
    ("actual_unit", "actual_unit", 10),
    ("actual_year", "actual_year", 8),
    ("gap", "缺口 gap", 10),
    ("required_pace", "所需增速 required_pace", 12),
    ("status", "状态 status", 13),
    ("method", "method", 10),
    ("R", "R (sdg)", 8),
    ("P", "P (unsd)", 8),
    ("conflict", "conflict", 8),
    ("sources", "来源 sources", 80),
)

_QUALIFIER_MARKS = {"about": "左右", "at_least": "以上", "at_most": "以内"}


def _num(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def format_target(target: dict[str, Any]) -> str:
    """The target as people write it: ``增长5%左右``, ``下降3%``, ``40亿元以上``, ``增长6–6.5%``, ``（定性）``."""
    if target.get("value") is None:
        return "（定性）"
    unit = target.get("unit") or ""
    value, value_max = target["value"], target.get("value_max")
    falling = target.get("measure") == "growth" and value < 0 and (value_max is None or value_max <= 0)
    if falling:
        # 下降3%, as written, rather than 增长-3%
        value, value_max = -value, (None if value_max is None else -value_max)
        if value_max is not None:
            value, value_max = value_max, value
    text = _num(value)
    if target.get("qualifier") == "range" and value_max is not None:
        text += f"–{_num(value_max)}"
    text += unit + _QUALIFIER_MARKS.get(target.get("qualifier") or "", "")
    if target.get("measure") == "growth":
        text = ("下降" if falling else "增长") + text
    if target.get("cumulative"):
        text += "（累计）"
    return text


def format_sources(sources: Sequence[Source]) -> str:
    """One line per statement: ``role document[start–end] year: text``."""
    lines = []
    for s in sources:
        where = f"[{s.span[0]}–{s.span[1]}]" if s.span else ""
        year = f" {s.year}" if s.year is not None else ""
        lines.append(f"{s.role or s.kind} {s.document}{where}{year}: {s.text}")
    return "\n".join(lines)


def flatten(row: LedgerRow) -> dict[str, Any]:
    """The row as one flat record of :data:`COLUMNS` (plus ``details`` as JSON)."""
    t = row.target
    a = row.actual or {}
    d = row.details
    return {
        "region": row.region,
        "indicator": row.indicator,
        "indicator_id": row.indicator_id,
        "category": row.category,
        "period": row.period,
        "measure": t.get("measure"),
        "target": format_target(t),
        "target_value": t.get("value"),
        "target_value_max": t.get("value_max"),
        "target_unit": t.get("unit"),
        "qualifier": t.get("qualifier"),
        "cumulative": t.get("cumulative"),
        "baseline": d.get("baseline"),
        "actual_value": a.get("value"),
        "actual_unit": a.get("unit"),
        "actual_year": a.get("year"),
        "gap": row.gap,
        "required_pace": row.required_pace,
        "status": row.status,
        "method": row.method,
        "R": (d.get("sdg") or {}).get("R"),
        "P": (d.get("unsd") or {}).get("P"),
        "conflict": row.conflict,
        "sources": format_sources(row.sources),
        "details": json.dumps(d, ensure_ascii=False, sort_keys=True),
    }


def to_json(rows: Iterable[LedgerRow]) -> str:
    """The rows as a JSON list, exactly as ``mubiao ledger --format json`` prints them."""
    return json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2)


def to_csv(rows: Iterable[LedgerRow], out: IO[str]) -> None:
    """The rows as CSV: :data:`COLUMNS`, then ``details`` (JSON)."""
    keys = [c[0] for c in COLUMNS] + ["details"]
    writer = csv.DictWriter(out, fieldnames=keys, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: csv_cell(v) for k, v in flatten(r).items()})


_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
UNKNOWN_REGION = "未知地区"
SUMMARY = "汇总"


def _sheet_name(region: str | None, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("_", region or UNKNOWN_REGION).strip("'")[:31] or UNKNOWN_REGION
    name, n = base, 2
    while name in taken or name == SUMMARY:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def write_xlsx(rows: Sequence[LedgerRow], out: str | Path | IO[bytes]) -> None:
    """A workbook: the summary sheet, then one sheet per region (see the module docstring)."""
    # openpyxl ships no type hints; the ignore stays harmless where types-openpyxl is installed
    from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped, unused-ignore]

    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = SUMMARY
    bold = Font(bold=True)
    on_fill = Font(bold=True, color="FFFFFF")
    fills = {s: PatternFill(fill_type="solid", start_color=c, end_color=c) for s, c in STATUS_COLOURS.items()}

    by_region: dict[str | None, list[LedgerRow]] = {}
    for r in rows:
        by_region.setdefault(r.region, []).append(r)

    summary.append(["地区 region", *STATUSES, "合计 total", "conflicts"])
    for cell in summary[1]:
        cell.font = bold
    for cell, status in zip(summary[1][1:], STATUSES, strict=False):
        cell.fill, cell.font = fills[status], on_fill
    for n, (region, items) in enumerate(by_region.items(), start=2):
        counts = Counter(r.status for r in items)
        values = [
            region or UNKNOWN_REGION,
            *(counts.get(s, 0) for s in STATUSES),
            len(items),
            sum(r.conflict for r in items),
        ]
        for column, value in enumerate(values, start=1):
            put(summary, n, column, value)
    summary.freeze_panes = "A2"
    summary.column_dimensions["A"].width = 14

    taken: set[str] = set()
    status_col = [c[0] for c in COLUMNS].index("status") + 1
    sources_col = [c[0] for c in COLUMNS].index("sources") + 1
    for region, items in by_region.items():
        ws = wb.create_sheet(_sheet_name(region, taken))
        ws.append([c[1] for c in COLUMNS])
        for cell in ws[1]:
            cell.font = bold
        for i, (_key, _label, width) in enumerate(COLUMNS, start=1):
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width
        for n, r in enumerate(items, start=2):
            flat = flatten(r)
            for column, (key, _label, _width) in enumerate(COLUMNS, start=1):
                put(ws, n, column, flat[key])
            status_cell = ws.cell(row=n, column=status_col)
            if r.status in fills:
                status_cell.fill, status_cell.font = fills[r.status], on_fill
            ws.cell(row=n, column=sources_col).alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    wb.save(out)


def _csv_bytes(rows: Sequence[LedgerRow]) -> bytes:
    buf = io.StringIO()
    to_csv(rows, buf)
    # the one byte-order mark: Excel then reads the Chinese text as UTF-8, not the system's code page
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _json_bytes(rows: Sequence[LedgerRow]) -> bytes:
    return (to_json(rows) + "\n").encode("utf-8")


def _xlsx_bytes(rows: Sequence[LedgerRow]) -> bytes:
    out = io.BytesIO()
    write_xlsx(rows, out)
    return out.getvalue()


@dataclass(frozen=True)
class OutputFormat:
    """A format the ledger is written in: its name (the file's extension) and media type."""

    name: str
    media_type: str
    render: Callable[[Sequence[LedgerRow]], bytes]


#: every output format of the ledger, by name: the CLI and the API offer these and only these
OUTPUT_FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat(
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _xlsx_bytes
        ),
        OutputFormat("csv", "text/csv; charset=utf-8", _csv_bytes),
        OutputFormat("json", "application/json", _json_bytes),
    )
}
FORMATS: tuple[str, ...] = tuple(OUTPUT_FORMATS)


def output_format(fmt: str) -> OutputFormat:
    found = OUTPUT_FORMATS.get(fmt)
    if found is None:
        raise UsageError(f"export format {fmt!r} is not one of {', '.join(FORMATS)}")
    return found


def render(rows: Sequence[LedgerRow], fmt: str) -> bytes:
    """The rows as a file of format ``fmt`` (see :data:`OUTPUT_FORMATS`)."""
    return output_format(fmt).render(rows)


def export(rows: Sequence[LedgerRow], fmt: str, out: str | Path) -> None:
    """Write the rows to ``out`` as ``xlsx``, ``csv`` or ``json``."""
    content = render(rows, fmt)
    path = Path(out)
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise UsageError(f"cannot write the export: {exc.strerror or exc}", path=path) from exc
