"""Frames built column by column and grouping on codes: the same tables as pandas'
own operations (core/frames.py, core/vectorise.py, the import's distinct resolving)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from backflow_plugin.core.frames import columns_frame, take_rows, with_columns, without_columns
from backflow_plugin.core.places.cells import resolve_cells
from backflow_plugin.core.places.gazetteer import Gazetteer
from backflow_plugin.core.trajectories.geocode import _resolve_distinct
from backflow_plugin.core.trajectories.leg_geometry import _distinct_pairs
from backflow_plugin.core.vectorise import first_per_group, first_seen_codes


def _table() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "person_id": ["a", "a", "b", "c", "c", "c"],
            "city": ["Suzhou", None, "Boston", "Beijing", "Beijing", "Bologna"],
            "year": pd.array([2001, None, 1999, 2010, 2012, None], dtype="Int64"),
            "domestic": [True, True, False, True, True, False],
            "seq": [1, 2, 1, 1, 2, 3],
        },
        index=[10, 11, 12, 13, 14, 15],
    )
    frame.attrs["note"] = "kept"
    return frame


def test_with_columns_is_assign_and_shares_the_data():
    frame = _table()
    got = with_columns(frame, {"city": frame["city"].fillna(""), "phase": np.arange(6)})
    want = frame.assign(city=frame["city"].fillna(""), phase=np.arange(6))
    pd.testing.assert_frame_equal(got, want)
    assert got.attrs == {"note": "kept"}
    assert np.shares_memory(got["seq"].to_numpy(), frame["seq"].to_numpy())  # not copied
    assert frame["city"].isna().sum() == 1  # the caller's frame is unchanged


def test_take_rows_is_a_boolean_filter_or_take():
    frame = _table()
    mask = np.array([True, False, True, False, True, True])
    pd.testing.assert_frame_equal(take_rows(frame, mask), frame[mask])
    pd.testing.assert_frame_equal(take_rows(frame, pd.Series(mask)), frame[mask])
    pd.testing.assert_frame_equal(take_rows(frame, [5, 0, 2]), frame.take([5, 0, 2]))
    assert take_rows(frame, mask).attrs == {"note": "kept"}


def test_without_columns_is_drop():
    frame = _table()
    pd.testing.assert_frame_equal(
        without_columns(frame, ("year", "absent")), frame.drop(columns=["year"])
    )
    assert without_columns(frame, ("absent",)) is frame


def test_columns_frame_reads_series_by_position():
    frame = _table()
    got = columns_frame({"a": frame["seq"], "b": frame["year"], "c": "x"}, pd.RangeIndex(6))
    assert got["a"].tolist() == [1, 2, 1, 1, 2, 3]
    assert str(got["b"].dtype) == "Int64" and got["b"].isna().sum() == 2
    assert got["c"].tolist() == ["x"] * 6
    # one block per type: a copy of the columns, equal to them
    one = columns_frame({c: frame[c] for c in frame.columns}, frame.index, consolidated=True)
    pd.testing.assert_frame_equal(one, frame.set_axis(frame.index).copy())
    assert not np.shares_memory(one["seq"].to_numpy(), frame["seq"].to_numpy())


@pytest.mark.parametrize(
    "values",
    [
        ["p1", "p1", "p2", "p3", "p3"],  # runs
        ["p1", "p2", "p1", "p3"],  # a person in two runs
        ["p1", None, None, "p2", np.nan, "p1"],  # missing ids
        [3, 3, 1, 1, 2],
        [],
        pd.array(["p1", "p1", pd.NA, "p2"], dtype="string"),  # pd.NA compares as neither
    ],
)
def test_first_seen_codes_equal_factorize(values):
    series = pd.Series(values, dtype=getattr(values, "dtype", object))
    assert first_seen_codes(series).tolist() == pd.factorize(series.to_numpy())[0].tolist()


def test_first_per_group_equals_groupby_first():
    frame = _table()
    codes = pd.factorize(frame["person_id"])[0]
    heads = np.unique(codes, return_index=True)[1]
    for column in ("city", "year", "domestic", "seq"):
        want = frame[column].groupby(codes, sort=True).first()
        got = pd.Series(first_per_group(frame[column], codes, heads))
        pd.testing.assert_series_equal(got, want.reset_index(drop=True), check_names=False)
    # a first row without a value: the first value of the group, as groupby
    assert first_per_group(frame["city"], codes, heads).tolist() == [
        "Suzhou",
        "Boston",
        "Beijing",
    ]


def test_distinct_pairs_as_drop_duplicates():
    legs = pd.DataFrame({"o": ["A", "B", "A", "A", "C"], "d": ["B", "A", "B", "C", "A"]})
    origin, dest = _distinct_pairs(legs["o"], legs["d"])
    want = legs.drop_duplicates()
    assert list(zip(origin, dest)) == list(want.itertuples(index=False, name=None))
    cats = legs.astype("category")
    origin, dest = _distinct_pairs(cats["o"], cats["d"])
    assert list(zip(origin, dest)) == list(want.itertuples(index=False, name=None))


def test_each_distinct_row_resolved_once_gives_every_row_its_result():
    gaz = Gazetteer.bundled()
    names = pd.Series(
        ["Boston", "Suzhou", "Boston", "北京大学", "Nowhereville", "Cambridge", "Suzhou"] * 3,
        dtype=object,
    ).set_axis(range(100, 121))
    countries = pd.Series(["US", None, None, None, None, "GB", None] * 3, dtype=object)
    countries.index = names.index
    home = pd.Series(["CN"] * 14 + [None] * 7, index=names.index, dtype=object)
    want = resolve_cells(gaz, names, countries, home)
    got = _resolve_distinct(gaz, names, countries, home, {})
    pd.testing.assert_frame_equal(got, want)
    assert got["city_id"].notna().sum() == 18  # Nowhereville is unknown, three times
