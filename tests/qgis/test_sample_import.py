"""Importing the bundled sample reproduces the figures it was calibrated to."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.conftest import ROOT, SAMPLE

CALIBRATION = json.loads((ROOT / "resources" / "sample" / "calibration.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def imported(plugin):
    import processing

    return processing.run(
        "backflow:importtrajectories",
        {
            "INPUT": str(SAMPLE),
            "HOME_COUNTRY": "CN",
            "GEOMETRY": 0,
            **{k: "TEMPORARY_OUTPUT" for k in ("STAGES", "CITIES", "FLOWS", "UNRESOLVED")},
        },
    )


def test_every_row_is_placed(imported):
    assert imported["PERSONS"] == CALIBRATION["persons"] == 2846
    assert imported["STAGE_ROWS"] == CALIBRATION["rows"]
    assert imported["RESOLVED_ROWS"] == CALIBRATION["rows"]
    assert imported["UNRESOLVED_ROWS"] == 0


def test_return_cities_match_the_calibration(imported):
    cities = {f["name"]: f["returnees"] for f in imported["CITIES"].getFeatures() if f["returnees"]}
    expected = CALIBRATION["return_cities"]
    assert len(cities) == CALIBRATION["return_city_count"] == 52
    for name in (
        "Beijing",
        "Shanghai",
        "Wuhan",
        "Nanjing",
        "Hangzhou",
        "Hefei",
        "Guangzhou",
        "Chengdu",
    ):
        assert cities[name] == expected[name], name
    assert cities["Beijing"] == 677 and cities["Shanghai"] == 466
    seven = sum(cities[c] for c in CALIBRATION["seven_cities"])
    assert seven == 2026
    assert 100 * seven / 2846 == pytest.approx(71.18, abs=0.01)


def test_overseas_regions_and_orgs(imported):
    from backflow_plugin.core.places.countries import Countries

    countries = Countries.bundled()
    abroad = [f for f in imported["STAGES"].getFeatures() if not f["domestic"]]
    regions = {}
    for f in abroad:
        regions.setdefault(f["person_id"], set()).add(countries.region_of(f["country"]))
    counts = Counter(r for rs in regions.values() for r in rs)
    assert counts["USA"] == CALIBRATION["overseas_regions"]["USA"]["persons"] == 1489
    assert round(100 * counts["USA"] / 2846, 2) == 52.32
    assert counts["UK"] == 168
    per_org = {}
    for f in abroad:
        per_org.setdefault(f["org"], set()).add(f["person_id"])
    top = sorted(((len(p), o) for o, p in per_org.items()), reverse=True)[:3]
    assert top == [
        (82, "Harvard University"),
        (75, "Stanford University"),
        (68, "Massachusetts Institute of Technology"),
    ]


def test_backflow_flows_arrive_in_china(imported):
    flows = [f for f in imported["FLOWS"].getFeatures() if f["flow_type"] == "backflow"]
    total = sum(f["count"] for f in flows)
    assert total == 2846  # one return each
    assert {f["flow_type"] for f in imported["FLOWS"].getFeatures()} <= {
        "domestic",
        "outbound",
        "abroad",
        "backflow",
        "onward",
    }
