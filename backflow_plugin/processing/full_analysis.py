"""backflow:fullanalysis — one table to every Backflow layer, in one run.

Chains the other algorithms as child algorithms (import -> city network -> route
patterns -> report / publication map), sharing one context so the layers of one step
feed the next. Steps whose algorithm is not registered are skipped with a warning and
picked up as soon as the algorithm exists (they are looked up in the registry).
Each child's frames reach the next in memory (processing/shared_frames.py): a layer is
written once and not read back within the run.
"""

from __future__ import annotations

import csv
import logging
import re
import shutil
import tempfile
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QThread

from ..core.disclosure import MIN_PERSONS_DEFAULT
from ..core.errors import BackflowInputError, Cancelled
from ..core.fields import detect_fields
from ..core.schema import DEFAULT_MEASURE, MEASURES, STAGES, TIER_METHODS
from . import adapters, shared_frames
from .base import BackflowAlgorithm
from .import_trajectories import FLAG_OUTPUTS, ImportTrajectoriesAlgorithm

log = logging.getLogger("backflow")

IMPORT_ID = "backflow:importtrajectories"
NETWORK_ID = "backflow:citynetwork"
PATTERNS_ID = "backflow:routepatterns"
MAP_ID = "backflow:publicationmap"
REPORT_ID = "backflow:report"
REGIONS_ID = "backflow:regionalflows"
# fullanalysis sink -> regionalflows output
REGION_SINKS = {"REGION_STATS": "REGIONS", "REGION_FLOWS": "REGION_FLOWS",
                "REGION_MATRIX": "MATRIX", "REGION_UNMATCHED": "UNMATCHED"}  # fmt: skip
MIN_PERSONS = "MIN_PERSONS"  # the report's and the map's disclosure threshold

IMPORT_SINKS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")
OWN_SINKS = ("NETWORK", "PATTERN_ROUTES", "PATTERN_FLOWS", "PATTERN_SHARES")
IMPORT_NUMBERS = (
    "PERSONS", "STAGE_ROWS", "RESOLVED_ROWS", "UNRESOLVED_ROWS", "AMBIGUOUS_ROWS",
    *FLAG_OUTPUTS.values(),
)  # fmt: skip
# The import's LEVEL (prefecture / county) is PLACE_LEVEL here: LEVEL is the route
# patterns' matching level (city / province) in this algorithm.
IMPORT_RENAMED = {"LEVEL": "PLACE_LEVEL"}
PATTERN_NUMBERS = ("CIRCLE", "LINEAR", "NO_PATTERN", "CIRCLE_SHARE")
TIER_NUMBERS = ("TIER1", "TIER2", "TIER3")


def parse_stage_mapping(text: str) -> dict[str, str]:
    """'博士后=postdoc; Dr.=phd' -> {label: canonical}; raises ValueError on a bad stage."""
    mapping: dict[str, str] = {}
    for item in re.split(r"[;\n]", text or ""):
        if not item.strip():
            continue
        if "=" not in item:
            raise ValueError(f"'{item.strip()}' is not label=stage")
        label, stage = (part.strip() for part in item.rsplit("=", 1))
        stage = stage.lower()
        if stage and stage not in STAGES:
            raise ValueError(f"'{stage}' (for '{label}') is not a stage")
        mapping[label] = stage
    return mapping


def _normalised(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(text).casefold()).strip("_")


def enum_value(definition, key: str, fallback: int):
    """The value a child's enum (or string) parameter takes for the option `key`."""
    if not isinstance(definition, QgsProcessingParameterEnum):
        return key
    if definition.usesStaticStrings():
        return key
    options = [_normalised(o) for o in definition.options()]
    for i, option in enumerate(options):  # exact word first: 'strength' not 'in_strength'
        if option == key or option.startswith(key + "_"):
            return i
    for i, option in enumerate(options):
        if key in option:
            return i
    return fallback if fallback < len(options) else 0


def _registered(alg_id: str):
    return QgsApplication.processingRegistry().algorithmById(alg_id)


