"""``mubiao extract``: formats, overrides, and batches with bad files in them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mubiao.present.cli import main

REPORT = "澜溪区2025年政府工作报告\n二、2025年目标任务\n地区生产总值增长5%左右;城镇新增就业1.2万人。\n"


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(data, bytes):
        p.write_bytes(data)
    else:
        p.write_text(data, encoding="utf-8")
    return p


def test_jsonl_records_follow_the_spec(tmp_path: Path) -> None:
    f = write(tmp_path, "lanxi-2025.txt", REPORT)
    result = CliRunner().invoke(main, ["extract", str(f), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["indicator"], r["value"], r["unit"], r["qualifier"], r["year"]) for r in rows] == [
        ("地区生产总值", 5, "%", "about", 2025),
        ("城镇新增就业", 1.2, "万人", "exact", 2025),
    ]
    for r in rows:
        assert r["doc"] == "lanxi-2025"
        assert set(r) >= {
            "kind",
            "indicator_id",
            "measure",
            "value_max",
            "cumulative",
            "region",
            "span",
            "text",
        }
        a, b = r["span"]
        assert str(r["value"]) in REPORT[a:b]


def test_csv_and_table(tmp_path: Path) -> None:
    f = write(tmp_path, "r.txt", REPORT)
    out = CliRunner().invoke(main, ["extract", str(f), "--format", "csv"]).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["indicator"] == "地区生产总值" and rows[0]["value"] == "5"
    table = CliRunner(env={"COLUMNS": "200"}).invoke(main, ["extract", str(f)]).stdout
    assert "地区生产总值" in table and "≈5%" in table


def test_region_and_year_override(tmp_path: Path) -> None:
    f = write(tmp_path, "r.txt", "主要预期目标:地区生产总值增长5%左右。")
    out = (
        CliRunner()
        .invoke(main, ["extract", str(f), "--format", "jsonl", "--region", "东湖区", "--year", "2026"])
        .stdout
    )
    row = json.loads(out.splitlines()[0])
    assert (row["region"], row["year"]) == ("东湖区", 2026)


def test_a_bad_file_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path, "a.txt", REPORT)
    empty = write(tmp_path, "b.txt", "")
    binary = write(tmp_path, "c.txt", b"\x00\x01\x02\x03" * 100)
    also_good = write(tmp_path, "d.txt", REPORT)
    result = CliRunner().invoke(
        main, ["extract", str(good), str(empty), str(binary), str(also_good), "--format", "jsonl"]
    )
    assert result.exit_code == 1
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert docs == {"a", "d"}
    assert "b.txt" in result.stderr and "c.txt" in result.stderr


def test_a_folder_is_read_whole(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", REPORT)
    write(tmp_path, "b.txt", REPORT)
    out = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "jsonl"]).stdout
    assert {json.loads(line)["doc"] for line in out.splitlines()} == {"a", "b"}


def test_every_command_and_option_is_documented() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")

    def walk(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
        # through list_commands/get_command, as click does: the top group loads its commands lazily
        ctx = click.Context(group)
        out: list[tuple[str, click.Command]] = []
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None, name
            path = f"{prefix} {name}"
            out.extend(walk(command, path) if isinstance(command, click.Group) else [(path, command)])
        return out

    commands = walk(main, "mubiao")
    assert len(commands) >= 10
    for path, command in commands:
        assert path in readme, f"`{path}` is not in the README"
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in readme, f"option {opt} of `{path}` is not in the README"


_MODULES_OF_A_RUN = """
import sys
from click.testing import CliRunner
from mubiao.present.cli import main
result = CliRunner().invoke(main, ["extract", sys.argv[1], "--format", "jsonl"])
assert result.exit_code == 0, result.output
print(" ".join(sorted(sys.modules)))
"""


def test_extracting_a_text_file_imports_only_what_it_uses(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    f = write(tmp_path, "lanxi-2025.txt", REPORT)
    env = {**os.environ, "MUBIAO_CACHE_DIR": str(tmp_path / "cache")}

    def modules() -> set[str]:
        run = subprocess.run(
            [sys.executable, "-c", _MODULES_OF_A_RUN, str(f)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return set(run.stdout.split())

    first, second = modules(), modules()
    # the store, the web service and the readers of other formats wait for a command or a file
    # that needs them, and the builder of the region tables for new data
    unused = {"sqlalchemy", "fastapi", "pypdf", "docx", "selectolax", "mubiao.store", "mubiao.read.html"}
    unused.add("mubiao.reference.region_tables")
    assert first & unused == set()
    assert second & unused == set()
    # the packaged data is read beside its module, not through importlib.resources (and its tempfile)
    assert "importlib.resources" not in first | second
    assert list((tmp_path / "cache").glob("regions-*.pickle"))


_CONSOLE = """
import atexit, sys
atexit.register(lambda: print("atexit ran", file=sys.stderr))
from mubiao.present.cli import run
sys.argv = ["mubiao", *sys.argv[1:]]
run()
"""


@pytest.mark.parametrize("bad", [False, True])
def test_the_console_command_exits_with_its_status_and_all_its_output(tmp_path: Path, bad: bool) -> None:
    # run() ends the process without Python's teardown: the output must still be whole, the atexit
    # handlers run, and the status that of the command
    import os
    import subprocess
    import sys

    body = "".join(
        f"第{i}项：地区生产总值增长{i % 9}.{i % 7}%左右，城镇新增就业{i}万人。\n" for i in range(1, 400)
    )
    f = write(tmp_path, "lanxi-2025.txt", REPORT + body)
    files = [str(f)] + ([str(tmp_path / "missing.txt")] if bad else [])
    env = {**os.environ, "MUBIAO_CACHE_DIR": str(tmp_path / "cache")}
    run = subprocess.run(
        [sys.executable, "-c", _CONSOLE, "extract", *files, "--format", "jsonl"],
        env=env,
        capture_output=True,
        text=True,
    )
    # the same output as the command run in this process, to its last line
    want = CliRunner().invoke(main, ["extract", str(f), "--format", "jsonl"]).stdout
    assert len(want.splitlines()) > 700
    assert run.stdout == want
    assert "atexit ran" in run.stderr
    assert run.returncode == (1 if bad else 0)
    if bad:
        assert "missing.txt" in run.stderr


def test_the_console_command_reports_a_usage_error_with_status_2() -> None:
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", _CONSOLE, "extract", "--no-such-option"], capture_output=True, text=True
    )
    assert run.returncode == 2
    assert "no-such-option" in run.stderr
