"""Patterns tried only where a match can stand match and search as the patterns themselves do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mubiao.extract import claims, context, indicator, numbers, qualitative, relations
from mubiao.patterns import Anchored, Ending, first_characters, longest_match
from mubiao.reference import phrases

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

# the anchored patterns of the rules
IN_USE = [
    indicator._LEAD,
    indicator._VERB_RE,
    qualitative.VERBISH,
    numbers._POST,
    context._REVIEW_OPENER,
    relations._ATTRIBUTE,
    claims._RELATIVE,
    phrases._LEADING_RE,
]

# patterns of every construct the reading of first characters handles, and of those it gives up on
KINDS = [
    r"abc",
    r"a|b|c",
    r"(?:ab)?c",
    r"a*b+",
    r"[a-c\d]x",
    r"\s*x",
    r"\w+",
    r"[^a]b",
    r".b",
    r"^(?:x|y)",
    r"(?<!a)b",
    r"(?=a)ab",
    r"(a)\1",
    r"(?i:a)b",
    r"(?>ab|a)c",
    r"a??b",
    r"x{0,3}y",
    r"$",
    r"",
    r"(?:)|a",
    "[\u4e00-\u4e10]年",
]
_ALPHABET = "abcxy123 \t\n_年一丁七万丈三上下不与丏丐丑中以左台及之全五这预刚过占合计"


def _same(a: Anchored, text: str) -> None:
    for pos in range(len(text) + 1):
        for end in (None, pos, pos + 1, len(text)):
            if end is None:
                got, want = a.match(text, pos), a.pattern.match(text, pos)
            else:
                got, want = a.match(text, pos, end), a.pattern.match(text, pos, end)
            assert (got is None) == (want is None) and (got is None or got.span() == want.span())  # type: ignore[union-attr]


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=12))
@pytest.mark.parametrize("pattern", KINDS)
def test_every_kind_of_pattern_matches_as_itself(pattern: str, text: str) -> None:
    _same(Anchored(re.compile(pattern)), text)


def test_what_cannot_be_read_is_always_tried() -> None:
    for pattern in (r".b", r"[^a]b", r"(a)?\1", r"$", r"", r"a*", r"(?i)abc", r"\Wx"):
        assert first_characters(re.compile(pattern)) is None, pattern
    assert first_characters(re.compile(r"\s*x"))[0] == frozenset("x")  # type: ignore[index]


@pytest.mark.parametrize("anchored", IN_USE, ids=lambda a: a.pattern.pattern[:20])
def test_the_rules_patterns_match_as_themselves_on_the_samples(anchored: Anchored) -> None:
    assert first_characters(anchored.pattern) is not None  # each is worth its wrapper
    for f in sorted(SAMPLES.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        for pos in range(0, len(text), 3):
            got, want = anchored.match(text, pos), anchored.pattern.match(text, pos)
            assert (got is None) == (want is None) and (got is None or got.span() == want.span())  # type: ignore[union-attr]


# -- patterns that end in $, searched from where a match can begin ----------------------------------

ENDING_KINDS = [r"(?:增长|下降)?(?:了|到)*$", r"\d+年$", r"(?<!比)较$", r"a|b$", r"(?:x$|y)", r"[^a]b$", r"$"]


def _same_search(e: Ending, text: str) -> None:
    got, want = e.search(text), e.pattern.search(text)
    assert (got is None) == (want is None) and (got is None or got.span() == want.span()), (e.pattern, text)
    for pos, end in ((0, len(text) // 2), (1, len(text) - 1), (len(text) // 3, len(text) + 2)):
        got, want = e.search(text, pos, end), e.pattern.search(text, pos, end)
        assert (got is None) == (want is None) and (got is None or got.span() == want.span()), (
            text,
            pos,
            end,
        )


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.text(alphabet="增长下降了到比较年12ab xy\n", max_size=12))
@pytest.mark.parametrize("pattern", ENDING_KINDS)
def test_an_ending_pattern_searches_as_itself(pattern: str, text: str) -> None:
    _same_search(Ending(re.compile(pattern)), text)


@pytest.mark.parametrize("ending", [indicator._TRAIL_VERB, numbers._PRE_RE, phrases._TRAILING_RE], ids=str)
def test_the_ending_patterns_search_as_themselves_on_the_samples(ending: Ending) -> None:
    for f in sorted(SAMPLES.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        for a in range(0, len(text), 7):
            _same_search(ending, text[a : a + 24])


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=16), st.integers(min_value=0, max_value=16))
@pytest.mark.parametrize("pattern", KINDS)
def test_a_window_finds_what_the_whole_text_has_where_the_longest_match_vouches(
    pattern: str, text: str, end: int
) -> None:
    compiled = re.compile(pattern)
    reach = longest_match(compiled)
    if reach is None:
        return
    end = min(end, len(text))
    whole = {m.start(): m.span() for m in compiled.finditer(text) if m.start() + reach <= end}
    window = {m.start(): m.span() for m in compiled.finditer(text, 0, end) if m.start() + reach <= end}
    # the two searches agree up to the first start vouched for in only one of them
    for start in sorted(set(whole) | set(window)):
        assert whole.get(start) == window.get(start)


def test_the_longest_match_of_what_reads_outside_its_span_is_unknown() -> None:
    for pattern in (r"(?<!a)b", r"(?=a)ab", r"(a)\1", r"$", r"a\b", r"a+", r"x{0,3}y(?!z)"):
        assert longest_match(re.compile(pattern)) is None, pattern
    assert longest_match(re.compile(r"^(?:x|y)z{0,3}")) == 4
    assert longest_match(re.compile(r"[较比]“?十[一二]五”?(?:的)?")) == 7
    assert longest_match(context._COMPARISON) == context._COMPARISON_REACH
