"""Tier classes on a hand-built frame: every method, candidates, ranks, stability."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.network import tiers
from backflow_plugin.core.network.tiers import is_regional_centre, parse_thresholds
from backflow_plugin.core.schema import TIER_LABELS, TIER_METHODS


# The hand-built frame below is about betweenness; the plugin's default measure is degree.
def assign_tiers(*args, **kwargs):
    kwargs.setdefault("measure", "betweenness")
    return tiers.assign_tiers(*args, **kwargs)


def stability(*args, **kwargs):
    kwargs.setdefault("measure", "betweenness")
    return tiers.stability(*args, **kwargs)


# Eight candidate cities in three obvious betweenness clumps
# {BJ .50, SH .46} {NJ .20, WH .18} {HF .05, MY .04, CQ .02, XY .01},
# plus ZZ (no returnee) and NY (abroad), which are never classed.
ROWS = [
    # city_id, betweenness, degree, admin_rank, returnees, domestic
    ("BJ", 0.50, 30, "municipality", 60, True),
    ("SH", 0.46, 12, "municipality", 50, True),
    ("NJ", 0.20, 28, "sub-provincial city", 30, True),
    ("WH", 0.18, 11, "sub-provincial city", 30, True),
    ("HF", 0.05, 10, "provincial capital", 12, True),
    ("MY", 0.04, 3, "prefecture-level city", 4, True),
    ("CQ", 0.02, 2, "municipality", 6, True),
    ("XY", 0.01, 1, "prefecture-level city", 1, True),
    ("ZZ", 0.00, 1, "provincial capital", 0, True),
    ("NY", 0.90, 40, None, 0, False),
]


@pytest.fixture
def cities():
    return pd.DataFrame(
        [(c, r, n, d, "CN" if d else "US") for c, _, _, r, n, d in ROWS],
        columns=["city_id", "admin_rank", "returnees", "domestic", "country"],
    )


@pytest.fixture
def measures():
    return pd.DataFrame(
        [(c, b, g) for c, b, g, *_ in ROWS], columns=["city_id", "betweenness", "degree"]
    )


def tiers_of(frame: pd.DataFrame) -> dict:
    return {c: (None if pd.isna(t) else int(t)) for c, t in zip(frame["city_id"], frame["tier"])}


def members(frame: pd.DataFrame, tier: int) -> set:
    return set(frame.loc[frame["tier"] == tier, "city_id"])


class TestMethods:
    def test_hybrid_is_the_papers_typology(self, measures, cities):
        frame, info = assign_tiers(measures, cities)
        assert members(frame, 1) == {"BJ", "SH"}  # top natural-breaks class
        # middle class (NJ, WH) plus the regional centres HF (capital), CQ (municipality)
        assert members(frame, 2) == {"NJ", "WH", "HF", "CQ"}
        assert members(frame, 3) == {"MY", "XY"}  # prefecture-level, low class
        assert tiers_of(frame)["ZZ"] is None and tiers_of(frame)["NY"] is None
        assert info["counts"] == {1: 2, 2: 4, 3: 2}
        assert info["breaks"] == pytest.approx([0.05, 0.20, 0.50])
        assert info["candidates"] == 8 and info["method"] == "hybrid"
        assert info["tier_minimum"] == {1: 0.46, 2: 0.02, 3: 0.01}

    def test_hybrid_without_rank_field_is_natural_breaks(self, measures, cities):
        a, _ = assign_tiers(measures, cities, method="hybrid", rank_field=None)
        b, _ = assign_tiers(measures, cities, method="natural_breaks")
        assert tiers_of(a) == tiers_of(b)

    def test_natural_breaks(self, measures, cities):
        frame, info = assign_tiers(measures, cities, method="natural_breaks")
        assert members(frame, 1) == {"BJ", "SH"}
        assert members(frame, 2) == {"NJ", "WH"}
        assert members(frame, 3) == {"HF", "MY", "CQ", "XY"}
        assert info["classes"] == 3

    def test_head_tail(self, measures, cities):
        # mean of the 8 = 1.46/8 = .1825; head {.50,.46,.20} = 37.5% < 40%;
        # its mean .3867 -> head {.50, .46}; three classes reached.
        frame, info = assign_tiers(measures, cities, method="head_tail")
        assert info["breaks"] == pytest.approx([0.1825, 1.16 / 3, 0.50])
        assert members(frame, 1) == {"BJ", "SH"}
        assert members(frame, 2) == {"NJ"}  # .20 > .1825 ; WH .18 is in the tail
        assert members(frame, 3) == {"WH", "HF", "MY", "CQ", "XY"}

    def test_quantile(self, measures, cities):
        # linear quantiles of .01 .02 .04 .05 .18 .20 .46 .50 at 1/3, 2/3:
        # .04 + (1/3)(.01) = .04333, .18 + (2/3)(.02) = .19333
        frame, info = assign_tiers(measures, cities, method="quantile")
        assert info["breaks"] == pytest.approx([0.04 + 0.01 / 3, 0.18 + 0.02 * 2 / 3, 0.5])
        assert members(frame, 1) == {"BJ", "SH", "NJ"}
        assert members(frame, 2) == {"WH", "HF"}
        assert members(frame, 3) == {"MY", "CQ", "XY"}

    def test_top_n(self, measures, cities):
        frame, info = assign_tiers(measures, cities, method="top_n", n_core=2, n_excellent=3)
        assert members(frame, 1) == {"BJ", "SH"}
        assert members(frame, 2) == {"NJ", "WH", "HF"}
        assert members(frame, 3) == {"MY", "CQ", "XY"}
        assert info["breaks"] == pytest.approx([0.46, 0.05])
        assert info["warnings"] == []

    def test_top_n_reports_a_cut_through_a_tie(self, measures, cities):
        m = measures.assign(betweenness=measures["betweenness"].replace(0.46, 0.20))
        frame, info = assign_tiers(m, cities, method="top_n", n_core=2, n_excellent=3)
        # SH and NJ both .20: SH wins the tie by returnees (50 > 30)
        assert members(frame, 1) == {"BJ", "SH"}
        assert any("core cut" in w for w in info["warnings"])

    def test_top_n_larger_than_candidates(self, measures, cities):
        frame, info = assign_tiers(measures, cities, method="top_n")  # 4 + 23 > 8
        assert info["counts"] == {1: 4, 2: 4, 3: 0}

    def test_thresholds(self, measures, cities):
        frame, info = assign_tiers(measures, cities, method="thresholds", thresholds="0.3, 0.1")
        assert members(frame, 1) == {"BJ", "SH"}
        assert members(frame, 2) == {"NJ", "WH"}
        assert members(frame, 3) == {"HF", "MY", "CQ", "XY"}
        assert info["breaks"] == [0.3, 0.1]
        # a value equal to a threshold is in the higher tier
        frame, _ = assign_tiers(measures, cities, method="thresholds", thresholds=[0.46, 0.18])
        assert members(frame, 1) == {"BJ", "SH"} and "WH" in members(frame, 2)

    @pytest.mark.parametrize("method", TIER_METHODS)
    def test_every_method_labels_and_ranks(self, measures, cities, method):
        frame, info = assign_tiers(measures, cities, method=method, thresholds="0.3, 0.1")
        assert list(frame.columns) == ["city_id", "tier", "tier_label", "rank"]
        assert str(frame["tier"].dtype) == "Int64" and str(frame["rank"].dtype) == "Int64"
        for tier, label in zip(frame["tier"], frame["tier_label"]):
            assert label == (None if pd.isna(tier) else TIER_LABELS[int(tier)])
        ranks = dict(zip(frame["city_id"], frame["rank"]))
        assert [ranks[c] for c in ["BJ", "SH", "NJ", "WH", "HF", "MY", "CQ", "XY"]] == list(
            range(1, 9)
        )
        assert pd.isna(ranks["ZZ"]) and pd.isna(ranks["NY"])
        assert sum(info["counts"].values()) == info["candidates"] == 8
        # a higher tier never holds a lower measure than the whole of a lower tier
        if method != "hybrid":
            mins = info["tier_minimum"]
            vals = dict(zip(measures["city_id"], measures["betweenness"]))
            for t in (2, 3):
                lower = [vals[c] for c in members(frame, t)]
                if lower and mins[t - 1] is not None:
                    assert max(lower) <= mins[t - 1]


class TestCandidates:
    def test_min_returnees(self, measures, cities):
        frame, info = assign_tiers(measures, cities, min_returnees=10)
        assert set(frame.loc[frame["tier"].notna(), "city_id"]) == {"BJ", "SH", "NJ", "WH", "HF"}
        assert info["candidates"] == 5

    def test_domestic_from_country(self, measures, cities):
        frame, _ = assign_tiers(
            measures,
            cities.drop(columns="domestic").assign(
                returnees=lambda d: d["returnees"].where(d["city_id"] != "NY", 5)
            ),
        )
        assert tiers_of(frame)["NY"] is None  # US, not CN
        frame, _ = assign_tiers(
            measures,
            cities.drop(columns="domestic").assign(returnees=5),
            home_country="US",
            method="natural_breaks",
        )
        assert tiers_of(frame)["NY"] == 1 and tiers_of(frame)["BJ"] is None

    def test_missing_measure_value_not_classed(self, measures, cities):
        m = measures.assign(betweenness=measures["betweenness"].where(measures["city_id"] != "MY"))
        frame, info = assign_tiers(m, cities)
        assert tiers_of(frame)["MY"] is None and info["candidates"] == 7

    def test_no_candidates(self, measures, cities):
        frame, info = assign_tiers(measures, cities.assign(returnees=0))
        assert frame["tier"].isna().all()
        assert info["counts"] == {1: 0, 2: 0, 3: 0}
        assert info["warnings"]

    def test_all_equal_values_one_class(self, measures, cities):
        frame, info = assign_tiers(
            measures.assign(betweenness=0.0), cities, method="natural_breaks"
        )
        assert info["classes"] == 1 and info["counts"][1] == 8
        assert info["warnings"]

    def test_numeric_ids(self):
        cities = pd.DataFrame(
            {
                "city_id": [1, 2, 3],
                "returnees": [1, 1, 1],
                "domestic": [True] * 3,
                "admin_rank": [None] * 3,
            }
        )
        measures = pd.DataFrame({"city_id": ["1", "2", "3"], "betweenness": [0.0, 0.5, 0.9]})
        frame, _ = assign_tiers(measures, cities, method="natural_breaks")
        assert tiers_of(frame) == {"1": 3, "2": 2, "3": 1}


class TestRanks:
    @pytest.mark.parametrize(
        "text",
        [
            "municipality",
            "Provincial Capital",
            " 省会 ",
            "直辖市",
            "副省级城市",
            "sub-provincial city",
        ],
    )
    def test_regional_centres(self, text):
        assert is_regional_centre(text)

    @pytest.mark.parametrize("text", ["prefecture-level city", "", None, float("nan"), "地级市"])
    def test_not_regional_centres(self, text):
        assert not is_regional_centre(text)

    def test_chinese_rank_values_in_hybrid(self, measures, cities):
        c = cities.assign(admin_rank=cities["admin_rank"].replace("provincial capital", "省会"))
        frame, _ = assign_tiers(measures, c)
        assert tiers_of(frame)["HF"] == 2

    def test_user_rank_field(self, measures, cities):
        c = cities.assign(
            level=["municipality"] * 2 + [None] * 3 + ["provincial capital"] + [None] * 4
        )
        frame, _ = assign_tiers(measures, c, rank_field="level")
        assert tiers_of(frame)["MY"] == 2 and tiers_of(frame)["HF"] == 3


class TestErrors:
    def test_unknown_method_measure(self, measures, cities):
        with pytest.raises(BackflowInputError, match="method"):
            assign_tiers(measures, cities, method="kmeans")
        with pytest.raises(BackflowInputError, match="measure"):
            assign_tiers(measures, cities, measure="katz")

    def test_missing_columns(self, measures, cities):
        with pytest.raises(BackflowInputError, match="returnees"):
            assign_tiers(measures, cities.drop(columns="returnees"))
        with pytest.raises(BackflowInputError, match="rank field"):
            assign_tiers(measures, cities, rank_field="rang")

    @pytest.mark.parametrize(
        "bad", [None, "", "0.1", "0.1, 0.3", "a, b", "1, 2, 3", [1, float("nan")]]
    )
    def test_bad_thresholds(self, measures, cities, bad):
        with pytest.raises(BackflowInputError, match="thresholds"):
            assign_tiers(measures, cities, method="thresholds", thresholds=bad)

    def test_parse_thresholds(self):
        assert parse_thresholds("0.3; 0.1") == [0.3, 0.1]
        assert parse_thresholds("5，5") == [5.0, 5.0]
        assert parse_thresholds((2, 1)) == [2.0, 1.0]

    def test_too_few_classes(self, measures, cities):
        with pytest.raises(BackflowInputError, match="two classes"):
            assign_tiers(measures, cities, classes=1)


class TestStability:
    def test_share_changed_by_hand(self, measures, cities):
        # natural breaks by degree: {30 BJ, 28 NJ} {12 SH, 11 WH, 10 HF} {3, 2, 1}
        # (SDCM 2 + 2 + 2) against betweenness {BJ, SH} {NJ, WH} {HF, MY, CQ, XY}
        frame, share = stability(
            measures, cities, method="natural_breaks", measures_to_try=("betweenness", "degree")
        )
        by_degree, _ = assign_tiers(measures, cities, method="natural_breaks", measure="degree")
        by_bc, _ = assign_tiers(measures, cities, method="natural_breaks")
        expected = {
            c
            for c in tiers_of(by_bc)
            if tiers_of(by_bc)[c] is not None and tiers_of(by_bc)[c] != tiers_of(by_degree)[c]
        }
        assert set(frame.loc[frame["changed"], "city_id"]) == expected
        assert share == pytest.approx(len(expected) / 8)
        assert list(frame.columns) == ["city_id", "tier", "tier_degree", "changed"]
        assert frame.attrs["share_changed_by_measure"] == {"degree": share}
        # SH 1 -> 2, NJ 2 -> 1, HF 3 -> 2
        assert expected == {"SH", "NJ", "HF"}

    def test_same_measure_never_changes_and_empty_measure_skipped(self, measures, cities):
        m = measures.assign(eigenvector=np.nan)
        frame, share = stability(m, cities, measures_to_try=("betweenness", "eigenvector"))
        assert share == 0.0
        assert not frame["changed"].any()
        assert frame.attrs["skipped"] == ["eigenvector"]
        assert len(frame) == 8
