"""backflow:report's sources and trends on the bundled sample, through processing.run."""

from __future__ import annotations

import re

import pytest
from qgis.core import QgsProcessingException

from tests.conftest import SAMPLE
from tests.qgis.test_report_alg import rows

SINKS = (
    "TOP_SOURCES",
    "SOURCE_MATRIX",
    "SOURCES_BY_TIER",
    "TRENDS",
    "PERIODS_COMPARED",
    "RETURNEE_SOURCES",
)


@pytest.fixture(scope="module")
def layers(plugin):
    import processing

    imported = processing.run(
        "backflow:importtrajectories",
        {
            "INPUT": str(SAMPLE),
            "GEOMETRY": 0,
            **{k: "TEMPORARY_OUTPUT" for k in ("STAGES", "CITIES", "FLOWS")},
        },
    )
    network = processing.run(
        "backflow:citynetwork",
        {
            "INPUT_FLOWS": imported["FLOWS"],
            "INPUT_CITIES": imported["CITIES"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    return {"stages": imported["STAGES"], "cities": network["OUTPUT"]}


def run_report(layers, path, **extra):
    import processing

    return processing.run(
        "backflow:report",
        {
            "STAGES": layers["stages"],
            "CITIES": layers["cities"],
            "OUTPUT_HTML": str(path),
            **extra,
        },
    )


@pytest.fixture(scope="module")
def result(layers, tmp_path_factory):
    html = tmp_path_factory.mktemp("sources") / "report.html"
    out = run_report(
        layers, html, PERIODS="2011-2013,2014-2016", **{k: "TEMPORARY_OUTPUT" for k in SINKS}
    )
    out["html_text"] = html.read_text("utf-8")
    return out


def test_boston_us_is_a_top_source(result):
    top = rows(result["TOP_SOURCES"])
    ranked = [r["label"] for r in top if r["rank"] is not None]
    assert "Cambridge (US)" in ranked[:3], ranked[:5]  # Harvard + MIT (the paper's "Boston")
    assert all(re.search(r" \([A-Z]{2}\)$", label) for label in ranked)  # with its country
    cam = next(r for r in top if r["label"] == "Cambridge (US)")
    assert cam["country"] == "US" and cam["persons"] >= 90
    assert sum(r["persons"] for r in top) == top[0]["base"] == 2846
    assert all(r["persons"] >= 5 for r in top)


def test_returnee_sources(result):
    people = rows(result["RETURNEE_SOURCES"])
    assert len(people) == 2846
    assert all(r["last_label"] for r in people)  # every sample return follows a stay abroad
    harvard = [r for r in people if r["last_org"] == "Harvard University"]
    assert harvard and {r["last_label"] for r in harvard} == {"Cambridge (US)"}
    assert {r["longest_basis"] for r in people} <= {"only stay", "years", "years missing"}


def test_matrix_and_tiers(result):
    matrix = rows(result["SOURCE_MATRIX"])
    returns = list(dict.fromkeys(r["return_city"] for r in matrix))
    assert returns[:2] == ["Beijing", "Shanghai"]
    beijing = [r for r in matrix if r["return_city"] == "Beijing"]
    assert sum(r["persons"] for r in beijing) == beijing[0]["return_total"] == 677
    assert all(r["persons"] >= 5 for r in matrix)
    cam = next(r for r in beijing if r["source"] == "Cambridge (US)")
    assert cam["share"] == pytest.approx(cam["persons"] / 677)
    tiers = rows(result["SOURCES_BY_TIER"])
    assert {r["tier"] for r in tiers} >= {1, 2}
    assert all(r["share"] == pytest.approx(r["persons"] / r["base"]) for r in tiers)


def test_trends_add_up(result):
    trends = rows(result["TRENDS"])
    overall = [r for r in trends if r["by"] == "all"]
    # 2011-2016, and case A of the paper's Table 2, who returned in 2018
    assert [r["year"] for r in overall] == list(range(2011, 2019))
    # 2018 (case A alone) is under MIN_PERSONS (5): hidden, as is the n of its groups
    assert [r["persons"] for r in overall][-2:] == [0, None] and overall[-1]["suppressed"]
    assert all(r["base"] is None for r in trends if r["by"] != "all" and r["year"] == 2018)
    # 2011, the smallest year, is hidden with it: 2,846 less the years shown is the sum
    # of two hidden years (280 + 1), not case A's year
    assert [r["year"] for r in overall if r["persons"] is None] == [2011, 2018]
    assert sum(r["persons"] or 0 for r in overall) == 2846 - 280 - 1
    assert {r["by"] for r in trends} == {
        "all",
        "subject",
        "unit_type",
        "tier",
        "pattern",
        "return_city",
    }
    for year in range(2012, 2017):
        subj = [r for r in trends if r["by"] == "subject" and r["year"] == year]
        year_total = next(r["persons"] for r in overall if r["year"] == year)
        assert sum(r["persons"] or 0 for r in subj) <= year_total
        assert all(r["base"] == year_total for r in subj)


def test_periods_compared(result):
    c = rows(result["PERIODS_COMPARED"])
    assert {r["kind"] for r in c} == {"return city", "source city"}
    ret = [r for r in c if r["kind"] == "return city"]
    # everyone but case A (returned in 2018, after both periods)
    assert sum(r["persons_a"] for r in ret) + sum(r["persons_b"] for r in ret) == 2846 - 1
    for r in c:
        assert r["change_points"] == pytest.approx(100 * (r["share_b"] - r["share_a"]))


def test_html_sections(result):
    html = result["html_text"]
    for sid in ("sources", "trends"):
        assert f'<section id="{sid}">' in html
    sources = html.split('<section id="sources">')[1].split("</section>")[0]
    assert "Cambridge (US)" in sources and sources.count("<svg") >= 1
    trends = html.split('<section id="trends">')[1].split("</section>")[0]
    assert "Two periods compared: 2011-2013 and 2014-2016" in trends
    assert trends.count("<svg") >= 5  # overall, subject, unit type, tier, pattern, 2 changes
    assert re.search(r"merged into &#x27;Other&#x27;", html)


def test_bad_periods_is_a_clear_error(layers, tmp_path):
    with pytest.raises(QgsProcessingException, match="PERIODS.*2011-2014,2013-2016"):
        run_report(layers, tmp_path / "r.html", PERIODS="2011-2014,2013-2016")


def test_sections_in_chinese(layers, tmp_path):
    from backflow_plugin.translation import translated

    with translated("zh_CN"):
        run_report(layers, tmp_path / "zh.html", PERIODS="2011-2013,2014-2016")
    html = (tmp_path / "zh.html").read_text("utf-8")
    assert "回国人才从哪里来" in html and "回流的时间变化" in html
    assert "两个时期的比较：2011-2013 与 2014-2016" in html
    assert "国家核心城市" in html  # the tier names
