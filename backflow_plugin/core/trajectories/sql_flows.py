"""Flows of a trajectory table that stays in the database (PostgreSQL), by SQL.

For tables too large to pull, only two small results leave the server:

1. the distinct (city, country) spellings (``distinct_places_sql``), resolved here with
   the gazetteer exactly as the import resolves them;
2. the flows (``flows_sql``): the resolved places go back as a VALUES list, the
   server joins them to the rows, pairs each stage with the next one of the same
   person (``LEAD() OVER (PARTITION BY person ORDER BY order)``), drops same-city
   steps and counts legs and persons per (origin, destination, flow type).

Flow types follow the import: abroad -> home country is a backflow, home -> abroad
outbound, abroad -> abroad abroad; home -> home is ``domestic`` until the person has
first been abroad and ``onward`` after. (The import places the return with the full
rules of core.patterns.routes; a home -> home leg between two stays abroad counts as onward
here.) Rows whose city is not resolved, or is empty, are left out of the pairs, as the
import leaves them out of the legs; they are counted in ``unresolved``.

No database access here: the SQL text is built here and run by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import schema
from ..places.cells import resolve_cells
from ..places.countries import Countries
from ..places.gazetteer import Gazetteer


@dataclass
class SqlColumns:
    table: str  # schema-qualified and quoted, e.g. "public"."trajectories"
    person: str
    city: str
    seq: str | None = None
    country: str | None = None


def quote_ident(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def quote_literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, (bool, np.bool_)):
        return "TRUE" if value else "FALSE"
    return "'" + str(value).replace("'", "''") + "'"


def _text(column: str | None, alias: str = "") -> str:
    return f"coalesce(trim({alias}{quote_ident(column)}::text), '')" if column else "''"


def distinct_places_sql(cols: SqlColumns) -> str:
    """Every distinct (city, country) spelling with its row count."""
    # Identifiers go through quote_ident, values through quote_literal: no injection.
    city, country = _text(cols.city), _text(cols.country)
    return f"SELECT {city} AS city, {country} AS country, count(*) AS n FROM {cols.table} GROUP BY 1, 2"  # nosec B608


def resolve_places(
    places: pd.DataFrame,
    home_country: str,
    gazetteer: Gazetteer | None = None,
    countries: Countries | None = None,
) -> pd.DataFrame:
    """(city, country, n) -> the same rows with city_id and domestic (None: unresolved)."""
    gazetteer = gazetteer or Gazetteer.bundled()
    countries = countries or Countries.bundled()
    home = countries.to_iso2(pd.Series([home_country])).iloc[0]
    if home is None:
        raise ValueError(f"unknown home country {home_country!r}")
    given = places["country"].astype(str)
    iso = countries.to_iso2(given.where(given.ne(""), None))
    ok_country = given.eq("") | iso.notna()
    # cells naming organisations or "country + city" read as the import reads them
    res = resolve_cells(gazetteer, places["city"].astype(str), iso, home, country_table=countries)
    out = places.copy()
    ids = res["city_id"].where(ok_country & places["city"].astype(str).ne(""))
    out["city_id"] = ids.values
    info = gazetteer.cities.set_index("city_id")
    known = out["city_id"].notna()
    out["resolved_country"] = None
    out.loc[known, "resolved_country"] = info.loc[out.loc[known, "city_id"], "country"].values
    out["domestic"] = out["resolved_country"].eq(home) & known
    return out


def flows_sql(cols: SqlColumns, places: pd.DataFrame) -> str:
    """Flow counts per (origin, destination, flow type) over the resolved places."""
    known = places[places["city_id"].notna()]
    values = ",\n".join(
        f"({quote_literal(c)}, {quote_literal(k)}, {quote_literal(i)}, {quote_literal(bool(d))})"
        for c, k, i, d in zip(known["city"], known["country"], known["city_id"], known["domestic"])
    )
    if not values:
        values = "(NULL::text, NULL::text, NULL::text, NULL::boolean)"
    person = f"t.{quote_ident(cols.person)}::text"
    order = (
        f"CASE WHEN trim(t.{quote_ident(cols.seq)}::text) ~ '^-?[0-9]+(\\.[0-9]+)?$' "
        f"THEN trim(t.{quote_ident(cols.seq)}::text)::numeric END NULLS LAST, t.ctid"
        if cols.seq
        else "t.ctid"
    )
    # Identifiers go through quote_ident, values through quote_literal: no injection.
    sql = f"""
