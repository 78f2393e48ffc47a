"""The import contract: dependencies point one way, with no cycles and no private names across
modules (read from the source with ``ast``, so imports under TYPE_CHECKING and inside functions
count too).

    present → ledger → {pipeline, store} → {read, normalise, describe, extract, reference} → model

``model`` is document, statement, errors, the time limit every stage may run under, the pause of the
garbage collector (``gcpause``), the pattern helpers (``patterns``) extraction and the registry
share, and the caches on disk (``cache``, ``patterncache``).  ``mubiao`` itself (its
``__version__``) may be imported anywhere; its ``__init__`` is the package's own face and imports
what it exports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import mubiao.ledger

SRC = Path(__file__).resolve().parents[1] / "src" / "mubiao"

LAYERS: dict[str, int] = {
    "document": 0,
    "statement": 0,
    "errors": 0,
    "timelimit": 0,
    "patterns": 0,
    "gcpause": 0,
    "cache": 0,
    "patterncache": 0,
    "describe": 1,
    "extract": 1,
    "read": 1,
    "normalise": 1,
    "reference": 1,
    "pipeline": 2,
    "store": 2,
    "ledger": 3,
    "present": 4,
}
#: packages of one layer that must not know each other
APART = {frozenset({"pipeline", "store"})}


def _modules() -> dict[str, Path]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _target(module: str, name: str | None) -> str:
    """The module an import reaches: ``from a import b`` is a.b when that is a module."""
    if name is not None and f"{module}.{name}" in MODULES:
        return f"{module}.{name}"
    return module


def _imports(name: str, path: Path) -> list[tuple[str, str | None, int]]:
    """(module imported, name imported or None, line) of every mubiao import of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, str | None, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, None, node.lineno) for a in node.names if a.name.startswith("mubiao")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                ).strip(".")
            if base == "mubiao" or base.startswith("mubiao."):
                found += [(base, a.name, node.lineno) for a in node.names]
    return found


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


EDGES: dict[str, set[str]] = {
    name: {_target(m, n) for m, n, _line in _imports(name, path)} for name, path in MODULES.items()
}


def test_dependencies_point_down() -> None:
    wrong = []
    for name, path in MODULES.items():
        src = _layer(name)
        if src is None:
            continue  # mubiao/__init__.py
        for module, imported, line in _imports(name, path):
            dst = _layer(_target(module, imported))
            if dst is None or dst == src:
                continue
            if LAYERS[dst] > LAYERS[src] or frozenset({src, dst}) in APART:
                wrong.append(f"{path.relative_to(SRC.parent)}:{line}: {src} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles() -> None:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(EDGES.get(node, ())):
            if nxt not in MODULES or nxt == node:
                continue
            # a package's __init__ re-exporting its submodules is not a cycle with them
            if node.startswith(nxt + "."):
                continue
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(MODULES):
        if name not in state:
            visit(name)
    assert not cycles, "\n".join(" → ".join(c) for c in cycles)


def test_no_private_names_across_modules() -> None:
    """A ``_name`` is its module's own; a ``_module`` is its package's own."""
    wrong = []
    for name, path in MODULES.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for module, imported, line in _imports(name, path):
            target = _target(module, imported)
            where = f"{path.relative_to(SRC.parent)}:{line}"
            dunder = imported is not None and imported.startswith("__") and imported.endswith("__")
            if imported is not None and imported.startswith("_") and not dunder and target == module:
                wrong.append(f"{where}: {imported} from {module}")
            private = [i for i, part in enumerate(target.split(".")) if part.startswith("_")]
            if private:
                owner = ".".join(target.split(".")[: private[0]])
                if package != owner and not package.startswith(owner + "."):
                    wrong.append(f"{where}: module {target} from outside {owner}")
    assert not wrong, "\n".join(wrong)


def test_the_faces_reach_the_store_only_through_the_ledger() -> None:
    wrong = [
        f"{MODULES[name].relative_to(SRC.parent)}: {target}"
        for name, targets in EDGES.items()
        if _layer(name) == "present"
        for target in targets
        if _layer(target) == "store" or target.startswith("mubiao.ledger.")
    ]
    assert not wrong, "\n".join(wrong)


def test_the_ledger_facade_exports_exactly_its_public_api() -> None:
    exported = set(mubiao.ledger.__all__)
    assert len(exported) == len(mubiao.ledger.__all__), "a name is exported twice"
    assert all(hasattr(mubiao.ledger, n) for n in exported)
    assert {"Ledger", "LedgerQuery", "LedgerRow", "Store", "STATUSES", "STATUS_COLOURS", "render"} <= exported
    assert not [n for n in exported if n.startswith("_")]
    public = {
        n
        for n in dir(mubiao.ledger.Ledger)
        if not n.startswith("_") and callable(getattr(mubiao.ledger.Ledger, n))
    }
    assert public >= {
        "rows", "row", "status_counts", "resolve_region", "resolve_indicator", "overrides", "set_override",
        "remove_override", "ingest", "import_actuals", "add_result", "audit", "documents", "document",
        "statements_page", "statement",
    }  # fmt: skip


@pytest.mark.parametrize(
    "name",
    sorted(n for n in MODULES if _layer(n) in ("ledger", "store", "present") and ".migrations" not in n),
)
def test_every_module_imports_cleanly(name: str) -> None:
    __import__(name)


def test_no_private_attributes_of_other_modules() -> None:
    """``module._name`` of an imported mubiao module is as private as importing ``_name``."""
    wrong = []
    for path in MODULES.values():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mubiao"):
                for a in node.names:
                    if f"{node.module}.{a.name}" in MODULES:
                        aliases[a.asname or a.name] = f"{node.module}.{a.name}"
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("mubiao") and a.asname:
                        aliases[a.asname] = a.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                wrong.append(
                    f"{path.relative_to(SRC.parent)}:{node.lineno}: {aliases[node.value.id]}.{node.attr}"
                )
    assert not wrong, "\n".join(wrong)