def _in_main_thread() -> bool:
    app = QCoreApplication.instance()
    return app is None or QThread.currentThread() == app.thread()


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
        self._frames: dict = {}  # frames the children wrote, by layer id (shared_frames)
        self._failed: list[tuple[str, Exception]] = []
        self._temp_folder: Path | None = None

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

    def initAlgorithm(self, config=None):  # noqa: N802
        template = ImportTrajectoriesAlgorithm().create()
        # Every import parameter and layer output, under the same names.
        for definition in template.parameterDefinitions():
            clone = definition.clone()
            if definition.name() in IMPORT_RENAMED:
                clone.setName(IMPORT_RENAMED[definition.name()])
            self.addParameter(clone)
        p = QgsProcessingParameterEnum(
            self.METHOD, self.tr("Tier method"),
            [self.tr("Hybrid (centrality + administrative rank, as the paper)"),
             self.tr("Natural breaks (Fisher-Jenks)"), self.tr("Head/tail breaks"),
             self.tr("Quantiles"), self.tr("Top N")],
            defaultValue=0,
        )  # fmt: skip
        self.addParameter(p)
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
        p = QgsProcessingParameterString(
            self.STAGE_MAPPING,
            self.tr("Stage label corrections (label=stage; ...)"),
            optional=True,
            multiLine=True,
        )
        p.setHelp(self.tr("Accepted stages: ") + ", ".join(STAGES))
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(p)
        sinks = {
            "NETWORK": (self.tr("City network (tiers)"), QgsProcessing.SourceType.TypeVectorPoint),
            "PATTERN_ROUTES": (
                self.tr("Routes by pattern"),
                QgsProcessing.SourceType.TypeVectorLine,
            ),
            "PATTERN_FLOWS": (
                self.tr("Backflow flows by pattern"),
                QgsProcessing.SourceType.TypeVectorLine,
            ),
            "PATTERN_SHARES": (self.tr("Pattern shares"), QgsProcessing.SourceType.TypeVector),
        }
        for key, (label, kind) in sinks.items():
            self.addParameter(QgsProcessingParameterFeatureSink(key, label, kind, optional=True))
        p = QgsProcessingParameterFeatureSource(
            self.REGIONS,
            self.tr("Regions for the regional view (polygons, optional)"),
            [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True,
        )
        p.setHelp(self.tr("Provinces, city clusters, zones: runs Regional flows on them."))
        self.addParameter(p)
        region_sinks = {
            "REGION_STATS": (self.tr("Regions"), QgsProcessing.SourceType.TypeVectorPolygon),
            "REGION_FLOWS": (self.tr("Region flows"), QgsProcessing.SourceType.TypeVectorLine),
            "REGION_MATRIX": (self.tr("Region x region matrix"), QgsProcessing.SourceType.TypeVector),
            "REGION_UNMATCHED": (self.tr("Cities not in exactly one region"),
                                 QgsProcessing.SourceType.TypeVector),
        }  # fmt: skip
        for key, (label, kind) in region_sinks.items():
            self.addParameter(QgsProcessingParameterFeatureSink(key, label, kind, optional=True))
        p = QgsProcessingParameterNumber(
            MIN_PERSONS,
            self.tr("Disclosure control: hide counts of fewer than this many persons"),
            QgsProcessingParameterNumber.Type.Integer,
            defaultValue=MIN_PERSONS_DEFAULT,
            minValue=1,
        )
        p.setHelp(self.tr("Passed to the report and the map (persons, not moves); 1 shows all."))
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
        numbers = {
            "PERSONS": self.tr("Persons"), "STAGE_ROWS": self.tr("Stage rows"),
            "RESOLVED_ROWS": self.tr("Resolved rows"), "UNRESOLVED_ROWS": self.tr("Unresolved rows"),
            "AMBIGUOUS_ROWS": self.tr("Rows resolved among several places"),
            "CIRCLE": self.tr("Circle routes"), "LINEAR": self.tr("Linear routes"),
            "NO_PATTERN": self.tr("Persons without a pattern"),
            "CIRCLE_SHARE": self.tr("Circle share (circle / (circle + linear))"),
            "TIER1": self.tr("National core cities"), "TIER2": self.tr("Regional excellent cities"),
            "TIER3": self.tr("Regional special cities"),
            **template.flag_output_labels(),
        }  # fmt: skip
        for key, label in numbers.items():
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        # Text files and spreadsheets are read by the import itself (any encoding).
        if not ImportTrajectoriesAlgorithm()._own_reader(parameters.get("INPUT")):
            ok, message = super().checkParameterValues(parameters, context)
        else:
            ok, message = True, ""
            for definition in self.parameterDefinitions():
                if definition.name() == "INPUT":
                    continue
                if not definition.checkValueIsAcceptable(
                    parameters.get(definition.name()), context
                ):
                    return False, self.tr("Incorrect parameter value for {}").format(
                        definition.description()
                    )
        if ok:
            try:
                parse_stage_mapping(parameters.get(self.STAGE_MAPPING) or "")
            except (ValueError, TypeError) as err:
                return False, self.tr("Stage label corrections: {}. Accepted stages: {}").format(
                    err, ", ".join(STAGES)
                )
        return ok, message

    # ------------------------------------------------------------------ helpers

    def _sink(self, parameters, key: str, needed: bool):
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

    def _relabelled_input(self, parameters, mapping, context, feedback) -> dict:
        """A copy of the table (UTF-8 CSV) with the corrected stage labels."""
        importer = ImportTrajectoriesAlgorithm().create()
        try:
            frame, label = importer.read_table(parameters, context, feedback)
        except BackflowInputError as err:
            raise adapters.input_error(err) from None
        except Cancelled:
            raise QgsProcessingException(self.tr("Cancelled")) from None
        stage_col = (parameters.get("STAGE_FIELD") or "").strip() or detect_fields(
            frame.columns
        ).get("stage")
        if not stage_col or stage_col not in frame.columns:
            raise QgsProcessingException(
                self.tr("Stage label corrections need a stage column; columns: {}").format(
                    ", ".join(frame.columns)
                )
            )
        stripped = frame[stage_col].astype(str).str.strip()
        changed = int(stripped.isin(list(mapping)).sum())
        frame[stage_col] = stripped.map(lambda v: mapping.get(v, v))
        # A folder of its own per run (removed after the import): runs never share a copy.
        folder = Path(
            tempfile.mkdtemp(prefix="backflow_relabelled_", dir=QgsProcessingUtils.tempFolder())
        )
        self._temp_folder = folder
        path = folder / (Path(label).stem + ".csv")
        frame.to_csv(path, index=False, encoding="utf-8", quoting=csv.QUOTE_MINIMAL)
        feedback.pushInfo(
            self.tr("Stage labels corrected in {} rows ({})").format(
                changed, "; ".join(f"{k} -> {v}" for k, v in mapping.items())
            )
        )
        out = dict(parameters)
        out.update({"INPUT": str(path), "ENCODING": "utf-8"})
        return out

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

    def _tier_counts(self, layer_ref, context) -> dict:
        layer = QgsProcessingUtils.mapLayerFromString(str(layer_ref), context)
        if not isinstance(layer, QgsVectorLayer) or layer.fields().indexOf("tier") < 0:
            return {}
        counts = {1: 0, 2: 0, 3: 0}
        for feat in layer.getFeatures():
            tier = feat["tier"]
            try:
                tier = int(tier)
            except (TypeError, ValueError):
                continue
            if tier in counts:
                counts[tier] += 1
        return {f"TIER{k}": v for k, v in counts.items()}

    # ------------------------------------------------------------------ run

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        # The children hand their frames on in memory (shared_frames): each layer is
        # written once and never read back; kept for the deferred steps, then dropped.
        # Nothing partial passes for success: a cancel removes the files this run made,
        # a failed report or map step fails the run and leaves no file of its own.
        self._frames = {}
        self._failed, self._temp_folder = [], None
        self._before = self._existing_outputs(parameters, context)
        try:
            with shared_frames.sharing(self._frames):
                results = self._process(parameters, context, feedback)
        except Exception:
            self._frames = {}
            self._discard(self._results, feedback, context)
            if self._temp_folder is not None:
                shutil.rmtree(self._temp_folder, ignore_errors=True)
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

    def _process(self, parameters, context, feedback):
        self._deferred, self._results = [], {}
        make_report = self.parameterAsBoolean(parameters, self.MAKE_REPORT, context)
        make_map = self.parameterAsBoolean(parameters, self.MAKE_MAP, context)
        n_steps = 3 + int(make_report) + int(make_map)
        steps = QgsProcessingMultiStepFeedback(n_steps, feedback)
        results: dict = {}
        has_network = _registered(NETWORK_ID) is not None

        # 1. import
        steps.setCurrentStep(0)
        mapping = parse_stage_mapping(
            self.parameterAsString(parameters, self.STAGE_MAPPING, context)
        )
        source_params = dict(parameters)
        if mapping:
            if self.parameterAsEnum(parameters, "LAYOUT", context) == 1:
                feedback.pushWarning(
                    self.tr(
                        "Stage label corrections apply to long tables only; ignored for a wide table"
                    )
                )
            else:
                source_params = self._relabelled_input(parameters, mapping, context, steps)
        importer = ImportTrajectoriesAlgorithm().create()
        import_params = {
            d.name(): source_params.get(d.name())
            for d in importer.parameterDefinitions()
            if not d.isDestination()
            and d.name() in source_params
            and d.name() not in IMPORT_RENAMED
        }
        for inner, outer in IMPORT_RENAMED.items():
            if source_params.get(outer) is not None:
                import_params[inner] = source_params[outer]
        import_params.update({
            "STAGES": self._sink(parameters, "STAGES", True),
            "ROUTES": self._sink(parameters, "ROUTES", False),
            "FLOWS": self._sink(parameters, "FLOWS", has_network or make_map),
            "CITIES": self._sink(parameters, "CITIES", has_network or make_map),
            "UNRESOLVED": self._sink(parameters, "UNRESOLVED", False),
        })  # fmt: skip
        try:
            imported = self._child(IMPORT_ID, import_params, context, steps)
        finally:
            if self._temp_folder is not None:  # the relabelled copy: not needed any more
                shutil.rmtree(self._temp_folder, ignore_errors=True)
                self._temp_folder = None
        self._results = results
        if steps.isCanceled():
            return results
        if not imported.get("STAGES"):
            raise QgsProcessingException(self.tr("The import gave no stages layer"))
        for key in IMPORT_SINKS + IMPORT_NUMBERS:
            if imported.get(key) is not None:
                results[key] = imported[key]

        # 2. city network
        steps.setCurrentStep(1)
        if has_network:
            alg = _registered(NETWORK_ID)
            method = TIER_METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
            m_index = self.parameterAsEnum(parameters, self.MEASURE, context)
            network = self._child(NETWORK_ID, {
                "INPUT_FLOWS": imported["FLOWS"], "INPUT_CITIES": imported["CITIES"],
                "HOME_COUNTRY": parameters.get("HOME_COUNTRY"),
                "METHOD": enum_value(alg.parameterDefinition("METHOD"), method,
                                     TIER_METHODS.index(method)),
                "MEASURE": enum_value(alg.parameterDefinition("MEASURE"), MEASURES[m_index], m_index),
                "OUTPUT": self._sink(parameters, "NETWORK", True),
            }, context, steps)  # fmt: skip
            if network.get("OUTPUT"):
                results["NETWORK"] = network["OUTPUT"]
                results.update(self._tier_counts(network["OUTPUT"], context))
        else:
            feedback.pushWarning(
                self.tr(
                    "The City network algorithm ({}) is not available: no tiers this time"
                ).format(NETWORK_ID)
            )
        if steps.isCanceled():
            return results

        # 3. route patterns
        steps.setCurrentStep(2)
        patterns = self._child(PATTERNS_ID, {
            "INPUT": imported["STAGES"],
            "LEVEL": self.parameterAsEnum(parameters, self.LEVEL, context),
            "GEOMETRY": self.parameterAsEnum(parameters, "GEOMETRY", context),
            "ROUTES": self._sink(parameters, "PATTERN_ROUTES", True),
            "FLOWS": self._sink(parameters, "PATTERN_FLOWS", make_map),
            "SHARES": self._sink(parameters, "PATTERN_SHARES", False),
        }, context, steps)  # fmt: skip
        for outer, inner in (
            ("PATTERN_ROUTES", "ROUTES"),
            ("PATTERN_FLOWS", "FLOWS"),
            ("PATTERN_SHARES", "SHARES"),
        ):
            if patterns.get(inner):
                results[outer] = patterns[inner]
        for key in PATTERN_NUMBERS:
            if key in patterns:
                results[key] = patterns[key]
        if steps.isCanceled():
            return results

        cities = results.get("NETWORK") or imported.get("CITIES")
        if parameters.get(self.REGIONS) not in (None, "") and _registered(REGIONS_ID) is not None:
            regional = self._child(REGIONS_ID, {
                "INPUT": imported["STAGES"], "INPUT_REGIONS": parameters[self.REGIONS],
                "INPUT_CITIES": results.get("NETWORK"),
                "REGIONS": self._sink(parameters, "REGION_STATS", True),
                "REGION_FLOWS": self._sink(parameters, "REGION_FLOWS", False),
                "MATRIX": self._sink(parameters, "REGION_MATRIX", make_report),
                "UNMATCHED": self._sink(parameters, "REGION_UNMATCHED", True),
            }, context, steps)  # fmt: skip
            results.update({k: regional[v] for k, v in REGION_SINKS.items() if regional.get(v)})
        if steps.isCanceled():
            return results

        # 4./5. report and map: now, or after the run in the main thread if they need it
        step = 3
        if make_report:
            steps.setCurrentStep(step)
            step += 1
            target = self.parameterAsFileOutput(
                parameters, self.REPORT_OUTPUT, context
            ) or QgsProcessingUtils.generateTempFilename("backflow_report.html")
            self._run_or_defer(REPORT_ID, self.REPORT_OUTPUT, {
                "STAGES": imported["STAGES"], "CITIES": cities,
                "ROUTES": results.get("PATTERN_ROUTES"), "OUTPUT_HTML": target,
                **self.report_options(parameters, context),
                "REGION_STATS": results.get("REGION_STATS"),
                "REGION_MATRIX": results.get("REGION_MATRIX"),
                MIN_PERSONS: self.parameterAsInt(parameters, MIN_PERSONS, context),
            }, "OUTPUT_HTML", context, steps, results)  # fmt: skip
        if make_map and not steps.isCanceled():
            steps.setCurrentStep(step)
            target = self.parameterAsFileOutput(
                parameters, self.MAP_OUTPUT, context
            ) or QgsProcessingUtils.generateTempFilename("backflow_map.pdf")
            self._run_or_defer(MAP_ID, self.MAP_OUTPUT, {
                # person routes left out: 1 line per person hides the flows at map scale
                "CITIES": cities, "FLOWS": imported.get("FLOWS"), "OUTPUT": target,
                MIN_PERSONS: self.parameterAsInt(parameters, MIN_PERSONS, context),
            }, "OUTPUT", context, steps, results)  # fmt: skip
        self._results = results
        return results

    def _run_or_defer(self, alg_id, outer_key, params, inner_key, context, feedback, results):
        alg = _registered(alg_id)
        if alg is None:
            feedback.pushWarning(
                self.tr("The algorithm {} is not available: step skipped").format(alg_id)
            )
            return
        needs_main = bool(alg.flags() & QgsProcessingAlgorithm.Flag.FlagNoThreading)
        if needs_main and not _in_main_thread():
            feedback.pushInfo(
                self.tr("{} runs when the analysis is done (main thread)").format(alg.displayName())
            )
            self._deferred.append((alg_id, outer_key, params, inner_key))
            return
        out = self._finishing_step(alg_id, params, context, feedback)
        if out is not None:
            results[outer_key] = out.get(inner_key) or params[inner_key]

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


def output_definition(name: str, project=None) -> QgsProcessingOutputLayerDefinition:
    """A temporary output loaded into `project` under `name` (for the panel)."""
    definition = QgsProcessingOutputLayerDefinition(QgsProcessing.TEMPORARY_OUTPUT, project)
    definition.destinationName = name
    return definition
