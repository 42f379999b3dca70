"""Returns year by year, nearby cities merged for display, arcs the short way round."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.trajectories.clusters import cluster_cities, cluster_flows
from backflow_plugin.core.trajectories.flow_lines import ARC, flow_line
from backflow_plugin.core.trajectories.timeline import returns_by_city_year


def stages(rows):
    return pd.DataFrame(
        rows, columns=["person_id", "phase", "city_id", "city", "year", "lon", "lat"]
    )


def test_returns_by_city_year_counts_and_running_totals():
    frame = stages([
        ("A", "before", "wuhan", "Wuhan", 1990, 114.3, 30.6),
        ("A", "return", "beijing", "Beijing", 2011, 116.4, 39.9),
        ("B", "return", "beijing", "Beijing", 2013, 116.4, 39.9),
        ("C", "return", "hefei", "Hefei", 2012, 117.2, 31.8),
        ("C", "after", "beijing", "Beijing", 2015, 116.4, 39.9),  # an onward move: not a return
        ("D", "return", "hefei", "Hefei", None, 117.2, 31.8),  # no year: cannot be placed in time
    ])  # fmt: skip
    out = returns_by_city_year(frame)
    got = {(r.city, r.year): (r.returns, r.returnees) for r in out.itertuples()}
    assert got == {
        ("Beijing", 2011): (1, 1), ("Beijing", 2012): (0, 1), ("Beijing", 2013): (1, 2),
        ("Hefei", 2012): (1, 1), ("Hefei", 2013): (0, 1),
    }  # fmt: skip


def test_returns_by_city_year_names_missing_columns():
    with pytest.raises(ValueError, match="phase"):
        returns_by_city_year(pd.DataFrame({"person_id": ["A"]}))


def test_cluster_cities_merges_into_the_largest_neighbour():
    cities = pd.DataFrame({
        "city_id": ["shanghai", "suzhou", "kunshan", "beijing", "tianjin", "wuhan"],
        "lon": [121.47, 120.62, 120.98, 116.40, 117.20, 114.30],
        "lat": [31.23, 31.30, 31.38, 39.90, 39.13, 30.59],
        "persons": [466, 40, 3, 677, 50, 180],
    })  # fmt: skip
    centre = cluster_cities(cities, 150.0)
    assert centre["suzhou"] == "shanghai" and centre["kunshan"] == "shanghai"
    assert centre["tianjin"] == "beijing"
    assert centre["wuhan"] == "wuhan"
    assert (cluster_cities(cities, 0)["suzhou"]) == "suzhou"
    flows = pd.DataFrame({
        "origin_id": ["suzhou", "kunshan", "shanghai", "tianjin", "suzhou"],
        "dest_id": ["wuhan", "wuhan", "wuhan", "beijing", "shanghai"],
        "count": [2, 1, 5, 7, 9],
    })  # fmt: skip
    merged = cluster_flows(flows, centre)
    assert merged.to_dict("records") == [
        {"origin_id": "shanghai", "dest_id": "wuhan", "count": 8, "n_flows": 3}
    ]  # inside one merged place (Tianjin -> Beijing, Suzhou -> Shanghai): not drawn


def test_arc_takes_the_short_way_over_the_pacific():
    parts = flow_line(116.4, 39.9, -122.4, 37.8, ARC)  # Beijing -> San Francisco
    assert len(parts) == 2  # cut at the antimeridian, not drawn across Europe
    lons = [x for xs, _ in parts for x in xs]
    assert all(abs(x) >= 116.4 - 1e-9 for x in lons)
    assert parts[0][0][-1] == pytest.approx(180.0) and parts[1][0][0] == pytest.approx(-180.0)
    assert parts[0][1][-1] == pytest.approx(parts[1][1][0])
    back = flow_line(-122.4, 37.8, 116.4, 39.9, ARC)
    # two-way pairs bend apart: the midpoints are on different sides
    mid_a = max(y for _, ys in parts for y in ys)
    mid_b = min(y for _, ys in back for y in ys)
    assert mid_a > 39.9 and mid_b < 37.8
