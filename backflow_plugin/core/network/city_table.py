"""The citynetwork output table: the input cities with their measures and tiers joined.

Pure pandas; no QGIS. The algorithm (processing/city_network.py) reads the layers, calls
core/network/graph.py and core/network/tiers.py, then this module to shape what it writes and logs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..schema import MEASURES
from .graph import normalise_ids

# Fields this step writes (an input field of the same name is replaced).
OUTPUT_FIELDS = (*MEASURES, "tier", "tier_label", "rank")
CHANGED_FIELD = "tier_changed"
# Field types for the sink ("int", "float", "str", "bool").
FIELD_KINDS = {
    **{m: "float" for m in MEASURES},
    "degree": "int",
    "tier": "int",
    "rank": "int",
    "tier_label": "str",
    CHANGED_FIELD: "bool",
}


@dataclass
class CityNetworkTable:
    frame: pd.DataFrame  # the input rows, in order, with OUTPUT_FIELDS (+ tier_changed)
    replaced: list[str]  # input fields that held one of the output names


def city_network_table(
    cities: pd.DataFrame,
    measures: pd.DataFrame,
    tiers: pd.DataFrame,
    changed: pd.DataFrame | None = None,
) -> CityNetworkTable:
    """Join measures (city_id + MEASURES), tiers (city_id, tier, tier_label, rank) and, when
    given, the stability check (city_id, changed) onto the city rows by city_id.

    Ids are compared as text (1.0 from a layer matches '1'); a city the network does not
    hold keeps its row with empty values.
    """
    new = [*OUTPUT_FIELDS, *([CHANGED_FIELD] if changed is not None else [])]
    replaced = [c for c in cities.columns if c in new]
    out = cities.drop(columns=replaced).reset_index(drop=True)
    key = normalise_ids(cities["city_id"]).reset_index(drop=True)
    m = measures.set_index("city_id")
    for col in MEASURES:
        out[col] = key.map(m[col]).to_numpy()
    out["degree"] = pd.array(out["degree"], dtype="Int64")
    t = tiers.drop_duplicates("city_id").set_index("city_id")
    out["tier"] = pd.array(key.map(t["tier"]), dtype="Int64")
    out["tier_label"] = key.map(t["tier_label"]).to_numpy()
    out["rank"] = pd.array(key.map(t["rank"]), dtype="Int64")
    if changed is not None:
        out[CHANGED_FIELD] = key.map(changed.set_index("city_id")["changed"]).to_numpy()
    return CityNetworkTable(out, replaced)


def field_kinds(table: pd.DataFrame, input_kinds: dict[str, str]) -> dict[str, str]:
    """Sink field types of the output table: the input's own types, then this step's."""
    kinds = {c: input_kinds.get(c, "str") for c in table.columns}
    kinds.update({c: k for c, k in FIELD_KINDS.items() if c in table.columns})
    return kinds


def tier_members(tiers: pd.DataFrame, cities: pd.DataFrame) -> dict[int, list[str]]:
    """The names of each tier's cities, best rank first (the city id when no name)."""
    ids = normalise_ids(cities["city_id"])
    names = dict(zip(ids, cities["name"] if "name" in cities.columns else cities["city_id"]))
    out = {}
    for t in (1, 2, 3):
        members = tiers[tiers["tier"] == t].sort_values("rank")
        out[t] = [str(names.get(c, c)) for c in members["city_id"]]
    return out


def breaks_text(breaks) -> str:
    """Break values as data for other steps: ';'-separated, in measure units, full
    precision ('' when there are none)."""
    return ";".join(repr(float(b)) for b in breaks)


def changed_flags(stability: pd.DataFrame) -> pd.DataFrame:
    """The (city_id, changed) columns of tiers.stability's frame."""
    return stability[["city_id", "changed"]]
