"""Regions evaluated in a process of their own, at a lower priority: a server's readers keep the
CPU and the interpreter while writes make regions stale.

Evaluating a region of a large store (thousands of statements) and keeping its rows in the store
is a second or more of Python; in the serving process it holds the interpreter lock against every
reader.  :class:`ProcessEvaluator` does it in one worker process (started on first use, with
``spawn``: the server has threads), niced, which reads the region's statements from the store,
evaluates them with the server's settings, keeps them in the store under the stamp it is given
(:mod:`mubiao.store.evaluated`) and sends them back.  A worker that dies is replaced on the next
call; the ledger evaluates in its own process when this one fails
(:meth:`mubiao.ledger.Ledger._evaluate_regions`).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from mubiao.ledger.config import EvalConfig
from mubiao.store.records import LedgerRow
from mubiao.store.store import Store

__all__ = ["ProcessEvaluator"]

log = logging.getLogger(__name__)

#: how much lower the worker's priority is than the server's (os.nice)
NICE = 10


class ProcessEvaluator:
    """Evaluates the regions of the store at ``url`` in a worker process (see the module docstring)."""

    def __init__(self, url: str, config: EvalConfig, *, nice: int = NICE) -> None:
        self.url = url
        self.config = config
        self.nice = nice
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"ProcessEvaluator({self.url!r})"

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start,
                    initargs=(self.url, self.config, self.nice),
                )
            return self._pool

    def evaluate(
        self, regions: Sequence[str], as_of: int | None, stamp: str | None
    ) -> dict[str, list[LedgerRow]]:
        """The rows of each of ``regions``, kept in the store under ``stamp`` (unless None)."""
        pool = self._executor()
        try:
            return pool.submit(_work, list(regions), as_of, stamp).result()
        except Exception:
            # a broken pool (its process killed) is replaced by the next call
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------------- in the worker

_STATE: tuple[Store, EvalConfig] | None = None


def _start(url: str, config: EvalConfig, nice: int) -> None:
    global _STATE
    if nice:
        os.nice(nice)
    _STATE = (Store.open(url), config)


def _work(regions: list[str], as_of: int | None, stamp: str | None) -> dict[str, list[LedgerRow]]:
    from mubiao.ledger.evaluate import evaluate
    from mubiao.reference.registry import Registry
    from mubiao.store import evaluated as kept

    assert _STATE is not None
    store, config = _STATE
    registry = Registry.default()
    out = {
        name: evaluate(store.statements(region=name), registry=registry, config=config, as_of=as_of)
        for name in regions
    }
    if stamp is not None:
        try:  # a store this process may only read still answers: the rows go back all the same
            kept.save(store.engine, {(name, as_of): rows for name, rows in out.items()}, stamp)
        except Exception:
            log.info("the evaluated rows could not be kept in the store", exc_info=True)
    return out
