"""Styles: renderers, labels, temporal properties, the post-processor and the shipped .qml."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import (
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsField,
    QgsMarkerLineSymbolLayer,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
    QgsRuleBasedLabeling,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsTemplatedLineSymbolLayerBase,
    QgsVectorLayer,
    QgsVectorLayerTemporalContext,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor, QImage

from tests.conftest import DATA, ROOT

STYLES = ROOT / "resources" / "styles"
KEYS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")


@pytest.fixture(scope="module")
def small(plugin, tmp_path_factory):
    """long_small.csv imported into a GeoPackage: {'stages': layer, ...}."""
    import processing

    gpkg = tmp_path_factory.mktemp("styling") / "small.gpkg"
    params = {"INPUT": str(DATA / "long_small.csv")}
    for key in KEYS:
        params[key] = f"ogr:dbname='{gpkg}' table=\"{key.lower()}\" (geom)"
    processing.run("backflow:importtrajectories", params)
    layers = {}
    for key in ("stages", "routes", "flows", "cities"):
        layer = QgsVectorLayer(f"{gpkg}|layername={key}", key, "ogr")
        assert layer.isValid() and layer.featureCount() > 0, key
        layers[key] = layer
    yield layers
    # Free the layers while QGIS still runs (a layer outliving exitQgis crashes at exit).
    layers.clear()
    import gc

    gc.collect()


def copy_with_tiers(cities: QgsVectorLayer) -> QgsVectorLayer:
    """A memory copy of CITIES with the city network's tier and betweenness."""
    tiers = {"Beijing": 1, "Shanghai": 1, "Chengdu": 2, "Hefei": 2, "Wuhan": 3}
    layer = cities.materialize(QgsFeatureRequest())
    provider = layer.dataProvider()
    provider.addAttributes(
        [QgsField("tier", QVariant.Type.Int), QgsField("betweenness", QVariant.Type.Double)]
    )
    layer.updateFields()
    t, b = layer.fields().indexOf("tier"), layer.fields().indexOf("betweenness")
    changes = {}
    for f in layer.getFeatures():
        tier = tiers.get(f["name"])
        changes[f.id()] = {t: tier, b: {1: 0.3, 2: 0.1, 3: 0.02}.get(tier, 0.0)}
    provider.changeAttributeValues(changes)
    return layer


def legend_labels(layer) -> list[str]:
    return [item.label() for item in layer.renderer().legendSymbolItems()]


# ---------------------------------------------------------------- unit pieces


def test_nice_breaks_and_width_expression():
    from backflow_plugin.styling.renderers import WidthClasses
    from backflow_plugin.styling.style_helpers import nice_breaks

    assert nice_breaks(5, 55) == [5, 10, 20, 50]
    assert nice_breaks(1, 3) == [1, 2]
    assert nice_breaks(1, 1) == [1]
    widths = WidthClasses([5, 10, 20, 50])
    assert widths.labels() == ["5–9", "10–19", "20–49", "≥ 50"]
    expr = widths.expression()
    assert expr.startswith('CASE WHEN "count" >= 50 THEN')
    assert widths.widths == sorted(widths.widths) and len(set(widths.widths)) == 4


def test_palette_keeps_tiers_and_patterns_apart():
    """Pattern maps show cities by tier: no colour may mean both."""
    from backflow_plugin.core import palette

    tiers = {palette.TIER_COLOURS[k].upper() for k in (1, 2, 3)}
    patterns = {palette.PATTERN_COLOURS[k].upper() for k in ("circle", "linear")}
    assert not tiers & patterns
    assert len(set(palette.FLOW_TYPE_COLOURS.values())) == len(palette.FLOW_TYPE_COLOURS)
    # Nor a tier and a flow type (tier 3 and domestic flows once shared a green).
    assert not tiers & {c.upper() for c in palette.FLOW_TYPE_COLOURS.values()}


# ---------------------------------------------------------------- cities


