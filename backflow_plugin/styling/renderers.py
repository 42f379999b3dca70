"""Renderers for Backflow's layers: cities by tier, flows by type or pattern, routes, stages.

Every style is built here, from palette.py's colours; the post-processor, the
publication map and scripts/build_styles.py (the .qml files) all call these functions,
so the canvas, the print layout and the shipped styles agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from qgis.core import (
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsDataDefinedSizeLegend,
    QgsFeatureRequest,
    QgsLineSymbol,
    QgsMarkerLineSymbolLayer,
    QgsMarkerSymbol,
    QgsProperty,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsSimpleLineSymbolLayer,
    QgsSimpleMarkerSymbolLayer,
    QgsSimpleMarkerSymbolLayerBase,
    QgsSingleSymbolRenderer,
    QgsSizeScaleTransformer,
    QgsSymbolLayer,
    QgsTemplatedLineSymbolLayerBase,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ..core.palette import (
    BASEMAP,
    FLOW_TYPE_COLOURS,
    KEY,
    PATTERN_COLOURS,
    STAGE,
    TIER_COLOURS,
)
from ..core.schema import FLOW_TYPES
from ..translation import tr
from .city_labels import city_labeling
from .regions import style_regions
from .style_helpers import city_size_field, field_max, has_field, nice_breaks
from .style_helpers import default_language as default_language  # publication_map reads it here

FLOW_TYPE_LABELS = {
    "domestic": "Domestic (before leaving)",
    "outbound": "Outbound (home to abroad)",
    "abroad": "Abroad (between foreign cities)",
    "backflow": "Backflow (the return from abroad)",
    "onward": "Onward (after the return)",
}
PATTERN_LABELS = {
    "circle": "Circle route (back to a known city)",
    "linear": "Linear route (to a new city)",
    None: "No return",
}
TIER_KEYS = ("1", "2", "3", "other", "overseas")
TIER_LEGEND_LABELS = {
    "1": "National core city",
    "2": "Regional excellent city",
    "3": "Regional special city",
    "other": "Other domestic city",
    "overseas": "Overseas city",
    "domestic": "Domestic city",
}
# Size fields that count (persons, linked cities, moves): their keys are whole numbers.
WHOLE_NUMBER_FIELDS = {"returnees", "persons", "degree", "strength", "in_strength",
                       "out_strength", "count"}  # fmt: skip
SIZE_TITLES = {
    "betweenness": "Betweenness centrality",
    "strength": "Strength (persons moving)",
    "pagerank": "PageRank",
    "degree": "Linked cities",
    "in_strength": "In strength",
    "out_strength": "Out strength",
    "closeness": "Closeness",
    "eigenvector": "Eigenvector",
    "returnees": "Returnees",
    "persons": "Persons",
}

COLOUR_BY_TYPE, COLOUR_BY_PATTERN = "flow_type", "pattern"
FLOW_WIDTHS_MM = (0.2, 0.4, 0.7, 1.1, 1.7)


# ---------------------------------------------------------------- helpers


def _values(layer: QgsVectorLayer, expression: str) -> set:
    """The distinct values an expression takes on the layer's features."""
    from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils

    expr = QgsExpression(expression)
    ctx = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    expr.prepare(ctx)
    out = set()
    for feature in layer.getFeatures():
        ctx.setFeature(feature)
        out.add(expr.evaluate(ctx))
    return out


def class_label(lower: int, upper: int | None) -> str:
    if upper is None:
        return f"≥ {lower}"
    return f"{lower}" if upper - 1 == lower else f"{lower}–{upper - 1}"


@dataclass
class WidthClasses:
    """Stepped flow widths: legend and map agree exactly."""

    breaks: list[int]
    field: str = "count"

    @property
    def widths(self) -> list[float]:
        n = len(self.breaks)
        return list(FLOW_WIDTHS_MM[-n:]) if n > 1 else [FLOW_WIDTHS_MM[2]]

    def expression(self) -> str:
        pairs = list(zip(self.breaks, self.widths))[::-1]
        whens = " ".join(f'WHEN "{self.field}" >= {b} THEN {w}' for b, w in pairs[:-1])
        return f"CASE {whens} ELSE {pairs[-1][1]} END" if whens else str(pairs[-1][1])

    def labels(self) -> list[str]:
        uppers = self.breaks[1:] + [None]
        return [class_label(lo, up) for lo, up in zip(self.breaks, uppers)]


