"""What the import tells the user and where its points go: pandas work the import
algorithm needs, kept here so processing/ only reads, calls core and writes (issue 11)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def stage_coordinates(stages: pd.DataFrame, cities: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(lon, lat) of each stage row, from its city (NaN when the city is unknown)."""
    xy = cities.set_index("city_id")[["lon", "lat"]].reindex(stages["city_id"])
    return xy["lon"].to_numpy(), xy["lat"].to_numpy()


def top_unresolved(unresolved: pd.DataFrame, n: int = 10) -> list[tuple[str, str, int]]:
    """The commonest (value, reason, rows) of the UNRESOLVED table, most rows first."""
    if unresolved.empty:
        return []
    top = unresolved.groupby(["value", "reason"]).size().sort_values(ascending=False)
    return [(value, reason, int(rows)) for (value, reason), rows in top.head(n).items()]


def top_ambiguous(stages: pd.DataFrame, n: int = 10) -> list[tuple[str, str, str, int]]:
    """The commonest (given name, place, country, rows) resolved among several places."""
    if "ambiguous" not in stages.columns:
        return []
    amb = stages[stages["ambiguous"].fillna(False).astype(bool)]
    if amb.empty:
        return []
    given = amb["city_input"].fillna("").astype(str)
    if "org" in amb.columns:  # a city from the organisation: the organisation names it
        given = given.where(given.ne(""), amb["org"].fillna("").astype(str))
    amb = amb.assign(city_input=given)
    names = amb.groupby(["city_input", "city", "country"]).size().sort_values(ascending=False)
    return [(given, place, cc, int(rows)) for (given, place, cc), rows in names.head(n).items()]