def test_cities_without_tiers_domestic_overseas_sized_by_returnees(small):
    from backflow_plugin.styling import renderers

    cities = small["cities"]
    renderers.style_cities(cities, language="en")
    renderer = cities.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert "domestic" in renderer.classAttribute()
    assert [c.label() for c in renderer.categories()] == ["Domestic city", "Overseas city"]
    categories = renderer.categories()  # keep the copies alive while using their symbols
    size = categories[0].symbol().dataDefinedSize()
    assert size.isActive() and "returnees" in size.asExpression()
    # The legend shows the size key (its title first) and then the classes.
    labels = legend_labels(cities)
    assert labels[0] == "Returnees" and labels[-2:] == ["Domestic city", "Overseas city"]
    assert renderer.dataDefinedSizeLegend() is not None
    assert renderer.orderByEnabled()
    # Labels: the main return cities, in English, with a halo.
    labeling = cities.labeling()
    assert isinstance(labeling, QgsRuleBasedLabeling) and cities.labelsEnabled()
    rule = labeling.rootRule().children()[0]
    assert "returnees" in rule.filterExpression()
    settings = rule.settings()
    assert settings.fieldName.startswith('coalesce("name"')
    assert settings.format().buffer().enabled()
    assert settings.format().buffer().color().name() == "#ffffff"


def test_cities_with_tiers_categories_size_and_labels(small):
    from backflow_plugin.core import palette
    from backflow_plugin.styling import renderers

    cities = copy_with_tiers(small["cities"])
    renderers.style_cities(cities, language="zh")
    renderer = cities.renderer()
    categories = {c.value(): c for c in renderer.categories()}
    assert list(categories) == ["1", "2", "3", "other", "overseas"]
    assert [c.label() for c in renderer.categories()] == [
        "National core city",
        "Regional excellent city",
        "Regional special city",
        "Other domestic city",
        "Overseas city",
    ]
    assert categories["1"].symbol().color().name().upper() == palette.TIER_COLOURS[1].upper()
    size = categories["1"].symbol().dataDefinedSize()
    assert "betweenness" in size.asExpression()
    assert size.transformer() is not None and size.transformer().maxValue() == pytest.approx(0.3)
    assert legend_labels(cities)[0] == "Betweenness centrality"
    rules = cities.labeling().rootRule().children()
    assert [r.filterExpression() for r in rules] == [
        '"tier" = 1',
        '"tier" = 2',
        # other cities drawn as large as the smallest labelled one (betweenness 0.1)
        '"domestic" AND coalesce("tier", 0) NOT IN (1, 2) AND "betweenness" >= 0.1',
    ]
    assert rules[0].settings().fieldName.startswith('coalesce("name_zh"')
    # Every city of tier 1 and 2 gets a label expression that evaluates to its Chinese name.
    from qgis.core import QgsExpression, QgsExpressionContext

    expr = QgsExpression(rules[0].settings().fieldName)
    ctx = QgsExpressionContext()
    beijing = next(f for f in cities.getFeatures() if f["name"] == "Beijing")
    ctx.setFeature(beijing)
    assert expr.evaluate(ctx) == "北京"


def test_a_measure_zero_for_every_city_does_not_size_the_circles(small):
    """A small study's star-shaped network has no city between two others: betweenness 0
    everywhere drew every city as a dot under a size key of '1'."""
    from backflow_plugin.styling import renderers

    cities = copy_with_tiers(small["cities"])
    b = cities.fields().indexOf("betweenness")
    cities.dataProvider().changeAttributeValues({f.id(): {b: 0.0} for f in cities.getFeatures()})
    renderers.style_cities(cities, language="en")
    renderer = cities.renderer()
    categories = renderer.categories()  # kept alive while their symbols are read
    size = categories[0].symbol().dataDefinedSize()
    most = max(f["returnees"] for f in cities.getFeatures())
    assert "returnees" in size.asExpression() and most > 0
    assert size.transformer().maxValue() == pytest.approx(most)
    assert legend_labels(cities)[0] == "Returnees"
    # a key of persons in whole numbers (no circle for 0.2 persons)
    key = [c.size for c in renderer.dataDefinedSizeLegend().classes()]
    assert key and all(v >= 1 and v == int(v) for v in key), key


def test_default_language_follows_the_qgis_locale(monkeypatch):
    from backflow_plugin.styling import style_helpers

    monkeypatch.setattr(style_helpers, "user_locale", lambda: "zh_CN")
    assert style_helpers.default_language() == "zh"
    monkeypatch.setattr(style_helpers, "user_locale", lambda: "en_GB")
    assert style_helpers.default_language() == "en"


# ---------------------------------------------------------------- flows


