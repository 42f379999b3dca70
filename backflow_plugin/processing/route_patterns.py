"""backflow:routepatterns — circle / linear return routes per person, per flow, per group."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
)

from ..core.patterns import routes as patterns
from ..core.patterns import tables as pattern_tables
from ..core.trajectories.flow_lines import GEOMETRY_KINDS
from . import adapters
from . import log_words as words
from .base import BackflowAlgorithm, Run, Sink, SourceType, advanced, helped, joined, numbers


class RoutePatternsAlgorithm(BackflowAlgorithm):
    INPUT = "INPUT"
    LEVEL = "LEVEL"
    WHICH = "WHICH"
    GROUP_FIELD = "GROUP_FIELD"
    SPLIT_BY_PATTERN = "SPLIT_BY_PATTERN"
    GEOMETRY = "GEOMETRY"
    ROUTES = "ROUTES"
    FLOWS = "FLOWS"
    SHARES = "SHARES"

    def name(self) -> str:
        return "routepatterns"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Route patterns (circle / linear)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Classes each person's return as a circle route (back to a domestic city known "
            "before leaving: birthplace, a city of study or of earlier work) or a linear route "
            "(a new city), after Jiang (2021).\n\n"
            "Input: the STAGES layer of 'Import trajectories'. The return is the first "
            "domestic stage after a stage abroad, or the stage labelled 'return' when there is "
            "one. Known cities are the domestic stages before the stay abroad that ends in the "
            "return. Unlabelled stages count by position: a person's first row is the "
            "birthplace when no row has a label; other unlabelled rows are study before any "
            "stay abroad and work after one.\n\n"
            "circle_basis lists every basis that applies (birthplace, study, work); "
            "circle_basis_primary picks one by the priority birthplace > study > work (home "
            "ties first, as the paper explains circle routes by social proximity). People who "
            "never went abroad or never returned keep a row, with an empty pattern and a "
            "reason.\n\n"
            "Outputs: ROUTES (one line per person through all stages, with the pattern), "
            "FLOWS (the backflow flows abroad -> home with circle and linear counts and "
            "pattern_share = circle / (circle + linear); optionally one feature per pattern) "
            "and SHARES (a table of circle / linear counts and shares overall, by return year "
            "and by the chosen person attribute)."
        )

    def declare_parameters(self) -> list:
        return [
            self.stages_input(self.INPUT),
            helped(
                self.match_level(self.LEVEL),
                self.tr(
                    "Province: a return counts as circle when it is in the province of a known "
                    "city. Places without a province are matched by city."
                ),
            ),
            helped(
                QgsProcessingParameterEnum(
                    self.WHICH,
                    self.tr("Return to classify (people abroad several times)"),
                    [self.tr("First return"), self.tr("Last return")],
                    defaultValue=0,
                ),
                self.tr(
                    "Last return: the return after the last stay abroad; the cities of an "
                    "earlier return then count as known."
                ),
            ),
            QgsProcessingParameterField(
                self.GROUP_FIELD,
                self.tr("Person attribute to compare shares by (e.g. subject, unit type)"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            ),
            QgsProcessingParameterBoolean(
                self.SPLIT_BY_PATTERN,
                self.tr("One flow feature per pattern (circle and linear apart)"),
                defaultValue=False,
            ),
            advanced(self.line_geometry(self.GEOMETRY)),
        ]

    def declare_sinks(self) -> list[Sink]:
        return [
            Sink(self.ROUTES, self.tr("Routes by pattern"), SourceType.TypeVectorLine,
                 style="routes"),
            Sink(self.FLOWS, self.tr("Backflow flows by pattern"), SourceType.TypeVectorLine,
                 optional=True, style="flows"),
            Sink(self.SHARES, self.tr("Pattern shares"), optional=True),
        ]  # fmt: skip

    def declare_outputs(self) -> list:
        return numbers(
            ("CIRCLE", self.tr("Circle routes")),
            ("LINEAR", self.tr("Linear routes")),
            ("NO_PATTERN", self.tr("Persons without a pattern")),
            ("CIRCLE_SHARE", self.tr("Circle share (circle / (circle + linear))")),
        )

    def process(self, run: Run) -> dict:
        run.start(4)
        run.step(0, self.tr("Reading stages"))
        stages = pattern_tables.with_seq(run.stages(self.INPUT))
        return self.run_frames(run, stages)[0]

    def run_frames(self, run: Run, stages) -> tuple[dict, object]:
        """Classify the stages (with lon/lat and seq) and write; the outputs and the
        routes frame."""
        level = run.choice(self.LEVEL, patterns.LEVELS)
        which = run.choice(self.WHICH, patterns.WHICH)
        group = run.text(self.GROUP_FIELD) or None
        kind = run.choice(self.GEOMETRY, GEOMETRY_KINDS)
        run.start(4)
        run.step(1, self.tr("Classifying routes"))
        routes = patterns.classify_routes(stages, level=level, which=which)
        flows = patterns.flow_patterns(
            stages, routes, split_by_pattern=run.flag(self.SPLIT_BY_PATTERN)
        )
        shares = pattern_tables.shares_table(routes, group)

        run.step(2, self.tr("Writing routes"))
        outputs = {}
        places = pattern_tables.stage_places(stages)
        if places.left_out:
            run.warn(
                self.tr("{} stages have no point geometry and are left out of the lines").format(
                    places.left_out
                )
            )
        if run.wants(self.ROUTES):
            person_lines = pattern_tables.person_lines(
                places.placed, places.cities, kind,
                on_budget=lambda legs, cap: adapters.report_vertex_budget(
                    run.steps, self.ROUTES, legs, cap, kind
                ),
            )  # fmt: skip
            ids = routes["person_id"].tolist()
            outputs[self.ROUTES] = run.write(
                self.ROUTES, routes, parts=lambda i: person_lines.get(ids[i])
            )

        run.step(3, self.tr("Writing flows and shares"))
        if run.wants(self.FLOWS):
            lines = pattern_tables.flow_lines(flows, places.cities, kind)
            keys = list(zip(flows["origin_id"], flows["dest_id"]))
            outputs[self.FLOWS] = run.write(
                self.FLOWS, flows, parts=lambda i: lines.get(keys[i]), colour_by="pattern",
                overrides={"count": "int", "pattern_share": "float", "share": "float"},
            )  # fmt: skip
        outputs[self.SHARES] = run.write(
            self.SHARES, shares,
            overrides={"group": "str", "circle_share": "float", "linear_share": "float"},
        )  # fmt: skip
        outputs = {k: v for k, v in outputs.items() if v is not None}
        outputs.update(self.report(pattern_tables.pattern_counts(routes), level, which, run))
        return outputs, routes

    def report(self, c: pattern_tables.PatternCounts, level: str, which: str, run: Run) -> dict:
        run.info(
            self.tr(
                "{persons} persons ({level} level, {which} return): {circle} circle, {linear} "
                "linear, {none} without a pattern. Circle share: {share}."
            ).format(
                persons=c.persons, level=words.word(words.LEVEL_LABELS, level),
                which=words.word(words.WHICH_LABELS, which), circle=c.circle, linear=c.linear,
                none=c.none, share=f"{100 * c.share:.1f}%" if c.share is not None else "-",
            )
        )  # fmt: skip
        if c.reasons:
            run.info(
                self.tr("Reasons: ")
                + joined((words.word(words.REASON_LABELS, r), n) for r, n in c.reasons)
            )
        if c.bases:
            run.info(
                self.tr("Circle routes by primary basis: ")
                + joined((words.word(words.BASIS_LABELS, b), n) for b, n in c.bases)
            )
        return {"CIRCLE": c.circle, "LINEAR": c.linear, "NO_PATTERN": c.none,
                "CIRCLE_SHARE": c.share}  # fmt: skip
