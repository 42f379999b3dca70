"""backflow:citynetwork — centrality measures and tier classes of the cities in the flow network."""

from __future__ import annotations

import logging

from qgis.core import (
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from .. import field_types
from ..core.network import city_table as cn_frame
from ..core.network import graph as net
from ..core.network import tiers as tr_core
from ..core.schema import (
    DEFAULT_HOME_COUNTRY,
    DEFAULT_MEASURE,
    FLOW_TYPES,
    MEASURES,
    NETWORK_SCOPES,
    TIER_METHODS,
)
from ..styling.projections import WGS84
from . import adapters
from . import log_words as words
from .base import BackflowAlgorithm, Output, Run, Sink, SourceType, advanced, helped, numbers

log = logging.getLogger("backflow")

_INT_TYPES = {
    field_types.INT,
    field_types.LONGLONG,
    field_types.UINT,
    field_types.ULONGLONG,
}
_DATE_TYPES = {field_types.DATE, field_types.DATETIME, field_types.TIME}


def field_kinds(fields) -> dict[str, str]:
    """int, float, bool or str for each field of a layer (dates and times as text)."""
    kinds = {}
    for field in fields:
        t = field.type()
        if t in _INT_TYPES:
            kinds[field.name()] = "int"
        elif t == field_types.DOUBLE:
            kinds[field.name()] = "float"
        elif t == field_types.BOOL:
            kinds[field.name()] = "bool"
        else:
            kinds[field.name()] = "str"
    return kinds


class CityNetworkAlgorithm(BackflowAlgorithm):
    INPUT_FLOWS = "INPUT_FLOWS"
    INPUT_CITIES = "INPUT_CITIES"
    FLOW_TYPES = "FLOW_TYPES"
    SCOPE = "SCOPE"
    INCLUDE_PROVINCE_PLACES = "INCLUDE_PROVINCE_PLACES"
    MEASURE = "MEASURE"
    METHOD = "METHOD"
    MIN_RETURNEES = "MIN_RETURNEES"
    N_CORE = "N_CORE"
    N_EXCELLENT = "N_EXCELLENT"
    THRESHOLDS = "THRESHOLDS"
    RANK_FIELD = "RANK_FIELD"
    STABILITY = "STABILITY"
    HOME_COUNTRY = "HOME_COUNTRY"
    CLASSES = "CLASSES"
    EXACT_LIMIT = "EXACT_LIMIT"
    PIVOTS = "PIVOTS"
    SEED = "SEED"
    OUTPUT = "OUTPUT"

    def name(self) -> str:
        return "citynetwork"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("City network: centrality and tiers")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Builds the network of flows between cities (directed, weighted by the number of "
            "moves) from the FLOWS and CITIES layers of Import trajectories, measures each "
            "city's position in it and sorts the domestic cities that receive returnees into "
            "three tiers, as in Jiang (2021): national core, regional excellent, regional "
            "special.\n\n"
            "Measures (fields): degree (distinct cities linked, either direction), strength "
            "(in + out moves), betweenness (weighted, distance = 1/moves, normalised), "
            "closeness (incoming, distance = 1/moves), eigenvector (undirected; empty with a "
            "warning when it is not defined), PageRank.\n\n"
            "Tier methods: Hybrid (the paper's typology: tier 1 = top natural-breaks class of "
            "the measure; tier 2 = regional centres by administrative rank - municipality, "
            "sub-provincial city, provincial capital - or the middle class; tier 3 = the "
            "rest), Natural breaks (Fisher-Jenks, exact), Head/tail breaks, Quantile, Top N "
            "and Thresholds ('t1, t2': tier 1 >= t1, tier 2 >= t2). The breaks used and the "
            "count per tier are reported in the log and as numeric outputs. Stability "
            "re-classes with the other measures and reports the share of cities whose tier "
            "changes.\n\n"
            "Cities outside the network scope keep their fields with empty measures; cities "
            "that are not candidates get an empty tier."
        )

    def declare_parameters(self) -> list:
        return [
            QgsProcessingParameterFeatureSource(
                self.INPUT_FLOWS,
                self.tr("Flows (origin_id, dest_id, flow_type, count)"),
                [SourceType.TypeVector],
            ),
            QgsProcessingParameterFeatureSource(
                self.INPUT_CITIES,
                self.tr("Cities (city_id, returnees, domestic or country, admin_rank)"),
                [SourceType.TypeVectorPoint],
            ),
            helped(
                QgsProcessingParameterEnum(
                    self.FLOW_TYPES,
                    self.tr("Flow types that count"),
                    list(FLOW_TYPES),
                    allowMultiple=True,
                    defaultValue=list(range(len(FLOW_TYPES))),
                ),
                self.tr(
                    "domestic (home to home before leaving), outbound, abroad, backflow (the "
                    "return), onward (home to home after the return). Default: all."
                ),
            ),
            QgsProcessingParameterEnum(
                self.SCOPE,
                self.tr("Network scope"),
                [self.tr("Domestic cities only"), self.tr("All cities (worldwide)")],
                defaultValue=0,
            ),
            advanced(
                helped(
                    QgsProcessingParameterBoolean(
                        self.INCLUDE_PROVINCE_PLACES,
                        self.tr("Include rows that name only a province"),
                        defaultValue=False,
                        # optional: models saved before this parameter existed still validate
                        optional=True,
                    ),
                    self.tr(
                        "A birthplace given only as a province (廣東, Kiangsu) is placed at its "
                        "capital and counted in province and region tables, but it is no city: "
                        "by default it stays out of the network and the tiers."
                    ),
                )
            ),
            QgsProcessingParameterEnum(
                self.MEASURE,
                self.tr("Centrality measure for the tiers"),
                [self.tr(m.replace("_", " ").capitalize()) for m in MEASURES],
                defaultValue=MEASURES.index(DEFAULT_MEASURE),
            ),
            QgsProcessingParameterEnum(
                self.METHOD,
                self.tr("Tier method"),
                [
                    self.tr("Hybrid (the paper's typology)"),
                    self.tr("Natural breaks (Fisher-Jenks)"),
                    self.tr("Head/tail breaks"),
                    self.tr("Quantile"),
                    self.tr("Top N"),
                    self.tr("Thresholds"),
                ],
                defaultValue=0,
            ),
            self._integer(self.MIN_RETURNEES, self.tr("Minimum returnees for a city to be classed"), 1, 0),
            self._integer(self.N_CORE, self.tr("Top N: national core cities"), 4, 0),
            self._integer(self.N_EXCELLENT, self.tr("Top N: regional excellent cities"), 23, 0),
            helped(
                QgsProcessingParameterString(
                    self.THRESHOLDS, self.tr("Thresholds: t1, t2"), optional=True
                ),
                self.tr("Tier 1: measure >= t1; tier 2: measure >= t2; e.g. '0.1, 0.02'."),
            ),
            helped(
                QgsProcessingParameterField(
                    self.RANK_FIELD,
                    self.tr("Administrative rank field (hybrid method)"),
                    defaultValue="admin_rank",
                    parentLayerParameterName=self.INPUT_CITIES,
                    optional=True,
                ),
                self.tr(
                    "Values 'municipality', 'sub-provincial city' or 'provincial capital' (or "
                    "直辖市, 副省级城市, 省会) mark regional centres. Empty: by the measure alone."
                ),
            ),
            QgsProcessingParameterBoolean(
                self.STABILITY,
                self.tr("Stability check: re-class with the other measures"),
                defaultValue=False,
            ),
            advanced(
                QgsProcessingParameterString(
                    self.HOME_COUNTRY,
                    self.tr(
                        "Home country (ISO code; used when the cities have no 'domestic' field)"
                    ),
                    defaultValue=DEFAULT_HOME_COUNTRY,
                )
            ),
            advanced(
                self._integer(
                    self.CLASSES,
                    self.tr("Number of classes (natural breaks, head/tail, quantile)"),
                    3, 2, maxValue=12,
                )
            ),
            advanced(
                self._integer(
                    self.EXACT_LIMIT,
                    self.tr("Exact betweenness up to this many cities (above: estimated)"),
                    5000, 3,
                )
            ),
            advanced(
                self._integer(
                    self.PIVOTS, self.tr("Estimated betweenness: number of sample cities"), 500, 1
                )
            ),
            advanced(
                self._integer(self.SEED, self.tr("Estimated betweenness: random seed"), 42)
            ),
        ]  # fmt: skip

    @staticmethod
    def _integer(key: str, label: str, default: int, minimum=None, **limits):
        if minimum is not None:
            limits["minValue"] = minimum
        return QgsProcessingParameterNumber(
            key, label, QgsProcessingParameterNumber.Type.Integer, defaultValue=default, **limits
        )

    def declare_sinks(self) -> list[Sink]:
        return [
            Sink(self.OUTPUT, self.tr("City network"), SourceType.TypeVectorPoint, style="network")
        ]

    def declare_outputs(self) -> list[Output]:
        return numbers(
            ("TIER1_COUNT", self.tr("National core cities")),
            ("TIER2_COUNT", self.tr("Regional excellent cities")),
            ("TIER3_COUNT", self.tr("Regional special cities")),
            ("CANDIDATES", self.tr("Cities classed")),
            ("SHARE_CHANGED", self.tr("Share of cities whose tier changes with the measure")),
        ) + [
            # Keys, never translated: fullanalysis and the report read them as data.
            Output("MEASURE", self.tr("Measure the tiers were cut on (key)"), "string"),
            Output("TIER_METHOD", self.tr("Tier method (key)"), "string"),
            Output("BREAKS", self.tr("Tier breaks (';'-separated, in measure units)"), "string"),
        ]

    # ------------------------------------------------------------------ reading

    def read_cities(self, source, context, feedback) -> tuple:
        """Attributes, WGS 84 geometries and the field kinds of the cities layer."""
        frame = adapters.source_to_frame(source, feedback)
        kinds = field_kinds(source.fields())
        for field in source.fields():
            if field.type() in _DATE_TYPES:
                frame[field.name()] = [
                    None
                    if v is None
                    else v.toString("yyyy-MM-ddTHH:mm:ss")
                    if hasattr(v, "toString")
                    else v
                    for v in frame[field.name()]
                ]
        transform = None
        if source.sourceCrs().isValid() and source.sourceCrs() != WGS84:
            transform = QgsCoordinateTransform(
                source.sourceCrs(), WGS84, context.transformContext()
            )
        geoms: list = []
        for feat in source.getFeatures():
            geom = feat.geometry()
            if geom is None or geom.isEmpty():
                geoms.append(None)
                continue
            geom = QgsGeometry(geom)
            if transform is not None:
                geom.transform(transform)
            geoms.append(geom)
        return frame, geoms, kinds

    # ------------------------------------------------------------------ run

    def options(self, run: Run) -> dict:
        """The run's choices as keys (enums read by index into the schema tuples)."""
        chosen = sorted(set(run.indexes(self.FLOW_TYPES)))
        return {
            # None: every flow type (also when none is ticked)
            "flow_types": [FLOW_TYPES[i] for i in chosen]
            if 0 < len(chosen) < len(FLOW_TYPES)
            else None,
            "scope": run.choice(self.SCOPE, NETWORK_SCOPES),
            "include_province_places": run.flag(self.INCLUDE_PROVINCE_PLACES),
            "measure": run.choice(self.MEASURE, MEASURES),
            "rank_field": run.text(self.RANK_FIELD) or None,
            "stability": run.flag(self.STABILITY),
            "centrality": dict(
                exact_limit=run.integer(self.EXACT_LIMIT),
                seed=run.integer(self.SEED),
                k_pivots=run.integer(self.PIVOTS),
            ),
            "tiers": dict(
                method=run.choice(self.METHOD, TIER_METHODS),
                min_returnees=run.integer(self.MIN_RETURNEES),
                n_core=run.integer(self.N_CORE),
                n_excellent=run.integer(self.N_EXCELLENT),
                thresholds=self.parameterAsString(run.parameters, self.THRESHOLDS, run.context),
                classes=run.integer(self.CLASSES),
                home_country=run.text(self.HOME_COUNTRY) or DEFAULT_HOME_COUNTRY,
            ),
        }

    def rank_field(self, rank_field, cities, method, run: Run):
        """The administrative rank field, or None (with a warning) when the layer lacks it."""
        if rank_field is not None and rank_field not in cities.columns:
            if method == "hybrid":
                run.warn(
                    self.tr(
                        "The cities have no '{}' field: the hybrid method classes by the "
                        "measure alone."
                    ).format(rank_field)
                )
            return None
        return rank_field

    def process(self, run: Run) -> dict:
        run.start(4)
        flows_src = run.source(self.INPUT_FLOWS)
        cities_src = run.source(self.INPUT_CITIES)
        self.check_thresholds(run)  # fail before the long work
        flows = adapters.source_to_frame(flows_src, run.steps)
        run.step(1)
        cities, geoms, kinds = self.read_cities(cities_src, run.context, run.steps)
        run.check_cancelled()
        return self.run_frames(run, flows, cities, geoms, kinds)[0]

    def check_thresholds(self, run: Run) -> None:
        opt = self.options(run)["tiers"]
        if opt["method"] == "thresholds":
            tr_core.parse_thresholds(opt["thresholds"])

    def run_frames(self, run: Run, flows, cities, geoms, kinds) -> tuple[dict, object]:
        """Network, measures and tiers of the flows and cities (geometries and field
        kinds of the cities as written), written; the outputs and the written table."""
        run.start(4)
        run.step(1)
        opt = self.options(run)
        tier_args, measure = opt["tiers"], opt["measure"]
        tier_args["rank_field"] = self.rank_field(
            opt["rank_field"], cities, tier_args["method"], run
        )
        graph = net.build_graph(
            flows, cities, flow_types=opt["flow_types"], scope=opt["scope"],
            home_country=tier_args["home_country"],
            include_province_places=opt["include_province_places"],
        )  # fmt: skip
        self.report_graph(graph, opt["flow_types"], run)
        run.step(2)
        measures, info = net.centrality(
            graph, progress=lambda f: run.progress(100.0 * f), is_cancelled=run.cancelled,
            **opt["centrality"],
        )  # fmt: skip
        self.report_measures(info, run)
        run.step(3)
        tiers, tinfo = tr_core.assign_tiers(measures, cities, measure=measure, **tier_args)
        self.report_tiers(tiers, tinfo, cities, run)
        share = changed = None
        if opt["stability"]:
            stab, share = tr_core.stability(measures, cities, measure=measure, **tier_args)
            changed = cn_frame.changed_flags(stab)
            self.report_stability(stab, share, measure, run)

        table = cn_frame.city_network_table(cities, measures, tiers, changed)
        if table.replaced:
            run.info(
                self.tr("Fields replaced by this run's values: {}").format(
                    ", ".join(table.replaced)
                )
            )
        dest = run.write(
            self.OUTPUT, table.frame, lambda i: geoms[i],
            overrides=cn_frame.field_kinds(table.frame, kinds),
        )  # fmt: skip
        return {self.OUTPUT: dest, **self.results(tinfo, share)}, table.frame

    def results(self, tinfo: dict, share) -> dict:
        """The numeric and text outputs: data for the steps that follow, never log text."""
        counts = tinfo["counts"]
        return {
            "TIER1_COUNT": counts[1],
            "TIER2_COUNT": counts[2],
            "TIER3_COUNT": counts[3],
            "CANDIDATES": tinfo["candidates"],
            "SHARE_CHANGED": share,
            "MEASURE": tinfo["measure"],
            "TIER_METHOD": tinfo["method"],
            "BREAKS": cn_frame.breaks_text(tinfo["breaks"]),
        }

    # ------------------------------------------------------------------ reporting

    def report_graph(self, graph, flow_types, run: Run) -> None:
        dropped = graph.graph.get("dropped", {})
        run.info(
            self.tr("Network ({scope}, flow types: {types}): {n} cities, {m} links.").format(
                scope=words.word(words.SCOPE_LABELS, graph.graph.get("scope")),
                types=", ".join(flow_types) if flow_types else self.tr("all"),
                n=graph.number_of_nodes(),
                m=graph.number_of_edges(),
            )
        )
        left_out = {k: v for k, v in dropped.items() if v}
        if left_out:
            run.info(
                self.tr("Flow rows left out: ")
                + ", ".join(
                    f"{words.word(words.DROPPED_LABELS, k, k.replace('_', ' '))} {v}"
                    for k, v in left_out.items()
                )
            )

    def report_measures(self, info, run: Run) -> None:
        if info["betweenness_estimated"]:
            run.warn(
                self.tr(
                    "Betweenness ESTIMATED from {k} sample cities of {n} (above the exact "
                    "limit); the other measures are exact."
                ).format(k=info["pivots"], n=info["nodes"])
            )
            if info.get("betweenness_error") is not None:
                run.info(
                    self.tr(
                        "Estimated betweenness: relative standard error about {:.1f}% "
                        "(from two halves of the sample cities)"
                    ).format(100 * info["betweenness_error"])
                )
        else:
            run.info(self.tr("All measures exact."))
        run.core_warnings(info["warnings"])

    def report_tiers(self, tiers, info, cities, run: Run) -> None:
        breaks = ", ".join(f"{b:.6g}" for b in info["breaks"]) or "-"
        run.info(
            self.tr(
                "Tiers by {method} on {measure}: {n} candidate cities; breaks {breaks}."
            ).format(
                method=words.word(words.TIER_METHOD_LABELS, info["method"]),
                measure=words.word(words.MEASURE_LABELS, info["measure"]),
                n=info["candidates"],
                breaks=breaks,
            )
        )
        # a Chinese log names the cities in Chinese (name_zh), as the report does
        for t, listed in cn_frame.tier_members(tiers, words.log_names(cities)).items():
            comma = "、" if words.chinese() else ", "
            shown = comma.join(listed[:40]) + (" ..." if len(listed) > 40 else "")
            run.info(f"  {t} {words.tier_label(t)}: {info['counts'][t]}  ({shown})")
        run.core_warnings(info["warnings"])

    def report_stability(self, stab, share, measure, run: Run) -> None:
        # what was compared with what: the same method on each other measure, city by city
        by = stab.attrs.get("share_changed_by_measure", {})
        run.info(
            self.tr(
                "Stability: the {n} classed cities were classed again by the same method on "
                "each other centrality measure instead of {measure}; {share:.1%} of them get "
                "another tier under at least one of those measures (the share that changes, "
                "measure by measure: {detail})."
            ).format(
                n=len(stab),
                measure=words.word(words.MEASURE_LABELS, measure),
                share=share,
                detail=", ".join(
                    f"{words.word(words.MEASURE_LABELS, m)} {v:.0%}" for m, v in by.items()
                )
                or "-",
            )
        )
        if stab.attrs.get("skipped"):
            run.info(self.tr("Not compared (no values): ") + ", ".join(stab.attrs["skipped"]))
