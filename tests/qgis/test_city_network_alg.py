"""backflow:citynetwork through processing.run: hand-built layers, the sample, errors."""

from __future__ import annotations

import numpy as np
import pytest
from qgis.core import (
    QgsApplication,
    QgsClassificationJenks,
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

from backflow_plugin.core.network.classify import fisher_jenks, sum_squared_deviations
from backflow_plugin.core.schema import FLOW_TYPES
from tests.conftest import SAMPLE

ALG = "backflow:citynetwork"
METHODS = ("hybrid", "natural_breaks", "head_tail", "quantile", "top_n", "thresholds")
MEASURES = ("degree", "strength", "in_strength", "out_strength", "betweenness", "closeness",
            "eigenvector", "pagerank")  # fmt: skip


@pytest.fixture(scope="module")
def alg(plugin):
    """The algorithm, registered by the provider (or here, until the provider lists it)."""
    registry = QgsApplication.processingRegistry()
    if registry.algorithmById(ALG) is None:
        from backflow_plugin.processing.city_network import CityNetworkAlgorithm

        registry.providerById("backflow").addAlgorithm(CityNetworkAlgorithm())
    assert registry.algorithmById(ALG) is not None
    return registry.algorithmById(ALG)


def layer_of(value) -> QgsVectorLayer:
    if isinstance(value, QgsVectorLayer):
        return value
    layer = QgsVectorLayer(str(value), "out", "ogr")
    assert layer.isValid(), value
    return layer


def rows(layer) -> dict:
    names = layer.fields().names()
    out = {}
    for f in layer.getFeatures():
        row = {n: (None if v is None or (hasattr(v, "isNull") and v.isNull()) else v)
               for n, v in zip(names, f.attributes())}  # fmt: skip
        row["_xy"] = f.geometry().asPoint() if not f.geometry().isEmpty() else None
        out[row.get("name") or row["city_id"]] = row
    return out


# --------------------------------------------------------------------------- hand-built layers

# Two hubs P and Q (both provincial capitals) linked 4 times each way; P with leaves p1,
# p2, Q with q1, q2 (prefecture-level, once each way); abroad city X sends 3 returnees
# to P. Measures of the domestic network were worked out by hand in
# tests/core/test_network.py::TestTwoHubs (betweenness of a hub 14 / 20 = 0.7).
CITIES = [
    # city_id, name, country, admin_rank, returnees, lon, lat
    ("P", "Pcity", "CN", "provincial capital", 3, 116.4, 39.9),
    ("Q", "Qcity", "CN", "provincial capital", 1, 121.5, 31.2),
    ("p1", "P1", "CN", "prefecture-level city", 1, 117.0, 40.0),
    ("p2", "P2", "CN", "prefecture-level city", 0, 118.0, 40.0),
    ("q1", "Q1", "CN", "prefecture-level city", 1, 120.0, 30.0),
    ("q2", "Q2", "CN", "prefecture-level city", 1, 119.0, 30.0),
    ("X", "Xcity", "US", None, 0, -71.1, 42.4),
]
PAIRS = [("P", "Q", 4), ("P", "p1", 1), ("P", "p2", 1), ("Q", "q1", 1), ("Q", "q2", 1)]


def cities_layer(rows_=CITIES, with_domestic=True) -> QgsVectorLayer:
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "cities", "memory")
    fields = [QgsField("city_id", QVariant.Type.String), QgsField("name", QVariant.Type.String),
              QgsField("country", QVariant.Type.String), QgsField("admin_rank", QVariant.Type.String),
              QgsField("returnees", QVariant.Type.Int), QgsField("note", QVariant.Type.String)]  # fmt: skip
    if with_domestic:
        fields.append(QgsField("domestic", QVariant.Type.Bool))
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    feats = []
    for cid, name, country, rank, ret, lon, lat in rows_:
        f = QgsFeature(layer.fields())
        attrs = [cid, name, country, rank, ret, f"note {cid}"]
        if with_domestic:
            attrs.append(country == "CN")
        f.setAttributes(attrs)
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def flows_layer(extra=(), count_field="count") -> QgsVectorLayer:
    layer = QgsVectorLayer("None", "flows", "memory")
    layer.dataProvider().addAttributes([
        QgsField("origin_id", QVariant.Type.String), QgsField("dest_id", QVariant.Type.String),
        QgsField("flow_type", QVariant.Type.String), QgsField(count_field, QVariant.Type.Int),
    ])  # fmt: skip
    layer.updateFields()
    data = [(a, b, "domestic", c) for a, b, c in PAIRS] + [(b, a, "onward", c) for a, b, c in PAIRS]
    data += [("X", "P", "backflow", 3), *extra]
    feats = []
    for values in data:
        f = QgsFeature(layer.fields())
        f.setAttributes(list(values))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def run(run_alg, alg, feedback=None, **params):
    base = {"INPUT_FLOWS": flows_layer(), "INPUT_CITIES": cities_layer(),
            "OUTPUT": "TEMPORARY_OUTPUT"}  # fmt: skip
    base.update(params)
    return run_alg(ALG, base, feedback)


