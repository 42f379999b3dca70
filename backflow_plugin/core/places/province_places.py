"""Rows that name only a province: 廣東, 江苏省, Kwangtung (pure Python + pandas, no QGIS).

Archives often give a birthplace as a province. Such a row resolves to a *province
place*: one gazetteer row per province or autonomous region, id ``CN`` + the 2-digit
province code + ``0000`` (the province's ``province_id``; the four municipalities keep
their own city rows, so 北京 stays the city), level ``province``, flagged ``province``
and ``province_only``.

Its point is the seat of the provincial capital (广州 for 广东). A centroid would be
the truer "somewhere in the province", but the centroid of a concave province can lie
outside it (Hebei's falls near Beijing and Tianjin), while the capital always lies
inside: so a point-in-polygon region table counts the row in its province. The flag,
not the point, says that the row is no city: the city network and its tiers leave
province places out unless asked (``is_province_place``).

A name resolves to its province only when nothing else of that name does (吉林 stays
the city of Jilin, 海南 with a Qinghai hint stays the prefecture).
"""

from __future__ import annotations

import re

import pandas as pd

from .provinces import CN_PROVINCES, province_keys

LEVEL_PROVINCE = "province"
FLAG_PROVINCE_ONLY = "province_only"
# The capital of each province or autonomous region: its prefecture adcode is XX0100.
_MUNICIPALITIES = ("11", "12", "31", "50")
_CAPITAL_SUFFIX = "0100"
_PROVINCE_ID = re.compile(r"^CN(\d\d)0000$")
# Traditional forms of the provinces' names (those that differ from the simplified).
_HANT = {
    "13": "河北", "14": "山西", "15": "內蒙古", "21": "遼寧", "22": "吉林", "23": "黑龍江",
    "32": "江蘇", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山東",
    "41": "河南", "42": "湖北", "43": "湖南", "44": "廣東", "45": "廣西", "46": "海南",
    "51": "四川", "52": "貴州", "53": "雲南", "54": "西藏", "61": "陝西", "62": "甘肅",
    "63": "青海", "64": "寧夏", "65": "新疆",
}  # fmt: skip


def is_province_place(city_id: object) -> bool:
    """True for a province place's id (CN440000), False for a municipality (CN110000)."""
    if not isinstance(city_id, str):
        return False
    m = _PROVINCE_ID.match(city_id)
    return bool(m) and m.group(1) not in _MUNICIPALITIES


def province_place_ids(ids: pd.Series) -> pd.Series:
    """Boolean Series: which ids are province places."""
    s = ids.astype(object)
    out = s.astype(str).str.fullmatch(r"CN\d\d0000") & ~s.astype(str).str[2:4].isin(_MUNICIPALITIES)
    return out.fillna(False).astype(bool)


def province_of_name(name: str) -> str | None:
    """The province id a cell that is only a province name stands for ("广东省",
    "廣東", "Kwangtung", "Guangdong Province"), else None (a historic province such as
    热河 spans several of today's: no single place)."""
    keys = province_keys(name)
    if len(keys) != 1:
        return None
    (key,) = keys
    m = _PROVINCE_ID.match(key)
    if not m or m.group(1) in _MUNICIPALITIES:
        return None
    return key


def province_rows(cities: pd.DataFrame) -> pd.DataFrame:
    """One row per province or autonomous region, in the gazetteer's columns, at its
    capital's point; built from the capitals' rows of ``cities`` (empty when the
    gazetteer has no Chinese prefectures, as a user's own point layer)."""
    by_id = cities.set_index("city_id", drop=False)
    rows = []
    for code, (zh, en, others) in CN_PROVINCES.items():
        if code in _MUNICIPALITIES:
            continue
        cap_id = f"CN{code}{_CAPITAL_SUFFIX}"
        if cap_id not in by_id.index:
            continue
        cap = by_id.loc[cap_id]
        pid = f"CN{code}0000"
        rows.append(
            {
                "city_id": pid,
                "name": en,
                "name_zh": zh,
                "name_zh_hant": _HANT.get(code, zh),
                "country": "CN",
                "province": cap["province"],
                "province_zh": cap["province_zh"],
                "admin_rank": None,
                "lon": cap["lon"],
                "lat": cap["lat"],
                "population": 0,
                "aliases": "|".join(others) or None,
                "level": LEVEL_PROVINCE,
                "prefecture_id": pid,
                "county_id": pid,
                "province_id": pid,
            }
        )
    return pd.DataFrame(rows, columns=list(cities.columns))
