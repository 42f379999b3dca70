"""backflow:publicationmap: the layout it leaves in the project and the files it exports."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from qgis.core import (
    QgsApplication,
    QgsFeatureRequest,
    QgsField,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLegendRenderer,
    QgsMapLayerLegendUtils,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor, QImage

from tests.conftest import DATA

ALG = "backflow:publicationmap"
KEYS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")


@pytest.fixture(scope="module")
def small(plugin, tmp_path_factory):
    """long_small.csv imported into a GeoPackage; file paths of its layers."""
    import processing

    gpkg = tmp_path_factory.mktemp("pubmap") / "small.gpkg"
    params = {"INPUT": str(DATA / "long_small.csv")}
    for key in KEYS:
        params[key] = f"ogr:dbname='{gpkg}' table=\"{key.lower()}\" (geom)"
    processing.run("backflow:importtrajectories", params)
    return {key: f"{gpkg}|layername={key}" for key in ("stages", "routes", "flows", "cities")}


@pytest.fixture
def tiered_cities(small):
    """CITIES with the city network's tier and betweenness (a memory copy in the project)."""
    cities = QgsVectorLayer(small["cities"], "cities", "ogr")
    layer = cities.materialize(QgsFeatureRequest())
    layer.setName("cities with tiers")
    layer.dataProvider().addAttributes(
        [QgsField("tier", QVariant.Type.Int), QgsField("betweenness", QVariant.Type.Double)]
    )
    layer.updateFields()
    t, b = layer.fields().indexOf("tier"), layer.fields().indexOf("betweenness")
    tiers = {"Beijing": 1, "Shanghai": 1, "Chengdu": 2, "Hefei": 2, "Wuhan": 3}
    layer.dataProvider().changeAttributeValues(
        {
            f.id(): {
                t: tiers.get(f["name"]),
                b: {1: 0.3, 2: 0.1, 3: 0.02}.get(tiers.get(f["name"]), 0.0),
            }
            for f in layer.getFeatures()
        }
    )
    QgsProject.instance().addMapLayer(layer)
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


def run_map(run_alg, small, output, **params):
    base = {
        "CITIES": small["cities"],
        "FLOWS": small["flows"],
        "MIN_COUNT": 1,
        "LANGUAGE": 1,
        "DPI": 96,
        "OUTPUT": str(output),
    }
    base.update(params)
    return run_alg(ALG, base)


def legend_tree(legend: QgsLayoutItemLegend) -> dict[str, list[str]]:
    """{layer name: [legend item labels]} as the legend draws them."""
    model = legend.model()
    out = {}
    for node in model.rootGroup().findLayers():
        out[node.name()] = [n.data(0) for n in model.layerLegendNodes(node)]
    return out


def pdf_pages(path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, check=True
        ).stdout
        return int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def non_white_share(image: QImage, step: int = 4) -> float:
    white = QColor("#ffffff").rgb()
    total = coloured = 0
    for x in range(0, image.width(), step):
        for y in range(0, image.height(), step):
            total += 1
            coloured += image.pixel(x, y) != white
    return coloured / total


def test_registered_with_layout_flags(plugin):
    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    assert alg is not None
    assert alg.flags() & QgsProcessingAlgorithm.Flag.FlagNoThreading
    assert alg.flags() & QgsProcessingAlgorithm.Flag.FlagRequiresProject
    names = {p.name() for p in alg.parameterDefinitions()}
    assert {
        "CITIES",
        "FLOWS",
        "ROUTES",
        "EXTENT_PRESET",
        "EXTENT",
        "PAGE",
        "ORIENTATION",
        "TITLE",
        "SUBTITLE",
        "LANGUAGE",
        "MIN_PERSONS",
        "MIN_COUNT",
        "COLOUR_BY",
        "INSET",
        "DPI",
        "OUTPUT",
        "LAYOUT_NAME",
    } <= names
    assert {o.name() for o in alg.outputDefinitions()} >= {"OUTPUT", "LAYOUT"}


