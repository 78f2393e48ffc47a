"""What a document is: type, region with its parents, the years it reviews and targets."""

from __future__ import annotations

from datetime import date

import pytest

import mubiao


@pytest.mark.parametrize(
    ("text", "doc_type", "report", "review", "target", "period"),
    [
        (
            "(江苏省)2025年常州市天宁区政府工作报告\n——2025年1月4日在区第十七届人民代表大会第四次会议上\n各位代表:\n",
            "work_report", 2025, 2024, 2025, None,
        ),
        (
            "本报讯 1月8日上午,区人民代表大会开幕。\n刚刚过去的2023年,全区稳中有进。\n2024年全区经济社会发展的主要预期目标是:增长6%左右。\n",
            "session_news", 2024, 2023, 2024, None,
        ),
        (
            "第一章 发展基础\n一、“十三五”期间发展成就\n“十三五”时期,全区……\n第二章 “十四五”目标\n“十四五”时期经济社会发展指标体系\n“十四五”期间……",
            "five_year_plan", 2021, 2020, 2025, (2021, 2025),
        ),
        (
            # written late in 2024 (it speaks of 明年): delivered in 2024, targets for 2025
            "区政府召开全体会议\n回顾总结今年工作。2024年,全区经济运行稳中有进;2024年新增就业1万人。明年是关键之年。\n",
            "session_news", 2024, 2024, 2025, None,
        ),
    ],
)  # fmt: skip
def test_type_and_years(
    text: str, doc_type: str, report: int, review: int, target: int, period: tuple[int, int] | None
) -> None:
    meta = mubiao.read_text(text, doc_id="m").meta
    assert (meta.doc_type, meta.report_year, meta.review_year, meta.target_year, meta.period) == (
        doc_type,
        report,
        review,
        target,
        period,
    )


@pytest.mark.parametrize(
    ("text", "region", "path"),
    [
        ("(江苏省)2025年常州市天宁区政府工作报告\n", "天宁区", ("江苏省", "常州市", "天宁区")),
        ("政府工作报告\n在某某县第十八届人民代表大会上\n全县上下……某某县……", "某某县", ("某某县",)),
        ("清河市澜溪区2025年政府工作报告\n", "澜溪区", ("清河市", "澜溪区")),
        ("武进经济稳中有进,武进在全市……全区上下……", "武进区", ("江苏省", "常州市", "武进区")),
    ],
)
def test_region_with_its_parents(text: str, region: str, path: tuple[str, ...]) -> None:
    meta = mubiao.read_text(text, doc_id="m").meta
    assert (meta.region, meta.region_path) == (region, path)


def test_region_and_year_can_be_given() -> None:
    meta = mubiao.read_text("2025年常州市天宁区政府工作报告\n", doc_id="m", region="钟楼区", year=2026).meta
    assert (meta.region, meta.report_year, meta.review_year, meta.target_year) == ("钟楼区", 2026, 2025, 2026)


