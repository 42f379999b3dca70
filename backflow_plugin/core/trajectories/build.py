"""From a trajectory table to geocoded stages, flows, routes and cities.

Everything here is vectorised pandas; the only per-item Python work is on distinct
city names and distinct origin-destination pairs, never per row.
"""

from __future__ import annotations

import html
import inspect
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import schema
from ..errors import BackflowInputError, Cancelled
from ..places.aliases import FLAG_USER_ALIAS, apply_aliases
from ..places.cells import PLACED_BY_FLAGS, resolve_cells
from ..places.countries import Countries
from ..places.gazetteer import REASON_NO_PLACE, Gazetteer
from ..places.names import is_missing_place
from ..places.orgs import FLAG_FROM_ORG, fill_from_orgs
from ..schema import ANALYSIS_LEVELS, HOME_GIVEN, LEVEL_PREFECTURE
from ..tables.reshape import WideStage, wide_to_long
from ..tables.stage_labels import ACCEPTED_TEXT, normalise_stages, suggest_stage
from ..tables.wide_layout import looks_like_org
from ..vectorise import map_unique, numbers_in_text, strip_text
from .flow_lines import GEODESIC, MAX_POINTS, Part, budget_max_points, flow_lines, join_legs
from .returns import find_returns

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
UNRESOLVED_COLUMNS = ("source_row", "person_id", "column", "value", "reason", "suggestions")
YEAR_PATTERN = re.compile(r"((?:1[5-9]|20)\d\d)")
CORE_LONG_COLUMNS = (
    "person_id",
    "seq",
    "stage",
    "city",
    "country",
    "org",
    "year",
    "source_row",
    "source_column",
)


@dataclass
class FieldMap:
    """Which input column plays which role (None: absent)."""

    person: str | None = None
    seq: str | None = None
    stage: str | None = None
    city: str | None = None
    country: str | None = None
    org: str | None = None
    year: str | None = None
    province: str | None = None


@dataclass
class ImportResult:
    stages: pd.DataFrame
    unresolved: pd.DataFrame
    flows: pd.DataFrame
    legs: pd.DataFrame
    cities: pd.DataFrame
    routes: pd.DataFrame
    attributes: list[str]
    counts: dict = field(default_factory=dict)


ProgressFn = Callable[[float, str], None]


RESOLVING = "Resolving city names"  # the progress text of geocoding and its chunks


def _noop_progress(_: float, __: str = "") -> None:
    return None


# --------------------------------------------------------------------------- input


