"""Column-wise WKB / GeoPackage blobs and the vertex budget of route lines (issue 17)."""

from __future__ import annotations

import struct

import numpy as np
import pandas as pd
import pytest

from backflow_plugin.core.trajectories import build as trajectories
from backflow_plugin.core.trajectories import leg_geometry
from backflow_plugin.core.trajectories.flow_lines import (
    GEODESIC,
    MAX_POINTS,
    STRAIGHT,
    budget_max_points,
)
from backflow_plugin.core.writing.wkb import (
    gpkg_header,
    line_blobs,
    multiline_wkb,
    point_blobs,
    point_bounds,
)

# POINT (1 2) as little-endian WKB, written out by hand from the OGC layout.
POINT_1_2 = bytes.fromhex("0101000000000000000000f03f0000000000000040")


def test_point_blobs_are_header_plus_wkb_and_none_for_missing():
    blobs = point_blobs([1.0, np.nan, 121.47], [2.0, 3.0, 31.23])
    assert blobs[0] == b"GP\x00\x01" + struct.pack("<i", 4326) + POINT_1_2
    assert blobs[1] is None
    x, y = struct.unpack("<dd", blobs[2][13:])
    assert (x, y) == (121.47, 31.23)
    assert gpkg_header(3857)[4:] == struct.pack("<i", 3857)
    bounds = point_bounds([1.0, 5.0], [2.0, 6.0])
    assert bounds.tolist() == [[1.0, 1.0, 2.0, 2.0], [5.0, 5.0, 6.0, 6.0]]


def test_multiline_wkb_layout_and_degenerate_part():
    wkb = multiline_wkb([([0.0, 1.0, 2.0], [0.0, 1.0, 0.5]), ([5.0], [6.0])])
    assert struct.unpack("<BII", wkb[:9]) == (1, 5, 2)
    assert struct.unpack("<BII", wkb[9:18]) == (1, 2, 3)
    assert struct.unpack("<6d", wkb[18:66]) == (0.0, 0.0, 1.0, 1.0, 2.0, 0.5)
    # a person who never moved: a two-vertex line at the city
    assert struct.unpack("<BII", wkb[66:75]) == (1, 2, 2)
    assert struct.unpack("<4d", wkb[75:]) == (5.0, 6.0, 5.0, 6.0)


def test_line_blobs_encode_each_shared_line_once():
    shared = [([100.0, 120.0], [30.0, 40.0])]
    other = [([-10.0, 10.0], [-5.0, 5.0]), ([170.0, 180.0], [1.0, 2.0])]
    rows = [shared, None, shared, other]
    blobs, bounds = line_blobs(rows.__getitem__, len(rows))
    assert blobs[0] is blobs[2]  # one bytes object for persons with the same path
    assert blobs[1] is None and np.isnan(bounds[1]).all()
    assert bounds[0].tolist() == [100.0, 120.0, 30.0, 40.0]
    assert bounds[3].tolist() == [-10.0, 180.0, -5.0, 5.0]
    assert blobs[3][8:] == multiline_wkb(other)


@pytest.mark.parametrize(
    "legs, cap",
    [(0, MAX_POINTS), (10, MAX_POINTS), (50_000, 77), (60_000, 63), (100_000, 37), (3_000_000, 1)],
)
def test_budget_cap(legs, cap):
    assert budget_max_points(legs) == min(cap, MAX_POINTS)


def _vertices(lines, legs):
    return sum(
        len(xs) for o, d in zip(legs["origin_id"], legs["dest_id"]) for xs, _ in lines[(o, d)]
    )


def test_route_lines_stay_within_budget(monkeypatch):
    monkeypatch.setattr(leg_geometry, "_LINE_CACHE", {})
    rng = np.random.default_rng(7)
    n = 40
    cities = pd.DataFrame(
        {
            "city_id": [f"c{i}" for i in range(n)],
            "lon": rng.uniform(-170, 170, n),
            "lat": rng.uniform(-60, 60, n),
        }
    )
    o = rng.integers(0, n, 20_000)
    d = (o + rng.integers(1, n, 20_000)) % n
    legs = pd.DataFrame({"origin_id": [f"c{i}" for i in o], "dest_id": [f"c{i}" for i in d]})
    full = trajectories.leg_lines(legs, cities, GEODESIC)
    assert _vertices(full, legs) > 400_000  # long legs: up to 65 vertices each
    budget = 200_000
    monkeypatch.setattr(leg_geometry, "budget_max_points", lambda k: budget_max_points(k, budget))
    lines, cap = trajectories.route_leg_lines(legs, cities, GEODESIC, full)
    assert cap == budget // len(legs) - 3 == 7
    assert _vertices(lines, legs) <= budget
    # same end points, only coarser; short legs unchanged (2 vertices)
    for key, parts in lines.items():
        assert parts[0][0][0] == full[key][0][0][0] and parts[-1][0][-1] == full[key][-1][0][-1]
    # a straight layer is never densified, and small layers keep the full lines
    assert trajectories.route_leg_lines(legs, cities, STRAIGHT)[0] is not None
    small = legs.iloc[:100]
    assert trajectories.route_leg_lines(small, cities, GEODESIC, full) == (full, MAX_POINTS)


@pytest.mark.parametrize("n", [1, 50, 5_000])
def test_rtree_bulk_load_answers_like_row_inserts(n):
    import sqlite3

    from backflow_plugin.core.writing.rtree import bulk_load

    rng = np.random.default_rng(n)
    x, y = rng.uniform(-180, 170, n), rng.uniform(-80, 70, n)
    w, h = rng.uniform(0, 10, n) * (rng.random(n) < 0.5), rng.uniform(0, 10, n)
    boxes = np.column_stack([x, x + w, y, y + h])
    ids = np.arange(1, n + 1) * 3  # ids need not be consecutive
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE packed USING rtree(id, minx, maxx, miny, maxy)")
    db.execute("CREATE VIRTUAL TABLE plain USING rtree(id, minx, maxx, miny, maxy)")
    nodes = bulk_load(db, "packed", ids, boxes)
    db.executemany("INSERT INTO plain VALUES (?, ?, ?, ?, ?)", zip(ids.tolist(), *boxes.T.tolist()))
    assert nodes >= 1
    assert db.execute("SELECT rtreecheck('packed')").fetchone()[0] == "ok"
    query = "SELECT id FROM {} WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?"
    for qx, qy in rng.uniform(-150, 150, (25, 2)):
        args = (qx + 15, qx, qy + 10, qy)
        got = sorted(r[0] for r in db.execute(query.format("packed"), args))
        want = sorted(r[0] for r in db.execute(query.format("plain"), args))
        assert got == want
    # stored boxes hold the float64 boxes (float32 rounded outwards)
    stored = np.array(
        db.execute("SELECT minx, maxx, miny, maxy FROM packed ORDER BY id").fetchall()
    )
    assert (stored[:, 0] <= boxes[:, 0]).all() and (stored[:, 1] >= boxes[:, 1]).all()
    assert (stored[:, 2] <= boxes[:, 2]).all() and (stored[:, 3] >= boxes[:, 3]).all()
    # later edits through SQLite keep a valid tree
    db.execute("INSERT INTO packed VALUES (1, 0, 1, 0, 1)")
    db.execute("DELETE FROM packed WHERE id = ?", (int(ids[0]),))
    assert db.execute("SELECT rtreecheck('packed')").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*) FROM packed").fetchone()[0] == n
    with pytest.raises(RuntimeError, match="not empty"):
        bulk_load(db, "packed", ids, boxes)
