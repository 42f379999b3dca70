#!/usr/bin/env python3
"""Static check for QGIS 4 / Qt6 readiness: scoped enums and exec().

PyQt6 (QGIS 4) drops the unscoped enum members that PyQt5 offers on the class
(``Qt.AlignLeft``, ``QgsWkbTypes.LineString``) and the ``exec_`` alias. Both spellings
work in QGIS 3.22 as ``Qt.AlignmentFlag.AlignLeft`` and ``exec()``, so the code uses
those. This script finds every ``Class.Member`` where ``Class`` is imported from
``qgis.*`` and ``Member`` is an enum member, by importing the class (it needs QGIS's
Python, /usr/bin/python3 here), and every ``exec_``. Also what QGIS's own
scripts/pyqt5_to_pyqt6 migration reports (docs/qgis4.md): ``QVariant.Type`` in the plugin
(gone in PyQt6: field types come from backflow_plugin/field_types.py, QMetaType from
QGIS 3.38), PyQt5 imports, ``qApp`` and ``QRegExp`` (removed in Qt6).

    /usr/bin/python3 scripts/check_qt6.py            # list, exit 1 when any
    /usr/bin/python3 scripts/check_qt6.py --fix      # rewrite them in place
"""

from __future__ import annotations

import argparse
import ast
import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("backflow_plugin", "scripts", "tests", "benchmarks")
PLUGIN = "backflow_plugin"
REMOVED_IN_QT6 = {"qApp": "QApplication.instance()", "QRegExp": "QRegularExpression"}


def _imported_classes(tree: ast.Module) -> dict[str, object]:
    """Names bound by ``from qgis... import X`` to the objects they name."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("qgis"):
            try:
                module = importlib.import_module(node.module)
            except ImportError:
                continue
            for alias in node.names:
                obj = getattr(module, alias.name, None)
                if isinstance(obj, type):
                    out[alias.asname or alias.name] = obj
    return out


def _enum_type_of(value: object) -> str | None:
    """The enum's name when value is a member of a sip/PyQt enum, else None."""
    kind = type(value)
    if type(kind).__name__ in ("enumtype", "EnumType", "EnumMeta") and not isinstance(value, type):
        return kind.__name__
    return None


def _is_qvariant_type(node: ast.Attribute) -> bool:
    return node.attr == "Type" and isinstance(node.value, ast.Name) and node.value.id == "QVariant"


def findings(path: Path) -> list[tuple[int, int, int, str, str]]:
    """(line, col, end_col, old, new) for each unscoped enum member or exec_."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    classes = _imported_classes(tree)
    out = []
    # field_types.py is the one switch between QVariant (QGIS < 3.38, Qt5 only) and
    # QMetaType: PyQt5's own spelling there is what QGIS's migration script expects
    switch = path.name == "field_types.py"
    plugin = PLUGIN in path.parts and not switch
    has_member = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            names = [a.name for a in node.names]
            if any(m.split(".")[0] == "PyQt5" for m in modules):
                out.append((node.lineno, 0, 0, "PyQt5", "qgis.PyQt"))
            out += [(node.lineno, 0, 0, n, REMOVED_IN_QT6[n]) for n in names if n in REMOVED_IN_QT6]
            continue
        if not isinstance(node, ast.Attribute):
            continue
        if plugin and isinstance(node.value, ast.Attribute) and node.value.attr == "Type":
            if isinstance(node.value.value, ast.Name) and node.value.value.id == "QVariant":
                new = f"field_types.{node.attr.upper()}"
                out.append((node.lineno, 0, 0, f"QVariant.Type.{node.attr}", new))
                continue
        if _is_qvariant_type(node) and id(node) not in has_member:
            # QGIS's pyqt5_to_pyqt6 script stops with an AssertionError on this
            out.append((node.lineno, 0, 0, "QVariant.Type", "field_types"))
            continue
        if node.attr == "exec_":
            out.append(
                (node.end_lineno, node.end_col_offset - 5, node.end_col_offset, "exec_", "exec")
            )
            continue
        if not (isinstance(node.value, ast.Name) and node.value.id in classes):
            continue
        if switch and node.value.id == "QVariant":
            continue
        owner = classes[node.value.id]
        try:
            value = getattr(owner, node.attr)
        except AttributeError:
            continue
        enum = _enum_type_of(value)
        if enum and enum != node.attr:
            old = f"{node.value.id}.{node.attr}"
            scoped = getattr(getattr(owner, enum, None), node.attr, None)
            if scoped is not None and scoped == value:
                new = f"{node.value.id}.{enum}.{node.attr}"
            else:
                # an alias of an enum that lives elsewhere (QgsRenderContext.TextFormat...
                # is Qgis.TextRenderFormat.AlwaysText): spelled by its own enum
                member = getattr(value, "name", node.attr)
                new = f"{type(value).__qualname__}.{member}"
            out.append((node.lineno, node.col_offset, node.end_col_offset, old, new))
    return out


def fix(path: Path, found: list[tuple[int, int, int, str, str]]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # Right to left within a line so earlier offsets stay valid.
    for line, col, end, old, new in sorted(found, key=lambda f: (f[0], f[1]), reverse=True):
        text = lines[line - 1]
        # Offsets are in UTF-8 bytes.
        raw = text.encode("utf-8")
        if end == 0 or raw[col:end].decode("utf-8") != old:
            continue  # not rewritten here: said in the listing
        lines[line - 1] = (raw[:col] + new.encode("utf-8") + raw[end:]).decode("utf-8")
    path.write_text("".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fix", action="store_true", help="rewrite the findings in place")
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args()
    files = [p.resolve() for p in args.paths] or [
        p for f in FOLDERS for p in sorted((ROOT / f).rglob("*.py"))
    ]
    total = 0
    for path in files:
        found = findings(path)
        total += len(found)
        for line, _col, _end, old, new in found:
            print(f"{path.relative_to(ROOT)}:{line}: {old} -> {new}")
        if args.fix and found:
            fix(path, found)
    verb = "fixed" if args.fix else "found"
    print(
        f"check_qt6: {total} Qt5-only uses (enums, exec_, QVariant.Type, PyQt5, qApp, QRegExp) {verb} in {len(files)} files"
    )
    return 1 if total and not args.fix else 0


if __name__ == "__main__":
    sys.exit(main())
