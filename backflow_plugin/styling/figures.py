"""The paper's figures as map presets.

Figure 2: the network of well-linked cities -- only cities linked to more than N other
cities (N = 5 in the paper), the flows among them, node size by the measure the tiers
were cut on (degree, "linked cities"), colour by tier.

Figure 3: the tracks of a few chosen persons -- each person's stages joined in order,
numbered along the track (A1, A2, ...), the person's letter at the return city, circle
routes drawn solid and linear routes dashed (and in the two pattern colours).
"""

from __future__ import annotations

import string

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsGeometry,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPointXY,
    QgsProject,
    QgsProperty,
    QgsRendererCategory,
    QgsRuleBasedLabeling,
    QgsSymbolLayer,
    QgsUnitTypes,
    QgsVectorLayer,
)

from .. import field_types
from ..core.palette import BASEMAP, PATTERN_COLOURS, TEXT
from ..core.schema import WGS84_AUTHID
from ..core.trajectories.flow_lines import GEODESIC, flow_line
from ..translation import tr
from .city_labels import place_with_leader
from .flowlines import planar_arc
from .projections import WGS84
from .renderers import PATTERN_LABELS
from .style_helpers import label_format

FIGURE_MAP, FIGURE_2, FIGURE_3 = "map", "figure2", "figure3"
FIGURES = (FIGURE_MAP, FIGURE_2, FIGURE_3)
WORLD_CLUSTER_M = 300_000.0  # stage numbers this close are written together (world maps)
TIER_MEASURE = "degree"  # core/network/tiers.DEFAULT_MEASURE: the paper cuts tiers on degree


class FigureError(ValueError):
    """A figure that cannot be drawn from these layers (the message says why)."""


def well_linked_ids(cities: QgsVectorLayer, min_links: int) -> set:
    """city_id of the cities linked to more than `min_links` other cities."""
    if cities.fields().indexOf(TIER_MEASURE) < 0:
        raise FigureError(
            tr(
                "Figure 2 needs the cities' '{}' field: use the OUTPUT of City network as CITIES."
            ).format(TIER_MEASURE)
        )
    request = QgsFeatureRequest().setFilterExpression(f'"{TIER_MEASURE}" > {int(min_links)}')
    return {f["city_id"] for f in cities.getFeatures(request)}


def figure2_layers(
    cities: QgsVectorLayer, flows: QgsVectorLayer, min_links: int = 5
) -> tuple[QgsVectorLayer, QgsVectorLayer]:
    """Memory copies of the cities linked to more than `min_links` others, and of the
    flows between two of them."""
    keep = well_linked_ids(cities, min_links)
    if not keep:
        raise FigureError(
            tr("No city is linked to more than {} other cities; lower MIN_LINKS.").format(min_links)
        )
    ids = ", ".join("'{}'".format(str(i).replace("'", "''")) for i in sorted(keep))
    kept_cities = cities.materialize(
        QgsFeatureRequest().setFilterExpression(f'"city_id" IN ({ids})')
    )
    kept_flows = flows.materialize(
        QgsFeatureRequest().setFilterExpression(f'"origin_id" IN ({ids}) AND "dest_id" IN ({ids})')
    )
    return kept_cities, kept_flows


# ------------------------------------------------------------------ Figure 3


