"""load() and load_text(): what a Document holds, and every way a file can be refused."""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mubiao.errors import (
    BinaryFileError,
    CorruptFileError,
    EmptyDocumentError,
    EncodingError,
    FileTooLargeError,
    NoTextLayerError,
    ReadError,
    UnsupportedFormatError,
)
from mubiao.read import MAX_BYTES, SUPPORTED_SUFFIXES, load, load_text

WriteFile = Callable[[str, bytes | str], Path]
SENTENCE = "2024年，全区实现地区生产总值1020亿元，增长5.8%。"


def test_public_api_is_exactly_the_contract() -> None:
    # the package mubiao exports a function read(), so the module is looked up by name
    module = importlib.import_module("mubiao.read")
    assert sorted(module.__all__) == ["MAX_BYTES", "SUPPORTED_SUFFIXES", "load", "load_text"]


def test_document_records_where_it_came_from(write: WriteFile) -> None:
    path = write("2025年政府工作报告.txt", SENTENCE)
    doc = load(str(path))
    assert (doc.id, doc.original, doc.source, doc.format, doc.encoding) == (
        "2025年政府工作报告",
        SENTENCE,
        str(path),
        "txt",
        "utf-8",
    )
    assert load(path, doc_id="tianning-2025").id == "tianning-2025"


@pytest.mark.parametrize("name", ["notes.md", "notes.text", "NOTES.TXT", "工作报告2024.01.05", "README"])
def test_text_suffixes_and_names_without_a_file_type_are_read_as_text(write: WriteFile, name: str) -> None:
    doc = load(write(name, SENTENCE))
    assert (doc.format, doc.original) == ("txt", SENTENCE)


def test_load_text_keeps_the_text_as_given() -> None:
    doc = load_text("\ufeff" + SENTENCE + "\r\n", doc_id="s1")
    assert (doc.id, doc.original, doc.format, doc.source, doc.encoding) == (
        "s1",
        SENTENCE + "\r\n",
        "text",
        None,
        None,
    )


@pytest.mark.parametrize("text", ["", "   ", "\r\n\t", "\u3000\u3000\n"])
def test_load_text_refuses_empty_text(text: str) -> None:
    with pytest.raises(EmptyDocumentError, match="empty"):
        load_text(text, doc_id="blank")


@pytest.mark.parametrize(
    ("make", "fmt"),
    [
        (lambda pdf, docx: pdf([[SENTENCE]]), "pdf"),
        (lambda pdf, docx: docx([SENTENCE]), "docx"),
    ],
    ids=["pdf", "docx"],
)
@pytest.mark.parametrize("name", ["download.txt", "download.html", "download"])
def test_a_file_is_read_as_what_its_first_bytes_say(
    write: WriteFile,
    make_pdf: Callable[..., bytes],
    make_docx: Callable[..., bytes],
    make: Callable[..., bytes],
    fmt: str,
    name: str,
) -> None:
    doc = load(write(name, make(make_pdf, make_docx)))
    assert doc.format == fmt
    assert SENTENCE in doc.original


