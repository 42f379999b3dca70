"""Organisations without a city: find the city from the organisation.

CVs and archives often give "Harvard University" or "南京大学" and leave the city
empty. A row with an organisation and no city (blank or a missing marker) takes, in
this order:

1. the city that other rows of the same table give for the same organisation
   (compared by a normalised name: case, accents, punctuation and a leading "The"
   ignored), when at least two thirds of those rows agree on it: an organisation
   with sites in many cities (HHMI, CNRS, Max Planck Society, 中国科学院) gives no
   city this way;
2. the city of the organisation in the user's ORG_GAZETTEER table (organisation,
   city, country) -- the user's own knowledge comes before a guess from the name;
   then the bundled organisation gazetteer (``core/places/org_gazetteer.py``: 斯坦福大学,
   "MIT", 浙江大学), in the row's country when the row gives one;
3. a place named in the organisation's name, found with the gazetteer's own names:
   "University of Chicago", "Università di Bologna", "University of California,
   Berkeley", "南京大学", "中国科学院上海有机化学研究所". Generic words
   (university, institute, of, di, ...) are skipped; a name that is a country or a
   province/state ("University of Washington", "浙江大学") is not taken for a city
   unless it is also a city of a million people (北京, "New York"); and the place
   must have at least MIN_POPULATION inhabitants or an administrative rank, so
   "Harvard University" does not become the village of Harvard. A Latin name counts
   as the place only where the organisation's name puts a place: after "of", "at",
   "in", "di", "de"... or a non-English kind word ("Universität Wien"), or alone
   after a comma ("..., Mainz"); anywhere else (before the kind word, beside other
   names) it must be a city of a million people or a ranked Chinese city ("Houston
   Methodist Hospital", "Kyoto Sangyo University", "Wenzhou Medical University"), since
   there it is more often a person's name (Howard University, Van Andel Institute: not
   Van in Turkey, a city of 525,000; Clark University). Chinese names are
   read from the start (after 中国科学院, 国立, a province...), not from any
   position, so 清华大学 does not match a county by chance.

The row keeps its organisation; its city cell gets the name found (and its country
when the source gives one) and it is flagged ``from_org``.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from ..errors import BackflowInputError
from ..messages import M
from ..vectorise import map_unique, strip_text
from .countries import Countries
from .gazetteer import Gazetteer
from .names import normalise_name
from .org_gazetteer import GENERIC_WORDS, places_of_orgs

FLAG_FROM_ORG = "from_org"
MIN_POPULATION = 10_000
BIG_CITY = 1_000_000
ORG_TABLE_ACCEPTED = M("error.orgs.accepted")

_ORG_HEADERS = {
    "org": ("organisation", "organization", "org", "institution", "name", "单位", "機構", "机构"),
    "city": ("city", "place", "城市", "地点"),
    "country": ("country", "country code", "国家", "國家"),
}

# Words after which a Latin organisation name puts its place ("University of Ulm",
# "Politecnico di Milano", "Universität Wien"); normalised forms.
_PLACE_FOLLOWS = frozenset(
    """
    of at in di de du des del della dello degli delle da do universitat universite
    universita universidad universidade universiteit universitet uniwersytet institut
    istituto instituto politecnico hochschule
    """.split()
)
# Leading parts of Chinese names that come before the place.
_HAN_PREFIXES = (
    "中国科学院",
    "中國科學院",
    "中科院",
    "中国",
    "中國",
    "国立",
    "國立",
    "省立",
    "市立",
    "私立",
)
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_SEGMENTS = re.compile(r"[,;()（）、，/|]+|\s[-–—]\s")


def org_key(value: object) -> str:
    """An organisation's comparison key ("" for none)."""
    key = normalise_name(value)
    if key.startswith("the "):
        key = key[4:]
    return key


def _column(frame: pd.DataFrame, role: str) -> str | None:
    keys = {unicodedata.normalize("NFKC", str(c)).strip().casefold(): c for c in frame.columns}
    return next((keys[k] for k in _ORG_HEADERS[role] if k in keys), None)


