"""Phases, legs, flows, cities and person routes from geocoded stages.

Everything is vectorised: the stages are in (person_id, seq) order, a leg is two
consecutive stages in different cities, a flow is the legs of one pair and type.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from .. import schema
from ..frames import columns_frame, take_rows
from ..places.gazetteer import Gazetteer
from ..vectorise import first_seen_codes
from .returns import find_returns

# --------------------------------------------------------------------------- phases and flows


def assign_phases(stages: pd.DataFrame, check: Callable[[], None] | None = None) -> pd.DataFrame:
    """Add `phase`: before (home, before leaving), abroad, return, after."""
    return phases_and_returns(stages, check)[0]


def phases_and_returns(
    stages: pd.DataFrame, check: Callable[[], None] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The stages with `phase` (before, abroad, return, after), and each person's return.

    The return is found by core.trajectories.returns.find_returns, so the import and the route
    patterns always agree on it; the returns are kept for every step that needs them
    (report, sources, indices) instead of being found again. ``check()`` is called
    between the two halves (a cancel point: it may raise).
    """
    if _sorted_by_person(stages):  # the import's stages are: no sorted copy
        s = stages.copy(deep=False)
    else:  # sort_values gives a new frame: no second copy of the stage table
        s = stages.sort_values(["person_id", "seq"], kind="stable")
    if check is not None:
        check()
    returns = find_returns(s)  # reads only the columns a return needs
    person = s["person_id"]
    if infer_dtype(person.to_numpy(), skipna=False) == "string":
        # returns has a row per person in first-seen order: each row's person by its code
        return_seq = returns["return_seq"].to_numpy(dtype="float64", na_value=np.nan)
        return_seq = return_seq[first_seen_codes(person)]
    else:  # ids matched as returns writes them (text)
        return_seq = person.map(returns.set_index("person_id")["return_seq"])
        return_seq = pd.to_numeric(return_seq, errors="coerce").astype("float64").to_numpy()
    # NaN: none
    seq = s["seq"].to_numpy(dtype=float)
    abroad = ~s["domestic"].astype(bool).to_numpy()
    is_return = seq == return_seq
    after = seq > return_seq
    s["phase"] = _labels(
        np.select([is_return, abroad, after], [0, 1, 2], default=3),
        ("return", "abroad", "after", "before"),
    )
    return s, returns


def _sorted_by_person(stages: pd.DataFrame) -> bool:
    """Rows in (person_id, seq) order already (as sort_values would leave them)."""
    person = pd.Index(stages["person_id"])
    if not person.is_monotonic_increasing:  # False for mixed types too
        return False
    seq = pd.to_numeric(stages["seq"], errors="coerce").to_numpy(dtype=float)
    if np.isnan(seq).any():
        return False
    ids = person.to_numpy()
    same = ids[1:] == ids[:-1]
    return bool((seq[1:][same] >= seq[:-1][same]).all())


def _labels(codes: np.ndarray, labels: tuple[str, ...]) -> np.ndarray:
    """Label of each code as an object array sharing one str per label.

    np.select on strings makes a fixed-width array, which pandas turns into one new
    str object per row (a million persons: ~6M objects, ~350 MB per column).
    """
    return np.asarray(labels, dtype=object)[codes]


