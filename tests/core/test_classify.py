"""1-D classification: Fisher–Jenks proven optimal, head/tail, quantiles, classify."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from backflow_plugin.core.network.classify import (
    class_index,
    classify,
    fisher_jenks,
    goodness_of_variance_fit,
    head_tail_breaks,
    quantile_breaks,
    sum_squared_deviations,
)

# The 50 integers of jenkspy's test suite (mthh/jenkspy, tests/test_jenks.py, ``data2``)
# with its expected 4-class breaks ``res2`` = (1.0, 416.0, 767.0, 1083.0, 1424.0):
# the minimum, then the upper bound of each class. Here without the minimum.
# fmt: off
JENKSPY_DATA2 = [
    132, 915, 312, 1424, 1240, 1370, 113, 1028, 1078, 416, 963, 359, 1422, 658, 73, 1326,
    245, 848, 683, 255, 1223, 253, 654, 736, 1079, 39, 583, 1367, 1237, 327, 1083, 328,
    951, 678, 927, 301, 96, 297, 179, 230, 767, 1248, 1, 37, 1352, 1009, 663, 1283, 679, 230,
]
# fmt: on


def sdcm_of_groups(groups) -> float:
    return sum(float(((np.asarray(g) - np.mean(g)) ** 2).sum()) for g in groups if len(g))


def best_contiguous(values, k) -> float:
    """Least SDCM over every split of the sorted values into k non-empty runs."""
    xs = sorted(values)
    n = len(xs)
    best = math.inf
    for cuts in itertools.combinations(range(1, n), k - 1):
        bounds = (0, *cuts, n)
        best = min(best, sdcm_of_groups(xs[a:b] for a, b in zip(bounds, bounds[1:])))
    return best


def best_any_partition(values, k) -> float:
    """Least SDCM over every assignment of the values to k labelled groups (all set
    partitions, contiguous or not: no assumption about the optimum's shape)."""
    best = math.inf
    for labels in itertools.product(range(k), repeat=len(values)):
        if len(set(labels)) != k:
            continue
        groups = [[v for v, lab in zip(values, labels) if lab == g] for g in range(k)]
        best = min(best, sdcm_of_groups(groups))
    return best


class TestFisherJenksPublished:
    def test_jenkspy_reference_example(self):
        assert fisher_jenks(JENKSPY_DATA2, 4) == [416.0, 767.0, 1083.0, 1424.0]

    def test_jenkspy_readme_example(self):
        # jenkspy README: JenksNaturalBreaks(4) on 0..11 -> breaks_ [0, 2, 5, 8, 11]
        assert fisher_jenks(list(range(12)), 4) == [2.0, 5.0, 8.0, 11.0]

    def test_hand_worked_three_groups(self):
        # Three obvious clumps: the optimum keeps each clump whole.
        values = [1, 2, 3, 10, 11, 12, 30, 31]
        assert fisher_jenks(values, 3) == [3.0, 12.0, 31.0]
        # SDCM by hand: 2 + 2 + 0.5
        assert sum_squared_deviations(values, [3, 12, 31]) == pytest.approx(4.5)


class TestFisherJenksOptimal:
    @pytest.mark.parametrize("seed", range(40))
    def test_matches_brute_force_over_contiguous_splits(self, seed):
        rng = np.random.default_rng(seed)
        n = int(rng.integers(4, 11))
        # small integers make ties; lognormal makes skew
        values = (
            rng.integers(0, 8, n).astype(float) if seed % 2 else np.round(rng.lognormal(0, 1, n), 3)
        )
        for k in range(2, 5):
            breaks = fisher_jenks(values, k)
            distinct = len(set(values))
            assert len(breaks) == min(k, distinct)
            if distinct <= k:
                continue
            ours = sum_squared_deviations(values, breaks)
            assert ours == pytest.approx(best_contiguous(values, k), abs=1e-9)

    @pytest.mark.parametrize("seed", range(12))
    def test_matches_brute_force_over_all_set_partitions(self, seed):
        rng = np.random.default_rng(100 + seed)
        k = 3
        values = [0.0]
        while len(set(values)) <= k:  # ties allowed, but more distinct values than k
            values = [float(v) for v in rng.integers(0, 6, 7)]
        ours = sum_squared_deviations(values, fisher_jenks(values, k))
        assert ours == pytest.approx(best_any_partition(values, k), abs=1e-9)

    def test_larger_array_beats_every_single_move(self):
        # Local optimality on a size brute force cannot reach: moving any break to a
        # neighbouring distinct value never lowers the SDCM.
        values = np.random.default_rng(7).lognormal(0, 1.2, 400)
        breaks = fisher_jenks(values, 5)
        best = sum_squared_deviations(values, breaks)
        distinct = np.unique(values)
        for i in range(len(breaks) - 1):
            pos = int(np.searchsorted(distinct, breaks[i]))
            for step in (-1, 1):
                moved = list(breaks)
                moved[i] = float(distinct[pos + step])
                if sorted(set(moved)) != moved:
                    continue
                assert sum_squared_deviations(values, moved) >= best - 1e-9


class TestFisherJenksEdges:
    def test_ties_never_straddle_a_break(self):
        values = [1, 1, 1, 2, 2, 9]
        assert fisher_jenks(values, 2) == [2.0, 9.0]
        idx = classify(values, fisher_jenks(values, 3))
        assert idx == [0, 0, 0, 1, 1, 2]

    def test_k_at_least_distinct_values_gives_one_class_each(self):
        assert fisher_jenks([3, 1, 1, 2], 5) == [1.0, 2.0, 3.0]
        assert fisher_jenks([3, 1, 1, 2], 3) == [1.0, 2.0, 3.0]
        assert fisher_jenks([4, 4, 4], 3) == [4.0]

    def test_nan_and_none_dropped(self):
        assert fisher_jenks([1, float("nan"), 2, None, 10, 11], 2) == [2.0, 11.0]

    def test_empty_and_one_class(self):
        assert fisher_jenks([], 3) == []
        assert fisher_jenks([float("nan")], 3) == []
        assert fisher_jenks([5, 1, 3], 1) == [5.0]

    @pytest.mark.parametrize("k", [0, -1, 2.5, True])
    def test_bad_k_refused(self, k):
        with pytest.raises(ValueError):
            fisher_jenks([1, 2, 3], k)

    def test_infinite_refused(self):
        with pytest.raises(ValueError, match="infinite"):
            fisher_jenks([1, 2, math.inf], 2)

    def test_a_few_thousand_values_quickly(self):
        import time

        values = np.random.default_rng(1).lognormal(size=3000)
        start = time.perf_counter()
        breaks = fisher_jenks(values, 3)
        assert time.perf_counter() - start < 10
        assert breaks[-1] == pytest.approx(values.max())
        gvf = goodness_of_variance_fit(values, breaks)
        assert gvf >= goodness_of_variance_fit(values, quantile_breaks(values, 3))
        assert gvf >= goodness_of_variance_fit(values, head_tail_breaks(values, max_classes=3))


class TestHeadTail:
    def test_hand_worked(self):
        values = [1, 1, 1, 1, 2, 2, 3, 5, 10, 50]
        # mean 7.6, head {10, 50} = 20% < 40% -> split again; mean 30, head {50} is
        # a single value -> stop. Breaks: the means, then the maximum.
        assert head_tail_breaks(values) == pytest.approx([7.6, 30.0, 50.0])
        assert classify(values, head_tail_breaks(values)) == [0] * 8 + [1, 2]

    def test_max_classes(self):
        values = [1, 1, 1, 1, 2, 2, 3, 5, 10, 50]
        assert head_tail_breaks(values, max_classes=2) == pytest.approx([7.6, 50.0])
        assert head_tail_breaks(values, max_classes=1) == [50.0]

    def test_not_heavy_tailed_stops_after_first_split(self):
        # mean 2.5, head {3, 4} = 50% >= 40%: one split only
        assert head_tail_breaks([1, 2, 3, 4]) == [2.5, 4.0]

    def test_head_limit(self):
        assert head_tail_breaks([1, 2, 3, 4], head_limit=0.6) == [2.5, 3.5, 4.0]

    def test_constant_empty_nan(self):
        assert head_tail_breaks([3, 3, 3]) == [3.0]
        assert head_tail_breaks([]) == []
        assert head_tail_breaks([float("nan"), 1, 9]) == [5.0, 9.0]


class TestQuantile:
    def test_hand_worked(self):
        # numpy's linear quantiles of 1..8: 2.75, 4.5, 6.25
        assert quantile_breaks(range(1, 9), 4) == [2.75, 4.5, 6.25, 8.0]
        assert classify(range(1, 9), quantile_breaks(range(1, 9), 4)) == [0, 0, 1, 1, 2, 2, 3, 3]

    def test_ties_merge_breaks(self):
        assert quantile_breaks([1, 1, 1, 1, 1, 2], 3) == [1.0, 2.0]
        assert quantile_breaks([], 3) == []


class TestClassify:
    def test_upper_bounds_inclusive(self):
        assert classify([0, 1, 1.5, 2, 3, 99, -5], [1, 2, 3]) == [0, 0, 1, 1, 2, 2, 0]

    def test_nan_gives_none(self):
        assert classify([float("nan"), None, 2], [1, 2]) == [None, None, 1]
        assert class_index(float("nan"), [1, 2]) is None
        assert class_index(1.5, [1, 2]) == 1

    def test_bad_breaks(self):
        with pytest.raises(ValueError):
            classify([1], [])
        with pytest.raises(ValueError):
            classify([1], [3, 2])

    def test_gvf(self):
        assert goodness_of_variance_fit([1, 1, 5, 5], [1, 5]) == 1.0
        assert goodness_of_variance_fit([2, 2], [2]) == 1.0
