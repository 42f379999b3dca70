"""Canvas, panel and layout rendered over and over while the project changes under them.

The canvas renders in background threads; a layer removed from the project while a
render still draws it must never crash QGIS. `make test` runs each loop a few times;
benchmarks/soak_render.py runs them hundreds of times in fresh processes and counts
crashes (BACKFLOW_SOAK_RENDERS, BACKFLOW_SOAK_PANEL_RUNS, BACKFLOW_SOAK_LAYOUTS; the
counts actually done are appended to BACKFLOW_SOAK_REPORT when it is set).
"""
# ruff: noqa: F811 - the panel fixtures are imported from test_panel

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import pytest
from qgis.core import QgsFeatureRequest, QgsProject
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QImage

from tests.conftest import DATA, SAMPLE, chinese_catalogue
from tests.qgis.test_panel import gui, panel, wait_for  # noqa: F401 - fixtures

RENDERS = int(os.environ.get("BACKFLOW_SOAK_RENDERS", "3"))
PANEL_RUNS = int(os.environ.get("BACKFLOW_SOAK_PANEL_RUNS", "1"))
LAYOUTS = int(os.environ.get("BACKFLOW_SOAK_LAYOUTS", "1"))
# "flows top": the flows as the first look shows them (the 200 largest, a flow filter)
STYLES = ("cities", "flows", "flows top", "routes", "stages", "network")
OUTPUTS = {"cities": "CITIES", "flows": "FLOWS", "routes": "ROUTES", "stages": "STAGES"}


def _report(section: str, done: int) -> None:
    path = os.environ.get("BACKFLOW_SOAK_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"section": section, "done": done}) + "\n")


def _pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()


@pytest.fixture(scope="module")
def sample_layers(plugin):
    """The sample imported once; city network too: memory layers, styled per kind."""
    import processing

    imported = processing.run(
        "backflow:importtrajectories",
        {"INPUT": str(SAMPLE), **{k: "memory:" for k in OUTPUTS.values()}},
    )
    network = processing.run(
        "backflow:citynetwork",
        {"INPUT_FLOWS": imported["FLOWS"], "INPUT_CITIES": imported["CITIES"], "OUTPUT": "memory:"},
    )
    layers = {kind: imported[key] for kind, key in OUTPUTS.items()}
    layers["network"] = network["OUTPUT"]
    return layers


def _styled_copy(layer, kind: str):
    from backflow_plugin.styling.display import filter_flows
    from backflow_plugin.styling.renderers import style_layer

    copy = layer.materialize(QgsFeatureRequest())
    style_layer(copy, kind.split()[0], language="en")
    if kind == "flows top":
        assert filter_flows(copy, 1, 200) > 1
    return copy


@pytest.mark.parametrize("kind", STYLES)
def test_canvas_renders_while_layers_go(plugin, qgis_iface, sample_layers, kind):
    """Each render: the styled layer is added (the canvas starts drawing it), the
    project removes it at a random moment of the render, or after it finished."""
    canvas = qgis_iface.mapCanvas()
    canvas.resize(640, 400)
    project = QgsProject.instance()
    rnd = random.Random(kind)
    finished = 0
    for i in range(RENDERS):
        layer = _styled_copy(sample_layers[kind.split()[0]], kind)
        project.addMapLayer(layer)
        canvas.setExtent(layer.extent().buffered(1.0))
        canvas.refresh()
        if i % 4 == 0:  # now and then a whole render, to check it draws
            canvas.waitWhileRendering()
            _pump(0.05)
            canvas.waitWhileRendering()
            image: QImage = canvas.grab().toImage()
            assert not image.isNull()
            finished += 1
        else:
            _pump(rnd.uniform(0.0, 0.08))
        project.removeMapLayer(layer.id())
    _pump(0.05)
    assert finished == (RENDERS + 3) // 4
    _report(f"canvas {kind}", RENDERS)


def test_panel_runs_then_project_cleared(panel):
    """The panel's whole run (background task, styled layers, first look, canvas zoom,
    the report), then a new project while the canvas still draws the results. Every
    other run is in a Chinese QGIS: the task's thread then writes the report in Chinese
    while the main thread keeps handling the panel's widgets."""
    from backflow_plugin.translation import install_translator, remove_translator

    panel.report_check.setChecked(True)
    assert chinese_catalogue(), "lrelease is needed for the Chinese runs: make deps"
    for i in range(max(PANEL_RUNS, 2)):
        chinese = i % 2 == 1
        if chinese:
            assert install_translator("zh_CN")
        try:
            panel.file_widget.setFilePath(str(DATA / "long_small.csv"))
            assert panel.start()
            wait_for(panel)
        finally:
            remove_translator()
        assert "Error" not in panel.log.toPlainText() and "错误" not in panel.log.toPlainText()
        assert len(QgsProject.instance().mapLayers()) >= 5
        page = Path(panel.last_results["REPORT_OUTPUT"]).read_text(encoding="utf-8")
        assert ('<html lang="zh-CN">' in page) == chinese
        _pump(0.03)
        QgsProject.instance().clear()
    _report("panel runs", max(PANEL_RUNS, 2))


def test_layouts_export_while_the_canvas_draws(plugin, qgis_iface, sample_layers, tmp_path):
    """The publication map exported (PNG), its layers then removed with the project."""
    import processing

    for i in range(LAYOUTS):
        out = tmp_path / f"map{i}.png"
        processing.run(
            "backflow:publicationmap",
            {
                "FLOWS": sample_layers["flows"],
                "CITIES": sample_layers["network"],
                "OUTPUT": str(out),
                "DPI": 60,
                "EXTENT_PRESET": i % 2,
                "LAYOUT_NAME": "Soak",
            },
        )
        assert QImage(str(out)).width() > 300
        qgis_iface.mapCanvas().refresh()
        _pump(0.02)
        QgsProject.instance().clear()
    _report("layouts", LAYOUTS)
