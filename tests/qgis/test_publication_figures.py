"""Journal-ready maps: the China view and its inset, the paper's Figures 2 and 3, the
world map's labels and stripes, true notes, one frame per year.

Checked in what is rendered: pixel colours of the PNG, text of the PDF (pdftotext),
and the layout's own items and legend."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsGeometry,
    QgsLayoutItemLegend,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor, QImage

from tests.qgis.test_publication_map import legend_tree, run_map

pytestmark = pytest.mark.usefixtures("plugin")


@pytest.fixture(scope="module")
def small(plugin, tmp_path_factory):
    """long_small.csv imported, with route patterns; file paths of the layers."""
    import processing

    gpkg = tmp_path_factory.mktemp("figures") / "small.gpkg"
    from tests.conftest import DATA

    params = {"INPUT": str(DATA / "long_small.csv")}
    for key in ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED"):
        params[key] = f"ogr:dbname='{gpkg}' table=\"{key.lower()}\" (geom)"
    processing.run("backflow:importtrajectories", params)
    out = {k: f"{gpkg}|layername={k}" for k in ("stages", "routes", "flows", "cities")}
    processing.run(
        "backflow:routepatterns",
        {
            "INPUT": out["stages"],
            "ROUTES": f"ogr:dbname='{gpkg}' table=\"pattern_routes\" (geom)",
            "FLOWS": f"ogr:dbname='{gpkg}' table=\"pattern_flows\" (geom)",
        },
    )
    out["pattern_routes"] = f"{gpkg}|layername=pattern_routes"
    return out


@pytest.fixture
def network_cities(small):
    """CITIES with tier, betweenness and degree, as City network writes them."""
    layer = QgsVectorLayer(small["cities"], "c", "ogr").materialize(QgsFeatureRequest())
    layer.setName("network cities")
    layer.dataProvider().addAttributes(
        [
            QgsField("tier", QVariant.Type.Int),
            QgsField("betweenness", QVariant.Type.Double),
            QgsField("degree", QVariant.Type.Int),
        ]
    )
    layer.updateFields()
    tiers = {"Beijing": 1, "Shanghai": 1, "Chengdu": 2, "Hefei": 2, "Wuhan": 3}
    degree = {"Beijing": 9, "Shanghai": 7, "Chengdu": 6, "Hefei": 5, "Wuhan": 3}
    idx = {n: layer.fields().indexOf(n) for n in ("tier", "betweenness", "degree")}
    layer.dataProvider().changeAttributeValues(
        {
            f.id(): {
                idx["tier"]: tiers.get(f["name"]),
                idx["betweenness"]: {1: 0.3, 2: 0.1, 3: 0.02}.get(tiers.get(f["name"]), 0.0),
                idx["degree"]: degree.get(f["name"], 1),
            }
            for f in layer.getFeatures()
        }
    )
    QgsProject.instance().addMapLayer(layer)
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


def items_of(name: str) -> dict:
    layout = QgsProject.instance().layoutManager().layoutByName(name)
    return {i.id(): i for i in layout.items() if getattr(i, "id", None) and i.id()}


def pdf_text(path) -> str:
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is part of make deps"
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pixels_like(image: QImage, rect_px, colour: str, tolerance: int = 6) -> int:
    target = QColor(colour)
    x0, y0, x1, y1 = (int(v) for v in rect_px)
    hits = 0
    for y in range(max(y0, 0), min(y1, image.height())):
        for x in range(max(x0, 0), min(x1, image.width())):
            c = QColor(image.pixel(x, y))
            if (
                abs(c.red() - target.red()) <= tolerance
                and abs(c.green() - target.green()) <= tolerance
                and abs(c.blue() - target.blue()) <= tolerance
            ):
                hits += 1
    return hits


def item_rect_px(item, dpi: int):
    pos, size = item.positionWithUnits(), item.sizeWithUnits()
    k = dpi / 25.4
    return (
        pos.x() * k + 2,
        pos.y() * k + 2,
        (pos.x() + size.width()) * k - 2,
        (pos.y() + size.height()) * k - 2,
    )


def boundary_keys(legend) -> list[str]:
    """The boundary symbols of a China map's legend, in order."""
    group = legend.model().rootGroup().findGroup("Boundaries")
    return [node.name() for node in group.children()] if group is not None else []


