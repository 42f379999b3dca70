"""Stage places: the long table's city names resolved to places of the gazetteer.

Every row is either placed (with its flags: historic name, province, alias...) or
listed as unresolved with its reason; the analysis level picks each row's node.
"""

from __future__ import annotations

import html
import inspect
import logging
from collections.abc import Callable

import numpy as np
import pandas as pd

from ..errors import BackflowInputError, Cancelled
from ..frames import take_rows, with_columns, without_columns
from ..messages import M
from ..places.aliases import FLAG_USER_ALIAS, apply_aliases
from ..places.cells import PLACED_BY_FLAGS, resolve_cells
from ..places.countries import Countries
from ..places.gazetteer import REASON_NO_PLACE, Gazetteer
from ..places.names import is_missing_place
from ..places.orgs import FLAG_FROM_ORG, fill_from_orgs
from ..schema import ANALYSIS_LEVELS, HOME_GIVEN, LEVEL_PREFECTURE
from ..tables.stage_labels import ACCEPTED_TEXT, normalise_stages, suggest_stage
from ..tables.wide_layout import looks_like_org
from ..vectorise import map_unique, strip_text
from .long_table import UNRESOLVED_COLUMNS, FieldMap, unresolved_rows

log = logging.getLogger("backflow")

# Flags a stage row can carry (";"-joined in STAGES.flags), in report order.
# (PLACED_BY_FLAGS: how core.places.cells read a cell: an organisation of the bundled
# table, a country/state/province written with the place, a city in an organisation's name)
FLAGS = (
    "historic",
    "province",
    "small_place",
    "country_conflict",
    FLAG_FROM_ORG,
    FLAG_USER_ALIAS,
    "province_only",  # the row names only a province (core/places/province_places.py)
    "fuzzy",  # an OCR or typing slip matched by edit distance (core/places/tolerant.py)
    "tolerant",  # abbreviations, address parts, a county for its seat (core/places/tolerant.py)
    *PLACED_BY_FLAGS,
)

HOME_BIRTH = "birth"  # HOME_COUNTRY value: each person's birth country is home
HOME_BIRTH_ALIASES = {
    "birth",
    "birth country",
    "each person's birth country",
    "出生国",
    "出生地国家",
}

# --------------------------------------------------------------------------- geocoding


