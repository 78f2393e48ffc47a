"""The shortcuts of the scans: the openers given to :func:`mubiao.extract.openers.finditer` and the aim
endings of :mod:`qualitative` miss no place where a match starts or ends."""

from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mubiao.extract import context, indicator, numbers, qualitative, scan, timeframe
from mubiao.extract import openers as opener_scan

_SCANNED = [
    (numbers._MENTION, numbers._NUM_OPENERS),
    (numbers._WORDS, numbers._WORD_OPENERS),
    (timeframe._TIME, timeframe._TIME_OPENERS),
]
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _first_chars(items: list[Any]) -> set[str] | None:
    """The characters a match of the parsed pattern ``items`` can open with; None if any."""
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            return out | {chr(av)}
        if op is sre.IN:
            for o, a in av:
                if o is sre.LITERAL:
                    out.add(chr(a))
                elif o is sre.RANGE:
                    out.update(chr(c) for c in range(a[0], a[1] + 1))
                elif o is sre.CATEGORY and a is sre.CATEGORY_DIGIT:
                    out.add("0")
                else:
                    return None
            return out
        if op is sre.SUBPATTERN:
            found = _first_chars(list(av[3]))
            return None if found is None else out | found
        if op is sre.BRANCH:
            for alt in av[1]:
                found = _first_chars(list(alt))
                if found is None:
                    return None
                out |= found
            return out
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            continue  # takes no character: the next item opens the match
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            least, _, sub = av
            found = _first_chars(list(sub))
            if found is None:
                return None
            out |= found
            if least >= 1:
                return out
            continue
        return None
    return None  # the pattern may match the empty string


@pytest.mark.parametrize(("pattern", "openers"), _SCANNED)
def test_openers_cover_every_first_character(pattern: re.Pattern[str], openers: re.Pattern[str]) -> None:
    # the openers' own class of first characters, which their look-arounds then narrow (the property
    # test below holds the narrowing to the same matches)
    first = _first_chars(list(sre_parse.parse(pattern.pattern)))
    opening = _first_chars(list(sre_parse.parse(openers.pattern)))
    assert first is not None
    assert opening is not None
    assert first <= opening


def _pieces(pattern: re.Pattern[str]) -> list[str]:
    """The words the pattern spells out (本届政府, 今后5年) and each of their characters, with a few it
    does not name: texts made of them hold its matches and its near misses."""
    words = set(re.findall(r"[^\x00-\x2f\x3a-\x7f]+|[0-9]+", pattern.pattern))
    return sorted(words | {c for w in words for c in w} | set("年，x "))


@pytest.mark.parametrize(("pattern", "openers"), _SCANNED)
def test_narrowed_openers_find_the_same_matches(pattern: re.Pattern[str], openers: re.Pattern[str]) -> None:
    @settings(max_examples=400, derandomize=True, deadline=None)
    @given(st.lists(st.sampled_from(_pieces(pattern)), max_size=24).map("".join))
    def same(text: str) -> None:
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in opener_scan.finditer(pattern, openers, text)] == expected

    same()
    pieces = _pieces(pattern)
    for a in pieces:  # and every two pieces in a row, which random texts may miss
        for b in pieces:
            same.hypothesis.inner_test(a + b)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "12345,678元、5十个、二〇二五年增长5%以上，3-5万人，力争确保新的一年来",
        "翻一番，八成以上，千亿元，指数从1.38降至1.31",
        "",
        "1,234,567元以上和12,3456%",
        "到2025年，2020—2025年以来，截至二〇二四年底，“十四五”期末，今年以来、过去五年、12025年",
    ],
)
def test_same_matches_as_finditer(text: str) -> None:
    for pattern, openers in [*_SCANNED, (scan.CUE_GROUPS, scan.CUE_WORDS)]:
        for start in range(len(text) + 1):
            expected = [m.span() for m in pattern.finditer(text, start)]
            assert [m.span() for m in opener_scan.finditer(pattern, openers, text, start)] == expected


