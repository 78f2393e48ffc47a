"""The scanner: one pass over a document's text for the events the rules read.

The rules (:mod:`claims`, :mod:`context`, :mod:`qualitative`) never search the whole text
themselves.  They ask the :class:`Events` of the document for what stands inside a sentence or a
clause — its numbers (:class:`~mubiao.extract.numbers.Mention`, with units and qualifiers), its cue
words, whether it may hold a qualitative aim, where its sentences and clauses end, where a main
target list opens — each answered by bisection over positions found once.

Which engine finds the positions is this module's business alone: the rules see the same events
whichever it is.  Two engines exist: Python's ``re`` (always there), and hyperscan, a multi-pattern
engine from PyPI (the ``fast`` extra) that finds every cue word, aim word and list opening in one
pass over the text.  ``MUBIAO_SCANNER=python|hyperscan`` chooses; hyperscan is the default where
it is installed.  Numbers are found by ``re`` under either engine: their look-behinds and the checks
around each one are where their time goes, not in finding where they start.  Sentence and clause
stops, single characters met every few words, are found by ``str.find`` under both: hyperscan would
report each one to Python.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from mubiao.cache import cached, file_stamp
from mubiao.extract import openers
from mubiao.extract.bisection import bisect_left
from mubiao.extract.numbers import LONG_RUN, LONG_RUN_CHARS, WORD_OPENINGS, Mention, find_mentions
from mubiao.reference.lexicon import aims, cues

__all__ = [
    "CUE_GROUPS",
    "CUE_WEIGHTS",
    "ENGINE",
    "Engine",
    "Events",
    "literal_openings",
    "may_hold_long_run",
    "scan",
]

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
_SENTENCE_STOPS = _SENTENCE_STOP.pattern[1:-1]
_CLAUSE_STOPS = _CLAUSE_STOP.pattern[1:-1]


def _stops(text: str, chars: str) -> list[int]:
    """Where any of ``chars`` stands in ``text``, in order: a C-level search per stop, for either
    engine (a multi-pattern engine reports each to Python one by one, at several times the cost)."""
    out: list[int] = []
    add = out.append
    find = text.find
    for c in chars:
        i = find(c)
        while i >= 0:
            add(i)
            i = find(c, i + 1)
    out.sort()
    return out


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


def _scan_python(text: str) -> Events:
    cue_at, cue_group = find_cues(text)
    return Events(
        text=text,
        mentions=find_mentions(text),
        cue_at=cue_at,
        cue_group=cue_group,
        aim_at=[m.start() for m in AIM_HINT.finditer(text)],
        list_at=[m.start() for m in TARGET_LIST.finditer(text)],
        sentence_stops=_stops(text, _SENTENCE_STOPS),
        clause_stops=_stops(text, _CLAUSE_STOPS),
    )


# -- hyperscan ------------------------------------------------------------------------------------
#
# Hyperscan reads bytes.  The text goes to it as UTF-32-LE, so that a character's index is its byte
# offset divided by four and a literal is four bytes a character; a match that does not end on a
# multiple of four straddles characters and is dropped.  Hyperscan reports every place a literal
# ends, overlapping ones too; the regex patterns themselves are then tried, in order of position,
# only at the places where one of their literal openings was found, which gives exactly
# ``pattern.finditer``'s leftmost, non-overlapping matches (see :func:`openers.matches_at`).

_META = set("\\.^$*+?{}[]()|")


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern``."""
    out: list[str] = []
    depth = 0
    in_class = False
    start = 0
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def literal_openings(pattern: str) -> list[str]:
    """The literal each alternative of ``pattern`` opens with: every match starts with one of them.

    Raises ValueError for an alternative that opens with anything but a literal."""
    out: list[str] = []
    for alt in _alternatives(pattern):
        k = 0
        while k < len(alt) and alt[k] not in _META:
            k += 1
        if k < len(alt) and alt[k] in "?*{":
            k -= 1  # the last character is optional (or repeated): it is no part of the opening
        if k <= 0:
            raise ValueError(f"an alternative opens with no literal: {alt!r}")
        out.append(alt[:k])
    return out


def _utf32(literal: str) -> bytes:
    return b"".join(b"\\x%02x" % b for b in literal.encode("utf-32-le"))


