"""The first look of Backflow's results on the canvas.

When Backflow's layers arrive in a project that has nothing else (a new project, or
only Backflow's own layers and no first look yet), the project gets:

- a projected CRS: Albers equal-area on the home country (China: 105°E, 25°N/47°N), or
  Equal Earth centred where the flows cut least (the panel's "view" choice);
- a basemap group at the bottom from QGIS's world map: countries, the home country's
  provinces, the home country set apart;
- the view zoomed to the home country;
- the layers ordered cities > flows > routes > stages > basemap (top to bottom).

A project with other layers keeps its CRS and view, and never gets a second basemap.

Lines and basemap polygons are drawn through a geometry-generator symbol layer that
cuts them at the antimeridian of the *map's* CRS (lon_0 + 180°, read from
``@map_crs_definition`` at render time). Chosen over re-splitting the data on
``QgsProject.crsChanged`` because it holds in every map that draws the layer (canvas,
print layouts and overviews with their own CRS), needs no plugin code at render time
(a saved project renders the same without Backflow), and leaves the data untouched.
"""

from __future__ import annotations

import logging
import time
from collections import Counter

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometryGeneratorSymbolLayer,
    QgsLayerTreeGroup,
    QgsLayerTreeLayer,
    QgsMapLayer,
    QgsProject,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsRenderContext,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.schema import DEFAULT_HOME_COUNTRY
from ..core.trajectories.flow_lines import best_central_meridian
from ..translation import tr
from . import basemap, projections
from .render_guard import layers_changing, map_canvas
from .views import VIEW_WORLD, chosen_view

log = logging.getLogger("backflow")

KIND_PROPERTY = "backflow/kind"
BASEMAP_PROPERTY = "backflow/basemap"
SCOPE, DONE_KEY = "backflow", "first_look"

# Top of the layer tree first; a kind not listed goes below these.
ORDER = (
    "network", "cities", "returns_by_year", "clusters", "flows", "flows_all", "routes", "stages",
)  # fmt: skip

# Cut a lon/lat geometry where it crosses the map CRS's antimeridian (lon_0 + 180°).
# A thin strip there is removed; geometries that do not reach it are returned as they are.
SEAM_EXPRESSION = (
    "with_variable('lon_0', coalesce(to_real(nullif(regexp_substr(@map_crs_definition, "
    "'\\\\+lon_0=(-?[0-9.]+)'), '')), 0),"
    "with_variable('seam', if(@lon_0 > 0, @lon_0 - 180, @lon_0 + 180),"
    "if(abs(@seam) > 179.9999 OR x_min($geometry) > @seam OR x_max($geometry) < @seam,"
    " $geometry,"
    " difference($geometry, make_polygon(make_line(make_point(@seam - 1e-6, -91),"
    " make_point(@seam + 1e-6, -91), make_point(@seam + 1e-6, 91),"
    " make_point(@seam - 1e-6, 91), make_point(@seam - 1e-6, -91)))))))"
)


# ---------------------------------------------------------------- settings


# ---------------------------------------------------------------- what the project holds


def is_backflow(layer: QgsMapLayer) -> bool:
    return bool(layer.customProperty(KIND_PROPERTY) or layer.customProperty(BASEMAP_PROPERTY))


def is_new_project(project: QgsProject) -> bool:
    """No CRS yet, or no map layer but Backflow's (tables do not count)."""
    if not project.crs().isValid():
        return True
    return all(is_backflow(lyr) or not lyr.isSpatial() for lyr in project.mapLayers().values())


def first_look_done(project: QgsProject) -> bool:
    return project.readBoolEntry(SCOPE, DONE_KEY, False)[0]


def backflow_layers(project: QgsProject, *kinds: str) -> list[QgsVectorLayer]:
    return [
        lyr
        for lyr in project.mapLayers().values()
        if isinstance(lyr, QgsVectorLayer)
        and lyr.customProperty(KIND_PROPERTY)
        and (not kinds or lyr.customProperty(KIND_PROPERTY) in kinds)
    ]


