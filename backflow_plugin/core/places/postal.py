"""Chinese places in postal-era romanisations (pure Python, no QGIS).

Directories of the Republican era write Chinese places as the Chinese Post Office
spelled them (1906 onwards): Wade-Giles without apostrophes, with the older readings
of the Nanking syllabary (江 Kiang, 京 King, 济 Tsi, 西 Si: Kiangyin, Tsining, Sinyang),
州 as -chow; and, in the south, as Cantonese, Hokkien or Wu readings that follow no
Mandarin rule (番禺 Punyu, 慈溪 Tzeki). Two rules, tried for a Latin name in China (or
without a country when home is China) that matched nothing else:

1. **Listed**: ``resources/gazetteer/postal_places.csv`` (``scripts/build_postal_places.py``),
   romanisations that are facts, each with today's unit; match ``postal``.
2. **Spelled**: every Chinese prefecture and county spelled the postal way from the
   toneless reading of its characters (each syllable in the few spellings the postal
   maps used: 江 kiang / chiang / tsiang), and the name matched when exactly one unit
   of the row's province has that spelling; match ``postal_spelling``, flagged
   ``tolerant`` for the review step. The places of Guangdong, Guangxi and Hainan are
   spelled in their Cantonese readings too (``cantonese_readings.csv``: 新會 Sunwui,
   開平 Hoiping, 潮州 Chiuchow). A Mandarin spelling only with a province ("Sinhwei,
   Kwangtung"): tried on the 193 listed romanisations, spelling placed 96 right and 11
   wrong across China (Tenghsien is 滕县 in Shandong and 藤县 in Guangxi), and 125
   right and 1 wrong inside the right province. A Cantonese spelling also without one,
   when no other unit has that spelling in either reading: 26 right, none wrong, 3 left
   for two places; none of the evaluation set's 2,164 strings of places abroad has a
   Cantonese spelling.

A spelling two units share is no match: the row stays unresolved.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from itertools import product

from ...paths import GAZETTEER_DIR

POSTAL_PLACES_FILE = "postal_places.csv"
CANTONESE_READINGS_FILE = "cantonese_readings.csv"
# Provinces whose places the postal maps and directories wrote in Cantonese readings.
CANTONESE_PROVINCES = frozenset({"CN440000", "CN450000", "CN460000"})
MATCH_POSTAL = "postal"
MATCH_POSTAL_SPELLING = "postal_spelling"
# A spelled name needs two syllables at least: one syllable matches too many places.
MIN_SPELLED_LETTERS = 5
# Spellings kept per name: a name of many syllables with several spellings each would
# otherwise fill the index with forms no directory printed.
MAX_SPELLINGS = 96
_UNIT_SUFFIX = re.compile(r"(?:自治县|自治旗|县|市|区|旗)$")
_UNIT_SUFFIX_HANT = re.compile(r"(?:自治縣|縣|市|區)$")
_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q",
             "x", "r", "z", "c", "s", "y", "w")  # fmt: skip
# Pinyin initial -> its postal spellings (j, q: the old readings kept k or ts, 京 King, 清 Tsing).
_INITIAL = {
    "b": ("p",), "d": ("t",), "g": ("k",), "zh": ("ch",), "r": ("j",), "z": ("ts", "tz"),
    "c": ("ts", "tz"), "j": ("ch", "k", "ts"), "q": ("ch", "k", "ts"), "x": ("hs", "s"),
}  # fmt: skip
_FINAL = {
    "e": ("eh", "e", "o"), "ou": ("ou", "ow"), "ong": ("ung",), "ie": ("ieh", "ie"),
    "ian": ("ien", "ian"), "iong": ("iung",), "uo": ("o", "uo"), "ui": ("ui", "wei"),
    "ua": ("ua", "wa"), "uai": ("uai", "wai"), "uan": ("uan", "wan"), "uang": ("uang", "wang"),
    "v": ("u", "ue"), "ve": ("ueh", "io"), "ue": ("ueh", "io"), "van": ("uan", "uen"),
    "vn": ("un",), "er": ("erh",),
}  # fmt: skip
_WHOLE = {
    "zi": ("tze", "tzu", "tsz"), "ci": ("tze", "tzu", "tsz"), "si": ("sze", "ssu", "szu"),
    "zhi": ("chih", "chi"), "chi": ("chih", "chi"), "shi": ("shih", "shi"), "ri": ("jih",),
    "yi": ("i", "yi"), "ye": ("yeh", "ye"), "yan": ("yen", "yan"), "you": ("yu", "yiu"),
    "yong": ("yung",), "yue": ("yueh", "yo"), "yuan": ("yuan", "yuen"), "er": ("erh",),
}  # fmt: skip


def postal_key(name: str) -> str:
    """Letters of a name, folded: "Tzeki", "Tze-ki" and "TZEKI" meet."""
    s = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in s if ch.isalpha() and ch.isascii()).casefold()


def syllable_spellings(syllable: str) -> tuple[str, ...]:
    """The postal spellings of one toneless pinyin syllable ("jiang" -> kiang, chiang,
    tsiang)."""
    s = syllable.replace("ü", "v")
    if s in _WHOLE:
        return _WHOLE[s]
    initial = next((i for i in _INITIALS if s.startswith(i) and len(s) > len(i)), "")
    final = s[len(initial) :]
    if initial in ("j", "q", "x", "y") and final.startswith("u"):
        final = "v" + final[1:]  # ju, que, xuan: the u is ü
    heads = _INITIAL.get(initial, (initial,))
    tails = _FINAL.get(final, (final.replace("v", "u"),))
    if initial in ("g", "k", "h") and final in ("ui", "ua", "uai", "uan", "uang"):
        tails = (final.replace("ui", "wei").replace("u", "w", 1),)  # 贵 Kwei, 黄 Hwang
    return tuple(dict.fromkeys(h + t for h in heads for t in tails))


def spellings(name_zh: str, readings: dict[str, str]) -> list[str]:
    """Postal spellings of a Chinese unit's name without its suffix (慈溪市 -> tzuchi,
    tzechi, tzeki, ...; a one-character stem only with -hsien: 鄞县 -> yinhsien)."""
    county = name_zh.endswith("县")
    stem = _UNIT_SUFFIX.sub("", name_zh)
    if "族" in stem or not stem:
        return []
    sylls = [readings.get(ch) for ch in stem]
    if any(s is None for s in sylls):
        return []
    out: list[str] = []
    for combo in product(*(syllable_spellings(s) for s in sylls)):
        word = "".join(combo)
        if len(stem) >= 2:
            out.append(word)
        if county:
            out.append(word + "hsien")
        if len(out) >= MAX_SPELLINGS:
            break
    return out


def cantonese_spellings(name_hant: str, readings: dict[str, tuple[str, ...]]) -> list[str]:
    """Spellings of a southern unit's name in the Hong Kong Government's Cantonese
    romanisation, suffix dropped (新會區 -> sunwui, sanwui, ...; 潮州 -> chiuchow)."""
    stem = _UNIT_SUFFIX_HANT.sub("", name_hant)
    if len(stem) < 2 or "族" in stem:
        return []
    options = [readings.get(ch) for ch in stem]
    if any(not o for o in options):
        return []
    out = []
    for combo in product(*options):
        out.append("".join(combo))
        if len(out) >= MAX_SPELLINGS:
            break
    return out


@lru_cache(maxsize=1)
def cantonese_readings() -> dict[str, tuple[str, ...]]:
    """Character (traditional) -> its Cantonese romanisations (empty when absent)."""
    path = GAZETTEER_DIR / CANTONESE_READINGS_FILE
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as f:
        return {r["char"]: tuple(r["readings"].split("|")) for r in csv.DictReader(f)}


@lru_cache(maxsize=1)
def listed() -> dict[str, tuple[str, ...]]:
    """Folded romanisation -> today's ids, from the bundled table (empty when absent)."""
    path = GAZETTEER_DIR / POSTAL_PLACES_FILE
    out: dict[str, tuple[str, ...]] = {}
    if not path.is_file():
        return out
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = postal_key(r["form"])
            out[key] = tuple(dict.fromkeys((*out.get(key, ()), r["city_id"])))
    return out


def spelled_index(
    names_zh, city_ids, readings: dict[str, str], southern=None
) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """(postal spelling -> ids of the units so spelled, the spellings that are
    Cantonese) for the Chinese prefectures and counties given as parallel sequences of
    names and ids; ``southern``: the traditional name of a unit of the Cantonese
    provinces, None for the others."""
    out: dict[str, list[str]] = {}
    canto, canto_keys = cantonese_readings(), set()
    southern = southern if southern is not None else [None] * len(city_ids)
    for nm, cid, hant in zip(names_zh, city_ids, southern):
        keys = spellings(nm, readings) if isinstance(nm, str) else []
        if isinstance(hant, str):
            southern_keys = cantonese_spellings(hant, canto)
            canto_keys.update(southern_keys)
            keys += southern_keys
        for key in dict.fromkeys(keys):
            out.setdefault(key, []).append(cid)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}, frozenset(canto_keys)
