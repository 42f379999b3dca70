"""The "top source cities" map preset: the backflow from the N largest overseas sources.

A source city's share is the persons on its backflow flows (the last overseas city
before a return, to the return city) over the persons on all backflow flows. Only
sources with at least `min_persons` persons are drawn (small counts can identify
people); their flows are drawn like any flow (widths by count, MIN_COUNT applies),
and each source city is marked and labelled with its name, country and share.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

from .. import field_types
from ..core.disclosure.rules import MIN_PERSONS_DEFAULT
from ..core.palette import FLOW_TYPE_COLOURS
from ..translation import tr
from . import flowlines
from .render_guard import layers_changing
from .style_helpers import label_format


@dataclass
class Source:
    city_id: str
    name: str
    country: str
    persons: int
    share: float
    point: object  # QgsPointXY in the flows' CRS

    @property
    def label(self) -> str:
        return f"{self.name} ({self.country})" if self.country else self.name


def _value(feature, name: str):
    value = feature[name] if feature.fields().indexOf(name) >= 0 else None
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return value


def _city_info(cities: QgsVectorLayer | None) -> dict[str, tuple[str, str]]:
    """city_id -> (country, Chinese name) from a CITIES layer ('' where unknown)."""
    if cities is None or cities.fields().indexOf("city_id") < 0:
        return {}
    return {
        str(f["city_id"]): (str(_value(f, "country") or ""), str(_value(f, "name_zh") or ""))
        for f in cities.getFeatures()
    }


def top_sources(
    flows: QgsVectorLayer,
    cities: QgsVectorLayer | None,
    n: int,
    min_persons: int = MIN_PERSONS_DEFAULT,
    language: str = "en",
) -> tuple[list[Source], int]:
    """The top `n` sources of backflow (at least `min_persons` each) and all backflow persons.

    Names are Chinese (``name_zh`` of `cities`) when `language` is ``zh`` and one is known.
    """
    weight = "persons" if flows.fields().indexOf("persons") >= 0 else "count"
    info = _city_info(cities)
    totals: dict[str, list] = {}
    everyone = 0
    request = QgsFeatureRequest().setFilterExpression("\"flow_type\" = 'backflow'")
    for feature in flows.getFeatures(request):
        persons = int(_value(feature, weight) or 0)
        everyone += persons
        origin = str(_value(feature, "origin_id") or "")
        ends = flowlines.endpoints(feature.geometry())
        if not origin or ends is None:
            continue
        entry = totals.setdefault(origin, [str(_value(feature, "origin") or origin), 0, ends[0]])
        entry[1] += persons
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1][1], kv[1][0]))
    out = []
    for cid, (name, persons, point) in ranked:
        if persons < min_persons or len(out) == n:
            continue
        country, name_zh = info.get(cid, ("", ""))
        shown = name_zh if language == "zh" and name_zh else name
        out.append(Source(cid, shown, country, persons, persons / everyone, point))
    return out, everyone


def source_flows(flows: QgsVectorLayer, sources: list[Source]) -> QgsVectorLayer:
    """A memory copy of the backflow flows that start in `sources`."""
    keep = {s.city_id for s in sources}
    out = QgsVectorLayer(f"MultiLineString?crs={flows.crs().authid()}", flows.name(), "memory")
    out.setCrs(flows.crs())
    out.dataProvider().addAttributes(flows.fields().toList())
    out.updateFields()
    request = QgsFeatureRequest().setFilterExpression("\"flow_type\" = 'backflow'")
    features = []
    for feature in flows.getFeatures(request):
        if str(_value(feature, "origin_id") or "") in keep:
            f = QgsFeature(out.fields())
            f.setAttributes(feature.attributes())
            f.setGeometry(QgsGeometry(feature.geometry()))
            features.append(f)
    out.dataProvider().addFeatures(features)
    out.updateExtents()
    return out


def source_points(sources: list[Source], crs, language: str = "en") -> QgsVectorLayer:
    """The source cities as labelled points: 'Cambridge (US) 3.4 %'."""
    layer = QgsVectorLayer(
        f"Point?crs={crs.authid()}", tr("Top source cities (share of all returns)"), "memory"
    )
    layer.setCrs(crs)
    layer.dataProvider().addAttributes(
        [
            QgsField("city_id", field_types.STRING),
            QgsField("label", field_types.STRING),
            QgsField("persons", field_types.INT),
            QgsField("share", field_types.DOUBLE),
            QgsField("rank", field_types.INT),
        ]
    )
    layer.updateFields()
    features = []
    for rank, s in enumerate(sources, start=1):
        f = QgsFeature(layer.fields())
        f.setAttributes([s.city_id, s.label, s.persons, s.share, rank])
        f.setGeometry(QgsGeometry.fromPointXY(s.point))
        features.append(f)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    symbol = QgsMarkerSymbol.createSimple(
        {
            "name": "circle",
            "color": FLOW_TYPE_COLOURS["backflow"],
            "outline_color": "#FFFFFF",
            "outline_width": "0.3",
            "size": "2.6",
        }
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    settings = QgsPalLayerSettings()
    settings.fieldName = "concat(\"label\", ' ', format_number(100 * \"share\", 1), ' %')"
    settings.isExpression = True
    settings.placement = QgsPalLayerSettings.Placement.OrderedPositionsAroundPoint
    settings.dist = 1.0
    settings.setFormat(label_format(language, 7.5, bold=True, halo=1.0))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return layer


def subtitle(sources: list[Source], everyone: int) -> str:
    """'Backflow from the 10 largest overseas source cities: 31.2 % of 2,846 returns'."""
    share = sum(s.persons for s in sources) / everyone if everyone else 0.0
    return tr(
        "Backflow from the {n} largest overseas source cities: {share} % of {total} returns"
    ).format(n=len(sources), share=f"{100 * share:.1f}", total=f"{everyone:,}")


def add_to_layout(layout, project: QgsProject, points: QgsVectorLayer, group_name: str) -> None:
    """Draw the labelled source points on the layout's map (on top) and in its legend."""
    with layers_changing(project):
        project.addMapLayer(points, False)
    group = project.layerTreeRoot().findGroup(group_name)
    if group is not None:
        group.insertLayer(0, points)
    map_item = layout.itemById("map")
    if map_item is not None:
        map_item.setLayers([points, *map_item.layers()])
    legend = layout.itemById("legend")
    if legend is not None:
        legend.model().rootGroup().insertLayer(0, points)
        legend.adjustBoxSize()
        legend.refresh()
