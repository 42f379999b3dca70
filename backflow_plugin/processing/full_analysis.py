"""backflow:fullanalysis — one table to every Backflow layer, in one run.

Chains the other algorithms as child algorithms (import -> city network -> route
patterns -> regional flows -> report / publication map), sharing one context so the
layers of one step feed the next. Each child's frames reach the next in memory
(processing/shared_frames.py): a layer is written once and not read back within the
run. Every layer output is optional: a skipped layer that a later step needs is made
as a temporary one (and returned, as before); the others are not made.
"""

from __future__ import annotations

import logging
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingUtils,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QThread

from ..core.disclosure.rules import MIN_PERSONS_DEFAULT, check_threshold, map_mostly_hidden
from ..core.schema import DEFAULT_MEASURE, MEASURES, TIER_METHODS
from ..qgis_io import kept_report_path, reads_itself
from ..styling.disclosure_filter import layer_person_counts, threshold_warning
from ..styling.postprocess import protect_loaded_layers
from . import adapters, shared_frames
from .base import BackflowAlgorithm
from .feedback import multi_step
from .import_trajectories import FLAG_OUTPUTS, ImportTrajectoriesAlgorithm, stage_mapping_problem

log = logging.getLogger("backflow")

IMPORT_ID = "backflow:importtrajectories"
NETWORK_ID = "backflow:citynetwork"
# citynetwork's option passed on by the chain (rows that name only a province)
INCLUDE_PROVINCE_PLACES = "INCLUDE_PROVINCE_PLACES"
PATTERNS_ID = "backflow:routepatterns"
MAP_ID = "backflow:publicationmap"
REPORT_ID = "backflow:report"
# publicationmap's options offered here, under these names (same meaning, same values)
MAP_OPTIONS = {
    "MAP_LANGUAGE": "LANGUAGE",
    "MAP_BOUNDARY_VIEW": "BOUNDARY_VIEW",
    "MAP_BOUNDARY_LAYER": "BOUNDARY_LAYER",
    "MAP_REVIEW_NUMBER": "REVIEW_NUMBER",
    "MAP_SHOW_TITLE": "SHOW_TITLE",
}
REGIONS_ID = "backflow:regionalflows"
MIN_PERSONS = "MIN_PERSONS"  # the report's and the map's disclosure threshold

