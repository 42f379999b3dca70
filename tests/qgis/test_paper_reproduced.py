"""The bundled sample, run at the defaults, reproduces every figure Jiang (2021) prints.

One run of backflow:fullanalysis (defaults, report on) and one of backflow:report on its
layers (defaults, every table as a layer); each printed figure is a test case, written
out here literally as the paper prints it (not read back from the plugin's own
``core/report/reference.py``), so a change in either is caught.
"""

from __future__ import annotations

import pytest
from qgis.core import QgsVectorLayer

from tests.conftest import SAMPLE

TABLE1 = {  # subject: university, research institute, enterprise, top 3, sum
    "Mathematical & Physical Science": (357, 83, 1, [("Beijing", 163), ("Shanghai", 81), ("Hefei", 44)], 441),
    "Chemistry": (311, 71, 10, [("Beijing", 62), ("Shanghai", 60), ("Nanjing", 30)], 392),
    "Environmental & Earth Science": (191, 52, 0, [("Beijing", 72), ("Nanjing", 28), ("Wuhan", 26)], 243),
    "Information Science": (273, 24, 0, [("Beijing", 57), ("Shanghai", 46), ("Chengdu", 28)], 297),
    "Biological Science": (587, 169, 0, [("Beijing", 176), ("Shanghai", 174), ("Hangzhou", 63)], 756),
    "Engineering & Materials Science": (631, 81, 5, [("Beijing", 147), ("Shanghai", 87), ("Nanjing", 60)], 717),
}  # fmt: skip
RETURN_ORGS = [
    ("Peking University", "Beijing", 160),
    ("University of Science and Technology of China", "Hefei", 160),
    ("Zhejiang University", "Hangzhou", 159),
    ("Tsinghua University", "Beijing", 157),
    ("Shanghai Jiaotong University", "Shanghai", 128),
    ("Nanjing University", "Nanjing", 105),
    ("Fudan University", "Shanghai", 103),
    ("Sun Yat-sen University", "Guangzhou", 87),  # printed "SunYat-Sen University"
    ("Huazhong University of Science and Technology", "Wuhan", 86),
    ("Wuhan University", "Wuhan", 63),
    ("Shanghai Institutes for Biological Sciences", "Shanghai", 61),
    ("Tongji University", "Shanghai", 57),
    ("South University of Science and Technology", "Shenzhen", 52),
    ("Sichuan University", "Chengdu", 51),
    ("University of Electronic Science and Technology", "Chengdu", 51),
    ("Xiamen University", "Xiamen", 47),
    ("Xi'an Jiaotong University", "Xi'an", 46),
    ("Suzhou University", "Suzhou", 39),
    ("Beijing University of Aeronautics & Astronautics", "Beijing", 38),
    ("Tianjin University", "Tianjin", 36),
]
OVERSEAS_ORGS = [  # country as ISO code; the paper's "China" for Hong Kong is HK
    ("Harvard University", "US", "Cambridge", 82),  # printed "Boston": the Boston area
    ("Stanford University", "US", "Palo Alto", 75),
    ("Massachusetts Institute of Technology", "US", "Cambridge", 68),  # printed "Boston"
    ("University of California, Los Angeles", "US", "Los Angeles", 48),
    ("University of California, Berkeley", "US", "Berkeley", 47),
    ("Nanyang Technological University", "SG", "Singapore", 47),
    ("Yale University", "US", "New Haven", 45),
    ("Columbia University", "US", "New York City", 35),
    ("National Institutes of Health", "US", "Bethesda", 34),
    ("National University of Singapore", "SG", "Singapore", 32),
    ("University of Pennsylvania", "US", "Philadelphia", 31),
    ("University of Michigan", "US", "Ann Arbor", 30),  # printed "Michigan"
    ("University of Hong Kong", "HK", "Hong Kong", 26),
    ("University of California, San Diego", "US", "San Diego", 26),
    ("Northwestern University", "US", "Evanston", 26),
    ("Purdue University", "US", "West Lafayette", 25),
    ("Cambridge University", "GB", "Cambridge", 23),
    ("California Institute of Technology", "US", "Pasadena", 23),
    ("Los Alamos National Laboratory", "US", "Los Alamos", 23),
    ("University of Texas at Austin", "US", "Austin", 21),
]
CASES = {  # Table 2: return year, subject, return city; Figure 3: pattern
    "A": (2018, "Biological Science", "Shanghai", "linear"),
    "B": (2015, "Engineering & Materials Science", "Xi'an", "circle"),
    "C": (2015, "Information Science", "Chongqing", "circle"),
    "D": (2016, "Mathematical & Physical Science", "Beijing", "circle"),
    "E": (2012, "Engineering & Materials Science", "Suzhou", "linear"),
}
# Printed figures that cannot be reached, with the reason the report gives.
NOT_REACHED = {
    ("Table 3 return", "sum"): "add up to 1,686",
    ("Overseas experience", "Europe, % of persons"): "352.6 persons",
    ("Return cities", "seven-city share, %"): "truncated",
    ("Table 1", "share at universities, %"): "82.57",
}


