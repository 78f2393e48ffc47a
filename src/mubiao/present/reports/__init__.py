"""Evaluation reports: a plan's mid-term or final evaluation (中期评估, 末期评估), a year's follow-up (年度跟踪).

    >>> content, media_type, name = build_report(store, region="澜溪区", period="2021-2025", fmt="docx")  # doctest: +SKIP

:func:`build_report` reads the ledger rows of a region, keeps those of the period (a plan's
targets for ``2021-2025``, the year's own targets for ``2025``; ``None`` takes the latest plan
in the store, else the latest year), computes the report once (:mod:`.model`) and writes it as

* ``docx`` — a Word report: title, 一、总体情况 (summary, status table and charts),
  二、分领域评估 (a table per category), 三、存在风险的目标, 附：数据来源;
* ``html`` — the same as one self-contained page (inline CSS and SVG charts, no script);
* ``xlsx`` — a workbook: 汇总, a sheet per category, 风险目标 and 数据来源.

It returns the bytes, their media type and a file name, so the CLI writes them to a file and
the dashboard serves them as a download alike.  ``kind`` ``auto`` is 年度跟踪 for one year, and
for a plan 末期评估 once the data (``as_of``, else the latest result) reach its last year,
中期评估 before.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Protocol

from mubiao.errors import UsageError
from mubiao.ledger import Ledger, LedgerRow, StatementRecord, Store
from mubiao.present.reports.model import (
    KINDS,
    Report,
    build_model,
    default_period,
    parse_period,
    select_rows,
)

__all__ = ["FORMATS", "KINDS", "MEDIA_TYPES", "Report", "build_report", "report_model"]

FORMATS: tuple[str, ...] = ("docx", "html", "xlsx")
MEDIA_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class _RowSource(Protocol):
    """The ledger facade: what a report needs of it."""

    def rows(self, *, region: str | None = None, as_of: int | None = None) -> list[LedgerRow]: ...


def _store_of(source: object) -> Store | None:
    if isinstance(source, Store):
        return source
    inner = getattr(source, "store", None)
    return inner if isinstance(inner, Store) else None


def _ledger_rows(
    source: _RowSource | Store, region: str, as_of: int | None
) -> tuple[list[LedgerRow], list[StatementRecord]]:
    """The region's ledger rows, and its statements when a store is at hand (for the charts)."""
    if isinstance(source, Store):
        source = Ledger(source)
    rows = source.rows(region=region, as_of=as_of)
    store = _store_of(source)
    return rows, store.statements(region=region) if store is not None else []


def _resolve_region(source: object, region: str) -> str:
    """The region as the store names it, by the ledger's rules (name, short form, code; a
    did-you-mean when nothing knows it); as given when the source is not a ledger."""
    if isinstance(source, Ledger):
        return source.resolve_region(region)
    return region


def _plan_title(
    store: Store | None, region: str, start: int, end: int
) -> tuple[str | None, dict[str, str | None]]:
    if store is None:
        return None, {}
    docs = store.documents()
    titles = {d.doc_id: d.title for d in docs}
    for d in docs:
        if d.doc_type == "five_year_plan" and d.region == region and d.period == (start, end) and d.title:
            return d.title, titles
    return None, titles


def report_model(
    ledger_or_store: _RowSource | Store,
    *,
    region: str,
    period: str | None,
    kind: str = "auto",
    as_of: int | None = None,
    generated: date | None = None,
) -> Report:
    """The report's content, before any format is chosen (see :mod:`.model`)."""
    if kind not in KINDS:
        raise UsageError(f"the report kind is one of {', '.join(KINDS)}, not {kind!r}")
    if isinstance(ledger_or_store, Store):
        # through the facade, so that the reviewers' status overrides show in the report
        ledger_or_store = Ledger(ledger_or_store)
    region = _resolve_region(ledger_or_store, region)
    rows, records = _ledger_rows(ledger_or_store, region, as_of)
    if period is None:
        found = default_period(rows)
        if found is None:
            raise UsageError(f"there are no targets of {region} in the store")
        start, end = found
    else:
        start, end = parse_period(period)
    selected = select_rows(rows, start, end)
    if not selected:
        have = sorted({r.period for r in rows})
        raise UsageError(
            f"there are no targets of {region} for {period or f'{start}-{end}'}"
            + (f"; periods with targets: {', '.join(have)}" if have else "")
        )
    store = _store_of(ledger_or_store)
    plan_title, titles = _plan_title(store, region, start, end) if start != end else (None, {})
    if start == end and store is not None:
        titles = {d.doc_id: d.title for d in store.documents()}
    return build_model(
        selected,
        region=region,
        start=start,
        end=end,
        kind=kind,
        as_of=as_of,
        generated=generated,
        records={r.id: r for r in records},
        titles=titles,
        plan_title=plan_title,
        # who answers for each target, where supervision tasks name them
        responsible=ledger_or_store.supervision.responsible_units(region)
        if isinstance(ledger_or_store, Ledger)
        else None,
    )


_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\s]+')


def file_name(report: Report, fmt: str) -> str:
    """``澜溪区_2021-2025_中期评估报告.docx``: safe on Windows, where most readers open it."""
    stem = _UNSAFE_NAME.sub("_", f"{report.region}_{report.period}_{report.kind_label}报告")
    return f"{stem}.{fmt}"


def render(report: Report, fmt: str) -> bytes:
    """The report written as ``docx``, ``html`` or ``xlsx``."""
    if fmt == "docx":
        from mubiao.present.reports.docx import render_docx

        return render_docx(report)
    if fmt == "html":
        from mubiao.present.reports.html import render_html

        return render_html(report).encode("utf-8")
    if fmt == "xlsx":
        from mubiao.present.reports.xlsx import render_xlsx

        return render_xlsx(report)
    raise UsageError(f"the report format is one of {', '.join(FORMATS)}, not {fmt!r}")


def build_report(
    ledger_or_store: _RowSource | Store,
    *,
    region: str,
    period: str | None,
    kind: str = "auto",
    fmt: str = "docx",
    as_of: int | None = None,
) -> tuple[bytes, str, str]:
    """The report as (content, media type, suggested file name); see the module docstring."""
    if fmt not in FORMATS:
        raise UsageError(f"the report format is one of {', '.join(FORMATS)}, not {fmt!r}")
    report = report_model(ledger_or_store, region=region, period=period, kind=kind, as_of=as_of)
    return render(report, fmt), MEDIA_TYPES[fmt], file_name(report, fmt)