def org_table_from_frame(frame: pd.DataFrame, label: str = "ORG_GAZETTEER") -> pd.DataFrame:
    """The user's organisation table -> (key, city, country), one row per organisation."""
    org_col, city_col = _column(frame, "org"), _column(frame, "city")
    if org_col is None or city_col is None:
        raise BackflowInputError(
            M("error.orgs.columns"),
            file=label,
            column=", ".join(map(str, frame.columns)),
            accepted=ORG_TABLE_ACCEPTED,
        )
    country_col = _column(frame, "country")
    out = pd.DataFrame(
        {
            "org": strip_text(frame[org_col]).to_numpy(),
            "city": strip_text(frame[city_col]).to_numpy(),
            "country": strip_text(frame[country_col]).to_numpy() if country_col else "",
        }
    )
    out["row"] = np.arange(1, len(out) + 1)
    no_city = out["org"].ne("") & out["city"].eq("")
    if no_city.any():
        first = out[no_city].iloc[0]
        raise BackflowInputError(
            M("error.orgs.no_city"),
            file=label,
            column=city_col,
            row=int(first["row"]),
            value=first["org"],
            accepted=ORG_TABLE_ACCEPTED,
        )
    out["key"] = out["org"].map(org_key)
    return out[out["key"].ne("")].drop_duplicates("key")[["key", "city", "country"]]


