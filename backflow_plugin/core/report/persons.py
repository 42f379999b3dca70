"""The person table every report table counts from, and what the tables share: the
column a role is found in, and the note of a table that lacks a column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..frames import is_domestic
from ..messages import M, Message
from ..trajectories.returns import find_returns


def missing_note(column: str, then=None) -> Message:
    """'not available: no `column` column' (then what to run, in parentheses)."""
    if then is None:
        return M("note.missing_column", column=f"`{column}`")
    return M("note.missing_column_then", column=f"`{column}`", then=then)


def detect_column(columns: Iterable[str], candidates: Sequence[str]) -> str | None:
    """The first column whose name matches a candidate (case and ``_``/space blind)."""

    def key(text: str) -> str:
        return str(text).strip().casefold().replace("_", " ").replace("-", " ")

    cols = list(columns)
    keys = {key(c): c for c in reversed(cols)}
    for cand in candidates:
        hit = keys.get(key(cand))
        if hit is not None:
            return hit
    return None


def is_routes(frame: pd.DataFrame) -> bool:
    return "return_city" in frame.columns and "stage" not in frame.columns


def person_table(data: pd.DataFrame, attributes: Sequence[str] = ()) -> pd.DataFrame:
    """One row per person: person_id, return_city_id, return_city, returned + attributes.

    `data` is a ROUTES table (used as is) or a STAGES table (returns are found with
    ``trajectories.returns.find_returns``; attributes are each person's first non-missing value).
    """
    attributes = [a for a in dict.fromkeys(attributes) if a and a in data.columns]
    if is_routes(data):
        out = data.copy()
        if "returned" in out.columns:
            out["returned"] = is_domestic(out["returned"])
        else:
            out["returned"] = out["return_city"].notna().to_numpy()
        if "return_city_id" not in out.columns:
            out["return_city_id"] = out["return_city"]
        out["person_id"] = out["person_id"].astype(str)
        # drop_duplicates("person_id").reset_index(drop=True), without copying every
        # column twice more when (as routes are) each person is there once
        first = ~out["person_id"].duplicated().to_numpy()
        if not first.all():
            out = out.take(np.flatnonzero(first))
        out.index = pd.RangeIndex(len(out))
        return out
    if data.empty:
        return pd.DataFrame(
            columns=["person_id", "return_city_id", "return_city", "returned", *attributes]
        )
    returns = find_returns(data)
    out = returns[
        ["person_id", "return_seq", "return_city_id", "return_city", "return_year", "returned"]
    ].copy()
    if attributes:
        firsts = (
            data.assign(person_id=data["person_id"].astype(str))
            .groupby("person_id", sort=False)[attributes]
            .first()
        )
        out = out.join(firsts, on="person_id")
    return out


def returnees(persons: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The persons who returned (to a named city); `columns`: only these besides the
    return city's (a table counting a few columns need not copy every one)."""
    returned = persons["returned"] & persons["return_city"].notna()
    if columns is None:
        r = persons[returned].copy()
    else:
        keep = list(dict.fromkeys([*columns, "return_city_id", "return_city"]))
        r = persons.loc[returned, keep].copy()
    r["return_city"] = r["return_city"].astype(str)
    r["return_city_id"] = (
        r["return_city_id"].where(r["return_city_id"].notna(), r["return_city"]).astype(str)
    )
    return r