# ---------------------------------------------------------------- flows


def flow_symbol(
    colour: str,
    width: float = 0.8,
    width_expression: str | None = None,
    arrow: bool = True,
    opacity: float = 0.8,
) -> QgsLineSymbol:
    """A line with an arrowhead at its end, stopped short of the destination city."""
    line = QgsSimpleLineSymbolLayer(QColor(colour), width)
    line.setPenCapStyle(Qt.PenCapStyle.FlatCap)
    line.setPenJoinStyle(Qt.PenJoinStyle.RoundJoin)
    symbol = QgsLineSymbol()
    symbol.changeSymbolLayer(0, line)  # (a list in the constructor is not owned: crashes)
    if width_expression:
        line.setDataDefinedProperty(
            QgsSymbolLayer.Property.PropertyStrokeWidth,
            QgsProperty.fromExpression(width_expression),
        )
    if arrow:
        head = QgsSimpleMarkerSymbolLayer(
            QgsSimpleMarkerSymbolLayerBase.Shape.ArrowHeadFilled, 1.6 + 1.3 * width
        )
        head.setColor(QColor(colour))
        head.setStrokeStyle(Qt.PenStyle.NoPen)
        head.setAngle(180.0)  # the shape points backwards along the line
        if width_expression:
            head.setDataDefinedProperty(
                QgsSymbolLayer.Property.PropertySize,
                QgsProperty.fromExpression(f"1.6 + 1.3 * ({width_expression})"),
            )
        marker_line = QgsMarkerLineSymbolLayer(True)
        marker_line.setPlacement(QgsTemplatedLineSymbolLayerBase.Placement.LastVertex)
        marker_line.setOffsetAlongLine(1.2)  # ends the head before the city symbol
        head_symbol = QgsMarkerSymbol()
        head_symbol.changeSymbolLayer(0, head)
        marker_line.setSubSymbol(head_symbol)
        symbol.appendSymbolLayer(marker_line)
    symbol.setOpacity(opacity)
    return symbol


def flow_classes(layer: QgsVectorLayer | None, colour_by: str) -> tuple[str, list[tuple]]:
    """(class expression, [(value, colour, label)]) for flows coloured by type or pattern."""
    if colour_by == COLOUR_BY_PATTERN:
        if layer is not None and has_field(layer, "pattern"):
            expr = '"pattern"'
        else:  # backflow flows with circle / linear counts: the larger camp
            expr = "CASE WHEN \"circle\" >= \"linear\" THEN 'circle' ELSE 'linear' END"
        items = [(k, PATTERN_COLOURS[k], tr(PATTERN_LABELS[k])) for k in ("circle", "linear")]
        return expr, items
    return '"flow_type"', [(k, FLOW_TYPE_COLOURS[k], tr(FLOW_TYPE_LABELS[k])) for k in FLOW_TYPES]