# Heads in the shapes real reports are published in (front matter, Markdown, captions, wraps).
HEADS = [
    # (head, doc_type, region, session year, title)
    (
        "---\ntitle: 七台河市政府工作报告（2022年1月12日 李兵）\n---\n\n——2022年1月12日在七台河市第十二届人民代表大会"
        "第一次会议上\n\n李兵\n\n各位代表：\n\n我代表市人民政府向大会报告工作，请予审议。\n\n一、过去五年和2021年工作回顾\n",
        "work_report", "七台河市", 2022, "七台河市政府工作报告(2022年1月12日 李兵)",  # as normalised
    ),
    (
        "**政府工作报告**\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理　李强\n\n各位代表：\n\n"
        "现在，我代表国务院，向大会报告政府工作。\n\n## 一、2023年工作回顾\n\n向香港特别行政区同胞、澳门特别行政区同胞致谢。",
        "work_report", "全国", 2024, "政府工作报告",
    ),
    (
        "---\ntitle: 2018年自治区政府工作报告\n---\n\n<!-- 1月22日，主席在自治区十三届人大一次会议上作政府工作报告。"
        "新疆日报记者摄 -->\n\n政府工作报告\n\n——2018年1月22日在新疆维吾尔自治区第十三届人民代表大会第一次会议上\n\n"
        "各位代表：\n",
        "work_report", "新疆维吾尔自治区", 2018, "2018年自治区政府工作报告",
    ),
    (
        "---\ntitle: 2016年政府工作报告\n---\n\n政府工作报告\n\n**——2016年2月25日在南京市第十五届**\n\n**人民代表大会第八次会议上**"
        "\n\n**市长 张三**\n\n各位代表：\n",
        "work_report", "南京市", 2016, "2016年政府工作报告",
    ),
    (  # a December session sets the targets of the year after
        "政府工作报告\n——2021年12月21日在苏州市第十七届人民代表大会第一次会议上\n苏州市市长 张三\n各位代表：\n",
        "work_report", "苏州市", 2022, "政府工作报告",
    ),
    (  # a date in Chinese numerals; the speaker's office names the region
        "二〇二一年二月五日在某州第十一届人民代表大会第六次会议第一次全体会议上\n无锡市人民政府市长 张三\n各位代表：\n",
        "work_report", "无锡市", 2021, None,
    ),
    (  # no date: the review heading gives the session
        "---\ntitle: 政府工作报告\n---\n\n各位代表：\n\n现在，我代表省人民政府，向大会报告工作。\n\n**一、2021年工作回顾**\n\n"
        "江苏经济稳中有进，江苏……江苏……\n",
        "work_report", "江苏省", 2022, "政府工作报告",
    ),
    (  # a deputy mayor is not a region; the report's formula names it
        "下载\n打印\n政府工作报告\n各位代表：\n常务副市长主持。我代表常州市人民政府向大会报告工作。\n一、2024年工作回顾\n",
        "work_report", "常州市", 2025, "政府工作报告",
    ),
    (
        "---\ntitle: 中华人民共和国2017年国民经济和社会发展统计公报\n---\n\n**中华人民共和国**\n\n**2017年国民经济和社会发展统计公报**"
        "\n\n中华人民共和国国家统计局\n\n2018年2月28日\n\n2017年，全国……上海市……北京市……",
        "statistical_bulletin", "全国", None, "中华人民共和国2017年国民经济和社会发展统计公报",
    ),
    (  # a prefecture's bulletin co-signed by 国家统计局's survey team is not national
        "黔东南苗族侗族自治州\n2016年国民经济和社会发展统计公报\n黔东南州统计局  国家统计局黔东南调查队\n2017年3月16日\n"
        "2016年，全州……",
        "statistical_bulletin", "黔东南苗族侗族自治州", None, "2016年国民经济和社会发展统计公报",
    ),
    (
        "常州市2023 年国民经济和社会发展统计公报\n常州市统计局\n2024年3月\n2023年全市……",
        "statistical_bulletin", "常州市", None, "常州市2023 年国民经济和社会发展统计公报",
    ),
    (
        "---\ntitle: 中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要\n---\n\n> 新华社北京3月12日电\n\n"
        "**中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要**\n第一章 发展环境\n",
        "five_year_plan", "全国", 2021, "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("head", "doc_type", "region", "session", "title"), HEADS)
def test_real_heads(head: str, doc_type: str, region: str, session: int | None, title: str | None) -> None:
    meta = mubiao.read_text(head, doc_id="h").meta
    assert (meta.doc_type, meta.region, meta.session_year, meta.title) == (doc_type, region, session, title)


def test_bulletin_reports_the_year_of_its_title() -> None:
    meta = mubiao.read_text(HEADS[8][0], doc_id="b").meta
    assert (meta.review_year, meta.report_year, meta.delivered) == (2017, 2018, date(2018, 2, 28))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("——2025年1月4日在区第十七届人民代表大会第四次会议上", date(2025, 1, 4)),
        ("在四川省第十二届人民代表大会第五次会议上（2017年1月16日）", date(2017, 1, 16)),
        ("——2020 年 5 月 26 日在海口市第十六届人民代表大会第六次会议上", date(2020, 5, 26)),
        ("二〇二一年二月五日在怒江傈僳族自治州第十一届人民代表大会", date(2021, 2, 5)),
        ("2019年1月11日长沙市第十五届人民代表大会第四次会议通过", date(2019, 1, 11)),
    ],
)
def test_delivery_dates(line: str, expected: date) -> None:
    assert mubiao.read_text("政府工作报告\n" + line + "\n各位代表：\n", doc_id="d").meta.delivered == expected


def test_a_name_inside_another_word_is_not_a_region() -> None:
    meta = mubiao.read_text("各位代表：\n常务副市长据来自市介绍，全区上下……", doc_id="w").meta
    assert meta.region is None


@pytest.mark.parametrize(
    ("context", "path"),
    [
        ("南京市委、南京市政府的坚强领导下，全区……南京……", ("江苏省", "南京市", "鼓楼区")),
        ("福州市委、福州市政府的坚强领导下，全区……福州……", ("福建省", "福州市", "鼓楼区")),
    ],
)
def test_a_name_several_units_share_is_settled_by_context(context: str, path: tuple[str, ...]) -> None:
    head = "政府工作报告\n——2025年1月6日在鼓楼区第十八届人民代表大会第五次会议上\n各位代表：\n"
    meta = mubiao.read_text(head + context, doc_id="g").meta
    assert (meta.region, meta.region_path) == ("鼓楼区", path)
    assert meta.region_code is not None and meta.region_code.startswith(("3201", "3501"))


def test_a_shared_name_without_context_names_no_unit() -> None:
    meta = mubiao.read_text(
        "政府工作报告\n——2025年1月6日在鼓楼区第十八届人民代表大会第五次会议上\n", doc_id="g"
    ).meta
    assert meta.region_code is None
