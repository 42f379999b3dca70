"""The publication map: a print layout with map, legend, scale bar, notes; and its export."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDataDefinedSizeLegend,
    QgsFeatureRequest,
    QgsGeometry,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsMapLayerLegendUtils,
    QgsPointXY,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from .. import field_types
from ..core.disclosure.rules import ThresholdCheck, check_threshold, map_mostly_hidden
from ..core.palette import BASEMAP, TEXT
from ..core.trajectories.flow_lines import best_central_meridian
from ..translation import tr, translated
from . import basemap, china_frame, figures, flowlines, projections, renderers
from .figure3_detail import add_detail_panel
from .label_check import placed_labels, untangle_leaders
from .layout_fit import fit_map, place
from .projections import CHINA, USER, WGS84, WORLD

PAGES_MM = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}
MARGIN = 10.0
SOURCE_CREDITS = "Places: GeoNames (CC BY 4.0). Basemap: Natural Earth via QGIS world map."


@dataclass
class MapSpec:
    """Everything the publication map needs; defaults make a China map on A4 landscape."""

    cities: QgsVectorLayer
    flows: QgsVectorLayer
    routes: QgsVectorLayer | None = None
    preset: str = CHINA
    extent: QgsRectangle | None = None  # for USER, in extent_crs
    extent_crs: QgsCoordinateReferenceSystem | None = None
    page: str = "A4"
    landscape: bool = True
    title: str = ""
    subtitle: str = ""
    show_title: bool = True  # off: no title or subtitle (a journal captions its figures)
    language: str = "en"
    min_count: int = 5
    colour_by: str = renderers.COLOUR_BY_TYPE
    flow_types: list[str] | None = None
    inset: bool = True
    layout_name: str = "Backflow map"
    source: str = ""
    # China maps: "china", "de_facto" or "user" (basemap.BOUNDARY_VIEWS); None: "user"
    # with a boundary layer, else "china" in every language (what journals in China
    # require; "de_facto" on request).
    boundary_view: str | None = None
    boundary_layer: QgsVectorLayer | None = None  # the "user" view's polygons
    review_number: str = ""  # the user layer's map review number (审图号), printed
    layers: list = field(default_factory=list)  # filled by build_layout: layers it created
    hidden_flows: int = 0  # filled by build_layout: flows left out under min_count
    hidden_cities: int = 0  # filled by build_layout: cities left out under min_count
    threshold: ThresholdCheck | None = None  # filled by build_layout: the drawn flow types
    # The paper's figures (styling/figures.py): "map", "figure2" or "figure3".
    figure: str = "map"
    min_links: int = 5  # Figure 2: cities linked to more than this many others
    tier_measure: str = ""  # Figure 2: node size by the measure the tiers were cut on
    stages: QgsVectorLayer | None = None  # Figure 3: the STAGES layer
    persons: list[str] = field(default_factory=list)  # Figure 3: whose tracks
    # Figure 3: {person_id: pattern} from the run; None: read from `routes`
    patterns: dict[str, str] | None = None

    @property
    def view(self) -> str:
        if self.boundary_view:
            return self.boundary_view
        if self.boundary_layer is not None:
            return basemap.USER_VIEW
        return basemap.CHINA_VIEW


# ------------------------------------------------------------------ map frame


def regional_albers(extent: QgsRectangle) -> QgsCoordinateReferenceSystem:
    """Albers equal-area for a lon/lat box: standard parallels at 1/6 and 5/6 of its height."""
    lon_0 = extent.center().x()
    south, north = extent.yMinimum(), extent.yMaximum()
    lat_1, lat_2 = south + (north - south) / 6, north - (north - south) / 6
    return projections.albers_crs(lon_0, lat_1, lat_2)


def world_meridian(flows: QgsVectorLayer) -> float:
    """Centre a world map where it cuts the fewest persons' flows (150°E for China's data)."""
    to_wgs84 = QgsCoordinateTransform(flows.crs(), WGS84, QgsProject.instance())
    has_count = flows.fields().indexOf("count") >= 0
    lon1, lon2, weights = [], [], []
    for feature in flows.getFeatures():
        geom = feature.geometry()
        if geom is None or geom.isEmpty():
            continue
        vertices = list(geom.vertices())
        a = to_wgs84.transform(vertices[0].x(), vertices[0].y())
        b = to_wgs84.transform(vertices[-1].x(), vertices[-1].y())
        lon1.append(a.x())
        lon2.append(b.x())
        weights.append(float(feature["count"] or 1) if has_count else 1.0)
    if not lon1:
        return projections.WORLD_LON_0
    land = basemap.continents()
    ends = sorted({round(x, 1) for x in lon1 + lon2})

    def splits_no_continent_with_flows(lon_0: float) -> bool:
        seam = lon_0 + 180.0 if lon_0 < 0 else lon_0 - 180.0
        line = QgsGeometry.fromPolylineXY([QgsPointXY(seam, -56.0), QgsPointXY(seam, 60.0)])
        for body in land:
            if body.intersects(line):
                box = body.boundingBox()
                if any(box.xMinimum() <= x <= box.xMaximum() for x in ends):
                    return False
        return True

    best = best_central_meridian(
        lon1,
        lon2,
        weights,
        preferred=projections.WORLD_LON_0,
        step=5.0,
        allowed=splits_no_continent_with_flows,
    )
    return best


def equal_earth_note(lon_0: float) -> str:
    return tr("Equal Earth, centred on {}").format(
        f"{abs(lon_0):g}°" + ("E" if lon_0 > 0 else "W" if lon_0 < 0 else "")
    )


def frame_for(spec: MapSpec) -> tuple[QgsCoordinateReferenceSystem, QgsRectangle, bool, str]:
    """(map CRS, extent in it, is it a world map, projection note) for the spec's preset."""
    if spec.preset == CHINA:
        crs = projections.china_crs()
        return (
            crs,
            projections.project_extent(projections.CHINA_EXTENT, crs),
            False,
            tr("Albers equal-area conic, 105°E, standard parallels 25°N and 47°N"),
        )
    if spec.preset == WORLD:
        lon_0 = world_meridian(spec.flows)
        crs = projections.world_crs(lon_0)
        return (
            crs,
            projections.project_extent(projections.WORLD_EXTENT, crs),
            True,
            equal_earth_note(lon_0),
        )
    if spec.preset == USER and spec.extent is not None and not spec.extent.isEmpty():
        source_crs = spec.extent_crs if spec.extent_crs and spec.extent_crs.isValid() else WGS84
        box = QgsCoordinateTransform(source_crs, WGS84, QgsProject.instance()).transformBoundingBox(
            spec.extent
        )
    else:  # LAYERS (or a user preset without an extent)
        box = QgsRectangle()
        for layer in (spec.cities, spec.flows):
            box.combineExtentWith(
                QgsCoordinateTransform(
                    layer.crs(), WGS84, QgsProject.instance()
                ).transformBoundingBox(layer.extent())
            )
        box.grow(max(box.width(), box.height()) * 0.04)
    box = box.intersect(QgsRectangle(-180, -85, 180, 85))
    if box.width() > 150:
        lon_0 = world_meridian(spec.flows)
        crs = projections.world_crs(lon_0)
        extent = projections.project_extent(
            QgsRectangle(-180, box.yMinimum(), 180, box.yMaximum()), crs
        )
        return crs, extent, True, equal_earth_note(lon_0)
    crs = regional_albers(box)
    return (
        crs,
        projections.project_extent(box, crs),
        False,
        tr("Albers equal-area conic, centred on {:.0f}°E").format(box.center().x()),
    )


