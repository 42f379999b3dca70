"""Complementary suppression: no hidden count comes back from the totals shown."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from backflow_plugin.core.disclosure import margins as report_margins
from backflow_plugin.core.disclosure import rules as disclosure
from backflow_plugin.core.disclosure.suppression import (
    Grid,
    SumSystem,
    add_grid,
    derivable,
    protect,
)
from backflow_plugin.core.report import page as report_html
from backflow_plugin.core.report import tables as report
from backflow_plugin.core.tables.delimited import read_text_table
from backflow_plugin.core.tables.fields import detect_fields
from backflow_plugin.core.trajectories.build import FieldMap, import_trajectories

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "returnees_synthetic.csv"


def grid_system(rows, hidden=()):
    """A table of counts with row totals, column totals and the grand total."""
    n_rows, n_cols = len(rows), len(rows[0])
    values = {(i, j): rows[i][j] for i in range(n_rows) for j in range(n_cols)}
    values.update({(i, "T"): sum(rows[i]) for i in range(n_rows)})
    values.update({("T", j): sum(r[j] for r in rows) for j in range(n_cols)})
    values[("T", "T")] = sum(map(sum, rows))
    for key in hidden:
        values[key] = None
    system = SumSystem()
    grid = Grid(
        cells=[[(i, j) for j in range(n_cols)] for i in range(n_rows)],
        row_totals=[(i, "T") for i in range(n_rows)],
        col_totals=[("T", j) for j in range(n_cols)],
        grand=("T", "T"),
    )
    add_grid(system, grid, values)
    return system


# the Table 1: the enterprise cell of Mathematical & Physical Science is 1
TABLE1 = [[587, 169, 0], [631, 81, 5], [357, 83, 1], [311, 71, 10], [273, 24, 0], [191, 52, 0]]


def test_one_hidden_cell_in_a_row_with_its_total_is_derivable():
    system = grid_system(TABLE1, hidden=[(2, 2)])
    assert derivable(system) == [(2, 2)]  # 441 - 357 - 83


def test_a_total_shown_with_all_but_one_part_gives_the_part_away():
    rows = [[3, 4], [10, 20]]
    system = grid_system(rows, hidden=[(0, 0), (0, "T")])  # row 0: two hidden, col 0 one
    assert derivable(system) == [(0, 0), (0, "T")]  # col 0 gives 3, then row 0 gives 7


def test_a_chain_through_rows_and_columns_is_found_not_only_single_cells():
    # two blocks of four hidden cells joined by one hidden cell: every row and column
    # holds two hidden cells or more, yet the joining cell follows from the totals
    rows = [[10] * 4 for _ in range(4)]
    block = [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3)]
    system = grid_system(rows, hidden=[*block, (1, 2)])
    assert derivable(system) == [(1, 2)]
    assert derivable(grid_system(rows, hidden=block)) == []


def test_table1_gets_the_smallest_complements_and_leaks_nothing():
    system = grid_system(TABLE1)
    result = protect(system, 5)
    assert result.primary == {(2, 2)}
    # enterprise 5 (Engineering) closes the column, research institute 83 the row,
    # and 81 closes the row of the 5 and the column of the 83
    assert result.complementary == {(1, 2), (2, 1), (1, 1)}
    assert derivable(system, result.hidden) == []
    assert result.unresolved == []


def test_a_row_too_small_to_hide_in_hides_its_total_and_another_row():
    rows = [[2, 0], [40, 60], [30, 50]]
    result = protect(grid_system(rows), 5)
    assert result.primary == {(0, 0), (0, "T")}  # 2, and its row total 2
    assert derivable(grid_system(rows), result.hidden) == []
    assert (1, 0) in result.complementary or (2, 0) in result.complementary
    assert ("T", "T") not in result.hidden  # a grand total is the last resort


def test_protect_keeps_what_it_is_told_to_keep():
    rows = [[1, 9], [9, 9]]
    result = protect(grid_system(rows), 5, keep=[("T", "T"), ("T", 0), ("T", 1)])
    assert not result.hidden & {("T", "T"), ("T", 0), ("T", 1)}
    assert derivable(grid_system(rows), result.hidden) == []


# --------------------------------------------------------------------------- the report


def _report(stages, k, cities=None):
    tables = report.build_report(stages, cities, None, sources_options={"min_persons": k})
    disclosure.protect_report(tables, k)
    return tables


@pytest.fixture(scope="module")
def sample_stages():
    frame, _ = read_text_table(str(SAMPLE), None)
    return import_trajectories(frame, FieldMap(**detect_fields(frame.columns))).stages


def test_the_sample_report_hides_table1_with_complements(sample_stages):
    tables = _report(sample_stages, 5)
    t1 = tables["table1"].set_index("subject")
    hidden = {(s, u) for s in t1.index for u in t1.columns[:3] if pd.isna(t1.at[s, u])}
    assert hidden == {
        ("Mathematical & Physical Science", "enterprise"),
        ("Mathematical & Physical Science", "research institute"),
        ("Engineering & Materials Science", "enterprise"),
        ("Engineering & Materials Science", "research institute"),
    }
    assert t1.at["Mathematical & Physical Science", "total"] == 441  # the totals stay
    assert t1.at["All", "enterprise"] == 16
    note = report.note_of(tables["table1"])
    assert "1 cell of 1 to 4 persons hidden" in note
    assert "complementary suppression: 3 more cells hidden" in note
    assert report_margins.leaks(tables) == []


def test_the_sample_report_trends_and_patterns_leak_no_year(sample_stages):
    tables = _report(sample_stages, 5)
    trends = tables["trends"]
    overall = trends[trends["by"] == "all"].set_index("year")
    # 2018 has one returnee: hidden, and 2011 (the smallest year) hidden with it,
    # so that 2,846 minus the years shown does not give 2018 away
    assert trends.attrs["hidden_years"] == [2018]
    assert trends.attrs["complementary_years"] == [2011]
    assert overall["persons"].isna().tolist() == [True] + [False] * 6 + [True]
    assert int(overall.at[2017, "persons"]) == 0  # no returns: a zero, shown
    pat = tables["patterns"]
    years = pat[pat["by"] == "return_year"].set_index("group")
    assert years.loc[["2011", "2018"], "total"].isna().all()
    assert years.loc["2012", "total"] == 380
    assert report_margins.leaks(tables) == []
    # without the complementary step, the year would be derivable: the checker says so
    raw = report.build_report(sample_stages, None, None, sources_options={"min_persons": 5})
    raw_trends = raw["trends"]
    assert any("'2018'" in leak for leak in report_margins.leaks({"trends": raw_trends}))


def study_of_twenty() -> pd.DataFrame:
    """20 persons: 3 subjects, 2 unit types, 4 return cities, returns in 2015-2018."""
    rows = []
    plan = [
        # (subject, unit, return city, year, city abroad, birth city)
        *[("Chemistry", "university", "Beijing", 2015, "Boston", "Beijing")] * 4,
        *[("Chemistry", "university", "Shanghai", 2016, "London", "Hefei")] * 3,
        ("Chemistry", "enterprise", "Shanghai", 2016, "London", "Wuhan"),
        *[("Physics", "university", "Beijing", 2016, "Tokyo", "Wuhan")] * 4,
        *[("Physics", "research institute", "Wuhan", 2017, "Paris", "Wuhan")] * 2,
        ("Physics", "university", "Hefei", 2018, "Berlin", "Hefei"),
        *[("Biology", "university", "Beijing", 2017, "Boston", "Nanjing")] * 3,
        *[("Biology", "research institute", "Hefei", 2015, "Toronto", "Beijing")] * 2,
    ]
    for n, (subject, unit, city, year, abroad, birth) in enumerate(plan):
        pid = f"p{n:02d}"
        common = {"person_id": pid, "subject": subject, "unit_type": unit}
        rows += [
            {**common, "seq": 1, "stage": "birth", "city": birth, "country": "CN", "year": 1980},
            {**common, "seq": 2, "stage": "phd", "city": abroad, "country": "", "year": 2005},
            {**common, "seq": 3, "stage": "return", "city": city, "country": "CN", "year": year},
        ]
    return pd.DataFrame(rows)


def test_a_twenty_person_study_leaks_nothing_through_its_totals():
    frame = study_of_twenty()
    stages = import_trajectories(frame, FieldMap(**detect_fields(frame.columns))).stages
    raw = report.build_report(stages, None, None, sources_options={"min_persons": 5})
    assert report_margins.leaks(raw) != []  # primary suppression alone leaks
    tables = _report(stages, 5)
    assert report_margins.leaks(tables) == []
    t1 = tables["table1"].set_index("subject")
    # every shown count is 0 or at least 5, and the study's total stays
    for col in ("university", "research institute", "enterprise", "total"):
        shown = t1[col].dropna().astype(int)
        assert ((shown == 0) | (shown >= 5)).all(), col
    assert int(t1.at["All", "total"]) == 20
    page = report_html.render_report(tables, {})
    assert "complementary suppression" in page
    assert "nan" not in page  # a hidden region's bar says 'hidden'
    regions_note = report.note_of(tables["overseas_regions"])
    assert regions_note.count("disclosure control") == 1, regions_note


def test_the_sample_page_agrees_with_its_headline_and_draws_hidden_years_as_gaps(sample_stages):
    import re

    from backflow_plugin.core.report import sources_section as sth

    tables = _report(sample_stages, 5)
    page = report_html.render_report(tables, {})
    # the headline's 52 return cities and the table's "of 52" (20 small cities are
    # merged into 'other', 32 listed on their own)
    assert '<div class="value">52</div><div class="label">return cities</div>' in page
    assert "<h3>Return cities (top 20 of 52)</h3>" in page
    section = sth.trends_section(tables, {})
    # 2011 and 2018 are grey bands, and no line point sits on them
    charts = section.count("<svg")
    assert charts >= 5 and section.count('class="hidden-year"') == 2 * charts
    assert "hidden" in section and "(&lt; 5)" in section and "(complement)" in section
    assert "Hidden years (2018: fewer than 5 returnees)" in section
    assert "2011 hidden too, so that the total of all years" in section
    svgs = re.findall(r"<svg.*?</svg>", section, flags=re.S)
    (share_chart,) = [svg for svg in svgs if "by route pattern" in svg]
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', share_chart)]
    bands = re.findall(r'class="hidden-year" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', share_chart)
    assert len(xs) == 2 * 5  # circle and linear, 2012-2016: none in 2011, 2017, 2018
    for x0, w in bands:
        assert not any(float(x0) <= x <= float(x0) + float(w) for x in xs)


def test_a_group_merged_into_other_is_a_gap_not_a_zero():
    from backflow_plugin.core.report import trends_section

    rows = [("all", "All", y, n, 30) for y, n in ((2015, 10), (2016, 20))]
    rows += [("tier", "1", 2015, 10, 10), ("tier", "1", 2016, 14, 20)]
    rows += [("tier", "Other", 2016, 6, 20)]  # tier 2 had 1 to 4 in 2016, or none
    frame = pd.DataFrame(rows, columns=["by", "group", "year", "persons", "base"])
    frame["share"] = frame["persons"] / frame["base"]
    frame["suppressed"] = False
    frame.attrs["min_persons"] = 5
    (chart,) = trends_section._trend_charts(frame)
    assert ": 0 %</title>" not in chart  # no point drawn at zero
    frame.attrs["min_persons"] = 1  # nothing merged: a missing group is a true zero
    (chart,) = trends_section._trend_charts(frame)
    assert "Other: 0 %</title>" in chart


def test_the_region_matrix_and_region_table_hide_with_complements():
    from backflow_plugin.core.messages import speaking
    from backflow_plugin.core.report import regions_section as rr

    matrix = pd.DataFrame(
        {
            "from_region": ["A", "B", "C", "total"],
            "A": [40, 2, 10, 52],
            "B": [12, 30, 9, 51],
            "C": [8, 11, 25, 44],
            "total": [60, 43, 44, 147],
        }
    )
    matrix.attrs["min_persons"] = 5
    out = rr._hide_matrix(matrix, 5)
    cells = out.set_index("from_region")
    assert cells.at["B", "A"] == rr.PRIMARY  # 2 moves
    paired = [(r, c) for r in "ABC" for c in "ABC" if cells.at[r, c] == rr.COMPLEMENT]
    assert len(paired) == 3  # with (B, A): a cycle of four hidden cells
    values = [[None if cells.at[r, c] < 0 else cells.at[r, c] for c in "ABC"] for r in "ABC"]
    system = grid_system([[40, 12, 8], [2, 30, 11], [10, 9, 25]])  # rows from, columns to
    hidden = {(i, j) for i in range(3) for j in range(3) if values[i][j] is None}
    assert derivable(system, hidden) == []
    regions = pd.DataFrame(
        {"name": ["A", "B", "C"], "returnees": [40, 3, 20], "returnee_share": [0.6, 0.05, 0.3]}
    )
    regions.attrs["min_persons"] = 5
    page = rr.regions_section(matrix, regions)
    assert "1 region with fewer than 5 returnees" in page
    assert "1 more region hidden (the smallest)" in page
    assert page.count('<td class="num">hidden</td>') >= 4
    with speaking("zh"):
        zh = rr.regions_section(matrix, regions)
    assert "另隐藏 1 个区域" in zh and "矩阵：不足 5 人的单元格" in zh


def test_every_note_of_the_sample_report_reads_in_chinese(sample_stages):
    import re

    from backflow_plugin.core.messages import text

    tables = report.build_report(sample_stages)
    notes = disclosure.protect_report(tables, 5)
    assert {"table1", "patterns", "trends"} <= set(notes)
    # the notes the tables carry (disclosure and others) too, as the run log writes them
    notes.update(
        {f"{k} (table)": report.note_of(t) for k, t in tables.items() if report.note_of(t)}
    )
    for note in notes.values():
        # identifiers (MIN_PERSONS, a `column`, backflow:citynetwork) stay as written
        zh = re.sub(r"MIN_PERSONS|`[^`]+`|backflow:\w+", "", text(note, "zh"))
        assert not re.search(r"[A-Za-z]{4,}", zh), zh


def test_a_small_studys_concentration_names_and_curve_give_no_small_city_away():
    frame = study_of_twenty()
    stages = import_trajectories(frame, FieldMap(**detect_fields(frame.columns))).stages
    tables = _report(stages, 5)
    # Beijing 11, Shanghai 4, Hefei 3, Wuhan 2: only Beijing is named, the rest counted
    assert tables["concentration"]["top_k_cities"].iloc[0] == "Beijing; other (3 cities)"
    lorenz = tables["lorenz"]
    # (0, 0), the three small cities as one stretch to (3/4, 9/20), then Beijing
    assert lorenz["cities_share"].tolist() == [0.0, 0.75, 1.0]
    assert lorenz["returns_share"].tolist() == pytest.approx([0.0, 0.45, 1.0])
    matrix = tables["source_matrix"]
    beijing = matrix[matrix["return_city"] == "Beijing"]
    # Boston 7 and 'Other' 4 of Beijing's 11: 'Other' is small, so Boston goes with it
    assert beijing["persons"].isna().all() and beijing["return_total"].tolist() == [11, 11]
    assert report_margins.leaks(tables) == []


def test_a_chinese_page_and_log_name_the_top_cities_and_their_other_row_in_chinese():
    from backflow_plugin.core.messages import local_value, speaking
    from backflow_plugin.core.report.run import headline

    frame = study_of_twenty()
    stages = import_trajectories(frame, FieldMap(**detect_fields(frame.columns))).stages
    tables = _report(stages, 5)
    names = {"Beijing": "北京"}
    page = report_html.render_report(tables, {}, "zh", names)
    assert "前7城市：北京；其他（3 个城市）。" in page
    assert "Beijing" not in page and "other (3 cities)" not in page
    with speaking("zh", names):
        assert local_value(headline(tables)["names"]) == "北京；其他（3 个城市）"
    # English as before, in the page, the log and the table written out
    assert "Top 7 cities: Beijing; other (3 cities)." in report_html.render_report(tables, {})
    assert local_value(headline(tables)["names"]) == "Beijing; other (3 cities)"


def test_the_sankey_and_the_indices_leave_out_what_counts_fewer_than_k(sample_stages):
    from backflow_plugin.core.report import paper as report_paper

    tables = report.build_report(sample_stages)
    report_paper.paper_tables(sample_stages, None, tables, "none")
    before = tables["indices"]
    small = int(pd.to_numeric(before["returnees"]).lt(5).sum())
    assert small > 0
    notes = disclosure.protect_report(tables, 5)
    assert pd.to_numeric(tables["indices"]["returnees"]).ge(5).all()
    assert len(tables["indices"]) == len(before) - small
    assert notes["indices"] == (
        f"disclosure control (MIN_PERSONS = 5): {small} cities with fewer than 5 persons not shown"
    )
    flows = tables["return_flows"]
    assert flows.empty or pd.to_numeric(flows["persons"]).ge(5).all()


def test_the_comparison_with_the_paper_shows_no_count_the_report_hides(sample_stages):
    from backflow_plugin.core.report import paper as report_paper

    tables = report.build_report(sample_stages)
    report_paper.paper_tables(sample_stages, None, tables, "paper")
    disclosure.protect_report(tables, 5)
    cmp = tables["reference"].set_index("item")
    for item in (
        "Mathematical & Physical Science: enterprise",
        "Mathematical & Physical Science: research institute",
        "Engineering & Materials Science: enterprise",
        "Engineering & Materials Science: research institute",
    ):
        assert cmp.at[item, "computed"] is None, item
        assert cmp.at[item, "note"] == disclosure.HIDDEN_IN_REPORT
    assert cmp.at["Mathematical & Physical Science: university", "computed"] == 357
    section = report_paper.reference_section(tables["reference"])
    assert "4 computed figures are hidden, as in the report's own tables" in section
    assert "– Mathematical &amp; Physical Science: enterprise" in section
    not_reached = section.split("Printed figures not reached")[1].split("</ul>")[0]
    assert "enterprise" not in not_reached  # hidden is not 'not reached'


def test_the_trend_legends_never_overlap():
    from backflow_plugin.core.report import charts as rc
    from backflow_plugin.core.report.trend_charts import legend_places as _legend_places

    names = [
        "Biological Science",
        "Engineering & Materials Science",
        "Mathematical & Physical Science",
        "Chemistry",
        "Information Science",
        "Environmental & Earth Science",
        "Other",
    ]
    places = _legend_places(names, 64, 672)
    for (name, (x, row)), (x2, row2) in zip(zip(names, places), places[1:]):
        if row2 == row:  # the next entry starts after this one's swatch and text
            assert x2 >= x + 19 + rc._text_width(name), name
    assert max(row for _, row in places) == 2