def _layer(value) -> QgsVectorLayer:
    layer = value if isinstance(value, QgsVectorLayer) else QgsVectorLayer(str(value), "t", "ogr")
    assert layer.isValid(), value
    return layer


def _rows(value) -> list[dict]:
    layer = _layer(value)
    names = layer.fields().names()
    out = []
    for f in layer.getFeatures():
        out.append(
            {
                n: (None if v is None or (hasattr(v, "isNull") and v.isNull()) else v)
                for n, v in zip(names, f.attributes())
            }
        )
    return out


@pytest.fixture(scope="module")
def full(plugin, tmp_path_factory):
    import processing

    html = tmp_path_factory.mktemp("paper") / "report.html"
    result = processing.run(
        "backflow:fullanalysis",
        {
            "INPUT": str(SAMPLE),
            **{k: "TEMPORARY_OUTPUT" for k in ("STAGES", "CITIES", "NETWORK", "PATTERN_ROUTES")},
            "MAKE_REPORT": True,
            "REPORT_OUTPUT": str(html),
        },
    )
    result["html"] = html.read_text(encoding="utf-8")
    return result


@pytest.fixture(scope="module")
def report(full):
    import processing

    sinks = ("TABLE1", "TABLE3_RETURN", "TABLE3_OVERSEAS", "OVERSEAS_REGIONS", "CONCENTRATION",
             "TABLE4", "REFERENCE_TABLE", "RETURN_FLOWS", "INDICES")  # fmt: skip
    out = processing.run(
        "backflow:report",
        {
            "STAGES": full["STAGES"],
            "CITIES": full["NETWORK"],
            "ROUTES": full["PATTERN_ROUTES"],
            "OUTPUT_HTML": "TEMPORARY_OUTPUT",
            "MIN_PERSONS": 1,  # the paper's tables in full, small cells too
            **{k: "TEMPORARY_OUTPUT" for k in sinks},
        },
    )
    return {k: _rows(out[k]) for k in sinks}


# ----------------------------------------------------------------------------- Table 1


@pytest.mark.parametrize("subject", list(TABLE1))
def test_table1_row(report, subject):
    row = next(r for r in report["TABLE1"] if r["subject"] == subject)
    uni, inst, ent, top, total = TABLE1[subject]
    assert (row["university"], row["research institute"], row["enterprise"]) == (uni, inst, ent)
    assert row["total"] == total
    assert [(row[f"top{k}_city"], row[f"top{k}_count"]) for k in (1, 2, 3)] == top


def test_table1_sums(report):
    all_row = next(r for r in report["TABLE1"] if r["subject"] == "All")
    assert all_row["total"] == 2846 == sum(v[4] for v in TABLE1.values())
    assert all_row["university"] == 2350  # 82.57 %: the paper's "approximately 83%"
    assert round(100 * all_row["university"] / 2846) == 83


# ----------------------------------------------------------------------------- Table 3


@pytest.mark.parametrize("rank", range(1, 21))
def test_table3_return_org(report, rank):
    org, city, n = RETURN_ORGS[rank - 1]
    row = next(r for r in report["TABLE3_RETURN"] if r["org"] == org)
    assert (row["city"], row["persons"]) == (city, n)


def test_table3_return_top20_and_shares(report):
    top = report["TABLE3_RETURN"]
    assert len(top) == 20
    assert {r["org"] for r in top} == {o for o, _c, _n in RETURN_ORGS}
    assert sum(r["persons"] for r in top) == 1686  # printed sum 1,696: not its cells' sum
    top10 = sorted((r["persons"] for r in top), reverse=True)[:10]
    assert round(100 * sum(top10) / 2846, 2) == 42.45


@pytest.mark.parametrize("rank", range(1, 21))
def test_table3_overseas_org(report, rank):
    org, country, city, n = OVERSEAS_ORGS[rank - 1]
    row = next(r for r in report["TABLE3_OVERSEAS"] if r["org"] == org)
    assert (row["country"], row["city"], row["persons"]) == (country, city, n)


