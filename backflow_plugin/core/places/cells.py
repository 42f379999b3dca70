"""Stage cells that name a place or an organisation, resolved as either.

A cell the gazetteer does not find as it stands is read again, in this order, and
the first reading the gazetteer confirms is kept (each flagged in STAGES.flags):

1. ``org_gazetteer``: an organisation of the bundled organisation gazetteer
   (``core/places/org_gazetteer.py``): 南京大学, 斯坦福大学, 美国加州大学洛杉矶分校, "MIT",
   中国科学院上海有机化学研究所 -> the city of its main campus, or of the campus the
   cell names (北京大学深圳研究生院 -> Shenzhen). A cell that is exactly an
   organisation's name also wins over a weak place match: "Harvard" is Harvard
   University (Cambridge, MA), not the village of Harvard, Illinois, which the
   gazetteer finds only among small places or as one of several.
2. ``compound_place``: a country, state or province written with the place
   (``core/places/compound.py``): 美国波士顿, 英国伦敦, "Boston USA", "Boston MA",
   浙江省诸暨县 (the county; the analysis level then counts it at its prefecture,
   Shaoxing, or at Zhuji with LEVEL county).
3. ``org_city_rule``: an organisation name that is not in the table but contains a
   city (苏州科技大学 -> Suzhou, "University of Tokyo" -> Tokyo), read by the rules of
   ``core/places/orgs.PlaceInName``: a name that holds only a province or a state (浙江大学
   without its entry, "Ohio State University") gives no city, never the capital.

Years, spans and degree words beside the place are left out for these readings
(斯坦福大学 2008-2012 博士后). A row's own country holds: a reading in another country
is not taken (China given for Hong Kong, Macao or Taiwan fits, as for places). A place
the gazetteer found for a cell that only looks like an organisation ("College Park",
"State College") gives way to the organisation table only, never to a reading of its
words; a place named University or College never stands for an organisation. Cells
that still do not resolve get suggestions that make sense (``sensible_suggestions``).
"""

from __future__ import annotations

import difflib
import re

import pandas as pd

from ..schema import DEFAULT_HOME_COUNTRY
from ..vectorise import map_unique
from .compound import has_han, place_candidates, split_han_country, strip_noise
from .countries import Countries
from .gazetteer import Gazetteer
from .org_gazetteer import OrgGazetteer, org_form_key
from .orgs import GENERIC_WORDS, PlaceInName
from .resolve import (
    GREATER_CHINA,
    MATCH_ALIAS,
    MATCH_EXACT,
    REASON_COUNTRY_CONFLICT,
    REASON_OTHER_COUNTRY,
    REASON_UNKNOWN,
)

FLAG_ORG_GAZETTEER = "org_gazetteer"
FLAG_COMPOUND_PLACE = "compound_place"
FLAG_ORG_CITY_RULE = "org_city_rule"
PLACED_BY_FLAGS = (FLAG_ORG_GAZETTEER, FLAG_COMPOUND_PLACE, FLAG_ORG_CITY_RULE)
# Reasons another reading can fix (the others concern the country or home columns).
_READ_AGAIN = (REASON_UNKNOWN, REASON_OTHER_COUNTRY, REASON_COUNTRY_CONFLICT)
_WEAK_FLAGS = ("small_place",)
_WEAK = re.compile("|".join(_WEAK_FLAGS))
ORG_WORDS = re.compile(
    r"大学|大學|学院|學院|研究所|研究院|研究中心|科学院|科學院|医院|醫院|实验室|實驗室|"
    r"公司|集团|中心|学校|學校|天文台|植物园|"
    r"univ|\binst\b|institut|college|school|academy|laborator|hospital|\bcent(?:er|re)\b|"
    r"\binc\b|\bcorp|\bltd\b|\bgmbh\b|\blabs?\b|polytechnic|observatory",
    re.IGNORECASE,
)
# Characters that say what kind of organisation, not where: two cells sharing only
# these share no place name.
_GENERIC_HAN = set("大学學院所研究中心科技理工医醫师師范範农農业業国國立省市县縣区區州")
MAX_SUGGESTIONS = 3


def looks_like_org(cell: object) -> bool:
    return bool(ORG_WORDS.search(str(cell)))


