"""Ingestion: read, extract and store documents, in parallel, one transaction per document.

* Folders are searched recursively for the formats mubiao reads (hidden files and READMEs are
  left out); files named explicitly are taken as they are.
* A file is known by the sha256 of its bytes.  One already stored by the same extractor version
  is skipped without being read; one stored by another version is extracted again and its
  statements replaced.
* A document is known by its text: the same report as ``X.txt`` beside ``X.docx`` (the same
  normalised text, whitespace aside) is one document with two files, not two.
* A document's id (the ``doc`` of its statements) is its file's stem.  Only when two files of
  different texts share a stem is it disambiguated by the folder (``bulletin-national-2024``,
  ``gwr-state-council-2024``); the same path ingested again with other content is a new edition
  of its document and replaces it.
* Worker processes (one per core) read and extract, and hand back plain dicts; the parent writes
  each document and its statements in one transaction, deleting the old statements in that same
  transaction.  A document that fails — unreadable, or refused by the database — is reported with
  its reason and leaves the store as it was; the others go on.
* Each document is read and extracted under a time limit (:data:`DOCUMENT_TIME_LIMIT`); one over
  it fails alone, with its name and the limit, and the worker goes on to the next.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from mubiao import __version__
from mubiao.document import DocType, Document
from mubiao.errors import MubiaoError, UsageError
from mubiao.ledger.cluster import extract_on_dask
from mubiao.reference.regions import Regions
from mubiao.store import models as m
from mubiao.store.bulk import BatchItem, drop_statement_indexes, ensure_indexes, insert_new, split_new
from mubiao.store.engine import store_errors
from mubiao.store.writes import document_row, statement_row, write_document

if TYPE_CHECKING:
    from mubiao.store.store import Store

__all__ = [
    "DOCUMENT_TIME_LIMIT",
    "ENGINES",
    "EXTRACTOR_VERSION",
    "IngestFailure",
    "IngestProgress",
    "IngestSummary",
    "expand_paths",
    "extract_bytes",
    "extract_file",
    "extract_text",
    "ingest_paths",
]

#: stored with each document; a document stored by another version is extracted again
EXTRACTOR_VERSION = __version__

#: documents in flight per worker: enough to keep the workers busy while the parent writes,
#: few enough that a large batch does not pile extracted texts up in memory
_IN_FLIGHT_PER_WORKER = 4
#: from how many documents one worker extracts beside the writing process rather than in it
_OVERLAP_FROM = 16
#: seconds one document may take to be read and extracted; a 50 MB report takes about a minute
DOCUMENT_TIME_LIMIT: float | None = 300.0
_SPACE = re.compile(r"\s+")
#: documents (or statements) written in one transaction: enough that a commit and the questions
#: asked of the store are paid once per batch, few enough that the progress bar moves
_BATCH_DOCUMENTS = 64
_BATCH_STATEMENTS = 20_000
#: from this many documents to extract, into a store that holds fewer statements than they will
#: bring (about 50 each), the statements' secondary indexes are dropped for the load and built
#: again after it: building an index once costs half of keeping it up to date row by row
BULK_LOAD_DOCUMENTS = 500


@dataclass(frozen=True)
class IngestFailure:
    path: str
    reason: str


@dataclass(frozen=True)
class IngestProgress:
    """What the progress callback is told: once at the start (``status="started"``), then per file."""

    done: int
    total: int
    path: str | None
    status: str  # started | new | updated | unchanged | same_text | failed
    statements: int = 0
    reason: str | None = None


@dataclass
class IngestSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    #: files whose text is a stored document's (another format of it): recorded as its files
    same_text: int = 0
    failed: int = 0
    #: statements written (new and replaced documents)
    statements: int = 0
    #: characters of the documents extracted
    chars: int = 0
    seconds: float = 0.0
    failures: list[IngestFailure] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.new + self.updated + self.unchanged + self.same_text + self.failed

    @property
    def extracted(self) -> int:
        """Documents read and extracted (stored or not)."""
        return self.new + self.updated

    @property
    def documents_per_second(self) -> float:
        return self.extracted / self.seconds if self.seconds > 0 else 0.0

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds > 0 else 0.0


# --------------------------------------------------------------------------- files


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named, and readable files under folders named, each once, in a stable order.

    A path that does not exist is kept: it fails, with its reason, when it is read.
    """
    from mubiao.read import loader

    out: dict[Path, None] = {}
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if (
                    f.is_file()
                    and not any(part.startswith(".") for part in rel)
                    and f.suffix.lower() in loader.SUPPORTED_SUFFIXES
                    and not f.name.upper().startswith("README")
                ):
                    out.setdefault(f.resolve(), None)
        else:
            out.setdefault(p.resolve() if p.exists() else p, None)
    return list(out)


