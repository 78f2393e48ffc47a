"""Whether a sentence reports a result or sets a target, and which year it speaks of.

Three layers of evidence, weakest first, each read through the time model of :mod:`timeframe`:

* the *outline*: the frame of the innermost heading that sets one (``2025年工作回顾`` → results of
  2025; ``“十五五”时期主要目标`` → targets of 2030 in a report of 2026; a heading that names no time
  and no aim inherits its parent's);
* the paragraph's opening words (刚刚过去的2025年, 五年来, 今年, 新的一年);
* the sentence's own words (力争, 确保, 到2030年 vs 同比, 已, 以来, 截至, 获评) and the years it names.

A sentence without any evidence of its own takes the kind of the sentence before it in the same
paragraph.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from mubiao.document import DocumentMeta
from mubiao.extract.scan import CUE_GROUPS, CUE_WEIGHTS
from mubiao.extract.timeframe import Frame, frame_of, session_year, time_refs
from mubiao.patterns import Anchored, longest_match
from mubiao.reference.lexicon import cues
from mubiao.reference.periods import PLAN_NAME, PLAN_PERIODS
from mubiao.statement import Kind

__all__ = [
    "Context",
    "Outline",
    "frame_prior",
    "heading_level",
    "is_heading",
    "paragraph_frame",
    "sentence_score",
    "year_for",
]

_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*|第[一二三四五六七八九十百]+[章节篇部分]|[一二三四五六七八九十]+[、.．]|"
    r"[(（][一二三四五六七八九十]+[)）]|\d{1,2}[、.．](?!\d))"
)
# heading markers, each a class of its own; the order a document first uses them gives their depth
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(r"^第[一二三四五六七八九十百]+[篇部分]")),
    ("chapter", re.compile(r"^第[一二三四五六七八九十百]+[章]")),
    ("section", re.compile(r"^第[一二三四五六七八九十百]+[节]")),
    ("md", re.compile(r"^#{1,6}\s*")),
    ("cn", re.compile(r"^[一二三四五六七八九十]+[、.．]")),
    ("paren", re.compile(r"^[(（][一二三四五六七八九十]+[)）]")),
    ("num", re.compile(r"^\d{1,2}[、.．](?!\d)")),
)

#: how much the outline and the paragraph's opening weigh against the sentence's own words
FRAME_WEIGHT = 2.5


@dataclass
class Outline:
    """The stack of open headings, each with the frame it sets (or inherits)."""

    ranks: dict[str, int] = field(default_factory=dict)
    stack: list[tuple[int, Frame | None]] = field(default_factory=list)

    def enter(self, line: str, meta: DocumentMeta) -> Frame | None:
        """Open the heading ``line``; returns the frame now in force."""
        marker = heading_level(line)
        own = frame_of(line, meta, heading=True)
        if marker is None:
            # a line alone without a marker is a heading only where it sets a frame: it opens the
            # document's outermost level (“十四五”时期工作回顾, 2026年重点工作)
            if own is None:
                return self.current()
            self.stack = [(-1, own)]
            return own
        rank = self.ranks.setdefault(marker, len(self.ranks))
        while self.stack and self.stack[-1][0] >= rank:
            self.stack.pop()
        inherited = self.current()
        self.stack.append((rank, own if own is not None else inherited))
        return self.current()

    def current(self) -> Frame | None:
        return self.stack[-1][1] if self.stack else None


@dataclass
class Context:
    """The running state of a document being read, section by section."""

    meta: DocumentMeta
    outline: Outline = field(default_factory=Outline)
    section: Frame | None = None
    paragraph: Frame | None = None
    last_kind: Kind | None = None


_COMMA = re.compile(r"[，,]")
_DIGIT = re.compile(r"\d")
_YEAR_HEADING = re.compile(r"(?:19|20)\d\d年(?!\d{1,2}月\d)")


def is_heading(line: str) -> bool:
    s = line.strip().strip("*").strip()
    if not s or len(s) > 40:
        return False
    if s[-1] in "。；;，,！!" or _COMMA.search(s):
        return False
    # a line alone is a heading unless it opens with a figure (a table cell, a date); a year opens
    # many headings (2025年工作回顾)
    return bool(_HEADING.match(s)) or (
        len(s) <= 30 and (not _DIGIT.search(s[:2]) or bool(_YEAR_HEADING.match(s)))
    )


def heading_level(line: str) -> str | None:
    """The class of a heading's marker (``cn`` for 一、, ``paren`` for （一）…), None for none."""
    s = line.strip().strip("*").strip()
    for name, pattern in _MARKERS:
        if pattern.match(s):
            return name
    return None


