"""A cache on disk for what is built from packaged data at every start.

The region tables and the automaton of their names take a quarter of a second to build from the
packaged data, at the start of every process that reads a document; unpickled, a fifth of that.  The
characters OpenCC converts on their own take a conversion of 27,000 characters, the scanner's
databases a hyperscan compilation each.  The cache keeps
such things in the user's cache directory (``$MUBIAO_CACHE_DIR``, else ``$XDG_CACHE_HOME/mubiao``,
else ``~/.cache/mubiao``; ``MUBIAO_CACHE_DIR=`` empty turns it off) under a key made of everything
they are built from: the data files and the code that builds them (stamped by path, size and
modification time), the libraries involved, the version of Python.  A change to any of them is a
new key; an entry that cannot be read is built again and replaced; a directory that cannot be
written to leaves the cache out.  Nothing is ever downloaded: what is cached was built here.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

__all__ = ["cache_dir", "cached", "entry_path", "file_stamp", "load", "store"]

T = TypeVar("T")

#: entries of other keys kept beside the newest of a name (other checkouts, other Pythons)
_KEEP = 4


def cache_dir() -> Path | None:
    """Where entries are kept, or None when the cache is turned off."""
    chosen = os.environ.get("MUBIAO_CACHE_DIR")
    if chosen is not None:
        return Path(chosen).expanduser() if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mubiao"


def cached(name: str, parts: Iterable[bytes], build: Callable[[], T], kind: type[T]) -> T:
    """What ``build()`` returns, from the cache when an entry of ``name`` was built from ``parts``.

    ``kind`` is the type of what is built: an entry that unpickles to anything else is built again.
    """
    path = entry_path(name, parts)
    if path is None:
        return build()
    found = load(path, kind)
    if found is not None:
        return found
    value = build()
    store(path, value)
    return value


def entry_path(name: str, parts: Iterable[bytes]) -> Path | None:
    """Where the entry of ``name`` built from ``parts`` (and this version of Python) is kept, or None
    when the cache is turned off."""
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256()
    for part in (sys.version.encode(), *parts):
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return folder / f"{name}-{digest.hexdigest()[:32]}.pickle"


def load(path: Path, kind: type[T]) -> T | None:
    """The value kept at ``path``, or None where there is none of ``kind`` to read."""
    with contextlib.suppress(Exception):  # missing, truncated, or of a library that changed
        found = pickle.loads(path.read_bytes())
        if isinstance(found, kind):
            return found
    return None


def store(path: Path, value: object) -> None:
    """Keep ``value`` at ``path``, and prune the older entries of its name."""
    # a cache never fails its caller: a folder it cannot write, a value it cannot pickle (TypeError,
    # AttributeError as much as PicklingError) leave it out
    with contextlib.suppress(Exception):
        _write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        _prune(path.parent, path.name.rsplit("-", 1)[0], path)


def file_stamp(file: object) -> bytes:
    """A part of a key that changes when ``file`` does: its path, size and modification time (as
    Python's own bytecode cache has it), or its bytes where it is no file of the file system (a
    resource inside a zip); ``b""`` for no file."""
    if file is None:
        return b""
    if isinstance(file, (str, os.PathLike)):
        path = Path(file)
        with contextlib.suppress(OSError):
            stat = path.stat()
            return f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode()
        return str(path).encode()
    read = getattr(file, "read_bytes", None)
    with contextlib.suppress(OSError):
        return bytes(read()) if read is not None else repr(file).encode()
    return repr(file).encode()


def _write(path: Path, data: bytes) -> None:
    """``data`` to ``path`` whole or not at all: processes started together may write it at once."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    import tempfile  # only where an entry is written: a process that reads the cache never needs it

    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _prune(folder: Path, name: str, newest: Path) -> None:
    """Remove the entries of ``name`` but the newest few: each change of the data or code left one."""
    entries = sorted(folder.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[_KEEP + 1 :]:
        if old != newest:
            old.unlink(missing_ok=True)