class Messages(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.text: list[str] = []

    def pushInfo(self, info):  # noqa: N802
        self.text.append(info)

    def pushWarning(self, warning):  # noqa: N802
        self.text.append(warning)


def test_measures_fields_and_geometry(run_alg, alg):
    feedback = Messages()
    res = run(run_alg, alg, feedback, METHOD=METHODS.index("natural_breaks"))
    out = layer_of(res["OUTPUT"])
    assert out.wkbType() == QgsWkbTypes.Type.Point
    assert out.featureCount() == len(CITIES)  # every input city, in or out of scope
    names = out.fields().names()
    for field in ("city_id", "name", "country", "admin_rank", "returnees", "note", "domestic",
                  *MEASURES, "tier", "tier_label", "rank"):  # fmt: skip
        assert field in names, field
    types = {f.name(): f.type() for f in out.fields()}
    assert types["degree"] in (QVariant.Type.Int, QVariant.Type.LongLong)
    assert types["tier"] in (QVariant.Type.Int, QVariant.Type.LongLong)
    assert types["returnees"] in (QVariant.Type.Int, QVariant.Type.LongLong)  # input type kept
    assert types["betweenness"] == QVariant.Type.Double

    r = rows(out)
    assert r["Pcity"]["betweenness"] == pytest.approx(0.7)
    assert r["Qcity"]["betweenness"] == pytest.approx(0.7)
    assert r["P1"]["betweenness"] == 0
    assert r["Pcity"]["degree"] == 3 and r["Pcity"]["strength"] == 12
    assert r["Pcity"]["in_strength"] == 6  # the backflow from X is outside the domestic scope
    assert r["Pcity"]["note"] == "note P"
    assert r["Pcity"]["_xy"].x() == pytest.approx(116.4)
    # abroad: kept, with empty measures and no tier
    assert r["Xcity"]["betweenness"] is None and r["Xcity"]["tier"] is None
    # natural breaks on the 5 candidates (.7 .7 0 0 0 -> two classes): hubs tier 1
    assert {n for n, row in r.items() if row["tier"] == 1} == {"Pcity", "Qcity"}
    assert r["P1"]["tier"] == 2 and r["P1"]["tier_label"] == "regional excellent"
    assert r["P2"]["tier"] is None  # no returnee
    assert r["Pcity"]["rank"] == 1 and r["Qcity"]["rank"] == 1 and r["P1"]["rank"] == 3
    assert (res["TIER1_COUNT"], res["TIER2_COUNT"], res["TIER3_COUNT"]) == (2, 3, 0)
    assert res["CANDIDATES"] == 5
    assert res["SHARE_CHANGED"] is None  # no stability check asked
    log = "\n".join(feedback.text)
    assert "breaks" in log and "national core: 2" in log and "All measures exact" in log


def test_scope_all_and_flow_types(run_alg, alg):
    res = run(run_alg, alg, SCOPE=1, FLOW_TYPES=[FLOW_TYPES.index("backflow")], METHOD=METHODS.index("top_n"),
              N_CORE=1, N_EXCELLENT=2)  # fmt: skip
    r = rows(layer_of(res["OUTPUT"]))
    # backflow only: X -> P is the only link
    assert r["Xcity"]["degree"] == 1 and r["Xcity"]["out_strength"] == 3
    assert r["Pcity"]["in_strength"] == 3 and r["Qcity"]["degree"] == 0
    assert (res["TIER1_COUNT"], res["TIER2_COUNT"], res["TIER3_COUNT"]) == (1, 2, 2)


def test_thresholds_and_stability(run_alg, alg):
    feedback = Messages()
    res = run(run_alg, alg, feedback, METHOD=METHODS.index("thresholds"), THRESHOLDS="0.5, 0.1",
              MEASURE=MEASURES.index("betweenness"), STABILITY=True)  # fmt: skip
    r = rows(layer_of(res["OUTPUT"]))
    # the stability figure says what was compared with what
    said = next(t for t in feedback.text if t.startswith("Stability:"))
    classed = sum(1 for row in r.values() if row["tier"] is not None)
    assert said.startswith(
        f"Stability: the {classed} classed cities were classed again by the same method on "
        "each other centrality measure instead of betweenness; "
        f"{res['SHARE_CHANGED']:.1%} of them get another tier"
    ), said
    assert {n for n, row in r.items() if row["tier"] == 1} == {"Pcity", "Qcity"}
    assert r["Q1"]["tier"] == 3
    assert 0.0 <= res["SHARE_CHANGED"] <= 1.0
    assert "tier_changed" in layer_of(res["OUTPUT"]).fields().names()
    assert r["Xcity"]["tier_changed"] is None


def test_hybrid_uses_the_rank_field(run_alg, alg):
    res = run(run_alg, alg, MEASURE=MEASURES.index("betweenness"))  # hybrid, admin_rank
    r = rows(layer_of(res["OUTPUT"]))
    assert r["Pcity"]["tier"] == 1
    # leaves: betweenness 0, the lower of two classes = the middle class -> tier 2
    assert r["Q1"]["tier"] == 2


def test_country_used_without_domestic_field(run_alg, alg):
    res = run(run_alg, alg, INPUT_CITIES=cities_layer(with_domestic=False), HOME_COUNTRY="CN")
    r = rows(layer_of(res["OUTPUT"]))
    assert r["Pcity"]["betweenness"] == pytest.approx(0.7) and r["Xcity"]["degree"] is None


def test_output_to_file(run_alg, alg, tmp_path):
    path = tmp_path / "network.gpkg"
    res = run(run_alg, alg, OUTPUT=str(path))
    assert str(res["OUTPUT"]).startswith(str(tmp_path))
    out = layer_of(res["OUTPUT"])
    assert out.featureCount() == len(CITIES)
    assert sorted(
        f["tier"]
        for f in out.getFeatures()
        if f["tier"] not in (None,) and not (hasattr(f["tier"], "isNull") and f["tier"].isNull())
    ) == [1, 1, 2, 2, 2]


def test_missing_count_field_is_a_clear_error(run_alg, alg):
    with pytest.raises(QgsProcessingException, match="count"):
        run(run_alg, alg, INPUT_FLOWS=flows_layer(count_field="n"))


@pytest.mark.parametrize("value", ["", "0.1, 0.5", "high, low"])
def test_bad_thresholds_are_a_clear_error(run_alg, alg, value):
    with pytest.raises(QgsProcessingException, match="thresholds"):
        run(run_alg, alg, METHOD=METHODS.index("thresholds"), THRESHOLDS=value)


def test_cancelled_before_start_writes_nothing(run_alg, alg):
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    try:
        res = run(run_alg, alg, feedback)
    except QgsProcessingException:
        return  # Processing may also report the cancellation as an error
    assert "OUTPUT" not in res or not res["OUTPUT"]


class CancelAtNetwork(Messages):
    """Cancels as soon as the network is built, before the measures."""

    def pushInfo(self, info):  # noqa: N802
        super().pushInfo(info)
        if info.startswith("Network ("):
            self.cancel()


def test_cancelled_during_the_run_writes_nothing(run_alg, alg):
    feedback = CancelAtNetwork()
    try:
        res = run(run_alg, alg, feedback)
    except QgsProcessingException:
        return
    assert "OUTPUT" not in res or not res["OUTPUT"]
    assert not any("Tiers by" in t for t in feedback.text)


# --------------------------------------------------------------------------- the sample


@pytest.fixture(scope="module")
def sample_import(plugin):
    import processing

    return processing.run("backflow:importtrajectories", {
        "INPUT": str(SAMPLE), "HOME_COUNTRY": "CN", "GEOMETRY": 0,
        **{k: "TEMPORARY_OUTPUT" for k in ("STAGES", "CITIES", "FLOWS", "UNRESOLVED")},
    })  # fmt: skip


def sample_run(run_alg, sample_import, **params):
    res = run_alg(ALG, {"INPUT_FLOWS": sample_import["FLOWS"],
                        "INPUT_CITIES": sample_import["CITIES"],
                        "OUTPUT": "TEMPORARY_OUTPUT", **params})  # fmt: skip
    return res, rows(layer_of(res["OUTPUT"]))


def tier_members(r, tier):
    return {n for n, row in r.items() if row["tier"] == tier}


def test_sample_default_tiers(run_alg, alg, sample_import):
    res, r = sample_run(run_alg, sample_import)
    classed = {n for n, row in r.items() if row["tier"] is not None}
    assert len(classed) == res["CANDIDATES"] == 52  # the paper's 52 classed cities
    assert res["TIER1_COUNT"] + res["TIER2_COUNT"] + res["TIER3_COUNT"] == 52
    # Defaults (hybrid, degree): Beijing and Shanghai are national core cities
    assert r["Beijing"]["tier"] == 1 and r["Beijing"]["rank"] == 1
    assert r["Shanghai"]["tier"] == 1 and r["Shanghai"]["rank"] == 2
    # every classed provincial capital / sub-provincial city / municipality: tier 1 or 2
    centres = {"municipality", "sub-provincial city", "provincial capital"}
    for name in classed:
        if r[name]["admin_rank"] in centres:
            assert r[name]["tier"] in (1, 2), name
        else:
            assert r[name]["tier"] in (1, 3), name
    # non-capital research cities that receive returnees: regional special
    for name in ("Mianyang", "Xianyang", "Suzhou"):
        assert r[name]["returnees"] >= 1 and r[name]["tier"] == 3, name
    # cities abroad are never classed
    assert all(row["tier"] is None for row in r.values() if row["country"] != "CN")


def test_sample_by_degree_puts_beijing_and_shanghai_first(run_alg, alg, sample_import):
    # degree is the measure of the paper's Figure 2 (cities linked to more than five)
    res, r = sample_run(run_alg, sample_import, MEASURE=MEASURES.index("degree"))
    core = tier_members(r, 1)
    assert {"Beijing", "Shanghai", "Nanjing", "Wuhan"} <= core  # the paper's four
    assert r["Hefei"]["tier"] in (1, 2) and r["Mianyang"]["tier"] == 3
    assert all(r[n]["degree"] > 5 for n in core)


def test_sample_top_n_is_the_papers_table_4(run_alg, alg, sample_import):
    res, r = sample_run(run_alg, sample_import, METHOD=METHODS.index("top_n"), STABILITY=True)
    assert (res["TIER1_COUNT"], res["TIER2_COUNT"], res["TIER3_COUNT"]) == (4, 23, 25)
    assert {"Beijing", "Shanghai"} <= tier_members(r, 1)
    assert 0.0 <= res["SHARE_CHANGED"] <= 1.0


# --------------------------------------------------------------------------- QGIS's Jenks


def test_fisher_jenks_against_qgis_classification_jenks():
    """QGIS's own QgsClassificationJenks agrees on the jenkspy reference data and on
    ties; on skewed random data our exact optimum is never worse (lower or equal sum of
    squared deviations -- QGIS 3.22's result is sometimes a little off the optimum)."""
    method = QgsClassificationJenks()

    def qgis_breaks(values, k):
        return [c.upperBound() for c in method.classes([float(v) for v in values], k)]

    data2 = [132, 915, 312, 1424, 1240, 1370, 113, 1028, 1078, 416, 963, 359, 1422, 658, 73,
             1326, 245, 848, 683, 255, 1223, 253, 654, 736, 1079, 39, 583, 1367, 1237, 327,
             1083, 328, 951, 678, 927, 301, 96, 297, 179, 230, 767, 1248, 1, 37, 1352, 1009,
             663, 1283, 679, 230]  # fmt: skip
    assert fisher_jenks(data2, 4) == qgis_breaks(data2, 4) == [416.0, 767.0, 1083.0, 1424.0]
    assert fisher_jenks([1, 1, 1, 2, 2, 9], 3) == qgis_breaks([1, 1, 1, 2, 2, 9], 3)
    same = 0
    for seed in range(20):
        values = np.round(np.random.default_rng(seed).lognormal(0, 1, 200), 4)
        ours, theirs = fisher_jenks(values, 3), qgis_breaks(values, 3)
        assert ours[-1] == theirs[-1] == values.max()
        assert sum_squared_deviations(values, ours) <= sum_squared_deviations(values, theirs) + 1e-9
        same += np.allclose(ours, theirs)
    assert same >= 5  # they agree often; where they differ, ours is the better split
