"""Store benchmark: ingestion throughput, and ledger query latency over a synthetic store.

    python benchmarks/ledger_bench.py [--mb 5] [--statements 1000000] [--no-pg] [--repeat 20]

1. Ingestion: ``Store.ingest`` over a corpus built in a temporary folder from samples/ and, where
   present, the shared seed corpus, copied until it holds ``--mb`` megabytes (each copy made
   distinct, so none is skipped as already stored), into a fresh SQLite file: with one worker
   process per core, and with one process, in documents and characters per second.
2. Queries: a synthetic store of ``--statements`` statements (50 regions × 150 indicators ×
   years × target/actual × level/growth, bulk-inserted) on SQLite, and on PostgreSQL when one
   answers (``MUBIAO_TEST_PG`` or the local server): the latency of ``Store.statements(region=…)``,
   of one region and indicator, and — where ``mubiao.ledger.evaluate`` exists — of the ledger of
   one region (the query plus the evaluation) and of ``Ledger.rows(region=…)`` once the ledger
   facade keeps the region's rows.

A script, not a test: timings depend on the machine.  Prints a small table.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, create_engine, insert, text
from sqlalchemy.engine import make_url

from mubiao.ledger import Ledger
from mubiao.reference.regions import Regions
from mubiao.reference.registry import Registry
from mubiao.store import models as m
from mubiao.store.engine import display_url, resolve_url
from mubiao.store.store import Store

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "samples", ROOT.parent / "shared" / "corpus" / "seeds"]
REGIONS = 50
INDICATORS = 150
KINDS = ("target", "actual")
MEASURES = ("level", "growth")
BATCH = 20_000


# --------------------------------------------------------------------------- ingestion


def build_corpus(folder: Path, megabytes: float) -> int:
    """Copies of the sample and seed documents, each distinct, up to ``megabytes``; their bytes."""
    originals = [p for src in SOURCES if src.is_dir() for p in sorted(src.glob("*.txt"))]
    if not originals:
        raise SystemExit("no documents found in samples/ or ../shared/corpus/seeds")
    size = n = 0
    while size < megabytes * 1_000_000:
        for p in originals:
            # trailing newlines, one more per copy: other bytes (so not skipped), the same text
            data = p.read_bytes() + b"\n" * (n + 1)
            (folder / f"{n:04d}_{p.name}").write_bytes(data)
            size += len(data)
        n += 1
    return size


def bench_ingest(megabytes: float) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        size = build_corpus(corpus, megabytes)
        cores = os.cpu_count() or 1
        for workers in dict.fromkeys((cores, 1)):
            db = Path(tmp) / f"ingest-{workers}.db"
            with Store.open(db) as store:
                s = Ledger(store).ingest([corpus], workers=workers)
            assert s.failed == 0, s.failures[:3]
            label = f"ingest, {workers} worker{'s' if workers > 1 else ''} ({cores} cores)"
            rows.append(
                (
                    label,
                    f"{s.new} docs, {s.chars:,} chars ({size / 1e6:.1f} MB), {s.statements:,} statements in "
                    f"{s.seconds:.1f} s: {s.documents_per_second:.1f} docs/s, {s.chars_per_second:,.0f} chars/s",
                )
            )
    return rows


# --------------------------------------------------------------------------- synthetic store


def fill(
    store: Store, total: int, seed: int = 7, *, n_regions: int = REGIONS, n_indicators: int = INDICATORS
) -> tuple[int, float, list[str]]:
    """Bulk-insert about ``total`` statements; (statements, seconds, region names)."""
    rng = random.Random(seed)
    known = [r.name for r in Regions.default() if r.level != "country"]
    # more regions than the hierarchy knows get made-up district names
    regions = (known + [f"合成{i:04d}区" for i in range(max(0, n_regions - len(known)))])[:n_regions]
    indicators = [(i.id, i.name, i.unit) for i in Registry.default()][:n_indicators]
    per_series = len(KINDS) * len(MEASURES)
    years = max(1, -(-total // (len(regions) * len(indicators) * per_series)))
    first_year = 2026 - years + 1
    now = datetime.now(UTC)
    started = time.perf_counter()
    with store.session() as s, s.begin():
        # one work report per region and year: targets for its year, results of the year before
        docs = [
            {
                "sha256": secrets.token_hex(32),
                "doc_id": f"synthetic-{ri:02d}-{year}",
                "file_name": f"synthetic-{ri:02d}-{year}.txt",
                "format": "txt",
                "encoding": "utf-8",
                "doc_type": "work_report",
                "title": f"{region}{year}年政府工作报告",
                "region": region,
                "region_path": region,
                "report_year": year,
                "review_year": year - 1,
                "target_year": year,
                "original": f"{region}{year}年政府工作报告（合成）",
                "chars": 20,
                "extractor_version": "synthetic",
                "ingested_at": now,
            }
            for ri, region in enumerate(regions)
            for year in range(first_year, first_year + years + 1)
        ]
        s.execute(insert(m.Document), docs)
    with store.engine.connect() as conn:
        doc_ids = {d: i for i, d in conn.execute(text("SELECT id, doc_id FROM documents")).all()}
    indexes = list(cast(Table, m.Statement.__table__).indexes)
    with store.engine.begin() as conn:
        # a bulk load then one index build is several times faster than growing six indexes
        for ix in indexes:
            ix.drop(conn)
    rows = _rows(regions, indicators, first_year, years, doc_ids, rng)
    written = _copy(store, rows) if store.engine.dialect.name == "postgresql" else _insert(store, rows)
    with store.engine.begin() as conn:
        for ix in indexes:
            ix.create(conn)
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE statements"))
    else:
        with store.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return written, time.perf_counter() - started, regions


COLUMNS = (
    "document_id", "doc_id", "kind", "indicator", "indicator_id", "measure", "value", "value_max", "unit",
    "qualifier", "cumulative", "year", "region", "span_start", "span_end", "text", "attribute", "damaged",
    "provenance", "published", "doc_type",
)  # fmt: skip


def _rows(
    regions: list[str],
    indicators: list[tuple[str, str, str | None]],
    first_year: int,
    years: int,
    doc_ids: dict[str, int],
    rng: random.Random,
) -> Iterator[tuple[Any, ...]]:
    """Statements in the order of COLUMNS: targets of a year from its report, results from the next."""
    for ri, region in enumerate(regions):
        for ind_id, name, unit in indicators:
            for year in range(first_year, first_year + years):
                for kind in KINDS:
                    published = year if kind == "target" else year + 1
                    doc = f"synthetic-{ri:02d}-{published}"
                    for measure in MEASURES:
                        growth = measure == "growth"
                        value = round(rng.uniform(1, 10) if growth else rng.uniform(10, 5000), 1)
                        yield (
                            doc_ids[doc], doc, kind, name, ind_id, measure, value, None, "%" if growth else unit,
                            "about" if kind == "target" else "exact", False, year, region, 0, 10,
                            f"{name}{'增长' if growth else ''}{value}", None, False, "extracted", published,
                            "work_report",
                        )  # fmt: skip


def _insert(store: Store, rows: Iterator[tuple[Any, ...]]) -> int:
    """Bulk inserts in batches (executemany), one transaction per batch."""
    written = 0
    stmt = insert(cast(Table, m.Statement.__table__))
    while True:
        batch = [dict(zip(COLUMNS, r, strict=True)) for r in itertools.islice(rows, BATCH)]
        if not batch:
            return written
        with store.engine.begin() as conn:
            conn.execute(stmt, batch)
        written += len(batch)


def _copy(store: Store, rows: Iterator[tuple[Any, ...]]) -> int:
    """PostgreSQL's COPY through psycopg 3: the fast way to load a million rows there."""
    written = 0
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        with cur.copy(f"COPY statements ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(r)
                written += 1
        raw.commit()
    finally:
        raw.close()
    return written


def timed(fn: Callable[[], object], repeat: int, budget: float = 4.0) -> tuple[float, float, int, int]:
    """Median and maximum milliseconds of up to ``repeat`` calls after one warm-up (at least three,
    and no more than ``budget`` seconds' worth); the size of the result; the number of calls."""
    result = fn()
    times: list[float] = []
    spent = 0.0
    while len(times) < repeat and (len(times) < 3 or spent < budget):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        spent += times[-1]
    n = len(result) if isinstance(result, list) else 0
    return statistics.median(times) * 1000, max(times) * 1000, n, len(times)


def bench_queries(
    url: str, total: int, repeat: int, *, n_regions: int = REGIONS, n_indicators: int = INDICATORS
) -> list[tuple[str, str]]:
    label = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    rows: list[tuple[str, str]] = []
    with Store.open(url) as store:
        n, seconds, regions = fill(store, total, n_regions=n_regions, n_indicators=n_indicators)
        per_region = n // len(regions)
        rows.append(
            (
                f"{label}: synthetic store",
                f"{n:,} statements ({len(regions)} regions × {n_indicators} indicators, about {per_region:,} "
                f"a region) bulk-inserted in {seconds:.1f} s",
            )
        )
        rng = random.Random(1)
        picks = rng.sample(regions, 5)
        queries: list[tuple[str, Callable[[], object]]] = [
            (f"{label}: statements(region=…)", lambda: store.statements(region=rng.choice(picks))),
            (
                f"{label}: statements(region, indicator_id)",
                lambda: store.statements(region=rng.choice(picks), indicator_id="gdp"),
            ),
            (
                f"{label}: statements(region, kind, year)",
                lambda: store.statements(region=rng.choice(picks), kind="target", year=2025),
            ),
        ]
        evaluate = _evaluate()
        if evaluate is not None:
            queries.append(
                (
                    f"{label}: ledger of one region",
                    lambda: evaluate(store.statements(region=rng.choice(picks))),
                )
            )
            queries.append(
                (
                    f"{label}: ledger of one region and year",
                    lambda: evaluate(
                        [
                            *store.statements(region=rng.choice(picks), year=2024),
                            *store.statements(region=rng.choice(picks), year=2025),
                        ]
                    ),
                )
            )
        kept = _ledger(store)
        if kept is not None:
            # the first call evaluates the region (the warm-up of timed); the rest read what is kept
            queries.append((f"{label}: Ledger.rows(region=…), kept", lambda: kept(picks[0])))
        for name, fn in queries:
            median, worst, size, calls = timed(fn, repeat)
            rows.append((name, f"median {median:.1f} ms, max {worst:.1f} ms ({size:,} rows, {calls} calls)"))
    return rows


def _evaluate() -> Callable[[list[Any]], list[Any]] | None:
    try:
        from mubiao.ledger.evaluate import evaluate
    except ImportError:
        return None
    return evaluate


def _ledger(store: Store) -> Callable[[str], list[Any]] | None:
    """``Ledger(store).rows`` of one region, where the ledger facade exists."""
    try:
        from mubiao.ledger.ledger import Ledger
    except ImportError:
        return None
    ledger = Ledger(store)
    return lambda region: ledger.rows(region=region)


@contextmanager
def postgres_database() -> Iterator[str | None]:
    """A fresh PostgreSQL database for the benchmark, dropped after; None when no server answers."""
    admin = resolve_url(os.environ.get("MUBIAO_TEST_PG") or "postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        engine = create_engine(admin, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as e:
        print(f"(no PostgreSQL at {display_url(admin)}: {type(e).__name__}; PostgreSQL skipped)")
        yield None
        return
    name = f"mubiao_bench_{secrets.token_hex(4)}"
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="ingestion corpus in megabytes (default 5)")
    ap.add_argument(
        "--statements", type=int, default=1_000_000, help="synthetic store size (default 1,000,000)"
    )
    ap.add_argument("--repeat", type=int, default=20, help="timed calls per query (default 20)")
    ap.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    ap.add_argument("--no-ingest", action="store_true", help="skip the ingestion benchmark")
    ap.add_argument(
        "--regions", type=int, default=REGIONS, help=f"regions of the synthetic store (default {REGIONS})"
    )
    ap.add_argument(
        "--indicators", type=int, default=INDICATORS, help=f"indicators per region (default {INDICATORS})"
    )
    args = ap.parse_args()

    started = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rows: list[tuple[str, str]] = []
    if not args.no_ingest:
        rows += bench_ingest(args.mb)
    with tempfile.TemporaryDirectory() as tmp:
        rows += bench_queries(
            f"sqlite:///{Path(tmp) / 'synthetic.db'}",
            args.statements,
            args.repeat,
            n_regions=args.regions,
            n_indicators=args.indicators,
        )
    if not args.no_pg:
        with postgres_database() as pg:
            if pg is not None:
                rows += bench_queries(
                    pg, args.statements, args.repeat, n_regions=args.regions, n_indicators=args.indicators
                )
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  result")
    print(f"{'-' * width}  {'-' * 60}")
    for name, result in rows:
        print(f"{name.ljust(width)}  {result}")
    print(
        f"(benchmark ran {time.perf_counter() - started:.0f} s on {os.cpu_count()} cores; "
        f"load average {load:.1f} at its start)"
    )


if __name__ == "__main__":
    main()
