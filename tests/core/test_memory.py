"""Memory work of issue 17: no second copy of the stage table, compact legs, shared labels.

A million persons make ~6M stage rows: every whole-table copy costs GBs. These tests
hold the behaviour the savings rely on (results equal to the copying code paths) and
that no categorical leaves the import's tables for the layers.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from backflow_plugin.core import schema
from backflow_plugin.core.patterns import routes as patterns
from backflow_plugin.core.report import tables as core_report
from backflow_plugin.core.tables.delimited import read_text_table
from backflow_plugin.core.tables.fields import detect_fields
from backflow_plugin.core.trajectories import build as tj
from backflow_plugin.core.trajectories import returns

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "returnees_synthetic.csv"


@pytest.fixture(scope="module")
def result() -> tj.ImportResult:
    frame, _ = read_text_table(SAMPLE)
    keep = frame["person_id"].isin(frame["person_id"].unique()[:400])
    frame = frame[keep].reset_index(drop=True)
    return tj.import_trajectories(frame, tj.FieldMap(**detect_fields(frame.columns)))


def test_legs_are_compact_and_equal_to_build_legs(result):
    legs = result.legs
    for col in tj.LEG_CATEGORIES:
        assert isinstance(legs[col].dtype, pd.CategoricalDtype), col
    plain, _ = tj.build_legs(result.stages.sort_values(["person_id", "seq"], kind="stable"))
    assert len(plain) == len(legs) == result.counts["legs"] > 1000
    pd.testing.assert_frame_equal(
        legs.astype(object).reset_index(drop=True), plain.astype(object).reset_index(drop=True)
    )
    assert set(legs["flow_type"].cat.categories) <= set(schema.FLOW_TYPES)
    # legs are grouped from plain objects: flows equal the aggregate of the plain legs
    pd.testing.assert_frame_equal(result.flows, tj.aggregate_flows(plain))


def test_no_categorical_reaches_a_layer(result):
    for name in ("stages", "flows", "cities", "routes", "unresolved"):
        frame = getattr(result, name)
        cats = [c for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)]
        assert cats == [], name
    for column in ("origin", "flow_type"):  # plain text: object, or str on pandas 3
        dtype = result.flows[column].dtype
        assert pd.api.types.is_string_dtype(dtype), (column, dtype)


def test_phase_and_flow_labels_share_one_object_per_label(result):
    phase = result.stages["phase"].tolist()
    assert set(phase) == {"before", "abroad", "return", "after"}
    assert len({id(v) for v in phase}) == 4  # not one str object per row
    legs, _ = tj.build_legs(result.stages)
    labels = legs["flow_type"].tolist()
    assert len({id(v) for v in labels}) == len(set(labels)) >= 4
    routes = patterns.classify_routes(result.stages)
    pattern = routes["pattern"].dropna().tolist()
    assert len({id(v) for v in pattern}) == len(set(pattern)) == 2


def test_sorted_stages_skip_the_sort_with_the_same_routes(result):
    stages = result.stages
    before = stages.copy()
    assert returns._in_order(*_keys(stages))
    fast = patterns.classify_routes(stages)
    # shuffled rows take the sorting path; persons then come in another order
    shuffled = stages.sample(frac=1.0, random_state=7).reset_index(drop=True)
    assert not returns._in_order(*_keys(shuffled))
    slow = patterns.classify_routes(shuffled)
    key = "person_id"
    pd.testing.assert_frame_equal(
        fast.sort_values(key).reset_index(drop=True), slow.sort_values(key).reset_index(drop=True)
    )
    # the caller's table is left as it was (columns are replaced in a shallow copy)
    pd.testing.assert_frame_equal(stages, before)


def _keys(stages: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    codes, _ = pd.factorize(stages["person_id"], sort=False)
    return codes, pd.to_numeric(stages["seq"]).to_numpy(dtype=float)


def test_in_order_needs_contiguous_persons_and_rising_seq():
    assert returns._in_order(np.array([0, 0, 1, 1, 2]), np.array([1.0, 2, 1, 5, 1]))
    assert not returns._in_order(np.array([0, 1, 0]), np.array([1.0, 1, 2]))  # split person
    assert not returns._in_order(np.array([0, 0, 1]), np.array([2.0, 1, 1]))  # seq falls
    assert returns._in_order(np.array([0, 0]), np.array([1.0, 1]))  # ties keep file order
    assert returns._in_order(np.array([0, 0, 1]), None)


def test_returns_and_org_tables_read_only_the_columns_they_need(result):
    stages = result.stages
    wide = stages.assign(**{f"extra_{i}": "x" for i in range(12)})
    rows = core_report._stage_rows(wide)
    assert set(rows.columns) <= set(core_report._ORG_TABLE_INPUT)
    assert {"person_id", "seq", "org", "city", "country", "domestic"} <= set(rows.columns)
    pd.testing.assert_frame_equal(returns.find_returns(wide), returns.find_returns(stages))
    top = core_report.top_return_orgs(wide)
    assert len(top) > 0
    pd.testing.assert_frame_equal(top, core_report.top_return_orgs(stages))
    over = core_report.top_overseas_orgs(wide)
    assert len(over) > 0
    pd.testing.assert_frame_equal(over, core_report.top_overseas_orgs(stages))
