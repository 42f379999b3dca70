"""The Python front door reads a wide CV table as importtrajectories does: detected
from its headers, or by a WIDE_MAPPING text."""

from __future__ import annotations

import csv
from pathlib import Path

from backflow_plugin.core.analysis import (
    ImportOptions,
    analyse,
    import_trajectories,
    read_table,
)

CV = Path(__file__).resolve().parents[1] / "data" / "cv"


def test_a_cv_table_is_detected_and_every_route_is_the_hand_worked_one():
    analysis = analyse(read_table(CV / "cv_audit_zh_gbk.csv"))
    counts = analysis.trajectories.counts
    assert (counts["persons"], counts["stage_rows"], counts["resolved_rows"]) == (20, 110, 110)
    routes = analysis.patterns.routes.set_index("person_id")
    with open(CV / "cv_audit_expected.csv", encoding="utf-8", newline="") as f:
        want = [r for r in csv.DictReader(f) if r["table"] == "gbk"]
    assert len(want) == 20
    for r in want:
        got = routes.loc[r["person"]]
        assert (got["return_city"], got["pattern"]) == (r["return_city"], r["pattern"])


def test_a_wide_mapping_names_the_stages():
    table = read_table(CV / "cv_audit_zh_bom.csv")
    options = ImportOptions(wide="birth=city:出生地; return=org:回国工作单位,year:回国时间")
    trajectories = import_trajectories(table, options)
    assert trajectories.counts["stage_rows"] == 40
    stages = trajectories.stages
    assert set(stages["stage"]) == {"birth", "return"}
    back = stages[stages["person_id"].eq("陈志强") & stages["stage"].eq("return")].iloc[0]
    assert (back["city"], back["org"], back["year"]) == ("Wuhan", "武汉大学", 2011)
