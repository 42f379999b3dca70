"""Concentration of return cities: returnees per return city, the top-k share, the Gini
coefficient and the Lorenz curve.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..disclosure.rules import TOP_K_PARTS
from ..frames import empty_frame, note_of
from ..messages import M
from .persons import missing_note, person_table, returnees

log = logging.getLogger("backflow")

CITY_COUNT_COLUMNS = ("rank", "city_id", "city", "persons", "share", "cum_persons", "cum_share")
CONCENTRATION_COLUMNS = (
    "k",
    "top_k_persons",
    "returnees",
    "top_k_share",
    "return_cities",
    "gini",
    "top_k_cities",
)
LORENZ_COLUMNS = ("cities_share", "returns_share")


# --------------------------------------------------------------------------- concentration


def return_city_counts(
    stages_or_routes: pd.DataFrame, persons: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Returnees per return city: rank, city_id, city, persons, share, cum_persons, cum_share.

    Sorted by persons (largest first), ties by city name. `persons`: ``person_table``
    of the data, when already made.
    """
    if "person_id" not in stages_or_routes.columns:
        return empty_frame(CITY_COUNT_COLUMNS, missing_note("person_id"))
    r = returnees(person_table(stages_or_routes) if persons is None else persons, ["person_id"])
    if r.empty:
        return empty_frame(CITY_COUNT_COLUMNS, M("note.no_returnees"))
    counts = (
        r.groupby("return_city_id")
        .agg(city=("return_city", "first"), persons=("person_id", "size"))
        .reset_index()
    )
    counts = counts.rename(columns={"return_city_id": "city_id"})
    counts = counts.sort_values(["persons", "city"], ascending=[False, True]).reset_index(drop=True)
    total = counts["persons"].sum()
    counts["rank"] = np.arange(1, len(counts) + 1)
    counts["share"] = counts["persons"] / total
    counts["cum_persons"] = counts["persons"].cumsum()
    counts["cum_share"] = counts["cum_persons"] / total
    return counts[list(CITY_COUNT_COLUMNS)]


def gini(values: Iterable[float]) -> float:
    """Gini coefficient of non-negative values (0: all equal; (n-1)/n: one takes all).

    G = sum_i sum_j |x_i - x_j| / (2 n^2 mean), computed on the sorted values as
    2 sum_i i x_(i) / (n sum x) - (n + 1) / n. NaN for no values or a zero sum.
    """
    x = np.sort(np.asarray(list(values), dtype=float))
    x = x[~np.isnan(x)]
    n = len(x)
    if n == 0 or x.sum() <= 0:
        return float("nan")
    if (x < 0).any():
        raise ValueError("gini needs non-negative values")
    i = np.arange(1, n + 1)
    return float(2.0 * np.sum(i * x) / (n * x.sum()) - (n + 1.0) / n)


def lorenz(values: Iterable[float]) -> pd.DataFrame:
    """Lorenz curve points: cities_share (0..1) and returns_share (0..1).

    Values sorted from smallest to largest; the first point is (0, 0), the last (1, 1).
    """
    x = np.sort(np.asarray(list(values), dtype=float))
    x = x[~np.isnan(x)]
    n = len(x)
    if n == 0 or x.sum() <= 0:
        return empty_frame(LORENZ_COLUMNS, M("note.no_values"))
    return pd.DataFrame(
        {
            "cities_share": np.concatenate([[0.0], np.arange(1, n + 1) / n]),
            "returns_share": np.concatenate([[0.0], np.cumsum(x) / x.sum()]),
        }
    )


def top_k_names(conc: pd.DataFrame):
    """The top cities of a concentration row: the '; '-joined names, or, when disclosure
    control merged the small ones, the names and the 'other (N cities)' row as a tuple
    (each part put into the language of a page or log by ``messages.local_value``)."""
    return conc.attrs.get(TOP_K_PARTS) or conc.iloc[0]["top_k_cities"]


def concentration(returns: pd.DataFrame, k: int = 7) -> pd.DataFrame:
    """One row: k, top_k_persons, returnees, top_k_share, return_cities, gini, top_k_cities.

    `returns` is a STAGES or ROUTES table, or the output of :func:`return_city_counts`
    (a frame with ``city`` and ``persons``). top_k_cities names the k largest cities,
    '; '-joined (ties at rank k by name).
    """
    counts = returns if {"city", "persons"} <= set(returns.columns) else return_city_counts(returns)
    if counts.empty:
        return empty_frame(CONCENTRATION_COLUMNS, note_of(counts) or M("note.no_returnees"))
    counts = counts.sort_values(["persons", "city"], ascending=[False, True])
    total = int(counts["persons"].sum())
    top = counts.head(k)
    out = pd.DataFrame(
        [
            {
                "k": int(k),
                "top_k_persons": int(top["persons"].sum()),
                "returnees": total,
                "top_k_share": top["persons"].sum() / total if total else np.nan,
                "return_cities": int(len(counts)),
                "gini": gini(counts["persons"]),
                "top_k_cities": "; ".join(map(str, top["city"])),
            }
        ]
    )
    return out[list(CONCENTRATION_COLUMNS)]
