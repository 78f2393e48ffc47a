"""One test per hole found in the survey of the readers, the numbers and the output.

Each was written before its fix and failed then: a raw RecursionError on deep HTML tables, a
zip bomb unpacked into gigabytes, minutes spent on a DOCX of millions of paragraphs or on 100,000
nested ``<div>``, format characters that changed a number, numbers that became infinity, output a
thousand times its input.
"""

from __future__ import annotations

import json
import math
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hostile import (
    REPORT_HEAD,
    docx_bomb,
    docx_many_paragraphs,
    docx_nested_tables,
    nested_html,
)

from mubiao.errors import LimitExceededError, ReadError
from mubiao.pipeline import extract, read, read_text
from mubiao.present.cli import main
from mubiao.read import load


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode() if isinstance(data, str) else data)
    return p


def _strict_json(line: str) -> object:
    def refuse(name: str) -> object:
        raise ValueError(f"not JSON: {name}")

    return json.loads(line, parse_constant=refuse)


# --------------------------------------------------------------------------- readers


def test_html_tables_nested_500_deep_are_read_without_recursion(tmp_path: Path) -> None:
    doc = load(_write(tmp_path, "deep.html", nested_html(500, "table")))
    assert "地区生产总值增长5%" in doc.original


def test_100000_nested_divs_are_refused_before_parsing(tmp_path: Path) -> None:
    path = _write(tmp_path, "divs.html", nested_html(100_000))
    started = time.perf_counter()
    with pytest.raises(LimitExceededError, match="nests its elements deeper") as info:
        load(path)
    assert time.perf_counter() - started < 5
    assert info.value.code == "E108" and "divs.html" in str(info.value)


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    data = docx_bomb(100)
    assert len(data) < 2**20
    path = _write(tmp_path, "bomb.docx", data)
    tracemalloc.start()
    try:
        with pytest.raises(LimitExceededError, match="zip bomb"):
            load(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20


def test_a_docx_of_too_many_paragraphs_is_refused_fast(tmp_path: Path) -> None:
    path = _write(tmp_path, "many.docx", docx_many_paragraphs(300_000))
    started = time.perf_counter()
    with pytest.raises(LimitExceededError):
        load(path)
    assert time.perf_counter() - started < 15


def test_docx_tables_nested_too_deep_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        load(_write(tmp_path, "deep.docx", docx_nested_tables(80)))
    assert info.value.code in ("E107", "E108")
    doc = load(_write(tmp_path, "ok.docx", docx_nested_tables(10)))
    assert "地区生产总值增长5%" in doc.original


def test_an_unexpected_reader_failure_is_a_read_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mubiao.read import loader

    def explode(data: bytes, name: str) -> tuple[str, str | None]:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(loader._READERS, "html", explode)
    with pytest.raises(ReadError, match="RecursionError"):
        load(_write(tmp_path, "x.html", "<p>地区生产总值增长5%</p>"))


def test_a_batch_goes_on_past_every_bad_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mubiao.present.commands import extract as extract_command

    good = REPORT_HEAD + "地区生产总值增长5%左右。\n"
    files = [
        _write(tmp_path, "a-divs.html", nested_html(100_000)),
        _write(tmp_path, "b-bomb.docx", docx_bomb(100)),
        _write(tmp_path, "c-bug.txt", good),
        _write(tmp_path, "d-good.txt", good),
    ]
    real = extract_command.extract_statements

    def buggy(doc: object) -> object:
        if getattr(doc, "id", "") == "c-bug":
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc)  # type: ignore[arg-type]

    monkeypatch.setattr(extract_command, "extract_statements", buggy)
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", *map(str, files)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = result.stderr.splitlines()
    assert [line.split(": ")[1].rsplit("/", 1)[-1] for line in errors] == [
        "a-divs.html",
        "b-bomb.docx",
        "c-bug.txt",
    ]
    assert "E108" in errors[0] and "E108" in errors[1] and "RecursionError" in errors[2]
    assert [_strict_json(line)["doc"] for line in result.stdout.splitlines()] == ["d-good"]  # type: ignore[index]


# --------------------------------------------------------------------------- numbers and text