def to_long(
    frame: pd.DataFrame,
    fields: FieldMap,
    *,
    wide: list[WideStage] | None = None,
    file_label: str = "input",
) -> tuple[pd.DataFrame, list[str], pd.DataFrame]:
    """Bring a long or wide table to the canonical long form.

    Returns (long, attribute columns, unresolved rows found here).
    """
    columns = list(frame.columns)
    empty_rows = pd.DataFrame(columns=UNRESOLVED_COLUMNS)
    if wide is not None:
        if fields.person and fields.person not in columns:
            raise BackflowInputError(
                "The person column is not in the table",
                file=file_label,
                column=fields.person,
                accepted=", ".join(columns),
            )
        mapped = {c for st in wide for c in st.columns()}
        rename = _attribute_names([c for c in columns if c not in mapped and c != fields.person])
        frame = frame.rename(columns=rename)
        attrs = list(rename.values())
        long = wide_to_long(frame, wide, fields.person)
        # Rows with no stage place at all are accounted for, not silently lost.
        place_columns = list(dict.fromkeys(c for st in wide for c in st.place_columns))
        city_cells = frame[place_columns].apply(strip_text)
        missing = (np.flatnonzero(city_cells.eq("").all(axis=1).values) + 1).tolist()
        if missing:
            idx = [r - 1 for r in missing]
            empty_rows = pd.DataFrame(
                {
                    "source_row": missing,
                    "person_id": (
                        frame.iloc[idx][fields.person].astype(str).tolist()
                        if fields.person
                        else [str(r) for r in missing]
                    ),
                    "column": ", ".join(place_columns),
                    "value": "",
                    "reason": "no stage city in this row",
                    "suggestions": "",
                }
            )
        empty_rows = _add_repeated_rows(empty_rows, frame, long, missing, fields.person, wide)
        return long, attrs, empty_rows

    for role in ("person", "city"):
        col = getattr(fields, role)
        if not col:
            raise BackflowInputError(
                "No {role} column was found or given",
                file=file_label,
                accepted="set the {parameter} parameter to one of: {columns}",
                role=role,
                parameter=f"{role.upper()}_FIELD",
                columns=", ".join(columns),
            )
    for role, col in vars(fields).items():
        if col and col not in columns:
            raise BackflowInputError(
                "The {role} column is not in the table",
                file=file_label,
                column=col,
                accepted="one of: {columns}",
                role=role,
                columns=", ".join(columns),
            )
    used = {c for c in vars(fields).values() if c}
    rename = _attribute_names([c for c in columns if c not in used])
    attrs = list(rename.values())
    long = pd.DataFrame(
        {
            "person_id": strip_text(frame[fields.person]).values,
            "source_row": np.arange(1, len(frame) + 1),
        }
    )
    for role in ("stage", "city", "country", "org", "year"):
        col = getattr(fields, role)
        long[role] = strip_text(frame[col]).values if col else ""
    long["province_given"] = strip_text(frame[fields.province]).values if fields.province else ""
    long["source_column"] = fields.city
    if fields.seq:
        seq, bad = numbers_in_text(frame[fields.seq])
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise BackflowInputError(
                "The order column holds a value that is not a number",
                file=file_label,
                column=fields.seq,
                row=i + 1,
                value=frame[fields.seq].iloc[i],
                accepted="whole numbers giving the order of stages within a person",
            )
        long["_order"] = np.where(np.isnan(seq), np.inf, seq)
    else:
        long["_order"] = long["source_row"]
    for original, a in rename.items():
        long[a] = frame[original].values
    long = _by_person_and_order(long)
    return long.drop(columns="_order"), attrs, empty_rows


