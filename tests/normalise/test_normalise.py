"""The normaliser: script, width, glosses, broken lines, repeats, mojibake — and the offset map."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mubiao.document import Document
from mubiao.normalise import normalise, script
from mubiao.normalise.edits import delete


def norm(text: str) -> Document:
    return normalise(Document(id="t", original=text))


def test_traditional_to_simplified_keeps_length() -> None:
    doc = norm("地區生產總值增長5%左右")
    assert doc.text == "地区生产总值增长5%左右"
    assert doc.char_span(0, 6) == (0, 6)


def test_full_width_to_half_width() -> None:
    assert norm("增长５．５％（预计）：１２３").text == "增长5.5%(预计):123"


def test_pinyin_glosses_are_removed_and_offsets_map_back() -> None:
    original = "天寧區(qū)政府工作報(bào)告"
    doc = norm(original)
    assert doc.text == "天宁区政府工作报告"
    a, b = doc.char_span(doc.text.index("政府"), doc.text.index("报告") + 2)
    assert original[a:b] == "政府工作報(bào)告"


def test_enumerations_in_parentheses_are_not_glosses() -> None:
    assert norm("(a)项目 (ng)").text == "(a)项目 (ng)"


def test_broken_sentence_is_joined_but_list_items_are_not() -> None:
    # a page break inside a long paragraph (across a blank line) and a wrapped line (single newline)
    prose = (
        "报告指出,全区上下坚持稳中求进工作总基调,经济社会发展保持总体平稳,综合实力实现了历史性跨越,"
        "产业结构持续优化,创新动能不断增强,民生福祉持续改善,为实现目标打" + "\n\n" + "牢基础。"
    )
    assert "打牢基础" in norm(prose).text
    items = "地区生产总值增长5%左右\n一般公共预算收入保持稳定增长\n"
    assert norm(items).text == items


def test_repeated_sentences_are_marked_once() -> None:
    sentence = "全年新增就业1.3万人,确保零就业家庭动态清零。"
    doc = norm(f"{sentence}\n其他内容。\n{sentence}\n")
    assert len(doc.repeats) == 1
    a, b = doc.repeats[0]
    assert doc.text[a:b] == sentence


def test_mojibake_is_flagged() -> None:
    doc = norm("占比51%??缇畴娚躺鷳B(tài)加速聚集,海关进出口额达7.2亿元")
    assert doc.damaged
    assert doc.is_damaged(0, len(doc.text))
    assert not norm("海关进出口额达7.2亿元,张喆同志出席。").damaged


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="地區生產總值增長５%左右(qū)區\n 。，12", max_size=60))
def test_every_normalised_span_maps_into_the_original(text: str) -> None:
    doc = norm(text)
    for i in range(len(doc.text)):
        a, b = doc.char_span(i, i + 1)
        assert 0 <= a <= b <= len(text)
    a, b = doc.char_span(0, len(doc.text))
    assert 0 <= a <= b <= len(text)


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), max_size=5))
def test_deletion_map_is_exact_for_kept_characters(text: str, cuts: list[tuple[int, int]]) -> None:
    spans = [(a, min(len(text), a + n)) for a, n in cuts if a < len(text)]
    out, m = delete(text, spans)
    for i, ch in enumerate(out):
        a, b = m.span(i, i + 1)
        assert text[a:b] == ch


def test_replacement_characters_mark_their_sentence_damaged() -> None:
    doc = norm("地区生产总值增长5%\ufffd左右。")
    assert doc.damaged and doc.is_damaged(0, len(doc.text))


def test_text_wrapped_at_a_fixed_width_is_rejoined_even_inside_numbers() -> None:
    paragraph = (
        "2024年,全区经济运行稳中有进。预计全年实现地区生产总值497.2亿元,增长6.1%;一般公共预算收入37.8亿元,"
        "增长4.4%;固定资产投资增长5.1%;社会消费品零售总额163亿元,增长7.2%;外贸进出口总额104亿元,增长6.1%;"
        "实际使用外资1.35亿美元。"
    )
    wrapped = "\n".join(paragraph[i : i + 30] for i in range(0, len(paragraph), 30))
    doc = norm("一、2024年工作回顾\n" + wrapped + "\n二、2025年目标任务\n")
    assert paragraph in doc.text
    assert "一、2024年工作回顾\n" in doc.text and "\n二、2025年目标任务" in doc.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="地区生产总值增长喆堃娚鷳?\ufffd\ue000\u3400àá(xiàn)Bā\n 。ü", max_size=40))
def test_the_fast_path_of_mojibake_finds_what_the_full_pattern_finds(text: str) -> None:
    from mubiao.normalise import mojibake

    # the full pattern spells the ideographs outside GB2312 (喆, 堃, 娚, 鷳) out; the scan masks them
    full = [m.span() for m in mojibake._full_pattern().finditer(text)]
    if "\ufffd" in text:
        full = sorted(full + [m.span() for m in mojibake._REPLACEMENT.finditer(text)])
    assert mojibake.damaged_spans(text) == full


@settings(max_examples=500, derandomize=True, deadline=None)
@given(st.text(alphabet="".join(map(chr, script._WIDTH)) + "中文a,，（）", max_size=60))
def test_fold_width_folds_each_form_as_the_table_says(text: str) -> None:
    # the common forms replaced outright and the rare ones found by one search: the table's result
    assert script.fold_width(text) == text.translate(script._WIDTH)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet="地区(（x)Bā\u00e0\u00b7\u00a7\u00ff\u0080z\n ", max_size=40))
def test_the_counts_of_the_garbled_bound_are_the_patterns_counts(text: str) -> None:
    from mubiao.normalise import mojibake

    assert mojibake._letters_before_parentheses(text) == len(mojibake._LETTER_PAREN.findall(text))
    assert mojibake._odd_latin1(text) == len(mojibake._LATIN1.findall(text))
