"""backflow:routepatterns through processing.run: on import output and on hand-made layers."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from tests.conftest import DATA

ALG_ID = "backflow:routepatterns"
OUTS = {k: "TEMPORARY_OUTPUT" for k in ("ROUTES", "FLOWS", "SHARES")}

# city_id -> (name, country, province, lon, lat)
PLACES = {
    "WUH": ("Wuhan", "CN", "Hubei", 114.3, 30.6),
    "YIC": ("Yichang", "CN", "Hubei", 111.3, 30.7),
    "PEK": ("Beijing", "CN", "Beijing", 116.4, 39.9),
    "SHA": ("Shanghai", "CN", "Shanghai", 121.5, 31.2),
    "BOS": ("Boston", "US", None, -71.06, 42.36),
    "LON": ("London", "GB", None, -0.13, 51.51),
}


@pytest.fixture
def alg(plugin):
    """The registered id once the provider lists the algorithm; the class until then."""
    if QgsApplication.processingRegistry().algorithmById(ALG_ID) is not None:
        return ALG_ID
    from backflow_plugin.processing.route_patterns import RoutePatternsAlgorithm

    return RoutePatternsAlgorithm().create()


def _value(v):
    return None if isinstance(v, QVariant) and v.isNull() else v


def rows(layer) -> list[dict]:
    names = layer.fields().names()
    return [dict(zip(names, map(_value, f.attributes()))) for f in layer.getFeatures()]


def by_person(layer) -> dict[str, dict]:
    return {r["person_id"]: r for r in rows(layer)}


def stages_layer(people: dict[str, list[tuple]], subject: dict[str, str] | None = None):
    """A STAGES-like point layer: id -> [(stage, city_id), ...]."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "stages", "memory")
    fields = [
        QgsField("person_id", QVariant.Type.String), QgsField("seq", QVariant.Type.Int),
        QgsField("stage", QVariant.Type.String), QgsField("city_id", QVariant.Type.String),
        QgsField("city", QVariant.Type.String), QgsField("country", QVariant.Type.String),
        QgsField("domestic", QVariant.Type.Bool), QgsField("province", QVariant.Type.String),
        QgsField("org", QVariant.Type.String), QgsField("year", QVariant.Type.Int),
        QgsField("subject", QVariant.Type.String),
    ]  # fmt: skip
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    feats = []
    for pid, steps in people.items():
        for seq, (stage, cid) in enumerate(steps, start=1):
            name, country, province, lon, lat = PLACES[cid]
            f = QgsFeature(layer.fields())
            f.setAttributes([
                pid, seq, stage, cid, name, country, country == "CN", province,
                f"org {seq}", 2000 + seq, (subject or {}).get(pid),
            ])  # fmt: skip
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
            feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_registered_in_the_provider(plugin):
    registry = QgsApplication.processingRegistry()
    assert registry.algorithmById(ALG_ID) is not None, (
        "RoutePatternsAlgorithm is not registered in provider.py yet"
    )


@pytest.fixture
def imported(run_alg):
    result = run_alg("backflow:importtrajectories", {
        "INPUT": str(DATA / "long_small.csv"), "STAGES": "TEMPORARY_OUTPUT",
    })  # fmt: skip
    return result["STAGES"]


