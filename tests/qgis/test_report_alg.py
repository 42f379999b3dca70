"""backflow:report through processing.run on the bundled sample: import -> routepatterns -> report."""

from __future__ import annotations

import json
import re

import pytest
from qgis.core import QgsProcessingException
from qgis.PyQt.QtCore import QVariant

from tests.conftest import ROOT, SAMPLE

CALIBRATION = json.loads((ROOT / "resources" / "sample" / "calibration.json").read_text("utf-8"))
SINKS = (
    "TABLE1",
    "TABLE3_RETURN",
    "TABLE3_OVERSEAS",
    "OVERSEAS_REGIONS",
    "CONCENTRATION",
    "TABLE4",
    "PATTERNS",
)
SECTIONS = (
    "table1",
    "table3",
    "overseas",
    "concentration",
    "table4",
    "patterns",
    "centrality",
    "reproducibility",
)
# The sample puts Russia in "Other" (scripts/make_sample.py); the bundled countries table
# puts it in Europe. REGION_OVERRIDES reproduces the sample's grouping.
SAMPLE_GROUPING = ""  # the paper's grouping is the default


def _value(v):
    return None if isinstance(v, QVariant) and v.isNull() else v


def rows(layer) -> list[dict]:
    names = layer.fields().names()
    return [dict(zip(names, map(_value, f.attributes()))) for f in layer.getFeatures()]


