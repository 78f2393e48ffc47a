"""The document model: the original text as decoded, its normalised form, and the map between them.

Like spaCy's ``Doc``, a :class:`Document` owns its text and everything found in it refers to it by
character offsets.  Two texts live side by side:

* ``original`` — the text as published and decoded.  Every span mubiao reports points into it.
* ``text`` — the normalised text (Simplified script, half-width digits, pinyin glosses and broken
  lines removed) that the extractor reads.

An :class:`OffsetMap` carries any offset of ``text`` back to ``original``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

DocType = Literal["work_report", "five_year_plan", "session_news", "statistical_bulletin", "other"]

__all__ = ["DocType", "Document", "DocumentMeta", "OffsetMap"]


class OffsetMap:
    """Piecewise map from offsets of a derived text to offsets of its original.

    The derived text is a sequence of segments.  A *linear* segment copies original characters one for
    one (possibly converted, as OpenCC or width folding do); a non-linear segment stands for a replaced
    original range, and all its characters map to that range.  Deleted original characters simply fall
    between segments.
    """

    __slots__ = ("_lin", "_norm", "_oend", "_ostart", "norm_len", "orig_len")

    def __init__(self, norm_len: int, orig_len: int) -> None:
        self._norm: list[int] = []
        self._ostart: list[int] = []
        self._oend: list[int] = []
        self._lin: list[bool] = []
        self.norm_len = norm_len
        self.orig_len = orig_len

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        m = cls(length, length)
        m.add(0, 0, length, linear=True)
        return m

    def add(self, norm_start: int, orig_start: int, orig_end: int, *, linear: bool) -> None:
        """Append a segment; segments must be added in increasing order of both offsets."""
        self._norm.append(norm_start)
        self._ostart.append(orig_start)
        self._oend.append(orig_end)
        self._lin.append(linear)

    def start(self, i: int) -> int:
        """Original offset where the normalised character ``i`` begins."""
        norm = self._norm
        if not norm:
            return 0
        if i >= self.norm_len:
            return self.orig_len
        k = bisect_right(norm, i) - 1
        if k < 0:
            k = 0
        if self._lin[k]:
            return min(self._ostart[k] + (i - norm[k]), self._oend[k])
        return self._ostart[k]

    def end(self, j: int) -> int:
        """Original offset where the normalised span ending (exclusive) at ``j`` ends."""
        norm = self._norm
        if not norm or j <= 0:
            return 0
        k = bisect_right(norm, j - 1) - 1
        if k < 0:
            k = 0
        if self._lin[k]:
            return min(self._ostart[k] + (j - norm[k]), self._oend[k])
        return self._oend[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            s = self.start(start)
            return s, s
        return self.start(start), self.end(end)


@dataclass
class DocumentMeta:
    """What a document is: detected from its text, overridable by the caller."""

    doc_type: DocType = "other"
    region: str | None = None
    region_path: tuple[str, ...] = ()
    #: the 6-digit administrative code of ``region`` (民政部 行政区划代码), where the data has one
    region_code: str | None = None
    #: the date the document was delivered or published
    delivered: date | None = None
    #: the year of the session a work report was delivered at (a report of December 2024 for the
    #: 2025 session → 2025): the year its targets are for
    session_year: int | None = None
    #: the calendar year the document was delivered
    report_year: int | None = None
    review_year: int | None = None
    target_year: int | None = None
    period: tuple[int, int] | None = None
    title: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "doc_type": self.doc_type,
            "region": self.region,
            "region_path": list(self.region_path),
            "region_code": self.region_code,
            "delivered": self.delivered.isoformat() if self.delivered else None,
            "session_year": self.session_year,
            "report_year": self.report_year,
            "review_year": self.review_year,
            "target_year": self.target_year,
            "period": list(self.period) if self.period else None,
            "title": self.title,
        }


@dataclass(eq=False)
class Document:
    """A read document: the original text, the normalised text and what is known about both."""

    id: str
    original: str
    source: str | None = None
    format: str = "text"
    encoding: str | None = None
    text: str = ""
    offsets: OffsetMap = field(default_factory=lambda: OffsetMap(0, 0))
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    #: normalised ranges that repeat an earlier paragraph verbatim (an extraction artefact)
    repeats: list[tuple[int, int]] = field(default_factory=list)
    #: normalised ranges of garbled text (mojibake, replacement characters)
    damaged: list[tuple[int, int]] = field(default_factory=list)
    #: normalised ranges consumed by indicator tables
    tables: list[tuple[int, int]] = field(default_factory=list)
    normalised: bool = False
    #: what was left out of the document and why (numbers beyond float precision, statements over
    #: the cap of a sentence): the document is read, but not all of it
    warnings: list[str] = field(default_factory=list)

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised span ``[start, end)``."""
        return self.offsets.span(start, end)

    def original_text(self, start: int, end: int) -> str:
        a, b = self.char_span(start, end)
        return self.original[a:b]

    def is_damaged(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.damaged)

    def __repr__(self) -> str:
        return f"Document(id={self.id!r}, chars={len(self.original)}, type={self.meta.doc_type!r})"