def home_country(project: QgsProject, default: str = DEFAULT_HOME_COUNTRY) -> str:
    """The commonest country of the domestic cities among Backflow's city layers."""
    counts: Counter = Counter()
    for layer in backflow_layers(project, "network", "cities"):
        names = layer.fields().names()
        if "domestic" not in names or "country" not in names:
            continue
        for feature in layer.getFeatures():
            if feature["domestic"] in (True, 1, "true", "True") and feature["country"]:
                counts[str(feature["country"]).upper()] += 1
    return counts.most_common(1)[0][0] if counts else default


def _country_feature_box(iso: str) -> QgsRectangle | None:
    layer = QgsVectorLayer(f"{basemap.world_map_path()}|layername=countries", "c", "ogr")
    if not layer.isValid():
        return None
    box = QgsRectangle()
    for feature in (f for f in layer.getFeatures() if f["iso_a2"] == iso):
        # The largest part only: overseas islands would widen the box to the world.
        parts = feature.geometry().asGeometryCollection()
        main = max(parts, key=lambda g: g.area()) if parts else feature.geometry()
        box.combineExtentWith(main.boundingBox())
    return None if box.isNull() or box.isEmpty() else box


def home_extent(iso: str) -> QgsRectangle:
    """The home country's box in lon/lat (China: the national map frame)."""
    if iso.upper() == "CN":
        return QgsRectangle(projections.CHINA_EXTENT)
    return _country_feature_box(iso.upper()) or QgsRectangle(projections.CHINA_EXTENT)


named = projections.named  # (kept: the name first_look used to define)


def home_crs(iso: str) -> QgsCoordinateReferenceSystem:
    """Albers equal-area on the home country: China Albers for CN, else fitted to its box."""
    if iso.upper() == "CN":
        return projections.china_crs()
    box = home_extent(iso)
    lon_0 = (box.xMinimum() + box.xMaximum()) / 2
    south, north = box.yMinimum(), box.yMaximum()
    lat_1, lat_2 = south + (north - south) / 6, north - (north - south) / 6
    crs = QgsCoordinateReferenceSystem.fromProj(
        f"+proj=aea +lat_0=0 +lon_0={lon_0:.4f} +lat_1={lat_1:.4f} +lat_2={lat_2:.4f} "
        "+x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
    )
    return named(crs, f"{iso.upper()} Albers equal-area (Backflow)")


def flow_meridian(project: QgsProject) -> float:
    """The central meridian of a world map that cuts the fewest of the project's flows."""
    lon1, lon2, weights = [], [], []
    for layer in backflow_layers(project, "flows"):
        if not layer.crs().isGeographic():
            continue
        has_count = layer.fields().indexOf("count") >= 0
        for feature in layer.getFeatures():
            geometry = feature.geometry()
            if geometry.isEmpty():
                continue
            vertices = list(geometry.vertices())
            lon1.append(vertices[0].x())
            lon2.append(vertices[-1].x())
            weights.append(float(feature["count"] or 1) if has_count else 1.0)
    if not lon1:
        return projections.WORLD_LON_0
    return best_central_meridian(lon1, lon2, weights, preferred=projections.WORLD_LON_0)


def view_crs_and_extent(
    project: QgsProject, view: str, iso: str
) -> tuple[QgsCoordinateReferenceSystem, QgsRectangle]:
    """(CRS, extent in that CRS) of the first look."""
    if view == VIEW_WORLD:
        lon_0 = flow_meridian(project)
        crs = projections.world_crs(lon_0)
        return crs, projections.project_extent(projections.WORLD_EXTENT, crs)
    crs = home_crs(iso)
    return crs, projections.project_extent(home_extent(iso), crs)


# ---------------------------------------------------------------- seam-safe symbols


