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
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from ...paths import GAZETTEER_DIR
from ..errors import BackflowInputError, Cancelled
from ..schema import DEFAULT_HOME_COUNTRY, LEVEL_COUNTY, LEVEL_PREFECTURE
from ..vectorise import factorize_rows, map_unique
from .countries import Countries
from .names import _TOKENS, _is_missing, is_missing_place, name_candidates, normalise_name
from .provinces import province_country, province_keys

GAZETTEER_COLUMNS = (
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
    "level",
    "prefecture_id",
    "county_id",
    "province_id",
)
# Values of the ``level`` column.
LEVEL_PLACE = "place"
LEVEL_HISTORIC = "historic"
GREATER_CHINA = {"CN": ("HK", "MO", "TW")}
RESULT_COLUMNS = (
    "city_id",
    "match",
    "ambiguous",
    "candidates",
    "reason",
    "suggestions",
    "flags",
)
# Distinct names resolved between two looks at a cancel: an unknown name costs about
# 4 ms (fuzzy suggestions), so a chunk takes a quarter of a second at worst.
RESOLVE_CHUNK = 64
# The cancel of the resolve() running in this thread: the lazy index builds (up to a
# second each on a session's first run) look at it too.
_RESOLVING = threading.local()

MATCH_EXACT = "exact"
MATCH_ALIAS = "alias"
MATCH_NORMALISED = "normalised"

REASON_EMPTY = "empty name"
REASON_NO_PLACE = "no place given"
REASON_COUNTRY_CONFLICT = "place is in another country"
REASON_UNKNOWN = "unknown city"
REASON_OTHER_COUNTRY = "not in the given country"
REASON_OTHER_PROVINCE = "not in the given state or province"
REASON_UNKNOWN_COUNTRY = "unknown country"
REASON_UNKNOWN_HOME = "unknown home country"

# Flags of a resolved row (``flags``: ";"-joined).
FLAG_HISTORIC = "historic"
FLAG_COUNTRY_CONFLICT = "country_conflict"
FLAG_PROVINCE = "province"
FLAG_SMALL_PLACE = "small_place"

# Which of several same-named places wins, by level: a prefecture-level city over a
# county-level unit of the same name (朝阳 the city, not Beijing's 朝阳区); a name from
# the historic table over a county that happens to share it today (Wuchang, the Wuhan
# town, not 五常 in Heilongjiang); any of them over other places.
_LEVEL_TIER = {LEVEL_PREFECTURE: 4, LEVEL_HISTORIC: 3, LEVEL_COUNTY: 2, LEVEL_PLACE: 1}


_REGION_PREFIXES = {
    "台湾省": "TW",
    "臺灣省": "TW",
    "台灣省": "TW",
    "台湾": "TW",
    "臺灣": "TW",
    "台灣": "TW",
    "香港": "HK",
    "澳门": "MO",
    "澳門": "MO",
}
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_HAN_ANY = re.compile(r"[\u4e00-\u9fff]")


def _fast_key(s: object) -> str | None:
    """``_compact`` of a plain ASCII word or a pure Han name (same result as the
    general rule), else None."""
    if isinstance(s, str):
        if s.isascii() and s.isalpha():
            k = s.lower()
            if k not in _TOKENS:
                return k
        elif _HAN.match(s):
            return s[:-1] if len(s) > 2 and s.endswith("市") else s
    return None


MAX_SUGGEST_LENGTH = 80  # longest name that gets fuzzy suggestions


def _compact(s: object) -> str:
    """``normalise_name`` without spaces ("Bei Jing" and "Beijing" meet)."""
    k = _fast_key(s)
    return k if k is not None else normalise_name(s).replace(" ", "")


def slow_form_keys(forms) -> pd.DataFrame:
    """(form, key) of the forms the fast rule does not cover: written by the build
    script as name_keys.csv so that the bundled gazetteer need not normalise them at
    every start (a test checks the file against ``_compact``)."""
    uniq = [f for f in dict.fromkeys(forms) if _fast_key(f) is None]
    return pd.DataFrame({"form": uniq, "key": [_compact(f) for f in uniq]})


def _no_country(v: object) -> bool:
    # Missing markers in a country column mean no country; "NA" there is Namibia.
    return _is_missing(v) or (is_missing_place(v) and str(v).strip().upper() != "NA")


def _as_list(places) -> list[int]:
    return places if isinstance(places, list) else [places]


def _trigrams(key: str) -> set[str]:
    padded = f"  {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@dataclass
