"""Tolerant matching for names the gazetteer does not know as written (no QGIS).

Tried in this order, only for a name that matched no place, and never silently: each
rule that places a row says so in its ``match`` and ``flags``.

Chinese names
1. variant characters made standard (沈陽, 騰沖, 峨嵋: ``core.places.variants``), match
   ``variant``;
2. a cell that is only a province (廣東, 江苏省, Kwangtung): the province place
   (``core.places.province_places``), flags ``province;province_only``;
3. a county that is gone (定縣, 沔陽, 崞縣) by the historic table, else by the stem
   rule (林縣 -> 林州) (``core.places.historic_counties``), flag ``historic``; in
   Latin letters, a postal-era romanisation (Punyu, Tzeki; Kiangyin spelled from
   江阴: ``core.places.postal``), flag ``historic`` (``historic;tolerant`` when spelled);

Names in Latin letters
4. abbreviations of printed directories (W. Lafayette, E. Lansing, S. Hadley, Ft.
   Belvoir) written out, and address fragments (Suite 1918, Rm. 1335, 4th St., P.O.
   Box 12) dropped; a county of the listed ones (Santa Clara County, Calif.) is its
   seat (``county_seats.csv``), any other US county with its state the town at the
   centre of its people (``county_towns.csv``, match ``county_town``); flag ``tolerant``;
5. an OCR or typing slip (Now York, Ithoca, Asltimore, lowa City): the one place whose
   name is within a small edit distance (Damerau-Levenshtein: 1 for names up to 8
   letters, 2 beyond; a changed first letter only in names of 6 letters or more) **inside
   the row's state**, to a town of 10,000 people or more; with only a country given, one
   edit that print or OCR makes (a letter of like shape, one left out, added or swapped)
   to a city of 50,000 or more. Never without a state or country, never when two places
   are equally near. Flag ``fuzzy``, match ``fuzzy:<distance>``; the review step lists
   these first.

A Chinese name one character of the same reading away from a place (大浦, 大埔) is only
*suggested* (``han_suggestions``): such guesses were wrong nine times in ten on the
stems of retired counties (沔阳 is not 绵阳), so the row stays unresolved and the review
step offers the place.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache

import numpy as np

from ...paths import GAZETTEER_DIR
from . import historic_counties as hc
from . import postal
from .names import normalise_name
from .province_places import FLAG_PROVINCE_ONLY, province_of_name, province_rows
from .variants import standard_form

FLAG_FUZZY = "fuzzy"
FLAG_SMALL_PLACE = "small_place"
MATCH_NORMALISED = "normalised"
FLAG_TOLERANT = "tolerant"
MATCH_VARIANT = "variant"
MATCH_PROVINCE = "province"
MATCH_ABBREVIATION = "abbreviation"
MATCH_FUZZY = "fuzzy"
# A slip is guessed only for a town of this size or more: a smaller name that does not
# match is more often a real place missing from the gazetteer than a misprint.
FUZZY_MIN_POPULATION = 10_000
FUZZY_MIN_POPULATION_COUNTRY = 50_000
MATCH_COUNTY_SEAT = "county_seat"
MATCH_POST = "military_post"
_HAN_ANY = re.compile(r"[\u4e00-\u9fff]")

# Leading compass letters of US place names in printed directories.
_COMPASS = {"w": "West", "e": "East", "n": "North", "s": "South"}
_LEAD = re.compile(r"^\s*([WENSwens])\s*\.\s*(?=\S)|^\s*([WENS])\s+(?=[A-Z][a-z])")
_LEAD_WORD = re.compile(r"^\s*(Ft|Mt|Pt|St)\s*\.?\s+(?=\S)", re.IGNORECASE)
_LEAD_WORDS = {"ft": "Fort", "mt": "Mount", "pt": "Port", "st": "Saint"}
# Comma parts that are an address, not a place.
_ADDRESS = re.compile(
    r"^(?:(?:suite|ste|rm|room|apt|apartment|office|floor|fl|bldg|building|dept|box|"
    r"p\.?\s*o\.?\s*box)\.?\s*#?\s*[\w-]+"
    r"|#?\d+[a-z]?(?:\s+\S+)*?\s+(?:st|street|ave|avenue|blvd|boulevard|rd|road|dr|drive|"
    r"pl|place|ct|court|lane|ln|way|hall|sq|square)\.?"
    r"|\d+(?:st|nd|rd|th)\s+(?:st|street|ave|avenue)\.?"
    r"|\d{5}(?:-\d{4})?|\d+)$",
    re.IGNORECASE,
)
_POSTAL_ZONE = re.compile(r"(?<=[A-Za-z.])\s+\d{1,2}$")
_COUNTY = re.compile(r"^(.+?)\s+(?:County|Co\.|Parish)$", re.IGNORECASE)
COUNTY_SEATS_FILE = "county_seats.csv"
COUNTY_TOWNS_FILE = "county_towns.csv"
MATCH_COUNTY_TOWN = "county_town"


@lru_cache(maxsize=1)
def _readings() -> dict[str, str]:
    """Character -> toneless pinyin, for the characters of place names."""
    path = GAZETTEER_DIR / "place_readings.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as f:
        return {r["char"]: r["reading"] for r in csv.DictReader(f)}


@lru_cache(maxsize=1)
def county_seats() -> dict[tuple[str, str], str]:
    """(normalised county, country or state key) -> its seat's name."""
    path = GAZETTEER_DIR / COUNTY_SEATS_FILE
    if not path.is_file():
        return {}
    out = {}
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out[(normalise_name(r["county"]), r["state"].casefold() or r["country"])] = r["seat"]
    return out


