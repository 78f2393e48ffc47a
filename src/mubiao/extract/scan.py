"""The scanner: one pass over a document's text for the events the rules read.

The rules (:mod:`claims`, :mod:`context`, :mod:`qualitative`) never search the whole text
themselves.  They ask the :class:`Events` of the document for what stands inside a sentence or a
clause — its numbers (:class:`~mubiao.extract.numbers.Mention`, with units and qualifiers), its cue
words, whether it may hold a qualitative aim, where its sentences and clauses end, where a main
target list opens — each answered by bisection over positions found once.

Which engine finds the positions is this module's business alone: the rules see the same events
whichever it is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from mubiao.extract import openers
from mubiao.extract.numbers import Mention, find_mentions
from mubiao.reference.lexicon import aims, cues

__all__ = ["CUE_GROUPS", "CUE_WEIGHTS", "Events", "scan"]

#: the cue groups of :data:`mubiao.reference.lexicon.cues.CUES`, one named group each
CUE_GROUPS = re.compile("|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(cues.CUES)))
CUE_WEIGHTS: tuple[float, ...] = tuple(w for _, w in cues.CUES)
# The same words without the named groups, which hide from the regex engine the first characters it
# could skip ahead by: it finds the cue words fast, and CUE_GROUPS then tells the group of each.  Every
# alternative opens with a literal, which the engine needs to skip (tests/extract/test_openers.py).
CUE_WORDS = re.compile("|".join(p for p, _ in cues.CUES))
#: a cheap test that a sentence may hold a qualitative aim at all
AIM_HINT = re.compile(r"增长|提升|提高|改善|同步|同向|协调|适应|稳|向好|清零|任务|区间|只增不减|指标|目标")
#: where a work report's main-target list opens (主要预期目标是：)
TARGET_LIST = re.compile("|".join(aims.TARGET_LIST_OPENINGS))
# where a sentence ends inside a line, and where a clause ends inside a sentence
_SENTENCE_STOP = re.compile(r"[。！？!?；;]")
_CLAUSE_STOP = re.compile(r"[，,：:]")


@dataclass
class Events:
    """What the scanner found in one text, by position."""

    text: str
    #: every quantity, in order of its number's first character
    mentions: list[Mention]
    #: positions and groups (indexes into :data:`CUE_WEIGHTS`) of the cue words
    cue_at: list[int]
    cue_group: list[int]
    #: where each word that may open a qualitative aim starts
    aim_at: list[int]
    #: where each main-target-list opening starts
    list_at: list[int]
    #: the offsets of sentence stops (。！？；) and clause stops (，：), each included in what it ends
    sentence_stops: list[int]
    clause_stops: list[int]
    mention_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.mention_starts = [m.num_start for m in self.mentions]

    def has_mention(self, s: int, e: int) -> bool:
        """Whether a number starts inside ``[s, e)``."""
        lo = bisect_left(self.mention_starts, s)
        return lo < len(self.mention_starts) and self.mention_starts[lo] < e

    def mentions_in(self, s: int, e: int) -> list[Mention]:
        """The quantities wholly inside ``[s, e)``."""
        lo = bisect_left(self.mention_starts, s)
        hi = bisect_left(self.mention_starts, e)
        return [m for m in self.mentions[lo:hi] if m.start >= s and m.end <= e]

    def cues_in(self, s: int, e: int) -> list[int]:
        """The cue groups of the words that start inside ``[s, e)``."""
        return self.cue_group[bisect_left(self.cue_at, s) : bisect_left(self.cue_at, e)]

    def has_aim(self, s: int, e: int) -> bool:
        """Whether a word that may open a qualitative aim starts inside ``[s, e)``."""
        lo = bisect_left(self.aim_at, s)
        return lo < len(self.aim_at) and self.aim_at[lo] < e

    def list_opening(self, s: int, e: int) -> int | None:
        """Where the first main-target-list opening inside ``[s, e)`` starts, if any."""
        lo = bisect_left(self.list_at, s)
        return self.list_at[lo] if lo < len(self.list_at) and self.list_at[lo] < e else None

    def sentences(self, a: int, b: int) -> list[tuple[int, int]]:
        """The sentences of the line ``[a, b)``: up to and including each stop, and the rest."""
        out: list[tuple[int, int]] = []
        pos = a
        stops = self.sentence_stops
        for k in range(bisect_left(stops, a), bisect_left(stops, b)):
            out.append((pos, stops[k] + 1))
            pos = stops[k] + 1
        if pos < b:
            out.append((pos, b))
        return out

    def clauses(self, s: int, e: int) -> list[tuple[int, int]]:
        """The clauses of the sentence ``[s, e)``, their stops left out."""
        out: list[tuple[int, int]] = []
        pos = s
        stops = self.clause_stops
        for k in range(bisect_left(stops, s), bisect_left(stops, e)):
            out.append((pos, stops[k]))
            pos = stops[k] + 1
        out.append((pos, e))
        return out


def find_cues(text: str) -> tuple[list[int], list[int]]:
    """Positions and cue groups of every cue word in ``text``."""
    positions: list[int] = []
    groups: list[int] = []
    for m in openers.finditer(CUE_GROUPS, CUE_WORDS, text):
        positions.append(m.start())
        groups.append(int(m.lastgroup[1:]))  # type: ignore[index]
    return positions, groups


def scan(text: str) -> Events:
    """The events of ``text``."""
    cue_at, cue_group = find_cues(text)
    return Events(
        text=text,
        mentions=find_mentions(text),
        cue_at=cue_at,
        cue_group=cue_group,
        aim_at=[m.start() for m in AIM_HINT.finditer(text)],
        list_at=[m.start() for m in TARGET_LIST.finditer(text)],
        sentence_stops=[m.start() for m in _SENTENCE_STOP.finditer(text)],
        clause_stops=[m.start() for m in _CLAUSE_STOP.finditer(text)],
    )
