"""core.disclosure.rules: the MIN_PERSONS rule and pseudonyms (issue 15)."""

from __future__ import annotations

import pandas as pd

from backflow_plugin.core.disclosure import rules as dc
from backflow_plugin.core.frames import note_of


def test_flows_below_k_persons_are_dropped_and_said():
    flows = pd.DataFrame({"origin": ["A", "B", "C"], "count": [9, 9, 2], "persons": [6, 3, 2]})
    kept, note = dc.suppress_rows(flows, 5)
    assert kept["origin"].tolist() == ["A"]  # persons decide, not moves (B has 9 moves)
    assert note == "2 flows with fewer than 5 persons not shown"
    same, none = dc.suppress_rows(flows, 2)
    assert len(same) == 3 and none is None  # the note only when something is hidden


def test_small_organisations_merge_into_other():
    orgs = pd.DataFrame(
        {
            "rank": [1, 2, 3, 4],
            "org": ["Harvard", "MIT", "Yale", "Rice"],
            "city": ["Boston", "Cambridge", "New Haven", "Houston"],
            "persons": [82, 7, 3, 2],
            "share": [0.8, 0.07, 0.03, 0.02],
        }
    )
    out, note = dc.merge_small_rows(orgs, 5, "org", "organisations", blank=("city",))
    assert out["org"].tolist() == ["Harvard", "MIT", "other (2 organisations)"]
    assert out["persons"].tolist() == [82, 7, 5]
    assert out["share"].iloc[-1] == 0.05 and out["city"].iloc[-1] is None
    assert note == "2 organisations with fewer than 5 persons merged into 'other'"


def test_other_row_under_k_is_left_out():
    orgs = pd.DataFrame({"org": ["Harvard", "Yale"], "persons": [82, 3], "share": [0.96, 0.04]})
    out, note = dc.merge_small_rows(orgs, 5, "org", "organisations")
    assert out["org"].tolist() == ["Harvard"]
    assert note == "1 organisation with fewer than 5 persons (together too) not shown"


def test_report_tables_cells_and_notes():
    t1 = pd.DataFrame(
        {
            "subject": ["Physics", "Maths", "All"],
            "university": [40, 3, 43],
            "enterprise": [0, 2, 2],
            "total": [40, 5, 45],
            "top_cities": ["Beijing (30); Wuhan (4)", "Hefei (5)", "Beijing (30); Hefei (5)"],
            "top1_city": ["Beijing", "Hefei", "Beijing"],
            "top1_count": [30, 5, 30],
            "top2_city": ["Wuhan", None, "Hefei"],
            "top2_count": pd.array([4, None, 5], dtype="Int64"),
        }
    )
    pat = pd.DataFrame(
        {
            "by": ["all", "subject"],
            "group": ["All", "Maths"],
            "circle": [30, 3],
            "linear": [15, 2],
            "total": [45, 5],
            "circle_share": [0.67, 0.6],
            "linear_share": [0.33, 0.4],
            "no_pattern": [0, 0],
        }
    )
    tables = {"table1": t1, "patterns": pat}
    notes = dc.protect_report(tables, 5)
    t = tables["table1"].set_index("subject")
    assert pd.isna(t.loc["Maths", "university"]) and pd.isna(t.loc["Maths", "enterprise"])
    assert t.loc["Physics", "enterprise"] == 0  # zero is no person: shown
    assert t.loc["Maths", "total"] == 5
    assert pd.isna(t.loc["Physics", "top2_count"]) and t.loc["Physics", "top2_city"] is None
    assert t.loc["Physics", "top_cities"] == "Beijing (30)"
    # All's enterprise (2) would be 45 - 43: the university column of All goes too
    assert pd.isna(t.loc["All", "university"]) and t.loc["Physics", "university"] == 40
    assert notes["table1"] == (
        "disclosure control (MIN_PERSONS = 5): 4 cells of 1 to 4 persons hidden; "
        "complementary suppression: 1 more cell hidden so that no hidden count can be "
        "recomputed from the totals (a row or column with a hidden cell has two or more, "
        "as few and as small as possible)"
    )
    assert note_of(tables["table1"]) == notes["table1"]
    p = tables["patterns"]
    assert p["group"].tolist() == ["All", "Maths"]  # Maths has 5 persons: shown
    # its 3 circle and 2 linear routes are small cells; the one group is the all row
    assert p[["circle", "linear"]].isna().all().all() and p["total"].tolist() == [45, 5]
    small = dc.merge_pattern_groups(pat.assign(total=[45, 4], circle=[30, 2]), 5)
    assert small[0]["group"].tolist() == ["All"]
    assert small[1] == "subject: 1 group of fewer than 5 persons (together too) not shown"
    untouched = {"table1": t1.copy()}
    assert dc.protect_report(untouched, 1) == {}


