"""QGIS's own world map (Natural Earth countries) as a quiet basemap."""

from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)

from ..translation import tr
from .palette import BASEMAP

CREDIT = "Natural Earth via QGIS world map"


def world_map_path() -> str:
    return QgsApplication.pkgDataPath() + "/resources/data/world_map.gpkg"


def _style(layer: QgsVectorLayer) -> None:
    symbol = QgsFillSymbol.createSimple(
        {
            "color": BASEMAP["land"],
            "outline_color": BASEMAP["border"],
            "outline_width": "0.15",
        }
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


def world_layer(layer_name: str = "countries", seam: float | None = None) -> QgsVectorLayer:
    """A styled layer of world_map.gpkg (countries, states_provinces or disputed_borders).

    With `seam` (a longitude), countries are cut there, so a world projection centred
    away from Greenwich draws no streaks across the map (Greenland, Russia, Antarctica).
    """
    layer = QgsVectorLayer(f"{world_map_path()}|layername={layer_name}", tr("World"), "ogr")
    if not layer.isValid():
        raise RuntimeError(f"QGIS's world map is missing: {world_map_path()}")
    if seam is not None and abs(seam) < 179.9:
        layer = _cut_at(layer, seam)
    if layer_name != "disputed_borders":
        _style(layer)
    return layer


def _cut_at(layer: QgsVectorLayer, seam: float, gap: float = 1e-6) -> QgsVectorLayer:
    kind = {0: "Point", 1: "MultiLineString", 2: "MultiPolygon"}[layer.geometryType()]
    out = QgsVectorLayer(f"{kind}?crs=EPSG:4326", layer.name(), "memory")
    out.dataProvider().addAttributes(layer.fields().toList())
    out.updateFields()
    boxes = [
        QgsGeometry.fromRect(QgsRectangle(-180.0, -90.0, seam - gap, 90.0)),
        QgsGeometry.fromRect(QgsRectangle(seam + gap, -90.0, 180.0, 90.0)),
    ]
    features = []
    for feature in layer.getFeatures():
        geom = feature.geometry()
        if geom.boundingBox().yMaximum() < -60:  # Antarctica: off every preset's frame
            continue
        parts = (
            [geom.intersection(box) for box in boxes]
            if geom.boundingBox().xMinimum() < seam < geom.boundingBox().xMaximum()
            else [geom]
        )
        for part in parts:
            if part.isEmpty():
                continue
            f = QgsFeature(out.fields())
            f.setAttributes(feature.attributes())
            f.setGeometry(part)
            features.append(f)
    out.dataProvider().addFeatures(features)
    return out


def style_provinces(layer: QgsVectorLayer) -> None:
    """Province borders only: thin, lighter than country borders, no fill."""
    symbol = QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": BASEMAP["border"], "outline_width": "0.1"}
    )
    symbol.setOpacity(0.7)
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


def set_home_apart(layer: QgsVectorLayer, iso_a2: str, field: str = "iso_a2") -> None:
    """Countries with the home country set apart: land colour and a darker border,
    the other countries a shade greyer."""
    from qgis.core import QgsRuleBasedRenderer

    home = QgsFillSymbol.createSimple(
        {"color": BASEMAP["land"], "outline_color": "#8C8577", "outline_width": "0.3"}
    )
    other = QgsFillSymbol.createSimple(
        {"color": "#E3E0DA", "outline_color": BASEMAP["border"], "outline_width": "0.15"}
    )
    root = QgsRuleBasedRenderer.Rule(None)
    quoted = iso_a2.upper().replace("'", "''")
    root.appendChild(
        QgsRuleBasedRenderer.Rule(
            other, filterExp=f"\"{field}\" <> '{quoted}'", label=tr("Other countries")
        )
    )
    root.appendChild(
        QgsRuleBasedRenderer.Rule(
            home, filterExp=f"\"{field}\" = '{quoted}'", label=tr("Home country")
        )
    )
    layer.setRenderer(QgsRuleBasedRenderer(root))