def resolve_cells(
    gazetteer: Gazetteer,
    names: pd.Series,
    countries: pd.Series | None = None,
    home_country: str | pd.Series | None = DEFAULT_HOME_COUNTRY,
    *,
    orgs: OrgGazetteer | None = None,
    country_table: Countries | None = None,
    use_bundled_orgs: bool = True,
    **options,
) -> pd.DataFrame:
    """``Gazetteer.resolve`` (same arguments and result) plus the readings of the
    module docstring for cells it leaves unresolved or finds only weakly.

    ``orgs``: an organisation gazetteer (default: the bundled one, unless
    ``use_bundled_orgs`` is False). ``options`` go to ``Gazetteer.resolve``.
    """
    if not isinstance(names, pd.Series):
        names = pd.Series(names, dtype=object)
    res = gazetteer.resolve(names, countries, home_country, **options)
    if orgs is None and use_bundled_orgs:
        orgs = OrgGazetteer.bundled()
    ctab = country_table or gazetteer.countries or Countries.bundled()
    text = map_unique(names.astype(object), lambda v: str(v).strip(), na_value="")
    unresolved = res["city_id"].isna() & res["reason"].isin(_READ_AGAIN).to_numpy()
    # A place found for a cell that names an organisation is read again ("Hunan
    # University": the gazetteer reads the province, then a place called University),
    # and so is a weak match of an organisation's name ("Harvard": a village among the
    # small places).
    found = res["city_id"].notna()
    weak = pd.Series(False, index=names.index)
    if found.any():
        named = map_unique(text[found], looks_like_org, na_value=False).astype(bool)
        hits = res[found]
        maybe = (
            hits["ambiguous"].astype(bool)
            | map_unique(hits["flags"], _is_weak, na_value=False).astype(bool)
            | ~hits["match"].isin((MATCH_EXACT,))
        )
        if orgs is not None and maybe.any():
            named |= maybe & map_unique(text[found], lambda s: orgs.names_whole(s)).astype(bool)
        weak = named.reindex(names.index, fill_value=False)
    todo = unresolved | weak
    if not todo.any():
        return _with_sensible_suggestions(res, text, gazetteer, orgs)

    at = names.index[todo.to_numpy()]
    given = _per_row(countries, at)
    given_iso = ctab.to_iso2(given.where(given.ne(""), None)) if given.ne("").any() else given
    rows = pd.DataFrame(
        {"cell": text[at], "given": given_iso.fillna(""), "home": _per_row(home_country, at)}
    )
    row_keys = pd.Series(list(rows.itertuples(index=False, name=None)), index=rows.index)
    keys = list(dict.fromkeys(row_keys))
    # A real place the gazetteer found ("College Park" looks like an organisation) gives
    # way to the organisation table only, never to a reading of its words.
    generic = _generic_place(gazetteer, res.loc[rows.index, "city_id"])
    has_place = set(row_keys[(weak[rows.index] & ~generic).to_numpy()])
    readings: list[tuple] = []  # (key, place, country, province, flag, strict)
    rule_asks: list[tuple] = []
    for key in keys:
        raw, given_c, _home = key
        # the cell as written, then without years and degrees ("斯坦福大学 2008-2012 博士后")
        bare = strip_noise(raw)
        for cell in (raw, bare) if bare and bare != raw else (raw,):
            org = orgs.find(cell, ctab) if orgs is not None else None
            if org is not None and _same_country(given_c, org.country):
                # the table's Chinese names of cities abroad come after their country
                flag = FLAG_COMPOUND_PLACE if org.kind == "place" else FLAG_ORG_GAZETTEER
                if org.campus:
                    readings.append((key, org.campus, org.country, "", flag, True))
                readings.append((key, org.place_text, org.country, "", flag, False))
            if key in has_place:
                continue
            if cell is bare:
                readings.append((key, bare, given_c, "", FLAG_COMPOUND_PLACE, False))
            for place, c, prov in place_candidates(cell, ctab):
                if c and not _same_country(given_c, c):
                    continue
                readings.append(
                    (key, place, given_c or c or "", prov or "", FLAG_COMPOUND_PLACE, False)
                )
        if key not in has_place and looks_like_org(bare or raw):
            rule_asks.append(key)
    if rule_asks:
        finder = PlaceInName(gazetteer, ctab)
        asks = {key: _rule_question(key[0], key[1]) for key in rule_asks}
        found = finder.find_many([a for a in asks.values() if a is not None])
        for key, ask in asks.items():
            hit = found.get(ask) if ask is not None else None
            if hit is not None:
                readings.append((key, hit[0], ask[1] or hit[1], "", FLAG_ORG_CITY_RULE, False))
    chosen = _first_confirmed(gazetteer, readings, options)
    res = res.copy()
    hit = row_keys.map(lambda k: k in chosen)
    generic = weak[rows.index] & ~hit & generic
    if generic.any():  # "Hunan University" is no place called University
        idx = generic.index[generic.to_numpy()]
        res.loc[idx, ["city_id", "match"]] = None
        res.loc[idx, "ambiguous"] = False
        res.loc[idx, "candidates"] = 0
        res.loc[idx, "flags"] = ""
        res.loc[idx, "reason"] = _READ_AGAIN[0]
    if chosen:
        idx = hit.index[hit.to_numpy()]
        # (city_id, match, candidates, ambiguous, flags) per row, from one tuple per key
        picked = list(zip(*(chosen[k] for k in row_keys[hit.to_numpy()])))
        res.loc[idx, "city_id"] = list(picked[0])
        res.loc[idx, "match"] = list(picked[1])
        res.loc[idx, "candidates"] = list(picked[2])
        res.loc[idx, "ambiguous"] = list(picked[3])
        res.loc[idx, ["reason", "suggestions"]] = None
        res.loc[idx, "flags"] = list(picked[4])
    return _with_sensible_suggestions(res, text, gazetteer, orgs)


