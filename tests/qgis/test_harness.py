"""The test harness behaves as QGIS desktop does where our crashes came from: no event
loop inside QgsProject.addMapLayer, and no canvas render thread left running on a layer
the project deletes (tests/conftest.py)."""

from __future__ import annotations

import time

from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QThreadPool, QTimer


def _points(n: int = 2000) -> QgsVectorLayer:
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=n:integer", "points", "memory")
    provider = layer.dataProvider()
    feats = []
    for i in range(n):
        f = QgsFeature(layer.fields())
        f.setAttributes([i])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(i % 360 - 180, (i // 360) % 180 - 90)))
        feats.append(f)
    provider.addFeatures(feats)
    layer.updateExtents()
    return layer


def test_adding_a_layer_processes_no_events(plugin):
    fired = []
    QTimer.singleShot(0, lambda: fired.append("timer"))
    layer = _points(10)
    QgsProject.instance().addMapLayer(layer)
    try:
        assert fired == []  # Processing loads a result and styles it before any event
        QCoreApplication.processEvents()
        assert fired == ["timer"]
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def _drawing(canvas, layer: QgsVectorLayer) -> None:
    """Start the canvas drawing `layer` and return while its render threads run."""
    canvas.resize(800, 500)
    canvas.setExtent(layer.extent())
    for _ in range(20):
        canvas.refresh()
        end = time.monotonic() + 0.5
        while not canvas.isDrawing() and time.monotonic() < end:
            QCoreApplication.processEvents()
        if canvas.isDrawing():
            return
    raise AssertionError("the canvas never started drawing")


def test_a_removed_layer_is_no_longer_drawn_in_any_thread(plugin, qgis_iface):
    canvas = qgis_iface.mapCanvas()
    project = QgsProject.instance()
    layer = _points()
    project.addMapLayer(layer)
    _drawing(canvas, layer)
    layer_id = layer.id()
    project.removeMapLayer(layer_id)  # the layer is deleted with it
    assert QThreadPool.globalInstance().activeThreadCount() == 0
    assert layer_id not in [lyr.id() for lyr in canvas.layers() if lyr is not None]


def test_backflow_changes_layers_with_no_render_thread_running(plugin, qgis_iface):
    """The plugin's own additions and removals (panel, post-processors, map) wait for the
    canvas's render threads: they and the main thread would otherwise rebuild QGIS's
    project expression scope at once (styling/render_guard.py)."""
    from backflow_plugin.styling.render_guard import layers_changing, map_canvas

    canvas = qgis_iface.mapCanvas()
    assert map_canvas() is canvas
    project = QgsProject.instance()
    layer = _points(20_000)
    project.addMapLayer(layer)
    try:
        _drawing(canvas, layer)
        assert QThreadPool.globalInstance().activeThreadCount() > 0
        with layers_changing(project):
            assert not canvas.isDrawing()
            assert QThreadPool.globalInstance().activeThreadCount() == 0
        # the stopped render is drawn again (the view would otherwise stay half drawn)
        end = time.monotonic() + 5
        while not canvas.isDrawing() and time.monotonic() < end:
            QCoreApplication.processEvents()
        assert canvas.isDrawing()
    finally:
        project.removeMapLayer(layer.id())


def test_off_the_main_thread_the_canvas_is_left_alone(plugin, monkeypatch):
    """A worker thread must not touch the canvas, nor rebuild the project's scope."""
    import threading

    from backflow_plugin.styling import render_guard

    stopped = []
    monkeypatch.setattr(
        render_guard, "stop_rendering", lambda wait_ms=0: stopped.append(wait_ms) or False
    )
    project = QgsProject.instance()

    def change():
        with render_guard.layers_changing(project):
            pass

    worker = threading.Thread(target=change)
    worker.start()
    worker.join()
    assert stopped == []
    change()
    assert stopped == [render_guard.RENDER_STOP_WAIT_MS]
