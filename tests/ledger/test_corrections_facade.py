"""Corrections of extracted statements: applied, audited, carried through re-extraction, listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import update

from mubiao.errors import NotFoundError, UsageError
from mubiao.ledger import Ledger, Store
from mubiao.store import models as m

REPORT = """清河市东湖区2025年政府工作报告
2025年1月8日
二、2025年主要目标
2025年，地区生产总值增长5.5%左右，一般公共预算收入增长4%，新建口袋公园10个。
"""


def _gdp_target(ledger: Ledger) -> int:
    return next(
        r.id for r in ledger.statements(kind="target") if r.indicator == "地区生产总值" and r.value == 550
    )


def test_a_correction_changes_the_statement_and_audits_old_and_new(store: Store, samples: Path) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    sid = _gdp_target(ledger)
    before = ledger.statement(sid)
    c = ledger.correct(sid, {"value": 560, "year": 2026}, who="督查室", reason="原文为560亿元")
    after = ledger.statement(sid)
    assert (after.value, after.year) == (560.0, 2026)
    assert c.state == "applied" and c.statement_id == sid
    assert c.original == {"value": before.value, "year": before.year}
    assert c.changes == {"value": 560.0, "year": 2026}
    audit = {a.field: a for a in ledger.audit() if a.table == "corrections"}
    assert set(audit) == {"value", "year"}
    assert json.loads(audit["value"].old or "null") == before.value
    assert json.loads(audit["value"].new or "null") == 560.0
    assert audit["year"].who == "督查室" and audit["year"].row_id == c.id
    # the ledger reads the corrected statement
    assert any(r.target_id == sid and r.target.get("value") == 560 for r in ledger.rows())


def test_a_second_correction_is_merged_into_the_first(store: Store, samples: Path) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    sid = _gdp_target(ledger)
    ledger.correct(sid, {"value": 560}, who="a", reason="一")
    c = ledger.correct(sid, {"value": 570, "unit": "亿元"}, who="b", reason="二")
    assert len(ledger.corrections()) == 1
    assert c.changes == {"value": 570.0, "unit": "亿元"} and c.original["value"] == 550
    assert (c.who, c.reason) == ("b", "二")


def test_a_region_correction_moves_the_row_between_ledgers(store: Store, samples: Path) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    sid = _gdp_target(ledger)
    region = ledger.statement(sid).region
    assert region is not None
    assert any(r.target_id == sid for r in ledger.rows(region=region))
    ledger.correct(sid, {"region": "天宁区"}, who="a", reason="另一区的目标")
    assert not any(r.target_id == sid for r in ledger.rows(region=region))
    assert any(r.target_id == sid for r in ledger.rows(region="天宁区"))


def test_an_excluded_claim_leaves_the_ledger_and_is_listed(store: Store, samples: Path) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    sid = _gdp_target(ledger)
    c = ledger.correct(sid, {}, who="a", reason="不是目标", exclude=True)
    assert c.excluded and c.statement_id is None
    with pytest.raises(NotFoundError):
        ledger.statement(sid)
    assert not any(r.target_id == sid for r in ledger.rows())
    assert [x.id for x in ledger.corrections()] == [c.id]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"kind": "plan"}, "r"),
        ({"measure": "share"}, "r"),
        ({"colour": "red"}, "r"),
        ({"value": 1}, "  "),
        ({"period": "2025-2021"}, "r"),
        ({"year": "二〇二五"}, "r"),
        ({}, "r"),
    ],
)
def test_a_wrong_correction_is_refused(
    store: Store, samples: Path, changes: dict[str, object], reason: str
) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    with pytest.raises(UsageError):
        ledger.correct(_gdp_target(ledger), changes, who="a", reason=reason)
    assert ledger.audit() == []


def test_a_correction_survives_re_extraction(store: Store, samples: Path) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    sid = _gdp_target(ledger)
    span = ledger.statement(sid).span
    c = ledger.correct(sid, {"value": 560, "period": "2021-2025"}, who="督查室", reason="原文")
    with store.session() as s, s.begin():
        s.execute(update(m.Document).values(extractor_version="0.0.1"))
    ledger.ingest([samples], workers=1)
    (moved,) = [
        r for r in ledger.statements(kind="target") if r.span == span and r.indicator == "地区生产总值"
    ]
    assert moved.id != sid
    assert moved.value == 560 and moved.period == (2021, 2025)
    (again,) = ledger.corrections()
    assert (again.id, again.statement_id, again.state) == (c.id, moved.id, "applied")
    moves = [a for a in ledger.audit() if a.who == "ingest" and a.table == "corrections"]
    assert [(a.field, a.new) for a in moves] == [("statement_id", str(moved.id))]


def test_an_orphaned_correction_is_kept_and_listed(store: Store, samples: Path) -> None:
    ledger = Ledger(store)
    ledger.ingest([samples], workers=1)
    path = samples / "lanxi-2025-work-report.txt"
    target = next(
        r
        for r in ledger.statements(kind="target", doc_id="lanxi-2025-work-report")
        if r.indicator == "城镇登记失业率"
    )
    ledger.correct(target.id, {"value": 4.0}, who="督查室", reason="更正")
    path.write_text(REPORT, encoding="utf-8")  # a new edition: the span now holds something else
    short = len(REPORT)
    assert target.span is not None and target.span[0] >= short  # nothing overlaps the old span
    ledger.ingest([path], workers=1)
    (orphan,) = ledger.corrections(state="orphaned")
    assert orphan.statement_id is None and orphan.changes == {"value": 4.0}
    assert "失业率" in orphan.text
    states = [(a.field, a.new) for a in ledger.audit() if a.who == "ingest" and a.table == "corrections"]
    assert states == [("state", '"orphaned"')]
