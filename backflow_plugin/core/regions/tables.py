"""What the regionalflows algorithm writes and logs, shaped from core.regions.counts' result.

Pure pandas; no QGIS. processing/regional_flows.py reads the polygons (QGIS: repairs,
spatial index, point in polygon) and hands their rows here; core/regions/counts.py does the
analysis; this module builds the tables, lines and counts the sinks and the log need.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from ...paths import GAZETTEER_DIR
from ..trajectories.build import leg_lines
from ..trajectories.flow_lines import Part
from .counts import (
    KIND_ABROAD,
    KIND_NONE,
    KIND_POLYGON,
    STATUS_NEAR,
    STATUS_NO_POINT,
    STATUS_OUTSIDE,
    STATUS_SEVERAL,
    RegionalResult,
    province_names_zh,
    unique_names,
)

POLYGON_COLUMNS = ("region_id", "name", "geometry_check", "source_fid", "lon", "lat")


def polygon_frame(rows: list[tuple]) -> pd.DataFrame:
    """The polygons' rows (POLYGON_COLUMNS) as a table; a repeated name gets ' (2)', so the
    layer, the matrix and the lists agree."""
    frame = pd.DataFrame(rows, columns=list(POLYGON_COLUMNS))
    frame["name"] = unique_names(list(frame["name"]), reserved=())
    return frame


def located(cities: pd.DataFrame) -> Iterator[tuple[str, float, float]]:
    """(city_id, lon, lat) of the cities with both coordinates."""
    for city_id, lon, lat in zip(cities["city_id"], cities["lon"], cities["lat"]):
        if lon is None or lat is None or pd.isna(lon) or pd.isna(lat):
            continue
        yield str(city_id), float(lon), float(lat)


def polygon_table(result: RegionalResult, polygons: pd.DataFrame, chinese_names: bool):
    """The polygon regions with their statistics and geometry checks (the REGIONS sink);
    `chinese_names` adds name_zh (China's provinces, from the gazetteer)."""
    reg = result.regions[result.regions["kind"] == KIND_POLYGON].merge(
        polygons[["region_id", "geometry_check", "source_fid"]], on="region_id"
    )
    if chinese_names:
        gaz = pd.read_csv(
            GAZETTEER_DIR / "cities.csv", usecols=["province", "province_zh"], dtype=str
        ).drop_duplicates()
        reg.insert(2, "name_zh", province_names_zh(reg["name"].tolist(), gaz))
    return reg


def region_flow_lines(result: RegionalResult, kind: str) -> dict[tuple, list[Part]]:
    """Line parts between the regions' inner points, by (origin_region_id, dest_region_id);
    flows whose ends have no point are left out."""
    points = result.regions.rename(columns={"region_id": "city_id"})
    points = points.dropna(subset=["lon", "lat"])
    flows = result.flows
    placed = flows[
        flows["origin_region_id"].isin(points["city_id"])
        & flows["dest_region_id"].isin(points["city_id"])
    ]
    pairs = placed.rename(columns={"origin_region_id": "origin_id", "dest_region_id": "dest_id"})
    return leg_lines(pairs, points, kind) if len(pairs) else {}


@dataclass
class RegionSummary:
    regions: int  # polygon regions
    cities: int
    matched: int  # in exactly one region
    unmatched: int
    several: int
    near: int
    outside: int  # domestic, in no region
    abroad: int  # abroad, in no region
    in_regions: int  # cities in a polygon region
    returnees: int
    returnees_inside: int
    returnees_none: int  # to a city in no region
    returnees_abroad: int  # to a city counted in an abroad region


def region_summary(result: RegionalResult) -> RegionSummary:
    regions, un = result.regions, result.unmatched
    poly = regions[regions["kind"] == KIND_POLYGON]
    several = int((un["status"] == STATUS_SEVERAL).sum())
    outside = int(un["status"].isin([STATUS_OUTSIDE, STATUS_NO_POINT]).sum())
    near = int((un["status"] == STATUS_NEAR).sum())
    n_cities = int(result.links["city_id"].nunique())
    in_regions = int(result.links.merge(poly[["region_id"]], on="region_id")["city_id"].nunique())
    none = int(regions[regions["kind"] == KIND_NONE].iloc[0]["returnees"])
    abroad = int(regions.loc[regions["kind"] == KIND_ABROAD, "returnees"].sum())
    return RegionSummary(
        regions=len(poly),
        cities=n_cities,
        matched=n_cities - len(un),
        unmatched=len(un),
        several=several,
        near=near,
        outside=outside,
        abroad=len(un) - several - outside - near,
        in_regions=in_regions,
        returnees=result.total_returnees,
        returnees_inside=result.total_returnees - none - abroad,
        returnees_none=none,
        returnees_abroad=abroad,
    )
