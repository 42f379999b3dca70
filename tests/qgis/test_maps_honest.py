"""Maps that tell the truth at first sight: returns from abroad drawn whole (clipped by
the frame, never starting inside China), patterns taken from the run, China maps for
journals, labels that do not overlap."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

pytestmark = pytest.mark.usefixtures("plugin")

BOSTON, LONDON, SINGAPORE = (-71.06, 42.36), (-0.13, 51.51), (103.82, 1.35)
BEIJING, SHANGHAI, KUNMING = (116.40, 39.90), (121.47, 31.23), (102.71, 25.04)


def flows_layer(rows) -> QgsVectorLayer:
    """A FLOWS layer of (origin, dest, flow_type, count) rows, straight lines in lon/lat."""
    layer = QgsVectorLayer("LineString?crs=EPSG:4326", "flows", "memory")
    layer.dataProvider().addAttributes(
        [QgsField("flow_type", QVariant.Type.String), QgsField("count", QVariant.Type.Int)]
    )
    layer.updateFields()
    features = []
    for (x1, y1), (x2, y2), kind, count in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes([kind, count])
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x1, y1), QgsPointXY(x2, y2)]))
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


def china_polygon() -> QgsGeometry:
    from backflow_plugin.styling import basemap, projections

    china = basemap.china_basemap(basemap.CHINA_VIEW)["china"]
    to_wgs = QgsCoordinateTransform(china.crs(), projections.WGS84, QgsProject.instance())
    parts = [QgsGeometry(f.geometry()) for f in china.getFeatures()]
    for part in parts:
        part.transform(to_wgs)
    return QgsGeometry.unaryUnion(parts)


def test_returns_from_abroad_enter_at_the_frame_and_never_start_inside_china():
    from backflow_plugin.styling import flowlines, projections

    flows = flows_layer(
        [
            (BOSTON, BEIJING, "backflow", 40),
            (LONDON, SHANGHAI, "backflow", 20),
            (SINGAPORE, KUNMING, "backflow", 6),
            (SHANGHAI, KUNMING, "onward", 6),
        ]
    )
    crs = projections.china_crs()
    out = flowlines.display_flows(
        flows, crs, world=False, frame_wgs84=projections.CHINA_EXTENT, min_count=5
    )
    to_wgs = QgsCoordinateTransform(crs, projections.WGS84, QgsProject.instance())
    china = china_polygon()
    frame = projections.CHINA_EXTENT
    starts, ends = [], []
    for f in out.getFeatures():
        parts = f.geometry().asMultiPolyline()
        starts.append(to_wgs.transform(parts[0][0]))
        ends.append(to_wgs.transform(parts[-1][-1]))
    assert len(starts) == 4
    boston, london, singapore, onward = starts
    # from beyond the frame: the line starts far outside it (the map item clips it at
    # its edge), not 900 km before the city, in Mongolia
    for start in (boston, london):
        assert not frame.buffered(10.0).contains(start)
        assert not china.contains(QgsGeometry.fromPointXY(start))
    # Singapore lies within the margin: the line starts at Singapore itself
    assert singapore.distance(QgsPointXY(*SINGAPORE)) < 0.01
    assert onward.distance(QgsPointXY(*SHANGHAI)) < 0.01  # domestic moves unchanged
    for end, city in zip(ends, (BEIJING, SHANGHAI, KUNMING, KUNMING)):
        assert end.distance(QgsPointXY(*city)) < 0.01
    # every return line runs unbroken from where it enters to its city
    for f in list(out.getFeatures())[:3]:
        assert len(f.geometry().asMultiPolyline()) == 1


# ---------------------------------------------------------------- Figure 3's patterns

THREE = {"Li": "circle", "Wang": "circle", "Zhao": "linear"}  # known by construction


@pytest.fixture(scope="module")
def three(plugin, tmp_path_factory):
    """Three returnees of known patterns imported (Li back to his birthplace, Wang to
    his study city, Zhao to a new city); the import's layers, no Route patterns run."""
    import processing

    from tests.conftest import DATA

    gpkg = tmp_path_factory.mktemp("three") / "three.gpkg"
    params = {"INPUT": str(DATA / "three_returned.csv")}
    for key in ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED"):
        params[key] = f"ogr:dbname='{gpkg}' table=\"{key.lower()}\" (geom)"
    result = processing.run("backflow:importtrajectories", params)
    assert result["UNRESOLVED_ROWS"] == 0
    return {k: f"{gpkg}|layername={k}" for k in ("stages", "routes", "flows", "cities")}


