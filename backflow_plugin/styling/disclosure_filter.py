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
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingUtils,
    QgsVectorLayer,
)

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
    """The MIN_PERSONS filter of a layer, for a filter that replaces the subset string."""
    value = str(layer.customProperty(PROPERTY, "") or "").split()
    if len(value) != 2 or not value[1].isdigit():
        return None
    return person_filter(value[0], int(value[1]))


def apply_min_persons(layer: QgsVectorLayer, field: str, k: int) -> bool:
    """Add the filter to the layer's own (the canvas flow filter); False if no field."""
    if k <= 1 or layer.fields().indexOf(field) < 0:
        return False
    layer.setCustomProperty(PROPERTY, f"{field} {int(k)}")
    rule = person_filter(field, k)
    current = layer.subsetString().strip()
    if rule in current:
        return True
    layer.setSubsetString(f"({current}) AND {rule}" if current else rule)
    return True


def count_below(layer: QgsVectorLayer, field: str, k: int) -> int:
    """Features of fewer than k persons (what the filter hides)."""
    if layer.fields().indexOf(field) < 0:
        return 0
    request = QgsFeatureRequest().setFilterExpression(f'"{field}" < {int(k)}')
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setNoAttributes()
    return sum(1 for _ in layer.getFeatures(request))


class MinPersonsFilter(QgsProcessingLayerPostProcessorInterface):
    """Runs the step's own post-processor (its style), then adds the filter."""

    def __init__(self, inner, field: str | None, k: int):
        super().__init__()
        self.inner, self.field, self.k = inner, field, k

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if self.inner is not None:
            self.inner.postProcessLayer(layer, context, feedback)
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            return
        if self.field is None:  # STAGES: the returnees-by-year layer made from it
            project = context.project() if context is not None else None
            for other in project.mapLayers().values() if project is not None else ():
                if other.customProperty("backflow/from") == layer.id():
                    apply_min_persons(other, "returnees", self.k)
            return
        apply_min_persons(layer, self.field, self.k)
        layer.triggerRepaint()


_KEEP: list[MinPersonsFilter] = []  # QGIS does not own post-processors (see postprocess.py)


def protect_loaded_layers(context, results: dict, k: int) -> dict[str, int]:
    """Filter the outputs that will load into the project; {output key: features hidden}.

    Outputs that are not loaded (a script's processing.run) are left as they are and
    are not in the answer.
    """
    hidden: dict[str, int] = {}
    if k <= 1:
        return hidden
    stages = results.get("STAGES")
    if isinstance(stages, str) and context.willLoadLayerOnCompletion(stages):
        # the first look adds returnees by city and year next to STAGES: a city shows
        # from the year its running total reaches k
        details = context.layerToLoadOnCompletionDetails(stages)
        processor = MinPersonsFilter(details.postProcessor(), None, k)
        _KEEP.append(processor)
        details.setPostProcessor(processor)
    for key, field in PERSON_FIELDS.items():
        dest = results.get(key)
        if not isinstance(dest, str) or not context.willLoadLayerOnCompletion(dest):
            continue
        layer = QgsProcessingUtils.mapLayerFromString(dest, context)
        if not isinstance(layer, QgsVectorLayer) or layer.fields().indexOf(field) < 0:
            continue
        details = context.layerToLoadOnCompletionDetails(dest)
        processor = MinPersonsFilter(details.postProcessor(), field, k)
        _KEEP.append(processor)
        details.setPostProcessor(processor)
        hidden[key] = count_below(layer, field, k)
    return hidden