def test_flows_by_type_width_arrows_order_and_min_count(small):
    from backflow_plugin.styling import renderers

    flows = small["flows"]
    flows.setRenderer(renderers.flow_renderer(flows, "flow_type", min_count=1, max_count=60))
    renderer = flows.renderer()
    assert isinstance(renderer, QgsRuleBasedRenderer)
    rules = renderer.rootRule().children()
    colour_rules = [r for r in rules if r.symbol() is not None]
    # long_small.csv has every flow type once or more.
    assert [r.label() for r in colour_rules] == [
        "Domestic (before leaving)",
        "Outbound (home to abroad)",
        "Abroad (between foreign cities)",
        "Backflow (the return from abroad)",
        "Onward (after the return)",
    ]
    backflow = next(r for r in colour_rules if "backflow" in r.filterExpression())
    # Flows from Import trajectories count distinct persons: widths and minimum by them.
    assert '"persons" >= 1' in backflow.filterExpression()
    line, arrow = backflow.symbol().symbolLayer(0), backflow.symbol().symbolLayer(1)
    width = line.dataDefinedProperties().property(line.PropertyStrokeWidth)
    assert width.isActive()
    assert (
        width.expressionString()
        == renderers.WidthClasses([1, 2, 10, 20], field="persons").expression()
    )
    assert width.expressionString().startswith('CASE WHEN "persons" >= 20 THEN 1.7')
    assert isinstance(arrow, QgsMarkerLineSymbolLayer)
    assert arrow.placement() == QgsTemplatedLineSymbolLayerBase.Placement.LastVertex
    assert renderer.orderByEnabled()
    clause = renderer.orderBy().list()[0]
    assert (
        clause.expression().expression() == '"persons"' and clause.ascending()
    )  # small first, big on top
    key = rules[-1]
    assert key.label() == "Persons per flow" and key.filterExpression() == "FALSE"
    assert all(child.filterExpression() == "FALSE" for child in key.children())


def test_flows_min_count_hides_small_flows_and_unused_classes(small):
    from backflow_plugin.styling import renderers

    flows = small["flows"]
    # Every flow of long_small.csv has one person: MIN_COUNT 2 leaves no colour class.
    assert {f["count"] for f in flows.getFeatures()} == {1}
    renderer = renderers.flow_renderer(flows, "flow_type", min_count=2, max_count=60)
    colour_rules = [r for r in renderer.rootRule().children() if r.symbol() is not None]
    assert colour_rules == []
    key = renderer.rootRule().children()[-1]
    assert [c.label() for c in key.children()] == ["2–4", "5–9", "10–19", "≥ 20"]
    # With MIN_COUNT 1 every class is there, each rule filtered by the minimum.
    renderer = renderers.flow_renderer(
        flows, "flow_type", min_count=1, flow_types=["backflow", "onward"]
    )
    colour_rules = [r for r in renderer.rootRule().children() if r.symbol() is not None]
    assert [r.filterExpression() for r in colour_rules] == [
        "\"persons\" >= 1 AND \"flow_type\" IN ('backflow', 'onward') AND \"flow_type\" = 'backflow'",
        "\"persons\" >= 1 AND \"flow_type\" IN ('backflow', 'onward') AND \"flow_type\" = 'onward'",
    ]


def test_flows_by_pattern(small):
    from backflow_plugin.core import palette
    from backflow_plugin.styling import renderers

    flows = small["flows"].materialize(QgsFeatureRequest())
    flows.dataProvider().addAttributes(
        [QgsField("circle", QVariant.Type.Int), QgsField("linear", QVariant.Type.Int)]
    )
    flows.updateFields()
    c, lin = flows.fields().indexOf("circle"), flows.fields().indexOf("linear")
    flows.dataProvider().changeAttributeValues(
        {
            f.id(): {c: 1 if f["dest"] == "Chengdu" else 0, lin: 0 if f["dest"] == "Chengdu" else 1}
            for f in flows.getFeatures()
        }
    )
    renderers.style_flows(flows)  # pattern fields: colour by pattern
    rules = [r for r in flows.renderer().rootRule().children() if r.symbol() is not None]
    assert [r.label() for r in rules] == [
        "Circle route (back to a known city)",
        "Linear route (to a new city)",
    ]
    # Opaque lines over a white casing: crossing circle and linear flows stay two
    # colours, never a blend of both.
    casing, line = rules[0].symbol().symbolLayer(0), rules[0].symbol().symbolLayer(1)
    assert line.color().name().upper() == palette.PATTERN_COLOURS["circle"].upper()
    assert casing.color().name().upper() == palette.BASEMAP["halo"].upper()
    assert all(r.symbol().opacity() == 1.0 for r in rules)


