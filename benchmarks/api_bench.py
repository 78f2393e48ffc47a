"""The dashboard's pages against a large store: each page's API calls, timed in-process.

    python benchmarks/api_bench.py [--statements 100000] [--reps 20] [--db PATH|URL] [--profile PAGE]
        [--readers 20 --uploaders 2 --seconds 30]

A synthetic SQLite store is built first (in a temporary folder unless ``--db`` names a file that
does not exist yet; an existing file is used as it is): 20 regions of 江苏 — 常州市, 无锡市 and
南京市 with districts, so cities roll up — × as many registry indicators as the statement count
asks × the years 2016–2025.  Each region and indicator has a level series growing 2–9 % a year,
its growth rates, the January report's estimate beside the final figure (a conflict the ledger
resolves), a growth target a year, and the level and average-growth targets of the 十三五 and
十四五 plans with their baselines; documents (a work report a year and two plans per region) hold
them, as ingestion would write them.

Each page is the API calls the dashboard makes to show it, sent through ``httpx.ASGITransport``
(no socket) ``--reps`` times after one warm-up call; the warm-up (the first call after the store
changed, when the ledger of a region is evaluated) is reported apart, as "cold".  The target is a
median under 200 ms per page.  A script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import math
import pstats
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, insert, select

from mubiao.present.api import create_app
from mubiao.present.api.app import warm_up
from mubiao.reference.registry import Registry
from mubiao.store import models as m
from mubiao.store.store import Store

REGIONS = {
    "常州市": ["天宁区", "钟楼区", "新北区", "武进区", "金坛区", "溧阳市"],
    "无锡市": ["梁溪区", "锡山区", "惠山区", "滨湖区", "新吴区", "江阴市", "宜兴市"],
    "南京市": ["玄武区", "秦淮区", "建邺区", "江宁区"],
}
YEARS = range(2016, 2026)
PLANS = ((2016, 2020), (2021, 2025))
TARGET_MS = 200.0


# --------------------------------------------------------------------------- the synthetic store


def _regions() -> list[str]:
    return [name for city, districts in REGIONS.items() for name in (city, *districts)]


def _more_regions(n: int) -> list[tuple[str, str | None]]:
    """``n`` more county-level units of the reference data (names found once), with their cities."""
    from collections import Counter

    from mubiao.reference.regions import Regions

    regions = Regions.default()
    current = [r for r in regions if r.is_current and r.level in ("county", "district")]
    once = Counter(r.name for r in current)
    taken = set(_regions())
    out = [(r.name, r.parent) for r in sorted(current, key=lambda r: r.code or "") if once[r.name] == 1]
    return [x for x in out if x[0] not in taken][:n]


def _statements_per_pair() -> int:
    # per year: final level, estimate of the level, growth, growth target; per plan: a level
    # target, an average-growth target and the baseline level
    return len(YEARS) * 4 + len(PLANS) * 3


def build_store(path: Path | str, statements: int, seed: int = 7) -> Store:
    """A store of about ``statements`` statements (see the module docstring)."""
    rnd = random.Random(seed)
    regions = _regions()
    registry = Registry.default()
    usable = [i for i in registry if i.unit and i.type in ("level", "count")]
    # past what 20 regions hold with every usable indicator: more regions (a million statements
    # is about 160 county-level units with every indicator)
    extra = max(0, math.ceil(statements / (len(usable) * _statements_per_pair())) - len(regions))
    cities: dict[str, str | None] = {
        name: next((c for c, ds in REGIONS.items() if name in ds), None) for name in regions
    }
    for name, city in _more_regions(extra):
        regions.append(name)
        cities[name] = city
    n_ind = max(1, math.ceil(statements / (len(regions) * _statements_per_pair())))
    indicators = usable[:n_ind]
    store = Store.open(path)
    now = datetime.now(UTC)
    docs: list[dict[str, Any]] = []
    for region in regions:
        city = cities[region]
        province = "江苏省" if region in REGIONS or city in REGIONS else None
        path_str = " › ".join(p for p in (province, city, region) if p)
        for year in [*YEARS, 2026]:
            docs.append(
                _doc(f"{region}-{year}-work-report", "work_report", region, path_str, year, None, now)
            )
        for start, end in PLANS:
            docs.append(
                _doc(f"{region}-fyp-{start}", "five_year_plan", region, path_str, start, (start, end), now)
            )
    with store.session() as s, s.begin():
        s.execute(insert(m.Document), docs)
        ids = {d: i for d, i in s.execute(select(m.Document.doc_id, m.Document.id))}
    rows: list[dict[str, Any]] = []
    for region in regions:
        for ind in indicators:
            rows.extend(_series(rnd, region, ind.id, ind.name, ind.unit or "", ids))
    rows = rows[:statements]
    with store.session() as s, s.begin():
        for i in range(0, len(rows), 5000):
            s.execute(insert(m.Statement), rows[i : i + 5000])
    return store


def _doc(
    doc_id: str,
    doc_type: str,
    region: str,
    path: str,
    year: int,
    period: tuple[int, int] | None,
    now: datetime,
) -> dict[str, Any]:
    title = (
        f"{region}{year}年政府工作报告"
        if period is None
        else f"{region}第{'十三' if year < 2021 else '十四'}个五年规划纲要"
    )
    return {
        "sha256": f"{hash((doc_id, 'sha')) & (2**64 - 1):064x}", "doc_id": doc_id, "file_name": f"{doc_id}.txt",
        "format": "txt", "encoding": "utf-8", "doc_type": doc_type, "title": title, "region": region,
        "region_path": path, "report_year": year, "review_year": year - 1,
        "target_year": period[1] if period else year, "period_start": period[0] if period else None,
        "period_end": period[1] if period else None, "original": title + "\n" + "各项工作取得新进展。" * 400,
        "chars": len(title) + 1 + 4000, "extractor_version": "bench", "ingested_at": now,
    }  # fmt: skip


def _series(
    rnd: random.Random, region: str, ind_id: str, name: str, unit: str, ids: dict[str, int]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def add(
        doc_id: str,
        kind: str,
        measure: str,
        value: float,
        year: int,
        *,
        qualifier: str = "exact",
        period: tuple[int, int] | None = None,
        published: int | None = None,
        u: str | None = None,
    ) -> None:
        text = f"{region}{year}年{name}{'增长' if measure == 'growth' else ''}{value:g}{u or unit}"
        out.append({
            "document_id": ids[doc_id], "manual_import_id": None, "doc_id": doc_id, "kind": kind,
            "indicator": name, "indicator_id": ind_id, "measure": measure, "value": value, "value_max": None,
            "unit": u or unit, "qualifier": qualifier, "cumulative": False, "year": year, "region": region,
            "span_start": 0, "span_end": len(text), "text": text, "attribute": None, "damaged": False,
            "provenance": "extracted", "note": None, "extra": None, "published": published or year,
            "period_start": period[0] if period else None, "period_end": period[1] if period else None,
            "doc_type": "five_year_plan" if period else "work_report",
        })  # fmt: skip

    level = rnd.uniform(10, 2000)
    pace = rnd.uniform(0.02, 0.09)
    levels: dict[int, float] = {YEARS[0] - 1: level}
    for year in YEARS:
        g = pace + rnd.gauss(0, 0.015)
        levels[year] = levels[year - 1] * (1 + g)
        report = f"{region}-{year + 1}-work-report"
        estimate = round(levels[year] * (1 + rnd.gauss(0, 0.004)), 1)
        add(f"{region}-{year}-work-report", "target", "growth", round(pace * 100 + rnd.choice((0, 0.5, 1)), 1),
            year, qualifier="about", u="%")  # fmt: skip
        add(report, "actual", "level", estimate, year, published=year + 1)
        add(report, "actual", "level", round(levels[year], 1), year, published=year + 1)
        add(report, "actual", "growth", round(g * 100, 1), year, published=year + 1, u="%")
    for start, end in PLANS:
        plan = f"{region}-fyp-{start}"
        base = levels[start - 1]
        ambition = pace + rnd.uniform(-0.01, 0.02)
        add(plan, "actual", "level", round(base, 1), start - 1, published=start)
        add(
            plan,
            "target",
            "level",
            round(base * (1 + ambition) ** 5, 1),
            end,
            period=(start, end),
            published=start,
        )
        add(plan, "target", "growth", round(ambition * 100, 1), end, qualifier="about", period=(start, end),
            published=start, u="%")  # fmt: skip
    return out


# --------------------------------------------------------------------------- the pages

Call = tuple[str, dict[str, Any]]


def pages(region: str, indicator: str, doc_id: str, year: int) -> dict[str, list[Call]]:
    """Each page of the dashboard, as the API calls it makes (the filter lists are fetched once
    per page load and kept by the browser: they are a page of their own here)."""
    return {
        "overview": [("/api/ledger/summary", {})],
        "ledger (one region)": [("/api/ledger", {"region": region, "page": 1, "per_page": 50})],
        "ledger (filtered)": [
            ("/api/ledger", {"region": region, "status": "at_risk,missed", "per_page": 200})
        ],
        "indicator series": [
            ("/api/statements", {"indicator_id": indicator, "region": region, "per_page": 200}),
            (f"/api/indicators/{indicator}/series", {"region": region}),
        ],
        "comparison": [("/api/compare", {"indicator_id": indicator, "year": year})],
        "document with statements": [(f"/api/documents/{doc_id}", {})],
        "filter lists": [
            ("/api/regions", {}),
            ("/api/indicators", {}),
            ("/api/documents", {"per_page": 200}),
        ],
        "statements (page 20)": [("/api/statements", {"page": 20, "per_page": 50})],
    }


async def _time_page(client: httpx.AsyncClient, calls: list[Call]) -> float:
    t0 = time.perf_counter()
    for path, params in calls:
        r = await client.get(path, params=params)
        if r.status_code != 200:
            raise SystemExit(f"{path} {params}: {r.status_code} {r.text[:300]}")
    return (time.perf_counter() - t0) * 1000


def _p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, math.ceil(0.95 * len(xs)) - 1)]


#: the supervision pages' users (supervisor of the region's 发改委, reporter of its 统计局)
SUPERVISOR, REPORTER, PASSWORD = "bench-sup", "bench-rep", "bench password 1"
SUP_UNITS = [
    "发改委",
    "统计局",
    "财政局",
    "商务局",
    "工信局",
    "农业农村局",
    "住建局",
    "人社局",
    "生态环境局",
    "教育局",
]


def add_supervision(store: Store, region: str = "天宁区", year: int = 2025) -> None:
    """Units of ``region``, a supervisor and a reporter, tasks giving its targets of ``year`` to
    the units (ten targets a task), and a quarter's progress report on each target of the
    reporter's tasks, waiting for review: what the supervision pages show (once per store)."""
    from mubiao.ledger import Ledger, Principal

    ledger = Ledger(store)
    people, sup = ledger.people, ledger.supervision
    if any(u.name == SUPERVISOR for u in people.users()):
        return
    root = Principal.system("bench")
    units = [f"{region}{u}" for u in SUP_UNITS]
    for unit in units:
        people.add_unit(unit, region=region, actor=root)
    people.add_user(SUPERVISOR, role="supervisor", password=PASSWORD, units=[units[0]], actor=root)
    people.add_user(REPORTER, role="reporter", password=PASSWORD, units=[units[1]], actor=root)
    supervisor = people.principal(people.user(SUPERVISOR))
    reporter = people.principal(people.user(REPORTER))
    targets = [
        r.target_id for r in ledger.rows(region=region, year=year) if r.period == str(year) and r.target_id
    ]
    for k in range(0, len(targets), 10):
        lead = units[1 + (k // 10) % (len(units) - 1)]
        task = sup.add_task(
            f"{region}{year}年目标任务{k // 10 + 1}", targets=targets[k : k + 10], lead=lead,
            co=[units[0]], year=year, frequency="quarterly", actor=supervisor,
        )  # fmt: skip
        if lead == units[1]:
            for t in task.targets:
                sup.submit(t.id, f"{year}-Q1", value=1.0, narrative="一季度进展", actor=reporter)


async def _login(client: httpx.AsyncClient, user: str) -> dict[str, str]:
    r = await client.post("/api/auth/token", data={"username": user, "password": PASSWORD})
    if r.status_code != 200:
        raise SystemExit(f"login of {user}: {r.status_code} {r.text[:200]}")
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


async def supervision_pages(
    client: httpx.AsyncClient, region: str
) -> dict[str, tuple[list[Call], dict[str, str]]]:
    """The supervision pages, as the dashboard calls them, with the user who sees each."""
    sup, rep = await _login(client, SUPERVISOR), await _login(client, REPORTER)
    mine = (await client.get("/api/tasks", params={"mine": "true"}, headers=rep)).json()
    units = (await client.get("/api/units", headers=sup)).json()
    unit = next(u for u in units if u["name"].endswith("统计局"))
    of_unit = (await client.get("/api/tasks", params={"unit_id": unit["id"]}, headers=sup)).json()
    return {
        "我的任务 (my tasks)": (
            [("/api/tasks", {"mine": "true"}), ("/api/notices", {"unread": "true"})]
            + [(f"/api/tasks/{t['id']}", {}) for t in mine],
            rep,
        ),
        "督查看板 (board)": (
            [
                ("/api/units", {}),
                ("/api/board", {"region": region}),
                ("/api/ledger", {"region": region, "per_page": 200}),
            ],
            sup,
        ),
        "单位 (a unit's tasks)": (
            [("/api/units", {}), ("/api/tasks", {"unit_id": unit["id"]})]
            + [(f"/api/tasks/{t['id']}", {}) for t in of_unit],
            sup,
        ),
        "审核队列 (review queue)": ([("/api/progress", {"status": "submitted"})], sup),
    }


async def measure(store: Store, reps: int, profile: str | None) -> list[tuple[str, float, float, float]]:
    app = create_app(store, token="")
    region, indicator = "天宁区", "gdp"
    doc_id = f"{region}-2025-work-report"
    out = []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        everyone = {name: (calls, {}) for name, calls in pages(region, indicator, doc_id, 2024).items()}
        for name, (calls, headers) in {**everyone, **await supervision_pages(client, region)}.items():
            client.headers.clear()
            client.headers.update(headers)
            if profile and profile in name:
                prof = cProfile.Profile()
                prof.enable()
                await _time_page(client, calls)
                prof.disable()
                pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
            cold = await _time_page(client, calls)
            times = [await _time_page(client, calls) for _ in range(reps)]
            out.append((name, cold, statistics.median(times), _p95(times)))
    return out


async def restart(store: Store) -> tuple[float, int]:
    """The overview of a server started afresh on the store (its first call), and how many
    regions it evaluated to answer it: none when the evaluated rows are kept in the store."""
    from mubiao.ledger import ledger as ledger_module

    evaluated: list[int] = []
    original = ledger_module.evaluate

    def counting(records: Any, **kwargs: Any) -> Any:
        evaluated.append(1)
        return original(records, **kwargs)

    ledger_module.evaluate = counting
    try:
        app = create_app(store, token="")
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            ms = await _time_page(client, pages("", "", "", 0)["overview"])
    finally:
        ledger_module.evaluate = original
    return ms, len(evaluated)


UPLOAD = """{region}{year}年政府工作报告
{year}年1月8日
一、{last}年工作回顾
{last}年，全区地区生产总值增长{g}%，一般公共预算收入达到{r}亿元。
二、{year}年主要目标
{year}年，地区生产总值增长{t}%左右，一般公共预算收入增长4%。
"""


async def under_load(
    store: Store,
    readers: int,
    uploaders: int,
    seconds: float,
    stale: bool = False,
) -> tuple[list[float], int, int]:
    """``readers`` clients going through the dashboard's pages and ``uploaders`` clients uploading
    reports of the store's regions, for ``seconds``: every reader call's milliseconds, the calls and
    the uploads made."""
    app = create_app(store, token="bench:secret", stale_reads=stale, evaluate_apart=True)
    # as `mubiao serve` does as it starts (a lifespan task, which ASGITransport does not run):
    # every region's rows, read from those the store keeps
    t0 = time.perf_counter()
    warm_up(app.state.mubiao.ledger)
    print(
        f"warm-up of a new server (every region's rows read from the store): {time.perf_counter() - t0:.1f} s"
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1", timeout=120) as client:
        await client.get("/api/ledger/summary")  # warm
    return await _clients("http://127.0.0.1", transport, readers, uploaders, seconds)


async def served(
    where: str, readers: int, uploaders: int, seconds: float, stale: bool
) -> tuple[list[float], int, int]:
    """:func:`under_load`, against ``mubiao serve`` in a process of its own (as it is deployed:
    its worker process, its warm-up, uvicorn), reached over a socket by clients in this one."""
    import os
    import socket
    import subprocess

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "MUBIAO_STALE_READS": "1" if stale else "0"}
    mubiao = str(Path(sys.executable).with_name("mubiao"))  # the command of this environment
    cmd = [mubiao, "serve", "--db", where, "--port", str(port), "--token", "bench:secret"]
    # its messages to a file: a pipe nobody reads would stop the server once full
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in the finally below)
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        t0 = time.perf_counter()
        async with httpx.AsyncClient(base_url=base, timeout=600) as client:
            while True:
                if server.poll() is not None:
                    log.seek(0)
                    raise SystemExit(f"mubiao serve ended: {log.read().decode(errors='replace')[-2000:]}")
                try:
                    if (await client.get("/api/ledger/summary")).status_code == 200:
                        break
                except httpx.TransportError:
                    await asyncio.sleep(0.5)
            # the comparison reads every region's rows: it answers once the warm-up is done
            await client.get("/api/compare", params={"indicator_id": "gdp", "year": 2024})
        print(f"mubiao serve started and warmed up: {time.perf_counter() - t0:.1f} s")
        return await _clients(base, None, readers, uploaders, seconds)
    finally:
        server.terminate()
        server.wait(30)
        log.seek(0)
        errors = log.read().decode(errors="replace")
        log.close()
        if "Traceback" in errors:
            print(f"mubiao serve wrote errors:\n{errors[-3000:]}")


async def _clients(
    base: str, transport: httpx.AsyncBaseTransport | None, readers: int, uploaders: int, seconds: float
) -> tuple[list[float], int, int]:
    """``readers`` clients going round the dashboard's pages and ``uploaders`` clients uploading
    new reports of random regions, for ``seconds``: every reader call's milliseconds, the calls
    and the uploads made."""
    calls = [c for page in pages("天宁区", "gdp", "天宁区-2025-work-report", 2024).values() for c in page]
    latencies: list[float] = []
    by_path: dict[str, list[float]] = {}
    uploads = 0
    stop = time.perf_counter() + seconds
    rnd = random.Random(11)
    async with httpx.AsyncClient(transport=transport, base_url=base, timeout=600) as client:
        regions = [r["name"] for r in (await client.get("/api/regions")).json()]

        async def reader(n: int) -> None:
            i = n
            while time.perf_counter() < stop:
                path, params = calls[i % len(calls)]
                i += 1
                t0 = time.perf_counter()
                r = await client.get(path, params=params)
                if r.status_code != 200:
                    raise SystemExit(f"{path}: {r.status_code} {r.text[:200]}")
                latencies.append((time.perf_counter() - t0) * 1000)
                by_path.setdefault(path, []).append(latencies[-1])

        async def uploader(n: int) -> None:
            nonlocal uploads
            k = 0
            while time.perf_counter() < stop:
                region_ = regions[rnd.randrange(len(regions))]
                year = 2030 + n * 1000 + k
                k += 1
                body = UPLOAD.format(
                    region=region_, year=year, last=year - 1, g=round(rnd.uniform(3, 8), 1),
                    r=round(rnd.uniform(10, 90), 1), t=round(rnd.uniform(4, 7), 1),
                )  # fmt: skip
                # a new document every time, on a store that earlier runs wrote to as well
                body += f"（{uuid.uuid4().hex}）\n"
                name = f"upload-{uuid.uuid4().hex[:12]}-{n}-{k}.txt"
                files = {"file": (name, body.encode("utf-8"), "text/plain")}
                r = await client.post(
                    "/api/documents", files=files, headers={"Authorization": "Bearer secret"}
                )
                if r.status_code != 201:
                    raise SystemExit(f"upload: {r.status_code} {r.text[:200]}")
                uploads += 1

        await asyncio.gather(*(reader(n) for n in range(readers)), *(uploader(n) for n in range(uploaders)))
    for path, xs in sorted(by_path.items(), key=lambda kv: -max(kv[1])):
        print(
            f"    {path:40} {len(xs):5} calls, median {statistics.median(xs):8.1f} ms, max {max(xs):9.1f} ms"
        )
    return latencies, len(latencies), uploads


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--statements", type=int, default=100_000, help="statements in the store (default 100000)"
    )
    ap.add_argument("--reps", type=int, default=20, help="timed calls of each page (default 20)")
    ap.add_argument(
        "--db",
        help="keep the store in this SQLite file, or a PostgreSQL database URL (reused when it holds statements)",
    )
    ap.add_argument(
        "--profile", metavar="PAGE", help="print a profile of the first call of the page named so"
    )
    ap.add_argument("--readers", type=int, default=0, help="then: this many readers at once (20)")
    ap.add_argument("--uploaders", type=int, default=0, help="… while this many clients upload (2)")
    ap.add_argument("--seconds", type=float, default=30.0, help="… for this long (default 30)")
    ap.add_argument(
        "--stale-reads", action="store_true", help="the server's stale reads (MUBIAO_STALE_READS)"
    )
    ap.add_argument(
        "--served",
        action="store_true",
        help="readers and uploaders against `mubiao serve` in a process of its own, over a socket",
    )
    ap.add_argument("--no-pages", action="store_true", help="skip the pages one by one")
    ap.add_argument("--no-restart", action="store_true", help="skip the overview after a restart")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="mubiao-api-bench-")
    where: str = args.db or str(Path(tmp.name) / "bench.db")
    t0 = time.perf_counter()
    store = Store.open(where)
    with store.engine.connect() as conn:
        held = conn.execute(select(func.count()).select_from(m.Statement)).scalar_one()
    if not held:
        store.close()
        store = build_store(where, args.statements)
    with store.engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(m.Statement)).scalar_one()
        docs = conn.execute(select(func.count()).select_from(m.Document)).scalar_one()
        regions = conn.execute(select(func.count(m.Statement.region.distinct()))).scalar_one()
    print(
        f"store: {store.engine.dialect.name}, {n:,} statements, {docs:,} documents, {regions} regions "
        f"({time.perf_counter() - t0:.1f} s to build or open)"
    )
    add_supervision(store)
    if not args.no_pages:
        results = asyncio.run(measure(store, args.reps, args.profile))
        print(f"\n{'page':28} {'cold ms':>9} {'median ms':>10} {'p95 ms':>9}")
        for name, cold, median, p95 in results:
            flag = "" if median < TARGET_MS and p95 < TARGET_MS else "  over target"
            print(f"{name:28} {cold:9.1f} {median:10.1f} {p95:9.1f}{flag}")
    if not args.no_restart:
        ms, evaluated = asyncio.run(restart(store))
        print(f"\noverview after a restart: {ms:.1f} ms, {evaluated} regions evaluated")
    if args.readers:
        for uploaders in sorted({0, args.uploaders}):
            lat, calls, uploads = (
                asyncio.run(served(where, args.readers, uploaders, args.seconds, args.stale_reads))
                if args.served
                else asyncio.run(
                    under_load(
                        store,
                        args.readers,
                        uploaders,
                        args.seconds,
                        stale=args.stale_reads,
                    )
                )
            )
            print(
                f"{args.readers} readers, {uploaders} uploaders, stale reads {'on' if args.stale_reads else 'off'}, "
                f"{args.seconds:g} s: {calls / args.seconds:.1f} "
                f"reader calls/s, median {statistics.median(lat):.1f} ms, p95 {_p95(lat):.1f} ms, "
                f"max {max(lat):.1f} ms; {uploads} uploads"
            )
    store.close()
    tmp.cleanup()


if __name__ == "__main__":
    main()
