"""scripts/check_qt6.py: what QGIS's pyqt5_to_pyqt6 migration script would stop on or rewrite."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check_qt6():
    spec = importlib.util.spec_from_file_location("check_qt6", ROOT / "scripts" / "check_qt6.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SOURCE = (
    "from qgis.PyQt.QtCore import QVariant, Qt\n"
    "kind = QVariant.Type\n"
    "text = QVariant.String\n"
    "align = Qt.AlignLeft\n"
    "scoped = Qt.AlignmentFlag.AlignLeft\n"
)


def test_bare_qvariant_type_and_unscoped_enums_are_found(tmp_path):
    path = tmp_path / "module.py"
    path.write_text(SOURCE)
    found = {(line, old, new) for line, _c, _e, old, new in _check_qt6().findings(path)}
    assert found == {
        (2, "QVariant.Type", "field_types"),
        (3, "QVariant.String", "QVariant.Type.String"),
        (4, "Qt.AlignLeft", "Qt.AlignmentFlag.AlignLeft"),
    }


def test_field_types_may_spell_qvariant_as_pyqt5_does(tmp_path):
    """The QGIS < 3.38 branch of field_types.py (Qt5 only) names QVariant.String as the
    migration script expects; other enums there are still checked."""
    path = tmp_path / "field_types.py"
    path.write_text(SOURCE)
    found = {(line, old) for line, _c, _e, old, _new in _check_qt6().findings(path)}
    assert found == {(2, "QVariant.Type"), (4, "Qt.AlignLeft")}


def test_the_plugin_has_nothing_to_migrate():
    module = _check_qt6()
    files = sorted((ROOT / "backflow_plugin").rglob("*.py"))
    assert len(files) > 100
    assert [(p.name, f) for p in files for f in module.findings(p)] == []


def test_metadata_lets_qgis_4_load_the_plugin():
    """A Qt6 build of QGIS (QGIS 4) marks a plugin without supportsQt6=True as
    incompatible (pyplugin_installer/installer_data.py), and qgisMaximumVersion
    must reach 4."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    general = parser["general"]
    assert general["supportsQt6"].strip().upper() in ("TRUE", "YES")
    assert float(general["qgisMinimumVersion"]) <= 3.22
    assert float(general["qgisMaximumVersion"]) >= 4.0
