"""Nearby cities drawn as one, for a flow map that reads at national scale.

Web flow maps merge neighbouring places as the view zooms out; here the merge is for
one display radius: the city with the most persons takes every unclaimed city within
`radius_km`, then the next largest unclaimed city, and so on. Flows are summed between
the merged places; flows inside one merged place disappear from the display.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .flow_lines import great_circle_km


def cluster_cities(cities: pd.DataFrame, radius_km: float, weight: str = "persons") -> pd.Series:
    """cities (city_id, lon, lat, weight) -> Series city_id -> the id of its cluster's centre."""
    if radius_km <= 0 or cities.empty:
        return pd.Series(cities["city_id"].values, index=cities["city_id"].values)
    order = cities.assign(_w=pd.to_numeric(cities[weight], errors="coerce").fillna(0))
    order = order.sort_values(["_w", "city_id"], ascending=[False, True])
    ids = order["city_id"].to_numpy()
    lon = order["lon"].to_numpy(dtype=float)
    lat = order["lat"].to_numpy(dtype=float)
    centre = np.full(len(ids), -1)
    for i in range(len(ids)):
        if centre[i] >= 0:
            continue
        free = centre < 0
        near = free & (great_circle_km(lon[i], lat[i], lon, lat) <= radius_km)
        centre[near] = i
    return pd.Series(ids[centre], index=ids)


def cluster_flows(flows: pd.DataFrame, centre_of: pd.Series, count: str = "count") -> pd.DataFrame:
    """flows (origin_id, dest_id, count) -> summed flows between cluster centres.

    Columns: origin_id, dest_id, count, n_flows (how many original flows were merged).
    """
    origin = flows["origin_id"].map(centre_of).fillna(flows["origin_id"])
    dest = flows["dest_id"].map(centre_of).fillna(flows["dest_id"])
    merged = pd.DataFrame(
        {"origin_id": origin, "dest_id": dest, "count": pd.to_numeric(flows[count]).fillna(0)}
    )
    merged = merged[merged["origin_id"] != merged["dest_id"]]
    out = merged.groupby(["origin_id", "dest_id"], as_index=False).agg(
        count=("count", "sum"), n_flows=("count", "size")
    )
    return out.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)
