"""backflow:publicationmap — styled layers to a print layout, exported to PDF / SVG / PNG."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core.schema import FLOW_TYPES, LANGUAGE_AUTO, LANGUAGES, MEASURES
from ..styling import figures, region_map, source_flows
from ..styling import layout as layouts
from ..styling.disclosure_filter import layer_person_counts, threshold_warning
from ..styling.flowlines import CHINA_FLOW_TYPES, WORLD_FLOW_TYPES
from ..styling.projections import CHINA, PRESETS, WORLD
from ..styling.renderers import COLOUR_BY_PATTERN, COLOUR_BY_TYPE, default_language
from ..translation import translated
from .base import BackflowAlgorithm

PAGES = ("A4", "A3")
COLOUR_BY = (COLOUR_BY_TYPE, COLOUR_BY_PATTERN)


class PublicationMapAlgorithm(BackflowAlgorithm):
    CITIES = "CITIES"
    FLOWS = "FLOWS"
    ROUTES = "ROUTES"
    REGIONS = "REGIONS"
    EXTENT_PRESET = "EXTENT_PRESET"
    EXTENT = "EXTENT"
    PAGE = "PAGE"
    ORIENTATION = "ORIENTATION"
    TITLE = "TITLE"
    SHOW_TITLE = "SHOW_TITLE"
    SUBTITLE = "SUBTITLE"
    SOURCE = "SOURCE"
    LANGUAGE = "LANGUAGE"
    MIN_PERSONS = "MIN_PERSONS"
    MIN_COUNT = "MIN_COUNT"  # deprecated alias of MIN_PERSONS (read when it isn't given)
    COLOUR_BY = "COLOUR_BY"
    FLOW_TYPES = "FLOW_TYPES"
    INSET = "INSET"
    DPI = "DPI"
    SOURCE_TOP_N = "SOURCE_TOP_N"
    LAYOUT_NAME = "LAYOUT_NAME"
    BOUNDARY_VIEW = "BOUNDARY_VIEW"
    BOUNDARY_LAYER = "BOUNDARY_LAYER"
    REVIEW_NUMBER = "REVIEW_NUMBER"
    FIGURE = "FIGURE"
    MIN_LINKS = "MIN_LINKS"
    TIER_MEASURE = "TIER_MEASURE"
    STAGES = "STAGES"
    PERSONS = "PERSONS"
    FRAMES_BY_YEAR = "FRAMES_BY_YEAR"
    FRAMES = "FRAMES"
    OUTPUT = "OUTPUT"
    LAYOUT = "LAYOUT"

    def name(self) -> str:
        return "publicationmap"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Publication map")

    def flags(self):
        return (
            super().flags()
            | QgsProcessingAlgorithm.Flag.FlagNoThreading
            | QgsProcessingAlgorithm.Flag.FlagRequiresProject
        )

    def shortHelpString(self) -> str:  # noqa: N802
        return (
            self.tr(
                "Builds a print layout of cities and flows (and optionally person routes) and "
                "exports it: PDF (vector), SVG or PNG, by the output file's extension.\n\n"
                "The layout stays in the project (Project > Layouts) to edit: map, legend of "
                "exactly the layers and classes drawn, scale bar and north arrow (regional maps), "
                "title, subtitle, notes with the data source and credits, and for China an "
                "optional South China Sea inset.\n\n"
                "Extent presets: China (Albers equal-area conic, 105°E, 25°N/47°N; domestic and "
                "onward flows, and the returns from abroad entering at the map's edge), world (Equal Earth centred on "
                "150°E; outbound and backflow flows drawn as arcs), the layers' extent or your own "
                "extent (an Albers projection fitted to it).\n\n"
                "Flows and cities of fewer than MIN_PERSONS persons are left out, and the map "
                "says how many: small counts can identify people."
            )
            + "\n\n"
            + self.tr(
                "China maps set China apart with its provinces. BOUNDARY_VIEW: China's view "
                "(claimed borders, Taiwan, the South China Sea line; the default in every "
                "language), de facto (QGIS's world map) or a boundary layer of your own, e.g. "
                "a standard map (标准地图), whose review number (审图号) the notes print: the "
                "path for journals in China. SHOW_TITLE off leaves the title to the journal's "
                "caption. FIGURE draws the "
                "paper's Figure 2 (cities linked to more than MIN_LINKS others) or Figure 3 (the "
                "numbered tracks of PERSONS, from STAGES). FRAMES_BY_YEAR also exports one map "
                "per year. See docs/maps.md."
            )
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.CITIES,
                self.tr("Cities (with tiers from City network, or from Import trajectories)"),
                [QgsProcessing.SourceType.TypeVectorPoint],
            )
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.FLOWS, self.tr("Flows"), [QgsProcessing.SourceType.TypeVectorLine]
            )
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.ROUTES,
                self.tr("Person routes (optional, drawn translucent)"),
                [QgsProcessing.SourceType.TypeVectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.REGIONS,
                self.tr("Regions (optional: the REGIONS output of Regional flows, a choropleth)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.EXTENT_PRESET,
                self.tr("Map extent"),
                [
                    self.tr("China"),
                    self.tr("World"),
                    self.tr("The layers' extent"),
                    self.tr("Extent below"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterExtent(
                self.EXTENT, self.tr("Extent (with 'Extent below')"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(self.PAGE, self.tr("Page size"), list(PAGES), defaultValue=0)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.ORIENTATION,
                self.tr("Orientation"),
                [self.tr("Landscape"), self.tr("Portrait")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.TITLE,
                self.tr("Title"),
                defaultValue=self.tr("Return migration of highly skilled people"),
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.SUBTITLE, self.tr("Subtitle"), optional=True)
        )
        p = QgsProcessingParameterBoolean(
            self.SHOW_TITLE, self.tr("Print the title and subtitle"), defaultValue=True
        )
        p.setHelp(self.tr("Off for a journal figure: the journal's caption takes the title."))
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterString(
                self.SOURCE, self.tr("Data source (printed in the notes)"), optional=True
            )
        )
        p = QgsProcessingParameterEnum(
            self.LANGUAGE,
            self.tr("City names"),
            [self.tr("The language of QGIS"), self.tr("English"), self.tr("Chinese")],
            defaultValue=0,
        )
        p.setHelp(
            self.tr(
                "As LANGUAGE in every Backflow algorithm: 0 the language of QGIS, "
                "1 English, 2 Chinese."
            )
        )
        self.addParameter(p)
        p = QgsProcessingParameterNumber(
            self.MIN_PERSONS,
            self.tr("Leave out flows and cities of fewer persons than"),
            QgsProcessingParameterNumber.Type.Integer,
            defaultValue=5,
            minValue=1,
        )
        p.setHelp(self.tr("Small counts can identify people; the map notes the threshold."))
        self.addParameter(p)
        old = QgsProcessingParameterNumber(
            self.MIN_COUNT,
            self.tr("Leave out flows of fewer persons than (deprecated: MIN_PERSONS)"),
            QgsProcessingParameterNumber.Type.Integer,
            optional=True,
            minValue=1,
        )
        old.setFlags(old.flags() | QgsProcessingParameterDefinition.Flag.FlagHidden)
        self.addParameter(old)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.COLOUR_BY,
                self.tr("Colour flows by"),
                [self.tr("Flow type"), self.tr("Route pattern (circle / linear)")],
                defaultValue=0,
            )
        )
        p = QgsProcessingParameterEnum(
            self.FLOW_TYPES,
            self.tr("Flow types to draw (empty: the preset's choice)"),
            list(FLOW_TYPES),
            allowMultiple=True,
            optional=True,
        )
        p.setHelp(
            self.tr("China: {}; world: {}; other extents: all.").format(
                ", ".join(CHINA_FLOW_TYPES), ", ".join(WORLD_FLOW_TYPES)
            )
        )
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(p)
        p = QgsProcessingParameterNumber(
            self.SOURCE_TOP_N,
            self.tr("Top source cities preset: backflow from the N largest sources (0: off)"),
            QgsProcessingParameterNumber.Type.Integer,
            defaultValue=0,
            minValue=0,
        )
        p.setHelp(
            self.tr(
                "Draws only the backflow flows from the N overseas cities that sent most "
                "returnees, each labelled with its share of all returns, on a world map (with "
                "the China preset). Sources with fewer persons than MIN_PERSONS are left out."
            )
        )
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.INSET, self.tr("South China Sea inset (China maps)"), defaultValue=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DPI,
                self.tr("Resolution (dpi)"),
                QgsProcessingParameterNumber.Type.Integer,
                defaultValue=300,
                minValue=50,
                maxValue=1200,
            )
        )
        p = QgsProcessingParameterEnum(
            self.BOUNDARY_VIEW,
            self.tr("Boundaries (China maps)"),
            [
                self.tr("Default: China's view (or the user layer when one is given)"),
                self.tr("China's view (claimed borders, South China Sea line, Taiwan)"),
                self.tr("De facto (QGIS's world map as it is)"),
                self.tr("User layer (below)"),
            ],
            defaultValue=0,
        )
        p.setHelp(self.tr("The map's notes say which view was used."))
        self.addParameter(p)
        p = QgsProcessingParameterVectorLayer(
            self.BOUNDARY_LAYER,
            self.tr("Boundary layer (with 'User layer': China's provinces, e.g. a standard map)"),
            [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True,
        )
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(p)
        p = QgsProcessingParameterString(
            self.REVIEW_NUMBER,
            self.tr("Map review number of the boundary layer (printed in the notes)"),
            optional=True,
        )
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.FIGURE,
                self.tr("Figure"),
                [
                    self.tr("Flow map"),
                    self.tr("Paper's Figure 2: cities linked to more than MIN_LINKS others"),
                    self.tr("Paper's Figure 3: the tracks of PERSONS"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_LINKS,
                self.tr("Figure 2: cities linked to more than this many other cities"),
                QgsProcessingParameterNumber.Type.Integer,
                defaultValue=5,
                minValue=0,
            )
        )
        p = QgsProcessingParameterString(
            self.TIER_MEASURE,
            self.tr(
                "Figure 2: the measure the tiers were cut on (City network's MEASURE output; "
                "empty: degree)"
            ),
            optional=True,
        )
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.STAGES,
                self.tr("Stages (Figure 3: the STAGES output of Import trajectories)"),
                [QgsProcessing.SourceType.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.PERSONS,
                self.tr("Figure 3: person ids, comma-separated"),
                optional=True,
            )
        )
        p = QgsProcessingParameterBoolean(
            self.FRAMES_BY_YEAR,
            self.tr("Also export one frame per return year (file_YYYY.ext)"),
            defaultValue=False,
        )
        p.setHelp(
            self.tr(
                "For slides and animations: each frame shows the flows that began by that "
                "year (the flows' first_year)."
            )
        )
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(p)
        p = QgsProcessingParameterString(
            self.LAYOUT_NAME, self.tr("Layout name"), defaultValue="Backflow map"
        )
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT,
                self.tr("Map file"),
                self.tr("PDF (*.pdf);;SVG (*.svg);;PNG (*.png)"),
                defaultValue=None,
            )
        )
        self.addOutput(QgsProcessingOutputString(self.LAYOUT, self.tr("Layout name")))
        self.addOutput(
            QgsProcessingOutputNumber(self.FRAMES, self.tr("Frames exported (one per year)"))
        )

    def min_persons(self, parameters, context) -> int:
        """MIN_PERSONS, or the deprecated MIN_COUNT when only that is given."""
        if self._old_min_count(parameters):
            return self.parameterAsInt(parameters, self.MIN_COUNT, context)
        return self.parameterAsInt(parameters, self.MIN_PERSONS, context)

    def _old_min_count(self, parameters) -> bool:
        return (
            parameters.get(self.MIN_PERSONS) is None and parameters.get(self.MIN_COUNT) is not None
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        if self._old_min_count(parameters):
            feedback.pushWarning(self.tr("MIN_COUNT is deprecated: use MIN_PERSONS."))
        cities, flows = self._inputs(parameters, context)
        preset = PRESETS[self.parameterAsEnum(parameters, self.EXTENT_PRESET, context)]
        types = self._flow_types(parameters, context)
        sources = None
        if self.parameterAsInt(parameters, self.SOURCE_TOP_N, context) > 0:
            flows, sources, parameters = self._top_sources(
                parameters, context, feedback, cities, flows
            )
            types = ["backflow"]
            preset = WORLD if preset == CHINA else preset
        output = self._output_path(parameters, context, feedback)
        spec = self._spec(parameters, context, cities, flows, preset, types)
        project = context.project()
        if project is None:
            raise QgsProcessingException(self.tr("The publication map needs a project."))
        feedback.pushInfo(
            self.tr("Building the layout '{}' ({}, {} {})").format(
                spec.layout_name, preset, spec.page, "landscape" if spec.landscape else "portrait"
            )
        )
        try:
            layout = layouts.build_layout(project, spec, feedback)  # in the map's language
        except figures.FigureError as err:
            raise QgsProcessingException(str(err)) from None
        regions = self.parameterAsVectorLayer(parameters, self.REGIONS, context)
        if regions is not None:
            if regions.fields().indexOf("net_flow") < 0:
                raise QgsProcessingException(
                    self.tr(
                        "The regions layer '{}' has no 'net_flow' field; use the REGIONS output "
                        "of Regional flows."
                    ).format(regions.name())
                )
            region_map.add_regions(project, layout, spec, regions)
        if sources:
            with translated("zh_CN" if spec.language == "zh" else "en_US"):
                points = source_flows.source_points(sources, flows.crs(), spec.language)
            source_flows.add_to_layout(layout, project, points, spec.layout_name)
            spec.layers.insert(0, points)
        flows_drawn = layouts.drawn_flows(spec)  # found by its role, not by its name
        if flows_drawn is not None:
            feedback.pushInfo(
                self.tr("{} flows drawn (of {}), at least {} persons each").format(
                    flows_drawn.featureCount(), flows.featureCount(), spec.min_count
                )
            )
        warning = self._threshold_warning(spec)
        if warning:
            feedback.pushWarning(warning)
        if feedback.isCanceled():
            return {}
        frames = self._export(parameters, context, feedback, layout, spec, output)
        return {self.OUTPUT: output, self.LAYOUT: spec.layout_name, self.FRAMES: len(frames)}

    @staticmethod
    def _threshold_warning(spec) -> str | None:
        """When MIN_PERSONS hides most of the drawn flows (the layout's notes say it too)."""
        if spec.threshold is None or spec.figure == figures.FIGURE_3:
            return None
        cities = spec.cities
        persons = layer_person_counts(cities, "persons") if cities is not None else None
        return threshold_warning(spec.threshold, persons or None)

    def _inputs(self, parameters, context):
        """CITIES and FLOWS, checked for the fields the chosen map needs."""
        cities = self.parameterAsVectorLayer(parameters, self.CITIES, context)
        flows = self.parameterAsVectorLayer(parameters, self.FLOWS, context)
        if cities is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.CITIES))
        if flows is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.FLOWS))
        if flows.fields().indexOf("count") < 0:
            raise QgsProcessingException(
                self.tr(
                    "The flows layer '{}' has no 'count' field; use the FLOWS output of Import "
                    "trajectories or Route patterns."
                ).format(flows.name())
            )
        colour_by = COLOUR_BY[self.parameterAsEnum(parameters, self.COLOUR_BY, context)]
        if colour_by == COLOUR_BY_PATTERN and not any(
            flows.fields().indexOf(f) >= 0 for f in ("pattern", "circle")
        ):
            raise QgsProcessingException(
                self.tr(
                    "Colouring by route pattern needs the FLOWS output of Route patterns (fields "
                    "'pattern' or 'circle' / 'linear'); '{}' has neither."
                ).format(flows.name())
            )
        return cities, flows

    def language(self, parameters, context) -> str:
        """'en' or 'zh': as chosen, or the language QGIS runs in (schema.LANGUAGES)."""
        choice = LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        return default_language() if choice == LANGUAGE_AUTO else choice

    def _flow_types(self, parameters, context) -> list[str]:
        """The chosen flow types by index into FLOW_TYPES; [] for the preset's choice."""
        if parameters.get(self.FLOW_TYPES) in (None, "", []):  # (parameterAsEnums gives [0])
            return []
        return [FLOW_TYPES[i] for i in self.parameterAsEnums(parameters, self.FLOW_TYPES, context)]

    def _top_sources(self, parameters, context, feedback, cities, flows):
        """The top-source preset (styling/source_flows.py): (flows, sources, parameters)."""
        top_n = self.parameterAsInt(parameters, self.SOURCE_TOP_N, context)
        min_count = self.min_persons(parameters, context)
        language = self.language(parameters, context)
        sources, everyone = source_flows.top_sources(flows, cities, top_n, min_count, language)
        if not sources:
            raise QgsProcessingException(
                self.tr(
                    "No overseas source city has {} or more persons on backflow flows in "
                    "'{}': nothing to draw."
                ).format(min_count, flows.name())
            )
        flows = source_flows.source_flows(flows, sources)
        if not parameters.get(self.SUBTITLE):
            with translated("zh_CN" if language == "zh" else "en_US"):
                text = source_flows.subtitle(sources, everyone)
            parameters = {**parameters, self.SUBTITLE: text}
        for rank, s in enumerate(sources, start=1):
            feedback.pushInfo(f"{rank}. {s.label}: {s.persons} ({100 * s.share:.1f} %)")
        return flows, sources, parameters

    def _output_path(self, parameters, context, feedback) -> str:
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        suffix = Path(output).suffix.lower()
        if suffix and suffix not in (".pdf", ".svg", ".png", ".jpg"):
            raise QgsProcessingException(
                self.tr(
                    "The map file {} has the suffix {}; accepted: .pdf, .svg, .png, .jpg"
                ).format(output, suffix)
            )
        if not suffix:  # never renamed silently: the user is told the name used
            output += ".pdf"
            feedback.pushWarning(
                self.tr("The map file has no suffix: written as {}").format(output)
            )
        return output

    def _spec(self, parameters, context, cities, flows, preset, types) -> layouts.MapSpec:
        """The map as the parameters describe it (checked for what each choice needs)."""
        extent = self.parameterAsExtent(parameters, self.EXTENT, context)
        if preset == "user" and extent.isEmpty():
            raise QgsProcessingException(self.tr("'Extent below' needs an extent in EXTENT."))
        title = self.parameterAsString(parameters, self.TITLE, context)
        if title == self.parameterDefinition(self.TITLE).defaultValue():
            title = ""  # the default title, in the map's language (layout.py)
        spec = layouts.MapSpec(
            cities=cities,
            flows=flows,
            routes=self.parameterAsVectorLayer(parameters, self.ROUTES, context),
            preset=preset,
            extent=extent,
            extent_crs=self.parameterAsExtentCrs(parameters, self.EXTENT, context),
            page=PAGES[self.parameterAsEnum(parameters, self.PAGE, context)],
            landscape=self.parameterAsEnum(parameters, self.ORIENTATION, context) == 0,
            title=title,
            subtitle=self.parameterAsString(parameters, self.SUBTITLE, context),
            show_title=self.parameterAsBool(parameters, self.SHOW_TITLE, context),
            source=self.parameterAsString(parameters, self.SOURCE, context),
            language=self.language(parameters, context),
            min_count=self.min_persons(parameters, context),
            colour_by=COLOUR_BY[self.parameterAsEnum(parameters, self.COLOUR_BY, context)],
            flow_types=types or None,
            inset=self.parameterAsBool(parameters, self.INSET, context),
            layout_name=self.parameterAsString(parameters, self.LAYOUT_NAME, context)
            or "Backflow map",
        )
        view = self.parameterAsEnum(parameters, self.BOUNDARY_VIEW, context)
        spec.boundary_view = (None, "china", "de_facto", "user")[view]
        spec.boundary_layer = self.parameterAsVectorLayer(parameters, self.BOUNDARY_LAYER, context)
        spec.review_number = self.parameterAsString(parameters, self.REVIEW_NUMBER, context)
        if spec.boundary_view == "user" and spec.boundary_layer is None:
            raise QgsProcessingException(
                self.tr("BOUNDARY_VIEW 'User layer' needs a polygon layer in BOUNDARY_LAYER.")
            )
        spec.figure = figures.FIGURES[self.parameterAsEnum(parameters, self.FIGURE, context)]
        spec.min_links = self.parameterAsInt(parameters, self.MIN_LINKS, context)
        spec.tier_measure = self.parameterAsString(parameters, self.TIER_MEASURE, context).strip()
        if spec.tier_measure and spec.tier_measure not in MEASURES:
            raise QgsProcessingException(
                self.tr("TIER_MEASURE '{}' is not a measure; use one of: {}").format(
                    spec.tier_measure, ", ".join(MEASURES)
                )
            )
        spec.stages = self.parameterAsVectorLayer(parameters, self.STAGES, context)
        spec.persons = figures.parse_persons(
            self.parameterAsString(parameters, self.PERSONS, context)
        )
        if spec.figure == figures.FIGURE_3 and (spec.stages is None or not spec.persons):
            raise QgsProcessingException(
                self.tr(
                    "Figure 3 needs STAGES (the STAGES output of Import trajectories) and "
                    "PERSONS (person ids, comma-separated)."
                )
            )
        if spec.figure == figures.FIGURE_3:
            spec.patterns = self._track_patterns(parameters, context, spec)
        return spec

    def _track_patterns(self, parameters, context, spec) -> dict[str, str]:
        """Figure 3's route patterns: ROUTES' `pattern` where it has one for a person,
        else classified from STAGES by Route patterns' own rules (ROUTES from the import,
        or none: every track would otherwise read 'no return')."""
        given = layouts.route_patterns(spec.routes)
        if all(p in given for p in spec.persons):
            return given
        from ..core.errors import BackflowInputError
        from ..core.patterns.tables import person_patterns
        from . import adapters

        source = self.parameterAsSource(parameters, self.STAGES, context)
        try:
            found = person_patterns(adapters.points_to_wgs84_frame(source, context), spec.persons)
        except BackflowInputError as err:
            raise adapters.input_error(err) from None
        return {**found, **given}

    def _export(self, parameters, context, feedback, layout, spec, output) -> list:
        """The map file, and one frame per year when asked; the frames written."""
        dpi = self.parameterAsInt(parameters, self.DPI, context)
        try:
            layouts.export(layout, output, dpi)
        except OSError as err:
            raise QgsProcessingException(str(err)) from None
        feedback.pushInfo(self.tr("Exported {}").format(output))
        if not self.parameterAsBool(parameters, self.FRAMES_BY_YEAR, context):
            return []
        try:
            frames = layouts.export_frames(layout, spec, output, dpi, feedback)
        except OSError as err:
            raise QgsProcessingException(str(err)) from None
        feedback.pushInfo(self.tr("{} frames exported, one per year").format(len(frames)))
        return frames
