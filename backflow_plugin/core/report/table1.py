"""Table 1: returnees by subject and work-unit type with their top return cities; the
person table the report's tables count from (see ``tables`` for the counting rules).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from ..frames import all_notes, empty_frame, group_text, with_note
from ..messages import M
from ..vectorise import map_unique
from .persons import missing_note, person_table, returnees

log = logging.getLogger("backflow")

SUBJECT_CANDIDATES = ("subject", "学科", "discipline", "学科领域", "field")
UNIT_CANDIDATES = ("unit_type", "unit type", "单位类型", "work_unit_type", "unit_kind", "单位性质")
ALL = "All"

TABLE1_FIXED = (
    "total",
    "top_cities",
    "top1_city",
    "top1_count",
    "top2_city",
    "top2_count",
    "top3_city",
    "top3_count",
)


def _texts_or(values: pd.Series, missing: str) -> np.ndarray:
    """group_text of each value (`missing` for none), each distinct value once."""
    return map_unique(values, lambda v: group_text(v) or missing, na_value=missing).to_numpy()


def _count_text(name: str, count: int) -> str:
    return f"{name} ({int(count)})"


def _top_cities(frame: pd.DataFrame, top: int) -> list[tuple[str, int]]:
    counts = frame.groupby("return_city").size().reset_index(name="n")
    counts = counts.sort_values(["n", "return_city"], ascending=[False, True]).head(top)
    return list(zip(counts["return_city"], counts["n"].astype(int)))


# --------------------------------------------------------------------------- Table 1


def table1(
    stages_or_routes: pd.DataFrame,
    subject: str | None = "subject",
    unit: str | None = "unit_type",
    top: int = 3,
    persons: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Table 1: returnees by subject x work-unit type, with each subject's top return cities.

    Columns: ``subject`` (the subject column's name, or ``group`` without one), one
    column per unit type (most frequent first), ``total``, ``top_cities`` ("Beijing
    (173); Shanghai (144); Wuhan (54)"), and ``topN_city`` / ``topN_count`` for N =
    1..top. Rows: subjects by total (largest first, then name), a missing subject as
    "(none)", and a last row ``All``. Ties among cities go by name.
    Without the subject column there is a single row ``All``; without the unit
    column no unit columns -- both noted in ``attrs["note"]``. `persons`:
    ``person_table`` of the data with those columns, when already made.
    """
    notes = []
    data = stages_or_routes
    if subject and subject not in data.columns:
        notes.append(missing_note(subject))
        subject = None
    if unit and unit not in data.columns:
        notes.append(missing_note(unit))
        unit = None
    if not subject and not notes:
        notes.append(M("note.no_subject_chosen"))
    label = subject or "group"
    fixed = [f"top{i}_{k}" for i in range(1, top + 1) for k in ("city", "count")]
    if "person_id" not in data.columns:
        return empty_frame([label, "total", "top_cities", *fixed], missing_note("person_id"))
    if persons is None:
        persons = person_table(data, [c for c in (subject, unit) if c])
    r = returnees(persons, [c for c in (subject, unit) if c])
    if subject:
        r["_subject"] = _texts_or(r[subject], "(none)")
    else:
        r["_subject"] = ALL
    if unit:
        r["_unit"] = _texts_or(r[unit], "(none)")
        order = r["_unit"].value_counts()
        units = sorted(order.index, key=lambda u: (-order[u], u == "(none)", u))
        # A unit type named like one of the table's own columns gets a suffix.
        taken = {label, "total", "top_cities", *fixed}
        renamed = {u: f"{u} ({unit})" if u in taken else u for u in units}
        if any(k != v for k, v in renamed.items()):
            clash = ", ".join(f"'{k}'" for k, v in renamed.items() if k != v)
            notes.append(M("note.unit_renamed", clash=clash, unit=unit))
            r["_unit"] = r["_unit"].map(renamed)
            units = [renamed[u] for u in units]
    else:
        units = []

    rows = []
    groups = [(name, g) for name, g in r.groupby("_subject", sort=False)]
    groups.sort(key=lambda item: (-len(item[1]), item[0] == "(none)", item[0]))
    if subject:
        groups.append((ALL, r))
    for name, g in groups:
        row = {label: name}
        for u in units:
            row[u] = int((g["_unit"] == u).sum())
        row["total"] = int(len(g))
        tops = _top_cities(g, top)
        row["top_cities"] = "; ".join(_count_text(c, n) for c, n in tops)
        for i in range(top):
            city, n = tops[i] if i < len(tops) else (None, None)
            row[f"top{i + 1}_city"] = city
            row[f"top{i + 1}_count"] = n
        rows.append(row)
    columns = [label, *units, "total", "top_cities", *fixed]
    out = pd.DataFrame(rows, columns=columns)
    for col in [*units, "total"]:
        out[col] = out[col].astype("int64")
    for i in range(top):
        out[f"top{i + 1}_count"] = out[f"top{i + 1}_count"].astype("Int64")
    return with_note(out, all_notes(notes))