def test_china_pdf_layout_items_and_legend(run_alg, small, tiered_cities, tmp_path):
    out = tmp_path / "china.pdf"
    result = run_map(
        run_alg,
        small,
        out,
        CITIES=tiered_cities,
        TITLE="Returns",
        SUBTITLE="Test data",
        LAYOUT_NAME="Test China",
        MIN_COUNT=1,
    )
    assert result["OUTPUT"] == str(out) and result["LAYOUT"] == "Test China"
    assert out.read_bytes().startswith(b"%PDF") and pdf_pages(out) == 1

    layout = QgsProject.instance().layoutManager().layoutByName("Test China")
    assert layout is not None
    items = {item.id(): item for item in layout.items() if hasattr(item, "id") and item.id()}
    assert {
        "map",
        "legend",
        "title",
        "subtitle",
        "notes",
        "scale bar",
        "north arrow",
        "inset",
    } <= set(items)
    assert isinstance(items["map"], QgsLayoutItemMap)
    assert (
        "+proj=aea" in items["map"].crs().toProj() and "+lon_0=105" in items["map"].crs().toProj()
    )
    assert isinstance(items["scale bar"], QgsLayoutItemScaleBar)
    assert isinstance(items["north arrow"], QgsLayoutItemPicture)
    assert items["title"].text() == "Returns" and items["subtitle"].text() == "Test data"
    notes = items["notes"].text()
    assert "GeoNames (CC BY 4.0)" in notes and "Natural Earth via QGIS world map" in notes
    # The map's layers: cities above flows above the China basemap (China's view in
    # every language, so with the South China Sea line).
    names = [lyr.name() for lyr in items["map"].layers()]
    assert names == [
        "Cities",
        "Flows",
        "Island groups",
        "Islands",
        "South China Sea line",
        "National border",
        "Provinces",
        "China",
        "Neighbouring countries",
    ]
    assert "Boundaries: China's view" in notes

    tree = legend_tree(items["legend"])
    # no basemap in the legend; its boundary symbols (legend-only keys) last
    assert list(tree) == [
        "Flows",
        "Cities",
        "National border",
        "South China Sea line",
        "Provincial boundary",
    ]
    # China preset: domestic, backflow, onward only; classes present in the data only.
    # Returns from abroad enter at the map's edge on a regional map; the legend says so.
    assert tree["Flows"][:3] == [
        "Domestic (before leaving)",
        "Backflow (from abroad, off the map)",
        "Onward (after the return)",
    ]
    assert "Outbound (home to abroad)" not in tree["Flows"]
    assert "Persons per flow" in tree["Flows"]
    assert tree["Cities"][0] == "Betweenness centrality"
    assert {
        "National core city",
        "Regional excellent city",
        "Regional special city",
        "Other domestic city",
        "Overseas city",
    } <= set(tree["Cities"])
    # Labels for tier 1 and 2 in English (LANGUAGE=1).
    cities = items["map"].layers()[0]
    rules = cities.labeling().rootRule().children()
    assert [r.filterExpression() for r in rules] == [
        '"tier" = 1',
        '"tier" = 2',
        # other cities drawn as large as the smallest labelled one (betweenness 0.1)
        '"domestic" AND coalesce("tier", 0) NOT IN (1, 2) AND "betweenness" >= 0.1',
    ]
    assert rules[0].settings().fieldName.startswith('coalesce("name"')


def test_world_png_size_matches_dpi_and_is_not_blank(run_alg, small, tmp_path):
    out = tmp_path / "world.png"
    result = run_map(run_alg, small, out, EXTENT_PRESET=1, DPI=100, LAYOUT_NAME="Test world")
    image = QImage(result["OUTPUT"])
    assert (
        abs(image.width() - 297 / 25.4 * 100) <= 1 and abs(image.height() - 210 / 25.4 * 100) <= 1
    )
    assert non_white_share(image) > 0.15  # land, flows, text
    layout = QgsProject.instance().layoutManager().layoutByName("Test world")
    items = {item.id() for item in layout.items() if hasattr(item, "id")}
    assert "scale bar" not in items and "north arrow" not in items  # meaningless on a world map
    legend = next(i for i in layout.items() if isinstance(i, QgsLayoutItemLegend))
    flows = legend_tree(legend)["Flows"]
    assert flows[:2] == ["Outbound (home to abroad)", "Backflow (the return from abroad)"]
    assert (
        "Equal Earth"
        in next(i for i in layout.items() if getattr(i, "id", lambda: "")() == "notes").text()
    )