def geocode(
    long: pd.DataFrame,
    gazetteer: Gazetteer,
    countries: Countries,
    home_country: str,
    fields: FieldMap,
    file_label: str = "input",
    *,
    level: str = LEVEL_PREFECTURE,
    aliases: pd.DataFrame | None = None,
    org_table: pd.DataFrame | None = None,
    accept_conflicts: bool = False,
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Label stages and resolve cities. Returns (stages, unresolved).

    Before resolving: the user's aliases replace matching city cells (flag
    ``user_alias``), then rows with an organisation and no city take one from the
    organisation (``core.places.orgs``, flag ``from_org``). A city cell that names an
    organisation or writes a country or province with the place is read by
    ``core.places.cells`` (flags ``org_gazetteer``, ``compound_place``,
    ``org_city_rule``). ``level`` picks the node each
    stage counts at: its prefecture-level city or its county (see ``place_levels``).
    ``should_stop`` / ``progress(done, total)``: asked and told per chunk of distinct
    names (``Gazetteer.resolve``); a True from ``should_stop`` raises ``Cancelled``.
    """
    level = check_level(level)

    def checkpoint() -> None:
        if should_stop is not None and should_stop():
            raise Cancelled("resolving cancelled")

    problems = []
    dropped = 0  # wide tables: org-only cells that found no city (no stage)
    # Stage labels.
    stages, unknown = normalise_stages(long["stage"])
    if unknown.any():
        n_labels = strip_text(long["stage"]).ne("").sum()
        if unknown.sum() > 0.5 * max(n_labels, 1):
            first = long[unknown].iloc[0]
            raise BackflowInputError(
                M("error.import.stage_labels", unknown=int(unknown.sum()), labels=int(n_labels)),
                file=file_label,
                column=fields.stage or "stage",
                row=int(first["source_row"]),
                value=first["stage"],
                accepted=ACCEPTED_TEXT,
            )
        bad = long[unknown]
        sugg = bad["stage"].map(lambda v: "; ".join(suggest_stage(v)))
        problems.append(
            unresolved_rows(bad, fields.stage or "stage", bad["stage"], "unknown stage label", sugg)
        )
    long = with_columns(long, {"stage": stages})  # the caller's frame is not changed
    if unknown.any():
        long = take_rows(long, ~unknown)
    checkpoint()

    # The user's aliases, then cities from organisations.
    city_raw = long["city"]
    city, country, by_alias = apply_aliases(city_raw, long["country"], aliases)
    if "_org_place" in long.columns and aliases is not None:
        # a wide stage placed by its organisation only: an alias of that name (the
        # review lists such organisations) gives its place
        org_cells = long["_org_place"].astype(bool) & city_raw.eq("")
        by_name, name_country, hit = apply_aliases(
            long["org"].where(org_cells, ""), country, aliases
        )
        hit &= org_cells
        city, country = city.where(~hit, by_name), country.where(~hit, name_country)
        by_alias = by_alias | hit
    missing = map_unique(city, is_missing_place, na_value=True).astype(bool)
    by_org = pd.Series(False, index=long.index)
    if "org" in long.columns and missing.any():
        city, country, by_org = fill_from_orgs(
            city, country, long["org"], missing, gazetteer, org_table, countries
        )
        missing &= ~by_org
    as_place = pd.Series(False, index=long.index)
    if "_org_place" in long.columns:
        # a wide stage placed by its organisation only, whose organisation gives no
        # city: the cell may name a place (美国波士顿, "Cambridge, MA"), read as one;
        # it stays the stage's organisation only when it reads as one
        as_place = missing & long["_org_place"].astype(bool) & strip_text(long["org"]).ne("")
        if as_place.any():
            city = city.where(~as_place, long["org"])
            city_raw = city_raw.where(~as_place, long["org"])  # STAGES keeps what was written
            missing &= ~as_place
            keep = map_unique(long["org"], looks_like_org, na_value=False).astype(bool)
            long = with_columns(long, {"org": long["org"].where(~as_place | keep, "")})
    if by_alias.any() or by_org.any() or as_place.any():
        long = with_columns(long, {"city": city, "country": country})

    # No place given: blank or a missing marker (long form; a wide table's org-only
    # cells that found no city are no stage at all, as its empty cells).
    if missing.any():
        if "_org_only" in long.columns:
            drop = missing & long["_org_only"].astype(bool)
            dropped = int(drop.sum())
            long, missing = take_rows(long, ~drop), missing[~drop]
            by_alias, by_org = by_alias[~drop], by_org[~drop]
        if missing.any():
            problems.append(
                unresolved_rows(
                    long[missing],
                    long.loc[missing, "source_column"],
                    city_raw.loc[long.index[missing.to_numpy()]],
                    REASON_NO_PLACE,
                )
            )
            long = take_rows(long, ~missing)
            by_alias, by_org = by_alias[~missing], by_org[~missing]

    # Countries given in the row.
    given = strip_text(long["country"])
    iso = countries.to_iso2(given.where(given.ne(""), None))
    bad_country = given.ne("") & iso.isna()
    if bad_country.any():
        col = fields.country or "country"
        problems.append(
            unresolved_rows(
                long[bad_country], col, long.loc[bad_country, "country"], "unknown country"
            )
        )
        long, iso = take_rows(long, ~bad_country), iso[~bad_country]
        by_alias, by_org = by_alias[~bad_country], by_org[~bad_country]
    long = with_columns(long, {"country_given": iso.values})

    # Home country: fixed, or each person's birth country.
    per_birth = str(home_country).strip().casefold() in HOME_BIRTH_ALIASES
    if per_birth:
        home = _birth_countries(long, gazetteer)
    else:
        code = countries.to_iso2(pd.Series([home_country])).iloc[0]
        if code is None:
            raise BackflowInputError(
                M("error.places.unknown_home_country"),
                column="HOME_COUNTRY",
                value=home_country,
                accepted=M("error.places.home_country_or_birth"),
            )
        home = pd.Series(code, index=long.index)
    if HOME_GIVEN in long.columns:  # a per-person home from the source (an ORCID reader)
        given = countries.to_iso2(strip_text(long[HOME_GIVEN]).replace("", None))
        home = given.where(given.notna(), home.values).set_axis(long.index)

    checkpoint()
    options = _resolve_options(gazetteer, long, fields, accept_conflicts)
    params = _resolve_params(gazetteer)
    for key, value in (("should_stop", should_stop), ("progress", progress)):
        if value is not None and key in params:
            options[key] = value
    # Cells naming an organisation or a country/province with the place: core.places.cells.
    res = _resolve_distinct(
        gazetteer, _unescape(long["city"]), long["country_given"], home, options
    )
    ok = res["city_id"].notna()
    if (~ok).any():
        bad = long[~ok]
        raw = city_raw.reindex(bad.index)
        problems.append(
            unresolved_rows(
                bad,
                bad["source_column"],
                raw.where(strip_text(raw).ne(""), bad["city"]),
                res.loc[~ok, "reason"].fillna("unknown city"),
                res.loc[~ok, "suggestions"].fillna(""),
            )
        )
    flags = _join_flags(
        res["flags"].fillna("").astype(str) if "flags" in res.columns else None,
        {FLAG_FROM_ORG: by_org, FLAG_USER_ALIAS: by_alias},
    )
    checkpoint()
    ok_np = ok.to_numpy()
    place_id = res.loc[ok, "city_id"]
    nodes = place_levels(gazetteer, place_id)
    checkpoint()
    node_id = nodes[f"{level}_id"]
    cities = gazetteer.cities
    node_pos = _positions(cities["city_id"], node_id)
    # our own frame since the stage filter above: a copy only when rows go
    kept = long if ok_np.all() else take_rows(long, ok_np)
    country_of = cities["country"].to_numpy(dtype=object)[node_pos]
    names = cities["name"].to_numpy(dtype=object)
    new = {
        "city_id": node_id.to_numpy(),
        "match": res["match"].to_numpy()[ok_np],
        "ambiguous": res["ambiguous"].astype(bool).to_numpy()[ok_np],
        "home_country": home.to_numpy()[ok_np],
        "flags": flags.to_numpy()[ok_np],
        "place_id": place_id.to_numpy(),
        "county_id": nodes["county_id"].to_numpy(),
        "prefecture_id": nodes["prefecture_id"].to_numpy(),
        "city_input": city_raw.reindex(kept.index).to_numpy(),
        "city": names[node_pos],
        "country": country_of,
        "province": cities["province"].to_numpy(dtype=object)[node_pos],
        "domestic": country_of == home.to_numpy()[ok_np],
        "org": kept["org"].replace("", None).to_numpy(),
    }
    long = with_columns(kept, new)  # no whole-frame copy
    long = without_columns(long, ("_org_only", "_org_place"))
    unresolved = (
        pd.concat(problems, ignore_index=True)
        if problems
        else pd.DataFrame(columns=UNRESOLVED_COLUMNS)
    )
    long.attrs["dropped_rows"] = dropped
    return long, unresolved


def _resolve_distinct(
    gazetteer: Gazetteer, names: pd.Series, countries: pd.Series, home: pd.Series, options: dict
) -> pd.DataFrame:
    """``resolve_cells`` of each distinct row (name, country, home, province) once, its
    result given to every row like it: what a row resolves to depends on these alone,
    and a million stages name a few thousand distinct places."""
    inputs = {"name": names, "country": countries, "home": home.reindex(names.index)}
    provinces = options.get("provinces")
    if provinces is not None:
        inputs["province"] = provinces.reindex(names.index)
    codes = np.zeros(len(names), dtype=np.int64)
    for values in inputs.values():  # the columns' codes combined pairwise, re-coded each time
        of_column, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=False)
        if len(uniques) > 1:
            codes, _ = pd.factorize(codes * len(uniques) + of_column)
    _, first = np.unique(codes, return_index=True)  # a row of each, in first-seen order
    distinct = {k: v.iloc[first].reset_index(drop=True) for k, v in inputs.items()}
    if provinces is not None:
        options = {**options, "provinces": distinct["province"]}
    res = resolve_cells(
        gazetteer, distinct["name"], distinct["country"], distinct["home"], **options
    )
    out = res.take(codes)  # each column keeps its dtype (pandas 3: text stays str)
    out.index = names.index
    return out


def _positions(ids: pd.Series, wanted: pd.Series) -> np.ndarray:
    """Row positions in ``ids`` of each value of ``wanted`` (looked up once per value)."""
    codes, uniques = pd.factorize(wanted)
    return pd.Index(ids).get_indexer(uniques)[codes]


def check_level(level) -> str:
    """'prefecture' / 'county' (or their index 0 / 1) -> the level's name."""
    if isinstance(level, (int, np.integer)) and 0 <= int(level) < len(ANALYSIS_LEVELS):
        return ANALYSIS_LEVELS[int(level)]
    text = str(level).strip().casefold()
    if text in ANALYSIS_LEVELS:
        return text
    raise BackflowInputError(
        M("error.import.unknown_level"),
        column="LEVEL",
        value=level,
        accepted=", ".join(ANALYSIS_LEVELS),
    )


