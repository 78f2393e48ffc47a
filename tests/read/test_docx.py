"""Word files: paragraphs and tables in body order, table cells one per line."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from mubiao.errors import CorruptFileError
from mubiao.read import load

WriteFile = Callable[[str, bytes | str], Path]
MakeDocx = Callable[[list[object]], bytes]


def test_tables_stay_where_the_body_has_them(write: WriteFile, make_docx: MakeDocx) -> None:
    data = make_docx(
        [
            "2024年，全区实现地区生产总值1020亿元，增长5.8%。",
            [["指标", "2025年目标"], ["地区生产总值增长", "5%左右"], ["城镇调查失业率", "5.5%以内"]],
            "今年主要预期目标是：地区生产总值增长5%左右。",
        ]
    )
    doc = load(write("report.docx", data))
    assert (doc.format, doc.encoding) == ("docx", None)
    assert doc.original == (
        "2024年，全区实现地区生产总值1020亿元，增长5.8%。\n\n"
        "\t指标\n\t2025年目标\n\n"
        "\t地区生产总值增长\n\t5%左右\n\n"
        "\t城镇调查失业率\n\t5.5%以内\n\n"
        "今年主要预期目标是：地区生产总值增长5%左右。"
    )


def _docx(build: Callable[[docx.document.Document], None]) -> bytes:
    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _merged(document: docx.document.Document) -> None:
    table = document.add_table(rows=2, cols=3)
    title = table.cell(0, 0).merge(table.cell(0, 2))
    title.text = "表1 主要经济指标"
    for k, text in enumerate(["一般公共预算收入", "增长3%", ""]):
        table.cell(1, k).text = text


def _tabs_and_breaks(document: docx.document.Document) -> None:
    p = document.add_paragraph()
    p.add_run("\t一、2024年工作回顾")
    p.add_run().add_break()
    p.add_run("经济运行稳中有进。")


def _spacing(document: docx.document.Document) -> None:
    for text in ["第一段。", "", "   ", "", "第二段。"]:
        document.add_paragraph(text)


def _two_paragraph_cell(document: docx.document.Document) -> None:
    cell = document.add_table(rows=1, cols=2).cell(0, 0)
    cell.text = "地区生产总值"
    cell.add_paragraph("（亿元）")
    document.tables[0].cell(0, 1).text = "1020"


@pytest.mark.parametrize(
    ("build", "text"),
    [
        (_merged, "\t表1 主要经济指标\n\n\t一般公共预算收入\n\t增长3%\n\t"),
        (_tabs_and_breaks, " 一、2024年工作回顾\n经济运行稳中有进。"),
        (_spacing, "第一段。\n\n第二段。"),
        (_two_paragraph_cell, "\t地区生产总值 （亿元）\n\t1020"),
    ],
    ids=["merged-cell-once", "tab-is-not-a-cell", "blank-paragraphs", "cell-paragraphs-on-one-line"],
)
def test_docx_body_text(write: WriteFile, build: Callable[[docx.document.Document], None], text: str) -> None:
    assert load(write("d.docx", _docx(build))).original == text


def test_a_table_that_lays_out_the_page_is_read_as_paragraphs(write: WriteFile) -> None:
    paragraphs = [f"第{n}段：全区经济运行总体平稳，稳中有进。" for n in range(1, 7)]

    def build(document: docx.document.Document) -> None:
        cell = document.add_table(rows=1, cols=1).cell(0, 0)
        cell.text = paragraphs[0]
        for p in paragraphs[1:]:
            cell.add_paragraph(p)

    assert load(write("layout.docx", _docx(build))).original == "\n".join(paragraphs)


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"PK\x03\x04" + b"\x00" * 60, "not a readable Word .docx file"),
        (b"this is plain text, not a zip", "not a zip archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "legacy Office file"),
    ],
    ids=["broken-zip", "not-zip", "legacy-doc"],
)
def test_broken_docx_is_a_corrupt_file(write: WriteFile, content: bytes, why: str) -> None:
    path = write("broken.docx", content)
    with pytest.raises(CorruptFileError, match=why) as info:
        load(path)
    assert "broken.docx" in str(info.value)


def test_truncated_docx_is_a_corrupt_file(write: WriteFile, make_docx: MakeDocx) -> None:
    data = make_docx(["正文。"])
    with pytest.raises(CorruptFileError):
        load(write("cut.docx", data[: len(data) // 2]))
