"""The compiled core (setup.py: mypyc) gives the statements the Python modules give, byte for byte.

A wheel is built from a copy of the project as ``pip install .`` builds one, in an isolated
environment (pip fetches setuptools and mypy into it from PyPI).  If a compiled module failed to
build, setup.py would warn and fall back to Python, which is right for an install and wrong for this
test, so the test also asserts that the wheel holds extension modules and that they are the ones
imported.  About a minute and a half: most of it is the C compiler.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
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
    shutil.copy(ROOT / "README.md", copy)
    shutil.copytree(ROOT / "src", copy / "src", ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    # a wheel built as pip builds one for an install: in an environment of its own, which holds the
    # build tools and none of mubiao's dependencies
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(wheels), str(copy)],
        env={**os.environ, "MUBIAO_COMPILE": "1"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert "warning: mubiao" not in build.stdout + build.stderr, build.stdout[-3000:]
    (wheel,) = wheels.glob("mubiao-*.whl")
    assert not wheel.name.endswith("-none-any.whl"), wheel.name  # a wheel of compiled modules
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    built = sorted(p.name for p in (site / "mubiao" / "extract").glob("*.so"))
    assert any(name.startswith("claims.") for name in built), built

    compiled_env = {**os.environ, "PYTHONPATH": str(site)}
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
