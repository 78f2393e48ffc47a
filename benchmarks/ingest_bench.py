"""Ingestion against extraction alone: time, documents/s and statements/s per store, engine and workers.

    .venv/bin/python benchmarks/ingest_bench.py ../shared/corpus/national \\
        --store sqlite --store postgresql+psycopg://postgres@127.0.0.1:5432/postgres \\
        --workers 1 --workers 2 [--per-document] [--engine dask --scheduler tcp://HOST:8786]

First extraction alone, in this process, one file after another (what ``ingest --workers 1``
does besides writing); then, for each store and worker count, ``Ledger.ingest`` of the same files
into a fresh store (a new SQLite file; a new PostgreSQL database, dropped after).  Prints wall and
CPU seconds (this process and its reaped children: on a machine shared with other work the CPU
figure is the steadier one), documents/s, statements/s and the ratio to extraction alone.
``--per-document`` also runs the former path, one ORM transaction per document, for comparison.
"""

from __future__ import annotations

import argparse
import resource
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mubiao.ledger import Ledger
from mubiao.ledger import ingest as ingest_module
from mubiao.ledger.ingest import expand_paths, extract_file
from mubiao.store.engine import resolve_url
from mubiao.store.store import Store


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def extraction_alone(files: list[Path]) -> tuple[float, float, int]:
    t0, c0 = time.perf_counter(), cpu()
    statements = 0
    for f in files:
        out = extract_file(str(f), f.stem)
        statements += len(out.get("statements", ()))
    return time.perf_counter() - t0, cpu() - c0, statements


@contextmanager
def fresh_store(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'bench.db'}"
        return
    admin = resolve_url(kind)
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    name = f"mubiao_bench_{secrets.token_hex(4)}"
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def run_ingest(
    url: str, files: list[Path], workers: int, ingest: Callable[..., Any]
) -> tuple[Any, float, float]:
    with Store.open(url) as store:
        t0, c0 = time.perf_counter(), cpu()
        summary = ingest(Ledger(store), files, workers)
        return summary, time.perf_counter() - t0, cpu() - c0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--store", action="append", help="sqlite, or a PostgreSQL server's URL (repeatable)")
    ap.add_argument("--workers", type=int, action="append", help="worker counts to run (repeatable)")
    ap.add_argument("--limit", type=int, help="only the first N files")
    ap.add_argument("--per-document", action="store_true", help="also the former per-document writes")
    ap.add_argument("--no-extraction", action="store_true", help="skip extraction alone")
    ap.add_argument("--engine", choices=["local", "dask"], default="local")
    ap.add_argument(
        "--scheduler", help="the dask scheduler's address (with --engine dask; default: a local cluster)"
    )
    args = ap.parse_args()
    files = expand_paths([args.corpus])[: args.limit]
    print(f"{len(files)} files, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB")
    base: float | None = None
    if not args.no_extraction:
        wall, used, statements = extraction_alone(files)
        base = wall
        print(
            f"extraction alone      {wall:7.1f} s wall {used:7.1f} s CPU  {len(files) / wall:6.1f} docs/s "
            f"{statements / wall:8.0f} statements/s"
        )

    def local(ledger: Ledger, paths: list[Path], workers: int) -> Any:
        return ledger.ingest(paths, workers=workers)

    def dask(ledger: Ledger, paths: list[Path], workers: int) -> Any:
        if args.scheduler:
            return ledger.ingest(paths, engine="dask", scheduler=args.scheduler)
        # no cluster given: a local one of ``workers`` processes, started before the clock runs
        from distributed import LocalCluster

        with LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            t0 = time.perf_counter()
            summary = ledger.ingest(paths, engine="dask", scheduler=cluster.scheduler_address)
            summary.seconds = time.perf_counter() - t0
            return summary

    ways: list[tuple[str, Callable[..., Any]]] = [(args.engine, dask if args.engine == "dask" else local)]
    if args.per_document:
        ways.append(("per-document", local))
    for kind in args.store or ["sqlite"]:
        for workers in args.workers or [1]:
            for name, ingest in ways:
                original = ingest_module.insert_new
                if name == "per-document":
                    ingest_module.insert_new = lambda conn, items, version: ({}, list(items))
                try:
                    with fresh_store(kind) as url:
                        summary, wall, used = run_ingest(url, files, workers, ingest)
                finally:
                    ingest_module.insert_new = original
                # a local cluster's start is not the ingestion's: its own clock when it has one
                wall = summary.seconds if name == "dask" else wall
                store = "sqlite" if kind == "sqlite" else "postgresql"
                ratio = f"{base / wall:5.2f}x extraction" if base else ""
                print(
                    f"{store:10} {name:12} w={workers} {wall:7.1f} s wall {used:7.1f} s CPU "
                    f"{summary.new / wall:6.1f} docs/s {summary.statements / wall:8.0f} statements/s "
                    f"({summary.new} new, {summary.same_text} other formats, {summary.failed} failed, "
                    f"{summary.statements} statements) {ratio}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
