"""Renderers for Backflow's layers (flows by type, cities by size)."""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsProperty,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsSymbolLayer,
    QgsVectorLayer,
)

from ..translation import tr
from .palette import FLOW_TYPE_COLOURS

FLOW_TYPE_LABELS = {
    "domestic": "Domestic (before leaving)",
    "outbound": "Outbound (home to abroad)",
    "abroad": "Abroad (between foreign cities)",
    "backflow": "Backflow (the return)",
    "onward": "Onward (after the return)",
}


def _max(layer: QgsVectorLayer, field: str) -> float:
    idx = layer.fields().indexOf(field)
    value = layer.maximumValue(idx) if idx >= 0 else None
    return float(value) if value not in (None, "") else 1.0


def style_flows(layer: QgsVectorLayer) -> None:
    """Colour by flow type, width by count (square root), big flows above small ones."""
    top = max(_max(layer, "count"), 1.0)
    width = QgsProperty.fromExpression(f'0.2 + 2.6 * sqrt(coalesce("count", 1) / {top})')
    categories = []
    for value, colour in FLOW_TYPE_COLOURS.items():
        symbol = QgsLineSymbol.createSimple({"color": colour, "capstyle": "round"})
        symbol.setOpacity(0.75)
        symbol.symbolLayer(0).setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeWidth, width)
        categories.append(QgsRendererCategory(value, symbol, tr(FLOW_TYPE_LABELS[value])))
    renderer = QgsCategorizedSymbolRenderer("flow_type", categories)
    renderer.setOrderBy(QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause("count", True)]))
    renderer.setOrderByEnabled(True)
    layer.setRenderer(renderer)


def style_cities(layer: QgsVectorLayer, size_field: str = "persons") -> None:
    top = max(_max(layer, size_field), 1.0)
    symbol = QgsMarkerSymbol.createSimple({
        "name": "circle", "color": "#333333", "outline_color": "#FFFFFF", "outline_width": "0.2",
    })
    symbol.setDataDefinedSize(QgsProperty.fromExpression(
        f'1.2 + 5 * sqrt(coalesce("{size_field}", 0) / {top})'))
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