@pytest.mark.parametrize("mark", ["\u200b", "\u200d", "\ufeff", "\u00ad", "\u200e", "\u2060", "\u202c"])
def test_a_format_character_inside_a_number_does_not_change_it(mark: str) -> None:
    original = REPORT_HEAD + f"地区生产总值增长5{mark}.5%左右，城镇新增就业1{mark}2000人。\n"
    doc = read_text(original)
    found = [(s.value, s.unit) for s in extract(doc)]
    assert found == [(5.5, "%"), (12000, "人")]
    for st in extract(doc):
        a, b = st.span
        assert original[a:b] == st.source_text
    assert mark not in doc.text


@pytest.mark.parametrize("digits", [16, 40, 309, 400])
def test_numbers_beyond_float_precision_are_refused_with_a_warning(digits: int) -> None:
    doc = read_text(REPORT_HEAD + f"地区生产总值{'9' * digits}亿元，城镇新增就业1.2万人。\n")
    statements = extract(doc)
    assert [s.indicator for s in statements] == ["城镇新增就业"]
    assert any("significant digits" in w for w in doc.warnings)
    for st in statements:
        _strict_json(json.dumps(st.to_dict(), allow_nan=False))


def test_fifteen_digits_are_still_a_number() -> None:
    doc = read_text(REPORT_HEAD + "地区生产总值123456789012345元。\n")
    assert [s.value for s in extract(doc)] == [123456789012345]
    assert doc.warnings == []


def test_the_cli_never_prints_infinity(tmp_path: Path) -> None:
    f = _write(tmp_path, "inf.txt", REPORT_HEAD + f"地区生产总值{'9' * 320}亿元。\n")
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", str(f)])
    assert "Infinity" not in result.stdout and "NaN" not in result.stdout
    for line in result.stdout.splitlines():
        value = _strict_json(line)["value"]  # type: ignore[index]
        assert value is None or math.isfinite(value)


def test_a_long_sentence_is_windowed_around_its_claim() -> None:
    filler = "坚持稳中求进工作总基调" * 60
    original = REPORT_HEAD + filler + "，地区生产总值增长5%左右，" + filler + "。\n"
    doc = read_text(original)
    [st] = extract(doc)
    d = st.to_dict()
    assert len(d["text"]) <= 300
    assert "地区生产总值增长5%左右" in d["text"]
    a, b = d["sentence_span"]
    assert original[a:b].startswith(filler[:20]) and original[a:b].endswith("。")
    assert a <= d["span"][0] < d["span"][1] <= b


def test_a_short_sentence_keeps_its_whole_text_and_no_sentence_span() -> None:
    [st] = extract(read_text(REPORT_HEAD + "地区生产总值增长5%左右。\n"))
    d = st.to_dict()
    assert d["text"] == "地区生产总值增长5%左右。"
    assert "sentence_span" not in d


def test_a_pathological_line_cannot_amplify_the_output(tmp_path: Path) -> None:
    data = (REPORT_HEAD + "地区生产总值" + "(增长5%" * 20_000 + "\n").encode()
    f = _write(tmp_path, "amp.txt", data)
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", str(f)])
    assert time.perf_counter() - started < 10  # 38 s before mentions were capped per sentence
    assert result.exit_code == 0, result.output
    assert len(result.stdout.encode()) <= 20 * len(data)
    doc = read(f)
    assert len(extract(doc)) <= 200
    assert any("statements" in w for w in doc.warnings)


# --------------------------------------------------------------------------- time limits


def _slow_on(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
    """``real``, except that for the document ``name`` it works forever (an endless extraction)."""

    def slow(doc: Any, *args: Any, **kwargs: Any) -> Any:
        if getattr(doc, "id", None) == name or str(doc).endswith(f"{name}.txt"):
            while True:
                time.sleep(0.01)
        return real(doc, *args, **kwargs)

    return slow


def test_the_cli_timeout_fails_one_document_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mubiao.present.commands import extract as extract_command

    good = REPORT_HEAD + "地区生产总值增长5%左右。\n"
    files = [_write(tmp_path, "a-slow.txt", good), _write(tmp_path, "b-good.txt", good)]
    monkeypatch.setattr(
        extract_command, "extract_statements", _slow_on("a-slow", extract_command.extract_statements)
    )
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["extract", "--timeout", "0.5", "--format", "jsonl", *map(str, files)])
    assert time.perf_counter() - started < 10
    assert result.exit_code == 1
    [error] = result.stderr.splitlines()
    assert "a-slow.txt" in error and "0.5 s" in error and "E201" in error
    assert [_strict_json(line)["doc"] for line in result.stdout.splitlines()] == ["b-good"]  # type: ignore[index]


