"""Per-value work done once per distinct value: trajectory columns repeat a lot
(a few hundred city names over a million rows)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from .errors import BackflowInputError
from .messages import M
from .schema import FALSE_TEXT, TRUE_TEXT


def map_unique(series: pd.Series, fn: Callable, na_value=None) -> pd.Series:
    """`series.map(fn)`, calling fn once per distinct value; NA gives na_value."""
    codes, uniques = pd.factorize(series)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    mapped[:-1] = [fn(u) for u in uniques]
    mapped[-1] = na_value
    return pd.Series(mapped[codes], index=series.index, dtype=object)


def first_seen_codes(values: pd.Series) -> np.ndarray:
    """``pd.factorize(values)[0]``: a code per distinct value in first-seen order, -1 for
    a missing one.

    A column sorted into runs (the import's person ids) is coded by comparing each row
    with the one before: only the runs' first values are hashed, not every row.
    """
    array = values.to_numpy(dtype=object)
    if len(array):
        new = np.ones(len(array), dtype=bool)
        try:
            np.not_equal(array[1:], array[:-1], out=new[1:])
        except TypeError:  # pd.NA compares as neither: factorized below
            new[:] = False
        heads = array[new]  # a missing value heads a run of its own or of its likes
        if len(heads) and not pd.isna(heads).any() and len(pd.unique(heads)) == len(heads):
            return np.cumsum(new) - 1  # each value in one run
    return pd.factorize(array)[0]


def first_per_group(values: pd.Series, codes: np.ndarray, heads: np.ndarray):
    """``values.groupby(codes, sort=True).first()``'s values (first non-missing of each
    group): with ``heads`` (each group's first row, by code) a plain take when
    nothing is missing, else the groupby."""
    if isinstance(values.dtype, np.dtype) and values.dtype.kind in "Obiuf":
        array = values.to_numpy()
        if not pd.isna(array).any():
            return array[heads]
    return values.groupby(codes, sort=True).first().array


def factorize_rows(frame: pd.DataFrame) -> tuple[np.ndarray, list[tuple]]:
    """(code of each row, the distinct rows as tuples in first-seen order).

    As ``pd.factorize`` of a MultiIndex, which makes and hashes a tuple per row: here
    the columns' codes are combined pairwise (re-coded each time: no overflow).
    """
    combined = np.zeros(len(frame), dtype=np.int64)
    for col in frame.columns:
        codes, uniques = pd.factorize(frame[col], use_na_sentinel=False)
        combined, _ = pd.factorize(combined * max(len(uniques), 1) + codes)
    _, first = np.unique(combined, return_index=True)
    columns = [frame[c].to_numpy(dtype=object)[first].tolist() for c in frame.columns]
    return combined, list(zip(*columns))


def none_for_missing(series: pd.Series) -> pd.Series:
    """The Series as objects with None for every missing value.

    pandas 3 stores text as its ``str`` dtype, whose missing value is NaN; the core's
    contract (and the sinks) use None for a missing text, on every pandas.
    """
    out = series.astype(object)
    return out.where(out.notna(), None)


def object_column(values, index) -> pd.Series:
    """A column of Python objects (no string-dtype inference on pandas 3), None for missing."""
    return none_for_missing(pd.Series(list(values), index=index, dtype=object))


def as_bool(values: pd.Series, column: str = "") -> np.ndarray:
    """Booleans from a yes/no column: bool, numbers, or text in schema's truth table.

    Missing is False. A text that is neither true nor false is an input error naming
    the column and the value (never a silent False).
    """
    if pd.api.types.is_bool_dtype(values.dtype):
        return values.fillna(False).to_numpy(dtype=bool)
    codes, uniques = pd.factorize(values)

    def one(v) -> bool:
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        if isinstance(v, (int, float, np.integer, np.floating)):
            return bool(v) and not pd.isna(v)
        text = str(v).strip().lower()
        if text in TRUE_TEXT:
            return True
        if text in FALSE_TEXT:
            return False
        raise BackflowInputError(
            M("error.values.not_boolean", column_name=column or "yes/no"),
            column=column or None,
            value=v,
            accepted=M("error.values.not_boolean.accepted"),
        )

    flags = np.asarray([one(u) for u in uniques] + [False], dtype=bool)
    return flags[codes] if len(codes) else np.zeros(0, dtype=bool)


def numbers_in_text(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(each cell as a number, NaN when blank or not a number; True where a cell holds
    text that is not a number), converting each distinct value once."""
    codes, uniques = pd.factorize(series)
    text = np.asarray([str(u).strip() for u in uniques] + [""], dtype=object)
    numbers = pd.to_numeric(pd.Series(text, dtype=object), errors="coerce")
    numbers = numbers.to_numpy(dtype=float)
    bad = np.isnan(numbers) & (text != "")
    return numbers[codes], bad[codes]  # code -1 (missing) takes the last: blank


def strip_text(series: pd.Series) -> pd.Series:
    """Cells as stripped text ('' for missing)."""
    return map_unique(series, lambda v: str(v).strip(), na_value="")
