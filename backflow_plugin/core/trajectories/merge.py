"""Import results of disjoint sets of persons, merged into one.

A dump too big for memory is imported a chunk of whole persons at a time
(``core.records.careers.career_chunks``); the per-person tables (stages, routes, unresolved)
are written chunk by chunk, and the aggregates are merged here: a flow's count and
persons add up (no person is in two chunks), its years take the widest span; a city's
persons, returnees, inflow and outflow add up; the counts add up.

What a merged import can differ in from one import of everything: an organisation's
city taken from *other rows of the table* (``core.places.orgs``, rule 1) is looked for within
the chunk only.
"""

from __future__ import annotations

import pandas as pd

from ..schema import FLOW_COLUMNS
from .build import ImportResult

_CITY_SUMS = ("persons", "returnees", "inflow", "outflow")
_NOT_SUMMED = {"level", "flows", "cities"}


def merge_flows(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=[*FLOW_COLUMNS, "persons", "first_year", "last_year"])
    f = pd.concat(parts, ignore_index=True)
    out = (
        f.groupby(["origin_id", "dest_id", "flow_type"], sort=False)
        .agg(
            origin=("origin", "first"),
            dest=("dest", "first"),
            count=("count", "sum"),
            persons=("persons", "sum"),
            first_year=("first_year", "min"),
            last_year=("last_year", "max"),
        )
        .reset_index()
    )
    out = out.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)
    return out[[*FLOW_COLUMNS, "persons", "first_year", "last_year"]]


def merge_cities(parts: list[pd.DataFrame]) -> pd.DataFrame:
    given, parts = parts, [p for p in parts if len(p)]
    if not parts:
        return given[0] if given else pd.DataFrame()
    c = pd.concat(parts, ignore_index=True)
    static = [col for col in c.columns if col not in _CITY_SUMS and col != "city_id"]
    agg = {col: "first" for col in static}
    agg.update({col: "sum" for col in _CITY_SUMS if col in c.columns})
    out = c.groupby("city_id", sort=False).agg(agg).reset_index()
    out = out[list(parts[0].columns)]
    return out.sort_values(["returnees", "persons"], ascending=False).reset_index(drop=True)


def merge_counts(parts: list[dict], flows: pd.DataFrame, cities: pd.DataFrame) -> dict:
    total: dict = {}
    for counts in parts:
        for key, value in counts.items():
            if key in _NOT_SUMMED:
                total[key] = value
            else:
                total[key] = total.get(key, 0) + value
    total["flows"], total["cities"] = len(flows), len(cities)
    return total


class MergedImport:
    """Collects each chunk's flows, cities and counts; ``result()`` merges them (its
    stages, legs, routes and unresolved are empty: those were written chunk by chunk)."""

    def __init__(self) -> None:
        self.flows: list[pd.DataFrame] = []
        self.cities: list[pd.DataFrame] = []
        self.counts: list[dict] = []
        self.attributes: list[str] = []

    def add(self, part: ImportResult) -> None:
        self.flows.append(part.flows)
        self.cities.append(part.cities)
        self.counts.append(part.counts)
        self.attributes = part.attributes

    def result(self) -> ImportResult:
        flows, cities = merge_flows(self.flows), merge_cities(self.cities)
        empty = pd.DataFrame()
        return ImportResult(
            empty, empty, flows, empty, cities, empty, self.attributes,
            merge_counts(self.counts, flows, cities),
        )  # fmt: skip
