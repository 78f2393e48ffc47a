"""Compiled regular expressions kept on disk, so that a process does not compile them again.

The read → extract path holds about two hundred patterns, compiled when their modules are imported:
about 0.07 s of every start of ``mubiao extract``, most of it in Python's own parser and optimiser
(a class of the CJK ideographs is a loop over each of its 21,000 characters).  What compiling leaves
is a program of integers that CPython's engine (``_sre``) runs; that program is the same for the
same pattern on the same Python.  This module keeps the programs in the cache of
:mod:`mubiao.cache` and hands them, at the next start, to the cache Python's ``re`` keeps of
patterns it has compiled, where ``re.compile`` finds them.

Everything here stands on CPython's internals (``re._cache`` and ``_sre.compile``), so everything
fails soft: an entry is keyed by the version of Python and of its engine (``_sre.MAGIC``); a
program the engine refuses, an interpreter without those internals, a cache that cannot be read or
written leave ``re`` to compile as it always does.  The engine checks every program it is given,
and a program is looked up by its pattern's own text and flags, so an entry can only save work,
never change a match.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

from mubiao.cache import entry_path, load, store

__all__ = ["preload"]


def preload() -> Callable[[], None]:
    """Put the cached programs into ``re``'s cache; return what to call once the modules whose
    patterns are to be kept are imported: it keeps the programs of the patterns compiled since."""
    try:
        import _sre

        cache: dict[Any, Any] = re._cache  # type: ignore[attr-defined]
        real = _sre.compile
        engine = f"{sys.implementation.name} {_sre.MAGIC} {_sre.CODESIZE}".encode()
    except Exception:  # no CPython engine to hand programs to
        return _nothing
    path = entry_path("patterns", [engine])
    if path is None:
        return _nothing
    known: dict[tuple[str | bytes, int], tuple[Any, ...]] = load(path, dict) or {}
    for key, args in known.items():
        try:
            pattern, flags = key
            cache[type(pattern), pattern, flags] = real(*args)
        except Exception:  # an entry of another shape, a program the engine refuses: re compiles
            continue
    # the programs of what is compiled from here on, by their pattern's text and final flags
    compiled: dict[tuple[str | bytes, int], tuple[Any, ...]] = {}

    def recording(*args: Any) -> Any:
        if isinstance(args[0], (str, bytes)) and len(args) == 6:
            # the opcodes are ints with names, which do not pickle: plain ints are the same program
            pattern, flags, code, groups, groupindex, indexgroup = args
            compiled[pattern, flags] = (
                pattern,
                flags,
                [int(c) for c in code],
                groups,
                dict(groupindex),
                indexgroup,
            )
        return real(*args)

    _sre.compile = recording

    def keep() -> None:
        _sre.compile = real
        if not compiled:
            return  # every pattern came from the entry
        # what re holds now, whether from the entry or compiled afresh: patterns the code no longer
        # has drop out of the entry
        found: dict[tuple[str | bytes, int], tuple[Any, ...]] = {}
        for key, p in list(cache.items()):
            if type(key) is tuple and len(key) == 3 and key[0] in (str, bytes) and isinstance(p, re.Pattern):
                args = compiled.get((p.pattern, p.flags)) or known.get((key[1], key[2]))
                if args is not None:
                    found[key[1], key[2]] = args
        store(path, found)

    return keep


def _nothing() -> None:
    return None
