"""fullanalysis and the import stay thin: short run methods, no other object's private parts."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PROCESSING = Path(__file__).resolve().parents[2] / "backflow_plugin" / "processing"
THIN = ("full_analysis.py", "import_trajectories.py")
RUN_METHODS = ("processAlgorithm", "process", "_process", "postProcessAlgorithm")
MAX_LINES = 80


def _tree(name: str) -> ast.Module:
    return ast.parse((PROCESSING / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", THIN)
def test_run_methods_are_short(name):
    lengths = {
        node.name: node.end_lineno - node.lineno + 1
        for node in ast.walk(_tree(name))
        if isinstance(node, ast.FunctionDef) and node.name in RUN_METHODS
    }
    assert {"processAlgorithm", "process"} & set(lengths)  # its own, or the base serves it
    assert {k: n for k, n in lengths.items() if n > MAX_LINES} == {}


def _foreign_private(tree: ast.Module) -> list[str]:
    """obj._name where obj is not self (a private method of another algorithm)."""
    return [
        f"{ast.unparse(node)} (line {node.lineno})"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and not (isinstance(node.value, ast.Name) and node.value.id == "self")
    ]


@pytest.mark.parametrize("name", THIN)
def test_no_private_method_of_another_object(name):
    assert _foreign_private(_tree(name)) == []


def test_the_check_sees_a_private_call():
    tree = ast.parse("ImportTrajectoriesAlgorithm()._own_reader(x)\nself._sink(p)\n")
    assert _foreign_private(tree) == ["ImportTrajectoriesAlgorithm()._own_reader (line 1)"]
