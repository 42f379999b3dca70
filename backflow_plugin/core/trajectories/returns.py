"""A person's return, found once for every step that needs it: the import's phases,
the report, sources, indices and the circle/linear routes.

The rules (order of stages, which domestic row is the return, the departure before it)
are written out in ``core.patterns.routes``' docstring, which applies them further.
Works on the STAGES table with whole-array numpy/pandas operations (no loop per person).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from ..errors import BackflowInputError
from ..frames import columns_frame, is_domestic, with_columns
from ..messages import M
from ..schema import STAGE_COLUMNS
from ..vectorise import first_seen_codes

log = logging.getLogger("backflow")

WHICH = ("first", "last")

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
_REQUIRED = ("person_id", "city_id", "domestic")
# What find_returns reads of a stage table.
_RETURN_INPUT = frozenset(
    ("person_id", "seq", "stage", "city_id", "city", "domestic", "year", "province")
)


# --------------------------------------------------------------------------- helpers


def check_choice(value: str, allowed: tuple[str, ...], name: str) -> str:
    text = str(value).strip().lower()
    if text not in allowed:
        raise BackflowInputError(
            M("error.unknown", name=name), column=name, value=value, accepted=", ".join(allowed)
        )
    return text


def prepare_stages(stages: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """Sorted copy with the positional helper columns every function needs.

    Adds ``_p`` (person index 0..P-1 in first-appearance order), ``_pos`` (row
    position), ``_start`` (position of the person's first row), ``_ab`` (overseas),
    ``_prior_ab`` (overseas rows strictly before), ``_prev_ab`` (the row just before is
    an overseas row of the same person), ``_run_start`` (last start of an overseas stay at or before the row, -1
    if none) and ``_last_ab`` (last overseas row at or before the row, -1 if none).
    ``columns``: the stage columns to keep (default: all).
    """
    missing = [c for c in _REQUIRED if c not in stages.columns]
    if missing:
        raise BackflowInputError(
            M("error.stages.missing_column"),
            column=", ".join(missing),
            accepted=M("error.stages.import_output_columns", columns=", ".join(STAGE_COLUMNS[:9])),
        )
    duplicated = stages.columns.duplicated()
    if duplicated.any():
        log.warning(
            "Stages table has repeated columns %s; the first of each is used",
            sorted(set(stages.columns[duplicated])),
        )
    wanted = None if columns is None else set(columns)
    # A new frame of the caller's columns (the first of each name), not copied: columns
    # are replaced or added below, never written into. Built from the columns, it is
    # neither consolidated nor split again as columns are replaced (a million persons:
    # ~6M rows by a dozen attributes).
    cols = {
        name: stages.iloc[:, i]
        for i, name in enumerate(stages.columns)
        if not duplicated[i] and (wanted is None or name in wanted)
    }
    person = cols["person_id"]
    codes = first_seen_codes(person)
    if (codes < 0).any():  # a missing id is a person of its own, as any other value
        codes = pd.factorize(person, sort=False, use_na_sentinel=False)[0]
    cols["person_id"] = _as_str(person)
    cols["_code"] = codes
    cols["_file"] = np.arange(len(person))
    has_seq = "seq" in cols
    if has_seq:
        cols["_seq"] = pd.to_numeric(cols["seq"], errors="coerce").fillna(np.inf)
        keys = ["_code", "_seq", "_file"]
    else:
        keys = ["_code", "_file"]
    in_order = _in_order(codes, cols["_seq"].to_numpy() if has_seq else None)
    s = columns_frame(cols, stages.index)
    if in_order:
        # the import's stages are sorted already: no sorted copy (nor reset_index's)
        s.index = pd.RangeIndex(len(s))
    else:
        s = s.sort_values(keys, kind="mergesort", ignore_index=True)
    n = len(s)
    add = {}
    for col in ("stage", "city", "city_id"):
        if col not in s.columns:
            add[col] = np.full(n, "", dtype=object)
    stage = add.get("stage", s.get("stage"))
    codes, uniques = pd.factorize(stage, use_na_sentinel=False)
    clean = ["" if pd.isna(u) else str(u).strip().lower() for u in uniques]
    if not all(type(u) is str and c == u for c, u in zip(clean, uniques)):
        add["stage"] = np.asarray(clean, dtype=object)[codes]
    add["city_id"] = _as_str(add.get("city_id", s.get("city_id")))
    year = s["year"] if "year" in s.columns else pd.Series(pd.NA, index=s.index)
    add["year"] = pd.to_numeric(year, errors="coerce").astype("Int64")

    pos = np.arange(n)
    code = s["_code"].to_numpy()
    new_person = np.ones(n, dtype=bool)
    if n:
        new_person[1:] = code[1:] != code[:-1]
    p = np.cumsum(new_person) - 1
    start = np.maximum.accumulate(np.where(new_person, pos, 0)) if n else pos
    dom = is_domestic(s["domestic"])
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

    add["_p"] = p
    add["_pos"] = pos
    add["_start"] = start
    add["_dom"] = dom
    add["_ab"] = ab
    add["_prior_ab"] = prior_ab
    add["_prev_ab"] = prev_ab
    add["_run_start"] = np.where(last_run >= start, last_run, -1)
    add["_last_ab"] = np.where(last_ab >= start, last_ab, -1)
    if not has_seq:  # file order within the person
        add["seq"] = pos - start + 1
        add["_seq"] = add["seq"].astype(float)
    return with_columns(s, add)


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


def locate_returns(s: pd.DataFrame, which: str) -> dict[str, np.ndarray]:
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
    valid = positions >= 0
    values = series.iloc[np.where(valid, positions, 0)].to_numpy(dtype=object, copy=True)
    values[~valid | pd.isna(values)] = None
    return pd.Series(values, dtype=object)


def persons_of(s: pd.DataFrame) -> pd.Series:
    return s["person_id"][s["_pos"] == s["_start"]].reset_index(drop=True)


def returns_frame(s: pd.DataFrame, loc: dict[str, np.ndarray]) -> pd.DataFrame:
    ret, dep, abroad = loc["ret"], loc["departure"], loc["abroad"]
    province = s["province"] if "province" in s.columns else pd.Series(np.full(len(s), None))
    out = pd.DataFrame(
        {
            "person_id": persons_of(s),
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


def join_per_person(p: np.ndarray, names: np.ndarray, n_persons: int) -> np.ndarray:
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


def _as_str(values) -> np.ndarray:
    """Object array of str, converting each distinct value once."""
    if isinstance(values, pd.Series) and values.dtype == object:
        array = values.to_numpy()
        if infer_dtype(array, skipna=False) == "string":  # str already: no copy
            return array
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    return (
        np.asarray([str(u) for u in uniques], dtype=object)[codes]
        if len(codes)
        else (np.array([], dtype=object))
    )


def empty_columns(columns: tuple[str, ...]) -> pd.DataFrame:
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
    which = check_choice(which, WHICH, "which")
    if stages.empty:
        return empty_columns(RETURN_COLUMNS)
    # only the columns a return needs: a report on a million persons must not carry
    # every person attribute through the sort
    s = prepare_stages(stages, _RETURN_INPUT)
    return returns_frame(s, locate_returns(s, which))[list(RETURN_COLUMNS)]
