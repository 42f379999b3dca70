"""The input table in the canonical long form: one row per stage, in person order.

Column roles (FieldMap), wide tables reshaped, persons' rows ordered and numbered,
person attributes renamed when they clash with ours, years read from their cells.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import schema
from ..errors import BackflowInputError
from ..frames import columns_frame
from ..messages import M
from ..tables.reshape import WideStage, wide_to_long
from ..vectorise import numbers_in_text, strip_text

log = logging.getLogger("backflow")

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
                M("error.import.no_person_column"),
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
                M("error.import.no_role_column", role=role),
                file=file_label,
                accepted=M(
                    "error.import.no_role_column.accepted",
                    parameter=f"{role.upper()}_FIELD",
                    columns=", ".join(columns),
                ),
            )
    for role, col in vars(fields).items():
        if col and col not in columns:
            raise BackflowInputError(
                M("error.import.role_column_missing", role=role),
                file=file_label,
                column=col,
                accepted=M("error.one_of", columns=", ".join(columns)),
            )
    used = {c for c in vars(fields).values() if c}
    rename = _attribute_names([c for c in columns if c not in used])
    attrs = list(rename.values())
    # built column by column into one frame (each its own block: no consolidation copy)
    person, person_rank = _ids_and_ranks(frame[fields.person])
    long = {"person_id": person, "source_row": np.arange(1, len(frame) + 1)}
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
                M("error.import.order_not_number"),
                file=file_label,
                column=fields.seq,
                row=i + 1,
                value=frame[fields.seq].iloc[i],
                accepted=M("error.import.order_not_number.accepted"),
            )
        long["_order"] = np.where(np.isnan(seq), np.inf, seq)
    else:
        long["_order"] = long["source_row"]
    for original, a in rename.items():
        long[a] = frame[original].values.copy()  # the caller's table is not shared
    return _by_person_and_order(long, person_rank), attrs, empty_rows


def _ids_and_ranks(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(each cell as stripped text, '' for missing; the rank of that text among the
    distinct ones), each distinct cell read once and the text hashed once."""
    codes, uniques = pd.factorize(cells)
    text = np.asarray([str(u).strip() for u in uniques] + [""], dtype=object)
    ranks, _ = pd.factorize(text, sort=True)  # code -1 (missing) takes the last: ''
    return text[codes], ranks[codes]


def _by_person_and_order(columns: dict, codes: np.ndarray) -> pd.DataFrame:
    """The long table of these columns (``_order`` left out), its rows sorted by
    person_id (``codes``: its text's rank), _order, source_row, with ``seq`` 1, 2, ...
    per person.

    As sort_values and a groupby cumcount, on integer codes: sorting the id strings
    and grouping copy the table twice more (seconds at a million persons).
    """
    order = np.asarray(columns.pop("_order"), dtype=float)
    rows = columns["source_row"]
    sort = np.lexsort((rows, order, codes))
    index = pd.RangeIndex(len(rows))
    if not (sort == np.arange(len(sort))).all():  # each column taken once, by itself
        columns = {k: v if isinstance(v, str) else v[sort] for k, v in columns.items()}
        index = index[sort]
    person = codes[sort]
    new = np.ones(len(person), dtype=bool)
    new[1:] = person[1:] != person[:-1]
    pos = np.arange(len(person))
    first = np.maximum.accumulate(np.where(new, pos, 0))
    columns["seq"] = pos - first + 1
    return columns_frame(columns, index)


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


def unresolved_rows(
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


def parse_years(long: pd.DataFrame, file_label: str, year_col: str | None) -> pd.Series:
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
