"""``mubiao units``, ``mubiao users`` and ``mubiao keys``: the README's set-up, run for real."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mubiao.ledger import Ledger
from mubiao.present.cli import main
from mubiao.store.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "people.db"
    with Store.open(path) as store:
        assert Ledger(store).ingest([SAMPLES / "lanxi-2025-work-report.txt"], workers=1).failed == 0
    return str(path)


def run(*args: str, stdin: str | None = None) -> Result:
    env = {"COLUMNS": "240", "MUBIAO_USER": "setup"}
    return CliRunner(env=env).invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_the_readme_set_up(db: str) -> None:
    r = run("units", "add", "区统计局", "--region", "澜溪区", "--db", db)
    assert r.exit_code == 0 and r.output == "unit 1: 区统计局 (department) in 澜溪区\n"
    r = run("units", "add", "青龙街道", "--parent", "区统计局", "--kind", "street", "--db", db)
    assert r.output == "unit 2: 青龙街道 (street) in 澜溪区 under 区统计局\n"
    r = run("users", "add", "li", "--role", "reporter", "--unit", "区统计局", "--password-stdin", "--db", db,
            stdin="a long password\n")  # fmt: skip
    assert r.exit_code == 0 and r.output == "user li: reporter (填报) of 区统计局\n"
    # a prompt asks twice, hidden
    r = run("users", "add", "admin", "--role", "admin", "--db", db, stdin="admin password\nadmin password\n")
    assert r.exit_code == 0, r.output
    assert "li" in run("users", "list", "--db", db).output
    assert "青龙街道" in run("units", "list", "--db", db).output
    r = run("keys", "add", "li", "--label", "月度导入", "--days", "90", "--db", db)
    assert r.exit_code == 0
    key = r.stdout.strip().splitlines()[-1]
    assert key.startswith("mbk_")
    with Store.open(db) as store:
        people = Ledger(store).people
        who = people.authenticate(key)
        assert who is not None and who.name == "li"
        assert people.login("li", "a long password").secret.startswith("mbs_")
        assert [a.who for a in Ledger(store).audit()][:1] == ["setup"]
    assert key not in run("keys", "list", "--db", db).output
    assert run("keys", "revoke", "1", "--db", db).exit_code == 0
    with Store.open(db) as store:
        assert Ledger(store).people.authenticate(key) is None


def test_mistakes_are_one_line_and_exit_1(db: str) -> None:
    r = run("units", "add", "X局", "--region", "澜西区", "--db", db)
    assert r.exit_code == 1 and "did you mean 澜溪区" in r.output
    r = run("users", "add", "x", "--role", "viewer", "--unit", "无此单位", "--password-stdin", "--db", db,
            stdin="long enough\n")  # fmt: skip
    assert r.exit_code == 1 and "no unit" in r.output
    r = run("users", "add", "x", "--role", "admin", "--password-stdin", "--db", db, stdin="short\n")
    assert r.exit_code == 1 and "at least 8" in r.output


def test_password_reset_and_disable(db: str) -> None:
    run("users", "add", "boss", "--role", "admin", "--password-stdin", "--db", db, stdin="first password\n")
    assert (
        run("users", "password", "boss", "--password-stdin", "--db", db, stdin="second password\n").exit_code
        == 0
    )
    assert run("users", "disable", "boss", "--db", db).exit_code == 0
    assert "no" in run("users", "list", "--db", db).output.splitlines()[-2]
    assert run("users", "enable", "boss", "--db", db).exit_code == 0
    with Store.open(db) as store:
        assert Ledger(store).people.login("boss", "second password")