def test_table3_overseas_sum(report):
    assert sum(r["persons"] for r in report["TABLE3_OVERSEAS"]) == 767
    assert {r["org"] for r in report["TABLE3_OVERSEAS"]} == {o[0] for o in OVERSEAS_ORGS}


# ----------------------------------------------------------------------------- shares


@pytest.mark.parametrize(
    "region, pct",
    [("USA", 52.32), ("UK", 5.90), ("Europe", 12.40), ("Asia", 10.61), ("Australia", 2.99)],
)
def test_overseas_shares(report, region, pct):
    """The paper's 12.39 % for Europe needs 352.6 persons: 353 (12.40 %) is the nearest."""
    row = next(r for r in report["OVERSEAS_REGIONS"] if r["region"] == region)
    assert round(100 * row["share"], 2) == pct


def test_return_cities_and_seven_city_share(report):
    persons = {r["city"]: r["persons"] for r in report["CONCENTRATION"]}
    assert persons["Beijing"] == 677 and persons["Shanghai"] == 466
    assert persons["Wuhan"] == 201 and persons["Chengdu"] == 112
    order = [r["city"] for r in sorted(report["CONCENTRATION"], key=lambda r: r["rank"])][:8]
    assert order == ["Beijing", "Shanghai", "Wuhan", "Nanjing", "Hangzhou", "Hefei",
                     "Guangzhou", "Chengdu"]  # fmt: skip
    seven = sum(persons[c] for c in order[:7])
    assert seven == 2026 and int(10000 * seven / 2846) / 100 == 71.18  # printed truncated
    assert len(persons) == 52


# ----------------------------------------------------------------------------- network, Table 4


def test_network_has_440_cities(full, report):
    assert _layer(full["NETWORK"]).featureCount() == 440
    ref = {r["item"]: r for r in report["REFERENCE_TABLE"]}
    assert ref["cities worldwide"]["computed"] == "440"


def test_table4_tiers(full, report):
    assert (full["TIER1"], full["TIER2"], full["TIER3"]) == (4, 23, 25)
    t4 = {r["tier"]: r for r in report["TABLE4"]}
    assert [t4[t]["cities"] for t in (1, 2, 3)] == [4, 23, 25]
    members = {t: set(t4[t]["members"].split(", ")) for t in (1, 2, 3)}
    assert members[1] == {"Beijing", "Shanghai", "Nanjing", "Wuhan"}
    assert {"Hefei", "Guangzhou", "Hangzhou", "Chengdu", "Xi'an"} <= members[2]
    assert {"Mianyang", "Xianyang"} <= members[3]
    assert sum(len(m) for m in members.values()) == 52
    for t in (1, 2, 3):  # measure and break filled for the default method
        assert t4[t]["measure"] == "degree" and t4[t]["break"]
        assert t4[t]["measure_min"] <= t4[t]["measure_max"]
    assert t4[3]["measure_max"] < t4[1]["measure_min"]


# ----------------------------------------------------------------------------- A-E


@pytest.mark.parametrize("case", list(CASES))
def test_interviewed_talent(full, case):
    year, subject, city, pattern = CASES[case]
    row = next(r for r in _rows(full["PATTERN_ROUTES"]) if r["person_id"] == case)
    assert (row["return_year"], row["subject"], row["return_city"]) == (year, subject, city)
    assert row["pattern"] == pattern
    if pattern == "circle":  # B, C and D come back to a city they studied in
        assert row["circle_basis"] == "study"


# ----------------------------------------------------------------------------- the comparison


def test_reference_lists_every_printed_figure(report):
    ref = report["REFERENCE_TABLE"]
    sections = {r["section"] for r in ref}
    assert sections == {"Table 1", "Table 3 return", "Table 3 overseas", "Return cities",
                        "Overseas experience", "Table 4", "Network"}  # fmt: skip
    assert sum(r["section"] == "Table 1" for r in ref) == 6 * 10 + 2
    assert sum(r["section"] == "Table 3 return" for r in ref) == 20 * 2 + 1
    assert sum(r["section"] == "Table 3 overseas" for r in ref) == 20 * 3 + 1


def test_reference_differences_are_the_unreachable_ones(report):
    from backflow_plugin.core.report import reference

    off = {
        (r["section"], r["item"]): r for r in report["REFERENCE_TABLE"] if not reference.matches(r)
    }
    assert set(off) == set(NOT_REACHED)
    for key, words in NOT_REACHED.items():
        assert words in off[key]["note"], key


