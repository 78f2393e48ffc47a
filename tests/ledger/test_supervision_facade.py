"""Supervision through the facade (``Ledger.supervision``): tasks, splits, reports, the ledger result;
on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mubiao.errors import AccessDeniedError, NotFoundError, UsageError
from mubiao.ledger import Ledger, Principal, Store

ROOT = Principal.system("root")
PASSWORD = "long enough 1"
REPORT = (
    "常州市天宁区2025年政府工作报告\n2025年主要预期目标：地区生产总值达到1500亿元，一般公共预算收入增长4%以上，"
    "城镇调查失业率控制在5.5%以内。\n"
)


@pytest.fixture
def ledger(store: Store, tmp_path: Path) -> Ledger:
    (tmp_path / "tianning-2025.txt").write_text(REPORT, encoding="utf-8")
    ledger = Ledger(store)
    assert ledger.ingest([tmp_path / "tianning-2025.txt"], workers=1).failed == 0
    p = ledger.people
    p.add_unit("天宁区发改委", region="天宁", actor=ROOT)
    p.add_unit("天宁区统计局", region="天宁", actor=ROOT)
    p.add_unit("郑陆镇", region="天宁", kind="town", actor=ROOT)
    p.add_unit("青龙街道", region="天宁", kind="street", actor=ROOT)
    p.add_unit("钟楼区统计局", region="钟楼区", actor=ROOT)
    p.add_user("sup", role="supervisor", password=PASSWORD, units=["天宁区发改委"], actor=ROOT)
    p.add_user("rep", role="reporter", password=PASSWORD, units=["天宁区统计局"], actor=ROOT)
    p.add_user("town", role="reporter", password=PASSWORD, units=["郑陆镇"], actor=ROOT)
    p.add_user("zl", role="supervisor", password=PASSWORD, units=["钟楼区统计局"], actor=ROOT)
    return ledger


def _who(ledger: Ledger, name: str) -> Principal:
    return ledger.people.principal(ledger.people.user(name))


def _target(ledger: Ledger, indicator_id: str) -> int:
    found = [r.target_id for r in ledger.rows(region="天宁区") if r.indicator_id == indicator_id]
    assert found and found[0] is not None
    return found[0]


def test_a_supervisor_assigns_targets_to_a_lead_unit_and_co_units(ledger: Ledger) -> None:
    sup = ledger.supervision
    gdp, rev = _target(ledger, "gdp"), _target(ledger, "general_budget_revenue")
    task = sup.add_task("稳增长", targets=[gdp, rev], lead="天宁区统计局", co=["天宁区发改委"],
                        frequency="quarterly", actor=_who(ledger, "sup"))  # fmt: skip
    assert (task.region, task.year, task.lead_unit, task.co_units) == (
        "天宁区",
        2025,
        "天宁区统计局",
        ("天宁区发改委",),
    )
    assert task.deadline == date(2025, 12, 31)
    assert [t.indicator_id for t in task.targets] == ["gdp", "general_budget_revenue"]
    assert [t.kind for t in task.targets] == ["flow", "growth"]
    # the reporter of the lead unit sees it; a town's reporter does not
    assert [t.id for t in sup.tasks(_who(ledger, "rep"))] == [task.id]
    assert sup.tasks(_who(ledger, "town")) == []
    with pytest.raises(NotFoundError):
        sup.task(task.id, actor=_who(ledger, "town"))
    # another region's supervisor may not assign here; a reporter may not assign at all
    with pytest.raises(AccessDeniedError):
        sup.add_task("x", targets=[gdp], lead="天宁区统计局", actor=_who(ledger, "zl"))
    with pytest.raises(AccessDeniedError):
        sup.add_task("x", targets=[gdp], lead="天宁区统计局", actor=_who(ledger, "rep"))
    with pytest.raises(UsageError, match="同一地区"):
        sup.add_task("x", targets=[gdp], lead="钟楼区统计局", actor=ROOT)
    assert any(a.table == "sup_tasks" for a in ledger.audit())


def test_a_split_of_a_level_target_adds_up(ledger: Ledger) -> None:
    gdp = _target(ledger, "gdp")
    tasks, split = ledger.supervision.split(gdp, {"郑陆镇": 900, "青龙街道": 600}, actor=_who(ledger, "sup"))
    assert [t.lead_unit for t in tasks] == ["郑陆镇", "青龙街道"]
    assert [t.targets[0].share for t in tasks] == [900, 600]
    assert (split.total, split.additive, split.warning) == (1500, True, None)
    # a part that does not add up is kept, with a warning
    ledger.supervision.split(gdp, {"天宁区统计局": 10}, actor=ROOT)
    again = ledger.supervision.decomposition(gdp)
    assert again.total == 1510 and again.warning is not None and "1510" in again.warning


def test_a_split_of_a_growth_target_warns_that_parts_do_not_add(ledger: Ledger) -> None:
    rev = _target(ledger, "general_budget_revenue")
    _, split = ledger.supervision.split(rev, {"郑陆镇": 4, "青龙街道": 4}, actor=ROOT)
    assert not split.additive
    assert split.warning is not None and "不能相加" in split.warning


def test_a_report_returned_then_approved_becomes_a_ledger_result(ledger: Ledger) -> None:
    sup = ledger.supervision
    gdp = _target(ledger, "gdp")
    task = sup.add_task("稳增长", targets=[gdp], lead="天宁区统计局", actor=ROOT)
    tt = task.targets[0].id
    rep, boss = _who(ledger, "rep"), _who(ledger, "sup")
    first = sup.submit(
        tt, "2025-Q4", value=1480, narrative="全年完成1480亿元", evidence=("表.xlsx", b"PK"), actor=rep
    )
    with pytest.raises(UsageError, match="待审核"):
        sup.submit(tt, "2025-Q4", value=1490, narrative="再报", actor=rep)
    with pytest.raises(UsageError, match="理由"):
        sup.review(first.id, "returned", actor=boss)
    with pytest.raises(AccessDeniedError):
        sup.review(first.id, "approved", actor=rep)
    sup.review(first.id, "returned", "请附统计局数据", actor=boss)
    assert ledger.row(gdp) is not None and ledger.row(gdp).status == "pending"  # type: ignore[union-attr]
    second = sup.submit(tt, "2025-Q4", value=1520, narrative="全年完成1520亿元", actor=rep)
    approved = sup.review(second.id, "approved", actor=boss)
    assert approved.statement_id is not None
    row = ledger.row(gdp)
    assert row is not None and row.status == "achieved" and row.actual is not None
    assert row.actual["value"] == 1520
    result = ledger.statement(approved.statement_id)
    assert result.provenance == "reported"
    assert sup.evidence(first.evidence_id or 0, actor=rep).data == b"PK"
    notices = ledger.reminders.notices(rep)
    assert [n.kind for n in notices] == ["approved", "returned"] and "请附统计局数据" in notices[1].text
    history = sup.task(task.id, actor=rep).targets[0].history
    assert [(h.period, h.status) for h in history] == [("2025-Q4", "returned"), ("2025-Q4", "approved")]
    assert history[0].review_note == "请附统计局数据"


def test_a_published_figure_wins_over_a_reported_one_and_both_are_shown(
    ledger: Ledger, tmp_path: Path
) -> None:
    sup = ledger.supervision
    gdp = _target(ledger, "gdp")
    task = sup.add_task("稳增长", targets=[gdp], lead="天宁区统计局", actor=ROOT)
    p = sup.submit(task.targets[0].id, "2025-Q4", value=1520, narrative="全年", actor=ROOT)
    sup.review(p.id, "approved", actor=ROOT)
    bulletin = "常州市天宁区2025年国民经济和社会发展统计公报\n2025年全区实现地区生产总值1490亿元。\n"
    (tmp_path / "tianning-2025-bulletin.txt").write_text(bulletin, encoding="utf-8")
    ledger.ingest([tmp_path / "tianning-2025-bulletin.txt"], workers=1)
    row = ledger.row(gdp)
    assert row is not None and row.actual is not None
    assert row.actual["value"] == 1490 and row.conflict
    assert {s.provenance for s in row.sources if s.role == "superseded"} == {"reported"}
    shown = sup.task(task.id, actor=ROOT).targets[0].ledger_actual
    assert shown is not None and {s["provenance"] for s in shown["sources"]} >= {"reported"}  # type: ignore[union-attr]


def test_a_share_never_becomes_the_regions_result(ledger: Ledger) -> None:
    gdp = _target(ledger, "gdp")
    tasks, _ = ledger.supervision.split(gdp, {"郑陆镇": 900}, actor=ROOT)
    p = ledger.supervision.submit(tasks[0].targets[0].id, "2025-Q4", value=950, narrative="全年", actor=ROOT)
    assert ledger.supervision.review(p.id, "approved", actor=ROOT).statement_id is None
    assert ledger.row(gdp).actual is None  # type: ignore[union-attr]


def test_lights_follow_approved_figures_and_overdue_reports(ledger: Ledger) -> None:
    sup = ledger.supervision
    gdp = _target(ledger, "gdp")
    task = sup.add_task("稳增长", targets=[gdp], lead="天宁区统计局", actor=ROOT)
    tt = task.targets[0].id
    # 15 April: the first quarter's report (due 10 April) is missing: grey
    mid_april = date(2025, 4, 15)
    assert sup.task(task.id, actor=ROOT, as_of=mid_april).targets[0].light.colour == "grey"
    p = sup.submit(tt, "2025-Q1", value=400, narrative="一季度", actor=ROOT)
    assert (
        sup.task(task.id, actor=ROOT, as_of=mid_april).targets[0].light.colour == "none"
    )  # not yet approved
    sup.review(p.id, "approved", actor=ROOT)
    lit = sup.task(task.id, actor=ROOT, as_of=mid_april).targets[0].light
    assert lit.colour == "green" and lit.expected == 375 and "25.0%" in lit.rule
    board = sup.board(ROOT, region="天宁", as_of=date(2025, 7, 15))
    assert [r.target.light.colour for r in board] == ["grey"]  # the second quarter's is overdue now


def test_the_units_report_through_their_tasks_only(ledger: Ledger) -> None:
    sup = ledger.supervision
    task = sup.add_task("稳增长", targets=[_target(ledger, "gdp")], lead="天宁区统计局", actor=ROOT)
    with pytest.raises(NotFoundError):
        sup.submit(task.targets[0].id, "2025-Q1", value=1, narrative="x", actor=_who(ledger, "town"))
    with pytest.raises(UsageError, match="期次"):
        sup.submit(task.targets[0].id, "2025-03", value=1, narrative="x", actor=_who(ledger, "rep"))
    queue = sup.progress(_who(ledger, "sup"), status="submitted")
    assert queue == []
    sup.submit(task.targets[0].id, "2025-Q1", value=1, narrative="x", actor=_who(ledger, "rep"))
    assert [q.unit for q in sup.progress(_who(ledger, "sup"), status="submitted")] == ["天宁区统计局"]
    assert sup.progress(_who(ledger, "zl")) == []


def test_a_seasonal_profile_from_an_imported_series_judges_a_flow(ledger: Ledger) -> None:
    sup = ledger.supervision
    task = sup.add_task(
        "稳增长", targets=[_target(ledger, "gdp")], lead="天宁区统计局", frequency="monthly", actor=ROOT
    )
    tt = task.targets[0].id
    p = sup.submit(tt, "2025-03", value=150, narrative="一季度", actor=ROOT)
    sup.review(p.id, "approved", actor=ROOT)
    april = date(2025, 4, 5)
    linear = sup.task(task.id, actor=ROOT, as_of=april).targets[0].light
    assert linear.colour == "red" and "线性" in linear.rule  # 150 of 375 expected by a quarter
    # 2024: the first quarter brought a tenth of the year
    months = {(2024, m): (40.0 if m <= 3 else 120.0) for m in range(1, 13)}
    assert sup.import_monthly("天宁", "地区生产总值", months, actor=_who(ledger, "sup")) == 12
    seasonal = sup.task(task.id, actor=ROOT, as_of=april).targets[0].light
    assert seasonal.colour == "green" and "季节性" in seasonal.rule and seasonal.expected == 150
    with pytest.raises(AccessDeniedError):
        sup.import_monthly("天宁", "gdp", months, actor=_who(ledger, "zl"))


def test_approved_monthly_reports_of_an_earlier_year_make_the_profile(ledger: Ledger) -> None:
    sup = ledger.supervision
    gdp = _target(ledger, "gdp")
    earlier = sup.add_task(
        "去年", targets=[gdp], lead="天宁区统计局", year=2024, frequency="monthly", actor=ROOT
    )
    for month, cumulative in ((3, 100.0), (12, 1000.0), *((m, 100.0 + (m - 3) * 100) for m in range(4, 12))):
        p = sup.submit(
            earlier.targets[0].id, f"2024-{month:02d}", value=cumulative, narrative="月报", actor=ROOT
        )
        sup.review(p.id, "approved", actor=ROOT)
    # months 1 and 2 are missing: not a whole year, so no profile yet
    now = sup.add_task("今年", targets=[gdp], lead="天宁区统计局", frequency="monthly", actor=ROOT)
    p = sup.submit(now.targets[0].id, "2025-03", value=150, narrative="一季度", actor=ROOT)
    sup.review(p.id, "approved", actor=ROOT)
    assert "线性" in sup.task(now.id, actor=ROOT, as_of=date(2025, 4, 5)).targets[0].light.rule
    for month, cumulative in ((1, 30.0), (2, 60.0)):
        p = sup.submit(
            earlier.targets[0].id, f"2024-{month:02d}", value=cumulative, narrative="补报", actor=ROOT
        )
        sup.review(p.id, "approved", actor=ROOT)
    lit = sup.task(now.id, actor=ROOT, as_of=date(2025, 4, 5)).targets[0].light
    assert "季节性" in lit.rule and lit.expected == pytest.approx(150) and lit.colour == "green"


def test_the_margins_and_deadlines_from_the_environment() -> None:
    from mubiao.ledger.supervision import SupervisionConfig

    config = SupervisionConfig.from_env({"MUBIAO_SUP_MARGIN_SHARE": "0.2", "MUBIAO_SUP_DUE_DAYS": "15",
                                         "MUBIAO_SUP_SEASONAL": "0"})  # fmt: skip
    assert config.margins.share == 0.2 and config.margins.points == 1.0 and config.due_days == 15
    assert not config.seasonal
    with pytest.raises(UsageError, match="MUBIAO_SUP_MARGIN_POINTS"):
        SupervisionConfig.from_env({"MUBIAO_SUP_MARGIN_POINTS": "一点"})
