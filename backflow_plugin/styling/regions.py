"""Regions as a choropleth of net inflow: diverging, colour-blind-safe, classes stated.

Seven classes symmetric around zero (net outflow in browns, net inflow in blue-greens,
ColorBrewer BrBG, safe for the common colour-vision deficiencies); the class limits are
1-2-5 numbers fitted to the largest absolute net flow and written in the legend.
"""

from __future__ import annotations

from qgis.core import (
    QgsFillSymbol,
    QgsPalLayerSettings,
    QgsProperty,
    QgsRuleBasedLabeling,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
)

from ..core.palette import BASEMAP, NET_FLOW_DIVERGING
from ..translation import tr
from .style_helpers import default_language, has_field, label_format, nice_breaks

FIELD = "net_flow"


def net_flow_classes(max_abs: float) -> list[tuple[str, str, str]]:
    """(filter expression, colour, legend label) from the largest outflow to the largest inflow."""
    # nice_breaks gives lower bounds 1 < b1 < b2: classes 1..b1-1, b1..b2-1, >= b2 each side.
    b = nice_breaks(1, max(max_abs, 3), classes=3)
    while len(b) < 3:  # tiny data: 1, 2, 3
        b.append(b[-1] + 1)
    one, b1, b2 = b
    f = f'"{FIELD}"'

    def span(lo: int, hi: int) -> str:
        return f"{lo}" if lo == hi else f"{lo} – {hi}"

    out_label, in_label = tr("Net outflow {}"), tr("Net inflow {}")
    colours = NET_FLOW_DIVERGING
    return [
        (f"{f} <= -{b2}", colours[0], out_label.format(f"≥ {b2}")),
        (f"{f} <= -{b1} AND {f} > -{b2}", colours[1], out_label.format(span(b1, b2 - 1))),
        (f"{f} <= -{one} AND {f} > -{b1}", colours[2], out_label.format(span(one, b1 - 1))),
        (f"coalesce({f}, 0) = 0", colours[3], tr("Balanced (0)")),
        (f"{f} >= {one} AND {f} < {b1}", colours[4], in_label.format(span(one, b1 - 1))),
        (f"{f} >= {b1} AND {f} < {b2}", colours[5], in_label.format(span(b1, b2 - 1))),
        (f"{f} >= {b2}", colours[6], in_label.format(f"≥ {b2}")),
    ]


def _max_abs(layer: QgsVectorLayer | None) -> float:
    if layer is None or not has_field(layer, FIELD):
        return 10.0
    values = [abs(float(f[FIELD])) for f in layer.getFeatures() if f[FIELD] not in (None, "")]
    return max([v for v in values if v == v] or [10.0])


def region_renderer(
    layer: QgsVectorLayer | None = None, only_present: bool = False, max_abs: float | None = None
):
    """The net-inflow choropleth; a legend title says what the numbers count."""
    root = QgsRuleBasedRenderer.Rule(None)
    group = QgsRuleBasedRenderer.Rule(
        None, label=tr("Net inflow of the region (moves in − moves out)")
    )
    for expression, colour, label in net_flow_classes(max_abs or _max_abs(layer)):
        symbol = QgsFillSymbol.createSimple(
            {"color": colour, "outline_color": BASEMAP["border"], "outline_width": "0.2"}
        )
        rule = QgsRuleBasedRenderer.Rule(symbol, filterExp=expression, label=label)
        if (
            only_present
            and layer is not None
            and not any(True for _ in layer.getFeatures(expression))
        ):
            continue
        group.appendChild(rule)
    root.appendChild(group)
    return QgsRuleBasedRenderer(root)


def region_labeling(
    language: str | None = None,
    has_zh: bool = True,
    only_with_persons: bool = False,
    with_value: bool = False,
) -> QgsRuleBasedLabeling:
    """Region names (Chinese when there are Chinese names and the map is Chinese), and
    with `with_value` the signed net inflow under the name (small regions such as
    Beijing carry the largest values and hardly show their colour)."""
    language = language or default_language()
    settings = QgsPalLayerSettings()
    name = 'coalesce("name_zh", "name")' if language == "zh" and has_zh else '"name"'
    if with_value:
        value = f"CASE WHEN \"{FIELD}\" > 0 THEN '+' ELSE '' END || to_string(\"{FIELD}\")"
        name = f"{name} || '\\n' || {value}"
    settings.fieldName = name
    if with_value:  # the biggest gains and losses win when labels collide
        props = settings.dataDefinedProperties()
        props.setProperty(
            QgsPalLayerSettings.Property.Priority,
            QgsProperty.fromExpression(f'min(10, 5 + abs(coalesce("{FIELD}", 0)) / 40)'),
        )
        settings.setDataDefinedProperties(props)

    settings.isExpression = True
    settings.placement = QgsPalLayerSettings.Placement.OverPoint
    settings.centroidInside = True
    settings.setFormat(label_format(language, 6.5, halo=0.6, halo_opacity=0.8))
    rule = QgsRuleBasedLabeling.Rule(settings)
    rule.setDescription(tr("Region names"))
    if only_with_persons:
        rule.setFilterExpression('"persons" > 0')
    root = QgsRuleBasedLabeling.Rule(None)
    root.appendChild(rule)
    return QgsRuleBasedLabeling(root)


def style_regions(layer: QgsVectorLayer, language: str | None = None) -> None:
    layer.setRenderer(region_renderer(layer))
    if has_field(layer, "name"):
        layer.setLabeling(
            region_labeling(
                language,
                has_field(layer, "name_zh"),
                has_field(layer, "persons"),
                has_field(layer, FIELD),
            )
        )
        layer.setLabelsEnabled(True)