@pytest.mark.parametrize("with_routes", [True, False])
def test_figure3_takes_each_persons_pattern_from_the_run(run_alg, three, tmp_path, with_routes):
    params = {
        "CITIES": three["cities"],
        "FLOWS": three["flows"],
        "STAGES": three["stages"],
        "PERSONS": "Li, Wang, Zhao",
        "FIGURE": 2,
        "EXTENT_PRESET": 1,
        "LANGUAGE": 2,
        "DPI": 60,
        "LAYOUT_NAME": f"Three tracks {with_routes}",
        "OUTPUT": str(tmp_path / "figure3.png"),
    }
    if with_routes:  # the import's ROUTES: no pattern field
        params["ROUTES"] = three["routes"]
    run_alg("backflow:publicationmap", params)
    layout = QgsProject.instance().layoutManager().layoutByName(f"Three tracks {with_routes}")
    items = {i.id(): i for i in layout.items() if getattr(i, "id", None) and i.id()}
    tracks = next(lyr for lyr in items["map"].layers() if lyr.fields().indexOf("letter") >= 0)
    drawn = {f["person_id"]: f["pattern"] for f in tracks.getFeatures()}
    assert drawn == THREE
    # the key names each person's pattern, in Chinese; nobody is 'not returned'
    notes = items["notes"].text()
    assert "A = Li (环形); B = Wang (环形); C = Zhao (线形)" in notes
    from tests.qgis.test_publication_map import legend_tree

    keys = [k for values in legend_tree(items["legend"]).values() for k in values]
    assert not [k for k in keys if "未回国" in k or "No return" in k]


# ---------------------------------------------------------------- China maps for journals


def _china_layout(name: str, **kw):
    from backflow_plugin.styling import layout as layouts

    spec = layouts.MapSpec(
        cities=QgsVectorLayer("Point?crs=EPSG:4326&field=city_id:string", "c", "memory"),
        flows=QgsVectorLayer("LineString?crs=EPSG:4326&field=count:integer", "f", "memory"),
        layout_name=name,
        **kw,
    )
    layout = layouts.build_layout(QgsProject.instance(), spec)
    return spec, {i.id(): i for i in layout.items() if getattr(i, "id", None) and i.id()}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_china_map_with_inset_ends_south_of_hainan_and_the_inset_hides_no_boundary(language):
    from backflow_plugin.styling import basemap, china_frame, projections

    spec, items = _china_layout(f"Cut {language}", language=language)
    assert spec.view == basemap.CHINA_VIEW  # China's view in every language
    main = items["map"]
    to_wgs = QgsCoordinateTransform(main.crs(), projections.WGS84, QgsProject.instance())
    bottom_centre = to_wgs.transform(
        QgsPointXY(main.extent().center().x(), main.extent().yMinimum())
    )
    assert 16.5 < bottom_centre.y() < 18.2  # below Hainan's cape (18.16°N), above the sea
    # the South China Sea's islands south of the cut are the inset's only: Pratas stays
    islands = QgsVectorLayer(
        f"{basemap.south_china_sea_path()}|geometrytype=Point", "islands", "ogr"
    )
    islands.setSubsetString("\"kind\" = 'island'")
    to_map = QgsCoordinateTransform(islands.crs(), main.crs(), QgsProject.instance())
    on_main = [
        f.geometry().asPoint().y()
        for f in islands.getFeatures()
        if main.extent().contains(to_map.transform(f.geometry().asPoint()))
    ]
    assert on_main and min(on_main) > 19.5
    # the inset covers no dash of the South China Sea line nor the border on the main map
    base = basemap.china_basemap(basemap.CHINA_VIEW)
    assert china_frame.hidden_lines(items["inset"], main, [base["dashes"], base["border"]]) == 0
    # nor does the inset's caption cover a dash of the line in the inset: the English
    # caption is long and goes onto two lines, the Chinese one fits on one
    caption = items["inset caption"]
    assert china_frame.hidden_lines(caption, items["inset"], [base["dashes"]]) == 0
    assert caption.text() == {"en": "South China Sea\nIslands", "zh": "南海诸岛"}[language]
    # and it sits inside the main map's frame, in its lower-right corner
    m, i = items["map"], items["inset"]
    right = m.positionWithUnits().x() + m.sizeWithUnits().width()
    bottom = m.positionWithUnits().y() + m.sizeWithUnits().height()
    assert i.positionWithUnits().x() + i.sizeWithUnits().width() == pytest.approx(right)
    assert i.positionWithUnits().y() + i.sizeWithUnits().height() == pytest.approx(bottom)


