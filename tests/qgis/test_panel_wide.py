"""The panel with a wide CV table: detected, the stage grid filled, edited, saved, run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QCoreApplication

from tests.conftest import DATA
from tests.qgis.test_i18n import zh  # noqa: F401 - the zh_CN translator fixture
from tests.qgis.test_panel import gui, panel, wait_for  # noqa: F401 - fixtures

CV_ZH = str(DATA / "cv_wide_zh_bom.csv")
CV_EN = str(DATA / "cv_wide_en.csv")
SHOTS = Path(os.environ.get("BACKFLOW_SCREENSHOTS", "/tmp/backflow_screens"))


@pytest.fixture(autouse=True)
def no_saved_mappings():
    """Each test starts from a project without saved grids (the project is shared)."""
    QgsProject.instance().removeEntry("backflow", "wide_mappings")
    yield
    QgsProject.instance().removeEntry("backflow", "wide_mappings")


def grid_rows(p) -> list[tuple[str, str, str, str]]:
    g = p.stage_grid
    return [
        (stage, g.choice(r, "city"), g.choice(r, "org"), g.choice(r, "year"))
        for r, (stage, _c) in enumerate(g.rows)
    ]


def test_wide_table_detected_and_grid_filled(panel):  # noqa: F811
    panel.file_widget.setFilePath(CV_ZH)
    assert panel.layout_combo.currentIndex() == 1
    assert panel.wide_box.isVisibleTo(panel) and not panel.stage_box.isVisibleTo(panel)
    # only the person column is asked for, beside the grid
    assert not panel.fields_box.isVisibleTo(panel)
    assert panel.wide_person.currentText() == "姓名"
    assert panel.field_mapping()["person"] == "姓名"
    panel.wide_person.setCurrentIndex(panel.wide_person.findData("性别"))
    assert panel.field_mapping()["person"] == "性别"
    panel.wide_person.setCurrentIndex(panel.wide_person.findData("姓名"))
    rows = grid_rows(panel)
    assert [r[0] for r in rows] == [
        "birth", "bachelor", "master", "phd", "postdoc", "work", "visit", "return", "later",
    ]  # fmt: skip
    assert rows[0] == ("birth", "出生地", "", "")
    assert rows[1] == ("bachelor", "", "本科", "本科年份")
    assert rows[3] == ("phd", "", "博士", "博士毕业年份")
    assert rows[7] == ("return", "回国城市", "回国单位", "回国年份")
    assert rows[5] == ("work", "", "", "")
    assert panel.stage_grid.text.text() == panel.wide_mapping_text()
    params = panel.parameters()
    assert params["LAYOUT"] == 1
    assert params["WIDE_MAPPING"].startswith("birth=city:出生地; bachelor=org:本科,year:本科年份")
    assert params["PERSON_FIELD"] == "姓名" and "CITY_FIELD" not in params


def test_grid_edit_is_saved_with_the_project_and_comes_back(panel):  # noqa: F811
    panel.file_widget.setFilePath(CV_ZH)
    panel.stage_grid.set_choice("master", "org", "")  # the user leaves the master out
    saved = json.loads(QgsProject.instance().readEntry("backflow", "wide_mappings", "")[0])
    assert "master=" not in saved[CV_ZH]
    assert "master=" not in panel.parameters()["WIDE_MAPPING"]
    panel.file_widget.setFilePath(CV_EN)  # another table, then back
    assert "master=org:master" in panel.wide_mapping_text()
    panel.file_widget.setFilePath(CV_ZH)
    assert grid_rows(panel)[2] == ("master", "", "", "")
    assert "master=" not in panel.wide_mapping_text()


def test_an_empty_grid_stops_the_run_with_the_fix(panel):  # noqa: F811
    panel.file_widget.setFilePath(CV_EN)
    for stage, city, org, year in grid_rows(panel):
        for role, col in (("city", city), ("org", org), ("year", year)):
            if col:
                panel.stage_grid.set_choice(stage, role, "")
    assert panel.start() is False
    text = panel.log.toPlainText()
    assert "This table is wide (one row per person): choose a place or an organisation" in text
    assert panel.notice.level == "critical"
    assert panel.notice.label.text().startswith("This table is wide (one row per person)")


def test_year_without_place_is_named(panel):  # noqa: F811
    panel.file_widget.setFilePath(CV_EN)
    panel.stage_grid.set_choice("bachelor", "org", "")
    assert "bachelor" in panel.layout_problem()


def test_wide_run_from_the_panel(panel):  # noqa: F811
    panel.file_widget.setFilePath(CV_EN)
    panel.report_check.setChecked(False)
    assert panel.start()
    wait_for(panel)
    results = panel.last_results
    assert results["PERSONS"] == 20
    assert results["STAGE_ROWS"] == 95 and results["RESOLVED_ROWS"] == 95


def test_panel_in_chinese_with_a_wide_table(zh, gui, qgis_iface):  # noqa: F811
    from backflow_plugin.gui.panel import BackflowPanel

    zh_panel = BackflowPanel(qgis_iface)
    try:
        zh_panel.file_widget.setFilePath(CV_ZH)
        assert zh_panel.layout_combo.currentText() == "宽表：每人一行"
        assert zh_panel.wide_box.title() == "各阶段的列（宽表：每人一行）"
        header = [zh_panel.stage_grid.table.horizontalHeaderItem(c).text() for c in range(4)]
        assert header == ["阶段", "地点列", "单位列", "年份列"]
        assert zh_panel.stage_grid.table.item(0, 0).text() == "出生地"
        for stage, *cols in grid_rows(zh_panel):
            for col in cols:
                if col:
                    zh_panel.stage_grid.set_choice(stage, "city" if col == cols[0] else "org", "")
        zh_panel.stage_grid.set_choice("return", "year", "")
        zh_panel.stage_grid.set_choice("bachelor", "year", "")
        zh_panel.stage_grid.set_choice("phd", "year", "")
        assert zh_panel.start() is False
        assert "此表为宽表（每人一行）：请在阶段表格中为每个阶段选择地点或单位列" in (
            zh_panel.log.toPlainText()
        )
        zh_panel.file_widget.setFilePath(CV_EN)  # drop the saved mapping of the zh table
        QgsProject.instance().removeEntry("backflow", "wide_mappings")
        zh_panel.file_widget.setFilePath(CV_ZH)
        zh_panel.report_check.setChecked(False)
        zh_panel.disclosure.setValue(5)
        assert zh_panel.start()
        wait_for(zh_panel)
        assert zh_panel.notice.label.text() == (
            "5 人的阈值隐藏了地图的大部分内容：47 条流线中显示 0 条，24 个城市中显示 2 个。"
            "阈值设为 2 可显示更多，且仍不显示仅一人的流线或城市。"
        )
        zh_panel.resize(460, 1500)
        QCoreApplication.processEvents()
        SHOTS.mkdir(parents=True, exist_ok=True)
        shot = zh_panel.widget().widget().grab()
        assert shot.save(str(SHOTS / "panel_wide_zh.png"))
    finally:
        zh_panel.deleteLater()


def test_small_study_warned_and_shown_at_the_offered_threshold(panel, monkeypatch):  # noqa: F811
    panel.file_widget.setFilePath(CV_EN)
    panel.report_check.setChecked(False)
    panel.disclosure.setValue(5)
    assert panel.start()
    wait_for(panel)
    assert panel.notice.level == "warning"
    text = panel.notice.label.text()
    assert text == (
        "The threshold of 5 persons hides most of the map: 0 of 47 flows and 2 of 24 cities "
        "are shown. A threshold of 2 shows more, still no single person."
    )
    assert text in panel.log.toPlainText()
    flows = panel.run.layers["FLOWS"]
    assert flows.name().endswith("(0 of 47 shown: under 5 persons hidden)")
    buttons = [panel.notice.buttons.itemAt(i).widget() for i in range(panel.notice.buttons.count())]
    labels = [b.text() for b in buttons if b is not None]
    assert labels == ["Show with threshold 2", "Show everything (1: not for publication)"]
    buttons[0].click()  # the user takes the offer: a new run at 2
    assert panel.disclosure.value() == 2
    wait_for(panel)
    assert panel.last_results["FLOWS_SHOWN"] == 9
    assert "0 of 47" not in panel.notice.label.text()
    import processing

    opened = []
    monkeypatch.setattr(processing, "execAlgorithmDialog", lambda alg, p: opened.append(p))
    panel.make_map()  # the map dialog gets the threshold of the run
    assert opened[0]["MIN_PERSONS"] == 2
    panel.run_with_threshold(1)
    wait_for(panel)
    assert panel.last_results["FLOWS_SHOWN"] == 47
    assert panel.notice.label.text().startswith("Every flow and city is shown (threshold 1)")
    panel.disclosure.setValue(5)  # the saved setting back to the default for other tests
    panel.save_settings()


def test_a_table_set_back_to_long_forgets_its_grid(panel):  # noqa: F811
    panel.file_widget.setFilePath(CV_EN)
    assert CV_EN in panel.saved_mappings()
    panel.layout_combo.setCurrentIndex(0)
    assert CV_EN not in panel.saved_mappings()
    assert panel.wide_box.isHidden() and not panel.fields_box.isHidden()
    assert "wide" in panel.layout_problem()
