"""The report as a Word document (python-docx), laid out as a Chinese 评估报告.

A4, body in 宋体 小四, headings in 黑体 (一、二、三、) and 楷体 (（一）（二）), tables in 五号
with the header row repeated on every page and the status cells shaded in the ledger's status
colours (:data:`mubiao.ledger.export.STATUS_COLOURS`), page numbers in the footer.  Every figure
of a table carries the numbers of its sources, listed in 附：数据来源 with the document, the
place in it and the quoted passage.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from mubiao.ledger import STATUS_COLOURS
from mubiao.present.reports.charts import RenderedChart, render_charts
from mubiao.present.reports.model import STATUS_LABELS, Report, ReportRow, clean_text

__all__ = [
    "CATEGORY_HEADERS",
    "DOCUMENT_HEADERS",
    "RISK_HEADERS",
    "SOURCE_HEADERS",
    "SUMMARY_HEADERS",
    "render_docx",
]

SUMMARY_HEADERS = ("状态", "目标数（项）", "占比")
CATEGORY_HEADERS = ("指标", "目标", "实际", "缺口", "所需增速", "状态", "来源")
RISK_HEADERS = ("指标", "目标", "实际", "缺口", "所需增速", "状态", "原因分析")
DOCUMENT_HEADERS = ("文件", "标题")
SOURCE_HEADERS = ("编号", "文件", "用途", "位置", "原文")
_CATEGORY_WIDTHS = (2.8, 2.5, 2.9, 1.9, 3.0, 2.0, 1.9)
_RISK_WIDTHS = (2.3, 2.0, 2.3, 1.7, 2.3, 1.9, 4.5)
_DOCUMENT_WIDTHS = (5.0, 12.0)
_SOURCE_WIDTHS = (1.1, 3.6, 2.4, 2.3, 7.8)
_NUMERALS = "一二三四五六七八九十"
_BODY_FONT = "宋体"
_HEADING_FONT = "黑体"
_SUB_HEADING_FONT = "楷体"
_HEADER_FILL = "D9E2F3"


def _fonts(target: Any, name: str, size: float | None = None, *, bold: bool | None = None) -> None:
    """Set a run's or style's font, East Asian included (Word picks the CJK font from w:eastAsia)."""
    font = target.font
    font.name = name
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = target.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    _fonts(normal, _BODY_FONT, 12)
    normal.paragraph_format.line_spacing = 1.3
    normal.paragraph_format.space_after = Pt(4)
    for level, (font, size) in {1: (_HEADING_FONT, 16), 2: (_SUB_HEADING_FONT, 14)}.items():
        style = doc.styles[f"Heading {level}"]
        _fonts(style, font, size, bold=level == 2)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
        style.paragraph_format.space_before = Pt(12 if level == 1 else 8)
        style.paragraph_format.space_after = Pt(6)


def _page(doc: Any) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    # — 1 — centred in the footer, as official documents number their pages
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("— ")
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    p._p.append(fld)
    p.add_run(" —")


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _set_cell(cell: Any, text: str, *, size: float = 10.5, bold: bool = False, center: bool = False) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.1
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(clean_text(text))
    _fonts(run, _BODY_FONT, size, bold=bold)


def _table(doc: Any, headers: Sequence[str], widths: Sequence[float], *, size: float = 10.5) -> Any:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        # LibreOffice lays a table out by its grid columns, Word by its cells: set both
        column.width = Cm(width)
    for cell, header, width in zip(table.rows[0].cells, headers, widths, strict=True):
        _set_cell(cell, header, size=size, bold=True, center=True)
        _shade(cell, _HEADER_FILL)
        cell.width = Cm(width)
    _repeat_header(table.rows[0])
    return table


def _add_row(table: Any, values: Sequence[str], widths: Sequence[float], *, size: float = 10.5,
             status: str | None = None, status_col: int | None = None) -> None:  # fmt: skip
    cells = table.add_row().cells
    for i, (cell, value, width) in enumerate(zip(cells, values, widths, strict=True)):
        _set_cell(cell, value, size=size, center=i == status_col)
        cell.width = Cm(width)
    if status is not None and status_col is not None and status in STATUS_COLOURS:
        _shade(cells[status_col], STATUS_COLOURS[status])


def _para(doc: Any, text: str, *, indent: bool = True, size: float | None = None) -> Any:
    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(24)
    run = p.add_run(text)
    if size is not None:
        _fonts(run, _BODY_FONT, size)
    return p


def _chart(doc: Any, chart: RenderedChart | None) -> None:
    if chart is None:
        return
    doc.add_picture(io.BytesIO(chart.data), width=Cm(min(chart.width_in * 2.54, 16.0)))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    cap = doc.add_paragraph()
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(cap.add_run(chart.caption), _HEADING_FONT, 10.5)


def _row_values(r: ReportRow) -> list[str]:
    return [r.indicator, r.target, r.actual, r.gap, r.pace, r.status_label, r.notes_text]


def render_docx(report: Report) -> bytes:
    """The report as DOCX bytes."""
    doc = Document()
    _styles(doc)
    _page(doc)
    charts = render_charts(report, "png")
    doc.core_properties.title = report.title
    doc.core_properties.subject = f"{report.region} {report.period_label} {report.kind_label}"
    doc.core_properties.author = "mubiao"

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    _fonts(title.add_run(report.title), _HEADING_FONT, 18, bold=True)
    meta = doc.add_paragraph()
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    data = f"数据截至{report.data_year}年" if report.data_year else "尚无实际数据"
    _fonts(
        meta.add_run(f"（{report.period_label}　{data}　{report.date_label}）"),
        _SUB_HEADING_FONT,
        12,
    )

    # 一、总体情况
    doc.add_heading("一、总体情况", level=1)
    for text in report.overview():
        _para(doc, text)
    table = _table(doc, SUMMARY_HEADERS, (4.0, 3.0, 3.0))
    counts = report.counts
    for status, n in counts.items():
        share = f"{n / report.total:.0%}" if report.total else "—"
        label = _label(status)
        _add_row(table, [label, str(n), share], (4.0, 3.0, 3.0), status=status, status_col=0)
    _add_row(table, ["合计", str(report.total), "100%" if report.total else "—"], (4.0, 3.0, 3.0))
    doc.add_paragraph()
    _chart(doc, charts.get("status"))
    _chart(doc, charts.get("compare"))
    _chart(doc, charts.get("progress"))
    for text in report.method_note():
        _para(doc, text, size=10.5)

    # 二、分领域评估
    doc.add_heading("二、分领域评估", level=1)
    for k, section in enumerate(report.categories):
        doc.add_heading(f"（{_NUMERALS[k] if k < len(_NUMERALS) else k + 1}）{section.title}", level=2)
        c = section.counts
        parts = [f"{_label(s)}{n}项" for s, n in c.items() if n]
        _para(doc, f"{section.title}领域纳入评估的目标{len(section.rows)}项，其中" + "、".join(parts) + "。")
        table = _table(doc, CATEGORY_HEADERS, _CATEGORY_WIDTHS)
        for r in section.rows:
            _add_row(table, _row_values(r), _CATEGORY_WIDTHS, status=r.status, status_col=5)
        doc.add_paragraph()
    _chart(doc, charts.get("series"))

    # 三、存在风险的目标
    doc.add_heading("三、存在风险的目标", level=1)
    if report.risks:
        _para(
            doc,
            f"存在风险或未完成的目标共{len(report.risks)}项，按缺口占目标的比重从大到小排列如下，"
            "需加强调度、加快推进。",
        )
        table = _table(doc, RISK_HEADERS, _RISK_WIDTHS, size=9)
        for r in report.risks:
            values = [
                r.indicator,
                r.target,
                r.actual,
                r.gap,
                r.pace,
                r.status_label,
                r.reason_with_units + r.notes_text,
            ]
            _add_row(table, values, _RISK_WIDTHS, size=9, status=r.status, status_col=5)
        doc.add_paragraph()
    else:
        _para(doc, "目前没有存在风险或未完成的目标。")
    if report.review:
        names = "、".join(dict.fromkeys(r.indicator for r in report.review))
        _para(doc, f"另有待研判目标{len(report.review)}项（{names}），需结合部门报告作出判断。")

    # 附：数据来源
    doc.add_heading("附：数据来源", level=1)
    doc.add_heading("（一）来源文件", level=2)
    table = _table(doc, DOCUMENT_HEADERS, _DOCUMENT_WIDTHS, size=9)
    for doc_id, doc_title in report.documents:
        _add_row(table, [doc_id, doc_title or "—"], _DOCUMENT_WIDTHS, size=9)
    doc.add_heading("（二）引用原文", level=2)
    _para(doc, "表中“来源”栏的编号对应下表；位置为所引文字在原文件中的字符位置。", size=10.5)
    table = _table(doc, SOURCE_HEADERS, _SOURCE_WIDTHS, size=9)
    for note in report.sources:
        values = [f"[{note.number}]", note.document, note.uses_label, note.where, f"“{note.text}”"]
        _add_row(table, values, _SOURCE_WIDTHS, size=9)
    closing = doc.add_paragraph()
    closing.paragraph_format.space_before = Pt(12)
    _fonts(
        closing.add_run(
            "说明：本报告由 mubiao 根据公开文件中的目标和实际数据自动生成，数据以统计部门正式发布为准。"
        ),
        _BODY_FONT,
        10.5,
    )

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


# what the other reports of this package (the supervision bulletin) build their documents with
new_table = _table
add_row = _add_row
add_para = _para
shade = _shade


def new_document() -> Any:
    """An empty document in the reports' fonts and page (A4, numbered pages)."""
    doc = Document()
    _styles(doc)
    _page(doc)
    return doc
