"""Province and state names -> keys the gazetteer compares (pure Python, no QGIS).

A hint such as "江苏", "江蘇省", "Jiangsu Province", "Kiangsu", "MA", "Massachusetts",
"ON", "Ontario", "NSW" or "New South Wales" becomes a set of keys: ``CN`` + 2-digit
province code + ``0000`` for Chinese provinces (the gazetteer's ``province_id``), the
case-folded name for states and provinces of the US, Canada and Australia (the
gazetteer's ``province``). A code used by two countries gives both ("WA": Washington,
Western Australia); the place's own country settles it. Unknown hints give no key.
"""

from __future__ import annotations

import re

from .names import _is_missing, compact_key

# code: (simplified short name, English, other romanisations: pinyin variants, postal
# and Wade-Giles spellings as older sources write them)
CN_PROVINCES = {
    "11": ("北京", "Beijing", ("Peking", "Peiping")),
    "12": ("天津", "Tianjin", ("Tientsin",)),
    "13": ("河北", "Hebei", ("Hopei", "Hopeh", "Chihli", "Zhili")),
    "14": ("山西", "Shanxi", ("Shansi",)),
    "15": ("内蒙古", "Inner Mongolia", ("Nei Mongol", "Neimenggu", "Nei Menggu")),
    "21": ("辽宁", "Liaoning", ("Fengtien", "Fengtian", "Shengking")),
    "22": ("吉林", "Jilin", ("Kirin", "Chilin")),
    "23": ("黑龙江", "Heilongjiang", ("Heilungkiang",)),
    "31": ("上海", "Shanghai", ()),
    "32": ("江苏", "Jiangsu", ("Kiangsu", "Chiang-su")),
    "33": ("浙江", "Zhejiang", ("Chekiang", "Che-chiang")),
    "34": ("安徽", "Anhui", ("Anhwei",)),
    "35": ("福建", "Fujian", ("Fukien",)),
    "36": ("江西", "Jiangxi", ("Kiangsi",)),
    "37": ("山东", "Shandong", ("Shantung",)),
    "41": ("河南", "Henan", ("Honan",)),
    "42": ("湖北", "Hubei", ("Hupeh", "Hupei")),
    "43": ("湖南", "Hunan", ()),
    "44": ("广东", "Guangdong", ("Kwangtung", "Canton Province")),
    "45": ("广西", "Guangxi", ("Kwangsi",)),
    "46": ("海南", "Hainan", ()),
    "50": ("重庆", "Chongqing", ("Chungking",)),
    "51": ("四川", "Sichuan", ("Szechwan", "Szechuan", "Ssu-ch'uan")),
    "52": ("贵州", "Guizhou", ("Kweichow",)),
    "53": ("云南", "Yunnan", ()),
    "54": ("西藏", "Tibet", ("Xizang",)),
    "61": ("陕西", "Shaanxi", ("Shensi",)),
    "62": ("甘肃", "Gansu", ("Kansu",)),
    "63": ("青海", "Qinghai", ("Tsinghai", "Chinghai")),
    "64": ("宁夏", "Ningxia", ("Ningsia",)),
    "65": ("新疆", "Xinjiang", ("Sinkiang",)),
}
US_STATES = {
    "AK": "Alaska",
    "AL": "Alabama",
    "AR": "Arkansas",
    "AZ": "Arizona",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DC": "District of Columbia",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "IA": "Iowa",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "MA": "Massachusetts",
    "MD": "Maryland",
    "ME": "Maine",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MO": "Missouri",
    "MS": "Mississippi",
    "MT": "Montana",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "NE": "Nebraska",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NV": "Nevada",
    "NY": "New York",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VA": "Virginia",
    "VT": "Vermont",
    "WA": "Washington",
    "WI": "Wisconsin",
    "WV": "West Virginia",
    "WY": "Wyoming",
}
CA_PROVINCES = {
    "AB": "Alberta",
    "BC": "British Columbia",
    "MB": "Manitoba",
    "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador",
    "NF": "Newfoundland and Labrador",
    "NS": "Nova Scotia",
    "ON": "Ontario",
    "PE": "Prince Edward Island",
    "PEI": "Prince Edward Island",
    "QC": "Quebec",
    "PQ": "Quebec",
    "SK": "Saskatchewan",
    "YT": "Yukon",
    "NT": "Northwest Territories",
    "NU": "Nunavut",
}
AU_STATES = {
    "ACT": "Australian Capital Territory",
    "NSW": "New South Wales",
    "NT": "Northern Territory",
    "QLD": "Queensland",
    "SA": "South Australia",
    "TAS": "Tasmania",
    "VIC": "Victoria",
    "WA": "Western Australia",
}
# Older abbreviations still found in CVs ("Mass.", "Calif.", "Ont.").
_OLD_ABBREVIATIONS = {
    "mass": "Massachusetts",
    "calif": "California",
    "cal": "California",
    "conn": "Connecticut",
    "penn": "Pennsylvania",
    "penna": "Pennsylvania",
    "mich": "Michigan",
    "minn": "Minnesota",
    "wash": "Washington",
    "wis": "Wisconsin",
    "ill": "Illinois",
    "ind": "Indiana",
    "tenn": "Tennessee",
    "tex": "Texas",
    "ariz": "Arizona",
    "colo": "Colorado",
    "fla": "Florida",
    "md": "Maryland",
    "ont": "Ontario",
    "que": "Quebec",
    "qué": "Quebec",
    "québec": "Quebec",
    "vict": "Victoria",
    # the Government Printing Office's forms, as 1910s-1940s directories print them
    "ala": "Alabama",
    "ark": "Arkansas",
    "del": "Delaware",
    "ia": "Iowa",
    "kans": "Kansas",
    "kan": "Kansas",
    "miss": "Mississippi",
    "mont": "Montana",
    "nebr": "Nebraska",
    "neb": "Nebraska",
    "nev": "Nevada",
    "nmex": "New Mexico",
    "ndak": "North Dakota",
    "sdak": "South Dakota",
    "okla": "Oklahoma",
    "oreg": "Oregon",
    "ore": "Oregon",
    "wva": "West Virginia",
    "wisc": "Wisconsin",
    "wyo": "Wyoming",
    "o": "Ohio",
    "man": "Manitoba",
    "sask": "Saskatchewan",
    "alta": "Alberta",
}

