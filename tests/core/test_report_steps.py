"""The report's steps in one order, in core, and each person's return found once."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core import analysis as door
from backflow_plugin.core.report import indices, organisations, persons, steps
from backflow_plugin.core.sources import cities as source_cities
from backflow_plugin.core.trajectories import legs
from backflow_plugin.core.trajectories.returns import find_returns
from tests.core.test_analysis import SMALL

# every module that finds returns for the import or the report
FINDERS = (legs, steps, persons, organisations, indices, source_cities)


@pytest.fixture(scope="module")
def small():
    return door.analyse(SMALL, door.Options(report=None))


def _count_finds(monkeypatch) -> list[int]:
    calls = []

    def counting(stages, which="first"):
        calls.append(len(stages))
        return find_returns(stages, which)

    for module in FINDERS:
        monkeypatch.setattr(module, "find_returns", counting)
    return calls


def test_the_steps_run_in_the_order_written_in_core():
    assert [name for name, _ in steps.REPORT_STEPS] == ["tables", "paper", "regions", "disclosure"]


def test_the_import_keeps_each_persons_return(small):
    returns = small.trajectories.returns
    assert list(returns["person_id"]) == ["A", "B", "C"]
    assert list(returns["return_city"]) == ["Wuhan", "Shanghai", "Beijing"]
    pd.testing.assert_frame_equal(returns, find_returns(small.trajectories.stages))


def test_given_returns_are_not_found_again_and_give_the_same_tables(small, monkeypatch):
    def inputs(returns):
        return steps.ReportInputs(
            small.trajectories.stages, small.network.cities, small.patterns.routes, returns,
            build={"tier_measure": "degree"}, min_persons=1,
        )  # fmt: skip

    calls = _count_finds(monkeypatch)
    found = steps.report_tables(inputs(None))
    assert calls == [len(small.trajectories.stages)]  # once, for every table
    calls.clear()
    given = steps.report_tables(inputs(small.trajectories.returns))
    assert calls == []
    assert list(given) == list(found)
    for key in found:
        pd.testing.assert_frame_equal(given[key], found[key], obj=key)
    assert found["return_cities"]["persons"].sum() == 3  # A, B and C returned


def test_disclosure_runs_last_and_says_what_it_hid(small):
    inputs = steps.ReportInputs(
        small.trajectories.stages, small.network.cities, small.patterns.routes,
        small.trajectories.returns, min_persons=5,
    )  # fmt: skip
    tables = steps.report_tables(inputs)
    assert inputs.notes and set(inputs.notes) <= set(tables)
    assert all("MIN_PERSONS = 5" in note for note in inputs.notes.values())