def test_on_import_output(run_alg, alg, imported):
    result = run_alg(alg, {"INPUT": imported, "GROUP_FIELD": "subject", **OUTS})
    # P1 returns to Chengdu where he studied, P2 to Beijing (new), P3 home to Hefei;
    # P4 never left; P5's only placed stage is abroad.
    assert (result["CIRCLE"], result["LINEAR"], result["NO_PATTERN"]) == (2, 1, 2)
    assert result["CIRCLE_SHARE"] == pytest.approx(2 / 3)

    routes = result["ROUTES"]
    assert routes.wkbType() == QgsWkbTypes.Type.MultiLineString
    assert routes.featureCount() == 5
    people = by_person(routes)
    p1, p2, p3 = people["P1"], people["P2"], people["P3"]
    assert (p1["return_city"], p1["pattern"], p1["circle_basis"]) == ("Chengdu", "circle", "study")
    assert p1["known_cities"] == "Mianyang;Chengdu"
    assert p1["return_year"] == 2012
    assert (p2["return_city"], p2["pattern"], p2["circle_basis"]) == ("Beijing", "linear", None)
    assert p3["circle_basis"] == "birthplace,study" and p3["circle_basis_primary"] == "birthplace"
    assert people["P4"]["pattern"] is None and people["P4"]["reason"] == "never went abroad"
    assert people["P5"]["reason"] == "never returned"
    assert people["P2"]["subject"] == "Chemistry"  # person attribute carried through
    assert "phase" not in routes.fields().names()  # per-stage fields are not attributes
    # P1's line runs through all stages: starts in Mianyang, ends in Chengdu
    line = next(f for f in routes.getFeatures() if f["person_id"] == "P1").geometry()
    parts = line.asMultiPolyline()
    start, end = parts[0][0], parts[-1][-1]
    assert start.x() == pytest.approx(104.7, abs=0.3) and start.y() == pytest.approx(31.5, abs=0.3)
    assert end.x() == pytest.approx(104.1, abs=0.3) and end.y() == pytest.approx(30.7, abs=0.3)

    flows = {(r["origin"], r["dest"]): r for r in rows(result["FLOWS"])}
    assert set(flows) == {("Cambridge", "Chengdu"), ("New Haven", "Beijing"), ("Tokyo", "Hefei")}
    assert flows[("Tokyo", "Hefei")]["circle"] == 1 and flows[("Tokyo", "Hefei")]["linear"] == 0
    assert flows[("New Haven", "Beijing")]["pattern_share"] == 0.0
    assert all(r["flow_type"] == "backflow" and r["count"] == 1 for r in flows.values())
    assert result["FLOWS"].wkbType() == QgsWkbTypes.Type.MultiLineString

    shares = rows(result["SHARES"])
    overall = next(r for r in shares if r["by"] == "all")
    assert (overall["circle"], overall["linear"], overall["no_pattern"]) == (2, 1, 2)
    assert overall["circle_share"] == pytest.approx(2 / 3)
    physics = next(r for r in shares if r["by"] == "subject" and r["group"] == "Physics")
    assert (physics["circle"], physics["linear"], physics["no_pattern"]) == (1, 0, 1)
    years = {r["group"]: r["circle"] for r in shares if r["by"] == "return_year" and r["group"]}
    assert years == {"2011": 1, "2012": 1, "2013": 0}
    assert result["SHARES"].wkbType() == QgsWkbTypes.Type.NoGeometry


FLOW_PEOPLE = {
    "c1": [("birth", "WUH"), ("phd", "BOS"), ("work", "WUH")],
    "c2": [("birth", "WUH"), ("phd", "BOS"), ("postdoc", "BOS"), ("work", "WUH")],
    "l1": [("birth", "SHA"), ("phd", "BOS"), ("work", "WUH")],
    "near": [("birth", "WUH"), ("bachelor", "PEK"), ("phd", "BOS"), ("work", "YIC")],
    "twice": [("birth", "WUH"), ("phd", "BOS"), ("work", "SHA"), ("postdoc", "LON"),
              ("work", "SHA")],
}  # fmt: skip


def test_split_flows_by_pattern(run_alg, alg):
    layer = stages_layer(FLOW_PEOPLE)
    result = run_alg(alg, {"INPUT": layer, "SPLIT_BY_PATTERN": True, **OUTS})
    flows = {(r["origin_id"], r["dest_id"], r["pattern"]): r for r in rows(result["FLOWS"])}
    assert flows[("BOS", "WUH", "circle")]["count"] == 2
    assert flows[("BOS", "WUH", "linear")]["count"] == 1
    assert flows[("BOS", "WUH", "circle")]["share"] == pytest.approx(2 / 3)
    assert flows[("BOS", "YIC", "linear")]["count"] == 1
    assert flows[("BOS", "SHA", "linear")]["count"] == 1
    assert len(flows) == 4
    geom = next(result["FLOWS"].getFeatures()).geometry()
    assert not geom.isEmpty() and geom.type() == QgsWkbTypes.GeometryType.LineGeometry