def _assert_labelled_without_collisions(map_item, tiers) -> None:
    """Every city of these tiers has a label placed by the labeling engine, and no two
    city labels overlap."""
    from backflow_plugin.styling import label_check

    cities = map_item.layers()[0]
    labels = [
        lab
        for lab in label_check.placed_labels(map_item)
        if lab.layerID == cities.id() and not lab.isUnplaced
    ]
    placed = {lab.featureId for lab in labels}
    want = {f.id(): f["name"] for f in cities.getFeatures() if f["tier"] in tiers}
    assert want and not [n for fid, n in want.items() if fid not in placed]
    for i, a in enumerate(labels):
        for b in labels[:i]:
            overlap = a.labelRect.intersect(b.labelRect)
            assert overlap.isEmpty() or overlap.area() < 1e-6 * a.labelRect.area(), (
                a.labelText,
                b.labelText,
            )


# ---------------------------------------------------------------- China view


def test_chinese_china_map_defaults_to_the_china_view_with_land_in_the_inset(
    run_alg, small, network_cities, tmp_path
):
    from backflow_plugin.core.palette import CHINA_MAP

    out = tmp_path / "china_zh.png"
    run_map(
        run_alg,
        small,
        out,
        CITIES=network_cities,
        LANGUAGE=2,
        DPI=150,
        LAYOUT_NAME="Fig china zh",
    )
    items = items_of("Fig china zh")
    names = [lyr.name() for lyr in items["map"].layers()]
    assert {"南海断续线", "岛屿", "群岛", "省级行政区", "中国", "国界"} <= set(names)
    inset_names = [lyr.name() for lyr in items["inset"].layers()]
    assert "南海断续线" in inset_names and "岛屿" in inset_names
    assert items["inset caption"].text() == "南海诸岛"
    notes = items["notes"].text()
    assert "边界：中国视角" in notes and "地名：GeoNames" in notes
    assert items["scale bar"].unitLabel() == "公里"

    # In the rendered inset: China's land (Hainan, Taiwan, the coast) and the islands.
    image = QImage(str(out))
    rect = item_rect_px(items["inset"], 150)
    assert pixels_like(image, rect, CHINA_MAP["china"]) > 500
    assert pixels_like(image, rect, CHINA_MAP["island"], tolerance=20) > 20
    # The island groups are named in the inset (labels of the groups layer).
    groups = next(lyr for lyr in items["inset"].layers() if lyr.name() == "群岛")
    assert sorted(f["name_zh"] for f in groups.getFeatures()) == sorted(
        ["东沙群岛", "西沙群岛", "中沙群岛", "南沙群岛"]
    )
    assert groups.labelsEnabled()


def test_china_pdf_names_the_inset_islands_and_every_tier1_city(
    run_alg, small, network_cities, tmp_path
):
    out = tmp_path / "china_zh.pdf"
    run_map(run_alg, small, out, CITIES=network_cities, LANGUAGE=2, LAYOUT_NAME="Fig pdf")
    text = pdf_text(out)
    for name in ("北京", "上海", "南海诸岛", "西沙群岛", "南沙群岛"):
        assert name in text, name


def test_views_differ_where_they_should():
    """China's view: Taiwan and the claim areas (Arunachal Pradesh) are China; de facto
    they are not. Aksai Chin is China's in both (the world map draws it so)."""
    from backflow_plugin.styling import basemap

    china = basemap.china_outline(basemap.CHINA_VIEW)
    de_facto = basemap.china_outline(basemap.DE_FACTO_VIEW)
    taipei = QgsGeometry.fromPointXY(QgsPointXY(121.56, 25.04))
    itanagar = QgsGeometry.fromPointXY(QgsPointXY(93.62, 27.10))
    aksai_chin = QgsGeometry.fromPointXY(QgsPointXY(79.3, 35.2))
    assert china.contains(taipei) and not de_facto.contains(taipei)
    assert china.contains(itanagar) and not de_facto.contains(itanagar)
    assert china.contains(aksai_chin) and de_facto.contains(aksai_chin)
    areas = basemap.chinese_claim_areas()
    assert max(a.area() for a in areas) == pytest.approx(6.39, abs=0.1)  # Arunachal, deg²
    provinces = dict(basemap.china_provinces(basemap.CHINA_VIEW))
    assert {"Taiwan", "Hong Kong", "Macao", "Beijing", "Xizang"} <= set(provinces)
    assert provinces["Xizang"].contains(itanagar)
    assert "Taiwan" not in dict(basemap.china_provinces(basemap.DE_FACTO_VIEW))


