"""Imports point one way: no module of s3double imports, directly or through others,
a module that imports it back.

The graph is read with ``ast`` from every module under ``s3double/``: top-level
imports and imports inside functions (a lazy import still closes a circle), but not
those under ``if TYPE_CHECKING:``, which never run. ``from package import name``
is an edge to ``package.name`` when that is a module, else to ``package``; the
implicit import of a module's parent package is not counted (Python allows it).
"""

from __future__ import annotations

import ast
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "s3double"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement under ``node``, skipping ``if TYPE_CHECKING:`` bodies."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child
        elif isinstance(child, ast.If) and _is_type_checking(child):
            yield from (found for branch in child.orelse for found in _imports_in(branch))
        else:
            yield from _imports(child)


def _imports_in(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        yield node
    else:
        yield from _imports(node)


def _base(module: str, statement: ast.ImportFrom) -> str:
    if not statement.level:
        return statement.module or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(statement.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{statement.module}" if statement.module else package


def imported_by(module: str) -> set[str]:
    """The s3double modules ``module`` imports."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    targets: set[str] = set()
    for statement in _imports(tree):
        if isinstance(statement, ast.Import):
            targets.update(alias.name for alias in statement.names)
            continue
        base = _base(module, statement)
        for alias in statement.names:
            targets.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {target for target in targets if target in MODULES and target != module}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_between_modules() -> None:
    graph = {module: imported_by(module) for module in MODULES}
    assert cycles(graph) == []


def test_the_model_imports_nothing_from_outside_it() -> None:
    """``s3double/model/__init__.py``'s rule: only the standard library and the model."""
    for module in (name for name in MODULES if name.startswith("s3double.model")):
        tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
        for statement in _imports(tree):
            if isinstance(statement, ast.ImportFrom) and statement.level:
                assert _base(module, statement).startswith("s3double.model"), module
                continue
            names = [alias.name for alias in statement.names] if isinstance(
                statement, ast.Import) else [statement.module or ""]
            for name in names:
                top = name.partition(".")[0]
                assert top in sys.stdlib_module_names or top == "__future__", (module, name)


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]


def test_the_graph_reads_relative_lazy_and_type_checking_imports() -> None:
    hook = imported_by("s3double.wire.hook")
    assert "s3double.errors" in hook  # from ..errors import ...
    assert "s3double.wire.serve" in hook  # imported inside activate()
    assert imported_by("s3double.wire.serving") == set()  # all under TYPE_CHECKING
    assert "s3double.wire.hook" in imported_by("s3double._double")  # from .wire import hook


def test_imports_under_type_checking_are_skipped_and_others_kept() -> None:
    tree = ast.parse(
        "import a\nif TYPE_CHECKING:\n    import b\nelse:\n    import c\n"
        "def f():\n    from d import e\n"
    )
    found = [alias.name for statement in _imports(tree) for alias in statement.names]
    assert found == ["a", "c", "e"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_imports(module: str) -> None:
    if module == "s3double.strategies":
        pytest.importorskip("hypothesis")
    assert importlib.import_module(module).__name__ == module
