"""A time limit on the work done for one document.

:func:`time_limit` arms a POSIX interval timer; when it runs out, :class:`~mubiao.errors.TimeLimitError`
is raised in the code then running.  The timer keeps firing every few hundredths of a second until
the limit is left, so a broad ``except Exception`` somewhere in a parser cannot swallow the limit.
It works in the main thread of a process (the CLI, the ingest worker processes); elsewhere (a web
server's worker thread) or on a platform without ``setitimer`` it imposes no limit.

Code that C holds (one long regular expression, one parse in a C library) sees the exception when
it returns to Python; the readers' own limits keep every such step short.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from mubiao.errors import TimeLimitError

__all__ = ["time_limit"]

_REPEAT = 0.05


@contextmanager
def time_limit(seconds: float | None, path: str) -> Iterator[None]:
    """Raise TimeLimitError, naming ``path``, if the block runs longer than ``seconds``."""
    if (
        not seconds
        or seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitError(
            f"reading and extracting took longer than the {seconds:g} s allowed for one document", path=path
        )

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
