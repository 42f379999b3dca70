"""Labels checked through QGIS's labelling engine, and leader labels moved until clear.

A map item is rendered, the labels the engine placed are taken from it
(QgsMapRendererJob.takeLabelingResults), and what a reader would trip over is listed:
two labels overlapping, a leader line crossing another label, a label over an island of
the South China Sea. Labels set apart with a leader line (a crowded city's, see
layout_layers.rescue_labels) are then moved around their city until none of these remain."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateTransform,
    QgsGeometry,
    QgsLayoutItemMap,
    QgsMapRendererSequentialJob,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSizeF

from .projections import WGS84


@dataclass
class Problem:
    kind: str  # "overlap", "leader crosses", "on a city", "covers an island"
    label: str
    other: str
    layer_id: str
    feature_id: int

    def __iter__(self):  # (kind, label, other), as tests read it
        return iter((self.kind, self.label, self.other))


def placed(map_item, dpi: int = 150) -> list:
    """The labels placed on the map item (QgsLabelPosition), unplaced ones left out."""
    return [lab for lab in placed_labels(map_item, dpi) if not lab.isUnplaced]


def _is_null(value) -> bool:
    return value is None or value == "" or (hasattr(value, "isNull") and value.isNull())


def _nearest_on(rect, point: QgsPointXY) -> QgsPointXY:
    return QgsPointXY(
        min(max(point.x(), rect.xMinimum()), rect.xMaximum()),
        min(max(point.y(), rect.yMinimum()), rect.yMaximum()),
    )


def leader_line(label, crs) -> QgsGeometry | None:
    """The leader of a label set apart (its feature has label_x / label_y): from the
    feature's point to the nearest point of the label; None for other labels."""
    layer = QgsProject.instance().mapLayer(label.layerID)
    if not isinstance(layer, QgsVectorLayer) or layer.fields().indexOf("label_x") < 0:
        return None
    feature = layer.getFeature(label.featureId)
    if _is_null(feature["label_x"]):
        return None
    to_map = QgsCoordinateTransform(layer.crs(), crs, QgsProject.instance())
    point = to_map.transform(feature.geometry().asPoint())
    return QgsGeometry.fromPolylineXY([point, _nearest_on(label.labelRect, point)])


def _drawn_islands(map_item) -> list[QgsPointXY]:
    """The South China Sea islands the map item draws, in its CRS (none on a map
    without the islands layer)."""
    from .basemap import south_china_sea_path

    path = south_china_sea_path()
    layers = [lyr for lyr in map_item.layers() if str(path) in lyr.source()]
    islands = next((lyr for lyr in layers if "'island'" in lyr.subsetString()), None)
    if islands is None:
        return []
    to_map = QgsCoordinateTransform(islands.crs(), map_item.crs(), QgsProject.instance())
    extent = map_item.extent()
    points = (to_map.transform(f.geometry().asPoint()) for f in islands.getFeatures())
    return [p for p in points if extent.contains(p)]


def label_problems(map_item, dpi: int = 150, labels=None, on_cities: bool = False) -> list[Problem]:
    """Every overlap of two labels, leader crossing a label and label over an island;
    `on_cities`: also a label set apart lying on a tiered city's dot."""
    labels = placed(map_item, dpi) if labels is None else labels
    crs = map_item.crs()
    out = []
    for i, a in enumerate(labels):
        for b in labels[:i]:
            common = a.labelRect.intersect(b.labelRect)
            smaller = min(a.labelRect.area(), b.labelRect.area())
            if not common.isEmpty() and common.area() > 1e-3 * smaller:
                out.append(Problem("overlap", a.labelText, b.labelText, a.layerID, a.featureId))
                out.append(Problem("overlap", b.labelText, a.labelText, b.layerID, b.featureId))
    for a in labels:
        leader = leader_line(a, crs)
        if leader is None:
            continue
        for b in labels:
            if b is not a and leader.intersects(QgsGeometry.fromRect(b.labelRect)):
                out.append(
                    Problem("leader crosses", a.labelText, b.labelText, a.layerID, a.featureId)
                )
    # A label set apart sits clear of the dots of the tiered cities, or it reads as theirs.
    units_per_mm = map_item.extent().width() / map_item.sizeWithUnits().width()
    for a in labels if on_cities else []:
        if leader_line(a, crs) is None:
            continue
        layer = QgsProject.instance().mapLayer(a.layerID)
        if layer.fields().indexOf("tier") < 0:
            continue
        to_map = QgsCoordinateTransform(layer.crs(), crs, QgsProject.instance())
        zone = a.labelRect.buffered(1.0 * units_per_mm)
        for f in layer.getFeatures():
            if f.id() == a.featureId or f["tier"] not in (1, 2, 3):
                continue
            if zone.contains(to_map.transform(f.geometry().asPoint())):
                out.append(Problem("on a city", a.labelText, f["name"], a.layerID, a.featureId))
                break
    islands = _drawn_islands(map_item)
    for a in labels:
        if any(a.labelRect.contains(p) for p in islands):
            out.append(Problem("covers an island", a.labelText, "", a.layerID, a.featureId))
    return out


