"""Fuzzing the whole path from bytes to records, one generator per class of hostile input.

Every input goes through :func:`mubiao.read` and :func:`mubiao.extract` as ``mubiao extract`` runs
them, and must end in statements or in a :class:`~mubiao.errors.MubiaoError`; never in another
exception (a traceback), never past a time bound, never in JSON that is not JSON (``Infinity``),
never in output larger than a fixed multiple of the input; and every statement's span must lie in
the original, its characters those the normalised claim was made of.

Hypothesis is derandomized (the same examples on every run) and each class has a minimum number
of inputs, checked.  The whole module runs in about a minute; select it with ``-m fuzz``, leave it
out with ``-m "not fuzz"``.  ``MUBIAO_FUZZ_REPORT=path.json`` writes the figures (inputs, errors,
crashes, hangs, largest output/input ratio per class).
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile import (
    DOC_HEAD,
    docx_bomb,
    docx_from_parts,
    docx_nested_tables,
    nested_html,
    para,
)
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from mubiao.errors import MubiaoError
from mubiao.normalise.invisible import INVISIBLE
from mubiao.normalise.script import fold
from mubiao.pipeline import extract, read
from mubiao.statement import Statement
from mubiao.timelimit import time_limit

pytestmark = pytest.mark.fuzz

#: seconds one input may take, read and extracted (the slowest, 100,000 paragraphs, take about 3)
PER_INPUT_SECONDS = 15.0
#: output bytes (JSON lines) per byte of input (the file, or the text it holds where that is more),
#: beyond a fixed allowance for tiny inputs.  A statement needs two characters of its own at least
#: (``5%`` in ``5%5%5%…`` after an indicator) and its record is at most about 600 bytes with a text
#: of 300 characters, so a sentence of 300 such characters is the worst case: about 235 times, as
#: measured.  Before the text window the ratio grew with the line (100 KB of ``(增长5%`` gave 1 GB).
MAX_RATIO = 300
_ALLOWANCE = 4096

_SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=False,
    # no shrinking: a failure is reported as found, within the CI budget, not minimised for minutes
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)

FIGURES: dict[str, Counter[str]] = {}
RATIOS: dict[str, float] = {}
FILE_RATIOS: dict[str, float] = {}


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    path = os.environ.get("MUBIAO_FUZZ_REPORT")
    if path:
        out = {
            k: {
                **v,
                "max_ratio": round(RATIOS.get(k, 0.0), 2),
                "max_file_ratio": round(FILE_RATIOS.get(k, 0.0), 2),
            }
            for k, v in FIGURES.items()
        }
        Path(path).write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")


def _refuse_constant(name: str) -> object:
    raise AssertionError(f"not JSON: {name}")


def _subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(ch in it for ch in needle)


def _check_statement(st: Statement, original: str) -> str:
    a, b = st.span
    assert 0 <= a <= b <= len(original), (a, b, len(original))
    assert st.source_text == original[a:b]
    # what the claim was read from is the original's characters, folded, less what normalising deletes
    claim = "".join(st.doc.text[st.start : st.end].split())
    assert _subsequence(claim, fold(original[a:b])), (claim, original[a:b])
    d = st.to_dict()
    assert len(d["text"]) <= 300
    if "sentence_span" in d:
        sa, sb = d["sentence_span"]
        assert 0 <= sa <= a <= b <= sb <= len(original)
    line = json.dumps(d, ensure_ascii=False, allow_nan=False)
    json.loads(line, parse_constant=_refuse_constant)
    return line + "\n"


def run_input(kind: str, tmp_path: Path, name: str, data: bytes) -> None:
    """Read and extract one input as ``mubiao extract`` does, and check every property."""
    counts = FIGURES.setdefault(kind, Counter())
    counts["inputs"] += 1
    path = tmp_path / name
    path.write_bytes(data)
    started = time.perf_counter()
    try:
        with time_limit(PER_INPUT_SECONDS, name):
            doc = read(path)
            statements = extract(doc)
    except MubiaoError as e:
        if e.code == "E201":
            counts["hangs"] += 1
            raise AssertionError(f"{kind}: {name} took over {PER_INPUT_SECONDS} s") from e
        counts["refused"] += 1
        counts[e.code] += 1
        return
    except BaseException:
        counts["crashes"] += 1
        raise
    finally:
        path.unlink()
    assert time.perf_counter() - started < PER_INPUT_SECONDS
    out = "".join(_check_statement(s, doc.original) for s in statements)
    size = len(out.encode())
    counts["read"] += 1
    counts["statements"] += len(statements)
    # A zip (DOCX) or a compressed PDF stream holds, within the readers' limits, many times its own
    # size: the bound is on the text the file holds, the ratio over the file itself is a figure.
    text_bytes = max(len(data), len(doc.original.encode()))
    RATIOS[kind] = max(RATIOS.get(kind, 0.0), size / text_bytes)
    FILE_RATIOS[kind] = max(FILE_RATIOS.get(kind, 0.0), size / len(data))
    assert size <= MAX_RATIO * text_bytes + _ALLOWANCE, (kind, size, text_bytes)


def run_class(kind: str, minimum: int, test: Callable[[], None]) -> None:
    before = FIGURES.get(kind, Counter())["inputs"]
    test()
    assert FIGURES[kind]["inputs"] - before >= minimum, FIGURES[kind]


# --------------------------------------------------------------------------- text in every form

_WORDS = [
    "地区生产总值", "增长", "一般公共预算收入", "城镇新增就业", "万人", "亿元", "左右", "以上", "以内", "力争",
    "2025年", "主要预期目标", "完成", "下降", "居民人均可支配收入", "固定资产投资", "城镇登记失业率",
    "控制在", "个百分点", "达到", "(", ")", "（", "）", "，", "、", "。", "；", "\n", " ", "\t",
]  # fmt: skip
_INVISIBLES = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u2060", "\u202a", "\u202c", "\u2066", "\ufe0f", "\U000e0041"]  # fmt: skip
_HEAD = "澜溪区2025年政府工作报告\n二、2025年目标任务\n"

numbers = st.one_of(
    st.integers(0, 10**6).map(str),
    st.decimals(0, 10**4, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["两千", "十五", "三点五", "一百零八", "1,200.5", "0.5", "五"]),
)
text_pieces = st.one_of(
    st.sampled_from(_WORDS), numbers, st.sampled_from(["%", "‰", "亿元", "万元", "人", "个"])
)
#: a claim as reports write them: indicator, verb, number, unit, qualifier, and a separator
claims = st.builds(
    lambda *parts: "".join(parts),
    st.sampled_from(["地区生产总值", "一般公共预算收入", "城镇新增就业", "固定资产投资", "城镇登记失业率"]),
    st.sampled_from(["增长", "达到", "控制在", "下降", "", "力争增长"]),
    numbers,
    st.sampled_from(["%", "亿元", "万人", "个百分点", "元", ""]),
    st.sampled_from(["左右", "以上", "以内", ""]),
    st.sampled_from(["，", "；", "。", "、", "\n", ""]),
)
#: claims among noise
report_pieces = st.one_of(claims, claims, text_pieces)


def _encodings(text: str) -> Iterator[tuple[str, bytes]]:
    """``text`` as every reader and encoding mubiao reads it in: the same claims, each way."""
    yield "utf8.txt", text.encode()
    yield "gb18030.txt", text.encode("gb18030")
    yield "utf-16.txt", text.encode("utf-16")
    # Big5 holds Traditional characters only, and none of the invisible ones: they become '?'
    yield "big5.txt", _traditional(text).encode("big5", errors="replace")
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    body = "".join(f"<p>{line}</p>" for line in escaped.split("\n"))
    yield "page.html", f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'.encode()
    yield "page-gbk.html", _gbk_page(body)
    yield "doc.docx", docx_from_parts(para(_xml(line)) for line in text.split("\n"))


def _traditional(text: str) -> str:
    import opencc

    converted: str = opencc.OpenCC("s2t").convert(text)
    return converted


def _gbk_page(body: str) -> bytes:
    page = f'<html><head><meta charset="gbk"></head><body>{body}</body></html>'
    return page.encode("gb18030", errors="xmlcharrefreplace")


def _xml(s: str) -> str:
    # XML 1.0 forbids most control characters; Word would not write them either
    s = "".join(c for c in s if c in "\t\n" or (ord(c) >= 0x20 and c not in "\ufffe\uffff"))
    return s.replace("&", "&amp;").replace("<", "&lt;")


@given(
    depth=st.integers(1, 12_000), tag=st.sampled_from(["div", "table", "span", "font", "p", "li", "section"])
)
def _deep_html(tmp_path: Path, depth: int, tag: str) -> None:
    run_input("deep HTML nesting", tmp_path, "deep.html", nested_html(depth, tag))


def test_deep_html_nesting(tmp_path: Path) -> None:
    run_class("deep HTML nesting", 40, lambda: settings(_SETTINGS, max_examples=40)(_deep_html)(tmp_path))


@given(
    shape=st.sampled_from(["bomb", "entries", "nested", "xml-depth"]),
    size=st.integers(1, 160),
)
def _zip_bombs(tmp_path: Path, shape: str, size: int) -> None:
    if shape == "bomb":
        data = docx_bomb(size)
    elif shape == "entries":
        data = _many_entries(size * 50)
    elif shape == "nested":
        data = docx_nested_tables(size // 2 + 1)
    else:
        data = docx_from_parts(
            [
                "<w:sdt><w:sdtContent>" * size * 2,
                para("地区生产总值增长5%"),
                "</w:sdtContent></w:sdt>" * size * 2,
            ]
        )
    run_input("zip bombs and huge DOCX", tmp_path, "bomb.docx", data)


def _many_entries(n: int) -> bytes:
    import zipfile

    base = docx_from_parts([para("地区生产总值增长5%。")])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            z.writestr(info.filename, src.read(info.filename))
        for i in range(n):
            z.writestr(f"word/media/x{i}.bin", b"")
    return out.getvalue()


def test_zip_bombs_and_huge_docx(tmp_path: Path) -> None:
    run_class(
        "zip bombs and huge DOCX", 20, lambda: settings(_SETTINGS, max_examples=20)(_zip_bombs)(tmp_path)
    )


@given(
    n=st.sampled_from([1, 10, 1_000, 5_000, 100_000, 201_000]),
    fmt=st.sampled_from(["docx", "html", "txt"]),
)
def _many_paragraphs(tmp_path: Path, n: int, fmt: str) -> None:
    # a few thousand paragraphs of claims; beyond that, paragraphs that claim nothing (a real
    # document of 150,000 claims is minutes of honest work, which is what --timeout is for)
    def line(i: int) -> str:
        return f"第{i}段增长{i % 97}%。" if n <= 5_000 else f"第{i}段"

    if fmt == "docx":
        data = docx_from_parts(para(line(i)) for i in range(n))
    elif fmt == "html":
        data = ("<html><body>" + "".join(f"<p>{line(i)}" for i in range(n))).encode()
    else:
        data = "".join(f"{line(i)}\n" for i in range(n)).encode()
    run_input("many paragraphs", tmp_path, f"many.{fmt}", data)


def test_many_paragraphs(tmp_path: Path) -> None:
    run_class("many paragraphs", 12, lambda: settings(_SETTINGS, max_examples=12)(_many_paragraphs)(tmp_path))


@given(
    number=st.decimals(0, 10**6, places=2, allow_nan=False, allow_infinity=False),
    marks=st.lists(st.tuples(st.integers(0, 20), st.sampled_from(_INVISIBLES)), min_size=1, max_size=4),
    unit=st.sampled_from(["%", "亿元", "万人", "个百分点"]),
)
def _format_characters(tmp_path: Path, number: Any, marks: list[tuple[int, str]], unit: str) -> None:
    written = str(number)
    for at, mark in sorted(marks, reverse=True):
        at = min(at, len(written))
        written = written[:at] + mark + written[at:]
    text = f"{_HEAD}地区生产总值{written}{unit}左右。\n"
    for name, data in _encodings(text):
        run_input("format characters in numbers", tmp_path, name, data)
    doc = read_text_checked(text)
    values = [s.value for s in extract(doc) if s.indicator == "地区生产总值"]
    assert values == [float(number)], (written, values)


def read_text_checked(text: str) -> Any:
    from mubiao.pipeline import read_text

    return read_text(text)


def test_format_characters_in_numbers(tmp_path: Path) -> None:
    run_class(
        "format characters in numbers",
        150,
        lambda: settings(_SETTINGS, max_examples=30)(_format_characters)(tmp_path),
    )


@given(
    digits=st.integers(1, 5_000),
    fraction=st.integers(0, 400),
    unit=st.sampled_from(["%", "亿元", "人", "万"]),
)
def _giant_digits(tmp_path: Path, digits: int, fraction: int, unit: str) -> None:
    number = "9" * digits + ("." + "5" * fraction if fraction else "")
    text = f"{_HEAD}地区生产总值{number}{unit}，城镇新增就业1.2万人。\n"
    run_input("giant digit runs", tmp_path, "digits.txt", text.encode())


def test_giant_digit_runs(tmp_path: Path) -> None:
    run_class("giant digit runs", 30, lambda: settings(_SETTINGS, max_examples=30)(_giant_digits)(tmp_path))


@given(
    pieces=st.one_of(
        st.lists(report_pieces, min_size=1, max_size=60),
        st.sampled_from(["5%", "(增长5%", "增长5%", "5亿元", "地区生产总值增长5%"]).map(lambda p: [p]),
    ),
    repeat=st.integers(1, 3_000),
)
def _long_lines(tmp_path: Path, pieces: list[str], repeat: int) -> None:
    line = re.sub(r"[。；，、;,\s]", "", "".join(pieces))[:200] * repeat
    run_input("long unpunctuated lines", tmp_path, "line.txt", f"{_HEAD}地区生产总值{line}\n".encode())


def test_long_unpunctuated_lines(tmp_path: Path) -> None:
    run_class(
        "long unpunctuated lines", 30, lambda: settings(_SETTINGS, max_examples=30)(_long_lines)(tmp_path)
    )


@given(
    unit=st.sampled_from(["1,000", ",", "1,", ",000", "12,34", "1,000.5,"]),
    repeat=st.integers(1, 30_000),
    tail=st.sampled_from(["亿元", "%", "万人", ""]),
)
def _comma_runs(tmp_path: Path, unit: str, repeat: int, tail: str) -> None:
    text = f"{_HEAD}地区生产总值{unit * repeat}{tail}。\n"
    run_input("comma runs", tmp_path, "commas.txt", text.encode())


def test_comma_runs(tmp_path: Path) -> None:
    run_class("comma runs", 30, lambda: settings(_SETTINGS, max_examples=30)(_comma_runs)(tmp_path))


@given(
    pieces=st.lists(report_pieces, min_size=1, max_size=80),
    codec=st.sampled_from(["gb18030", "big5", "utf-16", "utf-16-le", "utf-8", "shift_jis", "latin-1"]),
    damage=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8),
    cut=st.integers(0, 3),
)
def _bad_encodings(
    tmp_path: Path, pieces: list[str], codec: str, damage: list[tuple[int, int]], cut: int
) -> None:
    data = bytearray((_HEAD + "".join(pieces)).encode(codec, errors="replace"))
    for at, byte in damage:
        if data:
            data[at % len(data)] = byte
    raw = bytes(data[: len(data) - cut] if cut < len(data) else data)
    run_input("bad encodings", tmp_path, "bad.txt", raw or b"x")
    page = b'<html><head><meta charset="' + codecs.lookup(codec).name.encode() + b'"></head><body><p>' + raw
    run_input("bad encodings", tmp_path, "bad.html", page)


def test_bad_encodings(tmp_path: Path) -> None:
    run_class("bad encodings", 200, lambda: settings(_SETTINGS, max_examples=100)(_bad_encodings)(tmp_path))


@given(
    data=st.binary(min_size=1, max_size=4096),
    prefix=st.sampled_from(
        [b"", b"PK\x03\x04", b"%PDF-1.4\n", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe"]
    ),
    suffix=st.sampled_from([".txt", ".html", ".docx", ".pdf", ""]),
)
def _random_bytes(tmp_path: Path, data: bytes, prefix: bytes, suffix: str) -> None:
    run_input("random bytes", tmp_path, f"random{suffix}", prefix + data)


def test_random_bytes(tmp_path: Path) -> None:
    run_class("random bytes", 300, lambda: settings(_SETTINGS, max_examples=300)(_random_bytes)(tmp_path))


@given(
    pieces=st.lists(st.lists(report_pieces, min_size=1, max_size=12), min_size=1, max_size=12),
    hostile=st.sampled_from(["", "\u200b", "9" * 400, "(增长5%" * 30]),
)
def _pdfs(tmp_path: Path, pieces: list[list[str]], hostile: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("STSong-Light", 10)
    lines = [_HEAD.strip(), *("".join(p).replace("\n", "") + hostile for p in pieces)]
    for i, line in enumerate(lines):
        c.drawString(40, 800 - 14 * i, line[:200])
    c.showPage()
    c.save()
    run_input("PDFs (reportlab)", tmp_path, "gen.pdf", buf.getvalue())


def test_pdfs(tmp_path: Path) -> None:
    run_class("PDFs (reportlab)", 40, lambda: settings(_SETTINGS, max_examples=40)(_pdfs)(tmp_path))


@given(pieces=st.lists(report_pieces, min_size=1, max_size=120), marks=st.sampled_from(_INVISIBLES))
def _span_invariant(tmp_path: Path, pieces: list[str], marks: str) -> None:
    text = _HEAD + marks.join(pieces[:3]) + "".join(pieces[3:]) + "。\n"
    for name, data in _encodings(text):
        run_input("span invariant, every reader and encoding", tmp_path, name, data)


def test_span_invariant_over_every_reader_and_encoding(tmp_path: Path) -> None:
    run_class(
        "span invariant, every reader and encoding",
        400,
        lambda: settings(_SETTINGS, max_examples=80)(_span_invariant)(tmp_path),
    )


def test_invisible_characters_are_not_in_any_normalised_text() -> None:
    assert INVISIBLE.search(fold("".join(_INVISIBLES))) is not None
    assert DOC_HEAD.startswith("<?xml")
