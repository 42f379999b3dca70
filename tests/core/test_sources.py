"""core.sources.cities on a hand-made table whose answers are known by construction."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.messages import text
from backflow_plugin.core.sources import cities as sources

CN = "CN"


def person(pid, stays, ret, year_ret, subject="Physics", unit="university", birth="Wuhan"):
    """Rows of one person: birth (CN), overseas stays [(city, country, org, year)...], return."""
    rows = [(birth, CN, None, 1980, "birth")]
    rows += [(c, k, o, y, "phd" if i == 0 else "postdoc") for i, (c, k, o, y) in enumerate(stays)]
    if ret:
        rows.append((ret, CN, f"{ret} University", year_ret, "return"))
    return [
        {
            "person_id": pid,
            "seq": i + 1,
            "stage": stage,
            "city_id": f"{city}|{country}",
            "city": city,
            "country": country,
            "domestic": country == CN,
            "org": org,
            "year": year,
            "subject": subject,
            "unit_type": unit,
        }
        for i, (city, country, org, year, stage) in enumerate(rows)
    ]


def table() -> pd.DataFrame:
    rows = []
    # Boston feeds Beijing only (6 persons).
    for i in range(6):
        rows += person(f"B{i}", [("Boston", "US", "Harvard", 2005)], "Beijing", 2010)
    # Paris feeds Beijing (5) and Shanghai (5).
    for i in range(5):
        rows += person(f"P{i}", [("Paris", "FR", "Sorbonne", 2004)], "Beijing", 2011)
        rows += person(f"Q{i}", [("Paris", "FR", "Sorbonne", 2004)], "Shanghai", 2012)
    # Two stays: London 5 years, then Tokyo 2 years -> last Tokyo, longest London.
    rows += person(
        "L1", [("London", "GB", "UCL", 2000), ("Tokyo", "JP", "U Tokyo", 2005)], "Shanghai", 2007
    )
    # Two stays, one without a year: the longest is not guessed.
    rows += person(
        "M1", [("London", "GB", "UCL", None), ("Tokyo", "JP", "U Tokyo", 2005)], "Shanghai", 2007
    )
    # One stay in Cambridge (US): Harvard 6 years then MIT 1 year -> one stay, org Harvard.
    rows += person(
        "C1",
        [("Cambridge", "US", "Harvard", 2000), ("Cambridge", "US", "MIT", 2006)],
        "Hefei",
        2007,
    )
    # Cambridge (GB) stays apart from Cambridge (US).
    rows += person("C2", [("Cambridge", "GB", "Cambridge U", 2001)], "Hefei", 2006)
    # Never returned: no source.
    rows += person("N1", [("Boston", "US", "MIT", 2005)], None, None)
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def people():
    return sources.person_sources(table())


def test_one_row_per_returnee(people):
    assert len(people) == 20  # 6 + 10 + L1 + M1 + C1 + C2; N1 never returned
    assert "N1" not in set(people["person_id"])


def test_last_and_longest_stay(people):
    row = people.set_index("person_id").loc["L1"]
    assert (row["last_label"], row["last_org"]) == ("Tokyo (JP)", "U Tokyo")
    assert (row["longest_label"], row["longest_org"]) == ("London (GB)", "UCL")
    assert row["longest_years"] == 5 and row["longest_basis"] == "years"
    assert row["stays"] == 2


def test_longest_not_guessed_without_years(people):
    row = people.set_index("person_id").loc["M1"]
    assert row["last_label"] == "Tokyo (JP)"
    assert pd.isna(row["longest_city_id"]) and row["longest_basis"] == "years missing"


def test_a_stay_is_a_run_of_one_city(people):
    row = people.set_index("person_id").loc["C1"]
    assert row["stays"] == 1 and row["longest_basis"] == "only stay"
    assert row["longest_years"] == 7  # 2000 -> 2007 (the return)
    assert row["longest_org"] == "Harvard"  # 6 years against MIT's 1
    assert row["last_org"] == "MIT"
    assert people.set_index("person_id").loc["C2", "last_label"] == "Cambridge (GB)"


def test_top_sources_add_up(people):
    top = sources.top_sources(people, "last", n=2, min_persons=5)
    assert list(top["label"]) == ["Paris (FR)", "Boston (US)", "Other"]
    assert list(top["persons"]) == [10, 6, 4]
    assert top["persons"].sum() == top["base"].iloc[0] == 20
    assert top["share"].iloc[0] == pytest.approx(10 / 20)
    # Tokyo (L1, M1), Cambridge (US), Cambridge (GB): under 5 persons, merged
    assert "3 source cities with fewer than 5 persons (4 persons in all)" in top.attrs["note"]
    # the run log's Chinese: the note is a message
    assert text(top.attrs["note"], "zh") == "3 个不足 5 人的来源城市（共 4 人）并入“其他”"


def test_longest_basis_counts_unknown(people):
    top = sources.top_sources(people, "longest", n=20, min_persons=1)
    by = dict(zip(top["label"], top["persons"]))
    assert by["London (GB)"] == 1 and "Tokyo (JP)" not in by  # L1's longest is London
    assert by["Unknown"] == 1  # M1
    assert "Cambridge (US)" in by and "Cambridge (GB)" in by
    assert sum(by.values()) == 20


def test_matrix_source_feeding_one_city(people):
    m = sources.source_return_matrix(people, n_return=3, n_source=5, min_persons=5)
    boston = m[m["source"] == "Boston (US)"]
    assert list(boston["return_city"]) == ["Beijing"]
    assert boston["persons"].iloc[0] == 6
    assert boston["source_share"].iloc[0] == pytest.approx(1.0)
    assert boston["share"].iloc[0] == pytest.approx(6 / 11)  # Beijing: 6 Boston + 5 Paris
    paris = m[m["source"] == "Paris (FR)"].set_index("return_city")
    assert paris.loc["Shanghai", "source_share"] == pytest.approx(0.5)
    # Hefei has 2 returnees: under the minimum, not a column of the matrix
    assert "Hefei" not in set(m["return_city"])
    assert "1 return cities with fewer than 5 returnees not shown" in m.attrs["note"]
    assert text(m.attrs["note"], "zh") == "1 个回国人才不足 5 人的回流城市未显示"
    # Shanghai: Paris 5, then L1 and M1 from Tokyo (2 persons: merged into Other)
    sh = m[m["return_city"] == "Shanghai"].set_index("source")
    assert sh.loc["Other", "persons"] == 2 and sh["persons"].sum() == 7
    wide = sources.matrix_wide(m)
    assert wide.loc["Boston (US)", "Shanghai"] == 0 and wide.loc["Boston (US)", "Beijing"] == 6


def test_matrix_min_persons_one_lists_every_cell(people):
    m = sources.source_return_matrix(people, n_return=10, n_source=10, min_persons=1)
    assert "Other" not in set(m["source"])
    assert m["persons"].sum() == 20


def test_sources_by_tier(people):
    cities = pd.DataFrame({"city_id": ["Beijing|CN", "Shanghai|CN", "Hefei|CN"], "tier": [1, 1, 2]})
    t = sources.sources_by_tier(people, cities, n=3, min_persons=1)
    t1 = t[t["tier"] == 1]
    assert list(t1["source"])[:2] == ["Paris (FR)", "Boston (US)"]
    assert t1["base"].iloc[0] == 18 and t1["persons"].iloc[0] == 10
    t2 = t[t["tier"] == 2]
    assert set(t2["source"]) == {"Cambridge (US)", "Cambridge (GB)"}
    assert t2["tier_label"].iloc[0] == "regional excellent"
    empty = sources.sources_by_tier(people, None)
    assert empty.empty and "no `tier` column" in empty.attrs["note"]
    assert (
        text(empty.attrs["note"], "zh") == "无法提供：没有 `tier` 列（请运行 backflow:citynetwork）"
    )


def test_labelled_return_after_a_domestic_stage_has_no_last_source():
    rows = person("D1", [("Boston", "US", "MIT", 2000)], "Hefei", 2008)
    rows.insert(2, {**rows[0], "stage": "work", "city": "Wuhan", "year": 2004})
    rows = [{**r, "seq": i + 1} for i, r in enumerate(rows)]
    # Boston, then a job in Wuhan, then the stage labelled return (Hefei)
    people = sources.person_sources(pd.DataFrame(rows))
    row = people.iloc[0]
    assert row["return_city"] == "Hefei"  # the explicit label wins
    assert pd.isna(row["last_city_id"])  # Wuhan, a domestic stage, came just before
    assert row["longest_label"] == "Boston (US)" and row["longest_years"] == 4
    top = sources.top_sources(people, "last", min_persons=1)
    assert (
        list(top["label"]) == ["Unknown"] and "no overseas stage just before" in top.attrs["note"]
    )
    assert text(top.attrs["note"], "zh") == "1 名回国人才没有来源：回国前没有境外阶段"


def test_longest_stay_keeps_its_own_missing_org():
    rows = person(
        "O1", [("London", "GB", None, 2000), ("Tokyo", "JP", "U Tokyo", 2005)], "Hefei", 2007
    )
    row = sources.person_sources(pd.DataFrame(rows)).iloc[0]
    assert row["longest_label"] == "London (GB)" and row["longest_years"] == 5
    assert row["longest_org"] is None  # not Tokyo's organisation


def test_stages_out_of_order_give_the_same_sources():
    # the table written in reverse: each person's stages are found by seq, not by row
    shuffled = table().iloc[::-1].reset_index(drop=True)
    ordered = sources.person_sources(table()).set_index("person_id").sort_index()
    reverse = sources.person_sources(shuffled).set_index("person_id").sort_index()
    pd.testing.assert_frame_equal(reverse, ordered)
    assert reverse.loc["L1", "last_city"] == "Tokyo"
    assert reverse.loc["L1", "longest_city"] == "London"
