"""backflow:fullanalysis — one table to every Backflow layer, in one run.

The steps of the other algorithms (import -> city network -> route patterns -> regional
flows -> report), run here in one pass: each step's algorithm reads its parameters and
writes its layers as it does alone, but takes the frames of the steps before it as
Python objects, so a layer is written once and never read back. The publication map,
which needs the main thread, runs last as a child algorithm on the layers written.
Every layer output is optional: a skipped layer that a later step needs is made as a
temporary one (and returned, as before); the others are not made.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingUtils,
    QgsProject,
    QgsVectorLayer,
)

from ..core.disclosure.rules import check_threshold, map_mostly_hidden
from ..core.schema import DEFAULT_MEASURE, MEASURES, TIER_METHODS
from ..core.trajectories.import_summary import stage_coordinates
from ..qgis_io import in_main_thread, kept_report_path
from ..styling.disclosure_filter import layer_person_counts, threshold_warning
from ..styling.postprocess import protect_loaded_layers
from . import adapters
from .city_network import CityNetworkAlgorithm, field_kinds
from .feedback import multi_step
from .full_analysis_parameters import (
    IMPORT_RENAMED,
    INCLUDE_PROVINCE_PLACES,
    MIN_PERSONS,
    OFFERED_METHODS,
    FullAnalysisParameters,
)
from .import_trajectories import FLAG_OUTPUTS, ImportTrajectoriesAlgorithm
from .regional_flows import RegionalFlowsAlgorithm
from .report import ReportAlgorithm
from .route_patterns import RoutePatternsAlgorithm

MAP_ID = "backflow:publicationmap"
IMPORT_NUMBERS = (
    "PERSONS", "STAGE_ROWS", "RESOLVED_ROWS", "UNRESOLVED_ROWS", "AMBIGUOUS_ROWS",
    *FLAG_OUTPUTS.values(),
)  # fmt: skip
PATTERN_NUMBERS = ("CIRCLE", "LINEAR", "NO_PATTERN", "CIRCLE_SHARE")
# A step's output -> output here.
IMPORT_LAYERS = {k: k for k in ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")}
NETWORK_OUTPUTS = {"OUTPUT": "NETWORK", "TIER1_COUNT": "TIER1", "TIER2_COUNT": "TIER2",
                   "TIER3_COUNT": "TIER3", "MEASURE": "MEASURE", "BREAKS": "BREAKS",
                   "TIER_METHOD": "TIER_METHOD"}  # fmt: skip
PATTERN_LAYERS = {"ROUTES": "PATTERN_ROUTES", "FLOWS": "PATTERN_FLOWS", "SHARES": "PATTERN_SHARES"}
REGION_LAYERS = {"REGIONS": "REGION_STATS", "REGION_FLOWS": "REGION_FLOWS",
                 "MATRIX": "REGION_MATRIX", "UNMATCHED": "REGION_UNMATCHED"}  # fmt: skip


def _registered(alg_id: str):
    return QgsApplication.processingRegistry().algorithmById(alg_id)


# A PostGIS table as a sink destination
POSTGIS_PREFIX = "postgis:"


def _loadable(value):
    """A step's layer output as a later step's input. Processing hands a PostGIS
    destination back as written ("postgis:<uri>"), which no algorithm can load as a
    source: given as "postgres://<uri>" it loads."""
    if isinstance(value, str) and value.startswith(POSTGIS_PREFIX):
        uri = value[len(POSTGIS_PREFIX) :]
        return QgsProcessingUtils.encodeProviderKeyAndUri("postgres", uri)
    return value


def _renamed(out: dict, names: dict) -> dict:
    return {mine: out[theirs] for theirs, mine in names.items() if out.get(theirs) is not None}


class FullAnalysisAlgorithm(FullAnalysisParameters):
    def __init__(self) -> None:
        super().__init__()
        self._deferred: list[tuple[str, str, dict, str]] = []
        self._results: dict = {}
        self._layers: dict = {}  # every layer of this run, asked for or temporary
        self._make_report = self._make_map = False
        self._frames: dict = {}  # (frame, lon/lat or None) each step wrote, for the next
        self._returns = None  # the import's returns, for the report
        self._failed: list[tuple[str, Exception]] = []

    def _sink(self, parameters, key: str, needed: bool = True):
        """The outer destination for `key`, or a temporary one when a later step needs it."""
        value = parameters.get(key)
        if value is None and needed:
            return QgsProcessing.TEMPORARY_OUTPUT
        return value

    def _step(self, cls, feedback):
        """A step's algorithm, ready to read its parameters (run here, not as a child)."""
        alg = cls()
        alg.initAlgorithm()
        feedback.pushInfo(self.tr("Running {}").format(alg.displayName()))
        return alg

    def _process(self, parameters, context, feedback):
        self._deferred, self._layers, self._results, self._frames = [], {}, {}, {}
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
        """A step's outputs: for the later steps and the results (temporary layers included)."""
        self._layers.update({k: _loadable(v) for k, v in outputs.items()})
        self._results.update(outputs)

    def _written(self, key: str, points: bool = False):
        """A frame of this run as its layer holds it, a copy of its own for each step."""
        frame, xy = self._frames[key]
        return adapters.as_written(frame, xy if points else None)

    def _import(self, parameters, context, feedback) -> None:
        importer = self._step(ImportTrajectoriesAlgorithm, feedback)
        outer = {d.name(): IMPORT_RENAMED.get(d.name(), d.name())
                 for d in importer.parameterDefinitions() if not d.isDestination()}  # fmt: skip
        params = {k: parameters[v] for k, v in outer.items() if parameters.get(v) is not None}
        params.update({k: self._sink(parameters, k, k in ("STAGES", "FLOWS", "CITIES"))
                       for k in IMPORT_LAYERS})  # fmt: skip
        done = importer.serve(params, context, feedback, importer.import_and_write)
        if feedback.isCanceled() or done is None:
            return
        imported, result = done
        if not imported.get("STAGES"):
            raise QgsProcessingException(self.tr("The import gave no stages layer"))
        numbers = {k: imported[k] for k in IMPORT_NUMBERS if imported.get(k) is not None}
        self._keep({**_renamed(imported, IMPORT_LAYERS), **numbers})
        # the frames the layers hold, for the steps that follow (none reads a layer back)
        xy = stage_coordinates(result.stages, result.cities)
        self._frames.update(
            stages=(result.stages, xy), flows=(result.flows, None), cities=(result.cities, None)
        )
        self._returns = result.returns  # each person's return, found once by the import

    def _network(self, parameters, context, feedback) -> None:
        method = OFFERED_METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        measure = self.parameterAsEnum(parameters, self.MEASURE, context)
        alg = self._step(CityNetworkAlgorithm, feedback)
        params = {
            "INPUT_FLOWS": self._layers["FLOWS"], "INPUT_CITIES": self._layers["CITIES"],
            "HOME_COUNTRY": parameters.get("HOME_COUNTRY"),
            # by index: citynetwork's options are schema.TIER_METHODS and MEASURES, in order
            "METHOD": TIER_METHODS.index(method), "MEASURE": measure,
            INCLUDE_PROVINCE_PLACES: self.parameterAsBool(
                parameters, INCLUDE_PROVINCE_PLACES, context),
            "OUTPUT": self._sink(parameters, "NETWORK"),
        }  # fmt: skip
        cities = self._written("cities")
        geoms = [adapters.point_geometry(x, y) for x, y in zip(cities["lon"], cities["lat"])]
        kinds = field_kinds(adapters.fields_for(cities))
        network, table = alg.serve(
            params, context, feedback, alg.run_frames, self._written("flows"), cities, geoms, kinds
        ) or ({}, None)
        if table is not None:
            self._frames["network"] = (table, None)
        # citynetwork's MEASURE / TIER_METHOD outputs are the keys it used (older: ours)
        self._keep({"MEASURE": MEASURES[measure], "TIER_METHOD": method,
                    **_renamed(network, NETWORK_OUTPUTS)})  # fmt: skip

    def _patterns(self, parameters, context, feedback) -> None:
        alg = self._step(RoutePatternsAlgorithm, feedback)
        params = {
            "INPUT": self._layers["STAGES"],
            "LEVEL": self.parameterAsEnum(parameters, self.LEVEL, context),
            "GEOMETRY": self.parameterAsEnum(parameters, "GEOMETRY", context),
            "ROUTES": self._sink(parameters, "PATTERN_ROUTES"),  # required by routepatterns
            "FLOWS": self._sink(parameters, "PATTERN_FLOWS", self._make_map),
            "SHARES": self._sink(parameters, "PATTERN_SHARES", False),
        }
        patterns, routes = alg.serve(
            params, context, feedback, alg.run_frames, self._written("stages", points=True)
        ) or ({}, None)
        if routes is not None:
            self._frames["routes"] = (routes, None)
        numbers = {k: patterns[k] for k in PATTERN_NUMBERS if k in patterns}
        self._keep({**_renamed(patterns, PATTERN_LAYERS), **numbers})

    def _regions(self, parameters, context, feedback) -> None:
        alg = self._step(RegionalFlowsAlgorithm, feedback)
        params = {
            "INPUT": self._layers["STAGES"], "INPUT_REGIONS": parameters[self.REGIONS],
            "INPUT_CITIES": self._layers.get("NETWORK"),
            "REGIONS": self._sink(parameters, "REGION_STATS"),
            "REGION_FLOWS": self._sink(parameters, "REGION_FLOWS", False),
            "MATRIX": self._sink(parameters, "REGION_MATRIX", self._make_report),
            "UNMATCHED": self._sink(parameters, "REGION_UNMATCHED"),
        }  # fmt: skip
        tiers = None
        if "network" in self._frames:
            tiers = self._written("network")[["city_id", "tier"]]
        stages = self._written("stages", points=True)
        regional, frames = alg.serve(params, context, feedback, alg.run_frames, stages, tiers) or (
            {},
            {},
        )
        for key, mine in (("REGIONS", "REGION_STATS"), ("MATRIX", "REGION_MATRIX")):
            if regional.get(key) is not None:
                self._frames[mine] = (frames[key], None)
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
        params = {
            "STAGES": layers["STAGES"], "CITIES": self._cities(),
            "ROUTES": layers.get("PATTERN_ROUTES"), "OUTPUT_HTML": target,
            **self.report_options(parameters, context),
            "REGION_STATS": layers.get("REGION_STATS"), "REGION_MATRIX": layers.get("REGION_MATRIX"),
            MIN_PERSONS: self.parameterAsInt(parameters, MIN_PERSONS, context),
            **self._tier_data(),
        }  # fmt: skip
        alg = self._step(ReportAlgorithm, feedback)
        frames = {key: self._written(key) for key in ("REGION_STATS", "REGION_MATRIX")
                  if key in self._frames}  # fmt: skip
        cities = "network" if "network" in self._frames else "cities"
        routes = self._written("routes") if "routes" in self._frames else None
        out = self._guarded(alg.displayName(), target, feedback, lambda: alg.serve(
            params, context, feedback, alg.run_frames,
            self._written("stages"), self._written(cities), routes, frames, self._returns,
        ))  # fmt: skip
        if out is not None:
            self._results[self.REPORT_OUTPUT] = out.get("OUTPUT_HTML") or target

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
        # One pass: each step gets the frames of the steps before it as Python objects
        # (each layer written once, never read back), and the frames go when the steps
        # are done; only the map waits for the main thread. Nothing partial passes for
        # success: a cancel removes the files this run made, a failed report or map step
        # fails the run and leaves no file of its own.
        self._failed = []
        self._before = self._existing_outputs(parameters, context)
        try:
            results = self._process(parameters, context, feedback)
        except Exception:
            self._discard(self._results, feedback, context)
            raise
        finally:
            self._frames, self._returns = {}, None
        if feedback.isCanceled():
            self._discard(results, feedback, context)
            self._deferred = []
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
        if needs_main and not in_main_thread():
            feedback.pushInfo(
                self.tr("{} runs when the analysis is done (main thread)").format(alg.displayName())
            )
            self._deferred.append((alg_id, outer_key, params, inner_key))
            return
        out = self._finishing_step(alg_id, params, context, feedback)
        if out is not None:
            self._results[outer_key] = out.get(inner_key) or params[inner_key]

    def _finishing_step(self, alg_id, params, context, feedback) -> dict | None:
        """The map, as a child algorithm (it reads the layers this run wrote)."""
        alg = _registered(alg_id)
        own_project = None
        if (
            alg.flags() & QgsProcessingAlgorithm.Flag.FlagRequiresProject
            and context.project() is None
        ):
            own_project = QgsProject()  # headless (qgis_process): a project just for this step
            context.setProject(own_project)
        target = next((params[k] for k in ("OUTPUT_HTML", "OUTPUT") if params.get(k)), None)
        try:
            return self._guarded(
                alg.displayName(), target, feedback,
                lambda: self._child(alg_id, params, context, feedback),
            )  # fmt: skip
        finally:
            if own_project is not None:
                context.setProject(None)

    def _guarded(self, name: str, target, feedback, call) -> dict | None:
        """Report or map: a failure is reported without losing the layers already made."""
        existed = target is not None and Path(str(target)).exists()
        try:
            return call()
        except QgsProcessingException as err:
            feedback.reportError(self.tr("{} failed: {}").format(name, err), False)
            if target is not None and not existed and Path(str(target)).exists():
                Path(str(target)).unlink()  # no empty or half-written file is left behind
            self._failed.append((name, err))
            return None

    def _child(self, alg_id, params, context, feedback):
        import processing  # Processing's Python API, loaded with QGIS

        alg = _registered(alg_id)
        feedback.pushInfo(self.tr("Running {}").format(alg.displayName()))
        return (
            processing.run(
                alg_id, params, context=context, feedback=feedback, is_child_algorithm=True
            )
            or {}
        )

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        # Runs in the main thread. A non-empty map here REPLACES processAlgorithm's
        # results, so it carries them all; empty when nothing was left to do.
        deferred, self._deferred = self._deferred, []
        self._failed = []
        if not deferred:
            return {}
        results = dict(self._results)
        for alg_id, outer_key, params, inner_key in deferred:
            if feedback is not None and feedback.isCanceled():
                break
            out = self._finishing_step(alg_id, params, context, feedback)
            if out is not None:
                results[outer_key] = out.get(inner_key) or params[inner_key]
        self._raise_failures(results)
        return results
