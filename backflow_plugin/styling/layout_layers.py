"""The layers a publication map draws: styled copies of the inputs, clipped to the frame,
small cities left out, labels kept legible."""

from __future__ import annotations

from qgis.core import (
    NULL,
    QgsCoordinateTransform,
    QgsDataDefinedSizeLegend,
    QgsFeatureRequest,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)

from .. import field_types
from ..core.disclosure.rules import check_threshold
from ..translation import tr
from . import basemap, city_labels, figures, flowlines, projections, renderers
from .label_check import label_problems, placed, placed_labels, untangle_leaders
from .map_spec import MapSpec
from .projections import CHINA, WGS84, WORLD
from .style_helpers import city_size_field


def map_layers(spec: MapSpec, crs, world: bool, feedback=None) -> dict[str, QgsVectorLayer]:
    """Styled copies of the inputs for this map (the user's layers keep their styles)."""
    if spec.figure == figures.FIGURE_3:
        out = _figure3_layers(spec, crs, world)
    else:
        out = _flow_map_layers(spec, crs, world, feedback)
    out["basemap"] = basemap.world_layer(
        seam=projections.seam_longitude(crs) if world else None, crs=crs if world else None
    )
    out["basemap"].setName(tr("World (Natural Earth)"))
    out["basemap"].setCustomProperty("backflow/role", "fill")
    if spec.preset == CHINA:
        base = basemap.china_basemap(spec.view, spec.boundary_layer)
        if "groups" in base:
            base["groups"].setLabeling(
                city_labels.island_group_labeling(
                    spec.language, international=spec.view != basemap.CHINA_VIEW
                )
            )
            base["groups"].setLabelsEnabled(True)
            # the island groups' names (and the cities') keep off the islands
            base["islands"].setLabeling(city_labels.obstacle_labeling())
            base["islands"].setLabelsEnabled(True)
        out["china_base"] = [
            base[k]
            for k in ("groups", "islands", "dashes", "border", "provinces", "china", "neighbours")
            if k in base
        ]
        for key in ("china", "neighbours"):
            base[key].setCustomProperty("backflow/role", "fill")  # (region maps go above)
        # boundary lines the South China Sea inset must not hide on the main map
        out["china_lines"] = [base[k] for k in ("dashes", "border") if k in base]
    return out


def _core_label_column(cities: QgsVectorLayer) -> tuple[str, str] | None:
    """World maps: the national core cities' labels in a column west of them (over
    Central Asia, where no other city is labelled), each with a leader line: six cities
    within 1,000 km of each other cannot be labelled in place at world scale. Adds the
    position fields to the memory copy; None without tiers."""
    from qgis.core import QgsField

    if cities.fields().indexOf("tier") < 0:
        return None
    core = [f for f in cities.getFeatures() if f["tier"] == 1 and not f.geometry().isEmpty()]
    if not core:
        return None
    to_wgs = QgsCoordinateTransform(cities.crs(), WGS84, QgsProject.instance())
    points = {f.id(): to_wgs.transform(f.geometry().asPoint()) for f in core}
    provider = cities.dataProvider()
    provider.addAttributes(
        [QgsField("label_x", field_types.DOUBLE), QgsField("label_y", field_types.DOUBLE)]
    )
    cities.updateFields()
    ix, iy = cities.fields().indexOf("label_x"), cities.fields().indexOf("label_y")
    to_layer = QgsCoordinateTransform(WGS84, cities.crs(), QgsProject.instance())
    west = min(p.x() for p in points.values()) - 10.0
    order = sorted(points, key=lambda fid: -points[fid].y())
    mid = sum(p.y() for p in points.values()) / len(points)
    spacing = 4.5  # degrees of latitude: a 9 pt label and a gap at world scale
    top = mid + spacing * (len(order) - 1) / 2
    changes = {}
    for i, fid in enumerate(order):
        pos = to_layer.transform(QgsPointXY(west, top - i * spacing))
        changes[fid] = {ix: pos.x(), iy: pos.y()}
    provider.changeAttributeValues(changes)
    return "label_x", "label_y"