def frame_prior(frame: Frame | None) -> float:
    """The weight of a frame: firmer when it names its year than when only words (回顾) set it."""
    if frame is None or frame.kind is None:
        return 0.0
    weight = FRAME_WEIGHT + (1.0 if frame.year is not None else 0.0)
    return weight if frame.kind == "target" else -weight


# a time that opens a paragraph or a sentence as its topic: 2025年，… 今年以来，… 五年来，…
_OPENER = re.compile(r"^[^，,。；;：:]{0,16}(?=[，,：:])")
_REVIEW_OPENER = Anchored(re.compile("^(?:" + "|".join(cues.REVIEW_OPENERS) + ")"))


_OPENING_TIME = 8
# how much of a paragraph's opening paragraph_frame reads: _OPENER's 17 characters, frame_of's 24
_OPENING_LENGTH = 24
_FROM_OR_COMPARED = re.compile(r"[从由较比]“?$")
_AHEAD_OPENER = re.compile("(?:" + "|".join(cues.AHEAD_OPENERS) + ")")


def paragraph_frame(paragraph: str, meta: DocumentMeta) -> Frame | None:
    """The frame the opening words of a paragraph (or sentence) set, if they open with a time:
    刚刚过去的2025年, 五年来, 今年以来, 2026年 — not a time met later (较“十二五”末)."""
    head = _opening_without_comparisons(paragraph.lstrip(" *#>—-\t"), _OPENING_LENGTH)
    if _REVIEW_OPENER.match(head):
        return frame_of(head[:24], meta, words=False) or Frame("actual", None)
    opener = _OPENER.match(head)
    if opener is None:
        return None
    refs = time_refs(opener.group(), meta)
    if not refs or refs[0].start > _OPENING_TIME or _FROM_OR_COMPARED.search(opener.group()[: refs[0].start]):
        return Frame("target", None) if _AHEAD_OPENER.match(head) else None
    found = frame_of(opener.group(), meta, words=False)
    if found is not None and found.kind is not None:
        return found
    if _AHEAD_OPENER.match(head):
        return Frame("target", None)
    return None


def sentence_score(sentence: str, meta: DocumentMeta, cue_groups: list[int] | None = None) -> float:
    """The sentence's own evidence, positive for a target: its cue words and the times it names."""
    if cue_groups is None:
        cue_groups = [int(m.lastgroup[1:]) for m in CUE_GROUPS.finditer(sentence)]  # type: ignore[index]
    if not cue_groups and "年" not in sentence and "五" not in sentence and "本届" not in sentence:
        return 0.0
    counts = [0] * len(CUE_WEIGHTS)
    for g in cue_groups:
        counts[g] += 1
    score = sum(w * min(n, 2) for w, n in zip(CUE_WEIGHTS, counts, strict=True))
    s = session_year(meta)
    if s is not None and ("年" in sentence or "五" in sentence):
        for t in time_refs(_strip_sentence_comparisons(sentence), meta):
            if t.role == "to":
                # 到2030年 sets a horizon; 提高到2024年的… tells where a result got to
                score += 3.0 if t.last >= s else -2.0
            elif t.last < s:
                score -= 3.0
            elif t.first >= s:
                score += 1.0
    return score


# the year of a baseline (从2020年38家增至64家) dates the baseline, not the figures after it
_FROM_TIME = re.compile(r"[从由](?:(?:19|20)\d\d年|“?十[一二三四五六七八九]五”?)(?:末|底|期末)?的?")
_DATE_NO_YEAR = re.compile(r"(?<![年\d])\d{1,2}月\d{1,2}日")
_COMPARISON = re.compile(
    r"[较比与是][^，,。；;]{0,12}?(?:期末|年末|年底|同期|上年|年|末)(?:的)?"
    r"|[较比与]“?十[一二三四五六七八九]五”?(?:期末|末|时期|期间)?(?:的)?"
)


