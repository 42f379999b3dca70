"""The panel's run: its parameters, the background run and what follows it (threshold
notice, clusters, zoom, report, publication map) (``PanelRun``, a part of ``BackflowPanel``)."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsProject,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import (
    QPushButton,
)

from ..core.disclosure.rules import ThresholdCheck, map_mostly_hidden
from ..core.schema import DEFAULT_HOME_COUNTRY, ROLE_PARAMS
from ..qgis_io import in_temporary_folder, kept_report_path
from ..styling.disclosure_filter import sentences
from ..translation import tr
from .panel_common import SETTINGS, WIDE
from .runner import AnalysisRun
from .table_preview import corrections

MAP_ID = "backflow:publicationmap"


def flag_summary(results: dict) -> str:
    """'historic names 3; city from the organisation 2' from the run's flag counts."""
    labels = {
        "HISTORIC_ROWS": tr("historic names"),
        "PROVINCE_ROWS": tr("placed by province or state"),
        "SMALL_PLACE_ROWS": tr("small places"),
        "COUNTRY_CONFLICT_ROWS": tr("in another country than given"),
        "FROM_ORG_ROWS": tr("city from the organisation"),
        "USER_ALIAS_ROWS": tr("place aliases"),
        "PROVINCE_ONLY_ROWS": tr("a province only"),
        "FUZZY_ROWS": tr("fuzzy matches (check in Review)"),
        "TOLERANT_ROWS": tr("abbreviations and addresses read"),
    }
    return "; ".join(f"{label} {results[k]}" for k, label in labels.items() if results.get(k))


