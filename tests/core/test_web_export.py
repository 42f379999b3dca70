"""Flows and cities as flowmap.gl / FlowmapBlue and kepler.gl CSV files."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from backflow_plugin.core.records.careers import CAREER_FIELDS, career_table
from backflow_plugin.core.records.orcid import read_orcid
from backflow_plugin.core.trajectories.build import FieldMap, import_trajectories
from backflow_plugin.core.writing.web_export import (
    check_flowmap_tables,
    web_tables,
    write_web_tables,
)

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def result():
    long, _, _ = career_table(read_orcid([DATA / "orcid", DATA / "orcid_activities"]))
    return import_trajectories(long, FieldMap(**CAREER_FIELDS))


def _csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


def test_the_files_pass_flowmapblues_format_check(result, tmp_path):
    tables, counts = web_tables(result.flows, result.cities, result.stages)
    paths = write_web_tables(tables, tmp_path, "orcid_")
    assert sorted(Path(p).name for p in paths.values()) == [
        "orcid_flows.csv", "orcid_flows_by_year.csv", "orcid_kepler.csv", "orcid_locations.csv",
    ]  # fmt: skip
    assert check_flowmap_tables(paths["locations"], paths["flows"]) == []
    assert check_flowmap_tables(paths["locations"], paths["flows_by_year"]) == []
    columns, locs = _csv(paths["locations"])
    assert columns == ["id", "name", "lat", "lon"]
    columns, flows = _csv(paths["flows"])
    assert columns == ["origin", "dest", "count"]
    # every move of the import, once: the flow types are summed per pair
    assert sum(int(r["count"]) for r in flows) == int(result.flows["count"].sum())
    assert counts["moves"] == int(result.flows["count"].sum())
    columns, yearly = _csv(paths["flows_by_year"])
    assert columns == ["origin", "dest", "count", "time"]
    assert all(len(r["time"]) == 4 and r["time"].isdigit() for r in yearly)
    # every ORCID stage has a year: all moves are in the yearly file too
    assert counts["moves_without_year"] == 0
    assert sum(int(r["count"]) for r in yearly) == counts["moves"]
    ids = {r["id"] for r in locs}
    assert {r["origin"] for r in flows} | {r["dest"] for r in flows} <= ids


def test_the_yearly_flow_takes_the_year_the_destination_began(result):
    tables, _ = web_tables(result.flows, result.cities, result.stages)
    names = dict(zip(tables["locations"]["id"], tables["locations"]["name"]))
    yearly = tables["flows_by_year"].assign(
        o=lambda f: f["origin"].map(names), d=lambda f: f["dest"].map(names)
    )
    # person 0000-0000-0090-0093: Cambridge (GB) -> 成都 in 2001, the only such move
    row = yearly[(yearly["o"] == "Cambridge") & (yearly["time"] == "2001")]
    assert row["count"].tolist() == [1]
    assert row["d"].tolist() == ["Chengdu"]


def test_kepler_table_pairs_lat_and_lng_as_kepler_detects_them(result, tmp_path):
    tables, _ = web_tables(result.flows, result.cities)
    assert "flows_by_year" not in tables  # no stages: no time
    paths = write_web_tables(tables, tmp_path)
    columns, rows = _csv(paths["kepler"])
    for end in ("source", "target"):
        assert f"{end}_lat" in columns and f"{end}_lng" in columns
    assert len(rows) == len(result.flows)
    for r in rows:
        assert -90 <= float(r["source_lat"]) <= 90 and -180 <= float(r["target_lng"]) <= 180
        assert int(r["count"]) >= 1
    beijing = result.cities.set_index("name").loc["Beijing"]
    first_to_beijing = next(r for r in rows if r["dest_name"] == "Beijing")
    assert float(first_to_beijing["target_lat"]) == pytest.approx(beijing["lat"], abs=1e-6)


def test_the_check_names_what_flowmapblue_would_reject(tmp_path):
    locs, flows = tmp_path / "l.csv", tmp_path / "f.csv"
    pd.DataFrame({"id": ["a", "b"], "lat": [91, 10], "lon": [0, ""]}).to_csv(locs, index=False)
    pd.DataFrame(
        {"origin": ["a", "a"], "dest": ["b", "z"], "count": [1, "x"], "time": ["2001", "May"]}
    ).to_csv(flows, index=False)
    assert check_flowmap_tables(locs, flows) == [
        "locations row 2: lat '91'",
        "locations row 3: lon ''",
        "flows row 3: dest 'z' is not a location id",
        "flows row 3: count 'x'",
        "flows row 3: time 'May'",
    ]
    pd.DataFrame({"from": ["a"], "to": ["b"], "n": [1]}).to_csv(flows, index=False)
    assert check_flowmap_tables(locs, flows) == [
        "flows: no column 'origin'", "flows: no column 'dest'", "flows: no column 'count'",
    ]  # fmt: skip
