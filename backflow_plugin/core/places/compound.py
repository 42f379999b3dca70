"""Cells that write a country, a state or a province together with the place.

CVs typed by hand put several levels in one cell: 美国波士顿, 美国 波士顿, 英国伦敦,
美国加州洛杉矶, 波士顿（美国）, "Boston USA", "USA Boston", "Boston MA", "Boston, MA,
USA", 浙江省诸暨县, 湖北省武汉市洪山区. ``place_candidates`` reads such a cell as a
list of (place, country, state or province) readings, most specific first; the caller
resolves them with the gazetteer and keeps the first that names a place. Nothing here
decides a place: a reading is only a guess the gazetteer must confirm, so a cell that
reads both ways ("Atlanta Georgia": the country Georgia or the US state) is tried both
ways.

A county-level name written with a suffix the gazetteer does not know for it
(诸暨县, now 诸暨市) is also read without the suffix (县, 市, 区, 旗), after any province
and prefecture written before it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .countries import Countries
from .provinces import province_keys

# Chinese short names of countries that the country table does not carry.
_EXTRA_HAN_COUNTRIES = {
    "澳洲": "AU",
    "英格兰": "GB",
    "苏格兰": "GB",
    "南韩": "KR",
    "大韩民国": "KR",
    "星加坡": "SG",
    "星洲": "SG",
    "纽西兰": "NZ",
    "中华人民共和国": "CN",
    "德意志": "DE",
    "香港特别行政区": "HK",
    "澳门特别行政区": "MO",
}
# Chinese names of US states, Canadian provinces and Australian states, as codes
# ``provinces.province_keys`` reads.
ZH_STATES = {
    "加利福尼亚州": "CA",
    "加利福尼亚": "CA",
    "加州": "CA",
    "马萨诸塞州": "MA",
    "马萨诸塞": "MA",
    "麻省": "MA",
    "麻萨诸塞州": "MA",
    "纽约州": "NY",
    "得克萨斯州": "TX",
    "德克萨斯州": "TX",
    "得州": "TX",
    "德州": "TX",
    "宾夕法尼亚州": "PA",
    "宾州": "PA",
    "伊利诺伊州": "IL",
    "伊利诺斯州": "IL",
    "伊州": "IL",
    "密歇根州": "MI",
    "密西根州": "MI",
    "华盛顿州": "WA",
    "马里兰州": "MD",
    "北卡罗来纳州": "NC",
    "北卡罗莱纳州": "NC",
    "北卡": "NC",
    "南卡罗来纳州": "SC",
    "佐治亚州": "GA",
    "乔治亚州": "GA",
    "佛罗里达州": "FL",
    "佛州": "FL",
    "俄亥俄州": "OH",
    "新泽西州": "NJ",
    "康涅狄格州": "CT",
    "康州": "CT",
    "威斯康星州": "WI",
    "威斯康辛州": "WI",
    "明尼苏达州": "MN",
    "科罗拉多州": "CO",
    "亚利桑那州": "AZ",
    "印第安纳州": "IN",
    "田纳西州": "TN",
    "密苏里州": "MO",
    "弗吉尼亚州": "VA",
    "犹他州": "UT",
    "俄勒冈州": "OR",
    "爱荷华州": "IA",
    "艾奥瓦州": "IA",
    "罗德岛州": "RI",
    "新罕布什尔州": "NH",
    "特拉华州": "DE",
    "肯塔基州": "KY",
    "路易斯安那州": "LA",
    "阿拉巴马州": "AL",
    "亚拉巴马州": "AL",
    "俄克拉荷马州": "OK",
    "堪萨斯州": "KS",
    "内布拉斯加州": "NE",
    "新墨西哥州": "NM",
    "夏威夷州": "HI",
    "安大略省": "ON",
    "安省": "ON",
    "不列颠哥伦比亚省": "BC",
    "卑诗省": "BC",
    "魁北克省": "QC",
    "阿尔伯塔省": "AB",
    "艾伯塔省": "AB",
    "新斯科舍省": "NS",
    "新南威尔士州": "NSW",
    "维多利亚州": "VIC",
    "昆士兰州": "QLD",
    "南澳大利亚州": "SA",
    "西澳大利亚州": "WA",
}
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Separators between the parts of a cell (spaces, commas, dots, slashes, dashes).
_SEPARATORS = " \t,，、;；/·・-–—|"
_BRACKETED = re.compile(r"^(.*?)[(（\[【](.+?)[)）\]】]\s*$")
_LATIN_SPLIT = re.compile(r"[\s,;/()（）\[\]]+")
# County-level suffixes a gazetteer name may lack (诸暨县 is 诸暨市 today).
_COUNTY_SUFFIX = re.compile(r"(?:县|市|区|旗|自治县)$")
# Where a prefecture written before a county ends (绍兴市诸暨县, 凉山州西昌市).
_FOREIGN_SUFFIX = re.compile(r"(?:市|都|府|县|州)$")
_PREFECTURE_END = re.compile(r"^(.{2,8}?(?:市|地区|自治州|州|盟))(.{2,})$")
# Short Latin country forms accepted at a cell's end or start ("Boston USA").
_LATIN_KIND = re.compile(r"\s+(?:county|city|district|prefecture|xian|shi|qu)$", re.IGNORECASE)
_SHORT_COUNTRIES = frozenset({"US", "USA", "UK", "PRC", "U.S.", "U.S.A.", "U.K."})

Reading = tuple[str, str | None, str | None]  # (place, country ISO2, state or province)


# What CVs write beside the place: years and spans, degrees and posts.
_NOISE = re.compile(
    r"(?:(?:19|20)\d\d(?:\.\d{1,2})?\s*年?\s*(?:[-–—~～至到]\s*(?:(?:19|20)\d\d(?:\.\d{1,2})?\s*年?|至今|今|现在|present|now))?)"
    r"|博士后|博士|硕士|学士|本科|访问学者|博后"
    r"|\b(?:ph\.?\s?d|postdoc(?:toral)?(?:\s+fellow)?|visiting\s+scholar|m\.?\s?sc|b\.?\s?sc)\b\.?",
    re.IGNORECASE,
)


def strip_noise(text: str) -> str:
    """The cell without years, spans and degree words ("斯坦福大学 2008-2012 博士后" ->
    "斯坦福大学"; "PhD, Stanford University, 2005" -> "Stanford University")."""
    out = _NOISE.sub(" ", text)
    out = re.sub(r"[(（]\s*[)）]", " ", out)
    out = re.sub(r"\s*[,，;；]\s*(?=[,，;；]|$)", "", out)
    return re.sub(r"\s+", " ", out).strip().strip(_SEPARATORS).strip()


def has_han(text: object) -> bool:
    return bool(_HAN.search(str(text)))


@lru_cache(maxsize=1)
def _han_countries() -> tuple[tuple[str, str], ...]:
    """(Chinese country name, ISO2), longest first."""
    table = Countries.bundled().table.fillna("")
    found: dict[str, str] = {}
    for iso2, zh, aliases in zip(table["iso2"], table["name_zh"], table["aliases"]):
        for form in [zh, *str(aliases).split("|")]:
            form = form.strip()
            if form and has_han(form) and all(_HAN.match(ch) for ch in form):
                found.setdefault(form, iso2)
    for form, iso2 in _EXTRA_HAN_COUNTRIES.items():
        found.setdefault(form, iso2)
    return tuple(sorted(found.items(), key=lambda kv: -len(kv[0])))


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().strip(_SEPARATORS).strip()


def split_han_country(text: str) -> tuple[str, str] | None:
    """(rest, ISO2) of a cell that starts or ends with a Chinese country name
    (美国波士顿, 美国 波士顿, 波士顿（美国）, 波士顿，美国); None when it does not."""
    s = _clean(text)
    m = _BRACKETED.match(s)
    for form, iso2 in _han_countries():
        if m and _clean(m.group(2)) == form and _clean(m.group(1)):
            return _clean(m.group(1)), iso2
        if s.startswith(form) and len(s) > len(form):
            rest = _clean(s[len(form) :])
            if rest:
                return rest, iso2
        if s.endswith(form) and len(s) > len(form):
            rest = _clean(s[: -len(form)])
            if rest and rest[-1:] not in "省市县区州":  # 广州 is not 广 + 州
                return rest, iso2
    return None


def split_zh_state(text: str) -> tuple[str, str] | None:
    """(rest, state code) of a cell that starts with a US state, Canadian province or
    Australian state in Chinese (加州洛杉矶, 麻省剑桥)."""
    s = _clean(text)
    for form in sorted(ZH_STATES, key=len, reverse=True):
        if s.startswith(form) and len(s) > len(form):
            rest = _clean(s[len(form) :])
            if rest:
                return rest, ZH_STATES[form]
    return None


def _split_cn_province(text: str) -> tuple[str, str] | None:
    """(rest, province) of 浙江省诸暨县 / 浙江诸暨县 / 广西壮族自治区桂林市."""
    for n in range(min(8, len(text) - 1), 1, -1):
        head = text[:n]
        if province_keys(head):
            rest = _clean(text[n:])
            if len(rest) >= 2:
                return rest, head
    return None


def _county_readings(text: str) -> list[str]:
    """诸暨县 -> [诸暨]; 绍兴市诸暨县 -> [诸暨县, 诸暨]: the county-level name after any
    prefecture, with and without its suffix."""
    out: list[str] = []
    m = _PREFECTURE_END.match(text)
    tail = m.group(2) if m else text
    for cand in (tail, _COUNTY_SUFFIX.sub("", tail)):
        if len(cand) >= 2 and cand != text and cand not in out:
            out.append(cand)
    return out


def _han_readings(text: str) -> list[Reading]:
    out: list[Reading] = []
    country = split_han_country(text)
    if country:
        rest, iso2 = country
        state = split_zh_state(rest)
        if state:
            out.append((state[0], iso2, state[1]))
        out.append((rest, iso2, None))
        bare = _FOREIGN_SUFFIX.sub("", rest)  # 东京都, 大阪府, 首尔市
        if iso2 != "CN" and len(bare) >= 2 and bare != rest:
            out.append((bare, iso2, None))
        if iso2 == "CN":
            out += _han_readings(rest)
        return out
    state = split_zh_state(text)
    if state:
        out.append((state[0], None, state[1]))
    province = _split_cn_province(text)
    if province:
        rest, prov = province
        out.append((rest, "CN", prov))
        out += [(c, "CN", prov) for c in _county_readings(rest)]
    elif _COUNTY_SUFFIX.search(text):
        out += [(c, "CN", None) for c in _county_readings(text)]
    return out


def country_of_text(text: str, countries: Countries) -> str | None:
    """The country a short text names ("USA", "Japan", "英国"); None for a state code
    that is also a country's ("CA", "IN", "GA")."""
    return _country_of(text.split(), countries)


