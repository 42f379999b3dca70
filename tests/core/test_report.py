"""core.report.tables and core.report.page on a small hand-built stages table (exact numbers)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.patterns.routes import classify_routes
from backflow_plugin.core.report import tables as report
from backflow_plugin.core.report.charts import nice_ticks
from backflow_plugin.core.report.page import SECTION_IDS, render_report

CITY = {  # city_id -> (name, country)
    "WUH": ("Wuhan", "CN"),
    "PEK": ("Beijing", "CN"),
    "SHA": ("Shanghai", "CN"),
    "BOS": ("Boston", "US"),
    "LON": ("London", "GB"),
    "TYO": ("Tokyo", "JP"),
    "BER": ("Berlin", "DE"),
    "SYD": ("Sydney", "AU"),
}
# person -> (subject, unit_type, [(stage, city_id, org, year), ...])
PEOPLE = {
    "P1": (
        "Biology",
        "university",
        [
            ("birth", "WUH", None, 1980),
            ("phd", "BOS", "Harvard University", 2002),
            ("postdoc", "BOS", "Harvard University", 2007),
            ("return", "WUH", "Wuhan University", 2012),
        ],
    ),
    "P2": (
        "Biology",
        "university",
        [
            ("birth", "PEK", None, 1981),
            ("bachelor", "PEK", "Peking University", 1999),
            ("postdoc", "BOS", "Harvard University", 2005),
            ("work", "LON", "University College London", 2009),
            ("return", "SHA", "Fudan University", 2013),
        ],
    ),
    "P3": (
        "Chemistry",
        "research institute",
        [
            ("birth", "SHA", None, 1982),
            ("phd", "TYO", "University of Tokyo", 2005),
            ("return", "SHA", "Fudan University", 2013),
        ],
    ),
    "P4": (
        "Chemistry",
        "enterprise",
        [
            ("birth", "WUH", None, 1979),
            ("postdoc", "BER", "Max Planck Society", 2006),
            ("return", "PEK", "Chinese Academy of Sciences", 2012),
        ],
    ),
    "P5": (
        "Biology",
        "university",
        [
            ("birth", "PEK", None, 1980),
            ("phd", "SYD", "University of Sydney", 2004),
            ("return", "PEK", "Peking University", 2012),
        ],
    ),
    "P6": (
        "Chemistry",
        "university",
        [("birth", "PEK", None, 1985), ("work", "PEK", "Tsinghua University", 2010)],
    ),
}


def make_stages(people=PEOPLE) -> pd.DataFrame:
    rows = []
    for pid, (subject, unit, steps) in people.items():
        for seq, (stage, cid, org, year) in enumerate(steps, start=1):
            name, country = CITY[cid]
            rows.append(
                {
                    "person_id": pid,
                    "seq": seq,
                    "stage": stage,
                    "city_id": cid,
                    "city": name,
                    "country": country,
                    "domestic": country == "CN",
                    "org": org,
                    "year": year,
                    "subject": subject,
                    "unit_type": unit,
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture
def stages() -> pd.DataFrame:
    return make_stages()


@pytest.fixture
def routes(stages) -> pd.DataFrame:
    return classify_routes(stages)


@pytest.fixture
def cities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "city_id": ["A", "B", "C", "D", "E", "F"],
            "name": ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"],
            "tier": [1, 1, 2, 3, 3, None],
            "tier_label": [
                "national core",
                "national core",
                "regional excellent",
                "regional special",
                "regional special",
                None,
            ],
            "rank": [2, 1, 3, 5, 4, 6],
            "pagerank": [0.30, 0.35, 0.15, 0.05, 0.08, 0.01],
            "degree": [5, 9, 5, 1, 2, 0],
        }
    )


# --------------------------------------------------------------------------- Table 1


def test_table1_from_stages(stages):
    t = report.table1(stages)
    assert list(t.columns) == [
        "subject",
        "university",
        "enterprise",
        "research institute",
        "total",
        "top_cities",
        "top1_city",
        "top1_count",
        "top2_city",
        "top2_count",
        "top3_city",
        "top3_count",
    ]
    assert list(t["subject"]) == ["Biology", "Chemistry", "All"]
    bio = t.iloc[0]
    assert (bio["university"], bio["enterprise"], bio["research institute"], bio["total"]) == (
        3,
        0,
        0,
        3,
    )
    assert bio["top_cities"] == "Beijing (1); Shanghai (1); Wuhan (1)"  # ties by name
    chem = t.iloc[1]
    assert (chem["university"], chem["enterprise"], chem["research institute"], chem["total"]) == (
        0,
        1,
        1,
        2,
    )
    assert chem["top_cities"] == "Beijing (1); Shanghai (1)"
    assert pd.isna(chem["top3_city"]) and pd.isna(chem["top3_count"])
    total = t.iloc[2]
    assert total["total"] == 5  # P6 never returned
    assert total["top_cities"] == "Beijing (2); Shanghai (2); Wuhan (1)"
    assert (total["top1_city"], total["top1_count"]) == ("Beijing", 2)
    assert report.note_of(t) is None


def test_table1_from_routes_equals_from_stages(stages, routes):
    a, b = report.table1(stages), report.table1(routes)
    pd.testing.assert_frame_equal(a, b)


def test_table1_without_subject_or_unit(stages):
    t = report.table1(stages.drop(columns=["subject"]))
    assert list(t["group"]) == ["All"]
    assert t.iloc[0]["total"] == 5 and t.iloc[0]["university"] == 3
    assert report.note_of(t) == "not available: no `subject` column"
    t = report.table1(stages.drop(columns=["unit_type"]))
    assert "university" not in t.columns and list(t["total"]) == [3, 2, 5]
    assert "no `unit_type` column" in report.note_of(t)


def test_detect_column():
    assert report.detect_column(["x", "学科", "单位类型"], report.SUBJECT_CANDIDATES) == "学科"
    assert report.detect_column(["Unit Type"], report.UNIT_CANDIDATES) == "Unit Type"
    assert report.detect_column(["x"], report.SUBJECT_CANDIDATES) is None


# --------------------------------------------------------------------------- Table 3


def test_top_return_orgs(stages):
    t = report.top_return_orgs(stages, n=3)
    assert list(t.columns) == list(report.RETURN_ORG_COLUMNS)
    assert list(t["org"]) == [
        "Fudan University",
        "Chinese Academy of Sciences",
        "Peking University",
    ]
    assert list(t["rank"]) == [1, 2, 2]
    assert list(t["persons"]) == [2, 1, 1]
    assert t.iloc[0]["city"] == "Shanghai" and t.iloc[0]["country"] == "CN"
    assert t.iloc[0]["share"] == pytest.approx(2 / 5)


def test_top_overseas_orgs_counts_each_person_once(stages):
    t = report.top_overseas_orgs(stages, n=20)
    assert list(t.columns) == list(report.OVERSEAS_ORG_COLUMNS)
    assert t.iloc[0][["org", "country", "city", "persons"]].tolist() == [
        "Harvard University",
        "US",
        "Boston",
        2,
    ]  # P1 has two Harvard stages: counted once
    assert len(t) == 5 and list(t["persons"][1:]) == [1, 1, 1, 1]
    assert t.iloc[0]["share"] == pytest.approx(2 / 5)  # of persons with a stay abroad
    assert "Tsinghua University" not in set(t["org"])  # domestic


def test_org_tables_without_org_column(stages):
    t = report.top_return_orgs(stages.drop(columns=["org"]))
    assert t.empty and report.note_of(t) == "not available: no `org` column"


# --------------------------------------------------------------------------- overseas


def test_overseas_by_country(stages):
    t = report.overseas_by_country(stages)
    assert list(t.columns) == list(report.COUNTRY_COLUMNS)
    assert t.iloc[0][["country", "region", "persons"]].tolist() == ["US", "USA", 2]
    assert t.iloc[0]["share"] == pytest.approx(2 / 6)  # of all persons in the table
    assert dict(zip(t["country"], t["region"])) == {
        "US": "USA",
        "AU": "Australia",
        "DE": "Europe",
        "GB": "UK",
        "JP": "Asia",
    }


def test_overseas_by_region(stages):
    t = report.overseas_by_region(stages)
    assert list(t.columns) == list(report.REGION_COLUMNS)
    assert list(t["region"]) == ["USA", "UK", "Europe", "Asia", "Australia", "Other"]
    assert list(t["label"]) == ["USA", "UK", "Rest of Europe", "Asia", "Australia", "Other"]
    assert list(t["persons"]) == [2, 1, 1, 1, 1, 0]
    assert set(t["base"]) == {6}
    assert t.iloc[0]["share"] == pytest.approx(2 / 6)
    assert t.attrs["multi_region"] == 1  # P2: USA and UK
    assert report.note_of(t) == (
        "1 person stayed in more than one region and counts in each: shares add up to more "
        "than 100 %"
    )


def test_region_overrides(stages):
    t = report.overseas_by_region(
        stages, regions=report.parse_region_overrides("DE=Other; jp = other")
    )
    assert list(t["persons"]) == [2, 1, 0, 0, 1, 2]
    with pytest.raises(BackflowInputError):
        report.parse_region_overrides("DE=Mars")
    with pytest.raises(BackflowInputError):
        report.parse_region_overrides("DE")


# --------------------------------------------------------------------------- concentration


def test_gini_known_values():
    assert report.gini([1, 1, 1, 1]) == pytest.approx(0.0)
    assert report.gini([0, 0, 0, 1]) == pytest.approx(0.75)
    assert report.gini([2, 2, 1]) == pytest.approx(2 / 15)
    assert report.gini([1, 3]) == pytest.approx(0.25)  # |1-3|*2 / (2*4*2)
    assert pd.isna(report.gini([]))


def test_lorenz_points():
    t = report.lorenz([2, 1, 2])
    assert list(t.columns) == list(report.LORENZ_COLUMNS)
    assert t["cities_share"].tolist() == pytest.approx([0, 1 / 3, 2 / 3, 1])
    assert t["returns_share"].tolist() == pytest.approx([0, 0.2, 0.6, 1])


def test_return_city_counts_and_concentration(stages, routes):
    counts = report.return_city_counts(stages)
    assert list(counts.columns) == list(report.CITY_COUNT_COLUMNS)
    assert list(counts["city"]) == ["Beijing", "Shanghai", "Wuhan"]
    assert list(counts["persons"]) == [2, 2, 1]
    assert counts["cum_share"].tolist() == pytest.approx([0.4, 0.8, 1.0])
    c = report.concentration(stages, k=2)
    assert list(c.columns) == list(report.CONCENTRATION_COLUMNS)
    row = c.iloc[0]
    assert (row["k"], row["top_k_persons"], row["returnees"], row["return_cities"]) == (2, 4, 5, 3)
    assert row["top_k_share"] == pytest.approx(0.8)
    assert row["gini"] == pytest.approx(2 / 15)
    assert row["top_k_cities"] == "Beijing; Shanghai"
    pd.testing.assert_frame_equal(c, report.concentration(routes, k=2))
    pd.testing.assert_frame_equal(c, report.concentration(counts, k=2))


# --------------------------------------------------------------------------- Table 4, centrality


def test_table4(cities):
    t = report.table4(cities, breaks=[0.3, 0.1, 0.02], measure="pagerank", examples=2)
    assert list(t.columns) == list(report.TABLE4_COLUMNS)
    assert list(t["tier"]) == [1, 2, 3]
    assert list(t["cities"]) == [2, 1, 2]  # Foxtrot has no tier
    assert list(t["tier_label"]) == ["national core", "regional excellent", "regional special"]
    assert list(t["examples"]) == ["Bravo, Alpha", "Charlie", "Echo, Delta"]  # by rank
    assert t["measure_min"].tolist() == pytest.approx([0.30, 0.15, 0.05])
    assert t["measure_max"].tolist() == pytest.approx([0.35, 0.15, 0.08])
    assert list(t["break"]) == [">= 0.3", ">= 0.1", ">= 0.02"]


def test_table4_ascending_breaks_are_tiers_3_2_1(cities):
    t = report.table4(cities, breaks=[0.02, 0.1, 0.3])
    assert list(t["break"]) == [">= 0.3", ">= 0.1", ">= 0.02"]
    t = report.table4(cities, breaks={1: 0.3, 3: 0.02})
    assert list(t["break"])[0] == ">= 0.3" and pd.isna(t["break"][1])


def test_table4_without_tiers(cities):
    t = report.table4(cities.drop(columns=["tier", "tier_label"]))
    assert t.empty and list(t.columns) == list(report.TABLE4_COLUMNS)
    assert report.note_of(t).startswith("not available: no `tier` column")
    t = report.table4(cities.drop(columns=["tier_label"]))
    assert list(t["tier_label"]) == ["national core", "regional excellent", "regional special"]


def test_top_by_measure(cities):
    t = report.top_by_measure(cities, n=2)
    assert list(t.columns) == list(report.CENTRALITY_COLUMNS)
    assert list(t["measure"]) == ["degree", "degree", "pagerank", "pagerank"]
    assert list(t["city"]) == ["Bravo", "Alpha", "Bravo", "Alpha"]  # degree tie 5/5: by name
    assert t["value"].tolist() == pytest.approx([9, 5, 0.35, 0.30])
    assert "`strength`" in report.note_of(t)
    empty = report.top_by_measure(cities[["city_id", "name"]])
    assert empty.empty and "run backflow:citynetwork" in report.note_of(empty)


# --------------------------------------------------------------------------- patterns


def test_pattern_tables(routes):
    t = report.pattern_tables(routes)
    assert list(t.columns) == [
        "by",
        "group",
        "circle",
        "linear",
        "total",
        "circle_share",
        "linear_share",
        "no_pattern",
    ]
    overall = t[t["by"] == "all"].iloc[0]
    assert (overall["circle"], overall["linear"], overall["no_pattern"]) == (3, 2, 1)
    assert overall["circle_share"] == pytest.approx(0.6)
    by_subject = t[t["by"] == "subject"].set_index("group")
    assert by_subject.loc["Biology", ["circle", "linear"]].tolist() == [2, 1]
    assert by_subject.loc["Chemistry", ["circle", "linear", "no_pattern"]].tolist() == [1, 1, 1]
    by_year = t[t["by"] == "return_year"].set_index("group")
    assert by_year.loc["2012", ["circle", "linear"]].tolist() == [2, 1]
    assert by_year.loc["2013", ["circle", "linear"]].tolist() == [1, 1]


def test_pattern_tables_without_pattern_or_subject(routes):
    t = report.pattern_tables(routes.drop(columns=["pattern"]))
    assert t.empty and "no `pattern` column" in report.note_of(t)
    t = report.pattern_tables(routes.drop(columns=["subject"]))
    assert set(t["by"]) == {"all", "return_year"}
    assert report.note_of(t) == "not available: no `subject` column"


# --------------------------------------------------------------------------- the whole report


def test_build_report_keys_and_detection(stages):
    s = stages.rename(columns={"subject": "学科", "unit_type": "单位类型"})
    tables = report.build_report(s)  # routes classified from the stages, no cities
    assert set(tables) == {
        "table1",
        "table3_return",
        "table3_overseas",
        "overseas_countries",
        "overseas_regions",
        "return_cities",
        "concentration",
        "lorenz",
        "table4",
        "patterns",
        "centrality",
        # core.sources.combined (no PERIODS given: no "periods")
        "person_sources",
        "top_sources",
        "top_sources_longest",
        "source_matrix",
        "sources_by_tier",
        "trends",
        "trend_years",
    }
    assert list(tables["table1"]["学科"]) == ["Biology", "Chemistry", "All"]
    assert tables["table1"].attrs["unit"] == "单位类型"
    assert set(tables["patterns"]["by"]) == {"all", "学科", "return_year"}
    assert tables["table4"].empty and tables["centrality"].empty


def test_html_sections_charts_and_escaping(stages, routes, cities):
    s = stages.copy()
    s.loc[s["city"] == "Wuhan", "city"] = "<b>Wuhan</b>"
    s.loc[s["org"] == "Fudan University", "org"] = "Fudan & <i>Co</i>"
    r = classify_routes(s)
    tables = report.build_report(s, cities, r, top_k=2, breaks=[0.3, 0.1, 0.02])
    page = render_report(
        tables,
        {"parameters": {"TOP_K": 2}, "inputs": {"file": "a<b>.csv"}, "breaks": "tier 1 >= 0.3"},
    )
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    for sid in SECTION_IDS:
        assert f'<section id="{sid}">' in page
    svgs = re.findall(r"<svg[^>]*aria-label=\"([^\"]+)\"", page)
    assert "Returnees by return city (top 3)" in svgs
    assert "Overseas experience by world region" in svgs
    assert "Circle and linear routes by subject" in svgs
    assert "Lorenz curve of returns over return cities" in svgs
    assert "<b>Wuhan" not in page and "&lt;b&gt;Wuhan&lt;/b&gt;" in page
    assert "<i>Co" not in page and "Fudan &amp; &lt;i&gt;Co&lt;/i&gt;" in page
    assert "a&lt;b&gt;.csv" in page
    assert "Noto Sans CJK SC" in page  # a font stack that has Chinese glyphs
    assert "src=" not in page and "<script" not in page  # self-contained
    for key in ("pandas", "networkx", "Backflow plugin", "QGIS"):
        assert f"<th>{key}</th>" in page


def test_html_says_what_is_missing(stages):
    tables = report.build_report(stages.drop(columns=["subject"]))
    page = render_report(tables)
    assert "not available: no `subject` column" in page
    assert "not available: no `tier` column" in page
    for sid in SECTION_IDS:
        assert f'<section id="{sid}">' in page


def test_nice_ticks():
    assert nice_ticks(677) == [0, 200, 400, 600, 800]
    assert nice_ticks(52.3) == [0, 20, 40, 60]