def _reach(pattern: re.Pattern[str]) -> int:
    found = longest_match(pattern)
    if found is None:
        raise ValueError(f"{pattern.pattern!r} must read only its own span, of a bounded length")
    return found


_COMPARISON_REACH = _reach(_COMPARISON)


def _strip_comparisons(s: str) -> str:
    """Drop the base of a comparison (比上年, 较2020年, 是“十三五”末的): it names no claim's year."""
    if "较" not in s and "比" not in s and "与" not in s and "是" not in s:
        return s
    return _COMPARISON.sub("", s)


# A sentence is read once for each figure in it: remembered.  The words before a figure differ from
# figure to figure, and hashing them for a cache costs more than stripping them.
_strip_sentence_comparisons = functools.lru_cache(maxsize=4096)(_strip_comparisons)


def _opening_without_comparisons(s: str, n: int) -> str:
    """The first ``n`` characters of ``_strip_comparisons(s)``: a paragraph is read only as far as its
    opening needs, not to its end."""
    if "较" not in s and "比" not in s and "与" not in s and "是" not in s:
        return s[:n]
    # The comparisons are searched for in a window past the opening, widened until it is enough: a
    # search of the whole paragraph tried every 是 and 与 of it.  A match that opens a _COMPARISON_REACH
    # or more before the window's end is the one the whole paragraph has there.
    limit = 4 * (n + _COMPARISON_REACH)
    while True:
        if limit >= len(s):
            limit = safe = len(s)
        else:
            safe = limit - _COMPARISON_REACH
        pieces: list[str] = []
        kept = 0
        pos = 0
        for m in _COMPARISON.finditer(s, 0, limit):
            if m.start() >= safe:
                break
            pieces.append(s[pos : m.start()])
            kept += m.start() - pos
            pos = m.end()
            if kept >= n:
                return "".join(pieces)[:n]
        # no comparison opens in [pos, safe): the text there is kept
        if limit == len(s) or kept + safe - pos >= n:
            pieces.append(s[pos : pos + n - kept])
            return "".join(pieces)
        limit *= 4


def year_for(
    kind: str,
    before: str,
    meta: DocumentMeta,
    sentence: str = "",
    frames: tuple[Frame | None, ...] = (),
) -> int | None:
    """The year a claim is about: from the times its sentence names up to the claim (for a target,
    the whole sentence: 年均增长5.5%左右,到2029年突破2800亿元), else from the innermost frame of its
    kind (paragraph, then section), else the document's own review or target year."""
    s = session_year(meta)
    before = _strip_comparisons(before)
    if "从" in before or "由" in before:
        before = _FROM_TIME.sub("", before)
    refs = time_refs(before, meta)
    if kind == "target":
        horizon = [t for t in refs if t.role == "to"] or [
            t for t in time_refs(_strip_sentence_comparisons(sentence), meta) if t.role == "to"
        ]
        if horizon:
            return horizon[-1].last
        ahead = [t for t in refs if s is not None and t.first >= s]
        if ahead:
            return ahead[-1].last if not ahead[-1].single else ahead[-1].first
        for f in frames:
            if f is not None and f.kind == "target" and f.year is not None:
                return f.year
        if meta.doc_type == "five_year_plan" and meta.period:
            return meta.period[1]
        return meta.target_year
    past = [t for t in refs if s is None or t.last < s]
    if past:
        return past[-1].last
    plan = [m.group(0) for m in PLAN_NAME.finditer(before)]
    if plan:
        return PLAN_PERIODS[plan[-1]][1]
    for f in frames:
        if f is not None and f.kind == "actual" and f.year is not None:
            return f.year
    if meta.doc_type == "five_year_plan" and meta.period:
        return meta.period[0] - 1
    if _DATE_NO_YEAR.search(before) and meta.report_year:
        return meta.report_year
    return meta.review_year
