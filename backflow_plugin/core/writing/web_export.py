"""Flows and cities for web flow maps: flowmap.gl / FlowmapBlue and kepler.gl.

FlowmapBlue (and flowmap.gl's loaders) read two tables, as its "how to make a flow
map" page and its CSV loader define them:

- **locations**: ``id`` (text), ``name`` (optional), ``lat``, ``lon`` (numbers, WGS 84);
- **flows**: ``origin``, ``dest`` (ids of the locations), ``count`` (a number) and an
  optional ``time``, read with one of the formats ``%Y-%m-%d``, ``%Y-%m-%d %H:%M``,
  ``%Y-%m-%d %H:%M:%S``, ``%Y``, ``%Y-%m``.

Here ``flows.csv`` holds one row per origin and destination (the flow types summed);
``flows_by_year.csv`` one row per origin, destination and year, the year of the move
being the year the destination stage began (``time`` as ``%Y``). A move whose
destination has no year has no time: it is counted in ``flows.csv`` and left out of the
yearly file, and the number left out is returned so the caller can say so.

kepler.gl makes an arc layer by itself from a CSV whose columns pair ``*_lat`` and
``*_lng``: ``kepler.csv`` has ``source_lat, source_lng, target_lat, target_lng``,
``count``, the names and the flow type (and the year, when the yearly table is made).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import BackflowInputError
from ..messages import M
from .safe_output import escape_frame

FLOWMAP_LOCATION_COLUMNS = ("id", "name", "lat", "lon")
FLOWMAP_FLOW_COLUMNS = ("origin", "dest", "count")
TIME_COLUMN = "time"
KEPLER_COLUMNS = (
    "origin", "dest", "origin_name", "dest_name", "source_lat", "source_lng",
    "target_lat", "target_lng", "count", "flow_type",
)  # fmt: skip
FILES = {
    "locations": "locations.csv",
    "flows": "flows.csv",
    "flows_by_year": "flows_by_year.csv",
    "kepler": "kepler.csv",
}


def _require(frame: pd.DataFrame, columns, table: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise BackflowInputError(
            M("error.web_export.missing_column", table=table, missing=", ".join(missing)),
            column=", ".join(missing),
            accepted=M(
                "error.web_export.missing_column.accepted", table=table, columns=", ".join(columns)
            ),
        )


def locations(cities: pd.DataFrame, used: set | None = None) -> pd.DataFrame:
    """id, name, lat, lon of the cities (only ``used`` ids when given), placed ones only."""
    _require(cities, ("city_id", "name", "lon", "lat"), "cities")
    c = cities
    if used is not None:
        c = c[c["city_id"].astype(str).isin(used)]
    lat = pd.to_numeric(c["lat"], errors="coerce")
    lon = pd.to_numeric(c["lon"], errors="coerce")
    ok = lat.between(-90, 90) & lon.between(-180, 180)
    out = pd.DataFrame(
        {
            "id": c["city_id"].astype(str).to_numpy(),
            "name": c["name"].fillna("").astype(str).to_numpy(),
            "lat": lat.round(6).to_numpy(),
            "lon": lon.round(6).to_numpy(),
        }
    )[ok.to_numpy()]
    return out.drop_duplicates("id").reset_index(drop=True)


def od_flows(flows: pd.DataFrame) -> pd.DataFrame:
    """origin, dest, count: the import's FLOWS summed over flow types."""
    _require(flows, ("origin_id", "dest_id", "count"), "flows")
    f = pd.DataFrame(
        {
            "origin": flows["origin_id"].astype(str).to_numpy(),
            "dest": flows["dest_id"].astype(str).to_numpy(),
            "count": pd.to_numeric(flows["count"], errors="coerce").fillna(0).astype("int64"),
        }
    )
    f = f[f["origin"] != f["dest"]]
    out = f.groupby(["origin", "dest"], sort=True, as_index=False)["count"].sum()
    return out[out["count"] > 0].reset_index(drop=True)


