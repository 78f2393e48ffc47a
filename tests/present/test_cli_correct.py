"""``mubiao correct`` and ``mubiao corrections``: the same corrections as the API, audited."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from mubiao.ledger import Ledger
from mubiao.present.cli import main
from mubiao.store.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _db(tmp_path: Path) -> tuple[str, int, float | None]:
    path = tmp_path / "c.db"
    with Store.open(path) as store:
        Ledger(store).ingest([SAMPLES], workers=1)
        st = next(r for r in store.statements(kind="target") if r.indicator_id == "gdp")
    return str(path), st.id, st.value


def test_a_correction_from_the_cli_is_shown_in_the_ledger_and_audited(tmp_path: Path) -> None:
    db, sid, old = _db(tmp_path)
    r = CliRunner().invoke(
        main, ["correct", str(sid), "--db", db, "--value", "601", "--reason", "原文有误", "--user", "督查室"]
    )
    assert r.exit_code == 0, r.output
    assert f"statement {sid} by 督查室" in r.output and "601.0" in r.output
    rows = json.loads(CliRunner().invoke(main, ["ledger", "--db", db, "--format", "json"]).stdout)
    assert any(x["target_id"] == sid and x["target"]["value"] == 601 for x in rows)
    listed = json.loads(CliRunner().invoke(main, ["corrections", "--db", db, "--format", "json"]).stdout)
    assert [(c["statement_id"], c["original"]["value"]) for c in listed] == [(sid, old)]
    with Store.open(db) as store:
        (entry,) = store.audit()
    assert (entry.table, entry.field, entry.who) == ("corrections", "value", "督查室")
    assert CliRunner().invoke(main, ["corrections", "--db", db, "--orphaned"]).stdout == ""


def test_a_wrong_correction_is_a_one_line_error(tmp_path: Path) -> None:
    db, sid, _old = _db(tmp_path)
    r = CliRunner().invoke(main, ["correct", str(sid), "--db", db, "--period", "2025", "--reason", "r"])
    assert r.exit_code == 1 and "error: a period is two years" in r.output
    r = CliRunner().invoke(main, ["correct", "999999", "--db", db, "--value", "1", "--reason", "r"])
    assert r.exit_code == 1 and "no statement" in r.output