def _country_of(words: list[str], countries: Countries) -> str | None:
    text = " ".join(words)
    if len(text) <= 3 and text.upper() not in _SHORT_COUNTRIES:
        return None  # "MA", "CA", "IN": state codes, not countries
    return countries.lookup(text)


def _latin_readings(text: str, countries: Countries) -> list[Reading]:
    words = [w for w in _LATIN_SPLIT.split(text) if w]
    if len(words) < 2:
        return []
    out: list[Reading] = []

    def with_state(place_words: list[str], iso2: str | None) -> None:
        # "Boston MA", "Cambridge Mass.", "Sydney NSW": a state or province at the end
        for n in (2, 1):
            if len(place_words) > n:
                state = " ".join(place_words[-n:])
                if province_keys(state):
                    out.append((" ".join(place_words[:-n]), iso2, state))
                    break
        out.append((" ".join(place_words), iso2, None))

    for n in (3, 2, 1):  # the country at the end: "Boston USA", "Boston MA USA"
        if len(words) > n:
            iso2 = _country_of(words[-n:], countries)
            if iso2:
                with_state(words[:-n], iso2)
                break
    for n in (3, 2, 1):  # the country first: "USA Boston"
        if len(words) > n:
            iso2 = _country_of(words[:n], countries)
            if iso2:
                out.append((" ".join(words[n:]), iso2, None))
                break
    with_state(words, None)  # no country: "Boston MA", "Atlanta Georgia"
    # "Zhuji County", "Wuhan City": the same without the unit's kind
    out += [(_LATIN_KIND.sub("", p), c, s) for p, c, s in out if _LATIN_KIND.search(p)]
    return [r for r in out if r[0] and r[0] != text]


def place_candidates(cell: object, countries: Countries | None = None) -> list[Reading]:
    """Readings of a cell as (place, country ISO2 or None, state/province or None),
    most specific first, without duplicates; [] for a cell that has no parts."""
    if cell is None:
        return []
    text = _clean(str(cell))
    if len(text) < 3:
        return []
    if has_han(text):
        found = _han_readings(text)
    else:
        found = _latin_readings(text, countries or Countries.bundled())
    return list(dict.fromkeys(r for r in found if r[0]))
