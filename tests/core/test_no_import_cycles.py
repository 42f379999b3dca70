"""No import circle anywhere in the plugin, between modules or between the core's wings.

Every import statement counts, at the top of a module or inside a function: an import
deferred into a function still ties the two modules together, it only hides the circle
until run time. The core's wings (its sub-packages) import in one direction, in the
order of WING_ORDER; the modules at the top of core/ are shared by every wing.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = "backflow_plugin"

# a wing imports only the wings before it
WING_ORDER = (
    "tables",
    "places",
    "records",
    "trajectories",
    "writing",
    "disclosure",
    "network",
    "patterns",
    "regions",
    "sources",
    "report",
)


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path, package: str) -> dict[str, dict[str, int]]:
    """{module: {imported module of the package: line of the first import}}."""
    files = {module_name(root, p): p for p in sorted((root / package).rglob("*.py"))}
    graph: dict[str, dict[str, int]] = {m: {} for m in files}
    for mod, path in files.items():
        here = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = here.split(".")
                    parts = parts[: len(parts) - (node.level - 1)]
                    base = ".".join(parts + ([node.module] if node.module else []))
                # `from pkg import name`: the module pkg.name when there is one, else pkg
                targets = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in files else base for a in node.names
                ]
            else:
                continue
            for target in targets:
                while target and target not in files:  # a name inside a module
                    target = target.rpartition(".")[0]
                if target and target != mod:
                    graph[mod].setdefault(target, node.lineno)
    return graph


def wings(graph: dict[str, dict[str, int]], core: str) -> dict[str, dict[str, int]]:
    """The graph with each core sub-package collapsed to one node."""

    def node(mod: str) -> str:
        return core + mod[len(core) :].split(".")[0] if mod.startswith(core) else mod

    out: dict[str, dict[str, int]] = {}
    for mod, targets in graph.items():
        edges = out.setdefault(node(mod), {})
        for target, line in targets.items():
            if node(target) != node(mod):
                edges.setdefault(node(target), line)
                out.setdefault(node(target), {})
    return out


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """One circle (a path back to its start) per group of modules that import each other."""
    found, done = [], set()
    for start in sorted(graph):
        if start in done:
            continue
        path, stack = [start], [iter(sorted(graph[start]))]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:  # every import of path[-1] followed
                done.add(path.pop())
                stack.pop()
            elif nxt in path:  # back to a module on the way: a circle
                circle = path[path.index(nxt) :] + [nxt]
                if not any(set(circle) <= set(c) for c in found):
                    found.append(circle)
            elif nxt not in done:
                path.append(nxt)
                stack.append(iter(sorted(graph[nxt])))
    return found


def describe(graph, circles) -> str:
    return "\n".join(
        " -> ".join(f"{a} (l.{graph[a][b]})" for a, b in zip(c, c[1:])) + f" -> {c[-1]}"
        for c in circles
    )


def test_no_module_imports_itself_round_a_circle():
    graph = import_graph(ROOT, PACKAGE)
    assert len(graph) > 100  # the whole plugin was read
    circles = cycles(graph)
    assert circles == [], describe(graph, circles)


def test_no_circle_between_the_core_wings():
    graph = wings(import_graph(ROOT, PACKAGE), f"{PACKAGE}.core.")
    core_wings = {m.rpartition(".")[2] for m in graph if m.startswith(f"{PACKAGE}.core.")}
    assert set(WING_ORDER) <= core_wings  # every wing is a node
    circles = cycles(graph)
    assert circles == [], describe(graph, circles)


def test_each_wing_imports_only_wings_before_it():
    graph = wings(import_graph(ROOT, PACKAGE), f"{PACKAGE}.core.")
    core = f"{PACKAGE}.core."
    rank = {core + w: i for i, w in enumerate(WING_ORDER)}
    wrong = [
        f"{mod} imports {target} (l.{line})"
        for mod, targets in graph.items()
        if mod in rank
        for target, line in targets.items()
        if target in rank and rank[target] > rank[mod]
    ]
    assert wrong == []
    # every sub-package of core/ has its place in the order
    on_disk = {p.parent.name for p in (ROOT / PACKAGE / "core").glob("*/__init__.py")}
    assert on_disk == set(WING_ORDER)


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_a_circle_through_an_import_inside_a_function_is_found(tmp_path):
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from . import b\n",
            "b.py": "def later():\n    from .a import something\n    return something\n",
            "c.py": "from .b import later\n",
        },
    )
    graph = import_graph(root, "pkg")
    assert graph["pkg.a"] == {"pkg.b": 1}
    assert graph["pkg.b"] == {"pkg.a": 2}
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.a"]]
    assert "pkg.a (l.1) -> pkg.b (l.2) -> pkg.a" in describe(graph, cycles(graph))


def test_a_circle_between_wings_is_found_though_modules_have_none(tmp_path):
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "core/__init__.py": "",
            "core/one/__init__.py": "",
            "core/one/x.py": "from ..two.y import Y\n",
            "core/two/__init__.py": "",
            "core/two/y.py": "Y = 1\n",
            "core/two/z.py": "from ..one.x import Y as X\n",
        },
    )
    graph = import_graph(root, "pkg")
    assert cycles(graph) == []
    collapsed = wings(graph, "pkg.core.")
    assert cycles(collapsed) == [["pkg.core.one", "pkg.core.two", "pkg.core.one"]]