def test_province_level_and_last_return(run_alg, alg):
    layer = stages_layer(FLOW_PEOPLE)
    city = by_person(run_alg(alg, {"INPUT": layer, **OUTS})["ROUTES"])
    prov = by_person(run_alg(alg, {"INPUT": layer, "LEVEL": 1, **OUTS})["ROUTES"])
    last = run_alg(alg, {"INPUT": layer, "WHICH": 1, **OUTS})
    assert city["near"]["pattern"] == "linear"
    assert prov["near"]["pattern"] == "circle" and prov["near"]["circle_basis"] == "birthplace"
    assert city["twice"]["pattern"] == "linear" and city["twice"]["return_seq"] == 3
    twice = by_person(last["ROUTES"])["twice"]
    assert (twice["pattern"], twice["circle_basis"], twice["return_seq"]) == ("circle", "work", 5)
    assert (last["CIRCLE"], last["LINEAR"]) == (3, 2)


def test_group_field_must_be_a_person_attribute(run_alg, alg):
    layer = stages_layer(FLOW_PEOPLE, subject={"c1": "bio", "c2": "bio", "l1": "chem"})
    ok = run_alg(alg, {"INPUT": layer, "GROUP_FIELD": "subject", **OUTS})
    bio = next(r for r in rows(ok["SHARES"]) if r["by"] == "subject" and r["group"] == "bio")
    assert (bio["circle"], bio["linear"], bio["circle_share"]) == (2, 0, 1.0)
    with pytest.raises(QgsProcessingException, match="org"):
        run_alg(alg, {"INPUT": layer, "GROUP_FIELD": "org", **OUTS})


def test_layer_without_domestic_field_is_refused(run_alg, alg):
    layer = stages_layer(FLOW_PEOPLE)
    layer.dataProvider().deleteAttributes([layer.fields().indexOf("domestic")])
    layer.updateFields()
    with pytest.raises(QgsProcessingException, match="domestic"):
        run_alg(alg, {"INPUT": layer, **OUTS})


def test_sample_circle_share_reported(run_alg, alg):
    """The synthetic sample gives back the circle share make_sample.py built it with."""
    import json

    from tests.conftest import SAMPLE

    target = json.loads((SAMPLE.parent / "calibration.json").read_text(encoding="utf-8"))
    target = target["route_patterns"]
    stages = run_alg("backflow:importtrajectories", {
        "INPUT": str(SAMPLE), "STAGES": "TEMPORARY_OUTPUT",
    })["STAGES"]  # fmt: skip
    messages = []

    class Feedback(QgsProcessingFeedback):
        def pushInfo(self, info):  # noqa: N802
            messages.append(info)

    result = run_alg(
        alg, {"INPUT": stages, "GROUP_FIELD": "cohort", "SHARES": "TEMPORARY_OUTPUT",
              "ROUTES": "TEMPORARY_OUTPUT"},
        feedback=Feedback(),
    )  # fmt: skip
    assert (result["CIRCLE"], result["LINEAR"]) == (target["circle"], target["linear"])
    assert round(100 * result["CIRCLE_SHARE"], 2) == target["circle_share_pct"]
    assert any(f"Circle share: {target['circle_share_pct']:.1f}%" in m for m in messages)
    cohorts = {r["group"]: r["circle"] for r in rows(result["SHARES"]) if r["by"] == "cohort"}
    assert cohorts == {y: v["circle"] for y, v in target["by_cohort"].items()}
