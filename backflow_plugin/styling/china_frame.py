"""The China map's frame as Chinese journals expect it: the main map cut just south of
Hainan when the South China Sea is shown in its inset (the sea is not drawn twice), the
inset placed where it hides none of the main map's boundary line, and the boundary
symbols (national border, South China Sea line, provincial boundaries) in the legend."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLineSymbol,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.palette import CHINA_MAP
from ..translation import tr
from .projections import WGS84

# The main map's lower edge with an inset: just south of Hainan's southern cape (18.16°N)
# on its meridian; the Pratas Islands (20.7°N) stay on the main map.
CUT_LON, CUT_LAT = 109.5, 17.6


def cut_extent(extent: QgsRectangle, crs) -> QgsRectangle:
    """`extent` (map units) with its lower edge raised to the cut."""
    to_map = QgsCoordinateTransform(WGS84, crs, QgsProject.instance())
    bottom = to_map.transform(QgsPointXY(CUT_LON, CUT_LAT)).y()
    return QgsRectangle(
        extent.xMinimum(), max(bottom, extent.yMinimum()), extent.xMaximum(), extent.yMaximum()
    )


def footprint(inset_item, map_item) -> QgsRectangle:
    """The part of the main map (in its map units) that the inset item covers."""
    extent = map_item.extent()
    pos, size = map_item.positionWithUnits(), map_item.sizeWithUnits()
    ipos, isize = inset_item.positionWithUnits(), inset_item.sizeWithUnits()
    kx, ky = extent.width() / size.width(), extent.height() / size.height()
    x0 = extent.xMinimum() + (ipos.x() - pos.x()) * kx
    y1 = extent.yMaximum() - (ipos.y() - pos.y()) * ky
    return QgsRectangle(x0, y1 - isize.height() * ky, x0 + isize.width() * kx, y1)


def hidden_lines(inset_item, map_item, layers) -> int:
    """How many features of these line layers the inset hides on the main map."""
    area = footprint(inset_item, map_item)
    crs = map_item.crs()
    hidden = 0
    for layer in layers:
        to_map = QgsCoordinateTransform(layer.crs(), crs, QgsProject.instance())
        for feature in layer.getFeatures(QgsFeatureRequest().setNoAttributes()):
            geometry = QgsGeometry(feature.geometry())
            if geometry.type() == QgsWkbTypes.GeometryType.PolygonGeometry:
                geometry = QgsGeometry(geometry.constGet().boundary())
            geometry.transform(to_map)
            if geometry.intersects(area) and geometry.intersects(map_item.extent()):
                hidden += 1
    return hidden


def keep_lines_clear(inset_item, map_item, layers, step_mm: float = 2.0) -> None:
    """Shrink the inset from its upper-left corner (its lower-right corner stays in the
    map's corner) until it hides no feature of `layers`, down to two-thirds of its size."""
    pos, size = inset_item.positionWithUnits(), inset_item.sizeWithUnits()
    right, bottom = pos.x() + size.width(), pos.y() + size.height()
    aspect = size.width() / size.height()
    height = size.height()
    while hidden_lines(inset_item, map_item, layers) and height > size.height() * 2 / 3:
        height -= step_mm
        _resize(inset_item, right, bottom, height * aspect, height)


def caption_clear_of_lines(caption, inset_item, layers) -> None:
    """Wrap the inset's caption onto two lines (its lower-right corner kept) when on one
    its text covers a dash of the line or a border: 'South China Sea Islands' is long and
    ran over the southernmost dash; 南海诸岛 fits beside it."""
    line_height = caption.sizeWithUnits().height()
    _fit_to_text(caption, line_height)
    words = caption.text().split(" ")
    if len(words) < 2 or not hidden_lines(caption, inset_item, layers):
        return
    # words from the end onto the second line until the first is clear of the lines
    for cut in range(len(words) - 1, 0, -1):
        caption.setText(" ".join(words[:cut]) + "\n" + " ".join(words[cut:]))
        _fit_to_text(caption, line_height * 1.8)
        if not hidden_lines(caption, inset_item, layers):
            return


def _fit_to_text(caption, height: float) -> None:
    """The caption's box as wide as its text and `height` tall, lower-right corner kept."""
    pos, size = caption.positionWithUnits(), caption.sizeWithUnits()
    right, bottom = pos.x() + size.width(), pos.y() + size.height()
    width = min(size.width(), caption.sizeForText().width() + 1.0)
    mm = QgsUnitTypes.LayoutUnit.LayoutMillimeters
    caption.attemptResize(QgsLayoutSize(width, height, mm))
    caption.attemptMove(QgsLayoutPoint(right - width, bottom - height, mm))


def _resize(item, right: float, bottom: float, w: float, h: float) -> None:
    extent = item.extent()
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    item.attemptMove(
        QgsLayoutPoint(right - w, bottom - h, QgsUnitTypes.LayoutUnit.LayoutMillimeters)
    )
    item.zoomToExtent(extent)


def boundary_keys(view: str, china_view: str) -> list[QgsVectorLayer]:
    """Legend-only line layers (no features) for the boundaries the China map draws:
    the national border, the South China Sea line (in China's view) and the provincial
    boundaries, each with the symbol the map uses."""
    specs = [(tr("National border"), CHINA_MAP["border"], "0.4", "solid")]
    if view == china_view:
        specs.append((tr("South China Sea line"), CHINA_MAP["border"], "0.45", "dash"))
    specs.append((tr("Provincial boundary"), CHINA_MAP["province"], "0.18", "solid"))
    out = []
    for name, colour, width, style in specs:
        layer = QgsVectorLayer(f"LineString?crs={WGS84.authid()}", name, "memory")
        layer.setRenderer(
            QgsSingleSymbolRenderer(
                QgsLineSymbol.createSimple(
                    {"color": colour, "width": width, "line_style": style, "capstyle": "flat"}
                )
            )
        )
        layer.setCustomProperty("backflow/role", "boundary key")
        out.append(layer)
    return out
