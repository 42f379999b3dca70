"""Labels of the cities layer (which cities, by tier or size, and how they sit: rules,
leaders, obstacles) and of the basemap's island groups."""

from __future__ import annotations

from qgis.core import (
    QgsLineSymbol,
    QgsPalLayerSettings,
    QgsProperty,
    QgsRuleBasedLabeling,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor, QFont

from ..core.palette import (
    KEY,
    TEXT,
)
from ..translation import tr
from .style_helpers import (
    city_size_field,
    default_language,
    has_field,
    label_font_family,
    label_format,
)


def label_rules(
    layer: QgsVectorLayer | None, tiers: bool | None = None, top: int = 12, world: bool = False
) -> list[tuple[str, str, float, bool]]:
    """(label, filter, size pt, bold) rules: tiers 1 and 2, or the top return cities.

    A world map labels only the national core cities (or the top few)."""
    if tiers is None:
        tiers = layer is not None and has_field(layer, "tier")
    if tiers:
        rules = [
            (tr("National core city"), '"tier" = 1', 9.0, True),
            (tr("Regional excellent city"), '"tier" = 2', 7.5, False),
        ]
        if not world:
            return rules + _large_untiered_rule(layer)
        # A world map: the national core cities and the top overseas cities.
        return rules[:1] + _top_overseas_rule(layer)
    if world:
        top = 4
    field = "returnees"
    threshold = 1.0
    if layer is not None and has_field(layer, field):
        values = sorted((f[field] or 0 for f in layer.getFeatures()), reverse=True)
        if values:
            threshold = max(values[min(top, len(values)) - 1], 1)
    return [(tr("Main return cities"), f'"{field}" >= {threshold:g}', 7.5, False)]


def _large_untiered_rule(layer: QgsVectorLayer | None) -> list:
    """Domestic cities outside tiers 1 and 2 drawn at least as large as a labelled one
    (by the field the map sizes its cities by, the layer's `backflow/size_field`): a
    big circle without a name reads as a mistake. Placed where there is room."""
    if layer is None or not has_field(layer, "tier"):
        return []
    field = layer.customProperty("backflow/size_field") or city_size_field(layer)
    if not has_field(layer, field):
        return []
    labelled = [
        f[field] for f in layer.getFeatures() if f["tier"] in (1, 2) and f[field] is not None
    ]
    labelled = [v for v in labelled if not (hasattr(v, "isNull") and v.isNull()) and v > 0]
    if not labelled:
        return []
    domestic = '"domestic" AND ' if has_field(layer, "domestic") else ""
    return [
        (
            tr("Other large city"),
            f'{domestic}coalesce("tier", 0) NOT IN (1, 2) AND "{field}" >= {min(labelled)!r}',
            7.0,
            False,
        )
    ]


def _top_overseas_rule(layer: QgsVectorLayer | None, top: int = 10) -> list:
    if layer is None or not has_field(layer, "domestic") or not has_field(layer, "persons"):
        return []
    values = sorted(
        (f["persons"] or 0 for f in layer.getFeatures() if not f["domestic"]), reverse=True
    )
    if not values:
        return []
    threshold = max(values[min(top, len(values)) - 1], 1)
    if sum(v >= threshold for v in values) > top:
        # Ties at the cut (hundreds of cities of one person): only the values above it,
        # else QGIS labels whichever tied small places have room (Ocho Rios, Ndola).
        above = [v for v in values if v > threshold]
        threshold = min(above) if above else values[0] + 1
    return [
        (tr("Main overseas cities"), f'NOT "domestic" AND "persons" >= {threshold:g}', 7.0, False)
    ]


def city_labeling(
    layer: QgsVectorLayer | None = None,
    language: str | None = None,
    tiers: bool | None = None,
    world: bool = False,
    leader_fields: tuple[str, str] | None = None,
    pin_fields: tuple[str, str] | None = None,
) -> QgsRuleBasedLabeling:
    """Labels for tier 1 and 2 cities (or the main return cities) with a white halo.

    `leader_fields` (x, y fields, in the layer's CRS): the first rule's labels are
    placed there, with a leader line to their city, and always drawn (a world map's
    core cities are too close together to label in place). `pin_fields` (with
    `leader_fields`): where they hold a position, the label's left middle is set there,
    without a leader, and always drawn."""
    language = language or default_language()
    name = 'coalesce("name_zh", "name")' if language == "zh" else 'coalesce("name", "name_zh")'
    root = QgsRuleBasedLabeling.Rule(None)
    for priority, (label, filter_exp, size, bold) in enumerate(
        label_rules(layer, tiers, world=world)
    ):
        settings = QgsPalLayerSettings()
        settings.fieldName = name
        settings.isExpression = True
        settings.placement = QgsPalLayerSettings.Placement.OrderedPositionsAroundPoint
        settings.dist = 0.8
        settings.priority = 10 - priority
        settings.setFormat(label_format(language, size, bold=bold, halo=0.9, halo_opacity=0.9))
        if leader_fields and (priority == 0 or not world):
            # Tier 1 (world maps), tiers 1 and 2 (regional maps): where the fields
            # hold a position, the label is set there with a leader line.
            place_with_leader(
                settings,
                *leader_fields,
                always=world,
                align="Right" if world else "Left",
                pin_fields=pin_fields,
            )
        rule = QgsRuleBasedLabeling.Rule(settings)
        rule.setFilterExpression(filter_exp)
        rule.setDescription(label)
        root.appendChild(rule)
    return QgsRuleBasedLabeling(root)


def place_with_leader(
    settings: QgsPalLayerSettings,
    x_field: str,
    y_field: str,
    always: bool = True,
    align: str = "Left",
    pin_fields: tuple[str, str] | None = None,
) -> None:
    from qgis.core import QgsSimpleLineCallout

    props = settings.dataDefinedProperties()
    x, y = QgsProperty.fromField(x_field), QgsProperty.fromField(y_field)
    shown = f'"{x_field}" IS NOT NULL'
    if pin_fields:  # a label pinned where the engine once placed it (no leader)
        x = QgsProperty.fromExpression(f'coalesce("{x_field}", "{pin_fields[0]}")')
        y = QgsProperty.fromExpression(f'coalesce("{y_field}", "{pin_fields[1]}")')
        shown += f' OR "{pin_fields[0]}" IS NOT NULL'
    props.setProperty(QgsPalLayerSettings.Property.PositionX, x)
    props.setProperty(QgsPalLayerSettings.Property.PositionY, y)
    props.setProperty(QgsPalLayerSettings.Property.Hali, QgsProperty.fromValue(align))
    props.setProperty(QgsPalLayerSettings.Property.Vali, QgsProperty.fromValue("Half"))
    settings.setDataDefinedProperties(props)
    settings.displayAll = always
    callout = QgsSimpleLineCallout()
    callout.setEnabled(True)
    callout.setLineSymbol(
        QgsLineSymbol.createSimple({"color": TEXT, "width": "0.2", "capstyle": "round"})
    )
    callout.setMinimumLength(0.5)
    settings.setCallout(callout)
    # Leader lines only for the labels set apart, not for those beside their city.
    props = settings.dataDefinedProperties()
    set_apart = QgsProperty.fromExpression(f'"{x_field}" IS NOT NULL')
    props.setProperty(QgsPalLayerSettings.Property.CalloutDraw, set_apart)
    # A label set apart (or pinned) is always drawn: its place was found clear of the others.
    props.setProperty(QgsPalLayerSettings.Property.AlwaysShow, QgsProperty.fromExpression(shown))
    settings.setDataDefinedProperties(props)


def island_group_labeling(language: str | None = None, international: bool = False):
    """Names of the South China Sea island groups (东沙群岛 ...), small and italic;
    `international`: the English names of de facto maps (Paracel Islands ...)."""
    from qgis.core import QgsVectorLayerSimpleLabeling

    language = language or default_language()
    settings = QgsPalLayerSettings()
    settings.fieldName = (
        '"name_zh"' if language == "zh" else '"name_intl"' if international else '"name"'
    )
    settings.isExpression = True
    settings.displayAll = True  # four names placed by hand: all of them, always
    # Placed by the engine around their anchor where they hide no island (the islands
    # layer is a label obstacle: obstacle_labeling), below first: above the Pratas
    # Islands is the coast, where Shenzhen and Hong Kong are labelled.
    settings.placement = QgsPalLayerSettings.Placement.OrderedPositionsAroundPoint
    settings.dist = 0.3
    settings.priority = 10  # placed first: the cities' labels find room around them
    position = QgsPalLayerSettings.PredefinedPointPosition
    settings.predefinedPositionOrder = [
        position.BottomMiddle,
        position.BottomRight,
        position.BottomLeft,
        position.MiddleRight,
        position.MiddleLeft,
        position.TopRight,
        position.TopLeft,
        position.TopMiddle,
    ]
    if language != "zh":
        # English names ("Macclesfield Bank") are three times as wide as 中沙群岛: on two
        # lines.
        settings.wrapChar = " "
        settings.multilineAlign = QgsPalLayerSettings.MultiLineAlign.MultiCenter
    fmt = QgsTextFormat()
    font = QFont(label_font_family(language))
    font.setItalic(language != "zh")
    fmt.setFont(font)
    fmt.setSize(5.5)
    fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    fmt.setColor(QColor(KEY))
    settings.setFormat(fmt)
    return QgsVectorLayerSimpleLabeling(settings)


def obstacle_labeling():
    """No text: the layer's features only keep other labels off them (island dots)."""
    from qgis.core import QgsVectorLayerSimpleLabeling

    settings = QgsPalLayerSettings()
    settings.fieldName = "''"
    settings.isExpression = True
    settings.drawLabels = False
    obstacle = settings.obstacleSettings()
    obstacle.setIsObstacle(True)
    obstacle.setFactor(2.0)
    settings.setObstacleSettings(obstacle)
    return QgsVectorLayerSimpleLabeling(settings)