class _Hyperscan:
    """One hyperscan database of the literal openings of every event but the numbers, and of the
    quantities written as words (:data:`~mubiao.extract.numbers.WORD_OPENINGS`)."""

    # the kinds of event, in the order of their pattern ids' blocks (one assignment each: mypyc
    # compiles no tuple assignment in a class body)
    CUE = 0
    AIM = 1
    LIST = 2
    WORD = 3

    def __init__(self) -> None:
        import hyperscan

        literals: list[tuple[int, str]] = []
        for kind, pattern in (
            (self.CUE, CUE_WORDS.pattern),
            (self.AIM, AIM_HINT.pattern),
            (self.LIST, TARGET_LIST.pattern),
        ):
            literals += [(kind, lit) for lit in dict.fromkeys(literal_openings(pattern))]
        literals += [(self.WORD, lit) for lit in WORD_OPENINGS]
        # an id says the kind and the length of its literal in bytes, so that the callback only
        # appends where the literal ends and its start is found in one subtraction after
        self._kind = [kind for kind, _ in literals]
        self._size = [4 * len(lit) for _, lit in literals]
        expressions = [_utf32(lit) for _, lit in literals]

        def build() -> bytes:
            db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            db.compile(expressions=expressions, ids=list(range(len(literals))), elements=len(literals))
            return bytes(hyperscan.dumpb(db))

        self._db = _database("cue-words", expressions, build)
        # a scratch space serves one scan at a time: each thread scans with its own
        self._scratch = hyperscan.Scratch(self._db)
        self._local = threading.local()

    def positions(self, text: str) -> list[list[int]]:
        """Where each kind's literals start in ``text``, sorted and without repeats."""
        found: list[list[int]] = [[], [], [], []]
        kind, size = self._kind, self._size

        def on_match(pid: int, _from: int, to: int, _flags: int, _ctx: object) -> None:
            if not to & 3:  # a match that ends inside a character straddles two
                found[kind[pid]].append((to - size[pid]) >> 2)

        # surrogatepass: a lone surrogate (text decoded with surrogateescape) is still one character
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = self._scratch.clone()
        self._db.scan(
            text.encode("utf-32-le", "surrogatepass"), match_event_handler=on_match, scratch=scratch
        )
        return [sorted(set(k)) for k in found]


_HS: _Hyperscan | None = None


class _LongRuns:
    """Whether a text may hold a run of :data:`~mubiao.extract.numbers.LONG_RUN` (16 digits,
    separators and points): one hyperscan pass over its UTF-8, where the pattern's own search reads
    every character through a character class.

    In UTF-8 an ASCII digit, comma or point is one byte that no other character's bytes contain, so
    a run of them is a run of those bytes.  ``\\d`` also takes the decimal digits of other scripts
    (Arabic-Indic, Devanagari…): a text with any of them is left to the pattern itself.  Either
    expression reports its first match only; a text without one holds no such run.  The second also
    tells the scanner whether the text's numbers may be found by a pattern of ASCII digits.  The
    UTF-8 mode of the second wants valid UTF-8: a text with a lone surrogate (read with
    surrogateescape) is left to the pattern too."""

    def __init__(self) -> None:
        import hyperscan

        # compiling the class of every other digit takes a twentieth of a second at every start
        run = f"[0-9,.]{{{LONG_RUN_CHARS}}}"
        self._db = _database("long-runs", [run.encode()], lambda: _long_run_database(run))
        self._scratch = hyperscan.Scratch(self._db)
        self._local = threading.local()
        self._last: tuple[str, tuple[bool, bool]] | None = None

    def may_hold(self, text: str) -> bool:
        return self.kinds(text)[0]

    def kinds(self, text: str) -> tuple[bool, bool]:
        """Whether ``text`` may hold a long run, and whether it holds a digit of another script
        (where it cannot be scanned, the pattern answers the first and the second is taken to be
        True).  The answer for the last text is kept: the scanner asks it of the text extraction
        has just asked."""
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        found: list[int] = []

        def on_match(pid: int, _from: int, _to: int, _flags: int, _ctx: object) -> None:
            found.append(pid)  # each expression reports its first match only: two calls at most

        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            # a lone surrogate: no valid UTF-8 to scan, the pattern says it
            answer = (LONG_RUN.search(text) is not None, True)
        else:
            scratch = getattr(self._local, "scratch", None)
            if scratch is None:
                scratch = self._local.scratch = self._scratch.clone()
            self._db.scan(data, match_event_handler=on_match, scratch=scratch)
            answer = (bool(found), 1 in found)
        self._last = (text, answer)
        return answer


def _database(name: str, parts: list[bytes], build: Callable[[], bytes]) -> Any:
    """The hyperscan database ``build`` serialises, kept in the cache under ``name`` by what it is
    built from (``parts``, this module, hyperscan and the processor).  Hyperscan builds for this
    machine's processor and refuses a database built for another: that one is built again."""
    import hyperscan

    # what platform.machine() says, without importing platform at every start
    machine = os.uname().machine if hasattr(os, "uname") else sys.platform
    stamps = [*parts, file_stamp(__file__), file_stamp(hyperscan.__file__), machine.encode()]
    try:
        return hyperscan.loadb(cached(name, stamps, build, bytes), hyperscan.HS_MODE_BLOCK)
    except hyperscan.error:
        return hyperscan.loadb(build(), hyperscan.HS_MODE_BLOCK)