@pytest.fixture(scope="module")
def layers(plugin):
    import processing

    imported = processing.run(
        "backflow:importtrajectories",
        {
            "INPUT": str(SAMPLE),
            "HOME_COUNTRY": "CN",
            "GEOMETRY": 0,
            **{k: "TEMPORARY_OUTPUT" for k in ("STAGES", "CITIES", "FLOWS")},
        },
    )
    routes = processing.run(
        "backflow:routepatterns",
        {
            "INPUT": imported["STAGES"],
            "GEOMETRY": 0,
            "ROUTES": "TEMPORARY_OUTPUT",
        },
    )
    # Tiers as the city network would add them (by returnees, for the test).
    tiered = processing.run(
        "native:fieldcalculator",
        {
            "INPUT": imported["CITIES"],
            "FIELD_NAME": "tier",
            "FIELD_TYPE": 1,
            "FIELD_LENGTH": 2,
            "FORMULA": "CASE WHEN returnees >= 188 THEN 1 WHEN returnees >= 20 THEN 2 "
            "WHEN returnees > 0 THEN 3 END",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    return {
        "stages": imported["STAGES"],
        "cities": imported["CITIES"],
        "tiered": tiered,
        "routes": routes["ROUTES"],
    }


@pytest.fixture(scope="module")
def result(layers, tmp_path_factory):
    import processing

    html = tmp_path_factory.mktemp("report") / "report.html"
    out = processing.run(
        "backflow:report",
        {
            "STAGES": layers["stages"],
            "CITIES": layers["tiered"],
            "ROUTES": layers["routes"],
            "INPUT_FILE": str(SAMPLE),
            "TIER_BREAKS": "188, 20, 1",
            "TIER_MEASURE": "returnees",
            "REGION_OVERRIDES": SAMPLE_GROUPING,
            "OUTPUT_HTML": str(html),
            "MIN_PERSONS": 1,  # the paper's tables in full (disclosure control: test_disclosure)
            **{k: "TEMPORARY_OUTPUT" for k in SINKS},
        },
    )
    out["html_text"] = html.read_text("utf-8")
    return out


def test_registered(plugin):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("backflow:report")
    assert alg is not None
    names = {p.name() for p in alg.parameterDefinitions()}
    assert {
        "STAGES",
        "CITIES",
        "ROUTES",
        "SUBJECT_FIELD",
        "UNIT_FIELD",
        "TOP_N",
        "TOP_K",
        "INPUT_FILE",
        "OUTPUT_HTML",
        *SINKS,
    } <= names
    assert {o.name() for o in alg.outputDefinitions()} >= {"TOP_K_SHARE", "GINI", "OUTPUT_HTML"}


def test_table1_matches_the_calibration(result):
    table = {r["subject"]: r for r in rows(result["TABLE1"])}
    expected = CALIBRATION["table1"]
    assert set(table) == set(expected) | {"All"}
    for subject, want in expected.items():
        got = table[subject]
        for unit in ("university", "research institute", "enterprise", "total"):
            assert got[unit] == want[unit], (subject, unit)
        assert got["top_cities"] == "; ".join(f"{c} ({n})" for c, n in want["top3"]), subject
        assert (got["top1_city"], got["top1_count"]) == tuple(want["top3"][0])
    assert table["All"]["total"] == 2846
    assert table["All"]["university"] == CALIBRATION["unit_types"]["university"] == 2350


def test_seven_city_share(result):
    assert result["RETURNEES"] == 2846
    assert result["TOP_K_SHARE"] == 2026 / 2846
    assert 100 * result["TOP_K_SHARE"] == pytest.approx(
        CALIBRATION["seven_city_share_pct"], abs=1e-4
    )
    cities = rows(result["CONCENTRATION"])
    assert len(cities) == CALIBRATION["return_city_count"] == 52
    top = [r for r in cities if r["top_k"]]
    assert [r["city"] for r in top] == CALIBRATION["seven_cities"]
    assert sum(r["persons"] for r in top) == CALIBRATION["seven_city_persons"] == 2026
    spelt = {"Ürümqi": "Urumqi"}  # the gazetteer spells it as GeoNames does
    assert {spelt.get(r["city"], r["city"]): r["persons"] for r in cities} == CALIBRATION[
        "return_cities"
    ]
    assert 0.7 < result["GINI"] < 0.8


def test_overseas_regions_match_the_calibration(result):
    regions = {r["label"]: r for r in rows(result["OVERSEAS_REGIONS"])}
    for label, want in CALIBRATION["overseas_regions"].items():
        assert regions[label]["persons"] == want["persons"], label
        assert round(100 * regions[label]["share"], 2) == want["share_pct"], label
    assert regions["USA"]["share"] == 1489 / 2846


def test_default_grouping_puts_russia_in_europe(layers, tmp_path):
    import processing

    out = processing.run(
        "backflow:report",
        {
            "STAGES": layers["stages"],
            "ROUTES": layers["routes"],
            "OUTPUT_HTML": str(tmp_path / "r.html"),
            "OVERSEAS_REGIONS": "TEMPORARY_OUTPUT",
        },
    )
    regions = {r["region"]: r["persons"] for r in rows(out["OVERSEAS_REGIONS"])}
    # the sample's grouping is the paper's (Russia in Europe): no override needed
    assert regions == {"USA": 1489, "UK": 168, "Europe": 353, "Asia": 302, "Australia": 85,
                       "Other": 449}  # fmt: skip
    moved = processing.run(
        "backflow:report",
        {
            "STAGES": layers["stages"],
            "ROUTES": layers["routes"],
            "REGION_OVERRIDES": "RU=Other",
            "OUTPUT_HTML": str(tmp_path / "r2.html"),
            "OVERSEAS_REGIONS": "TEMPORARY_OUTPUT",
        },
    )
    regions = {r["region"]: r["persons"] for r in rows(moved["OVERSEAS_REGIONS"])}
    # Moscow moves to Other: persons with other European stays stay in Europe too
    assert regions["Europe"] < 353 and regions["Other"] > 449


def test_organisations(result):
    overseas = rows(result["TABLE3_OVERSEAS"])
    assert len(overseas) == 20
    want = CALIBRATION["top_overseas_orgs"][:20]
    # equal counts are listed by name (the paper does not say how it ordered them)
    assert [(r["org"], r["country"], r["city"], r["persons"]) for r in overseas] == sorted(
        [(w["org"], w["country"], w["city"], w["persons"]) for w in want],
        key=lambda w: (-w[3], w[0]),
    )
    back = rows(result["TABLE3_RETURN"])
    assert len(back) == 20
    assert [(r["org"], r["city"], r["persons"]) for r in back[:3]] == [
        ("Peking University", "Beijing", 160),
        ("University of Science and Technology of China", "Hefei", 160),
        ("Zhejiang University", "Hangzhou", 159),
    ]


def test_patterns_and_tiers(result):
    pats = rows(result["PATTERNS"])
    overall = next(r for r in pats if r["by"] == "all")
    assert overall["circle"] == CALIBRATION["route_patterns"]["circle"] == 1685
    assert overall["linear"] == CALIBRATION["route_patterns"]["linear"] == 1161
    years = {r["group"]: r for r in pats if r["by"] == "return_year"}
    for year, want in CALIBRATION["route_patterns"]["by_cohort"].items():
        got = (years[year]["circle"], years[year]["linear"])
        if year == "2016":  # case A, cohort 2016, returned in 2018 (linear)
            got = (got[0], got[1] + years["2018"]["linear"])
        assert got == (want["circle"], want["linear"])
    assert {r["group"] for r in pats if r["by"] == "subject"} == set(CALIBRATION["table1"])
    tiers = {r["tier"]: r for r in rows(result["TABLE4"])}
    assert {t: r["cities"] for t, r in tiers.items()} == {1: 4, 2: 16, 3: 32}
    assert tiers[1]["examples"] == "Beijing, Shanghai, Wuhan, Nanjing"  # by returnees
    assert tiers[1]["tier_label"] == "national core"
    assert (tiers[2]["measure_min"], tiers[2]["measure_max"]) == (23, 175)
    assert tiers[1]["break"] == ">= 188"


def test_html_report(result):
    page = result["html_text"]
    assert page.startswith("<!DOCTYPE html>")
    for sid in SECTIONS:
        assert f'<section id="{sid}">' in page, sid
    assert len(re.findall(r"<svg ", page)) >= 5
    assert "Beijing (176); Shanghai (174); Hangzhou (63)" in page
    assert "71.19 %" in page and "52.32 %" in page
    assert "returnees_synthetic.csv" in page
    assert f"{CALIBRATION['rows']:,} data rows" in page
    from backflow_plugin.core.report.tables import file_sha256

    assert file_sha256(SAMPLE) in page
    from qgis.core import Qgis

    assert Qgis.QGIS_VERSION in page
    assert "not available: no `degree`" in page  # no centrality measures in the test cities


def test_without_cities_or_routes(layers, tmp_path):
    import processing

    html = tmp_path / "r.html"
    out = processing.run(
        "backflow:report",
        {
            "STAGES": layers["stages"],
            "OUTPUT_HTML": str(html),
            "TABLE4": "TEMPORARY_OUTPUT",
            "PATTERNS": "TEMPORARY_OUTPUT",
        },
    )
    page = html.read_text("utf-8")
    assert "not available: no `tier` column" in page
    assert out["TABLE4"].featureCount() == 0
    overall = next(r for r in rows(out["PATTERNS"]) if r["by"] == "all")
    assert overall["circle"] == 1685  # classified from the stages
    assert out["TOP_K_SHARE"] == 2026 / 2846


@pytest.mark.parametrize(
    ("method", "want_break"), [("thresholds", ">= 188"), ("hybrid", None), ("", ">= 188")]
)
def test_breaks_as_city_network_gives_them(layers, tmp_path, method, want_break):
    """BREAKS (';'-separated) and TIER_METHOD are read as data: class bounds of the
    hybrid method are no tier's lower bound, so Table 4 gives ranges only."""
    import processing

    out = processing.run(
        "backflow:report",
        {
            "STAGES": layers["stages"],
            "CITIES": layers["tiered"],
            "TIER_BREAKS": "1;20;188",  # ascending, as City network writes them
            "TIER_MEASURE": "returnees",
            "TIER_METHOD": method,
            "MIN_PERSONS": 1,
            "OUTPUT_HTML": str(tmp_path / "report.html"),
            "TABLE4": "TEMPORARY_OUTPUT",
        },
    )
    tiers = {r["tier"]: r for r in rows(out["TABLE4"])}
    assert tiers[1]["break"] == want_break
    assert tiers[3]["break"] == (None if want_break is None else ">= 1")
    assert (tiers[2]["measure"], tiers[2]["measure_min"], tiers[2]["measure_max"]) == (
        "returnees",
        23,
        175,
    )


def test_bad_region_override(layers, tmp_path):
    import processing

    with pytest.raises(QgsProcessingException, match="Unknown region"):
        processing.run(
            "backflow:report",
            {
                "STAGES": layers["stages"],
                "REGION_OVERRIDES": "RU=Mars",
                "OUTPUT_HTML": str(tmp_path / "r.html"),
            },
        )


@pytest.mark.parametrize("method", [0, 5])  # hybrid, thresholds
def test_city_network_outputs_passed_as_data(plugin, tmp_path, method):
    """citynetwork's MEASURE, BREAKS and TIER_METHOD outputs go to the report as they are."""
    import processing

    imported = processing.run(
        "backflow:importtrajectories",
        {"INPUT": str(SAMPLE), **{k: "TEMPORARY_OUTPUT" for k in ("STAGES", "CITIES", "FLOWS")}},
    )
    net = processing.run(
        "backflow:citynetwork",
        {
            "INPUT_FLOWS": imported["FLOWS"],
            "INPUT_CITIES": imported["CITIES"],
            "METHOD": method,
            "THRESHOLDS": "100, 30",  # on degree, the default measure
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    out = processing.run(
        "backflow:report",
        {
            "STAGES": imported["STAGES"],
            "CITIES": net["OUTPUT"],
            "TIER_BREAKS": net["BREAKS"],
            "TIER_MEASURE": net["MEASURE"],
            "TIER_METHOD": net["TIER_METHOD"],
            "OUTPUT_HTML": str(tmp_path / "r.html"),
            "TABLE4": "TEMPORARY_OUTPUT",
        },
    )
    tiers = {r["tier"]: r for r in rows(out["TABLE4"])}
    assert {r["measure"] for r in tiers.values()} == {net["MEASURE"]}
    assert [tiers[t]["cities"] for t in (1, 2, 3)] == [
        net["TIER1_COUNT"],
        net["TIER2_COUNT"],
        net["TIER3_COUNT"],
    ]
    if net["TIER_METHOD"] == "thresholds":
        assert net["MEASURE"] == "degree"
        assert (tiers[1]["break"], tiers[2]["break"]) == (">= 100", ">= 30")
        assert (
            tiers[1]["measure_min"]
            >= 100
            > tiers[2]["measure_max"]
            >= tiers[2]["measure_min"]
            >= 30
        )
    else:  # class bounds of the hybrid method: ranges only
        assert net["TIER_METHOD"] == "hybrid"
        assert all(r["break"] is None for r in tiers.values())
    page = (tmp_path / "r.html").read_text("utf-8")
    assert f"<code>{net['TIER_METHOD']}</code>" in page  # in the reproducibility record
