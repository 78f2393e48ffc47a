"""The text of a Word .docx file: paragraphs and tables in the order the body holds them.

The archive is checked before anything is unpacked (see :mod:`mubiao.read.limits`), and the body is
walked with a stack of its own, so neither a zip bomb nor tables nested deep can exhaust memory or
the interpreter's stack.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import docx
from docx.oxml.ns import qn

from mubiao.errors import CorruptFileError, MubiaoError
from mubiao.read.cells import is_layout_table, render_row
from mubiao.read.limits import (
    MAX_DOCX_DEPTH,
    MAX_DOCX_PARAGRAPHS,
    MAX_DOCX_TABLES,
    check_zip,
    refuse,
)

__all__ = ["docx_text"]

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SECTION = qn("w:sectPr")
# Text boxes float beside the flow (and Word stores each twice, for old and new readers);
# moved-from runs are the old copy of text that a tracked change moved elsewhere.
_RUNS = ".//w:r[not(ancestor::w:txbxContent) and not(ancestor::w:moveFrom)]"
_BLANK_LINE_SPACES = re.compile(r"(?m)^[ \u3000\xa0]+$")
_BLANK_LINES = re.compile(r"\n{3,}")


_R, _TEXT_BOX, _MOVED_FROM = qn("w:r"), qn("w:txbxContent"), qn("w:moveFrom")
# what a run's text is made of, as python-docx's ``CT_R.text`` reads it (each element's str())
_RUN_TEXT = tuple(qn(f"w:{t}") for t in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))


def _run(r: Any) -> str:
    # python-docx's CT_R.text asks XPath for these, tens of microseconds a run; lxml finds them in C
    return "".join(str(e) for e in r.iterchildren(*_RUN_TEXT))


def _paragraph(p: Any) -> str:
    # Most paragraphs hold neither text boxes nor moved-from runs: their runs are all their runs,
    # found in C, where the XPath query costs tens of microseconds a paragraph.
    plain = next(p.iter(_TEXT_BOX, _MOVED_FROM), None) is None
    runs = p.iter(_R) if plain else p.xpath(_RUNS)
    # A tab would pose as a table cell's mark (see cells.py).
    return "".join(_run(r) for r in runs).replace("\t", " ")


def _cell_text(tc: Any) -> str:
    return " ".join(t for p in tc.iterchildren(_P) if (t := _paragraph(p).replace("\n", " ").strip()))


def _blocks(body: Any, out: list[str], path: str) -> None:
    """Write the paragraphs and tables under ``body`` in order.

    The stack holds elements to write, each with its depth in tables and content controls, and
    strings to write as they are.
    """
    stack: list[tuple[Any, int] | str] = [(c, 0) for c in reversed(list(body.iterchildren()))]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        el, depth = item
        tag = el.tag
        if tag == _P:
            out.append(_paragraph(el) + "\n")
            continue
        if tag == _SECTION:
            continue
        if depth >= MAX_DOCX_DEPTH:
            refuse("the body nests tables or content controls deeper than that", MAX_DOCX_DEPTH, path)
        if tag != _TBL:
            # content controls (w:sdt) and custom XML wrap paragraphs and tables of their own
            stack.extend((c, depth + 1) for c in reversed(list(el.iterchildren())))
            continue
        rows = [list(tr.iterchildren(_TC)) for tr in el.iterchildren(_TR)]
        out.append("\n")
        # A table inside a cell makes the outer table a page layout: it holds no data.
        nested = any(True for row in rows for tc in row for _ in tc.iterchildren(_TBL))
        texts = [] if nested else [[_cell_text(tc) for tc in row] for row in rows]
        if nested or is_layout_table(texts, [[len(tc.findall(_P)) for tc in row] for row in rows]):
            stack.append("\n")
            stack.extend(
                (c, depth + 1)
                for tc in reversed([tc for row in rows for tc in row])
                for c in reversed(list(tc.iterchildren()))
            )
        else:
            out += [render_row(row_texts) + "\n" for row_texts in texts if any(row_texts)]
            out.append("\n")


def docx_text(data: bytes, path: str) -> str:
    """The body's paragraphs and tables, in order; headers, footers and text boxes are left out."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            check_zip(z, path)
        body = docx.Document(io.BytesIO(data)).element.body
    except MubiaoError:
        raise
    except Exception as e:  # zipfile, lxml and python-docx each have their own ways to refuse a file
        raise CorruptFileError(f"not a readable Word .docx file ({type(e).__name__}: {e})", path=path) from e
    paragraphs = sum(1 for _ in body.iter(_P))
    if paragraphs > MAX_DOCX_PARAGRAPHS:
        refuse(f"the document holds {paragraphs:,} paragraphs", MAX_DOCX_PARAGRAPHS, path)
    tables = sum(1 for _ in body.iter(_TBL))
    if tables > MAX_DOCX_TABLES:
        refuse(f"the document holds {tables:,} tables", MAX_DOCX_TABLES, path)
    out: list[str] = []
    _blocks(body, out, path)
    text = _BLANK_LINE_SPACES.sub("", "".join(out))
    return _BLANK_LINES.sub("\n\n", text).strip("\n")