class PlaceInName:
    """Finds a place named in an organisation's name, with the gazetteer's names.

    Only the gazetteer's public ``resolve`` and ``cities`` are used. Candidate names are
    looked up in batches: ``find_many`` runs the rules, collects the names they ask
    about, resolves them in one call, and runs again until every answer is known.
    """

    def __init__(self, gazetteer: Gazetteer, countries: Countries | None = None) -> None:
        self.gazetteer = gazetteer
        self.countries = countries or gazetteer.countries or Countries.bundled()
        cities = gazetteer.cities
        provinces = set()
        for col in ("province", "province_zh"):
            if col not in cities.columns:
                continue
            for v in cities[col].dropna().astype(str).unique():
                provinces.add(normalise_name(v))
                for suffix in ("省", "市", "自治区", "特别行政区"):
                    if v.endswith(suffix) and len(v) > len(suffix) + 1:
                        provinces.add(normalise_name(v[: -len(suffix)]))
        provinces.discard("")
        self.provinces = provinces
        self.han_provinces = sorted(
            (p for p in provinces if _HAN.fullmatch(p)), key=len, reverse=True
        )
        self._places: dict[tuple[str, str | None], tuple[str, int] | None] = {}
        self._pending: set[tuple[str, str | None]] = set()
        self._found: dict[tuple[str, str | None], tuple[str, str] | None] = {}

    # -------------------------------------------------------------- lookups

    def _place(self, name: str, country: str | None) -> tuple[str, int] | None:
        """(city_id, population) of the place of that name, or None (also while the
        name waits for its batch lookup)."""
        key = (name, country)
        if key in self._places:
            return self._places[key]
        self._pending.add(key)
        return None

    def _lookup(self, keys: set[tuple[str, str | None]]) -> None:
        """Resolve names in one call. A place counts when it has MIN_POPULATION people
        or an administrative rank, and the name is not shared by places of similar size
        ("Princeton", "Columbia": the resolver's ``ambiguous``)."""
        keys = sorted(keys, key=lambda k: (k[0], k[1] or ""))
        names = pd.Series([k[0] for k in keys], dtype=object)
        given = pd.Series([k[1] or "" for k in keys], dtype=object)
        res = self.gazetteer.resolve(names, given, None, suggest=False)
        cities = self._cities()
        for key, city_id, ambiguous in zip(keys, res["city_id"], res["ambiguous"]):
            answer = None
            if city_id is not None and not ambiguous and city_id in cities.index:
                row = cities.loc[city_id]
                pop = int(pd.to_numeric(row.get("population"), errors="coerce") or 0)
                ranked = isinstance(row.get("admin_rank"), str) and row["admin_rank"] != ""
                if pop >= MIN_POPULATION or ranked:
                    answer = (str(city_id), pop)
            self._places[key] = answer

    def _cities(self) -> pd.DataFrame:
        """The gazetteer's places by id, indexed once (again when places were added)."""
        cities = self.gazetteer.cities
        if getattr(self, "_by_id_of", None) is not cities:
            self._by_id, self._by_id_of = cities.set_index("city_id"), cities
        return self._by_id

    def _is_region(self, name: str) -> bool:
        key = normalise_name(name)
        return key in self.provinces or self.countries.lookup(name) is not None

    def _city_region(self, city_id: str) -> bool:
        """A region's name may stand for this place: a Chinese municipality (北京,
        上海), or a city of a million people abroad ("New York"); not 吉林 or 浙江."""
        row = self._cities().loc[city_id]
        if row["country"] == "CN":
            return row.get("admin_rank") == "municipality"
        return int(pd.to_numeric(row.get("population"), errors="coerce") or 0) >= BIG_CITY

    def _answer(self, city_id: str) -> tuple[str, str]:
        row = self._cities().loc[city_id]
        return str(row["name"]), str(row["country"] or "")

    # -------------------------------------------------------------- finding

    def find(self, org: str, country: str | None = None) -> tuple[str, str] | None:
        """(place name, country) named in ``org``, or None."""
        return self.find_many([(org, country)])[(org, country)]

    def find_many(
        self, pairs: list[tuple[str, str | None]]
    ) -> dict[tuple[str, str | None], tuple[str, str] | None]:
        todo = [p for p in dict.fromkeys(pairs) if p not in self._found]
        for _round in range(8):
            self._pending = set()
            answers = {p: self._find_han(*p) or self._find_latin(*p) for p in todo}
            if not self._pending:
                break
            self._lookup(self._pending)
        self._found.update(answers if todo else {})
        return {p: self._found[p] for p in pairs}

    def _find_han(self, org: str, country: str | None) -> tuple[str, str] | None:
        for run in _HAN.findall(org):
            text = run
            changed = True
            while changed:  # 中国科学院 / 江苏省 / 国立 ... before the place
                changed = False
                for prefix in _HAN_PREFIXES:
                    if text.startswith(prefix) and len(text) > len(prefix) + 1:
                        text, changed = text[len(prefix) :], True
                for prov in self.han_provinces:
                    if not text.startswith(prov) or len(text) <= len(prov) + 1:
                        continue
                    if self._big_place(prov, country):
                        break  # 北京, 上海...: the province is the city
                    rest = text[len(prov) :]
                    rest = rest[1:] if rest[:1] in ("省", "市") else rest
                    if len(rest) > 1:
                        text, changed = rest, True
                    break
            for n in (4, 3, 2):
                if len(text) < n:
                    continue
                for cand in (text[:n] + "市", text[:n]):
                    if len(text) <= n and not cand.endswith("市"):
                        continue  # the whole name is no place name plus a kind
                    hit = self._place(cand, country)
                    if hit is None:
                        continue
                    if self._is_region(text[:n]) and not self._city_region(hit[0]):
                        continue
                    return self._answer(hit[0])
        return None

    def _leading(self, city_id: str) -> bool:
        """A place that may lead an organisation's name: a city of a million people,
        or a Chinese city with an administrative rank."""
        row = self._cities().loc[city_id]
        if row["country"] == "CN":
            return isinstance(row.get("admin_rank"), str) and row["admin_rank"] != ""
        return int(pd.to_numeric(row.get("population"), errors="coerce") or 0) >= BIG_CITY

    def _big_place(self, name: str, country: str | None) -> bool:
        hit = self._place(name, country)
        return hit is not None and self._city_region(hit[0])

    def _find_latin(self, org: str, country: str | None) -> tuple[str, str] | None:
        found: list[tuple[int, int, str]] = []  # (words, population, city_id)
        for number, segment in enumerate(_SEGMENTS.split(org)):
            # words as written (the gazetteer's exact names are case-sensitive),
            # generic words found by their normalised form
            words = [w.strip(".'’\"") for w in segment.split()]
            runs, run = [], []  # (words, whether the name puts a place there)
            before = ""  # the generic word before the run
            for w in words:
                key = normalise_name(w)
                if not key or key in GENERIC_WORDS or key.isdigit() or _HAN.search(w):
                    if run:
                        runs.append((run, before in _PLACE_FOLLOWS))
                    run, before = [], key
                else:
                    run.append(w)
            if run:
                # a segment after a comma that is all names: "..., Mainz"
                alone = number > 0 and len(run) == len(words)
                runs.append((run, before in _PLACE_FOLLOWS or alone))
            for run, placed in runs:
                used = [False] * len(run)
                for n in range(min(4, len(run)), 0, -1):
                    for i in range(len(run) - n + 1):
                        if any(used[i : i + n]):
                            continue
                        cand = " ".join(run[i : i + n])
                        if len(cand) < 3:
                            continue
                        hit = self._place(cand, country)
                        region = self._is_region(cand)
                        if region and (hit is None or not self._city_region(hit[0])):
                            used[i : i + n] = [True] * n  # "New York" state: not "York"
                            continue
                        if hit is not None and not (placed and i == 0 or self._leading(hit[0])):
                            continue  # Howard University, Van Andel Institute
                        if hit is not None:
                            used[i : i + n] = [True] * n
                            found.append((n, hit[1], hit[0]))
        if not found:
            return None
        found.sort(key=lambda t: (t[0], t[1]), reverse=True)
        return self._answer(found[0][2])


