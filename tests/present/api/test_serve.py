"""``mubiao serve``: opens the store, prints the address, runs uvicorn on the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi import FastAPI

from mubiao.present.cli import main


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import uvicorn

    calls: dict[str, Any] = {}

    def run(app: FastAPI, **kwargs: Any) -> None:
        calls.update(kwargs, app=app)

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.delenv("MUBIAO_TOKEN", raising=False)
    return calls


def test_serve_prints_the_address_and_runs_the_app(served: dict[str, Any], tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", "8123", "--token", "a:b"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.stdout
    assert (served["host"], served["port"]) == ("127.0.0.1", 8123)
    assert served["app"].state.mubiao.token == "b" and served["app"].state.mubiao.label == "a"
    assert db.is_file()


def test_serve_without_a_token_says_it_is_read_only(served: dict[str, Any], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 0
    assert "read-only" in result.stderr and "http://0.0.0.0:8000/" in result.stdout
    assert served["app"].state.mubiao.token is None


def test_serve_on_a_bad_store_fails_with_one_line(served: dict[str, Any], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "missing" / "s.db")])
    assert result.exit_code == 1 and "error:" in result.stderr and not served
