"""The publication map as its parameters describe it: the layers checked for what the
chosen map needs, and the ``MapSpec`` the layout is built from."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ..core.patterns.tables import person_patterns
from ..core.schema import FLOW_TYPES, LANGUAGE_AUTO, LANGUAGES, MEASURES
from ..styling import figures
from ..styling import layout as layouts
from ..styling.disclosure_filter import layer_person_counts, threshold_warning
from ..styling.renderers import COLOUR_BY_PATTERN, COLOUR_BY_TYPE, default_language
from ..translation import tr
from . import adapters
from .base import Run

PAGES = ("A4", "A3")
COLOUR_BY = (COLOUR_BY_TYPE, COLOUR_BY_PATTERN)
BOUNDARY_VIEWS = (None, "china", "de_facto", "user")


def map_layers(run: Run) -> tuple:
    """CITIES and FLOWS, checked for the fields the chosen map needs."""
    cities = run.layer("CITIES")
    flows = run.layer("FLOWS")
    if flows.fields().indexOf("count") < 0:
        raise QgsProcessingException(
            tr(
                "The flows layer '{}' has no 'count' field; use the FLOWS output of Import "
                "trajectories or Route patterns."
            ).format(flows.name())
        )
    if run.choice("COLOUR_BY", COLOUR_BY) == COLOUR_BY_PATTERN and not any(
        flows.fields().indexOf(f) >= 0 for f in ("pattern", "circle")
    ):
        raise QgsProcessingException(
            tr(
                "Colouring by route pattern needs the FLOWS output of Route patterns (fields "
                "'pattern' or 'circle' / 'linear'); '{}' has neither."
            ).format(flows.name())
        )
    return cities, flows


def old_min_count(run: Run) -> bool:
    """True when only the deprecated MIN_COUNT is given."""
    return run.parameters.get("MIN_PERSONS") is None and run.parameters.get("MIN_COUNT") is not None


def min_persons(run: Run) -> int:
    """MIN_PERSONS, or the deprecated MIN_COUNT when only that is given."""
    return run.integer("MIN_COUNT" if old_min_count(run) else "MIN_PERSONS")


def language(run: Run) -> str:
    """'en' or 'zh': as chosen, or the language QGIS runs in (schema.LANGUAGES)."""
    choice = run.choice("LANGUAGE", LANGUAGES)
    return default_language() if choice == LANGUAGE_AUTO else choice


def flow_types(run: Run) -> list[str]:
    """The chosen flow types by index into FLOW_TYPES; [] for the preset's choice."""
    if run.parameters.get("FLOW_TYPES") in (None, "", []):  # (parameterAsEnums gives [0])
        return []
    return [FLOW_TYPES[i] for i in run.indexes("FLOW_TYPES")]


def map_spec(run: Run, cities, flows, preset: str, types: list[str]) -> layouts.MapSpec:
    """The map as the parameters describe it (checked for what each choice needs)."""
    alg, parameters, context = run.alg, run.parameters, run.context
    extent = alg.parameterAsExtent(parameters, "EXTENT", context)
    if preset == "user" and extent.isEmpty():
        raise QgsProcessingException(tr("'Extent below' needs an extent in EXTENT."))
    title = alg.parameterAsString(parameters, "TITLE", context)
    if title == alg.parameterDefinition("TITLE").defaultValue():
        title = ""  # the default title, in the map's language (layout.py)
    spec = layouts.MapSpec(
        cities=cities,
        flows=flows,
        routes=run.layer("ROUTES", required=False),
        preset=preset,
        extent=extent,
        extent_crs=alg.parameterAsExtentCrs(parameters, "EXTENT", context),
        page=run.choice("PAGE", PAGES),
        landscape=run.index("ORIENTATION") == 0,
        title=title,
        subtitle=alg.parameterAsString(parameters, "SUBTITLE", context),
        show_title=run.flag("SHOW_TITLE"),
        source=alg.parameterAsString(parameters, "SOURCE", context),
        language=language(run),
        min_count=min_persons(run),
        colour_by=run.choice("COLOUR_BY", COLOUR_BY),
        flow_types=types or None,
        inset=run.flag("INSET"),
        layout_name=alg.parameterAsString(parameters, "LAYOUT_NAME", context) or "Backflow map",
    )
    spec.boundary_view = run.choice("BOUNDARY_VIEW", BOUNDARY_VIEWS)
    spec.boundary_layer = run.layer("BOUNDARY_LAYER", required=False)
    spec.review_number = alg.parameterAsString(parameters, "REVIEW_NUMBER", context)
    if spec.boundary_view == "user" and spec.boundary_layer is None:
        raise QgsProcessingException(
            tr("BOUNDARY_VIEW 'User layer' needs a polygon layer in BOUNDARY_LAYER.")
        )
    spec.figure = run.choice("FIGURE", figures.FIGURES)
    spec.min_links = run.integer("MIN_LINKS")
    spec.tier_measure = run.text("TIER_MEASURE")
    if spec.tier_measure and spec.tier_measure not in MEASURES:
        raise QgsProcessingException(
            tr("TIER_MEASURE '{}' is not a measure; use one of: {}").format(
                spec.tier_measure, ", ".join(MEASURES)
            )
        )
    spec.stages = run.layer("STAGES", required=False)
    spec.persons = figures.parse_persons(alg.parameterAsString(parameters, "PERSONS", context))
    if spec.figure == figures.FIGURE_3 and (spec.stages is None or not spec.persons):
        raise QgsProcessingException(
            tr(
                "Figure 3 needs STAGES (the STAGES output of Import trajectories) and "
                "PERSONS (person ids, comma-separated)."
            )
        )
    if spec.figure == figures.FIGURE_3:
        spec.patterns = track_patterns(run, spec)
    return spec


def track_patterns(run: Run, spec) -> dict[str, str]:
    """Figure 3's route patterns: ROUTES' `pattern` where it has one for a person,
    else classified from STAGES by Route patterns' own rules (ROUTES from the import,
    or none: every track would otherwise read 'no return')."""
    given = layouts.route_patterns(spec.routes)
    if all(p in given for p in spec.persons):
        return given
    stages = adapters.points_to_wgs84_frame(run.source("STAGES"), run.context)
    return {**person_patterns(stages, spec.persons), **given}


def drawn_warning(spec) -> str | None:
    """When MIN_PERSONS hides most of the drawn flows (the layout's notes say it too)."""
    if spec.threshold is None or spec.figure == figures.FIGURE_3:
        return None
    cities = spec.cities
    persons = layer_person_counts(cities, "persons") if cities is not None else None
    return threshold_warning(spec.threshold, persons or None)
