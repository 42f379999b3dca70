"""What the canvas shows of dense results: a flow filter, merged nearby cities, years.

- Flow filter: only flows of at least N persons, and only the N largest (a layer
  filter, so the layer's filter icon shows it and the user can change it).
- Clustered flows: nearby cities merged (core.trajectories.clusters) and the flows between them
  summed, drawn as arcs bent to the left of travel, so A->B and B->A bend apart.
- Returns by year: a point layer of the cities, one feature per city and year, with the
  returns of that year and the running total, played by the temporal controller.
"""

from __future__ import annotations

import pandas as pd
from qgis.core import (
    Qgis,
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsSettings,
    QgsVectorLayer,
)

from .. import field_types
from ..core.trajectories.clusters import cluster_cities, cluster_flows
from ..core.trajectories.flow_lines import ARC, flow_line
from ..core.trajectories.timeline import returns_by_city_year
from ..translation import tr
from .disclosure_filter import kept_rule
from .renderers import style_layer
from .views import VIEW_WORLD, chosen_view

SETTING_MIN = "backflow/display_min_persons"
SETTING_TOP = "backflow/display_top_n"
SETTING_CLUSTER_KM = "backflow/display_cluster_km"  # 0: no clustered layer
# The 50 largest flows of the view's types: readable at the home-country view (200
# long lines from abroad were a hairball); the rest is one click away ("All flows").
TOP_N_DEFAULT = 50


def display_settings() -> dict:
    s = QgsSettings()
    return {
        "min_count": max(1, s.value(SETTING_MIN, 1, int)),
        # The largest flows only (TOP_N_DEFAULT); 0 shows all.
        "top_n": max(0, s.value(SETTING_TOP, TOP_N_DEFAULT, int)),
        "cluster_km": max(0, s.value(SETTING_CLUSTER_KM, 0, int)),
    }


def save_display_settings(min_count: int, top_n: int, cluster_km: int) -> None:
    s = QgsSettings()
    s.setValue(SETTING_MIN, int(min_count))
    s.setValue(SETTING_TOP, int(top_n))
    s.setValue(SETTING_CLUSTER_KM, int(cluster_km))


# ---------------------------------------------------------------- flow filter


def flow_threshold(counts, min_count: int = 1, top_n: int = 0) -> int:
    """The smallest count shown: at least `min_count`, and that of the `top_n`-th flow."""
    threshold = max(int(min_count), 1)
    values = sorted((int(c) for c in counts if c is not None), reverse=True)
    if top_n and len(values) > top_n:
        threshold = max(threshold, values[top_n - 1])
    return threshold


def view_flow_types(layer: QgsVectorLayer) -> list[str] | None:
    """The flow types the canvas's view shows of a layer with several: at the
    home-country view the returns and the moves inside the country (domestic, backflow,
    onward), at the world view the way out and the way back (outbound, backflow);
    None for a layer without flow types."""
    if layer.fields().indexOf("flow_type") < 0:
        return None
    from .flowlines import CHINA_FLOW_TYPES, WORLD_FLOW_TYPES

    return list(WORLD_FLOW_TYPES if chosen_view() == VIEW_WORLD else CHINA_FLOW_TYPES)


def filter_flows(layer: QgsVectorLayer, min_count: int = 1, top_n: int = 0, flow_types=None) -> int:
    """Show only the flows of `flow_types` (all when None) of at least the threshold
    persons; returns the threshold."""
    if layer.fields().indexOf("count") < 0:
        return 0
    layer.setSubsetString("")
    types = None
    if flow_types and layer.fields().indexOf("flow_type") >= 0:
        types = '"flow_type" IN ({})'.format(
            ", ".join(QgsExpression.quotedValue(t) for t in flow_types)
        )
    request = QgsFeatureRequest()
    if types:
        request.setFilterExpression(types)
    counts = [f["count"] for f in layer.getFeatures(request)]
    threshold = flow_threshold(counts, min_count, top_n)
    rules = [types] if types else []
    rules += [f'"count" >= {threshold}'] if threshold > 1 else []
    rules += [r for r in [kept_rule(layer)] if r]  # MIN_PERSONS of the run stays
    layer.setSubsetString(" AND ".join(rules))
    layer.triggerRepaint()
    return threshold


def all_flows_layer(flows: QgsVectorLayer) -> QgsVectorLayer:
    """A copy of a flow layer showing every flow the run kept (no display filter): the
    rest of the flows, one click away beside the filtered layer."""
    out = flows.clone()
    out.setName(tr("All flows (every type and size)"))
    out.setSubsetString(kept_rule(flows) or "")
    return out


# ---------------------------------------------------------------- frames


def _frame(layer: QgsVectorLayer, fields: list[str]) -> pd.DataFrame:
    names = [f for f in fields if layer.fields().indexOf(f) >= 0]
    index = [layer.fields().indexOf(n) for n in names]
    # Only the columns asked for, each row's attributes taken once (17,000 stages of
    # the sample: a third of the time of a look-up per field by name).
    request = QgsFeatureRequest().setSubsetOfAttributes(index)
    rows, xs, ys = [], [], []
    for feature in layer.getFeatures(request):
        attrs = feature.attributes()
        rows.append([attrs[i] for i in index])
        point = feature.geometry()
        if point.isEmpty():
            xs.append(None)
            ys.append(None)
        else:
            p = point.asPoint() if not point.isMultipart() else point.asMultiPoint()[0]
            xs.append(p.x())
            ys.append(p.y())
    frame = pd.DataFrame(rows, columns=names)
    for name in names:  # QGIS NULLs as None
        frame[name] = frame[name].map(lambda v: None if hasattr(v, "isNull") and v.isNull() else v)
    frame["_x"], frame["_y"] = xs, ys
    return frame


