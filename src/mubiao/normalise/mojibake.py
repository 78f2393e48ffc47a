"""Garbled runs: text decoded with the wrong codec, replacement characters, lost characters.

After conversion to Simplified script, clean Chinese text stays almost entirely inside GB2312.  A
cluster of three or more odd characters (outside GB2312, replacement or private-use characters,
Latin-1 debris, runs of ``?``) within a few characters of each other marks a damaged run.  Single
rare characters (names such as 喆 or 堃) are not enough.
"""

from __future__ import annotations

import contextlib
import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    gb: set[int] = set()
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                gb.add(ord(bytes([hi, lo]).decode("gb2312")))
    ranges: list[tuple[int, int]] = []
    for cp in range(0x4E00, 0xA000):
        if cp in gb:
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    cls = "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)
    odd = f"(?:[\\ufffd\\ue000-\\uf8ff\\u0080-\\u00a6\\u00a8-\\u00af\\u00b2-\\u00b6\\u00b8-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u00ff\\u3400-\\u4dbf{cls}]|\\?\\?+|[A-Za-z]\\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])"
    return re.compile(f"{odd}(?:[^\\n]{{0,3}}?{odd}){{2,}}|\\?\\?+[^\\n]{{0,3}}?{odd}")


_REPLACEMENT = re.compile("\ufffd+")
_LATIN1 = re.compile("[\u0080-\u00ff]")
_LETTER_PAREN = re.compile(r"[A-Za-z]\(")


def _few_odd(text: str) -> bool:
    """Whether ``text`` has too few characters outside GB2312 to hold a cluster (most clean text).

    Encoding is a C-level pass, many times faster than testing every character against the
    pattern's large class; only a text that could hold a cluster is scanned by the pattern.
    """
    if "??" in text:
        return False
    kept = text.encode("gb2312", errors="ignore").decode("gb2312")
    # an upper bound on the pattern's odd items: characters outside GB2312, Latin-1 letters (some of
    # which GB2312 has, as pinyin), and a letter before a parenthesis (a gloss left after it)
    odd = len(text) - len(kept) + len(_LATIN1.findall(text)) + len(_LETTER_PAREN.findall(text))
    return odd < 3


def damaged_spans(text: str) -> list[tuple[int, int]]:
    spans = [] if _few_odd(text) else [m.span() for m in _pattern().finditer(text)]
    if "\ufffd" in text:
        # a replacement character is damage on its own: bytes the reader could not decode
        spans = sorted(spans + [m.span() for m in _REPLACEMENT.finditer(text)])
    return spans
