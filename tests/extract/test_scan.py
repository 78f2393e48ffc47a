"""The scanner's engines: hyperscan and the pure-Python fallback find the same events."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mubiao.extract import scan
from mubiao.extract.numbers import _WORD_OPENERS, WORD_OPENINGS

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"

hyperscan = pytest.importorskip("hyperscan", reason="the fast extra (hyperscan) is not installed")

# Texts made to trip an engine that reads bytes: literals that overlap (同向好: 同向 and 向好), one
# that is the start of another (将 and 将要), characters whose UTF-32 bytes hold zeros (刀 is
# U+5200) or a stop's bytes at an odd offset (U+3002 is 。; U+02300 and U+30020 are not), characters
# beyond the BMP, a lone surrogate, NUL, and stops in every company.
HOSTILE = [
    "",
    "同向好",
    "将要力争将要将",
    "刀力争刀。刀",
    "\u3002\U00023002\u3002\U00030020，",
    "𠀀力争𠀀；𠀀争取资金",
    "a\ud800力争\udfff。",
    "\x00力争\x00\x00。\x00",
    "主要预期目标是：主要目标为主要目标建议是预期目标为",
    '较上年较“较"比同期比期末比' + "，" * 20 + "增长",
    "计划完成计划计划5计划。拟将要要将",
    "。。；；！？!?，,：:" * 50,
    "稳" * 100 + "只增不减只增只增不减",
    # quantities written as words, whose openings the engine finds as literals
    "翻了一番，翻番，翻一倍；翻了",
    "三成四成五成。二成以上，九成",
    "万亿元万亿美元亿元亿美元千亿元，超万亿元万亿",
    "拥堵指数从1.38降至1.31，满意度为95，之比从3∶1提高到2.5∶1，达8以上，到2030",
    "满意度为١٢提高，指数从٣降至1.2",
]


def _same(text: str) -> None:
    assert scan.scan(text, "python") == scan.scan(text, "hyperscan")


@pytest.mark.parametrize("text", HOSTILE)
def test_engines_agree_on_hostile_text(text: str) -> None:
    _same(text)


def test_engines_agree_on_the_samples() -> None:
    files = sorted(SAMPLES.glob("*.txt"))
    assert files
    for f in files:
        _same(f.read_text(encoding="utf-8"))


@pytest.mark.seeds
@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed corpus is not beside this checkout")
def test_engines_agree_on_the_seeds() -> None:
    for f in sorted(SEEDS.rglob("*.txt")):
        _same(f.read_text(encoding="utf-8", errors="surrogateescape"))


# every character any literal of the scan is made of, the bytes of which can line up wrongly
_ALPHABET = sorted(
    {
        c
        for p in (scan.CUE_WORDS, scan.AIM_HINT, scan.TARGET_LIST)
        for lit in scan.literal_openings(p.pattern)
        for c in lit
    }
    | {c for lit in WORD_OPENINGS for c in lit}
    | set("指数满意度∶.提降以上")
    | set('。！？!?；;，,：:5“"刀\u5200\x00𠀀')
)


@settings(max_examples=300, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join))
def test_engines_agree_on_generated_text(text: str) -> None:
    _same(text)


@settings(max_examples=300, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(sorted({c for lit in WORD_OPENINGS for c in lit} | set("1a成元"))), max_size=40)
)
def test_the_word_openings_are_where_the_opener_pattern_matches(chars: list[str]) -> None:
    # in a text of ASCII digits, the literals start exactly where the pattern they stand for matches
    text = "".join(chars)
    found = sorted({i for lit in WORD_OPENINGS for i in range(len(text)) if text.startswith(lit, i)})
    assert found == [m.start() for m in _WORD_OPENERS.finditer(text)]


@pytest.mark.parametrize(
    ("pattern", "openings"),
    [
        ("力争|确保", ["力争", "确保"]),
        ("争取(?![^，]{0,6}资金)|计划(?=[完\\d])", ["争取", "计划"]),
        ("主要(?:预期)?目标|预期目标(?:是|为)", ["主要", "预期目标"]),
        ("较[^,，]{0,10}?(?:期末)|较“", ["较", "较“"]),
        ("增长?|ab*c", ["增", "a"]),
    ],
)
def test_literal_openings(pattern: str, openings: list[str]) -> None:
    assert scan.literal_openings(pattern) == openings


def test_an_alternative_without_a_literal_opening_is_refused() -> None:
    with pytest.raises(ValueError):
        scan.literal_openings("力争|(?:确保)")


@pytest.mark.parametrize(
    ("chosen", "engine"), [("python", "python"), ("hyperscan", "hyperscan"), ("", "hyperscan")]
)
def test_the_engine_is_chosen_by_the_environment(
    monkeypatch: pytest.MonkeyPatch, chosen: str, engine: str
) -> None:
    monkeypatch.setenv("MUBIAO_SCANNER", chosen)
    assert scan._default_engine() == engine


def test_threads_scan_at_once() -> None:
    # a server extracts two uploads in two threads: hyperscan's scratch space is one thread's at
    # a time (ScratchInUseError otherwise), and each thread's events are still its own text's
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        f"{y}年地区生产总值增长{g}%左右，力争城镇新增就业{g}万人。" * 3000 for y, g in ((2025, 5), (2026, 6))
    ]
    want = [scan.scan(t, "python") for t in texts]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda i: scan.scan(texts[i % 2], "hyperscan"), range(64)))
    assert all(g == want[i % 2] for i, g in enumerate(got))


# -- runs of digits too long for a float ----------------------------------------------------------------

_RUN_ALPHABET = "0123456789,.١٢३४５ 年、一㐀\U0001d7ce\ud800"


def _never_misses_a_long_run(text: str) -> None:
    if scan.may_hold_long_run(text, "python"):
        assert scan.may_hold_long_run(text, "hyperscan"), text


@pytest.mark.parametrize(
    "text",
    ["1" * 16, "1,2,3,4,5,6,7,8,9", "中文1234567890.12345中", "\ud800" + "1" * 20, "١" * 16, "𝟎" * 16],
)
def test_the_engine_finds_every_long_run(text: str) -> None:
    assert scan.may_hold_long_run(text, "python")
    _never_misses_a_long_run(text)


def test_every_digit_of_another_script_leaves_the_text_to_the_pattern() -> None:
    # the engine's class of other digits is spelt out from Python's Unicode, not hyperscan's own
    # (older) one: each digit alone sends the text to the pattern
    missed = [
        f"U+{c:X}" for c in scan._other_digits() if not scan.may_hold_long_run(f"中{chr(c)}文", "hyperscan")
    ]
    assert missed == []
    assert len(scan._other_digits()) > 600


def test_no_decimal_digit_lies_beyond_the_planes_the_engine_reads() -> None:
    import sys

    beyond = [f"U+{c:X}" for c in range(scan._DIGITS_END, sys.maxunicode + 1) if chr(c).isdecimal()]
    assert beyond == []


def test_a_text_without_a_long_run_is_said_to_hold_none() -> None:
    for text in ("1" * 15, "1,2,3,4,5,6,7,8", "㐀" * 40, "、一" * 40, "地区生产总值增长5%左右"):
        assert not scan.may_hold_long_run(text, "hyperscan"), text


@settings(max_examples=1500, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_RUN_ALPHABET, min_size=14, max_size=40))
def test_the_engine_never_misses_a_long_run(text: str) -> None:
    _never_misses_a_long_run(text)


def test_the_other_digits_are_pythons_decimal_digits() -> None:
    assert scan._other_digits() == [c for c in range(0x80, scan._DIGITS_END) if chr(c).isdecimal()]


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.text(alphabet="0123456789,.%万亿元个人年一二三十百千零两增长约以上至-、。 ", max_size=60))
def test_numbers_of_ascii_digits_are_found_alike_by_either_opener(text: str) -> None:
    from mubiao.extract.numbers import find_mentions

    assert [vars(m) for m in find_mentions(text, ascii_digits=True)] == [vars(m) for m in find_mentions(text)]


def test_a_text_with_digits_of_another_script_is_read_with_all_of_them() -> None:
    text = "地区生产总值增长٥%，粮食产量增长5%"
    assert scan._long_runs().kinds(text) == (True, True)
    assert [m.value for m in scan.scan(text, "hyperscan").mentions] == [
        m.value for m in scan.scan(text, "python").mentions
    ]
    assert len(scan.scan(text, "hyperscan").mentions) == 2


def test_the_long_run_database_is_kept_in_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    monkeypatch.setenv("MUBIAO_CACHE_DIR", str(tmp_path))
    assert scan._LongRuns().kinds("中" + "1" * 20) == (True, False)
    (entry,) = tmp_path.glob("long-runs-*.pickle")
    # an entry that says something else is what the next start answers by: it came from the cache
    other = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    other.compile(expressions=[b"\\x00{40}", b"\\x01{40}"], ids=[0, 1], elements=2)
    entry.write_bytes(pickle.dumps(hyperscan.dumpb(other)))
    assert scan._LongRuns().kinds("中" + "1" * 20) == (False, False)


def test_an_entry_the_engine_cannot_load_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    monkeypatch.setenv("MUBIAO_CACHE_DIR", str(tmp_path))
    scan._LongRuns()
    (entry,) = tmp_path.glob("long-runs-*.pickle")
    entry.write_bytes(pickle.dumps(b"not a database"))  # as one serialised for another processor
    assert scan._LongRuns().kinds("中" + "1" * 20) == (True, False)
    assert scan._LongRuns().kinds("中1文") == (False, False)


def test_the_cue_database_is_kept_in_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    monkeypatch.setenv("MUBIAO_CACHE_DIR", str(tmp_path))
    text = "".join(HOSTILE)
    built = scan._Hyperscan().positions(text)
    (entry,) = tmp_path.glob("cue-words-*.pickle")
    assert scan._Hyperscan().positions(text) == built  # from the entry
    entry.write_bytes(pickle.dumps(b"not a database"))
    assert scan._Hyperscan().positions(text) == built  # built again
    assert any(built)
