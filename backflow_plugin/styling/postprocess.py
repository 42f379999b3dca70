"""Style algorithm outputs the moment QGIS loads them (a layer post-processor).

Algorithms call :func:`attach_style` once per sink, after writing it::

    from ..styling.postprocess import attach_style
    attach_style(context, dest_id, "flows")             # or cities, network, routes, stages
    attach_style(context, dest_id, "flows", colour_by="pattern", min_count=3)

Nothing happens when the output is not going to be loaded (``processing.run``
without a destination project), so the call is always safe.
"""

from __future__ import annotations

import logging

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingUtils,
    QgsVectorLayer,
)

from .disclosure_filter import (
    PERSON_FIELDS,
    FilterStep,
    MinPersonsFilter,
    apply_min_persons,
    count_below,
)
from .renderers import style_layer

log = logging.getLogger("backflow")

KINDS = ("cities", "network", "flows", "routes", "stages", "regions")


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Applies Backflow's style of one kind to a loaded output layer."""

    def __init__(self, kind: str, options: dict | None = None):
        super().__init__()
        if kind not in KINDS:
            raise ValueError(f"unknown style kind {kind!r}; expected one of {KINDS}")
        self.kind = kind
        self.options = dict(options or {})
        # steps run after the style, e.g. the MIN_PERSONS filter (disclosure_filter.py):
        # added here rather than by a wrapping post-processor, because QGIS deletes the
        # post-processor a new one replaces
        self.after: list = []

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            return
        try:
            style_layer(layer, self.kind, **self.options)
        except Exception as err:  # a style must never fail the algorithm
            log.warning("could not style %s: %s", layer.name(), err)
            if feedback is not None:
                feedback.pushWarning(f"Backflow could not style '{layer.name()}': {err}")
            return
        try:  # the project's first look, seam-safe lines, display filter
            from .first_look import layer_loaded

            layer_loaded(layer, self.kind, context.project() if context else None)
        except Exception as err:  # noqa: BLE001 - the layers matter more than the look
            log.warning("first look of %s failed: %s", layer.name(), err)
        for step in self.after:
            step(layer, context)
        layer.triggerRepaint()


# QGIS does not own post-processors: keep a strong reference for the session
# (QuickOSM's decorate_output.py pattern), or Python would delete them before use.
_KEEP: list[QgsProcessingLayerPostProcessorInterface] = []


def attach_style(
    context: QgsProcessingContext, dest_id: str | None, kind: str, **options
) -> StylePostProcessor | None:
    """Style the output `dest_id` as `kind` when QGIS loads it; None when it won't load."""
    if not dest_id or not context.willLoadLayerOnCompletion(dest_id):
        return None
    processor = StylePostProcessor(kind, options)
    _KEEP.append(processor)
    context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(processor)
    return processor


# --------------------------------------------------------------------------- MIN_PERSONS on load


def attach_filter(context, dest: str, field: str | None, k: int) -> None:
    """Run the filter when QGIS loads `dest`: after Backflow's style when it has one
    (never replacing a post-processor: QGIS would delete the one replaced)."""
    details = context.layerToLoadOnCompletionDetails(dest)
    current = details.postProcessor()
    if isinstance(current, StylePostProcessor):
        current.after.append(FilterStep(field, k))
    elif current is None:
        processor = MinPersonsFilter(field, k)
        _KEEP.append(processor)
        details.setPostProcessor(processor)
    elif field is not None:  # someone else's post-processor: filter the layer now
        layer = QgsProcessingUtils.mapLayerFromString(dest, context)
        if isinstance(layer, QgsVectorLayer):
            apply_min_persons(layer, field, k)


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
        attach_filter(context, stages, None, k)
    for key, field in PERSON_FIELDS.items():
        dest = results.get(key)
        if not isinstance(dest, str) or not context.willLoadLayerOnCompletion(dest):
            continue
        layer = QgsProcessingUtils.mapLayerFromString(dest, context)
        if not isinstance(layer, QgsVectorLayer) or layer.fields().indexOf(field) < 0:
            continue
        attach_filter(context, dest, field, k)
        hidden[key] = count_below(layer, field, k)
    return hidden
