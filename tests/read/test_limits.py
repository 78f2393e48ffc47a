"""The readers' limits: zip archives checked before unpacking, HTML depth estimated before parsing."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from mubiao.errors import LimitExceededError
from mubiao.read import limits, load
from mubiao.read.html import html_text


def _zip(entries: dict[str, bytes]) -> zipfile.ZipFile:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(buf.getvalue()))


def test_an_ordinary_archive_passes() -> None:
    limits.check_zip(_zip({"word/document.xml": b"<w:p>" * 1000, "word/media/a.png": b"\x89PNG" * 100}), "x")


def test_an_entry_that_inflates_too_far_is_refused() -> None:
    with pytest.raises(LimitExceededError, match="inflates"):
        limits.check_zip(_zip({"word/media/a.bin": b"\0" * (4 * 2**20)}), "x.docx")


def test_an_xml_part_over_its_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ZIP_XML_BYTES", 1000)
    with pytest.raises(LimitExceededError, match=r"word/document\.xml"):
        limits.check_zip(_zip({"word/document.xml": b"<w:p/>" * 500}), "x.docx")


def test_too_many_entries_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ZIP_ENTRIES", 3)
    with pytest.raises(LimitExceededError, match="4 entries"):
        limits.check_zip(_zip({f"{i}.xml": b"" for i in range(4)}), "x.docx")


@pytest.mark.parametrize(
    "markup",
    [
        "<p>段落" * 50_000,  # paragraphs left open close each other
        "<ul>" + "<li>条目" * 50_000 + "</ul>",
        "<table>" + "<tr><td>格" * 20_000 + "</table>",
        "<br>" * 50_000 + "<img src=x>" * 1000,
        "<script>" + "if (a<b && c<d) {}" * 20_000 + "</script>",
        "<!--" + "<div>" * 20_000 + "-->",
    ],
)
def test_flat_pages_are_not_taken_for_deep_ones(markup: str) -> None:
    html_text(f"<html><body>{markup}</body></html>")


def test_depth_and_element_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(LimitExceededError, match="deeper"):
        html_text("<div>" * 10_001)
    monkeypatch.setattr(limits, "MAX_HTML_ELEMENTS", 100)
    with pytest.raises(LimitExceededError, match="elements"):
        html_text("<p>x" * 101)


def test_a_pdf_of_too_many_pages_is_refused(
    write: Callable[[str, bytes | str], Path], make_pdf: Callable[..., bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mubiao.read import pdf

    monkeypatch.setattr(pdf, "MAX_PDF_PAGES", 2)
    with pytest.raises(LimitExceededError, match="3 pages"):
        load(write("long.pdf", make_pdf([["第一页"], ["第二页"], ["第三页"]])))
    monkeypatch.setattr(pdf, "MAX_TEXT_CHARS", 4)
    with pytest.raises(LimitExceededError, match="characters"):
        load(write("wordy.pdf", make_pdf([["地区生产总值增长5%"]])))


def test_a_text_over_the_character_limit_is_refused(
    write: Callable[[str, bytes | str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mubiao.read import loader

    monkeypatch.setattr(loader, "MAX_TEXT_CHARS", 10)
    with pytest.raises(LimitExceededError, match="12 characters"):
        load(write("long.txt", "地区生产总值增长5%左右"))
