"""Text files in every encoding mubiao reads come back as the text that was written."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mubiao.errors import BinaryFileError, EncodingError, MubiaoError
from mubiao.read import load
from mubiao.read.decode import decode_bytes

SIMPLIFIED = (
    "2024年，全区实现地区生产总值1020亿元，增长5.8%。\n"
    "今年主要预期目标是：地区生产总值增长5%左右，城镇调查失业率控制在5.5%以内。\n"
)
TRADITIONAL = (
    "去年，全市經濟穩定增長，地區生產總值達到三千二百億元，增長百分之四點五。\n"
    "今年將繼續推動產業升級，擴大就業，改善民生，加強環境保護。\n"
)
WriteFile = Callable[[str, bytes | str], Path]


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (SIMPLIFIED.encode("utf-8"), "utf-8", SIMPLIFIED),
        (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig", SIMPLIFIED),
        (codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), "utf-16-le", SIMPLIFIED),
        (codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16-be", SIMPLIFIED),
        (SIMPLIFIED.encode("utf-16-le"), "utf-16-le", SIMPLIFIED),
        (SIMPLIFIED.encode("utf-16-be"), "utf-16-be", SIMPLIFIED),
        (codecs.BOM_UTF32_LE + SIMPLIFIED.encode("utf-32-le"), "utf-32-le", SIMPLIFIED),
        (SIMPLIFIED.encode("gb18030"), "gb18030", SIMPLIFIED),
        (SIMPLIFIED.encode("gbk"), "gb18030", SIMPLIFIED),
        (SIMPLIFIED.encode("gb2312"), "gb18030", SIMPLIFIED),
        (TRADITIONAL.encode("big5"), "big5", TRADITIONAL),
        (TRADITIONAL.encode("cp950"), "big5", TRADITIONAL),
        # Traditional text in GB18030 must not be taken for Big5, nor Simplified text in GBK
        (TRADITIONAL.encode("gb18030"), "gb18030", TRADITIONAL),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf16le",
        "utf16be",
        "utf32le-bom",
        "gb18030",
        "gbk",
        "gb2312",
        "big5",
        "cp950",
        "traditional-in-gb18030",
    ],
)
def test_text_file_decodes_in_its_encoding(write: WriteFile, data: bytes, encoding: str, text: str) -> None:
    doc = load(write("report.txt", data))
    assert doc.original == text
    assert doc.encoding == encoding
    assert doc.format == "txt"


@pytest.mark.parametrize(
    "sentence",
    [
        "今年主要预期目标是地区生产总值增长5%左右。",
        "一般公共预算收入增长3%，居民人均可支配收入增长与经济增长同步。",
        "粮食产量稳定在100万吨以上，单位地区生产总值能耗下降2.5%。",
        "新开工重大项目30个，完成固定资产投资180亿元。",
    ],
)
def test_short_simplified_gbk_is_not_taken_for_big5(sentence: str) -> None:
    assert decode_bytes(sentence.encode("gbk"), path="x").encoding == "gb18030"


@pytest.mark.parametrize(
    "sentence",
    [
        "今年主要預期目標是地區生產總值增長百分之五左右。",
        "一般公共預算收入增長百分之三，居民人均可支配收入穩定增加。",
        "糧食產量穩定在一百萬噸以上，單位地區生產總值能耗下降。",
        "新開工重大項目三十個，完成固定資產投資一百八十億元。",
    ],
)
def test_short_traditional_big5_is_not_taken_for_gb18030(sentence: str) -> None:
    decoded = decode_bytes(sentence.encode("big5"), path="x")
    assert (decoded.text, decoded.encoding) == (sentence, "big5")


def test_line_endings_are_kept_and_only_the_bom_is_dropped(write: WriteFile) -> None:
    text = "第一行\r\n第二行\r\n\r\n　　第三行\n"
    doc = load(write("crlf.txt", codecs.BOM_UTF8 + text.encode()))
    assert doc.original == text


def test_html_declared_charset_decides_between_gb_and_big5() -> None:
    # Two characters are too few to tell GBK from Big5; the page's declaration says which.
    data = "發展".encode("big5")
    assert decode_bytes(data, path="x", declared="big5").text == "發展"


def test_declared_charset_is_ignored_when_the_bytes_are_not_in_it() -> None:
    data = SIMPLIFIED.encode("gbk")
    assert decode_bytes(data, path="x", declared="big5").encoding == "gb18030"


def test_valid_utf8_wins_over_a_declared_legacy_charset() -> None:
    assert decode_bytes(SIMPLIFIED.encode(), path="x", declared="gb18030").encoding == "utf-8"


@pytest.mark.parametrize(
    "data",
    [
        b"%s\x00\x01\x02\x03" % SIMPLIFIED.encode(),
        bytes(range(256)) * 4,
        b"\x00" * 64,
        SIMPLIFIED.encode() + b"\x01\x02\x03\x04\x05\x06\x07\x08" * 4,
    ],
    ids=["nul-in-utf8", "all-bytes", "only-nul", "control-chars"],
)
def test_binary_data_is_refused(write: WriteFile, data: bytes) -> None:
    with pytest.raises(BinaryFileError, match="not a text file"):
        load(write("data.txt", data))


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\xff\xff\xff\xfe\xfe", "not valid text in any of UTF-8, GB18030, BIG5"),
        (SIMPLIFIED.encode("utf-8")[:-2] + b"\xff" + b"abc", "byte"),
        (
            "東京都は今年も予算を増やしました。政府の報告書ではありません。".encode("shift_jis") * 3,
            "does not look like Chinese",
        ),
        (codecs.BOM_UTF8 + b"\xff\xfe abc", "UTF-8 byte-order mark"),
    ],
    ids=["garbage", "broken-utf8", "shift-jis", "bad-after-bom"],
)
def test_undecodable_text_names_why(write: WriteFile, data: bytes, why: str) -> None:
    path = write("bad.txt", data)
    with pytest.raises(EncodingError, match=why) as info:
        load(path)
    assert path.name in str(info.value)


def test_form_feed_and_ctrl_z_are_text_not_binary(write: WriteFile) -> None:
    text = "第一页内容。\f第二页内容。\n" * 20 + "\x1a"
    assert load(write("pages.txt", text)).original == text


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "big5"])
def test_a_few_broken_bytes_are_replaced_not_fatal(write: WriteFile, codec: str) -> None:
    text = "地區生產總值增長5%左右，城鎮新增就業1.2萬人。" * 20
    data = bytearray(text.encode(codec))
    data[len(data) // 2] = 0xFF
    doc = load(write("damaged.txt", bytes(data)))
    assert doc.original.count("\ufffd") >= 1
    assert doc.encoding is not None and doc.encoding.startswith(codec) and "replaced" in doc.encoding
    assert "增" in doc.original


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@settings(max_examples=300, derandomize=True)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.tuples(
            st.text(max_size=100),
            st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "gb18030", "big5", "utf-8-sig"]),
        ).map(
            lambda tc: (
                tc[0].encode(tc[1], "surrogatepass")
                if tc[1].startswith("utf")
                else tc[0].encode(tc[1], "replace")
            )
        ),
    )
)
def test_decoded_bytes_hold_no_lone_surrogate(data: bytes) -> None:
    # the loader leaves out its search for lone surrogates in a text file's text (read/loader.py)
    try:
        text = decode_bytes(data * 20, path="t.txt").text
    except MubiaoError:
        return
    assert _LONE_SURROGATE.search(text) is None
