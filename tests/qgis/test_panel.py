"""The Backflow panel driven as a user would: choose a file, check, correct, run, get maps."""

from __future__ import annotations

import time

import pytest
from qgis.core import QgsApplication, QgsCoordinateTransform, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication

from backflow_plugin.styling.disclosure_filter import hidden_by_style
from tests.conftest import DATA, SAMPLE

LONG = str(DATA / "long_small.csv")


def renderer_text(renderer) -> str:
    """What a renderer classes on: category values / rule expressions and labels."""
    if renderer.type() == "categorizedSymbol":
        items = [f"{c.value()} {c.label()}" for c in renderer.categories()]
    elif renderer.type() == "RuleRenderer":
        items = [f"{r.filterExpression()} {r.label()}" for r in renderer.rootRule().descendants()]
    else:
        items = [renderer.dump()]
    return " ".join(items).lower()


def wait_for(panel, timeout: float = 120.0) -> None:
    """Process events until the panel's run ends (the task runs in the background)."""
    end = time.monotonic() + timeout
    while panel.is_running():
        if time.monotonic() > end:
            panel.cancel()
            pytest.fail("the analysis task did not finish in time")
        QCoreApplication.processEvents()
        time.sleep(0.02)
    QCoreApplication.processEvents()


@pytest.fixture
def gui(plugin, qgis_iface):
    plugin.initGui()
    yield plugin
    plugin.unload()
    plugin.initProcessing()  # the other tests still need the provider


@pytest.fixture
def panel(gui):
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()
    p = gui.show_panel()
    yield p
    if p.is_running():
        p.cancel()
        wait_for(p)
    QgsProject.instance().removeAllMapLayers()  # leave the project as we found it
    QgsProject.instance().layerTreeRoot().removeAllChildren()


def test_menu_and_toolbar(gui, qgis_iface):
    bar = qgis_iface.mainWindow().menuBar()
    menus = [a.menu() for a in bar.actions() if a.menu() is not None]
    backflow = next(m for m in menus if m.objectName() == "BackflowMenu")
    assert backflow.title() == "Backflow"
    assert [a.text() for a in backflow.actions()][0] == "Backflow panel"
    gui.panel_action.trigger()
    assert gui.panel is not None and not gui.panel.isHidden()  # main window not shown


def test_file_shows_rows_fields_and_stages(panel):
    panel.file_widget.setFilePath(LONG)
    assert panel.preview is not None
    assert panel.preview_table.columnCount() == 8
    assert panel.preview_table.rowCount() == 12
    assert panel.preview_table.item(0, 3).text() == "Mianyang"
    assert panel.field_mapping() == {
        "person": "person_id", "seq": "seq", "stage": "stage", "city": "city",
        "country": "country", "org": "org", "year": "year", "province": "",
    }  # fmt: skip
    detected = {v.label: v.canonical for v in panel.stages}
    assert detected["出生地"] == "birth"
    assert detected["博士"] == "phd"
    assert detected["回国"] == "return"
    assert None not in detected.values()
    assert panel.run_button.isEnabled()
    # correcting a label makes a STAGE_MAPPING for the run; untouched labels stay out
    assert "STAGE_MAPPING" not in panel.parameters()
    panel.set_stage("博士", "postdoc")
    params = panel.parameters()
    assert params["STAGE_MAPPING"] == "博士=postdoc"
    assert params["INPUT"] == LONG and params["PERSON_FIELD"] == "person_id"


def test_unknown_label_is_flagged_and_correctable(panel, tmp_path):
    path = tmp_path / "gbk.csv"
    text = "编号,阶段,城市\nA,出生地,武汉\nA,sabbatical,Boston\nA,回国,北京\n"
    path.write_bytes(text.encode("gb18030"))
    panel.file_widget.setFilePath(str(path))
    assert panel.field_mapping()["stage"] == "阶段"
    assert panel.field_mapping()["city"] == "城市"
    detected = {v.label: v.canonical for v in panel.stages}
    assert detected == {"出生地": "birth", "sabbatical": None, "回国": "return"}
    row = [v.label for v in panel.stages].index("sabbatical")
    assert panel.stage_table.cellWidget(row, 2).currentText() == "(not recognised)"
    panel.set_stage("sabbatical", "visit")
    assert panel.parameters()["STAGE_MAPPING"] == "sabbatical=visit"


