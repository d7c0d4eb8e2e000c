"""The plugins keep the shape docs/architecture.md draws: no module-level state, and dependencies one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
MODULES = sorted(PLUGINS.rglob("*.py"))

# The one module-level slot the project keeps: a forked pool's worker holds the work it was given, set by the
# pool's initializer in the worker process only (a closure cannot be pickled to it; the fork hands it over).
ALLOWED_GLOBALS = {("buildkit/forked.py", "_install")}
# What comes before the stages: the entry model, reading the content, the catalogue's words and its signals.
EARLY = ("catalogue.model", "catalogue.reading", "catalogue.i18n", "catalogue.events")
STAGES = ("images", "search", "print", "sharing", "kiosk", "currency", "submission", "publish")


def module_name(path: Path) -> str:
    parts = path.relative_to(PLUGINS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The modules ``path`` imports, absolute (relative imports resolved against its package)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_the_scan_sees_the_plugins() -> None:
    names = {module_name(p) for p in MODULES}
    assert {"images.inspect", "catalogue.reading.loader", "buildkit.forked"} <= names
    assert "images.inspect.Inspector" in imports(PLUGINS / "images" / "__init__.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PLUGINS).as_posix())
def test_no_module_level_state(path: Path) -> None:
    """State of a build lives on objects made for that build (--autoreload runs builds one after another in one
    process, and forked workers inherit whatever a module holds): no ``global`` statement, and no module-level
    list, dict or set under a lower-case name, which is how mutable state looks (constants are UPPER_CASE)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(PLUGINS).as_posix()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Global) and (where, function.name) not in ALLOWED_GLOBALS:
                    pytest.fail(f"{where}:{node.lineno}: global {', '.join(node.names)} in {function.name}()")
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) and node.value is not None else []
        value = getattr(node, "value", None)
        mutable = isinstance(value, ast.List | ast.Dict | ast.Set) or (
            isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
            and value.func.id in {"list", "dict", "set", "defaultdict", "OrderedDict"})
        for target in targets:
            if mutable and isinstance(target, ast.Name) and not target.id.isupper() and not target.id.startswith("__"):
                pytest.fail(f"{where}:{node.lineno}: module-level {target.id} is a mutable container")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PLUGINS).as_posix())
def test_dependencies_flow_one_way(path: Path) -> None:
    """model → reading → the stages (images, search, print, …) → pages: what comes before a stage imports none of
    it, and no stage imports the pages; buildkit, which they all use, imports no plugin."""
    name = module_name(path)
    found = imports(path)
    if within(name, ("buildkit",)):
        later = [i for i in found if within(i, ("catalogue", *STAGES))]
    elif within(name, EARLY):
        later = [i for i in found if within(i, (*STAGES, "catalogue.pages"))]
    elif within(name, STAGES):
        later = [i for i in found if within(i, ("catalogue.pages",))]
    else:
        later = []
    assert not later, f"{name} imports {sorted(later)}"
