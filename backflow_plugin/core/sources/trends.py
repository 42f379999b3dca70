"""How the wave changes over time: returns by return year, and two periods compared.

Rules (every function below shares them)
----------------------------------------
Returnees
    One row per returnee (see ``sources.person_sources`` / ``report.person_table``)
    with ``return_year`` and the grouping columns (subject, unit type, tier, pattern,
    return city, source...).
Year status
    A return year is ``valid`` when present and inside the year range (given, or
    else the plausible range 1900 to next year); ``missing`` when absent or not a
    number; ``out of range`` otherwise. Only valid years are counted in the trends;
    the others are counted in :func:`year_status` and the note, never guessed.
Shares and denominators
    By year, overall: persons = returnees of the year, base = returnees with a valid
    year, share = persons / base. By year and group (e.g. subject): base = returnees
    of that year, share = the group's share of the year's returnees.
Periods
    Two inclusive year ranges (e.g. 2011-2013 and 2014-2016; they may not overlap).
    For each return city and each source city: persons and share of the period's
    returnees in each period, and the change in points (share B - share A, x 100).
Minimum persons
    A cell under ``min_persons`` (default 5, the disclosure rule; 0 is not small:
    it says "none") is not shown on its own: in the trends it is merged into
    ``Other`` of its year (an ``Other`` still under the minimum is hidden and flagged
    ``suppressed``); in a period comparison a city with a small count in either period
    is merged into ``Other``. The note says how many cells and persons were hidden.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..disclosure.rules import MIN_PERSONS_DEFAULT
from ..errors import BackflowInputError
from ..frames import all_notes, empty_frame, group_text, with_note
from ..messages import M, Message
from ..vectorise import map_unique

OTHER = "Other"
ALL = "All"
NONE = "(none)"
# the kinds of city compare_periods is given, as words of a note
KIND_WORDS = {
    "return city": M("report.sources.value.return_city"),
    "source city": M("report.sources.value.source_city"),
}
VALID, MISSING, OUT_OF_RANGE = "valid", "missing", "out of range"

TREND_COLUMNS = ("by", "group", "year", "persons", "base", "share", "suppressed")
STATUS_COLUMNS = ("status", "persons", "share", "values")
COMPARE_COLUMNS = (
    "kind",
    "id",
    "name",
    "persons_a",
    "share_a",
    "persons_b",
    "share_b",
    "change_points",
)


def plausible_range() -> tuple[int, int]:
    return 1900, _dt.date.today().year + 1


def parse_years(text: str | None, name: str = "YEARS") -> tuple[int, int] | None:
    """'2011-2016' (or '2011–2016', '2011:2016', '2012') -> (2011, 2016); empty -> None."""
    text = (text or "").replace("年", "").strip()  # '2011年-2013年' as Chinese users write it
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})\s*(?:[-–—:~至到]|to)\s*(\d{4})|(\d{4})", text)
    if not match:
        raise BackflowInputError(
            M("error.trends.year_range"),
            column=name,
            value=text,
            accepted=M("error.trends.year_range.accepted"),
        )
    lo, hi = (int(match.group(3)),) * 2 if match.group(3) else map(int, match.group(1, 2))
    if lo > hi:
        raise BackflowInputError(
            M("error.trends.year_range_reversed"),
            column=name,
            value=text,
            accepted=M("error.trends.year_range_reversed.accepted"),
        )
    return lo, hi


def parse_periods(text: str | None, name: str = "PERIODS") -> tuple[tuple[int, int], ...] | None:
    """'2011-2013,2014-2016' -> ((2011, 2013), (2014, 2016)); empty -> None.

    Exactly two periods, separated by ',', ';' or a space, that do not overlap.
    """
    text = (text or "").replace("年", "").strip()
    if not text:
        return None
    # A space separates the periods only when no dash is on either side ('2011 - 2013').
    parts = [
        p
        for p in re.split(r"\s*[,;，；]\s*|(?<![-–—:~至到])\s+(?=\d{4}\s*(?:[-–—:~至到]|$))", text)
        if p
    ]
    if len(parts) != 2:
        raise BackflowInputError(
            M("error.trends.two_periods"),
            column=name,
            value=text,
            accepted=M("error.trends.two_periods.accepted"),
        )
    a, b = (parse_years(p, name) for p in parts)
    if a[0] <= b[1] and b[0] <= a[1]:
        raise BackflowInputError(
            M("error.trends.periods_overlap"),
            column=name,
            value=text,
            accepted=M("error.trends.periods_overlap.accepted"),
        )
    return a, b


def _years(values) -> pd.Series:
    return pd.to_numeric(pd.Series(values), errors="coerce").astype("float64")


def status_of(years, year_range: tuple[int, int] | None = None) -> np.ndarray:
    """valid / missing / out of range for each year."""
    lo, hi = year_range or plausible_range()
    y = _years(years).to_numpy(dtype=float)
    return np.where(
        np.isnan(y), MISSING, np.where((y < lo) | (y > hi) | (y % 1 != 0), OUT_OF_RANGE, VALID)
    )


def year_status(
    persons: pd.DataFrame, year: str = "return_year", year_range: tuple[int, int] | None = None
) -> pd.DataFrame:
    """Returnees by year status: status, persons, share (of all returnees), values.

    ``values`` lists the distinct out-of-range years ('1899; 2090'). The year range
    used is in ``attrs["range"]``.
    """
    if year not in persons.columns:
        return empty_frame(STATUS_COLUMNS, _missing(year))
    status = status_of(persons[year], year_range)
    y = _years(persons[year])
    rows = []
    for name in (VALID, MISSING, OUT_OF_RANGE):
        mask = status == name
        values = ""
        if name == OUT_OF_RANGE and mask.any():
            values = "; ".join(group_text(v) for v in sorted(set(y[mask])))
        rows.append({"status": name, "persons": int(mask.sum()), "values": values})
    out = pd.DataFrame(rows)
    out["share"] = out["persons"] / len(persons) if len(persons) else np.nan
    out.attrs["range"] = year_range or plausible_range()
    return out[list(STATUS_COLUMNS)]


def _missing(column: str) -> Message:
    return M("note.missing_column", column=f"`{column}`")


def _status_note(persons: pd.DataFrame, year: str, year_range) -> Message | None:
    st = year_status(persons, year, year_range)
    if st.empty:
        return None
    lo, hi = st.attrs["range"]
    missing = int(st.loc[st["status"] == MISSING, "persons"].iloc[0])
    out = st[st["status"] == OUT_OF_RANGE].iloc[0]
    parts = []
    if missing:
        parts.append(M("note.trends.no_year", n=missing))
    if out["persons"]:
        parts.append(
            M("note.trends.out_of_range", n=int(out["persons"]), lo=lo, hi=hi, values=out["values"])
        )
    return M("note.trends.not_counted", parts=tuple(parts)) if parts else None


def returns_by_year(
    persons: pd.DataFrame,
    by: Sequence[str] = (),
    year: str = "return_year",
    year_range: tuple[int, int] | None = None,
    min_persons: int = MIN_PERSONS_DEFAULT,
) -> pd.DataFrame:
    """Returns by year, overall and by each grouping column, stacked (long).

    Columns ``TREND_COLUMNS``: by (``all`` or the grouping column), group (``All``,
    the group value as text, ``(none)`` for a missing value, ``Other``), year (int),
    persons, base, share, suppressed (an ``Other`` still under `min_persons`: persons
    and share empty). Years run over every year from the first to the last valid one
    (a year without returns shows 0 overall). A grouping column that is absent is
    left out and noted.
    """
    if year not in persons.columns:
        return empty_frame(TREND_COLUMNS, _missing(year))
    notes = [_status_note(persons, year, year_range)]
    read = list(dict.fromkeys([year, *(c for c in by if c and c in persons.columns)]))
    p = persons.loc[status_of(persons[year], year_range) == VALID, read].copy()  # narrow
    p["_year"] = _years(p[year]).astype(int).to_numpy()
    if p.empty:
        return empty_frame(TREND_COLUMNS, all_notes(notes) or M("note.trends.no_valid_years"))
    years = np.arange(p["_year"].min(), p["_year"].max() + 1)
    per_year = p.groupby("_year").size().reindex(years, fill_value=0)
    # A year's own total under the minimum is a small cell too (0 is not a small count);
    # its groups' n would give it away, so that goes as well.
    small_years = per_year[(per_year > 0) & (per_year < min_persons)].index
    frames = [
        pd.DataFrame(
            {
                "by": "all",
                "group": ALL,
                "year": years,
                "persons": per_year.to_numpy(),
                "base": len(p),
                "suppressed": np.isin(years, small_years),
            }
        )
    ]
    merged_cells = merged_persons = hidden = 0
    for col in by:
        if not col:
            continue
        if col not in p.columns:
            notes.append(_missing(col))
            continue
        g = p.assign(_group=map_unique(p[col], lambda v: group_text(v) or NONE, NONE).to_numpy())
        counts = g.groupby(["_year", "_group"]).size().reset_index(name="persons")
        small = counts["persons"] < min_persons
        merged_cells += int(small.sum())
        merged_persons += int(counts.loc[small, "persons"].sum())
        other = counts[small].groupby("_year")["persons"].sum().reset_index()
        other["_group"] = OTHER
        counts = pd.concat([counts[~small], other], ignore_index=True)
        counts["suppressed"] = counts["persons"] < min_persons
        hidden += int(counts["suppressed"].sum())
        order = g["_group"].value_counts()
        rank = {name: i for i, name in enumerate(sorted(order.index, key=lambda k: (-order[k], k)))}
        counts["_rank"] = [len(rank) + 1 if k == OTHER else rank[k] for k in counts["_group"]]
        counts = counts.sort_values(["_rank", "_year"], kind="mergesort")
        frames.append(
            pd.DataFrame(
                {
                    "by": col,
                    "group": counts["_group"].to_numpy(),
                    "year": counts["_year"].to_numpy(),
                    "persons": counts["persons"].to_numpy(),
                    "base": per_year.reindex(counts["_year"]).to_numpy(),
                    "suppressed": counts["suppressed"].to_numpy(),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype("int64")
    out["base"] = (
        out["base"].astype("Int64").mask((out["by"] != "all") & out["year"].isin(small_years))
    )
    out["persons"] = (
        out["persons"].astype("Int64").mask(out["suppressed"] | out["year"].isin(small_years))
    )
    out["share"] = out["persons"].astype(float) / out["base"].astype(float).replace(0, np.nan)
    if merged_cells:
        notes.append(
            M("note.trends.merged_cells", n=merged_cells, k=min_persons, persons=merged_persons)
        )
        if hidden:
            notes.append(M("note.trends.other_hidden", n=hidden, k=min_persons))
    st = year_status(persons, year, year_range).set_index("status")
    out.attrs.update(
        hidden_years=[int(y) for y in small_years],
        hidden_cells=merged_cells,
        hidden_persons=merged_persons,
        suppressed=hidden,
        missing=int(st.loc[MISSING, "persons"]),
        out_of_range=int(st.loc[OUT_OF_RANGE, "persons"]),
        out_of_range_values=st.loc[OUT_OF_RANGE, "values"],
        range=st.attrs["range"],
    )
    return with_note(out[list(TREND_COLUMNS)], all_notes(notes))


def compare_periods(
    persons: pd.DataFrame,
    periods: Sequence[tuple[int, int]],
    columns: dict[str, tuple[str, str]],
    year: str = "return_year",
    min_persons: int = MIN_PERSONS_DEFAULT,
) -> pd.DataFrame:
    """Which cities gained or lost share between two periods, in points.

    `columns` maps a kind to its (id column, name column), e.g. ``{"return city":
    ("return_city_id", "return_city"), "source city": ("last_city_id", "last_label")}``.
    Columns ``COMPARE_COLUMNS``: share_a / share_b are of the period's returnees
    (``attrs["base_a"]``, ``attrs["base_b"]``; for a source: of the period's returnees
    with a known source, ``attrs["source_base_a"]``...). change_points = 100 x (share_b -
    share_a). Rows by kind, then change (largest gain first); ``Other`` last in its kind.
    """
    (a0, a1), (b0, b1) = periods
    if year not in persons.columns:
        return empty_frame(COMPARE_COLUMNS, _missing(year))
    y = _years(persons[year])
    in_a = ((y >= a0) & (y <= a1)).to_numpy()
    in_b = ((y >= b0) & (y <= b1)).to_numpy()
    frames, notes, attrs = [], [], {}
    outside = int((~in_a & ~in_b & y.notna().to_numpy()).sum())
    if outside:
        notes.append(M("note.trends.outside_periods", n=outside))
    if y.isna().any():
        notes.append(M("note.trends.no_year_not_counted", n=int(y.isna().sum())))
    for kind, (id_col, name_col) in columns.items():
        if id_col not in persons.columns:
            notes.append(_missing(id_col))
            continue
        known = persons[id_col].notna().to_numpy()
        base_a, base_b = int((in_a & known).sum()), int((in_b & known).sum())
        attrs[f"{kind}:base_a"], attrs[f"{kind}:base_b"] = base_a, base_b
        p = persons[known & (in_a | in_b)]
        names = p.groupby(id_col)[name_col].first()
        pa = p[in_a[known & (in_a | in_b)]].groupby(id_col).size()
        pb = p[in_b[known & (in_a | in_b)]].groupby(id_col).size()
        t = pd.DataFrame({"persons_a": pa, "persons_b": pb}).fillna(0).astype("int64")
        small = ((t["persons_a"] > 0) & (t["persons_a"] < min_persons)) | (
            (t["persons_b"] > 0) & (t["persons_b"] < min_persons)
        )
        attrs[f"{kind}:hidden_cells"] = int(small.sum())
        attrs[f"{kind}:hidden_persons"] = int(t.loc[small, ["persons_a", "persons_b"]].sum().sum())
        if small.any():
            notes.append(
                M(
                    "note.trends.merged_entries",
                    n=int(small.sum()),
                    kind=KIND_WORDS.get(kind, kind),
                    k=min_persons,
                )
            )
        shown = t[~small].copy()
        shown["id"] = shown.index.astype(str)
        shown["name"] = [group_text(names.get(i)) or i for i in shown.index]
        shown = shown.sort_values(["persons_b", "name"], ascending=[False, True])
        if small.any():
            rest = t[small].sum()
            shown = pd.concat(
                [
                    shown,
                    pd.DataFrame(
                        [
                            {
                                "id": None,
                                "name": OTHER,
                                "persons_a": int(rest["persons_a"]),
                                "persons_b": int(rest["persons_b"]),
                            }
                        ]
                    ),
                ],
                ignore_index=True,
            )
        shown["kind"] = kind
        shown["share_a"] = shown["persons_a"] / base_a if base_a else np.nan
        shown["share_b"] = shown["persons_b"] / base_b if base_b else np.nan
        shown["change_points"] = 100 * (shown["share_b"] - shown["share_a"])
        shown["_other"] = shown["name"].eq(OTHER) & shown["id"].isna()
        shown = shown.sort_values(
            ["_other", "change_points", "name"], ascending=[True, False, True], kind="mergesort"
        )
        frames.append(shown)
    if not frames:
        return empty_frame(COMPARE_COLUMNS, all_notes(notes))
    out = pd.concat(frames, ignore_index=True)[list(COMPARE_COLUMNS)]
    for col in ("persons_a", "persons_b"):
        out[col] = out[col].astype("int64")
    out.attrs.update(attrs, outside=outside, no_year=int(y.isna().sum()))
    out.attrs["periods"] = (tuple(periods[0]), tuple(periods[1]))
    return with_note(out, all_notes(notes))


def period_label(period: tuple[int, int]) -> str:
    lo, hi = period
    return str(lo) if lo == hi else f"{lo}-{hi}"
