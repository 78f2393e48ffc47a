"""PDFs: the text layer page by page, and clear errors when there is none."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pdfencrypt import StandardEncryption

from mubiao.errors import CorruptFileError, NoTextLayerError
from mubiao.read import load

WriteFile = Callable[[str, bytes | str], Path]
MakePdf = Callable[..., bytes]

PAGES = [
    ["2024年，全区实现地区生产总值1020亿元，增长5.8%。"],
    ["今年主要预期目标是：", "地区生产总值增长5%左右。"],
]


def test_pdf_text_comes_back_page_by_page(write: WriteFile, make_pdf: MakePdf) -> None:
    doc = load(write("report.pdf", make_pdf(PAGES)))
    assert (doc.format, doc.encoding) == ("pdf", None)
    assert doc.original == (
        "2024年，全区实现地区生产总值1020亿元，增长5.8%。\n\n今年主要预期目标是：\n地区生产总值增长5%左右。\n"
    )


def test_pdf_of_images_only_has_no_text_layer(write: WriteFile, make_pdf: MakePdf) -> None:
    path = write("scan.pdf", make_pdf([[], []], image_only=True))
    with pytest.raises(NoTextLayerError, match="run OCR first") as info:
        load(path)
    assert "scan.pdf" in str(info.value)


def test_pdf_with_a_user_password_is_refused_clearly(write: WriteFile, make_pdf: MakePdf) -> None:
    locked = StandardEncryption("secret", ownerPassword="owner", strength=128)
    with pytest.raises(CorruptFileError, match="encrypted and needs a password") as info:
        load(write("locked.pdf", make_pdf(PAGES, encrypt=locked)))
    assert "locked.pdf" in str(info.value)


def _reencrypted(data: bytes, algorithm: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="", owner_password="owner", algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_pdf_encrypted_only_against_copying_is_read(
    write: WriteFile, make_pdf: MakePdf, algorithm: str
) -> None:
    # Official PDFs are often encrypted with an empty user password, to forbid copying or printing.
    doc = load(write("restricted.pdf", _reencrypted(make_pdf(PAGES), algorithm)))
    assert "地区生产总值增长5%左右" in doc.original


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 3],
        lambda data: data[:200],
        lambda data: data[:-100],
        lambda data: b"%PDF-1.4\n" + b"\x00garbage" * 50,
    ],
    ids=["truncated", "header-only", "no-trailer", "garbage-body"],
)
def test_damaged_pdf_is_a_corrupt_file(
    write: WriteFile, make_pdf: MakePdf, damage: Callable[[bytes], bytes]
) -> None:
    path = write("damaged.pdf", damage(make_pdf(PAGES)))
    with pytest.raises(CorruptFileError, match="damaged") as info:
        load(path)
    assert "damaged.pdf" in str(info.value)


def test_pdf_suffix_on_an_html_page_says_what_it_holds(write: WriteFile) -> None:
    path = write("notice.pdf", "<!DOCTYPE html><html><body>404 Not Found</body></html>")
    with pytest.raises(CorruptFileError, match=r"not a PDF.*HTML page"):
        load(path)
