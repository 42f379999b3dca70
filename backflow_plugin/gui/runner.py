"""Runs backflow:fullanalysis as a background task and brings its layers into the project."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateTransform,
    QgsLayerTreeGroup,
    QgsMapLayer,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingUtils,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..qgis_io import output_definition
from ..styling.render_guard import layers_changing
from ..translation import tr

ALG_ID = "backflow:fullanalysis"

# Output key -> visible at first; top of the group first.
OUTPUT_LAYERS: dict[str, bool] = {
    "NETWORK": True, "CITIES": True, "FLOWS": True, "PATTERN_FLOWS": False,
    "PATTERN_ROUTES": False, "ROUTES": False, "STAGES": False, "UNRESOLVED": False,
    "PATTERN_SHARES": False,
    "REGION_FLOWS": False, "REGION_STATS": True, "REGION_MATRIX": False,
    "REGION_UNMATCHED": False,
}  # fmt: skip


def layer_names() -> dict[str, str]:
    """The names the results get in the layer tree (translated)."""
    return {
        "NETWORK": tr("City tiers"), "CITIES": tr("Cities"),
        "PATTERN_FLOWS": tr("Backflow flows by pattern"), "FLOWS": tr("Flows"),
        "PATTERN_ROUTES": tr("Routes by pattern"), "ROUTES": tr("Person routes"),
        "STAGES": tr("Stages"), "UNRESOLVED": tr("Unresolved rows"),
        "PATTERN_SHARES": tr("Pattern shares"),
        "REGION_STATS": tr("Regions"), "REGION_FLOWS": tr("Region flows"),
        "REGION_MATRIX": tr("Region x region matrix"),
        "REGION_UNMATCHED": tr("Cities not in exactly one region"),
    }  # fmt: skip


STYLE_KINDS = {
    "NETWORK": "network", "CITIES": "cities", "FLOWS": "flows", "PATTERN_FLOWS": "flows",
    "PATTERN_ROUTES": "routes", "ROUTES": "routes", "STAGES": "stages",
    "REGION_STATS": "regions", "REGION_FLOWS": "flows",
}  # fmt: skip


class PanelFeedback(QgsProcessingFeedback):
    """Feedback that forwards messages as a signal (queued to the GUI thread)."""

    message = pyqtSignal(str, str)  # level ("info", "warning", "error"), text

    def pushInfo(self, info):  # noqa: N802
        super().pushInfo(info)
        self.message.emit("info", info)

    def pushWarning(self, warning):  # noqa: N802
        super().pushWarning(warning)
        self.message.emit("warning", warning)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        super().reportError(error, fatalError)
        self.message.emit("error", error)


class AnalysisRun(QObject):
    """One run: the task, its context and feedback (kept alive here), and the results."""

    progress = pyqtSignal(float)
    message = pyqtSignal(str, str)
    finished = pyqtSignal(bool, dict)  # ok, {output key: layer or value}

    def __init__(
        self,
        parameters: dict,
        group_name: str,
        project: QgsProject | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project or QgsProject.instance()
        self.group_name = group_name
        self.parameters = dict(parameters)
        for key, name in layer_names().items():
            self.parameters.setdefault(key, output_definition(name, self.project))
        self.context = QgsProcessingContext()
        self.context.setProject(self.project)
        self.feedback = PanelFeedback()
        self.feedback.progressChanged.connect(self.progress)
        self.feedback.message.connect(self.message)
        self.algorithm = QgsApplication.processingRegistry().createAlgorithmById(ALG_ID)
        self.task: QgsProcessingAlgRunnerTask | None = None
        self.results: dict = {}
        self.layers: dict[str, QgsMapLayer] = {}
        self.running = False

    def start(self) -> None:
        if self.algorithm is None:
            raise RuntimeError(tr("The algorithm {} is not available").format(ALG_ID))
        ok, message = self.algorithm.checkParameterValues(self.parameters, self.context)
        if not ok:
            raise ValueError(message)
        self.task = QgsProcessingAlgRunnerTask(
            self.algorithm, self.parameters, self.context, self.feedback
        )
        self.task.executed.connect(self._executed)
        self.running = True
        QgsApplication.taskManager().addTask(self.task)

    def cancel(self) -> None:
        self.feedback.cancel()
        if self.task is not None:
            self.task.cancel()

    def _executed(self, ok: bool, results: dict) -> None:
        self.task = None
        self.results = dict(results or {})
        if ok and not self.feedback.isCanceled():
            try:
                self.layers = self.load_results()
            except Exception as err:  # noqa: BLE001 - reported, never a traceback dialog
                self.message.emit("error", str(err))
                ok = False
        else:
            ok = False
        self.running = False
        self.finished.emit(ok, self.results)

    # ------------------------------------------------------------------ results

    def load_results(self) -> dict[str, QgsMapLayer]:
        """Each output layer into a group named after the table, styled; zoom to it."""
        with layers_changing(self.project):
            return self._load_results()

    def _load_results(self) -> dict[str, QgsMapLayer]:
        root = self.project.layerTreeRoot()
        group = root.findGroup(self.group_name)
        if group is None:
            group = root.insertGroup(0, self.group_name)
        else:  # a new run on the same table replaces the previous run's layers
            old = [
                node.layerId() for node in group.findLayers()
                if node.layer() is not None and node.layer().customProperty("backflow/output")
            ]  # fmt: skip
            self.project.removeMapLayers(old)
        layers: dict[str, QgsMapLayer] = {}
        names = layer_names()
        for key, visible in OUTPUT_LAYERS.items():
            ref = self.results.get(key)
            if not ref:
                continue
            layer = self._take_layer(str(ref))
            if layer is None:
                continue
            layer.setName(names[key])
            layer.setCustomProperty("backflow/output", key)
            self.project.addMapLayer(layer, False)
            node = group.addLayer(layer)
            show = visible and not (key == "CITIES" and "NETWORK" in self.results)
            node.setItemVisibilityChecked(show)
            node.setExpanded(False)
            self._style(key, str(ref), layer)  # last: styling may reorder the tree's nodes
            layers[key] = layer
        if "FLOWS" in layers:
            self._add_all_flows(group, layers["FLOWS"])
        group.setExpanded(True)
        self.layers = layers
        return layers

    def _add_all_flows(self, group: QgsLayerTreeGroup, flows: QgsMapLayer) -> None:
        """Beside the flows (the largest of the view's types), every flow: unchecked,
        one click away."""
        from ..styling.display import all_flows_layer
        from ..styling.first_look import KIND_PROPERTY

        every = all_flows_layer(flows)
        every.setCustomProperty("backflow/output", "ALL_FLOWS")
        every.setCustomProperty(KIND_PROPERTY, "flows_all")
        self.project.addMapLayer(every, False)
        index = next(
            (i for i, n in enumerate(group.children()) if getattr(n, "layerId", None)
             and n.layerId() == flows.id()), len(group.children()) - 1,
        )  # fmt: skip
        node = group.insertLayer(index + 1, every)
        node.setItemVisibilityChecked(False)
        node.setExpanded(False)

    def _take_layer(self, ref: str) -> QgsMapLayer | None:
        layer = self.context.takeResultLayer(ref)
        if layer is None:
            layer = QgsProcessingUtils.mapLayerFromString(ref, self.context)
            if layer is not None and self.context.temporaryLayerStore().mapLayer(layer.id()):
                layer = self.context.takeResultLayer(layer.id())
            elif layer is None and Path(ref.split("|")[0]).exists():
                layer = QgsVectorLayer(ref, Path(ref).stem, "ogr")
        return layer if layer is not None and layer.isValid() else None

    def _style(self, key: str, ref: str, layer: QgsMapLayer) -> None:
        """The algorithms' own post-processors when they set one; else Backflow's styles."""
        if self.context.willLoadLayerOnCompletion(ref):
            processor = self.context.layerToLoadOnCompletionDetails(ref).postProcessor()
            if processor is not None:
                processor.postProcessLayer(layer, self.context, self.feedback)
                return
        kind = STYLE_KINDS.get(key)
        if kind is None or not isinstance(layer, QgsVectorLayer):
            return
        from ..styling.renderers import style_layer

        try:
            style_layer(layer, kind)
        except Exception as err:  # noqa: BLE001 - a style never fails the run
            self.message.emit("warning", tr("Could not style {}: {}").format(layer.name(), err))
        layer.triggerRepaint()

    def extent(self, crs) -> QgsRectangle:
        """The extent of the cities (or of every result) in `crs`."""
        chosen = [self.layers[k] for k in ("NETWORK", "CITIES") if k in self.layers]
        chosen = chosen[:1] or [lyr for lyr in self.layers.values() if lyr.isSpatial()]
        extent = QgsRectangle()
        for layer in chosen:
            transform = QgsCoordinateTransform(layer.crs(), crs, self.project)
            try:
                box = transform.transformBoundingBox(layer.extent())
            except Exception:  # noqa: BLE001 - a layer outside the CRS's area
                continue
            if extent.isNull():
                extent = box
            else:
                extent.combineExtentWith(box)
        if not extent.isNull():
            extent.scale(1.1)
        return extent

    def group(self) -> QgsLayerTreeGroup | None:
        return self.project.layerTreeRoot().findGroup(self.group_name)
