"""The dask engine: a local cluster of two worker processes stores what the local pool stores, in
PostgreSQL; a worker lost mid-document loses and doubles nothing; SQLite is refused, saying why."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from test_ingest import without_ids

from mubiao.errors import UsageError
from mubiao.ledger import Ledger
from mubiao.ledger import cluster as cluster_module
from mubiao.ledger import ingest as ingest_module
from mubiao.ledger.ingest import EXTRACTOR_VERSION
from mubiao.store.store import Store

distributed = pytest.importorskip("distributed")

REGIONS = ("清河市东湖区", "清河市西山区", "澜溪区", "临江县", "北塘市")


def twenty_documents(folder: Path, samples: Path) -> list[Path]:
    """The three samples and seventeen work reports of five regions over several years."""
    folder.mkdir()
    paths = []
    for f in sorted(samples.glob("*.txt")):
        paths.append(folder / f.name)
        paths[-1].write_bytes(f.read_bytes())
    for n in range(20 - len(paths)):
        region, year = REGIONS[n % len(REGIONS)], 2018 + n // len(REGIONS) * 2 + n % 2
        body = (
            f"{region}{year}年政府工作报告\n{year}年1月8日\n一、{year - 1}年工作回顾\n"
            f"{year - 1}年，全区地区生产总值增长{5 + n % 4}.{n % 10}%，一般公共预算收入达到{20 + n}.4亿元，"
            f"新建口袋公园{10 + n}个。\n二、{year}年主要目标\n"
            f"{year}年，地区生产总值增长{5 + n % 3}.5%左右，一般公共预算收入增长{3 + n % 5}%，"
            f"城镇新增就业{1000 + 37 * n}人。\n"
        )
        paths.append(folder / f"report-{n:02d}.txt")
        paths[-1].write_text(body, encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as c:
        yield c


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    store = Store.open(pg_url)
    with store.engine.begin() as conn:
        conn.execute(text("TRUNCATE documents, statements, document_files RESTART IDENTITY CASCADE"))
    try:
        yield store
    finally:
        store.close()


@pytest.mark.postgres
def test_a_local_cluster_stores_what_the_local_pool_stores(
    cluster: Any, pg_store: Store, samples: Path, tmp_path: Path
) -> None:
    paths = twenty_documents(tmp_path / "twenty", samples)
    events: list[Any] = []
    summary = Ledger(pg_store).ingest(
        paths, engine="dask", scheduler=cluster.scheduler_address, progress=events.append
    )
    assert (summary.new, summary.failed) == (20, 0)
    assert [e.done for e in events[1:]] == list(range(1, 21))  # the progress bar moves per document
    with Store.open(f"sqlite:///{tmp_path / 'local.db'}") as local:
        pool = Ledger(local).ingest(paths, workers=2)
        assert (pool.new, pool.statements) == (summary.new, summary.statements)
        assert without_ids(pg_store) == without_ids(local)
    # again: nothing new, nothing doubled
    again = Ledger(pg_store).ingest(paths, engine="dask", scheduler=cluster.scheduler_address)
    assert (again.new, again.unchanged) == (0, 20)


def _dies_once(marker: Path) -> Callable[..., dict[str, Any]]:
    def task(*args: Any) -> dict[str, Any]:
        try:
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return ingest_module.extract_bytes(*args)
        os._exit(1)  # the worker process dies with this document in hand

    return task


@pytest.mark.postgres
def test_a_lost_worker_loses_and_doubles_nothing(
    cluster: Any, pg_store: Store, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cloudpickle

    paths = twenty_documents(tmp_path / "twenty", samples)
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    original = cluster_module.extract_on_dask

    def dying(jobs: Any, scheduler: str, task: Any) -> Any:
        return original(jobs, scheduler, _dies_once(tmp_path / "died"))

    monkeypatch.setattr(ingest_module, "extract_on_dask", dying)
    try:
        summary = Ledger(pg_store).ingest(paths, engine="dask", scheduler=cluster.scheduler_address)
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert (tmp_path / "died").exists()
    assert (summary.new, summary.failed) == (20, 0)
    docs = pg_store.documents()
    assert len(docs) == 20 and len({d.doc_id for d in docs}) == 20
    assert summary.statements == len(pg_store.statements())


def test_the_dask_engine_refuses_sqlite(store: Store, samples: Path) -> None:
    if store.engine.dialect.name != "sqlite":
        pytest.skip("about SQLite")
    with pytest.raises(UsageError, match="PostgreSQL only"):
        Ledger(store).ingest([samples], engine="dask", scheduler="tcp://127.0.0.1:1")
    with pytest.raises(UsageError, match="scheduler"):
        Ledger(store).ingest([samples], engine="dask")


def test_a_worker_of_another_version_refuses_the_document(samples: Path) -> None:
    data = (samples / "lanxi-fyp14.txt").read_bytes()
    done = ingest_module.extract_bytes(data, "lanxi-fyp14.txt", "lanxi-fyp14", None, None, EXTRACTOR_VERSION)
    assert done["ok"] and done["statements"]
    assert done == ingest_module.extract_file(str(samples / "lanxi-fyp14.txt"), "lanxi-fyp14")
    refused = ingest_module.extract_bytes(data, "lanxi-fyp14.txt", "lanxi-fyp14", None, None, "0.0.0")
    assert not refused["ok"] and "same version" in refused["reason"]