@lru_cache(maxsize=1)
def county_towns() -> dict[tuple[str, str], tuple[str, str]]:
    """(normalised US county, state key) -> (town, its city_id): the town at the centre
    of the county's people (``county_towns.csv``, from the Census's centers of population)."""
    path = GAZETTEER_DIR / COUNTY_TOWNS_FILE
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as f:
        return {
            (normalise_name(r["county"]), r["state"].casefold()): (r["town"], r["city_id"])
            for r in csv.DictReader(f)
        }


@lru_cache(maxsize=1)
def military_posts() -> dict[tuple[str, str], str]:
    """(normalised post, state key) -> the town it lay by (Camp Crowder -> Neosho)."""
    path = GAZETTEER_DIR / "military_posts.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as f:
        return {
            (normalise_name(r["post"]), r["state"].casefold()): r["town"] for r in csv.DictReader(f)
        }


def damerau(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance of a and b (``limit + 1`` once it exceeds)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _deletes(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def max_distance(key: str) -> int:
    """Edits allowed for a Latin key: none under 4 letters, 1 up to 8, 2 beyond."""
    if len(key) < 4:
        return 0
    return 1 if len(key) <= 8 else 2


class Tolerant:
    """The fallbacks of one gazetteer (its indexes are built on first need)."""

    def __init__(self, gaz) -> None:
        self.gaz = gaz
        self._stems: dict | None = None
        self._provinces: dict | None = None
        self._scopes: dict = {}
        self._han_names: dict | None = None
        self._postal_index: dict | None = None

    # ------------------------------------------------------------------ helpers

    def _known(self, city_id: str) -> bool:
        return city_id in self.gaz._pos_dict()

    def _result(self, city_id, match, flags, candidates=1):
        return (city_id, match, False, candidates, None, None, ";".join(flags))

    def _most_specific(self, ids: list[str]) -> list[str]:
        """Ids without those that are the prefecture of another one (a county whose
        code passed through its prefecture's: 陆丰县 -> 汕尾 and 陆丰)."""
        if len(ids) < 2:
            return ids
        pos, pref = self.gaz._pos_dict(), self.gaz.index.prefecture_id
        holders = {pref[pos[i]] for i in ids if pref[pos[i]] != i}
        return [i for i in ids if i not in holders]

    def _province_of(self, city_id: str):
        for gz in (self.gaz, self.gaz._small_gaz):
            if gz is not None:
                p = gz._pos_dict().get(city_id)
                if p is not None:
                    return gz.index.province[p]
        return None

    def _place_info(self, city_id: str) -> tuple:
        """(level, country) of a resolved place, of this gazetteer or its small one."""
        for gz in (self.gaz, self.gaz._small_gaz):
            if gz is None:
                continue
            p = gz._pos_dict().get(city_id)
            if p is not None:
                return gz.cities["level"].iat[p], gz.index.country[p]
        return None, None

    def _stem_index(self) -> dict:
        if self._stems is None:
            df = self.gaz.cities
            cn = df[df["country"] == "CN"]
            self._stems = hc.stem_index(
                cn["name_zh"], cn["city_id"], cn["province_id"], cn["level"], cn["aliases"]
            )
        return self._stems

    def province_place(self, pid: str) -> str | None:
        """The id of the province place ``pid`` (its row added to the gazetteer)."""
        if self._provinces is None:
            rows = province_rows(self.gaz.cities)
            self._provinces = {c: rows.iloc[[i]] for i, c in enumerate(rows["city_id"])}
        row = self._provinces.get(pid)
        if row is None:
            return None
        # a one-row frame keeps each column's type (a row Series turned back into a
        # frame is all objects, and lon/lat would then be written as text)
        self.gaz.adopt_rows(row)
        return pid

    # ------------------------------------------------------------------ entry

    def resolve(self, name, core, country, prov, given_prov, home, accept_conflicts):
        """A result tuple for a name the gazetteer did not place, or None."""
        got = self._province_only(name, country, prov, home)
        if got is not None:
            return got
        if _HAN_ANY.search(core):
            return self._han(name, core, country, prov, given_prov, home, accept_conflicts)
        return self._latin(name, core, country, prov, given_prov, home, accept_conflicts)

    def _province_only(self, name, country, prov, home):
        if country not in (None, "CN") or (country is None and home not in (None, "CN")):
            return None
        pid = province_of_name(standard_form(name).strip())
        cn_prov = {k for k in prov if k.startswith("CN")}
        if pid and (not cn_prov or pid in cn_prov):
            cid = self.province_place(pid)
            if cid:
                return self._result(cid, MATCH_PROVINCE, ["province", FLAG_PROVINCE_ONLY])
        return None

    def override(self, name, res, level, place_country, country, prov, home, place_prov=None):
        """A better reading of a Chinese name the gazetteer placed only weakly: a
        province written alone that matched a foreign place (雲南 is Yunnan, not Unnan
        in Japan), or a gone county whose name is only an alias of a municipality's
        former town (龍溪 the county, today 龙海). None keeps ``res``."""
        han = bool(_HAN_ANY.search(name))
        if han and not country and home == "CN" and place_country != "CN":
            got = self._province_only(name, country, prov, home)
            if got is not None:
                return got
        cn_prov = frozenset(k for k in prov if k.startswith("CN"))
        if cn_prov and place_prov not in cn_prov and country in (None, "CN"):
            # the name gives a province and the place lies outside it: a gone county
            # of that province is the better reading ("Linhsien, Honan": 林县, 林州)
            lookup = hc.from_table(standard_form(name), cn_prov)[0] if han else []
            lookup = lookup or hc.from_latin(name, cn_prov)
            ids = self._most_specific([i for i in lookup if self._known(i)])
            if len(ids) == 1:
                return self._result(ids[0], hc.MATCH_HISTORIC_TABLE, ["historic", "province"])
        if not han:
            return None
        if res[1] == "alias" and level in ("prefecture", "place") and country in (None, "CN"):
            cn_prov = frozenset(k for k in prov if k.startswith("CN"))
            ids = self._most_specific(
                [i for i in hc.from_table(name, cn_prov)[0] if self._known(i)]
            )
            if len(ids) == 1 and ids[0] != res[0]:
                return self._result(ids[0], hc.MATCH_HISTORIC_TABLE, ["historic"])
        return None

    def _retry(self, name, country, prov, home, accept_conflicts):
        return self.gaz._resolve_one(
            name, country, False, home, prov, accept_conflicts, tolerant=False
        )

    # ------------------------------------------------------------------ Chinese

    def _han(self, name, core, country, prov, given_prov, home, accept_conflicts):
        if country not in (None, "CN") or (country is None and home not in (None, "CN")):
            return None
        cn_prov = frozenset(k for k in prov if k.startswith("CN"))
        std = standard_form(name)
        if std != name:
            got = self._retry(std, country, given_prov, home, accept_conflicts)
            if got[0] is not None:
                level, place_country = self._place_info(got[0])
                better = self.override(
                    standard_form(core), got, level, place_country, country, prov, home
                )
                return better or got[:1] + (MATCH_VARIANT,) + got[2:]
        std_core = standard_form(core)
        ids, _rows = hc.from_table(std_core, cn_prov)
        ids = self._most_specific([i for i in ids if self._known(i)])
        if len(ids) == 1:
            return self._result(ids[0], hc.MATCH_HISTORIC_TABLE, ["historic"])
        if not ids:
            units = [
                i for i in hc.stem_units(std_core, cn_prov, self._stem_index()) if self._known(i)
            ]
            if len(units) == 1:
                return self._result(units[0], hc.MATCH_HISTORIC_STEM, ["historic"])
        return None

    def han_suggestions(self, core: str, prov: frozenset = frozenset()) -> list[str]:
        """Labels of the places whose Chinese name differs from ``core`` by one
        character of the same reading (大浦 -> 大埔县), for the review step.

        Only suggested, never accepted: measured on the stems of retired counties, nine
        such guesses in ten were another real place (沔阳 is not 绵阳, 安西 not 安溪): an
        unknown Chinese name is far likelier a place gone from the tables than a slip."""
        if not _HAN_ANY.search(core):
            return []
        ix = self.gaz.index
        pos = self.gaz._pos_dict()
        return [ix.label[pos[c]] for c in self._homophones(standard_form(core), prov) if c in pos]

    def _homophones(self, core: str, prov: frozenset) -> list[str]:
        readings = _readings()
        if len(core) < 2 or not readings:
            return []
        names = self._han_index()
        found = set()
        for i, ch in enumerate(core):
            r = readings.get(ch)
            if r is None:
                continue
            pattern = core[:i] + "?" + core[i + 1 :]
            for other, cid, pid in names.get(pattern, ()):
                if other != ch and readings.get(other) == r and (not prov or pid in prov):
                    found.add(cid)
        return sorted(found)

    def _han_index(self) -> dict:
        """Name with one character masked -> [(that character, city_id, province_id)]
        for the Chinese prefectures and counties (names with and without suffix)."""
        if self._han_names is None:
            df = self.gaz.cities
            cn = df[(df["country"] == "CN") & df["level"].isin(["prefecture", "county"])]
            out: dict = {}
            for nm, cid, pid in zip(cn["name_zh"], cn["city_id"], cn["province_id"]):
                if not isinstance(nm, str):
                    continue
                forms = {nm}
                stem = re.sub(r"(?:自治县|县|区|旗)$", "", nm)
                if len(stem) >= 2:
                    forms.add(stem)
                for form in forms:
                    for i, ch in enumerate(form):
                        out.setdefault(form[:i] + "?" + form[i + 1 :], []).append((ch, cid, pid))
            self._han_names = out
        return self._han_names

    # ------------------------------------------------------------------ Latin

    def _latin(self, name, core, country, prov, given_prov, home, accept_conflicts):
        # the name as written before a leading province was split off ("La Plume, PA"
        # is no place Plume in Louisiana): guesses start from what the row wrote
        core = self.gaz._split_tail(name, country, frozenset())[0]
        fixed = rewrite_latin(name)
        if fixed and fixed != name:
            got = self._retry(fixed, country, given_prov, home, accept_conflicts)
            if got[0] is not None:
                flags = [f for f in got[6].split(";") if f] + [FLAG_TOLERANT]
                return got[:1] + (MATCH_ABBREVIATION,) + got[2:6] + (";".join(flags),)
        if country == "CN" or (country is None and home == "CN"):
            cn_prov = frozenset(k for k in prov if k.startswith("CN"))
            ids = self._most_specific([i for i in hc.from_latin(core, cn_prov) if self._known(i)])
            if len(ids) == 1:  # Tinghsien, Hopei: 定县, today 定州
                return self._result(ids[0], hc.MATCH_HISTORIC_TABLE, ["historic"])
            got = self._postal(core, cn_prov)
            if got is not None:
                return got
        seat = self._county_seat(core, country, prov)
        if seat and seat[1] == MATCH_COUNTY_TOWN:
            small = seat[0] not in self.gaz._pos_dict()
            return self._result(
                seat[0], MATCH_COUNTY_TOWN, [FLAG_SMALL_PLACE] * small + [FLAG_TOLERANT]
            )
        if seat:
            got = self._retry(seat[0], country, prov, home, accept_conflicts)
            if got[0] is not None and prov and self._province_of(got[0]) not in prov:
                got = (None,)  # the seat must lie in the county's own state
            if got[0] is not None:
                flags = [f for f in got[6].split(";") if f] + [FLAG_TOLERANT]
                return got[:1] + (seat[1],) + got[2:6] + (";".join(flags),)
        return self._latin_fuzzy(rewrite_latin(core) or core, country, prov, home, accept_conflicts)

    def _postal(self, core: str, cn_prov: frozenset):
        """A postal-era romanisation (Punyu, Tzeki; Kiangyin spelled from 江阴)."""
        key = postal.postal_key(core)
        spelled, cantonese = self._postal_spelled()
        tables = [(postal.listed(), postal.MATCH_POSTAL, ["historic"])]
        # spelled: inside a province, or a Cantonese spelling anywhere (measured: see
        # core.places.postal)
        if len(key) >= postal.MIN_SPELLED_LETTERS and (cn_prov or key in cantonese):
            tables.append((spelled, postal.MATCH_POSTAL_SPELLING, ["historic", FLAG_TOLERANT]))
        for table, match, flags in tables:
            ids = [i for i in table.get(key, ()) if self._known(i)]
            if cn_prov:
                ids = [i for i in ids if self._province_of(i) in cn_prov]
            ids = self._most_specific(ids)
            if len(ids) == 1:
                return self._result(ids[0], match, flags)
            if ids:
                return None  # two places so written: no guess
        return None

    def _postal_spelled(self) -> tuple[dict, frozenset]:
        if self._postal_index is None:
            df = self.gaz.cities
            cn = df[(df["country"] == "CN") & df["level"].isin(["prefecture", "county"])]
            south = cn["name_zh_hant"].where(cn["province_id"].isin(postal.CANTONESE_PROVINCES))
            self._postal_index = postal.spelled_index(
                cn["name_zh"], cn["city_id"], _readings(), south.tolist()
            )
        return self._postal_index

    def _county_seat(self, core: str, country, prov) -> tuple[str, str] | None:
        """(seat, match) for "Santa Clara County" (with its state) or "Oxfordshire",
        (town, match) for a listed military post (Camp Crowder, Mo.), and (the town's
        city_id, ``county_town``) for any other US county with its state."""
        text = core.strip()
        for p in sorted(prov):
            town = military_posts().get((normalise_name(text), p))
            if town:
                return town, MATCH_POST
        m = _COUNTY.match(text)
        seats = county_seats()
        if m:
            key = normalise_name(m.group(1))
            # Never the place of the county's own name: it lies in another county one
            # time in five (measured); the listed seat, else the town at its centre.
            for p in sorted(prov):
                if (key, p) in seats:
                    return seats[(key, p)], MATCH_COUNTY_SEAT
            for p in sorted(prov):
                town = county_towns().get((key, p))
                if town:
                    return town[1], MATCH_COUNTY_TOWN  # an id: no second lookup by name
            return None
        if country in (None, "GB"):
            hit = seats.get((normalise_name(text), "GB"))
            if hit:
                return hit, MATCH_COUNTY_SEAT
        return None

    def _scope(self, country, prov):
        """Fuzzy indexes of the places of one country or state: for each of the two
        key forms (letters only; the matching key, without "City"), deletes -> keys,
        and key -> (gazetteer, position) of the most populous place of that key."""
        skey = (country, prov)
        got = self._scopes.get(skey)
        if got is not None:
            return got
        forms: tuple[dict, dict] = ({}, {})
        for gz in (self.gaz, self.gaz._small()):
            if gz is None:
                continue
            ix = gz.index
            names = gz.cities["name"].to_numpy(dtype=object)[: len(ix.country)]
            ok = np.ones(len(names), dtype=bool)
            if country:
                ok &= ix.country == country
            if prov:
                ok &= np.isin(ix.province, list(prov))
            for p in np.flatnonzero(ok):
                nm = names[p]
                if isinstance(nm, str):
                    for table, key in zip(
                        forms, (raw_key(nm), normalise_name(nm).replace(" ", ""))
                    ):
                        old = table.get(key)
                        if old is None or old[0].index.population[old[1]] < ix.population[p]:
                            table[key] = (gz, int(p))
        out = []
        for keys in forms:
            index: dict[str, list[str]] = {}
            for k in keys:
                if len(k) >= 4:
                    for d in _deletes(k):
                        index.setdefault(d, []).append(k)
            out.append((index, keys))
        self._scopes[skey] = out
        return out

    def _latin_fuzzy(self, core, country, prov, home, accept_conflicts):
        if not country and not prov:
            return None  # no scope: a guess anywhere in the world is too wide
        scopes = self._scope(country, prov)
        # A whole country is a wide field: there only one edit that print or OCR makes
        # (a letter of like shape, one left out, added or swapped), to a city of
        # 50,000 (measured on Nobel laureates' places: Lochfield is no Lichfield, Ikata
        # no Iwata); a state lets a smaller town and a second edit be guessed.
        wide = not prov
        for (index, keys), q in zip(scopes, (raw_key(core), normalise_name(core).replace(" ", ""))):
            limit = min(max_distance(q), 1) if wide else max_distance(q)
            if not limit:
                continue
            cands = {k for d in _deletes(q) for k in index.get(d, ())}
            scored = sorted((damerau(q, k, limit), k) for k in cands)
            scored = [
                (d, k)
                for d, k in scored
                if d <= limit and _plausible_slip(q, k) and (not wide or _like_shapes(q, k))
            ]
            if not scored:
                continue
            if len(scored) > 1 and scored[1][0] == scored[0][0]:
                return None  # two places equally near: no guess
            dist, key = scored[0]
            gz, pos = keys[key]
            floor = FUZZY_MIN_POPULATION_COUNTRY if wide else FUZZY_MIN_POPULATION
            if dist and gz.index.population[pos] < floor:
                return None
            flags = [FLAG_SMALL_PLACE] if gz is not self.gaz else []
            if dist == 0:
                # the name itself, in the row's state, once a misread prefix is set aside
                match, flags = MATCH_NORMALISED, flags + [FLAG_TOLERANT]
            else:
                match, flags = f"{MATCH_FUZZY}:{dist}", flags + [FLAG_FUZZY]
            return (gz.index.city_id[pos], match, False, 1, None, None, ";".join(flags))
        return None


# Letters print and OCR confuse (lower case, as the keys are).
_LIKE_SHAPES = frozenset(
    frozenset(p)
    for p in ("ao", "ae", "oe", "ce", "co", "ac", "il", "it", "lt", "ij", "nu", "nh", "hb",
              "gq", "vy", "uv", "rn", "mn", "cg", "fl", "ft", "1l", "1i", "0o", "5s")
)  # fmt: skip


def _like_shapes(query: str, key: str) -> bool:
    """True unless the one edit from ``query`` to ``key`` replaces a letter with one
    of another shape (Ithoca -> Ithaca and lowa -> iowa are slips; Ikata -> Iwata not)."""
    if len(query) != len(key):
        return True  # a letter left out or added
    diff = [(a, b) for a, b in zip(query, key) if a != b]
    if len(diff) == 2 and diff[0] == diff[1][::-1]:
        return True  # two letters swapped
    return len(diff) == 1 and frozenset(diff[0]) in _LIKE_SHAPES


def _plausible_slip(query: str, key: str) -> bool:
    """A changed first letter only in a longer name (lowa City, Asltimore): in a short
    one it is more often another town (Aston is not Easton)."""
    return query[:1] == key[:1] or len(query) >= 6


def raw_key(name: str) -> str:
    """Letters and digits of a name, folded: "Iowa City" -> "iowacity" (the matching
    key drops "City", which leaves too short a name to compare)."""
    s = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in s if ch.isalnum() and not unicodedata.combining(ch)).casefold()


def rewrite_latin(name: str) -> str | None:
    """A directory's abbreviations written out and address parts dropped ("W.
    Lafayette" -> "West Lafayette"; "Suite 1918, 4th St., Chicago, Ill." -> "Chicago,
    Ill."), or None when nothing changes."""
    parts = [p.strip() for p in name.split(",")]
    # "Cambridge 38, Mass.": a 1943-63 postal zone number after the city
    kept = [_POSTAL_ZONE.sub("", p) for p in parts if p and not _ADDRESS.match(p)]
    if not kept:
        return None
    first = kept[0]
    m = _LEAD.match(first)
    if m:
        first = _COMPASS[(m.group(1) or m.group(2)).lower()] + " " + first[m.end() :]
    else:
        m = _LEAD_WORD.match(first)
        if m:
            first = _LEAD_WORDS[m.group(1).lower()] + " " + first[m.end() :]
    out = ", ".join([first, *kept[1:]])
    return out if out != name else None
