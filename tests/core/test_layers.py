"""The layers only point down: core imports neither QGIS nor anything of ours above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "backflow_plugin"
ABOVE_CORE = ("styling", "processing", "gui", "plugin", "translation")


def _imports(path: Path) -> list[tuple[int, str, int]]:
    """(line, module, relative level) of every import in one file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name, 0) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            out.append((node.lineno, node.module or "", node.level))
    return out


@pytest.mark.parametrize("path", sorted((PACKAGE / "core").glob("*.py")), ids=lambda p: p.name)
def test_core_imports_nothing_above_it(path):
    for line, module, level in _imports(path):
        where = f"core/{path.name}:{line}"
        assert not module.startswith(("qgis", "PyQt")), f"{where} imports {module}"
        if level >= 2:  # from ..x import -> a sibling of core
            assert module.split(".")[0] not in ABOVE_CORE, f"{where} imports ..{module}"
        assert not module.startswith(tuple(f"backflow_plugin.{m}" for m in ABOVE_CORE)), where


def test_the_check_sees_an_upward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from ..styling.palette import TEXT\n", encoding="utf-8")
    assert _imports(bad) == [(1, "styling.palette", 2)]
