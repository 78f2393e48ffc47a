"""The text of a Word .docx file: paragraphs and tables in the order the body holds them."""

from __future__ import annotations

import io
import re
from typing import Any

import docx
from docx.oxml.ns import qn

from mubiao.read.cells import is_layout_row, render_row

__all__ = ["docx_text"]

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SECTION = qn("w:sectPr")
# Text boxes float beside the flow (and Word stores each twice, for old and new readers);
# moved-from runs are the old copy of text that a tracked change moved elsewhere.
_RUNS = ".//w:r[not(ancestor::w:txbxContent) and not(ancestor::w:moveFrom)]"
_BLANK_LINE_SPACES = re.compile(r"(?m)^[ \u3000\xa0]+$")
_BLANK_LINES = re.compile(r"\n{3,}")


def _paragraph(p: Any) -> str:
    # A tab would pose as a table cell's mark (see cells.py).
    return "".join(r.text for r in p.xpath(_RUNS)).replace("\t", " ")


def _cell_text(tc: Any) -> str:
    return " ".join(t for p in tc.iterchildren(_P) if (t := _paragraph(p).replace("\n", " ").strip()))


def _table(tbl: Any, out: list[str]) -> None:
    for tr in tbl.iterchildren(_TR):
        cells = list(tr.iterchildren(_TC))
        if not any(True for tc in cells for _ in tc.iterchildren(_TBL)):
            texts = [_cell_text(tc) for tc in cells]
            if not is_layout_row(texts, [sum(1 for _ in tc.iterchildren(_P)) for tc in cells]):
                out.append(render_row(texts))
                continue
        for tc in cells:
            _blocks(tc, out)


def _blocks(parent: Any, out: list[str]) -> None:
    for child in parent.iterchildren():
        tag = child.tag
        if tag == _P:
            out.append(_paragraph(child) + "\n")
        elif tag == _TBL:
            _table(child, out)
        elif tag != _SECTION:
            # content controls (w:sdt) and custom XML wrap paragraphs and tables of their own
            _blocks(child, out)


def docx_text(data: bytes) -> str:
    """The document's body text; raises what python-docx, zipfile or lxml raise on a broken file."""
    document = docx.Document(io.BytesIO(data))
    out: list[str] = []
    _blocks(document.element.body, out)
    text = _BLANK_LINE_SPACES.sub("", "".join(out))
    return _BLANK_LINES.sub("\n\n", text).strip("\n")
