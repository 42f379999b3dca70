"""Where returnees come from: the overseas source city of each return (pure pandas).

Rules (every function below shares them)
----------------------------------------
Returnee
    A person with a return (``trajectories.returns.find_returns``, the first return).
Last stay (``basis="last"``)
    The overseas stage just before the return (the origin of the backflow leg): its
    city, country and organisation. A returnee whose return has no overseas stage
    right before it (a labelled return after a domestic stage) has no last source.
Stay
    A run of consecutive overseas stages in one city (a PhD then a postdoc at
    Harvard and MIT, both in Cambridge, US, is one stay in Cambridge). Its length is
    the year of the stage after the run minus the year the run began (``year`` is the
    year a stage began); unknown when either year is missing.
Longest stay (``basis="longest"``)
    Among the overseas stays before the return: the only one when there is a single
    stay (``longest_basis`` = ``only stay``), else the longest when every stay has a
    length (``years``; ties go to the later stay). When some length is unknown the
    longest stay is not guessed: the fields are empty and ``longest_basis`` says
    ``years missing``. The stay's organisation is the one of its longest stage (ties:
    the later one).
Source label
    ``City (CC)`` with the ISO country code, so Cambridge (US) and Cambridge (GB)
    stay apart; the city id is the key.
Minimum persons
    ``min_persons`` (default 5, the disclosure rule): a source, a return city or a
    matrix cell with fewer persons is not listed on its own; its persons are merged
    into ``Other`` and ``attrs["note"]`` says how many cells and persons that was.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..disclosure.rules import MIN_PERSONS_DEFAULT
from ..frames import all_notes, empty_frame, group_text, is_domestic, with_note
from ..messages import M, Message
from ..schema import TIER_LABELS
from ..trajectories.returns import find_returns
from .stage_keys import first_rows, person_codes

BASES = ("last", "longest")
OTHER = "Other"
UNKNOWN = "Unknown"
NO_TIER = "no tier"

PERSON_COLUMNS = (
    "person_id",
    "return_city_id",
    "return_city",
    "return_year",
    "last_city_id",
    "last_city",
    "last_country",
    "last_org",
    "last_label",
    "longest_city_id",
    "longest_city",
    "longest_country",
    "longest_org",
    "longest_label",
    "longest_years",
    "longest_basis",
    "stays",
)
TOP_COLUMNS = ("rank", "city_id", "label", "city", "country", "persons", "share", "base")
MATRIX_COLUMNS = (
    "return_city_id",
    "return_city",
    "source_city_id",
    "source",
    "persons",
    "return_total",
    "share",
    "source_total",
    "source_share",
)
TIER_COLUMNS = (
    "tier",
    "tier_label",
    "rank",
    "source_city_id",
    "source",
    "persons",
    "base",
    "share",
)


def label(city, country) -> str | None:
    """'Cambridge (US)': the city with its country code (None without a city)."""
    city, country = group_text(city), group_text(country)
    if city is None:
        return None
    return f"{city} ({country})" if country else city


def _check_basis(basis: str) -> str:
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, not {basis!r}")
    return basis


def _texts(values) -> np.ndarray:
    """``frames.group_text`` of each value, converting each distinct value once."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    texts = np.asarray([group_text(u) for u in uniques] + [None], dtype=object)
    return texts[codes]  # code -1 (missing) takes the last entry, None


def _labels(cities, countries) -> np.ndarray:
    """:func:`label` of each (city, country) pair, each distinct pair once."""
    city = pd.Series(cities, dtype=object).to_numpy()
    country = pd.Series(countries, dtype=object).to_numpy()
    if not len(city):  # nobody returned
        return np.asarray([], dtype=object)
    a, _ = pd.factorize(city)  # missing -> -1
    b, b_uniques = pd.factorize(country)
    _, first, codes = np.unique(
        (a + 1).astype(np.int64) * (len(b_uniques) + 1) + (b + 1),
        return_index=True,
        return_inverse=True,
    )
    texts = [
        label(*(None if k < 0 else v for k, v in ((a[i], city[i]), (b[i], country[i]))))
        for i in first
    ]
    return np.asarray(texts, dtype=object)[codes]