def flow_renderer(
    layer: QgsVectorLayer | None = None,
    colour_by: str = COLOUR_BY_TYPE,
    min_count: int = 1,
    max_count: float | None = None,
    flow_types: list[str] | None = None,
    only_present: bool = True,
    arrows: bool = True,
    labels: dict[str, str] | None = None,
) -> QgsRuleBasedRenderer:
    """Flows: colour by flow type or route pattern, width in stepped classes of `count`,
    arrowheads, big flows above small ones, flows under MIN_COUNT hidden.

    The legend lists the colour classes, then a group of grey width keys.
    """
    # Persons, not moves, where the layer counts them (a person can make a move twice).
    value = "persons" if layer is not None and has_field(layer, "persons") else "count"
    if max_count is None:
        max_count = field_max(layer, value, 50.0) if layer is not None else 50.0
    widths = WidthClasses(nice_breaks(min_count, max_count), field=value)
    width_expr = widths.expression()
    class_expr, items = flow_classes(layer, colour_by)
    base = f'"{value}" >= {int(min_count)}'
    if flow_types:
        base += ' AND "flow_type" IN ({})'.format(", ".join(f"'{t}'" for t in flow_types))
        if colour_by == COLOUR_BY_TYPE:
            items = [i for i in items if i[0] in flow_types]
    if only_present and layer is not None and layer.featureCount() > 0:
        present = _values(layer, f"CASE WHEN {base} THEN {class_expr} END")
        items = [i for i in items if i[0] in present]
    if labels:
        items = [(v, c, labels.get(v, lab)) for v, c, lab in items]
    root = QgsRuleBasedRenderer.Rule(None)
    # Pattern maps: opaque lines with a white casing, so that circle and linear flows
    # crossing each other stay two colours instead of blending into a third.
    pattern = colour_by == COLOUR_BY_PATTERN
    for key, colour, label in items:
        symbol = flow_symbol(
            colour,
            width=FLOW_WIDTHS_MM[2],
            width_expression=width_expr,
            arrow=arrows,
            opacity=1.0 if pattern else 0.8,
        )
        if pattern:
            casing = QgsSimpleLineSymbolLayer(QColor(BASEMAP["halo"]), FLOW_WIDTHS_MM[2] + 0.3)
            casing.setPenCapStyle(Qt.PenCapStyle.FlatCap)
            casing.setDataDefinedProperty(
                QgsSymbolLayer.Property.PropertyStrokeWidth,
                QgsProperty.fromExpression(f"({width_expr}) + 0.3"),
            )
            symbol.insertSymbolLayer(0, casing)
        rule = QgsRuleBasedRenderer.Rule(
            symbol,
            filterExp=f"{base} AND {class_expr} = '{key}'",
            label=label,
        )
        root.appendChild(rule)
    key = QgsRuleBasedRenderer.Rule(None, filterExp="FALSE", label=tr("Persons per flow"))
    for width, label in zip(widths.widths, widths.labels()):
        key.appendChild(
            QgsRuleBasedRenderer.Rule(
                flow_symbol(KEY, width=width, arrow=False, opacity=1.0),
                filterExp="FALSE",
                label=label,
            )
        )
    root.appendChild(key)
    renderer = QgsRuleBasedRenderer(root)
    renderer.setOrderBy(
        QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause(f'"{value}"', True)])
    )
    renderer.setOrderByEnabled(True)
    return renderer


def style_flows(
    layer: QgsVectorLayer,
    colour_by: str | None = None,
    min_count: int = 1,
    flow_types: list[str] | None = None,
    max_count: float | None = None,
) -> None:
    """Colour by pattern when the layer has pattern fields, else by flow type."""
    if colour_by is None:
        colour_by = (
            COLOUR_BY_PATTERN
            if (has_field(layer, "pattern") or has_field(layer, "circle"))
            else COLOUR_BY_TYPE
        )
    layer.setRenderer(flow_renderer(layer, colour_by, min_count, max_count, flow_types))
    set_temporal(layer)


# ---------------------------------------------------------------- cities


def city_class_expression(
    layer: QgsVectorLayer | None, tiers: bool | None = None
) -> tuple[str, list[str]]:
    if tiers is None:
        tiers = layer is not None and has_field(layer, "tier")
    domestic = '"domestic"' if layer is None or has_field(layer, "domestic") else "TRUE"
    if tiers:
        expr = (
            "CASE WHEN \"tier\" = 1 THEN '1' WHEN \"tier\" = 2 THEN '2' WHEN \"tier\" = 3 THEN '3' "
            f"WHEN {domestic} THEN 'other' ELSE 'overseas' END"
        )
        return expr, list(TIER_KEYS)
    return f"CASE WHEN {domestic} THEN 'domestic' ELSE 'overseas' END", ["domestic", "overseas"]


