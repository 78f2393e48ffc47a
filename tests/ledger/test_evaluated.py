"""Evaluated rows kept in the store: a restart answers without evaluating; a write stales only its
regions; other settings or a newer mubiao evaluate again; the rows come back exactly."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from test_ledger_facade import SAMPLES, _manual

from mubiao.ledger import ledger as ledger_module
from mubiao.ledger.config import EvalConfig
from mubiao.ledger.evaluate import evaluate
from mubiao.ledger.ledger import Ledger
from mubiao.store import evaluated
from mubiao.store.store import Store


@pytest.fixture
def lanxi(store: Store) -> Store:
    Ledger(store).ingest(sorted(SAMPLES.glob("*.txt")), workers=1)
    return store


class Counting:
    """evaluate(), counting the regions it is given."""

    def __init__(self) -> None:
        self.regions: list[str | None] = []
        #: the threads it was called in
        self.threads: list[threading.Thread] = []

    def __call__(self, records: Any, **kwargs: Any) -> Any:
        self.threads.append(threading.current_thread())
        self.regions.extend({r.region for r in records})
        return evaluate(records, **kwargs)


def test_rows_come_back_from_json_exactly(lanxi: Store) -> None:
    rows = Ledger(lanxi).rows()
    assert rows
    back = evaluated.rows_from_json(evaluated.rows_to_json(rows))
    assert back == rows
    assert [r.to_dict() for r in back] == [r.to_dict() for r in rows]


def test_a_restart_answers_without_evaluating(
    lanxi: Store, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Ledger(lanxi).rows()
    counting = Counting()
    monkeypatch.setattr(ledger_module, "evaluate", counting)
    with Store.open(store_url) as reopened:
        again = Ledger(reopened)
        assert again.rows() == first
        assert again.rows(region="澜溪区") == [r for r in first if r.region == "澜溪区"]
    assert counting.regions == []


def test_a_write_stales_only_its_regions(
    lanxi: Store, store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Ledger(lanxi).import_actuals(_manual(tmp_path, "天宁区", 900), user="t")
    Ledger(lanxi).rows()
    Ledger(lanxi).import_actuals(_manual(tmp_path, "天宁区", 901), user="t")
    counting = Counting()
    monkeypatch.setattr(ledger_module, "evaluate", counting)
    with Store.open(store_url) as reopened:
        rows = Ledger(reopened).rows()
        assert counting.regions == ["天宁区"]
        assert [r.to_dict() for r in rows] == [r.to_dict() for r in evaluate(reopened.statements())]
        # kept again: the next restart evaluates nothing
        counting.regions.clear()
        assert Ledger(reopened).rows() == rows
        assert counting.regions == []


def test_a_replaced_document_evaluates_everything_again(
    lanxi: Store, store_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    Ledger(lanxi).rows()
    folder = tmp_path / "edition"
    folder.mkdir()
    report = folder / "lanxi-2024-work-report.txt"
    report.write_text(
        (SAMPLES / "lanxi-2024-work-report.txt").read_text(encoding="utf-8") + "\n新增一句。", "utf-8"
    )
    Ledger(lanxi).ingest([report], workers=1)
    counting = Counting()
    monkeypatch.setattr(ledger_module, "evaluate", counting)
    with Store.open(store_url) as reopened:
        rows = Ledger(reopened).rows()
        assert counting.regions  # evaluated again
        assert [r.to_dict() for r in rows] == [r.to_dict() for r in evaluate(reopened.statements())]


def test_other_settings_evaluate_again(lanxi: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    Ledger(lanxi).rows()
    counting = Counting()
    monkeypatch.setattr(ledger_module, "evaluate", counting)
    Ledger(lanxi, config=EvalConfig(on_track=0.5)).rows()
    assert counting.regions


def test_a_refresh_after_a_write_evaluates_in_the_background(
    lanxi: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = Ledger(lanxi)
    ledger.rows()
    Ledger(lanxi).import_actuals(_manual(tmp_path, "天宁区", 900), user="t")
    ledger.refresh_in_background().join(30)
    counting = Counting()
    monkeypatch.setattr(ledger_module, "evaluate", counting)
    assert [r.to_dict() for r in ledger.rows()] == [r.to_dict() for r in evaluate(lanxi.statements())]
    assert counting.regions == []


def test_a_page_of_documents_is_the_slice_of_all_of_them(lanxi: Store) -> None:
    everything = lanxi.documents()
    assert len(everything) == 3
    for limit, offset in ((2, 0), (2, 2), (5, 0), (1, 3)):
        page, total = lanxi.documents_page(limit=limit, offset=offset)
        assert total == 3
        assert page == everything[offset : offset + limit]


def test_a_kept_view_is_answered_after_a_restart_until_the_store_changes(
    lanxi: Store, store_url: str, tmp_path: Path
) -> None:
    calls: list[int] = []

    def compute(ledger: Ledger) -> dict[str, int]:
        calls.append(1)
        return {"rows": len(ledger.rows())}

    def view(ledger: Ledger) -> dict[str, int]:
        return ledger.kept_view("n", lambda: compute(ledger), json.dumps, json.loads)

    first = view(Ledger(lanxi))
    with Store.open(store_url) as reopened:
        assert view(Ledger(reopened)) == first
        assert len(calls) == 1
        Ledger(reopened).import_actuals(_manual(tmp_path, "天宁区", 900), user="t")
        view(Ledger(reopened))
        assert len(calls) == 2


def test_the_region_paths_are_the_documents_own_each_once(lanxi: Store) -> None:
    paths = {d.region_path for d in lanxi.documents() if d.region_path}
    assert paths and sorted(lanxi.region_paths()) == sorted(paths)


def test_stale_reads_answer_the_view_as_it_was_while_it_is_computed_again(
    lanxi: Store, tmp_path: Path
) -> None:
    ledger = Ledger(lanxi)
    ledger.serve_stale = True

    def count() -> int:
        return len(ledger.statements())

    before = ledger.memo("n", count)
    Ledger(lanxi).import_actuals(_manual(tmp_path, "天宁区", 900), user="t")
    assert ledger.memo("n", count) == before  # as it was; a refresh is started
    refresher = ledger._refresher
    if refresher is not None:
        refresher.join(30)
    assert ledger.memo("n", count) == before + 1
    ledger.serve_stale = False
    Ledger(lanxi).import_actuals(_manual(tmp_path, "钟楼区", 901), user="t")
    assert ledger.memo("n", count) == before + 2  # without stale reads: at once


def test_stale_reads_answer_a_changed_regions_rows_as_they_were_until_evaluated_again(
    lanxi: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = Ledger(lanxi)
    ledger.serve_stale = True
    ledger.refresh_delay = 0.0
    before = ledger.rows(region="澜溪区")
    whole = ledger.rows()
    counting = Counting()
    monkeypatch.setattr(ledger_module, "evaluate", counting)
    Ledger(lanxi).import_actuals(_manual(tmp_path, "澜溪区", 560), user="t")
    # answered at once, as they were, without evaluating in the reader's thread
    assert ledger.rows(region="澜溪区") is before
    assert ledger.rows() == whole
    # the refresh, started at once (no delay), may already be evaluating: in its own thread only
    assert threading.current_thread() not in counting.threads
    refresher = ledger._refresher
    assert refresher is not None
    refresher.join(30)
    assert counting.regions == ["澜溪区"]  # by the refresh, once
    after = ledger.rows(region="澜溪区")
    assert after is not before
    assert [r.to_dict() for r in ledger.rows()] == [r.to_dict() for r in evaluate(lanxi.statements())]
    ledger.serve_stale = False
    Ledger(lanxi).import_actuals(_manual(tmp_path, "澜溪区", 570), user="t")
    assert ledger.rows(region="澜溪区") is not after  # without stale reads: evaluated at once
