"""``POST /api/extract`` run in worker processes, with a time limit and a cap on the answer.

A web server's handlers run in threads, where :func:`mubiao.timelimit.time_limit` cannot reach;
so a preview is read and extracted in a worker process (``spawn``ed: never a fork of the
server's threads), whose main thread arms the time limit.  Should the worker be stuck in C past
the limit and a grace period, the server stops waiting, ends the pool's processes and starts a
new pool for the next request.  The answer is serialised in the worker and refused (413) when it
is longer than the cap, so a pathological document cannot make the server build a huge reply.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import mubiao
from mubiao import errors as mubiao_errors
from mubiao.errors import MubiaoError, TimeLimitError
from mubiao.present.api import serialise
from mubiao.present.api.errors import ApiError
from mubiao.present.api.schemas import ExtractOut
from mubiao.reference.registry import Registry
from mubiao.timelimit import time_limit

__all__ = ["Previewer"]

log = logging.getLogger("mubiao.api")

#: how long past its own limit the server waits for a worker before ending it (a new worker
#: first starts Python and imports mubiao: a second or two, more on a busy machine)
GRACE = 10.0
WORKERS = 2

#: what a worker answers: ("ok", json) | ("error", (class name, code, message)) | ("too_large", size)
Outcome = tuple[str, object]


@functools.cache
def _registry() -> Registry:
    return Registry.default()


_NO_MEMORY = "reading and extracting it needs more memory than a preview may use"


def _limit_memory(limit: int | None) -> None:
    """Bound a worker's address space (where the platform can): a document that would need more
    fails with MemoryError in the worker, not the server's memory.

    Everything a document may need loaded is loaded first — the codecs the readers and the
    normaliser look up, OpenCC's dictionaries, the reference data — since under the bound even an
    import can fail, and that would be the server's error (a 500), not the document's."""
    if not limit:
        return
    import codecs

    for encoding in ("gb2312", "gbk", "gb18030", "big5", "utf-16", "utf-32", "cp1252", "latin-1"):
        codecs.lookup(encoding)
    try:
        mubiao.extract(
            mubiao.read_text("2025年1月政府工作报告。今年主要预期目标是：地区生产总值增长5%左右。")
        )
        _registry()
    except MubiaoError:  # a warm-up only: a real problem shows on the documents themselves
        pass
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # no such limit here: the time limit still holds
        log.warning("could not bound the memory of a preview worker")


def _work(path: str, name: str, seconds: float, cap: int) -> Outcome:
    """Read and extract ``path`` (in a worker's main thread, under the time limit)."""
    try:
        with time_limit(seconds, name):
            doc = mubiao.read(path)
            statements = mubiao.extract(doc)
            out = []
            for st in statements:
                d = serialise.preview_statement(st)
                if d.indicator_id is None:
                    # as ingestion does: the registry names what extraction left unnamed
                    found = _registry().match(st.indicator)
                    d.indicator_id = found.id if found is not None else None
                out.append(d)
            result = ExtractOut(
                document=serialise.preview_document(doc, name), original=doc.original, statements=out
            )
            text = result.model_dump_json()
    except MubiaoError as e:
        if not isinstance(e.__cause__, MemoryError):
            return "error", (type(e).__name__, e.code, e.message)
        return "error", ("LimitExceededError", "E108", _NO_MEMORY)
    except MemoryError:
        return "error", ("LimitExceededError", "E108", _NO_MEMORY)
    if len(text) > cap:
        return "too_large", len(text)
    return "ok", text


def _error(cls_name: str, code: str, message: str, name: str) -> MubiaoError:
    cls = getattr(mubiao_errors, cls_name, MubiaoError)
    if not (isinstance(cls, type) and issubclass(cls, MubiaoError)):
        cls = MubiaoError
    try:
        err = cls(message, path=name)
    except TypeError:  # a subclass with another signature: keep the family and the code
        err = MubiaoError(message, path=name)
    err.code = code
    return err


class Previewer:
    """The worker processes of the previews of one app (started on the first preview)."""

    def __init__(self, workers: int = WORKERS, memory: int | None = None) -> None:
        self.workers = workers
        self.memory = memory
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_limit_memory,
                    initargs=(self.memory,),
                )
            return self._pool

    def _restart(self, pool: ProcessPoolExecutor) -> None:
        """End the processes of ``pool`` (one is stuck) and let the next preview start a new one."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
        # the executor cannot cancel a running task: end its processes, then let it go
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    async def preview(self, path: Path, seconds: float, cap: int) -> ExtractOut:
        """The preview of the file at ``path`` (named by its own name), or the error to answer."""
        name = path.name
        pool = self._executor()
        future = asyncio.wrap_future(pool.submit(_work, str(path), name, seconds, cap))
        try:
            kind, value = await asyncio.wait_for(future, seconds + GRACE)
        except TimeoutError:
            log.warning("a preview worker was still busy %.0f s past its limit: ended", GRACE)
            self._restart(pool)
            kind, value = "error", ("TimeLimitError", TimeLimitError.code, _late(seconds))
        except BrokenProcessPool:
            log.error("a preview worker died (out of memory?) reading %s", name)
            self._restart(pool)
            raise ApiError(
                422,
                "E422",
                "the document could not be read within the server's limits / 文档超出服务器的处理限度",
            ) from None
        if kind == "ok":
            assert isinstance(value, str)
            return ExtractOut.model_validate_json(value)
        if kind == "too_large":
            raise ApiError(
                413,
                "E413",
                f"the preview of this document would be larger than the {cap:,} characters the server "
                "answers with: store it instead (POST /api/documents) / 预览内容过大",
                {"limit": cap, "size": value},
            )
        assert isinstance(value, tuple)
        cls_name, code, message = value
        if code == TimeLimitError.code:
            # too slow a document is the document's doing, not a failure of the server
            raise ApiError(422, code, f"{name}: {message}", {"file": name})
        raise _error(cls_name, code, message, name)


def _late(seconds: float) -> str:
    return f"reading and extracting took longer than the {seconds:g} s allowed for one document"
