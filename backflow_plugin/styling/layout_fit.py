"""Placing a map item on a print layout and framing an extent in it: shared by the
layout (main map, insets) and Figure 3's detail panel."""

from __future__ import annotations

from qgis.core import QgsLayoutPoint, QgsLayoutSize, QgsUnitTypes


def fit_map(map_item, extent, x: float, y: float, w: float, h: float) -> None:
    """Size and place a map item, then show `extent` in it.

    (A map item without a size, or without an extent, ignores setExtent / zoomToExtent.)"""
    map_item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    map_item.setExtent(extent)
    place(map_item, x, y, w, h)
    map_item.zoomToExtent(extent)
    if map_item.extent().isEmpty():
        raise RuntimeError(f"could not frame the map on {extent.toString()}")


def place(item, x: float, y: float, w: float, h: float) -> None:
    """Move and size a layout item, in millimetres."""
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
