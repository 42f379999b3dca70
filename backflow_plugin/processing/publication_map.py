"""backflow:publicationmap — styled layers to a print layout, exported to PDF / SVG / PNG."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core.schema import FLOW_TYPES
from ..styling import figures, region_map, source_flows
from ..styling import layout as layouts
from ..styling.flowlines import CHINA_FLOW_TYPES, WORLD_FLOW_TYPES
from ..styling.projections import CHINA, PRESETS, WORLD
from ..translation import translated
from .base import BackflowAlgorithm, Output, Run, SourceType, advanced, helped, hidden
from .map_spec import (
    PAGES,
    drawn_warning,
    flow_types,
    language,
    map_layers,
    map_spec,
    min_persons,
    old_min_count,
)


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

    def declare_parameters(self) -> list:
        return [
            QgsProcessingParameterVectorLayer(
                self.CITIES,
                self.tr("Cities (with tiers from City network, or from Import trajectories)"),
                [SourceType.TypeVectorPoint],
            ),
            QgsProcessingParameterVectorLayer(
                self.FLOWS, self.tr("Flows"), [SourceType.TypeVectorLine]
            ),
            QgsProcessingParameterVectorLayer(
                self.ROUTES,
                self.tr("Person routes (optional, drawn translucent)"),
                [SourceType.TypeVectorLine],
                optional=True,
            ),
            QgsProcessingParameterVectorLayer(
                self.REGIONS,
                self.tr("Regions (optional: the REGIONS output of Regional flows, a choropleth)"),
                [SourceType.TypeVectorPolygon],
                optional=True,
            ),
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
            ),
            QgsProcessingParameterExtent(
                self.EXTENT, self.tr("Extent (with 'Extent below')"), optional=True
            ),
            QgsProcessingParameterEnum(
                self.PAGE, self.tr("Page size"), list(PAGES), defaultValue=0
            ),
            QgsProcessingParameterEnum(
                self.ORIENTATION,
                self.tr("Orientation"),
                [self.tr("Landscape"), self.tr("Portrait")],
                defaultValue=0,
            ),
            QgsProcessingParameterString(
                self.TITLE,
                self.tr("Title"),
                defaultValue=self.tr("Return migration of highly skilled people"),
            ),
            QgsProcessingParameterString(self.SUBTITLE, self.tr("Subtitle"), optional=True),
            helped(
                QgsProcessingParameterBoolean(
                    self.SHOW_TITLE, self.tr("Print the title and subtitle"), defaultValue=True
                ),
                self.tr("Off for a journal figure: the journal's caption takes the title."),
            ),
            QgsProcessingParameterString(
                self.SOURCE, self.tr("Data source (printed in the notes)"), optional=True
            ),
            helped(
                QgsProcessingParameterEnum(
                    self.LANGUAGE,
                    self.tr("City names"),
                    [self.tr("The language of QGIS"), self.tr("English"), self.tr("Chinese")],
                    defaultValue=0,
                ),
                self.tr(
                    "As LANGUAGE in every Backflow algorithm: 0 the language of QGIS, "
                    "1 English, 2 Chinese."
                ),
            ),
            helped(
                self.min_persons(
                    self.MIN_PERSONS, self.tr("Leave out flows and cities of fewer persons than")
                ),
                self.tr("Small counts can identify people; the map notes the threshold."),
            ),
            hidden(
                self._integer(
                    self.MIN_COUNT,
                    self.tr("Leave out flows of fewer persons than (deprecated: MIN_PERSONS)"),
                    optional=True,
                    minValue=1,
                )
            ),
            QgsProcessingParameterEnum(
                self.COLOUR_BY,
                self.tr("Colour flows by"),
                [self.tr("Flow type"), self.tr("Route pattern (circle / linear)")],
                defaultValue=0,
            ),
            advanced(
                helped(
                    QgsProcessingParameterEnum(
                        self.FLOW_TYPES,
                        self.tr("Flow types to draw (empty: the preset's choice)"),
                        list(FLOW_TYPES),
                        allowMultiple=True,
                        optional=True,
                    ),
                    self.tr("China: {}; world: {}; other extents: all.").format(
                        ", ".join(CHINA_FLOW_TYPES), ", ".join(WORLD_FLOW_TYPES)
                    ),
                )
            ),
            helped(
                self._integer(
                    self.SOURCE_TOP_N,
                    self.tr(
                        "Top source cities preset: backflow from the N largest sources (0: off)"
                    ),
                    defaultValue=0,
                    minValue=0,
                ),
                self.tr(
                    "Draws only the backflow flows from the N overseas cities that sent most "
                    "returnees, each labelled with its share of all returns, on a world map "
                    "(with the China preset). Sources with fewer persons than MIN_PERSONS are "
                    "left out."
                ),
            ),
            QgsProcessingParameterBoolean(
                self.INSET, self.tr("South China Sea inset (China maps)"), defaultValue=True
            ),
            self._integer(
                self.DPI,
                self.tr("Resolution (dpi)"),
                defaultValue=300,
                minValue=50,
                maxValue=1200,
            ),
            helped(
                QgsProcessingParameterEnum(
                    self.BOUNDARY_VIEW,
                    self.tr("Boundaries (China maps)"),
                    [
                        self.tr("Default: China's view (or the user layer when one is given)"),
                        self.tr("China's view (claimed borders, South China Sea line, Taiwan)"),
                        self.tr("De facto (QGIS's world map as it is)"),
                        self.tr("User layer (below)"),
                    ],
                    defaultValue=0,
                ),
                self.tr("The map's notes say which view was used."),
            ),
            advanced(
                QgsProcessingParameterVectorLayer(
                    self.BOUNDARY_LAYER,
                    self.tr(
                        "Boundary layer (with 'User layer': China's provinces, e.g. a standard map)"
                    ),
                    [SourceType.TypeVectorPolygon],
                    optional=True,
                )
            ),
            advanced(
                QgsProcessingParameterString(
                    self.REVIEW_NUMBER,
                    self.tr("Map review number of the boundary layer (printed in the notes)"),
                    optional=True,
                )
            ),
            QgsProcessingParameterEnum(
                self.FIGURE,
                self.tr("Figure"),
                [
                    self.tr("Flow map"),
                    self.tr("Paper's Figure 2: cities linked to more than MIN_LINKS others"),
                    self.tr("Paper's Figure 3: the tracks of PERSONS"),
                ],
                defaultValue=0,
            ),
            self._integer(
                self.MIN_LINKS,
                self.tr("Figure 2: cities linked to more than this many other cities"),
                defaultValue=5,
                minValue=0,
            ),
            advanced(
                QgsProcessingParameterString(
                    self.TIER_MEASURE,
                    self.tr(
                        "Figure 2: the measure the tiers were cut on (City network's MEASURE "
                        "output; empty: degree)"
                    ),
                    optional=True,
                )
            ),
            QgsProcessingParameterVectorLayer(
                self.STAGES,
                self.tr("Stages (Figure 3: the STAGES output of Import trajectories)"),
                [SourceType.TypeVectorPoint],
                optional=True,
            ),
            QgsProcessingParameterString(
                self.PERSONS, self.tr("Figure 3: person ids, comma-separated"), optional=True
            ),
            advanced(
                helped(
                    QgsProcessingParameterBoolean(
                        self.FRAMES_BY_YEAR,
                        self.tr("Also export one frame per return year (file_YYYY.ext)"),
                        defaultValue=False,
                    ),
                    self.tr(
                        "For slides and animations: each frame shows the flows that began by "
                        "that year (the flows' first_year)."
                    ),
                )
            ),
            advanced(
                QgsProcessingParameterString(
                    self.LAYOUT_NAME, self.tr("Layout name"), defaultValue="Backflow map"
                )
            ),
            QgsProcessingParameterFileDestination(
                self.OUTPUT,
                self.tr("Map file"),
                self.tr("PDF (*.pdf);;SVG (*.svg);;PNG (*.png)"),
                defaultValue=None,
            ),
        ]

    @staticmethod
    def _integer(key: str, label: str, **options):
        return QgsProcessingParameterNumber(
            key, label, QgsProcessingParameterNumber.Type.Integer, **options
        )

    def declare_outputs(self) -> list[Output]:
        return [
            Output(self.LAYOUT, self.tr("Layout name"), "string"),
            Output(self.FRAMES, self.tr("Frames exported (one per year)")),
        ]

    def process(self, run: Run) -> dict:
        if old_min_count(run):
            run.warn(self.tr("MIN_COUNT is deprecated: use MIN_PERSONS."))
        cities, flows = map_layers(run)
        preset = run.choice(self.EXTENT_PRESET, PRESETS)
        types = flow_types(run)
        sources = None
        if run.integer(self.SOURCE_TOP_N) > 0:
            flows, sources = self._top_sources(run, cities, flows)
            types = ["backflow"]
            preset = WORLD if preset == CHINA else preset
        output = self._output_path(run)
        spec = map_spec(run, cities, flows, preset, types)
        project = run.context.project()
        if project is None:
            raise QgsProcessingException(self.tr("The publication map needs a project."))
        run.info(
            self.tr("Building the layout '{}' ({}, {} {})").format(
                spec.layout_name, preset, spec.page, "landscape" if spec.landscape else "portrait"
            )
        )
        try:
            layout = layouts.build_layout(project, spec, run.feedback)  # in the map's language
        except figures.FigureError as err:
            raise QgsProcessingException(str(err)) from None
        self._add_regions(run, project, layout, spec)
        if sources:
            with translated("zh_CN" if spec.language == "zh" else "en_US"):
                points = source_flows.source_points(sources, flows.crs(), spec.language)
            source_flows.add_to_layout(layout, project, points, spec.layout_name)
            spec.layers.insert(0, points)
        flows_drawn = layouts.drawn_flows(spec)  # found by its role, not by its name
        if flows_drawn is not None:
            run.info(
                self.tr("{} flows drawn (of {}), at least {} persons each").format(
                    flows_drawn.featureCount(), flows.featureCount(), spec.min_count
                )
            )
        warning = drawn_warning(spec)
        if warning:
            run.warn(warning)
        run.check_cancelled()
        frames = self._export(run, layout, spec, output)
        return {self.OUTPUT: output, self.LAYOUT: spec.layout_name, self.FRAMES: len(frames)}

    def _add_regions(self, run: Run, project, layout, spec) -> None:
        """REGIONS as a choropleth under the flows, when given."""
        regions = run.layer(self.REGIONS, required=False)
        if regions is None:
            return
        if regions.fields().indexOf("net_flow") < 0:
            raise QgsProcessingException(
                self.tr(
                    "The regions layer '{}' has no 'net_flow' field; use the REGIONS output "
                    "of Regional flows."
                ).format(regions.name())
            )
        region_map.add_regions(project, layout, spec, regions)

    def _top_sources(self, run: Run, cities, flows) -> tuple:
        """The top-source preset (styling/source_flows.py): (flows, sources); the
        subtitle, when none is given, says what the map shows."""
        top_n = run.integer(self.SOURCE_TOP_N)
        min_count = min_persons(run)
        lang = language(run)
        sources, everyone = source_flows.top_sources(flows, cities, top_n, min_count, lang)
        if not sources:
            raise QgsProcessingException(
                self.tr(
                    "No overseas source city has {} or more persons on backflow flows in "
                    "'{}': nothing to draw."
                ).format(min_count, flows.name())
            )
        flows = source_flows.source_flows(flows, sources)
        if not run.parameters.get(self.SUBTITLE):
            with translated("zh_CN" if lang == "zh" else "en_US"):
                text = source_flows.subtitle(sources, everyone)
            run.parameters = {**run.parameters, self.SUBTITLE: text}
        for rank, s in enumerate(sources, start=1):
            run.info(f"{rank}. {s.label}: {s.persons} ({100 * s.share:.1f} %)")
        return flows, sources

    def _output_path(self, run: Run) -> str:
        output = self.parameterAsFileOutput(run.parameters, self.OUTPUT, run.context)
        suffix = Path(output).suffix.lower()
        if suffix and suffix not in (".pdf", ".svg", ".png", ".jpg"):
            raise QgsProcessingException(
                self.tr(
                    "The map file {} has the suffix {}; accepted: .pdf, .svg, .png, .jpg"
                ).format(output, suffix)
            )
        if not suffix:  # never renamed silently: the user is told the name used
            output += ".pdf"
            run.warn(self.tr("The map file has no suffix: written as {}").format(output))
        return output

    def _export(self, run: Run, layout, spec, output) -> list:
        """The map file, and one frame per year when asked; the frames written."""
        dpi = run.integer(self.DPI)
        try:
            layouts.export(layout, output, dpi)
        except OSError as err:
            raise QgsProcessingException(str(err)) from None
        run.info(self.tr("Exported {}").format(output))
        if not run.flag(self.FRAMES_BY_YEAR):
            return []
        try:
            frames = layouts.export_frames(layout, spec, output, dpi, run.feedback)
        except OSError as err:
            raise QgsProcessingException(str(err)) from None
        run.info(self.tr("{} frames exported, one per year").format(len(frames)))
        return frames
