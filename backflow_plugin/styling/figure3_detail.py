"""Figure 3's detail panel: return cities that crowd together at the main map's scale.

At world scale, return cities a few hundred kilometres apart (Shanghai and Hangzhou)
fall on the same spot: their lettered dots overlap and the labelling engine hides one
letter. When that happens the crowded region is drawn again at a larger scale in a
detail panel, in the corner of the map where it hides the fewest tracks; the main map
shows that region's stops as small unlabelled dots inside a frame marking the panel's
extent, so every letter and stage number is written once, in the panel.

The stops layer knows which map it is drawn in through the `@map_id` variable, so one
layer serves both maps (figures.stop_renderer / stop_labeling read `in_detail`).
"""

from __future__ import annotations

import math

from qgis.core import (
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutItemMap,
    QgsLayoutItemMapOverview,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF
from qgis.PyQt.QtGui import QColor

from ..core.palette import BASEMAP, TEXT
from ..translation import tr
from . import figures
from .layout_fit import fit_map

DETAIL_ID = "detail"
RETURN_DOT_MM = 4.2  # figures.stop_renderer's return dot
CROWDED_MM = RETURN_DOT_MM + 1.5  # dots closer than this (centre to centre) collide
NEIGHBOURHOOD_MM = 8.0  # stops this close to the crowd go into the panel too
MIN_W, MIN_H = 0.28, 0.45  # the panel's smallest size, as shares of the main map's
MAX_W, MAX_H = 0.5, 0.8  # and its largest


def crowded_returns(stops: QgsVectorLayer, units_per_mm: float) -> list:
    """The return stops whose dots touch another return dot at this scale (one group:
    the largest cluster of touching dots, grown by single linkage)."""
    # Persons back in the same city are one place (their dots stand side by side).
    at: dict[tuple, list] = {}
    for f in stops.getFeatures():
        if f["is_return"]:
            pt = f.geometry().asPoint()
            at.setdefault((round(pt.x(), 3), round(pt.y(), 3)), []).append((f.id(), pt))
    points = [ids[0] for ids in at.values()]
    same = {ids[0][0]: [fid for fid, _ in ids] for ids in at.values()}
    limit = CROWDED_MM * units_per_mm
    groups: list[set] = []
    for i, (fid, pt) in enumerate(points):
        near = {fid} | {
            other
            for other, q in points[i + 1 :]
            if math.hypot(pt.x() - q.x(), pt.y() - q.y()) < limit
        }
        if len(near) < 2:
            continue
        joined = [g for g in groups if g & near]
        for g in joined:
            groups.remove(g)
            near |= g
        groups.append(near)
    if not groups:
        return []
    return sorted(fid for place in max(groups, key=len) for fid in same[place])


def detail_region(stops: QgsVectorLayer, crowd: list, units_per_mm: float) -> QgsRectangle:
    """The box (in the stops' CRS) around the crowd and the stops near it, padded."""
    by_id = {f.id(): f.geometry().asPoint() for f in stops.getFeatures()}
    box = QgsRectangle()
    box.setMinimal()
    for fid in crowd:
        box.combineExtentWith(by_id[fid].x(), by_id[fid].y())
    reach = box.buffered(NEIGHBOURHOOD_MM * units_per_mm)
    for pt in by_id.values():
        if reach.contains(pt):
            box.combineExtentWith(pt.x(), pt.y())
    pad = 0.18 * max(box.width(), box.height())
    return QgsRectangle(
        box.xMinimum() - pad, box.yMinimum() - pad, box.xMaximum() + pad, box.yMaximum() + pad
    )


def _closest(stops: QgsVectorLayer, ids: list) -> float:
    """The smallest distance between two of these stops (map units)."""
    points = [f.geometry().asPoint() for f in stops.getFeatures() if f.id() in set(ids)]
    return min(
        d
        for i, p in enumerate(points)
        for q in points[i + 1 :]
        if (d := math.hypot(p.x() - q.x(), p.y() - q.y())) > 0  # one city: side by side
    )


def _recluster(stops: QgsVectorLayer, main_upm: float, panel_upm: float) -> None:
    """Stage numbers grouped again: those in the panel at the panel's scale (the same
    page distance as on the main map), the others as before, each group on its own."""
    radius = figures.WORLD_CLUSTER_M
    features = list(stops.getFeatures())
    for f in features:
        f["numbers"] = None
    figures._cluster_numbers([f for f in features if not f["in_detail"]], radius)
    figures._cluster_numbers([f for f in features if f["in_detail"]], radius * panel_upm / main_upm)
    index = stops.fields().indexOf("numbers")
    stops.dataProvider().changeAttributeValues({f.id(): {index: f["numbers"]} for f in features})


def mark_in_detail(stops: QgsVectorLayer, region: QgsRectangle) -> int:
    """Set `in_detail` on the stops inside the region; returns how many."""
    index = stops.fields().indexOf("in_detail")
    changes = {
        f.id(): {index: region.contains(f.geometry().asPoint())} for f in stops.getFeatures()
    }
    stops.dataProvider().changeAttributeValues(changes)
    return sum(1 for v in changes.values() if v[index])


def _corner_cost(tracks: QgsVectorLayer, stops: QgsVectorLayer, rect: QgsRectangle) -> float:
    """What the panel would hide there: the length of track under it, and stops (heavily)."""
    shape = QgsGeometry.fromRect(rect)
    cost = sum(
        f.geometry().intersection(shape).length()
        for f in tracks.getFeatures()
        if f.geometry().boundingBox().intersects(rect)
    )
    cost += sum(
        1e6 * rect.width() for f in stops.getFeatures() if rect.contains(f.geometry().asPoint())
    )
    return cost


def add_detail_panel(layout, map_item: QgsLayoutItemMap, layers: dict, base_layers: list):
    """The detail panel when return dots crowd on `map_item`; None when none do."""
    stops, tracks = layers.get("stops"), layers.get("tracks")
    if stops is None or stops.fields().indexOf("in_detail") < 0:
        return None
    size = map_item.sizeWithUnits()
    units_per_mm = map_item.extent().width() / size.width()
    crowd = crowded_returns(stops, units_per_mm)
    if not crowd:
        return None
    # The panel's scale parts the closest two crowded dots; the panel is at least
    # MIN_W x MIN_H of the map (showing more around the crowd at that scale) and at
    # most MAX_W x MAX_H (then the crowd and its neighbours, or the crowd alone, fit).
    needed = _closest(stops, crowd) / (CROWDED_MM + 0.5)  # map units per mm
    max_w, max_h = MAX_W * size.width(), MAX_H * size.height()
    for region in (detail_region(stops, crowd, units_per_mm), detail_region(stops, crowd, 0.0)):
        scale = max(needed, region.width() / max_w, region.height() / max_h)
        if scale <= needed:
            break
    w = min(max(region.width() / scale, MIN_W * size.width()), max_w)
    h = min(max(region.height() / scale, MIN_H * size.height()), max_h)
    centre = region.center()
    extent = QgsRectangle(
        centre.x() - w * scale / 2,
        centre.y() - h * scale / 2,
        centre.x() + w * scale / 2,
        centre.y() + h * scale / 2,
    )
    crs = map_item.crs()
    x0, y0 = map_item.pos().x(), map_item.pos().y()
    margin = 2.0
    corners = {
        "lower left": (x0 + margin, y0 + size.height() - h - margin),
        "lower right": (x0 + size.width() - w - margin, y0 + size.height() - h - margin),
        "upper left": (x0 + margin, y0 + margin),
        "upper right": (x0 + size.width() - w - margin, y0 + margin),
    }
    main = map_item.extent()

    def covered(x: float, y: float) -> QgsRectangle:  # page mm -> main map units
        left = main.xMinimum() + (x - x0) * units_per_mm
        top = main.yMaximum() - (y - y0) * units_per_mm
        return QgsRectangle(left, top - h * units_per_mm, left + w * units_per_mm, top)

    # Corners already taken by the layout's other items on the map (the South China Sea
    # inset, north arrow, scale bar of a regional map) are used only if all are taken.
    others = [
        item.sceneBoundingRect()
        for item in layout.items()
        if getattr(item, "id", None) and item is not map_item and item.id()
    ]

    def taken(x: float, y: float) -> bool:
        return any(QRectF(x, y, w, h).intersects(rect) for rect in others)

    free = [c for c in corners.values() if not taken(*c)] or list(corners.values())
    x, y = min(free, key=lambda c: _corner_cost(tracks, stops, covered(*c)))
    panel = QgsLayoutItemMap(layout)
    panel.setId(DETAIL_ID)
    panel.setCrs(crs)
    panel.setLayers([stops, tracks, *base_layers])
    panel.setKeepLayerSet(True)
    panel.setBackgroundColor(QColor(BASEMAP["water"]))
    panel.setFrameEnabled(True)
    panel.setFrameStrokeColor(QColor(TEXT))
    layout.addLayoutItem(panel)
    fit_map(panel, extent, x, y, w, h)
    mark_in_detail(stops, panel.extent())
    _recluster(stops, units_per_mm, scale)
    stops.setRenderer(figures.stop_renderer(detail=True))
    stops.triggerRepaint()
    # The panel's extent drawn on the main map.
    overview = QgsLayoutItemMapOverview(tr("Detail"), map_item)
    overview.setLinkedMap(panel)
    overview.setFrameSymbol(
        QgsFillSymbol.createSimple({"style": "no", "outline_color": TEXT, "outline_width": "0.3"})
    )
    map_item.overviews().addOverview(overview)
    return panel
