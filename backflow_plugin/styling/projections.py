"""Map projections that suit the data: equal-area for China and for the world."""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle

CHINA_ALBERS_PROJ = "+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
EQUAL_EARTH_PROJ = "+proj=eqearth +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"

# Extents in WGS 84 (lon/lat) that the presets frame.
CHINA_EXTENT = QgsRectangle(73.0, 17.5, 135.5, 54.0)
WORLD_EXTENT = QgsRectangle(-180.0, -58.0, 180.0, 84.0)


def china_crs() -> QgsCoordinateReferenceSystem:
    return QgsCoordinateReferenceSystem.fromProj(CHINA_ALBERS_PROJ)


def world_crs() -> QgsCoordinateReferenceSystem:
    return QgsCoordinateReferenceSystem.fromProj(EQUAL_EARTH_PROJ)
