"""Returnees and flows by region: provinces, city clusters, zones — any polygon layer.

The QGIS side finds which polygons hold each city (point in polygon) and passes the
result here as ``membership`` (city_id -> region ids, in layer order). Everything else
is plain pandas.

Definitions
-----------
Region of a city
    The polygon regions that hold it. A city in no polygon is assigned, when it is
    abroad, to its **abroad region** (the paper's grouping: USA, UK, Europe, Asia,
    Australia, Other), and otherwise to the **no region** bucket. A city in several
    polygons (overlapping clusters) counts, by ``overlap``: in ``each`` of them (the
    default: every region's own totals are complete), in the ``first`` (layer order)
    or in ``none`` of them (the no region bucket). Every city not in exactly one
    polygon is listed in the unmatched table with its reason: none is dropped.
Moves
    Consecutive stages of a person in different cities (the legs of the import, with
    their flow types). A region's **inflow** is the number of moves from a city outside
    it to a city inside it, its **outflow** the reverse, **net_flow** = inflow -
    outflow, **internal** the moves between two of its cities.
Returnees
    Persons whose return city (core.patterns.routes, first return) is in the region; the
    pattern of that return gives **circle** and **linear**. **returnee_share** is the
    region's returnees over all returnees of the data.
Talent export
    Persons born in the region (their ``birth`` stage) who returned to a city outside
    it; **born_returned** those who came back to it.
Near a region
    A domestic city in no polygon may be counted in the nearest one within a distance
    (:func:`near_km`): by default only for the built-in provinces, whose coarse
    coastline leaves port cities just outside; a user's own polygons (a box around a
    city cluster) are matched exactly unless the user sets a distance.
Region x region matrix
    ``moves``: every move from a city of the row region to a city of the column region
    (the diagonal: moves inside a region); ``birth_return``: persons born in the row
    region by their return region. Rows and columns: the polygon regions in layer
    order, the abroad regions, the no region bucket; a ``total`` row and column.
    With ``overlap="each"`` a move between cities of several regions counts in every
    pair, so the matrix then totals more than the moves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import BackflowInputError
from ..frames import is_domestic
from ..messages import M
from ..patterns import routes as patterns
from ..places.countries import Countries
from ..schema import PATTERN_CIRCLE, PATTERN_LINEAR
from ..trajectories import build as trajectories

log = logging.getLogger("backflow")

OVERLAP = ("each", "first", "none")
MATRIX_KINDS = ("moves", "birth_return")
NONE_ID = "none"
ABROAD_PREFIX = "abroad:"
KIND_POLYGON, KIND_ABROAD, KIND_NONE = "polygon", "abroad", "none"

STATUS_SEVERAL = "several regions"
STATUS_OUTSIDE = "outside every region"
STATUS_ABROAD = "abroad, grouped"
STATUS_NO_POINT = "no coordinates"
STATUS_NEAR = "near a region"

REGION_COLUMNS = (
    "region_id", "name", "kind", "cities", "persons", "returnees", "returnee_share",
    "circle", "linear", "circle_share", "linear_share", "inflow", "outflow", "net_flow",
    "internal", "born", "born_returned", "talent_export", "tier1_cities", "tier2_cities",
    "tier3_cities", "untiered_cities", "tier_mix", "lon", "lat",
)  # fmt: skip
REGION_FLOW_COLUMNS = (
    "origin_region_id", "dest_region_id", "origin", "dest", "flow_type", "count", "persons",
    "circle", "linear", "pattern_share", "origin_lon", "origin_lat", "dest_lon", "dest_lat",
)  # fmt: skip
UNMATCHED_COLUMNS = (
    "city_id", "city", "country", "lon", "lat", "persons", "status", "reason", "regions",
    "counted_in",
)  # fmt: skip


NEAR_KM_BUILTIN = 10.0  # the built-in provinces' coastline is coarse: snap within 10 km


def near_km(given: float | None, builtin_regions: bool) -> float:
    """The snapping distance: as given, else 10 km for the built-in provinces and 0
    (exact point in polygon) for the user's own regions."""
    if given is not None:
        return max(float(given), 0.0)
    return NEAR_KM_BUILTIN if builtin_regions else 0.0