def _sparse_too_large(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


# name, content (bytes, or a function making the file), error class, what the message says
BAD_INPUTS: list[tuple[str, bytes | Callable[[Path], None], type[ReadError], str]] = [
    ("empty.txt", b"", EmptyDocumentError, "empty"),
    ("blank.txt", b" \r\n\t\n", EmptyDocumentError, "only whitespace"),
    ("blank-gb.txt", "\u3000\u3000\r\n".encode("gbk"), EmptyDocumentError, "only whitespace"),
    (
        "blank.html",
        b"<html><head><title> </title></head><body><script>x()</script></body></html>",
        EmptyDocumentError,
        "no text",
    ),
    ("nul.txt", b"abc\x00def\x00\x00\x00ghi", BinaryFileError, "NUL bytes"),
    ("undecodable.txt", b"\xff\xfe\xff\xff\xfe", EncodingError, "cannot decode"),
    ("huge.txt", _sparse_too_large, FileTooLargeError, "up to 50 MB"),
    ("scan.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, UnsupportedFormatError, "PNG image"),
    ("archive.txt", b"\x1f\x8b\x08\x00" + b"\x00" * 100, UnsupportedFormatError, "gzip archive"),
    ("old.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, UnsupportedFormatError, "legacy Office"),
    ("letter.txt", rb"{\rtf1\ansi 2024}", UnsupportedFormatError, "RTF"),
    ("report.doc", b"whatever", UnsupportedFormatError, "unsupported file type '.doc'"),
    ("table.xls", b"whatever", UnsupportedFormatError, ".txt, .text, .md, .html"),
    ("photo.jpg", b"\xff\xd8\xff\xe0", UnsupportedFormatError, "mubiao reads"),
    ("not-a.pdf", b"plain words", CorruptFileError, "not a PDF"),
    ("not-a.docx", b"plain words", CorruptFileError, "not a zip archive"),
    ("bundle.txt", b"PK\x03\x04" + b"\x00" * 40, CorruptFileError, "damaged zip"),
    ("missing.txt", b"", ReadError, "no such file"),
    ("folder.txt", b"", ReadError, "is a directory"),
    ("pipe.txt", _fifo, ReadError, "not a regular file"),
]


@pytest.mark.parametrize(("name", "content", "error", "why"), BAD_INPUTS, ids=[row[0] for row in BAD_INPUTS])
def test_bad_input_is_refused_naming_the_file_and_why(
    tmp_path: Path,
    name: str,
    content: bytes | Callable[[Path], None],
    error: type[ReadError],
    why: str,
) -> None:
    path = tmp_path / name
    if name.startswith("folder"):
        path.mkdir()
    elif callable(content):
        content(path)
    elif not name.startswith("missing"):
        path.write_bytes(content)
    with pytest.raises(error, match=why) as info:
        load(path)
    assert type(info.value) is error
    assert name in str(info.value)
    assert info.value.path == str(path)


def test_zip_that_is_not_a_word_document_is_unsupported(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "sheet.txt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormatError, match="zip archive that holds no Word document"):
        load(path)


def test_every_suffix_named_as_supported_is_read(
    write: WriteFile, make_pdf: Callable[..., bytes], make_docx: Callable[..., bytes]
) -> None:
    for suffix in SUPPORTED_SUFFIXES:
        content = {".pdf": make_pdf([[SENTENCE]]), ".docx": make_docx([SENTENCE])}.get(suffix, SENTENCE)
        assert SENTENCE in load(write(f"doc{suffix}", content)).original


def _variants(make_pdf: Callable[..., bytes], make_docx: Callable[..., bytes]) -> list[bytes]:
    return [make_pdf([[SENTENCE]]), make_docx([SENTENCE, [["指标", "目标"]]])]


@settings(max_examples=150, deadline=None)
@given(
    data=st.binary(max_size=600),
    suffix=st.sampled_from([".txt", ".html", ".pdf", ".docx", ""]),
    cut=st.floats(min_value=0.0, max_value=1.0),
    base=st.sampled_from([None, 0, 1]),
)
def test_no_lower_layer_exception_escapes(
    make_pdf: Callable[..., bytes],
    make_docx: Callable[..., bytes],
    data: bytes,
    suffix: str,
    cut: float,
    base: int | None,
) -> None:
    # Random bytes, or a real PDF or .docx cut short and with random bytes spliced in.
    if base is not None:
        real = _variants(make_pdf, make_docx)[base]
        at = int(len(real) * cut)
        data = real[:at] + data + real[at + len(data) :]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            doc = load(path)
        except ReadError as e:
            assert "fuzz" in str(e)
        else:
            assert doc.original.strip()


def test_errors_keep_the_lower_layer_cause(write: WriteFile) -> None:
    with pytest.raises(CorruptFileError) as info:
        load(write("cut.pdf", b"%PDF-1.7\n1 0 obj <<"))
    assert info.value.__cause__ is not None


def test_no_text_layer_error_is_a_read_error() -> None:
    assert issubclass(NoTextLayerError, ReadError)
