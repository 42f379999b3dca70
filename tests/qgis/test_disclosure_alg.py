"""MIN_PERSONS in the report and the full analysis, PSEUDONYMISE in every output (issue 15)."""

from __future__ import annotations

from qgis.core import QgsVectorLayer

from tests.conftest import DATA

LONG = str(DATA / "long_small.csv")
IDS = {"P1", "P2", "P3", "P4", "P5"}


def _layer(value) -> QgsVectorLayer:
    return value if isinstance(value, QgsVectorLayer) else QgsVectorLayer(str(value), "l", "ogr")


def _values(value, field) -> list:
    lyr = _layer(value)
    return [f[field] for f in lyr.getFeatures()]


def test_full_analysis_report_hides_small_counts(run_alg, tmp_path):
    html = tmp_path / "report.html"
    base = {"INPUT": LONG, "STAGES": "TEMPORARY_OUTPUT", "MAKE_REPORT": True}
    res = run_alg("backflow:fullanalysis", {**base, "REPORT_OUTPUT": str(html)})
    text = html.read_text(encoding="utf-8")
    assert "disclosure control (MIN_PERSONS = 5)" in text
    assert "10 cells of 1 to 4 persons hidden" in text  # Table 1 of 5 persons
    assert "3 cities with fewer than 5 persons (together too) not shown" in text
    assert res["PERSONS"] == 5
    full = tmp_path / "full.html"
    run_alg("backflow:fullanalysis", {**base, "REPORT_OUTPUT": str(full), "MIN_PERSONS": 1})
    assert "disclosure control" not in full.read_text(encoding="utf-8")


def test_report_table_cells_under_k_are_empty(run_alg, tmp_path):
    imported = run_alg("backflow:importtrajectories", {"INPUT": LONG, "STAGES": "TEMPORARY_OUTPUT"})
    out = run_alg(
        "backflow:report",
        {
            "STAGES": imported["STAGES"],
            "MIN_PERSONS": 2,
            "OUTPUT_HTML": str(tmp_path / "r.html"),
            "TABLE1": "TEMPORARY_OUTPUT",
            "TABLE3_RETURN": "TEMPORARY_OUTPUT",
        },
    )
    t1 = _layer(out["TABLE1"])
    counts = [
        f[name]
        for f in t1.getFeatures()
        for name in t1.fields().names()
        if name == "total" or name.endswith("_count")
    ]
    assert all(v is None or v == 0 or v >= 2 or str(v) == "NULL" for v in counts)
    orgs = _values(out["TABLE3_RETURN"], "persons")
    assert all(str(v) == "NULL" or v >= 2 for v in orgs)


def test_pseudonymise_replaces_ids_in_every_output(run_alg, tmp_path):
    outs = {k: "TEMPORARY_OUTPUT" for k in ("STAGES", "ROUTES", "UNRESOLVED")}
    res = run_alg(
        "backflow:importtrajectories",
        {"INPUT": LONG, "PSEUDONYMISE": True, "SALT": "s3cret-for-test", **outs},
    )
    stages = set(_values(res["STAGES"], "person_id"))
    routes = set(_values(res["ROUTES"], "person_id"))
    unresolved = set(_values(res["UNRESOLVED"], "person_id"))
    assert len(stages) == 5 and stages == routes  # still joinable among the outputs
    assert not (stages | unresolved) & IDS
    assert all(len(v) == 16 for v in stages | unresolved)
    again = run_alg(
        "backflow:importtrajectories",
        {
            "INPUT": LONG,
            "PSEUDONYMISE": True,
            "SALT": "s3cret-for-test",
            "STAGES": "TEMPORARY_OUTPUT",
        },
    )
    assert set(_values(again["STAGES"], "person_id")) == stages  # same salt, same pseudonyms