def _by_person_and_order(long: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted by person_id, _order, source_row, with ``seq`` 1, 2, ... per person.

    As sort_values and a groupby cumcount, on integer codes: sorting the id strings
    and grouping copy the table twice more (seconds at a million persons).
    """
    codes, _ = pd.factorize(long["person_id"], sort=True)
    order = long["_order"].to_numpy(dtype=float)
    rows = long["source_row"].to_numpy()
    if (codes < 0).any():  # a missing id sorts last, as sort_values puts it
        codes = np.where(codes < 0, codes.max() + 1, codes)
    sort = np.lexsort((rows, order, codes))
    if not (sort == np.arange(len(sort))).all():
        long = long.take(sort)
    person = codes[sort]
    new = np.ones(len(person), dtype=bool)
    new[1:] = person[1:] != person[:-1]
    pos = np.arange(len(person))
    first = np.maximum.accumulate(np.where(new, pos, 0))
    long["seq"] = pos - first + 1
    return long


def _add_repeated_rows(
    listed: pd.DataFrame,
    frame: pd.DataFrame,
    long: pd.DataFrame,
    missing: list[int],
    person: str | None,
    wide: list[WideStage],
) -> pd.DataFrame:
    """Wide rows whose every stage repeats an earlier row of the same person: listed."""
    rows = np.arange(1, len(frame) + 1)
    gone = rows[~np.isin(rows, long["source_row"].to_numpy()) & ~np.isin(rows, missing)]
    if not len(gone):
        return listed
    idx = gone - 1
    extra = pd.DataFrame(
        {
            "source_row": gone.tolist(),
            "person_id": (
                strip_text(frame.iloc[idx][person]).tolist() if person else [str(r) for r in gone]
            ),
            "column": ", ".join(st.source_column for st in wide),
            "value": strip_text(frame.iloc[idx][wide[0].source_column]).tolist(),
            "reason": "repeats the stages of an earlier row of the same person",
            "suggestions": "",
        }
    )
    return pd.concat([listed, extra], ignore_index=True) if len(listed) else extra


RESERVED_COLUMNS = (
    frozenset(schema.STAGE_COLUMNS)
    | set(CORE_LONG_COLUMNS)
    | {
        "province",
        "city_input",
        "match",
        "ambiguous",
        "country_given",
        "city_id",
        "phase",
        "province_given",
        "place_id",
        "county_id",
        "prefecture_id",
        "flags",
    }
)


def _attribute_names(attrs: list[str]) -> dict[str, str]:
    """Person attributes keep their names unless they clash with ours (then '_attr')."""
    return {a: f"{a}_attr" if a in RESERVED_COLUMNS else a for a in attrs}


def _unresolved(
    rows: pd.DataFrame, column: str | pd.Series, value: pd.Series, reason, suggestions=""
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_row": rows["source_row"].values,
            "person_id": rows["person_id"].values,
            "column": column.values if isinstance(column, pd.Series) else column,
            "value": value.values,
            "reason": reason.values if isinstance(reason, pd.Series) else reason,
            "suggestions": suggestions.values
            if isinstance(suggestions, pd.Series)
            else suggestions,
        }
    )


def _parse_years(long: pd.DataFrame, file_label: str, year_col: str | None) -> pd.Series:
    # each distinct cell read once: a year column repeats a few dozen values
    codes, uniques = pd.factorize(long["year"])
    found = [YEAR_PATTERN.search(str(u)) for u in uniques]
    year_of = pd.array([int(m.group(1)) if m else None for m in found] + [None], dtype="Int64")
    blank = np.asarray([not str(u).strip() for u in uniques] + [True])
    years = pd.Series(year_of[codes], index=long.index)
    bad = pd.Series(~blank[codes], index=long.index) & years.isna().to_numpy()
    if bad.any():
        first = long[bad].iloc[0]
        log.warning(
            "%d year values are not years and were left empty (first: file '%s', column '%s', "
            "row %s, value '%s')",
            int(bad.sum()),
            file_label,
            year_col,
            first["source_row"],
            first["year"],
        )
    return years


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
                "{unknown} of {labels} stage labels are not recognised; "
                "is the stage column the right one",
                unknown=int(unknown.sum()),
                labels=int(n_labels),
                file=file_label,
                column=fields.stage or "stage",
                row=int(first["source_row"]),
                value=first["stage"],
                accepted=ACCEPTED_TEXT,
            )
        bad = long[unknown]
        sugg = bad["stage"].map(lambda v: "; ".join(suggest_stage(v)))
        problems.append(
            _unresolved(bad, fields.stage or "stage", bad["stage"], "unknown stage label", sugg)
        )
    long = long.assign(stage=stages)  # a copy: the caller's frame is not changed
    if unknown.any():
        long = long[~unknown]
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
            missing &= ~as_place
            keep = map_unique(long["org"], looks_like_org, na_value=False).astype(bool)
            long = long.assign(org=long["org"].where(~as_place | keep, ""))
    if by_alias.any() or by_org.any() or as_place.any():
        long = long.assign(city=city, country=country)

    # No place given: blank or a missing marker (long form; a wide table's org-only
    # cells that found no city are no stage at all, as its empty cells).
    if missing.any():
        if "_org_only" in long.columns:
            drop = missing & long["_org_only"].astype(bool)
            dropped = int(drop.sum())
            long, missing = long[~drop], missing[~drop]
            by_alias, by_org = by_alias[~drop], by_org[~drop]
        if missing.any():
            problems.append(
                _unresolved(
                    long[missing],
                    long.loc[missing, "source_column"],
                    city_raw.loc[long.index[missing.to_numpy()]],
                    REASON_NO_PLACE,
                )
            )
            long = long[~missing]
            by_alias, by_org = by_alias[~missing], by_org[~missing]

    # Countries given in the row.
    given = strip_text(long["country"])
    iso = countries.to_iso2(given.where(given.ne(""), None))
    bad_country = given.ne("") & iso.isna()
    if bad_country.any():
        col = fields.country or "country"
        problems.append(
            _unresolved(long[bad_country], col, long.loc[bad_country, "country"], "unknown country")
        )
        long, iso = long[~bad_country], iso[~bad_country]
        by_alias, by_org = by_alias[~bad_country], by_org[~bad_country]
    long = long.assign(country_given=iso.values)

    # Home country: fixed, or each person's birth country.
    per_birth = str(home_country).strip().casefold() in HOME_BIRTH_ALIASES
    if per_birth:
        home = _birth_countries(long, gazetteer)
    else:
        code = countries.to_iso2(pd.Series([home_country])).iloc[0]
        if code is None:
            raise BackflowInputError(
                "Unknown home country",
                column="HOME_COUNTRY",
                value=home_country,
                accepted="an ISO code such as CN, a country name, or 'birth'",
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
    res = resolve_cells(gazetteer, _unescape(long["city"]), long["country_given"], home, **options)
    ok = res["city_id"].notna()
    if (~ok).any():
        bad = long[~ok]
        raw = city_raw.reindex(bad.index)
        problems.append(
            _unresolved(
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
    kept = long if ok_np.all() else long.take(np.flatnonzero(ok_np))
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
    for col, values in new.items():  # column by column: no whole-frame copy
        kept[col] = values
    long = kept.drop(columns=[c for c in ("_org_only", "_org_place") if c in kept.columns])
    unresolved = (
        pd.concat(problems, ignore_index=True)
        if problems
        else pd.DataFrame(columns=UNRESOLVED_COLUMNS)
    )
    long.attrs["dropped_rows"] = dropped
    return long, unresolved


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
        "Unknown analysis level", column="LEVEL", value=level, accepted=", ".join(ANALYSIS_LEVELS)
    )


def place_levels(gazetteer: Gazetteer, place_id: pd.Series) -> pd.DataFrame:
    """county_id and prefecture_id of each resolved place.

    A gazetteer without those columns (an own point layer, or an older table), or a
    row whose parent is not in the gazetteer, makes each place its own node.
    """
    ids = place_id.astype(str)
    out = pd.DataFrame({"county_id": ids.values, "prefecture_id": ids.values}, index=ids.index)
    cities = gazetteer.cities
    known = pd.Index(cities["city_id"])
    for col in ("county_id", "prefecture_id"):
        if col not in cities.columns:
            continue
        parent = cities[col].astype(object)
        parent = parent.where(parent.notna() & parent.isin(known), cities["city_id"])
        lookup = pd.Series(parent.astype(str).to_numpy(), index=cities["city_id"].to_numpy())
        out[col] = map_unique(ids, lambda v, lk=lookup: lk.get(v, v)).values
    return out


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
    has = names.astype(str).str.contains("&", regex=False)
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


# --------------------------------------------------------------------------- phases and flows


def assign_phases(stages: pd.DataFrame, check: Callable[[], None] | None = None) -> pd.DataFrame:
    """Add `phase`: before (home, before leaving), abroad, return, after.

    The return is found by core.trajectories.returns.find_returns, so the import and the route
    patterns always agree on it. ``check()`` is called between the two halves (a
    cancel point: it may raise).
    """
    if _sorted_by_person(stages):  # the import's stages are: no sorted copy
        s = stages.copy(deep=False)
    else:  # sort_values gives a new frame: no second copy of the stage table
        s = stages.sort_values(["person_id", "seq"], kind="stable")
    if check is not None:
        check()
    returns = find_returns(s[["person_id", "seq", "stage", "city_id", "city", "domestic", "year"]])
    return_seq = s["person_id"].map(returns.set_index("person_id")["return_seq"])
    return_seq = (
        pd.to_numeric(return_seq, errors="coerce").astype("float64").to_numpy()
    )  # NaN: none
    seq = s["seq"].to_numpy(dtype=float)
    abroad = ~s["domestic"].astype(bool).to_numpy()
    is_return = seq == return_seq
    after = seq > return_seq
    s["phase"] = _labels(
        np.select([is_return, abroad, after], [0, 1, 2], default=3),
        ("return", "abroad", "after", "before"),
    )
    return s


def _sorted_by_person(stages: pd.DataFrame) -> bool:
    """Rows in (person_id, seq) order already (as sort_values would leave them)."""
    person = pd.Index(stages["person_id"])
    if not person.is_monotonic_increasing:  # False for mixed types too
        return False
    seq = pd.to_numeric(stages["seq"], errors="coerce").to_numpy(dtype=float)
    if np.isnan(seq).any():
        return False
    ids = person.to_numpy()
    same = ids[1:] == ids[:-1]
    return bool((seq[1:][same] >= seq[:-1][same]).all())


def _labels(codes: np.ndarray, labels: tuple[str, ...]) -> np.ndarray:
    """Label of each code as an object array sharing one str per label.

    np.select on strings makes a fixed-width array, which pandas turns into one new
    str object per row (a million persons: ~6M objects, ~350 MB per column).
    """
    return np.asarray(labels, dtype=object)[codes]


def build_legs(stages: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Consecutive stages of a person in different cities: one leg each.

    Returns (legs, number of same-city steps that make no line).
    """
    s = stages
    ends = ("city_id", "city", "domestic", "phase", "year")  # of the next stage
    # the columns a leg needs, not a filtered copy of the whole stage table
    if _sorted_by_person(s):  # each person's stages in a run: the next row is the next stage
        ids, city = s["person_id"].to_numpy(), s["city_id"].to_numpy()
        has_next = np.zeros(len(s), dtype=bool)
        has_next[:-1] = (ids[1:] == ids[:-1]) & pd.notna(city[1:])
        same = np.zeros(len(s), dtype=bool)
        same[:-1] = has_next[:-1] & (city[1:] == city[:-1])
        at = np.flatnonzero(has_next & ~same)
        d = {c: s[c].values[at + 1] for c in ends}
    else:  # only the columns a leg needs: shifting every attribute column costs time
        nxt = s.groupby("person_id", sort=False)[list(ends)].shift(-1)
        has_next = nxt["city_id"].notna()
        same = has_next & nxt["city_id"].eq(s["city_id"])
        at = np.flatnonzero((has_next & ~same).to_numpy())
        d = {c: nxt[c].values[at] for c in ends}
    o = {c: s[c].values[at] for c in ("person_id", "seq", "city_id", "city", "domestic")}
    o_dom = np.asarray(o["domestic"]).astype(bool)
    d_dom = np.asarray(d["domestic"]).astype(bool)
    d_phase = np.asarray(d["phase"])
    flow_type = _labels(
        np.select(
            [o_dom & d_dom & (d_phase == "before"), o_dom & d_dom, o_dom & ~d_dom, ~o_dom & ~d_dom],
            [0, 1, 2, 3],
            default=4,
        ),
        (
            schema.FLOW_DOMESTIC,
            schema.FLOW_ONWARD,
            schema.FLOW_OUTBOUND,
            schema.FLOW_ABROAD,
            schema.FLOW_BACKFLOW,
        ),
    )
    legs = pd.DataFrame(
        {
            "person_id": o["person_id"],
            "seq": o["seq"],
            "origin_id": o["city_id"],
            "dest_id": d["city_id"],
            "origin": o["city"],
            "dest": d["city"],
            "flow_type": flow_type,
            "year": d["year"],
        }
    )
    return legs, int(same.sum())


LEG_CATEGORIES = ("person_id", "origin_id", "dest_id", "origin", "dest", "flow_type")


def compact_legs(legs: pd.DataFrame) -> pd.DataFrame:
    """The import's legs with ids and labels as categoricals.

    A million persons make ~4M legs, kept until the flow lines are drawn; codes take
    1-4 bytes a cell where objects take 8. Only ImportResult.legs is compact: the
    functions that group or merge legs (flows, regions) get plain object columns.
    """
    out = legs.copy(deep=False)
    for col in LEG_CATEGORIES:
        if col in out.columns:
            out[col] = pd.Categorical(out[col])
    return out


def aggregate_flows(legs: pd.DataFrame) -> pd.DataFrame:
    if legs.empty:
        return pd.DataFrame(columns=[*schema.FLOW_COLUMNS, "persons", "first_year", "last_year"])
    grouped = legs.groupby(["origin_id", "dest_id", "flow_type"], sort=False)
    flows = grouped.agg(
        origin=("origin", "first"),
        dest=("dest", "first"),
        count=("person_id", "size"),
        persons=("person_id", "nunique"),
        first_year=("year", "min"),
        last_year=("year", "max"),
    ).reset_index()
    flows = flows.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)
    return flows[[*schema.FLOW_COLUMNS, "persons", "first_year", "last_year"]]


