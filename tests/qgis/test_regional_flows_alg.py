"""backflow:regionalflows through processing.run: China's provinces and a hand-made cluster
layer (three overlapping regions, one empty and invalid) from a GeoPackage in Web Mercator."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from tests.conftest import DATA
from tests.core.test_regions import PEOPLE, PLACES

ALG_ID = "backflow:regionalflows"
OUTS = {k: "TEMPORARY_OUTPUT" for k in ("REGIONS", "REGION_FLOWS", "MATRIX", "UNMATCHED")}


def _value(v):
    return None if isinstance(v, QVariant) and v.isNull() else v


def rows(layer) -> list[dict]:
    names = layer.fields().names()
    return [dict(zip(names, map(_value, f.attributes()))) for f in layer.getFeatures()]


def by(layer, key: str) -> dict:
    return {r[key]: r for r in rows(layer)}


def stages_layer() -> QgsVectorLayer:
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "stages", "memory")
    layer.dataProvider().addAttributes([
        QgsField("person_id", QVariant.Type.String), QgsField("seq", QVariant.Type.Int),
        QgsField("stage", QVariant.Type.String), QgsField("city_id", QVariant.Type.String),
        QgsField("city", QVariant.Type.String), QgsField("country", QVariant.Type.String),
        QgsField("domestic", QVariant.Type.Bool),
    ])  # fmt: skip
    layer.updateFields()
    feats = []
    for pid, steps in PEOPLE.items():
        for seq, (stage, cid) in enumerate(steps, start=1):
            name, country, lon, lat = PLACES[cid]
            f = QgsFeature(layer.fields())
            f.setAttributes([pid, seq, stage, cid, name, country, country == "CN"])
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
            feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def box(x1, y1, x2, y2) -> str:
    return f"(({x1} {y1}, {x2} {y1}, {x2} {y2}, {x1} {y2}, {x1} {y1}))"


# Lon/lat WKT, written to the GeoPackage in EPSG:3857.
CLUSTERS = [
    # YRD, multipart: Shanghai + Hangzhou, and Nanjing apart
    ("YRD", f"MULTIPOLYGON({box(119.5, 29.8, 122.0, 31.6)}, {box(118.3, 31.7, 119.2, 32.4)})"),
    ("JJJ", f"POLYGON{box(115.8, 38.8, 118.0, 40.5)}"),  # Beijing, Tianjin
    # a coastal belt overlapping both: Shanghai, Hangzhou, Tianjin
    ("Coast", f"MULTIPOLYGON({box(119.8, 29.9, 122.5, 31.5)}, {box(116.9, 38.9, 117.6, 39.4)})"),
    # empty western zone, drawn as a self-intersecting bow tie
    ("West", "POLYGON((85 30, 95 36, 95 30, 85 36, 85 30))"),
]


@pytest.fixture
def clusters_gpkg(tmp_path) -> str:
    mem = QgsVectorLayer("MultiPolygon?crs=EPSG:3857", "clusters", "memory")
    mem.dataProvider().addAttributes([QgsField("cluster", QVariant.Type.String)])
    mem.updateFields()
    to_3857 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem("EPSG:3857"),
        QgsProject.instance(),
    )
    feats = []
    for name, wkt in CLUSTERS:
        geom = QgsGeometry.fromWkt(wkt)
        geom.transform(to_3857)
        f = QgsFeature(mem.fields())
        f.setAttributes([name])
        f.setGeometry(geom)
        feats.append(f)
    mem.dataProvider().addFeatures(feats)
    path = str(tmp_path / "clusters.gpkg")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "clusters"
    err = QgsVectorFileWriter.writeAsVectorFormatV3(
        mem, path, QgsProject.instance().transformContext(), options
    )
    assert err[0] == QgsVectorFileWriter.WriterError.NoError, err
    return f"{path}|layername=clusters"


def test_registered(plugin):
    assert QgsApplication.processingRegistry().algorithmById(ALG_ID) is not None


def test_cluster_layer_from_geopackage(run_alg, clusters_gpkg):
    layer = QgsVectorLayer(clusters_gpkg, "clusters", "ogr")
    assert layer.crs().authid() == "EPSG:3857" and layer.featureCount() == 4
    result = run_alg(ALG_ID, {
        "INPUT": stages_layer(), "INPUT_REGIONS": clusters_gpkg, "NAME_FIELD": "cluster",
        "OVERLAP": 1, "NEAR_KM": 0, **OUTS,
    })  # fmt: skip
    regions = by(result["REGIONS"], "name")
    assert list(regions) == ["YRD", "JJJ", "Coast", "West"]
    assert result["REGIONS"].wkbType() == QgsWkbTypes.Type.MultiPolygon
    assert result["REGIONS"].crs().authid() == "EPSG:4326"
    assert [regions[n]["returnees"] for n in regions] == [3, 1, 0, 0]
    assert sum(r["returnees"] for r in regions.values()) == result["RETURNEES"] == 4
    assert result["RETURNEES_IN_REGIONS"] == 4
    assert regions["YRD"]["cities"] == 3 and regions["West"]["cities"] == 0
    assert regions["West"]["geometry_check"] == "invalid geometry, repaired"
    assert regions["YRD"]["geometry_check"] == ""
    # the multipart YRD keeps both parts, back in lon/lat
    yrd = next(f for f in result["REGIONS"].getFeatures() if f["name"] == "YRD")
    assert len(yrd.geometry().asMultiPolygon()) == 2
    assert yrd.geometry().boundingBox().xMinimum() == pytest.approx(118.3, abs=1e-6)

    unmatched = by(result["UNMATCHED"], "city_id")
    assert set(unmatched) == {"SHA", "HGH", "TSN", "WUH", "KMG", "BOS", "LON", "TYO"}
    assert result["UNMATCHED_CITIES"] == 8 and result["MATCHED_CITIES"] == 2
    assert unmatched["TSN"]["regions"] == "JJJ, Coast"
    assert unmatched["TSN"]["counted_in"] == "JJJ"
    assert unmatched["KMG"]["reason"] == "outside every region; counted in no region"
    assert unmatched["BOS"]["counted_in"] == "Abroad: USA"

    matrix = by(result["MATRIX"], "from_region")
    assert matrix["total"]["total"] == 11  # every move once
    assert matrix["Abroad: USA"]["YRD"] == 1 and matrix["Abroad: USA"]["JJJ"] == 1
    flows = rows(result["REGION_FLOWS"])
    assert sum(f["count"] for f in flows) == 11 - 2  # less the two moves inside a region
    drawn = [f for f in result["REGION_FLOWS"].getFeatures() if f["origin"] != "(no region)"]
    assert all(not f.geometry().isEmpty() for f in drawn if f["dest"] != "(no region)")


def test_split_by_pattern(run_alg, clusters_gpkg):
    result = run_alg(ALG_ID, {
        "INPUT": stages_layer(), "INPUT_REGIONS": clusters_gpkg, "NAME_FIELD": "cluster",
        "OVERLAP": 1, "SPLIT_BY_PATTERN": True, **OUTS,
    })  # fmt: skip
    flows = rows(result["REGION_FLOWS"])
    assert sum(f["count"] for f in flows) == 11 - 2
    back = {(f["origin"], f["dest"], f["pattern"]) for f in flows if f["flow_type"] == "backflow"}
    assert back == {
        ("Abroad: USA", "YRD", "linear"), ("Abroad: UK", "YRD", "circle"),
        ("Abroad: Asia", "YRD", "circle"), ("Abroad: USA", "JJJ", "linear"),
    }  # fmt: skip


def test_cluster_layer_each_overlap(run_alg, clusters_gpkg):
    result = run_alg(ALG_ID, {
        "INPUT": stages_layer(), "INPUT_REGIONS": clusters_gpkg, "NAME_FIELD": "cluster", **OUTS,
    })  # fmt: skip
    regions = by(result["REGIONS"], "name")
    # Shanghai and Hangzhou count in YRD and on the coast
    assert [regions[n]["returnees"] for n in regions] == [3, 1, 2, 0]
    assert regions["Coast"]["cities"] == 3


def test_default_provinces(run_alg):
    imported = run_alg("backflow:importtrajectories", {
        "INPUT": str(DATA / "long_small.csv"), "STAGES": "TEMPORARY_OUTPUT",
    })  # fmt: skip
    result = run_alg(ALG_ID, {"INPUT": imported["STAGES"], **OUTS})
    regions = by(result["REGIONS"], "name")
    assert result["REGION_COUNT"] == len(regions) == 32
    assert regions["Sichuan"]["name_zh"] == "四川省"
    # P1 returns to Chengdu, P2 to Beijing, P3 to Hefei
    returned = {n: r["returnees"] for n, r in regions.items() if r["returnees"]}
    assert returned == {"Sichuan": 1, "Beijing": 1, "Anhui": 1}
    assert result["RETURNEES"] == 3
    assert regions["Beijing"]["returnee_share"] == pytest.approx(1 / 3)
    assert regions["Anhui"]["circle"] == 1 and regions["Beijing"]["linear"] == 1
    # P2 born in Wuhan (Hubei) returned to Beijing: talent export
    assert regions["Hubei"]["talent_export"] == 1
    unmatched = rows(result["UNMATCHED"])
    assert {u["status"] for u in unmatched} == {"abroad, grouped"}
    cities = {f["city_id"] for f in imported["STAGES"].getFeatures()}
    assert result["MATCHED_CITIES"] + result["UNMATCHED_CITIES"] == len(cities)


def test_bad_name_field(run_alg, clusters_gpkg):
    with pytest.raises(QgsProcessingException, match="has no field 'nom'.*cluster"):
        run_alg(ALG_ID, {
            "INPUT": stages_layer(), "INPUT_REGIONS": clusters_gpkg, "NAME_FIELD": "nom", **OUTS,
        })  # fmt: skip


def test_full_analysis_with_regions_gives_the_regional_view_and_report(
    run_alg, clusters_gpkg, tmp_path
):
    report = tmp_path / "report.html"
    try:
        res = run_alg("backflow:fullanalysis", {
            "INPUT": str(DATA / "long_small.csv"), "STAGES": "TEMPORARY_OUTPUT",
            "REGIONS": clusters_gpkg, "REGION_MATRIX": "TEMPORARY_OUTPUT",
            "MAKE_REPORT": True, "REPORT_OUTPUT": str(report),
        })  # fmt: skip
        regions = by(res["REGION_STATS"], "name")
        assert list(regions) == ["YRD", "JJJ", "Coast", "West"]
        # long_small: P2 returns to Beijing, P3 moves on to Shanghai; nobody returns to the YRD
        assert regions["JJJ"]["returnees"] == 1 and regions["YRD"]["returnees"] == 0
        assert regions["YRD"]["inflow"] == 1  # Hefei -> Shanghai (P3, onward)
        unmatched = rows(res["REGION_UNMATCHED"])
        assert {"Chengdu", "Hefei", "Wuhan"} <= {u["city"] for u in unmatched}
        matrix = by(res["REGION_MATRIX"], "from_region")
        stages = res["STAGES"]
        assert matrix["total"]["total"] > 0
        html = report.read_text(encoding="utf-8")
        assert '<section id="regions">' in html and ">JJJ</td>" in html
        assert stages.featureCount() == 18
    finally:
        report.unlink(missing_ok=True)


def test_regions_style_states_its_classes(run_alg, clusters_gpkg):
    from backflow_plugin.styling.regions import net_flow_classes
    from backflow_plugin.styling.renderers import style_layer

    result = run_alg(ALG_ID, {
        "INPUT": stages_layer(), "INPUT_REGIONS": clusters_gpkg, "NAME_FIELD": "cluster", **OUTS,
    })  # fmt: skip
    layer = result["REGIONS"]
    style_layer(layer, "regions")
    renderer = layer.renderer()
    assert renderer.type() == "RuleRenderer"
    labels = [r.label() for r in renderer.rootRule().descendants()]
    assert labels[0] == "Net inflow of the region (moves in − moves out)"
    assert labels[1:] == [
        "Net outflow ≥ 3", "Net outflow 2", "Net outflow 1", "Balanced (0)",
        "Net inflow 1", "Net inflow 2", "Net inflow ≥ 3",
    ]  # fmt: skip
    # every region falls in exactly one class
    for feature in layer.getFeatures():
        hits = [r for r in renderer.rootRule().descendants() if r.filterExpression()]
        from qgis.core import QgsExpression, QgsExpressionContext

        ctx = QgsExpressionContext()
        ctx.setFeature(feature)
        assert sum(bool(QgsExpression(r.filterExpression()).evaluate(ctx)) for r in hits) == 1
    big = [label for _, _, label in net_flow_classes(446)]
    assert big[0] == "Net outflow ≥ 50" and big[-2] == "Net inflow 10 – 49"
    assert layer.labeling() is not None and layer.labelsEnabled()


def test_publication_map_with_regions(run_alg, clusters_gpkg, tmp_path):
    from qgis.core import QgsLayoutItemLegend, QgsProject

    imported = run_alg("backflow:importtrajectories", {
        "INPUT": str(DATA / "long_small.csv"), "STAGES": "TEMPORARY_OUTPUT",
        "CITIES": "TEMPORARY_OUTPUT",
    })  # fmt: skip
    regional = run_alg(ALG_ID, {"INPUT": imported["STAGES"], **OUTS})
    png = tmp_path / "regions.png"
    res = run_alg("backflow:publicationmap", {
        "CITIES": imported["CITIES"], "FLOWS": regional["REGION_FLOWS"],
        "REGIONS": regional["REGIONS"], "MIN_COUNT": 1, "LANGUAGE": 1,
        "LAYOUT_NAME": "regions test", "DPI": 60, "OUTPUT": str(png),
    })  # fmt: skip
    assert png.stat().st_size > 10000
    layout = QgsProject.instance().layoutManager().layoutByName(res["LAYOUT"])
    legend = next(i for i in layout.items() if isinstance(i, QgsLayoutItemLegend))
    names = [n.name() for n in legend.model().rootGroup().findLayers()]
    assert "Regions" in names
    map_layers = [lyr.name() for lyr in layout.itemById("map").layers()]
    # Just above the basemap's fills (China's fill, then its neighbours), under the
    # province lines.
    assert map_layers.index("Regions") == map_layers.index("China") - 1
    assert map_layers[-1] == "Neighbouring countries"
    with pytest.raises(QgsProcessingException, match="net_flow"):
        run_alg("backflow:publicationmap", {
            "CITIES": imported["CITIES"], "FLOWS": regional["REGION_FLOWS"],
            "REGIONS": clusters_gpkg, "OUTPUT": str(tmp_path / "bad.png"),
        })  # fmt: skip


def test_panel_with_a_regions_layer(plugin, qgis_iface, clusters_gpkg):
    from tests.qgis.test_panel import wait_for

    project = QgsProject.instance()
    project.removeAllMapLayers()
    project.layerTreeRoot().removeAllChildren()
    plugin.initGui()
    try:
        panel = plugin.show_panel()
        clusters = QgsVectorLayer(clusters_gpkg, "clusters", "ogr")
        project.addMapLayer(clusters)
        panel.regions_combo.setLayer(clusters)
        panel.file_widget.setFilePath(str(DATA / "long_small.csv"))
        assert panel.parameters()["REGIONS"] == clusters.id()
        finished = []
        panel.run_finished.connect(finished.append)
        assert panel.start()
        wait_for(panel)
        assert finished == [True], panel.log.toPlainText()
        group = project.layerTreeRoot().findGroup("long_small")
        layers = {
            n.layer().customProperty("backflow/output"): n.layer() for n in group.findLayers()
        }
        assert layers["REGION_STATS"].featureCount() == 4
        assert layers["REGION_STATS"].renderer().type() == "RuleRenderer"
        assert "REGION_UNMATCHED" in layers and "REGION_FLOWS" in layers
        # the polygons at the bottom of the group, under points and lines
        order = [n.layer().customProperty("backflow/output") for n in group.findLayers()]
        assert order.index("REGION_STATS") > order.index("PATTERN_FLOWS")
        assert order.index("REGION_STATS") > order.index("CITIES")
    finally:
        plugin.unload()
        plugin.initProcessing()
        project.removeAllMapLayers()
        project.layerTreeRoot().removeAllChildren()


def test_shipped_regions_qml(plugin):
    from backflow_plugin.paths import STYLES_DIR
    from backflow_plugin.styling.regions import net_flow_classes

    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4326&field=net_flow:integer", "r", "memory")
    message, ok = layer.loadNamedStyle(str(STYLES_DIR / "regions_net_inflow.qml"))
    assert ok, message
    rules = layer.renderer().rootRule().children()[0].children()
    assert [r.label() for r in rules] == [label for _, _, label in net_flow_classes(500)]
    assert rules[0].label() == "Net outflow ≥ 50" and rules[3].label() == "Balanced (0)"


def test_cluster_layer_from_postgis(run_alg, postgis):
    postgis.sql(
        "CREATE TABLE clusters (id serial PRIMARY KEY, cluster text, "
        "geom geometry(MultiPolygon, 3857))"
    )
    for name, wkt in CLUSTERS:
        postgis.sql(
            "INSERT INTO clusters (cluster, geom) VALUES "
            f"('{name}', ST_Multi(ST_Transform(ST_GeomFromText('{wkt}', 4326), 3857)))"
        )
    assert postgis.sql("SELECT count(*) FROM clusters WHERE NOT ST_IsValid(geom)") == "1"
    layer = QgsVectorLayer(postgis.uri("clusters", geometry="geom"), "clusters", "postgres")
    assert layer.isValid() and layer.featureCount() == 4
    assert layer.crs().authid() == "EPSG:3857"
    result = run_alg(ALG_ID, {
        "INPUT": stages_layer(), "INPUT_REGIONS": layer, "NAME_FIELD": "cluster",
        "OVERLAP": 1, "NEAR_KM": 0, **OUTS,
    })  # fmt: skip
    regions = by(result["REGIONS"], "name")
    assert [regions[n]["returnees"] for n in ("YRD", "JJJ", "Coast", "West")] == [3, 1, 0, 0]
    assert regions["West"]["geometry_check"] == "invalid geometry, repaired"
    assert set(by(result["UNMATCHED"], "city_id")) == {
        "SHA", "HGH", "TSN", "WUH", "KMG", "BOS", "LON", "TYO",
    }  # fmt: skip
    assert by(result["MATRIX"], "from_region")["total"]["total"] == 11


# --------------------------------------------------------------------------- snapping


def _returns_to(cities: dict[str, tuple[float, float]]) -> QgsVectorLayer:
    """One person per city: born there, a PhD in Boston, back there."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "stages", "memory")
    layer.dataProvider().addAttributes([
        QgsField("person_id", QVariant.Type.String), QgsField("seq", QVariant.Type.Int),
        QgsField("stage", QVariant.Type.String), QgsField("city_id", QVariant.Type.String),
        QgsField("city", QVariant.Type.String), QgsField("country", QVariant.Type.String),
        QgsField("domestic", QVariant.Type.Bool),
    ])  # fmt: skip
    layer.updateFields()
    feats = []
    for name, (lon, lat) in cities.items():
        steps = [("birth", name, "CN", lon, lat), ("phd", "Boston", "US", -71.06, 42.36),
                 ("return", name, "CN", lon, lat)]  # fmt: skip
        for seq, (stage, city, country, x, y) in enumerate(steps, start=1):
            f = QgsFeature(layer.fields())
            f.setAttributes([name, seq, stage, city, city, country, country == "CN"])
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
            feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_a_planners_box_is_matched_exactly_unless_a_distance_is_set(run_alg):
    baoding = (115.46246, 38.87288)
    # a box around Beijing and Tianjin whose west edge is 0.04 degrees (3.5 km) east of Baoding
    west = baoding[0] + 0.04
    jjj = QgsVectorLayer("Polygon?crs=EPSG:4326&field=name:string", "jjj", "memory")
    f = QgsFeature(jjj.fields())
    f.setAttributes(["Beijing-Tianjin"])
    f.setGeometry(QgsGeometry.fromWkt(f"POLYGON{box(west, 38.5, 118.0, 40.5)}"))
    jjj.dataProvider().addFeatures([f])
    stages = _returns_to(
        {"Beijing": (116.39723, 39.9075), "Tianjin": (117.17667, 39.14222), "Baoding": baoding}
    )
    params = {"INPUT": stages, "INPUT_REGIONS": jjj, **OUTS}
    exact = run_alg(ALG_ID, params)
    assert by(exact["REGIONS"], "name")["Beijing-Tianjin"]["returnees"] == 2
    unmatched = by(exact["UNMATCHED"], "city_id")
    assert unmatched["Baoding"]["status"] == "outside every region"
    # the user asks for snapping: Baoding, 3.5 km away, is counted and listed as near
    snapped = run_alg(ALG_ID, {**params, "NEAR_KM": 10})
    assert by(snapped["REGIONS"], "name")["Beijing-Tianjin"]["returnees"] == 3
    assert by(snapped["UNMATCHED"], "city_id")["Baoding"]["status"] == "near a region"
    # within 3 km it stays out
    short = run_alg(ALG_ID, {**params, "NEAR_KM": 3})
    assert by(short["REGIONS"], "name")["Beijing-Tianjin"]["returnees"] == 2


def test_the_built_in_provinces_snap_by_default():
    from backflow_plugin.core.regions.counts import NEAR_KM_BUILTIN, near_km

    assert near_km(None, builtin_regions=True) == NEAR_KM_BUILTIN == 10.0
    assert near_km(None, builtin_regions=False) == 0.0
    assert near_km(4, builtin_regions=False) == 4.0 and near_km(0, builtin_regions=True) == 0.0
    p = QgsApplication.processingRegistry().algorithmById(ALG_ID).parameterDefinition("NEAR_KM")
    assert p.defaultValue() is None and p.flags() & p.Flag.FlagOptional
