"""Invisible format characters are deleted through the offset map."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from mubiao.document import Document
from mubiao.normalise import mojibake, normalise
from mubiao.normalise.invisible import INVISIBLE, invisible_spans


def test_every_format_character_of_this_python_is_invisible() -> None:
    missing = [
        f"U+{cp:04X}"
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) == "Cf" and not INVISIBLE.fullmatch(chr(cp))
    ]
    assert missing == [], f"Cf characters of Unicode {unicodedata.unidata_version} not deleted: {missing}"


def test_every_invisible_character_counts_as_outside_gb2312() -> None:
    # normalise() looks for invisible characters only in a text that has characters outside GB2312
    # (less a few clean ones): none may hide among the rest
    from mubiao.normalise.mojibake import outside_gb2312

    counted_in = [
        f"U+{cp:04X}"
        for cp in range(sys.maxunicode + 1)
        if INVISIBLE.fullmatch(chr(cp)) and outside_gb2312("增长" + chr(cp)) != 1
    ]
    assert counted_in == []


def test_every_invisible_character_stands_in_a_run_outside_gb2312() -> None:
    from mubiao.normalise.mojibake import outside_runs

    missed = [
        f"U+{cp:04X}"
        for cp in range(sys.maxunicode + 1)
        if INVISIBLE.fullmatch(chr(cp)) and outside_runs("增长" + chr(cp) + "5%") != [(2, 3)]
    ]
    assert missed == []


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.text(alphabet="增长5%?？·—喆堃\u200b\u200d\ufeff\u00ad\u2060\U000e0001\ud800 \n", max_size=40))
def test_the_runs_outside_gb2312_hold_every_invisible_run(text: str) -> None:
    from mubiao.normalise.mojibake import outside_gb2312, outside_runs

    runs = outside_runs(text)
    assert runs is not None
    assert sum(b - a for a, b in runs) == outside_gb2312(text) + sum(
        text.count(c) for c in mojibake._clean_outside()
    )
    assert invisible_spans(text, runs) == invisible_spans(text)


def test_an_invisible_character_is_found_among_clean_text() -> None:
    doc = normalise(Document(id="t", original="地区生产总值——增长5.5%​左右·〇"))
    assert doc.text == "地区生产总值——增长5.5%左右·〇"


def test_visible_characters_stay() -> None:
    text = "地区生产总值增长5.5%左右，城镇新增就业1.2万人。\t\n ·—…“”《》"
    assert invisible_spans(text) == []


def test_deleted_through_the_offset_map() -> None:
    original = "增长5\u200b.\u2060\u00ad5%左右\ufeff。"
    doc = normalise(Document(id="t", original=original))
    assert doc.text == "增长5.5%左右。"
    a, b = doc.char_span(2, 6)  # 5.5%
    assert original[a:b] == "5\u200b.\u2060\u00ad5%"
    assert doc.char_span(0, len(doc.text)) == (0, len(original))


def test_the_clean_characters_outside_gb2312_are_no_odd_items() -> None:
    import re

    from mubiao.normalise import mojibake

    odd = re.compile(mojibake._odd())
    expected = []
    for c in mojibake._CLEAN_OUTSIDE_CANDIDATES:
        try:
            c.encode("gb2312")
        except UnicodeEncodeError:
            if not odd.match(c):
                expected.append(c)
    assert mojibake._clean_outside() == tuple(expected)