def summarise_cities(
    stages: pd.DataFrame, flows: pd.DataFrame, gazetteer: Gazetteer
) -> pd.DataFrame:
    ids = pd.Index(stages["city_id"].unique())
    info = gazetteer.cities.set_index("city_id").reindex(ids)
    cities = pd.DataFrame({"city_id": ids})
    for col in ("name", "name_zh", "country", "province", "admin_rank", "lon", "lat"):
        cities[col] = info[col].values if col in info.columns else None
    cities["persons"] = (
        stages.groupby("city_id")["person_id"].nunique().reindex(ids).fillna(0).astype(int).values
    )
    ret = stages[stages["phase"].eq("return")]
    cities["returnees"] = (
        ret.groupby("city_id")["person_id"].nunique().reindex(ids).fillna(0).astype(int).values
    )
    inflow = flows.groupby("dest_id")["count"].sum() if not flows.empty else pd.Series(dtype=int)
    outflow = flows.groupby("origin_id")["count"].sum() if not flows.empty else pd.Series(dtype=int)
    cities["inflow"] = inflow.reindex(ids).fillna(0).astype(int).values
    cities["outflow"] = outflow.reindex(ids).fillna(0).astype(int).values
    homes = set(stages["home_country"].dropna().unique())
    cities["domestic"] = cities["country"].isin(homes)
    return cities.sort_values(["returnees", "persons"], ascending=False).reset_index(drop=True)


