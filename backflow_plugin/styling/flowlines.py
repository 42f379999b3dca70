"""Flow lines drawn for one map: filtered, and shaped to suit its projection.

Regional maps (China): great circles densified in lon/lat before projection, so
they bend as they should in the Albers projection. World maps: a great circle from
China to North America runs along the Arctic, which a pseudo-cylindrical projection
stretches into the map's top edge; world flow maps draw such flows as gentle arcs
between the projected end points instead, all bent the same way (to the left of the
direction of travel), so A->B and B->A do not overlap. On regional maps, flows that
run both ways (A->B and B->A both drawn) are bent apart the same way, symmetrically
either side of their great circle (core/trajectories/two_way.py); one-way flows stay geodesic.

A flow that comes from beyond a regional map (a return from abroad on a China map) is
drawn as its whole great circle, cut only by the map's frame: it enters at the frame's
edge from the direction it comes from. A shortened line would start somewhere inside
the map (Mongolia, Tibet) and read as a move from there.
"""

from __future__ import annotations

import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)

from ..core.schema import WGS84_AUTHID
from ..core.trajectories.flow_lines import GEODESIC, flow_line
from ..core.trajectories.two_way import bend_left, two_way_keys
from .projections import WGS84

CHINA_FLOW_TYPES = ["domestic", "backflow", "onward"]
WORLD_FLOW_TYPES = ["outbound", "backflow"]
# Lines from beyond a regional map are cut this many degrees outside its frame (before
# projection, where a conic projection still behaves); the map item clips the rest.
OUTSIDE_MARGIN_DEG = 30.0


def persons_field(flows: QgsVectorLayer) -> str:
    """The field that counts persons on a flow: `persons` (distinct persons) when the
    layer has it, else `count` (moves; the same for almost every flow)."""
    return "persons" if flows.fields().indexOf("persons") >= 0 else "count"


def _type_filter(flows: QgsVectorLayer, flow_types) -> str | None:
    if flow_types and flows.fields().indexOf("flow_type") >= 0:
        return '"flow_type" IN ({})'.format(
            ", ".join(QgsExpression.quotedValue(t) for t in flow_types)
        )
    return None


def hidden_count(flows: QgsVectorLayer, min_count: int, flow_types=None) -> int:
    """How many flows of the drawn types have fewer than `min_count` persons."""
    if min_count <= 1:
        return 0
    filters = [f'"{persons_field(flows)}" < {int(min_count)}']
    types = _type_filter(flows, flow_types)
    if types:
        filters.append(types)
    request = QgsFeatureRequest().setFilterExpression(" AND ".join(filters))
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setNoAttributes()
    return sum(1 for _ in flows.getFeatures(request))


def person_counts(flows: QgsVectorLayer, flow_types=None) -> list:
    """The person count of each flow of the drawn types (what a threshold keeps or hides)."""
    field = persons_field(flows)
    index = flows.fields().indexOf(field)
    if index < 0:
        return []
    request = QgsFeatureRequest()
    types = _type_filter(flows, flow_types)
    if types:
        request.setFilterExpression(types)
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes([index])
    return [f.attribute(index) for f in flows.getFeatures(request)]


def endpoints(geometry: QgsGeometry) -> tuple[QgsPointXY, QgsPointXY] | None:
    """First and last vertex of a (multi)line."""
    if geometry is None or geometry.isEmpty():
        return None
    parts = geometry.asMultiPolyline() if geometry.isMultipart() else [geometry.asPolyline()]
    parts = [p for p in parts if p]
    if not parts:
        return None
    return QgsPointXY(parts[0][0]), QgsPointXY(parts[-1][-1])


def planar_arc(p0: QgsPointXY, p1: QgsPointXY, bend: float = 0.18, n: int = 32) -> list[QgsPointXY]:
    """A quadratic Bézier from p0 to p1, bent to the left of the direction of travel."""
    dx, dy = p1.x() - p0.x(), p1.y() - p0.y()
    cx, cy = (p0.x() + p1.x()) / 2 - bend * dy, (p0.y() + p1.y()) / 2 + bend * dx
    out = []
    for i in range(n + 1):
        t = i / n
        x = (1 - t) ** 2 * p0.x() + 2 * (1 - t) * t * cx + t**2 * p1.x()
        y = (1 - t) ** 2 * p0.y() + 2 * (1 - t) * t * cy + t**2 * p1.y()
        out.append(QgsPointXY(x, y))
    return out


