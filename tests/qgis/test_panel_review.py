"""The panel's "Review unresolved…" step, driven through its widgets."""

from __future__ import annotations

import shutil
import time

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QCoreApplication

from backflow_plugin.core.places.aliases import read_aliases
from tests.conftest import DATA


def wait_for(panel, timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    while panel.is_running():
        if time.monotonic() > end:
            panel.cancel()
            pytest.fail("the analysis task did not finish in time")
        QCoreApplication.processEvents()
        time.sleep(0.02)
    QCoreApplication.processEvents()


@pytest.fixture
def panel(plugin, qgis_iface):
    plugin.initGui()
    QgsProject.instance().removeAllMapLayers()
    p = plugin.show_panel()
    p.aliases_widget.setFilePath("")
    yield p
    if p.is_running():
        p.cancel()
        wait_for(p)
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()
    plugin.unload()
    plugin.initProcessing()


def test_review_lists_values_saves_aliases_and_the_run_uses_them(panel, tmp_path):
    table = tmp_path / "long_small.csv"
    shutil.copy(DATA / "long_small.csv", table)
    panel.file_widget.setFilePath(str(table))
    assert panel.review_button.isEnabled()

    dialog = panel.review_unresolved()
    assert dialog is not None and dialog.isVisible()
    # the empty city (row 20) has no value to place: not listed
    assert dialog.values == ["Nowhereburg", "Shanghia"]
    assert [dialog.table.item(r, 1).text() for r in range(2)] == ["1", "1"]
    assert [dialog.table.item(r, 2).text() for r in range(2)] == ["unknown city"] * 2
    assert "Shanghai (CN)" in dialog.suggestions("Shanghia")

    dialog.set_choice("Shanghia", "Shanghai (CN)")
    dialog.set_choice("Nowhereburg", "绵阳")
    assert dialog.choices() == {"Nowhereburg": "绵阳", "Shanghia": "Shanghai (CN)"}
    dialog.accept()

    saved = tmp_path / "long_small_place_aliases.csv"
    assert panel.aliases_widget.filePath() == str(saved)
    aliases = read_aliases(saved)
    assert aliases[["value", "place", "country"]].values.tolist() == [
        ["Nowhereburg", "绵阳", ""],
        ["Shanghia", "Shanghai", "CN"],
    ]
    assert panel.parameters()["USER_ALIASES"] == str(saved)
    assert "2 place aliases saved" in panel.log.toPlainText()

    # a second review finds nothing left to place
    assert panel.review_unresolved() is None
    assert "nothing to review" in panel.log.toPlainText()

    assert panel.start()
    wait_for(panel)
    results = panel.last_results
    assert results["USER_ALIAS_ROWS"] == 2
    assert (results["RESOLVED_ROWS"], results["UNRESOLVED_ROWS"]) == (20, 1)
    assert "Rows placed with help (STAGES.flags): place aliases 2" in panel.log.toPlainText()


def test_review_answers_merge_into_the_alias_file_in_use(panel, tmp_path):
    table = tmp_path / "long_small.csv"
    shutil.copy(DATA / "long_small.csv", table)
    existing = tmp_path / "my_aliases.csv"
    existing.write_text("value,place,country\nPeiping,北京,CN\n", encoding="utf-8")
    panel.file_widget.setFilePath(str(table))
    panel.aliases_widget.setFilePath(str(existing))
    dialog = panel.review_unresolved()
    dialog.set_choice("Shanghia", "上海")
    dialog.accept()
    assert panel.aliases_widget.filePath() == str(existing)
    assert read_aliases(existing)[["value", "place"]].values.tolist() == [
        ["Shanghia", "上海"],
        ["Peiping", "北京"],
    ]


def test_review_with_no_answer_saves_nothing(panel, tmp_path):
    table = tmp_path / "long_small.csv"
    shutil.copy(DATA / "long_small.csv", table)
    panel.file_widget.setFilePath(str(table))
    dialog = panel.review_unresolved()
    dialog.accept()
    assert panel.aliases_widget.filePath() == ""
    assert not (tmp_path / "long_small_place_aliases.csv").exists()
    assert "nothing saved" in panel.log.toPlainText()


def test_review_error_is_shown_not_raised(panel, tmp_path):
    table = tmp_path / "long_small.csv"
    shutil.copy(DATA / "long_small.csv", table)
    bad = tmp_path / "bad.csv"
    bad.write_text("value,place\nShanghia,\n", encoding="utf-8")
    panel.file_widget.setFilePath(str(table))
    panel.aliases_widget.setFilePath(str(bad))
    assert panel.review_unresolved() is None
    assert "An alias has no place" in panel.log.toPlainText()
