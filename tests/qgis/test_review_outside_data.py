"""An outside check of Regional flows, source cities and trends on data other than the
sample: region layers as users have them, years written as text, odd period strings."""

from __future__ import annotations

import processing
from qgis.core import QgsFeatureRequest, QgsProcessingContext, QgsProcessingFeedback, QgsProject

from tests.qgis.test_regional_flows_alg import ALG_ID, OUTS, by, clusters_gpkg, stages_layer

__all__ = ["clusters_gpkg"]  # the fixture, used by name


def _qgis_default_context() -> QgsProcessingContext:
    """The context of the Processing toolbox and of processing.run without one: QGIS's
    default setting stops at the first invalid input geometry."""
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryAbortOnInvalid)
    return context


def test_invalid_region_is_repaired_under_qgis_default_check(plugin, clusters_gpkg):
    result = processing.run(
        ALG_ID,
        {"INPUT": stages_layer(), "INPUT_REGIONS": clusters_gpkg, "NAME_FIELD": "cluster",
         "OVERLAP": 1, "NEAR_KM": 0, **OUTS},
        context=_qgis_default_context(),
        feedback=QgsProcessingFeedback(),
    )  # fmt: skip
    regions = by(result["REGIONS"], "name")
    assert regions["West"]["geometry_check"] == "invalid geometry, repaired"
    assert result["RETURNEES_IN_REGIONS"] == 4


def test_world_regions_are_cut_at_the_world_maps_seam(run_alg, tmp_path):
    """Countries as regions on a world map centred away from Greenwich: a polygon running
    across the map's cut (Greenland at 30°W for 150°E) would be drawn as a band across
    the whole page, as the basemap once was."""
    from backflow_plugin.styling import projections
    from backflow_plugin.styling.basemap import world_map_path
    from tests.conftest import DATA

    imported = run_alg("backflow:importtrajectories", {
        "INPUT": str(DATA / "long_small.csv"), "STAGES": "TEMPORARY_OUTPUT",
        "CITIES": "TEMPORARY_OUTPUT", "FLOWS": "TEMPORARY_OUTPUT",
    })  # fmt: skip
    regional = run_alg(ALG_ID, {
        "INPUT": imported["STAGES"], "INPUT_REGIONS": f"{world_map_path()}|layername=countries",
        **OUTS,
    })  # fmt: skip
    res = run_alg("backflow:publicationmap", {
        "CITIES": imported["CITIES"], "FLOWS": imported["FLOWS"], "REGIONS": regional["REGIONS"],
        "EXTENT_PRESET": 1, "MIN_COUNT": 1, "LANGUAGE": 1, "LAYOUT_NAME": "world regions",
        "DPI": 72, "OUTPUT": str(tmp_path / "world_regions.png"),
    })  # fmt: skip
    layout = QgsProject.instance().layoutManager().layoutByName(res["LAYOUT"])
    map_item = layout.itemById("map")
    seam = projections.seam_longitude(map_item.crs())
    assert seam is not None
    drawn = next(lyr for lyr in map_item.layers() if lyr.name() == "Regions")
    across = [
        f["name"]
        for f in drawn.getFeatures()
        if f.geometry().boundingBox().xMinimum() < seam < f.geometry().boundingBox().xMaximum()
    ]
    assert across == []
    names = {f["name"] for f in drawn.getFeatures()}
    assert "Greenland" in names and "China" in names


def test_chinese_source_map_from_english_qgis_has_a_chinese_title(run_alg, tmp_path):
    from qgis.core import QgsLayoutItemLabel

    from tests.conftest import DATA

    imported = run_alg("backflow:importtrajectories", {
        "INPUT": str(DATA / "long_small.csv"), "STAGES": "TEMPORARY_OUTPUT",
        "CITIES": "TEMPORARY_OUTPUT", "FLOWS": "TEMPORARY_OUTPUT",
    })  # fmt: skip
    res = run_alg("backflow:publicationmap", {
        "CITIES": imported["CITIES"], "FLOWS": imported["FLOWS"], "SOURCE_TOP_N": 2,
        "MIN_COUNT": 1, "LANGUAGE": 2, "LAYOUT_NAME": "zh sources", "DPI": 72,
        "OUTPUT": str(tmp_path / "zh_sources.png"),
    })  # fmt: skip
    layout = QgsProject.instance().layoutManager().layoutByName(res["LAYOUT"])
    texts = [i.text() for i in layout.items() if isinstance(i, QgsLayoutItemLabel)]
    assert "高层次人才回流迁移" in texts
    assert "Return migration of highly skilled people" not in texts
    # a title the user typed is kept as typed
    res = run_alg("backflow:publicationmap", {
        "CITIES": imported["CITIES"], "FLOWS": imported["FLOWS"], "SOURCE_TOP_N": 2,
        "MIN_COUNT": 1, "LANGUAGE": 2, "LAYOUT_NAME": "zh sources 2", "DPI": 72,
        "TITLE": "Returnees", "OUTPUT": str(tmp_path / "zh_sources2.png"),
    })  # fmt: skip
    layout = QgsProject.instance().layoutManager().layoutByName(res["LAYOUT"])
    assert "Returnees" in [i.text() for i in layout.items() if isinstance(i, QgsLayoutItemLabel)]


