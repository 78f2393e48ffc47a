"""Turn a path or a string into a Document holding its original decoded text.

The suffix says what a file should be, its first bytes what it is: a PDF or a Word file saved as
``.txt`` is read as what it is, and an image or archive under any name is refused by name.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from mubiao.document import Document
from mubiao.errors import (
    CorruptFileError,
    EmptyDocumentError,
    FileTooLargeError,
    LimitExceededError,
    MubiaoError,
    ReadError,
    UnsupportedFormatError,
)
from mubiao.read.decode import decode_bytes
from mubiao.read.limits import MAX_TEXT_CHARS, refuse

__all__ = ["MAX_BYTES", "SUPPORTED_SUFFIXES", "load", "load_text"]

MAX_BYTES = 50 * 1024 * 1024
_CHUNK = 2**20
_TEXT_SUFFIXES = (".txt", ".text", ".md")
_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
SUPPORTED_SUFFIXES = (*_TEXT_SUFFIXES, *_HTML_SUFFIXES, ".pdf", ".docx")

# Names like "工作报告2024.01.05" carry dots that are not a file type; such a file is sniffed instead.
_SUFFIX = re.compile(r"\.[a-z][a-z0-9]{0,4}")
_VISIBLE = re.compile(r"\S")
_SURROGATE = re.compile("[\ud800-\udfff]")
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_NOT_TEXT = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc, .xls or .ppt); save it as .docx"),
    (b"{\\rtf", "an RTF document; save it as .docx"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
)
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b", re.I | re.S)
_SUPPORTED = ", ".join(SUPPORTED_SUFFIXES)


def load_text(text: str, *, doc_id: str = "text") -> Document:
    """A Document of ``text`` as given (less a leading byte-order mark, and with any lone surrogate
    replaced by U+FFFD)."""
    text = _SURROGATE.sub("\ufffd", text.removeprefix("\ufeff"))
    if not _VISIBLE.search(text):
        raise EmptyDocumentError("the text is empty or only whitespace", path=doc_id)
    return Document(id=doc_id, original=text, format="text")


def load(path: str | os.PathLike[str], *, doc_id: str | None = None) -> Document:
    """Read a .txt, .md, .html, .pdf or .docx file; only ReadError and its subclasses are raised."""
    p = Path(path)
    name = str(p)
    suffix = _suffix(p)
    size = _size(p, name)
    if suffix and suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormatError(
            f"unsupported file type {suffix!r}: mubiao reads {_SUPPORTED}", path=name
        )
    if size > MAX_BYTES:
        raise FileTooLargeError(_too_large(size), path=name)
    data = _read(p, name)
    if not data:
        raise EmptyDocumentError("the file is empty (0 bytes)", path=name)
    fmt = _format(data, suffix, name)
    text, encoding = _run_reader(fmt, data, name)
    # A lone surrogate (a PDF's broken ToUnicode map, a string handed in) is no character: it could
    # not even be written out as UTF-8.  U+FFFD stands in for it, one for one, so offsets hold.  A
    # text file's text comes from decode_bytes, whose codecs (UTF-8/16/32 strict, the GB and Big5
    # ones with errors replaced) make none: the search of every character is left out for that
    # reader, and for no other one that stands in its place.
    if _READERS[fmt] is not _read_txt:
        text = _SURROGATE.sub("\ufffd", text)
    if len(text) > MAX_TEXT_CHARS:
        refuse(f"the document's text runs to {len(text):,} characters", MAX_TEXT_CHARS, name)
    if not _VISIBLE.search(text):
        what = "holds only whitespace" if fmt == "txt" else "has no text"
        raise EmptyDocumentError(f"the file {what}", path=name)
    return Document(
        id=doc_id if doc_id is not None else p.stem,
        original=text,
        source=name,
        format=fmt,
        encoding=encoding,
    )


def _run_reader(fmt: str, data: bytes, name: str) -> tuple[str, str | None]:
    """The reader's text, with whatever a parser raises beyond the readers' own checks turned into
    a ReadError that names the file."""
    try:
        return _READERS[fmt](data, name)
    except MubiaoError:
        raise
    except (RecursionError, MemoryError) as e:
        raise LimitExceededError(
            f"the {fmt.upper()} file is too deeply nested or too large to read ({type(e).__name__})",
            path=name,
        ) from e
    except Exception as e:  # lxml, selectolax, pypdf, zipfile: any of them may refuse a hostile file
        raise CorruptFileError(f"cannot be read as {fmt.upper()} ({type(e).__name__}: {e})", path=name) from e


def _suffix(p: Path) -> str:
    suffix = p.suffix.lower()
    return suffix if _SUFFIX.fullmatch(suffix) else ""


def _too_large(size: int) -> str:
    return f"the file is {size / 2**20:.1f} MB; mubiao reads files of up to {MAX_BYTES // 2**20} MB"


def _size(p: Path, name: str) -> int:
    try:
        st = p.stat()
    except FileNotFoundError as e:
        raise ReadError("no such file", path=name) from e
    except OSError as e:
        raise ReadError(f"cannot be read: {e.strerror or e}", path=name) from e
    if stat.S_ISDIR(st.st_mode):
        raise ReadError("is a directory, not a file", path=name)
    if not stat.S_ISREG(st.st_mode):
        raise ReadError("is not a regular file (a device, pipe or socket)", path=name)
    return st.st_size


def _read(p: Path, name: str) -> bytes:
    try:
        with p.open("rb") as f:
            # Read one byte past the limit: a file that grew after stat() must not slip through.
            # Read in chunks: ``read(n)`` sets n bytes aside first, 50 MB for every file.
            chunks: list[bytes] = []
            left = MAX_BYTES + 1
            while left > 0 and (chunk := f.read(min(left, _CHUNK))):
                chunks.append(chunk)
                left -= len(chunk)
            data = b"".join(chunks)
    except OSError as e:
        raise ReadError(f"cannot be read: {e.strerror or e}", path=name) from e
    if len(data) > MAX_BYTES:
        raise FileTooLargeError(_too_large(len(data)), path=name)
    return data


def _format(data: bytes, suffix: str, name: str) -> str:
    """What the file is, by its first bytes where they tell, else by its suffix."""
    if data.startswith(_PDF_MAGIC) or (suffix == ".pdf" and _PDF_MAGIC in data[:1024]):
        return "pdf"
    if suffix == ".pdf":
        raise CorruptFileError(f"not a PDF: it does not begin with %PDF-{_actually(data)}", path=name)
    if data.startswith(_ZIP_MAGIC):
        if suffix == ".docx" or _holds_word_document(data, name):
            return "docx"
        _not_text("a zip archive that holds no Word document", name)
    if suffix == ".docx":
        raise CorruptFileError(f"not a Word .docx file: it is not a zip archive{_actually(data)}", path=name)
    for magic, what in _NOT_TEXT:
        if data.startswith(magic):
            _not_text(what, name)
    if suffix in _HTML_SUFFIXES or (not suffix and _HTML_START.match(data, 0, 1024)):
        return "html"
    return "txt"


def _actually(data: bytes) -> str:
    """What a file that is not what its suffix says holds instead, where that is known."""
    if _HTML_START.match(data, 0, 1024):
        return "; it holds an HTML page (often an error page saved by a failed download)"
    return next((f"; it is {what}" for magic, what in _NOT_TEXT if data.startswith(magic)), "")


def _not_text(what: str, name: str) -> NoReturn:
    raise UnsupportedFormatError(f"the file is {what}, not a document mubiao reads ({_SUPPORTED})", path=name)


def _holds_word_document(data: bytes, name: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as e:
        # NotImplementedError: a zip header claiming a version or compression zipfile does not read
        raise CorruptFileError(f"a damaged zip archive ({e})", path=name) from e


def _read_txt(data: bytes, name: str) -> tuple[str, str | None]:
    decoded = decode_bytes(data, path=name)
    return decoded.text, decoded.encoding


def _read_html(data: bytes, name: str) -> tuple[str, str | None]:
    from mubiao.read.html import html_text, sniff_charset  # selectolax, likewise

    decoded = decode_bytes(data, path=name, declared=sniff_charset(data))
    return html_text(decoded.text, name), decoded.encoding


def _read_pdf(data: bytes, name: str) -> tuple[str, str | None]:
    from mubiao.read.pdf import pdf_text  # pypdf is imported by the PDFs that need it, not at start

    return pdf_text(data, name), None


def _read_docx(data: bytes, name: str) -> tuple[str, str | None]:
    from mubiao.read.docx import docx_text  # python-docx and lxml likewise

    return docx_text(data, name), None


_READERS: dict[str, Callable[[bytes, str], tuple[str, str | None]]] = {
    "txt": _read_txt,
    "html": _read_html,
    "pdf": _read_pdf,
    "docx": _read_docx,
}