class _Index:
    exact: dict
    alias: dict
    norm: tuple  # (keys of names, keys of all forms)
    country: np.ndarray
    population: np.ndarray
    label: list
    tier: np.ndarray  # _LEVEL_TIER of each place
    prominence: np.ndarray
    province: np.ndarray  # province key: province_id (CN) or case-folded province name
    historic: np.ndarray
    city_id: np.ndarray
    prefecture_id: np.ndarray
    county_id: np.ndarray
    named: pd.DataFrame  # key, pos, population of names (for the fuzzy index)
    # fuzzy (built on first use: only unresolved names need it)
    fz_keys: list | None = None
    fz_pos: np.ndarray | None = None  # best place for each key
    fz_len: np.ndarray | None = None
    fz_grams: dict | None = None


@dataclass
class Gazetteer:
    """Places with names, aliases, country and coordinates; ``city_id`` unique.

    ``small``: an optional loader of a second gazetteer of smaller places, consulted
    only when a name is not found here (or not in the row's country or province); the
    places it resolves are added to ``cities``.
    """

    cities: pd.DataFrame
    countries: Countries | None = field(default=None, repr=False)
    small: object = field(default=None, repr=False)
    trusted: bool = field(default=False, repr=False)
    form_keys: dict | None = field(default=None, repr=False)  # precomputed, see below
    _index: _Index | None = field(default=None, init=False, repr=False)
    _stage_cache: dict = field(default_factory=dict, init=False, repr=False)
    _small_gaz: Gazetteer | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        df = self.cities.copy()
        for col in GAZETTEER_COLUMNS:
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
        text_cols = [c for c in GAZETTEER_COLUMNS if c not in ("lon", "lat", "population")]
        for col in text_cols:
            s = df[col].astype(object)
            if self.trusted:  # the bundled files: written stripped by the build script
                df[col] = s.where(s.notna() & s.ne(""), None)
            else:
                df[col] = s.where(s.notna() & s.astype(str).str.strip().ne(""), None)
        # A place of a user gazetteer is its own prefecture and county.
        df["level"] = df["level"].fillna(LEVEL_PLACE)
        for col in ("prefecture_id", "county_id"):
            df[col] = df[col].fillna(df["city_id"])
        self.cities = df.reset_index(drop=True)

    # ------------------------------------------------------------------ constructors

    @classmethod
    def bundled(cls, should_stop: Callable[[], bool] | None = None) -> Gazetteer:
        """The gazetteer shipped in resources/gazetteer (read once per process).

        ``should_stop``: asked while the panel's warm-up holds the load (True raises
        ``Cancelled``), so a cancel need not wait for the warm-up's read.
        """
        with _load_lock(should_stop):
            return _bundled_gazetteer()

    @classmethod
    def from_csv(cls, path, small=None, trusted: bool = False) -> Gazetteer:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        return cls(df, small=small, trusted=trusted)

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
        for col in GAZETTEER_COLUMNS:
            if col not in out.columns and col in df.columns:
                out[col] = df[col].to_numpy()
        return cls(out)

    # ------------------------------------------------------------------ index

    @property
    def index(self) -> _Index:
        if self._index is None:
            with _load_lock():  # a run and the panel's warm-up build it once
                if self._index is None:
                    self._index = self._build_index()
        return self._index

    def _build_index(self) -> _Index:
        df = self.cities
        n = len(df)
        pos = np.arange(n)
        parts = []
        # The bundled files are written stripped: no need to strip 170,000 forms again.
        strip = (lambda v: v) if self.trusted else (lambda v: v.str.strip())
        for col in ("name", "name_zh", "name_zh_hant"):
            v = df[col]
            ok = v.notna()
            parts.append(
                pd.DataFrame(
                    {"pos": pos[ok.to_numpy()], "form": strip(v[ok].astype(str)), "kind": 0}
                )
            )
        al = df["aliases"].dropna().astype(str).str.split("|").explode()
        parts.append(
            pd.DataFrame({"pos": al.index.to_numpy(), "form": strip(al).to_numpy(), "kind": 1})
        )
        forms = pd.concat(parts, ignore_index=True)
        forms = forms[forms["form"].ne("")].drop_duplicates(["form", "pos", "kind"])
        # Each distinct form (and key) is hashed once; the groupings below work on codes.
        form_code, uniq = pd.factorize(forms["form"])
        pre = self.form_keys or {}

        def key(v: str) -> str:
            k = _fast_key(v)
            if k is None:
                k = pre.get(v)
            return k if k is not None else normalise_name(v).replace(" ", "")

        keys: list[str] = []
        for start in range(0, len(uniq), 20_000):  # a cancel is looked at in between
            self._check_stop()
            keys.extend(key(v) for v in uniq[start : start + 20_000])
        key_of_form, key_uniq = pd.factorize(np.asarray(keys, dtype=object))
        key_code = key_of_form[form_code]
        forms["key"] = np.asarray(key_uniq, dtype=object)[key_code]
        self._check_stop()
        kind = forms["kind"].to_numpy()
        form_pos = forms["pos"].to_numpy()
        uniq, key_uniq = np.asarray(uniq, dtype=object), np.asarray(key_uniq, dtype=object)

        def grouped(code: np.ndarray, values: np.ndarray, rows: np.ndarray) -> dict:
            # value -> position (most name one place) or list of positions, in row order
            pair = pd.unique(code[rows] * np.int64(n + 1) + form_pos[rows])
            c, p = pair // (n + 1), pair % (n + 1)
            many = np.bincount(c, minlength=len(values))[c] > 1
            out: dict = dict(zip(values[c[~many]].tolist(), p[~many].tolist()))
            for k, q in zip(values[c[many]].tolist(), p[many].tolist()):
                out.setdefault(k, []).append(q)
            return out

        exact = grouped(form_code, uniq, kind == 0)
        alias = grouped(form_code, uniq, kind == 1)
        self._check_stop()
        # Normalised keys of names first, then of aliases: "Ch'ang-sha" is Changsha's
        # name before it is an alias of some place inside Chongqing.
        keyed = forms["key"].ne("").to_numpy()
        norm = (
            grouped(key_code, key_uniq, keyed & (kind == 0)),
            grouped(key_code, key_uniq, keyed),
        )
        self._check_stop()
        country = df["country"].to_numpy(dtype=object)
        population = df["population"].to_numpy(dtype="int64")
        label = [f"{nm} ({c})" if c else str(nm) for nm, c in zip(df["name"], df["country"])]
        named = forms[forms["kind"].eq(0) & forms["key"].ne("")][["key", "pos"]]
        ranked = df["admin_rank"].notna().to_numpy()
        tier = df["level"].map(_LEVEL_TIER).fillna(1).to_numpy(dtype="int64")
        # A user gazetteer's ranked Chinese city counts as a prefecture-level one.
        tier = np.where(ranked & (tier == 1), _LEVEL_TIER[LEVEL_PREFECTURE], tier)
        n_names = (df["aliases"].fillna("").astype(str).str.count(r"\|") + 1).to_numpy()
        prominence = np.log10(np.maximum(population, 1)) + 0.5 * np.log10(1 + n_names)
        province = df["province_id"].fillna(df["province"].str.casefold()).fillna("")
        return _Index(
            exact,
            alias,
            norm,
            country,
            population,
            label,
            tier,
            prominence,
            province.to_numpy(dtype=object),
            df["level"].eq(LEVEL_HISTORIC).to_numpy(),
            df["city_id"].to_numpy(dtype=object),
            df["prefecture_id"].to_numpy(dtype=object),
            df["county_id"].to_numpy(dtype=object),
            named,
        )

    @staticmethod
    def _check_stop(should_stop: Callable[[], bool] | None = None) -> None:
        stop = should_stop or getattr(_RESOLVING, "should_stop", None)
        if stop is not None and stop():
            raise Cancelled("resolving cancelled")

    def _fuzzy(self) -> _Index:
        """The index with its trigram part built (first call only)."""
        ix = self.index
        if ix.fz_keys is None:
            self._check_stop()
            named = ix.named.assign(pop=ix.population[ix.named["pos"].to_numpy()])
            named = named.sort_values("pop", ascending=False, kind="stable")
            named = named.drop_duplicates("key")
            keys = named["key"].tolist()
            grams: dict[str, list[int]] = {}
            lens = np.empty(len(keys), dtype=np.int64)
            for i, k in enumerate(keys):
                if i % 20_000 == 0:
                    self._check_stop()
                g = _trigrams(k)
                lens[i] = len(g)
                for t in g:
                    grams.setdefault(t, []).append(i)
            ix.fz_grams = {t: np.asarray(v, dtype=np.int64) for t, v in grams.items()}
            ix.fz_pos = named["pos"].to_numpy(dtype=np.int64)
            ix.fz_len = lens
            ix.fz_keys = keys
        return ix

    def _small(self) -> Gazetteer | None:
        if self._small_gaz is None and self.small is not None:
            self._check_stop()
            small = self.small() if callable(self.small) else self.small
            small.index  # noqa: B018 - built now, between looks at a cancel
            self._small_gaz = small
            self._check_stop()
        return self._small_gaz

    # ------------------------------------------------------------------ matching

    def _stages(self, name: str) -> list[tuple[str, list[int]]]:
        """Candidate places of a name, by matching stage, best stage first."""
        hit = self._stage_cache.get(name)
        if hit is not None:
            return hit
        ix = self.index
        stages: list[tuple[str, list[int]]] = []
        if name in ix.exact:
            stages.append((MATCH_EXACT, _as_list(ix.exact[name])))
        if name in ix.alias:
            stages.append((MATCH_ALIAS, _as_list(ix.alias[name])))
        seen = set()
        for cand in [normalise_name(name)] + name_candidates(name):
            k = cand.replace(" ", "")
            if k and k not in seen:
                seen.add(k)
                for table in ix.norm:
                    if k in table:
                        stages.append((MATCH_NORMALISED, _as_list(table[k])))
        self._stage_cache[name] = stages
        return stages

    def suggest(self, name: str, n: int = 3, cutoff: float = 0.72) -> list[str]:
        """Up to ``n`` "Name (CC)" fuzzy suggestions for an unknown name."""
        if len(name) > MAX_SUGGEST_LENGTH:  # no place is named so; keeps a row's cost bounded
            return []
        ix = self._fuzzy()
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

    def _split_tail(self, name: str, country: str | None, prov: frozenset):
        """ "Cambridge, MA" / "Toronto, Ontario" / "Panyu, Guangdong, China": the name,
        the province hint and the country its comma parts give (the row's own win)."""
        ctab = self.countries or Countries.bundled()
        for _ in range(2):
            if "," not in name or name in self.index.exact or name in self.index.alias:
                break
            head, tail = (p.strip() for p in name.rsplit(",", 1))
            if not head:
                break
            keys = province_keys(tail)
            if keys:
                prov = prov or keys
            else:
                code = ctab.lookup(tail)
                if not code or not (len(tail) > 3 or tail.upper() in ("US", "USA", "UK", "PRC")):
                    break
                country = country or code
            name = head
        return name, country, prov

    def _split_prefix(self, name: str) -> tuple[str, frozenset]:
        """The place after a leading province and prefecture: ("吴中区", {CN320000}) for
        "江苏省苏州市吴中区"; (name, {}) when there is none."""
        keys: frozenset = frozenset()
        rest = name.strip()
        if _HAN_ANY.search(rest):
            for n in range(min(8, len(rest) - 1), 1, -1):  # 广西壮族自治区 is 7
                k = province_keys(rest[:n])
                if k:
                    keys, rest = k, rest[n:].strip()
                    break
            else:
                # 台湾台北, 香港九龙: Taiwan, Hong Kong or Macao before the place.
                for pre in _REGION_PREFIXES:
                    if rest.startswith(pre) and len(rest) > len(pre):
                        rest = rest[len(pre) :].strip()
                        break
            if rest and not self._stages(rest):
                # 苏州市吴中区, 宁波鄞县: a place that lies in the city named before it.
                ix = self.index
                for i in range(2, len(rest) - 1):
                    head, tail = self._stages(rest[:i]), self._stages(rest[i:])
                    if not head or not tail:
                        continue
                    outer = {ix.city_id[p] for _, ps in head for p in ps}
                    inner = [p for _, ps in tail for p in ps]
                    if any(ix.prefecture_id[p] in outer or ix.county_id[p] in outer for p in inner):
                        return rest[i:], keys
        else:
            parts = rest.split()
            for n in (2, 1):
                head = province_keys(" ".join(parts[:n])) if len(parts) > n else frozenset()
                # -- tolerant matching: only a Chinese province leads a name ("Zhejiang
                # Ningbo"); "De Queen" and "La Plume" are no places in Delaware or Louisiana
                if head and all(k.startswith("CN") for k in head):
                    keys = head
                    rest = " ".join(parts[n:])
                    break
        return (rest, keys) if rest else (name, frozenset())

    def _choose(self, gaz: Gazetteer, stages, country, prov, home, han=False):
        """(match, places, pool, province_used) from one gazetteer's stages, or None."""
        ix = gaz.index
        if country:
            ok = [(m, [p for p in ps if ix.country[p] == country]) for m, ps in stages]
            ok = [(m, ps) for m, ps in ok if ps]
            if not ok:
                # "Hong Kong, China": sources often give China for Hong Kong, Macao and
                # Taiwan; the place keeps its own code (abroad, as in the paper).
                near = GREATER_CHINA.get(country, ())
                ok = [(m, [p for p in ps if ix.country[p] in near]) for m, ps in stages]
                ok = [(m, ps) for m, ps in ok if ps]
            stages = ok
        if not stages:
            return None
        if prov:
            inside = [(m, [p for p in ps if ix.province[p] in prov]) for m, ps in stages]
            inside = [(m, ps) for m, ps in inside if ps]
            if not inside:
                return None
            m, ps = inside[0]
            before = dict(stages).get(m, ps)
            return m, ps, ps, len(before) > len(ps) or inside[0][0] != stages[0][0]
        m, ps = stages[0]
        if han and not country and home and not any(ix.country[p] == home for p in ps):
            # A name in Chinese characters: a home-country place matched by a later
            # stage (長洲, an alias of a Chinese county) beats a foreign exact name
            # (長洲, Nagasu in Japan).
            later = [(m2, ps2) for m2, ps2 in stages[1:] if any(ix.country[p] == home for p in ps2)]
            if later:
                m, ps = later[0]
        elif m == MATCH_ALIAS and len(stages) > 1:
            # -- tolerant matching: an alternate name of a small town (Macao, a Brazilian
            # Macau) gives way to a place ten times its size that the normalised name
            # finds (Macau, MO), of no lower rank
            best = max(ix.prominence[p] for p in ps)
            top = max(ix.tier[p] for p in ps)
            for m2, ps2 in stages[1:]:
                big = [p for p in ps2 if ix.prominence[p] >= best + 1 and ix.tier[p] >= top]
                if big and (not country or any(ix.country[p] == country for p in big)):
                    m, ps = m2, ps2
                    break
        target = country or home
        if target and not any(ix.tier[p] > 1 for p in ps if ix.country[p] == target):
            # A county written without its suffix (大兴, Daxing: 大兴区) beats a town
            # of that exact name (a village in Yunnan): ranked over unranked.
            ranked = [
                (m2, [p for p in ps2 if ix.country[p] == target and ix.tier[p] in (2, 3)])
                for m2, ps2 in stages[1:]
            ]
            ranked = [(m2, ps2) for m2, ps2 in ranked if ps2]
            if ranked and any(ix.country[p] == target for p in ps):
                m, ps = ranked[0]
        pool = ps
        if not country and home and len(ps) > 1:
            at_home = [p for p in ps if ix.country[p] == home]
            if at_home:
                pool = at_home
        return m, ps, pool, False

    def _resolve_one(
        self,
        name: str,
        country: str | None,
        bad_country: bool,
        home: str | None,
        prov: frozenset = frozenset(),
        accept_conflicts: bool = False,
        tolerant: bool = True,
    ) -> tuple:
        if not name:
            return (None, None, False, 0, REASON_NO_PLACE, None, "")
        if bad_country:
            return (None, None, False, 0, REASON_UNKNOWN_COUNTRY, None, "")
        given_prov = prov
        core, country, prov = self._split_tail(name, country, prov)
        # "Upton, NY": a state written in the name holds (no Upton in England), and
        # names its country when the row gives none.
        strict = bool(prov) and not given_prov and not any(k.startswith("CN") for k in prov)
        if strict and not country:
            country = province_country(prov)
        stages = self._stages(core) or self._stages(name)
        if stages and core != name and prov and not self._stages(core):
            # -- tolerant matching: a tail split off as a province is no place of its own
            # ("Tinghsien, Hopei" is not Tianjin's 河北区): the whole name's places must
            # lie in that province (New York, NY still is)
            ix = self.index
            stages = [(m, [p for p in ps if ix.province[p] in prov]) for m, ps in stages]
            stages = [(m, ps) for m, ps in stages if ps]
        if not stages:
            # "浙江宁波", "江苏省苏州市吴中区", "Zhejiang Ningbo": a province (and a city)
            # written before the place, as 籍贯 often is.
            rest, keys = self._split_prefix(core)
            if rest != core:
                stages = self._stages(rest)
                region = next((c for p, c in _REGION_PREFIXES.items() if core.startswith(p)), None)
                if region and country in (None, "CN"):
                    country = region  # 香港九龙 is Kowloon, not 九龙县 in Sichuan
                core, prov = rest, prov or keys
        small_stages = None
        han = bool(_HAN_ANY.search(core))

        def small_try(use_prov):
            nonlocal small_stages
            small = self._small()  # loaded on first need only
            if small is None:
                return None
            if small_stages is None:
                small_stages = small._stages(core) or small._stages(name)
            got = small._choose(small, small_stages, country, use_prov, home, han)
            if got is None:
                return None
            return small, got

        # Larger places first; with a province hint, a smaller place in that province
        # beats a larger one elsewhere (Durham, NH); a hint that fits nothing is dropped.
        attempts = []
        if prov:
            attempts += [
                lambda: self._wrap(stages, country, prov, home, han),
                lambda: small_try(prov),
            ]
        if not strict:
            attempts += [
                lambda: self._wrap(stages, country, frozenset(), home, han),
                lambda: small_try(frozenset()),
            ]
        for attempt in attempts:
            got = attempt()
            if got is None:
                continue
            gaz, (match, places, pool, used_prov) = got
            res = gaz._pick(match, places, pool)
            flags = []
            if gaz is not self:
                flags.append(FLAG_SMALL_PLACE)
            elif self.index.historic[self._pos_of(res[0])]:
                flags.append(FLAG_HISTORIC)
            if used_prov:
                flags.append(FLAG_PROVINCE)
            if tolerant and (han or (used_prov is False and prov)):
                # -- tolerant matching: a weak match of a Chinese name, or a place outside
                # the province the name gives ("Linhsien, Honan")
                gix = gaz.index
                p = gaz._pos_of(res[0])
                better = self._tolerant().override(
                    core, res, gaz.cities["level"].iat[p], gix.country[p], country, prov, home,
                    gix.province[p],
                )  # fmt: skip
                if better is not None:
                    return better
            return res + (";".join(flags),)
        # -- tolerant matching (core/places/tolerant.py): variants, provinces, gone counties,
        # abbreviations, flagged fuzzy matches; only for a name nothing else placed.
        if tolerant and (strict or not stages):
            got = self._tolerant().resolve(
                name, core, country, prov, given_prov, home, accept_conflicts
            )
            if got is not None:
                return got
        # -- end of tolerant matching
        ix = self.index
        if strict:
            found = [
                (gz.index, p)
                for gz, st in ((self, stages), (self._small(), small_stages))
                if st
                for _, ps in st
                for p in ps
                if not country or gz.index.country[p] == country
            ]
            if found:
                labels = [f"{i.label[p]}, {str(i.province[p]).title()}" for i, p in found]
                labels = list(dict.fromkeys(labels))[:3]
                return (None, None, False, len(found), REASON_OTHER_PROVINCE, "; ".join(labels), "")
        if strict or not stages:
            # a tolerant retry needs none, nor place_cells' trial readings of a cell
            want = tolerant and getattr(_RESOLVING, "suggest", True)
            sugg = self.suggest(core) if want else []
            if want and han:  # -- tolerant matching: 大浦 suggests 大埔县
                sugg = list(dict.fromkeys(self._tolerant().han_suggestions(core) + sugg))[:3]
            return (None, None, False, 0, REASON_UNKNOWN, "; ".join(sugg) or None, "")
        # A country was given and no place of that name is in it.
        others = sorted(
            {p for _, places in stages for p in places}, key=lambda p: -ix.prominence[p]
        )
        labels = list(dict.fromkeys(ix.label[p] for p in others))[:3]
        if len(others) == 1:
            if accept_conflicts:
                cid = ix.city_id[others[0]]
                flags = [FLAG_COUNTRY_CONFLICT]
                if ix.historic[others[0]]:
                    flags.insert(0, FLAG_HISTORIC)
                return (cid, stages[0][0], False, 1, None, None, ";".join(flags))
            return (None, None, False, 1, REASON_COUNTRY_CONFLICT, labels[0], "")
        return (None, None, False, len(others), REASON_OTHER_COUNTRY, "; ".join(labels) or None, "")

    def _wrap(self, stages, country, prov, home, han=False):
        got = self._choose(self, stages, country, prov, home, han)
        return None if got is None else (self, got)

    def _pos_of(self, city_id: str) -> int:
        return self._pos_dict()[city_id]

    def _pos_dict(self) -> dict:
        pos = self.__dict__.get("_pos")
        if pos is None:
            pos = {c: i for i, c in enumerate(self.index.city_id)}
            self.__dict__["_pos"] = pos
        return pos

    def _tolerant(self):
        tol = self.__dict__.get("_tolerant_matcher")
        if tol is None:
            from .tolerant import Tolerant  # noqa: PLC0415 - loaded for unknown names only

            tol = Tolerant(self)
            self.__dict__["_tolerant_matcher"] = tol
        return tol

    def adopt_rows(self, rows: pd.DataFrame) -> None:
        """Append places made while resolving (province places) to ``cities``, once."""
        new = rows[~rows["city_id"].isin(set(self.cities["city_id"]))]
        if not new.empty:
            new = new.reindex(columns=self.cities.columns)
            self.cities = pd.concat([self.cities, new], ignore_index=True)

    def _pick(self, match: str, places: list[int], pool: list[int]) -> tuple:
        ix = self.index
        if match != MATCH_EXACT and len(pool) > 1 and ix.historic[pool].any():
            # A historic name given as in the historic table beats today's unit that
            # holds it under the same spelling (Hankow: the town, not all of Wuhan).
            inside = {ix.prefecture_id[p] for p in pool if ix.historic[p]}
            inside |= {ix.county_id[p] for p in pool if ix.historic[p]}
            holders = {p for p in pool if ix.city_id[p] in inside}
            pool = [p for p in pool if p not in holders] or pool
        if len(pool) == 1:
            return (ix.city_id[pool[0]], match, False, len(places), None, None)
        order = sorted(pool, key=lambda p: (ix.tier[p], ix.prominence[p], -p), reverse=True)
        best, runner = order[0], order[1]
        doubtful = ix.tier[best] == ix.tier[runner] and (
            ix.prominence[best] - ix.prominence[runner] < 1.0
        )
        return (ix.city_id[best], match, bool(doubtful), len(places), None, None)

    def resolve(
        self,
        names: pd.Series,
        countries: pd.Series | None = None,
        home_country: str | pd.Series | None = DEFAULT_HOME_COUNTRY,
        provinces: pd.Series | None = None,
        accept_conflicts: bool = False,
        *,
        should_stop: Callable[[], bool] | None = None,
        progress: Callable[[int, int], None] | None = None,
        suggest: bool = True,
    ) -> pd.DataFrame:
        """Resolve city names to ``city_id`` (see the module docstring for the rules).

        ``countries``: per-row country (ISO2/ISO3/name; None or empty for none).
        ``home_country``: a code or name for every row, a per-row Series (e.g. each
        person's birth country), or None for no home preference.
        ``provinces``: per-row province or state ("江苏", "Jiangsu", "MA", "Ontario",
        "NSW"; see ``core/places/provinces.py``) that picks among same-named places.
        ``accept_conflicts``: resolve a place unique by name though the row gives
        another country (flag ``country_conflict``) instead of leaving it unresolved.
        Returns a DataFrame indexed like ``names`` with columns ``city_id``, ``match``,
        ``ambiguous``, ``candidates``, ``reason``, ``suggestions`` and ``flags``.

        The distinct keys are resolved in chunks of ``RESOLVE_CHUNK``: ``should_stop()``
        is asked before each chunk (True raises ``Cancelled``) and ``progress(done,
        total)`` is told after each, so a cancel waits for one chunk at most.
        ``suggest=False``: no fuzzy suggestions for unknown names (a caller trying
        several readings of one cell needs only the one that resolves).
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

        def per_row(values) -> pd.Series:
            if isinstance(values, pd.Series):
                return values.reindex(index)
            return pd.Series(list(values), index=index)

        name_s = map_unique(
            names.astype(object),
            lambda v: "" if is_missing_place(v) else str(v).strip(),
            na_value="",
        ).to_numpy(dtype=object)
        if countries is not None:
            # Missing markers in the country column mean no country ("NA" is Namibia).
            raw = map_unique(
                per_row(countries).astype(object),
                lambda v: "" if _no_country(v) else str(v).strip(),
                na_value="",
            )
            iso = ctab.to_iso2(raw.where(raw.ne(""), None))
            country_s = iso.to_numpy(dtype=object)
            bad_s = (raw.ne("") & iso.isna()).to_numpy()
        else:
            country_s = np.full(n, None, dtype=object)
            bad_s = np.zeros(n, dtype=bool)
        if provinces is not None:
            prov_s = map_unique(
                per_row(provinces).astype(object),
                lambda v: "|".join(sorted(province_keys(v))),
                na_value="",
            ).to_numpy(dtype=object)
        else:
            prov_s = np.full(n, "", dtype=object)
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
                    for c, t in zip(
                        RESULT_COLUMNS, (object, object, bool, "int64", object, object, object)
                    )
                },
                index=index,
            )
        keys = pd.DataFrame({"n": name_s, "c": country_s, "b": bad_s, "h": home_s})
        if provinces is not None:
            keys["p"] = prov_s
        keys = keys.fillna({"c": "", "h": ""})
        codes, uniq = factorize_rows(keys)
        if provinces is None:
            uniq = [(*u, "") for u in uniq]
        results: list = []
        total = len(uniq)
        # per thread: the bundled gazetteer is shared by algorithms running at once
        outer = getattr(_RESOLVING, "should_stop", None)
        outer_suggest = getattr(_RESOLVING, "suggest", True)
        _RESOLVING.should_stop, _RESOLVING.suggest = should_stop, suggest
        try:
            self._check_stop()
            self.index  # noqa: B018 - built (first run only) before the first chunk
            for start in range(0, total, RESOLVE_CHUNK):
                self._check_stop()
                results.extend(
                    self._resolve_one(
                        nm,
                        c or None,
                        bool(b),
                        h or None,
                        frozenset(p.split("|")) if p else frozenset(),
                        accept_conflicts,
                    )
                    for nm, c, b, h, p in uniq[start : start + RESOLVE_CHUNK]
                )
                if progress is not None:
                    progress(len(results), total)
        finally:
            _RESOLVING.should_stop, _RESOLVING.suggest = outer, outer_suggest
        res = pd.DataFrame(results, columns=list(RESULT_COLUMNS))
        self._adopt_small(res)
        out = res.iloc[codes].reset_index(drop=True)
        out.index = index
        out["ambiguous"] = out["ambiguous"].astype(bool)
        out["candidates"] = out["candidates"].astype("int64")
        for col in ("city_id", "match", "reason", "suggestions"):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
        out["flags"] = out["flags"].fillna("").astype(object)
        return out

    def _adopt_small(self, res: pd.DataFrame) -> None:
        """Add the smaller places that resolved to ``cities`` (positions of the larger
        places, and so the index, are unchanged: they are appended)."""
        small = self._small_gaz
        if small is None:
            return
        used = res.loc[res["flags"].str.contains(FLAG_SMALL_PLACE, na=False), "city_id"]
        if used.empty:
            return
        have = set(self.cities["city_id"])
        new = small.cities[small.cities["city_id"].isin(set(used) - have)]
        if not new.empty:
            self.cities = pd.concat([self.cities, new[self.cities.columns]], ignore_index=True)

    # ------------------------------------------------------------------ helpers

    def info(self, city_id: str) -> pd.Series:
        """The row of one place."""
        rows = self.cities[self.cities["city_id"].eq(city_id)]
        if rows.empty:
            raise KeyError(city_id)
        return rows.iloc[0]


def _load_small() -> Gazetteer | None:
    path = GAZETTEER_DIR / "small_places.csv"
    if not path.is_file():
        return None
    # read (~0.2 s) and prepared (~0.25 s) with a look at the cancel in between
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    Gazetteer._check_stop()
    return Gazetteer(df, trusted=True)


def all_forms(cities: pd.DataFrame) -> list[str]:
    """Every name and alias of a gazetteer table, as the index reads them."""
    out: list[str] = []
    for col in ("name", "name_zh", "name_zh_hant"):
        out += [v for v in cities[col].tolist() if isinstance(v, str) and v]
    for al in cities["aliases"].tolist():
        if isinstance(al, str) and al:
            out += [a for a in al.split("|") if a]
    return out


# Held while the bundled gazetteer is read or an index built: the panel's warm-up
# (core/places/warmup.py) may be doing it in another thread when a run asks.
_LOAD_LOCK = threading.RLock()
# How often a thread waiting for _LOAD_LOCK looks at its cancel.
LOCK_POLL_S = 0.1


@contextmanager
def _load_lock(should_stop: Callable[[], bool] | None = None) -> Iterator[None]:
    """_LOAD_LOCK, waited for in short steps: a cancel (``should_stop``, else the
    running resolve's) raises ``Cancelled`` instead of waiting for the warm-up."""
    while not _LOAD_LOCK.acquire(timeout=LOCK_POLL_S):
        Gazetteer._check_stop(should_stop)
    try:
        yield
    finally:
        _LOAD_LOCK.release()


@lru_cache(maxsize=1)
def _bundled_gazetteer() -> Gazetteer:
    gaz = Gazetteer.from_csv(GAZETTEER_DIR / "cities.csv", small=_load_small, trusted=True)
    keys = GAZETTEER_DIR / "name_keys.csv"
    if keys.is_file():
        k = pd.read_csv(keys, dtype=str, keep_default_na=False, encoding="utf-8")
        gaz.form_keys = dict(zip(k["form"], k["key"]))
    return gaz