# ---------------------------------------------------------------- routes, stages, time


def test_routes_translucent_and_temporal(small):
    from backflow_plugin.styling import renderers

    routes = small["routes"]
    renderers.style_routes(routes)
    assert isinstance(routes.renderer(), QgsSingleSymbolRenderer)  # no pattern field yet
    assert routes.renderer().symbol().opacity() <= 0.2
    props = routes.temporalProperties()
    assert props.isActive()
    assert props.mode() == Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromExpressions
    assert "return_year" in props.startExpression()

    with_pattern = routes.materialize(QgsFeatureRequest())
    with_pattern.dataProvider().addAttributes([QgsField("pattern", QVariant.Type.String)])
    with_pattern.updateFields()
    idx = with_pattern.fields().indexOf("pattern")
    values = {"P1": "circle", "P2": "linear", "P3": "circle"}
    with_pattern.dataProvider().changeAttributeValues(
        {f.id(): {idx: values.get(f["person_id"])} for f in with_pattern.getFeatures()}
    )
    renderer = renderers.route_renderer(with_pattern)
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert [c.label() for c in renderer.categories()] == [
        "Circle route (back to a known city)",
        "Linear route (to a new city)",
        "No return",
    ]
    categories = renderer.categories()
    assert all(c.symbol().opacity() <= 0.2 for c in categories)


def test_temporal_properties_by_year_fields(small):
    from backflow_plugin.styling import renderers

    for name, field in (("stages", "year"), ("flows", "first_year"), ("routes", "return_year")):
        layer = small[name]
        renderers.style_layer(layer, name)
        props = layer.temporalProperties()
        assert props.isActive(), name
        assert props.mode() == Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromExpressions
        assert f'"{field}"' in props.startExpression()
    # The filter QGIS builds for a year range keeps that year's stages only.
    from qgis.core import QgsDateTimeRange
    from qgis.PyQt.QtCore import QDate, QDateTime, QTime

    stages = small["stages"]
    year_2012 = QgsDateTimeRange(
        QDateTime(QDate(2012, 1, 1), QTime(0, 0)), QDateTime(QDate(2012, 12, 31), QTime(23, 59))
    )
    context = QgsVectorLayerTemporalContext()
    context.setLayer(stages)
    expression = stages.temporalProperties().createFilterString(context, year_2012)
    years = {
        f["year"] for f in stages.getFeatures(QgsFeatureRequest().setFilterExpression(expression))
    }
    assert years == {2012}


# ---------------------------------------------------------------- post-processor


def test_attach_style_only_when_the_output_loads(small):
    from backflow_plugin.styling.postprocess import StylePostProcessor, attach_style

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    assert attach_style(context, "not-loaded", "flows") is None
    layer = small["cities"].materialize(QgsFeatureRequest())
    context.addLayerToLoadOnCompletion(
        layer.id(), QgsProcessingContext.LayerDetails("Cities", QgsProject.instance(), "CITIES")
    )
    processor = attach_style(context, layer.id(), "cities", language="en")
    assert isinstance(processor, StylePostProcessor)
    assert context.layerToLoadOnCompletionDetails(layer.id()).postProcessor() is processor
    processor.postProcessLayer(layer, context, QgsProcessingFeedback())
    assert isinstance(layer.renderer(), QgsCategorizedSymbolRenderer)
    with pytest.raises(ValueError):
        StylePostProcessor("rivers")


def test_import_outputs_get_post_processors(plugin):
    """importtrajectories attaches a style to each sink that QGIS will load."""
    import processing

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    params = {"INPUT": str(DATA / "long_small.csv")}
    for key in KEYS:
        params[key] = QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", QgsProject.instance())
    result = processing.run("backflow:importtrajectories", params, context=context)
    assert result["PERSONS"] == 5
    kinds, styled = {}, {}
    for layer_id, details in context.layersToLoadOnCompletion().items():
        processor = details.postProcessor()
        if processor is not None:
            kinds[details.outputName] = processor.kind
            # What QGIS does when it loads the layer:
            layer = context.getMapLayer(layer_id) or next(
                v for v in result.values() if isinstance(v, QgsVectorLayer) and v.id() == layer_id
            )
            processor.postProcessLayer(layer, context, QgsProcessingFeedback())
            styled[details.outputName] = layer
    assert kinds == {"STAGES": "stages", "ROUTES": "routes", "FLOWS": "flows", "CITIES": "cities"}
    flows = styled["FLOWS"]
    assert isinstance(flows.renderer(), QgsRuleBasedRenderer)
    assert isinstance(styled["CITIES"].renderer(), QgsCategorizedSymbolRenderer)
    assert flows.temporalProperties().isActive()