def city_size_property(
    field: str,
    max_value: float,
    min_size: float = 1.0,
    max_size: float = 9.0,
    null_size: float = 2.5,
) -> QgsProperty:
    """Symbol area proportional to the value (assistant-style, so QGIS can draw a size legend).

    `null_size` is also the size of the category symbols in the legend."""
    prop = QgsProperty.fromField(field)
    prop.setTransformer(
        QgsSizeScaleTransformer(
            QgsSizeScaleTransformer.ScaleType.Area,
            0.0,
            max(max_value, 1e-9),
            min_size,
            max_size,
            null_size,
            0.5,
        )
    )
    return prop


def _pretty_size_classes(max_value: float) -> list[float]:
    """Three 1-2-5 values for the nested-circle key: the top, about 1/4 and 1/20 of it."""
    if max_value <= 0:
        return [1.0]
    exp = 10 ** math.floor(math.log10(max_value))
    series = sorted(v * 10**k * exp for v in (1, 2, 5) for k in range(-3, 2))
    top = max(v for v in series if v <= max_value * 1.0000001)
    picks = {top}
    for share in (4, 20):
        picks.add(min(series, key=lambda v: abs(math.log(v) - math.log(top / share))))
    return sorted(round(v, 12) for v in picks)


def plain_number(value: float) -> str:
    """A legend value as readers write it: 1,200, 0.05, 0.00005 (never 5e-05)."""
    if value >= 1 or value <= 0:
        return f"{value:,.0f}"
    decimals = -math.floor(math.log10(value))
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")


def size_legend(field: str, max_value: float) -> QgsDataDefinedSizeLegend:
    legend = QgsDataDefinedSizeLegend()
    legend.setLegendType(QgsDataDefinedSizeLegend.LegendType.LegendCollapsed)
    legend.setTitle(tr(SIZE_TITLES.get(field, field)))
    legend.setVerticalAlignment(QgsDataDefinedSizeLegend.VerticalAlignment.AlignBottom)
    values = _pretty_size_classes(max_value)
    if field in WHOLE_NUMBER_FIELDS:  # no key of 0.2 persons
        values = [v for v in values if v >= 1] or [1.0]
    classes = []
    for v in values:
        classes.append(QgsDataDefinedSizeLegend.SizeClass(v, plain_number(v)))
    legend.setClasses(classes)
    key = QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": "0,0,0,0", "outline_color": KEY, "outline_width": "0.2"}
    )
    legend.setSymbol(key)
    return legend


def city_renderer(
    layer: QgsVectorLayer | None = None,
    size_field: str | None = None,
    max_value: float | None = None,
    tiers: bool | None = None,
    only_present: bool = True,
) -> QgsCategorizedSymbolRenderer:
    """Categorised by tier (or domestic / overseas), area by a centrality measure."""
    expr, keys = city_class_expression(layer, tiers)
    size_field = size_field or city_size_field(layer)
    if max_value is None:
        max_value = field_max(layer, size_field, 1.0) if layer is not None else 1.0
    size = city_size_property(size_field, max_value)
    if only_present and layer is not None and layer.featureCount() > 0:
        present = _values(layer, expr)
        keys = [k for k in keys if k in present]
    categories = []
    for key in keys:
        colour = (
            TIER_COLOURS[int(key)]
            if key.isdigit()
            else TIER_COLOURS["other" if key == "domestic" else key]
        )
        symbol = QgsMarkerSymbol.createSimple(
            {
                "name": "circle",
                "color": colour,
                "outline_color": KEY if key == "3" else BASEMAP["halo"],
                "outline_width": "0.25",
                "size": "2.4",
            }
        )
        # Slightly see-through, so flows ending at a city stay visible under it.
        symbol.setOpacity(0.75 if key == "overseas" else 0.9)
        symbol.setDataDefinedSize(size)
        categories.append(QgsRendererCategory(key, symbol, tr(TIER_LEGEND_LABELS[key])))
    # The size key draws with the source symbol: hollow grey circles.
    source = QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": "255,255,255,0", "outline_color": KEY, "outline_width": "0.25"}
    )
    source.setDataDefinedSize(size)
    renderer = QgsCategorizedSymbolRenderer(expr, categories)
    renderer.setSourceSymbol(source)
    renderer.setDataDefinedSizeLegend(size_legend(size_field, max_value))
    # Big cities first, small ones on top of them.
    renderer.setOrderBy(
        QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause(f'"{size_field}"', False)])
    )
    renderer.setOrderByEnabled(True)
    return renderer


