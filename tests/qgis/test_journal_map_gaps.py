"""Issue 14's last gaps: named CRSs, the South China Sea line from Natural Earth,
MIN_PERSONS (flows and cities), two-way flows bent apart, Figure 3's detail panel."""

from __future__ import annotations

import json
import math

import pytest
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from tests.conftest import ROOT
from tests.qgis.test_publication_map import ALG, run_map, small  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("plugin")


def items_of(name: str) -> dict:
    layout = QgsProject.instance().layoutManager().layoutByName(name)
    return {i.id(): i for i in layout.items() if getattr(i, "id", None) and i.id()}


# ---------------------------------------------------------------- CRS names


def test_backflow_projections_have_names_not_unknown_crs():
    from backflow_plugin.styling import layout_frame, projections

    china = projections.china_crs()
    assert china.description() == "Backflow China Albers (105E, 25N/47N)"
    assert china.userFriendlyIdentifier() == "Backflow China Albers (105E, 25N/47N)"
    proj = china.toProj()
    for token in ("+proj=aea", "+lon_0=105", "+lat_1=25", "+lat_2=47"):
        assert token in proj
    world = projections.world_crs(150.0)
    # at 150°E QGIS finds the projection's own EPSG entry (EPSG:8859)
    assert world.description() == "WGS 84 / Equal Earth Asia-Pacific"
    assert projections.central_meridian(world) == 150.0
    assert projections.world_crs(-30.0).description() == "Backflow Equal Earth (30W)"
    from qgis.core import QgsRectangle

    fitted = layout_frame.regional_albers(QgsRectangle(100, 20, 125, 42))
    assert fitted.description() == "Backflow Albers (112.5E, 23.7N/38.3N)"
    assert "Unknown" not in fitted.userFriendlyIdentifier()


# ---------------------------------------------------------------- South China Sea


def test_south_china_sea_dashes_are_natural_earths_and_the_file_is_the_scripts():
    import importlib.util

    path = ROOT / "resources" / "boundaries" / "south_china_sea.geojson"
    spec = importlib.util.spec_from_file_location(
        "build_scs", ROOT / "scripts" / "build_south_china_sea.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    committed = json.loads(path.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(script.build()))  # rebuilt, not edited

    dashes = [f for f in committed["features"] if f["properties"]["kind"] == "dash"]
    assert [d["properties"]["n"] for d in dashes] == list(range(1, 11))
    natural_earth = [d for d in dashes if d["properties"]["ne_id"]]
    assert len(natural_earth) == 9
    assert all("Natural Earth" in d["properties"]["source"] for d in natural_earth)
    assert all(len(d["geometry"]["coordinates"]) == 15 for d in natural_earth)
    # the southernmost dash, as published: ne_id 1746705579, from 112.698511E 3.669121N
    south = min(natural_earth, key=lambda d: min(c[1] for c in d["geometry"]["coordinates"]))
    assert south["properties"]["ne_id"] == 1746705579
    assert south["geometry"]["coordinates"][0] == [112.698511, 3.669121]
    assert "approximate" in dashes[-1]["properties"]["source"]  # east of Taiwan
    layer = QgsVectorLayer(f"{path}|geometrytype=LineString", "dashes", "ogr")
    assert layer.isValid() and layer.featureCount() == 10


# ---------------------------------------------------------------- MIN_PERSONS


def _small_city_count(small, below: int) -> int:  # noqa: F811
    cities = QgsVectorLayer(small["cities"], "c", "ogr")
    return sum(1 for f in cities.getFeatures() if (f["persons"] or 0) < below)


def test_min_persons_hides_small_cities_and_says_how_many(run_alg, small, tmp_path):  # noqa: F811
    hidden = _small_city_count(small, 2)
    assert 0 < hidden < QgsVectorLayer(small["cities"], "c", "ogr").featureCount()
    # MIN_COUNT (1, run_map's default) is the old name: MIN_PERSONS wins when both are given
    run_map(run_alg, small, tmp_path / "p.pdf", MIN_PERSONS=2, LAYOUT_NAME="Gap persons")
    items = items_of("Gap persons")
    notes = items["notes"].text()
    assert f"{hidden} cities of fewer than 2 persons are not shown." in notes
    # every flow of the table is one person: none drawn, said first
    assert notes.startswith("No flow is shown: all ")
    assert "have fewer than 2 persons (small counts could identify people)." in notes
    cities = next(lyr for lyr in items["map"].layers() if lyr.name() == "Cities")
    assert all(f["persons"] >= 2 for f in cities.getFeatures())
    assert cities.featureCount() == QgsVectorLayer(small["cities"], "c", "ogr").featureCount() - (
        hidden
    )

    # nothing hidden, nothing said
    run_map(run_alg, small, tmp_path / "q.pdf", MIN_PERSONS=1, LAYOUT_NAME="Gap persons 1")
    assert "cities of fewer" not in items_of("Gap persons 1")["notes"].text()


def test_min_count_still_works_as_the_deprecated_alias(run_alg, small, tmp_path):  # noqa: F811
    import processing

    params = {
        "CITIES": small["cities"],
        "FLOWS": small["flows"],
        "MIN_COUNT": 2,
        "LANGUAGE": 1,
        "DPI": 72,
        "OUTPUT": str(tmp_path / "old.pdf"),
        "LAYOUT_NAME": "Gap alias",
    }
    processing.run(ALG, params)
    notes = items_of("Gap alias")["notes"].text()
    assert f"{_small_city_count(small, 2)} cities of fewer than 2 persons" in notes


# ---------------------------------------------------------------- two-way flows


def _flows(rows) -> QgsVectorLayer:
    layer = QgsVectorLayer("LineString?crs=EPSG:4326", "flows", "memory")
    layer.dataProvider().addAttributes(
        [QgsField("flow_type", QVariant.Type.String), QgsField("count", QVariant.Type.Int)]
    )
    layer.updateFields()
    features = []
    for (x1, y1), (x2, y2) in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes(["domestic", 5])
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x1, y1), QgsPointXY(x2, y2)]))
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


