"""The publication map's frame: its projection and extent (China, world, a region or the
user's), and the Equal Earth meridian that keeps the flows whole."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)

from ..core.trajectories.flow_lines import best_central_meridian
from ..translation import tr
from . import basemap, projections
from .map_spec import MapSpec
from .projections import CHINA, USER, WGS84, WORLD


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
