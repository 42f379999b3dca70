"""Shared fixtures: the plugin loaded as QGIS loads it, Processing ready, sample paths."""

from __future__ import annotations

import configparser
import logging
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = ROOT / "resources" / "sample" / "returnees_synthetic.csv"
NOBEL = ROOT.parent / "shared" / "data" / "nobel_laureates.csv"


def chinese_catalogue() -> bool:
    """The zh_CN .qm built from the .ts when missing or older (as `make translations`
    does); False when lrelease (qttools5-dev-tools) is not installed."""
    import shutil
    import subprocess  # nosec B404

    ts = ROOT / "backflow_plugin" / "i18n" / "backflow_zh_CN.ts"
    qm = ts.with_suffix(".qm")
    if qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return True
    lrelease = shutil.which("lrelease")
    if lrelease is None:
        return False
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)  # nosec B603
    return True


@pytest.fixture(scope="session")
def plugin(qgis_app, qgis_iface, qgis_processing):
    """The plugin, created through classFactory and registered like QGIS does."""
    from qgis.core import Qgis, QgsApplication

    import backflow_plugin

    meta = configparser.ConfigParser()
    meta.read(ROOT / "metadata.txt", encoding="utf-8")
    minimum = tuple(int(x) for x in meta["general"]["qgisMinimumVersion"].split("."))
    running = (Qgis.QGIS_VERSION_INT // 10000, Qgis.QGIS_VERSION_INT // 100 % 100)
    assert running >= minimum, f"QGIS {Qgis.QGIS_VERSION} is older than metadata's {minimum}"

    qgis_log = logging.getLogger("qgis")

    def forward(message, tag, level):
        qgis_log.log(
            logging.WARNING if level >= Qgis.MessageLevel.Warning else logging.INFO,
            "%s: %s",
            tag,
            message,
        )

    QgsApplication.messageLog().messageReceived.connect(forward)
    _no_event_loop_inside_add_map_layer()
    tree_view = _real_layer_tree_view(qgis_iface)
    _canvas_rests_while_layers_change(qgis_iface)
    instance = backflow_plugin.classFactory(qgis_iface)
    instance.initProcessing()
    assert QgsApplication.processingRegistry().providerById("backflow") is not None
    yield instance
    QgsApplication.messageLog().messageReceived.disconnect(forward)
    del tree_view


def _no_event_loop_inside_add_map_layer() -> None:
    """pytest-qgis 5 runs the whole event loop (timers, deferred deletes) from inside every
    QgsProject.addMapLayer (its legendLayersAdded hook). QGIS desktop never does: there,
    Processing adds a result layer and its post-processor styles it in one go. With the
    hook, the canvas starts a render between the two, and its threads then read a layer
    while the main thread restyles or deletes it (a segfault in a render thread now and
    then). Tests that want the canvas drawn pump the event loop themselves."""
    from qgis.core import QgsProject

    try:
        from pytest_qgis.utils import process_events
    except ImportError:  # an older pytest-qgis without the hook
        return
    try:
        QgsProject.instance().legendLayersAdded.disconnect(process_events)
    except TypeError:  # not connected
        pass


def _canvas_rests_while_layers_change(iface) -> None:
    """pytest-qgis puts every added layer on its canvas but leaves removed ones there, and
    its canvas keeps rendering them in its threads while the project deletes them (a
    segfault now and then). QGIS desktop's layer tree takes a layer off the canvas, and
    its own removals stop the render first: so here. The canvas cancels its render without
    waiting for its threads, so the removal waits for them (a cancelled render stops
    within milliseconds; the bound only guards against a stuck task in the pool).

    Additions too: each one drops QGIS's cached project expression scope, which render
    threads rebuild on their own, and that cache is not thread-safe (a crash in
    QgsExpressionContextScope::addFunction on QGIS 3.44, where the test canvas rebuilt it
    while its previous render's thread did). Backflow's own changes rest the canvas
    (styling/render_guard.py); a layer a test adds itself rests it right after."""
    from qgis.core import QgsProject
    from qgis.PyQt import sip
    from qgis.PyQt.QtCore import QThreadPool

    canvas = iface.mapCanvas()
    project = QgsProject.instance()

    def rest():
        if sip.isdeleted(canvas):
            return False
        canvas.stopRendering()
        QThreadPool.globalInstance().waitForDone(10_000)
        return True

    def going(layer_ids):
        if rest():
            gone = set(layer_ids)
            canvas.setLayers([lyr for lyr in canvas.layers() if lyr.id() not in gone])

    def came(_layers):  # (QGIS has no signal before an addition)
        if rest():
            project.createExpressionContextScope()  # rebuilt here, before any render

    project.layersWillBeRemoved["QStringList"].connect(going)
    project.layersAdded.connect(came)
    _KEEP_ALIVE.extend([going, came])


_KEEP_ALIVE: list = []


def _real_layer_tree_view(iface):
    """A real layer tree view on the project's tree, in place of pytest-qgis's mock.

    processing.runAndLoadResults hands iface.layerTreeView() to C++ (QGIS >= 3.44 places
    the loaded results in the tree through it); a MagicMock there is a TypeError.
    """
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    view = QgsLayerTreeView()
    model = QgsLayerTreeModel(QgsProject.instance().layerTreeRoot(), view)
    view.setModel(model)
    iface.layerTreeView = lambda: view
    return view


@pytest.fixture
def run_alg(plugin):
    """processing.run with a fresh context; returns the result dict."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    def run(alg_id: str, params: dict, feedback=None):
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        return processing.run(
            alg_id, params, context=context, feedback=feedback or QgsProcessingFeedback()
        )

    return run


# A report made without a file given is kept beside its input table (qgis_io.
# kept_report_path); for the tables in this repository, that is tests/data or
# resources/sample: what a test leaves there is removed after it, and the panel's
# remembered report folder is forgotten.
_REPORT_FOLDERS = (DATA, SAMPLE.parent)


@pytest.fixture(autouse=True)
def _no_reports_left_in_the_repository():
    before = {p for folder in _REPORT_FOLDERS for p in folder.glob("*.html")}
    yield
    for folder in _REPORT_FOLDERS:
        for path in folder.glob("*.html"):
            if path not in before:
                path.unlink()
    if "qgis.core" in __import__("sys").modules:
        from qgis.core import QgsSettings

        QgsSettings().remove("backflow/report_folder")
