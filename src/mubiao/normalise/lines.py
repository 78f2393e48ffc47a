"""Lines broken in the middle of a sentence, by PDF extraction or by page layout.

A break is joined when the line before it is prose that has not finished its sentence: it ends
without closing punctuation and it is long, either long in absolute terms or as long as the
document's usual wrapped line.  Short unpunctuated lines are list items and headings (地区生产总值
增长5%左右 / 一般公共预算收入保持稳定增长) and keep their breaks, and so do table cells.
"""

from __future__ import annotations

import re
from collections import Counter

_CLOSING = set("。！？!?；;：:…")
_LINE = re.compile(r"[^\n]*")
_ITEM_START = re.compile(
    r"\s*(?:[#\-*•·●■◆]|——|[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|第[一二三四五六七八九十百]+[章节条部分])"
)
_PROSE_MIN = 40
_PARAGRAPH_MIN = 80


def _wrap_width(lines: list[str]) -> int | None:
    """The width at which the document wraps its lines, if it visibly does."""
    lengths = [len(s) for s in lines if len(s) >= 15]
    if len(lengths) < 4:
        return None
    width, count = Counter(lengths).most_common(1)[0]
    # a few lines of exactly the same length are a wrap width, not a coincidence of prose
    return width if count >= max(3, 0.2 * len(lengths)) else None


def join_spans(text: str) -> list[tuple[int, int]]:
    """Spans (newlines and the indentation around them) to delete so broken sentences rejoin."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    stripped = [text[a:b].strip() for a, b in lines]
    width = _wrap_width(stripped)
    out: list[tuple[int, int]] = []
    i = 0
    n = len(lines)
    while i < n - 1:
        line = stripped[i]
        if not line or text[lines[i][0] : lines[i][0] + 1] == "\t" or line[-1] in _CLOSING:
            i += 1
            continue
        long_enough = len(line) >= _PROSE_MIN or (width is not None and abs(len(line) - width) <= 1)
        if not long_enough:
            i += 1
            continue
        # the next non-blank line, across at most one blank line (a page break)
        j = i + 1
        while j < n and not stripped[j] and j - i <= 2:
            j += 1
        if j >= n or not stripped[j] or text[lines[j][0] : lines[j][0] + 1] == "\t":
            i += 1
            continue
        if j > i + 1 and len(line) < _PARAGRAPH_MIN:
            i += 1  # across a blank line only a real paragraph continues (a page break), not a list item
            continue
        nxt = stripped[j]
        if _ITEM_START.match(nxt) or not _continues(nxt[0]):
            i += 1
            continue
        a = lines[i][0] + len(text[lines[i][0] : lines[i][1]].rstrip())
        b = lines[j][0] + (
            len(text[lines[j][0] : lines[j][1]]) - len(text[lines[j][0] : lines[j][1]].lstrip())
        )
        out.append((a, b))
        i = j
    return out


def _continues(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch.isdigit() or ch in "”’」）)、,，。%;；:：!！?？"
