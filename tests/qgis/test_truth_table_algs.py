"""One truth table for yes/no columns, through the algorithms: the same layer with domestic
spelled 是 / 1.0 / true / yes / 否 / 0.0 (text) gives what a boolean field gives, in
citynetwork and in routepatterns alike (issue 11: they used to disagree)."""

from __future__ import annotations

import pytest
from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

YES = ("是", "1.0", "true", "yes", "1")
NO = ("否", "0.0", "false", "no")

# city_id, returnees, domestic, lon, lat
CITIES = [
    ("A", 4, True, 116.4, 39.9),
    ("B", 2, True, 121.5, 31.2),
    ("C", 1, True, 114.3, 30.6),
    ("D", 1, True, 104.1, 30.7),
    ("E", 0, True, 113.3, 23.1),
    ("X", 0, False, -71.1, 42.4),
    ("Y", 0, False, -0.1, 51.5),
]
# A is the hub: linked to B, C, D, E; B also to C.
FLOWS = [("A", "B", 3), ("A", "C", 2), ("A", "D", 1), ("A", "E", 1), ("B", "C", 1),
         ("X", "A", 2), ("Y", "B", 1)]  # fmt: skip


def _value(v):
    return None if v is None or (isinstance(v, QVariant) and v.isNull()) else v


def layer_of(value) -> QgsVectorLayer:
    if isinstance(value, QgsVectorLayer):
        return value
    layer = QgsVectorLayer(str(value), "out", "ogr")
    assert layer.isValid(), value
    return layer


def table(layer, key: str) -> dict:
    names = layer.fields().names()
    out = {}
    for f in layer.getFeatures():
        row = dict(zip(names, map(_value, f.attributes())))
        out[row[key]] = row
    return out


def spelled(flags: list[bool]) -> list[str]:
    """Each yes/no in a different spelling, cycling through the accepted ones."""
    yes, no = iter(YES * 4), iter(NO * 4)
    return [next(yes) if flag else next(no) for flag in flags]


def cities_layer(as_text: bool) -> QgsVectorLayer:
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "cities", "memory")
    kind = QVariant.Type.String if as_text else QVariant.Type.Bool
    layer.dataProvider().addAttributes([
        QgsField("city_id", QVariant.Type.String), QgsField("returnees", QVariant.Type.Int),
        QgsField("country", QVariant.Type.String), QgsField("domestic", kind),
    ])  # fmt: skip
    layer.updateFields()
    flags = [c[2] for c in CITIES]
    values = spelled(flags) if as_text else flags
    feats = []
    for (cid, ret, _, lon, lat), dom in zip(CITIES, values):
        f = QgsFeature(layer.fields())
        f.setAttributes([cid, ret, "", dom])  # no country: only `domestic` tells home from abroad
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def flows_layer() -> QgsVectorLayer:
    layer = QgsVectorLayer("None", "flows", "memory")
    layer.dataProvider().addAttributes([
        QgsField("origin_id", QVariant.Type.String), QgsField("dest_id", QVariant.Type.String),
        QgsField("flow_type", QVariant.Type.String), QgsField("count", QVariant.Type.Int),
    ])  # fmt: skip
    layer.updateFields()
    feats = []
    for o, d, n in FLOWS:
        f = QgsFeature(layer.fields())
        f.setAttributes([o, d, "backflow" if o in "XY" else "domestic", n])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_spellings_cover_both_ways():
    text = spelled([c[2] for c in CITIES])
    assert set(text) == {"是", "1.0", "true", "yes", "1", "否", "0.0"}


def test_citynetwork_reads_every_spelling_as_the_boolean(run_alg):
    results = {}
    for as_text in (False, True):
        res = run_alg("backflow:citynetwork", {
            "INPUT_FLOWS": flows_layer(), "INPUT_CITIES": cities_layer(as_text),
            "METHOD": 4, "N_CORE": 1, "N_EXCELLENT": 2, "OUTPUT": "TEMPORARY_OUTPUT",
        })  # fmt: skip
        results[as_text] = (res, table(layer_of(res["OUTPUT"]), "city_id"))
    (res_bool, by_bool), (res_text, by_text) = results[False], results[True]
    for key in ("TIER1_COUNT", "TIER2_COUNT", "TIER3_COUNT", "CANDIDATES"):
        assert res_text[key] == res_bool[key], key
    # five domestic cities in the network scope; X and Y abroad are left out of it
    assert res_text["CANDIDATES"] == 4  # E has no returnee
    assert (res_text["TIER1_COUNT"], res_text["TIER2_COUNT"]) == (1, 2)
    for cid in by_bool:
        assert by_text[cid]["tier"] == by_bool[cid]["tier"], cid
        assert by_text[cid]["degree"] == by_bool[cid]["degree"], cid
    assert by_text["A"]["tier"] == 1 and by_text["A"]["degree"] == 4
    assert by_text["X"]["degree"] is None and by_text["X"]["tier"] is None


# person -> [(stage, city_id, domestic)]
PEOPLE = {
    "P1": [("birth", "C", True), ("phd", "X", False), ("return", "C", True)],  # circle
    "P2": [("birth", "D", True), ("postdoc", "Y", False), ("return", "A", True)],  # linear
    "P3": [("bachelor", "B", True), ("phd", "X", False), ("work", "Y", False),
           ("return", "B", True)],  # circle
    "P4": [("birth", "E", True), ("work", "A", True)],  # never abroad
}  # fmt: skip
XY = {c[0]: (c[3], c[4]) for c in CITIES}


def stages_layer(as_text: bool) -> QgsVectorLayer:
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "stages", "memory")
    kind = QVariant.Type.String if as_text else QVariant.Type.Bool
    layer.dataProvider().addAttributes([
        QgsField("person_id", QVariant.Type.String), QgsField("seq", QVariant.Type.Int),
        QgsField("stage", QVariant.Type.String), QgsField("city_id", QVariant.Type.String),
        QgsField("domestic", kind),
    ])  # fmt: skip
    layer.updateFields()
    flat = [(pid, seq, st, cid, dom) for pid, steps in PEOPLE.items()
            for seq, (st, cid, dom) in enumerate(steps, start=1)]  # fmt: skip
    values = spelled([r[4] for r in flat]) if as_text else [r[4] for r in flat]
    feats = []
    for (pid, seq, st, cid, _), dom in zip(flat, values):
        f = QgsFeature(layer.fields())
        f.setAttributes([pid, seq, st, cid, dom])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*XY[cid])))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


@pytest.mark.parametrize("which", [0, 1])
def test_routepatterns_reads_every_spelling_as_the_boolean(run_alg, which):
    got = {}
    for as_text in (False, True):
        res = run_alg("backflow:routepatterns", {
            "INPUT": stages_layer(as_text), "WHICH": which, "ROUTES": "TEMPORARY_OUTPUT",
        })  # fmt: skip
        routes = table(layer_of(res["ROUTES"]), "person_id")
        got[as_text] = (res, {p: (r["pattern"], r["return_city_id"]) for p, r in routes.items()})
    assert got[True][1] == got[False][1]
    assert got[True][1] == {
        "P1": ("circle", "C"), "P2": ("linear", "A"), "P3": ("circle", "B"), "P4": (None, None),
    }  # fmt: skip
    res = got[True][0]
    assert (res["CIRCLE"], res["LINEAR"], res["NO_PATTERN"]) == (2, 1, 1)