def test_english_map_defaults_to_chinas_view_and_user_layer_prints_its_review_number(
    run_alg, small, tmp_path
):
    # China's view in every language (journals in China require it)
    run_map(run_alg, small, tmp_path / "en_default.pdf", LAYOUT_NAME="Fig en default")
    items = items_of("Fig en default")
    assert "Boundaries: China's view" in items["notes"].text()
    assert "South China Sea line" in [lyr.name() for lyr in items["map"].layers()]
    # on two lines, clear of the line's southernmost dash
    assert items["inset caption"].text() == "South China Sea\nIslands"
    assert boundary_keys(items["legend"]) == [
        "National border",
        "South China Sea line",
        "Provincial boundary",
    ]
    # de facto on request
    run_map(run_alg, small, tmp_path / "en.pdf", LAYOUT_NAME="Fig en", BOUNDARY_VIEW=2)
    items = items_of("Fig en")
    assert "Boundaries: de facto" in items["notes"].text()
    names = [lyr.name() for lyr in items["map"].layers()]
    assert "South China Sea line" not in names and "Islands" in names  # islands are land
    assert boundary_keys(items["legend"]) == ["National border", "Provincial boundary"]
    groups = next(lyr for lyr in items["map"].layers() if lyr.name() == "Island groups")
    assert groups.labeling().settings().fieldName == '"name_intl"'  # Paracel Islands ...
    assert items["inset caption"].text() == "South China Sea"

    user = QgsVectorLayer("MultiPolygon?crs=EPSG:4326", "standard map provinces", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromRect(QgsRectangle(100, 25, 120, 40)))
    user.dataProvider().addFeatures([f])
    QgsProject.instance().addMapLayer(user)
    try:
        run_map(
            run_alg,
            small,
            tmp_path / "user.pdf",
            BOUNDARY_VIEW=3,
            BOUNDARY_LAYER=user,
            REVIEW_NUMBER="GS(2019)1822",
            LAYOUT_NAME="Fig user",
        )
        notes = items_of("Fig user")["notes"].text()
        assert "'standard map provinces'" in notes
        assert "Map review number: GS(2019)1822." in notes
        with pytest.raises(QgsProcessingException, match="BOUNDARY_LAYER"):
            run_map(run_alg, small, tmp_path / "x.pdf", BOUNDARY_VIEW=3)
    finally:
        QgsProject.instance().removeMapLayer(user.id())


def test_small_count_note_only_where_small_flows_were_hidden(run_alg, small, tmp_path):
    # Every flow of long_small.csv has one person: MIN_COUNT 1 hides nothing.
    run_map(run_alg, small, tmp_path / "a.pdf", MIN_COUNT=1, LAYOUT_NAME="Fig note 1")
    notes = items_of("Fig note 1")["notes"].text()
    assert "not shown" not in notes and "All flows are shown" in notes
    run_map(run_alg, small, tmp_path / "b.pdf", MIN_COUNT=2, LAYOUT_NAME="Fig note 2")
    notes = items_of("Fig note 2")["notes"].text()
    flows = QgsVectorLayer(small["flows"], "f", "ogr")
    hidden = sum(
        1 for f in flows.getFeatures() if f["flow_type"] in ("domestic", "backflow", "onward")
    )
    # every drawn flow hidden: the note says so first
    assert notes.startswith(f"No flow is shown: all {hidden} have fewer than 2 persons")


# ---------------------------------------------------------------- world map


def test_world_map_labels_core_and_top_overseas_cities_and_pdf_has_no_stripes(
    run_alg, small, network_cities, tmp_path
):
    from backflow_plugin.core.palette import BASEMAP

    out = tmp_path / "world.pdf"
    run_map(run_alg, small, out, CITIES=network_cities, EXTENT_PRESET=1, LAYOUT_NAME="Fig world")
    text = pdf_text(out)
    for name in ("Beijing", "Shanghai", "Tokyo"):  # core cities, a top overseas city
        assert name in text, name
    items = items_of("Fig world")
    _assert_labelled_without_collisions(items["map"], tiers=(1,))
    rules = items["map"].layers()[0].labeling().rootRule().children()
    assert [r.filterExpression() for r in rules][0] == '"tier" = 1'
    assert 'NOT "domestic"' in rules[1].filterExpression()

    # The PDF at 150 dpi: no land-coloured band runs across the ocean.
    assert shutil.which("pdftoppm")
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(out), str(tmp_path / "w")], check=True)
    image = QImage(str(tmp_path / "w-1.png"))
    x0, y0, x1, y1 = (int(v) for v in item_rect_px(items["map"], 150))
    land = QColor(BASEMAP["land"])
    longest = 0
    for y in range(y0, y1, 2):
        run = 0
        for x in range(x0, x1):
            c = QColor(image.pixel(x, y))
            same = (
                abs(c.red() - land.red()) <= 4
                and abs(c.green() - land.green()) <= 4
                and abs(c.blue() - land.blue()) <= 4
            )
            run = run + 1 if same else 0
            longest = max(longest, run)
    assert longest < 0.6 * (x1 - x0), f"a land-coloured stripe {longest}px long"


