"""Per-value work done once per distinct value: trajectory columns repeat a lot
(a few hundred city names over a million rows)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def map_unique(series: pd.Series, fn: Callable, na_value=None) -> pd.Series:
    """`series.map(fn)`, calling fn once per distinct value; NA gives na_value."""
    codes, uniques = pd.factorize(series)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    mapped[:-1] = [fn(u) for u in uniques]
    mapped[-1] = na_value
    return pd.Series(mapped[codes], index=series.index, dtype=object)


def strip_text(series: pd.Series) -> pd.Series:
    """Cells as stripped text ('' for missing)."""
    return map_unique(series, lambda v: str(v).strip(), na_value="")