def _memory(kind: str, name: str, fields: list[tuple[str, object]]) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:4326", name, "memory")
    layer.dataProvider().addAttributes([QgsField(n, t) for n, t in fields])
    layer.updateFields()
    return layer


# ---------------------------------------------------------------- returns by year


def returns_by_year_layer(stages: QgsVectorLayer) -> QgsVectorLayer | None:
    """Cities by year of return (returns that year, running total), temporal."""
    frame = _frame(stages, ["person_id", "phase", "city_id", "city", "year"])
    if "phase" not in frame.columns or "year" not in frame.columns:
        return None
    frame = frame.rename(columns={"_x": "lon", "_y": "lat"})
    table = returns_by_city_year(frame)
    if table.empty:
        return None
    layer = _memory(
        "Point",
        tr("Returnees by year"),
        [
            ("city_id", field_types.STRING),
            ("name", field_types.STRING),
            ("year", field_types.INT),
            ("returns", field_types.INT),
            ("returnees", field_types.INT),
            ("domestic", field_types.BOOL),
        ],
    )
    features = []
    for row in table.itertuples(index=False):
        f = QgsFeature(layer.fields())
        f.setAttributes(
            [str(row.city_id), row.city, int(row.year), int(row.returns), int(row.returnees), True]
        )
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(row.lon), float(row.lat))))
        features.append(f)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    style_layer(layer, "cities", size_field="returnees")
    props = layer.temporalProperties()
    props.setMode(Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromExpressions)
    props.setStartExpression('make_date("year", 1, 1)')
    props.setEndExpression('make_date("year", 12, 31)')
    props.setIsActive(True)
    return layer


# ---------------------------------------------------------------- clustered flows


def clustered_layers(
    cities: QgsVectorLayer, flows: QgsVectorLayer, radius_km: float
) -> tuple[QgsVectorLayer, QgsVectorLayer]:
    """(merged cities, summed flows between them as bent arcs) for `radius_km`."""
    city = _frame(
        cities, ["city_id", "name", "name_zh", "country", "persons", "returnees", "domestic"]
    )
    city = city.rename(columns={"_x": "lon", "_y": "lat"})
    for col in ("persons", "returnees"):
        if col not in city.columns:
            city[col] = 0
        city[col] = pd.to_numeric(city[col], errors="coerce").fillna(0)
    centre_of = cluster_cities(city, radius_km, weight="persons")
    city["centre"] = city["city_id"].map(centre_of)
    heads = city.set_index("city_id")
    sums = city.groupby("centre").agg(
        persons=("persons", "sum"), returnees=("returnees", "sum"), members=("city_id", "size")
    )
    merged = _memory(
        "Point",
        tr("Cities merged within {} km").format(int(radius_km)),
        [
            ("city_id", field_types.STRING),
            ("name", field_types.STRING),
            ("name_zh", field_types.STRING),
            ("country", field_types.STRING),
            ("persons", field_types.INT),
            ("returnees", field_types.INT),
            ("members", field_types.INT),
            ("domestic", field_types.BOOL),
        ],
    )
    features = []
    for centre, row in sums.iterrows():
        head = heads.loc[centre]
        extra = f" +{int(row.members) - 1}" if row.members > 1 else ""
        f = QgsFeature(merged.fields())
        f.setAttributes([
            str(centre), f"{head.get('name') or centre}{extra}",
            f"{head.get('name_zh') or head.get('name') or centre}{extra}",
            head.get("country"), int(row.persons), int(row.returnees), int(row.members),
            bool(head.get("domestic")),
        ])  # fmt: skip
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(head.lon), float(head.lat))))
        features.append(f)
    merged.dataProvider().addFeatures(features)
    merged.updateExtents()

    flow = _frame(flows, ["origin_id", "dest_id", "count", "flow_type"])
    if "flow_type" in flow.columns:  # the returns only: abroad -> home
        flow = flow[flow["flow_type"].eq("backflow")]
    summed = cluster_flows(flow, centre_of)
    lines = _memory(
        "MultiLineString",
        tr("Flows between merged cities"),
        [
            ("origin_id", field_types.STRING),
            ("dest_id", field_types.STRING),
            ("count", field_types.INT),
            ("n_flows", field_types.INT),
            ("flow_type", field_types.STRING),
        ],
    )
    features = []
    for row in summed.itertuples(index=False):
        a, b = heads.loc[row.origin_id], heads.loc[row.dest_id]
        parts = flow_line(float(a.lon), float(a.lat), float(b.lon), float(b.lat), ARC)
        f = QgsFeature(lines.fields())
        f.setAttributes(
            [str(row.origin_id), str(row.dest_id), int(row.count), int(row.n_flows), "backflow"]
        )
        f.setGeometry(
            QgsGeometry.fromMultiPolylineXY(
                [[QgsPointXY(x, y) for x, y in zip(xs, ys)] for xs, ys in parts]
            )
        )
        features.append(f)
    lines.dataProvider().addFeatures(features)
    lines.updateExtents()
    style_layer(merged, "cities", size_field="persons")
    style_layer(lines, "flows")
    return merged, lines