# ---------------------------------------------------------------- .qml files


@pytest.mark.parametrize(
    "name, geometry, renderer_type",
    [
        ("cities_tier", "Point", "categorizedSymbol"),
        ("flows_type", "MultiLineString", "RuleRenderer"),
        ("flows_pattern", "MultiLineString", "RuleRenderer"),
        ("routes_pattern", "MultiLineString", "categorizedSymbol"),
        ("stages", "Point", "singleSymbol"),
    ],
)
def test_shipped_qml_load(plugin, name, geometry, renderer_type):
    path = STYLES / f"{name}.qml"
    assert path.is_file(), "run scripts/build_styles.py"
    layer = QgsVectorLayer(
        f"{geometry}?crs=EPSG:4326&field=count:integer&field=year:integer"
        "&field=first_year:integer&field=return_year:integer",
        name,
        "memory",
    )
    message, ok = layer.loadNamedStyle(str(path))
    assert ok, message
    assert layer.renderer().type() == renderer_type
    if name == "cities_tier":
        assert [c.label() for c in layer.renderer().categories()][:3] == [
            "National core city",
            "Regional excellent city",
            "Regional special city",
        ]
        categories = layer.renderer().categories()
        assert "betweenness" in categories[0].symbol().dataDefinedSize().asExpression()
        assert layer.labelsEnabled()
    if name.startswith("flows") or name in ("routes_pattern", "stages"):
        assert layer.temporalProperties().isActive()


def test_qml_match_the_renderers(tmp_path, plugin):
    """scripts/build_styles.py regenerates identical renderers (code and .qml agree)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_styles", ROOT / "scripts" / "build_styles.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.build(tmp_path)
    assert {p.name for p in written} == {p.name for p in STYLES.glob("*.qml")}
    for path in written:
        fresh = _renderer_xml(path)
        shipped = _renderer_xml(STYLES / path.name)
        assert fresh == shipped, f"{path.name} is stale: run scripts/build_styles.py"


def _renderer_xml(path: Path) -> str:
    """The renderer of a .qml as the running QGIS reads and writes it, canonical.

    Both sides go through this QGIS (load the file, save the renderer), so what it
    adds to the XML (a newer QGIS writes more attributes than the one that built the
    shipped files) is on both sides and only what the style says is compared.
    Attributes sorted, made-up ids dropped.
    """
    import re
    import xml.etree.ElementTree as ET

    from qgis.core import QgsReadWriteContext, QgsVectorLayer
    from qgis.PyQt.QtXml import QDomDocument

    text = path.read_text(encoding="utf-8")
    kind = re.search(r"<layerGeometryType>([012])</layerGeometryType>", text)
    geometry = ("Point", "LineString", "Polygon")[int(kind.group(1))]
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:4326", path.stem, "memory")
    message, ok = layer.loadNamedStyle(str(path))
    assert ok, f"{path.name}: {message}"
    doc = QDomDocument()
    doc.appendChild(layer.renderer().save(doc, QgsReadWriteContext()))
    # rule keys, symbol layer ids and category uuids: identities QGIS makes up, not what
    # the style says
    element = re.sub(r'\s(?:key|id)="\{[0-9a-f-]+\}"|\suuid="[^"]*"', "", doc.toString())
    return ET.canonicalize(element, strip_text=True)


# ---------------------------------------------------------------- rendering


def test_rendered_china_map_is_not_blank(small, tmp_path):
    from backflow_plugin.styling import basemap, projections, renderers, snapshot

    flows, cities = small["flows"], small["cities"]
    renderers.style_flows(flows)
    renderers.style_cities(cities, language="en")
    path = snapshot.render_png(
        [cities, flows, basemap.world_layer()],
        str(tmp_path / "china.png"),
        projections.china_crs(),
        projections.CHINA_EXTENT,
        400,
        300,
        96,
    )
    image = QImage(path)
    assert (image.width(), image.height()) == (400, 300)
    white = QColor("#ffffff").rgb()
    coloured = sum(
        1 for x in range(0, 400, 2) for y in range(0, 300, 2) if image.pixel(x, y) != white
    )
    assert coloured > 0.2 * 200 * 150  # the land fill at least
