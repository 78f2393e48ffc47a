"""Repeated sentences: the quick path (no repeat) and the marking agree with the plain definition."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mubiao.normalise.repeats import repeat_spans

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


def _plain(text: str) -> list[tuple[int, int]]:
    """Every sentence of 15 characters or more (whitespace and NUL aside) that stood before."""
    seen: set[str] = set()
    out: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        key = re.sub(r"\s", "", m.group()).replace("\x00", "")
        if len(key) >= 15:
            if key in seen:
                out.append(m.span())
            seen.add(key)
    return out


_PIECES = ["地区生产总值增长5%左右", "城镇新增就业1.2万人", "。", "\n", " ", "\x00", "！", "力争", "ab"]


@settings(max_examples=300, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_repeats_are_the_sentences_that_stood_before(text: str) -> None:
    assert repeat_spans(text) == _plain(text)


def test_a_long_sentence_repeated_is_marked_and_a_short_one_is_not() -> None:
    text = "地区生产总值增长5%左右，城镇新增就业1.2万人。\n目标。\n地区生产总值增长5%左右，城镇新增 就业1.2万人。\n目标。"
    assert repeat_spans(text) == [(30, 56)]
    assert repeat_spans("地区生产总值增长5%左右。城镇新增就业1.2万人。") == []
