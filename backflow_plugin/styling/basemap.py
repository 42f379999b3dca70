"""QGIS's own world map (Natural Earth countries) as a quiet basemap."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsFillSymbol, QgsSingleSymbolRenderer, QgsVectorLayer

from ..translation import tr
from .palette import BASEMAP


def world_map_path() -> str:
    return QgsApplication.pkgDataPath() + "/resources/data/world_map.gpkg"


def world_layer(layer_name: str = "countries") -> QgsVectorLayer:
    """A styled layer of world_map.gpkg (countries, states_provinces or disputed_borders)."""
    layer = QgsVectorLayer(f"{world_map_path()}|layername={layer_name}", tr("World"), "ogr")
    if not layer.isValid():
        raise RuntimeError(f"QGIS's world map is missing: {world_map_path()}")
    if layer_name != "disputed_borders":
        symbol = QgsFillSymbol.createSimple({
            "color": BASEMAP["land"], "outline_color": BASEMAP["border"], "outline_width": "0.15",
        })
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer
