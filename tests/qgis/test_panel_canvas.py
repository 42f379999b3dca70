"""The panel and the canvas: the wheel, the width, unrecognised labels, a new project's
first look, warnings that are warnings."""
# ruff: noqa: F811 - the panel fixtures are imported from test_panel

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QPoint, QPointF, Qt
from qgis.PyQt.QtGui import QColor, QWheelEvent
from qgis.PyQt.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

from backflow_plugin.gui.panel_table import UNRECOGNISED
from backflow_plugin.styling import first_look
from tests.conftest import DATA
from tests.qgis.test_panel import gui, panel, wait_for  # noqa: F401 - fixtures

LONG = str(DATA / "long_small.csv")
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def wheel(widget: QWidget, steps: int = -1) -> bool:
    """One notch of the mouse wheel over `widget`; True when the event was accepted."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
        QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QCoreApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_wheel_never_changes_an_unfocused_combo(panel):
    panel.file_widget.setFilePath(LONG)
    panel.show()
    QCoreApplication.processEvents()
    combos = panel.widget().widget().findChildren(QComboBox)
    spins = panel.widget().widget().findChildren(QAbstractSpinBox)
    assert len(combos) >= 10 and len(spins) >= 3  # options, columns and each stage label
    for widget in combos + spins:
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus, widget
    combo = panel.method_combo
    combo.setCurrentIndex(0)
    assert not combo.hasFocus()
    wheel(combo)
    wheel(combo)
    assert combo.currentIndex() == 0
    stage_combo = panel.stage_table.cellWidget(0, 2)
    before = stage_combo.currentIndex()
    wheel(stage_combo)
    assert stage_combo.currentIndex() == before
    spin = panel.min_persons
    value = spin.value()
    wheel(spin, 1)
    assert spin.value() == value


def test_wheel_changes_a_focused_combo(panel):
    # A combo the user clicked takes the wheel as usual (the guard only lets it through).
    combo = panel.method_combo
    combo.setCurrentIndex(0)
    guard = panel.wheel_guard
    QApplication.setActiveWindow(panel)
    panel.show()
    combo.setFocus()
    QCoreApplication.processEvents()
    if not combo.hasFocus():  # offscreen platforms may refuse focus: ask the guard directly
        combo.hasFocus = lambda: True
    event = QWheelEvent(
        QPointF(5, 5), QPointF(5, 5), QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    assert guard.eventFilter(combo, event) is False


def test_panel_is_wide_enough_for_every_widget(panel):
    panel.file_widget.setFilePath(LONG)
    panel.show()
    QCoreApplication.processEvents()
    scroll = panel.widget()
    panel.resize(scroll.minimumWidth() + 10, 900)
    QCoreApplication.processEvents()
    body = scroll.widget()
    assert body.width() >= body.minimumSizeHint().width()
    viewport = scroll.viewport().width()
    for child in body.findChildren(QWidget):
        if not child.isVisible() or child.parentWidget() is not body:
            continue
        right = child.mapTo(body, QPoint(child.width(), 0)).x()
        assert right <= viewport + 1, (child.objectName() or type(child).__name__, right, viewport)


def test_unrecognised_stage_labels_come_first_highlighted(panel, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text(
        "person,stage,city\nA,birth,Wuhan\nA,phd,Boston\nA,sabbatical,Boston\nA,return,Beijing\n"
        "B,birth,Hefei\nB,Gastprofessur,Berlin\nB,return,Hefei\n",
        encoding="utf-8",
    )
    panel.file_widget.setFilePath(str(path))
    labels = [v.label for v in panel.stages]
    assert labels[:2] == ["sabbatical", "Gastprofessur"]
    assert [v.canonical for v in panel.stages[:2]] == [None, None]
    assert all(v.canonical for v in panel.stages[2:])
    for row in (0, 1):
        assert panel.stage_table.item(row, 0).background().color() == QColor(UNRECOGNISED)
    assert panel.stage_table.item(2, 0).background().color() != QColor(UNRECOGNISED)


def test_new_project_run_from_the_panel_gets_the_first_look(panel, qgis_iface, tmp_path):
    project = QgsProject.instance()
    project.clear()
    # one unresolvable city: the run succeeds and says so as a warning, not an error
    path = tmp_path / "one_bad.csv"
    path.write_text(
        (DATA / "long_small.csv").read_text(encoding="utf-8")
        + "Z9,1,birth,Atlantisville,,,1980,Physics\nZ9,2,phd,Boston,US,,2005,Physics\n"
        + "Z9,3,return,Beijing,CN,,2012,Physics\n",
        encoding="utf-8",
    )
    panel.file_widget.setFilePath(str(path))
    assert panel.start()
    wait_for(panel)
    log = panel.log.toPlainText()
    assert "Unresolved values" in log and "Atlantisville" in log
    assert "Error" not in log, log
    assert not project.crs().isGeographic() and "+proj=aea" in project.crs().toProj()
    assert first_look.basemap_group(project) is not None
    canvas = qgis_iface.mapCanvas()
    assert canvas.mapSettings().destinationCrs() == project.crs()
    home = first_look.home_view_extent(project)
    assert home is not None and canvas.extent().contains(home.center())
    # China, not the world (the width follows the canvas widget's shape)
    assert min(canvas.extent().width(), canvas.extent().height()) < 6.0e6
    beijing = QgsCoordinateTransform(WGS84, project.crs(), project).transform(116.4, 39.9)
    assert canvas.extent().contains(beijing)


def test_canvas_after_a_run_shows_the_largest_flows_and_keeps_the_rest_one_click_away(
    panel, tmp_path
):
    from backflow_plugin.core.schema import FLOW_TYPES
    from backflow_plugin.styling import display

    project = QgsProject.instance()
    project.clear()
    panel.file_widget.setFilePath(str(DATA / "long_small.csv"))
    panel.min_persons.setValue(1)
    panel.top_n.setValue(3)
    assert panel.start()
    wait_for(panel)
    layers = panel.run.layers
    root = project.layerTreeRoot()
    flows, patterns = layers["FLOWS"], layers["PATTERN_FLOWS"]
    # at first sight: the flows, filtered to the 3 largest of the home view's types
    assert root.findLayer(flows.id()).isVisible()
    assert not root.findLayer(patterns.id()).isVisible()
    shown = list(flows.getFeatures())
    assert {f["flow_type"] for f in shown} <= {"domestic", "backflow", "onward"}
    # the rest, one click away: every flow of every type, unchecked, beside them
    every = next(
        lyr for lyr in project.mapLayers().values() if lyr.customProperty("backflow/output")
        == "ALL_FLOWS"
    )  # fmt: skip
    # shown: the home view's types down to the 3rd largest count (ties stay)
    home = [
        f["count"]
        for f in every.getFeatures()
        if f["flow_type"] in ("domestic", "backflow", "onward")
    ]
    third = sorted(home, reverse=True)[2]
    assert sorted(f["count"] for f in shown) == sorted(c for c in home if c >= third)
    assert not root.findLayer(every.id()).itemVisibilityChecked()
    assert every.subsetString() == "" and every.featureCount() > len(shown)
    assert {f["flow_type"] for f in every.getFeatures()} - set(FLOW_TYPES) == set()
    assert {"outbound", "backflow"} <= {f["flow_type"] for f in every.getFeatures()}
    # the default: the 50 largest
    assert display.TOP_N_DEFAULT == 50
    panel.top_n.setValue(display.TOP_N_DEFAULT)