def test_the_cli_timeout_is_off_by_default_and_harmless(tmp_path: Path) -> None:
    f = _write(tmp_path, "ok.txt", REPORT_HEAD + "地区生产总值增长5%左右。\n")
    for args in ([], ["--timeout", "30"]):
        result = CliRunner().invoke(main, ["extract", *args, "--format", "jsonl", str(f)])
        assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_an_ingest_worker_fails_a_slow_document_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    from mubiao.ledger import ingest as ingest_module

    good = REPORT_HEAD + "地区生产总值增长5%左右。\n"
    paths = [_write(tmp_path, f"{name}.txt", good) for name in ("a-good", "b-slow", "c-good")]
    monkeypatch.setattr(ingest_module, "DOCUMENT_TIME_LIMIT", 0.5)
    monkeypatch.setattr(ingest_module, "_extract", _slow_on("b-slow", ingest_module._extract))
    _fork_workers(monkeypatch)
    jobs = [ingest_module._Job(p, p.stem, p.stem) for p in paths]
    started = time.perf_counter()
    results = {job.doc_id: result for job, result in ingest_module._extract_all(jobs, workers)}
    assert time.perf_counter() - started < 30
    assert results["a-good"]["ok"] and results["c-good"]["ok"]
    assert not results["b-slow"]["ok"]
    assert results["b-slow"]["code"] == "E201" and "0.5 s" in results["b-slow"]["reason"]


def test_a_lone_surrogate_cannot_break_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mubiao.read import loader

    text = REPORT_HEAD + "地区生产总值\ud800增长5%左右。\n"
    doc = read_text(text)
    assert "\ud800" not in doc.original and len(doc.original) == len(text)
    for st in extract(doc):
        json.dumps(st.to_dict(), ensure_ascii=False).encode()
    # a reader (a PDF's broken ToUnicode map) that hands one over
    monkeypatch.setitem(loader._READERS, "txt", lambda data, name: (text, "utf-8"))
    f = _write(tmp_path, "x.txt", "placeholder")
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", str(f)])
    assert result.exit_code == 0 and "\ufffd" in result.stdout


def _fork_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers forked from this process, so they see its monkeypatches (after other tests have
    started threads, ingest would choose forkserver)."""
    import multiprocessing

    from mubiao.ledger import ingest as ingest_module

    monkeypatch.setattr(ingest_module, "_context", lambda: multiprocessing.get_context("fork"))


def _stuck_on(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
    """``real``, except that for ``name`` it blocks where no time limit reaches (SIGALRM blocked)."""

    def stuck(path: str, *args: Any, **kwargs: Any) -> Any:
        if path.endswith(f"{name}.txt"):
            import signal

            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            while True:
                time.sleep(0.05)
        return real(path, *args, **kwargs)

    return stuck


def test_an_ingest_worker_stuck_beyond_the_limit_is_ended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mubiao.ledger import ingest as ingest_module

    good = REPORT_HEAD + "地区生产总值增长5%左右。\n"
    paths = [_write(tmp_path, f"{name}.txt", good) for name in ("a-good", "b-stuck", "c-good", "d-good")]
    monkeypatch.setattr(ingest_module, "DOCUMENT_TIME_LIMIT", 0.5)
    monkeypatch.setattr(ingest_module, "_STALL_GRACE", 1.0)
    monkeypatch.setattr(ingest_module, "_extract", _stuck_on("b-stuck", ingest_module._extract))
    _fork_workers(monkeypatch)
    jobs = [ingest_module._Job(p, p.stem, p.stem) for p in paths]
    started = time.perf_counter()
    results = {job.doc_id: result for job, result in ingest_module._extract_all(jobs, 2)}
    assert time.perf_counter() - started < 30
    assert [k for k, r in sorted(results.items()) if r["ok"]] == ["a-good", "c-good", "d-good"]
    assert results["b-stuck"]["code"] == "E201" and "ended" in results["b-stuck"]["reason"]
