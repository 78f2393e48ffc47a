"""The compiled core (setup.py: mypyc) gives the statements the Python modules give, byte for byte.

The build is run as a wheel build runs it, in a copy of the project: if a compiled module failed to
build, setup.py would warn and fall back to Python, which is right for an install and wrong for this
test, so the test also asserts that the extension modules exist and are the ones imported.  About a
minute: most of it is the C compiler.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"

pytest.importorskip("mypyc", reason="mypy (with mypyc) is a dev dependency")

_EXTRACT = "from mubiao.present.cli import main; main()"
_WHERE = "import sys, mubiao; print(sys.modules['mubiao.extract.claims'].__file__)"


def _setup_module() -> object:
    spec = importlib.util.spec_from_file_location("mubiao_setup", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # setup() itself runs only as __main__
    return module


def _corpus() -> list[str]:
    """Real documents of every kind the shared corpus has, a few MB, and the project's samples."""
    files = sorted((ROOT / "samples").glob("*.txt"))
    if SHARED.is_dir():
        national = sorted((SHARED / "national").rglob("*.txt"))
        files += national[::40]  # about 50 reports of every level and year
        files += sorted((SHARED / "dev2").glob("*"))
        files += sorted((SHARED / "more").glob("*.docx"))[:5]
    return [str(f) for f in files]


def test_compiled_modules_are_the_listed_ones() -> None:
    sources = _setup_module()._sources()  # type: ignore[attr-defined]
    assert "src/mubiao/extract/claims.py" in sources
    assert not any(s.endswith("__init__.py") for s in sources)
    # records that cross processes by pickle stay Python (mypyc classes pickle only without arguments)
    assert "src/mubiao/statement.py" not in sources and "src/mubiao/document.py" not in sources
    # the public classes keep their docstrings, which a compiled class loses
    import mubiao

    for name in mubiao.__all__:
        module = getattr(getattr(mubiao, name), "__module__", None)
        if module is not None and module.startswith("mubiao."):
            assert f"src/{module.replace('.', '/')}.py" not in sources, name


def test_compiled_core_gives_the_same_statements(tmp_path: Path) -> None:
    if shutil.which(os.environ.get("CC", "gcc")) is None:
        pytest.skip("no C compiler")
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy(ROOT / "setup.py", copy)
    shutil.copy(ROOT / "pyproject.toml", copy)
    shutil.copytree(ROOT / "src", copy / "src", ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    env = {**os.environ, "MUBIAO_COMPILE": "1"}
    build = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_ext", "--inplace"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    assert "warning: mubiao" not in build.stderr, build.stderr[-3000:]
    built = sorted(p.name for p in (copy / "src" / "mubiao" / "extract").glob("*.so"))
    assert any(name.startswith("claims.") for name in built), built

    compiled_env = {**os.environ, "PYTHONPATH": str(copy / "src")}
    where = subprocess.run(
        [sys.executable, "-c", _WHERE], env=compiled_env, capture_output=True, text=True, check=True
    )
    assert where.stdout.strip().endswith(".so"), where.stdout

    files = _corpus()
    command = [sys.executable, "-c", _EXTRACT, "extract", *files, "--format", "jsonl"]
    pure = subprocess.run(command, capture_output=True, check=True, timeout=600)
    compiled = subprocess.run(command, env=compiled_env, capture_output=True, check=True, timeout=600)
    assert pure.stdout.count(b"\n") > 1000
    assert compiled.stdout == pure.stdout
    assert compiled.stderr == pure.stderr