def yearly_flows(stages: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """(origin, dest, count, time by year; moves without a year) from the STAGES table.

    A move is two consecutive stages of a person (by ``seq``) in different cities, as
    the import's flows are; its year is the year the destination stage began.
    """
    _require(stages, ("person_id", "seq", "city_id", "year"), "stages")
    s = stages[["person_id", "seq", "city_id", "year"]].copy()
    s["seq"] = pd.to_numeric(s["seq"], errors="coerce")
    s = s[s["city_id"].notna() & s["city_id"].astype(str).ne("")]
    s = s.sort_values(["person_id", "seq"], kind="stable")
    person = s["person_id"].astype(str).to_numpy()
    city = s["city_id"].astype(str).to_numpy()
    year = pd.to_numeric(s["year"], errors="coerce").to_numpy(dtype=float)
    move = (person[1:] == person[:-1]) & (city[1:] != city[:-1])
    origin, dest, when = city[:-1][move], city[1:][move], year[1:][move]
    dated = ~np.isnan(when)
    legs = pd.DataFrame(
        {"origin": origin[dated], "dest": dest[dated], "time": when[dated].astype("int64")}
    )
    out = legs.groupby(["origin", "dest", "time"], sort=True, as_index=False).size()
    out = out.rename(columns={"size": "count"})[["origin", "dest", "count", "time"]]
    out["time"] = out["time"].map(lambda y: f"{int(y):04d}")
    return out.reset_index(drop=True), int((~dated).sum())


def kepler_table(flows: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """The import's FLOWS with the coordinates of both ends, as kepler.gl pairs them."""
    _require(flows, ("origin_id", "dest_id", "count"), "flows")
    by_id = places.set_index("id")
    f = flows[
        flows["origin_id"].astype(str).isin(by_id.index)
        & flows["dest_id"].astype(str).isin(by_id.index)
    ]
    o = by_id.loc[f["origin_id"].astype(str)]
    d = by_id.loc[f["dest_id"].astype(str)]
    return pd.DataFrame(
        {
            "origin": f["origin_id"].astype(str).to_numpy(),
            "dest": f["dest_id"].astype(str).to_numpy(),
            "origin_name": o["name"].to_numpy(),
            "dest_name": d["name"].to_numpy(),
            "source_lat": o["lat"].to_numpy(),
            "source_lng": o["lon"].to_numpy(),
            "target_lat": d["lat"].to_numpy(),
            "target_lng": d["lon"].to_numpy(),
            "count": pd.to_numeric(f["count"], errors="coerce").fillna(0).astype("int64"),
            "flow_type": (
                f["flow_type"].astype(str).to_numpy() if "flow_type" in f.columns else ""
            ),
        }
    )


def web_tables(
    flows: pd.DataFrame, cities: pd.DataFrame, stages: pd.DataFrame | None = None
) -> tuple[dict[str, pd.DataFrame], dict[str, int]]:
    """The tables to write (by ``FILES`` key) and their counts."""
    od = od_flows(flows)
    used = set(od["origin"]) | set(od["dest"])
    yearly, undated = (None, 0) if stages is None else yearly_flows(stages)
    if yearly is not None:
        used |= set(yearly["origin"]) | set(yearly["dest"])
    places = locations(cities, used)
    placed = set(places["id"])
    missing = used - placed
    od = od[od["origin"].isin(placed) & od["dest"].isin(placed)]
    tables = {"locations": places, "flows": od, "kepler": kepler_table(flows, places)}
    if yearly is not None:
        tables["flows_by_year"] = yearly[
            yearly["origin"].isin(placed) & yearly["dest"].isin(placed)
        ].reset_index(drop=True)
    counts = {
        "locations": len(places),
        "flows": len(od),
        "moves": int(od["count"].sum()),
        "moves_without_year": undated,
        "cities_without_coordinates": len(missing),
    }
    if yearly is not None:
        counts["moves_by_year"] = int(tables["flows_by_year"]["count"].sum())
    return tables, counts


def write_web_tables(tables: dict[str, pd.DataFrame], folder: str | Path, prefix: str = "") -> dict:
    """Each table as UTF-8 CSV in ``folder`` (cells that a spreadsheet would run as a
    formula escaped); returns {key: path}."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for key, frame in tables.items():
        path = folder / f"{prefix}{FILES[key]}"
        escape_frame(frame).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        paths[key] = str(path)
    return paths


def check_flowmap_tables(locations_csv: str | Path, flows_csv: str | Path) -> list[str]:
    """Problems FlowmapBlue's loader would meet in two CSV files ([] when none).

    Its check, written down: the columns by name; every ``lat``/``lon``/``count`` a
    finite number once read as JavaScript's unary ``+`` reads text (an empty cell reads
    as 0, so it is a problem here); ``lat`` in [-90, 90], ``lon`` in [-180, 180]; ids
    unique; every ``origin``/``dest`` an id of a location; ``time``, when present,
    in one of the formats its ``parseTime`` accepts.
    """
    import csv
    import re

    problems: list[str] = []
    with open(locations_csv, encoding="utf-8", newline="") as f:
        locs = list(csv.DictReader(f))
    with open(flows_csv, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        flow_columns = reader.fieldnames or []
        flows = list(reader)
    loc_columns = list(locs[0].keys()) if locs else []
    for col in ("id", "lat", "lon"):
        if col not in loc_columns:
            problems.append(f"locations: no column '{col}'")
    for col in FLOWMAP_FLOW_COLUMNS:
        if col not in flow_columns:
            problems.append(f"flows: no column '{col}'")
    if problems:
        return problems

    def number(text: str) -> float | None:
        try:
            v = float(text)
        except ValueError:
            return None
        return v if math.isfinite(v) else None

    ids = [r["id"] for r in locs]
    if len(set(ids)) != len(ids):
        problems.append("locations: ids repeated")
    for i, r in enumerate(locs, 2):
        lat, lon = number(r["lat"]), number(r["lon"])
        if lat is None or not -90 <= lat <= 90:
            problems.append(f"locations row {i}: lat '{r['lat']}'")
        if lon is None or not -180 <= lon <= 180:
            problems.append(f"locations row {i}: lon '{r['lon']}'")
    known = set(ids)
    time_formats = (
        r"\d{4}-\d{2}-\d{2}", r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}",
        r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", r"\d{4}", r"\d{4}-\d{2}",
    )  # fmt: skip
    for i, r in enumerate(flows, 2):
        for col in ("origin", "dest"):
            if r[col] not in known:
                problems.append(f"flows row {i}: {col} '{r[col]}' is not a location id")
        if number(r["count"]) is None:
            problems.append(f"flows row {i}: count '{r['count']}'")
        if TIME_COLUMN in flow_columns and not any(
            re.fullmatch(p, r[TIME_COLUMN] or "") for p in time_formats
        ):
            problems.append(f"flows row {i}: time '{r[TIME_COLUMN]}'")
    return problems
