"""Scanning a long text for a pattern the regex engine cannot skip through quickly.

Python's engine skips ahead fast only when a pattern opens with a literal or a character class.
A pattern that opens with a look-behind, or with an alternation of named groups, is tried in full
at every position of the text.  :func:`finditer` finds the same matches as ``pattern.finditer``
by trying the pattern only where a cheap *openers* pattern says a match can start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["finditer", "matches_at"]


def finditer(
    pattern: re.Pattern[str], openers: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text, start, end)``, where every match of ``pattern`` starts
    where a match of ``openers`` (found by ``openers.finditer``) starts, and no match of ``pattern``
    is empty."""
    end = len(text) if end is None else end
    pos = start
    for o in openers.finditer(text, start, end):
        at = o.start()
        if at < pos:
            continue  # inside the match before: finditer goes on from where that one ended
        m = pattern.match(text, at, end)
        if m is not None:
            yield m
            pos = m.end()


def matches_at(
    pattern: re.Pattern[str], text: str, openings: list[int], start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text, start, end)``, given every place (sorted) where a
    match of it may start, and where no match of ``pattern`` is empty."""
    end = len(text) if end is None else end
    pos = start
    for at in openings:
        if at < pos:
            continue  # before the span, or inside the match before
        if at >= end:
            break
        m = pattern.match(text, at, end)
        if m is not None:
            yield m
            pos = m.end()
