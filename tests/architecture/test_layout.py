"""The layout is the architecture: arrows run ``pages -> ui -> reviews -> synth`` and never back.

Imports are read from the source with ``ast`` (nothing is executed), so the test also sees
imports inside functions, which is where a back-arrow usually hides.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ("synth", "reviews")
# SQL may be written only by the one write path, the one read path and the migrations. The
# engine module sets SQLite pragmas and the schema defines the tables both paths use.
SQL_HOMES = ("reviews/store/", "reviews/queries/", "reviews/migrations/")
SQL_ALLOWED_FILES = {"reviews/workspace/db.py", "reviews/workspace/schema.py"}


def _modules(package: str) -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _top_level_imports(path: Path) -> set[str]:
    """Imports executed when the module is imported (module body only, not inside functions)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("package", CORE)
def test_the_core_never_imports_streamlit(package):
    offenders = [
        str(path.relative_to(ROOT))
        for path in _modules(package).values()
        if any(name == "streamlit" or name.startswith("streamlit.") for name in _imports(path))
    ]
    assert offenders == []


# Each layer and the layers above it, which it must never import: pages -> ui -> reviews -> synth.
ABOVE = {
    "synth": ("reviews", "ui", "pages", "app"),
    "reviews": ("ui", "pages", "app"),
    "ui": ("pages", "app"),
}


@pytest.mark.parametrize(("layer", "above"), ABOVE.items())
def test_no_import_arrow_runs_back_up(layer, above):
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _modules(layer).values()
        for name in _imports(path)
        if name.split(".")[0] in above
    ]
    assert offenders == []


def test_no_import_circles_between_core_modules():
    """No cycle among the modules' load-time imports (a function-level import breaks none)."""
    modules = {**_modules("synth"), **_modules("reviews")}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for imported in _top_level_imports(path):
            # "from a.b import c" names either module a.b.c or attribute c of a.b
            target = imported if imported in modules else imported.rsplit(".", 1)[0]
            if target in modules and target != name and not name.startswith(target + "."):
                graph[name].add(target)
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt) :] + [nxt] if nxt in stack else [node, nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for module in sorted(modules):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_sql_lives_only_in_the_store_the_queries_and_the_migrations():
    offenders = []
    for package in CORE:
        for path in _modules(package).values():
            relative = str(path.relative_to(ROOT))
            if relative.startswith(SQL_HOMES) or relative in SQL_ALLOWED_FILES:
                continue
            if any(name == "sqlalchemy" or name.startswith("sqlalchemy.") for name in _imports(path)):
                offenders.append(relative)
    assert offenders == []