def _is_weak(flags: object) -> bool:
    return bool(_WEAK.search(str(flags)))


def _only_generic_words(name: object) -> bool:
    # one word, as written: University, College, Institute; not State College, Lab City
    words = str(name or "").casefold().split()
    return len(words) == 1 and words[0] in GENERIC_WORDS


def _generic_place(gazetteer: Gazetteer, city_ids: pd.Series) -> pd.Series:
    """True where the place's name is one word for a kind of organisation (University,
    College: real small places in the US, never what an organisation's name means)."""
    names = dict(zip(gazetteer.cities["city_id"], gazetteer.cities["name"]))
    return map_unique(
        city_ids.astype(object),
        lambda c: _only_generic_words(names.get(c, "")),
        na_value=False,
    ).astype(bool)


def _same_country(given: str, found: str) -> bool:
    """A reading in ``found`` fits a row that gives ``given`` (or none): sources often
    give China for Hong Kong, Macao and Taiwan, which keep their own codes."""
    return not given or given == found or found in GREATER_CHINA.get(given, ())


def _rule_question(cell: str, given: str) -> tuple[str, str | None] | None:
    """(name, country) to read a city from, years and degrees left out: a Chinese
    country written before the name is its country (美国休斯顿某某学院 -> 休斯顿某某学院
    in the US); None when that country is not the row's."""
    cell = strip_noise(cell) or cell
    split = split_han_country(cell) if has_han(cell) else None
    if split is None:
        return (cell, given or None)
    rest, iso2 = split
    if given and given != iso2:
        return None
    return (rest, iso2)


def _per_row(values, index) -> pd.Series:
    if isinstance(values, pd.Series):
        s = values.reindex(index)
    else:
        s = pd.Series([values] * len(index), index=index, dtype=object)
    return map_unique(s.astype(object), lambda v: str(v).strip(), na_value="")


def _first_confirmed(gazetteer: Gazetteer, readings: list[tuple], options: dict) -> dict:
    """{key: (city_id, match, candidates, ambiguous, flags)} of the first reading of
    each key the gazetteer finds (flags: the gazetteer's, then the reading's).

    A campus reading (``strict``) counts only when found by name or alias in the
    organisation's own country; other readings as the gazetteer finds them.
    """
    if not readings:
        return {}
    places = pd.Series([r[1] for r in readings], dtype=object)
    given = pd.Series([r[2] for r in readings], dtype=object)
    homes = pd.Series([r[0][2] or None for r in readings], dtype=object)
    provs = pd.Series([r[3] for r in readings], dtype=object)
    extra = {k: v for k, v in options.items() if k in ("should_stop", "accept_conflicts")}
    got = gazetteer.resolve(places, given, homes, provinces=provs, suggest=False, **extra)
    got.loc[_generic_place(gazetteer, got["city_id"]).to_numpy(), "city_id"] = None
    out: dict = {}
    for i, r in enumerate(readings):
        key, flag, strict = r[0], r[4], r[5]
        if key in out or got["city_id"].iat[i] is None:
            continue
        if strict and got["match"].iat[i] not in (MATCH_EXACT, MATCH_ALIAS):
            continue
        old = got["flags"].iat[i] or ""
        out[key] = (
            got["city_id"].iat[i],
            got["match"].iat[i],
            int(got["candidates"].iat[i]),
            bool(got["ambiguous"].iat[i]),
            f"{old};{flag}" if old else flag,
        )
    return out