def test_world_meridian_splits_no_continent_with_flows():
    from backflow_plugin.styling import layout_frame

    flows = QgsVectorLayer("LineString?crs=EPSG:4326&field=count:integer", "f", "memory")
    features = []
    # Beijing to Boston, to Munich, and to São Paulo: the edge must not cut South America
    # (a 120°E centre puts it through Brazil).
    for lon, lat, n in ((-71.06, 42.36, 30), (11.58, 48.14, 10), (-46.63, -23.55, 5)):
        f = QgsFeature(flows.fields())
        f.setAttributes([n])
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(116.4, 39.9), QgsPointXY(lon, lat)]))
        features.append(f)
    flows.dataProvider().addFeatures(features)
    lon_0 = layout_frame.world_meridian(flows)
    seam = lon_0 + 180 if lon_0 < 0 else lon_0 - 180
    assert -35 <= seam <= -15  # the mid-Atlantic
    assert layout_frame.equal_earth_note(lon_0).startswith("Equal Earth, centred on")


# ---------------------------------------------------------------- Figures 2 and 3


def test_figure2_keeps_well_linked_cities_sized_by_degree(run_alg, small, network_cities, tmp_path):
    out = tmp_path / "fig2.pdf"
    run_map(
        run_alg,
        small,
        out,
        CITIES=network_cities,
        FIGURE=1,
        MIN_LINKS=5,
        LAYOUT_NAME="Fig 2",
    )
    items = items_of("Fig 2")
    _assert_labelled_without_collisions(items["map"], tiers=(1, 2))
    cities = next(lyr for lyr in items["map"].layers() if lyr.name() == "Cities")
    assert sorted(f["name"] for f in cities.getFeatures()) == ["Beijing", "Chengdu", "Shanghai"]
    legend = legend_tree(next(i for i in items.values() if isinstance(i, QgsLayoutItemLegend)))
    assert legend["Cities"][0] == "Linked cities (degree, the tiers' measure)"
    assert {"National core city", "Regional excellent city"} <= set(legend["Cities"])
    assert "more than 5 other cities" in items["notes"].text()
    text = pdf_text(out)
    for name in ("Beijing", "Shanghai", "Chengdu"):  # every tier-1 and tier-2 city kept
        assert name in text, name
    with pytest.raises(QgsProcessingException, match="degree"):
        run_map(run_alg, small, tmp_path / "x.pdf", FIGURE=1)  # CITIES without degree


def test_figure2_sizes_nodes_by_the_measure_the_tiers_were_cut_on(
    run_alg, small, network_cities, tmp_path
):
    run_map(
        run_alg,
        small,
        tmp_path / "fig2b.pdf",
        CITIES=network_cities,
        FIGURE=1,
        TIER_MEASURE="betweenness",
        LAYOUT_NAME="Fig 2b",
    )
    items = items_of("Fig 2b")
    cities = next(lyr for lyr in items["map"].layers() if lyr.name() == "Cities")
    for category in cities.renderer().categories():
        size = category.symbol().dataDefinedSize().field()
        assert size == "betweenness", size
    legend = legend_tree(next(i for i in items.values() if isinstance(i, QgsLayoutItemLegend)))
    assert legend["Cities"][0] == "Betweenness centrality, the tiers' measure"
    # still the paper's selection: linked to more than MIN_LINKS cities
    assert sorted(f["name"] for f in cities.getFeatures()) == ["Beijing", "Chengdu", "Shanghai"]
    with pytest.raises(QgsProcessingException, match="'size' is not a measure"):
        run_map(
            run_alg, small, tmp_path / "y.pdf", CITIES=network_cities, FIGURE=1, TIER_MEASURE="size"
        )


