"""Rows that name only a province (廣東, Kiangsu) through the Processing chain: placed
and flagged by the import, counted in its numeric outputs, and left out of the city
network unless INCLUDE_PROVINCE_PLACES."""

from __future__ import annotations

from qgis.core import QgsVectorLayer

ALG_ID = "backflow:fullanalysis"


def table(tmp_path) -> str:
    rows = [
        "person,stage,city,country",
        "P1,birth,廣東,",
        "P1,phd,W. Lafayette,US",
        "P1,return,北京,",
        "P2,birth,Kiangsu,",
        "P2,phd,Now York,US",
        "P2,return,上海,",
        "P3,birth,定縣,",
        "P3,phd,Ithaca,US",
        "P3,return,北京,",
    ]
    path = tmp_path / "directory.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def null(value) -> bool:
    return value is None or (hasattr(value, "isNull") and value.isNull())


def layer_of(value) -> QgsVectorLayer:
    if isinstance(value, QgsVectorLayer):
        return value
    layer = QgsVectorLayer(str(value), "out", "ogr")
    assert layer.isValid(), value
    return layer


def test_province_rows_flagged_counted_and_kept_out_of_the_network(run_alg, tmp_path):
    params = {"INPUT": table(tmp_path), "STAGES": "TEMPORARY_OUTPUT",
              "CITIES": "TEMPORARY_OUTPUT", "NETWORK": "TEMPORARY_OUTPUT"}  # fmt: skip
    res = run_alg(ALG_ID, params)
    assert (res["STAGE_ROWS"], res["RESOLVED_ROWS"]) == (9, 9)
    assert (res["PROVINCE_ONLY_ROWS"], res["FUZZY_ROWS"], res["TOLERANT_ROWS"]) == (2, 1, 1)
    assert res["HISTORIC_ROWS"] == 1
    stages = {(f["person_id"], f["stage"]): f for f in layer_of(res["STAGES"]).getFeatures()}
    assert stages[("P1", "birth")]["city_id"] == "CN440000"
    assert stages[("P1", "birth")]["flags"] == "province;province_only"
    assert stages[("P2", "phd")]["match"] == "fuzzy:1"
    network = {f["city_id"]: f for f in layer_of(res["NETWORK"]).getFeatures()}
    for pid in ("CN440000", "CN320000"):  # no measure, no tier
        assert null(network[pid]["degree"]) and null(network[pid]["tier"])
    assert not null(network["CN110000"]["degree"]) and network["CN110000"]["tier"] == 1
    again = run_alg(ALG_ID, {**params, "INCLUDE_PROVINCE_PLACES": True})
    network = {f["city_id"]: f for f in layer_of(again["NETWORK"]).getFeatures()}
    assert not null(network["CN440000"]["degree"])