# The tier methods offered here (the METHOD option index is an index into this tuple);
# 'thresholds' needs break values this algorithm lacks.
OFFERED_METHODS = tuple(m for m in TIER_METHODS if m != "thresholds")
IMPORT_NUMBERS = (
    "PERSONS", "STAGE_ROWS", "RESOLVED_ROWS", "UNRESOLVED_ROWS", "AMBIGUOUS_ROWS",
    *FLAG_OUTPUTS.values(),
)  # fmt: skip
# The import's LEVEL (prefecture / county) is PLACE_LEVEL here: LEVEL is the route
# patterns' matching level (city / province) in this algorithm.
IMPORT_RENAMED = {"LEVEL": "PLACE_LEVEL"}
PATTERN_NUMBERS = ("CIRCLE", "LINEAR", "NO_PATTERN", "CIRCLE_SHARE")
# Child output -> output here.
IMPORT_LAYERS = {k: k for k in ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")}
NETWORK_OUTPUTS = {"OUTPUT": "NETWORK", "TIER1_COUNT": "TIER1", "TIER2_COUNT": "TIER2",
                   "TIER3_COUNT": "TIER3", "MEASURE": "MEASURE", "BREAKS": "BREAKS",
                   "TIER_METHOD": "TIER_METHOD"}  # fmt: skip
PATTERN_LAYERS = {"ROUTES": "PATTERN_ROUTES", "FLOWS": "PATTERN_FLOWS", "SHARES": "PATTERN_SHARES"}
REGION_LAYERS = {"REGIONS": "REGION_STATS", "REGION_FLOWS": "REGION_FLOWS",
                 "MATRIX": "REGION_MATRIX", "UNMATCHED": "REGION_UNMATCHED"}  # fmt: skip
STRING_OUTPUTS = ("MEASURE", "BREAKS", "TIER_METHOD")


def _registered(alg_id: str):
    return QgsApplication.processingRegistry().algorithmById(alg_id)


def _in_main_thread() -> bool:
    app = QCoreApplication.instance()
    return app is None or QThread.currentThread() == app.thread()


def _loadable(value):
    """A child's layer output as a later step's input. Processing hands a PostGIS
    destination back as written ("postgis:<uri>"), which no algorithm can load as a
    source: given as "postgres://<uri>" it loads (the shared frame is found either way)."""
    if isinstance(value, str) and value.startswith(shared_frames.POSTGIS_PREFIX):
        uri = value[len(shared_frames.POSTGIS_PREFIX) :]
        return QgsProcessingUtils.encodeProviderKeyAndUri("postgres", uri)
    return value


def _renamed(out: dict, names: dict) -> dict:
    return {mine: out[theirs] for theirs, mine in names.items() if out.get(theirs) is not None}


class FullAnalysisAlgorithm(BackflowAlgorithm):
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

    def __init__(self) -> None:
        super().__init__()
        self._deferred: list[tuple[str, str, dict, str]] = []
        self._results: dict = {}
        self._layers: dict = {}  # every layer of this run, asked for or temporary
        self._make_report = self._make_map = False
        self._frames: dict = {}  # frames the children wrote, by layer id (shared_frames)
        self._failed: list[tuple[str, Exception]] = []

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

    def initAlgorithm(self, config=None):  # noqa: N802
        self._add_import_parameters()
        self._add_network_parameters()
        self._add_sinks(self._own_sinks())
        p = QgsProcessingParameterFeatureSource(
            self.REGIONS,
            self.tr("Regions for the regional view (polygons, optional)"),
            [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True,
        )
        p.setHelp(self.tr("Provinces, city clusters, zones: runs Regional flows on them."))
        self.addParameter(p)
        self._add_sinks(self._region_sinks())
        self._add_finishing_parameters()
        self._add_outputs()

    def _add_import_parameters(self) -> None:
        """Every import parameter and layer output, under the same names (all optional)."""
        template = ImportTrajectoriesAlgorithm().create()  # kept: it owns the definitions
        for definition in template.parameterDefinitions():
            clone = definition.clone()
            if definition.name() in IMPORT_RENAMED:
                clone.setName(IMPORT_RENAMED[definition.name()])
            if clone.isDestination():  # STAGES too: a later step makes its own when skipped
                clone.setFlags(clone.flags() | QgsProcessingParameterDefinition.Flag.FlagOptional)
            self.addParameter(clone)

    def _add_network_parameters(self) -> None:
        labels = {
            "hybrid": self.tr("Hybrid (centrality + administrative rank, as the paper)"),
            "natural_breaks": self.tr("Natural breaks (Fisher-Jenks)"),
            "head_tail": self.tr("Head/tail breaks"),
            "quantile": self.tr("Quantiles"),
            "top_n": self.tr("Top N"),
        }
        self.addParameter(QgsProcessingParameterEnum(
            self.METHOD, self.tr("Tier method"), [labels[m] for m in OFFERED_METHODS],
            defaultValue=0,
        ))  # fmt: skip
        self.addParameter(QgsProcessingParameterEnum(
            self.MEASURE, self.tr("Centrality measure for the tiers"),
            [self.tr(m.replace("_", " ").capitalize()) for m in MEASURES],
            defaultValue=MEASURES.index(DEFAULT_MEASURE),
        ))  # fmt: skip
        self.addParameter(QgsProcessingParameterEnum(
            self.LEVEL, self.tr("Match the return with known places by"),
            [self.tr("City (as the paper)"), self.tr("Province (came back near home)")],
            defaultValue=0,
        ))  # fmt: skip

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

    def _add_sinks(self, sinks: dict) -> None:
        for key, (label, kind) in sinks.items():
            self.addParameter(QgsProcessingParameterFeatureSink(key, label, kind, optional=True))

    def _add_finishing_parameters(self) -> None:
        p = QgsProcessingParameterNumber(
            MIN_PERSONS,
            self.tr("Disclosure control: hide counts of fewer than this many persons"),
            QgsProcessingParameterNumber.Type.Integer,
            defaultValue=MIN_PERSONS_DEFAULT,
            minValue=1,
        )
        p.setHelp(
            self.tr(
                "Passed to the report and the map (persons, not moves), and a layer filter "
                "on the cities and flows added to the project; 1 shows all."
            )
        )
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.MAKE_REPORT, self.tr("Write the report"), defaultValue=False
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT_OUTPUT,
                self.tr("Report"),
                self.tr("HTML files (*.html)"),
                optional=True,
                createByDefault=False,
            )
        )
        self.add_report_options()
        self.add_network_options()
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.MAKE_MAP, self.tr("Make the publication map"), defaultValue=False
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.MAP_OUTPUT,
                self.tr("Publication map"),
                self.tr("PDF files (*.pdf);;PNG files (*.png);;SVG files (*.svg)"),
                optional=True,
                createByDefault=False,
            )
        )
        self.add_map_options()

    def add_map_options(self) -> None:
        """The map's language, boundaries (China's view by default; a standard map of
        one's own with its review number) and title, as Publication map defines them."""
        from .publication_map import PublicationMapAlgorithm

        publication = PublicationMapAlgorithm()
        publication.initAlgorithm()
        for name, theirs in MAP_OPTIONS.items():
            p = publication.parameterDefinition(theirs).clone()
            p.setName(name)
            p.setDescription(self.tr("Map: {}").format(p.description()))
            if name != "MAP_LANGUAGE":
                p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(p)

    def map_options(self, parameters) -> dict:
        """The map options given, under Publication map's names."""
        return {
            theirs: parameters[name]
            for name, theirs in MAP_OPTIONS.items()
            if parameters.get(name) is not None
        }

    def _add_outputs(self) -> None:
        numbers = {
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
        for key, label in numbers.items():
            self.addOutput(QgsProcessingOutputNumber(key, label))
        strings = {
            # citynetwork's labels for the same outputs
            "MEASURE": self.tr("Measure the tiers were cut on (key)"),
            "BREAKS": self.tr("Tier breaks (';'-separated, in measure units)"),
            "TIER_METHOD": self.tr("Tier method (key)"),
        }
        for key in STRING_OUTPUTS:
            self.addOutput(QgsProcessingOutputString(key, strings[key]))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        # Text files and spreadsheets are read by the import itself (any encoding).
        if not reads_itself(parameters.get("INPUT")):
            ok, message = super().checkParameterValues(parameters, context)
        else:
            ok, message = self.check_values_except_input(parameters, context)
        problem = stage_mapping_problem(parameters.get(self.STAGE_MAPPING)) if ok else None
        return (False, problem) if problem else (ok, message)

    # ------------------------------------------------------------------ helpers

    def _sink(self, parameters, key: str, needed: bool = True):
        """The outer destination for `key`, or a temporary one when a later step needs it."""
        value = parameters.get(key)
        if value is None and needed:
            return QgsProcessing.TEMPORARY_OUTPUT
        return value

    def _child(self, alg_id, params, context, feedback):
        import processing  # Processing's Python API, loaded with QGIS

        alg = _registered(alg_id)
        known = {d.name() for d in alg.parameterDefinitions()}
        dropped = sorted(k for k, v in params.items() if k not in known and v is not None)
        if dropped:
            feedback.pushWarning(
                self.tr("{} has no parameter {}; left out").format(alg_id, ", ".join(dropped))
            )
        params = {k: v for k, v in params.items() if k in known}
        feedback.pushInfo(self.tr("Running {}").format(alg.displayName()))
        return (
            processing.run(
                alg_id, params, context=context, feedback=feedback, is_child_algorithm=True
            )
            or {}
        )

    def add_network_options(self) -> None:
        """citynetwork's advanced options the chain passes on as they are."""
        from .city_network import CityNetworkAlgorithm

        network = CityNetworkAlgorithm()
        network.initAlgorithm()
        self.addParameter(network.parameterDefinition(INCLUDE_PROVINCE_PLACES).clone())

    def add_report_options(self) -> None:
        """The report's region grouping, reference and language, passed on as they are."""
        from .report import ReportAlgorithm

        report = ReportAlgorithm()
        report.initAlgorithm()
        for name in (self.REGION_OVERRIDES, self.REFERENCE):
            self.addParameter(report.parameterDefinition(name).clone())
        p = report.parameterDefinition("LANGUAGE").clone()
        p.setName(self.REPORT_LANGUAGE)
        self.addParameter(p)

    def report_options(self, parameters, context) -> dict:
        return {
            "REGION_OVERRIDES": self.parameterAsString(parameters, self.REGION_OVERRIDES, context),
            "REFERENCE": self.parameterAsEnum(parameters, self.REFERENCE, context),
            "LANGUAGE": self.parameterAsEnum(parameters, self.REPORT_LANGUAGE, context),
        }

    # ------------------------------------------------------------------ the steps

    def _process(self, parameters, context, feedback):
        self._deferred, self._layers, self._results = [], {}, {}
        self._make_report = make_report = self.parameterAsBoolean(
            parameters, self.MAKE_REPORT, context
        )
        self._make_map = make_map = self.parameterAsBoolean(parameters, self.MAKE_MAP, context)
        plan = [self._import, self._network, self._patterns]
        if parameters.get(self.REGIONS) not in (None, ""):
            plan.append(self._regions)
        plan += [self._report] if make_report else []
        plan += [self._map] if make_map else []
        steps = multi_step(len(plan), feedback)
        for i, step in enumerate(plan):
            if steps.isCanceled():
                break
            steps.setCurrentStep(i)
            step(parameters, context, steps)
        if not steps.isCanceled():
            self._protect_layers(parameters, context, feedback, self._results)
        return self._results

    def _protect_layers(self, parameters, context, feedback, results) -> None:
        """MIN_PERSONS on the cities and flows loaded into the project (a layer filter)."""
        k = self.parameterAsInt(parameters, MIN_PERSONS, context)
        self._check_threshold(k, context, feedback, results)  # before the layers' filters
        if k <= 1:
            return
        hidden = protect_loaded_layers(context, results, k)
        if hidden:
            feedback.pushInfo(
                self.tr(
                    "Disclosure control (MIN_PERSONS = {k}): on the layers added to the "
                    "project, a layer filter hides the features of fewer than {k} persons "
                    "({counts}); the files keep every row."
                ).format(k=k, counts=", ".join(f"{key} {n}" for key, n in hidden.items()))
            )
        else:
            feedback.pushInfo(
                self.tr(
                    "Disclosure control (MIN_PERSONS = {}) applies to the report and the map; "
                    "the output layers keep every city and flow."
                ).format(k)
            )

    def _check_threshold(self, k: int, context, feedback, results) -> None:
        """What MIN_PERSONS leaves of the map (outputs as numbers); a warning when it hides
        most of it, with the threshold to offer (core.disclosure.rules.check_threshold)."""
        counts = {}
        for key, dest in (("FLOWS", results.get("FLOWS")), ("CITIES", self._cities())):
            layer = dest
            if isinstance(dest, str):
                layer = QgsProcessingUtils.mapLayerFromString(dest, context)
            if isinstance(layer, QgsVectorLayer):
                counts[key] = layer_person_counts(layer, "persons")
        if "FLOWS" not in counts:
            return
        flows = check_threshold(counts["FLOWS"], k)
        cities = check_threshold(counts.get("CITIES", []), k)
        results.update(
            {
                "FLOWS_TOTAL": flows.total,
                "FLOWS_SHOWN": flows.shown,
                "CITIES_TOTAL": cities.total,
                "CITIES_SHOWN": cities.shown,
                "SUGGESTED_MIN_PERSONS": (flows.suggested or 0)
                if map_mostly_hidden(flows, cities)
                else 0,
            }
        )
        warning = threshold_warning(flows, counts.get("CITIES"))
        if warning:
            feedback.pushWarning(warning)

    def _keep(self, outputs: dict) -> None:
        """Child outputs: for the later steps and the results (temporary layers included)."""
        self._layers.update({k: _loadable(v) for k, v in outputs.items()})
        self._results.update(outputs)

    def _import(self, parameters, context, feedback) -> None:
        importer = _registered(IMPORT_ID)
        outer = {d.name(): IMPORT_RENAMED.get(d.name(), d.name())
                 for d in importer.parameterDefinitions() if not d.isDestination()}  # fmt: skip
        params = {k: parameters[v] for k, v in outer.items() if parameters.get(v) is not None}
        params.update({k: self._sink(parameters, k, k in ("STAGES", "FLOWS", "CITIES"))
                       for k in IMPORT_LAYERS})  # fmt: skip
        imported = self._child(IMPORT_ID, params, context, feedback)
        if feedback.isCanceled():
            return
        if not imported.get("STAGES"):
            raise QgsProcessingException(self.tr("The import gave no stages layer"))
        numbers = {k: imported[k] for k in IMPORT_NUMBERS if imported.get(k) is not None}
        self._keep({**_renamed(imported, IMPORT_LAYERS), **numbers})

    def _network(self, parameters, context, feedback) -> None:
        method = OFFERED_METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        measure = self.parameterAsEnum(parameters, self.MEASURE, context)
        network = self._child(NETWORK_ID, {
            "INPUT_FLOWS": self._layers["FLOWS"], "INPUT_CITIES": self._layers["CITIES"],
            "HOME_COUNTRY": parameters.get("HOME_COUNTRY"),
            # by index: citynetwork's options are schema.TIER_METHODS and MEASURES, in order
            "METHOD": TIER_METHODS.index(method), "MEASURE": measure,
            INCLUDE_PROVINCE_PLACES: self.parameterAsBool(
                parameters, INCLUDE_PROVINCE_PLACES, context),
            "OUTPUT": self._sink(parameters, "NETWORK"),
        }, context, feedback)  # fmt: skip
        # citynetwork's MEASURE / TIER_METHOD outputs are the keys it used (older: ours)
        self._keep({"MEASURE": MEASURES[measure], "TIER_METHOD": method,
                    **_renamed(network, NETWORK_OUTPUTS)})  # fmt: skip

    def _patterns(self, parameters, context, feedback) -> None:
        patterns = self._child(PATTERNS_ID, {
            "INPUT": self._layers["STAGES"],
            "LEVEL": self.parameterAsEnum(parameters, self.LEVEL, context),
            "GEOMETRY": self.parameterAsEnum(parameters, "GEOMETRY", context),
            "ROUTES": self._sink(parameters, "PATTERN_ROUTES"),  # required by routepatterns
            "FLOWS": self._sink(parameters, "PATTERN_FLOWS", self._make_map),
            "SHARES": self._sink(parameters, "PATTERN_SHARES", False),
        }, context, feedback)  # fmt: skip
        numbers = {k: patterns[k] for k in PATTERN_NUMBERS if k in patterns}
        self._keep({**_renamed(patterns, PATTERN_LAYERS), **numbers})

    def _regions(self, parameters, context, feedback) -> None:
        regional = self._child(REGIONS_ID, {
            "INPUT": self._layers["STAGES"], "INPUT_REGIONS": parameters[self.REGIONS],
            "INPUT_CITIES": self._layers.get("NETWORK"),
            "REGIONS": self._sink(parameters, "REGION_STATS"),
            "REGION_FLOWS": self._sink(parameters, "REGION_FLOWS", False),
            "MATRIX": self._sink(parameters, "REGION_MATRIX", self._make_report),
            "UNMATCHED": self._sink(parameters, "REGION_UNMATCHED"),
        }, context, feedback)  # fmt: skip
        self._keep(_renamed(regional, REGION_LAYERS))

    def _cities(self):
        return self._layers.get("NETWORK") or self._layers.get("CITIES")

    def _report(self, parameters, context, feedback) -> None:
        target = self.parameterAsFileOutput(
            parameters, self.REPORT_OUTPUT, context
        ) or QgsProcessingUtils.generateTempFilename("backflow_report.html")
        # not in the temporary folder QGIS empties on exit: beside the input table
        target = kept_report_path(target, [parameters.get("INPUT")])
        layers = self._layers
        self._run_or_defer(REPORT_ID, self.REPORT_OUTPUT, {
            "STAGES": layers["STAGES"], "CITIES": self._cities(),
            "ROUTES": layers.get("PATTERN_ROUTES"), "OUTPUT_HTML": target,
            **self.report_options(parameters, context),
            "REGION_STATS": layers.get("REGION_STATS"), "REGION_MATRIX": layers.get("REGION_MATRIX"),
            MIN_PERSONS: self.parameterAsInt(parameters, MIN_PERSONS, context),
            **self._tier_data(),
        }, "OUTPUT_HTML", context, feedback)  # fmt: skip

    def _tier_data(self) -> dict:
        """What the report gets of the tiers: citynetwork's measure, method and breaks.

        For the defaults (hybrid on degree) the report derives the rule of each tier
        itself ("degree > 71 (top natural-breaks class)"), richer than class bounds, so
        it gets the method only.
        """
        method, measure = self._layers.get("TIER_METHOD"), self._layers.get("MEASURE")
        if (method, measure) == ("hybrid", DEFAULT_MEASURE):
            return {"TIER_METHOD": method}
        breaks = self._layers.get("BREAKS")
        return {"TIER_MEASURE": measure, "TIER_METHOD": method, "TIER_BREAKS": breaks}

    def _map(self, parameters, context, feedback) -> None:
        target = self.parameterAsFileOutput(
            parameters, self.MAP_OUTPUT, context
        ) or QgsProcessingUtils.generateTempFilename("backflow_map.pdf")
        self._run_or_defer(MAP_ID, self.MAP_OUTPUT, {
            # person routes left out: 1 line per person hides the flows at map scale
            "CITIES": self._cities(), "FLOWS": self._layers.get("FLOWS"), "OUTPUT": target,
            MIN_PERSONS: self.parameterAsInt(parameters, MIN_PERSONS, context),
            **self.map_options(parameters),
        }, "OUTPUT", context, feedback)  # fmt: skip

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        # The children hand their frames on in memory (shared_frames): each layer is
        # written once and never read back; kept for the deferred steps, then dropped.
        # Nothing partial passes for success: a cancel removes the files this run made,
        # a failed report or map step fails the run and leaves no file of its own.
        self._frames = {}
        self._failed = []
        self._before = self._existing_outputs(parameters, context)
        try:
            with shared_frames.sharing(self._frames):
                results = self._process(parameters, context, feedback)
        except Exception:
            self._frames = {}
            self._discard(self._results, feedback, context)
            raise
        if not self._deferred:
            self._frames = {}
        if feedback.isCanceled():
            self._discard(results, feedback, context)
            self._deferred, self._frames = [], {}
            return {}
        self._raise_failures(results)
        return results

    def _existing_outputs(self, parameters, context) -> set:
        found = set()
        for d in self.destinationParameterDefinitions():
            path = adapters.file_of(parameters.get(d.name()))
            if path is not None and path.exists():
                found.add(path)
        return found

    def _discard(self, results: dict, feedback, context) -> None:
        """Remove the output files this run created (never a file that was there before)."""
        removed = []
        for value in (results or {}).values():
            path = adapters.file_of(value) if isinstance(value, str) else None
            if path is None or path in getattr(self, "_before", set()):
                continue
            for f in adapters.file_family(path):
                if f.exists():
                    f.unlink()
                    removed.append(f.name)
            layers = context.layersToLoadOnCompletion()
            if value in layers:  # a removed file is not loaded into the project
                del layers[value]
                context.setLayersToLoadOnCompletion(layers)
        if removed:
            feedback.pushInfo(self.tr("Removed the partial outputs: {}").format(", ".join(removed)))

    def _raise_failures(self, results: dict) -> None:
        if not self._failed:
            return
        kept = sorted(
            str(v) for v in results.values() if isinstance(v, str) and adapters.file_of(v)
        )
        raise QgsProcessingException(
            self.tr("Failed step(s): {}. The other outputs are complete{}").format(
                "; ".join(f"'{name}': {err}" for name, err in self._failed),
                (": " + ", ".join(kept)) if kept else "",
            )
        )

    def _run_or_defer(self, alg_id, outer_key, params, inner_key, context, feedback):
        alg = _registered(alg_id)
        needs_main = bool(alg.flags() & QgsProcessingAlgorithm.Flag.FlagNoThreading)
        if needs_main and not _in_main_thread():
            feedback.pushInfo(
                self.tr("{} runs when the analysis is done (main thread)").format(alg.displayName())
            )
            self._deferred.append((alg_id, outer_key, params, inner_key))
            return
        out = self._finishing_step(alg_id, params, context, feedback)
        if out is not None:
            self._results[outer_key] = out.get(inner_key) or params[inner_key]

    def _finishing_step(self, alg_id, params, context, feedback) -> dict | None:
        """Report or map: a failure is reported without losing the layers already made."""
        alg = _registered(alg_id)
        own_project = None
        if (
            alg.flags() & QgsProcessingAlgorithm.Flag.FlagRequiresProject
            and context.project() is None
        ):
            own_project = QgsProject()  # headless (qgis_process): a project just for this step
            context.setProject(own_project)
        target = next((params[k] for k in ("OUTPUT_HTML", "OUTPUT") if params.get(k)), None)
        existed = target is not None and Path(str(target)).exists()
        try:
            return self._child(alg_id, params, context, feedback)
        except QgsProcessingException as err:
            feedback.reportError(self.tr("{} failed: {}").format(alg.displayName(), err), False)
            if target is not None and not existed and Path(str(target)).exists():
                Path(str(target)).unlink()  # no empty or half-written file is left behind
            self._failed.append((alg.displayName(), err))
            return None
        finally:
            if own_project is not None:
                context.setProject(None)

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        # Runs in the main thread. A non-empty map here REPLACES processAlgorithm's
        # results, so it carries them all; empty when nothing was left to do.
        deferred, self._deferred = self._deferred, []
        self._failed = []
        if not deferred:
            return {}
        results = dict(self._results)
        with shared_frames.sharing(self._frames):
            for alg_id, outer_key, params, inner_key in deferred:
                if feedback is not None and feedback.isCanceled():
                    break
                out = self._finishing_step(alg_id, params, context, feedback)
                if out is not None:
                    results[outer_key] = out.get(inner_key) or params[inner_key]
        self._frames = {}
        self._raise_failures(results)
        return results
