"""Stores to test against: a SQLite file per test, and a PostgreSQL database per test session.

The PostgreSQL server is ``$MUBIAO_TEST_PG``, else the local server on 127.0.0.1:5432 with trust
auth (the project's development and CI machines run one).  A fresh database
``mubiao_test_<random>`` is created for the session and dropped after it; each test starts with
its tables emptied.  Where no server answers the PostgreSQL tests skip, saying why — except
under ``CI=true``, where a missing server fails the run.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mubiao.store.engine import display_url, resolve_url
from mubiao.store.store import Store

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
#: tables a test writes; the reference tables (indicators, regions) and alembic_version stay
_DATA_TABLES = (
    "audit", "sup_notices", "sup_progress", "sup_evidence", "sup_task_targets", "sup_task_units",
    "sup_tasks", "sup_monthly", "corrections", "document_versions", "statements", "manual_imports",
    "documents", "evaluated_rows", "kept_views",
    "unit_reports", "credentials", "user_units", "users", "units",
)  # fmt: skip


def _admin_url() -> str:
    return resolve_url(os.environ.get("MUBIAO_TEST_PG") or PG_DEFAULT)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """The URL of a fresh PostgreSQL database for this test session."""
    admin = _admin_url()
    try:
        engine = create_engine(admin, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as e:  # any failure to reach the server: skip or fail, saying why
        reason = (
            f"no PostgreSQL server answers at {display_url(admin)} ({type(e).__name__}: "
            f"{str(e).strip().splitlines()[0] if str(e).strip() else ''}); set MUBIAO_TEST_PG to a server "
            "where this user may create databases, or start one (see the README)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    name = f"mubiao_test_{secrets.token_hex(4)}"
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def _empty(url: str) -> None:
    """Empty the data tables of a PostgreSQL store left by an earlier test."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            present = {
                r[0]
                for r in conn.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                )
            }
            tables = [t for t in _DATA_TABLES if t in present]
            if tables:
                conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store: a SQLite file, or the session's PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'mubiao.db'}"
    url: str = request.getfixturevalue("pg_url")
    _empty(url)
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = Store.open(store_url)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """A copy of the project's sample documents that a test may change."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for f in sorted(SAMPLES.glob("*.txt")):
        (folder / f.name).write_bytes(f.read_bytes())
    return folder
