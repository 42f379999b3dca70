"""The sources and trends report sections: every text a message in the page's language, data
escaped, charts inline."""

from __future__ import annotations

import pandas as pd

from backflow_plugin.core.messages import speaking
from backflow_plugin.core.report import page as report_html
from backflow_plugin.core.report import sources_section as sources_trends_html
from backflow_plugin.core.sources import combined as sources_trends
from tests.core.test_sources import person


def tables():
    rows = []
    for i in range(6):
        rows += person(f"B{i}", [("<Boston>", "US", "Harvard", 2005)], "Beijing", 2012)
    for i in range(5):
        rows += person(f"C{i}", [("Paris", "FR", "Sorbonne", 2005)], "Shanghai", 2015, "Chemistry")
    return sources_trends.build_tables(
        pd.DataFrame(rows),
        pd.DataFrame({"city_id": ["Beijing|CN", "Shanghai|CN"], "tier": [1, 2]}),
        subject="subject",
        periods=((2011, 2013), (2014, 2016)),
    )


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