def seam_safe(layer: QgsVectorLayer) -> bool:
    """Draw a lon/lat line or polygon layer cut at the map's antimeridian; True when done."""
    if not isinstance(layer, QgsVectorLayer) or layer.renderer() is None:
        return False
    if not layer.crs().isGeographic():
        return False
    kind = layer.geometryType()
    if kind == QgsWkbTypes.GeometryType.LineGeometry:
        symbol_type = Qgis.SymbolType.Line
    elif kind == QgsWkbTypes.GeometryType.PolygonGeometry:
        symbol_type = Qgis.SymbolType.Fill
    else:
        return False
    done = False
    for symbol in layer.renderer().symbols(QgsRenderContext()):
        if symbol is None or symbol.symbolLayerCount() == 0:
            continue
        if any(isinstance(s, QgsGeometryGeneratorSymbolLayer) for s in symbol.symbolLayers()):
            continue
        inner = symbol.clone()
        generator = QgsGeometryGeneratorSymbolLayer.create({"geometryModifier": SEAM_EXPRESSION})
        generator.setSymbolType(symbol_type)
        generator.setSubSymbol(inner)
        symbol.appendSymbolLayer(generator)
        while symbol.symbolLayerCount() > 1:
            symbol.deleteSymbolLayer(0)
        symbol.setOpacity(1.0)  # the inner symbol keeps the opacity
        done = True
    return done


# ---------------------------------------------------------------- the basemap


def basemap_group(project: QgsProject) -> QgsLayerTreeGroup | None:
    for group in project.layerTreeRoot().findGroups(True):
        if group.customProperty(BASEMAP_PROPERTY):
            return group
    return None


def _world_copy(layer_name: str, name: str, keep) -> QgsVectorLayer:
    """Features of QGIS's world map kept in memory: the project does not depend on the
    install's file, which many QGIS processes may hold open at once (SQL filters on it
    then fail with 'unable to open database file')."""
    source = basemap.world_layer(layer_name)
    kind = QgsWkbTypes.displayString(source.wkbType())
    out = QgsVectorLayer(f"{kind}?crs={source.crs().authid()}", name, "memory")
    out.dataProvider().addAttributes(source.fields().toList())
    out.updateFields()
    out.dataProvider().addFeatures([f for f in source.getFeatures() if keep(f)])
    out.updateExtents()
    return out


def _china_layers() -> list[QgsMapLayer]:
    """China as the publication maps draw it (styling.basemap.china_basemap), top first,
    without its neighbours (the world's countries lie beneath); [] if not available."""
    china_basemap = getattr(basemap, "china_basemap", None)
    if china_basemap is None:
        return []
    try:
        parts = china_basemap(basemap.CHINA_VIEW)
    except Exception as err:  # noqa: BLE001 - the plain world map still serves
        log.warning("China basemap not available: %s", err)
        return []
    order = ("groups", "islands", "dashes", "border", "provinces", "china")
    return [parts[key] for key in order if key in parts and parts[key].isValid()]


def add_basemap(project: QgsProject, iso: str) -> QgsLayerTreeGroup:
    """The basemap group at the bottom of the tree (never a second one)."""
    group = basemap_group(project)
    if group is not None:
        return group
    group = project.layerTreeRoot().addGroup(tr("Basemap"))
    group.setCustomProperty(BASEMAP_PROPERTY, True)
    # Antarctica wraps the pole: no CRS draws it well, and the flows never go there.
    countries = _world_copy("countries", tr("Countries"), lambda f: f["iso_a2"] != "AQ")
    basemap.set_home_apart(countries, iso)
    china = _china_layers() if iso == "CN" else []
    if china:  # the national map's China (its view of borders, the South China Sea)
        layers = china + [countries]
    else:
        provinces = _world_copy("states_provinces", tr("Provinces"), lambda f: f["iso_a2"] == iso)
        basemap.style_provinces(provinces)
        layers = [provinces, countries]
    for layer in layers:
        layer.setCustomProperty(BASEMAP_PROPERTY, True)
        seam_safe(layer)
        project.addMapLayer(layer, False)
        group.addLayer(layer).setExpanded(False)
    group.setExpanded(False)
    return group


# ---------------------------------------------------------------- order and view