# ------------------------------------------------------------------ layers


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
                renderers.island_group_labeling(
                    spec.language, international=spec.view != basemap.CHINA_VIEW
                )
            )
            base["groups"].setLabelsEnabled(True)
            # the island groups' names (and the cities') keep off the islands
            base["islands"].setLabeling(renderers.obstacle_labeling())
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


def _rescue_labels(map_item, cities: QgsVectorLayer, spec: MapSpec, dpi: int = 150) -> None:
    """Every tier 1 and tier 2 city labelled: those the labeling engine could not place
    beside their city (a dense cluster such as Shanghai, Nanjing, Hangzhou) are set in a
    column off the east coast, with leader lines. Setting some apart frees room for
    others, or takes it: a few passes until every one is placed."""

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
            renderers.city_labeling(
                cities, spec.language, world=False, leader_fields=("label_x", "label_y")
            )
        )
        map_item.invalidateCache()
    if apart:  # no leader across another label, no label set apart over another
        untangle_leaders(map_item, cities, wanted, dpi)


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
    flows.setRenderer(renderers.flow_renderer(flows, spec.colour_by, spec.min_count, labels=labels))
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
    size_field = measure if figure2 else renderers.city_size_field(cities)
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
        renderers.city_labeling(
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


def _stack(layers: dict) -> list[QgsVectorLayer]:
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


# ------------------------------------------------------------------ layout


def _label(
    layout, text: str, size: float, bold: bool = False, colour: str = TEXT
) -> QgsLayoutItemLabel:
    item = QgsLayoutItemLabel(layout)
    item.setText(text)
    font = QFont("Noto Sans")
    font.setPointSizeF(size)
    font.setBold(bold)
    item.setFont(font)
    item.setFontColor(QColor(colour))
    item.setMode(QgsLayoutItemLabel.Mode.ModeFont)
    layout.addLayoutItem(item)
    return item


def notes_text(spec: MapSpec, projection: str) -> str:
    lines = []
    # The small-count note only where small flows were in fact left out.
    if spec.figure == figures.FIGURE_3:
        pass  # persons' own tracks: no flows, so nothing is hidden
    elif spec.threshold is not None and spec.threshold.total and not spec.threshold.shown:
        lines.append(
            tr(
                "No flow is shown: all {:,} have fewer than {} persons (small counts could "
                "identify people)."
            ).format(spec.threshold.total, spec.min_count)
        )
    elif spec.threshold is not None and map_mostly_hidden(spec.threshold):
        # a small study at this threshold: said first, so the reader knows the map is thin
        lines.append(
            tr(
                "Most flows are not shown: {:,} of {:,} have fewer than {} persons (small "
                "counts could identify people)."
            ).format(spec.threshold.hidden, spec.threshold.total, spec.min_count)
        )
    elif spec.hidden_flows > 0:
        lines.append(
            tr(
                "{:,} flows of fewer than {} persons are not shown: small counts could "
                "identify people."
            ).format(spec.hidden_flows, spec.min_count)
        )
    elif spec.min_count <= 1:
        lines.append(tr("All flows are shown, including single persons: check before publishing."))
    if spec.figure != figures.FIGURE_3 and spec.hidden_cities > 0:
        lines.append(
            tr("{:,} cities of fewer than {} persons are not shown.").format(
                spec.hidden_cities, spec.min_count
            )
        )
    if spec.figure == figures.FIGURE_2:
        lines.append(
            tr("Only cities linked to more than {} other cities, and the flows among them.").format(
                spec.min_links
            )
        )
    if spec.figure == figures.FIGURE_3:
        lines.append(
            tr("Persons: {}.").format(figures.persons_key(spec.persons, spec_patterns(spec)))
        )
    if spec.preset == CHINA:
        lines.append(boundary_note(spec))
    lines += [
        tr("Projection: {}.").format(projection),
        (tr("Data: {}.").format(spec.source) + " " if spec.source else "")
        + tr("Places: GeoNames (CC BY 4.0). Basemap: Natural Earth via QGIS world map."),
        tr("Made with Backflow for QGIS {}.").format(Qgis.QGIS_VERSION.split("-")[0]),
    ]
    return "\n".join(lines)


def boundary_note(spec: MapSpec) -> str:
    """Which boundaries the China map draws (and the review number of a user's map)."""
    view = spec.view
    if view == basemap.CHINA_VIEW:
        return tr(
            "Boundaries: China's view (claimed borders from Natural Earth's disputed "
            "borders; South China Sea line from Natural Earth's maritime indicators, the "
            "dash east of Taiwan approximate; resources/boundaries)."
        )
    if view == basemap.USER_VIEW:
        name = spec.boundary_layer.name() if spec.boundary_layer is not None else ""
        text = tr("Boundaries: the user's layer '{}'.").format(name)
        if spec.review_number:
            text += " " + tr("Map review number: {}.").format(spec.review_number)
        return text
    return tr("Boundaries: de facto, as QGIS's world map (Natural Earth) draws them.")


def build_layout(project, spec, feedback=None):
    """The print layout for `spec`, its texts and legend in the map's language."""
    with translated("zh_CN" if spec.language == "zh" else "en_US"):
        return _build_layout(project, spec, feedback)


def _build_layout(project: QgsProject, spec: MapSpec, feedback=None) -> QgsPrintLayout:
    """A print layout for the spec, added to `project` (replacing one of the same name)."""
    crs, extent, world, projection = frame_for(spec)
    # With the South China Sea in the inset, the main map ends south of Hainan (the sea
    # is not drawn twice) and its frame takes the cut extent's shape.
    cut = spec.preset == CHINA and spec.inset and not world
    if cut:
        extent = china_frame.cut_extent(extent, crs)
    layers = map_layers(spec, crs, world, feedback)
    group = project.layerTreeRoot().findGroup(spec.layout_name)
    if group is None:
        group = project.layerTreeRoot().addGroup(spec.layout_name)
    group.removeAllChildren()
    for lyr in _stack(layers):
        project.addMapLayer(lyr, False)
        group.addLayer(lyr)
    group.setItemVisibilityChecked(False)
    group.setExpanded(False)
    spec.layers = _stack(layers)

    manager = project.layoutManager()
    old = manager.layoutByName(spec.layout_name)
    if old is not None:
        manager.removeLayout(old)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(spec.layout_name)
    width, height = PAGES_MM.get(spec.page, PAGES_MM["A4"])
    if not spec.landscape:
        width, height = height, width
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(width, height, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    manager.addLayout(layout)

    scale = width / 297.0 if spec.landscape else height / 297.0
    top = MARGIN
    if spec.show_title:
        title = _label(
            layout, spec.title or tr("Return migration of highly skilled people"), 16 * scale, True
        )
        place(title, MARGIN, MARGIN - 2, width - 2 * MARGIN, 9 * scale)
        title.setId("title")
        top = MARGIN - 2 + 9 * scale
        if spec.subtitle:
            subtitle = _label(layout, spec.subtitle, 10 * scale, colour="#555555")
            place(subtitle, MARGIN, top, width - 2 * MARGIN, 6 * scale)
            subtitle.setId("subtitle")
            top += 6 * scale
        top += 2

    # Legend and notes go in a side panel or in a band below the map, whichever
    # leaves the larger map; the frame takes the extent's shape.
    aspect = extent.width() / extent.height()
    panel, band = 66.0 * scale, (46.0 if spec.landscape else 62.0) * scale

    def fit(w: float, h: float) -> tuple[float, float]:
        return (h * aspect, h) if w / h > aspect else (w, w / aspect)

    side = fit(width - 2 * MARGIN - panel - 5, height - top - MARGIN)
    below = fit(width - 2 * MARGIN, height - top - MARGIN - band - 4)
    in_panel = side[0] * side[1] >= below[0] * below[1]
    map_w, map_h = side if in_panel else below
    if not world and not cut:
        # A regional map fills the space: the frame shows more of the surroundings
        # rather than leaving the page blank (a world map keeps the world's shape).
        map_w = width - 2 * MARGIN - panel - 5 if in_panel else width - 2 * MARGIN
        map_h = height - top - MARGIN if in_panel else height - top - MARGIN - band - 4
    map_x = MARGIN if in_panel else (width - map_w) / 2
    order = _stack(layers)

    map_item = QgsLayoutItemMap(layout)
    map_item.setId("map")
    layout.addLayoutItem(map_item)
    map_item.setCrs(crs)
    fit_map(map_item, extent, map_x, top, map_w, map_h)
    map_item.setLayers(order)
    map_item.setKeepLayerSet(True)
    map_item.setBackgroundColor(QColor(BASEMAP["water"]))
    map_item.setFrameEnabled(True)
    map_item.setFrameStrokeColor(QColor(BASEMAP["frame"]))
    map_item.setFrameStrokeWidth(
        QgsLayoutMeasurement(0.3, QgsUnitTypes.LayoutUnit.LayoutMillimeters)
    )

    if not world:
        _scale_bar(layout, map_item, map_x + 4, top + map_h - 14 * scale, scale)
        arrow = QgsLayoutItemPicture(layout)
        arrow.setId("north arrow")
        arrow.setPicturePath(QgsApplication.pkgDataPath() + "/svg/arrows/NorthArrow_02.svg")
        arrow.setLinkedMap(map_item)
        arrow.setNorthMode(QgsLayoutItemPicture.NorthMode.TrueNorth)
        layout.addLayoutItem(arrow)
        place(arrow, map_x + 4, top + 4, 7 * scale, 10 * scale)
        if spec.preset == CHINA and spec.inset:
            inset = _inset(
                layout,
                layers.get("china_base") or [layers["basemap"]],
                map_x + map_w,
                top + map_h,
                scale,
                tr("South China Sea Islands")
                if spec.view == basemap.CHINA_VIEW
                else tr("South China Sea"),
            )
            china_frame.keep_lines_clear(inset, map_item, layers.get("china_lines", []))

    if "cities" in layers and not world:
        _rescue_labels(map_item, layers["cities"], spec)
    if spec.figure == figures.FIGURE_3:
        add_detail_panel(layout, map_item, layers, layers.get("china_base") or [layers["basemap"]])
        untangle_leaders(map_item, layers["stops"], free=True)  # stage numbers set apart

    legend = QgsLayoutItemLegend(layout)
    legend.setId("legend")
    legend.setTitle("")
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for key in ("flows", "cities", "routes", "tracks", "stops"):
        if key in layers:
            node = root.addLayer(layers[key])
            if key == "routes":
                _legible_route_keys(legend, node, layers[key])
    if spec.preset == CHINA:
        boundaries = root.addGroup(tr("Boundaries"))
        for key_layer in china_frame.boundary_keys(spec.view, basemap.CHINA_VIEW):
            project.addMapLayer(key_layer, False)
            group.addLayer(key_layer)
            boundaries.addLayer(key_layer)
    legend.setSymbolWidth(8 * scale)
    legend.setSymbolHeight(3.5 * scale)
    legend.setStyleFont(QgsLegendStyle.Style.Title, _font(10 * scale, True))
    legend.setStyleFont(QgsLegendStyle.Style.Subgroup, _font(8.5 * scale, True))
    legend.setStyleFont(QgsLegendStyle.Style.Group, _font(8.5 * scale, True))
    legend.setStyleFont(QgsLegendStyle.Style.SymbolLabel, _font(7.5 * scale))
    legend.setBackgroundEnabled(False)
    legend.setResizeToContents(True)
    layout.addLayoutItem(legend)
    notes = _label(layout, notes_text(spec, projection), 6.5 * scale, colour="#444444")
    notes.setId("notes")
    if in_panel:
        x = map_x + map_w + 5
        legend.attemptMove(QgsLayoutPoint(x, top, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        place(notes, x, top + map_h - 36 * scale, panel, 36 * scale)
    else:
        notes_w = 78.0 * scale
        legend.setColumnCount(len(root.children()))
        legend.setSplitLayer(False)
        legend.setEqualColumnWidth(False)
        legend.attemptMove(
            QgsLayoutPoint(map_x, top + map_h + 3, QgsUnitTypes.LayoutUnit.LayoutMillimeters)
        )
        place(notes, map_x + map_w - notes_w, top + map_h + 3, notes_w, band - 4)
        notes.setVAlign(Qt.AlignmentFlag.AlignTop)
    if in_panel:
        notes.setVAlign(Qt.AlignmentFlag.AlignBottom)
    notes.setHAlign(Qt.AlignmentFlag.AlignLeft)
    legend.adjustBoxSize()
    legend.refresh()
    if in_panel:  # a long legend (boundary keys, a short cut map) pushes the notes down
        from qgis.core import QgsLegendRenderer

        size = QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize()
        legend_bottom = top + size.height() + 3
        if legend_bottom > notes.positionWithUnits().y():
            notes.setVAlign(Qt.AlignmentFlag.AlignTop)
            place(notes, map_x + map_w + 5, legend_bottom, panel, height - MARGIN - legend_bottom)
    return layout


def _legible_route_keys(legend, node, routes: QgsVectorLayer) -> None:
    """Routes are drawn nearly transparent (overlaps make the density); their legend
    keys are drawn stronger, or they would not show."""
    items = routes.renderer().legendSymbolItems()
    for index, item in enumerate(items):
        if item.symbol() is None:
            continue
        symbol = item.symbol().clone()
        symbol.setOpacity(0.7)
        symbol.setWidth(0.6)
        QgsMapLayerLegendUtils.setLegendNodeCustomSymbol(node, index, symbol)
    legend.model().refreshLayerLegend(node)


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont("Noto Sans")
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _scale_bar(layout, map_item, x: float, y: float, scale: float) -> QgsLayoutItemScaleBar:
    bar = QgsLayoutItemScaleBar(layout)
    bar.setId("scale bar")
    bar.setStyle("Single Box")
    bar.setLinkedMap(map_item)
    bar.setUnits(QgsUnitTypes.DistanceUnit.DistanceKilometers)
    bar.setUnitLabel(tr("km"))
    bar.setNumberOfSegmentsLeft(0)
    bar.setNumberOfSegments(2)
    bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFixed)
    map_width_km = map_item.extent().width() / 1000.0
    step = next(
        (s for s in (1000, 500, 250, 200, 100, 50, 25, 10, 5, 2, 1) if s * 2 <= map_width_km / 5), 1
    )
    bar.setUnitsPerSegment(step)
    bar.setHeight(1.5 * scale)
    bar.setFont(_font(7 * scale))
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 200))
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    bar.refresh()
    return bar


def _inset(
    layout, base_layers, right: float, bottom: float, scale: float, title: str = ""
) -> QgsLayoutItemMap:
    """The South China Sea inset (南海诸岛), in the main map's lower-right corner."""
    crs = projections.china_crs()
    extent = projections.project_extent(projections.SOUTH_CHINA_SEA_EXTENT, crs)
    h = 48.0 * scale
    w = h * extent.width() / extent.height()
    inset = QgsLayoutItemMap(layout)
    inset.setId("inset")
    inset.setCrs(crs)
    inset.setLayers(list(base_layers))
    inset.setKeepLayerSet(True)
    inset.setBackgroundColor(QColor(BASEMAP["water"]))
    inset.setFrameEnabled(True)
    inset.setFrameStrokeColor(QColor(BASEMAP["frame"]))
    layout.addLayoutItem(inset)
    fit_map(inset, extent, right - w, bottom - h, w, h)
    caption = _label(layout, title or tr("South China Sea Islands"), 6 * scale, colour="#555555")
    caption.setId("inset caption")
    caption.setHAlign(Qt.AlignmentFlag.AlignRight)
    place(caption, right - w, bottom - 5 * scale, w - 1.5, 4 * scale)
    return inset


# ------------------------------------------------------------------ export


def export(layout: QgsPrintLayout, path: str, dpi: int = 300) -> str:
    """Export to PDF (vector), SVG or PNG/JPG by the file's suffix; returns the path."""
    exporter = QgsLayoutExporter(layout)
    suffix = Path(path).suffix.lower()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".pdf":
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = dpi
        settings.forceVectorOutput = True
        settings.rasterizeWholeImage = False
        settings.appendGeoreference = True
        # Map labels as text, not outlines: searchable, and editable in a drawing program.
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
        result = exporter.exportToPdf(path, settings)
    elif suffix == ".svg":
        settings = QgsLayoutExporter.SvgExportSettings()
        settings.dpi = dpi
        settings.forceVectorOutput = True
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
        result = exporter.exportToSvg(path, settings)
    else:
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = dpi
        result = exporter.exportToImage(path, settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise OSError(f"could not export the layout to {path}: {exporter.errorFile() or result}")
    return path


def drawn_flows(spec: MapSpec) -> QgsVectorLayer | None:
    """The flows layer that build_layout drew for `spec` (whatever its language)."""
    return next(
        (lyr for lyr in spec.layers if lyr.customProperty("backflow/role") == "flows"), None
    )


def frame_years(flows: QgsVectorLayer) -> list[int]:
    """The return years: first years of the backflow flows (of every flow when the map
    draws no backflow)."""
    request = QgsFeatureRequest()
    if flows.fields().indexOf("flow_type") >= 0 and any(
        f["flow_type"] == "backflow" for f in flows.getFeatures()
    ):
        request.setFilterExpression("\"flow_type\" = 'backflow'")
    years = set()
    for f in flows.getFeatures(request):
        value = f["first_year"]
        if value not in (None, "") and str(value) != "NULL":
            years.add(int(value))
    return sorted(years)


def export_frames(layout: QgsPrintLayout, spec: MapSpec, path: str, dpi: int = 300, feedback=None):
    """One file per return year beside `path` (stem_YYYY.ext): each frame draws the
    flows that began by that year (their `first_year`), with the year written on the map.

    Returns the paths written; none when the flows carry no `first_year`."""
    flows = drawn_flows(spec)
    if flows is None or flows.fields().indexOf("first_year") < 0:
        return []
    years = frame_years(flows)
    map_item = layout.itemById("map")
    stamp = _label(layout, "", 22, True, colour="#444444")
    stamp.setId("frame year")
    box = map_item.sizeWithUnits()
    pos = map_item.positionWithUnits()
    place(stamp, pos.x() + box.width() - 45, pos.y() + 3, 42, 12)
    stamp.setHAlign(Qt.AlignmentFlag.AlignRight)
    stem, suffix = Path(path).with_suffix(""), Path(path).suffix
    written = []
    try:
        for year in years:
            if feedback is not None and feedback.isCanceled():
                break
            flows.setSubsetString(f'"first_year" <= {year}')
            stamp.setText(str(year))
            map_item.invalidateCache()
            written.append(export(layout, f"{stem}_{year}{suffix}", dpi))
    finally:
        flows.setSubsetString("")
        layout.removeLayoutItem(stamp)
    return written
