"""The compiled core: extraction, normalisation and description built to C by mypyc.

Everything else about the package is in ``pyproject.toml``; this file only decides whether the
modules of the read → extract path are compiled.  They are plain, typed Python that mypy checks
strictly; mypyc turns them into C extension modules that give exactly the same statements, about
half again as fast (the *Measured* section of the README).

- ``pip install .`` and built wheels compile them.
- ``pip install -e .`` does not: an extension module built in place would shadow its ``.py`` file,
  and an edit would not take effect until the next build.
- ``MUBIAO_COMPILE=1`` compiles whatever the build, ``MUBIAO_COMPILE=0`` never does.

A build that cannot compile (no C compiler, no Python headers) warns and installs the pure-Python
package, which gives the same output.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
#: the modules on the read → extract path that are compiled.  Package ``__init__`` modules stay
#: Python (they only re-export); so do the records that cross process boundaries by pickle
#: (:mod:`mubiao.document`, :mod:`mubiao.statement`: mypyc's classes pickle only through a
#: constructor without arguments) and the modules of the public classes (:mod:`mubiao.reference`:
#: a compiled class has no docstring).
COMPILED = (
    "mubiao/extract/*.py",
    "mubiao/normalise/*.py",
    "mubiao/describe/*.py",
    "mubiao/reference/periods.py",
    "mubiao/reference/phrases.py",
    "mubiao/patterns.py",
)


def _wanted() -> bool:
    choice = os.environ.get("MUBIAO_COMPILE", "").strip().lower()
    if choice in ("0", "no", "false"):
        return False
    if choice in ("1", "yes", "true"):
        return True
    return "editable_wheel" not in sys.argv


def _sources() -> list[str]:
    files: list[str] = []
    for pattern in COMPILED:
        files += sorted(
            str(p.relative_to(ROOT)) for p in ROOT.glob(f"src/{pattern}") if p.name != "__init__.py"
        )
    return files


class _OptionalBuildExt(build_ext):
    """Build the compiled modules if this machine can; else warn and leave the Python ones.

    All or none: each compiled module is a shim over one shared library, and a shim without its
    library would fail on import where the Python module would have served."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as e:  # a missing compiler raises from distutils' own error tree
            for ext in self.extensions:
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            print(
                f"warning: mubiao's compiled core was not built ({e}); the Python modules serve",
                file=sys.stderr,
            )


def _ext_modules() -> list[object]:
    if not _wanted():
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("warning: mypyc is not installed: mubiao's core stays Python", file=sys.stderr)
        return []
    # mypy reads its settings from pyproject.toml; the paths are relative to the project
    os.chdir(ROOT)
    try:
        # A wheel is built in an environment of its own that holds the build tools, not mubiao's
        # dependencies: what mypy cannot find there (pypdf, SQLAlchemy…) is typed Any, and errors in
        # the modules that stay Python are not its business.  mypy checks them all, strictly, in
        # development (scripts/check).
        flags = ["--ignore-missing-imports", "--follow-imports=silent"]
        return list(mypycify([*flags, *_sources()], opt_level="3", verbose=False))
    except (Exception, SystemExit) as e:  # mypyc exits on a type error of the compiled modules
        print(f"warning: mubiao's core could not be compiled ({e}); it stays Python", file=sys.stderr)
        return []


if __name__ == "__main__":  # as setuptools runs it; tests/test_build.py imports the lists above
    setup(ext_modules=_ext_modules(), cmdclass={"build_ext": _OptionalBuildExt})
