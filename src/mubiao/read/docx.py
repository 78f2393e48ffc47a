"""The text of a Word .docx file: paragraphs and tables in the order the body holds them."""

from __future__ import annotations

import io
import re
from typing import Any

import docx
from docx.oxml.ns import qn

from mubiao.errors import CorruptFileError
from mubiao.read.cells import is_layout_table, render_row

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
    rows = [list(tr.iterchildren(_TC)) for tr in tbl.iterchildren(_TR)]
    out.append("\n")
    # A table inside a cell makes the outer table a page layout: it holds no data.
    nested = any(True for row in rows for tc in row for _ in tc.iterchildren(_TBL))
    texts = [] if nested else [[_cell_text(tc) for tc in row] for row in rows]
    if nested or is_layout_table(texts, [[len(tc.findall(_P)) for tc in row] for row in rows]):
        for row in rows:
            for tc in row:
                _blocks(tc, out)
    else:
        out += [render_row(row_texts) + "\n" for row_texts in texts if any(row_texts)]
    out.append("\n")


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


def docx_text(data: bytes, path: str) -> str:
    """The body's paragraphs and tables, in order; headers, footers and text boxes are left out."""
    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except Exception as e:  # zipfile, lxml and python-docx each have their own ways to refuse a file
        raise CorruptFileError(f"not a readable Word .docx file ({type(e).__name__}: {e})", path=path) from e
    out: list[str] = []
    _blocks(body, out)
    text = _BLANK_LINE_SPACES.sub("", "".join(out))
    return _BLANK_LINES.sub("\n\n", text).strip("\n")
