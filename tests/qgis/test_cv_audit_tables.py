"""Two wide Chinese CV tables written for the audit of the CV-table work, not used to
build it: 20 returnees each, one in UTF-8 with a BOM and one in GBK, with different
headers (出生地/籍贯, 本科院校/学士, 回国工作单位/全职回国单位...). Each person's return
city and circle/linear pattern was worked out by hand before the plugin ran
(`cv_audit_expected.csv`); the import must detect the layout itself."""

from __future__ import annotations

import csv

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QCoreApplication

from tests.conftest import DATA
from tests.qgis.test_i18n import zh  # noqa: F401 - the zh_CN translator fixture
from tests.qgis.test_import_algorithm import OUTS, layer, rows
from tests.qgis.test_panel import gui  # noqa: F401 - the plugin's GUI fixture
from tests.qgis.test_run_logs_zh import Log

CV = DATA / "cv"
# the columns that name a place or an organisation in each table (years, names and
# attributes left out): the cells the resolution rate is measured on
PLACE_COLUMNS = {
    "cv_audit_zh_bom.csv": ("出生地", "本科院校", "硕士院校", "博士院校", "博士后单位", "回国工作单位"),
    "cv_audit_zh_gbk.csv": ("籍贯", "学士", "硕士研究生", "博士", "博士后", "海外工作", "全职回国单位"),
}  # fmt: skip
TABLES = {"bom": ("cv_audit_zh_bom.csv", "utf-8-sig"), "gbk": ("cv_audit_zh_gbk.csv", "gbk")}


def place_cells(name: str, encoding: str) -> int:
    with open(CV / name, encoding=encoding, newline="") as f:
        table = list(csv.DictReader(f))
    assert len(table) == 20
    return sum(1 for row in table for col in PLACE_COLUMNS[name] if row[col].strip())


def expected(key: str) -> dict[str, tuple[str, str]]:
    with open(CV / "cv_audit_expected.csv", encoding="utf-8", newline="") as f:
        return {
            r["person"]: (r["return_city"], r["pattern"])
            for r in csv.DictReader(f)
            if r["table"] == key
        }


@pytest.mark.parametrize("key", sorted(TABLES))
def test_hand_checked_cv_table(run_alg, key):
    name, encoding = TABLES[key]
    log = Log()
    result = run_alg("backflow:importtrajectories", {"INPUT": str(CV / name), **OUTS}, feedback=log)
    text = "\n".join(log.lines)
    assert "Wide table detected from the column names" in text
    cells = place_cells(name, encoding)
    # every cell naming a place or an organisation is one stage row
    assert result["STAGE_ROWS"] == cells
    assert result["RESOLVED_ROWS"] + result["UNRESOLVED_ROWS"] == cells
    assert result["RESOLVED_ROWS"] / cells >= 0.95
    assert result["PERSONS"] == 20
    # a place is kept as written, in an organisation column (本科院校... 博士后单位 of the
    # first table) as in a city column (博士后 of the second, most of its cells places)
    stages = rows(layer(result, "STAGES"))
    inputs = {(s["person_id"], s["stage"]): s["city_input"] for s in stages}
    placed = {"bom": ("吴磊", "Cambridge, MA"), "gbk": ("B03", "美国波士顿")}[key]
    assert inputs[(placed[0], "postdoc")] == placed[1]
    assert "'' ->" not in text  # a shared name is named, never as ''

    patterns = run_alg(
        "backflow:routepatterns",
        {"INPUT": result["STAGES"], "ROUTES": "TEMPORARY_OUTPUT", "FLOWS": "TEMPORARY_OUTPUT"},
    )
    got = {
        r["person_id"]: (r["return_city"], r["pattern"]) for r in rows(layer(patterns, "ROUTES"))
    }
    want = expected(key)
    assert len(want) == 20
    assert {p: got.get(p) for p in want} == want


def test_panel_in_chinese_reads_the_gbk_table_by_its_own_headers(zh, gui, qgis_iface):  # noqa: F811
    from backflow_plugin.gui.panel import BackflowPanel

    QgsProject.instance().removeEntry("backflow", "wide_mappings")
    p = BackflowPanel(qgis_iface)
    try:
        p.file_widget.setFilePath(str(CV / "cv_audit_zh_gbk.csv"))
        assert p.layout_combo.currentText() == "宽表：每人一行"
        assert p.wide_person.currentText() == "编号"
        grid = {stage: [p.stage_grid.choice(r, role) for role in ("city", "org", "year")]
                for r, (stage, _c) in enumerate(p.stage_grid.rows)}  # fmt: skip
        assert grid["birth"] == ["籍贯", "", ""]
        assert grid["bachelor"] == ["", "学士", ""]
        assert grid["postdoc"] == ["博士后", "", ""]  # most of its cells are places
        assert grid["work"] == ["", "海外工作", ""]
        assert grid["return"] == ["", "全职回国单位", "回国年份"]
        text = p.wide_mapping_text()
        assert text.startswith("birth=city:籍贯; bachelor=org:学士; master=org:硕士研究生")
    finally:
        p.deleteLater()
        project = QgsProject.instance()  # leave the project as we found it
        project.removeEntry("backflow", "wide_mappings")
        project.removeAllMapLayers()
        project.layerTreeRoot().removeAllChildren()
        QCoreApplication.processEvents()