def _last_chars(items: list[Any]) -> set[str] | None:
    """The characters a match of the parsed pattern ``items`` can end with; None if any."""
    out: set[str] = set()
    for op, av in reversed(items):
        if op is sre.LITERAL:
            return out | {chr(av)}
        if op is sre.IN:
            for o, a in av:
                if o is sre.LITERAL:
                    out.add(chr(a))
                elif o is sre.RANGE:
                    out.update(chr(c) for c in range(a[0], a[1] + 1))
                else:
                    return None
            return out
        if op is sre.SUBPATTERN:
            found = _last_chars(list(av[3]))
            return None if found is None else out | found
        if op is sre.BRANCH:
            for alt in av[1]:
                found = _last_chars(list(alt))
                if found is None:
                    return None
                out |= found
            return out
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # takes no character: the item before ends the match
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            least, _, sub = av
            found = _last_chars(list(sub))
            if found is None:
                return None
            out |= found
            if least >= 1:
                return out
            continue
        return None
    return None


@pytest.mark.parametrize("pattern", [qualitative._ENDS_WITH_AIM, qualitative._SUBJECT_AIM])
def test_aim_endings_cover_every_last_character(pattern: re.Pattern[str]) -> None:
    last = _last_chars(list(sre_parse.parse(pattern.pattern)))
    assert last is not None
    assert last <= qualitative._AIM_ENDINGS


def _last_chars_of_any(items: list[Any]) -> set[str] | None:
    """The characters a match of ``items`` that is not empty can end with, when every item may be
    left out: the last character of any item."""
    out: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        found = _last_chars(list(av[2]) if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) else [(op, av)])
        if found is None:
            return None
        out |= found
    return out


def test_trailing_words_endings_cover_every_last_character() -> None:
    verb = _last_chars_of_any(list(sre_parse.parse(indicator._TRAIL_VERB.pattern.pattern)))
    noise = _last_chars(list(sre_parse.parse(indicator._TRAIL_NOISE.pattern)))
    comparison = _last_chars(list(sre_parse.parse(indicator._COMPARISON_INSIDE.pattern)))
    assert verb is not None
    assert noise is not None
    assert comparison is not None
    assert comparison <= indicator._COMPARISON_INSIDE_ENDINGS
    assert verb <= indicator._TRAIL_VERB_ENDINGS
    assert noise <= indicator._TRAIL_NOISE_ENDINGS


@pytest.mark.parametrize(
    "paragraph",
    [
        "2025年，比上年增长5%",
        "较“十三五”末的2020年，全市",
        "与2024年相比是较上年末的，今年以来",
        "今年以来，全市",
    ],
)
def test_opening_without_comparisons_is_the_opening_of_the_whole(paragraph: str) -> None:
    for n in range(len(paragraph) + 2):
        whole = context._strip_comparisons(paragraph)
        assert context._opening_without_comparisons(paragraph, n) == whole[:n]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet="较比与是上年末期同的“”十三五2020，。全市增长", max_size=400))
def test_the_opening_of_a_long_paragraph_is_the_opening_of_the_whole(paragraph: str) -> None:
    # long runs of comparisons and of near misses: the window widens until it holds the opening
    whole = context._strip_comparisons(paragraph)
    for n in (0, 1, 8, 24, 100):
        assert context._opening_without_comparisons(paragraph, n) == whole[:n]


def test_cue_words_stand_where_the_cues_do() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    found = [m.span() for m in scan.CUE_WORDS.finditer(text)]
    assert len(found) > 20
    assert found == [m.span() for m in scan.CUE_GROUPS.finditer(text)]


def test_every_cue_word_opens_with_a_literal() -> None:
    # what lets the regex engine skip ahead to the cue words: a single class or group in front hides it
    for alternative in sre_parse.parse(scan.CUE_WORDS.pattern)[0][1][1]:
        assert alternative[0][0] is sre.LITERAL
