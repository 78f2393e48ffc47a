"""``mubiao ledger`` and ``mubiao export`` against a store built from the sample documents."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

from mubiao.ledger import Ledger
from mubiao.present.cli import main
from mubiao.store.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"

ROW_KEYS = {"region", "indicator_id", "indicator", "period", "target", "actual", "gap", "required_pace", "status",
            "method", "sources"}  # fmt: skip
TARGET_KEYS = {"kind", "measure", "value", "value_max", "unit", "qualifier", "cumulative", "year"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("store") / "samples.db"
    with Store.open(path) as store:
        summary = Ledger(store).ingest([SAMPLES], workers=1)
    assert summary.failed == 0
    return str(path)


def run(*args: str) -> Result:
    # wide enough for the table's columns to be read whole
    return CliRunner(env={"COLUMNS": "240"}).invoke(main, list(args), catch_exceptions=False)


def ledger_json(db: str, *args: str) -> list[dict[str, Any]]:
    result = run("ledger", "--db", db, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def find(
    rows: list[dict[str, Any]], indicator_id: str, period: str, measure: str = "level"
) -> dict[str, Any]:
    (row,) = [r for r in rows if r["indicator_id"] == indicator_id and r["period"] == period
              and r["target"]["measure"] == measure]  # fmt: skip
    return row


def test_json_rows_have_the_documented_shape(db: str) -> None:
    rows = ledger_json(db, "--region", "澜溪区")
    assert rows
    for r in rows:
        assert set(r) >= ROW_KEYS
        assert set(r["target"]) >= TARGET_KEYS
        assert r["actual"] is None or {"value", "unit", "year"} <= set(r["actual"])
        assert r["status"] in {"achieved", "on_track", "at_risk", "missed", "pending", "needs_review"}
        for s in r["sources"]:
            assert {"document", "span", "text"} <= set(s)


def test_plan_target_against_latest_report(db: str) -> None:
    gdp = find(ledger_json(db, "--region", "澜溪区"), "gdp", "2021-2025")
    assert gdp["target"]["value"] == 550 and gdp["target"]["qualifier"] == "about"
    assert gdp["actual"]["value"] == 497.2 and gdp["actual"]["year"] == 2024
    assert gdp["details"]["baseline"] == 402
    assert gdp["gap"] == pytest.approx(52.8)
    assert gdp["required_pace"] == pytest.approx(10.6195, abs=1e-3)
    assert (gdp["status"], gdp["method"]) == ("at_risk", "sdg")
    docs = {s["document"]: s["role"] for s in gdp["sources"]}
    assert docs["lanxi-2025-work-report"] == "actual" and "lanxi-fyp14" in docs
    source = next(s for s in gdp["sources"] if s["document"] == "lanxi-2025-work-report")
    original = (SAMPLES / "lanxi-2025-work-report.txt").read_text(encoding="utf-8")
    assert "497.2" in original[source["span"][0] : source["span"][1]]


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["--status", "achieved"], lambda rows: {r["status"] for r in rows} == {"achieved"}),
        (
            ["--status", "pending", "--status", "missed"],
            lambda rows: {r["status"] for r in rows} == {"pending", "missed"},
        ),
        (["--year", "2024"], lambda rows: {r["period"] for r in rows} == {"2024", "2021-2025"}),
        (
            ["--indicator", "gdp"],
            lambda rows: (
                {(r["indicator_id"], r["period"]) for r in rows}
                == {("gdp", "2021-2025"), ("gdp", "2024"), ("gdp", "2025")}
            ),
        ),
        (["--indicator", "地区生产总值"], lambda rows: {r["indicator_id"] for r in rows} == {"gdp"}),
        (["--region", "天宁区"], lambda rows: rows == []),  # a known region without statements
    ],
)
def test_filters(db: str, args: list[str], check: Any) -> None:
    assert check(ledger_json(db, *args))


def test_method_tolerance_and_as_of(db: str) -> None:
    unsd = find(ledger_json(db, "--method", "unsd"), "gdp", "2021-2025")
    assert unsd["method"] == "unsd" and unsd["status"] == "at_risk"
    strict = find(ledger_json(db, "--tolerance", "level=1%"), "gdp", "2021-2025")
    assert strict["details"]["tolerance"] == pytest.approx(5.5)
    then = find(ledger_json(db, "--as-of", "2023"), "gdp", "2021-2025")
    assert then["actual"]["year"] == 2023 and then["actual"]["value"] == 468.5


def test_settings_file(db: str, tmp_path: Path) -> None:
    f = tmp_path / "ledger.toml"
    f.write_text('[ledger]\nmethod = "both"\n', encoding="utf-8")
    row = find(ledger_json(db, "--config", str(f)), "gdp", "2021-2025")
    assert row["method"] == "sdg+unsd"


@pytest.mark.parametrize("args", [["--tolerance", "lots"], ["--method", "vote"]])
def test_bad_settings_fail_cleanly(db: str, args: list[str]) -> None:
    result = run("ledger", "--db", db, *args)
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_csv_and_table(db: str) -> None:
    n = len(ledger_json(db))
    result = run("ledger", "--db", db, "--format", "csv")
    assert result.exit_code == 0
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == n and table[0]["region"] == "澜溪区"
    result = run("ledger", "--db", db)
    assert result.exit_code == 0
    assert "澜溪区" in result.stdout and "at_risk" in result.stdout and f"{n} targets" in result.stdout


def test_export_xlsx_csv_json(db: str, tmp_path: Path) -> None:
    xlsx = tmp_path / "ledger.xlsx"
    result = run("export", "--db", db, "--out", str(xlsx))
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["汇总", "澜溪区"]
    assert wb["澜溪区"].freeze_panes == "A2"

    out = tmp_path / "ledger.data"
    assert (
        run("export", "--db", db, "--format", "json", "--out", str(out), "--region", "澜溪区").exit_code == 0
    )
    assert json.loads(out.read_text(encoding="utf-8")) == ledger_json(db, "--region", "澜溪区")

    c = tmp_path / "ledger.csv"
    assert run("export", "--db", db, "--out", str(c), "--status", "achieved").exit_code == 0
    rows = list(csv.DictReader(io.StringIO(c.read_text(encoding="utf-8-sig"))))
    assert rows and {r["status"] for r in rows} == {"achieved"}


def test_export_needs_a_known_format(db: str, tmp_path: Path) -> None:
    result = run("export", "--db", db, "--out", str(tmp_path / "ledger.pdf"))
    assert result.exit_code == 1 and "--format" in result.output


@pytest.mark.seeds
@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed corpus is not beside the checkout")
def test_seeds_plan_targets_against_2024_results(tmp_path: Path) -> None:
    path = tmp_path / "seeds.db"
    with Store.open(path) as store:
        Ledger(store).ingest([SEEDS], workers=1)
    rows = ledger_json(str(path), "--region", "天宁")  # the short form resolves to 天宁区
    assert {r["region"] for r in rows} == {"天宁区"}
    answered = [r for r in rows if r["period"] == "2021-2025" and r["actual"] and r["actual"]["year"] == 2024]
    assert answered
    for r in answered:
        assert r["status"] in {"achieved", "on_track", "at_risk", "missed", "needs_review"}
        roles = {s["role"] for s in r["sources"]}
        assert "target" in roles and "actual" in roles
        assert len({s["document"] for s in r["sources"]}) >= 2  # the plan and a later report


def test_status_overrides_show_in_the_cli_as_in_the_api(tmp_path: Path) -> None:
    from mubiao.store.overrides import set_override

    path = tmp_path / "o.db"
    with Store.open(path) as store:
        Ledger(store).ingest([SAMPLES], workers=1)
        row = find(ledger_json(str(path), "--region", "澜溪区"), "gdp", "2021-2025")
        assert row["status"] == "at_risk"
        set_override(store, row["target_id"], "on_track", "快报显示2025年可达550亿元", who="督查室")
    again = find(ledger_json(str(path), "--region", "澜溪区"), "gdp", "2021-2025")
    assert again["status"] == "on_track"
    assert again["details"]["computed_status"] == "at_risk"
    assert [r["target_id"] for r in ledger_json(str(path), "--status", "on_track")].count(
        row["target_id"]
    ) == 1


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["--region", "天凝区"], "did you mean 天宁区"),
        (["--indicator", "地区生产总直"], "did you mean 地区生产总值"),
    ],
)
def test_a_misspelt_filter_is_refused_with_a_suggestion(db: str, args: list[str], hint: str) -> None:
    result = run("ledger", "--db", db, *args)
    assert result.exit_code == 1
    assert hint in result.output


def test_a_short_region_name_finds_the_stored_region(db: str) -> None:
    assert ledger_json(db, "--region", "澜溪") == ledger_json(db, "--region", "澜溪区") != []
