"""Table 3: the top return and overseas organisations (each person once per organisation)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..frames import empty_frame, group_text, is_domestic
from ..messages import M
from ..sources.stage_keys import first_rows, person_codes
from ..trajectories.returns import find_returns
from ..vectorise import map_unique
from .persons import missing_note

log = logging.getLogger("backflow")

RETURN_ORG_COLUMNS = ("rank", "org", "city", "country", "persons", "share")
OVERSEAS_ORG_COLUMNS = ("rank", "org", "country", "city", "persons", "share")


# --------------------------------------------------------------------------- Table 3


# Stage columns the organisation tables read (with those that locate the return).
_ORG_TABLE_INPUT = ("person_id", "seq", "stage", "city_id", "city", "country", "domestic")
_ORG_TABLE_INPUT += ("year", "province", "org")


def _stage_rows(stages: pd.DataFrame) -> pd.DataFrame:
    # the columns used only: a copy of every person attribute costs GBs at 1M persons
    columns = [c for c in dict.fromkeys(stages.columns) if c in _ORG_TABLE_INPUT]
    columns += [c for c in ("org", "city", "country") if c not in columns]
    code, persons = person_codes(stages["person_id"])
    made = {c: np.full(len(stages), None, dtype=object) for c in columns if c not in stages}
    made["person_id"] = persons.to_numpy()[code]  # as text
    if "org" in stages.columns:
        made["org"] = map_unique(stages["org"], group_text).to_numpy()
    # one copy of the columns read as they are; the made ones put in place (setting
    # a column of a copied block would copy the block again)
    s = stages.reindex(columns=[c for c in columns if c not in made])
    for at, col in sorted((columns.index(c), c) for c in made):
        s.insert(at, col, made[col])
    return s


def top_return_orgs(
    stages: pd.DataFrame,
    n: int = 20,
    returns: pd.DataFrame | None = None,
    rows: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Table 3 (left): the top `n` organisations of the return stage, with their city.

    One row per (org, city): the same name in two cities (institutes of one academy)
    stays apart. persons = returnees whose return stage is at the organisation; share
    = persons / all returnees. Ties go by name. `rows`: ``_stage_rows(stages)``, when
    already made.
    """
    if "org" not in stages.columns:
        return empty_frame(RETURN_ORG_COLUMNS, missing_note("org"))
    if stages.empty or "stage" not in stages.columns and "domestic" not in stages.columns:
        return empty_frame(RETURN_ORG_COLUMNS, M("note.needs_stages"))
    s = _stage_rows(stages) if rows is None else rows
    returns = find_returns(s) if returns is None else returns
    returns = returns[returns["returned"]]
    total = len(returns)
    if "seq" not in s.columns:
        return empty_frame(RETURN_ORG_COLUMNS, missing_note("seq"))
    # The first stage (in file order) of each person at each seq, by integer keys.
    code, persons = person_codes(stages["person_id"])  # the rows of `s`, in its order
    seq = pd.to_numeric(s["seq"], errors="coerce")
    if not pd.api.types.is_integer_dtype(seq.dtype):
        seq = seq.astype("Int64")  # (a seq like 1.5 is refused here)
    at = first_rows(
        code,
        seq.to_numpy(dtype=float, na_value=np.nan),
        pd.Index(persons).get_indexer(returns["person_id"]),
        returns["return_seq"].astype("Int64").to_numpy(dtype=float, na_value=np.nan),
    )
    found = at[at >= 0]
    keyed = pd.DataFrame({c: s[c].iloc[found] for c in ("org", "city", "country")})
    keyed["_person"] = code[found]
    keyed = keyed[keyed["org"].notna()]
    return _rank_orgs(keyed, ["org", "city", "country"], n, total, RETURN_ORG_COLUMNS)


def _rank_orgs(
    rows: pd.DataFrame, keys: list[str], n: int, total: int, columns: Sequence[str]
) -> pd.DataFrame:
    if rows.empty:
        return empty_frame(columns, M("note.no_organisation_names"))
    # Each (keys, person) once, then persons per keys; by integer codes of the values.
    values = {k: rows[k].fillna("").to_numpy() for k in keys}
    group = np.zeros(len(rows), dtype=np.int64)
    for k in keys:
        codes, uniques = pd.factorize(values[k])
        group = pd.factorize(group * max(len(uniques), 1) + codes)[0]
    person = rows["_person"].to_numpy()  # each row's person code
    pairs = np.unique(group * (int(person.max()) + 1) + person)
    n_groups = int(group.max()) + 1
    persons = np.bincount(pairs // (int(person.max()) + 1), minlength=n_groups)
    first = np.unique(group, return_index=True)[1]
    counts = pd.DataFrame({k: values[k][first] for k in keys})
    counts["persons"] = persons.astype(np.int64)
    counts = counts.sort_values(["persons", *keys], ascending=[False] + [True] * len(keys))
    counts = counts.head(n).reset_index(drop=True)
    counts["rank"] = counts["persons"].rank(method="min", ascending=False).astype("int64")
    counts["share"] = counts["persons"] / total if total else np.nan
    counts["persons"] = counts["persons"].astype("int64")
    for k in keys:
        counts[k] = counts[k].replace("", None)
    return counts[list(columns)]


def top_overseas_orgs(
    stages: pd.DataFrame, n: int = 20, rows: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Table 3 (right): the top `n` overseas organisations, with country and city.

    persons = persons with at least one overseas stage at the organisation (each person
    once per organisation, e.g. a PhD and a postdoc at Harvard count once); share = of
    persons with any overseas stage. One row per (org, country, city). `rows`:
    ``_stage_rows(stages)``, when already made.
    """
    for col in ("org", "domestic"):
        if col not in stages.columns:
            return empty_frame(OVERSEAS_ORG_COLUMNS, missing_note(col))
    s = _stage_rows(stages) if rows is None else rows
    abroad = ~is_domestic(s["domestic"])
    code = person_codes(stages["person_id"])[0]  # the rows of `s`, in its order
    total = len(np.unique(code[abroad]))
    named = np.flatnonzero(abroad & s["org"].notna().to_numpy())
    rows = pd.DataFrame({c: s[c].iloc[named] for c in ("org", "country", "city")})
    rows["_person"] = code[named]
    return _rank_orgs(rows, ["org", "country", "city"], n, total, OVERSEAS_ORG_COLUMNS)
