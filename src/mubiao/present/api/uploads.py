"""Uploaded files: saved under their own name in a private folder, read, and their errors named.

The reading stage knows a file by its path; an upload is written to a temporary folder under its
own (base) name, so that the document id is the file's stem as on the command line, and errors
name the file as the user called it, never the temporary path.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath, PureWindowsPath

from fastapi import UploadFile

from mubiao.errors import FileTooLargeError, MubiaoError, PipelineError, ReadError, StoreError, UsageError
from mubiao.read import MAX_BYTES

__all__ = ["failure", "renamed", "saved_upload"]

_CHUNK = 1 << 20


#: the longest file name kept, in bytes of UTF-8 (file systems take 255; the store's doc_id,
#: the name's stem, 255 characters): a longer name keeps its start and its suffix
MAX_NAME_BYTES = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _shortened(name: str) -> str:
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or len(suffix.encode("utf-8")) > 16:
        stem, suffix = name, ""
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8")) - (1 if suffix else 0)
    cut = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip(" .")
    return f"{cut}.{suffix}" if suffix else cut


def _file_name(upload: UploadFile) -> str:
    raw = _CONTROL.sub("", upload.filename or "")
    # a browser on Windows may send C:\Users\…\report.docx: keep the last part of either kind of path
    name = _shortened(PureWindowsPath(PurePosixPath(raw).name).name.strip())
    if not name or name in (".", ".."):
        raise UsageError("the upload has no file name: send the document as the multipart field 'file'")
    return name


@contextmanager
def saved_upload(upload: UploadFile) -> Iterator[Path]:
    """The upload written to a temporary file of the same name, removed afterwards."""
    name = _file_name(upload)
    folder = Path(tempfile.mkdtemp(prefix="mubiao-upload-"))
    try:
        path = folder / name
        written = 0
        with path.open("wb") as out:
            while chunk := upload.file.read(_CHUNK):
                written += len(chunk)
                if written > MAX_BYTES:
                    raise FileTooLargeError(
                        f"larger than {MAX_BYTES // (1024 * 1024)} MB: split the document", path=name
                    )
                out.write(chunk)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def renamed(exc: MubiaoError, name: str) -> MubiaoError:
    """The same error naming the upload instead of its temporary path."""
    try:
        new = type(exc)(exc.message, path=name)
    except TypeError:  # a subclass with another signature: keep the family and the code
        new = MubiaoError(exc.message, path=name)
        new.code = exc.code
    new.__cause__ = exc
    return new


def failure(code: str | None, reason: str, name: str) -> MubiaoError:
    """The error of a file the ingestion could not store, from its code and reason."""
    if code is None:
        cls: type[MubiaoError] = StoreError if reason.startswith("cannot store") else PipelineError
        return cls(reason, path=name)
    classes: list[type[ReadError]] = [ReadError, *ReadError.__subclasses__()]
    family = {c.code: c for c in classes}
    err = family.get(code, ReadError)(reason, path=name)
    err.code = code
    return err