def _long_run_database(run: str) -> bytes:
    """The long-run database, serialised: ``run``, then every other digit as one class of code points
    in UTF-8 mode (compiled in half the time of a literal for each of the 650; hyperscan's own
    \\p{Nd} is of an older Unicode than Python's, and lacks 120 of them).  Either expression reports
    its first match only."""
    import hyperscan

    single = hyperscan.HS_FLAG_SINGLEMATCH
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(
        expressions=[run.encode(), _code_point_class(_other_digits()).encode()],
        ids=[0, 1],
        elements=2,
        flags=[single, single | hyperscan.HS_FLAG_UTF8],
    )
    return bytes(hyperscan.dumpb(db))


#: no decimal digit of Unicode (as this Python has it) lies beyond the first two planes: the scan for
#: digits of other scripts reads no further (tests/extract/test_scan.py checks it)
_DIGITS_END = 0x20000


def _other_digits() -> list[int]:
    """The decimal digits of Python's Unicode but the ASCII ones, in order."""
    # every code point of the planes as one string (surrogates too, for want of a gap), searched by
    # \d in one C pass: a test per character cost a tenth of a second at every start
    points = array("I", range(0x80, _DIGITS_END)).tobytes().decode("utf-32-le", "surrogatepass")
    return [0x80 + m.start() for m in _DECIMAL.finditer(points)]


_DECIMAL = re.compile(r"\d")


def _code_point_class(points: list[int]) -> str:
    """A class of hyperscan's UTF-8 mode holding exactly ``points`` (sorted), as ranges."""
    ranges: list[list[int]] = []
    for c in points:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "[" + "".join(f"\\x{{{a:x}}}-\\x{{{b:x}}}" if a != b else f"\\x{{{a:x}}}" for a, b in ranges) + "]"


_LONG: _LongRuns | None = None


def _long_runs() -> _LongRuns:
    global _LONG
    if _LONG is None:
        _LONG = _LongRuns()
    return _LONG


def may_hold_long_run(text: str, engine: Engine | None = None) -> bool:
    """Whether ``text`` may hold a run of :data:`~mubiao.extract.numbers.LONG_RUN` (False: it holds
    none), by ``engine`` (by default :data:`ENGINE`)."""
    if (engine or ENGINE) == "python":
        return LONG_RUN.search(text) is not None
    return _long_runs().may_hold(text)


def _scan_hyperscan(text: str) -> Events:
    global _HS
    if _HS is None:
        _HS = _Hyperscan()
    cues, aims, lists, words = _HS.positions(text)
    cue_at: list[int] = []
    cue_group: list[int] = []
    for m in openers.matches_at(CUE_GROUPS, text, cues):
        cue_at.append(m.start())
        cue_group.append(int(m.lastgroup[1:]))  # type: ignore[index]
    # the long-run database also says whether the text holds digits of other scripts: without
    # them, the numbers are found by a pattern of ASCII digits, and quantities written as words
    # where the literals found say they may stand
    return Events(
        text=text,
        mentions=find_mentions(text, ascii_digits=not _long_runs().kinds(text)[1], word_openings=words),
        cue_at=cue_at,
        cue_group=cue_group,
        aim_at=[m.start() for m in openers.matches_at(AIM_HINT, text, aims)],
        list_at=[m.start() for m in openers.matches_at(TARGET_LIST, text, lists)],
        sentence_stops=_stops(text, _SENTENCE_STOPS),
        clause_stops=_stops(text, _CLAUSE_STOPS),
    )


Engine = Literal["python", "hyperscan"]


def _default_engine() -> Engine:
    chosen = os.environ.get("MUBIAO_SCANNER", "").strip().lower()
    if chosen == "python":
        return "python"
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        if chosen == "hyperscan":
            raise
        return "python"
    return "hyperscan"


#: the engine :func:`scan` uses unless told: ``MUBIAO_SCANNER``, else hyperscan where installed
ENGINE: Engine = _default_engine()
_ENGINES: dict[Engine, Callable[[str], Events]] = {"python": _scan_python, "hyperscan": _scan_hyperscan}


def scan(text: str, engine: Engine | None = None) -> Events:
    """The events of ``text``, found by ``engine`` (by default :data:`ENGINE`)."""
    return _ENGINES[engine or ENGINE](text)
