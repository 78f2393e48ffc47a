"""Extraction never fails on odd text: it returns what it can and raises nothing but MubiaoError."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import mubiao

_PIECES = [
    "地区生产总值",
    "增长",
    "5%",
    "左右",
    "以上",
    "以内",
    "亿元",
    "万人",
    "个百分点",
    "、",
    ",",
    "。",
    ";",
    "\n",
    "\n\n",
    "\t",
    "序号",
    "指标名称",
    "单位",
    "属性",
    "预期性",
    "约束性",
    "2025年",
    "1",
    "2",
    "3",
    "“",
    "”",
    "(",
    ")",
    "等",
    "分别",
    "均",
    "和",
    "净增",
    "下降",
    "-",
    "—",
    "一",
    "两",
    "三千",
    "万",
    "完成市下达任务",
    "保持稳定增长",
    "稳中提质",
    "十四五",
    "第",
    "较上年",
    "提升",
    "?",
    "\ufffd",
    "區(qū)",
    "０．５",
    "％",
    "#",
    "- ",
    "其中",
    "累计",
    "预计",
    "力争",
    "到2030年",
    "倍",
    "是",
    "的",
    "2.5:1",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=80))
def test_extract_survives_any_arrangement(pieces: list[str]) -> None:
    text = "".join(pieces)
    if not text.strip():
        return
    doc = mubiao.read_text(text, doc_id="fuzz")
    for s in mubiao.extract(doc):
        a, b = s.span
        assert 0 <= a <= b <= len(doc.original)
        assert s.kind in ("target", "actual")
        assert s.qualifier in ("about", "at_least", "at_most", "range", "exact", "qualitative")
        s.to_dict()
