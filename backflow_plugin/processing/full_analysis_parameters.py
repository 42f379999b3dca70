"""fullanalysis's parameters and outputs: every import parameter under the same name, the
steps' options, the layer sinks and the numbers (each step's own definitions, cloned)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
)

from ..core.schema import DEFAULT_MEASURE, MEASURES, TIER_METHODS
from ..qgis_io import reads_itself
from .base import BackflowAlgorithm, Output, advanced, helped, numbers
from .city_network import CityNetworkAlgorithm
from .import_trajectories import ImportTrajectoriesAlgorithm, stage_mapping_problem
from .report import ReportAlgorithm

# citynetwork's option passed on by the chain (rows that name only a province)
INCLUDE_PROVINCE_PLACES = "INCLUDE_PROVINCE_PLACES"
# publicationmap's options offered here, under these names (same meaning, same values)
MAP_OPTIONS = {
    "MAP_LANGUAGE": "LANGUAGE",
    "MAP_BOUNDARY_VIEW": "BOUNDARY_VIEW",
    "MAP_BOUNDARY_LAYER": "BOUNDARY_LAYER",
    "MAP_REVIEW_NUMBER": "REVIEW_NUMBER",
    "MAP_SHOW_TITLE": "SHOW_TITLE",
}
MIN_PERSONS = "MIN_PERSONS"  # the report's and the map's disclosure threshold

# The tier methods offered here (the METHOD option index is an index into this tuple);
# 'thresholds' needs break values this algorithm lacks.
OFFERED_METHODS = tuple(m for m in TIER_METHODS if m != "thresholds")
# The import's LEVEL (prefecture / county) is PLACE_LEVEL here: LEVEL is the route
# patterns' matching level (city / province) in this algorithm.
IMPORT_RENAMED = {"LEVEL": "PLACE_LEVEL"}
STRING_OUTPUTS = ("MEASURE", "BREAKS", "TIER_METHOD")


class FullAnalysisParameters(BackflowAlgorithm):
    """What fullanalysis offers: the import's parameters, the steps' options, its
    sinks and outputs (the run is FullAnalysisAlgorithm)."""

    METHOD = "METHOD"
    MEASURE = "MEASURE"
    LEVEL = "LEVEL"
    PLACE_LEVEL = "PLACE_LEVEL"
    STAGE_MAPPING = "STAGE_MAPPING"
    MAKE_MAP = "MAKE_MAP"
    MAP_OUTPUT = "MAP_OUTPUT"
    MAKE_REPORT = "MAKE_REPORT"
    REPORT_OUTPUT = "REPORT_OUTPUT"
    REGION_OVERRIDES = "REGION_OVERRIDES"
    REFERENCE = "REFERENCE"
    REPORT_LANGUAGE = "REPORT_LANGUAGE"
    REGIONS = "REGIONS"

    def name(self) -> str:
        return "fullanalysis"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Full analysis (table to maps)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Runs the whole Backflow method on one trajectory table: Import trajectories, "
            "City network (centrality and tiers), Route patterns (circle / linear), and, if "
            "chosen, the report and the publication map.\n\n"
            "The table parameters are those of Import trajectories. Stage label corrections "
            "(advanced) re-label stage values before the import, e.g. 'Dr.=phd; 回国工作=return'.\n\n"
            "Outputs: STAGES, ROUTES, FLOWS, CITIES, UNRESOLVED (from the import), NETWORK "
            "(cities with centrality measures and tiers), PATTERN_ROUTES and PATTERN_FLOWS "
            "(routes and backflow flows by pattern), PATTERN_SHARES, the report (HTML) and the "
            "map file, and the counts."
        )

    # ------------------------------------------------------------------ parameters

    def declare_parameters(self) -> list:
        # the layer outputs among the options, where the dialog has always shown them
        return [
            *self._import_parameters(),
            *self._network_parameters(),
            *self._sinks(self._own_sinks()),
            helped(
                QgsProcessingParameterFeatureSource(
                    self.REGIONS,
                    self.tr("Regions for the regional view (polygons, optional)"),
                    [QgsProcessing.SourceType.TypeVectorPolygon],
                    optional=True,
                ),
                self.tr("Provinces, city clusters, zones: runs Regional flows on them."),
            ),
            *self._sinks(self._region_sinks()),
            *self._finishing_parameters(),
        ]

    def _import_parameters(self) -> list:
        """Every import parameter and layer output, under the same names (all optional)."""
        template = ImportTrajectoriesAlgorithm().create()  # kept: it owns the definitions
        clones = []
        for definition in template.parameterDefinitions():
            clone = definition.clone()
            if definition.name() in IMPORT_RENAMED:
                clone.setName(IMPORT_RENAMED[definition.name()])
            if clone.isDestination():  # STAGES too: a later step makes its own when skipped
                clone.setFlags(clone.flags() | QgsProcessingParameterDefinition.Flag.FlagOptional)
            clones.append(clone)
        return clones

    def _network_parameters(self) -> list:
        labels = {
            "hybrid": self.tr("Hybrid (centrality + administrative rank, as the paper)"),
            "natural_breaks": self.tr("Natural breaks (Fisher-Jenks)"),
            "head_tail": self.tr("Head/tail breaks"),
            "quantile": self.tr("Quantiles"),
            "top_n": self.tr("Top N"),
        }
        return [
            QgsProcessingParameterEnum(
                self.METHOD, self.tr("Tier method"), [labels[m] for m in OFFERED_METHODS],
                defaultValue=0,
            ),
            QgsProcessingParameterEnum(
                self.MEASURE, self.tr("Centrality measure for the tiers"),
                [self.tr(m.replace("_", " ").capitalize()) for m in MEASURES],
                defaultValue=MEASURES.index(DEFAULT_MEASURE),
            ),
            self.match_level(self.LEVEL),
        ]  # fmt: skip

    def _own_sinks(self) -> dict:
        return {
            "NETWORK": (self.tr("City network (tiers)"), QgsProcessing.SourceType.TypeVectorPoint),
            "PATTERN_ROUTES": (self.tr("Routes by pattern"), QgsProcessing.SourceType.TypeVectorLine),
            "PATTERN_FLOWS": (self.tr("Backflow flows by pattern"),
                              QgsProcessing.SourceType.TypeVectorLine),
            "PATTERN_SHARES": (self.tr("Pattern shares"), QgsProcessing.SourceType.TypeVector),
        }  # fmt: skip

    def _region_sinks(self) -> dict:
        return {
            "REGION_STATS": (self.tr("Regions"), QgsProcessing.SourceType.TypeVectorPolygon),
            "REGION_FLOWS": (self.tr("Region flows"), QgsProcessing.SourceType.TypeVectorLine),
            "REGION_MATRIX": (self.tr("Region x region matrix"), QgsProcessing.SourceType.TypeVector),
            "REGION_UNMATCHED": (self.tr("Cities not in exactly one region"),
                                 QgsProcessing.SourceType.TypeVector),
        }  # fmt: skip

    @staticmethod
    def _sinks(sinks: dict) -> list:
        return [
            QgsProcessingParameterFeatureSink(key, label, kind, optional=True)
            for key, (label, kind) in sinks.items()
        ]

    def _finishing_parameters(self) -> list:
        return [
            helped(
                self.min_persons(
                    MIN_PERSONS,
                    self.tr("Disclosure control: hide counts of fewer than this many persons"),
                ),
                self.tr(
                    "Passed to the report and the map (persons, not moves), and a layer filter "
                    "on the cities and flows added to the project; 1 shows all."
                ),
            ),
            QgsProcessingParameterBoolean(
                self.MAKE_REPORT, self.tr("Write the report"), defaultValue=False
            ),
            QgsProcessingParameterFileDestination(
                self.REPORT_OUTPUT, self.tr("Report"), self.tr("HTML files (*.html)"),
                optional=True, createByDefault=False,
            ),
            *self.report_parameters(),
            *self.network_parameters(),
            QgsProcessingParameterBoolean(
                self.MAKE_MAP, self.tr("Make the publication map"), defaultValue=False
            ),
            QgsProcessingParameterFileDestination(
                self.MAP_OUTPUT, self.tr("Publication map"),
                self.tr("PDF files (*.pdf);;PNG files (*.png);;SVG files (*.svg)"),
                optional=True, createByDefault=False,
            ),
            *self.map_parameters(),
        ]  # fmt: skip

    def map_parameters(self) -> list:
        """The map's language, boundaries (China's view by default; a standard map of
        one's own with its review number) and title, as Publication map defines them."""
        from .publication_map import PublicationMapAlgorithm

        publication = PublicationMapAlgorithm()
        publication.initAlgorithm()
        clones = []
        for name, theirs in MAP_OPTIONS.items():
            p = publication.parameterDefinition(theirs).clone()
            p.setName(name)
            p.setDescription(self.tr("Map: {}").format(p.description()))
            clones.append(advanced(p) if name != "MAP_LANGUAGE" else p)
        return clones

    def map_options(self, parameters) -> dict:
        """The map options given, under Publication map's names."""
        return {
            theirs: parameters[name]
            for name, theirs in MAP_OPTIONS.items()
            if parameters.get(name) is not None
        }

    def declare_outputs(self) -> list[Output]:
        counts = {
            "PERSONS": self.tr("Persons"), "STAGE_ROWS": self.tr("Stage rows"),
            "RESOLVED_ROWS": self.tr("Resolved rows"), "UNRESOLVED_ROWS": self.tr("Unresolved rows"),
            "AMBIGUOUS_ROWS": self.tr("Rows resolved among several places"),
            "CIRCLE": self.tr("Circle routes"), "LINEAR": self.tr("Linear routes"),
            "NO_PATTERN": self.tr("Persons without a pattern"),
            "CIRCLE_SHARE": self.tr("Circle share (circle / (circle + linear))"),
            "TIER1": self.tr("National core cities"), "TIER2": self.tr("Regional excellent cities"),
            "TIER3": self.tr("Regional special cities"),
            "FLOWS_TOTAL": self.tr("Flows"),
            "FLOWS_SHOWN": self.tr("Flows shown at MIN_PERSONS"),
            "CITIES_TOTAL": self.tr("Cities"),
            "CITIES_SHOWN": self.tr("Cities shown at MIN_PERSONS"),
            "SUGGESTED_MIN_PERSONS": self.tr(
                "Threshold to offer when MIN_PERSONS hides most of the map (0: none)"
            ),
            **ImportTrajectoriesAlgorithm().create().flag_output_labels(),
        }  # fmt: skip
        strings = {
            # citynetwork's labels for the same outputs
            "MEASURE": self.tr("Measure the tiers were cut on (key)"),
            "BREAKS": self.tr("Tier breaks (';'-separated, in measure units)"),
            "TIER_METHOD": self.tr("Tier method (key)"),
        }
        return numbers(*counts.items()) + [
            Output(key, strings[key], "string") for key in STRING_OUTPUTS
        ]

    def checkParameterValues(self, parameters, context):  # noqa: N802
        # Text files and spreadsheets are read by the import itself (any encoding).
        if not reads_itself(parameters.get("INPUT")):
            ok, message = super().checkParameterValues(parameters, context)
        else:
            ok, message = self.check_values_except_input(parameters, context)
        problem = stage_mapping_problem(parameters.get(self.STAGE_MAPPING)) if ok else None
        return (False, problem) if problem else (ok, message)

    # ------------------------------------------------------------------ helpers

    def network_parameters(self) -> list:
        """citynetwork's advanced options the chain passes on as they are."""
        network = CityNetworkAlgorithm()
        network.initAlgorithm()
        return [network.parameterDefinition(INCLUDE_PROVINCE_PLACES).clone()]

    def report_parameters(self) -> list:
        """The report's region grouping, reference and language, passed on as they are."""
        report = ReportAlgorithm()
        report.initAlgorithm()
        clones = [
            report.parameterDefinition(n).clone() for n in (self.REGION_OVERRIDES, self.REFERENCE)
        ]
        language = report.parameterDefinition("LANGUAGE").clone()
        language.setName(self.REPORT_LANGUAGE)
        return [*clones, language]

    def report_options(self, parameters, context) -> dict:
        return {
            "REGION_OVERRIDES": self.parameterAsString(parameters, self.REGION_OVERRIDES, context),
            "REFERENCE": self.parameterAsEnum(parameters, self.REFERENCE, context),
            "LANGUAGE": self.parameterAsEnum(parameters, self.REPORT_LANGUAGE, context),
        }

    # ------------------------------------------------------------------ the steps