WITH places(city, country, city_id, domestic) AS (VALUES
{values}),
stages AS (
  SELECT {person} AS person, p.city_id, p.domestic,
         row_number() OVER (PARTITION BY {person} ORDER BY {order}) AS k
  FROM {cols.table} AS t
  JOIN places AS p
    ON p.city = {_text(cols.city, "t.")} AND p.country = {_text(cols.country, "t.")}
),
pairs AS (
  SELECT person, city_id AS origin_id, domestic AS o_dom,
         LEAD(city_id) OVER w AS dest_id, LEAD(domestic) OVER w AS d_dom,
         bool_or(NOT domestic) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
           AS been_abroad
  FROM stages
  WINDOW w AS (PARTITION BY person ORDER BY k)
)
SELECT origin_id, dest_id,
       CASE WHEN o_dom AND d_dom AND NOT been_abroad THEN {quote_literal(schema.FLOW_DOMESTIC)}
            WHEN o_dom AND d_dom THEN {quote_literal(schema.FLOW_ONWARD)}
            WHEN o_dom THEN {quote_literal(schema.FLOW_OUTBOUND)}
            WHEN NOT d_dom THEN {quote_literal(schema.FLOW_ABROAD)}
            ELSE {quote_literal(schema.FLOW_BACKFLOW)} END AS flow_type,
       count(*) AS count, count(DISTINCT person) AS persons
FROM pairs
WHERE dest_id IS NOT NULL AND dest_id <> origin_id
GROUP BY 1, 2, 3
"""  # nosec B608
    return sql


def flows_frame(rows: list, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """The rows of ``flows_sql`` as a flows table (names added, largest first)."""
    gazetteer = gazetteer or Gazetteer.bundled()
    flows = pd.DataFrame(
        [list(r) for r in rows],
        columns=["origin_id", "dest_id", "flow_type", "count", "persons"],
    )
    flows["count"] = flows["count"].astype("int64")
    flows["persons"] = flows["persons"].astype("int64")
    names = gazetteer.cities.set_index("city_id")["name"]
    flows["origin"] = flows["origin_id"].map(names).values
    flows["dest"] = flows["dest_id"].map(names).values
    flows = flows.sort_values(["count", "origin_id", "dest_id"], ascending=[False, True, True])
    return flows[[*schema.FLOW_COLUMNS, "persons"]].reset_index(drop=True)


def cities_frame(flows: pd.DataFrame, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """The cities the flows touch, with coordinates and in/out flow totals."""
    gazetteer = gazetteer or Gazetteer.bundled()
    ids = pd.Index(pd.unique(pd.concat([flows["origin_id"], flows["dest_id"]])))
    info = gazetteer.cities.set_index("city_id").reindex(ids)
    cities = pd.DataFrame({"city_id": ids})
    for col in ("name", "name_zh", "country", "province", "admin_rank", "lon", "lat"):
        cities[col] = info[col].values if col in info.columns else None
    cities["inflow"] = (
        flows.groupby("dest_id")["count"].sum().reindex(ids).fillna(0).astype(int).values
    )
    cities["outflow"] = (
        flows.groupby("origin_id")["count"].sum().reindex(ids).fillna(0).astype(int).values
    )
    return cities


def places_from_rows(
    rows: list, home_country: str, gazetteer: Gazetteer | None = None
) -> pd.DataFrame:
    """The rows of ``distinct_places_sql`` (city, country, n), resolved (see resolve_places)."""
    places = pd.DataFrame([list(r) for r in rows], columns=["city", "country", "n"])
    return resolve_places(places, home_country, gazetteer)


@dataclass
class PlaceSummary:
    rows: int  # stage rows read
    places: int  # distinct (city, country) pairs
    unresolved_rows: int
    unresolved_places: int
    top_unresolved: list  # (city, country, rows), most rows first


def place_summary(places: pd.DataFrame, top: int = 10) -> PlaceSummary:
    """Counts of the resolved places, for the log."""
    n = places["n"].astype(int)
    bad = places["city_id"].isna()
    worst = places[bad].assign(n=n[bad]).nlargest(top, "n")
    return PlaceSummary(
        rows=int(n.sum()),
        places=len(places),
        unresolved_rows=int(n[bad].sum()),
        unresolved_places=int(bad.sum()),
        top_unresolved=list(zip(worst["city"], worst["country"], worst["n"].astype(int))),
    )


def city_points(cities: pd.DataFrame) -> list[tuple]:
    """(lon, lat) of each city, in row order."""
    return [tuple(p) for p in cities[["lon", "lat"]].to_numpy()]


def total_legs(flows: pd.DataFrame) -> int:
    """Moves counted over all flows."""
    return int(flows["count"].sum())
