"""backflow:routepatterns — circle / linear return routes per person, per flow, per group."""

from __future__ import annotations

import logging

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsWkbTypes,
)

from ..core.errors import BackflowInputError
from ..core.patterns import routes as patterns
from ..core.patterns import tables as pattern_tables
from ..core.trajectories.flow_lines import GEOMETRY_KINDS
from ..styling.postprocess import attach_style
from . import adapters
from . import log_words as words
from .base import BackflowAlgorithm
from .feedback import multi_step

log = logging.getLogger("backflow")


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

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT,
                self.tr("Stages (the STAGES output of Import trajectories)"),
                [QgsProcessing.SourceType.TypeVectorPoint],
            )
        )
        p = QgsProcessingParameterEnum(
            self.LEVEL,
            self.tr("Match the return with known places by"),
            [self.tr("City (as the paper)"), self.tr("Province (came back near home)")],
            defaultValue=0,
        )
        p.setHelp(
            self.tr(
                "Province: a return counts as circle when it is in the province of a known "
                "city. Places without a province are matched by city."
            )
        )
        self.addParameter(p)
        p = QgsProcessingParameterEnum(
            self.WHICH,
            self.tr("Return to classify (people abroad several times)"),
            [self.tr("First return"), self.tr("Last return")],
            defaultValue=0,
        )
        p.setHelp(
            self.tr(
                "Last return: the return after the last stay abroad; the cities of an "
                "earlier return then count as known."
            )
        )
        self.addParameter(p)
        p = QgsProcessingParameterField(
            self.GROUP_FIELD,
            self.tr("Person attribute to compare shares by (e.g. subject, unit type)"),
            parentLayerParameterName=self.INPUT,
            optional=True,
        )
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.SPLIT_BY_PATTERN,
                self.tr("One flow feature per pattern (circle and linear apart)"),
                defaultValue=False,
            )
        )
        p = QgsProcessingParameterEnum(
            self.GEOMETRY,
            self.tr("Line geometry"),
            [self.tr("Straight"), self.tr("Geodesic (great circle)"), self.tr("Curved arc")],
            defaultValue=1,
        )
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.ROUTES, self.tr("Routes by pattern"), QgsProcessing.SourceType.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.FLOWS,
                self.tr("Backflow flows by pattern"),
                QgsProcessing.SourceType.TypeVectorLine,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SHARES,
                self.tr("Pattern shares"),
                QgsProcessing.SourceType.TypeVector,
                optional=True,
            )
        )
        for key, label in (
            ("CIRCLE", self.tr("Circle routes")),
            ("LINEAR", self.tr("Linear routes")),
            ("NO_PATTERN", self.tr("Persons without a pattern")),
            ("CIRCLE_SHARE", self.tr("Circle share (circle / (circle + linear))")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    # ------------------------------------------------------------------ reading

    def read_stages(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        stages = adapters.points_to_wgs84_frame(source, context, feedback)
        if not len(stages):
            raise QgsProcessingException(
                self.tr("The stages layer '{}' has no features").format(source.sourceName())
            )
        return pattern_tables.with_seq(stages)

    # ------------------------------------------------------------------ run

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        steps = multi_step(4, feedback)
        steps.setProgressText(self.tr("Reading stages"))
        stages = self.read_stages(parameters, context, steps)
        if steps.isCanceled():
            return {}
        return self.run_frames(stages, parameters, context, feedback, steps)[0]

    def run_frames(self, stages, parameters, context, feedback, steps=None) -> tuple[dict, object]:
        """Classify the stages (with lon/lat) and write; the outputs and the routes frame."""
        steps = steps or multi_step(4, feedback)
        level = patterns.LEVELS[self.parameterAsEnum(parameters, self.LEVEL, context)]
        which = patterns.WHICH[self.parameterAsEnum(parameters, self.WHICH, context)]
        group = self.parameterAsString(parameters, self.GROUP_FIELD, context).strip() or None
        split = self.parameterAsBoolean(parameters, self.SPLIT_BY_PATTERN, context)
        kind = GEOMETRY_KINDS[self.parameterAsEnum(parameters, self.GEOMETRY, context)]
        steps.setCurrentStep(1)
        steps.setProgressText(self.tr("Classifying routes"))
        try:
            routes = patterns.classify_routes(stages, level=level, which=which)
            flows = patterns.flow_patterns(stages, routes, split_by_pattern=split)
            shares = pattern_tables.shares_table(routes, group)
        except BackflowInputError as err:
            raise adapters.input_error(err) from None
        if steps.isCanceled():
            return {}, None

        steps.setCurrentStep(2)
        steps.setProgressText(self.tr("Writing routes"))
        outputs = {}
        places = pattern_tables.stage_places(stages)
        if places.left_out:
            feedback.pushWarning(
                self.tr("{} stages have no point geometry and are left out of the lines").format(
                    places.left_out
                )
            )
        if parameters.get(self.ROUTES) is not None:
            person_lines = pattern_tables.person_lines(
                places.placed,
                places.cities,
                kind,
                on_budget=lambda legs, cap: adapters.report_vertex_budget(
                    steps, self.ROUTES, legs, cap, kind
                ),
            )
            ids = routes["person_id"].tolist()
            outputs[self.ROUTES] = adapters.write_frame(
                self, parameters, context, self.ROUTES, routes, QgsWkbTypes.Type.MultiLineString,
                feedback=steps, parts=lambda i: person_lines.get(ids[i]),
            )  # fmt: skip
            attach_style(context, outputs[self.ROUTES], "routes")
        if steps.isCanceled():
            return {}, None

        steps.setCurrentStep(3)
        steps.setProgressText(self.tr("Writing flows and shares"))
        if parameters.get(self.FLOWS) is not None:
            lines = pattern_tables.flow_lines(flows, places.cities, kind)
            keys = list(zip(flows["origin_id"], flows["dest_id"]))
            outputs[self.FLOWS] = adapters.write_frame(
                self, parameters, context, self.FLOWS, flows, QgsWkbTypes.Type.MultiLineString,
                feedback=steps, parts=lambda i: lines.get(keys[i]),
                field_overrides={"count": "int", "pattern_share": "float", "share": "float"},
            )  # fmt: skip
            attach_style(context, outputs[self.FLOWS], "flows", colour_by="pattern")
        outputs[self.SHARES] = adapters.write_frame(
            self, parameters, context, self.SHARES, shares, feedback=steps,
            field_overrides={"group": "str", "circle_share": "float", "linear_share": "float"},
        )  # fmt: skip
        outputs = {k: v for k, v in outputs.items() if v is not None}
        outputs.update(self.report(pattern_tables.pattern_counts(routes), level, which, feedback))
        return outputs, routes

    def report(self, c: pattern_tables.PatternCounts, level: str, which: str, feedback) -> dict:
        feedback.pushInfo(
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
            feedback.pushInfo(
                self.tr("Reasons: ")
                + "; ".join(f"{words.word(words.REASON_LABELS, r)}: {n}" for r, n in c.reasons)
            )
        if c.bases:
            feedback.pushInfo(
                self.tr("Circle routes by primary basis: ")
                + "; ".join(f"{words.word(words.BASIS_LABELS, b)}: {n}" for b, n in c.bases)
            )
        return {"CIRCLE": c.circle, "LINEAR": c.linear, "NO_PATTERN": c.none,
                "CIRCLE_SHARE": c.share}  # fmt: skip
