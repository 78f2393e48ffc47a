"""Garbled runs: text decoded with the wrong codec, replacement characters, lost characters.

After conversion to Simplified script, clean Chinese text stays almost entirely inside GB2312.  A
cluster of three or more odd characters (outside GB2312, replacement or private-use characters,
Latin-1 debris, runs of ``?``) within a few characters of each other marks a damaged run.  Single
rare characters (names such as 喆 or 堃) are not enough.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LATIN1_ODD = "\\u0080-\\u00a6\\u00a8-\\u00af\\u00b2-\\u00b6\\u00b8-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u00ff"


_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# one odd item but for the ideographs outside GB2312, which _masked turns into the first
# private-use character: in the class, and in none of the other alternatives
_ODD_MASKED = f"(?:[\\ufffd\\ue000-\\uf8ff{_LATIN1_ODD}\\u3400-\\u4dbf]|\\?\\?+|[A-Za-z]\\([a-zü]*[{_TONES}])"
_MASK = "\ue000"


@lru_cache(maxsize=1)
def _gb2312_ideographs() -> frozenset[str]:
    """The ideographs GB2312 has: what of the block survives a round trip through the codec (one C
    pass; decoding its 6,768 codes one by one took a twentieth of a second at every start)."""
    block = "".join(map(chr, range(0x4E00, 0xA000)))
    return frozenset(block.encode("gb2312", errors="ignore").decode("gb2312"))


@lru_cache(maxsize=1)
def _odd() -> str:
    """The pattern of one odd item, the ideographs outside GB2312 spelt out as a class.

    Compiled, the class of hundreds of ranges cost a tenth of a second at every start (three times
    in :func:`_full_pattern`); the scan uses :func:`_pattern` over :func:`_masked` text instead, and
    the tests hold the two to the same spans.
    """
    gb = _gb2312_ideographs()
    ranges: list[tuple[int, int]] = []
    for cp in range(0x4E00, 0xA000):
        if chr(cp) in gb:
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    cls = "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)
    return (
        f"(?:[\\ufffd\\ue000-\\uf8ff{_LATIN1_ODD}\\u3400-\\u4dbf{cls}]|\\?\\?+|[A-Za-z]\\([a-zü]*[{_TONES}])"
    )


def _cluster(odd: str) -> str:
    return f"{odd}(?:[^\\n]{{0,3}}?{odd}){{2,}}|\\?\\?+[^\\n]{{0,3}}?{odd}"


@lru_cache(maxsize=1)
def _full_pattern() -> re.Pattern[str]:
    """A garbled run, as :func:`_pattern` finds it in :func:`_masked` text (the tests' reference)."""
    return re.compile(_cluster(_odd()))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """A garbled run of :func:`_masked` text."""
    return re.compile(_cluster(_ODD_MASKED))


def _masked(text: str) -> str:
    """``text`` with each ideograph outside GB2312 replaced by one private-use character: the same
    length, the same odd items."""
    gb = _gb2312_ideographs()
    # the characters to look at are those outside GB2312, which one round trip of the codec finds:
    # a set of every character of the text cost most of the scan
    runs = outside_runs(text)
    chars = set(text) if runs is None else {text[i] for a, b in runs for i in range(a, b)}
    outside = [c for c in chars if "\u4e00" <= c <= "\u9fff" and c not in gb]
    return text.translate(dict.fromkeys(map(ord, outside), _MASK)) if outside else text


_REPLACEMENT = re.compile("\ufffd+")
_LATIN1 = re.compile(f"[{_LATIN1_ODD}]")
_LETTER_PAREN = re.compile(r"[A-Za-z]\(")
# Punctuation common in clean reports that GB2312 (as Python's codec has it) lacks and that is no odd
# item either: the dash —, the middle dot ·, 〇, spaces of other widths.  Each would count as odd
# in the bound below and send most clean documents to the slow scan.
_CLEAN_OUTSIDE_CANDIDATES = "\u2014\u00b7\u3007\u2002\u2003\u2013\u2022\u2027\u30fb\u2500"


# the odd single characters of the pattern's class but the ideographs outside GB2312 (no candidate
# above is an ideograph), so that the candidates are told apart without compiling the whole class
_ODD_NOT_IDEOGRAPH = re.compile(f"[\\ufffd\\ue000-\\uf8ff{_LATIN1_ODD}\\u3400-\\u4dbf]")


@lru_cache(maxsize=1)
def _clean_outside() -> tuple[str, ...]:
    out = []
    for c in _CLEAN_OUTSIDE_CANDIDATES:
        if "\u4e00" <= c <= "\u9fff":
            continue  # an ideograph outside GB2312 is odd
        try:
            c.encode("gb2312")
        except UnicodeEncodeError:
            if not _ODD_NOT_IDEOGRAPH.match(c):
                out.append(c)
    return tuple(out)


def outside_gb2312(text: str) -> int:
    """How many characters of ``text`` are outside GB2312, less the clean ones above: an upper bound
    on the odd items of the pattern's class, and on the invisible characters (none is in GB2312)."""
    # each character the codec cannot encode is one ? in what it gives back
    outside = text.encode("gb2312", errors="replace").count(b"?") - text.count("?")
    return outside - sum(text.count(c) for c in _clean_outside())


def outside_runs(text: str) -> list[tuple[int, int]] | None:
    """The runs of characters of ``text`` outside GB2312, read off one round trip through the codec
    (a character it cannot encode comes back as ``?``); None if the round trip changed the length."""
    back = text.encode("gb2312", errors="replace").decode("gb2312")
    if len(back) != len(text):
        return None
    runs: list[tuple[int, int]] = []
    i = back.find("?")
    while i >= 0:
        if text[i] != "?":
            if runs and runs[-1][1] == i:
                runs[-1] = (runs[-1][0], i + 1)
            else:
                runs.append((i, i + 1))
        i = back.find("?", i + 1)
    return runs


def _few_odd(text: str, outside: int | None = None) -> bool:
    """Whether ``text`` has too few characters outside GB2312 to hold a cluster (most clean text).

    Encoding is a C-level pass, many times faster than testing every character against the
    pattern's large class; only a text that could hold a cluster is scanned by the pattern.
    ``outside`` is :func:`outside_gb2312` of the text, if it is known.
    """
    if "??" in text:
        return False
    if outside is None:
        outside = outside_gb2312(text)
    # an upper bound on the pattern's odd items: characters outside GB2312 but the clean ones, the
    # odd Latin-1 characters (some of which GB2312 has, as pinyin), and a letter before a parenthesis
    # (a gloss left after it).  Each is counted only while the bound may still stay under 3
    odd = outside
    if odd >= 3:
        return False
    odd += _letters_before_parentheses(text)
    if odd >= 3:
        return False
    return odd + _odd_latin1(text) < 3


#: the bytes (Latin-1 characters) outside the class of odd Latin-1 characters
_NOT_LATIN1_ODD = bytes(b for b in range(256) if not _LATIN1.match(chr(b)))


def _odd_latin1(text: str) -> int:
    """How many odd Latin-1 characters ``text`` holds: the matches of :data:`_LATIN1`."""
    # the Latin-1 characters are what survives encoding to Latin-1 (a C pass that drops the rest);
    # those of the class are what deleting all others leaves: two passes far quicker than the class's
    return len(text.encode("latin-1", "ignore").translate(None, _NOT_LATIN1_ODD))


def _letters_before_parentheses(text: str) -> int:
    """How many times a Latin letter stands before ``(``: the matches of :data:`_LETTER_PAREN`."""
    # a report has a parenthesis every few lines, most after Chinese: found by a C-level search
    # each, where the pattern tests every character against its class
    n = 0
    i = text.find("(")
    while i >= 0:
        if i > 0 and text[i - 1].isascii() and text[i - 1].isalpha():
            n += 1
        i = text.find("(", i + 1)
    return n


def damaged_spans(text: str, outside: int | None = None) -> list[tuple[int, int]]:
    """The garbled runs of ``text``; ``outside`` is :func:`outside_gb2312` of it, if it is known."""
    spans = [] if _few_odd(text, outside) else [m.span() for m in _pattern().finditer(_masked(text))]
    if "\ufffd" in text:
        # a replacement character is damage on its own: bytes the reader could not decode
        spans = sorted(spans + [m.span() for m in _REPLACEMENT.finditer(text)])
    return spans
