"""Returns year by year: how many persons came back to each city in each year.

The per-year city table lets QGIS's temporal controller play the returns: one row per
city and year from the city's first return on, with the returns of that year and the
running total, so a city's symbol grows as the years pass.
"""

from __future__ import annotations

import pandas as pd

COLUMNS = ["city_id", "city", "year", "returns", "returnees", "lon", "lat"]


def returns_by_city_year(stages: pd.DataFrame) -> pd.DataFrame:
    """Stages (person_id, phase, city_id, city, year, lon, lat) -> COLUMNS.

    A person counts once, in the city and year of the stage whose phase is 'return'.
    Rows without a year or a city are left out (they cannot be placed in time).
    """
    need = {"person_id", "phase", "city_id", "year", "lon", "lat"}
    missing = need - set(stages.columns)
    if missing:
        raise ValueError(f"stages lack {sorted(missing)}")
    ret = stages[stages["phase"].eq("return")].drop_duplicates("person_id")
    ret = ret.assign(year=pd.to_numeric(ret["year"], errors="coerce"))
    ret = ret.dropna(subset=["year", "city_id"])
    if ret.empty:
        return pd.DataFrame(columns=COLUMNS)
    ret = ret.assign(year=ret["year"].astype(int))
    if "city" not in ret.columns:
        ret = ret.assign(city=ret["city_id"])
    places = ret.groupby("city_id")[["city", "lon", "lat"]].first()
    counts = ret.groupby(["city_id", "year"]).size()
    years = range(int(ret["year"].min()), int(ret["year"].max()) + 1)
    table = counts.unstack("year", fill_value=0).reindex(columns=years, fill_value=0)
    running = table.cumsum(axis=1)
    rows = []
    for city_id in table.index:
        lon, lat = places.at[city_id, "lon"], places.at[city_id, "lat"]
        name = places.at[city_id, "city"]
        for year in years:
            total = int(running.at[city_id, year])
            if total:
                rows.append((city_id, name, year, int(table.at[city_id, year]), total, lon, lat))
    return pd.DataFrame(rows, columns=COLUMNS)
