"""A document corrected, read again, deleted; a correction undone, re-attached by hand, dismissed.

Every write leaves audit rows with the old and new values; the old extraction is kept as a version.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mubiao.errors import NotFoundError, UsageError
from mubiao.ledger import Ledger, Store

DOC = "lanxi-2025-work-report"


def _gdp_target(ledger: Ledger) -> int:
    return next(r.id for r in ledger.statements(kind="target", doc_id=DOC) if r.indicator == "地区生产总值")


def _audit(ledger: Ledger, table: str) -> dict[str, tuple[object, object]]:
    return {
        a.field: (json.loads(a.old or "null"), json.loads(a.new or "null"))
        for a in reversed(ledger.audit())
        if a.table == table
    }


def test_correcting_a_documents_region_extracts_it_again_and_keeps_the_corrections(
    store: Store, samples: Path
) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    sid = _gdp_target(ledger)
    span = ledger.statement(sid).span
    c = ledger.correct(sid, {"value": 560}, who="督查室", reason="原文为560亿元")
    before = ledger.document(DOC)
    done = ledger.correct_document(
        DOC, {"region": "天宁区", "year": 2025}, who="督查室", reason="地区识别错误"
    )
    assert done.overrides == {"region": "天宁区", "year": 2025} and done.version == 1
    doc = ledger.document(DOC)
    assert doc.region == "天宁区" and doc.statements == before.statements
    moved = [r for r in ledger.statements(doc_id=DOC) if r.span == span and r.kind == "target"]
    assert moved and moved[0].value == 560 and moved[0].region == "天宁区"
    (again,) = ledger.corrections()
    assert (again.id, again.state, again.statement_id) == (c.id, "applied", moved[0].id)
    assert any(r.target_id == moved[0].id for r in ledger.rows(region="天宁区"))
    audit = _audit(ledger, "documents")
    assert audit["region"] == (before.region, "天宁区")
    assert audit["year"][1] == 2025 and audit["reason"] == (None, "地区识别错误")
    assert audit["version"] == (1, 2)
    # the corrected metadata holds when the document is read again
    ledger.reread_document(DOC, who="督查室", reason="新版本提取程序")
    assert ledger.document(DOC).region == "天宁区"
    versions = ledger.document_versions(DOC)
    assert [(v.version, v.why, v.current) for v in versions] == [
        (1, "metadata", False),
        (2, "reread", False),
        (3, None, True),
    ]
    assert versions[0].meta["region"] == before.region
    assert len(versions[0].statements) == before.statements


def test_a_metadata_correction_is_checked(store: Store, samples: Path) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    for changes, reason in (({"doc_type": "poem"}, "r"), ({"colour": "red"}, "r"), ({"year": 2025}, " "),
                            ({"year": "soon"}, "r"), ({}, "r")):  # fmt: skip
        with pytest.raises(UsageError):
            ledger.correct_document(DOC, changes, who="a", reason=reason)
    with pytest.raises(NotFoundError):
        ledger.correct_document("no-such-document", {"year": 2025}, who="a", reason="r")
    assert ledger.audit() == []


def test_reading_again_keeps_the_old_version_and_its_statements(store: Store, samples: Path) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    old_ids = {r.id for r in ledger.statements(doc_id=DOC)}
    done = ledger.reread_document(DOC, who="管理员", reason="提取程序升级")
    assert done.before == done.after == len(old_ids)
    new_ids = {r.id for r in ledger.statements(doc_id=DOC)}
    assert new_ids and not new_ids & old_ids
    first, current = ledger.document_versions(DOC)
    assert {s["id"] for s in first.statements} == old_ids
    assert (first.why, first.who, current.current) == ("reread", "管理员", True)
    assert _audit(ledger, "documents")["statements"] == (len(old_ids), len(old_ids))


def test_a_new_edition_keeps_the_old_version(store: Store, samples: Path) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    n = len(ledger.statements(doc_id=DOC))
    path = samples / f"{DOC}.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    assert ledger.ingest([path], workers=1).updated == 1
    first, _current = ledger.document_versions(DOC)
    assert first.why == "edition" and len(first.statements) == n


def test_deleting_a_document_orphans_its_corrections_and_keeps_its_version(
    store: Store, samples: Path
) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    sid = _gdp_target(ledger)
    n = len(ledger.statements(doc_id=DOC))
    ledger.set_override(sid, "missed", "已知未完成", who="督查室")
    ledger.correct(sid, {"value": 560}, who="督查室", reason="更正")
    gone = ledger.delete_document(DOC, who="管理员", reason="重复上传")
    assert (gone.statements, len(gone.orphaned)) == (n, 1)
    with pytest.raises(NotFoundError):
        ledger.document(DOC)
    assert ledger.statements(doc_id=DOC) == [] and ledger.overrides() == {}
    (orphan,) = ledger.corrections(state="orphaned")
    assert orphan.doc_id == DOC and orphan.changes == {"value": 560.0} and orphan.statement_id is None
    (kept,) = ledger.document_versions(DOC)
    assert kept.why == "deleted" and len(kept.statements) == n and not kept.current
    entries = [a for a in ledger.audit() if a.table == "documents" and a.field == "*"]
    assert len(entries) == 1 and json.loads(entries[0].old or "{}")["doc_id"] == DOC
    assert entries[0].new is None and entries[0].who == "管理员"
    assert any(
        a.table == "corrections" and a.field == "state" and a.new == '"orphaned"' for a in ledger.audit()
    )
    assert any(a.table == "status_overrides" and a.old and a.new is None for a in ledger.audit())
    with pytest.raises(UsageError):
        ledger.delete_document("lanxi-fyp14", who="a", reason="")


def test_undoing_a_correction_restores_the_statement_audited(store: Store, samples: Path) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    sid = _gdp_target(ledger)
    value = ledger.statement(sid).value
    c = ledger.correct(sid, {"value": 560}, who="a", reason="更正")
    undone = ledger.undo_correction(c.id, who="b", reason="改错了")
    assert undone.state == "undone" and ledger.statement(sid).value == value
    audit = _audit(ledger, "corrections")
    assert audit["value"] == (560.0, value) and audit["state"] == ("applied", "undone")
    with pytest.raises(UsageError):
        ledger.undo_correction(c.id, who="b", reason="again")
    # undone, it no longer follows the claim, and a new correction of the statement is a new one
    ledger.reread_document(DOC, who="b", reason="r")
    assert ledger.statement(_gdp_target(ledger)).value == value
    assert ledger.correct(_gdp_target(ledger), {"value": 1}, who="a", reason="r").id != c.id


def test_undoing_an_exclusion_puts_the_claim_back(store: Store, samples: Path) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    sid = _gdp_target(ledger)
    before = ledger.statement(sid)
    c = ledger.correct(sid, {}, who="a", reason="误识别", exclude=True)
    assert all(r.id != sid for r in ledger.statements(doc_id=DOC))
    undone = ledger.undo_correction(c.id, who="a", reason="不是误识别")
    back = ledger.statement(undone.statement_id or 0)
    assert (back.text, back.span, back.value, back.kind) == (
        before.text,
        before.span,
        before.value,
        before.kind,
    )
    assert _audit(ledger, "corrections")["excluded"] == (True, False)


def test_an_orphan_is_reattached_to_a_chosen_statement_or_dismissed(store: Store, samples: Path) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    sid = _gdp_target(ledger)
    a = ledger.correct(sid, {"value": 560}, who="a", reason="更正")
    ledger.delete_document(DOC, who="a", reason="删错了")
    ledger.ingest([samples / f"{DOC}.txt"], workers=1)  # the same file stored again: a new document
    with pytest.raises(NotFoundError):
        ledger.reattach_correction(a.id, 10**9, who="b")
    target = _gdp_target(ledger)
    done = ledger.reattach_correction(a.id, target, who="b")
    assert (done.state, done.statement_id) == ("applied", target) and ledger.statement(target).value == 560
    assert _audit(ledger, "corrections")["statement_id"] == (None, target)
    with pytest.raises(UsageError):
        ledger.reattach_correction(a.id, target, who="b")  # applied already
    # another orphan, set aside
    other = next(r for r in ledger.statements(doc_id=DOC, kind="target") if r.id != target)
    b = ledger.correct(other.id, {"value": 1}, who="a", reason="r")
    ledger.delete_document(DOC, who="a", reason="r")
    orphans = ledger.corrections(state="orphaned")
    assert {c.id for c in orphans} == {a.id, b.id}
    dismissed = ledger.dismiss_correction(b.id, who="b", reason="文件已作废")
    assert dismissed.state == "dismissed" and [c.id for c in ledger.corrections(state="orphaned")] == [a.id]
    assert _audit(ledger, "corrections")["dismiss_reason"] == (None, "文件已作废")
    with pytest.raises(NotFoundError):
        ledger.dismiss_correction(10**9, who="b", reason="r")


def test_a_new_edition_of_a_corrected_document_is_read_with_the_corrected_metadata(
    store: Store, samples: Path
) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    ledger.correct_document(DOC, {"region": "天宁区"}, who="督查室", reason="地区识别错误")
    path = samples / f"{DOC}.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    assert ledger.ingest([path], workers=1).updated == 1
    doc = ledger.document(DOC)
    assert doc.region == "天宁区" and doc.corrected == {"region": "天宁区"}
    assert {r.region for r in ledger.statements(doc_id=DOC) if r.region} == {"天宁区"}
    assert [v.why for v in ledger.document_versions(DOC)] == ["metadata", "edition", "metadata", None]
