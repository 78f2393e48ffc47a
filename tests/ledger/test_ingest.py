"""Ingestion: idempotence, replacement, failures that leave the store as it was, parallel workers."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text, update

from mubiao.errors import StoreError
from mubiao.ledger import Ledger
from mubiao.ledger import ingest as ingest_module
from mubiao.ledger.ingest import EXTRACTOR_VERSION, IngestProgress, expand_paths, extract_file
from mubiao.store import bulk as bulk_module
from mubiao.store import models as m
from mubiao.store import writes as writes_module
from mubiao.store.store import Store

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
REPORT = """清河市东湖区2025年政府工作报告
2025年1月8日
一、2024年工作回顾
2024年，全区地区生产总值增长5.8%，一般公共预算收入达到21.4亿元，新建口袋公园12个。
二、2025年主要目标
2025年，地区生产总值增长5.5%左右，一般公共预算收入增长4%，新建口袋公园10个。
"""


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a document write touches, as plain values, to compare before and after."""
    with store.session() as s:
        docs = [
            (d.id, d.doc_id, d.sha256, d.extractor_version, d.chars, d.original, d.ingested_at)
            for d in s.scalars(select(m.Document).order_by(m.Document.id))
        ]
        statements = [
            (st.id, st.document_id, st.doc_id, st.kind, st.indicator, st.value, st.span_start, st.span_end)
            for st in s.scalars(select(m.Statement).order_by(m.Statement.id))
        ]
    return {"documents": docs, "statements": statements}


def without_ids(store: Store) -> list[tuple[Any, ...]]:
    return sorted(
        (
            r.doc_id,
            r.kind,
            r.indicator,
            r.indicator_id,
            r.measure,
            r.value,
            r.unit,
            r.year,
            r.region,
            r.span,
            r.text,
        )
        for r in store.statements()
    )


def test_ingest_samples(store: Store, samples: Path) -> None:
    summary = Ledger(store).ingest([samples], workers=1)
    assert (summary.new, summary.updated, summary.unchanged, summary.failed) == (3, 0, 0, 0)
    assert summary.statements == len(store.statements()) > 50
    assert summary.chars == sum(d.chars for d in store.documents())
    assert summary.seconds > 0 and summary.documents_per_second > 0 and summary.chars_per_second > 0
    assert {d.extractor_version for d in store.documents()} == {EXTRACTOR_VERSION}


def test_second_run_writes_nothing(store: Store, samples: Path) -> None:
    Ledger(store).ingest([samples], workers=1)
    before = snapshot(store)
    again = Ledger(store).ingest([samples], workers=1)
    assert (again.new, again.updated, again.unchanged, again.failed, again.statements) == (0, 0, 3, 0, 0)
    assert again.chars == 0
    assert snapshot(store) == before


def test_extractor_change_replaces_statements(store: Store, samples: Path) -> None:
    Ledger(store).ingest([samples], workers=1)
    old_ids = {r.id for r in store.statements()}
    old_rows = without_ids(store)
    with store.session() as s, s.begin():
        s.execute(update(m.Document).values(extractor_version="0.0.1"))
    summary = Ledger(store).ingest([samples], workers=1)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 3, 0)
    assert summary.statements == len(old_ids)
    assert {r.id for r in store.statements()}.isdisjoint(old_ids)  # replaced, not added to
    assert without_ids(store) == old_rows
    assert {d.extractor_version for d in store.documents()} == {EXTRACTOR_VERSION}
    assert Ledger(store).ingest([samples], workers=1).unchanged == 3


def test_a_new_edition_replaces_the_document(store: Store, samples: Path) -> None:
    Ledger(store).ingest([samples], workers=1)
    path = samples / "lanxi-2025-work-report.txt"
    old = store.document("lanxi-2025-work-report")
    path.write_text(REPORT, encoding="utf-8")
    summary = Ledger(store).ingest([path], workers=1)
    assert (summary.new, summary.updated) == (0, 1)
    new = store.document("lanxi-2025-work-report")
    assert new.sha256 != old.sha256 and new.original == REPORT and new.region == "东湖区"
    assert {r.region for r in store.statements(doc_id="lanxi-2025-work-report")} == {"东湖区"}
    assert len(store.documents()) == 3


