"""Builders of the files the reading tests read: written in tmp_path, never shipped as fixtures."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

# Adobe's CID font needs no font file: PDFs with Chinese text can be made on any machine.
CJK_FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))

Block = str | Sequence[Sequence[str]]  # a paragraph, or a table as rows of cells


def pdf_bytes(pages: Sequence[Sequence[str]], *, encrypt: object = None, image_only: bool = False) -> bytes:
    """A PDF with one page per item of ``pages``, each line of Chinese text drawn in the CID font."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    for lines in pages:
        if image_only:
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            c.drawImage(ImageReader(Image.new("RGB", (40, 20), "gray")), 72, 600, 200, 100)
        c.setFont(CJK_FONT, 12)
        for i, line in enumerate(lines):
            c.drawString(72, 760 - 18 * i, line)
        c.showPage()
    c.save()
    return buf.getvalue()


def docx_bytes(blocks: Sequence[Block]) -> bytes:
    """A .docx holding ``blocks`` in order: strings as paragraphs, lists of rows as tables."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        rows = list(block)
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for k, cell in enumerate(row):
                table.cell(r, k).text = cell
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    """Write bytes (or UTF-8 text) to a file of the given name in tmp_path."""

    def _write(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path

    return _write


@pytest.fixture(scope="session")
def make_pdf() -> Callable[..., bytes]:
    return pdf_bytes


@pytest.fixture(scope="session")
def make_docx() -> Callable[[Sequence[Block]], bytes]:
    return docx_bytes