# Traditional characters met in province names -> simplified (no converter at run time).
_TO_SIMPLIFIED = str.maketrans(
    "蘇遼寧龍廣東貴雲陝肅內灣慶門維爾壯區臺慶隸熱綏遠",
    "苏辽宁龙广东贵云陕肃内湾庆门维尔壮区台庆隶热绥远",
)
# Provinces of the Qing and the Republic that 籍贯 still name ("直隶天津", "热河承德"):
# the provinces of today that hold their land.
_HISTORIC_ZH = {
    "直隶": ("13", "11", "12"),
    "奉天": ("21",),
    "盛京": ("21",),
    "热河": ("13", "21", "15"),
    "察哈尔": ("13", "15"),
    "绥远": ("15",),
    "西康": ("51", "54"),
}
_HISTORIC_LATIN = {
    "Jehol": _HISTORIC_ZH["热河"],
    "Chahar": _HISTORIC_ZH["察哈尔"],
    "Suiyuan": _HISTORIC_ZH["绥远"],
    "Sikang": _HISTORIC_ZH["西康"],
    "Hsikang": _HISTORIC_ZH["西康"],
}
_ZH_SUFFIXES = re.compile(r"(?:省|市|特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|地区)$")
_LATIN_WORDS = re.compile(
    r"\b(?:province|prov|sheng|shi|city|municipality|autonomous region|zizhiqu|"
    r"uygur|uyghur|uighur|zhuang|hui|state|of)\b"
)


def _latin_table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}

    def add(name: str, key: str) -> None:
        k = compact_key(_LATIN_WORDS.sub(" ", name.casefold()))
        if k:
            table.setdefault(k, set()).add(key)

    for code, (_, en, others) in CN_PROVINCES.items():
        key = f"CN{code}0000"
        for n in (en, *others):
            add(n, key)
    for states in (US_STATES, CA_PROVINCES, AU_STATES):
        for name in states.values():
            add(name, name.casefold())
    for abbr, name in _OLD_ABBREVIATIONS.items():
        add(abbr, name.casefold())
    for name, codes in _HISTORIC_LATIN.items():
        for code in codes:
            add(name, f"CN{code}0000")
    return {k: frozenset(v) for k, v in table.items()}


_LATIN = _latin_table()
_ZH = {zh: f"CN{code}0000" for code, (zh, _, _) in CN_PROVINCES.items()}
_CODES: dict[str, set[str]] = {}
for _states in (US_STATES, CA_PROVINCES, AU_STATES):
    for _code, _name in _states.items():
        _CODES.setdefault(_code, set()).add(_name.casefold())


def province_keys(value: object) -> frozenset[str]:
    """The keys a province or state hint stands for (empty when unknown)."""
    if _is_missing(value):
        return frozenset()
    s = str(value).strip()
    if not s:
        return frozenset()
    code = s.upper().replace(".", "").replace(" ", "")  # "N. Y." is NY
    if code in _CODES:
        return frozenset(_CODES[code])
    if any("\u4e00" <= ch <= "\u9fff" for ch in s):
        zh = s.translate(_TO_SIMPLIFIED).replace(" ", "")
        for _ in range(2):  # 广西壮族自治区 -> 广西
            zh = _ZH_SUFFIXES.sub("", zh) or zh
        key = _ZH.get(zh)
        if not key and zh in _HISTORIC_ZH:
            return frozenset(f"CN{c}0000" for c in _HISTORIC_ZH[zh])
        return frozenset({key}) if key else frozenset()
    k = compact_key(_LATIN_WORDS.sub(" ", s.casefold()))
    return _LATIN.get(k, frozenset())


def province_country(keys: frozenset[str]) -> str | None:
    """The one country whose states or provinces ``keys`` are (None if several)."""
    found = set()
    for k in keys:
        if k.startswith("CN") and k[2:].isdigit():
            found.add("CN")
        for code, states in (("US", US_STATES), ("CA", CA_PROVINCES), ("AU", AU_STATES)):
            if k in {n.casefold() for n in states.values()}:
                found.add(code)
    return found.pop() if len(found) == 1 else None