def _paths(stages: pd.DataFrame) -> list[str]:
    """'Mianyang > Chengdu > Boston > Chengdu' per person, in the groupby's order."""
    pids = stages["person_id"].to_numpy()
    cities = stages["city"].astype(str).tolist()
    starts = np.flatnonzero(np.r_[True, pids[1:] != pids[:-1]]).tolist()
    ends = starts[1:] + [len(cities)]
    return [" > ".join(cities[a:b]) for a, b in zip(starts, ends)]


def summarise_routes(stages: pd.DataFrame, attrs: list[str]) -> pd.DataFrame:
    s = stages
    g = s.groupby("person_id", sort=False)
    routes = pd.DataFrame(
        {
            "n_stages": g.size(),
            "n_cities": g["city_id"].nunique(),
            "home_country": g["home_country"].first(),
            "went_abroad": ~g["domestic"].all(),
        }
    )
    back = s["phase"].eq("return").to_numpy()  # the five columns, not every attribute
    ret = s.loc[back, ["person_id", "city_id", "city", "year", "org"]]
    ret = ret.drop_duplicates("person_id").set_index("person_id")
    routes["returned"] = routes.index.isin(ret.index)
    routes["return_city_id"] = ret["city_id"].reindex(routes.index)
    routes["return_city"] = ret["city"].reindex(routes.index)
    routes["return_year"] = ret["year"].reindex(routes.index).astype("Int64")
    routes["return_org"] = ret["org"].reindex(routes.index)
    for a in attrs:
        routes[a] = g[a].first()
    routes["path"] = _paths(s)
    return routes.reset_index().rename(columns={"index": "person_id"})


