"""Patterns tried only where a match can stand: at its first character, or in the tail it can end.

The rules try many small patterns at one place (``_LEAD.match(window)``: does the window open with a
lead word?), and most such tries fail; each costs the regular-expression engine's set-up even when
the first character already rules a match out.  :class:`Anchored` reads off a compiled pattern,
from Python's own parse of it, which characters a match can open with, and calls the engine only
where the character at the position is one of them: ``Anchored(p).match(s, pos)`` is
``p.match(s, pos)``, for any pattern.  :class:`Ending` does the same for a pattern that ends in
``$``: it searches only the tail of the text made of characters the pattern can consume.  A pattern
whose characters cannot be read (a back-reference, a case-insensitive flag, a match that may be
empty) is always tried.  Extraction and the registry's phrase keys use them alike.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

__all__ = ["Anchored", "Ending", "first_characters", "longest_match"]

#: a first-character set: characters, inclusive code-point ranges, and the category tests
#: (``isdecimal``, ``isspace``, ``word``) of ``\d``, ``\s`` and ``\w``
Firsts = tuple[frozenset[str], tuple[tuple[int, int], ...], frozenset[str]]

_CATEGORIES = {
    sre.CATEGORY_DIGIT: "isdecimal",
    sre.CATEGORY_SPACE: "isspace",
    sre.CATEGORY_WORD: "word",
}


class _Unknown(Exception):
    """The pattern's first characters cannot be told (or are any character)."""


def _union(a: Firsts, b: Firsts) -> Firsts:
    return a[0] | b[0], a[1] + b[1], a[2] | b[2]


_EMPTY: Firsts = (frozenset(), (), frozenset())


def _of_class(items: list[tuple[Any, Any]]) -> Firsts:
    chars: set[str] = set()
    ranges: list[tuple[int, int]] = []
    cats: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE:
            ranges.append((av[0], av[1]))
        elif op is sre.CATEGORY and av in _CATEGORIES:
            cats.add(_CATEGORIES[av])
        else:  # NEGATE, a negated category, anything else: any character
            raise _Unknown
    return frozenset(chars), tuple(ranges), frozenset(cats)


def _of_sequence(items: Any) -> tuple[Firsts, bool]:
    """The first characters of a sequence of parsed items, and whether it may match empty."""
    found = _EMPTY
    for op, av in items:
        firsts, nullable = _of_item(op, av)
        found = _union(found, firsts)
        if not nullable:
            return found, False
    return found, True


