"""The text layer of a PDF, page by page."""

from __future__ import annotations

import io
import logging
import warnings

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from mubiao.errors import CorruptFileError, EmptyDocumentError, MubiaoError, NoTextLayerError
from mubiao.read.limits import MAX_PDF_PAGES, MAX_TEXT_CHARS, refuse

__all__ = ["pdf_text"]

log = logging.getLogger(__name__)
# pypdf logs every fault it repairs; with no handler configured, Python would print them to stderr,
# and the library never prints.  An application that configures logging still sees them.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


def _open(data: bytes, path: str) -> PdfReader:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        # Many official PDFs are encrypted only to forbid printing or copying: their user password
        # is empty and any reader opens them.
        try:
            opened = reader.decrypt("")
        except DependencyError as e:
            raise CorruptFileError(
                f"the PDF is encrypted with a cipher this installation cannot undo ({e})", path=path
            ) from e
        if opened == PasswordType.NOT_DECRYPTED:
            raise CorruptFileError("the PDF is encrypted and needs a password to be opened", path=path)
    return reader


def _pages(data: bytes, path: str) -> list[str]:
    reader = _open(data, path)
    count = len(reader.pages)
    if count > MAX_PDF_PAGES:
        refuse(f"the PDF has {count:,} pages", MAX_PDF_PAGES, path)
    pages: list[str] = []
    chars = 0
    failed: Exception | None = None
    for number, page in enumerate(reader.pages, 1):
        try:
            pages.append(page.extract_text())
            chars += len(pages[-1])
            if chars > MAX_TEXT_CHARS:
                refuse("the PDF's text runs to more characters than that", MAX_TEXT_CHARS, path)
        except MubiaoError:
            raise  # a time limit, not a fault of the page
        except Exception as e:  # pypdf raises many kinds on one bad content stream
            log.warning("%s: the text of page %d cannot be read: %s", path, number, e)
            failed = e
    if failed is not None and not pages:
        raise failed
    return pages


def pdf_text(data: bytes, path: str) -> str:
    """The pages' text joined with newlines."""
    # pypdf warns about the small faults real PDFs are full of; they are no concern of the caller.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pages = _pages(data, path)
        except MubiaoError:
            raise
        except Exception as e:  # a broken file can make pypdf raise nearly anything
            raise CorruptFileError(f"the PDF is damaged and cannot be read ({e})", path=path) from e
    if not pages:
        raise EmptyDocumentError("the PDF has no pages", path=path)
    if not any(p.strip() for p in pages):
        raise NoTextLayerError(
            f"no text layer: none of the PDF's {len(pages)} pages has text to extract; a scan holds only"
            " images, so run OCR first",
            path=path,
        )
    return "\n".join(pages)