def _default_abroad_label(group: str) -> str:
    return f"Abroad: {group}"


@dataclass
class RegionalResult:
    regions: pd.DataFrame  # every region (polygon, abroad, none) with REGION_COLUMNS
    flows: pd.DataFrame  # region -> region moves by flow type (REGION_FLOW_COLUMNS)
    matrix: pd.DataFrame  # wide: from_region, <one column per region>, total
    unmatched: pd.DataFrame  # cities not in exactly one polygon (UNMATCHED_COLUMNS)
    links: pd.DataFrame  # city_id, region_id: the membership counted
    total_returnees: int
    total_moves: int


# --------------------------------------------------------------------------- assignment


def assign_cities(
    cities: pd.DataFrame,
    regions: pd.DataFrame,
    membership: dict[str, list[str]],
    overlap: str = "each",
    countries: Countries | None = None,
    abroad_label: Callable[[str], str] = _default_abroad_label,
    near: dict[str, tuple[str, float]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(links city_id -> region_id, unmatched cities, all regions incl. abroad and none).

    `cities`: city_id, city, country, domestic, lon, lat (persons optional).
    `regions`: region_id, name (lon, lat: a point inside; optional), in layer order.
    `near`: city_id -> (region_id, km) for domestic cities in no polygon but close to
    one (coarse coastlines): they count in that region and are listed.
    Every city gets at least one link.
    """
    near = near or {}
    if overlap not in OVERLAP:
        raise BackflowInputError(
            M("error.regions.unknown_overlap"),
            column="overlap",
            value=overlap,
            accepted=", ".join(OVERLAP),
        )
    names = dict(zip(regions["region_id"].astype(str), regions["name"].astype(str)))
    countries = countries or Countries.bundled()
    links: list[tuple[str, str]] = []
    unmatched: list[dict] = []
    abroad_groups: dict[str, list[int]] = {}
    domestic = is_domestic(cities["domestic"])
    for i, row in enumerate(cities.itertuples(index=False)):
        city_id = str(row.city_id)
        hits = [str(r) for r in membership.get(city_id, []) if str(r) in names]
        base = {
            "city_id": city_id,
            "city": row.city,
            "country": row.country,
            "lon": row.lon,
            "lat": row.lat,
            "persons": getattr(row, "persons", None),
            "regions": ", ".join(names[r] for r in hits) or None,
        }
        if len(hits) == 1:
            links.append((city_id, hits[0]))
            continue
        if len(hits) > 1:
            counted = {"each": hits, "first": hits[:1], "none": [NONE_ID]}[overlap]
            links.extend((city_id, r) for r in counted)
            reason = {
                "each": f"in {len(hits)} regions; counted in each",
                "first": f"in {len(hits)} regions; counted in the first, {names[hits[0]]}",
                "none": f"in {len(hits)} regions; counted in none",
            }[overlap]
            unmatched.append({**base, "status": STATUS_SEVERAL, "reason": reason,
                              "counted_in": counted})  # fmt: skip
            continue
        no_point = pd.isna(row.lon) or pd.isna(row.lat)
        if not domestic[i]:
            group = countries.region_of(row.country) or "Other"
            region_id = ABROAD_PREFIX + group
            abroad_groups.setdefault(group, []).append(i)
            links.append((city_id, region_id))
            reason = ("no coordinates; " if no_point else "abroad, in no region; ") + (
                f"counted in {abroad_label(group)}"
            )
            unmatched.append({**base, "status": STATUS_NO_POINT if no_point else STATUS_ABROAD,
                              "reason": reason, "counted_in": [region_id]})  # fmt: skip
            continue
        close = near.get(city_id)
        if close is not None and str(close[0]) in names:
            region_id, km = str(close[0]), float(close[1])
            links.append((city_id, region_id))
            unmatched.append({
                **base, "status": STATUS_NEAR,
                "reason": f"outside every region, {km:.1f} km from {names[region_id]}; "
                f"counted in {names[region_id]}",
                "counted_in": [region_id],
            })  # fmt: skip
            continue
        links.append((city_id, NONE_ID))
        unmatched.append({
            **base,
            "status": STATUS_NO_POINT if no_point else STATUS_OUTSIDE,
            "reason": "no coordinates; counted in no region" if no_point
            else "outside every region; counted in no region",
            "counted_in": [NONE_ID],
        })  # fmt: skip

    all_regions = regions[["region_id", "name"]].astype({"region_id": str}).copy()
    all_regions["kind"] = KIND_POLYGON
    for col in ("lon", "lat"):
        all_regions[col] = regions[col].to_numpy() if col in regions.columns else np.nan
    extra = []
    for group in (*_abroad_order(), *sorted(set(abroad_groups) - set(_abroad_order()))):
        if group not in abroad_groups:
            continue
        rows = cities.iloc[abroad_groups[group]]
        lon, lat = _weighted_point(rows)
        extra.append((ABROAD_PREFIX + group, abroad_label(group), KIND_ABROAD, lon, lat))
    extra.append((NONE_ID, "(no region)", KIND_NONE, np.nan, np.nan))
    all_regions = pd.concat(
        [all_regions, pd.DataFrame(extra, columns=["region_id", "name", "kind", "lon", "lat"])],
        ignore_index=True,
    )
    links_df = pd.DataFrame(links, columns=["city_id", "region_id"])
    un = pd.DataFrame(unmatched, columns=list(UNMATCHED_COLUMNS))
    un["counted_in"] = [
        ", ".join(_name_of(all_regions, r) for r in ids) for ids in un["counted_in"]
    ]
    return links_df, un, all_regions


def _abroad_order() -> tuple[str, ...]:
    from ..places.countries import REGIONS

    return REGIONS


def _name_of(regions: pd.DataFrame, region_id: str) -> str:
    hit = regions.loc[regions["region_id"] == region_id, "name"]
    return str(hit.iloc[0]) if len(hit) else region_id


def _weighted_point(rows: pd.DataFrame) -> tuple[float, float]:
    """The persons-weighted mean of the cities' points (where an abroad region's lines end)."""
    ok = rows["lon"].notna() & rows["lat"].notna()
    if not ok.any():
        return np.nan, np.nan
    r = rows[ok]
    w = pd.to_numeric(r["persons"], errors="coerce") if "persons" in r.columns else None
    w = w.fillna(1.0).clip(lower=1.0) if w is not None else pd.Series(1.0, index=r.index)
    return float(np.average(r["lon"], weights=w)), float(np.average(r["lat"], weights=w))


# --------------------------------------------------------------------------- inputs


def cities_from_stages(stages: pd.DataFrame) -> pd.DataFrame:
    """One row per city_id of the stages: city, country, domestic, lon, lat, persons."""
    s = stages.copy()
    for col in ("city", "country", "lon", "lat"):
        if col not in s.columns:
            s[col] = None
    s["city_id"] = s["city_id"].astype(str)
    first = s.groupby("city_id", sort=False).agg(
        city=("city", "first"),
        country=("country", "first"),
        domestic=("domestic", "first"),
        lon=("lon", "first"),
        lat=("lat", "first"),
        persons=("person_id", "nunique"),
    )
    return first.reset_index()


def _clean_stages(stages: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in ("person_id", "city_id", "domestic") if c not in stages.columns]
    if missing:
        raise BackflowInputError(
            M("error.stages.missing_column"),
            column=", ".join(missing),
            accepted=M("error.stages.import_output"),
        )
    s = stages.copy()
    s["person_id"] = s["person_id"].astype(str)
    s["city_id"] = s["city_id"].astype(str)
    s["domestic"] = is_domestic(s["domestic"])
    file_order = s.groupby("person_id", sort=False).cumcount() + 1
    s["seq"] = (
        pd.to_numeric(s["seq"], errors="coerce").fillna(file_order)
        if "seq" in s.columns
        else file_order
    )
    for col in ("stage", "city", "year"):
        if col not in s.columns:
            s[col] = None
    s["stage"] = s["stage"].fillna("").astype(str).str.strip().str.lower()
    s["city"] = s["city"].where(s["city"].notna(), s["city_id"])
    s["year"] = pd.to_numeric(s["year"], errors="coerce")
    return s


# --------------------------------------------------------------------------- analysis


def regional_analysis(
    stages: pd.DataFrame,
    regions: pd.DataFrame,
    membership: dict[str, list[str]],
    tiers: pd.DataFrame | None = None,
    overlap: str = "each",
    matrix_kind: str = "moves",
    level: str = "city",
    which: str = "first",
    countries: Countries | None = None,
    abroad_label: Callable[[str], str] = _default_abroad_label,
    near: dict[str, tuple[str, float]] | None = None,
    split_by_pattern: bool = False,
) -> RegionalResult:
    """Everything the regional view shows, from STAGES and the city -> region membership.

    `tiers`: optional city_id, tier (the city network's output).
    """
    if matrix_kind not in MATRIX_KINDS:
        raise BackflowInputError(
            M("error.regions.unknown_matrix"),
            column="matrix",
            value=matrix_kind,
            accepted=", ".join(MATRIX_KINDS),
        )
    s = _clean_stages(stages)
    cities = cities_from_stages(s)
    links, unmatched, all_regions = assign_cities(
        cities, regions, membership, overlap, countries, abroad_label, near
    )
    routes = patterns.classify_routes(s, level=level, which=which)
    legs, _ = trajectories.build_legs(trajectories.assign_phases(s))
    legs = legs.merge(routes[["person_id", "pattern"]], on="person_id", how="left")

    out = all_regions.copy()
    ids = pd.Index(out["region_id"])

    def per_region(series: pd.Series) -> np.ndarray:
        return series.reindex(ids).fillna(0).astype(int).to_numpy()

    # cities, persons
    out["cities"] = per_region(links.groupby("region_id")["city_id"].nunique())
    at = s[["person_id", "city_id"]].merge(links, on="city_id")
    out["persons"] = per_region(at.groupby("region_id")["person_id"].nunique())

    # returnees and patterns
    returned = routes[routes["return_city_id"].notna()][["person_id", "return_city_id", "pattern"]]
    ret = returned.merge(links, left_on="return_city_id", right_on="city_id")
    out["returnees"] = per_region(ret.groupby("region_id")["person_id"].nunique())
    total_returnees = int(returned["person_id"].nunique())
    out["returnee_share"] = out["returnees"] / total_returnees if total_returnees else np.nan
    for pattern in (PATTERN_CIRCLE, PATTERN_LINEAR):
        hit = ret[ret["pattern"] == pattern]
        out[pattern] = per_region(hit.groupby("region_id")["person_id"].nunique())
    both = out["circle"] + out["linear"]
    out["circle_share"] = (out["circle"] / both).where(both > 0)
    out["linear_share"] = (out["linear"] / both).where(both > 0)

    # moves across the region's edge
    pairs = set(zip(links["city_id"], links["region_id"]))
    into = legs[["person_id", "origin_id", "dest_id"]].merge(
        links, left_on="dest_id", right_on="city_id"
    )
    inside = np.fromiter(
        ((o, r) in pairs for o, r in zip(into["origin_id"], into["region_id"])), bool, len(into)
    )
    out["inflow"] = per_region(into[~inside].groupby("region_id").size())
    out["internal"] = per_region(into[inside].groupby("region_id").size())
    from_ = legs[["origin_id", "dest_id"]].merge(links, left_on="origin_id", right_on="city_id")
    stays = np.fromiter(
        ((d, r) in pairs for d, r in zip(from_["dest_id"], from_["region_id"])), bool, len(from_)
    )
    out["outflow"] = per_region(from_[~stays].groupby("region_id").size())
    out["net_flow"] = out["inflow"] - out["outflow"]

    # birthplaces: talent export
    births = s[s["stage"] == "birth"].drop_duplicates("person_id")[["person_id", "city_id"]]
    born = births.merge(links, on="city_id")
    out["born"] = per_region(born.groupby("region_id")["person_id"].nunique())
    back = born.merge(returned[["person_id", "return_city_id"]], on="person_id")
    came_home = np.fromiter(
        ((c, r) in pairs for c, r in zip(back["return_city_id"], back["region_id"])),
        bool,
        len(back),
    )
    out["born_returned"] = per_region(back[came_home].groupby("region_id")["person_id"].nunique())
    out["talent_export"] = per_region(back[~came_home].groupby("region_id")["person_id"].nunique())

    # tier mix of the region's domestic cities
    _tier_mix(out, links, cities, tiers, per_region)

    result_regions = out[list(REGION_COLUMNS)]
    flows = _region_flows(legs, links, all_regions, split_by_pattern)
    matrix = region_matrix(legs, links, all_regions, births, returned, matrix_kind)
    log.info(
        "Regions: %d polygons, %d cities, %d unmatched, %d returnees, %d moves",
        int((all_regions["kind"] == KIND_POLYGON).sum()),
        len(cities),
        len(unmatched),
        total_returnees,
        len(legs),
    )
    return RegionalResult(
        result_regions, flows, matrix, unmatched, links, total_returnees, len(legs)
    )


def _tier_mix(out, links, cities, tiers, per_region) -> None:
    domestic = cities.loc[is_domestic(cities["domestic"]), ["city_id"]]
    if tiers is not None and len(tiers) and "tier" in tiers.columns:
        t = tiers[["city_id", "tier"]].astype({"city_id": str}).drop_duplicates("city_id")
        domestic = domestic.merge(t, on="city_id", how="left")
        domestic["tier"] = pd.to_numeric(domestic["tier"], errors="coerce")
    else:
        domestic["tier"] = np.nan
    d = domestic.merge(links, on="city_id")
    for k in (1, 2, 3):
        out[f"tier{k}_cities"] = per_region(d[d["tier"] == k].groupby("region_id").size())
    out["untiered_cities"] = per_region(d[~d["tier"].isin((1, 2, 3))].groupby("region_id").size())
    out["tier_mix"] = [
        " / ".join(str(v) for v in vals) if any(vals[:3]) else None
        for vals in zip(out["tier1_cities"], out["tier2_cities"], out["tier3_cities"])
    ]


def _region_legs(legs: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    o = links.rename(columns={"city_id": "origin_id", "region_id": "origin_region_id"})
    d = links.rename(columns={"city_id": "dest_id", "region_id": "dest_region_id"})
    return legs.merge(o, on="origin_id").merge(d, on="dest_id")


def _region_flows(legs, links, all_regions, split_by_pattern: bool = False) -> pd.DataFrame:
    """Moves between different regions, by flow type, with circle / linear counts.

    `split_by_pattern`: one row per pattern of the persons moving too (column
    ``pattern``: circle, linear, or None for persons who never returned)."""
    columns = list(REGION_FLOW_COLUMNS)
    if split_by_pattern:
        columns.insert(columns.index("flow_type") + 1, "pattern")
    rl = _region_legs(legs, links)
    rl = rl[rl["origin_region_id"] != rl["dest_region_id"]]
    if rl.empty:
        return pd.DataFrame(columns=columns)
    rl = rl.assign(
        _circle=rl["pattern"].eq(PATTERN_CIRCLE).astype(int),
        _linear=rl["pattern"].eq(PATTERN_LINEAR).astype(int),
    )
    keys = ["origin_region_id", "dest_region_id", "flow_type"]
    g = rl.groupby([*keys, "pattern"] if split_by_pattern else keys, sort=False, dropna=False)
    flows = g.agg(
        count=("person_id", "size"),
        persons=("person_id", "nunique"),
        circle=("_circle", "sum"),
        linear=("_linear", "sum"),
    ).reset_index()
    both = flows["circle"] + flows["linear"]
    flows["pattern_share"] = (flows["circle"] / both).where(both > 0)
    info = all_regions.set_index("region_id")
    for end in ("origin", "dest"):
        key = flows[f"{end}_region_id"]
        flows[end] = key.map(info["name"])
        flows[f"{end}_lon"] = key.map(info["lon"])
        flows[f"{end}_lat"] = key.map(info["lat"])
    flows = flows.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)
    if split_by_pattern:
        flows["pattern"] = flows["pattern"].astype(object).where(flows["pattern"].notna(), None)
    return flows[columns]


def unique_names(names: list[str], reserved: tuple[str, ...] = ("from_region", "total")) -> list:
    """Column names for the matrix: the region names, made unique (a repeat gets ' (2)')."""
    seen = {r.casefold() for r in reserved}
    out = []
    for name in names:
        text, n = str(name), 2
        while text.casefold() in seen:
            text, n = f"{name} ({n})", n + 1
        seen.add(text.casefold())
        out.append(text)
    return out


def region_matrix(legs, links, all_regions, births, returned, kind: str = "moves"):
    """Wide table: from_region, one column per region (same order), total; a total row."""
    if kind == "moves":
        rl = _region_legs(legs, links)
        counts = rl.groupby(["origin_region_id", "dest_region_id"]).size()
    else:
        b = births.merge(links, on="city_id").rename(columns={"region_id": "origin_region_id"})
        r = returned.merge(links, left_on="return_city_id", right_on="city_id")
        r = r.rename(columns={"region_id": "dest_region_id"})[["person_id", "dest_region_id"]]
        pairs = b.merge(r, on="person_id").drop_duplicates(
            ["person_id", "origin_region_id", "dest_region_id"]
        )
        counts = pairs.groupby(["origin_region_id", "dest_region_id"]).size()
    ids = list(all_regions["region_id"])
    table = counts.unstack(fill_value=0).reindex(index=ids, columns=ids, fill_value=0)
    table = table.fillna(0).astype(int)
    labels = unique_names(list(all_regions["name"]))
    table.columns = labels
    table["total"] = table.sum(axis=1)
    totals = table.sum(axis=0)
    table.insert(0, "from_region", labels)
    table = pd.concat(
        [table, pd.DataFrame([["total", *totals.tolist()]], columns=table.columns)],
        ignore_index=True,
    )
    return table.reset_index(drop=True)


# --------------------------------------------------------------------------- names

# Natural Earth (QGIS's world map) spellings that differ from the gazetteer's.
_PROVINCE_ALIASES = {"Inner Mongol": "Inner Mongolia", "Xizang": "Tibet"}
_EXTRA_ZH = {"Paracel Islands": "西沙群岛"}


def province_names_zh(names: list[str], gazetteer_cities: pd.DataFrame) -> list[str | None]:
    """Chinese names of China's provinces by their English names (the gazetteer's table)."""
    table = gazetteer_cities.dropna(subset=["province", "province_zh"])
    lookup = dict(zip(table["province"], table["province_zh"]))
    lookup.update(_EXTRA_ZH)
    return [lookup.get(_PROVINCE_ALIASES.get(str(n), str(n))) for n in names]