def rescue_labels(map_item, cities: QgsVectorLayer, spec: MapSpec, dpi: int = 150) -> None:
    """Every tier 1 and tier 2 city labelled: those the labeling engine could not place
    beside their city (a dense cluster such as Shanghai, Nanjing, Hangzhou) are set in a
    column off the east coast, with leader lines. Setting some apart frees room for
    others, or takes it: a few passes until every one is placed. The labels are then
    pinned where they are, so that every drawing of the map shows the same ones."""

    if cities.fields().indexOf("tier") < 0:
        return
    wanted = {f.id() for f in cities.getFeatures() if f["tier"] in (1, 2)}
    apart: set = set()
    for _ in range(4):
        placed = {
            label.featureId
            for label in placed_labels(map_item, dpi)
            if label.layerID == cities.id() and not label.isUnplaced
        }
        missing = wanted - placed - apart
        if not missing:
            break
        apart |= missing
        _label_column(map_item, cities, apart)
        cities.setLabeling(
            city_labels.city_labeling(
                cities, spec.language, world=False, leader_fields=("label_x", "label_y")
            )
        )
        map_item.invalidateCache()
    if apart:  # no leader across another label, no label set apart over another
        untangle_leaders(map_item, cities, wanted, dpi)
    _pin_labels(map_item, cities, wanted, spec, dpi)


# Drawings tried for one where every wanted label is placed and clear, to pin.
PIN_TRIES = 5


def _pin_labels(map_item, cities: QgsVectorLayer, wanted: set, spec: MapSpec, dpi: int) -> None:
    """Every city label pinned where the engine placed it in a drawing with every
    `wanted` label placed and no label in trouble: the engine's solution for a crowded
    cluster can differ from one drawing to the next (QGIS 3.40 drops a tier 2 city
    beside Nanjing in about half of them), the pinned ones are the same in each."""
    from qgis.core import QgsField

    best = None
    for _ in range(PIN_TRIES):
        labels = placed(map_item, dpi)
        shown = {lab.featureId for lab in labels if lab.layerID == cities.id()}
        score = (len(wanted - shown), len(label_problems(map_item, dpi, labels, on_cities=True)))
        if best is None or score < best[0]:
            best = (score, labels)
        if score == (0, 0):
            break
    new = [
        QgsField(name, field_types.DOUBLE)
        for name in ("label_x", "label_y", "pin_x", "pin_y")
        if cities.fields().indexOf(name) < 0
    ]
    if new:
        cities.dataProvider().addAttributes(new)
        cities.updateFields()
    ix, px, py = (cities.fields().indexOf(n) for n in ("label_x", "pin_x", "pin_y"))
    to_layer = QgsCoordinateTransform(map_item.crs(), cities.crs(), QgsProject.instance())
    changes = {}
    for label in best[1]:
        if label.layerID != cities.id():
            continue
        if cities.getFeature(label.featureId).attribute(ix) not in (None, NULL):
            continue  # set apart: already where it stays
        rect = label.labelRect
        pin = to_layer.transform(QgsPointXY(rect.xMinimum(), rect.center().y()))
        changes[label.featureId] = {px: pin.x(), py: pin.y()}
    cities.dataProvider().changeAttributeValues(changes)
    cities.setLabeling(
        city_labels.city_labeling(
            cities,
            spec.language,
            world=False,
            leader_fields=("label_x", "label_y"),
            pin_fields=("pin_x", "pin_y"),
        )
    )
    map_item.invalidateCache()


