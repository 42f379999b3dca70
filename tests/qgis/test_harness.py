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


def test_a_removed_layer_is_no_longer_drawn_in_any_thread(plugin, qgis_iface):
    canvas = qgis_iface.mapCanvas()
    canvas.resize(800, 500)
    project = QgsProject.instance()
    layer = _points()
    project.addMapLayer(layer)
    canvas.setExtent(layer.extent())
    drawn = 0
    for _ in range(20):
        canvas.refresh()
        end = time.monotonic() + 0.5
        while not canvas.isDrawing() and time.monotonic() < end:
            QCoreApplication.processEvents()
        if canvas.isDrawing():
            drawn += 1
            break
    assert drawn == 1, "the canvas never started drawing"
    layer_id = layer.id()
    project.removeMapLayer(layer_id)  # the layer is deleted with it
    assert QThreadPool.globalInstance().activeThreadCount() == 0
    assert layer_id not in [lyr.id() for lyr in canvas.layers() if lyr is not None]