def _ordered(stages: pd.DataFrame) -> tuple[dict[str, pd.Series], np.ndarray, np.ndarray]:
    """Stages sorted as ``patterns`` sorts them (person first appearance, seq, file order):
    (the columns read, as in STAGES; the sorted order, as positions in STAGES; each
    sorted row's seq, numbered in file order within the person without a seq column)."""
    keep = ["person_id", "seq", "city_id", "city", "country", "org", "year", "domestic"]
    where = {}  # each column's first position (a repeated column name counts once)
    for i, col in enumerate(stages.columns):
        if col in keep:
            where.setdefault(col, i)
    column = {c: stages.iloc[:, where[c]] for c in keep if c in where}
    code = person_codes(column["person_id"])[0]
    if "seq" in column:
        seq = pd.to_numeric(column["seq"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        step = np.diff(code)
        # a table written person by person, seq rising (as the import writes it), is
        # in order already: the sort would keep every row where it is
        rising = (step > 0) | np.isnan(seq[1:]) | (seq[:-1] <= seq[1:])
        if (step >= 0).all() and rising.all():
            return column, np.arange(len(code)), seq
        order = np.lexsort((seq, code))
        return column, order, seq[order]
    order = np.argsort(code, kind="stable")
    start = np.searchsorted(code[order], code[order], side="left")
    return column, order, (np.arange(len(order)) - start + 1).astype(float)


def person_sources(stages: pd.DataFrame, returns: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per returnee: the source of the last stay and of the longest stay.

    Columns ``PERSON_COLUMNS``; ``stays`` is the number of overseas stays before the
    return. Needs ``person_id``, ``city_id`` and ``domestic`` (the STAGES table);
    `returns`: find_returns of these stages, when already found.
    """
    if stages.empty:
        return empty_frame(PERSON_COLUMNS, M("note.sources.no_stages"))
    # Positions below are in the sorted order; rows are read from STAGES when needed.
    column, order, seq = _ordered(stages)
    code, persons = person_codes(column["person_id"])
    code = code[order]
    # The return row of each person, as patterns finds it (positions in the same order).
    returns = find_returns(stages) if returns is None else returns
    returns = returns[returns["returned"]].copy()
    returns["person_id"] = returns["person_id"].astype(str)
    # Position of the return row: its seq within the person (the first row of that seq).
    want = persons.get_indexer(returns["person_id"])
    at = first_rows(
        code,
        seq,
        want,
        pd.to_numeric(returns["return_seq"], errors="coerce").to_numpy(
            dtype=float, na_value=np.nan
        ),
    )
    hit = at >= 0
    ret = returns[hit].assign(_code=want[hit], _rpos=at[hit]).reset_index(drop=True)

    # Overseas rows before each person's return, grouped in stays (runs of one city).
    rpos = np.full(len(persons), -1, dtype=np.int64)
    rpos[ret["_code"].to_numpy()] = ret["_rpos"].to_numpy()
    rpos = rpos[code]
    domestic = is_domestic(column["domestic"].take(order))
    rows = np.flatnonzero((np.arange(len(code)) < rpos) & ~domestic)
    if "year" in column:
        year = pd.to_numeric(column["year"].take(order), errors="coerce").reset_index(drop=True)
    else:
        year = pd.Series(np.nan, index=pd.RangeIndex(len(code)))
    next_year = year.shift(-1).where(np.r_[code[1:] == code[:-1], False])

    def read(col: str) -> pd.Series:
        if col not in column:
            return pd.Series(None, index=pd.RangeIndex(len(rows)), dtype=object)
        return column[col].take(order[rows]).reset_index(drop=True)

    before = pd.DataFrame(
        {
            "_code": code[rows],
            "city_id": _texts(read("city_id")),
            "city": read("city"),
            "country": read("country"),
            "org": read("org"),
            "_pos": rows,
            "_rpos": rpos[rows],
            "_year": year.iloc[rows].reset_index(drop=True),
            "_next_year": next_year.iloc[rows].reset_index(drop=True),
        }
    )
    new_run = (
        (before["_code"] != before["_code"].shift())
        | (before["city_id"] != before["city_id"].shift())
        | (before["_pos"] != before["_pos"].shift() + 1)
    )
    before["_run"] = new_run.cumsum()
    before["_len"] = before["_next_year"] - before["_year"]

    out = ret[["person_id", "return_city_id", "return_city", "return_year", "abroad_seq"]].copy()
    who = pd.Series(ret["_code"].to_numpy(), index=out.index)  # each returnee's person code
    # Last stay: the overseas row right before the return.
    last = before[before["_pos"] == before["_rpos"] - 1].set_index("_code")
    for col in ("city_id", "city", "country", "org"):
        out[f"last_{col}"] = who.map(last[col]) if len(last) else None
    if len(before):
        before["_gap"] = before["_len"].isna().astype(np.int64)
        runs = before.groupby("_run", sort=True).agg(
            _code=("_code", "first"),
            city_id=("city_id", "first"),
            city=("city", "first"),
            country=("country", "first"),
            years=("_len", "sum"),
            gaps=("_gap", "sum"),
            first_pos=("_pos", "first"),
        )
        runs.loc[runs["gaps"] > 0, "years"] = np.nan  # a stay with a year missing: unknown
        # The org of each stay: the one of its longest stage (ties: the later stage).
        run = before["_run"].to_numpy()
        longest = np.lexsort(
            (
                before["_pos"].to_numpy(),
                before["_len"].fillna(-1).to_numpy(dtype=float),
                run,
            )
        )
        run_last = np.flatnonzero(np.r_[run[longest][1:] != run[longest][:-1], True])
        runs["org"] = before["org"].iloc[longest[run_last]].set_axis(run[longest][run_last])
        per = runs.groupby("_code", sort=False).agg(stays=("city_id", "size"), gaps=("gaps", "sum"))
        per["known"] = per["gaps"] == 0
        # Whole rows (not groupby.last, which skips missing values column by column).
        # (by person, years (missing last), first stage; the last of each person)
        person = runs["_code"].to_numpy()
        ranked = np.lexsort(
            (
                runs["first_pos"].to_numpy(),
                runs["years"].to_numpy(dtype=float, na_value=np.nan),
                person,
            )
        )
        ranked = ranked[np.r_[person[ranked][1:] != person[ranked][:-1], True]]
        best = runs.iloc[ranked].set_index("_code")
        best = best.drop(columns=["gaps"]).join(per)
        ok = (best["stays"] == 1) | best["known"]
        best.loc[~ok, ["city_id", "city", "country", "org", "years"]] = None
        best["basis"] = np.where(
            best["stays"] == 1, "only stay", np.where(best["known"], "years", "years missing")
        )
        for col in ("city_id", "city", "country", "org"):
            out[f"longest_{col}"] = who.map(best[col])
        out["longest_years"] = pd.to_numeric(who.map(best["years"]), errors="coerce")
        out["longest_basis"] = who.map(best["basis"])
        out["stays"] = who.map(per["stays"]).fillna(0).astype("int64")
    else:
        for col in ("city_id", "city", "country", "org", "years", "basis"):
            out[f"longest_{col}"] = None
        out["stays"] = 0
    for basis in BASES:
        out[f"{basis}_label"] = _labels(out[f"{basis}_city"], out[f"{basis}_country"])
        out[f"{basis}_org"] = _texts(out[f"{basis}_org"])
    out["return_year"] = pd.to_numeric(out["return_year"], errors="coerce").astype("Int64")
    return out.reindex(columns=list(PERSON_COLUMNS))  # (rows numbered from 0 already)


def _merge_note(cells: int, persons: int, key: str, min_persons: int) -> Message | None:
    if not cells:
        return None
    return M(key, n=cells, k=min_persons, persons=persons)


def top_sources(
    sources: pd.DataFrame, basis: str = "last", n: int = 20, min_persons: int = MIN_PERSONS_DEFAULT
) -> pd.DataFrame:
    """The top `n` overseas source cities of the returnees.

    `sources` is :func:`person_sources`. Columns ``TOP_COLUMNS``: rank, city_id,
    label ('Cambridge (US)'), city, country, persons, share, base (all returnees).
    After the listed cities come ``Other`` (the sources beyond the top n and those
    under `min_persons`) and ``Unknown`` (returnees without a source for the basis),
    so the persons add up to the base.
    """
    basis = _check_basis(basis)
    if sources.empty:
        return empty_frame(TOP_COLUMNS, M("note.no_returnees"))
    base = len(sources)
    # the columns counted only (the person table is wide)
    read = ["person_id", *(f"{basis}_{c}" for c in ("city_id", "label", "city", "country"))]
    known = sources.loc[sources[f"{basis}_city_id"].notna().to_numpy(), read]
    counts = (
        known.groupby(f"{basis}_city_id")
        .agg(
            label=(f"{basis}_label", "first"),
            city=(f"{basis}_city", "first"),
            country=(f"{basis}_country", "first"),
            persons=("person_id", "size"),
        )
        .reset_index()
        .rename(columns={f"{basis}_city_id": "city_id"})
        .sort_values(["persons", "label"], ascending=[False, True], kind="mergesort")
    )
    small = counts[counts["persons"] < min_persons]
    listed = counts[counts["persons"] >= min_persons].head(n).copy()
    listed["rank"] = np.arange(1, len(listed) + 1)
    rest = len(known) - int(listed["persons"].sum())
    extra = []
    if rest:
        extra.append({"label": OTHER, "persons": rest})
    if base - len(known):
        extra.append({"label": UNKNOWN, "persons": base - len(known)})
    out = pd.concat([listed, pd.DataFrame(extra)], ignore_index=True)
    out["persons"] = out["persons"].astype("int64")
    out["rank"] = out["rank"].astype("Int64")
    out["share"] = out["persons"] / base
    out["base"] = base
    notes = [
        _merge_note(
            len(small), int(small["persons"].sum()), "note.sources.merged_sources", min_persons
        )
    ]
    if base - len(known):
        why = M("note.sources.why_longest" if basis == "longest" else "note.sources.why_last")
        notes.append(M("note.sources.without_source", n=base - len(known), why=why))
    out = out[list(TOP_COLUMNS)]
    out.attrs.update(
        hidden_cells=int(len(small)),
        hidden_persons=int(small["persons"].sum()),
        unknown=int(base - len(known)),
    )
    return with_note(out, all_notes(notes))


def source_return_matrix(
    sources: pd.DataFrame,
    basis: str = "last",
    n_return: int = 8,
    n_source: int = 10,
    min_persons: int = MIN_PERSONS_DEFAULT,
    top: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Which overseas cities feed which return city: a long source x return table.

    Return cities: the `n_return` with most returnees (at least `min_persons`). Sources:
    the `n_source` top sources overall (at least `min_persons`); the others, and any
    cell under `min_persons`, are merged into ``Other`` of their return city; returnees
    without a source are ``Unknown``. share = persons / return_total (the return
    city's returnees); source_share = persons / source_total (the source's returnees
    in all return cities). Rows: return cities by size, then sources by size. `top`:
    ``top_sources(sources, basis, n, min_persons)`` with n >= `n_source`, when made.
    """
    basis = _check_basis(basis)
    if sources.empty:
        return empty_frame(MATRIX_COLUMNS, M("note.no_returnees"))
    r = sources[["person_id", "return_city_id", "return_city"]].copy()  # the columns read
    r["_src"] = sources[f"{basis}_city_id"]
    r["_label"] = sources[f"{basis}_label"]
    returns = (
        r.groupby("return_city_id")
        .agg(return_city=("return_city", "first"), return_total=("person_id", "size"))
        .sort_values(["return_total", "return_city"], ascending=[False, True], kind="mergesort")
    )
    small_returns = returns[returns["return_total"] < min_persons]
    returns = returns[returns["return_total"] >= min_persons].head(n_return)
    top = top_sources(sources, basis, n_source, min_persons) if top is None else top
    top_ids = [c for c in top["city_id"] if isinstance(c, str)][:n_source]
    source_total = r.groupby("_src").size()
    cells = r[r["return_city_id"].isin(returns.index)]
    cells = (
        cells.groupby(["return_city_id", "_src"], dropna=False)
        .agg(source=("_label", "first"), persons=("person_id", "size"))
        .reset_index()
    )
    listed = cells["_src"].isin(top_ids) & (cells["persons"] >= min_persons)
    hidden = cells["_src"].isin(top_ids) & ~listed
    rows = []
    for rid, g in cells.groupby("return_city_id", sort=False):
        keep = g[listed.loc[g.index]]
        for _, c in keep.iterrows():
            rows.append(
                {
                    "return_city_id": rid,
                    "source_city_id": c["_src"],
                    "source": c["source"],
                    "persons": c["persons"],
                }
            )
        other = int(g[~listed.loc[g.index] & g["_src"].notna()]["persons"].sum())
        unknown = int(g[g["_src"].isna()]["persons"].sum())
        if other:
            rows.append(
                {"return_city_id": rid, "source_city_id": None, "source": OTHER, "persons": other}
            )
        if unknown:
            rows.append(
                {
                    "return_city_id": rid,
                    "source_city_id": None,
                    "source": UNKNOWN,
                    "persons": unknown,
                }
            )
    out = pd.DataFrame(rows, columns=["return_city_id", "source_city_id", "source", "persons"])
    out = out.join(returns, on="return_city_id")
    out["share"] = out["persons"] / out["return_total"]
    out["source_total"] = [
        int(source_total.get(sid, 0)) if isinstance(sid, str) else np.nan
        for sid in out["source_city_id"]
    ]
    out["source_total"] = out["source_total"].astype("Int64")
    out["source_share"] = out["persons"] / out["source_total"].astype(float)
    order = {rid: i for i, rid in enumerate(returns.index)}
    src_order = {sid: i for i, sid in enumerate(top_ids)}
    out["_o1"] = out["return_city_id"].map(order)
    out["_o2"] = [
        src_order.get(sid, len(src_order) + (s == UNKNOWN))
        for sid, s in zip(out["source_city_id"], out["source"])
    ]
    out = out.sort_values(["_o1", "_o2"], kind="mergesort").reset_index(drop=True)
    out["persons"] = out["persons"].astype("int64")
    out["return_total"] = out["return_total"].astype("int64")
    notes = [
        _merge_note(
            int(hidden.sum()),
            int(cells.loc[hidden, "persons"].sum()),
            "note.sources.merged_cells",
            min_persons,
        ),
        (
            M("note.sources.small_returns", n=len(small_returns), k=min_persons)
            if len(small_returns)
            else None
        ),
    ]
    out = out[list(MATRIX_COLUMNS)]
    out.attrs.update(
        hidden_cells=int(hidden.sum()),
        hidden_persons=int(cells.loc[hidden, "persons"].sum()),
        small_returns=int(len(small_returns)),
    )
    return with_note(out, all_notes(notes))


def matrix_wide(matrix: pd.DataFrame) -> pd.DataFrame:
    """The long matrix as sources (rows) x return cities (columns) of persons (0 if none)."""
    if matrix.empty:
        return pd.DataFrame()
    wide = matrix.pivot_table(
        index="source", columns="return_city", values="persons", aggfunc="sum", sort=False
    )
    cols = list(dict.fromkeys(matrix["return_city"]))
    rows = list(dict.fromkeys(s for s in matrix["source"] if s not in (OTHER, UNKNOWN)))
    rows += [s for s in (OTHER, UNKNOWN) if s in wide.index]
    return wide.reindex(index=rows, columns=cols).fillna(0).astype("int64")


def tier_of(cities: pd.DataFrame | None) -> pd.Series:
    """city_id -> tier (1, 2, 3) from a CITIES table with a ``tier`` column."""
    if cities is None or cities.empty or "tier" not in cities.columns:
        return pd.Series(dtype="float64")
    tiers = pd.to_numeric(cities["tier"], errors="coerce")
    return pd.Series(tiers.to_numpy(), index=cities["city_id"].astype(str)).dropna()


def sources_by_tier(
    sources: pd.DataFrame,
    cities: pd.DataFrame | None,
    basis: str = "last",
    n: int = 5,
    min_persons: int = MIN_PERSONS_DEFAULT,
) -> pd.DataFrame:
    """The top `n` sources of the returnees of each tier of return city.

    Columns ``TIER_COLUMNS``; base = returnees of the tier; share = persons / base.
    Returnees whose return city has no tier form the group ``no tier``. Sources under
    `min_persons` in a tier are not listed (noted).
    """
    basis = _check_basis(basis)
    tiers = tier_of(cities)
    if tiers.empty:
        return empty_frame(
            TIER_COLUMNS,
            M("note.missing_column_then", column="`tier`", then=M("note.run_citynetwork")),
        )
    if sources.empty:
        return empty_frame(TIER_COLUMNS, M("note.no_returnees"))
    r = sources[["person_id", "return_city_id", f"{basis}_city_id", f"{basis}_label"]].copy()
    r["_tier"] = r["return_city_id"].astype(str).map(tiers)
    rows, hidden, hidden_persons = [], 0, 0
    # tiers 1, 2, 3, then the returnees of cities without a tier
    for tier, g in r.groupby(r["_tier"].fillna(99), sort=True):
        tier = None if tier == 99 else tier
        counts = (
            g[g[f"{basis}_city_id"].notna()]
            .groupby(f"{basis}_city_id")
            .agg(source=(f"{basis}_label", "first"), persons=("person_id", "size"))
            .reset_index()
            .sort_values(["persons", "source"], ascending=[False, True], kind="mergesort")
        )
        small = counts["persons"] < min_persons
        hidden += int(small.sum())
        hidden_persons += int(counts.loc[small, "persons"].sum())
        for rank, (_, c) in enumerate(counts[~small].head(n).iterrows(), start=1):
            rows.append(
                {
                    "tier": int(tier) if tier else None,
                    "tier_label": TIER_LABELS.get(int(tier), NO_TIER) if tier else NO_TIER,
                    "rank": rank,
                    "source_city_id": c[f"{basis}_city_id"],
                    "source": c["source"],
                    "persons": int(c["persons"]),
                    "base": len(g),
                }
            )
    out = pd.DataFrame(rows, columns=list(TIER_COLUMNS))
    out["tier"] = out["tier"].astype("Int64")
    for col in ("rank", "persons", "base"):
        out[col] = out[col].astype("int64")
    out["share"] = out["persons"] / out["base"]
    note = (
        M("note.sources.tier_cells", n=hidden, k=min_persons, persons=hidden_persons)
        if hidden
        else None
    )
    out = out[list(TIER_COLUMNS)]
    out.attrs.update(hidden_cells=hidden, hidden_persons=hidden_persons)
    return with_note(out, note)
