"""Normalising: the text the extractor reads, with a map back to the original.

Steps, in order, each keeping the offsets: width folding and Traditional → Simplified (both
length-preserving); then deletions — invisible format characters, pinyin glosses, line breaks
inside sentences.  Repeated
sentences and garbled runs are not deleted but recorded on the document, so the extractor can skip
the one and flag statements in the other.
"""

from __future__ import annotations

from mubiao.document import Document
from mubiao.normalise.edits import delete, merge, shift_ranges
from mubiao.normalise.invisible import invisible_spans
from mubiao.normalise.lines import join_spans
from mubiao.normalise.mojibake import damaged_spans, outside_gb2312, outside_runs
from mubiao.normalise.pinyin import gloss_spans
from mubiao.normalise.repeats import repeat_spans
from mubiao.normalise.script import fold

__all__ = ["normalise", "normalise_text"]


def normalise_text(original: str) -> tuple[str, list[tuple[int, int]]]:
    """The folded text and the spans of it to delete (exposed for tests and benchmarks)."""
    folded, deletions, _ = _fold_and_find(original)
    return folded, deletions


def _fold_and_find(original: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The folded text, the spans of it to delete and its damaged spans."""
    folded = fold(original)
    # One pass of the GB2312 codec bounds both the garbled and the invisible characters: a text whose
    # every character but a few clean ones (the dash, the middle dot) is in GB2312, as most are, is
    # not searched for either.
    outside = outside_gb2312(folded)
    invisible = invisible_spans(folded, outside_runs(folded)) if outside > 0 else []
    glosses = gloss_spans(folded)
    deletions = merge(invisible + glosses + join_spans(_blank(folded, glosses)))
    return folded, deletions, damaged_spans(folded, outside)


def normalise(doc: Document) -> Document:
    """Fill ``doc.text``, ``doc.offsets``, ``doc.repeats`` and ``doc.damaged``; idempotent."""
    if doc.normalised:
        return doc
    folded, deletions, damaged = _fold_and_find(doc.original)
    repeats = repeat_spans(_blank(folded, deletions))
    doc.text, doc.offsets = delete(folded, deletions)
    doc.repeats = shift_ranges(repeats, deletions)
    doc.damaged = shift_ranges(damaged, deletions)
    doc.normalised = True
    return doc


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` overwritten by filler of the same length, so offsets still hold."""
    if not spans:
        return text
    parts = []
    pos = 0
    for a, b in spans:
        parts.append(text[pos:a])
        parts.append("\x00" * (b - a))
        pos = b
    parts.append(text[pos:])
    return "".join(parts)
