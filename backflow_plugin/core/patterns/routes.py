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
from ..frames import columns_frame
from ..messages import M
from ..schema import (
    FLOW_BACKFLOW,
    PATTERN_CIRCLE,
    PATTERN_LINEAR,
    STAGE_COLUMNS,
    STUDY_STAGES,
    WORK_STAGES,
)
from ..trajectories.returns import (
    WHICH,
    check_choice,
    empty_columns,
    join_per_person,
    locate_returns,
    persons_of,
    prepare_stages,
    returns_frame,
)
from ..vectorise import first_per_group, object_column

log = logging.getLogger("backflow")

LEVELS = ("city", "province")

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


def _known_basis(s: pd.DataFrame) -> np.ndarray:
    """Basis each row would give if it were a known city, as its position in BASES
    (birthplace/study/work)."""
    birthplace, study, work = range(len(BASES))
    codes, labels = pd.factorize(s["stage"], use_na_sentinel=False)
    labels = list(labels)  # each distinct stage label classed once
    p = s["_p"].to_numpy()
    n_persons = int(p.max()) + 1
    labelled = np.asarray([label != "" for label in labels], dtype=bool)[codes]
    unlabelled_person = np.bincount(p, weights=labelled, minlength=n_persons)[p] == 0
    first_row = s["_pos"].to_numpy() == s["_start"].to_numpy()
    been_abroad = s["_prior_ab"].to_numpy() > 0
    basis = np.where(been_abroad, work, study).astype(np.int8)
    basis[unlabelled_person & first_row] = birthplace
    by_label = np.full(len(labels) + 1, -1, dtype=np.int8)  # -1: the row's own rule
    for i, label in enumerate(labels):
        if label == "birth":
            by_label[i] = birthplace
        if label in STUDY_STAGES:
            by_label[i] = study
        if label in _WORK_LIKE:
            by_label[i] = work
    fixed = by_label[codes]
    return np.where(fixed >= 0, fixed, basis)


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
    level = check_choice(level, LEVELS, "level")
    which = check_choice(which, WHICH, "which")
    if stages.empty:
        return empty_columns(PATTERN_ROUTE_COLUMNS)
    if level == "province" and "province" not in stages.columns:
        raise BackflowInputError(
            M("error.patterns.no_province_column"),
            column="province",
            accepted=M("error.patterns.no_province_column.accepted"),
        )
    s = prepare_stages(stages)
    loc = locate_returns(s, which)
    out = returns_frame(s, loc)
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
    has = {
        b: np.bincount(p, weights=match & (basis == i), minlength=n_persons) > 0
        for i, b in enumerate(BASES)
    }
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

    kc = columns_frame({c: s[c].to_numpy()[known] for c in ("_p", "city_id", "city")})
    kc = kc.drop_duplicates(["_p", "city_id"])
    out["known_cities"] = join_per_person(
        kc["_p"].to_numpy(), kc["city"].fillna(kc["city_id"]).to_numpy(), n_persons
    )

    out = out[list(PATTERN_ROUTE_COLUMNS)]
    attrs = [
        c
        for c in dict.fromkeys(stages.columns)
        if c not in PER_STAGE_COLUMNS and not str(c).startswith("_")
    ]
    if attrs:
        heads = np.flatnonzero(pos == s["_start"].to_numpy())  # each person's first row
        values = columns_frame({a: first_per_group(s[a], p, heads) for a in attrs})
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
            M("error.patterns.routes_missing_column"),
            column=", ".join(missing),
            accepted=M("error.patterns.routes_output"),
        )
    r = routes.loc[routes["pattern"].isin([PATTERN_CIRCLE, PATTERN_LINEAR]), list(need)].copy()
    if r.empty or stages.empty:
        return empty_columns(columns)
    r["person_id"] = r["person_id"].astype(str)
    r["return_seq"] = pd.to_numeric(r["return_seq"], errors="coerce")
    s = prepare_stages(stages)
    r = r.drop_duplicates("person_id")
    ret_seq = r.set_index("person_id")["return_seq"].reindex(persons_of(s))
    ret_seq = ret_seq.to_numpy(dtype=float, na_value=np.nan)
    before = s["_seq"].to_numpy() < ret_seq[s["_p"].to_numpy()]  # NaN (no route) -> False
    rows = s["_ab"].to_numpy() & before
    legs = columns_frame({c: s[c].to_numpy()[rows] for c in ("person_id", "city_id", "city")})
    legs = legs.drop_duplicates("person_id", keep="last")  # rows are in life-course order
    legs = legs.rename(columns={"city_id": "origin_id", "city": "origin"})
    legs = legs.merge(r, on="person_id", how="inner").rename(
        columns={"return_city_id": "dest_id", "return_city": "dest"}
    )
    legs["dest_id"] = legs["dest_id"].astype(str)
    if legs.empty:
        return empty_columns(columns)
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
            M("error.patterns.no_pattern_column"),
            column="pattern",
            accepted=M("error.patterns.routes_output"),
        )
    if by is not None and by not in routes.columns:
        raise BackflowInputError(
            M("error.patterns.unknown_grouping"),
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
