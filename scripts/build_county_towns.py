#!/usr/bin/env python3
"""Build resources/gazetteer/county_towns.csv: every US county -> the town at the
centre of its people, for a directory that gives a county where the town is wanted
("Madison County, Ala.").

Source: the US Census Bureau's 2020 centers of population by county
(``CenPop2020_Mean_CO.txt``, https://www2.census.gov/geo/docs/reference/cenpop2020/county/;
US government work, public domain): each county's name, state and the mean point of
its residents. The town is the most populous place of the bundled gazetteer (cities
and small places) in the same state within ``NEAR_KM`` of that point, else the nearest
within ``FAR_KM``, kept by its ``city_id`` (a name alone may find another town:
Charles Town is not Charleston). The hand-kept county_seats.csv wins where it lists
the county.

    .venv/bin/python scripts/build_county_towns.py --cenpop CenPop2020_Mean_CO.txt
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
GAZ = ROOT / "resources" / "gazetteer"
OUT = GAZ / "county_towns.csv"
NEAR_KM = 12.0
FAR_KM = 50.0


def km(lon1, lat1, lon2, lat2):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(lon2 - lon1)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.minimum(1.0, a)))


def us_places() -> pd.DataFrame:
    cols = ["city_id", "name", "province", "lon", "lat", "population"]
    cities = pd.read_csv(GAZ / "cities.csv", dtype=str, keep_default_na=False)
    small = pd.read_csv(GAZ / "small_places.csv", dtype=str, keep_default_na=False)
    both = pd.concat(
        [cities[cities["country"] == "US"][cols], small[small["country"] == "US"][cols]]
    )
    both = both[both["province"] != ""]
    for c in ("lon", "lat", "population"):
        both[c] = pd.to_numeric(both[c], errors="coerce").fillna(0)
    return both.reset_index(drop=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cenpop", type=Path, required=True)
    args = ap.parse_args()
    centres = pd.read_csv(args.cenpop, dtype=str, encoding="utf-8-sig")
    places = us_places()
    by_state = {st: g for st, g in places.groupby("province")}
    rows, missing = [], []
    for r in centres.itertuples(index=False):
        lon, lat = float(r.LONGITUDE), float(r.LATITUDE)
        g = by_state.get(r.STNAME)
        if g is None:
            missing.append(f"{r.COUNAME}, {r.STNAME}")
            continue
        d = km(g["lon"].to_numpy(), g["lat"].to_numpy(), lon, lat)
        near = np.flatnonzero(d <= NEAR_KM)
        if len(near):
            pick = near[np.argmax(g["population"].to_numpy()[near])]
        elif d.min() <= FAR_KM:
            pick = int(np.argmin(d))
        else:
            missing.append(f"{r.COUNAME}, {r.STNAME}")
            continue
        town = g.iloc[pick]
        rows.append(
            (r.COUNAME, r.STNAME, "US", town["name"], town["city_id"], round(float(d[pick]), 1))
        )
    out = pd.DataFrame(
        rows, columns=["county", "state", "country", "town", "city_id", "km_from_centre"]
    )
    out.to_csv(OUT, index=False, encoding="utf-8", lineterminator="\n")
    print(
        f"{OUT.relative_to(ROOT)}: {len(out)} counties; no town within {FAR_KM:.0f} km: {len(missing)}"
    )
    print(f"  median distance of the town from the centre: {out['km_from_centre'].median():.1f} km")
    return 0


if __name__ == "__main__":
    sys.exit(main())
