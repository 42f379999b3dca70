"""The front door (core.analysis): the chain's steps as one call, typed results."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from backflow_plugin.core import analysis as door
from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.patterns.routes import classify_routes
from backflow_plugin.core.report.tables import build_report
from tests.conftest import ROOT

SAMPLE = ROOT / "resources" / "sample" / "returnees_synthetic.csv"
SMALL = pd.DataFrame(
    {
        "person_id": ["A"] * 4 + ["B"] * 4 + ["C"] * 3,
        "seq": ["1", "2", "3", "4"] * 2 + ["1", "2", "3"],
        "stage": ["birth", "bachelor", "phd", "return"] * 2 + ["birth", "phd", "return"],
        "city": ["Wuhan", "Beijing", "Boston", "Wuhan", "Hefei", "Nanjing", "London",
                 "Shanghai", "Xi'an", "Tokyo", "Beijing"],
        "country": ["CN", "CN", "US", "CN", "CN", "CN", "GB", "CN", "CN", "JP", "CN"],
        "subject": ["physics"] * 8 + ["biology"] * 3,
    }
)  # fmt: skip


@pytest.fixture(scope="module")
def small():
    return door.analyse(SMALL)


def test_the_chain_accounts_for_every_person_and_row(small):
    counts = small.trajectories.counts
    assert counts["persons"] == 3
    assert counts["stage_rows"] == len(SMALL)
    assert counts["resolved_rows"] + counts["unresolved_rows"] == len(SMALL)
    assert counts["returnees"] == 3
    # the stage table's own note: rows the import left out as no stage (none here)
    assert small.trajectories.stages.attrs.get("dropped_rows") == 0


def test_routes_are_those_of_the_core_step(small):
    direct = classify_routes(small.trajectories.stages)
    pd.testing.assert_frame_equal(small.patterns.routes, direct)
    # A came back to Wuhan, known before leaving; B and C to a new city
    by_person = small.patterns.routes.set_index("person_id")["pattern"].to_dict()
    assert by_person == {"A": "circle", "B": "linear", "C": "linear"}
    assert (small.patterns.counts.circle, small.patterns.counts.linear) == (1, 2)


def test_the_network_joins_measures_and_tiers_onto_every_city(small):
    cities = small.network.cities
    assert len(cities) == len(small.trajectories.cities)
    assert {"degree", "tier", "tier_label", "rank"} <= set(cities.columns)
    domestic = set(cities.loc[cities["tier"].notna(), "name"])
    named = {name for members in small.network.tiers.values() for name in members}
    assert named <= domestic


def test_report_tables_are_those_of_the_core_step_before_disclosure(small):
    tables = build_report(
        small.trajectories.stages, small.network.cities, small.patterns.routes,
        tier_measure=small.network.tier_info.get("measure"),
    )  # fmt: skip
    assert small.report.tables["table1"].shape == tables["table1"].shape
    assert small.report.headline["returnees"] == 3
    # three persons, MIN_PERSONS 5: disclosure control said what it hid
    assert small.report.notes


def test_options_reach_their_steps():
    no_report = door.analyse(SMALL, door.Options(report=None))
    assert no_report.report is None
    with pytest.raises(BackflowInputError):
        door.route_patterns(no_report.trajectories, door.PatternOptions(which="middle"))
    county = door.import_trajectories(SMALL, door.ImportOptions(level="county"))
    assert county.counts["level"] == "county"


def test_render_report_is_one_html_page(small):
    html = door.render_report(small.report)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert '<section id="table1">' in html


def test_read_table_reads_the_sample_as_text():
    table = door.read_table(SAMPLE)
    assert len(table) == 17427
    assert table["year"].map(type).eq(str).all()


def test_the_front_door_loads_lazily_from_core():
    code = (
        "import sys\n"
        "import backflow_plugin.core.errors\n"
        "assert 'backflow_plugin.core.analysis' not in sys.modules\n"
        "import backflow_plugin.core as core\n"
        "assert core.analyse is sys.modules['backflow_plugin.core.analysis'].analyse\n"
        "print('ok')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.stdout.strip() == "ok", proc.stderr[-2000:]