def test_report_html_has_the_comparison_flows_and_indices(full):
    page = full["html"]
    assert 'id="reference"' in page and "Compared with the paper" in page
    assert "Printed figures not reached" in page and "1,686" in page
    assert 'id="flows"' in page and "From world regions to city tiers" in page
    for index in ("Connectivity", "Intensity", "Effectiveness", "Mean distance of return"):
        assert f"<b>{index}" in page
    assert "All cities of the tier" in page and "Mianyang" in page


def test_return_flows_and_indices(report):
    flows = report["RETURN_FLOWS"]
    assert sum(r["persons"] for r in flows) == 2846
    usa = sum(r["persons"] for r in flows if r["region"] == "USA")
    assert 1400 < usa <= 1489  # last stage abroad; 1,489 persons were ever in the USA
    core = sum(r["persons"] for r in flows if r["tier"] == 1)
    assert core == 677 + 466 + 201 + 188
    idx = {r["city"]: r for r in report["INDICES"]}
    assert len(idx) == 52 and idx["Beijing"]["returnees"] == 677
    assert all(-100 <= r["effectiveness"] <= 100 for r in idx.values())
    assert all(0 < r["connectivity"] <= 1 for r in idx.values())
    assert 5000 < idx["Beijing"]["mean_return_km"] < 15000


# ----------------------------------------------------------------------------- options


def test_report_in_chinese(full, tmp_path):
    import processing

    out = tmp_path / "zh.html"
    processing.run(
        "backflow:report",
        {"STAGES": full["STAGES"], "CITIES": full["NETWORK"], "ROUTES": full["PATTERN_ROUTES"],
         "LANGUAGE": 2, "OUTPUT_HTML": str(out)},
    )  # fmt: skip
    page = out.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page
    for text in ("表1 按学科与单位类型的回国人才", "与论文对照", "北京", "上海", "国家核心城市",
                 "前20个回流机构", "回流城市的迁移指数"):  # fmt: skip
        assert text in page, text
    assert ">Beijing<" not in page


def test_no_reference_when_asked(full, tmp_path):
    import processing

    out = tmp_path / "none.html"
    res = processing.run(
        "backflow:report",
        {"STAGES": full["STAGES"], "CITIES": full["NETWORK"], "REFERENCE": 1,
         "OUTPUT_HTML": str(out), "REFERENCE_TABLE": "TEMPORARY_OUTPUT"},
    )  # fmt: skip
    assert 'id="reference"' not in out.read_text(encoding="utf-8")
    assert _layer(res["REFERENCE_TABLE"]).featureCount() == 0


def test_fullanalysis_region_grouping_is_a_parameter(plugin, tmp_path):
    """Default: the paper's grouping (Europe = UN M49 Europe without the UK, Russia in it);
    REGION_OVERRIDES moves countries, here the UK into Europe."""
    import processing
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("backflow:fullanalysis")
    assert alg.parameterDefinition("REGION_OVERRIDES").defaultValue() in (None, "")
    out = tmp_path / "r.html"
    processing.run(
        "backflow:fullanalysis",
        {"INPUT": str(SAMPLE), "MAKE_REPORT": True, "REPORT_OUTPUT": str(out),
         "REGION_OVERRIDES": "GB=Europe", "REFERENCE": 2,
         **{k: "TEMPORARY_OUTPUT" for k in ("STAGES", "CITIES", "NETWORK", "PATTERN_ROUTES")}},
    )  # fmt: skip
    page = out.read_text(encoding="utf-8")
    # UK 168 persons now count in Europe: 353 + 168 = 521 = 18.31 %
    assert "18.31 %" in page and "UK, % of persons" in page


def test_report_follows_language_zh(full, tmp_path, monkeypatch):
    """LANGUAGE=zh (or QGIS in Chinese) makes the default report Chinese."""
    import processing

    monkeypatch.setenv("LANGUAGE", "zh_CN")
    out = tmp_path / "auto.html"
    processing.run(
        "backflow:report",
        {"STAGES": full["STAGES"], "CITIES": full["NETWORK"], "OUTPUT_HTML": str(out)},
    )
    page = out.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page and "表4 各等级城市" in page
    monkeypatch.setenv("LANGUAGE", "en")
    processing.run(
        "backflow:report",
        {"STAGES": full["STAGES"], "CITIES": full["NETWORK"], "OUTPUT_HTML": str(out)},
    )
    assert "Table 4. Cities per tier" in out.read_text(encoding="utf-8")
