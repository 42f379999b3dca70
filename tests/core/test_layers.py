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


@pytest.mark.parametrize("path", sorted((PACKAGE / "core").rglob("*.py")), ids=lambda p: p.name)
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


# gui/ talks to the algorithms through processing.run and the registry only; what both
# need (reading a table, temporary outputs) lives in backflow_plugin/qgis_io.py.
GUI_MAY_IMPORT_FROM_PROCESSING: frozenset[str] = frozenset()  # e.g. "processing.provider"


def _our_processing_imports(path: Path) -> list[str]:
    """Imports of backflow_plugin.processing (or below) in a gui/ file, allow-list aside."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("backflow_plugin.")]
            found += [(node.lineno, n.removeprefix("backflow_plugin.")) for n in names]
        elif isinstance(node, ast.ImportFrom) and node.level in (0, 2):
            module = node.module or ""
            if node.level == 0:
                if not module.startswith("backflow_plugin"):
                    continue  # QGIS's own `processing` and the like
                module = module.removeprefix("backflow_plugin").lstrip(".")
            if not module:  # from .. import processing
                found += [(node.lineno, a.name) for a in node.names]
            else:
                found.append((node.lineno, module))
    return [
        f"{path.name}:{line} {module}"
        for line, module in found
        if module.split(".")[0] == "processing" and module not in GUI_MAY_IMPORT_FROM_PROCESSING
    ]


@pytest.mark.parametrize("path", sorted((PACKAGE / "gui").glob("*.py")), ids=lambda p: p.name)
def test_gui_imports_no_processing_internals(path):
    assert _our_processing_imports(path) == []


def test_the_gui_check_sees_a_processing_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import processing\n"  # QGIS's own Processing API: allowed
        "from ..processing.full_analysis import output_definition\n"
        "from backflow_plugin.processing import adapters\n"
        "from .. import processing, translation\n"
        "from ..qgis_io import output_definition\n",
        encoding="utf-8",
    )
    assert _our_processing_imports(bad) == [
        "bad.py:2 processing.full_analysis",
        "bad.py:3 processing",
        "bad.py:4 processing",
    ]
