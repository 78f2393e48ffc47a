"""Extraction on a Dask cluster: ``mubiao ingest --engine dask --scheduler tcp://HOST:8786``.

Why Dask rather than Ray: the work is a bag of independent, CPU-bound Python tasks whose inputs
are a file's bytes and whose outputs are plain dicts — exactly ``Client.submit``.  A Dask cluster
is a scheduler and workers started with ``pip install mubiao[cluster]`` and two commands
(``dask scheduler``, ``dask worker ADDRESS``), with no object store to size; the scheduler
reschedules the tasks of a worker that dies, and its dashboard shows the work.  Ray would do it
too, with a heavier runtime for no feature this needs.

The client (this process) reads each file, sends its bytes to the cluster and gets the extraction
back as the same dict the local pool's workers return; :func:`mubiao.ledger.ingest.ingest_paths`
then writes the results in batches with ``COPY``, exactly as for the local pool.  Hence:

* the workers need mubiao installed (the same version: the client checks), never the files or the
  database;
* a worker lost mid-document: the scheduler runs its tasks again on another worker; a document
  that keeps killing its workers (Dask's ``allowed-failures``, 3 by default) fails alone, with
  its name, and the others go on;
* nothing is written twice: each file is yielded once, whatever was retried, and the writes are
  idempotent on the file's hash besides (``ON CONFLICT``);
* at most a few documents per worker thread are in flight, so a batch of 100,000 files does not
  hold 5 GB of bytes in the client's memory.

The per-document time limit is not enforced on the cluster: Dask runs tasks in worker threads,
where :mod:`mubiao.timelimit` cannot interrupt them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from mubiao import __version__
from mubiao.errors import UsageError

__all__ = ["ClusterJob", "extract_on_dask"]

#: documents in flight per worker thread of the cluster
_IN_FLIGHT_PER_THREAD = 3
#: seconds to reach the scheduler before giving up
CONNECT_TIMEOUT = 30.0


class ClusterJob(Protocol):
    """What the cluster needs of a job of :mod:`mubiao.ledger.ingest`."""

    path: Path
    sha256: str
    doc_id: str
    region: str | None
    year: int | None


J = TypeVar("J", bound=ClusterJob)


def extract_on_dask(
    jobs: Sequence[J],
    scheduler: str,
    task: Callable[..., dict[str, Any]],
) -> Iterator[tuple[J, dict[str, Any]]]:
    """Each job with its extraction, as they finish on the cluster at ``scheduler``.

    ``task`` runs on the workers, given a file's bytes, its name, its document id, the batch's
    region and year and the client's mubiao version
    (:func:`mubiao.ledger.ingest.extract_bytes`)."""
    try:
        # typed as Any: distributed's own annotations are partial
        dd: Any = importlib.import_module("distributed")
    except ImportError as exc:
        raise UsageError("the dask engine needs Dask's distributed: pip install 'mubiao[cluster]'") from exc
    try:
        client = dd.Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    try:
        threads = sum(client.nthreads().values()) or 1
        window = threads * _IN_FLIGHT_PER_THREAD
        queue = list(reversed(jobs))
        pending: dict[Any, J] = {}
        failed: list[tuple[J, dict[str, Any]]] = []

        def submit() -> list[Any]:
            futures = []
            while queue and len(pending) < window:
                job = queue.pop()
                try:
                    data = job.path.read_bytes()
                except OSError as e:
                    failed.append((job, {"ok": False, "reason": f"cannot read the file: {e.strerror or e}"}))
                    continue
                future = client.submit(
                    task,
                    data,
                    job.path.name,
                    job.doc_id,
                    job.region,
                    job.year,
                    __version__,
                    key=f"mubiao-extract-{job.sha256}",
                    pure=False,
                )
                pending[future.key] = job
                futures.append(future)
            return futures

        first = submit()
        yield from failed
        failed.clear()
        if not first:
            return
        # given the client's loop: it is not made every thread's default client
        running = dd.as_completed(first, loop=client.loop)
        for future in running:
            job = pending.pop(future.key)
            try:
                result = future.result()
            except Exception as e:  # KilledWorker (it took its workers down), or a task error
                reason = f"{type(e).__name__}: {e}"
                if type(e).__name__ == "KilledWorker":
                    reason = (
                        "the cluster's workers died while this document was read, every time it was tried"
                    )
                result = {"ok": False, "reason": reason, "code": None}
            future.release()
            yield job, result
            for more in submit():
                running.add(more)
            yield from failed
            failed.clear()
    finally:
        client.close()
