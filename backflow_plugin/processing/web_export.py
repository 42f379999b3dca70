"""backflow:webexport — flows and cities as CSV files for flowmap.gl / FlowmapBlue and
kepler.gl (``core.writing.web_export``)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ..core.writing.web_export import check_flowmap_tables, web_tables, write_web_tables
from .base import BackflowAlgorithm, Output, Run, SourceType, numbers

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

    def declare_parameters(self) -> list:
        return [
            QgsProcessingParameterFeatureSource(
                self.FLOWS, self.tr("Flows"), [SourceType.TypeVector]
            ),
            QgsProcessingParameterFeatureSource(
                self.CITIES, self.tr("Cities"), [SourceType.TypeVectorPoint]
            ),
            QgsProcessingParameterFeatureSource(
                self.STAGES,
                self.tr("Stages (optional: flows by year)"),
                [SourceType.TypeVector],
                optional=True,
            ),
            QgsProcessingParameterString(
                self.PREFIX, self.tr("File name prefix"), defaultValue="", optional=True
            ),
            QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, self.tr("Output folder")),
        ]

    def declare_outputs(self) -> list[Output]:
        files = (
            ("LOCATIONS_CSV", self.tr("Locations (flowmap.gl / FlowmapBlue)")),
            ("FLOWS_CSV", self.tr("Flows (flowmap.gl / FlowmapBlue)")),
            ("FLOWS_BY_YEAR_CSV", self.tr("Flows by year (FlowmapBlue time)")),
            ("KEPLER_CSV", self.tr("Flows for kepler.gl")),
        )
        return [Output(key, label, "file") for key, label in files] + numbers(
            ("LOCATIONS", self.tr("Locations written")),
            ("MOVES", self.tr("Moves in the flows")),
            ("MOVES_WITHOUT_YEAR", self.tr("Moves without a year")),
        )

    def process(self, run: Run) -> dict:
        flows = run.frame(self.FLOWS)
        cities = run.points(self.CITIES)
        stages = run.frame(self.STAGES, required=False)
        folder = self.parameterAsString(run.parameters, self.OUTPUT_FOLDER, run.context)
        tables, counts = web_tables(flows, cities, stages)
        paths = write_web_tables(tables, folder, run.text(self.PREFIX))
        for key in ("flows", "flows_by_year"):
            if key in paths:
                problems = check_flowmap_tables(paths["locations"], paths[key])
                if problems:
                    run.feedback.reportError("; ".join(problems[:5]))
        run.info(
            self.tr(
                "{locations} locations, {flows} origin-destination pairs, {moves} moves"
            ).format(**counts)
        )
        if counts["moves_without_year"]:
            run.warn(
                self.tr("{} moves have no year: left out of flows_by_year.csv").format(
                    counts["moves_without_year"]
                )
            )
        if counts["cities_without_coordinates"]:
            run.warn(
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