# --------------------------------------------------------------------------- geometry


def leg_lines(
    pairs: pd.DataFrame, cities: pd.DataFrame, kind: str = GEODESIC, max_points: int = 64
) -> dict[tuple, list[Part]]:
    """Line parts for each distinct (origin_id, dest_id) pair (geodesics of at most
    `max_points` segments, see geometry.budget_max_points)."""
    xy = cities.set_index("city_id")[["lon", "lat"]]
    uniq = pairs[["origin_id", "dest_id"]].astype(object).drop_duplicates()
    o = xy.loc[uniq["origin_id"]].to_numpy(float)
    d = xy.loc[uniq["dest_id"]].to_numpy(float)
    keys = list(uniq.itertuples(index=False, name=None))
    # The import, the route patterns and the regional flows draw the same pairs: each
    # distinct line is computed once per session (by its end points, so an own
    # gazetteer with other coordinates gets its own lines).
    coords = [(kind, max_points, *a, *b) for a, b in zip(o.tolist(), d.tolist())]
    todo = [i for i, c in enumerate(coords) if c not in _LINE_CACHE]
    if todo:
        made = flow_lines(
            o[todo, 0], o[todo, 1], d[todo, 0], d[todo, 1], kind, max_points=max_points
        )
        if len(_LINE_CACHE) + len(made) > _LINE_CACHE_SIZE:
            _LINE_CACHE.clear()
        _LINE_CACHE.update(zip((coords[i] for i in todo), made))
    fresh = dict(zip(todo, made)) if todo else {}
    return {
        k: fresh[i] if i in fresh else _LINE_CACHE[c] for i, (k, c) in enumerate(zip(keys, coords))
    }