def _offset_from_chord(geometry: QgsGeometry) -> float:
    """Signed distance of the line's middle vertex from its chord (left of travel > 0)."""
    line = geometry.asMultiPolyline()[0]
    a, b, m = line[0], line[-1], line[len(line) // 2]
    dx, dy = b.x() - a.x(), b.y() - a.y()
    return (dx * (m.y() - a.y()) - dy * (m.x() - a.x())) / math.hypot(dx, dy)


def test_two_way_flows_are_bent_apart_and_one_way_flows_stay_geodesic():
    from backflow_plugin.core.trajectories.two_way import TWO_WAY_BEND
    from backflow_plugin.styling import flowlines, projections

    beijing, shanghai, chengdu = (116.40, 39.90), (121.47, 31.23), (104.07, 30.67)
    flows = _flows([(beijing, shanghai), (shanghai, beijing), (beijing, chengdu)])
    crs = projections.china_crs()
    out = flowlines.display_flows(flows, crs, world=False)
    there, back, one_way = (f.geometry() for f in out.getFeatures())
    chord = there.asMultiPolyline()[0]
    length = math.hypot(chord[-1].x() - chord[0].x(), chord[-1].y() - chord[0].y())
    # each direction bulges to its own left by TWO_WAY_BEND x the distance (the geodesic's
    # own small curvature aside), so the two lie either side of the great circle
    assert _offset_from_chord(there) == pytest.approx(TWO_WAY_BEND * length, rel=0.15)
    assert _offset_from_chord(back) == pytest.approx(TWO_WAY_BEND * length, rel=0.15)
    assert there.hausdorffDistance(back) > 1.5 * TWO_WAY_BEND * length
    # the one-way flow is the plain great circle: its middle lies within 2 % of the chord
    line = one_way.asMultiPolyline()[0]
    span = math.hypot(line[-1].x() - line[0].x(), line[-1].y() - line[0].y())
    assert abs(_offset_from_chord(one_way)) < 0.02 * span
    # world maps are unchanged: every flow is an arc bent left already
    world = flowlines.display_flows(flows, projections.world_crs(), world=True)
    assert world.featureCount() == 3


# ---------------------------------------------------------------- Figure 3 detail


def _stages(tracks: dict[str, list[tuple[float, float, str]]]) -> QgsVectorLayer:
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "stages", "memory")
    layer.dataProvider().addAttributes(
        [
            QgsField("person_id", QVariant.Type.String),
            QgsField("seq", QVariant.Type.Int),
            QgsField("phase", QVariant.Type.String),
        ]
    )
    layer.updateFields()
    features = []
    for pid, stops in tracks.items():
        for seq, (x, y, phase) in enumerate(stops, start=1):
            f = QgsFeature(layer.fields())
            f.setAttributes([pid, seq, phase])
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
            features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


def test_figure3_crowded_returns_get_a_detail_panel_and_no_letter_collides():
    from backflow_plugin.styling import label_check
    from backflow_plugin.styling import layout as layouts

    boston, london = (-71.06, 42.36, "abroad"), (-0.13, 51.51, "abroad")
    stages = _stages(
        {
            "A": [boston, (121.47, 31.23, "return")],  # Shanghai
            "E": [london, (120.16, 30.27, "return")],  # Hangzhou, 165 km away
            "B": [london, (104.07, 30.67, "return")],  # Chengdu, far from both
        }
    )
    empty = QgsVectorLayer("LineString?crs=EPSG:4326&field=count:integer", "f", "memory")
    cities = QgsVectorLayer("Point?crs=EPSG:4326&field=city_id:string", "c", "memory")
    spec = layouts.MapSpec(
        cities=cities,
        flows=empty,
        stages=stages,
        persons=["A", "E", "B"],
        preset="world",
        figure="figure3",
        layout_name="Gap figure 3",
    )
    layouts.build_layout(QgsProject.instance(), spec)
    items = items_of("Gap figure 3")
    assert "detail" in items
    main, detail = items["map"], items["detail"]
    stops = next(lyr for lyr in main.layers() if lyr.name() == "Stages")
    in_detail = {f["letter"]: f["in_detail"] for f in stops.getFeatures() if f["is_return"]}
    assert in_detail == {"A": True, "E": True, "B": False}
    # the panel's extent is framed on the main map
    assert main.overviews().size() == 1 and main.overview().linkedMap() is detail

    def letters(item):
        return {
            lab.labelText: lab.labelRect
            for lab in label_check.placed_labels(item)
            if lab.labelText in ("A", "E", "B")
        }

    on_main, on_detail = letters(main), letters(detail)
    assert set(on_main) == {"B"}  # A and E are small dots there, lettered in the panel
    assert {"A", "E"} <= set(on_detail)
    assert not on_detail["A"].intersects(on_detail["E"])