def person_letters(persons: list[str]) -> dict[str, str]:
    """A, B, C ... in the order given; one-character ids (the sample's A-E) stay."""
    out = {}
    for i, pid in enumerate(persons):
        out[pid] = (
            pid
            if len(pid) == 1
            else (string.ascii_uppercase[i % 26] + ("" if i < 26 else str(i // 26)))
        )
    return out


def parse_persons(text: str) -> list[str]:
    return [p.strip() for p in str(text or "").replace(";", ",").split(",") if p.strip()]


def figure3_layers(
    stages: QgsVectorLayer,
    persons: list[str],
    crs,
    world: bool,
    patterns: dict[str, str] | None = None,
    language: str = "en",
) -> tuple[QgsVectorLayer, QgsVectorLayer]:
    """(tracks, stops) of the chosen persons, in `crs`.

    tracks: one line per leg (person, letter, pattern, leg); stops: one point per stage
    with its number along the track, and the return stage marked."""
    for name in ("person_id", "seq"):
        if stages.fields().indexOf(name) < 0:
            raise FigureError(
                tr(
                    "Figure 3 needs the STAGES output of Import trajectories ('{}' missing in '{}')."
                ).format(name, stages.name())
            )
    if not persons:
        raise FigureError(tr("Figure 3 needs PERSONS: the ids of the persons to draw."))
    quoted = ", ".join("'{}'".format(p.replace("'", "''")) for p in persons)
    request = QgsFeatureRequest().setFilterExpression(f'"person_id" IN ({quoted})')
    by_person: dict[str, list] = {}
    for f in stages.getFeatures(request):
        if f.geometry() is None or f.geometry().isEmpty():
            continue
        by_person.setdefault(str(f["person_id"]), []).append(f)
    missing = [p for p in persons if p not in by_person]
    if missing:
        raise FigureError(
            tr("No stages for these persons in '{}': {}").format(stages.name(), ", ".join(missing))
        )
    letters = person_letters(persons)
    patterns = patterns or {}
    has_phase = stages.fields().indexOf("phase") >= 0
    has_stage = stages.fields().indexOf("stage") >= 0
    to_wgs = QgsCoordinateTransform(stages.crs(), WGS84, QgsProject.instance())
    to_map = QgsCoordinateTransform(WGS84, crs, QgsProject.instance())
    epsg = crs.authid() or ""
    tracks = QgsVectorLayer(f"MultiLineString?crs={epsg or WGS84_AUTHID}", tr("Tracks"), "memory")
    stops = QgsVectorLayer(f"Point?crs={epsg or WGS84_AUTHID}", tr("Stages"), "memory")
    for layer in (tracks, stops):
        layer.setCrs(crs)
        layer.dataProvider().addAttributes(
            [
                QgsField("person_id", field_types.STRING),
                QgsField("letter", field_types.STRING),
                QgsField("pattern", field_types.STRING),
                QgsField("n", field_types.INT),
                QgsField("is_return", field_types.BOOL),
                QgsField("label", field_types.STRING),
                QgsField("numbers", field_types.STRING),
                # drawn in Figure 3's detail panel (figure3_detail.py), not labelled here
                QgsField("in_detail", field_types.BOOL),
                # a stage-number label set apart with a leader (label_check.untangle_leaders)
                QgsField("label_x", field_types.DOUBLE),
                QgsField("label_y", field_types.DOUBLE),
                # k-th of several persons back in the same city: its dot k dots east
                QgsField("shift", field_types.INT),
            ]
        )
        layer.updateFields()
    track_features, stop_features = [], []
    for pid in persons:
        rows = sorted(by_person[pid], key=lambda f: f["seq"])
        letter, pattern = letters[pid], patterns.get(pid) or ""
        ret = _return_index(rows, has_phase, has_stage)
        points = [to_wgs.transform(QgsPointXY(f.geometry().asPoint())) for f in rows]
        for n, pt in enumerate(points, start=1):
            stop = QgsFeature(stops.fields())
            is_ret = n - 1 == ret
            stop.setAttributes(
                [pid, letter, pattern, n, is_ret, letter if is_ret else f"{letter}{n}"]
                + [None, False, None, None, 0]
            )
            stop.setGeometry(QgsGeometry.fromPointXY(to_map.transform(pt)))
            stop_features.append(stop)
        for n in range(1, len(points)):
            a, b = points[n - 1], points[n]
            if a == b:
                continue
            if world:
                line = [planar_arc(to_map.transform(a), to_map.transform(b), bend=0.12)]
            else:
                parts = flow_line(
                    a.x(), a.y(), b.x(), b.y(), GEODESIC, step_km=50.0, max_points=400
                )
                line = [
                    [to_map.transform(QgsPointXY(x, y)) for x, y in zip(xs, ys)] for xs, ys in parts
                ]
            leg = QgsFeature(tracks.fields())
            leg.setAttributes([pid, letter, pattern, n, False, None, None, False, None, None, 0])
            leg.setGeometry(QgsGeometry.fromMultiPolylineXY(line))
            track_features.append(leg)
    _cluster_numbers(stop_features, radius=WORLD_CLUSTER_M if world else 40_000.0)
    _side_by_side(stop_features)
    tracks.dataProvider().addFeatures(track_features)
    stops.dataProvider().addFeatures(stop_features)
    tracks.setRenderer(track_renderer({f["pattern"] or None for f in track_features}))
    stops.setRenderer(stop_renderer())
    stops.setLabeling(stop_labeling(language))
    stops.setLabelsEnabled(True)
    return tracks, stops


def _cluster_numbers(stops: list[QgsFeature], radius: float) -> None:
    """Stage numbers of nearby stops written once, together ("A3 A4" at Boston and
    Cambridge): separate labels there would collide and QGIS would drop some."""
    clusters: list[tuple[QgsPointXY, list[QgsFeature]]] = []
    for stop in stops:
        if stop["is_return"]:
            continue
        pt = stop.geometry().asPoint()
        for centre, members in clusters:
            if centre.distance(pt) <= radius:
                members.append(stop)
                break
        else:
            clusters.append((QgsPointXY(pt), [stop]))
    for _, members in clusters:
        members[0]["numbers"] = " ".join(m["label"] for m in members)


def _side_by_side(stops: list[QgsFeature]) -> None:
    """Persons back in the same city: their lettered dots side by side (`shift`), not
    one letter on top of another."""
    seen: dict[tuple, int] = {}
    for stop in stops:
        if not stop["is_return"]:
            continue
        pt = stop.geometry().asPoint()
        key = (round(pt.x(), 3), round(pt.y(), 3))
        stop["shift"] = seen.get(key, 0)
        seen[key] = stop["shift"] + 1


# Return dots (RETURN_DOT_MM across) drawn side by side for persons back in one city.
RETURN_DOT_MM = 4.2
SHIFT_OFFSET = f"concat(to_string({RETURN_DOT_MM + 0.3} * coalesce(\"shift\", 0)), ',0')"


def _return_index(rows, has_phase: bool, has_stage: bool) -> int | None:
    for i, f in enumerate(rows):
        if has_phase and f["phase"] == "return":
            return i
    for i, f in enumerate(rows):
        if has_stage and str(f["stage"]).lower() == "return":
            return i
    return None


def track_renderer(present=None) -> QgsCategorizedSymbolRenderer:
    """Circle routes solid, linear routes dashed, each in its pattern colour."""
    categories = []
    for key in ("circle", "linear", None):
        if present is not None and key not in present:
            continue
        symbol = QgsLineSymbol.createSimple(
            {
                "color": PATTERN_COLOURS[key],
                "width": "0.6",
                "capstyle": "round",
                "line_style": "dash" if key == "linear" else "solid",
            }
        )
        categories.append(QgsRendererCategory(key or "", symbol, tr(PATTERN_LABELS[key])))
    return QgsCategorizedSymbolRenderer("pattern", categories)


# True in the maps that label the stop: the detail panel, and the main map outside it.
LABELLED_HERE = "(NOT coalesce(\"in_detail\", false) OR @map_id = 'detail')"


def stop_renderer(detail: bool = False):
    """Return cities as big dark dots (their letter inside), stages as small rings.
    With a detail panel, return cities inside it are small dots on the main map."""
    from qgis.core import QgsRuleBasedRenderer

    root = QgsRuleBasedRenderer.Rule(None)
    ret = QgsMarkerSymbol.createSimple(
        {
            "name": "circle",
            "color": TEXT,
            "outline_color": BASEMAP["halo"],
            "size": str(RETURN_DOT_MM),
        }
    )
    ret.symbolLayer(0).setDataDefinedProperty(
        QgsSymbolLayer.Property.PropertyOffset, QgsProperty.fromExpression(SHIFT_OFFSET)
    )
    stage = QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": BASEMAP["halo"], "outline_color": TEXT, "size": "1.4"}
    )
    root.appendChild(
        QgsRuleBasedRenderer.Rule(
            ret, filterExp=f'"is_return" AND {LABELLED_HERE}', label=tr("Return city")
        )
    )
    if detail:
        small = QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": TEXT, "outline_color": BASEMAP["halo"], "size": "1.8"}
        )
        root.appendChild(
            QgsRuleBasedRenderer.Rule(
                small,
                filterExp=f'"is_return" AND NOT {LABELLED_HERE}',
                label=tr("Return city (lettered in the detail)"),
            )
        )
    root.appendChild(
        QgsRuleBasedRenderer.Rule(
            stage, filterExp='NOT "is_return"', label=tr("Stage (numbered along the track)")
        )
    )
    return QgsRuleBasedRenderer(root)


def stop_labeling(language: str = "en") -> QgsRuleBasedLabeling:
    """The person's letter in white inside the return city's dot; stage numbers beside
    the stops. Every label is drawn (a figure of a few tracks must show them all)."""
    root = QgsRuleBasedLabeling.Rule(None)
    for field, filter_exp, size, bold, colour in (
        ("letter", f'"is_return" AND {LABELLED_HERE}', 8.0, True, BASEMAP["halo"]),
        ("numbers", f'"numbers" IS NOT NULL AND {LABELLED_HERE}', 6.5, False, TEXT),
    ):
        settings = QgsPalLayerSettings()
        settings.fieldName = field
        on_dot = field == "letter"
        settings.placement = (
            QgsPalLayerSettings.Placement.OverPoint
            if on_dot
            else QgsPalLayerSettings.Placement.OrderedPositionsAroundPoint
        )
        settings.dist = 0.0 if on_dot else 2.3  # clear of a return dot at the same place
        settings.priority = 10 if on_dot else 5
        settings.displayAll = True
        halo = 0.0 if on_dot else 0.8  # white on a coloured dot needs none
        settings.setFormat(label_format(language, size, colour, bold, halo=halo))
        if on_dot:  # the letter follows its dot when persons share a return city
            props = settings.dataDefinedProperties()
            props.setProperty(
                QgsPalLayerSettings.Property.OffsetXY, QgsProperty.fromExpression(SHIFT_OFFSET)
            )
            settings.setDataDefinedProperties(props)
            settings.offsetUnits = QgsUnitTypes.RenderUnit.RenderMillimeters
        if not on_dot:  # numbers that collide are set apart, with a leader (layout.py)
            settings.autoWrapLength = 9  # a long run of numbers on two or three lines
            settings.multilineAlign = QgsPalLayerSettings.MultiLineAlign.MultiLeft
            place_with_leader(settings, "label_x", "label_y")
        rule = QgsRuleBasedLabeling.Rule(settings)
        rule.setFilterExpression(filter_exp)
        root.appendChild(rule)
    return QgsRuleBasedLabeling(root)


def persons_key(persons: list[str], patterns: dict[str, str]) -> str:
    """'A = P0001 (circle)' lines for the notes, when letters stand for ids."""
    letters = person_letters(persons)
    lines = []
    for pid in persons:
        pattern = patterns.get(pid)
        text = f"{letters[pid]} = {pid}" if letters[pid] != pid else pid
        names = {"circle": tr("circle"), "linear": tr("linear")}
        if pattern:
            text += f" ({names.get(pattern, pattern)})"
        lines.append(text)
    return "; ".join(lines)
