"""Sentences repeated verbatim by bad PDF or web extraction.

A long sentence (15 characters or more) that stands again later in the same document is an
artefact of extraction, not a second claim; the later copies are marked so the extractor skips them.
Short lines (table cells, headings) are never marked: they legitimately repeat.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_MIN = 15


def _key(sentence: str) -> str:
    return "".join(sentence.split()).replace("\x00", "")


def repeat_spans(text: str) -> list[tuple[int, int]]:
    # Most documents repeat no sentence: their sentences are compared as strings first (findall
    # makes no match object per sentence), and matched again for their spans only where one repeats.
    # A key is never longer than its sentence, so a short sentence cannot make a long key.
    keys = [k for s in _SENTENCE.findall(text) if len(s) >= _MIN and len(k := _key(s)) >= _MIN]
    if len(set(keys)) == len(keys):
        return []
    seen: set[str] = set()
    out: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        key = _key(m.group())
        if len(key) < _MIN:
            continue
        if key in seen:
            out.append(m.span())
        else:
            seen.add(key)
    return out