def test_figure3_without_crowding_has_no_detail_panel():
    from backflow_plugin.styling import layout as layouts

    stages = _stages(
        {
            "A": [(-71.06, 42.36, "abroad"), (121.47, 31.23, "return")],
            "B": [(-0.13, 51.51, "abroad"), (104.07, 30.67, "return")],
        }
    )
    spec = layouts.MapSpec(
        cities=QgsVectorLayer("Point?crs=EPSG:4326&field=city_id:string", "c", "memory"),
        flows=QgsVectorLayer("LineString?crs=EPSG:4326&field=count:integer", "f", "memory"),
        stages=stages,
        persons=["A", "B"],
        preset="world",
        figure="figure3",
        layout_name="Gap figure 3 apart",
    )
    layouts.build_layout(QgsProject.instance(), spec)
    assert "detail" not in items_of("Gap figure 3 apart")


def test_figure3_detail_panel_on_a_china_map_keeps_clear_of_inset_arrow_and_scale_bar():
    from backflow_plugin.styling import label_check
    from backflow_plugin.styling import layout as layouts

    stages = _stages(
        {
            "A": [(104.07, 30.67, "study"), (121.47, 31.23, "return")],  # Shanghai
            "E": [(116.40, 39.90, "study"), (120.62, 31.30, "return")],  # Suzhou, 85 km
        }
    )
    spec = layouts.MapSpec(
        cities=QgsVectorLayer("Point?crs=EPSG:4326&field=city_id:string", "c", "memory"),
        flows=QgsVectorLayer("LineString?crs=EPSG:4326&field=count:integer", "f", "memory"),
        stages=stages,
        persons=["A", "E"],
        preset="china",
        figure="figure3",
        layout_name="Gap figure 3 china",
    )
    layouts.build_layout(QgsProject.instance(), spec)
    items = items_of("Gap figure 3 china")
    panel = items["detail"].sceneBoundingRect()
    for other in ("inset", "north arrow", "scale bar"):
        assert not panel.intersects(items[other].sceneBoundingRect()), other
    assert items["map"].sceneBoundingRect().contains(panel)
    on_detail = {
        lab.labelText: lab.labelRect
        for lab in label_check.placed_labels(items["detail"])
        if lab.labelText in ("A", "E")
    }
    assert set(on_detail) == {"A", "E"}
    assert not on_detail["A"].intersects(on_detail["E"])


def test_english_island_group_names_hide_no_island():
    from qgis.core import QgsCoordinateTransform

    from backflow_plugin.styling import basemap, label_check
    from backflow_plugin.styling import layout as layouts

    spec = layouts.MapSpec(
        cities=QgsVectorLayer("Point?crs=EPSG:4326&field=city_id:string", "c", "memory"),
        flows=QgsVectorLayer("LineString?crs=EPSG:4326&field=count:integer", "f", "memory"),
        language="en",
        boundary_view="de_facto",
        layout_name="Gap islands en",
    )
    layouts.build_layout(QgsProject.instance(), spec)
    items = items_of("Gap islands en")
    path = basemap.south_china_sea_path()
    islands = QgsVectorLayer(f"{path}|geometrytype=Point", "i", "ogr")
    islands.setSubsetString("\"kind\" = 'island'")
    every = {"Pratas Islands", "Paracel Islands", "Macclesfield Bank", "Spratly Islands"}
    # the main map ends south of Hainan: the islands further south are the inset's only
    for item_id, names in (("map", {"Pratas Islands"}), ("inset", every)):
        item = items[item_id]
        to_map = QgsCoordinateTransform(islands.crs(), item.crs(), QgsProject.instance())
        dots = [to_map.transform(f.geometry().asPoint()) for f in islands.getFeatures()]
        placed = [
            lab
            for lab in label_check.placed_labels(item)
            if lab.labelText.replace("\n", " ") in every
        ]
        assert {lab.labelText.replace("\n", " ") for lab in placed} == names, item_id
        for lab in placed:
            assert not any(lab.labelRect.contains(d) for d in dots), (item_id, lab.labelText)
