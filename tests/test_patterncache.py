"""Compiled patterns kept on disk: a process after the first compiles none of mubiao's own, each
program is the one Python compiles, and an entry that cannot serve leaves ``re`` to compile."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

# Imports mubiao with Python's compiler counted, extracts a sample, and prints the patterns compiled
# while mubiao was imported, and the records.
_PROBE = """
import json, re, sys
import re._compiler as compiler
seen = []
real = compiler.compile
def counting(p, flags=0):
    seen.append(repr(p))
    return real(p, flags)
compiler.compile = counting
import mubiao
at_import = list(seen)
records = [s.to_dict() for s in mubiao.extract(mubiao.read(sys.argv[1]))]
print(json.dumps({"compiled": at_import, "records": records}, ensure_ascii=False))
"""


def _probe(folder: Path | str) -> dict[str, object]:
    env = {**os.environ, "MUBIAO_CACHE_DIR": str(folder)}
    sample = SAMPLES / "lanxi-2025-work-report.txt"
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(sample)], env=env, capture_output=True, text=True, check=True
    )
    found: dict[str, object] = json.loads(out.stdout)
    return found


def _entry(folder: Path) -> Path:
    (path,) = folder.glob("patterns-*.pickle")
    return path


def _kept(folder: Path) -> set[str]:
    return {repr(pattern) for pattern, _ in pickle.loads(_entry(folder).read_bytes())}


def test_a_second_process_compiles_none_of_the_patterns_the_first_kept(tmp_path: Path) -> None:
    first = _probe(tmp_path)
    second = _probe(tmp_path)
    kept = _kept(tmp_path)
    assert len(kept) > 150
    assert kept <= set(first["compiled"])  # type: ignore[arg-type]
    assert kept.isdisjoint(second["compiled"])  # type: ignore[arg-type]
    assert second["records"] == first["records"]


def test_every_kept_program_is_the_one_python_compiles(tmp_path: Path) -> None:
    import _sre

    _probe(tmp_path)
    kept = pickle.loads(_entry(tmp_path).read_bytes())
    real = _sre.compile
    fresh: list[tuple[object, ...]] = []

    def recording(*args: object) -> object:
        fresh.append(args)
        return real(*args)

    import re._compiler as compiler

    _sre.compile = recording
    try:
        for (pattern, flags), args in kept.items():
            fresh.clear()
            compiler.compile(pattern, flags)
            (got,) = fresh
            assert args == (got[0], got[1], [int(c) for c in got[2]], got[3], dict(got[4]), got[5]), pattern
    finally:
        _sre.compile = real


def test_a_program_the_engine_refuses_is_compiled_again(tmp_path: Path) -> None:
    first = _probe(tmp_path)
    path = _entry(tmp_path)
    kept = pickle.loads(path.read_bytes())
    broken = {key: (args[0], args[1], [999999, *args[2]], *args[3:]) for key, args in kept.items()}
    path.write_bytes(pickle.dumps(broken))
    again = _probe(tmp_path)
    assert _kept(tmp_path) <= set(again["compiled"])  # type: ignore[arg-type]
    assert again["records"] == first["records"]
    # and the entry is written anew, of programs that serve
    assert _kept(tmp_path).isdisjoint(_probe(tmp_path)["compiled"])  # type: ignore[arg-type]


def test_a_garbled_entry_or_no_cache_leaves_re_to_compile(tmp_path: Path) -> None:
    first = _probe(tmp_path)
    kept = _kept(tmp_path)
    _entry(tmp_path).write_bytes(b"not a pickle")
    garbled = _probe(tmp_path)
    assert kept <= set(garbled["compiled"])  # type: ignore[arg-type]
    assert garbled["records"] == first["records"]
    _entry(tmp_path).write_bytes(pickle.dumps({"a key of another shape": 1, ("x", 0): ("too", "few")}))
    assert _probe(tmp_path)["records"] == first["records"]
    off = _probe("")
    assert kept <= set(off["compiled"])  # type: ignore[arg-type]
    assert off["records"] == first["records"]


def test_the_engine_is_handed_back_after_the_imports() -> None:
    import _sre

    import mubiao  # noqa: F401  (imported: its patterns were kept or compiled by now)

    assert not hasattr(_sre.compile, "__code__")  # the engine's own function, not the recorder


@pytest.mark.parametrize("value", ["", "   "])
def test_no_entry_is_written_where_the_cache_is_off(tmp_path: Path, value: str) -> None:
    env = {**os.environ, "MUBIAO_CACHE_DIR": value, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", "import mubiao"], env=env, check=True)
    assert list(tmp_path.rglob("patterns-*")) == []
