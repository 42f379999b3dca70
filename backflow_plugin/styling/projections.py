"""Map projections that suit the data: equal-area for China and for the world.

China: Albers equal-area conic, central meridian 105°E, standard parallels 25°N and
47°N (the usual projection of Chinese national maps). World: Equal Earth centred on
150°E (EPSG:8859, "Equal Earth Asia-Pacific"), so that China sits near the middle and
flows to and from the Americas cross the Pacific instead of the map's edge.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProject,
    QgsRectangle,
)

from ..core.schema import WGS84_AUTHID

CHINA_ALBERS_PROJ = (
    "+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
)
WORLD_LON_0 = 150.0
EQUAL_EARTH_PROJ = (
    f"+proj=eqearth +lon_0={WORLD_LON_0:g} +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
)

# Extents in WGS 84 (lon/lat) that the presets frame.
CHINA_EXTENT = QgsRectangle(73.0, 16.5, 135.5, 54.0)
# The South China Sea inset of Chinese national maps.
SOUTH_CHINA_SEA_EXTENT = QgsRectangle(106.0, 2.5, 123.5, 24.5)
WORLD_EXTENT = QgsRectangle(WORLD_LON_0 - 180.0, -56.0, WORLD_LON_0 + 180.0, 84.0)

CHINA, WORLD, LAYERS, USER = "china", "world", "layers", "user"
PRESETS = (CHINA, WORLD, LAYERS, USER)
WGS84 = QgsCoordinateReferenceSystem(WGS84_AUTHID)  # the one QGIS object for it


CHINA_ALBERS_NAME = "Backflow China Albers (105E, 25N/47N)"


def named(crs: QgsCoordinateReferenceSystem, name: str) -> QgsCoordinateReferenceSystem:
    """The same CRS with an (ASCII) name in its WKT, so QGIS's status bar and the layer
    properties show the name instead of "Unknown CRS" (no EPSG/ESRI code matches
    these projections, and a name in the WKT needs no write to the user's CRS list)."""
    wkt = crs.toWkt(QgsCoordinateReferenceSystem.WktVariant.WKT2_2019)
    if not wkt.startswith('PROJCRS["unknown"'):
        return crs
    out = QgsCoordinateReferenceSystem.fromWkt(wkt.replace('"unknown"', f'"{name}"', 1))
    return out if out.isValid() else crs


def china_crs() -> QgsCoordinateReferenceSystem:
    return named(QgsCoordinateReferenceSystem.fromProj(CHINA_ALBERS_PROJ), CHINA_ALBERS_NAME)


def world_crs(lon_0: float = WORLD_LON_0) -> QgsCoordinateReferenceSystem:
    """Equal Earth centred on `lon_0` (150°E by default; see layout.frame_for)."""
    crs = QgsCoordinateReferenceSystem.fromProj(
        EQUAL_EARTH_PROJ.replace(f"+lon_0={WORLD_LON_0:g}", f"+lon_0={lon_0:g}")
    )
    return named(crs, f"Backflow Equal Earth ({_degrees(lon_0, 'EW', '{:g}')})")


def albers_crs(lon_0: float, lat_1: float, lat_2: float, digits: int = 2):
    """Albers equal-area conic, named by its parameters."""
    crs = QgsCoordinateReferenceSystem.fromProj(
        f"+proj=aea +lat_0=0 +lon_0={lon_0:.{digits}f} +lat_1={lat_1:.{digits}f} "
        f"+lat_2={lat_2:.{digits}f} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
    )
    lats = f"{_degrees(lat_1, 'NS')}/{_degrees(lat_2, 'NS')}"
    return named(crs, f"Backflow Albers ({_degrees(lon_0, 'EW')}, {lats})")


def _degrees(value: float, hemispheres: str, fmt: str = "{:.1f}") -> str:
    """105E, 23.7N, 30W: ASCII (QGIS reads a WKT name's degree sign back garbled)."""
    suffix = hemispheres[0] if value > 0 else hemispheres[1] if value < 0 else ""
    return fmt.format(abs(value)) + suffix


def central_meridian(crs: QgsCoordinateReferenceSystem) -> float:
    lon_0 = 0.0
    for token in crs.toProj().split():
        if token.startswith("+lon_0="):
            lon_0 = float(token.split("=")[1])
    return lon_0


def seam_longitude(crs: QgsCoordinateReferenceSystem) -> float | None:
    """The longitude where a world projection is cut (lon_0 + 180), if any."""
    if "+proj=eqearth" not in crs.toProj():
        return None
    seam = central_meridian(crs) + 180.0
    return seam - 360.0 if seam > 180.0 else seam


def project_extent(extent_wgs84: QgsRectangle, crs: QgsCoordinateReferenceSystem) -> QgsRectangle:
    """A lon/lat box as a rectangle in `crs` (dense edges, so conics bound correctly)."""
    if crs.toProj() == EQUAL_EARTH_PROJ or "+proj=eqearth" in crs.toProj():
        # The whole world: the box spans the projection's full width.
        transform = QgsCoordinateTransform(WGS84, crs, QgsProject.instance())
        lat_mid, lon_0 = 0.0, central_meridian(crs)
        west = lon_0 - 179.999 if lon_0 - 179.999 >= -180 else lon_0 - 179.999 + 360.0
        east = lon_0 + 179.999 if lon_0 + 179.999 <= 180 else lon_0 + 179.999 - 360.0
        left = transform.transform(west, lat_mid).x()
        right = transform.transform(east, lat_mid).x()
        top = transform.transform(lon_0, extent_wgs84.yMaximum()).y()
        bottom = transform.transform(lon_0, extent_wgs84.yMinimum()).y()
        return QgsRectangle(left, bottom, right, top)
    transform = QgsCoordinateTransform(WGS84, crs, QgsProject.instance())
    return transform.transformBoundingBox(extent_wgs84, handle180Crossover=False)