def route_leg_lines(
    legs: pd.DataFrame, cities: pd.DataFrame, kind: str = GEODESIC, lines: dict | None = None
) -> tuple[dict[tuple, list[Part]], int]:
    """Leg lines for a layer of person routes within the vertex budget, and the cap used.

    `legs` holds one row per leg of every person (each route stores its own copy);
    `lines`, when given, are the full-detail lines, reused while the budget allows them.
    """
    cap = budget_max_points(len(legs))
    if kind != GEODESIC or (cap >= MAX_POINTS and lines is not None):
        return (lines if lines is not None else leg_lines(legs, cities, kind)), cap
    return leg_lines(legs, cities, kind, cap), cap


_LINE_CACHE: dict[tuple, list[Part]] = {}
_LINE_CACHE_SIZE = 50_000  # distinct lines kept (a few kB each)


def route_lines(
    stages: pd.DataFrame, lines: dict[tuple, list[Part]], cities: pd.DataFrame
) -> dict[str, list[Part]]:
    """One multi-part line per person through all stages in order (stages sorted by person, seq)."""
    xy = cities.set_index("city_id")[["lon", "lat"]]
    pids = stages["person_id"].to_numpy()
    ids = stages["city_id"].to_numpy()
    # A new person starts, or the city changes: consecutive repeats are one stop.
    new_person = np.ones(len(pids), dtype=bool)
    new_person[1:] = pids[1:] != pids[:-1]
    keep = new_person.copy()
    keep[1:] |= ids[1:] != ids[:-1]
    pids, ids, new_person = pids[keep], ids[keep].tolist(), new_person[keep]
    starts = np.flatnonzero(new_person).tolist()
    ends = starts[1:] + [len(ids)]
    out: dict[str, list[Part]] = {}
    # Persons with the same path share one line (the same object, so a writer can
    # build its geometry once).
    by_path: dict[tuple, list[Part]] = {}
    for a, b in zip(starts, ends):
        seq = tuple(ids[a:b])
        parts = by_path.get(seq)
        if parts is None:
            if len(seq) == 1:
                x, y = xy.loc[seq[0]]
                parts = [([float(x)], [float(y)])]
            else:
                parts = join_legs([lines[(o, d)] for o, d in zip(seq[:-1], seq[1:])])
            by_path[seq] = parts
        out[pids[a]] = parts
    return out


# --------------------------------------------------------------------------- pipeline


