"""Script and width folding: Traditional → Simplified (OpenCC) and full-width → half-width.

Both are applied so that the result has exactly the length of the input, which keeps the offset map
trivial.  OpenCC converts phrase by phrase and a handful of its phrase rules change length; where a
line comes back with a different length it is converted character by character instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import opencc

from mubiao.cache import cached, file_stamp

_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20  # ideographic space
# Quotation marks and the ideographic comma/full stop stay: they carry meaning in Chinese text.


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# each full-width form and its half-width one, for a replace() per form that the text holds
_WIDE_PAIRS = tuple((chr(a), chr(b)) for a, b in _WIDTH.items())
_NARROW = dict(_WIDE_PAIRS)
# the forms nearly every Chinese text holds, replaced outright; the others are found by one search
_COMMON_WIDE = tuple(w for w in "，（）：；！" if w in _NARROW)
_RARE_WIDE = re.compile("[" + "".join(re.escape(w) for w in _NARROW if w not in _COMMON_WIDE) + "]")


def fold_width(text: str) -> str:
    """Full-width ASCII forms (digits, letters, %, parentheses, separators) to half-width."""
    # translate() looks every character up in a dict, and a substitution calls back per run (a
    # report has a full-width comma in every sentence): a C-level replace per form the text holds
    # does the same in a fraction of the time.  The common forms are replaced outright; the rest
    # (88 forms, a few of which a text holds, if any) are found by one search that goes on from
    # each one found and replaced, not by a search per form
    for wide in _COMMON_WIDE:
        text = text.replace(wide, _NARROW[wide])
    m = _RARE_WIDE.search(text)
    while m is not None:
        wide = m.group()
        at = m.start()
        text = text.replace(wide, _NARROW[wide])
        m = _RARE_WIDE.search(text, at)
    return text


@lru_cache(maxsize=1)
def _traditional() -> re.Pattern[str]:
    """Characters that OpenCC changes on their own: a text without any is Simplified already."""
    # found by converting the whole block, once: then kept in the cache, by OpenCC's files
    library = Path(opencc.__file__ or "opencc").parent
    stamps = [file_stamp(__file__), file_stamp(library / "__init__.py"), file_stamp(library / "clib")]
    changed = cached("opencc-changed", stamps, _changed_characters, str)
    return re.compile("[" + re.escape(changed) + "]")  # escaped a character at a time, in one call


def _changed_characters() -> str:
    chars = "".join(chr(cp) for cp in range(0x3400, 0xA000))
    out: str = _converter().convert(chars)
    return "".join(sorted({a for a, b in zip(chars, out, strict=True) if a != b}))


def to_simplified(text: str) -> str:
    """Traditional → Simplified, length-preserving."""
    if not _traditional().search(text):
        return text  # most documents are Simplified: one C-level scan instead of a conversion
    conv = _converter().convert
    out: str = conv(text)
    if len(out) == len(text):
        return out
    lines = text.split("\n")
    fixed = []
    for line in lines:
        c: str = conv(line)
        if len(c) != len(line):
            c = "".join(ch2 if len(ch2 := conv(ch)) == 1 else ch for ch in line)
        fixed.append(c)
    return "\n".join(fixed)


def fold(text: str) -> str:
    return to_simplified(fold_width(text))
