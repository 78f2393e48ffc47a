"""Phrase keys: the shortcuts of normalise_phrase give the keys of its plain definition."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from mubiao.reference import phrases
from mubiao.reference.phrases import normalise_phrase


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
