"""HTML pages: the visible text, blocks on lines, table cells one per line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mubiao.read import load
from mubiao.read.html import html_text, sniff_charset

WriteFile = Callable[[str, bytes | str], Path]

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>2025年政府工作报告_某区人民政府</title>
<style>p { text-indent: 2em }</style><script>var note = "脚本里的字";</script></head>
<body>
<noscript>请启用脚本</noscript>
<h1>政府工作报告</h1>
<p>　　2024年，全区实现地区生产总值1020亿元，增长5.8%。</p>
<p>今年主要预期目标是：<br>地区生产总值增长5%左右。</p>
</body></html>"""


def test_page_text_has_title_first_and_blocks_on_lines() -> None:
    assert html_text(PAGE) == (
        "2025年政府工作报告_某区人民政府\n\n"
        "政府工作报告\n\n"
        "　　2024年，全区实现地区生产总值1020亿元，增长5.8%。\n\n"
        "今年主要预期目标是：\n地区生产总值增长5%左右。"
    )


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>收入&nbsp;增长&amp;支出&lt;下降&#x3002;</p>", "收入 增长&支出<下降。"),
        ("<div>第一段</div><div>第二段</div>", "第一段\n第二段"),
        ("<ul><li>一是稳增长</li><li>二是促改革</li></ul>", "一是稳增长\n二是促改革"),
        ("<p>源码里\n   折行的\t句子</p>", "源码里 折行的 句子"),
        ("<p>甲</p>\n\n\n<br><br><br><br><p>乙</p>", "甲\n\n乙"),
        ("<p>可见</p><p style='display: none'>隐藏</p><div hidden>也隐藏</div>", "可见"),
        ("<p>正文<!-- 注释 --></p><template><p>模板</p></template>", "正文"),
        ("<p>增长<b>5</b><span>%</span></p>", "增长5%"),
        ("<h2>一、</h2><h3>主要目标</h3>", "一、\n\n主要目标"),
        ("<p>前文</p><pre>第一行\n第二行\t末尾</pre>", "前文\n\n第一行\n第二行 末尾"),
        ("<table><caption>表1 主要指标</caption><tr><td>指标</td></tr></table>", "表1 主要指标\n\t指标"),
    ],
    ids=[
        "entities",
        "divs",
        "list",
        "source-whitespace",
        "blank-runs",
        "hidden",
        "comment",
        "inline",
        "heads",
        "pre",
        "caption",
    ],
)
def test_visible_text_of_markup(markup: str, text: str) -> None:
    assert html_text(f"<html><body>{markup}</body></html>") == text


def test_table_cells_come_out_one_per_line_with_a_tab() -> None:
    markup = """<p>主要指标：</p>
    <table border="1">
      <thead><tr><th>指标</th><th>2025年目标</th></tr></thead>
      <tr><td><p class="MsoNormal"><span>地区生产总值增长</span></p></td><td>5%左右</td></tr>
      <tr><td></td><td></td></tr>
      <tr><td>城镇调查失业率</td><td></td></tr>
    </table><p>其后正文。</p>"""
    assert html_text(markup) == (
        "主要指标：\n\n"
        "\t指标\n\t2025年目标\n\n"
        "\t地区生产总值增长\n\t5%左右\n\n"
        "\t城镇调查失业率\n\t\n\n"
        "其后正文。"
    )


def test_a_table_that_lays_out_the_page_is_read_as_paragraphs() -> None:
    paragraphs = [f"第{n}段：全区经济运行总体平稳，稳中有进，主要指标好于预期。" for n in range(1, 7)]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    markup = (
        f"<table><tr><td>导航</td></tr><tr><td>{body}"
        "<table><tr><td>指标</td><td>目标</td></tr></table></td></tr></table>"
    )
    assert html_text(markup) == "导航\n\n" + "\n\n".join(paragraphs) + "\n\n\t指标\n\t目标"


def test_deeply_nested_markup_does_not_hit_the_recursion_limit() -> None:
    assert html_text("<div>" * 5000 + "深处的字" + "</div>" * 5000) == "深处的字"


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (b'<meta charset="gb2312">', "gb18030"),
        (b"<META http-equiv='Content-Type' content='text/html; charset=GBK'>", "gb18030"),
        (b'<meta charset="big5">', "big5"),
        (b'<meta charset="utf-8">', None),
        (b'<meta charset="iso-8859-1">', None),
        (b"<title>no declaration</title>", None),
    ],
)
def test_meta_charset_is_sniffed(head: bytes, codec: str | None) -> None:
    assert sniff_charset(b"<html><head>" + head + b"</head>") == codec


@pytest.mark.parametrize(
    ("codec", "meta", "encoding"),
    [
        ("utf-8", "utf-8", "utf-8"),
        ("gbk", "gb2312", "gb18030"),
        ("gbk", "utf-8", "gb18030"),  # pages often declare what they are not
        ("big5", "big5", "big5"),
    ],
)
def test_html_file_is_decoded_and_flattened(write: WriteFile, codec: str, meta: str, encoding: str) -> None:
    sentence = "地区生产总值增长5%左右。" if codec != "big5" else "地區生產總值增長百分之五左右。"
    page = f'<html><head><meta charset="{meta}"></head><body><p>{sentence}</p></body></html>'
    doc = load(write("page.html", page.encode(codec)))
    assert doc.format == "html"
    assert doc.encoding == encoding
    assert doc.original.endswith(sentence)


@pytest.mark.parametrize("name", ["page.htm", "page.shtml", "page"])
def test_html_is_read_by_suffix_or_by_its_first_tag(write: WriteFile, name: str) -> None:
    doc = load(write(name, "<!DOCTYPE html>\n<html><body><p>目标任务</p><script>x()</script></body></html>"))
    assert (doc.format, doc.original) == ("html", "目标任务")
