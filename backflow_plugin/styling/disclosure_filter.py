"""MIN_PERSONS on the map layers a run adds to the project (issue 15).

The files keep every city and flow (they are the analysis); the layers QGIS loads from
them get a layer filter hiding cities and flows of fewer than MIN_PERSONS persons, so
a map made from the canvas shows none of them. A filter, not a deletion: the layer's
filter icon shows it, and the user who publishes nothing can clear it.
"""

from __future__ import annotations

import logging

from qgis.core import (
    QgsFeatureRequest,
    QgsPalLayerSettings,
    QgsProcessingLayerPostProcessorInterface,
    QgsProperty,
    QgsRenderContext,
    QgsRuleBasedLabeling,
    QgsSymbolLayer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

from ..core.disclosure.rules import (
    SMALLEST_PROTECTING,
    ThresholdCheck,
    check_threshold,
    map_mostly_hidden,
)
from ..translation import tr

log = logging.getLogger("backflow")

# output key -> the field counting persons (backflow flows by pattern: one return per
# person, so their count is persons)
PERSON_FIELDS = {
    "CITIES": "persons",
    "NETWORK": "persons",
    "FLOWS": "persons",
    "PATTERN_FLOWS": "count",
}


def person_filter(field: str, k: int) -> str:
    return f'"{field}" >= {int(k)}'


PROPERTY = "backflow/min_persons"  # "field k" on a filtered layer, kept by filter_flows


def kept_rule(layer: QgsVectorLayer) -> str | None:
    """The MIN_PERSONS filter of a layer, for a filter that replaces the subset string
    (None for memory layers, which hide by style: see apply_min_persons)."""
    value = str(layer.customProperty(PROPERTY, "") or "").split()
    if len(value) != 2 or not value[1].isdigit() or layer.providerType() == "memory":
        return None
    return person_filter(value[0], int(value[1]))


def apply_min_persons(layer: QgsVectorLayer, field: str, k: int) -> bool:
    """Hide the features of fewer than k persons; False if the layer has no such field.

    File layers get a layer filter (added to the canvas flow filter's); memory layers
    keep their features and hide them by their symbols and labels, because QGIS 3.22
    evaluates a memory layer's filter in the map's render threads with the project's
    scope, which crashes QGIS when the project changes during a render (seen here)."""
    if k <= 1 or layer.fields().indexOf(field) < 0:
        return False
    layer.setCustomProperty(PROPERTY, f"{field} {int(k)}")
    rule = person_filter(field, k)
    if layer.providerType() == "memory":
        hide_by_style(layer, rule)
        return True
    current = layer.subsetString().strip()
    if rule in current:
        return True
    layer.setSubsetString(f"({current}) AND {rule}" if current else rule)
    return True


def hide_by_style(layer: QgsVectorLayer, rule: str) -> None:
    """Draw and label only the features matching `rule`."""
    show = QgsProperty.fromExpression(rule)
    renderer = layer.renderer()
    if renderer is not None:
        for symbol in renderer.symbols(QgsRenderContext()):
            for symbol_layer in symbol.symbolLayers():
                symbol_layer.setDataDefinedProperty(
                    QgsSymbolLayer.Property.PropertyLayerEnabled, show
                )
    labeling = layer.labeling()
    if isinstance(labeling, QgsVectorLayerSimpleLabeling):
        layer.setLabeling(QgsVectorLayerSimpleLabeling(_shown_when(labeling.settings(), show)))
    elif isinstance(labeling, QgsRuleBasedLabeling):
        for child in labeling.rootRule().descendants():
            if child.settings() is not None:
                child.setSettings(_shown_when(child.settings(), show))


def _shown_when(settings: QgsPalLayerSettings, show: QgsProperty) -> QgsPalLayerSettings:
    """A copy of label settings that label only where `show` is true."""
    out = QgsPalLayerSettings(settings)
    props = out.dataDefinedProperties()
    props.setProperty(QgsPalLayerSettings.Property.Show, show)
    out.setDataDefinedProperties(props)
    return out


def hidden_by_style(layer: QgsVectorLayer) -> str | None:
    """The rule a memory layer's symbols are drawn by (None when not hidden by style)."""
    renderer = layer.renderer()
    for symbol in renderer.symbols(QgsRenderContext()) if renderer is not None else ():
        for symbol_layer in symbol.symbolLayers():
            prop = symbol_layer.dataDefinedProperties().property(
                QgsSymbolLayer.Property.PropertyLayerEnabled
            )
            if prop.isActive():
                return prop.expressionString()
    return None


def count_below(layer: QgsVectorLayer, field: str, k: int) -> int:
    """Features of fewer than k persons (what the filter hides)."""
    if layer.fields().indexOf(field) < 0:
        return 0
    request = QgsFeatureRequest().setFilterExpression(f'"{field}" < {int(k)}')
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setNoAttributes()
    return sum(1 for _ in layer.getFeatures(request))


class MinPersonsFilter(QgsProcessingLayerPostProcessorInterface):
    """The filter of an output that has no post-processor of its own."""

    def __init__(self, field: str | None, k: int):
        super().__init__()
        self.step = FilterStep(field, k)

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        self.step(layer, context)


class FilterStep:
    """MIN_PERSONS on a loaded layer (field None: STAGES, whose returnees-by-year layer
    the first look made from it gets the filter)."""

    def __init__(self, field: str | None, k: int):
        self.field, self.k = field, k

    def __call__(self, layer, context) -> None:
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            return
        if self.field is None:
            project = context.project() if context is not None else None
            for other in project.mapLayers().values() if project is not None else ():
                if other.customProperty("backflow/from") == layer.id():
                    apply_min_persons(other, "returnees", self.k)
            return
        apply_min_persons(layer, self.field, self.k)
        layer.triggerRepaint()


def layer_person_counts(layer: QgsVectorLayer, field: str) -> list:
    """The person count of every feature (the layer's own filter aside: read before it)."""
    index = layer.fields().indexOf(field)
    if index < 0:
        return []
    request = QgsFeatureRequest()
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes([index])
    return [f.attribute(index) for f in layer.getFeatures(request)]


def sentences(*parts: str) -> str:
    """Sentences in a row: a space after an English full stop, none after a Chinese one."""
    text = ""
    for part in filter(None, parts):
        text += ("" if not text or text.endswith(("。", "！", "？", "）")) else " ") + part
    return text


def threshold_warning(flows: ThresholdCheck, cities: list | None = None) -> str | None:
    """The warning when a threshold hides most of a map (None when it does not), with
    the threshold to use instead; `cities`: their person counts, said alongside."""
    city_check = check_threshold(cities, flows.k) if cities is not None else None
    if flows.k <= 1:
        return tr(
            "MIN_PERSONS = 1: every flow and city is shown, single persons included: for "
            "your own look at the data, not for publication."
        )
    if not map_mostly_hidden(flows, city_check):
        return None
    if city_check is not None:
        text = tr(
            "Disclosure control (MIN_PERSONS = {k}) hides most of the map: {shown} of {total} "
            "flows and {cities} of {all_cities} cities are drawn."
        ).format(
            k=flows.k,
            shown=flows.shown,
            total=flows.total,
            cities=city_check.shown,
            all_cities=city_check.total,
        )
    else:
        text = tr(
            "Disclosure control (MIN_PERSONS = {k}) hides most of the map: {shown} of {total} "
            "flows are drawn."
        ).format(k=flows.k, shown=flows.shown, total=flows.total)
    if flows.suggested:
        offer = tr("MIN_PERSONS = {k} would draw {n} flows, still none of a single person.").format(
            k=flows.suggested, n=flows.shown_at_suggested
        )
    else:
        offer = tr(
            "No threshold from {} up draws more flows: the study is small for a map that "
            "protects persons."
        ).format(SMALLEST_PROTECTING)
    return sentences(text, offer, tr("MIN_PERSONS = 1 shows everything (not for publication)."))