def test_failures_do_not_stop_the_batch(store: Store, samples: Path) -> None:
    (samples / "empty.txt").write_bytes(b"")
    (samples / "broken.pdf").write_bytes(b"%PDF-1.7\n this is not really a PDF")
    (samples / "sheet.docx").write_bytes(b"plain text pretending to be Word")
    summary = Ledger(store).ingest([samples], workers=1)
    assert (summary.new, summary.failed) == (3, 3)
    failed = {Path(f.path).name: f.reason for f in summary.failures}
    assert set(failed) == {"empty.txt", "broken.pdf", "sheet.docx"}
    assert "empty" in failed["empty.txt"]
    assert {d.doc_id for d in store.documents()} == {
        "lanxi-2024-work-report",
        "lanxi-2025-work-report",
        "lanxi-fyp14",
    }


def test_a_failing_document_leaves_its_stored_version(store: Store, samples: Path) -> None:
    Ledger(store).ingest([samples], workers=1)
    before = snapshot(store)
    (samples / "lanxi-fyp14.txt").write_bytes(b"   \n\t  \n")  # now only whitespace: unreadable
    summary = Ledger(store).ingest([samples], workers=1)
    assert (summary.failed, summary.unchanged) == (1, 2)
    assert Path(summary.failures[0].path).name == "lanxi-fyp14.txt"
    assert snapshot(store) == before