def _label_column(map_item, cities: QgsVectorLayer, ids: set) -> None:
    """Label positions for `ids` in a column east of the easternmost of them."""
    from qgis.core import QgsField

    if cities.fields().indexOf("label_x") < 0:
        cities.dataProvider().addAttributes(
            [QgsField("label_x", field_types.DOUBLE), QgsField("label_y", field_types.DOUBLE)]
        )
        cities.updateFields()
    ix, iy = cities.fields().indexOf("label_x"), cities.fields().indexOf("label_y")
    to_wgs = QgsCoordinateTransform(cities.crs(), WGS84, QgsProject.instance())
    to_layer = QgsCoordinateTransform(WGS84, cities.crs(), QgsProject.instance())
    request = QgsFeatureRequest().setFilterFids(list(ids))
    points = {f.id(): to_wgs.transform(f.geometry().asPoint()) for f in cities.getFeatures(request)}
    # One label line (9 pt bold with its halo: 5 mm on the page) in degrees of latitude.
    metres_per_mm = map_item.extent().width() / map_item.sizeWithUnits().width()
    step = 5.0 * metres_per_mm / 111_000.0
    east = max(p.x() for p in points.values()) + 4 * step
    order = sorted(points, key=lambda fid: -points[fid].y())
    top = sum(p.y() for p in points.values()) / len(points) + step * (len(order) - 1) / 2
    changes = {}
    for i, fid in enumerate(order):
        pos = to_layer.transform(QgsPointXY(east, top - i * step))
        changes[fid] = {ix: pos.x(), iy: pos.y()}
    cities.dataProvider().changeAttributeValues(changes)


def route_patterns(routes: QgsVectorLayer | None) -> dict[str, str]:
    """{person_id: pattern} from a routes layer with a `pattern` field."""
    if routes is None or routes.fields().indexOf("pattern") < 0:
        return {}
    return {
        str(f["person_id"]): f["pattern"]
        for f in routes.getFeatures()
        if isinstance(f["pattern"], str) and f["pattern"]
    }


def spec_patterns(spec: MapSpec) -> dict[str, str]:
    """The persons' route patterns: those the run gave, else the routes layer's."""
    return spec.patterns if spec.patterns is not None else route_patterns(spec.routes)


def _figure3_layers(spec: MapSpec, crs, world: bool) -> dict[str, QgsVectorLayer]:
    if spec.stages is None:
        raise figures.FigureError(tr("Figure 3 needs the STAGES layer."))
    tracks, stops = figures.figure3_layers(
        spec.stages, spec.persons, crs, world, spec_patterns(spec), spec.language
    )
    return {"stops": stops, "tracks": tracks}


