"""Phrase keys: the shortcuts of normalise_phrase give the keys of its plain definition."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from mubiao.reference import phrases
from mubiao.reference.phrases import normalise_phrase
from mubiao.reference.registry import Registry


def _plain(phrase: str) -> str:
    """normalise_phrase as the module docstring of the registry defines it, without shortcuts."""
    s = unicodedata.normalize("NFKC", phrase).upper()
    unbracketed = phrases._BRACKETED.sub("", s)
    if phrases._NOT_KEPT.sub("", unbracketed):
        s = unbracketed
    s = s.replace("R&D", "研发")
    s = phrases._NOT_KEPT.sub("", s)
    for old, new in phrases._SUBSTITUTIONS:
        s = s.replace(old, new)
    while (m := phrases._LEADING_RE.match(s)) is not None and m.end() != len(s):
        s = s[m.end() :]
    while (m := re.search(phrases._TRAILING_RE.pattern, s)) is not None and m.start() != 0:
        s = s[: m.start()]
    return s


_WORDS = [
    "全年",
    "地区生产总值",
    "增长率",
    "增速",
    "目标",
    "（含）",
    "(亿元)",
    "_",
    ".",
    "5.5",
    "年均",
    "累计",
    "值",
    "\n",
    " ",
    "Ｒ＆Ｄ",
    "研发",
    "投入",
]


@settings(max_examples=3000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=8))
def test_keys_are_those_of_the_plain_definition(words: list[str]) -> None:
    phrase = "".join(words)
    normalise_phrase.cache_clear()
    assert normalise_phrase(phrase) == _plain(phrase)


@settings(max_examples=3000, derandomize=True, deadline=None)
@given(st.text(alphabet="a_.1 2,（）年值率增长GDP\n\t、-٣", max_size=10))
def test_whether_anything_is_kept_is_told_as_the_substitution_tells_it(text: str) -> None:
    assert bool(phrases._KEPT.search(text)) == bool(phrases._NOT_KEPT.sub("", text))


def _plain_contained(key: str, aliases: set[str]) -> str | None:
    """contained_alias as the registry's docstring defines it: every alias at every position, the
    longest first and, between equals, the rightmost, that no guard word precedes and only tails follow."""
    found = sorted(
        ((len(a), i) for a in aliases for i in range(len(key)) if key.startswith(a, i)), reverse=True
    )
    for length, i in found:
        if phrases._LEFT_GUARD_RE.search(key, 0, i) is None and phrases._RIGHT_TAIL_RE.fullmatch(
            key, i + length
        ):
            return key[i : i + length]
    return None


_ALIASES = {
    "GDP增速",
    "新增人员",  # made of tails: whether the leftmost or the rightmost of two equals wins tells
    "固定资产投资",
    "资产投资",
    "投资额",
    "研发投入",
    "发投入强度",
    "一般公共预算收入",
    "预算收入",
}
_KEY_PIECES = [
    *sorted(_ALIASES),
    "规上",
    "人均",
    "总额",
    "规模",
    "水平",
    "占比",
    "全市",
    "工业",
    "增长",
    "数",
    "5",
]


def _indicator(n: int, name: str) -> dict[str, object]:
    return {
        "id": f"i{n}",
        "name": name,
        "category": "经济",
        "unit_family": "money",
        "unit": "亿元",
        "polarity": "higher",
        "type": "level",
    }


_REGISTRY = Registry.from_entries([_indicator(n, a) for n, a in enumerate(sorted(_ALIASES))])
_CONTAINED = set(_REGISTRY._contained.keys())


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_KEY_PIECES), max_size=6))
def test_the_automaton_finds_the_alias_every_position_finds(pieces: list[str]) -> None:
    key = "".join(pieces)
    assert phrases.contained_alias(key, _REGISTRY._contained) == _plain_contained(key, _CONTAINED)


def test_a_registry_without_contained_aliases_matches_exactly() -> None:
    registry = Registry.from_entries([_indicator(0, "税收")])  # two characters: matched whole only
    assert registry._contained is None
    assert registry.match("税收") is not None
    assert registry.match("非税收入") is None


def test_isalnum_is_the_patterns_word_character_without_underscore() -> None:
    # normalise_phrase skips _NOT_KEPT where str.isalnum holds: the two must agree on every character
    word = re.compile(r"[^\W_]")
    assert [c for c in map(chr, range(0x110000)) if (word.fullmatch(c) is not None) != c.isalnum()] == []