def fill_from_orgs(
    city: pd.Series,
    country: pd.Series,
    org: pd.Series,
    missing: pd.Series,
    gazetteer: Gazetteer,
    org_table: pd.DataFrame | None = None,
    countries: Countries | None = None,
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(city, country, hit): rows ``missing`` a city with an org get one from the org.

    ``org_table``: the output of ``org_table_from_frame`` (or None).
    """
    org_text = strip_text(org)
    need = missing & org_text.ne("")
    hit = pd.Series(False, index=city.index)
    if not need.any():
        return city, country, hit
    countries = countries or gazetteer.countries or Countries.bundled()
    okey = map_unique(org_text, org_key, na_value="")
    city, country = city.copy(), country.copy()

    # 1. the city other rows give for this organisation (a clear majority of them)
    known = ~missing & okey.ne("")
    if known.any():
        pairs = pd.DataFrame(
            {"key": okey[known], "city": city[known], "country": strip_text(country[known])}
        )
        counts = pairs.groupby(["key", "city", "country"], sort=False).size().reset_index(name="n")
        counts["of"] = counts.groupby("key")["n"].transform("sum")
        top = (
            counts[3 * counts["n"] >= 2 * counts["of"]]
            .sort_values("n", ascending=False, kind="stable")
            .drop_duplicates("key")
            .set_index("key")
        )
        _take(need & ~hit, okey, top, city, country, hit)

    # 2. the user's organisation table
    if org_table is not None and len(org_table):
        _take(need & ~hit, okey, org_table.set_index("key"), city, country, hit)

    # 2b. the bundled organisation gazetteer (core/places/org_gazetteer.py), the organisation's
    # own country only
    rest = need & ~hit
    if rest.any():
        found = places_of_orgs(org_text[rest], countries)
        given = countries.to_iso2(strip_text(country[rest]).replace("", None)).fillna("")
        ok = found["place"].ne("") & (given.eq("") | given.eq(found["country"]))
        if ok.any():  # a place the gazetteer in use knows (a user's may lack it)
            asked = pd.concat(
                [
                    found[["place", "country"]],
                    found[["main", "country"]].set_axis(["place", "country"], axis=1),
                ]
            )[ok.tolist() * 2]
            places = asked.drop_duplicates()
            known = gazetteer.resolve(places["place"], places["country"], None, suggest=False)
            known = known["city_id"]
            known_pairs = set(map(tuple, places[known.notna().to_numpy()].to_numpy()))
            # a campus the gazetteer does not know gives way to the main campus
            pairs = pd.Series(list(zip(found["place"], found["country"])), index=found.index)
            mains = pd.Series(list(zip(found["main"], found["country"])), index=found.index)
            to_main = ~pairs.isin(known_pairs) & mains.isin(known_pairs)
            found.loc[to_main, "place"] = found.loc[to_main, "main"]
            pairs = pairs.where(~to_main, mains)
            ok &= pairs.isin(known_pairs)
        idx = found.index[ok.to_numpy()]
        if len(idx):
            city.loc[idx] = found.loc[idx, "place"].to_numpy()
            country.loc[idx] = np.where(
                given.loc[idx].eq(""), found.loc[idx, "country"], country.loc[idx].to_numpy()
            )
            hit.loc[idx] = True

    # 3. a place named in the organisation's name (once per distinct org and country)
    rest = need & ~hit
    if rest.any():
        finder = PlaceInName(gazetteer, countries)
        given = countries.to_iso2(strip_text(country[rest]).replace("", None))
        pairs = pd.DataFrame({"org": org_text[rest], "c": given.fillna("")})
        keys = [(o, c or None) for o, c in pairs.itertuples(index=False, name=None)]
        answers = finder.find_many(keys)
        found = [answers[k] for k in keys]
        ok = pd.Series([f is not None for f in found], index=pairs.index)
        idx = pairs.index[ok]
        if len(idx):
            city.loc[idx] = [f[0] for f, k in zip(found, ok) if k]
            chosen = [f[1] for f, k in zip(found, ok) if k]
            empty_country = strip_text(country.loc[idx]).eq("")
            country.loc[idx] = np.where(empty_country, chosen, country.loc[idx].to_numpy())
            hit.loc[idx] = True
    return city, country, hit


def _take(rows, okey, table, city, country, hit) -> None:
    """Rows whose org is in ``table`` (indexed by key) take its city/country, in place."""
    match = rows & okey.isin(table.index)
    if not match.any():
        return
    keys = okey[match]
    city.loc[match] = keys.map(table["city"]).to_numpy()
    new_country = keys.map(table["country"]).fillna("").astype(str)
    keep_given = strip_text(country[match]).ne("")
    country.loc[match] = np.where(keep_given, country[match].to_numpy(), new_country.to_numpy())
    hit.loc[match] = True