def test_a_failing_transaction_rolls_back(
    store: Store, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Ledger(store).ingest([samples], workers=1)
    with store.session() as s, s.begin():
        s.execute(update(m.Document).values(extractor_version="0.0.1"))
    before = snapshot(store)
    real = writes_module._insert_statements
    calls: list[str] = []

    def flaky(session: Any, rows: list[dict[str, Any]]) -> None:
        calls.append(rows[0]["doc_id"])
        if rows[0]["doc_id"] == "lanxi-2024-work-report":
            # the old statements are already deleted in this transaction: all must come back
            session.execute(text("SELECT 1"))
            raise StoreError("disk full (simulated)")
        real(session, rows)

    monkeypatch.setattr(writes_module, "_insert_statements", flaky)
    summary = Ledger(store).ingest([samples], workers=1)
    assert (summary.updated, summary.failed) == (2, 1)
    assert "disk full" in summary.failures[0].reason
    after = snapshot(store)
    doc_before = [d for d in before["documents"] if d[1] == "lanxi-2024-work-report"]
    doc_after = [d for d in after["documents"] if d[1] == "lanxi-2024-work-report"]
    assert doc_after == doc_before  # still the old version, and its old statements
    kept = [st for st in before["statements"] if st[2] == "lanxi-2024-work-report"]
    assert [st for st in after["statements"] if st[2] == "lanxi-2024-work-report"] == kept
    assert len(calls) == 3


def test_an_unexpected_error_while_writing_is_contained(
    store: Store, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(session: Any, rows: list[dict[str, Any]]) -> None:
        raise RuntimeError("a bug")

    def broken_batch(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a bug in the batch")

    monkeypatch.setattr(writes_module, "_insert_statements", broken)
    # the batch fails whole, then each document alone
    monkeypatch.setattr(bulk_module, "_executemany", broken_batch)
    monkeypatch.setattr(bulk_module, "_copy", broken_batch)
    summary = Ledger(store).ingest([samples], workers=1)
    assert summary.failed == 3 and "RuntimeError: a bug" in summary.failures[0].reason
    assert store.documents() == [] and store.statements() == []


def test_parallel_workers_store_the_same(store: Store, samples: Path, store_url: str, tmp_path: Path) -> None:
    paths = [samples] + ([SEEDS] if SEEDS.is_dir() else [])
    parallel = Ledger(store).ingest(paths, workers=2)
    assert parallel.failed == 0
    with Store.open(f"sqlite:///{tmp_path / 'serial.db'}") as serial:
        one = Ledger(serial).ingest(paths, workers=1)
        assert (one.new, one.statements, one.chars) == (parallel.new, parallel.statements, parallel.chars)
        assert without_ids(serial) == without_ids(store)


def test_a_worker_that_dies_fails_only_its_documents(
    store: Store, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (samples / "crash.txt").write_text("2025年地区生产总值增长5%。", encoding="utf-8")
    monkeypatch.setattr(ingest_module, "extract_file", _crash_on_crash_txt)
    # the workers must see the patch: forked, whatever threads earlier tests left running
    # (with one, the module would start them through a fork server, which re-imports it)
    monkeypatch.setattr(ingest_module, "_context", lambda: multiprocessing.get_context("fork"))
    summary = Ledger(store).ingest([samples], workers=2)
    assert [Path(f.path).name for f in summary.failures] == ["crash.txt"]
    assert "died" in summary.failures[0].reason
    assert summary.new == 3


def _crash_on_crash_txt(path: str, doc_id: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    import os

    if path.endswith("crash.txt"):
        os._exit(3)
    return extract_file(path, doc_id)


def test_progress_is_reported(store: Store, samples: Path) -> None:
    events: list[IngestProgress] = []
    (samples / "empty.txt").write_bytes(b"")
    Ledger(store).ingest([samples], workers=1, progress=events.append)
    assert events[0].status == "started" and events[0].total == 4 and events[0].done == 0
    assert [e.done for e in events[1:]] == [1, 2, 3, 4]
    assert sorted(e.status for e in events[1:]) == ["failed", "new", "new", "new"]
    assert sum(e.statements for e in events) == len(store.statements())
    failed = next(e for e in events if e.status == "failed")
    assert failed.path and failed.path.endswith("empty.txt") and failed.reason


def test_copies_and_clashing_names(store: Store, samples: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(samples / "lanxi-fyp14.txt", other / "copy-of-plan.txt")  # same bytes, another name
    (other / "lanxi-2024-work-report.txt").write_text(REPORT, encoding="utf-8")  # same name, other text
    summary = Ledger(store).ingest([samples, other, samples / "lanxi-fyp14.txt"], workers=1)
    # the clashing stem is told apart by the folder, on both sides; the copy is the same file
    assert (summary.new, summary.unchanged, summary.failed) == (4, 1, 0)
    ids = {d.doc_id for d in store.documents()}
    assert {"docs-lanxi-2024-work-report", "other-lanxi-2024-work-report", "lanxi-fyp14"} <= ids
    assert {r.region for r in store.statements(doc_id="other-lanxi-2024-work-report")} == {"东湖区"}


def test_a_clash_with_a_stored_document_of_another_folder(
    store: Store, samples: Path, tmp_path: Path
) -> None:
    Ledger(store).ingest([samples], workers=1)
    other = tmp_path / "other"
    other.mkdir()
    (other / "lanxi-2024-work-report.txt").write_text(REPORT, encoding="utf-8")
    summary = Ledger(store).ingest([other], workers=1)
    assert (summary.new, summary.updated, summary.failed) == (1, 0, 0)
    assert store.document("lanxi-2024-work-report").region == "澜溪区"  # kept, not replaced
    assert store.document("other-lanxi-2024-work-report").region == "东湖区"


def test_the_same_text_in_two_formats_is_one_document(store: Store, tmp_path: Path) -> None:
    from docx import Document as Docx

    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    docx = Docx()
    for line in REPORT.splitlines():
        docx.add_paragraph(line)
    docx.save(str(folder / "report.docx"))
    summary = Ledger(store).ingest([folder], workers=1)
    assert (summary.new, summary.same_text, summary.failed) == (1, 1, 0)
    assert [d.doc_id for d in store.documents()] == ["report"]
    with store.session() as s:
        files = sorted(s.scalars(select(m.DocumentFile.file_name)))
    assert files == ["report.docx", "report.txt"]
    assert sorted(store.document("report").files) == ["report.docx", "report.txt"]
    again = Ledger(store).ingest([folder], workers=1)
    assert (again.new, again.unchanged, again.same_text) == (0, 2, 0)


def test_missing_paths_fail_with_their_name(store: Store, tmp_path: Path) -> None:
    summary = Ledger(store).ingest([tmp_path / "nope.txt"], workers=1)
    assert summary.failed == 1 and summary.failures[0].path.endswith("nope.txt")
    assert "No such file" in summary.failures[0].reason


def test_expand_paths(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x")
    (tmp_path / "a" / "y.html").write_text("y")
    (tmp_path / "a" / "README.md").write_text("about")
    (tmp_path / "a" / "data.csv").write_text("1,2")
    (tmp_path / "a" / ".hidden.txt").write_text("h")
    (tmp_path / "a" / ".git").mkdir()
    (tmp_path / "a" / ".git" / "z.txt").write_text("z")
    (tmp_path / "b.csv").write_text("named, so taken")
    got = expand_paths([tmp_path / "a", tmp_path / "b.csv", tmp_path / "a" / "x.txt"])
    assert [p.name for p in got] == ["x.txt", "y.html", "b.csv"]


def test_the_worker_returns_plain_dicts(samples: Path, tmp_path: Path) -> None:
    ok = extract_file(str(samples / "lanxi-fyp14.txt"), "plan")
    assert ok["ok"] and ok["document"]["doc_id"] == "plan" and ok["statements"]
    assert all(
        isinstance(v, (str, int, float, bool, type(None))) for r in ok["statements"] for v in r.values()
    )
    (tmp_path / "e.txt").write_bytes(b"")
    bad = extract_file(str(tmp_path / "e.txt"), "e")
    assert bad["ok"] is False and "empty" in bad["reason"]


@pytest.mark.seeds
@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed corpus is not beside this checkout")
def test_seed_corpus(store: Store) -> None:
    summary = Ledger(store).ingest([SEEDS])
    assert summary.failed == 0 and summary.new == len(list(SEEDS.glob("*.txt")))
    assert summary.statements == len(store.statements()) > 0
    assert Ledger(store).ingest([SEEDS]).unchanged == summary.new


def test_status_overrides_follow_their_targets_through_re_extraction(store: Store, samples: Path) -> None:
    from mubiao.store.overrides import get_overrides, set_override

    Ledger(store).ingest([samples], workers=1)
    target = next(
        r for r in store.statements(kind="target") if r.indicator == "地区生产总值" and r.value == 550
    )
    set_override(store, target.id, "on_track", "区统计局快报：2025年预计完成", who="督查室")
    with store.session() as s, s.begin():
        s.execute(update(m.Document).values(extractor_version="0.0.1"))
    Ledger(store).ingest([samples], workers=1)
    (moved,) = [r for r in store.statements(kind="target") if r.span == target.span and r.value == 550]
    assert moved.id != target.id
    overrides = get_overrides(store)
    assert set(overrides) == {moved.id}
    assert (overrides[moved.id].status, overrides[moved.id].reason) == (
        "on_track",
        "区统计局快报：2025年预计完成",
    )
    moves = [a for a in store.audit() if a.who == "ingest"]
    assert [(a.field, a.old, a.new) for a in moves] == [("target_id", str(target.id), str(moved.id))]


def test_an_override_whose_target_is_gone_is_kept_in_the_audit(store: Store, samples: Path) -> None:
    from mubiao.store.overrides import get_overrides, set_override

    Ledger(store).ingest([samples], workers=1)
    path = samples / "lanxi-2025-work-report.txt"
    target = next(
        r
        for r in store.statements(kind="target", doc_id="lanxi-2025-work-report")
        if r.indicator == "城镇登记失业率"
    )
    set_override(store, target.id, "missed", "撤销的目标", who="督查室")
    path.write_text(REPORT, encoding="utf-8")  # a new edition that no longer says it
    Ledger(store).ingest([path], workers=1)
    assert get_overrides(store) == {}
    (dropped,) = [a for a in store.audit() if a.who == "ingest"]
    assert dropped.field == "*" and dropped.new is None and "撤销的目标" in (dropped.old or "")


def test_a_renamed_unit_is_one_ledger(tmp_path: Path, store: Store) -> None:
    # 洪泽县 became 洪泽区 (撤县设区, 2016): its plan of 2016 and its report of 2026 meet in one ledger
    folder = tmp_path / "hongze"
    folder.mkdir()
    (folder / "plan.txt").write_text(
        "洪泽县国民经济和社会发展第十三个五年规划纲要\n第一章 发展目标\n到2020年，地区生产总值达到400亿元。\n",
        encoding="utf-8",
    )
    (folder / "report.txt").write_text(
        "政府工作报告\n——2021年1月10日在洪泽区第二届人民代表大会第五次会议上\n"
        "一、2020年工作回顾\n全区地区生产总值达到380亿元。\n",
        encoding="utf-8",
    )
    from mubiao.ledger import Ledger

    ledger = Ledger(store)
    summary = ledger.ingest([folder], workers=1)
    assert summary.failed == 0
    regions = {d.region for d in store.documents()}
    assert regions == {"洪泽县", "洪泽区"}  # each document keeps the name it was delivered under
    assert {r.region for r in store.statements()} == {"洪泽区"}
    assert ledger.resolve_region("洪泽县") == "洪泽区"
    rows = ledger.rows(region="洪泽县")
    assert rows and rows == ledger.rows(region="洪泽区")


def test_a_figure_of_part_of_a_year_is_stored_with_its_period(store: Store, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(
        "某市政府工作报告\n——2026年1月20日在某市第五届人民代表大会第四次会议上\n一、2025年工作回顾\n"
        "一季度地区生产总值增长6.5%。全年地区生产总值增长5.4%。\n",
        encoding="utf-8",
    )
    Ledger(store).ingest([report], workers=1)
    found = {(r.indicator, r.value, r.sub_period) for r in store.statements()}
    assert ("地区生产总值", 6.5, "2025-Q1") in found
    assert ("地区生产总值", 5.4, None) in found
