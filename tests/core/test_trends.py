"""core.sources.trends and core.sources.combined on hand-made tables with answers known by construction."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.messages import text
from backflow_plugin.core.sources import combined as sources_trends
from backflow_plugin.core.sources import trends
from tests.core.test_sources import person


def returnees() -> pd.DataFrame:
    """One row per returnee: 2011: 6 Physics; 2012: 6 Physics + 5 Chemistry (its only
    year); 2013: 7 Physics; one without a year, one in 1850."""
    rows = []
    for year, subject, n in ((2011, "Physics", 6), (2012, "Physics", 6), (2012, "Chemistry", 5)):
        rows += [{"return_year": year, "subject": subject}] * n
    rows += [{"return_year": 2013, "subject": "Physics"}] * 7
    rows += [
        {"return_year": None, "subject": "Physics"},
        {"return_year": 1850, "subject": "Physics"},
    ]
    out = pd.DataFrame(rows)
    out["person_id"] = [f"R{i}" for i in range(len(out))]
    return out


def test_year_status_counts_missing_and_out_of_range():
    st = trends.year_status(returnees(), year_range=(2000, 2020)).set_index("status")
    assert st.loc["valid", "persons"] == 24
    assert st.loc["missing", "persons"] == 1
    assert st.loc["out of range", "persons"] == 1
    assert st.loc["out of range", "values"] == "1850"


def test_returns_by_year_overall_and_by_subject():
    t = trends.returns_by_year(returnees(), ["subject"], year_range=(2000, 2020), min_persons=1)
    overall = t[t["by"] == "all"].set_index("year")
    assert list(overall.index) == [2011, 2012, 2013]
    assert list(overall["persons"]) == [6, 11, 7]
    assert (overall["base"] == 24).all()
    assert overall.loc[2012, "share"] == pytest.approx(11 / 24)
    chem = t[(t["by"] == "subject") & (t["group"] == "Chemistry")]
    # a field that appears in one year only
    assert list(chem["year"]) == [2012]
    assert chem["persons"].iloc[0] == 5 and chem["base"].iloc[0] == 11
    assert chem["share"].iloc[0] == pytest.approx(5 / 11)
    note = t.attrs["note"]
    assert "1 returnees without a return year" in note
    assert "1 with a year outside 2000-2020 (1850)" in note
    assert text(note, "zh") == (
        "1 名回国人才没有回国年份；1 名的年份在 2000-2020 之外（1850）：未计入"
    )


def test_small_cells_merge_into_other():
    t = trends.returns_by_year(returnees(), ["subject"], year_range=(2000, 2020), min_persons=6)
    subj = t[t["by"] == "subject"]
    # Chemistry 2012 (5 persons) is under 6: merged into Other, and Other (5) is hidden
    assert "Chemistry" not in set(subj["group"])
    other = subj[subj["group"] == "Other"]
    assert list(other["year"]) == [2012]
    assert other["suppressed"].iloc[0] and pd.isna(other["persons"].iloc[0])
    assert "1 year x group cells with fewer than 6 persons (5 persons)" in t.attrs["note"]
    assert "1 'Other' cells still under 6 hidden" in t.attrs["note"]
    assert text(t.attrs["note"], "zh").endswith(
        "1 个不足 6 人的年份 × 组单元格（5 人）并入“其他”；1 个仍不足 6 人的“其他”单元格已隐藏"
    )


def test_a_year_without_returns_counts_zero():
    p = pd.DataFrame({"person_id": ["a", "b"], "return_year": [2010, 2012]})
    t = trends.returns_by_year(p, min_persons=1)
    assert list(t["year"]) == [2010, 2011, 2012] and list(t["persons"]) == [1, 0, 1]


def test_parse_periods():
    assert trends.parse_periods("2011-2013,2014-2016") == ((2011, 2013), (2014, 2016))
    assert trends.parse_periods("2011–2013; 2014–2016") == ((2011, 2013), (2014, 2016))
    assert trends.parse_periods("2011-2013 2014-2016") == ((2011, 2013), (2014, 2016))
    assert trends.parse_periods("2011,2016") == ((2011, 2011), (2016, 2016))
    assert trends.parse_periods("") is None
    with pytest.raises(BackflowInputError, match="overlap") as err:
        trends.parse_periods("2011-2014,2014-2016")
    assert "PERIODS" in str(err.value) and "2011-2014,2014-2016" in str(err.value)
    with pytest.raises(BackflowInputError, match="Two periods"):
        trends.parse_periods("2011-2013")
    with pytest.raises(BackflowInputError, match="not understood"):
        trends.parse_periods("2011-2013,soon")
    with pytest.raises(BackflowInputError, match="ends before"):
        trends.parse_years("2016-2011")


def test_compare_periods_gain_and_loss_in_points():
    rows = []
    # A: 2011-2013, 10 returnees: Beijing 8, Shanghai 2 (source Boston for all)
    # B: 2014-2016, 10 returnees: Beijing 5, Shanghai 5
    for year, city, n in ((2012, "Beijing", 8), (2012, "Shanghai", 2), (2015, "Beijing", 5)):
        rows += [{"return_year": year, "return_city_id": city, "return_city": city}] * n
    rows += [{"return_year": 2015, "return_city_id": "Shanghai", "return_city": "Shanghai"}] * 5
    p = pd.DataFrame(rows)
    p["person_id"] = range(len(p))
    c = trends.compare_periods(
        p,
        ((2011, 2013), (2014, 2016)),
        {"return city": ("return_city_id", "return_city")},
        min_persons=1,
    ).set_index("name")
    assert c.loc["Shanghai", "change_points"] == pytest.approx(30.0)
    assert c.loc["Beijing", "change_points"] == pytest.approx(-30.0)
    assert list(c.index) == ["Shanghai", "Beijing"]  # largest gain first
    assert c.loc["Beijing", "persons_a"] == 8 and c.loc["Beijing", "share_b"] == 0.5
    # with a minimum of 5, Shanghai's 2 in period A is too small: merged into Other
    c5 = trends.compare_periods(
        p, ((2011, 2013), (2014, 2016)), {"return city": ("return_city_id", "return_city")}
    )
    assert list(c5["name"]) == ["Beijing", "Other"]
    assert "1 return city entries with fewer than 5 persons" in c5.attrs["note"]
    assert text(c5.attrs["note"], "zh") == "1 个在某一时期不足 5 人的回流城市条目并入“其他”"


def test_build_tables_on_stages():
    rows = []
    for i in range(6):
        rows += person(f"B{i}", [("Boston", "US", "Harvard", 2005)], "Beijing", 2012)
    for i in range(5):
        rows += person(f"C{i}", [("Paris", "FR", "Sorbonne", 2005)], "Shanghai", 2015, "Chemistry")
    stages = pd.DataFrame(rows)
    cities = pd.DataFrame({"city_id": ["Beijing|CN", "Shanghai|CN"], "tier": [1, 2]})
    tables = sources_trends.build_tables(
        stages,
        cities,
        subject="subject",
        unit="unit_type",
        periods=((2011, 2013), (2014, 2016)),
        min_persons=5,
    )
    assert list(tables["top_sources"]["label"]) == ["Boston (US)", "Paris (FR)"]
    tr = tables["trends"]
    assert tr.attrs["by"] == ["subject", "unit_type", "tier", "pattern", "return_city"]
    chem = tr[(tr["by"] == "subject") & (tr["group"] == "Chemistry")]
    assert list(chem["year"]) == [2015]
    tier2 = tr[(tr["by"] == "tier") & (tr["group"] == "2")]
    assert list(tier2["persons"]) == [5]
    pat = tr[tr["by"] == "pattern"]
    assert set(pat["group"]) == {"linear"}  # born in Wuhan, back to Beijing / Shanghai
    per = tables["periods"].set_index(["kind", "name"])
    assert per.loc[("source city", "Paris (FR)"), "change_points"] == pytest.approx(100.0)
    assert per.loc[("return city", "Beijing"), "change_points"] == pytest.approx(-100.0)
