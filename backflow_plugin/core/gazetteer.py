"""The gazetteer: city names -> places (pure Python + pandas, no QGIS).

Matching order for each distinct name:
1. ``exact``: the name equals a place's ``name``, ``name_zh`` or ``name_zh_hant``
   (case-sensitive, surrounding spaces ignored);
2. ``alias``: the name equals one of the place's ``aliases`` (pinyin with or without
   "Shi"/"City" and tones, Wade-Giles, Chinese with or without 市, other languages);
3. ``normalised``: ``names.normalise_name`` keys (case, diacritics, tone marks,
   punctuation, spaces, a trailing "shi"/"city"/市) of the name and of the historic
   forms ``names.name_candidates`` reads ("Lennep (now Remscheid)": Remscheid first).

Fuzzy matches (a trigram index re-ranked with difflib) are only *suggested* for names
that did not resolve; they are never accepted.

When several places share a name: the row's country restricts them (no place in that
country: unresolved, reason ``not in the given country``); else the home country's
places are preferred; then the most prominent wins: a Chinese city with an
administrative rank over an unranked town of the same name, else the highest
prominence score, log10(population) + 0.5 * log10(1 + number of known names) (GeoNames
records many more names for Pasadena, California than for Pasadena, Texas, though
their populations are alike). ``ambiguous`` is True when more than one place remained
and the runner-up is within a factor of ten on that score, i.e. a reader could doubt
the choice.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from ..paths import GAZETTEER_DIR
from .countries import Countries
from .errors import BackflowInputError
from .names import _TOKENS, _is_missing, name_candidates, normalise_name
from .vectorise import map_unique

CITY_COLUMNS = (
    "city_id",
    "name",
    "name_zh",
    "name_zh_hant",
    "country",
    "province",
    "province_zh",
    "admin_rank",
    "lon",
    "lat",
    "population",
    "aliases",
)
GREATER_CHINA = {"CN": ("HK", "MO", "TW")}
RESULT_COLUMNS = ("city_id", "match", "ambiguous", "candidates", "reason", "suggestions")

MATCH_EXACT = "exact"
MATCH_ALIAS = "alias"
MATCH_NORMALISED = "normalised"

REASON_EMPTY = "empty name"
REASON_UNKNOWN = "unknown city"
REASON_OTHER_COUNTRY = "not in the given country"
REASON_UNKNOWN_COUNTRY = "unknown country"
REASON_UNKNOWN_HOME = "unknown home country"


_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


# US states ("Cambridge, MA"): code -> name, as in the gazetteer's province column.
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


MAX_SUGGEST_LENGTH = 80  # longest name that gets fuzzy suggestions


def _compact(s: object) -> str:
    """``normalise_name`` without spaces ("Bei Jing" and "Beijing" meet)."""
    if isinstance(s, str):
        # Fast paths, same result as the general one: one plain ASCII word; Han only.
        if s.isascii() and s.isalpha():
            k = s.lower()
            if k not in _TOKENS:
                return k
        elif _HAN.match(s):
            return s[:-1] if len(s) > 2 and s.endswith("市") else s
    return normalise_name(s).replace(" ", "")


def _trigrams(key: str) -> set[str]:
    padded = f"  {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@dataclass
class _Index:
    exact: dict
    alias: dict
    norm: dict
    country: np.ndarray
    population: np.ndarray
    label: list
    ranked: np.ndarray  # has an administrative rank (Chinese cities)
    prominence: np.ndarray
    # fuzzy
    fz_keys: list
    fz_pos: np.ndarray  # best place for each key
    fz_len: np.ndarray
    fz_grams: dict


@dataclass
class Gazetteer:
    """Places with names, aliases, country and coordinates; ``city_id`` unique."""

    cities: pd.DataFrame
    countries: Countries | None = field(default=None, repr=False)
    _index: _Index | None = field(default=None, init=False, repr=False)
    _stage_cache: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        df = self.cities.copy()
        for col in CITY_COLUMNS:
            if col not in df.columns:
                df[col] = None
        df["city_id"] = df["city_id"].astype(str)
        if not df["city_id"].is_unique:
            dup = df.loc[df["city_id"].duplicated(), "city_id"].iloc[0]
            raise BackflowInputError(
                "The gazetteer's place ids are not unique",
                column="city_id",
                value=dup,
                accepted="one row per place id",
            )
        for col in ("lon", "lat"):
            df[col] = pd.to_numeric(df[col], errors="coerce")
        df["population"] = (
            pd.to_numeric(df["population"], errors="coerce").fillna(0).astype("int64")
        )
        text_cols = [c for c in CITY_COLUMNS if c not in ("lon", "lat", "population")]
        for col in text_cols:
            s = df[col].astype(object)
            df[col] = s.where(s.notna() & s.astype(str).str.strip().ne(""), None)
        self.cities = df.reset_index(drop=True)

    # ------------------------------------------------------------------ constructors

    @classmethod
    def bundled(cls) -> Gazetteer:
        """The gazetteer shipped in resources/gazetteer (read once per process)."""
        return _bundled_gazetteer()

    @classmethod
    def from_csv(cls, path) -> Gazetteer:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        return cls(df)

    @classmethod
    def from_frame(
        cls,
        df: pd.DataFrame,
        name_col: str = "name",
        country_col: str | None = None,
        lon_col: str = "lon",
        lat_col: str = "lat",
        id_col: str | None = None,
    ) -> Gazetteer:
        """A user gazetteer (e.g. a point layer's attributes and coordinates).

        Missing columns become None; ids are made ("U1", "U2", ...) when ``id_col`` is
        not given; countries may be codes or names (unknown ones become None). Columns
        named like the bundled ones (name_zh, province, admin_rank, population,
        aliases...) are carried over.
        """
        if name_col not in df.columns:
            raise BackflowInputError(
                "The gazetteer has no name column",
                column=name_col,
                accepted=", ".join(map(str, df.columns)),
            )
        n = len(df)
        out = pd.DataFrame(index=range(n))
        if id_col:
            out["city_id"] = df[id_col].astype(str).to_numpy()
        else:
            out["city_id"] = [f"U{i}" for i in range(1, n + 1)]
        out["name"] = df[name_col].astype(object).to_numpy()
        if country_col and country_col in df.columns:
            countries = Countries.bundled()
            iso = countries.to_iso2(df[country_col].astype(object).reset_index(drop=True))
            out["country"] = iso.to_numpy()
        out["lon"] = df[lon_col].to_numpy() if lon_col in df.columns else None
        out["lat"] = df[lat_col].to_numpy() if lat_col in df.columns else None
        for col in CITY_COLUMNS:
            if col not in out.columns and col in df.columns:
                out[col] = df[col].to_numpy()
        return cls(out)

    # ------------------------------------------------------------------ index

    @property
    def index(self) -> _Index:
        if self._index is None:
            self._index = self._build_index()
        return self._index

    def _build_index(self) -> _Index:
        df = self.cities
        n = len(df)
        pos = np.arange(n)
        parts = []
        for col in ("name", "name_zh", "name_zh_hant"):
            v = df[col]
            ok = v.notna()
            parts.append(
                pd.DataFrame(
                    {"pos": pos[ok.to_numpy()], "form": v[ok].astype(str).str.strip(), "kind": 0}
                )
            )
        al = df["aliases"].dropna().astype(str).str.split("|").explode()
        parts.append(
            pd.DataFrame({"pos": al.index.to_numpy(), "form": al.str.strip().to_numpy(), "kind": 1})
        )
        forms = pd.concat(parts, ignore_index=True)
        forms = forms[forms["form"].ne("")].drop_duplicates(["form", "pos", "kind"])
        uniq = pd.unique(forms["form"])
        key_of = dict(zip(uniq, (_compact(v) for v in uniq)))
        forms["key"] = forms["form"].map(key_of)

        def grouped(frame: pd.DataFrame, col: str) -> dict:
            frame = frame.drop_duplicates([col, "pos"])
            out: dict = {}
            for k, p in zip(frame[col].tolist(), frame["pos"].tolist()):
                lst = out.get(k)
                if lst is None:
                    out[k] = [p]
                else:
                    lst.append(p)
            return out

        exact = grouped(forms[forms["kind"].eq(0)], "form")
        alias = grouped(forms[forms["kind"].eq(1)], "form")
        norm = grouped(forms[forms["key"].ne("")], "key")
        country = df["country"].to_numpy(dtype=object)
        population = df["population"].to_numpy(dtype="int64")
        label = [f"{nm} ({c})" if c else str(nm) for nm, c in zip(df["name"], df["country"])]

        # Fuzzy index over the keys of names (English and Chinese), best place per key.
        named = forms[forms["kind"].eq(0) & forms["key"].ne("")]
        named = named.assign(pop=population[named["pos"].to_numpy()])
        named = named.sort_values("pop", ascending=False, kind="stable").drop_duplicates("key")
        fz_keys = named["key"].tolist()
        fz_pos = named["pos"].to_numpy(dtype=np.int64)
        grams: dict[str, list[int]] = {}
        lens = np.empty(len(fz_keys), dtype=np.int64)
        for i, k in enumerate(fz_keys):
            g = _trigrams(k)
            lens[i] = len(g)
            for t in g:
                grams.setdefault(t, []).append(i)
        fz_grams = {t: np.asarray(v, dtype=np.int64) for t, v in grams.items()}
        ranked = df["admin_rank"].fillna("").astype(str).ne("").to_numpy()
        n_names = (
            df["aliases"].fillna("").astype(str).str.count(r"\|") + 1
            if "aliases" in df.columns
            else pd.Series(0, index=df.index)
        ).to_numpy()
        prominence = np.log10(np.maximum(population, 1)) + 0.5 * np.log10(1 + n_names)
        return _Index(
            exact,
            alias,
            norm,
            country,
            population,
            label,
            ranked,
            prominence,
            fz_keys,
            fz_pos,
            lens,
            fz_grams,
        )

    # ------------------------------------------------------------------ matching

    def _stages(self, name: str) -> list[tuple[str, list[int]]]:
        """Candidate places of a name, by matching stage, best stage first."""
        hit = self._stage_cache.get(name)
        if hit is not None:
            return hit
        ix = self.index
        stages: list[tuple[str, list[int]]] = []
        if name in ix.exact:
            stages.append((MATCH_EXACT, ix.exact[name]))
        if name in ix.alias:
            stages.append((MATCH_ALIAS, ix.alias[name]))
        seen = set()
        for cand in [normalise_name(name)] + name_candidates(name):
            k = cand.replace(" ", "")
            if k and k not in seen:
                seen.add(k)
                if k in ix.norm:
                    stages.append((MATCH_NORMALISED, ix.norm[k]))
        self._stage_cache[name] = stages
        return stages

    def suggest(self, name: str, n: int = 3, cutoff: float = 0.72) -> list[str]:
        """Up to ``n`` "Name (CC)" fuzzy suggestions for an unknown name."""
        if len(name) > MAX_SUGGEST_LENGTH:  # no place is named so; keeps a row's cost bounded
            return []
        ix = self.index
        cands = name_candidates(name) or [normalise_name(name)]
        out: list[str] = []
        for cand in cands:
            q = cand.replace(" ", "")
            if not q or not ix.fz_keys:
                continue
            grams = [ix.fz_grams[t] for t in _trigrams(q) if t in ix.fz_grams]
            if not grams:
                continue
            counts = np.bincount(np.concatenate(grams), minlength=len(ix.fz_keys))
            qlen = len(_trigrams(q))
            score = counts / (qlen + ix.fz_len - counts)
            top = np.argpartition(-score, min(40, len(score) - 1))[:40]
            top = top[score[top] > 0]
            ranked = []
            for i in top:
                r = difflib.SequenceMatcher(None, q, ix.fz_keys[i]).ratio()
                if r >= cutoff:
                    ranked.append((-r, -int(ix.population[ix.fz_pos[i]]), int(i)))
            for _, _, i in sorted(ranked):
                lab = ix.label[ix.fz_pos[i]]
                if lab not in out:
                    out.append(lab)
                if len(out) >= n:
                    return out
        return out

    def _resolve_one(
        self, name: str, country: str | None, bad_country: bool, home: str | None
    ) -> tuple:
        if not name:
            return (None, None, False, 0, REASON_EMPTY, None)
        if bad_country:
            return (None, None, False, 0, REASON_UNKNOWN_COUNTRY, None)
        stages = self._stages(name)
        if not stages:
            sugg = self.suggest(name)
            return (None, None, False, 0, REASON_UNKNOWN, "; ".join(sugg) or None)
        ix = self.index
        if not country and "," in name:
            # "Cambridge, MA", "Cambridge, England": the part after the comma as a
            # country or a US state / province.
            tail = name.rsplit(",", 1)[1].strip()
            ctab = self.countries or Countries.bundled()
            code = ctab.lookup(tail)
            province = US_STATES.get(tail.upper(), tail).casefold()
            prov = self.cities["province"]
            for match, places in stages:
                inside = [
                    p
                    for p in places
                    if isinstance(prov.iat[p], str) and prov.iat[p].casefold() == province
                ]
                if inside:
                    return self._pick(match, places, inside)
            if code and (len(tail) > 3 or tail.upper() in ("US", "USA", "UK", "PRC")):
                return self._resolve_one(name, code, False, home)
        if country:
            for match, places in stages:
                inside = [p for p in places if ix.country[p] == country]
                if inside:
                    return self._pick(match, places, inside)
            # "Hong Kong, China": sources often give China for Hong Kong, Macao and
            # Taiwan; the place keeps its own code (abroad, as in the paper).
            for match, places in stages:
                inside = [p for p in places if ix.country[p] in GREATER_CHINA.get(country, ())]
                if inside:
                    return self._pick(match, places, inside)
            others = sorted(
                {p for _, places in stages for p in places}, key=lambda p: -ix.population[p]
            )
            labels = list(dict.fromkeys(ix.label[p] for p in others))[:3]
            return (None, None, False, len(others), REASON_OTHER_COUNTRY, "; ".join(labels) or None)
        match, places = stages[0]
        pool = places
        if home and len(places) > 1:
            at_home = [p for p in places if ix.country[p] == home]
            if at_home:
                pool = at_home
        return self._pick(match, places, pool)

    def _pick(self, match: str, places: list[int], pool: list[int]) -> tuple:
        ix = self.index
        if len(pool) == 1:
            return (self.cities["city_id"].iat[pool[0]], match, False, len(places), None, None)
        order = sorted(pool, key=lambda p: (ix.ranked[p], ix.prominence[p], -p), reverse=True)
        best, runner = order[0], order[1]
        doubtful = ix.ranked[best] == ix.ranked[runner] and (
            ix.prominence[best] - ix.prominence[runner] < 1.0
        )
        return (self.cities["city_id"].iat[best], match, bool(doubtful), len(places), None, None)

    def resolve(
        self,
        names: pd.Series,
        countries: pd.Series | None = None,
        home_country: str | pd.Series | None = "CN",
    ) -> pd.DataFrame:
        """Resolve city names to ``city_id`` (see the module docstring for the rules).

        ``countries``: per-row country (ISO2/ISO3/name; None or empty for none).
        ``home_country``: a code or name for every row, a per-row Series (e.g. each
        person's birth country), or None for no home preference.
        Returns a DataFrame indexed like ``names`` with columns ``city_id``, ``match``,
        ``ambiguous``, ``candidates``, ``reason``, ``suggestions``.
        """
        if not isinstance(names, pd.Series):
            names = pd.Series(names, dtype=object)
        index = names.index
        n = len(names)
        ctab = self.countries or Countries.bundled()

        def clean(s: pd.Series) -> pd.Series:
            return map_unique(
                s.astype(object), lambda v: "" if _is_missing(v) else str(v).strip(), na_value=""
            )

        name_s = clean(names).to_numpy(dtype=object)
        if countries is not None:
            raw = clean(
                pd.Series(countries).reindex(index)
                if isinstance(countries, pd.Series)
                else pd.Series(list(countries), index=index)
            )
            iso = ctab.to_iso2(raw.where(raw.ne(""), None))
            country_s = iso.to_numpy(dtype=object)
            bad_s = (raw.ne("") & iso.isna()).to_numpy()
        else:
            country_s = np.full(n, None, dtype=object)
            bad_s = np.zeros(n, dtype=bool)
        if isinstance(home_country, pd.Series):
            raw_home = clean(home_country.reindex(index))
            home_s = ctab.to_iso2(raw_home.where(raw_home.ne(""), None)).to_numpy(dtype=object)
        elif _is_missing(home_country) or str(home_country).strip() == "":
            home_s = np.full(n, None, dtype=object)
        else:
            code = ctab.lookup(home_country)
            if code is None:
                raise BackflowInputError(
                    "Unknown home country",
                    column="HOME_COUNTRY",
                    value=home_country,
                    accepted="an ISO code such as CN or a country name",
                )
            home_s = np.full(n, code, dtype=object)

        if n == 0:
            return pd.DataFrame(
                {
                    c: pd.Series(dtype=t)
                    for c, t in zip(RESULT_COLUMNS, (object, object, bool, "int64", object, object))
                },
                index=index,
            )
        keys = pd.DataFrame({"n": name_s, "c": country_s, "b": bad_s, "h": home_s})
        keys = keys.fillna({"c": "", "h": ""})
        codes, uniq = pd.factorize(pd.MultiIndex.from_frame(keys))
        results = [self._resolve_one(nm, c or None, bool(b), h or None) for nm, c, b, h in uniq]
        res = pd.DataFrame(results, columns=list(RESULT_COLUMNS))
        out = res.iloc[codes].reset_index(drop=True)
        out.index = index
        out["ambiguous"] = out["ambiguous"].astype(bool)
        out["candidates"] = out["candidates"].astype("int64")
        for col in ("city_id", "match", "reason", "suggestions"):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
        return out

    # ------------------------------------------------------------------ helpers

    def info(self, city_id: str) -> pd.Series:
        """The row of one place."""
        rows = self.cities[self.cities["city_id"].eq(city_id)]
        if rows.empty:
            raise KeyError(city_id)
        return rows.iloc[0]


@lru_cache(maxsize=1)
def _bundled_gazetteer() -> Gazetteer:
    return Gazetteer.from_csv(GAZETTEER_DIR / "cities.csv")