def place_levels(gazetteer: Gazetteer, place_id: pd.Series) -> pd.DataFrame:
    """county_id and prefecture_id of each resolved place.

    A gazetteer without those columns (an own point layer, or an older table), or a
    row whose parent is not in the gazetteer, makes each place its own node.
    """
    # each distinct place looked up once (as text)
    codes, uniques = pd.factorize(place_id, use_na_sentinel=False)
    ids = np.asarray([str(u) for u in uniques], dtype=object)
    out = {"county_id": ids, "prefecture_id": ids}
    cities = gazetteer.cities
    known = pd.Index(cities["city_id"])
    for col in ("county_id", "prefecture_id"):
        if col not in cities.columns:
            continue
        parent = cities[col].astype(object)
        parent = parent.where(parent.notna() & parent.isin(known), cities["city_id"])
        lookup = pd.Series(parent.astype(str).to_numpy(), index=cities["city_id"].to_numpy())
        out[col] = np.asarray([lookup.get(v, v) for v in ids], dtype=object)
    return pd.DataFrame({k: v[codes] for k, v in out.items()}, index=place_id.index)


def _resolve_params(gazetteer) -> dict:
    try:
        return dict(inspect.signature(gazetteer.resolve).parameters)
    except (TypeError, ValueError):
        return {}