def build_legs(stages: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Consecutive stages of a person in different cities: one leg each.

    Returns (legs, number of same-city steps that make no line).
    """
    s = stages
    ends = ("city_id", "city", "domestic", "phase", "year")  # of the next stage
    # the columns a leg needs, not a filtered copy of the whole stage table
    if _sorted_by_person(s):  # each person's stages in a run: the next row is the next stage
        ids, city = s["person_id"].to_numpy(), s["city_id"].to_numpy()
        has_next = np.zeros(len(s), dtype=bool)
        has_next[:-1] = (ids[1:] == ids[:-1]) & pd.notna(city[1:])
        same = np.zeros(len(s), dtype=bool)
        same[:-1] = has_next[:-1] & (city[1:] == city[:-1])
        at = np.flatnonzero(has_next & ~same)
        d = {c: s[c].values[at + 1] for c in ends}
    else:  # only the columns a leg needs: shifting every attribute column costs time
        nxt = s.groupby("person_id", sort=False)[list(ends)].shift(-1)
        has_next = nxt["city_id"].notna()
        same = has_next & nxt["city_id"].eq(s["city_id"])
        at = np.flatnonzero((has_next & ~same).to_numpy())
        d = {c: nxt[c].values[at] for c in ends}
    o = {c: s[c].values[at] for c in ("person_id", "seq", "city_id", "city", "domestic")}
    o_dom = np.asarray(o["domestic"]).astype(bool)
    d_dom = np.asarray(d["domestic"]).astype(bool)
    d_phase = np.asarray(d["phase"])
    flow_type = _labels(
        np.select(
            [o_dom & d_dom & (d_phase == "before"), o_dom & d_dom, o_dom & ~d_dom, ~o_dom & ~d_dom],
            [0, 1, 2, 3],
            default=4,
        ),
        (
            schema.FLOW_DOMESTIC,
            schema.FLOW_ONWARD,
            schema.FLOW_OUTBOUND,
            schema.FLOW_ABROAD,
            schema.FLOW_BACKFLOW,
        ),
    )
    legs = pd.DataFrame(
        {
            "person_id": o["person_id"],
            "seq": o["seq"],
            "origin_id": o["city_id"],
            "dest_id": d["city_id"],
            "origin": o["city"],
            "dest": d["city"],
            "flow_type": flow_type,
            "year": d["year"],
        }
    )
    return legs, int(same.sum())


LEG_CATEGORIES = ("person_id", "origin_id", "dest_id", "origin", "dest", "flow_type")


def compact_legs(legs: pd.DataFrame) -> pd.DataFrame:
    """The import's legs with ids and labels as categoricals.

    A million persons make ~4M legs, kept until the flow lines are drawn; codes take
    1-4 bytes a cell where objects take 8. Only ImportResult.legs is compact: the
    functions that group or merge legs (flows, regions) get plain object columns.
    """
    out = legs.copy(deep=False)
    for col in LEG_CATEGORIES:
        if col in out.columns:
            out[col] = pd.Categorical(out[col])
    return out


def aggregate_flows(legs: pd.DataFrame) -> pd.DataFrame:
    if legs.empty:
        return pd.DataFrame(columns=[*schema.FLOW_COLUMNS, "persons", "first_year", "last_year"])
    grouped = legs.groupby(["origin_id", "dest_id", "flow_type"], sort=False)
    flows = grouped.agg(
        origin=("origin", "first"),
        dest=("dest", "first"),
        count=("person_id", "size"),
        persons=("person_id", "nunique"),
        first_year=("year", "min"),
        last_year=("year", "max"),
    ).reset_index()
    flows = flows.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)
    return flows[[*schema.FLOW_COLUMNS, "persons", "first_year", "last_year"]]


def summarise_cities(
    stages: pd.DataFrame, flows: pd.DataFrame, gazetteer: Gazetteer
) -> pd.DataFrame:
    city_codes, uniques = pd.factorize(stages["city_id"])
    ids = pd.Index(stages["city_id"].unique()) if (city_codes < 0).any() else pd.Index(uniques)
    info = gazetteer.cities.set_index("city_id").reindex(ids)
    cities = pd.DataFrame({"city_id": ids})
    for col in ("name", "name_zh", "country", "province", "admin_rank", "lon", "lat"):
        cities[col] = info[col].values if col in info.columns else None
    # distinct persons per city on integer codes (a groupby nunique hashes the id text)
    person = first_seen_codes(stages["person_id"])
    counted = (city_codes >= 0) & (person >= 0)  # as groupby: no missing keys
    is_return = stages["phase"].eq("return").to_numpy() & counted
    known = pd.notna(ids)  # a missing city_id counts no person
    for col, rows in (("persons", counted), ("returnees", is_return)):
        n = np.zeros(len(ids), dtype=np.int64)
        n[known] = _distinct_per(city_codes[rows], person[rows], len(uniques))
        cities[col] = n
    inflow = flows.groupby("dest_id")["count"].sum() if not flows.empty else pd.Series(dtype=int)
    outflow = flows.groupby("origin_id")["count"].sum() if not flows.empty else pd.Series(dtype=int)
    cities["inflow"] = inflow.reindex(ids).fillna(0).astype(int).values
    cities["outflow"] = outflow.reindex(ids).fillna(0).astype(int).values
    homes = set(stages["home_country"].dropna().unique())
    cities["domestic"] = cities["country"].isin(homes)
    return cities.sort_values(["returnees", "persons"], ascending=False).reset_index(drop=True)


def _distinct_per(group: np.ndarray, member: np.ndarray, n_groups: int) -> np.ndarray:
    """Distinct members of each group 0..n_groups-1 (int64, 0 for an empty group)."""
    if not len(group):
        return np.zeros(n_groups, dtype=np.int64)
    pairs = pd.unique(group.astype(np.int64) * (int(member.max()) + 1) + member)
    return np.bincount(pairs // (int(member.max()) + 1), minlength=n_groups).astype(np.int64)


def _paths(stages: pd.DataFrame) -> list[str]:
    """'Mianyang > Chengdu > Boston > Chengdu' per person, in the groupby's order."""
    pids = stages["person_id"].to_numpy()
    cities = stages["city"].astype(str).tolist()
    starts = np.flatnonzero(np.r_[True, pids[1:] != pids[:-1]]).tolist()
    ends = starts[1:] + [len(cities)]
    return [" > ".join(cities[a:b]) for a, b in zip(starts, ends)]


def summarise_routes(stages: pd.DataFrame, attrs: list[str]) -> pd.DataFrame:
    s = stages
    g = s.groupby("person_id", sort=False)
    routes = pd.DataFrame(
        {
            "n_stages": g.size(),
            "n_cities": g["city_id"].nunique(),
            "home_country": g["home_country"].first(),
            "went_abroad": ~g["domestic"].all(),
        }
    )
    # the five columns, not every attribute, taken one by one (a selection of columns
    # would consolidate and copy the whole stage table first)
    five = columns_frame({c: s[c] for c in ("person_id", "city_id", "city", "year", "org")})
    ret = take_rows(five, s["phase"].eq("return").to_numpy())
    ret = ret.drop_duplicates("person_id").set_index("person_id")
    routes["returned"] = routes.index.isin(ret.index)
    routes["return_city_id"] = ret["city_id"].reindex(routes.index)
    routes["return_city"] = ret["city"].reindex(routes.index)
    routes["return_year"] = ret["year"].reindex(routes.index).astype("Int64")
    routes["return_org"] = ret["org"].reindex(routes.index)
    for a in attrs:
        routes[a] = g[a].first()
    routes["path"] = _paths(s)
    return routes.reset_index().rename(columns={"index": "person_id"})
