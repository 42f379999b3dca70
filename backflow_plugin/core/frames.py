"""Small helpers on the tables every wing builds: a table's note, an empty table with
its columns, the domestic flag read with the core's one truth table, a group value as
text. Public here so the report, sources and trends use one copy instead of borrowing
each other's privates.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .messages import M, Message
from .vectorise import as_bool


def note_of(frame: pd.DataFrame) -> str | None:
    """Why a table is empty or partial (None when there is nothing to say)."""
    return frame.attrs.get("note")


def all_notes(notes: Iterable) -> Message | str | None:
    """The notes given (empty ones left out) as one, joined by the language's '; '."""
    notes = tuple(n for n in notes if n)
    if len(notes) < 2:
        return notes[0] if notes else None
    return M("note.parts", parts=notes)


def with_note(frame: pd.DataFrame, note: str | None) -> pd.DataFrame:
    """The frame, carrying `note` (kept as is when there is none)."""
    if note:
        frame.attrs["note"] = note
    return frame


def empty_frame(columns: Iterable[str], note: str | None = None) -> pd.DataFrame:
    """A table without rows, with its columns and, when given, the reason it is empty."""
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return with_note(frame, note)


def columns_frame(columns: dict, index=None, *, consolidated: bool = False) -> pd.DataFrame:
    """A frame of these columns (arrays, Series or scalars), in this order, sharing
    their data: no copy, and no consolidation of same-typed columns into one block,
    which a later column replaced or a selection of columns would copy whole (seconds
    on a million-row table). Replace its columns; never write into them.

    ``consolidated``: one block per type instead, built by one copy: for a finished
    table that many steps select columns from (each would consolidate it again).
    A Series gives its values by position (its index is not aligned with ``index``).
    """
    sized = next((len(v) for v in columns.values() if hasattr(v, "__len__")), 0)
    rows = index if index is not None else pd.RangeIndex(sized)

    def data(v):
        if not isinstance(v, pd.Series):
            return v  # an array: pandas reads its type as it would on assignment
        if v.dtype == object:  # stays object (pandas 3 would read an array of text as str)
            return pd.Series(v.to_numpy(), index=rows, dtype=object, copy=False)
        return v.to_numpy() if isinstance(v.dtype, np.dtype) else v.array

    arrays = {name: data(v) for name, v in columns.items()}
    return pd.DataFrame(arrays, index=index, copy=consolidated)


def with_columns(frame: pd.DataFrame, columns: dict) -> pd.DataFrame:
    """The frame with these columns replaced (in place in the column order) or added
    (at the end), as ``DataFrame.assign`` but as ``columns_frame``: nothing copied."""
    if frame.columns.has_duplicates:
        return frame.assign(**columns)
    merged = {name: frame[name] for name in frame.columns}
    merged.update(columns)
    out = columns_frame(merged, frame.index)
    out.attrs = dict(frame.attrs)
    return out


def without_columns(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """``frame.drop(columns=columns)`` (those present), as ``columns_frame``: nothing
    copied, and the frame itself when none is present."""
    gone = {c for c in columns if c in frame.columns}
    if not gone:
        return frame
    if frame.columns.has_duplicates:
        return frame.drop(columns=list(gone))
    out = columns_frame({c: frame[c] for c in frame.columns if c not in gone}, frame.index)
    out.attrs = dict(frame.attrs)
    return out


def take_rows(frame: pd.DataFrame, rows) -> pd.DataFrame:
    """``frame[rows]`` (a boolean mask) or ``frame.take(rows)`` (positions), column by
    column: the frame is not consolidated into one block first (a whole copy)."""
    if isinstance(rows, pd.Series):
        rows = rows.to_numpy(dtype=bool)
    rows = np.asarray(rows)
    if frame.columns.has_duplicates:
        return frame[rows] if rows.dtype == bool else frame.take(rows)
    columns = {
        name: (v.to_numpy() if isinstance(v.dtype, np.dtype) else v.array)[rows]
        for name, v in frame.items()
    }
    out = columns_frame(columns, frame.index[rows])
    out.attrs = dict(frame.attrs)
    return out


def is_domestic(values: pd.Series) -> np.ndarray:
    """The `domestic` column as booleans (the core's one truth table, schema.TRUE_TEXT)."""
    return as_bool(values, "domestic")


def group_text(value) -> str | None:
    """A group value as text: 2012.0 -> '2012', missing -> None."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None
