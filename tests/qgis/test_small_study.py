"""A 20-person study at the default MIN_PERSONS: warned, offered a threshold, able to see all."""

from __future__ import annotations

import shutil

from qgis.core import QgsProject

from tests.conftest import DATA
from tests.qgis.test_panel_wide import SHOTS
from tests.qgis.test_run_logs_zh import Log

CV = str(DATA / "cv_wide_en.csv")
FULL = {"INPUT": CV, "STAGES": "TEMPORARY_OUTPUT", "MAKE_REPORT": False}


def test_full_analysis_warns_when_the_threshold_hides_the_map(run_alg):
    log = Log()
    res = run_alg("backflow:fullanalysis", FULL, feedback=log)
    # 47 flows: 38 of one person, 9 of two; 24 cities, 2 of 5 persons or more
    assert (res["FLOWS_TOTAL"], res["FLOWS_SHOWN"]) == (47, 0)
    assert (res["CITIES_TOTAL"], res["CITIES_SHOWN"]) == (24, 2)
    assert res["SUGGESTED_MIN_PERSONS"] == 2
    text = "\n".join(log.lines)
    assert (
        "Disclosure control (MIN_PERSONS = 5) hides most of the map: 0 of 47 flows and 2 of "
        "24 cities are drawn. MIN_PERSONS = 2 would draw 9 flows, still none of a single "
        "person. MIN_PERSONS = 1 shows everything (not for publication)."
    ) in text


def test_suggested_threshold_draws_what_it_said(run_alg):
    log = Log()
    res = run_alg("backflow:fullanalysis", {**FULL, "MIN_PERSONS": 2}, feedback=log)
    assert res["FLOWS_SHOWN"] == 9 and res["CITIES_SHOWN"] == 22
    # still most flows hidden, and 2 is the lowest threshold offered: nothing to offer
    assert res["SUGGESTED_MIN_PERSONS"] == 0
    assert "No threshold from 2 up draws more flows" in "\n".join(log.lines)


def test_threshold_of_one_shows_everything_with_a_warning(run_alg):
    log = Log()
    res = run_alg("backflow:fullanalysis", {**FULL, "MIN_PERSONS": 1}, feedback=log)
    assert res["FLOWS_SHOWN"] == res["FLOWS_TOTAL"] == 47
    assert res["SUGGESTED_MIN_PERSONS"] == 0
    assert "MIN_PERSONS = 1: every flow and city is shown, single persons included" in "\n".join(
        log.lines
    )


def test_publication_map_notes_and_warns(run_alg, tmp_path):
    imported = run_alg(
        "backflow:importtrajectories",
        {"INPUT": CV, "STAGES": "TEMPORARY_OUTPUT", "FLOWS": "TEMPORARY_OUTPUT",
         "CITIES": "TEMPORARY_OUTPUT"},
    )  # fmt: skip
    log = Log()
    res = run_alg(
        "backflow:publicationmap",
        {
            "CITIES": imported["CITIES"],
            "FLOWS": imported["FLOWS"],
            "OUTPUT": str(tmp_path / "map.png"),
        },
        feedback=log,
    )
    text = "\n".join(log.lines)
    assert "hides most of the map" in text and "MIN_PERSONS = 2 would draw" in text
    layout = QgsProject.instance().layoutManager().layoutByName(res["LAYOUT"])
    notes = layout.itemById("notes").text()
    # the China map's domestic, backflow and onward flows: none of 5 persons or more
    assert notes.startswith("No flow is shown: all 25 have fewer than 5 persons")
    SHOTS.mkdir(parents=True, exist_ok=True)  # to look at
    shutil.copy(tmp_path / "map.png", SHOTS / "small_study_map.png")