def test_report_reads_routes_with_an_invalid_line_under_qgis_default_check(plugin, tmp_path):
    """The report reads attributes only: a zero-length route (a person whose two stages
    share a point) must not stop it, as it stopped fullanalysis's report on the Nobel data."""
    from qgis.core import QgsGeometry

    from tests.conftest import DATA

    context = _qgis_default_context()
    run = lambda alg, p: processing.run(alg, p, context=context, feedback=QgsProcessingFeedback())  # noqa: E731
    imported = run("backflow:importtrajectories", {
        "INPUT": str(DATA / "long_small.csv"), "STAGES": "TEMPORARY_OUTPUT",
    })  # fmt: skip
    patterns = run("backflow:routepatterns", {
        "INPUT": imported["STAGES"], "ROUTES": "TEMPORARY_OUTPUT", "FLOWS": "TEMPORARY_OUTPUT",
    })  # fmt: skip
    routes = (
        context.getMapLayer(patterns["ROUTES"])
        if isinstance(patterns["ROUTES"], str)
        else patterns["ROUTES"]
    )
    first = next(routes.getFeatures())
    routes.dataProvider().changeGeometryValues(
        {first.id(): QgsGeometry.fromWkt("LineString(116.4 39.9, 116.4 39.9)")}
    )
    html = tmp_path / "report.html"
    res = run("backflow:report", {
        "STAGES": imported["STAGES"], "ROUTES": routes, "OUTPUT_HTML": str(html),
    })  # fmt: skip
    assert res["RETURNEES"] == 3
    assert "Circle and linear" in html.read_text(encoding="utf-8")


def test_a_regions_layer_without_features_is_named_in_the_error(run_alg):
    import pytest
    from qgis.core import QgsProcessingException, QgsVectorLayer

    empty = QgsVectorLayer("MultiPolygon?crs=EPSG:4490&field=名称:string", "规划分区", "memory")
    with pytest.raises(QgsProcessingException, match="'规划分区' has no features"):
        run_alg(ALG_ID, {"INPUT": stages_layer(), "INPUT_REGIONS": empty, **OUTS})


def test_log_of_returnees_adds_up_with_homes_in_several_countries(run_alg, clusters_gpkg):
    """HOME_COUNTRY=birth (the Nobel laureates): a Briton returning to London, a city that
    is abroad for the others, is counted in an abroad region; the log must say so."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY

    layer = stages_layer()
    feats = []
    for seq, (stage, city, country, lon, lat, home) in enumerate([
        ("birth", "LON", "GB", -0.13, 51.51, True), ("phd", "BOS", "US", -71.06, 42.36, False),
        ("return", "LON", "GB", -0.13, 51.51, True),
    ], start=1):  # fmt: skip
        f = QgsFeature(layer.fields())
        f.setAttributes(["G1", seq, stage, city, city, country, home])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)

    class Log(QgsProcessingFeedback):
        lines: list = []

        def pushInfo(self, info):  # noqa: N802
            self.lines.append(info)

    log = Log()
    result = run_alg(ALG_ID, {
        "INPUT": layer, "INPUT_REGIONS": clusters_gpkg, "NAME_FIELD": "cluster", "OVERLAP": 1,
        "NEAR_KM": 0, **OUTS,
    }, feedback=log)  # fmt: skip
    assert result["RETURNEES"] == 5 and result["RETURNEES_IN_REGIONS"] == 4
    line = next(x for x in log.lines if x.startswith("5 returnees:"))
    assert "4 returned to a city in the regions" in line
    assert "1 to a city counted in an abroad region" in line


def test_repeated_region_names_are_told_apart_everywhere(run_alg):
    """Two polygons called 长三角: the matrix said '长三角 (2)', the regions and the unmatched
    list said '长三角' twice ('in 长三角, 长三角')."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4490&field=名称:string", "clusters", "memory")
    feats = []
    for name, wkt in [
        ("长三角", "POLYGON((119.5 29.8, 122 29.8, 122 31.6, 119.5 31.6, 119.5 29.8))"),
        ("长三角", "POLYGON((121.3 31.0, 121.6 31.0, 121.6 31.4, 121.3 31.4, 121.3 31.0))"),
        (None, "POLYGON((113.8 30.2, 114.8 30.2, 114.8 31, 113.8 31, 113.8 30.2))"),
    ]:
        f = QgsFeature(layer.fields())
        f.setAttributes([name])
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    result = run_alg(ALG_ID, {"INPUT": stages_layer(), "INPUT_REGIONS": layer, **OUTS})
    regions = by(result["REGIONS"], "name")
    assert list(regions) == ["长三角", "长三角 (2)", "region 3"]
    assert regions["region 3"]["returnees"] == 0 and regions["region 3"]["cities"] == 1  # Wuhan
    shanghai = by(result["UNMATCHED"], "city_id")["SHA"]
    assert shanghai["regions"] == "长三角, 长三角 (2)"
    matrix = by(result["MATRIX"], "from_region")
    assert "长三角 (2)" in matrix and "region 3" in matrix


def test_report_regions_section_takes_min_persons(run_alg, tmp_path):
    from tests.conftest import DATA

    imported = run_alg("backflow:importtrajectories", {
        "INPUT": str(DATA / "long_small.csv"), "STAGES": "TEMPORARY_OUTPUT",
    })  # fmt: skip
    regional = run_alg(ALG_ID, {"INPUT": imported["STAGES"], **OUTS})
    pages = {}
    for n in (1, 50):
        html = tmp_path / f"report_{n}.html"
        run_alg("backflow:report", {
            "STAGES": imported["STAGES"], "REGION_STATS": regional["REGIONS"],
            "REGION_MATRIX": regional["MATRIX"], "MIN_PERSONS": n, "OUTPUT_HTML": str(html),
        })  # fmt: skip
        text = html.read_text(encoding="utf-8")
        pages[n] = text[
            text.index('id="regions"') : text.index("</section>", text.index('id="regions"'))
        ]
    assert "&lt; 50" in pages[50] and "3 regions with fewer than 50 returnees" in pages[50]
    assert "&lt;" not in pages[1] and "Sichuan" in pages[1]