def _sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


# --------------------------------------------------------------------------- the worker


def extract_file(
    path: str,
    doc_id: str,
    time_limit: float | None = None,
    *,
    region: str | None = None,
    year: int | None = None,
) -> dict[str, Any]:
    """Read and extract one file; a plain dict, picklable, for the parent to store.

    ``region`` and ``year`` (the session year) override what the document says of itself.

    ``{"ok": False, "reason": ...}`` when the file cannot be read or extracted, or takes longer
    than ``time_limit`` seconds (default :data:`DOCUMENT_TIME_LIMIT`; 0 for none), which is
    enforced in a process's main thread, as in the pool's workers: a worker never raises, so one
    bad file cannot break the pool.
    """
    from mubiao.timelimit import time_limit as limit

    seconds = DOCUMENT_TIME_LIMIT if time_limit is None else time_limit
    try:
        with limit(seconds, path):
            return _extract(path, doc_id, region, year)
    except MubiaoError as e:
        return {"ok": False, "reason": e.message if e.path else str(e), "code": e.code}
    except Exception as e:  # a bug in the extractor must not stop the batch: report it for this file
        return {"ok": False, "reason": f"{type(e).__name__}: {e}", "code": None}


def extract_bytes(
    data: bytes, file_name: str, doc_id: str, region: str | None, year: int | None, version: str
) -> dict[str, Any]:
    """On a cluster's worker: the extraction of a file given as its bytes, written to a private
    temporary folder under its own name (which the readers use for its format and what it says of
    itself).  ``version`` is the client's: a worker running another refuses the document."""
    import tempfile

    if version != EXTRACTOR_VERSION:
        return {
            "ok": False,
            "reason": f"the cluster's workers run mubiao {EXTRACTOR_VERSION}, the client {version}: "
            "install the same version on both",
            "code": None,
        }
    with tempfile.TemporaryDirectory(prefix="mubiao-") as tmp:
        path = Path(tmp) / Path(file_name).name
        path.write_bytes(data)
        # no time limit: the cluster runs tasks in worker threads, where it cannot interrupt them
        return extract_file(str(path), doc_id, 0, region=region, year=year)


def _extract(path: str, doc_id: str, region: str | None, year: int | None) -> dict[str, Any]:
    from mubiao.pipeline import read

    return _extracted(read(path, doc_id=doc_id, region=region, year=year), Path(path).name)


