"""Provenance: every statement's span, applied to the original text, shows its number as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mubiao
from mubiao.normalise.script import fold

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"

_TEMPLATES = [
    "地区生产总值增长{n}%左右。",
    "預計完成一般公共預算收入{n}億元。",
    "新增城镇就业{n}万人,城镇登记失业率控制在{n}%以内。",
    "區(qū)社會消費品零售總額增長{n}%。",
    "完成造林绿化{n}亩以上、新建公园{n}个。",
]


def _written(value: float) -> str:
    return f"{value:g}"


def check(doc: mubiao.Document) -> int:
    sts = mubiao.extract(doc)
    for s in sts:
        a, b = s.span
        assert 0 <= a < b <= len(doc.original)
        if s.value is not None and s.extra.get("source") != "table" and s.unit not in ("", None):
            shown = fold(doc.original[a:b])
            number = _written(abs(s.value))
            assert number in shown.replace(",", "") or any(
                c in shown for c in "一二两三四五六七八九十百千"
            ), (s, shown)
    return len(sts)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_TEMPLATES), min_size=1, max_size=6),
    st.lists(st.decimals(min_value=1, max_value=9999, places=1).map(float), min_size=1, max_size=6),
    st.booleans(),
    st.booleans(),
)
def test_spans_contain_the_number_as_written(
    templates: list[str], numbers: list[float], wide: bool, breaks: bool
) -> None:
    parts = []
    for i, t in enumerate(templates):
        n = _written(numbers[i % len(numbers)])
        if wide:
            n = n.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789."})
        parts.append(t.format(n=n))
    text = "二、2025年目标任务\n" + ("\n" if breaks else "").join(parts)
    assert check(mubiao.read_text(text, doc_id="gen")) >= 1


@pytest.mark.seeds
@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the shared seed corpus (../shared/corpus/seeds) is not beside this checkout"
)
@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [], ids=lambda p: p.stem)
def test_spans_on_real_documents(path: Path) -> None:
    assert check(mubiao.read(path)) > 10
