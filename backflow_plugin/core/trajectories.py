"""From a trajectory table to geocoded stages, flows, routes and cities.

Everything here is vectorised pandas; the only per-item Python work is on distinct
city names and distinct origin-destination pairs, never per row.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import schema
from .countries import Countries
from .errors import BackflowInputError, Cancelled
from .gazetteer import Gazetteer
from .geometry import GEODESIC, Part, flow_line, join_legs
from .patterns import find_returns
from .reshape import WideStage, wide_to_long
from .stage_labels import ACCEPTED_TEXT, normalise_stages, suggest_stage
from .vectorise import map_unique, strip_text

log = logging.getLogger("backflow")

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
        # Rows with no stage city at all are accounted for, not silently lost.
        city_cells = frame[[st.city for st in wide]].apply(strip_text)
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
                    "column": ", ".join(st.city for st in wide),
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
                f"No {role} column was found or given",
                file=file_label,
                accepted=f"set the {role.upper()}_FIELD parameter to one of: " + ", ".join(columns),
            )
    for role, col in vars(fields).items():
        if col and col not in columns:
            raise BackflowInputError(
                f"The {role} column is not in the table",
                file=file_label,
                column=col,
                accepted="one of: " + ", ".join(columns),
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
    long["source_column"] = fields.city
    if fields.seq:
        seq_text = strip_text(frame[fields.seq])
        seq = pd.to_numeric(seq_text, errors="coerce")
        bad = seq.isna() & seq_text.ne("")
        if bad.any():
            i = int(np.flatnonzero(bad.values)[0])
            raise BackflowInputError(
                "The order column holds a value that is not a number",
                file=file_label,
                column=fields.seq,
                row=i + 1,
                value=frame[fields.seq].iloc[i],
                accepted="whole numbers giving the order of stages within a person",
            )
        long["_order"] = seq.fillna(np.inf).values
    else:
        long["_order"] = long["source_row"]
    for original, a in rename.items():
        long[a] = frame[original].values
    long = long.sort_values(["person_id", "_order", "source_row"], kind="stable")
    long["seq"] = long.groupby("person_id", sort=False).cumcount() + 1
    return long.drop(columns="_order"), attrs, empty_rows


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
            "column": ", ".join(st.city for st in wide),
            "value": strip_text(frame.iloc[idx][wide[0].city]).tolist(),
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
    found = map_unique(long["year"], lambda v: YEAR_PATTERN.search(str(v)))
    text = found.map(lambda m: m.group(1) if m else None)
    years = pd.to_numeric(text, errors="coerce").astype("Int64")
    bad = years.isna() & strip_text(long["year"]).ne("")
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
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Label stages and resolve cities. Returns (stages, unresolved)."""
    problems = []
    # Stage labels.
    stages, unknown = normalise_stages(long["stage"])
    if unknown.any():
        n_labels = strip_text(long["stage"]).ne("").sum()
        if unknown.sum() > 0.5 * max(n_labels, 1):
            first = long[unknown].iloc[0]
            raise BackflowInputError(
                f"{int(unknown.sum())} of {int(n_labels)} stage labels are not recognised; "
                "is the stage column the right one",
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
    long = long.assign(stage=stages)[~unknown]

    # Empty city cells (long form only: a wide table's empty cells are no stage at all).
    empty = strip_text(long["city"]).eq("")
    if empty.any():
        problems.append(
            _unresolved(
                long[empty], long.loc[empty, "source_column"], long.loc[empty, "city"], "empty city"
            )
        )
        long = long[~empty]

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

    res = gazetteer.resolve(_unescape(long["city"]), long["country_given"], home)
    ok = res["city_id"].notna()
    if (~ok).any():
        bad = long[~ok]
        problems.append(
            _unresolved(
                bad,
                bad["source_column"],
                bad["city"],
                res.loc[~ok, "reason"].fillna("unknown city"),
                res.loc[~ok, "suggestions"].fillna(""),
            )
        )
    long = long[ok].assign(
        city_id=res.loc[ok, "city_id"].values,
        match=res.loc[ok, "match"].values,
        ambiguous=res.loc[ok, "ambiguous"].astype(bool).values,
        home_country=home[ok].values,
    )
    info = gazetteer.cities.set_index("city_id")
    long["city_input"] = long["city"]
    long["city"] = info.loc[long["city_id"], "name"].values
    long["country"] = info.loc[long["city_id"], "country"].values
    long["province"] = (
        info.loc[long["city_id"], "province"].values if "province" in info.columns else None
    )
    long["domestic"] = long["country"].eq(long["home_country"])
    long["org"] = long["org"].replace("", None)
    unresolved = (
        pd.concat(problems, ignore_index=True)
        if problems
        else pd.DataFrame(columns=UNRESOLVED_COLUMNS)
    )
    return long, unresolved


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
        res = gazetteer.resolve(births.loc[need, "city"], None, None)
        ids = res["city_id"]
        lookup = gazetteer.cities.set_index("city_id")["country"]
        country.loc[need] = ids.map(lookup).values
    by_person = pd.Series(country.values, index=births["person_id"].values)
    return long["person_id"].map(by_person)


# --------------------------------------------------------------------------- phases and flows


def assign_phases(stages: pd.DataFrame) -> pd.DataFrame:
    """Add `phase`: before (home, before leaving), abroad, return, after.

    The return is found by core.patterns.find_returns, so the import and the route
    patterns always agree on it.
    """
    s = stages.sort_values(["person_id", "seq"], kind="stable").copy()
    returns = find_returns(s[["person_id", "seq", "stage", "city_id", "city", "domestic", "year"]])
    return_seq = s["person_id"].map(returns.set_index("person_id")["return_seq"])
    return_seq = (
        pd.to_numeric(return_seq, errors="coerce").astype("float64").to_numpy()
    )  # NaN: none
    seq = s["seq"].to_numpy(dtype=float)
    abroad = ~s["domestic"].astype(bool).to_numpy()
    is_return = seq == return_seq
    after = seq > return_seq
    s["phase"] = np.select(
        [is_return, abroad, after], ["return", "abroad", "after"], default="before"
    )
    return s


def build_legs(stages: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Consecutive stages of a person in different cities: one leg each.

    Returns (legs, number of same-city steps that make no line).
    """
    s = stages
    nxt = s.groupby("person_id", sort=False).shift(-1)
    has_next = nxt["city_id"].notna()
    same = has_next & nxt["city_id"].eq(s["city_id"])
    move = has_next & ~same
    o, d = s[move], nxt[move]
    o_dom, d_dom = o["domestic"].astype(bool).values, d["domestic"].astype(bool).values
    d_phase = d["phase"].values
    flow_type = np.select(
        [o_dom & d_dom & (d_phase == "before"), o_dom & d_dom, o_dom & ~d_dom, ~o_dom & ~d_dom],
        [schema.FLOW_DOMESTIC, schema.FLOW_ONWARD, schema.FLOW_OUTBOUND, schema.FLOW_ABROAD],
        default=schema.FLOW_BACKFLOW,
    )
    legs = pd.DataFrame(
        {
            "person_id": o["person_id"].values,
            "seq": o["seq"].values,
            "origin_id": o["city_id"].values,
            "dest_id": d["city_id"].values,
            "origin": o["city"].values,
            "dest": d["city"].values,
            "flow_type": flow_type,
            "year": d["year"].values,
        }
    )
    return legs, int(same.sum())


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
    ret = s[s["phase"].eq("return")].drop_duplicates("person_id").set_index("person_id")
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
    pairs: pd.DataFrame, cities: pd.DataFrame, kind: str = GEODESIC
) -> dict[tuple, list[Part]]:
    """Line parts for each distinct (origin_id, dest_id) pair."""
    xy = cities.set_index("city_id")[["lon", "lat"]]
    out: dict[tuple, list[Part]] = {}
    uniq = pairs[["origin_id", "dest_id"]].drop_duplicates()
    o = xy.loc[uniq["origin_id"]].to_numpy(float)
    d = xy.loc[uniq["dest_id"]].to_numpy(float)
    for key, (x1, y1), (x2, y2) in zip(uniq.itertuples(index=False, name=None), o, d):
        out[key] = flow_line(x1, y1, x2, y2, kind)
    return out


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
    for a, b in zip(starts, ends):
        seq = ids[a:b]
        if len(seq) == 1:
            x, y = xy.loc[seq[0]]
            out[pids[a]] = [([float(x)], [float(y)])]
        else:
            out[pids[a]] = join_legs([lines[(o, d)] for o, d in zip(seq[:-1], seq[1:])])
    return out


# --------------------------------------------------------------------------- pipeline


def import_trajectories(
    frame: pd.DataFrame,
    fields: FieldMap,
    *,
    wide: list[WideStage] | None = None,
    home_country: str = "CN",
    gazetteer: Gazetteer | None = None,
    countries: Countries | None = None,
    file_label: str = "input",
    progress: ProgressFn = _noop_progress,
    is_cancelled: Callable[[], bool] = lambda: False,
) -> ImportResult:
    """The whole import: table -> stages, legs, flows, cities, routes, unresolved."""
    gazetteer = gazetteer or Gazetteer.bundled()
    countries = countries or Countries.bundled()
    if frame.empty:
        raise BackflowInputError("The table has no rows", file=file_label)

    def step(pct: float, text: str) -> None:
        if is_cancelled():
            raise Cancelled()
        progress(pct, text)

    step(5, "Reading the table")
    long, attrs, unresolved0 = to_long(frame, fields, wide=wide, file_label=file_label)
    stage_rows = len(long) + len(unresolved0)
    long["year"] = _parse_years(long, file_label, fields.year)
    step(20, "Resolving city names")
    stages, unresolved = geocode(long, gazetteer, countries, home_country, fields, file_label)
    unresolved = (
        pd.concat([unresolved0, unresolved], ignore_index=True) if len(unresolved0) else unresolved
    )
    unresolved = unresolved.sort_values("source_row", kind="stable").reset_index(drop=True)
    step(60, "Finding returns and flows")
    stages = assign_phases(stages)
    legs, same_city = build_legs(stages)
    flows = aggregate_flows(legs)
    step(75, "Summarising cities and routes")
    cities = summarise_cities(stages, flows, gazetteer)
    routes = summarise_routes(stages, attrs)
    keep = [c for c in schema.STAGE_COLUMNS if c in stages.columns]
    extra = ["province", "city_input", "match", "ambiguous"]
    stages = stages[keep + extra + attrs].reset_index(drop=True)
    persons_in = len(set(long["person_id"]) | set(unresolved0["person_id"]))
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
    }
    if counts["resolved_rows"] + counts["unresolved_rows"] != counts["stage_rows"]:
        raise AssertionError(f"row accounting is off: {counts}")
    step(80, "Done")
    return ImportResult(stages, unresolved, flows, legs, cities, routes, attrs, counts)
