"""MIN_PERSONS on the layers fullanalysis adds to the project (issue 15)."""

from __future__ import annotations

from qgis.core import (
    QgsPalLayerSettings,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

from backflow_plugin.styling.disclosure_filter import hidden_by_style, kept_rule
from backflow_plugin.styling.display import filter_flows
from tests.conftest import DATA, SAMPLE

OUTPUTS = ("STAGES", "FLOWS", "CITIES", "NETWORK", "PATTERN_FLOWS")
_CONTEXTS = []  # the context outlives the run, as in QGIS's dialog


class _Notes(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos: list[str] = []

    def pushInfo(self, text):  # noqa: N802
        self.infos.append(text)
        super().pushInfo(text)


def _run_and_load(src, k: int) -> tuple[dict[str, QgsVectorLayer], _Notes]:
    import processing

    project = QgsProject.instance()
    project.clear()
    context = QgsProcessingContext()
    context.setProject(project)
    feedback = _Notes()
    params = {"INPUT": str(src), "MIN_PERSONS": k, **{o: "TEMPORARY_OUTPUT" for o in OUTPUTS}}
    processing.runAndLoadResults(
        "backflow:fullanalysis", params, feedback=feedback, context=context
    )
    _CONTEXTS.append(context)
    layers = {}
    for layer in project.mapLayers().values():
        names = layer.fields().names() if isinstance(layer, QgsVectorLayer) else []
        if "tier" in names:
            layers["NETWORK"] = layer
        elif "returnees" in names and "year" not in names:
            layers["CITIES"] = layer
        elif "pattern_share" in names:
            layers["PATTERN_FLOWS"] = layer
        elif "year" in names and "returnees" in names:
            layers["RETURNS_BY_YEAR"] = layer
        elif "flow_type" in names and "persons" in names:
            layers["FLOWS"] = layer
    return layers, feedback


def _persons(layer: QgsVectorLayer, field: str) -> list[int]:
    return [int(f[field]) for f in layer.getFeatures()]


def test_small_cities_and_flows_are_filtered_on_the_loaded_layers(plugin):
    layers, feedback = _run_and_load(SAMPLE, 5)
    assert set(layers) == {"NETWORK", "CITIES", "FLOWS", "PATTERN_FLOWS", "RETURNS_BY_YEAR"}
    by_year = layers.pop("RETURNS_BY_YEAR")  # running totals: a city shows from k on
    assert hidden_by_style(by_year) == '"returnees" >= 5'
    hidden = {}
    for key, field in (("CITIES", "persons"), ("NETWORK", "persons"), ("FLOWS", "persons"),
                       ("PATTERN_FLOWS", "count")):  # fmt: skip
        layer = layers[key]
        # memory layers keep every feature (no layer filter: QGIS 3.22 crashes rendering
        # a filtered memory layer while the project changes) and draw only >= k
        # (the first look's own top-flows filter may still read "count" >= 5 by chance)
        assert layer.providerType() == "memory" and kept_rule(layer) is None
        assert hidden_by_style(layer) == f'"{field}" >= 5'
        display = layer.subsetString()  # the first look's flow filter, not MIN_PERSONS
        layer.setSubsetString("")
        every = _persons(layer, field)
        layer.setSubsetString(display)
        hidden[key] = sum(1 for v in every if v < 5)
        labeling = layer.labeling()
        if isinstance(labeling, QgsVectorLayerSimpleLabeling):
            settings = labeling.settings()  # a copy: keep it while reading it
            props = settings.dataDefinedProperties()
            show = props.property(QgsPalLayerSettings.Property.Show)
            assert show.expressionString() == f'"{field}" >= 5'
    assert hidden["CITIES"] > 0 and hidden["FLOWS"] > 0
    note = next(t for t in feedback.infos if "Disclosure control (MIN_PERSONS = 5)" in t)
    for key, n in hidden.items():
        assert f"{key} {n}" in note
    # the panel's flow filter sets the subset string; MIN_PERSONS stays in the symbols
    flows = layers["FLOWS"]
    filter_flows(flows, 20, 0)
    assert flows.subsetString() == '"count" >= 20'
    assert hidden_by_style(flows) == '"persons" >= 5'
    QgsProject.instance().clear()


def test_min_persons_1_filters_nothing(plugin):
    layers, feedback = _run_and_load(DATA / "long_small.csv", 1)
    assert layers and all("persons" not in lyr.subsetString() for lyr in layers.values())
    assert all(hidden_by_style(lyr) is None for lyr in layers.values())
    assert not any("Disclosure control" in t for t in feedback.infos)
    QgsProject.instance().clear()
