"""Regions evaluated in a worker process (a server's): the same rows as in this process, kept in
the store, and a dead worker costs nothing but time."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_evaluated import Counting
from test_ledger_facade import SAMPLES, _manual

from mubiao.ledger import ledger as ledger_module
from mubiao.ledger.evaluate import evaluate
from mubiao.ledger.ledger import Ledger
from mubiao.store.store import Store


@pytest.fixture
def lanxi(store: Store) -> Store:
    Ledger(store).ingest(sorted(SAMPLES.glob("*.txt")), workers=1)
    return store


def _everything(store: Store) -> list[dict[str, object]]:
    return [r.to_dict() for r in evaluate(store.statements())]


def test_a_write_is_evaluated_in_the_worker_and_kept(
    lanxi: Store, store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = Ledger(lanxi)
    try:
        assert ledger.evaluate_apart()
        ledger.rows()
        here = Counting()
        monkeypatch.setattr(ledger_module, "evaluate", here)
        Ledger(lanxi).import_actuals(_manual(tmp_path, "澜溪区", 560), user="t")
        assert [r.to_dict() for r in ledger.rows()] == _everything(lanxi)
        assert [r.to_dict() for r in ledger.rows(region="澜溪区")] == [
            r for r in _everything(lanxi) if r["region"] == "澜溪区"
        ]
        assert here.regions == []  # nothing evaluated in this process
        with Store.open(store_url) as reopened:  # the worker kept them: a restart evaluates nothing
            assert [r.to_dict() for r in Ledger(reopened).rows()] == _everything(lanxi)
        assert here.regions == []
    finally:
        ledger.close()


def test_a_dead_worker_costs_only_time(
    lanxi: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ledger = Ledger(lanxi)
    try:
        assert ledger.evaluate_apart()
        ledger.rows()
        Ledger(lanxi).import_actuals(_manual(tmp_path, "澜溪区", 560), user="t")
        ledger.rows()
        evaluator = ledger.evaluator
        assert evaluator is not None and evaluator._pool is not None
        for process in list(evaluator._pool._processes.values()):  # type: ignore[attr-defined]
            process.kill()
            process.join()
        Ledger(lanxi).import_actuals(_manual(tmp_path, "澜溪区", 570), user="t")
        assert [r.to_dict() for r in ledger.rows()] == _everything(lanxi)  # evaluated here instead
        assert "the evaluating process failed" in caplog.text
        Ledger(lanxi).import_actuals(_manual(tmp_path, "澜溪区", 580), user="t")
        assert [r.to_dict() for r in ledger.rows()] == _everything(lanxi)  # by a new worker
        assert evaluator._pool is not None
    finally:
        ledger.close()
    assert ledger.evaluator is None


def test_a_store_in_memory_is_evaluated_in_its_own_process() -> None:
    with Store.open("sqlite:///:memory:") as store:
        assert not Ledger(store).evaluate_apart()