# --------------------------------------------------------------------------- suggestions


def _with_sensible_suggestions(res, text, gazetteer, orgs) -> pd.DataFrame:
    bad = res["city_id"].isna() & res["reason"].isin(_READ_AGAIN).to_numpy()
    if not bad.any():
        return res
    res = res.copy()
    cells = text[bad]
    first = pd.DataFrame({"cell": cells, "fuzzy": res.loc[bad, "suggestions"]})
    first = first.drop_duplicates("cell")
    memo = {
        c: "; ".join(sensible_suggestions(c, gazetteer, orgs, f)) or None
        for c, f in zip(first["cell"], first["fuzzy"])
    }
    res.loc[bad, "suggestions"] = cells.map(memo)
    return res


def sensible_suggestions(
    cell: str, gazetteer: Gazetteer, orgs: OrgGazetteer | None, fuzzy: str | None = None
) -> list[str]:
    """Up to MAX_SUGGESTIONS "Place (CC)" labels for an unresolved cell, best first.

    Never a place whose name only sounds or spells alike in another script: a cell in
    Chinese characters gets the places whose Chinese name it contains, the cities of
    organisations with a close Chinese name, and the gazetteer's own suggestions only
    when the place's Chinese name shares characters with the cell beyond generic ones
    (大学, 学院, 研究所...). A Latin cell naming an organisation gets the cities of
    organisations with a close name and the places its words name; a plain Latin
    place name keeps the gazetteer's spelling suggestions.
    """
    out: list[str] = []
    fuzzy_labels = [s.strip() for s in str(fuzzy or "").split(";") if s.strip()]
    if has_han(cell):
        out += _han_places_in(cell, gazetteer)
        out += _close_in_country(cell, gazetteer)
        out += _close_orgs(cell, orgs, han=True)
        zh = _zh_names(gazetteer)
        for label in fuzzy_labels:
            chars = set(zh.get(label, "")) - _GENERIC_HAN
            if len(chars & set(cell)) >= 2:
                out.append(label)
    elif looks_like_org(cell):
        out += _close_orgs(cell, orgs, han=False)
        words = [w for w in re.split(r"[\s,;()]+", cell) if len(w) > 3]
        out += [s for s in fuzzy_labels if s.split(" (")[0] in words]
    else:
        out += fuzzy_labels
    written = split_han_country(cell) if has_han(cell) else None
    if written is not None:  # 韩国奥斯汀: places in Korea only
        out = [s for s in out if s.endswith(f"({written[1]})")]
    return list(dict.fromkeys(out))[:MAX_SUGGESTIONS]


def _han_places_in(cell: str, gazetteer: Gazetteer) -> list[str]:
    """Places whose Chinese name is written in the cell, longest names and larger
    places first (北京大学 -> Beijing)."""
    ix = gazetteer.index
    found: dict[int, tuple] = {}
    for i in range(len(cell)):
        for n in range(min(8, len(cell) - i), 1, -1):
            sub = cell[i : i + n]
            if not has_han(sub):
                continue
            for table in (ix.exact, ix.alias):
                hit = table.get(sub)
                if hit is None:
                    continue
                for p in hit if isinstance(hit, list) else [hit]:
                    score = (n, int(ix.tier[p]), float(ix.prominence[p]))
                    if p not in found or found[p] < score:
                        found[p] = score
    order = sorted(found, key=lambda p: found[p], reverse=True)
    return list(dict.fromkeys(ix.label[p] for p in order))[:MAX_SUGGESTIONS]


