"""Flows computed in PostGIS (backflow:postgisflows, issue 17): the server pairs the
stages and counts the flows; the result equals the import of the same table."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def table(postgis):
    header = SAMPLE.read_text(encoding="utf-8").splitlines()[0].split(",")
    columns = ", ".join(f'"{c}" text' for c in header)
    postgis.sql("CREATE SCHEMA IF NOT EXISTS study")
    postgis.sql(f"CREATE TABLE study.traj_sql (id serial PRIMARY KEY, {columns})")
    postgis.copy_csv("study.traj_sql", header, SAMPLE)
    # One unknown place, so that unresolved rows are exercised.
    postgis.sql("UPDATE study.traj_sql SET city = 'Nowhereville' WHERE id = 1")
    return postgis.uri("traj_sql", schema="study")


def _frame(layer) -> pd.DataFrame:
    names = layer.fields().names()
    return pd.DataFrame([f.attributes() for f in layer.getFeatures()], columns=names)


def test_flows_in_sql_equal_the_import(plugin, postgis, table):
    import processing
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(table, "traj", "postgres")
    assert layer.isValid()
    sql = processing.run(
        "backflow:postgisflows",
        {"INPUT": layer, "HOME_COUNTRY": "CN", "FLOWS": "TEMPORARY_OUTPUT",
         "CITIES": "TEMPORARY_OUTPUT"},
    )  # fmt: skip
    ref = processing.run(
        "backflow:importtrajectories",
        {"INPUT": layer, "HOME_COUNTRY": "CN", "FLOWS": "TEMPORARY_OUTPUT",
         "CITIES": "TEMPORARY_OUTPUT", "STAGES": "TEMPORARY_OUTPUT"},
    )  # fmt: skip
    got, want = _frame(sql["FLOWS"]), _frame(ref["FLOWS"])
    assert ref["UNRESOLVED_ROWS"] == 1
    assert got["count"].sum() == want["count"].sum() > 10_000
    # Every origin-destination pair carries the same number of legs.
    by_pair = lambda f: f.groupby(["origin_id", "dest_id"])["count"].sum()  # noqa: E731
    pd.testing.assert_series_equal(by_pair(got).sort_index(), by_pair(want).sort_index())
    # Types that follow from the home country alone agree exactly.
    by_type = lambda f: f.groupby("flow_type")["count"].sum()  # noqa: E731
    g, w = by_type(got), by_type(want)
    for kind in ("outbound", "abroad", "backflow"):
        assert g.get(kind, 0) == w.get(kind, 0), kind
    assert g.get("domestic", 0) + g.get("onward", 0) == w.get("domestic", 0) + w.get("onward", 0)
    # Every city of a flow has a point; the totals match the flows.
    cities = _frame(sql["CITIES"])
    assert sql["CITIES"].featureCount() == len(set(got["origin_id"]) | set(got["dest_id"]))
    assert cities["inflow"].sum() == got["count"].sum()
    assert all(not f.geometry().isEmpty() for f in sql["CITIES"].getFeatures())
    assert all(not f.geometry().isEmpty() for f in sql["FLOWS"].getFeatures())


def test_a_table_not_in_postgres_is_refused(plugin):
    import processing
    from qgis.core import QgsProcessingException, QgsVectorLayer

    layer = QgsVectorLayer(f"file://{SAMPLE}?delimiter=,", "csv", "delimitedtext")
    with pytest.raises(QgsProcessingException, match="PostgreSQL/PostGIS table"):
        processing.run(
            "backflow:postgisflows",
            {"INPUT": layer, "FLOWS": "TEMPORARY_OUTPUT", "CITIES": "TEMPORARY_OUTPUT"},
        )
