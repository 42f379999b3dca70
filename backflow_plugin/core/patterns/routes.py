"""Circle and linear return routes (Jiang 2021, the paper's second finding).

A returnee who comes back to a domestic city already known before leaving (the
birthplace, a city of study or of earlier work) follows a **circle** route; one who
comes back to a new city follows a **linear** route.

Everything here works on the STAGES table (one row per geocoded stage; see
``schema.STAGE_COLUMNS``) with whole-array numpy/pandas operations: there is no Python
loop per person, so 100,000 persons take seconds.

Definitions (the rules every function below shares)
----------------------------------------------------
Order
    Rows are ordered by ``seq`` within a person (file order breaks ties; without a
    ``seq`` column, file order). Persons keep their first-appearance order.
Return
    A person's returns are their domestic rows labelled ``return`` if they have any
    (an explicit label wins over position: whoever coded the data knew which move was
    the return); otherwise every domestic row that directly follows an overseas row.
    ``which="first"`` takes the first of them, ``which="last"`` the last (for people
    with several stays abroad: the return after the last stay abroad that ended in a
    return; someone who came back and left again for good keeps the earlier return).
    A ``return`` label on an overseas row (e.g. a "return" to Hong Kong, which counts
    as abroad) is ignored.
Departure
    The first row of the overseas stay that precedes the return (the run of
    consecutive overseas rows ending last before the return row). For the first
    return it is the person's first move abroad; for the last return it is the start
    of the last stay abroad, so cities of an earlier return count as known.
Known cities
    Domestic rows strictly before the departure (or, for a labelled return with no
    overseas row before it, strictly before the return).
Basis of a known city
    ``birth`` -> ``birthplace``; ``bachelor``/``master``/``phd`` -> ``study``;
    ``postdoc``/``work``/``visit``/``return``/``later`` -> ``work`` (a domestic
    ``return`` or ``later`` stage before the chosen departure was a job held between
    stays abroad). Rows without a label (order-only input) are placed by position:
    when the person has no label at all, the first row is the birthplace (life-course
    tables start at birth, as the paper's do); any other unlabelled row is ``work`` if
    the person had already been abroad before it (a job after an earlier return) and
    ``study`` otherwise (highly skilled people's domestic stays before first leaving
    are overwhelmingly their degrees).
Pattern
    ``circle`` when the return city is one of the known cities, else ``linear``.
    ``circle_basis`` lists every basis that matches, in the order birthplace, study,
    work; ``circle_basis_primary`` is the first of them. Birthplace comes first because
    the paper explains circle routes by social proximity -- family and home ties
    before academic and professional networks.
Province level
    A known row matches when it lies in the same province as the return city, or is
    the same city (so countries without province data fall back to city matching).
People without a pattern
    ``pattern`` is None with ``reason`` ``never went abroad`` or ``never returned``.
    A returnee with no domestic row before leaving (e.g. the birthplace failed to
    geocode) is ``linear`` -- no known city to come back to -- and carries the reason
    ``no domestic stage before leaving`` so the case can be filtered out.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from ..errors import BackflowInputError
from ..schema import (
    FLOW_BACKFLOW,
    PATTERN_CIRCLE,
    PATTERN_LINEAR,
    STAGE_COLUMNS,
    STUDY_STAGES,
    WORK_STAGES,
)
from ..vectorise import as_bool, none_for_missing, object_column

log = logging.getLogger("backflow")

LEVELS = ("city", "province")
WHICH = ("first", "last")

BASIS_BIRTHPLACE = "birthplace"
BASIS_STUDY = "study"
BASIS_WORK = "work"
BASES = (BASIS_BIRTHPLACE, BASIS_STUDY, BASIS_WORK)  # also the priority order

REASON_NEVER_ABROAD = "never went abroad"
REASON_NEVER_RETURNED = "never returned"
REASON_NOTHING_KNOWN = "no domestic stage before leaving"

# Stage labels that count as work when the row is a known domestic city.
_WORK_LIKE = (*WORK_STAGES, "return", "later")

# Per-stage columns: never carried through as person attributes.
PER_STAGE_COLUMNS = frozenset(
    (
        *STAGE_COLUMNS,
        # extras of importtrajectories' STAGES and of a point layer read back
        "province", "city_input", "match", "ambiguous", "lon", "lat", "x", "y",
        "name_zh", "admin_rank", "geometry", "fid",
        "place_id", "county_id", "prefecture_id", "flags",
    )
)  # fmt: skip

RETURN_COLUMNS = (
    "person_id",
    "return_seq",
    "return_city_id",
    "return_city",
    "return_year",
    "went_abroad",
    "returned",
    # extras: the overseas city left for the return, and where the stay abroad began
    "return_province",
    "abroad_seq",
    "abroad_city_id",
    "abroad_city",
    "departure_seq",
)
PATTERN_ROUTE_COLUMNS = (
    "person_id",
    "return_city_id",
    "return_city",
    "return_year",
    "pattern",
    "circle_basis",
    "circle_basis_primary",
    "known_cities",
    "reason",
    # extras
    "return_seq",
    "return_province",
    "abroad_city_id",
    "abroad_city",
    "went_abroad",
    "returned",
)
PATTERN_FLOW_COLUMNS = (
    "origin_id",
    "dest_id",
    "origin",
    "dest",
    "flow_type",
    "count",
    "circle",
    "linear",
    "pattern_share",
)
SPLIT_FLOW_COLUMNS = (
    "origin_id",
    "dest_id",
    "origin",
    "dest",
    "flow_type",
    "pattern",
    "count",
    "share",
)
SHARE_COLUMNS = (
    "by",
    "group",
    "circle",
    "linear",
    "total",
    "circle_share",
    "linear_share",
    "no_pattern",
)

_REQUIRED = ("person_id", "city_id", "domestic")
# What find_returns reads of a stage table.
_RETURN_INPUT = frozenset(
    ("person_id", "seq", "stage", "city_id", "city", "domestic", "year", "province")
)


# --------------------------------------------------------------------------- helpers


def _check_choice(value: str, allowed: tuple[str, ...], name: str) -> str:
    text = str(value).strip().lower()
    if text not in allowed:
        raise BackflowInputError(
            "Unknown {name}", column=name, value=value, accepted=", ".join(allowed), name=name
        )
    return text


def _prepare(stages: pd.DataFrame) -> pd.DataFrame:
    """Sorted copy with the positional helper columns every function needs.

    Adds ``_p`` (person index 0..P-1 in first-appearance order), ``_pos`` (row
    position), ``_start`` (position of the person's first row), ``_ab`` (overseas),
    ``_prior_ab`` (overseas rows strictly before), ``_prev_ab`` (the row just before is
    an overseas row of the same person), ``_run_start`` (last start of an overseas stay at or before the row, -1
    if none) and ``_last_ab`` (last overseas row at or before the row, -1 if none).
    """
    missing = [c for c in _REQUIRED if c not in stages.columns]
    if missing:
        raise BackflowInputError(
            "The stages table lacks a required column",
            column=", ".join(missing),
            accepted="the STAGES output of backflow:importtrajectories ({columns})",
            columns=", ".join(STAGE_COLUMNS[:9]),
        )
    duplicated = stages.columns.duplicated()
    if duplicated.any():
        log.warning(
            "Stages table has repeated columns %s; the first of each is used",
            sorted(set(stages.columns[duplicated])),
        )
    # A shallow copy: columns are replaced or added below, never written into, so the
    # caller's stage table is not duplicated (a million persons: ~6M rows).
    s = stages.loc[:, ~duplicated].copy() if duplicated.any() else stages.copy(deep=False)
    codes, uniques = pd.factorize(s["person_id"], sort=False, use_na_sentinel=False)
    s["person_id"] = np.asarray([str(u) for u in uniques], dtype=object)[codes]
    s["_code"] = codes
    s["_file"] = np.arange(len(s))
    has_seq = "seq" in s.columns
    if has_seq:
        s["_seq"] = pd.to_numeric(s["seq"], errors="coerce").fillna(np.inf)
        keys = ["_code", "_seq", "_file"]
    else:
        keys = ["_code", "_file"]
    if _in_order(codes, s["_seq"].to_numpy() if has_seq else None):
        # the import's stages are sorted already: no sorted copy (nor reset_index's)
        s.index = pd.RangeIndex(len(s))
    else:
        s = s.sort_values(keys, kind="mergesort", ignore_index=True)
    for col in ("stage", "city", "city_id"):
        if col not in s.columns:
            s[col] = ""
    codes, uniques = pd.factorize(s["stage"], use_na_sentinel=False)
    clean = ["" if pd.isna(u) else str(u).strip().lower() for u in uniques]
    s["stage"] = np.asarray(clean, dtype=object)[codes] if len(codes) else s["stage"]
    s["city_id"] = _as_str(s["city_id"])
    if "year" not in s.columns:
        s["year"] = pd.NA
    s["year"] = pd.to_numeric(s["year"], errors="coerce").astype("Int64")

    n = len(s)
    pos = np.arange(n)
    code = s["_code"].to_numpy()
    new_person = np.ones(n, dtype=bool)
    if n:
        new_person[1:] = code[1:] != code[:-1]
    p = np.cumsum(new_person) - 1
    start = np.maximum.accumulate(np.where(new_person, pos, 0)) if n else pos
    dom = _as_bool(s["domestic"])
    ab = ~dom
    excl = np.cumsum(ab) - ab  # overseas rows strictly before, counted globally
    prior_ab = excl - excl[start] if n else excl
    prev_ab = np.zeros(n, dtype=bool)
    if n:
        prev_ab[1:] = ab[:-1]
    prev_ab &= ~new_person
    run_start = ab & ~prev_ab
    last_run = np.maximum.accumulate(np.where(run_start, pos, -1)) if n else pos
    last_ab = np.maximum.accumulate(np.where(ab, pos, -1)) if n else pos

    s["_p"] = p
    s["_pos"] = pos
    s["_start"] = start
    s["_dom"] = dom
    s["_ab"] = ab
    s["_prior_ab"] = prior_ab
    s["_prev_ab"] = prev_ab
    s["_run_start"] = np.where(last_run >= start, last_run, -1)
    s["_last_ab"] = np.where(last_ab >= start, last_ab, -1)
    if not has_seq:  # file order within the person
        s["seq"] = pos - start + 1
        s["_seq"] = s["seq"].astype(float)
    return s


def _in_order(codes: np.ndarray, seq: np.ndarray | None) -> bool:
    """Rows already grouped by person in first-appearance order, seq ascending within."""
    if len(codes) < 2:
        return True
    step = np.diff(codes)
    if (step < 0).any() or (step > 1).any():
        return False
    if seq is None:
        return True
    same = step == 0
    return bool((seq[1:][same] >= seq[:-1][same]).all())


def _first_per_person(s: pd.DataFrame, mask: np.ndarray, n_persons: int) -> np.ndarray:
    """Position of each person's first row where `mask` holds (-1 when none)."""
    out = np.full(n_persons, -1, dtype=np.int64)
    idx = np.flatnonzero(mask)
    if len(idx):
        persons, first = np.unique(s["_p"].to_numpy()[idx], return_index=True)
        out[persons] = idx[first]
    return out


def _last_per_person(s: pd.DataFrame, mask: np.ndarray, n_persons: int) -> np.ndarray:
    """Position of each person's last row where `mask` holds (-1 when none)."""
    out = np.full(n_persons, -1, dtype=np.int64)
    idx = np.flatnonzero(mask)[::-1]
    if len(idx):
        persons, first = np.unique(s["_p"].to_numpy()[idx], return_index=True)
        out[persons] = idx[first]
    return out


def _locate_returns(s: pd.DataFrame, which: str) -> dict[str, np.ndarray]:
    """Per person (index 0..P-1): return row, departure row, last overseas row."""
    n_persons = int(s["_p"].max()) + 1 if len(s) else 0
    dom = s["_dom"].to_numpy()
    labelled = dom & (s["stage"].to_numpy() == "return")
    comes_back = dom & s["_prev_ab"].to_numpy()  # an overseas row, then this domestic one
    if which == "first":
        by_label = _first_per_person(s, labelled, n_persons)
        by_order = _first_per_person(s, comes_back, n_persons)
    else:
        by_label = _last_per_person(s, labelled, n_persons)
        by_order = _last_per_person(s, comes_back, n_persons)
    ret = np.where(by_label >= 0, by_label, by_order)

    start = s["_start"].to_numpy()
    run_start = s["_run_start"].to_numpy()
    last_ab = s["_last_ab"].to_numpy()
    has_prev = (ret >= 0) & (ret > start[np.maximum(ret, 0)])
    prev = np.where(has_prev, ret - 1, 0)
    departure = np.where(has_prev, run_start[prev], -1)
    abroad = np.where(has_prev, last_ab[prev], -1)

    p = s["_p"].to_numpy()
    went = np.bincount(p, weights=s["_ab"].to_numpy(), minlength=n_persons) > 0
    went |= np.bincount(p, weights=labelled, minlength=n_persons) > 0
    # Without a return, every overseas row belongs to one last stay: the cut-off for
    # "known before leaving" is the first overseas row.
    no_return_cut = _first_per_person(s, s["_ab"].to_numpy(), n_persons)
    cut = np.where(ret >= 0, np.where(departure >= 0, departure, ret), no_return_cut)
    return {"ret": ret, "departure": departure, "abroad": abroad, "went": went, "cut": cut}


def _take(series: pd.Series, positions: np.ndarray) -> pd.Series:
    """series[positions], missing (None / <NA>) where the position is -1."""
    valid = pd.Series(positions >= 0)
    values = series.iloc[np.where(valid, positions, 0)].reset_index(drop=True)
    return none_for_missing(values).where(valid, None)


def _persons(s: pd.DataFrame) -> pd.Series:
    return s["person_id"][s["_pos"] == s["_start"]].reset_index(drop=True)


def _returns_frame(s: pd.DataFrame, loc: dict[str, np.ndarray]) -> pd.DataFrame:
    ret, dep, abroad = loc["ret"], loc["departure"], loc["abroad"]
    province = s["province"] if "province" in s.columns else pd.Series(np.full(len(s), None))
    out = pd.DataFrame(
        {
            "person_id": _persons(s),
            "return_seq": _take(s["seq"], ret),
            "return_city_id": _take(s["city_id"], ret),
            "return_city": _take(s["city"], ret),
            "return_year": _take(s["year"], ret).astype("Int64"),
            "went_abroad": loc["went"],
            "returned": ret >= 0,
            "return_province": _take(province, ret),
            "abroad_seq": _take(s["seq"], abroad),
            "abroad_city_id": _take(s["city_id"], abroad),
            "abroad_city": _take(s["city"], abroad),
            "departure_seq": _take(s["seq"], dep),
        }
    )
    for col in ("return_seq", "abroad_seq", "departure_seq"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    return out


def _join_per_person(p: np.ndarray, names: np.ndarray, n_persons: int) -> np.ndarray:
    """';'-join names per person (p sorted); None for persons without names.

    ``np.add.reduceat`` concatenates the strings in C, with no per-person Python call.
    """
    out = np.full(n_persons, None, dtype=object)
    if len(p) == 0:
        return out
    text = _as_str(names)
    first = np.ones(len(p), dtype=bool)
    first[1:] = p[1:] != p[:-1]
    text = np.where(first, text, ";" + text.astype(object)).astype(object)
    starts = np.flatnonzero(first)
    out[p[starts]] = np.add.reduceat(text, starts)
    return out


def _as_bool(values: pd.Series) -> np.ndarray:
    return as_bool(values, "domestic")


def _as_str(values) -> np.ndarray:
    """Object array of str, converting each distinct value once."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    return (
        np.asarray([str(u) for u in uniques], dtype=object)[codes]
        if len(codes)
        else (np.array([], dtype=object))
    )


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


# --------------------------------------------------------------------------- public API


def find_returns(stages: pd.DataFrame, which: str = "first") -> pd.DataFrame:
    """One row per person: the return (see the module docstring for the rules).

    Columns: person_id, return_seq, return_city_id, return_city, return_year,
    went_abroad, returned, plus return_province, abroad_seq / abroad_city_id /
    abroad_city (the last overseas stage before the return: the origin of the
    backflow leg) and departure_seq (first stage of the stay abroad that precedes the
    return). Return fields are <NA> for people who did not return.
    """
    which = _check_choice(which, WHICH, "which")
    if stages.empty:
        return _empty(RETURN_COLUMNS)
    # only the columns a return needs: a report on a million persons must not carry
    # every person attribute through the sort
    s = _prepare(stages[[c for c in stages.columns if c in _RETURN_INPUT]])
    return _returns_frame(s, _locate_returns(s, which))[list(RETURN_COLUMNS)]


def _known_basis(s: pd.DataFrame) -> np.ndarray:
    """Basis (birthplace/study/work) each row would give if it were a known city."""
    stage = s["stage"].to_numpy()
    p = s["_p"].to_numpy()
    labelled = stage != ""
    n_persons = int(p.max()) + 1
    unlabelled_person = np.bincount(p, weights=labelled, minlength=n_persons)[p] == 0
    first_row = s["_pos"].to_numpy() == s["_start"].to_numpy()
    been_abroad = s["_prior_ab"].to_numpy() > 0
    basis = np.where(been_abroad, BASIS_WORK, BASIS_STUDY).astype(object)
    basis[unlabelled_person & first_row] = BASIS_BIRTHPLACE
    basis[stage == "birth"] = BASIS_BIRTHPLACE
    basis[np.isin(stage, STUDY_STAGES)] = BASIS_STUDY
    basis[np.isin(stage, _WORK_LIKE)] = BASIS_WORK
    return basis


def classify_routes(
    stages: pd.DataFrame, level: str = "city", which: str = "first"
) -> pd.DataFrame:
    """One row per person (none dropped): return city, known cities, pattern, basis.

    Columns: person_id, return_city_id, return_city, return_year, pattern (``circle``,
    ``linear`` or None), circle_basis (comma-joined, order birthplace, study, work),
    circle_basis_primary, known_cities (semicolon-joined names of domestic cities known
    before leaving, in life-course order), reason, then return_seq, return_province,
    abroad_city_id, abroad_city, went_abroad, returned, then the person attributes
    (first non-missing value per person of every column that is not a per-stage
    column; a name clashing with a route column gets the suffix ``_attr``).

    ``level="province"`` matches provinces instead of cities (same city always
    matches). ``which="last"`` classifies the person's last return (see the module
    docstring) instead of the first.
    """
    level = _check_choice(level, LEVELS, "level")
    which = _check_choice(which, WHICH, "which")
    if stages.empty:
        return _empty(PATTERN_ROUTE_COLUMNS)
    if level == "province" and "province" not in stages.columns:
        raise BackflowInputError(
            "Province-level matching needs a province column in the stages table",
            column="province",
            accepted="the STAGES output of backflow:importtrajectories, or level 'city'",
        )
    s = _prepare(stages)
    loc = _locate_returns(s, which)
    out = _returns_frame(s, loc)
    n_persons = len(out)
    p = s["_p"].to_numpy()
    pos = s["_pos"].to_numpy()

    known = s["_dom"].to_numpy() & (pos < loc["cut"][p])
    n_known = np.bincount(p, weights=known, minlength=n_persons)
    ret_city = out["return_city_id"].to_numpy(dtype=object)[p]
    match = known & (s["city_id"].to_numpy(dtype=object) == ret_city)
    if level == "province":
        prov = s["province"].to_numpy(dtype=object)
        ret_prov = out["return_province"].to_numpy(dtype=object)[p]
        prov_ok = pd.notna(prov) & pd.notna(ret_prov) & (prov != "")
        match |= known & prov_ok & (prov == ret_prov)
    returned = loc["ret"] >= 0
    match &= returned[p]

    basis = _known_basis(s)
    has = {b: np.bincount(p, weights=match & (basis == b), minlength=n_persons) > 0 for b in BASES}
    joined = pd.Series([""] * n_persons, dtype=object)
    primary = pd.Series([None] * n_persons, dtype=object)
    for b in BASES:
        flag = pd.Series(has[b])
        joined = joined.where(~flag, joined + np.where(joined == "", "", ",") + b)
        primary = primary.where(~(flag & primary.isna()), b)
    circle = np.logical_or.reduce([has[b] for b in BASES])

    # one str per label (np.where on strings would make one object per person)
    which_label = np.where(returned, circle.astype(np.int8), 2)
    out["pattern"] = object_column(
        np.asarray([PATTERN_LINEAR, PATTERN_CIRCLE, None], dtype=object)[which_label], out.index
    )
    out["circle_basis"] = object_column(joined.where(pd.Series(circle), None), out.index)
    out["circle_basis_primary"] = object_column(primary, out.index)
    reason = np.full(n_persons, None, dtype=object)
    reason[returned & (n_known == 0)] = REASON_NOTHING_KNOWN
    reason[~returned & loc["went"]] = REASON_NEVER_RETURNED
    reason[~returned & ~loc["went"]] = REASON_NEVER_ABROAD
    out["reason"] = object_column(reason, out.index)

    kc = s.loc[known, ["_p", "city_id", "city"]].drop_duplicates(["_p", "city_id"])
    out["known_cities"] = _join_per_person(
        kc["_p"].to_numpy(), kc["city"].fillna(kc["city_id"]).to_numpy(), n_persons
    )

    out = out[list(PATTERN_ROUTE_COLUMNS)]
    attrs = [
        c
        for c in dict.fromkeys(stages.columns)
        if c not in PER_STAGE_COLUMNS and not str(c).startswith("_")
    ]
    if attrs:
        values = s.groupby("_p", sort=True)[attrs].first().reset_index(drop=True)
        values.columns = [f"{c}_attr" if c in PATTERN_ROUTE_COLUMNS else c for c in attrs]
        out = pd.concat([out, values], axis=1)
    counts = out["pattern"].value_counts()
    log.info(
        "Route patterns (%s level, %s return): %d persons, %d circle, %d linear, %d none",
        level,
        which,
        n_persons,
        counts.get(PATTERN_CIRCLE, 0),
        counts.get(PATTERN_LINEAR, 0),
        int(out["pattern"].isna().sum()),
    )
    return out


def flow_patterns(
    stages: pd.DataFrame, routes: pd.DataFrame, split_by_pattern: bool = False
) -> pd.DataFrame:
    """Backflow flows (abroad -> home) by route pattern.

    Each person with a pattern contributes one leg: the last overseas stage before
    their return (``routes.return_seq``) -> the return city. The leg is rebuilt from
    `stages`, so `routes` only needs person_id, return_seq, return_city_id,
    return_city and pattern. A labelled return with no overseas stage before it has no
    leg. Note that for people abroad several times this counts the chosen return
    only, while importtrajectories' FLOWS counts every abroad -> home move.

    Columns: origin_id, dest_id, origin, dest, flow_type (``backflow``), count,
    circle, linear, pattern_share (circle / (circle + linear)). With
    ``split_by_pattern=True``: one row per (origin, dest, pattern) with origin_id,
    dest_id, origin, dest, flow_type, pattern, count and share (the pattern's share of
    the pair). Rows are sorted by count, largest first.
    """
    columns = SPLIT_FLOW_COLUMNS if split_by_pattern else PATTERN_FLOW_COLUMNS
    need = ("person_id", "return_seq", "return_city_id", "return_city", "pattern")
    missing = [c for c in need if c not in routes.columns]
    if missing:
        raise BackflowInputError(
            "The routes table lacks a required column",
            column=", ".join(missing),
            accepted="the output of classify_routes",
        )
    r = routes.loc[routes["pattern"].isin([PATTERN_CIRCLE, PATTERN_LINEAR]), list(need)].copy()
    if r.empty or stages.empty:
        return _empty(columns)
    r["person_id"] = r["person_id"].astype(str)
    r["return_seq"] = pd.to_numeric(r["return_seq"], errors="coerce")
    s = _prepare(stages)
    r = r.drop_duplicates("person_id")
    ret_seq = r.set_index("person_id")["return_seq"].reindex(_persons(s))
    ret_seq = ret_seq.to_numpy(dtype=float, na_value=np.nan)
    before = s["_seq"].to_numpy() < ret_seq[s["_p"].to_numpy()]  # NaN (no route) -> False
    legs = s.loc[s["_ab"].to_numpy() & before, ["person_id", "city_id", "city"]]
    legs = legs.drop_duplicates("person_id", keep="last")  # rows are in life-course order
    legs = legs.rename(columns={"city_id": "origin_id", "city": "origin"})
    legs = legs.merge(r, on="person_id", how="inner").rename(
        columns={"return_city_id": "dest_id", "return_city": "dest"}
    )
    legs["dest_id"] = legs["dest_id"].astype(str)
    if legs.empty:
        return _empty(columns)
    keys = ["origin_id", "dest_id"]
    names = legs.groupby(keys, sort=False)[["origin", "dest"]].first()
    counts = pd.crosstab([legs["origin_id"], legs["dest_id"]], legs["pattern"])
    for pat in (PATTERN_CIRCLE, PATTERN_LINEAR):
        if pat not in counts.columns:
            counts[pat] = 0
    flows = names.join(counts[[PATTERN_CIRCLE, PATTERN_LINEAR]]).reset_index()
    flows[PATTERN_CIRCLE] = flows[PATTERN_CIRCLE].astype(int)
    flows[PATTERN_LINEAR] = flows[PATTERN_LINEAR].astype(int)
    flows["count"] = flows[PATTERN_CIRCLE] + flows[PATTERN_LINEAR]
    flows["pattern_share"] = flows[PATTERN_CIRCLE] / flows["count"]
    flows["flow_type"] = FLOW_BACKFLOW
    flows = flows.sort_values(["count", "origin_id", "dest_id"], ascending=[False, True, True])
    flows = flows.reset_index(drop=True)
    if not split_by_pattern:
        return flows[list(PATTERN_FLOW_COLUMNS)]
    long = flows.melt(
        id_vars=["origin_id", "dest_id", "origin", "dest", "flow_type", "count"],
        value_vars=[PATTERN_CIRCLE, PATTERN_LINEAR],
        var_name="pattern",
        value_name="n",
    )
    long = long[long["n"] > 0].copy()
    long["share"] = long["n"] / long["count"]
    long["count"] = long["n"].astype(int)
    long = long.sort_values(
        ["count", "origin_id", "dest_id", "pattern"], ascending=[False, True, True, True]
    )
    return long[list(SPLIT_FLOW_COLUMNS)].reset_index(drop=True)


def pattern_shares(routes: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Circle / linear counts and shares, overall (``by=None``) or per group.

    `by` is any routes column: a person attribute (subject, unit_type...) or
    ``return_year``. Columns: by (the grouping column, ``all`` overall), group (the
    group value; ``all`` overall; missing values form their own group), circle,
    linear, total (= circle + linear: people with a pattern), circle_share,
    linear_share (NaN when total is 0), no_pattern (people without a pattern).
    Groups are sorted by value, missing last.
    """
    if "pattern" not in routes.columns:
        raise BackflowInputError(
            "The routes table has no pattern column",
            column="pattern",
            accepted="the output of classify_routes",
        )
    if by is not None and by not in routes.columns:
        raise BackflowInputError(
            "Unknown grouping column for pattern shares",
            column=by,
            accepted=", ".join(map(str, routes.columns)),
        )
    pattern = routes["pattern"]
    frame = pd.DataFrame(
        {
            "circle": (pattern == PATTERN_CIRCLE).astype(int),
            "linear": (pattern == PATTERN_LINEAR).astype(int),
            "no_pattern": pattern.isna().astype(int),
        }
    )
    if by is None:
        table = frame.sum().to_frame().T
        table.insert(0, "group", "all")
        table.insert(0, "by", "all")
    else:
        key = routes[by]
        table = frame.groupby(key, dropna=False, sort=True).sum()
        table.index.name = "group"
        table = table.reset_index()
        table.insert(0, "by", by)
    table["total"] = table["circle"] + table["linear"]
    total = table["total"].where(table["total"] > 0)
    table["circle_share"] = table["circle"] / total
    table["linear_share"] = table["linear"] / total
    for col in ("circle", "linear", "total", "no_pattern"):
        table[col] = table[col].astype(int)
    return table[list(SHARE_COLUMNS)].reset_index(drop=True)
