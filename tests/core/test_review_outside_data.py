"""Outside check of source cities, trends and two periods on tables unlike the sample:
nobody returned, period strings typed as people type them."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.sources import combined as sources_trends
from backflow_plugin.core.sources import trends
from tests.core.test_sources import person


def test_no_returnee_gives_empty_tables_not_a_traceback():
    stages = pd.DataFrame(person("N1", [("Boston", "US", "MIT", 2005)], None, None))
    tables = sources_trends.build_tables(stages, periods=((2011, 2013), (2014, 2016)))
    assert len(tables["person_sources"]) == 0
    assert tables["top_sources"]["persons"].sum() == 0
    assert tables["trends"]["persons"].sum() == 0


@pytest.mark.parametrize(
    "text",
    [
        "2011 - 2013, 2014 - 2016",
        "2011 – 2013 2014 – 2016",
        "2011 至 2013；2014 至 2016",
        "2011年-2013年, 2014年-2016年",
        " 2011–2013 ,  2014–2016 ",
    ],
)
def test_periods_typed_with_spaces_or_chinese(text):
    assert trends.parse_periods(text) == ((2011, 2013), (2014, 2016))


def test_periods_still_reject_three_ranges():
    with pytest.raises(BackflowInputError, match="Two periods"):
        trends.parse_periods("2011-2012, 2013-2014, 2015-2016")


def test_a_year_under_min_persons_is_hidden_overall_and_in_its_denominators():
    """2011 has 6 returnees: with MIN_PERSONS 7 its 'Other' (all 6) was hidden while the
    overall row and the n of the same row still said 6."""
    from tests.core.test_trends import returnees

    t = trends.returns_by_year(returnees(), ["subject"], year_range=(2000, 2020), min_persons=7)
    overall = t[t["by"] == "all"].set_index("year")
    assert bool(overall.loc[2011, "suppressed"]) and pd.isna(overall.loc[2011, "persons"])
    assert overall.loc[2012, "persons"] == 11 and overall.loc[2013, "persons"] == 7
    in_2011 = t[t["year"] == 2011]
    assert in_2011["persons"].isna().all() and in_2011["share"].isna().all()
    assert in_2011.loc[in_2011["by"] == "subject", "base"].isna().all()
    assert t.attrs["hidden_years"] == [2011]
    # a year without returns is not a small count
    p = pd.DataFrame({"person_id": list("abcdef"), "return_year": [2010] * 3 + [2012] * 3})
    t = trends.returns_by_year(p, min_persons=3)
    assert list(t["persons"]) == [3, 0, 3]


def test_regions_section_respects_min_persons():
    """The report printed regions with one returnee and matrix cells of one move whatever
    MIN_PERSONS said (Nobel laureates by country at MIN_PERSONS 50)."""
    from backflow_plugin.core.report.regions_section import regions_section

    regions = pd.DataFrame({
        "name": ["Big", "Tiny"], "returnees": [12, 2], "returnee_share": [12 / 14, 2 / 14],
        "inflow": [20, 3], "outflow": [4, 1], "net_flow": [16, 2], "talent_export": [6, 1],
        "circle_share": [0.5, 0.5], "tier_mix": ["1 / 0 / 0", "0 / 1 / 0"],
    })  # fmt: skip
    matrix = pd.DataFrame({
        "from_region": ["Big", "Tiny", "total"], "Big": [9, 1, 10], "Tiny": [3, 0, 3],
        "total": [12, 1, 13],
    })  # fmt: skip
    regions.attrs["min_persons"] = matrix.attrs["min_persons"] = 5
    html = regions_section(matrix, regions)
    start = html.index(">Tiny</td>")
    tiny = html[start : html.index("</tr>", start)]
    assert ">2<" not in tiny and "14.29" not in tiny and "&lt; 5" in tiny
    # 12 is at the minimum but 14 returnees less 12 would give Tiny's 2 away: hidden too,
    # and so is the matrix's 9 (13 moves less 9, 3 and 0)
    big = html[html.index(">Big</td>") : html.index("</tr>", html.index(">Big</td>"))]
    assert ">12<" not in big and ">hidden<" in big
    assert "1 more region hidden (the smallest)" in html
    assert ">9<" not in html and ">13<" in html  # the grand total stays
    assert "fewer than 5" in html
    # without a minimum (regional flows alone) every count is shown
    regions.attrs["min_persons"] = matrix.attrs["min_persons"] = 1
    html = regions_section(matrix, regions)
    assert "&lt;" not in html and "14.29" in html


def test_report_matrix_of_many_regions_keeps_the_largest_and_sums_the_rest():
    """240 countries as regions gave the report a 70 x 70 matrix nobody can read."""
    from backflow_plugin.core.report.regions_section import MATRIX_MAX, OTHER_REGIONS, trim_matrix

    n = MATRIX_MAX + 5
    names = [f"R{i:02d}" for i in range(n)]
    # region i sends i + 1 moves to itself: R(n-1) is the largest
    data = {"from_region": names + ["total"]}
    for j, col in enumerate(names):
        data[col] = [j + 1 if i == j else 0 for i in range(n)] + [j + 1]
    data["total"] = [i + 1 for i in range(n)] + [sum(range(1, n + 1))]
    # as the report reads it back from a CSV table output: numbers as text
    trimmed = trim_matrix(pd.DataFrame(data).astype(str))
    kept = [c for c in trimmed.columns if c not in ("from_region", "total")]
    assert len(kept) == MATRIX_MAX + 1 and kept[-1] == OTHER_REGIONS
    assert "R00" not in kept and f"R{n - 1:02d}" in kept
    other = trimmed[trimmed["from_region"] == OTHER_REGIONS].iloc[0]
    assert other[OTHER_REGIONS] == sum(range(1, 6)) and other["total"] == sum(range(1, 6))
    total = trimmed[trimmed["from_region"] == "total"].iloc[0]
    assert total["total"] == sum(range(1, n + 1)) == sum(total[c] for c in kept)


def test_regions_section_reads_in_chinese():
    """The Chinese report (LANGUAGE zh) left the whole Regions section in English."""
    from backflow_plugin.core.messages import speaking
    from backflow_plugin.core.report.regions_section import regions_section

    regions = pd.DataFrame({
        "name": ["长三角", "京津冀"], "returnees": [12, 2], "returnee_share": [12 / 14, 2 / 14],
        "inflow": [20, 3], "outflow": [4, 1], "net_flow": [16, 2], "talent_export": [6, 1],
        "circle_share": [0.5, 0.5], "tier_mix": ["1 / 0 / 0", "0 / 1 / 0"],
    })  # fmt: skip
    matrix = pd.DataFrame({
        "from_region": ["长三角", "京津冀", "Abroad: USA", "(no region)", "total"],
        "长三角": [9, 1, 4, 0, 14], "京津冀": [3, 0, 2, 1, 6], "Abroad: USA": [1, 0, 0, 0, 1],
        "(no region)": [0, 0, 0, 0, 0], "total": [13, 1, 6, 1, 21],
    })  # fmt: skip
    regions.attrs["min_persons"] = matrix.attrs["min_persons"] = 5
    with speaking("zh"):
        page = regions_section(matrix, regions)
    for english in (">Regions<", "Returnees, flows", "Regions by returnees", ">Inflow<",
                    ">Outflow<", ">Net<", "Talent export", "Tiers 1 / 2 / 3", "Region x region",
                    "from \\ to", "regions with fewer than", "Abroad: USA", "(no region)",
                    ">total<"):  # fmt: skip
        assert english not in page, english
    assert "区域" in page and "境外：美国" in page
