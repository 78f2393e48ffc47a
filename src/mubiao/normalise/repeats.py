"""Sentences repeated verbatim by bad PDF or web extraction.

A long sentence (15 characters or more) that stands again later in the same document is an
artefact of extraction, not a second claim; the later copies are marked so the extractor skips them.
Short lines (table cells, headings) are never marked: they legitimately repeat.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_MIN = 15


def repeat_spans(text: str) -> list[tuple[int, int]]:
    seen: set[str] = set()
    out: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        key = "".join(m.group().split()).replace("\x00", "")
        if len(key) < _MIN:
            continue
        if key in seen:
            out.append(m.span())
        else:
            seen.add(key)
    return out