def test_min_count_note_and_hidden_flows(run_alg, small, tmp_path):
    result = run_map(
        run_alg, small, tmp_path / "min.pdf", MIN_COUNT=2, EXTENT_PRESET=2, LAYOUT_NAME="Test min"
    )
    layout = QgsProject.instance().layoutManager().layoutByName(result["LAYOUT"])
    notes = next(i for i in layout.items() if getattr(i, "id", lambda: "")() == "notes").text()
    assert "fewer than 2 persons are not shown" in notes
    map_item = next(
        i for i in layout.items() if isinstance(i, QgsLayoutItemMap) and i.id() == "map"
    )
    drawn = next(lyr for lyr in map_item.layers() if lyr.name() == "Flows")
    source = QgsVectorLayer(small["flows"], "flows", "ogr")
    assert drawn.featureCount() == sum(1 for f in source.getFeatures() if f["count"] >= 2)


def test_svg_a3_portrait_with_routes(run_alg, small, tmp_path):
    out = tmp_path / "map.svg"
    result = run_map(
        run_alg,
        small,
        out,
        PAGE=1,
        ORIENTATION=1,
        ROUTES=small["routes"],
        EXTENT_PRESET=2,
        LAYOUT_NAME="Test svg",
    )
    root = ET.parse(result["OUTPUT"]).getroot()
    assert root.tag.endswith("svg")
    layout = QgsProject.instance().layoutManager().layoutByName("Test svg")
    page = layout.pageCollection().page(0).pageSize()
    assert (round(page.width()), round(page.height())) == (297, 420)
    legend = next(i for i in layout.items() if isinstance(i, QgsLayoutItemLegend))
    assert list(legend_tree(legend)) == ["Flows", "Cities", "Person routes"]
    # Routes draw nearly transparent; their legend keys are drawn stronger.
    node = legend.model().rootGroup().findLayers()[-1]
    key = QgsMapLayerLegendUtils.legendNodeCustomSymbol(node, 0)
    assert key is not None and key.opacity() == pytest.approx(0.7)
    assert node.layer().renderer().symbol().opacity() < 0.5


def test_user_extent_uses_a_fitted_albers(run_alg, small, tmp_path):
    result = run_map(
        run_alg,
        small,
        tmp_path / "user.pdf",
        EXTENT_PRESET=3,
        EXTENT="100,125,20,42 [EPSG:4326]",
        LAYOUT_NAME="Test user",
    )
    layout = QgsProject.instance().layoutManager().layoutByName(result["LAYOUT"])
    map_item = next(
        i for i in layout.items() if isinstance(i, QgsLayoutItemMap) and i.id() == "map"
    )
    proj = map_item.crs().toProj()
    assert "+proj=aea" in proj and "+lon_0=112.5 " in proj + " "
    # named, so QGIS's status bar does not say "Unknown CRS"
    assert map_item.crs().description() == "Backflow Albers (112.5E, 23.7N/38.3N)"


def test_flow_types_parameter_overrides_the_preset(run_alg, small, tmp_path):
    result = run_map(
        run_alg, small, tmp_path / "types.pdf", FLOW_TYPES=[1, 3], LAYOUT_NAME="Test types"
    )
    layout = QgsProject.instance().layoutManager().layoutByName(result["LAYOUT"])
    legend = next(i for i in layout.items() if isinstance(i, QgsLayoutItemLegend))
    assert legend_tree(legend)["Flows"][:2] == [
        "Outbound (home to abroad)",
        "Backflow (from abroad, off the map)",
    ]


def test_bad_inputs_raise(run_alg, small, tmp_path):
    with pytest.raises(QgsProcessingException, match="Route patterns"):
        run_map(run_alg, small, tmp_path / "x.pdf", COLOUR_BY=1)
    with pytest.raises(QgsProcessingException, match="extent"):
        run_map(run_alg, small, tmp_path / "x.pdf", EXTENT_PRESET=3)


def test_legend_renders_in_the_exported_pdf(run_alg, small, tmp_path):
    """The legend's size: a real legend has height, with every item drawn."""
    result = run_map(run_alg, small, tmp_path / "legend.pdf", LAYOUT_NAME="Test legend")
    layout = QgsProject.instance().layoutManager().layoutByName(result["LAYOUT"])
    legend = next(i for i in layout.items() if isinstance(i, QgsLayoutItemLegend))
    size = QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize()
    assert size.height() > 30 and size.width() > 20
