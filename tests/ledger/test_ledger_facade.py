"""The Ledger facade: rows of the store's statements, filtered, kept until the store changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mubiao.errors import NotFoundError, UsageError
from mubiao.ledger.evaluate import evaluate
from mubiao.ledger.ledger import Ledger, LedgerQuery
from mubiao.store.overrides import get_overrides, remove_override, set_override
from mubiao.store.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def lanxi(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "l.db")
    Ledger(store).ingest(sorted(SAMPLES.glob("*.txt")), workers=1)
    return store


def test_rows_are_the_evaluation_of_the_store(lanxi: Store) -> None:
    ledger = Ledger(lanxi)
    assert [r.to_dict() for r in ledger.rows()] == [r.to_dict() for r in evaluate(lanxi.statements())]
    assert ledger.rows(region="澜溪区") == ledger.rows()
    assert ledger.rows(region="天宁区") == []


def test_filters(lanxi: Store) -> None:
    ledger = Ledger(lanxi)
    assert {r.indicator_id for r in ledger.rows(indicator_id="gdp")} == {"gdp"}
    assert {r.status for r in ledger.rows(status="achieved,missed")} <= {"achieved", "missed"}
    assert all(r.period in ("2023", "2021-2025") for r in ledger.rows(year=2023))
    with pytest.raises(UsageError):
        ledger.rows(status="fine")


def test_rows_are_kept_until_the_store_changes(lanxi: Store, tmp_path: Path) -> None:
    ledger = Ledger(lanxi)
    first = ledger.rows()
    assert ledger.rows()[0] is first[0]  # kept
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "lanxi-2026.txt").write_text(
        "清河市澜溪区2026年政府工作报告\n2026年主要预期目标：地区生产总值增长5.5%左右。", encoding="utf-8"
    )
    Ledger(lanxi).ingest([tmp_path / "more"], workers=1)
    assert len(ledger.rows()) > len(first)


def test_overrides_show_and_go(lanxi: Store) -> None:
    ledger = Ledger(lanxi)
    row = ledger.rows(indicator_id="gdp")[0]
    assert row.target_id is not None
    new = "missed" if row.status != "missed" else "achieved"
    set_override(lanxi, row.target_id, new, "  统计局更正  ", who="tester")
    shown = ledger.row(row.target_id)
    assert shown is not None and shown.status == new and shown.details["computed_status"] == row.status
    assert get_overrides(lanxi)[row.target_id].reason == "统计局更正"
    remove_override(lanxi, row.target_id, who="tester")
    again = ledger.row(row.target_id)
    assert again is not None and again.status == row.status
    assert [a.table for a in lanxi.audit()] == ["status_overrides", "status_overrides"]


def test_an_override_needs_a_target_a_status_and_a_reason(lanxi: Store) -> None:
    actual = next(r for r in lanxi.statements() if r.kind == "actual")
    target = next(r for r in lanxi.statements() if r.kind == "target")
    with pytest.raises(UsageError, match="not a target"):
        set_override(lanxi, actual.id, "missed", "x", who="t")
    with pytest.raises(UsageError, match="reason"):
        set_override(lanxi, target.id, "missed", " ", who="t")
    with pytest.raises(UsageError, match="status"):
        set_override(lanxi, target.id, "fine", "x", who="t")
    with pytest.raises(NotFoundError):
        set_override(lanxi, 10**9, "missed", "x", who="t")
    with pytest.raises(NotFoundError):
        remove_override(lanxi, target.id, who="t")
    assert lanxi.audit() == []


def test_an_override_goes_with_its_target(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    path = tmp_path / "docs" / "lanxi-2025-work-report.txt"
    path.write_text((SAMPLES / path.name).read_text(encoding="utf-8"), encoding="utf-8")
    lanxi = Store.open(tmp_path / "o.db")
    Ledger(lanxi).ingest([path], workers=1)
    target = next(r for r in lanxi.statements(doc_id="lanxi-2025-work-report") if r.kind == "target")
    set_override(lanxi, target.id, "missed", "x", who="t")
    # a new edition of the document (the same file, edited) replaces its statements; the override
    # moves to the new statement that says the same thing, and the ledger shows it there
    path.write_text(path.read_text(encoding="utf-8") + "\n附：本报告数据为初步统计。\n", encoding="utf-8")
    assert Ledger(lanxi).ingest([path], workers=1).updated == 1
    (moved,) = get_overrides(lanxi).values()
    assert moved.status == "missed"
    new_target = lanxi.statement(moved.target_id)
    assert (new_target.indicator, new_target.value, new_target.span) == (
        target.indicator,
        target.value,
        target.span,
    )


def _manual(tmp_path: Path, region: str, value: float) -> Path:
    f = tmp_path / f"m-{region}-{value}.csv"
    f.write_text(f"region,indicator_id,year,value,unit\n{region},gdp,2025,{value},亿元\n", encoding="utf-8")
    return f


def test_only_the_changed_region_is_evaluated_again(lanxi: Store, tmp_path: Path) -> None:
    ledger = Ledger(lanxi)
    Ledger(lanxi).import_actuals(_manual(tmp_path, "天宁区", 900), user="t")
    ledger.rows()
    kept = ledger.rows(region="澜溪区")
    Ledger(lanxi).import_actuals(_manual(tmp_path, "天宁区", 901), user="t")  # changes 天宁区 only
    assert ledger.rows(region="澜溪区")[0] is kept[0]
    Ledger(lanxi).import_actuals(_manual(tmp_path, "澜溪区", 560), user="t")
    again = ledger.rows(region="澜溪区")
    assert again[0] is not kept[0]
    plan = next(
        r
        for r in again
        if r.indicator_id == "gdp" and r.period == "2021-2025" and r.target["measure"] == "level"
    )
    assert plan.actual is not None and plan.actual["value"] == 560
    assert [r.to_dict() for r in ledger.rows()] == [r.to_dict() for r in evaluate(lanxi.statements())]


def test_an_override_evaluates_nothing_again(lanxi: Store) -> None:
    ledger = Ledger(lanxi)
    kept = ledger.rows()
    target = kept[0].target_id
    assert target is not None
    set_override(lanxi, target, "missed", "x", who="t")
    rows = ledger.rows()
    assert rows[1] is kept[1] and rows[0].status == "missed"


def test_regions_by_name_short_form_and_chain(lanxi: Store) -> None:
    ledger = Ledger(lanxi)
    everything = ledger.rows(region="澜溪区")
    assert everything and ledger.rows(region="澜溪") == everything
    assert ledger.resolve_region("常州市天宁区") == "天宁区"
    assert ledger.resolve_region("天宁") == "天宁区"


@pytest.mark.parametrize(
    ("name", "hint"), [("天凝区", "天宁区"), ("澜西区", "澜溪区")], ids=["reference", "stored"]
)
def test_an_unknown_region_is_refused_with_a_suggestion(lanxi: Store, name: str, hint: str) -> None:
    with pytest.raises(UsageError, match=f"did you mean.*{hint}"):
        Ledger(lanxi).rows(region=name)


def test_a_region_by_code(lanxi: Store) -> None:
    assert Ledger(lanxi).resolve_region("320402") == "天宁区"


def test_indicators_by_id_and_phrase(lanxi: Store) -> None:
    ledger = Ledger(lanxi)
    gdp = ledger.rows(indicator="gdp")
    assert gdp and ledger.rows(indicator="地区生产总值") == gdp == ledger.rows(indicator_id="gdp")
    with pytest.raises(UsageError, match=r"did you mean.*地区生产总值"):
        ledger.rows(indicator="地区生产总直")


def test_category_level_and_the_status_counts(lanxi: Store) -> None:
    ledger = Ledger(lanxi)
    rows = ledger.rows()
    assert ledger.rows(category="经济") == [r for r in rows if r.category == "经济"]
    assert ledger.rows(level="province") == []
    counts = ledger.status_counts(LedgerQuery.of(status="missed"))
    assert sum(counts.values()) == len(rows)
    with pytest.raises(UsageError):
        ledger.rows(category="文化")


def test_a_document_stored_out_of_order_stales_only_its_region(lanxi: Store, tmp_path: Path) -> None:
    # two uploads at once: the one stamped first may commit last, after the ledger has read the
    # other's stamp; the ledger must still find it, and evaluate again its region only
    from datetime import timedelta

    from sqlalchemy import select, update

    from mubiao.store import models as m

    ledger = Ledger(lanxi)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "tianning-2026.txt").write_text(
        "常州市天宁区2026年政府工作报告\n2026年主要预期目标：地区生产总值增长5.5%左右。", encoding="utf-8"
    )
    (tmp_path / "b" / "zhonglou-2026.txt").write_text(
        "常州市钟楼区2026年政府工作报告\n2026年主要预期目标：地区生产总值增长6%左右。", encoding="utf-8"
    )
    Ledger(lanxi).ingest([tmp_path / "a"], workers=1)
    kept = ledger.rows(region="澜溪区")
    assert ledger.rows(region="天宁区")
    Ledger(lanxi).ingest([tmp_path / "b"], workers=1)
    with lanxi.engine.begin() as conn:  # 钟楼区's document was stamped before 天宁区's
        D = m.Document
        first = conn.execute(select(D.ingested_at).where(D.doc_id == "tianning-2026")).scalar_one()
        conn.execute(
            update(m.Document)
            .where(m.Document.doc_id == "zhonglou-2026")
            .values(ingested_at=first - timedelta(seconds=1))
        )
    assert ledger.rows(region="澜溪区")[0] is kept[0]  # nothing else evaluated again
    assert [r.period for r in ledger.rows(region="钟楼区")] == ["2026"]
    assert [r.to_dict() for r in ledger.rows()] == [r.to_dict() for r in evaluate(lanxi.statements())]