def test_china_map_without_inset_keeps_the_south_china_sea():
    from backflow_plugin.styling import projections

    _, items = _china_layout("No inset", inset=False)
    assert "inset" not in items
    main = items["map"]
    to_wgs = QgsCoordinateTransform(main.crs(), projections.WGS84, QgsProject.instance())
    bottom = to_wgs.transform(QgsPointXY(main.extent().center().x(), main.extent().yMinimum()))
    assert bottom.y() < 10.0  # the Spratly Islands (to about 4°N) on the main map


@pytest.mark.parametrize(
    ("options", "note", "legend_first"),
    [
        ({}, "Boundaries: China's view", None),
        ({"MAP_LANGUAGE": 2}, "边界：中国视角", "流动"),
        ({"MAP_LANGUAGE": 1, "MAP_BOUNDARY_VIEW": 2}, "Boundaries: de facto", "Flows"),
    ],
)
def test_full_analysis_map_takes_language_and_boundaries(
    run_alg, tmp_path, options, note, legend_first
):
    from tests.conftest import DATA

    name = f"Full map {len(options)} {options.get('MAP_LANGUAGE')}"
    run_alg(
        "backflow:fullanalysis",
        {
            "INPUT": str(DATA / "long_small.csv"),
            "MAKE_MAP": True,
            "MAP_OUTPUT": str(tmp_path / "map.png"),
            "MIN_PERSONS": 1,
            **options,
        },
    )
    layout = QgsProject.instance().layoutManager().layoutByName("Backflow map")
    items = {i.id(): i for i in layout.items() if getattr(i, "id", None) and i.id()}
    assert note in items["notes"].text(), name
    if legend_first:
        group = items["legend"].model().rootGroup().children()[0]
        assert group.name() == legend_first


def test_a_map_with_no_flow_drawn_keys_only_its_own_flow_types():
    """A small study at MIN_PERSONS 5 draws no flow: the China map's key lists the types
    a China map draws (never outbound or abroad), as it does when flows are drawn."""
    from backflow_plugin.styling import layout as layouts
    from tests.qgis.test_publication_map import legend_tree

    rows = [(BOSTON, BEIJING, "outbound", 2), (BEIJING, SHANGHAI, "domestic", 3),
            (LONDON, SHANGHAI, "backflow", 1), (LONDON, BOSTON, "abroad", 4)]  # fmt: skip
    for flows, expected in (
        (flows_layer(rows), 0),
        (flows_layer([*rows, (SHANGHAI, KUNMING, "onward", 6)]), 1),
    ):
        spec = layouts.MapSpec(
            cities=QgsVectorLayer("Point?crs=EPSG:4326&field=city_id:string", "c", "memory"),
            flows=flows,
            layout_name=f"No flow drawn {expected}",
        )
        layout = layouts.build_layout(QgsProject.instance(), spec)
        items = {i.id(): i for i in layout.items() if getattr(i, "id", None) and i.id()}
        drawn = next(
            lyr for lyr in items["map"].layers() if lyr.customProperty("backflow/role") == "flows"
        )
        assert drawn.featureCount() == expected
        keys = legend_tree(items["legend"])[drawn.name()]
        types = [k for k in keys if "(" in k]  # the colour classes, not the width keys
        if expected:
            assert types == ["Onward (after the return)"]
        else:
            assert types == [
                "Domestic (before leaving)",
                "Backflow (from abroad, off the map)",
                "Onward (after the return)",
            ]


def test_title_can_be_left_to_the_journals_caption():
    from backflow_plugin.styling import layout as layouts

    _, with_title = _china_layout("Titled", title="A title", subtitle="A subtitle")
    _, bare = _china_layout("Bare", title="A title", subtitle="A subtitle", show_title=False)
    assert {"title", "subtitle"} <= set(with_title)
    assert not {"title", "subtitle"} & set(bare)
    # the map moves up into the title's room
    assert bare["map"].positionWithUnits().y() == pytest.approx(layouts.MARGIN)
    assert with_title["map"].positionWithUnits().y() > layouts.MARGIN + 10