def test_unreadable_file_says_why(panel, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert not panel.set_source(str(empty))
    assert "empty" in panel.table_info.text()
    assert not panel.run_button.isEnabled()


def test_run_makes_a_styled_layer_group(panel, qgis_iface):
    panel.file_widget.setFilePath(LONG)
    panel.home_country.setText("CN")
    panel.geometry_combo.setCurrentIndex(1)
    finished = []
    panel.run_finished.connect(finished.append)
    assert panel.start()
    assert panel.cancel_button.isEnabled() and not panel.run_button.isEnabled()
    wait_for(panel)
    assert finished == [True], panel.log.toPlainText()
    assert panel.progress.value() == 100

    group = QgsProject.instance().layerTreeRoot().findGroup("long_small")
    assert group is not None
    layers = {
        lyr.layer().customProperty("backflow/output"): lyr.layer() for lyr in group.findLayers()
    }
    for key in ("STAGES", "FLOWS", "CITIES", "PATTERN_ROUTES", "PATTERN_FLOWS", "UNRESOLVED"):
        assert key in layers, key
    assert layers["STAGES"].featureCount() == 18
    # MIN_PERSONS (default 5, issue 15): the cities of these 5 persons are drawn only
    # from 5 persons on; the memory layer keeps all 12
    assert hidden_by_style(layers["CITIES"]) == '"persons" >= 5'
    assert layers["CITIES"].featureCount() == 12
    assert panel.parameters()["MIN_PERSONS"] == 5
    # styled by Backflow's renderers: flows by type (the return among them), routes by
    # pattern, cities sized by a measure
    flows = layers["FLOWS"].renderer()
    assert flows.type() in ("categorizedSymbol", "RuleRenderer")
    assert "backflow" in renderer_text(flows)
    assert "circle" in renderer_text(layers["PATTERN_ROUTES"].renderer())
    cities = layers.get("NETWORK") or layers["CITIES"]
    assert (
        cities.renderer().type() != "singleSymbol"
        or cities.renderer().symbol().dataDefinedSize().isActive()
    )
    # zoomed to the home country's cities (in the canvas's CRS: projected after a first look)
    canvas = qgis_iface.mapCanvas()
    to_canvas = QgsCoordinateTransform(
        cities.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()
    )
    home = [f.geometry().asPoint() for f in cities.getFeatures() if f["domestic"]]
    assert home and all(canvas.extent().contains(to_canvas.transform(p)) for p in home)
    assert "5 persons" in panel.log.toPlainText()
    # remembered for next time
    assert QgsSettings().value("backflow/home_country") == "CN"
    assert QgsSettings().value("backflow/last_file") == LONG
    assert QgsSettings().value("backflow/geometry", type=int) == 1


def test_disclosure_threshold_of_one_shows_every_city(panel):
    panel.file_widget.setFilePath(LONG)
    panel.home_country.setText("CN")
    panel.disclosure.setValue(1)
    assert panel.parameters()["MIN_PERSONS"] == 1
    assert panel.start()
    wait_for(panel)
    group = QgsProject.instance().layerTreeRoot().findGroup("long_small")
    layers = {
        lyr.layer().customProperty("backflow/output"): lyr.layer() for lyr in group.findLayers()
    }
    assert hidden_by_style(layers["CITIES"]) is None
    assert layers["CITIES"].featureCount() == 12
    assert QgsSettings().value("backflow/min_persons", type=int) == 1
    panel.disclosure.setValue(5)
    panel.save_settings()


def test_run_again_replaces_the_group(panel):
    panel.file_widget.setFilePath(LONG)
    for _ in range(2):
        assert panel.start()
        wait_for(panel)
    groups = [
        g for g in QgsProject.instance().layerTreeRoot().children() if g.name() == "long_small"
    ]
    assert len(groups) == 1
    assert len(groups[0].findLayers()) >= 6
    # the first run's layers were replaced, not left behind in the project (the basemap
    # of a new project's first look is the project's, not the run's)
    results = [
        lyr for lyr in QgsProject.instance().mapLayers().values()
        if not lyr.customProperty("backflow/basemap")
    ]  # fmt: skip
    assert len(results) == len(groups[0].findLayers())


def test_cancel_keeps_qgis_clean(panel):
    panel.file_widget.setFilePath(str(SAMPLE))
    finished = []
    panel.run_finished.connect(finished.append)
    assert panel.start()
    panel.cancel()
    wait_for(panel)
    assert finished == [False]
    assert QgsProject.instance().layerTreeRoot().findGroup(SAMPLE.stem) is None
    assert panel.run_button.isEnabled() and not panel.cancel_button.isEnabled()


def test_layer_from_the_project(panel):
    from qgis.core import QgsVectorLayer

    uri = f"file://{LONG}?delimiter=,"
    layer = QgsVectorLayer(uri, "trajectories", "delimitedtext")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    panel.layer_combo.setLayer(layer)
    assert panel.preview.label == "trajectories"
    assert panel.field_mapping()["city"] == "city"
    assert panel.parameters()["INPUT"] == layer.id()
    assert panel.start()
    wait_for(panel)
    group = QgsProject.instance().layerTreeRoot().findGroup("trajectories")
    assert group is not None and len(group.findLayers()) >= 6


def test_task_manager_is_used(panel):
    panel.file_widget.setFilePath(LONG)
    before = QgsApplication.taskManager().count()
    assert panel.start()
    assert QgsApplication.taskManager().count() >= before  # queued as a QgsTask
    wait_for(panel)


def test_a_run_leaves_no_qt_object_to_the_cyclic_collector(panel):
    """A Qt object kept only by a reference cycle is freed when Python's collector next
    runs, in whatever thread that is: a later run's task thread, while the object's
    shared data is in use there (a crash). A panel run leaves no such object."""
    import gc

    from qgis.PyQt import sip

    panel.file_widget.setFilePath(LONG)
    gc.collect()  # what the fixtures left
    gc.disable()  # no collection during the run: every cycle it makes is still there
    try:
        assert panel.start()
        wait_for(panel)
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        cycles = sorted({type(o).__name__ for o in gc.garbage if isinstance(o, sip.simplewrapper)})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
        gc.collect()
    assert panel.last_results.get("STAGES")
    assert cycles == []


def test_background_run_makes_the_map_in_the_main_thread(panel, tmp_path):
    """The publication map needs the main thread: made after the task, results kept."""
    if QgsApplication.processingRegistry().algorithmById("backflow:publicationmap") is None:
        pytest.skip("backflow:publicationmap not registered")
    from backflow_plugin.gui.runner import AnalysisRun

    pdf = tmp_path / "map.pdf"
    params = {"INPUT": LONG, "MAKE_MAP": True, "MAP_OUTPUT": str(pdf)}
    run = AnalysisRun(params, "with_map", QgsProject.instance())
    done = []
    run.finished.connect(lambda ok, res: done.append((ok, res)))
    messages = []
    run.message.connect(lambda level, text: messages.append(text))
    run.start()
    end = time.monotonic() + 120
    while run.running and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    assert done and done[0][0], messages
    results = done[0][1]
    assert any("main thread" in m for m in messages)
    assert results["MAP_OUTPUT"] == str(pdf) and pdf.read_bytes()[:5] == b"%PDF-"
    assert results["PERSONS"] == 5 and "STAGES" in run.layers  # the run's results kept


def test_the_report_goes_beside_the_table_or_to_the_remembered_folder(panel, tmp_path):
    import shutil

    from backflow_plugin.qgis_io import in_temporary_folder

    table = tmp_path / "survey.csv"
    shutil.copy(LONG, table)
    panel.file_widget.setFilePath(str(table))
    panel.report_check.setChecked(True)
    assert panel.parameters()["REPORT_OUTPUT"] == str(tmp_path / "survey_report.html")
    # a project layer without a file: the folder of the last report, else temporary
    from qgis.core import QgsFeature, QgsVectorLayer

    layer = QgsVectorLayer(
        "None?field=person_id:string&field=stage:string&field=city:string", "memtable", "memory"
    )
    feature = QgsFeature(layer.fields())
    feature.setAttributes(["A", "return", "Wuhan"])
    layer.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(layer)
    panel.layer_combo.setLayer(layer)
    assert panel.parameters()["INPUT"] == layer.id()
    QgsSettings().setValue("backflow/report_folder", "")
    assert in_temporary_folder(panel.parameters()["REPORT_OUTPUT"])
    QgsSettings().setValue("backflow/report_folder", str(tmp_path))
    assert panel.parameters()["REPORT_OUTPUT"] == str(tmp_path / "backflow_report.html")
    QgsSettings().setValue("backflow/report_folder", "")
