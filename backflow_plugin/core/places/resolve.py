"""How the gazetteer matches names to places (pure Python + pandas, no QGIS).

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

import re
import threading
from collections.abc import Callable

import numpy as np
import pandas as pd

from ..errors import BackflowInputError, Cancelled
from ..messages import M
from ..schema import DEFAULT_HOME_COUNTRY
from ..vectorise import factorize_rows, map_unique
from .countries import Countries
from .name_index import MAX_SUGGEST_LENGTH, suggestions
from .names import _is_missing, is_missing_place, name_candidates, normalise_name
from .provinces import province_country, province_keys

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
_HAN_ANY = re.compile(r"[\u4e00-\u9fff]")


def _no_country(v: object) -> bool:
    # Missing markers in a country column mean no country; "NA" there is Namibia.
    return _is_missing(v) or (is_missing_place(v) and str(v).strip().upper() != "NA")


def _as_list(places) -> list[int]:
    return places if isinstance(places, list) else [places]


def check_stop(should_stop: Callable[[], bool] | None = None) -> None:
    """Raise ``Cancelled`` when ``should_stop`` (else the running resolve's cancel) says so."""
    stop = should_stop or getattr(_RESOLVING, "should_stop", None)
    if stop is not None and stop():
        raise Cancelled("resolving cancelled")


class Matching:
    """The matching half of ``Gazetteer``: what it adds to a gazetteer's places and
    ``index`` (``cities``, ``countries``, ``index``, ``_fuzzy()``, ``_small()`` and the
    caches are the gazetteer's)."""

    _check_stop = staticmethod(check_stop)

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
        return suggestions(self._fuzzy(), name, n, cutoff)

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

    def _choose(self, gaz: Matching, stages, country, prov, home, han=False):
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
                if len(ps) == 1 and top >= 2 and ps[0] in ps2:
                    # a ranked place (a prefecture: 长沙市) that the looser reading finds too,
                    # beside a bigger place with a town of that name (Chongqing's 长沙镇):
                    # only a small town gives way
                    break
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
                    M("error.places.unknown_home_country"),
                    column="HOME_COUNTRY",
                    value=home_country,
                    accepted=M("error.places.unknown_home_country.accepted"),
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
        # each distinct key's result in its final form, then one take per column
        res["ambiguous"] = res["ambiguous"].astype(bool)
        res["candidates"] = res["candidates"].astype("int64")
        for col in ("city_id", "match", "reason", "suggestions"):
            res[col] = res[col].astype(object).where(res[col].notna(), None)
        res["flags"] = res["flags"].fillna("").astype(object)
        out = res.take(codes)  # each column keeps its dtype (pandas 3 infers none anew)
        out.index = index
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