def test_pseudonyms_are_salted_stable_and_keep_empties():
    ids = pd.Series(["P1", "P2", "P1", "", None], dtype=object)
    a = dc.pseudonymise(ids, "salt-a")
    b = dc.pseudonymise(ids, "salt-b")
    assert a.iloc[0] == a.iloc[2] and a.iloc[0] != a.iloc[1]
    assert len(a.iloc[0]) == 16 and set(a.iloc[0]) <= set("0123456789abcdef")
    assert a.iloc[0] != b.iloc[0] and "P1" not in a.tolist()
    assert a.iloc[3] == "" and a.iloc[4] is None
    assert dc.new_salt() != dc.new_salt()


# ------------------------------------------------------------------ small studies


def test_small_study_threshold_hides_most_and_offers_two():
    # a 20-person CV study: 38 flows of one person, 9 of two
    from backflow_plugin.core.disclosure.rules import check_threshold

    check = check_threshold([1] * 38 + [2] * 9, 5)
    assert (check.total, check.shown, check.hidden) == (47, 0, 47)
    assert check.mostly_hidden
    assert (check.suggested, check.shown_at_suggested) == (2, 9)


def test_offered_threshold_is_the_highest_showing_half():
    from backflow_plugin.core.disclosure.rules import check_threshold

    counts = [1] * 2 + [2] * 2 + [3] * 3 + [4] * 2 + [9]  # 10 flows
    check = check_threshold(counts, 6)
    assert check.shown == 1 and check.mostly_hidden
    # 3 draws 6 of 10 (half or more); 4 only 3
    assert (check.suggested, check.shown_at_suggested) == (3, 6)


def test_no_offer_when_nothing_is_hidden_or_nothing_would_show():
    from backflow_plugin.core.disclosure.rules import check_threshold

    assert check_threshold([5, 7, 9], 5).suggested is None
    assert not check_threshold([5, 7, 9], 5).mostly_hidden
    only_ones = check_threshold([1, 1, 1, None], 5)
    assert only_ones.mostly_hidden and only_ones.shown == 0 and only_ones.suggested is None
    everything = check_threshold([1, 1, 2], 1)
    assert everything.shown == 3 and not everything.mostly_hidden
    assert check_threshold([], 5).total == 0 and not check_threshold([], 5).mostly_hidden


def test_a_long_tail_of_small_flows_is_not_a_hidden_map():
    from backflow_plugin.core.disclosure.rules import ThresholdCheck, map_mostly_hidden

    # the paper's synthetic sample at 5: 346 of 6,478 flows, 407 of 440 cities drawn
    sample = ThresholdCheck(5, 6478, 346)
    assert sample.mostly_hidden  # most city pairs are one or two persons...
    assert not map_mostly_hidden(sample, ThresholdCheck(5, 440, 407))  # ...the map is there
    # the 20-person study: no flow, 2 of 24 cities
    assert map_mostly_hidden(ThresholdCheck(5, 47, 0), ThresholdCheck(5, 24, 2))
    assert map_mostly_hidden(ThresholdCheck(5, 47, 0))  # every flow hidden
    assert map_mostly_hidden(ThresholdCheck(5, 40, 9), ThresholdCheck(5, 30, 20))  # thin
    assert not map_mostly_hidden(ThresholdCheck(5, 40, 12), ThresholdCheck(5, 30, 20))
    assert not map_mostly_hidden(ThresholdCheck(5, 0, 0), ThresholdCheck(5, 0, 0))
