"""Batched writes: a batch stores what one document at a time stores; one bad document still fails
alone; races on a document's key; indexes dropped for a bulk load come back; migrations under a lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect
from test_ingest import snapshot, without_ids

from mubiao.ledger import Ledger
from mubiao.ledger import ingest as ingest_module
from mubiao.ledger.ingest import extract_file
from mubiao.store import models as m
from mubiao.store.bulk import BatchItem, drop_statement_indexes, insert_new, split_new
from mubiao.store.store import Store


def _indexes(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return {str(ix["name"]) for ix in inspect(conn).get_indexes("statements")}


def test_a_batch_stores_what_one_document_at_a_time_stores(
    store: Store, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batched = Ledger(store).ingest([samples], workers=1)
    monkeypatch.setattr(ingest_module, "_BATCH_DOCUMENTS", 1)
    monkeypatch.setattr(ingest_module, "insert_new", lambda conn, items, version: ({}, list(items)))
    with Store.open(f"sqlite:///{tmp_path / 'one.db'}") as one:
        alone = Ledger(one).ingest([samples], workers=1)
        assert (batched.new, batched.statements, batched.chars) == (alone.new, alone.statements, alone.chars)
        assert without_ids(store) == without_ids(one)
        assert [(d.doc_id, d.files, d.statements) for d in store.documents()] == [
            (d.doc_id, d.files, d.statements) for d in one.documents()
        ]


def test_a_document_the_database_refuses_fails_alone_in_a_batch(
    store: Store, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(path: str, doc_id: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        out = extract_file(path, doc_id)
        if doc_id == "lanxi-fyp14":
            out["statements"][0]["kind"] = None  # NOT NULL: the database refuses the row
        return out

    monkeypatch.setattr(ingest_module, "extract_file", refused)
    summary = Ledger(store).ingest([samples], workers=1)
    assert [Path(f.path).name for f in summary.failures] == ["lanxi-fyp14.txt"]
    assert summary.new == 2
    assert "lanxi-fyp14" not in {d.doc_id for d in store.documents()}
    assert "lanxi-fyp14" not in {r.doc_id for r in store.statements()}
    # the store as it was for that document: ingested again once fixed, it is new
    monkeypatch.setattr(ingest_module, "extract_file", extract_file)
    again = Ledger(store).ingest([samples], workers=1)
    assert (again.new, again.unchanged, again.failed) == (1, 2, 0)


def test_a_document_another_process_stored_first_is_not_doubled(store: Store, samples: Path) -> None:
    path = samples / "lanxi-fyp14.txt"
    extracted = extract_file(str(path), "lanxi-fyp14")
    item = BatchItem("ab" * 32, str(path), extracted)
    with store.engine.begin() as conn:
        new, rest = split_new(conn, [item])
    assert new == [item] and rest == []
    # meanwhile another process stores the same file
    Ledger(store).ingest([path], workers=1)
    before = snapshot(store)
    with store.engine.begin() as conn:
        ids, raced = insert_new(conn, new, version="x")
    assert ids == {} and raced == [item]
    assert snapshot(store) == before


def test_indexes_dropped_for_a_bulk_load_are_built_again(
    store: Store, samples: Path, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    wanted = {str(ix.name) for ix in m.Statement.__table__.indexes}
    assert wanted <= _indexes(store)
    seen: list[set[str]] = []
    original = ingest_module.insert_new

    def spy(conn: Any, items: Any, *, version: str) -> Any:
        seen.append({str(ix["name"]) for ix in inspect(conn).get_indexes("statements")})
        return original(conn, items, version=version)

    monkeypatch.setattr(ingest_module, "BULK_LOAD_DOCUMENTS", 2)
    monkeypatch.setattr(ingest_module, "insert_new", spy)
    assert Ledger(store).ingest([samples], workers=1).new == 3
    assert seen and not (wanted & seen[0])  # loaded without them
    assert wanted <= _indexes(store)
    # a load that died half-way: the next open builds them
    drop_statement_indexes(store.engine)
    assert not (wanted & _indexes(store))
    with Store.open(store_url) as reopened:
        assert wanted <= _indexes(reopened)


def test_stores_opened_at_once_are_migrated_once(store_url: str, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}" if store_url.startswith("sqlite") else store_url
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            Store.open(url).close()
        except BaseException as e:  # collected for the assertion below
            errors.append(e)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
def test_extraction_workers_die_with_their_parent(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import os, sys, time
        from mubiao.ledger import ingest

        def slow(path, doc_id, *args, **kwargs):
            # one write of the whole line: print() writes the number and the newline apart, and
            # two workers starting together interleaved them ("12341235" then "")
            os.write(1, f"{os.getpid()}\\n".encode())
            time.sleep(120)

        ingest.extract_file = slow
        from mubiao.store.store import Store
        store = Store.open(sys.argv[1])
        ingest.ingest_paths(store, sys.argv[2:], workers=2)
        """
    )
    docs = []
    for n in range(2):
        p = tmp_path / f"d{n}.txt"
        p.write_text(f"202{n}年地区生产总值增长5%。", encoding="utf-8")
        docs.append(str(p))
    with subprocess.Popen(
        [sys.executable, "-c", script, f"sqlite:///{tmp_path / 'x.db'}", *docs],
        stdout=subprocess.PIPE,
        text=True,
    ) as parent:
        assert parent.stdout is not None
        workers = [int(parent.stdout.readline()) for _ in range(2)]
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (not yet reaped by init) is dead for this purpose
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False
