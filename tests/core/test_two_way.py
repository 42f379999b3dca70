"""core/trajectories/two_way.py: flows that run both ways are bent apart, symmetrically."""

from __future__ import annotations

import math

import pytest

from backflow_plugin.core.trajectories.two_way import TWO_WAY_BEND, bend_left, two_way_keys


def test_two_way_keys_keep_only_pairs_with_their_reverse():
    pairs = [("A", "B"), ("B", "A"), ("A", "C"), ("C", "C"), ("D", "E"), ("A", "B")]
    assert two_way_keys(pairs) == {("A", "B"), ("B", "A")}


def _mid(line):
    return line[len(line) // 2]


def test_bend_moves_the_middle_left_and_keeps_the_ends():
    straight = [(float(i), 0.0) for i in range(11)]  # west to east along y = 0
    bent = bend_left(straight)
    assert bent[0] == (0.0, 0.0) and bent[-1] == (10.0, 0.0)
    x, y = _mid(bent)
    assert x == pytest.approx(5.0)
    assert y == pytest.approx(TWO_WAY_BEND * 10.0)  # left of eastward travel is north
    assert all(b[1] >= 0 for b in bent)


def test_the_two_directions_are_mirror_images():
    forward = bend_left([(0.0, 0.0), (3.0, 4.0)])  # a two-point line is densified
    backward = bend_left([(3.0, 4.0), (0.0, 0.0)])
    assert len(forward) == len(backward) == 25
    (fx, fy), (bx, by) = _mid(forward), _mid(backward)
    # either side of the chord's midpoint (1.5, 2), each TWO_WAY_BEND x 5 away from it
    assert math.hypot(fx - 1.5, fy - 2.0) == pytest.approx(TWO_WAY_BEND * 5.0)
    assert (fx + bx) / 2 == pytest.approx(1.5) and (fy + by) / 2 == pytest.approx(2.0)
    assert math.hypot(fx - bx, fy - by) == pytest.approx(2 * TWO_WAY_BEND * 5.0)


def test_degenerate_lines_are_returned_unchanged():
    assert bend_left([(1.0, 1.0)]) == [(1.0, 1.0)]
    assert bend_left([(1.0, 1.0), (1.0, 1.0)]) == [(1.0, 1.0), (1.0, 1.0)]