def import_trajectories(
    frame: pd.DataFrame,
    fields: FieldMap,
    *,
    wide: list[WideStage] | None = None,
    home_country: str = schema.DEFAULT_HOME_COUNTRY,
    gazetteer: Gazetteer | None = None,
    countries: Countries | None = None,
    file_label: str = "input",
    progress: ProgressFn = _noop_progress,
    is_cancelled: Callable[[], bool] = lambda: False,
    level: str = LEVEL_PREFECTURE,
    aliases: pd.DataFrame | None = None,
    org_table: pd.DataFrame | None = None,
    accept_conflicts: bool = False,
) -> ImportResult:
    """The whole import: table -> stages, legs, flows, cities, routes, unresolved.

    ``level``: the node of a domestic stage, ``prefecture`` (default, as the paper) or
    ``county``; ``aliases``: ``core.places.aliases.read_aliases`` output; ``org_table``:
    ``core.places.orgs.org_table_from_frame`` output; ``accept_conflicts``: a place unique by
    name given with another country resolves (flag ``country_conflict``).
    """
    gazetteer = gazetteer or Gazetteer.bundled(should_stop=is_cancelled)
    countries = countries or Countries.bundled()
    if frame.empty:
        raise BackflowInputError("The table has no rows", file=file_label)

    def check() -> None:
        if is_cancelled():
            raise Cancelled()

    def step(pct: float, text: str) -> None:
        check()
        progress(pct, text)

    step(5, "Reading the table")
    long, attrs, unresolved0 = to_long(frame, fields, wide=wide, file_label=file_label)
    check()
    stage_rows = len(long) + len(unresolved0)
    persons_in = len(set(long["person_id"]) | set(unresolved0["person_id"]))
    long["year"] = _parse_years(long, file_label, fields.year)
    step(20, RESOLVING)
    stages, unresolved = geocode(
        long,
        gazetteer,
        countries,
        home_country,
        fields,
        file_label,
        level=level,
        aliases=aliases,
        org_table=org_table,
        accept_conflicts=accept_conflicts,
        should_stop=is_cancelled,
        # 20% to 60% over the chunks of distinct names
        progress=lambda done, total: progress(20 + 40 * done / max(total, 1), RESOLVING),
    )
    del long  # the long table is not needed past geocoding (GBs at 1M persons)
    stage_rows -= stages.attrs.get("dropped_rows", 0)
    unresolved = (
        pd.concat([unresolved0, unresolved], ignore_index=True) if len(unresolved0) else unresolved
    )
    unresolved = unresolved.sort_values("source_row", kind="stable").reset_index(drop=True)
    step(60, "Finding returns and flows")
    stages = assign_phases(stages, check)
    check()
    legs, same_city = build_legs(stages)
    check()
    flows = aggregate_flows(legs)
    legs = compact_legs(legs)
    step(75, "Summarising cities and routes")
    cities = summarise_cities(stages, flows, gazetteer)
    check()
    routes = summarise_routes(stages, attrs)
    keep = [c for c in schema.STAGE_COLUMNS if c in stages.columns]
    extra = [
        "province",
        "city_input",
        "place_id",
        "county_id",
        "prefecture_id",
        "match",
        "flags",
        "ambiguous",
    ]
    # a shallow copy of the selection is a frame of its own (no SettingWithCopy);
    # reset_index would copy the whole table again
    stages = stages[keep + extra + attrs].copy(deep=False)
    stages.index = pd.RangeIndex(len(stages))
    counts = {
        "persons": int(persons_in),
        "persons_located": int(stages["person_id"].nunique()),
        "stage_rows": int(stage_rows),
        "resolved_rows": int(len(stages)),
        "unresolved_rows": int(len(unresolved)),
        "ambiguous_rows": int(stages["ambiguous"].sum()),
        "same_city_steps": same_city,
        "legs": int(len(legs)),
        "flows": int(len(flows)),
        "cities": int(len(cities)),
        "returnees": int(routes["returned"].sum()),
        "level": check_level(level),
    }
    counts.update({f"{flag}_rows": n for flag, n in flag_counts(stages["flags"]).items()})
    if counts["resolved_rows"] + counts["unresolved_rows"] != counts["stage_rows"]:
        raise AssertionError(f"row accounting is off: {counts}")
    step(80, "Done")
    return ImportResult(stages, unresolved, flows, legs, cities, routes, attrs, counts)
