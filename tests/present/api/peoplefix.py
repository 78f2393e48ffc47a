"""A store of the samples with people in it: two units in two regions, a user of each role, reports.

Unit A (区统计局) is in 澜溪区, the samples' region; unit B (天宁区统计局) in 天宁区, whose ledger has
one small document of its own.  ``admin``, ``sup``, ``rep`` and ``view`` are of unit A;
``other`` is a reporter of unit B.  Credentials are API keys made fresh for each request
(:func:`key_of`), so that a route that ends a session or revokes a key harms no other request.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from mubiao.ledger import Ledger, Principal, Store

PASSWORD = "correct horse 1"
ROOT = Principal.system("test")
USERS = {"admin": "admin", "supervisor": "sup", "reporter": "rep", "viewer": "view"}
TIANNING = "常州市天宁区2025年政府工作报告\n2025年主要预期目标：地区生产总值增长5.5%左右，一般公共预算收入增长4%以上。\n"


@dataclass(frozen=True)
class World:
    unit_a: int
    unit_b: int
    report_a: int
    report_b: int
    #: a target of the ledger in 澜溪区 (unit A's region) and one in 天宁区 (unit B's)
    target_a: int
    target_b: int
    #: a correction of a statement of each region (its unit given again: the figures stay as they were)
    correction_a: int
    correction_b: int
    #: a supervision task of each unit, the task target of A's, and a progress report of each
    task_a: int = 0
    task_b: int = 0
    task_target_a: int = 0
    progress_a: int = 0
    progress_b: int = 0
    evidence_a: int = 0


def populate(db: Path, tmp: Path) -> World:
    """Units, users and reports added to the store at ``db`` (a copy of the sample store)."""
    (tmp / "tianning-2025.txt").write_text(TIANNING, encoding="utf-8")
    with Store.open(db) as store:
        ledger = Ledger(store)
        assert ledger.ingest([tmp / "tianning-2025.txt"], workers=1).failed == 0
        people = ledger.people
        a = people.add_unit("区统计局", region="澜溪区", actor=ROOT)
        b = people.add_unit("天宁区统计局", region="天宁", actor=ROOT)
        people.add_unit("青龙街道", parent="天宁区统计局", kind="street", actor=ROOT)
        for role, name in USERS.items():
            units = [] if role == "admin" else ["区统计局"]
            people.add_user(name, role=role, password=PASSWORD, units=units, actor=ROOT)
        people.add_user("other", role="reporter", password=PASSWORD, units=["天宁区统计局"], actor=ROOT)
        report_a = people.add_report(a.id, "一季度完成进度35%", actor=ROOT)
        report_b = people.add_report(b.id, "一季度完成进度30%", actor=ROOT)
        targets = {r.region: r.target_id for r in ledger.rows() if r.target_id is not None}
        fixes = {}
        for region in ("澜溪区", "天宁区"):
            st = next(x for x in ledger.statements(region=region, kind="target") if x.id != targets[region])
            fixes[region] = ledger.correct(st.id, {"unit": st.unit}, who="test", reason="核对").id
        sup = ledger.supervision
        task_a = sup.add_task("稳增长", targets=[targets["澜溪区"]], lead=a.id, year=2025, actor=ROOT)
        task_b = sup.add_task("稳增长", targets=[targets["天宁区"]], lead=b.id, year=2025, actor=ROOT)
        tt_a, tt_b = task_a.targets[0].id, task_b.targets[0].id
        progress_a = sup.submit(
            tt_a, "2025-Q1", value=1.0, narrative="一季度", evidence=("表.csv", b"a,b"), actor=ROOT
        )
        progress_b = sup.submit(tt_b, "2025-Q1", value=1.0, narrative="一季度", actor=ROOT)
    return World(
        a.id,
        b.id,
        report_a.id,
        report_b.id,
        targets["澜溪区"],
        targets["天宁区"],
        fixes["澜溪区"],
        fixes["天宁区"],
        task_a.id,
        task_b.id,
        tt_a,
        progress_a.id,
        progress_b.id,
        progress_a.evidence_id or 0,
    )


def key_of(store: Store, user: str) -> str:
    """A fresh API key of ``user``."""
    return Ledger(store).people.add_key(user, "test", days=1, actor=ROOT).secret


def copy_store(db: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(db, folder / "people.db")
    return folder / "people.db"
