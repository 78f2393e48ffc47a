"""The one exception tree of mubiao.

Every error a user can meet carries a short code (``E101``) so it can be searched for,
and, where a file is involved, the file's name::

    MubiaoError
     ├── ReadError                  E1xx  a document could not be read
     │    ├── UnsupportedFormatError  E101
     │    ├── EmptyDocumentError      E102
     │    ├── BinaryFileError         E103
     │    ├── EncodingError           E104
     │    ├── FileTooLargeError       E105
     │    ├── NoTextLayerError        E106
     │    ├── CorruptFileError        E107
     │    └── LimitExceededError      E108
     ├── PipelineError              E2xx  a pipeline component failed or broke its contract
     │    └── TimeLimitError          E201
     ├── StoreError                 E3xx  the ledger's database refused or failed
     │    └── NotFoundError           E304
     └── UsageError                 E4xx  a request the user made cannot be honoured
          ├── NotAuthenticatedError   E401  no valid login, session or key
          ├── AccessDeniedError       E403  the user's role or units do not allow it
          └── TooManyAttemptsError    E429  logins refused for a while after failures

Lower layers (sqlite3, psycopg, pypdf, zipfile …) never leak: they are wrapped in one of
these, with the original kept as ``__cause__``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AccessDeniedError",
    "BinaryFileError",
    "CorruptFileError",
    "EmptyDocumentError",
    "EncodingError",
    "FileTooLargeError",
    "LimitExceededError",
    "MubiaoError",
    "NoTextLayerError",
    "NotAuthenticatedError",
    "NotFoundError",
    "PipelineError",
    "ReadError",
    "StoreError",
    "TimeLimitError",
    "TooManyAttemptsError",
    "UnsupportedFormatError",
    "UsageError",
]


class MubiaoError(Exception):
    """Base of every error mubiao raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, path: str | Path | None = None) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.code}]"


class ReadError(MubiaoError):
    """A document could not be turned into text."""

    code = "E100"


class UnsupportedFormatError(ReadError):
    """The file is of a kind mubiao does not read (.doc, .xls, images …)."""

    code = "E101"


class EmptyDocumentError(ReadError):
    """The file or text holds nothing but white space."""

    code = "E102"


class BinaryFileError(ReadError):
    """The file is binary data, not text (NUL bytes, control characters)."""

    code = "E103"


class EncodingError(ReadError):
    """The bytes are text in none of the encodings mubiao knows (UTF-8/16, GB18030, Big5)."""

    code = "E104"


class FileTooLargeError(ReadError):
    """The file is over the 50 MB limit."""

    code = "E105"


class NoTextLayerError(ReadError):
    """A PDF whose pages are images only: it needs OCR first."""

    code = "E106"


class CorruptFileError(ReadError):
    """A PDF or DOCX that is damaged or locked with a password."""

    code = "E107"


class LimitExceededError(ReadError):
    """A file within the size limit that unpacks or parses into more than mubiao reads: a zip entry
    that inflates too far, too many paragraphs or tables, elements nested too deep."""

    code = "E108"


class PipelineError(MubiaoError):
    """A pipeline component raised or returned something it should not have."""

    code = "E200"


class TimeLimitError(PipelineError):
    """Reading and extracting one document took longer than the time allowed for it."""

    code = "E201"


class StoreError(MubiaoError):
    """The ledger's database refused an operation or could not be reached."""

    code = "E300"


class NotFoundError(StoreError):
    """No such statement, document or target in the store."""

    code = "E304"


class UsageError(MubiaoError):
    """The request cannot be honoured as asked (bad filter, unknown format …)."""

    code = "E400"


class NotAuthenticatedError(UsageError):
    """The request needs a login, a session or an API key, and has none that is valid."""

    code = "E401"


class AccessDeniedError(UsageError):
    """The user is known, but the role or the units do not allow what was asked."""

    code = "E403"


class TooManyAttemptsError(UsageError):
    """Too many failed logins: refused until ``retry_after`` seconds have passed."""

    code = "E429"

    def __init__(self, message: str, *, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(message)
