"""``mubiao ingest``, ``import-actuals``, ``indicators`` and ``show``, through click's CliRunner."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mubiao.present.cli import main
from mubiao.store.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for f in SAMPLES.glob("*.txt"):
        (folder / f.name).write_bytes(f.read_bytes())
    return folder


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.db")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_ingest_and_summary(docs: Path, db: str) -> None:
    result = run("ingest", str(docs), "--db", db)
    assert result.exit_code == 0, result.output
    assert re.search(
        r"3 documents: 3 new, 0 updated, 0 unchanged, 0 other formats, 0 failed; \d+ statements written",
        result.stdout,
    )
    assert "documents/s" in result.stdout and "characters/s" in result.stdout
    again = run("ingest", str(docs), "--db", db, "--quiet")
    assert again.exit_code == 0
    assert (
        "3 documents: 0 new, 0 updated, 3 unchanged, 0 other formats, 0 failed; 0 statements written"
        in again.stdout
    )


def test_ingest_reports_failures_and_exits_1(docs: Path, db: str) -> None:
    (docs / "blank.txt").write_bytes(b"")
    result = run("ingest", str(docs), str(docs / "missing.html"), "--db", db, "--workers", "1")
    assert result.exit_code == 1
    assert "3 new" in result.stdout and "2 failed" in result.stdout
    assert "blank.txt" in result.stderr and "missing.html" in result.stderr
    with Store.open(db) as store:
        assert len(store.documents()) == 3


def test_the_store_comes_from_mubiao_db(docs: Path, db: str) -> None:
    result = run("ingest", str(docs / "lanxi-fyp14.txt"), env={"MUBIAO_DB": db})
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        assert [d.doc_id for d in store.documents()] == ["lanxi-fyp14"]


def test_a_bad_store_is_one_line(tmp_path: Path, docs: Path) -> None:
    result = run("ingest", str(docs), "--db", str(tmp_path / "no" / "such" / "dir.db"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "no such folder" in result.stderr
    assert "Traceback" not in result.output


def test_show_marks_the_claim(docs: Path, db: str) -> None:
    run("ingest", str(docs), "--db", db)
    with Store.open(db) as store:
        target = store.statements(doc_id="lanxi-2025-work-report", kind="target", indicator_id="gdp")[0]
        original = store.document(target.doc_id).original
    assert target.span is not None and original is not None
    result = run("show", str(target.id), "--db", db)
    assert result.exit_code == 0, result.output
    claim = original[target.span[0] : target.span[1]]
    assert f"[[{claim}]]" in result.stdout
    assert "地区生产总值 (gdp)" in result.stdout and "lanxi-2025-work-report" in result.stdout
    assert "target" in result.stdout and "2025" in result.stdout
    short = run("show", str(target.id), "--db", db, "--context", "0")
    assert f"[[{claim}]]" in short.stdout


def test_show_unknown_id(db: str) -> None:
    Store.open(db).close()
    result = run("show", "424242", "--db", db)
    assert result.exit_code == 1
    assert "no statement with id 424242" in result.stderr and "E304" in result.stderr


def test_import_actuals_and_show_a_manual_result(tmp_path: Path, db: str) -> None:
    csv = tmp_path / "bulletin.csv"
    csv.write_text(
        "地区,指标,年份,数值,单位,备注\n天宁区,一般公共预算收入,2024,48.2,亿元,统计公报\n", encoding="utf-8"
    )
    result = run("import-actuals", str(csv), "--db", db, "--user", "alice")
    assert result.exit_code == 0, result.output
    assert "bulletin.csv: 1 added, 0 updated, 0 unchanged (import #1 by alice)" in result.stdout
    with Store.open(db) as store:
        (row,) = store.statements()
        assert store.audit()[0].who == "alice"
    shown = run("show", str(row.id), "--db", db)
    assert "manual" in shown.stdout and "天宁区2024年一般公共预算收入48.2亿元" in shown.stdout


def test_import_actuals_refuses_a_bad_file(tmp_path: Path, db: str) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text("region,indicator,year,value\n天宁区,GDP,twenty,1\n", encoding="utf-8")
    result = run("import-actuals", str(csv), "--db", db)
    assert result.exit_code == 1
    assert "bad.csv" in result.stderr and "row 2: year 'twenty' is not a year" in result.stderr


def test_indicators_unmatched_and_list(docs: Path, db: str) -> None:
    run("ingest", str(docs), "--db", db)
    with Store.open(db) as store:
        unmatched = store.unmatched_indicators()
        used = store.indicators_in_store()
    tsv = run("indicators", "unmatched", "--db", db, "--tsv")
    assert tsv.exit_code == 0
    assert tsv.stdout.splitlines() == [f"{n}\t{p}" for p, n in unmatched]
    limited = run("indicators", "unmatched", "--db", db, "--tsv", "--limit", "1")
    assert len(limited.stdout.splitlines()) == min(1, len(unmatched))
    table = run("indicators", "unmatched", "--db", db)
    assert table.exit_code == 0 and ("phrase" in table.stdout or "every indicator phrase" in table.stdout)
    listed = run("indicators", "list", "--db", db, "--tsv")
    assert (
        listed.stdout.splitlines()[0]
        == f"{used[0].id}\t{used[0].name}\t{used[0].category}\t{used[0].statements}"
    )
    assert "gdp" in run("indicators", "list", "--db", db).stdout


# --------------------------------------------------------------------------- PostgreSQL


@pytest.fixture
def pg_db() -> Iterator[str]:
    admin = os.environ.get("MUBIAO_TEST_PG") or "postgresql://postgres@127.0.0.1:5432/postgres"
    url = make_url(admin.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        engine = create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as e:
        reason = f"no PostgreSQL server answers at {url.render_as_string()}: {type(e).__name__}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    name = f"mubiao_test_cli_{secrets.token_hex(4)}"
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        # the plain postgresql:// form a user types; mubiao rewrites it for psycopg 3
        yield url.set(database=name, drivername="postgresql").render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.mark.postgres
def test_ingest_into_postgresql(docs: Path, pg_db: str) -> None:
    assert pg_db.startswith("postgresql://")
    result = run("ingest", str(docs), "--db", pg_db)
    assert result.exit_code == 0, result.output
    assert "3 new" in result.stdout
    unmatched = run("indicators", "unmatched", "--db", pg_db, "--tsv")
    assert unmatched.exit_code == 0


@pytest.mark.parametrize(
    "command", [["ledger"], ["show", "1"], ["export", "--out", "x.csv"], ["indicators", "list"]]
)
def test_a_read_of_a_store_that_does_not_exist_is_refused(tmp_path: Path, command: list[str]) -> None:
    typo = tmp_path / "typo.db"
    result = run(*command, "--db", str(typo))
    assert result.exit_code == 1
    assert "no store here" in result.stderr
    assert not typo.exists()


def test_ingest_region_and_year_override_a_batch(tmp_path: Path, db: str) -> None:
    # a scrap that names neither its region nor its year: the batch's options supply both
    folder = tmp_path / "scraps"
    folder.mkdir()
    (folder / "scrap.txt").write_text("一、过去一年工作回顾\n地区生产总值增长5.8%。\n", encoding="utf-8")
    result = run("ingest", str(folder), "--db", db, "--region", "钟楼", "--year", "2025", "-q")
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        (doc,) = store.documents()
        rows = store.statements()
    assert (doc.region, doc.target_year) == ("钟楼区", 2025)
    assert [(r.region, r.kind, r.year, r.value) for r in rows] == [("钟楼区", "actual", 2024, 5.8)]


def test_ingest_refuses_an_unknown_region_with_a_suggestion(docs: Path, db: str) -> None:
    result = CliRunner().invoke(main, ["ingest", str(docs), "--db", db, "--region", "钟搂区"])
    assert result.exit_code != 0
    assert "did you mean 钟楼区" in result.output
