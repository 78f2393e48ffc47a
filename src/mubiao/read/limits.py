"""How much a file may unpack or parse into: the limits that make a small file unable to cost
gigabytes of memory or minutes of work.

Every limit is far above what a real report, plan or news page needs (a five-year plan runs to a
few thousand paragraphs, a page nests a few dozen elements); a file over one is refused with a
:class:`~mubiao.errors.LimitExceededError` that names the limit.
"""

from __future__ import annotations

import re
import zipfile
from typing import NoReturn

from mubiao.errors import LimitExceededError

__all__ = [
    "MAX_DOCX_DEPTH",
    "MAX_DOCX_PARAGRAPHS",
    "MAX_DOCX_TABLES",
    "MAX_HTML_DEPTH",
    "MAX_HTML_ELEMENTS",
    "MAX_PDF_PAGES",
    "MAX_TEXT_CHARS",
    "MAX_ZIP_ENTRIES",
    "MAX_ZIP_ENTRY_BYTES",
    "MAX_ZIP_RATIO",
    "MAX_ZIP_TOTAL_BYTES",
    "MAX_ZIP_XML_BYTES",
    "check_html",
    "check_zip",
    "refuse",
]

#: entries in a .docx archive (a report has a few dozen: parts, relations, images)
MAX_ZIP_ENTRIES = 5_000
#: the unpacked size of any one entry, of an XML part (parsed into a tree several times its size),
#: and of all entries together; a 300-page report's document.xml is 5 to 15 MB
MAX_ZIP_ENTRY_BYTES = 64 * 2**20
MAX_ZIP_XML_BYTES = 32 * 2**20
MAX_ZIP_TOTAL_BYTES = 128 * 2**20
#: how far an entry of more than a megabyte may inflate; Word's XML packs 5 to 30 times
MAX_ZIP_RATIO = 200
_RATIO_FROM = 2**20

#: paragraphs and tables of a Word body, and how deep its tables and content controls nest
MAX_DOCX_PARAGRAPHS = 200_000
MAX_DOCX_TABLES = 20_000
MAX_DOCX_DEPTH = 64

#: pages of a PDF, and characters of any document's text (a 50 MB text file holds at most 50
#: million; a PDF's compressed streams could unpack into more)
MAX_PDF_PAGES = 10_000
MAX_TEXT_CHARS = 60_000_000

#: elements of an HTML page, and how deep they nest (parsing 10,000 levels takes a tenth of a second,
#: 100,000 half a minute)
MAX_HTML_ELEMENTS = 1_000_000
MAX_HTML_DEPTH = 10_000


def refuse(what: str, limit: int, path: str) -> NoReturn:
    raise LimitExceededError(f"{what}: mubiao reads at most {limit:,}", path=path)


def check_zip(z: zipfile.ZipFile, path: str) -> None:
    """Refuse an archive whose entries would unpack into more than the limits allow.

    The sizes are those the archive declares; :mod:`zipfile` stops reading an entry at its
    declared size and fails on a mismatch, so an entry cannot unpack into more than it declares.
    """
    infos = z.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        refuse(f"the archive holds {len(infos):,} entries", MAX_ZIP_ENTRIES, path)
    total = 0
    for info in infos:
        size = info.file_size
        limit = (
            MAX_ZIP_XML_BYTES if info.filename.lower().endswith((".xml", ".rels")) else MAX_ZIP_ENTRY_BYTES
        )
        if size > limit:
            raise LimitExceededError(
                f"the archive entry {info.filename!r} unpacks into {size / 2**20:,.1f} MB: mubiao unpacks"
                f" at most {limit // 2**20} MB for such an entry (a zip bomb?)",
                path=path,
            )
        if size > _RATIO_FROM and size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise LimitExceededError(
                f"the archive entry {info.filename!r} inflates {size // max(info.compress_size, 1):,} times"
                f" ({info.compress_size:,} bytes into {size:,}): mubiao unpacks entries that inflate at"
                f" most {MAX_ZIP_RATIO} times (a zip bomb?)",
                path=path,
            )
        total += size
    if total > MAX_ZIP_TOTAL_BYTES:
        raise LimitExceededError(
            f"the archive unpacks into {total / 2**20:,.0f} MB: mubiao unpacks at most"
            f" {MAX_ZIP_TOTAL_BYTES // 2**20} MB (a zip bomb?)",
            path=path,
        )


# Tags, with what never holds markup (comments, scripts, styles) taken whole so that a ``<`` inside
# them is not read as a tag.
_TAG = re.compile(
    r"<!--.*?(?:-->|\Z)|<(?:script|style|textarea|xmp)\b.*?(?:</(?:script|style|textarea|xmp)\s*>|\Z)"
    r"|<(/?)([A-Za-z][A-Za-z0-9:_-]*)[^>]*?(/?)>",
    re.S | re.I,
)
# Elements that hold nothing, and elements that the next of their kind (or their parent's end)
# closes: neither deepens the tree however many are left unclosed.
_FLAT = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
        "basefont",
        "bgsound",
        "frame",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
        "option",
        "optgroup",
        "colgroup",
        "rb",
        "rt",
        "rp",
        "caption",
    ]
)


def check_html(markup: str, path: str) -> None:
    """Refuse a page with more elements than the limit, or nested deeper, before it is parsed.

    The parser's cost grows with the square of the nesting depth (100,000 nested ``<div>`` take
    half a minute), so depth is estimated from the tags themselves: each element that is not
    void or implicitly closed counts one level until its end tag.
    """
    elements = depth = deepest = 0
    for m in _TAG.finditer(markup):
        name = m.group(2)
        if name is None:
            continue
        elements += 1
        if elements > MAX_HTML_ELEMENTS:
            refuse("the page holds more elements than that", MAX_HTML_ELEMENTS, path)
        if m.group(3) or name.lower() in _FLAT:
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_HTML_DEPTH:
                    refuse("the page nests its elements deeper than that", MAX_HTML_DEPTH, path)