def _of_item(op: Any, av: Any) -> tuple[Firsts, bool]:
    if op is sre.LITERAL:
        return (frozenset((chr(av),)), (), frozenset()), False
    if op is sre.IN:
        return _of_class(av), False
    if op is sre.CATEGORY and av in _CATEGORIES:
        return (frozenset(), (), frozenset((_CATEGORIES[av],))), False
    if op is sre.BRANCH:
        found = _EMPTY
        nullable = False
        for branch in av[1]:
            firsts, empty = _of_sequence(branch)
            found = _union(found, firsts)
            nullable = nullable or empty
        return found, nullable
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        if add_flags & re.IGNORECASE:
            raise _Unknown
        return _of_sequence(body)
    if op is sre.ATOMIC_GROUP:
        return _of_sequence(av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, body = av
        firsts, nullable = _of_sequence(body)
        return firsts, nullable or low == 0
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        # zero-width: an anchor or a look-around decides nothing about the first character consumed
        return _EMPTY, True
    raise _Unknown  # ANY, NOT_LITERAL, back-references, conditionals: any character


def first_characters(pattern: re.Pattern[str]) -> Firsts | None:
    """The characters a match of ``pattern`` can open with; None if any can, or a match may be empty."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return None
    try:
        found, nullable = _of_sequence(sre_parse.parse(pattern.pattern, pattern.flags))
    except _Unknown:
        return None
    except Exception:  # the parser is Python's own, not a public API: if it changes, try everywhere
        return None
    return None if nullable else found


def _consumed(items: Any) -> Firsts:
    """Every character a match of the parsed ``items`` may consume (look-arounds consume none)."""
    found = _EMPTY
    for op, av in items:
        if op is sre.LITERAL:
            found = _union(found, (frozenset((chr(av),)), (), frozenset()))
        elif op is sre.IN:
            found = _union(found, _of_class(av))
        elif op is sre.CATEGORY and av in _CATEGORIES:
            found = _union(found, (frozenset(), (), frozenset((_CATEGORIES[av],))))
        elif op is sre.BRANCH:
            for branch in av[1]:
                found = _union(found, _consumed(branch))
        elif op is sre.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                raise _Unknown
            found = _union(found, _consumed(av[3]))
        elif op is sre.ATOMIC_GROUP:
            found = _union(found, _consumed(av))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            found = _union(found, _consumed(av[2]))
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        else:
            raise _Unknown
    return found


def _reads_only_its_span(items: Any) -> bool:
    """Whether a match of the parsed ``items`` reads no character outside its own span: no
    look-around, no boundary or end of the text, no back-reference."""
    for op, av in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.GROUPREF, sre.GROUPREF_EXISTS):
            return False
        if op is sre.AT and av not in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING):
            return False
        if op is sre.BRANCH and not all(_reads_only_its_span(b) for b in av[1]):
            return False
        if op is sre.SUBPATTERN and not _reads_only_its_span(av[3]):
            return False
        if op is sre.ATOMIC_GROUP and not _reads_only_its_span(av):
            return False
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and not _reads_only_its_span(av[2]):
            return False
    return True


def longest_match(pattern: re.Pattern[str]) -> int | None:
    """The most characters a match of ``pattern`` can span, if it reads none outside its span; else
    (or if a match can be as long as the text) None.

    A search of ``text[:end]`` then tries each start ``p`` with ``p + longest_match <= end`` exactly
    as a search of the whole text does: what it reads there is the same.
    """
    if not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        _low, high = parsed.getwidth()
    except Exception:  # the parser is Python's own, not a public API: if it changes, claim nothing
        return None
    if high >= sre.MAXREPEAT or not _reads_only_its_span(parsed):
        return None
    return int(high)


class CharacterSet:
    """A set of characters as :func:`first_characters` gives it, tested one character at a time."""

    def __init__(self, found: Firsts) -> None:
        chars, ranges, cats = found
        self._chars = chars
        self._ranges = ranges
        self._digit = "isdecimal" in cats
        self._space = "isspace" in cats
        self._word = "word" in cats

    def __contains__(self, c: str) -> bool:
        if c in self._chars:
            return True
        if self._ranges:
            o = ord(c)
            for lo, hi in self._ranges:
                if lo <= o <= hi:
                    return True
        return (
            (self._digit and c.isdecimal())
            or (self._space and c.isspace())
            or (self._word and (c.isalnum() or c == "_"))
        )


class Anchored:
    """``pattern.match``, with the engine called only where a match can open."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        found = first_characters(pattern)
        self._firsts = CharacterSet(found) if found is not None else None

    def may_open(self, c: str) -> bool:
        """Whether a match can open with the character ``c``."""
        return self._firsts is None or c in self._firsts

    def match(self, s: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if self._firsts is not None:
            end = len(s) if endpos is None else min(endpos, len(s))
            if pos >= end or s[max(pos, 0)] not in self._firsts:
                return None
        if endpos is None:
            return self.pattern.match(s, pos)
        return self.pattern.match(s, pos, endpos)


class Ending:
    """``pattern.search(s, pos, endpos)`` for a pattern ending in ``$``, begun where a match can begin.

    A match runs to the end of the text or window (or to a newline that ends it), so it lies inside
    the longest tail of it made of characters the pattern can consume; the search starts there instead
    of trying every position before it.  A pattern that does not end in ``$``, or whose characters
    cannot be read, is searched from the start."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._tail: CharacterSet | None = None
        #: whether a match may be empty (else a window without a tail to search holds none)
        self._empty = True
        if not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
            return
        try:
            parsed = list(sre_parse.parse(pattern.pattern, pattern.flags))
            if parsed and parsed[-1] == (sre.AT, sre.AT_END):
                chars, ranges, cats = _consumed(parsed)
                self._tail = CharacterSet((chars | frozenset("\n"), ranges, cats))
                self._empty = _of_sequence(parsed)[1]
        except Exception:  # _Unknown, or a change in Python's private parser: searched from the start
            self._tail = None

    def search(self, s: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(s) if endpos is None else max(0, min(endpos, len(s)))
        low = max(pos, 0)
        start = max(end, low)  # a window that closes before it opens is the engine's to answer
        if self._tail is not None:
            tail = self._tail
            while start > low and s[start - 1] in tail:
                start -= 1
            if start == end and not self._empty:
                return None  # no tail: the engine is not called
        else:
            start = low
        return self.pattern.search(s, start, end)
