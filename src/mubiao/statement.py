"""The statement: one target or one reported result, grounded in its document.

A :class:`Statement` holds its :class:`~mubiao.document.Document` and offsets into the normalised
text, like a spaCy ``Span``; ``span`` and ``source_text`` are computed from the document, never
copied.  ``to_dict`` gives the record of ``shared/spec/statements.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from mubiao.document import Document

Kind = Literal["target", "actual"]
Measure = Literal["level", "growth", "delta"]
Qualifier = Literal["about", "at_least", "at_most", "range", "exact", "qualitative"]

#: the fields of the statement record of ``shared/spec/statements.md``, in its order
RECORD_FIELDS: tuple[str, ...] = (
    "doc", "kind", "indicator", "indicator_id", "measure", "value", "value_max", "unit", "qualifier",
    "cumulative", "year", "region", "span", "text",
)  # fmt: skip
KINDS: tuple[str, ...] = ("target", "actual")
MEASURES: tuple[str, ...] = ("level", "growth", "delta")
QUALIFIERS: tuple[str, ...] = ("about", "at_least", "at_most", "range", "exact", "qualitative")

#: the longest ``text`` a record carries: a longer sentence is cut to a window around its claim
MAX_TEXT_CHARS = 300

__all__ = [
    "KINDS",
    "MAX_TEXT_CHARS",
    "MEASURES",
    "QUALIFIERS",
    "RECORD_FIELDS",
    "Kind",
    "Measure",
    "Qualifier",
    "Statement",
]


@dataclass(eq=False)
class Statement:
    doc: Document
    kind: Kind
    indicator: str
    measure: Measure
    value: float | None
    unit: str | None
    qualifier: Qualifier
    year: int | None
    #: normalised offsets of the claim itself (number and indicator)
    start: int
    end: int
    #: normalised offsets of the sentence or clause it stands in
    text_start: int
    text_end: int
    value_max: float | None = None
    cumulative: bool = False
    region: str | None = None
    indicator_id: str | None = None
    attribute: str | None = None
    damaged: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        """Offsets of the claim in ``doc.original``."""
        return self.doc.char_span(self.start, self.end)

    @property
    def source_text(self) -> str:
        """The claim as published, in its own script and form."""
        a, b = self.span
        return self.doc.original[a:b]

    @property
    def windowed(self) -> bool:
        """Whether the sentence is longer than ``text`` may be, so ``text`` is a window of it."""
        return self.text_end - self.text_start > MAX_TEXT_CHARS

    @property
    def text_window(self) -> tuple[int, int]:
        """Normalised offsets of ``text``: the sentence, or :data:`MAX_TEXT_CHARS` of it centred on
        the claim."""
        a, b = self.text_start, self.text_end
        if b - a <= MAX_TEXT_CHARS:
            return a, b
        claim = max(0, self.end - self.start)
        start = max(a, self.start - max(0, MAX_TEXT_CHARS - claim) // 2)
        end = min(b, start + MAX_TEXT_CHARS)
        return max(a, end - MAX_TEXT_CHARS), end

    @property
    def sentence_span(self) -> tuple[int, int]:
        """Offsets in ``doc.original`` of the whole sentence or clause the claim stands in."""
        return self.doc.char_span(self.text_start, self.text_end)

    @property
    def text(self) -> str:
        """The sentence or clause the claim stands in, normalised; of a sentence longer than
        :data:`MAX_TEXT_CHARS`, a window of that many characters around the claim."""
        a, b = self.text_window
        return " ".join(self.doc.text[a:b].split())

    def to_dict(self) -> dict[str, Any]:
        # the properties inlined: the CLI writes tens of thousands of records a second
        doc = self.doc
        a, b = doc.offsets.span(self.start, self.end)
        ta, tb = self.text_start, self.text_end
        windowed = tb - ta > MAX_TEXT_CHARS
        if windowed:
            ta, tb = self.text_window
        value, value_max = self.value, self.value_max
        d: dict[str, Any] = {
            "doc": doc.id,
            "kind": self.kind,
            "indicator": self.indicator,
            "indicator_id": self.indicator_id,
            "measure": self.measure,
            "value": value if value is None else _num(value),
            "value_max": value_max if value_max is None else _num(value_max),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "cumulative": self.cumulative,
            "year": self.year,
            "region": self.region,
            "span": [a, b],
            "text": " ".join(doc.text[ta:tb].split()),
        }
        if windowed:
            d["sentence_span"] = list(self.sentence_span)
        if self.attribute:
            d["attribute"] = self.attribute
        if self.damaged:
            d["damaged"] = True
        if self.extra:
            d.update(self.extra)
        return d

    def __repr__(self) -> str:
        v = "" if self.value is None else f" {_num(self.value)}{self.unit or ''}"
        return f"Statement({self.kind} {self.indicator}{v} {self.qualifier} {self.year})"


def _num(v: float | None) -> float | int | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() and abs(v) < 1e15 else round(v, 10)