def _flow_map_layers(spec: MapSpec, crs, world: bool, feedback=None) -> dict[str, QgsVectorLayer]:
    source_cities, source_flows = spec.cities, spec.flows
    if spec.figure == figures.FIGURE_2:
        source_cities, source_flows = figures.figure2_layers(
            spec.cities, spec.flows, spec.min_links
        )
    flow_types = spec.flow_types
    if flow_types is None and spec.preset == CHINA:
        flow_types = flowlines.CHINA_FLOW_TYPES
    elif flow_types is None and spec.preset == WORLD:
        flow_types = flowlines.WORLD_FLOW_TYPES
    frame = projections.CHINA_EXTENT if spec.preset == CHINA else None
    flows = flowlines.display_flows(
        source_flows,
        crs,
        world,
        spec.min_count,
        flow_types,
        name=tr("Flows"),
        feedback=feedback,
        frame_wgs84=frame,
    )
    spec.hidden_flows = flowlines.hidden_count(source_flows, spec.min_count, flow_types)
    spec.threshold = check_threshold(
        flowlines.person_counts(source_flows, flow_types), spec.min_count
    )
    flows.setCustomProperty("backflow/role", "flows")  # found by role, not by its name
    labels = None
    if frame is not None:
        labels = {"backflow": tr("Backflow (from abroad, off the map)")}
    # the key lists the map's flow types only, also when no flow is drawn (a small study)
    by_type = (
        spec.colour_by == renderers.COLOUR_BY_TYPE and flows.fields().indexOf("flow_type") >= 0
    )
    flows.setRenderer(
        renderers.flow_renderer(
            flows,
            spec.colour_by,
            spec.min_count,
            flow_types=flow_types if by_type else None,
            labels=labels,
        )
    )
    request = QgsFeatureRequest()
    if world:
        # In the map's CRS, as the flows and the basemap are: a print layout of QGIS 3.40
        # left out every lon/lat city of East Asia on the Pacific-centred world map (the
        # whole-world extent reprojected to lon/lat); nothing is reprojected at draw time.
        request.setDestinationCrs(crs, QgsProject.instance().transformContext())
    cities = source_cities.materialize(request)
    cities.setName(tr("Cities"))
    spec.hidden_cities = drop_small_cities(cities, spec.min_count)
    cities.setCustomProperty("backflow/role", "cities")
    # Cities without a value (e.g. no betweenness abroad) are drawn smallest, not at
    # the legend's middle size. Figure 2 sizes by the measure the tiers were cut on.
    figure2 = spec.figure == figures.FIGURE_2
    measure = (spec.tier_measure or figures.TIER_MEASURE) if figure2 else None
    if measure and cities.fields().indexOf(measure) < 0:
        raise figures.FigureError(
            tr(
                "Figure 2 needs the cities' '{}' field: use the OUTPUT of City network as CITIES."
            ).format(measure)
        )
    size_field = measure if figure2 else city_size_field(cities)
    index = cities.fields().indexOf(size_field)
    nulls = {
        f.id(): {index: 0}
        for f in cities.getFeatures()
        if f[size_field] in (None, "")
        or (hasattr(f[size_field], "isNull") and f[size_field].isNull())
    }
    if nulls:
        cities.dataProvider().changeAttributeValues(nulls)
    cities.setCustomProperty("backflow/size_field", size_field)  # for its labels' rules
    renderer = renderers.city_renderer(cities, size_field)
    if figure2:
        size_key = QgsDataDefinedSizeLegend(renderer.dataDefinedSizeLegend())
        size_key.setTitle(
            tr("Linked cities (degree, the tiers' measure)")
            if measure == "degree"
            else tr("{}, the tiers' measure").format(
                tr(renderers.SIZE_TITLES.get(measure, measure))
            )
        )
        renderer.setDataDefinedSizeLegend(size_key)
    cities.setRenderer(renderer)
    leaders = _core_label_column(cities) if world and not figure2 else None
    cities.setLabeling(
        city_labels.city_labeling(
            cities, spec.language, world=world and not figure2, leader_fields=leaders
        )
    )
    cities.setLabelsEnabled(True)
    out = {"cities": cities, "flows": flows}
    if spec.routes is not None:
        routes = spec.routes.materialize(QgsFeatureRequest())
        if frame is not None and routes.crs() == WGS84:
            _clip_lines(routes, frame.buffered(40.0))  # well beyond the page
        routes.setName(tr("Person routes"))
        routes.setRenderer(renderers.route_renderer(routes))
        out["routes"] = routes
    return out


def drop_small_cities(cities: QgsVectorLayer, min_persons: int) -> int:
    """Delete from a memory copy the cities of fewer than `min_persons` persons (its
    `persons` field); returns how many. A layer without the field keeps every city."""
    if min_persons <= 1 or cities.fields().indexOf("persons") < 0:
        return 0
    request = QgsFeatureRequest().setFilterExpression(
        f'coalesce("persons", 0) < {int(min_persons)}'
    )
    request.setNoAttributes()
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    ids = [f.id() for f in cities.getFeatures(request)]
    if ids:
        cities.dataProvider().deleteFeatures(ids)
        cities.updateExtents()
    return len(ids)


def stacked(layers: dict) -> list[QgsVectorLayer]:
    """The map's layers, top to bottom."""
    out = [layers[k] for k in ("stops", "cities", "tracks", "flows", "routes") if k in layers]
    return out + (layers.get("china_base") or [layers["basemap"]])


def _clip_lines(layer: QgsVectorLayer, box: QgsRectangle) -> None:
    """Cut a memory line layer (lon/lat) to a box around the frame: routes running far
    off the page otherwise make empty sub-paths in vector (PDF / SVG) output."""
    provider = layer.dataProvider()
    changes = {}
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        if geometry.isEmpty() or box.contains(geometry.boundingBox()):
            continue
        changes[feature.id()] = geometry.clipped(box)
    provider.changeGeometryValues(changes)