def _resolve_options(
    gazetteer: Gazetteer, long: pd.DataFrame, fields: FieldMap, accept_conflicts: bool
) -> dict:
    """Keyword arguments the gazetteer's resolve() takes (older versions take fewer)."""
    params = _resolve_params(gazetteer)
    options: dict = {}
    if fields.province and "province_given" in long.columns:
        if "provinces" in params:
            options["provinces"] = long["province_given"]
        else:
            log.warning("This gazetteer cannot use provinces; the province column is ignored")
    if accept_conflicts and "accept_conflicts" in params:
        options["accept_conflicts"] = True
    return options


def _join_flags(resolver: pd.Series | None, own: dict[str, pd.Series]) -> pd.Series:
    """The resolver's flags plus ours, ';'-joined in FLAGS order ("" for none)."""
    index = next(iter(own.values())).index
    parts = pd.Series("", index=index) if resolver is None else resolver.reindex(index).fillna("")
    for flag, mask in own.items():
        if mask.any():
            parts = parts.where(~mask, parts + np.where(parts.eq(""), "", ";") + flag)
    return parts


def flag_counts(flags: pd.Series) -> dict[str, int]:
    """Rows carrying each flag (every flag of FLAGS, 0 when absent)."""
    counts = dict.fromkeys(FLAGS, 0)
    for value, n in flags.fillna("").astype(str).value_counts().items():
        for flag in filter(None, value.split(";")):
            counts[flag] = counts.get(flag, 0) + int(n)
    return counts


def _unescape(names: pd.Series) -> pd.Series:
    """Names exported from web pages may carry HTML entities ('&#346;eteniai')."""
    has = map_unique(names, lambda v: "&" in str(v), na_value="&" in str(np.nan)).astype(bool)
    return names.where(~has, names[has].map(html.unescape)) if has.any() else names


def _birth_countries(long: pd.DataFrame, gazetteer: Gazetteer) -> pd.Series:
    """Each person's home = the country of the birth stage (given, else geocoded)."""
    first = long.sort_values("seq").drop_duplicates("person_id")
    births = long[long["stage"].eq("birth")].drop_duplicates("person_id")
    births = pd.concat([births, first[~first["person_id"].isin(births["person_id"])]])
    country = births["country_given"].copy()
    need = country.isna()
    if need.any():
        res = resolve_cells(gazetteer, births.loc[need, "city"], None, None)
        ids = res["city_id"]
        lookup = gazetteer.cities.set_index("city_id")["country"]
        country.loc[need] = ids.map(lookup).values
    by_person = pd.Series(country.values, index=births["person_id"].values)
    return long["person_id"].map(by_person)