class PanelRun:
    """Running the analysis from the panel (methods of ``BackflowPanel``)."""

    # ------------------------------------------------------------------ running

    def parameters(self) -> dict:
        if isinstance(self.source, QgsVectorLayer):
            source = self.source.id()
        else:
            source = str(self.source)
        params = {
            "INPUT": source,
            "LAYOUT": self.layout_combo.currentIndex(),
            "HOME_COUNTRY": self.home_country.text().strip() or DEFAULT_HOME_COUNTRY,
            "GEOMETRY": self.geometry_combo.currentIndex(),
            "METHOD": self.method_combo.currentIndex(),
            "LEVEL": self.level_combo.currentIndex(),
            "PLACE_LEVEL": self.place_level_combo.currentIndex(),
            "MIN_PERSONS": self.disclosure.value(),
            "MAKE_REPORT": self.report_check.isChecked()
            and QgsApplication.processingRegistry().algorithmById("backflow:report") is not None,
        }
        if self.regions_combo.currentLayer() is not None:
            params["REGIONS"] = self.regions_combo.currentLayer().id()
        wide = self.layout_combo.currentIndex() == WIDE
        for role, column in self.field_mapping().items():
            if column and (not wide or role == "person"):
                params[ROLE_PARAMS[role]] = column
        if self.aliases_widget.filePath().strip():
            params["USER_ALIASES"] = self.aliases_widget.filePath().strip()
        if wide:
            params["WIDE_MAPPING"] = self.wide_mapping_text()
        else:
            fixes = corrections(self.stages, self.stage_choices())
            if fixes:
                params["STAGE_MAPPING"] = fixes
        if params["MAKE_REPORT"]:
            from qgis.core import QgsProcessingUtils

            # kept: beside the table, else in the folder of the last report (QGIS empties
            # its temporary folder on exit)
            params["REPORT_OUTPUT"] = kept_report_path(
                QgsProcessingUtils.generateTempFilename(f"{self.group_name()}_report.html"),
                [self.source],
                remembered=QgsSettings().value(SETTINGS + "report_folder", "", str),
            )
        return params

    def group_name(self) -> str:
        return self.preview.label if self.preview is not None else tr("Backflow")

    def start(self) -> bool:
        if self.preview is None or (self.run is not None and self.run.running):
            return False
        problem = self.layout_problem()
        if problem:
            self._message("error", problem)
            self.notice.show_message("critical", problem)
            return False
        self.notice.clear()
        self.run_threshold = self.disclosure.value()
        self.save_settings()
        self.save_mapping()
        self.save_display()
        self.log.clear()
        self.progress.setValue(0)
        self.run = AnalysisRun(self.parameters(), self.group_name(), QgsProject.instance(), self)
        self.run.progress.connect(lambda v: self.progress.setValue(int(v)))
        self.run.message.connect(self._message)
        self.run.finished.connect(self._finished)
        try:
            self.run.start()
        except (RuntimeError, ValueError) as err:
            self._message("error", str(err))
            self.run = None
            return False
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.report_button.setEnabled(False)
        self.map_button.setEnabled(False)
        self._message("info", tr("Running the full analysis on {}...").format(self.group_name()))
        return True

    def cancel(self) -> None:
        if self.run is not None and self.run.running:
            self.run.cancel()
            self._message("warning", tr("Cancelling..."))

    def is_running(self) -> bool:
        return self.run is not None and self.run.running

    def _message(self, level: str, text: str) -> None:
        prefix = {"warning": tr("Warning: "), "error": tr("Error: ")}.get(level, "")
        self.log.appendPlainText(prefix + text)

    def _finished(self, ok: bool, results: dict) -> None:
        self.cancel_button.setEnabled(False)
        self.run_button.setEnabled(self.preview is not None)
        self.last_results = results if ok else {}
        if not ok:
            self.progress.setValue(0)
            self._message("warning", tr("The analysis did not finish."))
            self.run_finished.emit(False)
            return
        self.progress.setValue(100)
        summary = tr("{persons} persons, {resolved} of {rows} rows placed; {circle} circle and "
                     "{linear} linear routes.").format(
            persons=results.get("PERSONS", "-"), resolved=results.get("RESOLVED_ROWS", "-"),
            rows=results.get("STAGE_ROWS", "-"), circle=results.get("CIRCLE", "-"),
            linear=results.get("LINEAR", "-"))  # fmt: skip
        self._message("info", summary)
        flagged = flag_summary(results)
        if flagged:
            self._message("info", tr("Rows placed with help (STAGES.flags): ") + flagged)
        self._add_clusters()
        self._threshold_notice(results)
        self._zoom()
        report = results.get("REPORT_OUTPUT")
        self.report_button.setEnabled(bool(report) and Path(str(report)).is_file())
        if report and Path(str(report)).is_file():
            self._message("info", tr("Report: {}").format(report))
            if not in_temporary_folder(report):
                QgsSettings().setValue(SETTINGS + "report_folder", str(Path(str(report)).parent))
        self.map_button.setEnabled(
            QgsApplication.processingRegistry().algorithmById(MAP_ID) is not None
        )
        if self.iface is not None:
            try:
                self.iface.messageBar().pushSuccess(tr("Backflow"), summary)
            except Exception:  # noqa: BLE001 - a message bar is a courtesy
                pass
        self.run_finished.emit(True)

    def _threshold_notice(self, results: dict) -> None:
        """A warning beside Run (and on the flow layer's name) when the threshold hides most
        of the map, with buttons to run again at the threshold offered or at 1."""
        k = self.run_threshold
        flows = ThresholdCheck(k, results.get("FLOWS_TOTAL") or 0, results.get("FLOWS_SHOWN") or 0)
        cities = ThresholdCheck(
            k, results.get("CITIES_TOTAL") or 0, results.get("CITIES_SHOWN") or 0
        )
        if k <= 1 and flows.total:
            text = tr(
                "Every flow and city is shown (threshold 1), single persons included: for "
                "your own look at the data, not for publication."
            )
            self.notice.show_message("warning", text)
            self._message("warning", text)
            return
        if not map_mostly_hidden(flows, cities):
            return
        text = tr(
            "The threshold of {k} persons hides most of the map: {fs} of {ft} flows and {cs} "
            "of {ct} cities are shown."
        ).format(k=k, fs=flows.shown, ft=flows.total, cs=cities.shown, ct=cities.total)
        buttons = []
        offer = int(results.get("SUGGESTED_MIN_PERSONS") or 0)
        if offer:
            text = sentences(
                text, tr("A threshold of {} shows more, still no single person.").format(offer)
            )
            button = QPushButton(tr("Show with threshold {}").format(offer))
            button.clicked.connect(lambda _=False, t=offer: self.run_with_threshold(t))
            buttons.append(button)
        everything = QPushButton(tr("Show everything (1: not for publication)"))
        everything.clicked.connect(lambda _=False: self.run_with_threshold(1))
        buttons.append(everything)
        self.notice.show_message("warning", text, tuple(buttons))
        self._message("warning", text)
        layer = self.run.layers.get("FLOWS") if self.run is not None else None
        if layer is not None:
            layer.setName(
                layer.name()
                + " "
                + tr("({} of {} shown: under {} persons hidden)").format(
                    flows.shown, flows.total, k
                )
            )

    def run_with_threshold(self, k: int) -> bool:
        """Run again with the disclosure threshold set to k (the notice's buttons)."""
        self.disclosure.setValue(k)
        return self.start()

    def _add_clusters(self) -> None:
        """The cities merged within the chosen distance, with their flows (a display)."""
        radius = self.cluster_km.value()
        layers = self.run.layers if self.run is not None else {}
        cities = layers.get("NETWORK") or layers.get("CITIES")
        flows = layers.get("FLOWS")
        group = self.run.group() if self.run is not None else None
        if not radius or cities is None or flows is None or group is None:
            return
        from ..styling.display import clustered_layers
        from ..styling.first_look import KIND_PROPERTY, arrange, seam_safe
        from ..styling.render_guard import layers_changing

        try:
            merged, lines = clustered_layers(cities, flows, radius)
        except Exception as err:  # noqa: BLE001 - a display layer never fails the run
            self._message("warning", tr("Could not cluster the cities: {}").format(err))
            return
        project = QgsProject.instance()
        with layers_changing(project):
            for layer in (lines, merged):
                layer.setCustomProperty(KIND_PROPERTY, "clusters")
                layer.setCustomProperty("backflow/output", "CLUSTERS")
                seam_safe(layer)
                project.addMapLayer(layer, False)
                group.insertLayer(0, layer).setItemVisibilityChecked(False)
                self.run.layers[f"CLUSTER_{layer.geometryType()}"] = layer
            arrange(project)
        self._message(
            "info",
            tr("Cities merged within {} km: {} places, {} flows (hidden layers)").format(
                radius, merged.featureCount(), lines.featureCount()
            ),
        )

    def _zoom(self) -> None:
        if self.iface is None or self.run is None:
            return
        from ..styling.first_look import home_view_extent

        canvas = self.iface.mapCanvas()
        home = home_view_extent(QgsProject.instance())
        if (
            home is not None
            and canvas.mapSettings().destinationCrs() == QgsProject.instance().crs()
        ):
            canvas.setExtent(home)
            canvas.refresh()
            return
        extent = self.run.extent(canvas.mapSettings().destinationCrs())
        if not extent.isNull():
            canvas.setExtent(extent)
            canvas.refresh()

    # ------------------------------------------------------------------ after the run

    def open_report(self) -> None:
        report = self.last_results.get("REPORT_OUTPUT")
        if report and Path(str(report)).is_file():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(report)))

    def make_map(self) -> None:
        """The publication map dialog, filled with this run's layers."""
        if self.run is None:
            return
        import processing

        layers = self.run.layers
        params = {
            "CITIES": layers.get("NETWORK") or layers.get("CITIES"),
            "FLOWS": layers.get("FLOWS"),
            "MIN_PERSONS": self.run_threshold,  # the map shows what the run showed
        }
        processing.execAlgorithmDialog(MAP_ID, {k: v for k, v in params.items() if v is not None})
