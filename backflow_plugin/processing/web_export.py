"""backflow:webexport — flows and cities as CSV files for flowmap.gl / FlowmapBlue and
kepler.gl (``core.writing.web_export``)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ..core.errors import BackflowInputError
from ..core.writing.web_export import check_flowmap_tables, web_tables, write_web_tables
from . import adapters
from .base import BackflowAlgorithm

OUTPUT_KEYS = {
    "locations": "LOCATIONS_CSV",
    "flows": "FLOWS_CSV",
    "flows_by_year": "FLOWS_BY_YEAR_CSV",
    "kepler": "KEPLER_CSV",
}


class WebExportAlgorithm(BackflowAlgorithm):
    FLOWS = "FLOWS"
    CITIES = "CITIES"
    STAGES = "STAGES"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    PREFIX = "PREFIX"

    def name(self) -> str:
        return "webexport"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Export for web flow maps (flowmap.gl, kepler.gl)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Writes the import's flows and cities as CSV files for web flow maps.\n\n"
            "locations.csv (id, name, lat, lon) and flows.csv (origin, dest, count) open in "
            "FlowmapBlue (flowmap.blue: paste them into its Google Sheets template, or load "
            "them 'in browser') and in flowmap.gl. With the STAGES layer, flows_by_year.csv "
            "adds a time column (the year each move's destination began) for FlowmapBlue's "
            "time slider; moves without a year are left out of it and counted in the log.\n\n"
            "kepler.csv has source_lat, source_lng, target_lat, target_lng and count: drop it "
            "on kepler.gl and it draws the arcs."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.FLOWS, self.tr("Flows"), [QgsProcessing.SourceType.TypeVector]
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.CITIES, self.tr("Cities"), [QgsProcessing.SourceType.TypeVectorPoint]
            )
        )
        p = QgsProcessingParameterFeatureSource(
            self.STAGES,
            self.tr("Stages (optional: flows by year)"),
            [QgsProcessing.SourceType.TypeVector],
            optional=True,
        )
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterString(
                self.PREFIX, self.tr("File name prefix"), defaultValue="", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, self.tr("Output folder"))
        )
        for key, label in (
            ("LOCATIONS_CSV", self.tr("Locations (flowmap.gl / FlowmapBlue)")),
            ("FLOWS_CSV", self.tr("Flows (flowmap.gl / FlowmapBlue)")),
            ("FLOWS_BY_YEAR_CSV", self.tr("Flows by year (FlowmapBlue time)")),
            ("KEPLER_CSV", self.tr("Flows for kepler.gl")),
        ):
            self.addOutput(QgsProcessingOutputFile(key, label))
        for key, label in (
            ("LOCATIONS", self.tr("Locations written")),
            ("MOVES", self.tr("Moves in the flows")),
            ("MOVES_WITHOUT_YEAR", self.tr("Moves without a year")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def _source(self, parameters, context, name, required=True):
        source = self.parameterAsSource(parameters, name, context)
        if source is None and required:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        return source

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        flows = adapters.source_to_frame(self._source(parameters, context, self.FLOWS), feedback)
        cities = adapters.points_to_wgs84_frame(
            self._source(parameters, context, self.CITIES), context, feedback
        )
        stages_source = self._source(parameters, context, self.STAGES, required=False)
        stages = adapters.source_to_frame(stages_source, feedback) if stages_source else None
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        prefix = self.parameterAsString(parameters, self.PREFIX, context).strip()
        try:
            tables, counts = web_tables(flows, cities, stages)
        except BackflowInputError as err:
            raise adapters.input_error(err) from None
        paths = write_web_tables(tables, folder, prefix)
        for key in ("flows", "flows_by_year"):
            if key in paths:
                problems = check_flowmap_tables(paths["locations"], paths[key])
                if problems:
                    feedback.reportError("; ".join(problems[:5]))
        feedback.pushInfo(
            self.tr(
                "{locations} locations, {flows} origin-destination pairs, {moves} moves"
            ).format(**counts)
        )
        if counts["moves_without_year"]:
            feedback.pushWarning(
                self.tr("{} moves have no year: left out of flows_by_year.csv").format(
                    counts["moves_without_year"]
                )
            )
        if counts["cities_without_coordinates"]:
            feedback.pushWarning(
                self.tr("{} cities have no coordinates: their flows are left out").format(
                    counts["cities_without_coordinates"]
                )
            )
        out = {OUTPUT_KEYS[k]: p for k, p in paths.items()}
        out.update(
            {
                "OUTPUT_FOLDER": folder,
                "LOCATIONS": counts["locations"],
                "MOVES": counts["moves"],
                "MOVES_WITHOUT_YEAR": counts["moves_without_year"],
            }
        )
        return out
