"""The genre's word lists: well-formed data, read by the rules that use them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from mubiao.extract import numbers
from mubiao.extract.context import sentence_score
from mubiao.extract.indicator import clean, starts_with_verb
from mubiao.reference import lexicon
from mubiao.reference.lexicon import aims, cues, nonclaims, numerals, qualifiers, units, verbs

WORD_LISTS = {
    f"{mod.__name__.rsplit('.', 1)[1]}.{name}": value
    for mod in (aims, cues, nonclaims, numerals, qualifiers, units, verbs)
    for name, value in vars(mod).items()
    if name.isupper() and isinstance(value, (tuple, frozenset))
}


@pytest.mark.parametrize("name", sorted(WORD_LISTS))
def test_a_word_list_holds_each_word_once_and_no_blank(name: str) -> None:
    words = list(WORD_LISTS[name])
    assert words and all(isinstance(w, (str, tuple)) for w in words)
    assert len(words) == len(set(words)), f"{name} repeats a word"
    assert all(w if isinstance(w, str) else w[0] for w in words), f"{name} holds a blank"


def test_every_pattern_of_the_lexicon_compiles() -> None:
    for words in WORD_LISTS.values():
        for w in words:
            re.compile(w[0] if isinstance(w, tuple) else w)
    for pattern, weight in cues.CUES:
        assert weight != 0
        re.compile(pattern)


def test_the_lexicon_imports_nothing_of_mubiao() -> None:
    # data below every layer: the rules read it, it reads nothing
    for path in Path(lexicon.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("mubiao"), f"{path.name} imports {node.module}"


def test_a_qualifier_word_gives_one_qualifier() -> None:
    seen: dict[str, str] = {}
    for q, words in qualifiers.BEFORE.items():
        for w in words:
            assert w not in seen, f"{w} is both {seen[w]} and {q}"
            seen[w] = q


def test_a_unit_added_to_the_lexicon_is_read() -> None:
    # the number pattern is built from the lists: every listed unit is read after a figure
    for unit in (*units.RATE_UNITS, *units.MONEY_UNITS, *units.MEASURE_UNITS, *units.COMPOUND_UNITS):
        if unit[0] in "万亿千百十":
            continue  # read as a scale and a unit (12.5万元/亩 → 万元): a known limit
        found = numbers.find_mentions(f"总量达到12.5{unit}，")
        assert found and found[0].unit == ("元" if unit == "元人民币" else unit), unit


def test_the_verbs_and_cues_are_read_by_the_rules() -> None:
    for verb in verbs.ACTION_VERBS:
        assert starts_with_verb(verb + "学校") is not None
    assert clean("工业增加值下降").negative
    assert all(v in verbs.GROWTH_VERBS or v in ("净减", "缩小", "降", "减量") for v in verbs.NEGATIVE_VERBS)
    assert "力争" in cues.CUES[0][0]


def test_sentence_scores_follow_the_cue_weights() -> None:
    from mubiao.document import DocumentMeta

    meta = DocumentMeta(
        doc_type="work_report", session_year=2026, target_year=2026, review_year=2025, report_year=2026
    )
    assert sentence_score("力争增长5%", meta) > 0
    assert sentence_score("同比增长5%", meta) < 0


def test_figures_of_speech_are_not_counts() -> None:
    for noun in nonclaims.FIGURES_OF_SPEECH:
        assert not [m for m in numbers.find_mentions(f"落实三个{noun}的工作") if m.value == 3], noun