def _candidates(step: float, chars: int, reach=(0.5, 0.8, 1.2, 1.8)) -> list[tuple[float, float]]:
    """Offsets (degrees) of a left-aligned label from its city, nearest first, in eight
    directions and the distances `reach` (in 2.5 label lines); `step` is one label line, `chars` the label's length."""
    width = 0.45 * chars * step  # a label's width, roughly, for those set to the west
    out = []
    for k in reach:
        d = 2.5 * step * k
        out += [
            (d, d),
            (d, -d),
            (-d - width, d),
            (-d - width, -d),
            (d * 1.2, 0.0),
            (-d * 1.2 - width, 0.0),
            (-width / 2, d * 1.2),
            (-width / 2, -d * 1.2),
        ]
    return out


def untangle_leaders(
    map_item, cities: QgsVectorLayer, wanted=(), dpi: int = 150, free: bool = False
) -> int:
    """Move the labels set apart (label_x / label_y) whose leader crosses another label,
    or which overlap one, to the first position around their point where they do not
    (nor push a `wanted` feature's label off the map); `free`: any label of the layer
    in trouble may be set apart. Returns how many problems are left on the layer."""
    ix, iy = cities.fields().indexOf("label_x"), cities.fields().indexOf("label_y")
    if ix < 0:
        return 0
    to_wgs = QgsCoordinateTransform(cities.crs(), WGS84, QgsProject.instance())
    to_layer = QgsCoordinateTransform(WGS84, cities.crs(), QgsProject.instance())
    metres_per_mm = map_item.extent().width() / map_item.sizeWithUnits().width()
    step = 5.0 * metres_per_mm / 111_000.0  # one label line (5 mm) in degrees
    tried: dict[int, int] = {}
    texts: dict[int, str] = {}
    wanted = set(wanted)

    def state():
        labels = placed(map_item, dpi)
        problems = label_problems(map_item, dpi, labels, on_cities=True)
        shown = {lab.featureId for lab in labels if lab.layerID == cities.id()}
        stuck = {}
        for p in problems:
            if p.layer_id == cities.id() and (
                free or not _is_null(cities.getFeature(p.feature_id)["label_x"])
            ):
                stuck[p.feature_id] = p.label
        texts.update({lab.featureId: lab.labelText for lab in labels if lab.layerID == cities.id()})
        return stuck, wanted - shown

    stuck, lost_before = state()
    moved: set = set()
    for _ in range(40):
        if not stuck:
            return 0
        changes = {}
        for fid, text in stuck.items():
            options = _candidates(
                step, len(text or texts.get(fid, "")), (0.5, 0.8) if free else (0.5, 0.8, 1.2, 1.8)
            )
            n = tried.get(fid, -1) + 1
            if n >= len(options):
                if free and n == len(options):  # no place near enough: back beside its point
                    changes[fid] = {ix: None, iy: None}
                    tried[fid] = n
                continue
            tried[fid] = n
            point = to_wgs.transform(cities.getFeature(fid).geometry().asPoint())
            dx, dy = options[n]
            pos = to_layer.transform(QgsPointXY(point.x() + dx, point.y() + dy))
            changes[fid] = {ix: pos.x(), iy: pos.y()}
        if not changes:
            break
        cities.dataProvider().changeAttributeValues(changes)
        map_item.invalidateCache()
        moved = set(changes)
        stuck, lost = state()
        if lost - lost_before:  # a move that pushes a wanted label off is tried again
            stuck.update({fid: texts.get(fid, "") for fid in moved})
    return len(stuck)


def placed_labels(map_item: QgsLayoutItemMap, dpi: int = 150) -> list:
    """The labels that QGIS's labeling engine places when the map item is drawn at
    `dpi`: QgsLabelPosition objects (layer id, feature id, text, rectangle in map units).
    For checking a map: every label that must be there, and none overlapping."""
    size = map_item.sizeWithUnits()
    width = int(size.width() / 25.4 * dpi)
    height = int(size.height() / 25.4 * dpi)
    settings = map_item.mapSettings(map_item.extent(), QSizeF(width, height), dpi, True)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    results = job.takeLabelingResults()
    return list(results.allLabels()) if results is not None else []
