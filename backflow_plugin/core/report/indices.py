"""Migration indices of the return cities, and the region-to-tier flows of the returns.

Pure pandas + numpy; no QGIS. Moves are read off the STAGES table: two consecutive
stages of a person in different cities are one move from the first city to the second
(the same legs as ``trajectories.build_legs``, every flow type).

Indices (one row per return city, i.e. per city with at least one returnee)
---------------------------------------------------------------------------
connectivity
    Share of the other cities of the network with which the city exchanges at least one
    move (either way): linked cities / (cities - 1). Bell et al.'s connectivity index,
    taken per city.
intensity
    Moves into and out of the city per person who spent a stage there:
    (in + out) / persons. How much movement a city generates for its size in the data.
effectiveness
    Migration effectiveness: 100 x (in - out) / (in + out). +100: the city only
    receives; 0: as many leave as arrive; -100: the city only sends.
mean_return_km
    Mean great-circle distance (km) from the overseas city of each returnee's last
    stage abroad to the return city.

The return flows (:func:`return_flows`) count each returnee once: the region of their
last stage abroad (``countries.REGIONS``, with the report's overrides) against the
tier of their return city (1, 2, 3, or 0 for a city without a tier).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..frames import is_domestic
from ..places.countries import REGIONS, Countries
from ..sources.stage_keys import person_codes
from ..trajectories.flow_lines import haversine_km
from ..trajectories.returns import find_returns
from .overseas import region_of  # one owner of the grouping

INDEX_COLUMNS = (
    "city_id",
    "city",
    "returnees",
    "moves_in",
    "moves_out",
    "linked_cities",
    "connectivity",
    "intensity",
    "effectiveness",
    "mean_return_km",
)
INDEX_FLOW_COLUMNS = ("region", "tier", "persons")


def _city_codes(stages: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """Each stage's city as a code of its value and as a code of its text (-1: no
    city), and the cities as text (in order of first appearance)."""
    value, values = pd.factorize(stages["city_id"])  # missing -> -1
    text, names = pd.factorize(pd.Series(values, dtype=object).astype(str).to_numpy())
    return value, np.r_[text, -1][value], pd.Index(names)


def _move_rows(
    stages: pd.DataFrame, city: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Positions in STAGES of the origin and the destination stage of every move, in
    person (as text) then seq order; stages without a city are left out. `city`: the
    code of each stage's city value (``_city_codes``), when already made."""
    city = _city_codes(stages)[0] if city is None else city
    kept = np.flatnonzero(city >= 0)
    code, persons = person_codes(stages["person_id"])
    rank = np.empty(len(persons), dtype=np.int64)  # each person's place in text order
    rank[np.argsort(persons.to_numpy().astype(str), kind="stable")] = np.arange(len(persons))
    person = rank[code[kept]]
    seq = pd.to_numeric(stages["seq"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    order = np.lexsort((seq[kept], person))
    person, city = person[order], city[kept][order]
    moved = (person[1:] == person[:-1]) & (city[1:] != city[:-1])
    return kept[order[:-1][moved]], kept[order[1:][moved]]


def moves(stages: pd.DataFrame) -> pd.DataFrame:
    """origin_id, dest_id, person_id of every move between consecutive stages."""
    origin, dest = _move_rows(stages)
    return pd.DataFrame(
        {
            "origin_id": stages["city_id"].iloc[origin].astype(str).to_numpy(),
            "dest_id": stages["city_id"].iloc[dest].astype(str).to_numpy(),
            "person_id": stages["person_id"].iloc[origin].astype(str).to_numpy(),
        }
    )


def returns_with_abroad(stages: pd.DataFrame, returns: pd.DataFrame | None) -> pd.DataFrame:
    """person_id, return_city_id, abroad_city_id, abroad_country (last stage abroad).

    Computed once for the indices and the flows (``paper_tables`` passes it to both).
    """
    ret = find_returns(stages) if returns is None else returns
    ret = ret[ret["returned"]][["person_id", "return_seq", "return_city_id"]].copy()
    s = stages  # (columns read one by one: a list of them would copy them all)
    for col in ("seq", "city_id", "country", "domestic"):
        if col not in s.columns:
            raise KeyError(col)
    code, persons = person_codes(stages["person_id"])
    seq = pd.to_numeric(s["seq"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    # each stage's person's return seq (NaN for a person without a return)
    at = pd.Index(persons).get_indexer(ret["person_id"])
    return_seq = np.full(len(persons) + 1, np.nan)
    return_seq[at[at >= 0]] = pd.to_numeric(ret["return_seq"], errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )[at >= 0]
    rows = np.flatnonzero(~is_domestic(s["domestic"]) & (seq < return_seq[code]))
    # the last of them per person: highest seq, then the later row of the file
    rows = rows[np.lexsort((rows, seq[rows], code[rows]))]
    rows = rows[np.r_[code[rows][1:] != code[rows][:-1], True]] if len(rows) else rows
    # each returnee's row among them (-1: none, left empty as a left merge leaves it)
    last_of = np.full(len(persons) + 1, -1, dtype=np.int64)
    last_of[code[rows]] = rows
    pick = np.where(at >= 0, last_of[at], -1)
    out = ret.reset_index(drop=True)
    out["person_id"] = out["person_id"].astype(str)
    for name, col in (("abroad_city_id", "city_id"), ("abroad_country", "country")):
        out[name] = pd.api.extensions.take(s[col].array, pick, allow_fill=True)
    return out


def return_city_indices(
    stages: pd.DataFrame,
    cities: pd.DataFrame,
    returns: pd.DataFrame | None = None,
    abroad: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The indices of every return city (see the module docstring), most returnees first.
    `returns`: find_returns of these stages, `abroad`: returns_with_abroad, when
    already found."""
    if stages.empty or "city_id" not in stages.columns:
        return pd.DataFrame(columns=list(INDEX_COLUMNS))
    # every stage's city as a code of its value and of its text (-1: no city)
    value, city, all_ids = _city_codes(stages)
    has_city = city >= 0
    origin, dest = _move_rows(stages, value)
    n_cities = len(all_ids)
    ret = returns_with_abroad(stages, returns) if abroad is None else abroad.copy()
    ret["return_city_id"] = ret["return_city_id"].astype(str)
    returnees = ret.groupby("return_city_id").size()
    ids = returnees.index

    def per_city(codes: np.ndarray) -> pd.Series:
        counts = np.bincount(codes, minlength=n_cities).astype(np.int64)
        return pd.Series(counts, index=all_ids).reindex(ids, fill_value=0)

    o, d = city[origin], city[dest]
    moves_in, moves_out = per_city(d), per_city(o)
    # cities linked either way: distinct (city, other city) pairs, counted per city
    k = max(n_cities, 1)
    linked = per_city(pd.unique(np.r_[o * k + d, d * k + o]) // k)  # (hashed, not sorted)
    # persons with a stage in the city (each once)
    both = has_city & stages["person_id"].notna().to_numpy()
    person = person_codes(stages["person_id"])[0][both]
    k = int(person.max()) + 1 if len(person) else 1
    persons = per_city(pd.unique(city[both] * k + person) // k)

    c = cities.copy() if cities is not None else pd.DataFrame()
    if len(c) and "city_id" in c.columns:
        c["city_id"] = c["city_id"].astype(str)
        c = c.drop_duplicates("city_id").set_index("city_id")
    name_col = next((k for k in ("name", "city") if k in c.columns), None)
    names = c[name_col].reindex(ids) if name_col else pd.Series(ids, index=ids)
    names = names.where(names.notna(), pd.Series(ids, index=ids))
    km = pd.Series(np.nan, index=ids)
    if len(c) and {"lon", "lat"} <= set(c.columns):
        lon = pd.to_numeric(c["lon"], errors="coerce")
        lat = pd.to_numeric(c["lat"], errors="coerce")
        r = ret[ret["abroad_city_id"].notna()].copy()
        r["abroad_city_id"] = r["abroad_city_id"].astype(str)
        r["km"] = haversine_km(
            r["abroad_city_id"].map(lon),
            r["abroad_city_id"].map(lat),
            r["return_city_id"].map(lon),
            r["return_city_id"].map(lat),
        )
        km = r.groupby("return_city_id")["km"].mean().reindex(ids)

    gross = (moves_in + moves_out).astype(float)
    out = pd.DataFrame(
        {
            "city_id": ids,
            "city": names.to_numpy(),
            "returnees": returnees.to_numpy(dtype="int64"),
            "moves_in": moves_in.to_numpy(dtype="int64"),
            "moves_out": moves_out.to_numpy(dtype="int64"),
            "linked_cities": linked.to_numpy(dtype="int64"),
            "connectivity": (linked / max(n_cities - 1, 1)).to_numpy(dtype=float),
            "intensity": (gross / persons.replace(0, np.nan)).to_numpy(dtype=float),
            "effectiveness": (100 * (moves_in - moves_out) / gross.replace(0, np.nan)).to_numpy(
                dtype=float
            ),
            "mean_return_km": km.to_numpy(dtype=float),
        }
    )
    out = out.sort_values(["returnees", "city"], ascending=[False, True], kind="mergesort")
    out.attrs["network_cities"] = n_cities
    out.attrs["moves"] = len(origin)
    return out.reset_index(drop=True)[list(INDEX_COLUMNS)]


def return_flows(
    stages: pd.DataFrame,
    cities: pd.DataFrame | None,
    countries: Countries | None = None,
    regions: dict[str, str] | None = None,
    returns: pd.DataFrame | None = None,
    abroad: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Returnees by region of the last stage abroad x tier of the return city.
    `abroad`: returns_with_abroad of these stages, when already found."""
    if stages.empty or "country" not in stages.columns:
        return pd.DataFrame(columns=list(INDEX_FLOW_COLUMNS))
    countries = countries or Countries.bundled()
    ret = returns_with_abroad(stages, returns) if abroad is None else abroad.copy()
    iso = countries.to_iso2(ret["abroad_country"])
    iso = iso.where(iso.notna(), ret["abroad_country"])
    ret["region"] = region_of(iso.fillna("??"), countries, regions).to_numpy()
    tier = np.zeros(len(ret), dtype=int)
    if cities is not None and len(cities) and "tier" in cities.columns:
        t = pd.to_numeric(cities["tier"], errors="coerce")
        lookup = dict(zip(cities["city_id"].astype(str), t))
        # once per return city (the tiers may be <NA>, slow to fill value by value)
        codes, ids = pd.factorize(ret["return_city_id"].astype(str))
        per_city = pd.Series([lookup.get(i) for i in ids], dtype=object).fillna(0).astype(int)
        tier = per_city.to_numpy()[codes]
    ret["tier"] = tier
    out = ret.groupby(["region", "tier"]).size().reset_index(name="persons")
    order = {r: i for i, r in enumerate(REGIONS)}
    out["_o"] = out["region"].map(order).fillna(len(order))
    out = out.sort_values(["_o", "tier"]).drop(columns="_o").reset_index(drop=True)
    out["persons"] = out["persons"].astype("int64")
    return out[list(INDEX_FLOW_COLUMNS)]
