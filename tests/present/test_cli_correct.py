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


def test_a_documents_metadata_corrected_from_the_cli_keeps_the_statement_corrections(tmp_path: Path) -> None:
    db, sid, _old = _db(tmp_path)
    run = CliRunner().invoke
    assert run(main, ["correct", str(sid), "--db", db, "--value", "601", "--reason", "原文"]).exit_code == 0
    doc = json.loads(run(main, ["corrections", "--db", db, "--format", "json"]).stdout)[0]["doc_id"]
    r = run(main, ["document", "correct", doc, "--db", db, "--region", "天宁区", "--title", "新标题",
                   "--reason", "地区识别错误", "--user", "督查室"])  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "region '天宁区'" in r.output and "version 1 kept" in r.output
    rows = json.loads(run(main, ["ledger", "--db", db, "--region", "天宁区", "--format", "json"]).stdout)
    assert any(x["target"]["value"] == 601 for x in rows)
    with Store.open(db) as store:
        audit = {a.field: a for a in store.audit() if a.table == "documents"}
    assert audit["region"].who == "督查室" and json.loads(audit["region"].new or "null") == "天宁区"
    r = run(main, ["document", "reread", doc, "--db", db, "--reason", "升级"])
    assert r.exit_code == 0 and "version 2 kept" in r.output
    listed = run(main, ["document", "versions", doc, "--db", db]).stdout.splitlines()
    assert len(listed) == 3 and "metadata by 督查室" in listed[0] and listed[2].endswith("current")
    versions = json.loads(run(main, ["document", "versions", doc, "--db", db, "--format", "json"]).stdout)
    assert versions[0]["meta"]["region"] == "澜溪区"


def test_a_deleted_documents_corrections_are_listed_then_dismissed_or_undone(tmp_path: Path) -> None:
    db, sid, old = _db(tmp_path)
    run = CliRunner().invoke
    run(main, ["correct", str(sid), "--db", db, "--value", "601", "--reason", "原文"])
    (c,) = json.loads(run(main, ["corrections", "--db", db, "--format", "json"]).stdout)
    doc = c["doc_id"]
    assert run(main, ["document", "delete", doc, "--db", db]).exit_code != 0  # needs a reason
    r = run(main, ["document", "delete", doc, "--db", db, "--reason", "重复"])
    assert r.exit_code == 0 and "1 correction(s) orphaned" in r.output, r.output
    orphans = run(main, ["corrections", "--db", db, "--orphaned"]).stdout
    assert orphans.startswith(f"#{c['id']}\torphaned\t{doc}")
    r = run(main, ["correction", "dismiss", str(c["id"]), "--db", db, "--reason", "作废"])
    assert r.exit_code == 0 and run(main, ["corrections", "--db", db, "--orphaned"]).stdout == ""
    r = run(main, ["correction", "undo", str(c["id"]), "--db", db, "--reason", "r"])
    assert r.exit_code == 1 and "dismissed already" in r.output
    r = run(main, ["correction", "reattach", str(c["id"]), "1", "--db", db])
    assert r.exit_code == 1 and "only an orphaned one" in r.output
    # a correction of a stored document, undone
    other = next(x for x in json.loads(run(main, ["ledger", "--db", db, "--format", "json"]).stdout)
                 if x["target_id"] is not None)  # fmt: skip
    run(main, ["correct", str(other["target_id"]), "--db", db, "--value", "1", "--reason", "r"])
    newest = json.loads(run(main, ["corrections", "--db", db, "--format", "json"]).stdout)[-1]
    r = run(main, ["correction", "undo", str(newest["id"]), "--db", db, "--reason", "改回", "--user", "甲"])
    assert r.exit_code == 0 and "undone by 甲" in r.output
    with Store.open(db) as store:
        assert store.statement(other["target_id"]).value == newest["original"]["value"]
    del old