def style_cities(
    layer: QgsVectorLayer, language: str | None = None, size_field: str | None = None
) -> None:
    layer.setRenderer(city_renderer(layer, size_field))
    layer.setLabeling(city_labeling(layer, language))
    layer.setLabelsEnabled(True)


# ---------------------------------------------------------------- routes, stages


def route_opacity(n_routes: int) -> float:
    """Fainter the more routes there are, so that overlaps read as density, not a blot."""
    return max(0.04, min(0.2, 3.0 / math.sqrt(max(n_routes, 1))))


def route_renderer(
    layer: QgsVectorLayer | None = None, opacity: float | None = None, only_present: bool = True
):
    """Routes by pattern, translucent: many overlapping routes read as density."""
    if opacity is None:
        opacity = route_opacity(layer.featureCount()) if layer is not None else 0.12

    def symbol(colour):
        s = QgsLineSymbol.createSimple({"color": colour, "width": "0.25", "capstyle": "round"})
        s.setOpacity(opacity)
        return s

    if layer is not None and not has_field(layer, "pattern"):
        return QgsSingleSymbolRenderer(symbol(PATTERN_COLOURS[None]))
    keys = ["circle", "linear", None]
    if only_present and layer is not None and layer.featureCount() > 0:
        present = _values(layer, '"pattern"')
        keys = [
            k for k in keys if k in present or (k is None and (None in present or "" in present))
        ]
    categories = []
    for key in keys:
        value = key if key is not None else ""
        categories.append(
            QgsRendererCategory(value, symbol(PATTERN_COLOURS[key]), tr(PATTERN_LABELS[key]))
        )
    return QgsCategorizedSymbolRenderer("pattern", categories)


def style_routes(layer: QgsVectorLayer) -> None:
    layer.setRenderer(route_renderer(layer))
    set_temporal(layer)


def style_stages(layer: QgsVectorLayer) -> None:
    symbol = QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": STAGE, "outline_style": "no", "size": "1.2"}
    )
    symbol.setOpacity(0.35)
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    set_temporal(layer)


# ---------------------------------------------------------------- time

# field -> (start expression, end expression): a stage lasts its year; returns and flows
# accumulate from their (first) year on, so the animation shows returns piling up.
TEMPORAL_FIELDS = (
    ("return_year", 'make_date("return_year", 1, 1)', "make_date(9999, 12, 31)"),
    ("first_year", 'make_date("first_year", 1, 1)', "make_date(9999, 12, 31)"),
    ("year", 'make_date("year", 1, 1)', 'make_date("year", 12, 31)'),
)


def set_temporal(layer: QgsVectorLayer) -> bool:
    """Temporal properties from a year field; True when set."""
    for field, start, end in TEMPORAL_FIELDS:
        if has_field(layer, field):
            props = layer.temporalProperties()
            props.setMode(Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromExpressions)
            props.setStartExpression(start)
            props.setEndExpression(end)
            props.setIsActive(True)
            return True
    return False


def style_layer(layer: QgsVectorLayer, kind: str, **options) -> None:
    """Apply Backflow's style of `kind` (cities, network, flows, routes, stages)."""
    if kind in ("cities", "network"):
        style_cities(layer, options.get("language"), options.get("size_field"))
    elif kind == "flows":
        style_flows(layer, options.get("colour_by"), options.get("min_count", 1))
    elif kind == "routes":
        style_routes(layer)
    elif kind == "stages":
        style_stages(layer)
    elif kind == "regions":
        style_regions(layer, options.get("language"))
    else:
        raise ValueError(f"unknown style kind {kind!r}")
    set_temporal(layer)
