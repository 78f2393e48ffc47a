"""An API over a store of the project's sample documents, and its in-process client (no socket)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from apiclient import SAMPLES, TOKEN, Client

from mubiao.ledger import Ledger
from mubiao.present.api import create_app
from mubiao.store.store import Store


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store of samples/*.txt, built once per module (ingestion is the slow part)."""
    folder = tmp_path_factory.mktemp("store")
    with Store.open(folder / "mubiao.db") as store:
        summary = Ledger(store).ingest(sorted(SAMPLES.glob("*.txt")), workers=1)
    assert summary.failed == 0 and summary.new == 3
    return folder / "mubiao.db"


@pytest.fixture
def store(sample_db: Path, tmp_path: Path) -> Iterator[Store]:
    """A fresh copy of the sample store per test: writes of one test never reach another."""
    db = tmp_path / "mubiao.db"
    shutil.copyfile(sample_db, db)
    s = Store.open(db)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def client(store: Store, monkeypatch: pytest.MonkeyPatch) -> Client:
    monkeypatch.delenv("MUBIAO_TOKEN", raising=False)
    return Client(create_app(store, token=TOKEN))


@pytest.fixture
def read_only(store: Store, monkeypatch: pytest.MonkeyPatch) -> Client:
    """The API of a server started without a token."""
    monkeypatch.delenv("MUBIAO_TOKEN", raising=False)
    return Client(create_app(store))