def _rank(node) -> int:
    if not isinstance(node, QgsLayerTreeLayer) or node.layer() is None:
        return len(ORDER)
    kind = node.layer().customProperty(KIND_PROPERTY)
    return ORDER.index(kind) if kind in ORDER else len(ORDER)


def arrange(project: QgsProject) -> None:
    """Backflow's layers ordered within their groups; the basemap group last.

    Nodes are cloned into place and the originals removed (callers must not keep a node
    across this). The registry bridge is paused meanwhile, or it would remove a layer
    from the project when its original node leaves the tree.
    """
    root = project.layerTreeRoot()
    bridge = project.layerTreeRegistryBridge()
    was_enabled = bridge.isEnabled()
    bridge.setEnabled(False)
    try:
        parents = {id(root): root}
        for layer in backflow_layers(project):
            node = root.findLayer(layer.id())
            if node is not None and node.parent() is not None:
                parents[id(node.parent())] = node.parent()
        for parent in parents.values():
            nodes = [
                n
                for n in parent.children()
                if isinstance(n, QgsLayerTreeLayer)
                and n.layer() is not None
                and n.layer().customProperty(KIND_PROPERTY)
            ]
            wanted = sorted(nodes, key=_rank)
            if [n.layerId() for n in nodes] == [n.layerId() for n in wanted]:
                continue
            start = min(parent.children().index(n) for n in nodes)
            for offset, node in enumerate(wanted):
                parent.insertChildNode(start + offset, node.clone())
            for node in nodes:
                parent.removeChildNode(node)
        group = basemap_group(project)
        if group is not None and group.parent() is root and root.children()[-1] is not group:
            root.addChildNode(group.clone())
            root.removeChildNode(group)
    finally:
        bridge.setEnabled(was_enabled)


def _never_raises(callback):
    """`callback` for a timer or a signal: what it reaches may be gone by the time it runs
    (QGIS closing, the canvas deleted). An exception escaping a slot ends the process under
    PyQt's default hook, and QGIS shows it as a Python error, so it is logged instead."""

    def run(*_args):
        try:
            callback()
        except RuntimeError as err:  # a wrapped Qt object deleted meanwhile
            log.debug("first look: %s", err)

    return run


def show(project: QgsProject, crs: QgsCoordinateReferenceSystem, extent: QgsRectangle) -> None:
    """Set the project CRS and the view (the canvas when there is one, and the project's
    default view, which a reopened project starts from)."""
    project.setCrs(crs)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, crs))
    canvas = map_canvas()
    if canvas is not None and project is QgsProject.instance():
        canvas.setDestinationCrs(crs)
        canvas.setExtent(extent)
        canvas.refresh()


def home_view_extent(project: QgsProject) -> QgsRectangle | None:
    """The first look's extent in the project CRS (None when there was no first look)."""
    if not first_look_done(project):
        return None
    default = project.viewSettings().defaultViewExtent()
    if default.isNull():
        return None
    if default.crs() == project.crs():
        return QgsRectangle(default)
    transform = QgsCoordinateTransform(default.crs(), project.crs(), project)
    return transform.transformBoundingBox(default)


def apply(project: QgsProject, view: str | None = None, iso: str | None = None) -> bool:
    """The first look, when the project is new; True when it was applied now."""
    if first_look_done(project) or not is_new_project(project):
        return False
    iso = (iso or home_country(project)).upper()
    crs, extent = view_crs_and_extent(project, view or chosen_view(), iso)
    add_basemap(project, iso)
    project.writeEntry(SCOPE, DONE_KEY, True)
    project.writeEntry(SCOPE, "home_country", iso)
    show(project, crs, extent)
    arrange(project)
    _after_canvas_settles(project, crs, extent)
    return True