def test_figure3_numbers_stages_and_letters_the_return_city(run_alg, small, tmp_path):
    out = tmp_path / "fig3.pdf"
    run_map(
        run_alg,
        small,
        out,
        EXTENT_PRESET=1,
        FIGURE=2,
        STAGES=small["stages"],
        ROUTES=small["pattern_routes"],
        PERSONS="P1, P2",
        LAYOUT_NAME="Fig 3",
    )
    items = items_of("Fig 3")
    layers = {lyr.name(): lyr for lyr in items["map"].layers()}
    stops = sorted(
        (f["person_id"], f["n"], f["label"], f["is_return"]) for f in layers["Stages"].getFeatures()
    )
    assert stops == [
        ("P1", 1, "A1", False),  # Mianyang
        ("P1", 2, "A2", False),  # Chengdu
        ("P1", 3, "A3", False),  # Boston
        ("P1", 4, "A4", False),  # Cambridge (US)
        ("P1", 5, "A", True),  # back in Chengdu
        ("P2", 1, "B1", False),  # Wuhan
        ("P2", 2, "B2", False),  # Wuhan again
        ("P2", 3, "B3", False),  # New Haven
        ("P2", 4, "B", True),  # Beijing
    ]
    tracks = {(f["person_id"], f["pattern"]) for f in layers["Tracks"].getFeatures()}
    assert tracks == {("P1", "circle"), ("P2", "linear")}
    assert layers["Tracks"].featureCount() == 4 + 2  # legs between different places
    kept = layers["Tracks"].renderer().categories()  # (the symbols live in these)
    styles = {c.value(): c.symbol().symbolLayer(0).penStyle() for c in kept}
    assert styles["linear"] != styles["circle"]
    notes = items["notes"].text()
    assert "A = P1 (circle)" in notes and "B = P2 (linear)" in notes
    text = pdf_text(out)
    # Every stage number is written (nearby ones together: Boston and Cambridge).
    for label in ("A1", "A2", "A3", "A4", "B1", "B2", "B3"):
        assert label in text, label
    assert "All flows are shown" not in notes

    with pytest.raises(QgsProcessingException, match="P9"):
        run_map(
            run_alg,
            small,
            tmp_path / "x.pdf",
            FIGURE=2,
            STAGES=small["stages"],
            PERSONS="P1,P9",
        )
    with pytest.raises(QgsProcessingException, match="PERSONS"):
        run_map(run_alg, small, tmp_path / "x.pdf", FIGURE=2, STAGES=small["stages"])


def test_one_frame_per_year(run_alg, small, tmp_path):
    out = tmp_path / "frames" / "map.png"
    # A Chinese map (its layers named in Chinese) in an English session.
    result = run_map(
        run_alg, small, out, FRAMES_BY_YEAR=True, DPI=50, LANGUAGE=2, LAYOUT_NAME="Fig frames"
    )
    flows = QgsVectorLayer(small["flows"], "f", "ogr")
    # The return years: first years of the backflow flows (P1 2012, P2 2013, P3 2011).
    years = sorted({f["first_year"] for f in flows.getFeatures() if f["flow_type"] == "backflow"})
    assert years == [2011, 2012, 2013]
    written = sorted(p.name for p in out.parent.glob("map_*.png"))
    assert written == [f"map_{y}.png" for y in years]
    assert result["FRAMES"] == len(years) > 1
    # The year is written on each frame, and the layout is left as it was.
    assert "frame year" not in items_of("Fig frames")


def test_crowded_core_cities_are_all_labelled_with_leaders():
    """Nine tier-1/2 cities within 150 km of Shanghai: those that cannot be labelled in
    place are set off the coast with a leader line, so every one has a label."""
    from backflow_plugin.styling import layout

    cities = QgsVectorLayer(
        "Point?crs=EPSG:4326&field=city_id:string&field=name:string&field=name_zh:string"
        "&field=tier:integer&field=domestic:boolean&field=betweenness:double",
        "crowd",
        "memory",
    )
    features = []
    for i, (dx, dy) in enumerate(
        [
            (0, 0),
            (0.5, 0.3),
            (-0.5, 0.3),
            (0.3, -0.5),
            (-0.3, -0.5),
            (1, 0),
            (-1, 0),
            (0, 1),
            (0, -1),
        ]
    ):
        f = QgsFeature(cities.fields())
        f.setAttributes([f"C{i}", f"Crowded City {i}", None, 1 if i < 3 else 2, True, 0.1])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(121.47 + dx, 31.23 + dy)))
        features.append(f)
    cities.dataProvider().addFeatures(features)
    flows = QgsVectorLayer(
        "LineString?crs=EPSG:4326&field=flow_type:string&field=count:integer", "f", "memory"
    )
    spec = layout.MapSpec(cities=cities, flows=flows, language="en", layout_name="Fig crowd")
    built = layout.build_layout(QgsProject.instance(), spec)
    map_item = built.itemById("map")
    _assert_labelled_without_collisions(map_item, tiers=(1, 2))
    drawn = map_item.layers()[0]
    moved = [f["name"] for f in drawn.getFeatures() if f["label_x"] not in (None, "")]
    assert 0 < len(moved) < 9
