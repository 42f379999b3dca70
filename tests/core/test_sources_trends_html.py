"""The sources and trends report sections: every text a message in the page's language, data
escaped, charts inline."""

from __future__ import annotations

import pandas as pd

from backflow_plugin.core.messages import speaking
from backflow_plugin.core.report import page as report_html
from backflow_plugin.core.report import sources_section as sources_trends_html
from backflow_plugin.core.sources import combined as sources_trends
from tests.core.test_sources import person


def _tiered_tables(boston: str = "Boston", **options):
    """6 persons back from Boston to Beijing (tier 1), 5 from Paris to Shanghai (tier 2)."""
    rows = []
    for i in range(6):
        rows += person(f"B{i}", [(boston, "US", "Harvard", 2005)], "Beijing", 2012)
    for i in range(5):
        rows += person(f"C{i}", [("Paris", "FR", "Sorbonne", 2005)], "Shanghai", 2015, "Chemistry")
    return sources_trends.build_tables(
        pd.DataFrame(rows),
        pd.DataFrame({"city_id": ["Beijing|CN", "Shanghai|CN"], "tier": [1, 2]}),
        subject="subject",
        **options,
    )


def tables():
    return _tiered_tables("<Boston>", periods=((2011, 2013), (2014, 2016)))  # escaped


def test_sections_in_the_pages_language_and_escaped():
    with speaking("zh"):
        html = "\n".join(sources_trends_html.render_sections(tables(), {}))
    assert "<h2>回国人才从哪里来</h2>" in html
    assert "<h2>回流的时间变化</h2>" in html
    assert "国家核心城市" in html and "区域优秀城市" in html
    assert "两个时期的比较：2011-2013 与 2014-2016" in html
    assert "Where returnees come from" not in html
    assert "&lt;Boston&gt; (US)" in html and "<Boston>" not in html
    # sources; overall, subject, tier, pattern, return city; 2 period charts
    assert html.count("<svg") == 8


def test_report_has_the_sections_and_nav():
    html = report_html.render_report(tables())
    assert '<a href="#sources">' in html and '<section id="trends">' in html


def test_tier_sources_all_too_small_say_so_not_that_there_are_no_tiers():
    # 6 and 5 returnees per tier, each from one city: at 7 every tier x source cell is
    # too small, the cities still have their tiers
    small = tables_at(7)
    assert small["sources_by_tier"].empty
    html = "\n".join(sources_trends_html.render_sections(small, {}))
    assert "2 tier x source cells with fewer than 7 persons (11 persons in all)" in html
    assert "the cities have no tiers" not in html
    with speaking("zh"):
        zh = "\n".join(sources_trends_html.render_sections(small, {}))
    assert "2 个不足 7 人的“等级 × 来源城市”单元格（共 11 人）未列出" in zh
    assert "城市没有等级" not in zh
    # without tiers, 'not available' as before
    rows = []
    for i in range(6):
        rows += person(f"B{i}", [("Boston", "US", "Harvard", 2005)], "Beijing", 2012)
    untiered = sources_trends.build_tables(pd.DataFrame(rows), None)
    html = "\n".join(sources_trends_html.render_sections(untiered, {}))
    assert "Not available: the cities have no tiers (run City network)." in html


def tables_at(min_persons: int):
    return _tiered_tables(min_persons=min_persons)


def test_one_complementary_cell_is_one_cell():
    from backflow_plugin.core.report.sources_parts import hidden_years_note

    frame = pd.DataFrame({"by": ["all"], "year": [2015], "persons": [None]})
    frame.attrs["complementary_cells"] = {(3, "persons")}
    note = hidden_years_note(frame)
    assert "1 more cell hidden (the one that hides the least)" in note
    frame.attrs["complementary_cells"] = {(3, "persons"), (4, "persons")}
    assert "2 more cells hidden (those that hide the least)" in hidden_years_note(frame)