def _key(point: QgsPointXY) -> tuple[float, float]:
    return round(point.x(), 6), round(point.y(), 6)


def _two_way_pairs(flows: QgsVectorLayer, request, to_wgs) -> set:
    """Endpoint keys ((lon, lat), (lon, lat)) of the drawn flows whose reverse is drawn too."""
    pairs = []
    for feature in flows.getFeatures(QgsFeatureRequest(request).setNoAttributes()):
        ends = endpoints(feature.geometry())
        if ends is not None:
            a, b = (to_wgs.transform(p) for p in ends)
            pairs.append((_key(a), _key(b)))
    return two_way_keys(pairs)


def clip_parts(parts, box) -> list[tuple[list[float], list[float]]]:
    """Lon/lat line parts cut to `box` (a QgsRectangle in degrees)."""
    geometry = QgsGeometry.fromMultiPolylineXY(
        [[QgsPointXY(x, y) for x, y in zip(xs, ys)] for xs, ys in parts]
    ).clipped(box)
    if geometry.isEmpty():
        return []
    lines = geometry.asMultiPolyline() if geometry.isMultipart() else [geometry.asPolyline()]
    return [([p.x() for p in line], [p.y() for p in line]) for line in lines if len(line) > 1]


def display_flows(
    flows: QgsVectorLayer,
    crs: QgsCoordinateReferenceSystem,
    world: bool,
    min_count: int = 1,
    flow_types: list[str] | None = None,
    name: str | None = None,
    feedback=None,
    frame_wgs84=None,
) -> QgsVectorLayer:
    """A memory copy of the flows to draw, in `crs`, with lines shaped for the map.

    On a regional map (`frame_wgs84` given), a flow that starts outside the frame keeps
    its whole great circle up to a margin well beyond the frame, so that it crosses the
    map's edge: where it enters says where it comes from, and no line starts inside.
    """
    out = QgsVectorLayer(
        f"MultiLineString?crs={crs.authid() or WGS84_AUTHID}", name or flows.name(), "memory"
    )
    out.setCrs(crs)
    out.dataProvider().addAttributes(flows.fields().toList())
    out.updateFields()
    filters = [f'"{persons_field(flows)}" >= {int(min_count)}']
    types = _type_filter(flows, flow_types)
    if types:
        filters.append(types)
    request = QgsFeatureRequest().setFilterExpression(" AND ".join(filters))
    to_wgs = QgsCoordinateTransform(flows.crs(), WGS84, QgsProject.instance())
    to_map = QgsCoordinateTransform(WGS84, crs, QgsProject.instance())
    both_ways = set() if world else _two_way_pairs(flows, request, to_wgs)
    features = []
    for i, feature in enumerate(flows.getFeatures(request)):
        if feedback is not None and i % 500 == 0 and feedback.isCanceled():
            break
        ends = endpoints(feature.geometry())
        if ends is None:
            continue
        a, b = (to_wgs.transform(p) for p in ends)
        if a == b:
            continue
        try:
            if world:
                line = [planar_arc(to_map.transform(a), to_map.transform(b))]
            else:
                step = 50.0
                parts = flow_line(
                    a.x(), a.y(), b.x(), b.y(), GEODESIC, step_km=step, max_points=400
                )
                from_outside = frame_wgs84 is not None and not frame_wgs84.contains(a)
                if from_outside:
                    parts = clip_parts(parts, frame_wgs84.buffered(OUTSIDE_MARGIN_DEG))
                line = [
                    [to_map.transform(QgsPointXY(x, y)) for x, y in zip(xs, ys)] for xs, ys in parts
                ]
                if not from_outside and len(line) == 1 and (_key(a), _key(b)) in both_ways:
                    line = [
                        [QgsPointXY(x, y) for x, y in bend_left([(p.x(), p.y()) for p in line[0]])]
                    ]
        except Exception:  # a point the projection cannot take (e.g. beyond a conic range)
            continue
        line = [
            part
            for part in line
            if all(math.isfinite(p.x()) and math.isfinite(p.y()) for p in part)
        ]
        if not line:
            continue
        f = QgsFeature(out.fields())
        f.setAttributes(feature.attributes())
        f.setGeometry(QgsGeometry.fromMultiPolylineXY(line))
        features.append(f)
    out.dataProvider().addFeatures(features)
    out.updateExtents()
    return out