def _close_in_country(cell: str, gazetteer: Gazetteer) -> list[str]:
    """美国波斯顿 -> Boston (US): a Chinese place name close to the one written after a
    country, among that country's places."""
    split = split_han_country(cell)
    if split is None:
        return []
    rest, iso2 = split
    names = _zh_by_country(gazetteer).get(iso2, {})
    scored = []
    matcher = difflib.SequenceMatcher(b=rest)
    for rank, name in enumerate(names):  # names run from the most prominent place
        matcher.set_seq1(name)
        if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
            ratio = matcher.ratio()
            if ratio >= 0.6:
                scored.append((-round(ratio, 2), rank, names[name]))
    return [label for _, _, label in sorted(scored)[:MAX_SUGGESTIONS]]


def _zh_by_country(gazetteer: Gazetteer) -> dict[str, dict[str, str]]:
    """country -> {Chinese name: label} of the gazetteer's places (the most prominent
    place of a name)."""
    cached = gazetteer.__dict__.get("_zh_by_country")
    if cached is None:
        ix = gazetteer.index
        cities = gazetteer.cities
        n = len(ix.label)
        order = sorted(range(n), key=lambda p: -float(ix.prominence[p]))
        zh = cities["name_zh"].to_numpy(dtype=object)
        cached = {}
        for p in order:
            name, country = zh[p], ix.country[p]
            if isinstance(name, str) and name and country:
                cached.setdefault(country, {}).setdefault(name, ix.label[p])
        gazetteer.__dict__["_zh_by_country"] = cached
    return cached


def _close_orgs(cell: str, orgs: OrgGazetteer | None, han: bool) -> list[str]:
    """Cities of organisations whose name is close to the cell's."""
    if orgs is None:
        return []
    key = org_form_key(cell)
    marks = _marks(key, han)
    if not marks:
        return []
    index = _org_index(orgs, han)
    counts: dict[str, int] = {}
    for m in marks:
        for k in index.get(m, ()):
            counts[k] = counts.get(k, 0) + 1
    need = min(2, len(marks))
    pool = [k for k, n in counts.items() if n >= need]
    close = difflib.get_close_matches(key, pool, n=MAX_SUGGESTIONS, cutoff=0.8 if han else 0.85)
    out = []
    for k in close:
        hit = orgs.hit_of_key(k)
        if hit is not None:
            out.append(f"{hit.place_text} ({hit.country})")
    return out


def _marks(key: str, han: bool) -> set[str]:
    """What two close names share: non-generic characters (Chinese) or trigrams."""
    if han:
        return set(key) - _GENERIC_HAN
    return {key[i : i + 3] for i in range(len(key) - 2)}


def _org_index(orgs: OrgGazetteer, han: bool) -> dict[str, list[str]]:
    cache = orgs.__dict__.setdefault("_marks_index", {})
    if han not in cache:
        index: dict[str, list[str]] = {}
        for k in orgs.keys():
            if has_han(k) == han:
                for m in _marks(k, han):
                    index.setdefault(m, []).append(k)
        cache[han] = index
    return cache[han]


def _zh_names(gazetteer: Gazetteer) -> dict[str, str]:
    """label -> the place's Chinese names run together (for the shared-character test)."""
    cached = gazetteer.__dict__.get("_zh_by_label")
    if cached is None:
        ix = gazetteer.index
        cities = gazetteer.cities
        zh = (cities["name_zh"].fillna("") + cities["name_zh_hant"].fillna("")).to_numpy()
        cached = {}
        for label, names in zip(ix.label, zh[: len(ix.label)]):
            cached[label] = cached.get(label, "") + str(names)
        gazetteer.__dict__["_zh_by_label"] = cached
    return cached


def placed_by_counts(flags: pd.Series) -> dict[str, int]:
    """Rows placed by each reading of this module (0 when none)."""
    text = flags.fillna("").astype(str)
    return {f: int(text.str.contains(rf"(?:^|;){f}(?:;|$)").sum()) for f in PLACED_BY_FLAGS}


__all__ = [
    "FLAG_COMPOUND_PLACE",
    "FLAG_ORG_CITY_RULE",
    "FLAG_ORG_GAZETTEER",
    "PLACED_BY_FLAGS",
    "looks_like_org",
    "placed_by_counts",
    "resolve_cells",
    "sensible_suggestions",
]