def test_legends_write_plain_numbers():
    from backflow_plugin.styling import renderers

    assert [renderers.plain_number(v) for v in (0.00005, 0.0002, 0.05, 0.2, 1, 1200)] == [
        "0.00005",
        "0.0002",
        "0.05",
        "0.2",
        "1",
        "1,200",
    ]
    labels = [c.label for c in renderers.size_legend("pagerank", 0.0003).classes()]
    assert labels == ["0.00001", "0.00005", "0.0002"]


def test_a_large_city_outside_tiers_1_and_2_is_labelled():
    from backflow_plugin.styling import layout as layouts
    from backflow_plugin.styling.label_check import placed

    cities = QgsVectorLayer(
        "Point?crs=EPSG:4326&field=city_id:string&field=name:string&field=name_zh:string"
        "&field=domestic:boolean&field=tier:integer&field=betweenness:double"
        "&field=persons:integer",
        "cities",
        "memory",
    )
    rows = [
        ("Beijing", "北京", 1, 0.3, (116.40, 39.90)),
        ("Chengdu", "成都", 2, 0.1, (104.07, 30.67)),
        ("Zhengzhou", "郑州", None, 0.2, (113.63, 34.75)),  # large, no tier 1-2
        ("Lhasa", "拉萨", 3, 0.01, (91.13, 29.65)),  # small: left unlabelled
    ]
    features = []
    for i, (name, zh, tier, value, (x, y)) in enumerate(rows):
        f = QgsFeature(cities.fields())
        f.setAttributes([str(i), name, zh, True, tier, value, 50])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        features.append(f)
    cities.dataProvider().addFeatures(features)
    spec = layouts.MapSpec(
        cities=cities,
        flows=QgsVectorLayer("LineString?crs=EPSG:4326&field=count:integer", "f", "memory"),
        layout_name="Large untiered",
    )
    layout = layouts.build_layout(QgsProject.instance(), spec)
    item = next(i for i in layout.items() if getattr(i, "id", None) and i.id() == "map")
    texts = {lab.labelText for lab in placed(item)}
    assert {"Beijing", "Chengdu", "Zhengzhou"} <= texts
    assert "Lhasa" not in texts


def test_figure3_persons_back_in_one_city_get_dots_side_by_side():
    from backflow_plugin.styling import layout as layouts
    from backflow_plugin.styling.label_check import label_problems, placed

    stages = QgsVectorLayer(
        "Point?crs=EPSG:4326&field=person_id:string&field=seq:integer&field=stage:string",
        "stages",
        "memory",
    )
    rows = [
        ("X", 1, "birth", (114.30, 30.59)),
        ("X", 2, "phd", BOSTON),
        ("X", 3, "return", (114.30, 30.59)),
        ("Y", 1, "birth", (112.94, 28.23)),
        ("Y", 2, "phd", LONDON),
        ("Y", 3, "return", (114.30, 30.59)),
    ]
    features = []
    for pid, seq, stage, (x, y) in rows:
        f = QgsFeature(stages.fields())
        f.setAttributes([pid, seq, stage])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        features.append(f)
    stages.dataProvider().addFeatures(features)
    spec = layouts.MapSpec(
        cities=QgsVectorLayer("Point?crs=EPSG:4326&field=city_id:string", "c", "memory"),
        flows=QgsVectorLayer("LineString?crs=EPSG:4326&field=count:integer", "f", "memory"),
        stages=stages,
        persons=["X", "Y"],
        patterns={"X": "circle", "Y": "linear"},
        preset="world",
        figure="figure3",
        layout_name="Same city",
    )
    layout = layouts.build_layout(QgsProject.instance(), spec)
    stops = next(lyr for lyr in spec.layers if lyr.fields().indexOf("shift") >= 0)
    returns = {f["letter"]: f["shift"] for f in stops.getFeatures() if f["is_return"]}
    assert sorted(returns.values()) == [0, 1]
    item = next(i for i in layout.items() if getattr(i, "id", None) and i.id() == "map")
    letters = [lab for lab in placed(item) if lab.labelText in returns]
    assert len(letters) == 2
    assert letters[0].labelRect.intersect(letters[1].labelRect).isEmpty()
    assert [tuple(p) for p in label_problems(item)] == []