def extract_text(
    original: str,
    doc_id: str,
    *,
    file_name: str,
    fmt: str,
    encoding: str | None = None,
    region: str | None = None,
    year: int | None = None,
    kind: DocType | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """Extract a stored document again from its original text, as :func:`extract_file` does a
    file (the spans point into the same text), with a person's corrections of its metadata:
    ``region``, ``year`` (the session year), ``kind`` (the type) and ``title``.  Raises what the
    pipeline raises."""
    from mubiao.pipeline import read_text

    doc = read_text(original, doc_id=doc_id, region=region, year=year, kind=kind, title=title)
    doc.format, doc.encoding = fmt, encoding
    return _extracted(doc, file_name)


def _extracted(doc: Document, file_name: str) -> dict[str, Any]:
    from mubiao.pipeline import extract
    from mubiao.reference.regions import Regions
    from mubiao.reference.registry import Registry

    ledger_region = ledger_region_name(Regions.default(), doc.meta.region, doc.meta.session_year)
    statements = extract(doc)
    text_sha256 = hashlib.sha256(_SPACE.sub("", doc.text).encode("utf-8", "surrogatepass")).hexdigest()
    registry = Registry.default()
    meta = doc.meta
    period = meta.period if meta.doc_type == "five_year_plan" else None
    published = meta.report_year if meta.report_year is not None else (period[0] if period else None)
    rows: list[dict[str, Any]] = []
    for st in statements:
        indicator_id = st.indicator_id
        if indicator_id is None:
            found = registry.match(st.indicator)
            indicator_id = found.id if found is not None else None
        rows.append(
            statement_row(
                st,
                indicator_id=indicator_id,
                published=published,
                period=period,
                doc_type=meta.doc_type,
                region=ledger_region if st.region == meta.region else None,
            )
        )
    return {
        "ok": True,
        "document": document_row(doc, file_name=file_name, text_sha256=text_sha256),
        "statements": rows,
    }


def ledger_region_name(regions: Regions, name: str | None, year: int | None) -> str | None:
    """The name the ledger keys a region on: the one its unit bears now, so that a renamed or
    recoded unit's names (洪泽县 until 2016, 洪泽区 since) are one ledger; None where it is the same."""
    if name is None:
        return None
    found = regions.resolve(name, year)
    if found is None or found.is_current:
        return None
    now = regions.current(found)
    return now.name if now is not None and now.name != name else None


# --------------------------------------------------------------------------- the parent


@dataclass
class _Job:
    path: Path
    sha256: str
    doc_id: str
    #: the region and session year the batch was given, over what the documents say
    region: str | None = None
    year: int | None = None

    def run(self) -> dict[str, Any]:
        return extract_file(str(self.path), self.doc_id, region=self.region, year=self.year)


def ingest_paths(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: Callable[[IngestProgress], None] | None = None,
    workers: int | None = None,
    version: str = EXTRACTOR_VERSION,
    origin: str | None = None,
    region: str | None = None,
    year: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> IngestSummary:
    """Extract and store the documents at ``paths``; see the module docstring.

    ``engine="dask"`` extracts on the Dask cluster whose scheduler is at ``scheduler`` instead of
    in local worker processes (:mod:`mubiao.ledger.cluster`); only into PostgreSQL.

    ``origin`` names where the files come from when their paths mean nothing (an upload saved to
    a temporary folder): ``upload`` records each as ``upload:<file name>#<its hash>``, so that an
    upload always makes a document of its own (another file of the same name does not silently
    replace the one stored; the same bytes again are recognised as such)."""
    _check_engine(store, engine, scheduler)
    started = time.perf_counter()
    summary = IngestSummary()
    files = expand_paths(paths)
    done = 0

    def report(path: Path | None, status: str, n: int = 0, reason: str | None = None) -> None:
        nonlocal done
        if path is not None:
            done += 1
        if progress is not None:
            progress(IngestProgress(done, len(files), str(path) if path else None, status, n, reason))

    def fail(path: Path, reason: str) -> None:
        summary.failed += 1
        summary.failures.append(IngestFailure(str(path), reason))
        report(path, "failed", reason=reason)

    report(None, "started")
    jobs: list[_Job] = []
    seen_sha: set[str] = set()
    # a stem in two folders names two documents: each takes its folder's name too
    folders: dict[str, set[Path]] = {}
    for path in files:
        folders.setdefault(path.stem, set()).add(path.parent)
    for path in files:
        try:
            sha = _sha256(path)
        except OSError as e:
            fail(path, f"cannot read the file: {e.strerror or e}")
            continue
        doc_id = path.stem if len(folders[path.stem]) == 1 else f"{path.parent.name}-{path.stem}"
        if sha in seen_sha:  # the same bytes twice in one batch (a copy, or a path given twice)
            summary.unchanged += 1
            report(path, "unchanged")
            continue
        seen_sha.add(sha)
        jobs.append(_Job(path, sha, doc_id, region, year))

    stored = _stored_versions(store, [j.sha256 for j in jobs])
    todo: list[_Job] = []
    for job in jobs:
        if stored.get(job.sha256) == version:
            summary.unchanged += 1
            report(job.path, "unchanged")
        else:
            todo.append(job)

    def source(job: _Job) -> str:
        return f"{origin}:{job.path.name}#{job.sha256[:12]}" if origin else str(job.path)

    def stored_one(job: _Job, result: dict[str, Any], status: str) -> None:
        if status in ("unchanged", "same_text"):
            # another format of a stored document: recorded as its file, nothing extracted anew
            setattr(summary, status, getattr(summary, status) + 1)
            report(job.path, status)
            return
        n = len(result["statements"])
        if status == "new":
            summary.new += 1
        else:
            summary.updated += 1
        summary.statements += n
        summary.chars += int(result["document"]["chars"])
        report(job.path, status, n)

    def write_one(job: _Job, result: dict[str, Any]) -> None:
        try:
            with (
                store_errors("cannot store the document", store.url),
                store.session() as session,
                session.begin(),
            ):
                status = write_document(session, job.sha256, result, version=version, path=source(job))
        except MubiaoError as e:
            fail(job.path, e.message)
            return
        except Exception as e:  # rolled back by session.begin(); the batch goes on
            fail(job.path, f"cannot store the document: {type(e).__name__}: {e}")
            return
        stored_one(job, result, status)

    def write_batch(batch: list[tuple[_Job, dict[str, Any]]]) -> None:
        jobs_by_sha = {job.sha256: (job, result) for job, result in batch}
        items = [BatchItem(job.sha256, source(job), result) for job, result in batch]
        try:
            with store_errors("cannot store the documents", store.url), store.engine.begin() as conn:
                new, rest = split_new(conn, items)
                ids, raced = insert_new(conn, new, version=version)
        except Exception:
            # the batch was rolled back whole: each document is written alone, so that only
            # the one the database refuses fails, with its own reason
            ids, rest, raced = {}, items, []
        for sha in ids:
            stored_one(*jobs_by_sha[sha], "new")
        for item in [*rest, *raced]:
            write_one(*jobs_by_sha[item.sha256])

    bulk = len(todo) >= BULK_LOAD_DOCUMENTS and _mostly_new(store, len(todo))
    dropped = _drop_indexes(store) if bulk else []
    try:
        batch: list[tuple[_Job, dict[str, Any]]] = []
        batch_statements = 0
        extracted = (
            _extract_all(todo, workers)
            if engine == "local"
            else extract_on_dask(todo, str(scheduler), extract_bytes)
        )
        for job, result in extracted:
            if not result["ok"]:
                fail(job.path, str(result["reason"]))
                continue
            batch.append((job, result))
            batch_statements += len(result["statements"])
            if len(batch) >= _BATCH_DOCUMENTS or batch_statements >= _BATCH_STATEMENTS:
                write_batch(batch)
                batch, batch_statements = [], 0
        if batch:
            write_batch(batch)
    finally:
        if dropped:
            _restore_indexes(store)
    summary.seconds = time.perf_counter() - started
    return summary


ENGINES = ("local", "dask")


def _check_engine(store: Store, engine: str, scheduler: str | None) -> None:
    if engine not in ENGINES:
        raise UsageError(f"no such engine {engine!r}: one of {', '.join(ENGINES)}")
    if engine == "local":
        return
    if not scheduler:
        raise UsageError("the dask engine needs the address of the cluster's scheduler (--scheduler)")
    if store.engine.dialect.name != "postgresql":
        # the cluster's results are written by this process alone, but a store worth a cluster is
        # one that others read while it fills, through COPY: PostgreSQL's
        raise UsageError(
            "the dask engine writes to PostgreSQL only: ingest into SQLite with the local pool "
            "(--engine local), or give a postgresql:// store"
        )


def _mostly_new(store: Store, documents: int) -> bool:
    with store_errors("cannot read the store", store.url), store.engine.connect() as conn:
        # a bounded count: whether the table holds fewer rows than the load will bring
        limit = documents * 50
        held = conn.execute(select(func.count()).select_from(select(m.Statement.id).limit(limit).subquery()))
        return int(held.scalar_one()) < limit


def _drop_indexes(store: Store) -> list[str]:
    with store_errors("cannot prepare the store for a bulk load", store.url):
        return drop_statement_indexes(store.engine)


def _restore_indexes(store: Store) -> None:
    # also done on every open of the store, should this process die before it gets here
    with store_errors("cannot build the store's indexes", store.url):
        ensure_indexes(store.engine)


def _stored_versions(store: Store, shas: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    with store_errors("cannot read the store", store.url), store.engine.connect() as conn:
        for i in range(0, len(shas), 500):
            chunk = shas[i : i + 500]
            q = select(m.Document.sha256, m.Document.extractor_version).where(m.Document.sha256.in_(chunk))
            out.update({sha: v for sha, v in conn.execute(q)})
            # the other formats of stored documents count as stored with their document
            f = (
                select(m.DocumentFile.sha256, m.Document.extractor_version)
                .join(m.Document, m.Document.id == m.DocumentFile.document_id)
                .where(m.DocumentFile.sha256.in_(chunk))
            )
            out.update({sha: v for sha, v in conn.execute(f)})
    return out


def _extract_all(jobs: list[_Job], workers: int | None) -> Iterator[tuple[_Job, dict[str, Any]]]:
    """Each job with its extraction, as they finish: in worker processes, or here for one worker."""
    n = min(workers or os.cpu_count() or 1, len(jobs))
    if n <= 1 and (len(jobs) < _OVERLAP_FROM or (os.cpu_count() or 1) < 2):
        for job in jobs:
            yield job, job.run()
        return
    # One worker of a large batch on a machine of two cores or more extracts in a process of its
    # own, so that this process writes one batch while the worker extracts the next: extraction
    # and writing overlap instead of adding up.
    _warm_up()
    queue = list(reversed(jobs))
    while queue:
        progressed = False
        suspects: list[_Job] = []
        for item in _pool_round(queue, n, suspects):
            progressed = True
            yield item
        # a worker died with these in flight: run each alone, so only the culprit fails
        for job in suspects:
            progressed = True
            yield job, _alone(job)
        if not progressed:  # the processes cannot even start: fail the rest rather than spin
            while queue:
                yield queue.pop(), {"ok": False, "reason": "cannot start the extraction processes"}


def _warm_up() -> None:
    """Load the extractor and its tables here, once, before the workers are forked.

    Forked workers inherit them ready; otherwise each worker pays for the imports, the script
    converter and the registries on its first document, which on two cores ate the whole gain
    of a second worker in a batch of a few hundred documents.
    """
    from mubiao.pipeline import extract, read_text
    from mubiao.reference.regions import Regions
    from mubiao.reference.registry import Registry

    try:
        Registry.default()
        Regions.default()
        extract(read_text("2025年1月政府工作报告。今年主要预期目标是：地区生产总值增长5%左右。"))
    except Exception:  # a warm-up only: a real problem shows on the documents themselves
        return


def die_with_parent() -> None:
    """Make this worker process end when its parent does (the pool's initializer).

    A parent killed outright (SIGKILL, out of memory) cannot shut its pool down, and its workers
    would otherwise go on extracting for nobody.  On Linux the kernel signals them
    (``PR_SET_PDEATHSIG``); elsewhere a thread watches for the parent to change.
    """
    parent = os.getppid()
    if sys.platform == "linux":
        with contextlib.suppress(Exception):
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the signal was asked for
                    os._exit(1)
                return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="mubiao-parent-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1


def _context() -> multiprocessing.context.BaseContext:
    """How to start workers: fork where that is safe, else the platform's safe default.

    Forking is the cheapest start (no re-import, works from scripts without a main guard), but
    forking a process that runs other threads can deadlock the child on a lock a thread held.
    """
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")


def _pool_round(
    queue: list[_Job], workers: int, suspects: list[_Job]
) -> Iterator[tuple[_Job, dict[str, Any]]]:
    """Run jobs off ``queue`` in one pool until the queue is empty or the pool breaks.

    A worker that dies (killed, out of memory) breaks the whole pool: the documents then in
    flight are put in ``suspects``, and the caller starts a fresh pool for the rest.
    """
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=die_with_parent)
    in_flight: dict[Future[dict[str, Any]], _Job] = {}
    broken = False
    try:
        while (queue or in_flight) and not broken:
            while queue and len(in_flight) < workers * _IN_FLIGHT_PER_WORKER:
                job = queue.pop()
                try:
                    in_flight[pool.submit(_Job.run, job)] = job
                except BrokenProcessPool:
                    queue.append(job)
                    broken = True
                    break
            if broken:
                break
            finished, _ = wait(in_flight, timeout=_stall_seconds(), return_when=FIRST_COMPLETED)
            if not finished:
                # Nothing finished for longer than a document may take: every worker is stuck
                # where the time limit cannot reach it (in C).  End them; what was in flight is
                # suspect, each run alone.
                _kill(pool)
                broken = True
                suspects.extend(in_flight.values())
                in_flight.clear()
                break
            for fut in finished:
                job = in_flight.pop(fut)
                result = _outcome(fut)
                if result is _DIED:
                    broken = True
                    suspects.append(job)
                else:
                    yield job, result
        # the pool broke: what was in flight finished before it did, or is suspect
        for fut, job in list(in_flight.items()):
            del in_flight[fut]
            result = _outcome(fut)
            if result is _DIED:
                suspects.append(job)
            else:
                yield job, result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _alone(job: _Job) -> dict[str, Any]:
    """Extract one document in a process of its own, ended if it outlasts the time limit."""
    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=_context(), initializer=die_with_parent)
    except (OSError, BrokenProcessPool):
        return _DIED
    try:
        fut = pool.submit(_Job.run, job)
        try:
            fut.result(timeout=_stall_seconds())
        except FuturesTimeout:
            _kill(pool)
            return {
                "ok": False,
                "reason": f"reading and extracting took longer than the {DOCUMENT_TIME_LIMIT:g} s allowed for"
                " one document, and could not be interrupted: its process was ended",
                "code": "E201",
            }
        except Exception:
            pass  # _outcome says what
        return _outcome(fut)
    except BrokenProcessPool:
        return _DIED
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


#: how long past the time limit the parent waits for a worker before it ends the worker: the
#: limit is enforced inside the worker, and this is only for code the limit cannot interrupt
_STALL_GRACE = 60.0


def _stall_seconds() -> float | None:
    limit = DOCUMENT_TIME_LIMIT
    return limit + _STALL_GRACE if limit else None


def _kill(pool: ProcessPoolExecutor) -> None:
    """End the pool's worker processes (a private attribute of the executor, read defensively)."""
    processes: Any = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.kill()


_DIED: dict[str, Any] = {"ok": False, "reason": "the extraction process died while this document was read"}


def _outcome(fut: Future[dict[str, Any]]) -> dict[str, Any]:
    try:
        return fut.result(timeout=60)
    except BrokenProcessPool:
        return _DIED
    except Exception as e:  # a result that cannot be unpickled, a timeout: this document fails
        return {"ok": False, "reason": f"{type(e).__name__}: {e}"}