def _after_canvas_settles(project, crs, extent) -> None:
    """QGIS desktop sets a new project's CRS and view from its first layers a moment after
    they are added (the layer tree's canvas bridge): hold that off, and set ours again."""
    if map_canvas() is None or project is not QgsProject.instance():
        return
    from qgis.PyQt.QtCore import QTimer
    from qgis.utils import iface

    bridge = iface.layerTreeCanvasBridge() if hasattr(iface, "layerTreeCanvasBridge") else None
    if bridge is not None and hasattr(bridge, "setAutoSetupOnFirstLayer"):
        bridge.setAutoSetupOnFirstLayer(False)
        QTimer.singleShot(5000, _never_raises(lambda: bridge.setAutoSetupOnFirstLayer(True)))

    # For a few seconds, a CRS that QGIS's first-layer logic takes from our layers (lon/lat)
    # is put back to ours; any other change, or any change later, is the user's and stays.
    layer_crss = {lyr.crs().authid() for lyr in backflow_layers(project)}
    deadline = time.monotonic() + SETTLE_SECONDS

    def restore():
        if time.monotonic() > deadline or not first_look_done(project):
            return
        if project.crs() != crs and project.crs().authid() in layer_crss:
            show(project, crs, extent)  # emits crsChanged again: then the branch below
        elif project.crs() == crs:
            canvas = map_canvas()  # the view QGIS's bridge zoomed out to the layers
            if canvas is not None and canvas.mapSettings().destinationCrs() == crs:
                canvas.setExtent(extent)
                canvas.refresh()

    guarded = _never_raises(restore)

    def settled():
        if guarded in _SETTLING:
            _SETTLING.remove(guarded)
        try:
            project.crsChanged.disconnect(guarded)
        except TypeError:
            pass

    _SETTLING.append(guarded)  # a strong reference while connected
    project.crsChanged.connect(guarded)
    QTimer.singleShot(int(SETTLE_SECONDS * 1000) + 500, _never_raises(settled))
    for delay in RESTORE_AFTER_MS:
        QTimer.singleShot(delay, guarded)


SETTLE_SECONDS = 5.0
RESTORE_AFTER_MS = (200, 1500, 4000)  # when QGIS's bridge may have changed the view
_SETTLING: list = []


def layer_loaded(layer: QgsMapLayer, kind: str, project: QgsProject | None = None) -> None:
    """Called for each Backflow layer once it is in a project (post-processor, panel)."""
    project = project or layer.project() or QgsProject.instance()
    with layers_changing(project):  # the first look and the per-year layer add layers
        _layer_loaded(layer, kind, project)


def _layer_loaded(layer: QgsMapLayer, kind: str, project: QgsProject) -> None:
    layer.setCustomProperty(KIND_PROPERTY, kind)
    if isinstance(layer, QgsVectorLayer):
        seam_safe(layer)
    if kind == "flows" and isinstance(layer, QgsVectorLayer):
        from .display import display_settings, filter_flows, view_flow_types

        settings = display_settings()
        filter_flows(layer, settings["min_count"], settings["top_n"], view_flow_types(layer))
    if kind == "stages" and isinstance(layer, QgsVectorLayer):
        add_returns_by_year(project, layer)
    if kind in ("network", "cities") and not first_look_done(project):
        apply(project)  # needs the cities: their domestic country is the home country
    elif first_look_done(project):
        arrange(project)


def add_returns_by_year(project: QgsProject, stages: QgsVectorLayer) -> QgsVectorLayer | None:
    """The per-year city layer next to `stages` (once per stages layer)."""
    from .display import returns_by_year_layer

    for other in backflow_layers(project, "returns_by_year"):
        if other.customProperty("backflow/from") == stages.id():
            return other
    layer = returns_by_year_layer(stages)
    if layer is None:
        return None
    layer.setCustomProperty(KIND_PROPERTY, "returns_by_year")
    layer.setCustomProperty("backflow/output", "RETURNS_BY_YEAR")  # the panel replaces it
    layer.setCustomProperty("backflow/from", stages.id())
    node = project.layerTreeRoot().findLayer(stages.id())
    parent = node.parent() if node is not None else project.layerTreeRoot()
    project.addMapLayer(layer, False)
    node = parent.insertLayer(0, layer)
    node.setItemVisibilityChecked(False)
    node.setExpanded(False)
    return layer
