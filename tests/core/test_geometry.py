"""Flow-line geometry."""

from __future__ import annotations

import numpy as np
import pytest

from backflow_plugin.core.trajectories.flow_lines import (
    ARC,
    GEODESIC,
    STRAIGHT,
    flow_line,
    great_circle_km,
    join_legs,
    split_antimeridian,
)


def test_haversine_beijing_shanghai():
    # Beijing (116.397, 39.907) to Shanghai (121.458, 31.222): about 1,067 km.
    assert great_circle_km(116.397, 39.907, 121.458, 31.222) == pytest.approx(1067, abs=10)


def test_straight_is_two_points():
    assert flow_line(0, 0, 10, 5, STRAIGHT) == [([0, 10], [0, 5])]


def test_geodesic_ends_at_the_cities_and_bows_poleward():
    parts = flow_line(-71.1, 42.37, 116.4, 39.9, GEODESIC)  # Boston -> Beijing, over the pole side
    xs = np.concatenate([np.array(p[0]) for p in parts])
    ys = np.concatenate([np.array(p[1]) for p in parts])
    assert (xs[0], ys[0]) == (-71.1, 42.37)
    assert (xs[-1], ys[-1]) == (116.4, 39.9)
    assert ys.max() > 70  # the great circle passes far north of both ends
    assert len(xs) > 20


def test_transpacific_geodesic_is_split_at_the_antimeridian():
    parts = flow_line(-122.42, 37.77, 121.47, 31.23, GEODESIC)  # San Francisco -> Shanghai
    assert len(parts) == 2
    assert parts[0][0][-1] == -180.0 and parts[1][0][0] == 180.0
    assert parts[0][1][-1] == pytest.approx(parts[1][1][0])
    for xs, _ in parts:  # no segment jumps across the map
        assert np.abs(np.diff(xs)).max() < 10


def test_split_keeps_a_line_that_does_not_cross():
    parts = split_antimeridian(np.array([0.0, 10.0, 20.0]), np.array([0.0, 1.0, 2.0]))
    assert parts == [([0.0, 10.0, 20.0], [0.0, 1.0, 2.0])]


def test_arcs_bend_to_opposite_sides():
    ((ax, ay),) = flow_line(0, 0, 10, 0, ARC)
    ((bx, by),) = flow_line(10, 0, 0, 0, ARC)
    assert max(ay) > 0.9 and min(by) < -0.9  # A->B bends north, B->A south
    assert (ax[0], ay[0], ax[-1], ay[-1]) == (0, 0, 10, 0)


def test_join_legs_merges_touching_parts():
    legs = [flow_line(0, 0, 1, 1, STRAIGHT), flow_line(1, 1, 2, 0, STRAIGHT)]
    assert join_legs(legs) == [([0, 1, 2], [0, 1, 0])]


def test_unknown_kind():
    with pytest.raises(ValueError, match="unknown geometry kind"):
        flow_line(0, 0, 1, 1, "zigzag")


def test_world_map_centre_cuts_the_fewest_flows():
    from backflow_plugin.core.trajectories.flow_lines import best_central_meridian

    # China <-> USA and China <-> Europe: 150°E keeps both whole (the edge is at 30°W).
    assert best_central_meridian([116.4, 121.5, 116.4], [-71.1, -122.4, 2.35]) == 150.0
    # Europe <-> USA across the Atlantic, plus Tokyo <-> San Francisco across the Pacific:
    # 150°E would cut the Atlantic flows; the chosen edge must fall where no flow passes.
    lon = best_central_meridian(
        [2.35, 13.4, -0.1, 139.7], [-71.1, -74.0, -87.6, -122.4], weights=[10, 10, 10, 1]
    )
    seam = (lon + 180 + 180) % 360 - 180
    assert not (-87.6 <= seam <= 13.4)  # not through the Atlantic
    assert not (seam >= 139.7 or seam <= -122.4)  # not through the Pacific either
