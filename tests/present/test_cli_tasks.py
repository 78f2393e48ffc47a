"""``mubiao tasks``, ``mubiao remind`` and ``mubiao bulletin``: the README's supervision session, run for real."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mailfix import Inbox
from mubiao.ledger import Ledger, Principal
from mubiao.present.cli import main
from mubiao.store.store import Store

ROOT = Principal.system("setup")
REPORT = (
    "常州市天宁区2025年政府工作报告\n2025年主要预期目标：地区生产总值达到1500亿元，一般公共预算收入增长4%以上，"
    "城镇调查失业率控制在5.5%以内。\n"
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    (tmp_path / "tianning-2025.txt").write_text(REPORT, encoding="utf-8")
    path = tmp_path / "sup.db"
    with Store.open(path) as store:
        ledger = Ledger(store)
        assert ledger.ingest([tmp_path / "tianning-2025.txt"], workers=1).failed == 0
        for name, kind in (("区统计局", "department"), ("郑陆镇", "town"), ("青龙街道", "street")):
            ledger.people.add_unit(name, region="天宁区", kind=kind, actor=ROOT)
        ledger.people.add_user(
            "li", role="reporter", password="a long password", units=["区统计局"], actor=ROOT
        )
    return str(path)


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "240", "MUBIAO_USER": "duban", **(env or {})}).invoke(
        main, list(args), catch_exceptions=False
    )


def test_the_readme_supervision_session(db: str, tmp_path: Path, smtp_server: Inbox) -> None:
    r = run("tasks", "add", "稳增长", "--target", "1", "--target", "2", "--lead", "区统计局", "--frequency", "quarterly",
            "--deadline", "2025-12-31", "--due-days", "10", "--db", db)  # fmt: skip
    assert r.exit_code == 0, r.output
    assert r.output.startswith(
        "task 1: 稳增长 — 天宁区 2025, lead 区统计局, quarterly, deadline 2025-12-31\n"
    )
    r = run("tasks", "split", "1", "--share", "郑陆镇=900", "--share", "青龙街道=600", "--db", db)
    assert r.exit_code == 0 and "parts add up to 1500亿元 of 1500.0亿元" in r.output
    r = run("tasks", "split", "2", "--share", "郑陆镇=4", "--db", db)
    assert "warning:" in r.stderr and "不能相加" in r.stderr
    evidence = tmp_path / "一季度.csv"
    evidence.write_text("月份,地区生产总值\n3,380\n", encoding="utf-8")
    r = run("tasks", "report", "1", "2025-Q4", "--value", "1480", "--text", "全年完成1480亿元", "--evidence",
            str(evidence), "--as", "li", "--db", db)  # fmt: skip
    assert r.exit_code == 0 and r.output == "report 1: 区统计局 地区生产总值 2025-Q4 submitted\n"
    r = run("tasks", "queue", "--region", "天宁", "--db", db)
    assert "区统计局" in r.output and "1480" in r.output
    r = run("tasks", "review", "1", "--return", "--comment", "请附统计局数据", "--db", db)
    assert r.output == "report 1: returned\n"
    run("tasks", "report", "1", "2025-Q4", "--value", "1520", "--text", "全年完成1520亿元", "--db", db)
    r = run("tasks", "review", "2", "--approve", "--db", db)
    assert r.exit_code == 0 and r.output.startswith("report 2: approved; ledger result ")
    r = run("tasks", "show", "1", "--as-of", "2026-01-05", "--db", db)
    assert "绿灯" in r.output and "report 1 2025-Q4 1480.0 returned by li — 请附统计局数据" in r.output
    r = run("tasks", "list", "--region", "天宁区", "--as-of", "2026-01-05", "--db", db)
    assert "郑陆镇" in r.output and "青龙街道" in r.output
    r = run("tasks", "list", "--unit", "郑陆镇", "--db", db)
    assert "青龙街道" not in r.output
    series = tmp_path / "gdp.csv"
    series.write_text(
        "year,month,value\n" + "".join(f"2024,{m},{100 + m}\n" for m in range(1, 13)), encoding="utf-8"
    )
    r = run("tasks", "monthly", str(series), "--region", "天宁", "--indicator", "gdp", "--db", db)
    assert r.output == "stored 12 monthly figures\n"
    # reminders: the towns' first quarter is overdue by 11 April
    r = run("remind", "--dry-run", "--date", "2025-04-11", "--db", db)
    assert "overdue\t2025-04-10\t郑陆镇" in r.output
    with Store.open(db) as store:
        Ledger(store).people.add_user(
            "zl", role="reporter", password="a long password", units=["郑陆镇"], actor=ROOT
        )
    run("users", "email", "zl", "zl@example.org", "--db", db)
    env = {"MUBIAO_SMTP_HOST": smtp_server.host, "MUBIAO_SMTP_PORT": str(smtp_server.port)}
    r = run("remind", "--date", "2025-04-11", "--base-url", "http://mubiao.example", "--db", db, env=env)
    assert r.exit_code == 0 and "e-mails sent" in r.output
    assert len(smtp_server.to("zl@example.org")) == 2  # two tasks of the town (gdp, revenue)
    body = smtp_server.to("zl@example.org")[0].get_content()
    assert "http://mubiao.example/#/my-tasks" in body
    again = run("remind", "--date", "2025-04-11", "--db", db, env=env)
    assert "0 notices, 0 e-mails sent" in again.output and len(smtp_server.messages) == 2
    config = tmp_path / "mail.toml"
    config.write_text(f'[smtp]\nhost = "{smtp_server.host}"\nport = {smtp_server.port}\n', encoding="utf-8")
    r = run("remind", "--date", "2025-04-12", "--smtp-config", str(config), "--db", db)
    assert len(smtp_server.messages) == 4
    # the bulletin
    out = tmp_path / "通报.html"
    r = run(
        "bulletin",
        "--region",
        "天宁",
        "--format",
        "html",
        "--date",
        "2025-04-11",
        "--out",
        str(out),
        "--db",
        db,
    )
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert (
        "天宁区重点目标任务督查通报" in page
        and "逾期未报" in page
        and "郑陆镇" in page
        and "单位排名" in page
    )
    r = run(
        "bulletin", "--region", "天宁", "--date", "2025-04-11", "--out", str(tmp_path / "b.docx"), "--db", db
    )
    with zipfile.ZipFile(io.BytesIO((tmp_path / "b.docx").read_bytes())) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "督查通报" in xml and "郑陆镇" in xml


def test_the_evaluation_report_names_the_responsible_units(db: str, tmp_path: Path) -> None:
    with Store.open(db) as store:
        ledger = Ledger(store)
        ledger.supervision.add_task("稳就业", targets=[3], lead="区统计局", co=["郑陆镇"], actor=ROOT)
        ledger.add_result({"region": "天宁区", "indicator_id": "surveyed_unemployment_rate", "year": 2025,
                           "value": "5.9%"}, who="t")  # fmt: skip
    out = tmp_path / "r.html"
    r = run(
        "report", "--region", "天宁区", "--year", "2025", "--format", "html", "--out", str(out), "--db", db
    )
    assert r.exit_code == 0, r.output
    assert "责任单位：区统计局（牵头）、郑陆镇" in out.read_text(encoding="utf-8")
