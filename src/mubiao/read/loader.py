"""Turn a path or a string into a Document holding its original decoded text."""

from __future__ import annotations

import os
from pathlib import Path

from mubiao.document import Document
from mubiao.errors import EmptyDocumentError, EncodingError, FileTooLargeError, UnsupportedFormatError

MAX_BYTES = 50 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".text", ".md")


def load_text(text: str, *, doc_id: str = "text") -> Document:
    if not text.strip():
        raise EmptyDocumentError("the text is empty", path=doc_id)
    return Document(id=doc_id, original=text, format="text")


def load(path: str | os.PathLike[str], *, doc_id: str | None = None) -> Document:
    p = Path(path)
    if p.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormatError(f"unsupported file type {p.suffix!r}", path=p)
    data = p.read_bytes()
    if len(data) > MAX_BYTES:
        raise FileTooLargeError("file is larger than 50 MB", path=p)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as e:
            raise EncodingError("cannot decode", path=p) from e
    if not text.strip():
        raise EmptyDocumentError("the file is empty", path=p)
    return Document(id=doc_id or p.stem, original=text, source=str(p), format="txt")
