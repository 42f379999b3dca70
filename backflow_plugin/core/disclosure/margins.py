"""The report's tables with totals, as sums (``suppression``): protected, then checked.

Tables with totals or shares and the sums read from them (a count that appears in two
tables has one key, so it is hidden in both or in neither):

- ``table1``: subject x work-unit type, the ``total`` column and the ``All`` row.
- ``patterns``: per grouping (subject, return year...): circle + linear = total in each
  row, and each column adds up to the ``all`` row; a year's total is the same count as
  the year's returnees in the trends.
- ``trends``: the returnees of each year add up to the returnees with a year (``base``
  of the ``All`` rows); per grouping, the groups of a year add up to the year's
  returnees (``base``, the n of the table). The circle and linear groups are the
  patterns' counts of the year.
- ``overseas_regions``: when nobody stayed in two regions, the regions add up to the
  persons with a stay abroad (``base``).
- ``source_matrix``: each return city's sources, 'Other' and 'Unknown' add up to its n;
  ``top_sources``: the listed sources and 'Other' add up to the returnees.

Ranked lists (organisations, countries, return and source cities) merge their small
rows into one 'other' row and hide nothing, so no total gives a hidden count away.

:func:`protect_margins` hides the complementary cells in the published frames (and the
shares computed from a hidden count or a hidden denominator); :func:`leaks` reads the
published frames again and names every hidden count that the shown counts and totals
still fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from .notes import add_note, counted, disclosure
from .suppression import SumSystem, derivable, protect

RETURNEES = ("returnees",)


@dataclass
class Positions:
    """Where each count is printed: key -> [(table key, row index, column)]."""

    at: dict = field(default_factory=dict)

    def put(self, key, table: str, row: int, col: str) -> None:
        self.at.setdefault(key, []).append((table, row, col))


def _value(frame: pd.DataFrame, i: int, col: str):
    value = frame.at[i, col]
    try:
        return None if pd.isna(value) else float(value)
    except (TypeError, ValueError):
        return None


class _Builder:
    def __init__(self, tables: dict[str, pd.DataFrame]) -> None:
        self.tables = tables
        self.system = SumSystem()
        self.where = Positions()

    def count(self, key, table: str, i: int, col: str, margin: bool = False):
        value = _value(self.tables[table], i, col)
        known = self.system.values.get(key)
        self.system.add(key, value, margin=margin)
        if known is None and value is not None:
            self.system.values[key] = value  # shown in one table: known
        self.where.put(key, table, i, col)
        return key


# --------------------------------------------------------------------------- the tables


def _table1(b: _Builder) -> None:
    t = b.tables.get("table1")
    if t is None or t.empty or "total" not in t.columns:
        return
    label = t.columns[0]
    units = list(t.columns[1 : list(t.columns).index("total")])
    t = t.reset_index(drop=True)
    b.tables["table1"] = t
    rows = [i for i in range(len(t)) if t.at[i, label] != "All"]
    all_row = next((i for i in range(len(t)) if t.at[i, label] == "All"), None)
    row_totals = []
    for i in rows:
        total = b.count(("subject", str(t.at[i, label])), "table1", i, "total", margin=True)
        cells = [b.count(("table1", str(t.at[i, label]), u), "table1", i, u) for u in units]
        b.system.add_sum(total, cells)
        row_totals.append(total)
    if all_row is None:
        return
    grand = b.count(RETURNEES, "table1", all_row, "total", margin=True)
    col_totals = []
    for u in units:
        col = b.count(("unit", u), "table1", all_row, u, margin=True)
        b.system.add_sum(col, [("table1", str(t.at[i, label]), u) for i in rows])
        col_totals.append(col)
    b.system.add_sum(grand, row_totals)
    b.system.add_sum(grand, col_totals)


def _patterns(b: _Builder) -> None:
    t = b.tables.get("patterns")
    if t is None or t.empty or not {"by", "group", "circle", "linear", "total"} <= set(t.columns):
        return
    t = t.reset_index(drop=True)
    b.tables["patterns"] = t
    counts = [c for c in ("circle", "linear", "no_pattern") if c in t.columns]
    t1 = b.tables.get("table1")
    subject = t1.attrs.get("subject") if t1 is not None else None
    all_rows = [i for i in range(len(t)) if t.at[i, "by"] == "all"]
    if not all_rows:
        return
    a = all_rows[0]
    all_total = b.count(_same_as_returnees(b, t, a), "patterns", a, "total", margin=True)
    all_keys = {c: b.count(("patterns", "all", c), "patterns", a, c, margin=True) for c in counts}
    b.system.add_sum(all_total, [all_keys["circle"], all_keys["linear"]])
    for by in dict.fromkeys(t["by"]):
        if by == "all":
            continue
        rows = [i for i in range(len(t)) if t.at[i, "by"] == by]
        columns: dict[str, list] = {c: [] for c in counts}
        totals = []
        for i in rows:
            group = str(t.at[i, "group"])
            keys = {c: b.count(_pattern_key(by, group, c), "patterns", i, c) for c in counts}
            total_key = ("patterns", by, group, "total")
            if by == "return_year":
                total_key = ("year", group)  # the trends' returnees of the year
            elif by == subject:
                total_key = ("subject", group)  # Table 1's row total
            total = b.count(total_key, "patterns", i, "total", margin=True)
            b.system.add_sum(total, [keys["circle"], keys["linear"]])
            totals.append(total)
            for c in counts:
                columns[c].append(keys[c])
        for c in ("circle", "linear"):
            b.system.add_sum(all_keys[c], columns[c])
        if by != "return_year" and "no_pattern" in columns:  # a year is a returnee's
            b.system.add_sum(all_keys["no_pattern"], columns["no_pattern"])
        b.system.add_sum(all_total, totals)


def _pattern_key(by: str, group: str, col: str):
    if by == "return_year" and col in ("circle", "linear"):
        return ("year pattern", group, col)  # the trends' pattern groups of the year
    return ("patterns", by, group, col)


def _same_as_returnees(b: _Builder, t: pd.DataFrame, i: int):
    """The patterns' all-persons total is Table 1's returnees when the two agree."""
    t1 = b.tables.get("table1")
    shown = _value(t, i, "total")
    known = b.system.values.get(RETURNEES)
    if t1 is not None and RETURNEES in b.system.values and (known is None or known == shown):
        return RETURNEES
    return ("patterns", "all", "total")


def _trends(b: _Builder) -> None:
    t = b.tables.get("trends")
    if t is None or t.empty or not {"by", "group", "year", "persons", "base"} <= set(t.columns):
        return
    t = t.reset_index(drop=True)
    b.tables["trends"] = t
    overall = [i for i in range(len(t)) if t.at[i, "by"] == "all"]
    base_key = ("returnees with a year",)
    if overall and RETURNEES in b.system.values:
        base = _value(t, overall[0], "base")
        if base is not None and base == b.system.values.get(RETURNEES):
            base_key = RETURNEES
    years = []
    for i in overall:
        years.append(b.count(("year", str(int(t.at[i, "year"]))), "trends", i, "persons"))
        b.count(base_key, "trends", i, "base", margin=True)
    if overall:
        b.system.add_sum(base_key, years)
    groups: dict[tuple, list] = {}
    for i in range(len(t)):
        by = t.at[i, "by"]
        if by == "all":
            continue
        year, group = str(int(t.at[i, "year"])), str(t.at[i, "group"])
        if by == "pattern" and group in ("circle", "linear"):
            key = ("year pattern", year, group)
        else:
            key = ("trends", by, group, year)
        groups.setdefault((by, year), []).append(b.count(key, "trends", i, "persons"))
        b.count(("year", year), "trends", i, "base", margin=True)
    for (_, year), keys in groups.items():
        b.system.add_sum(("year", year), keys)


def _regions(b: _Builder) -> None:
    t = b.tables.get("overseas_regions")
    if t is None or t.empty or not {"persons", "base"} <= set(t.columns):
        return
    if t.attrs.get("multi_region", 1) != 0:  # overlapping regions add up to more
        return
    t = t.reset_index(drop=True)
    b.tables["overseas_regions"] = t
    keys = [b.count(("region", str(t.at[i, "region"])), "overseas_regions", i, "persons")
            for i in range(len(t))]  # fmt: skip
    base = ("persons abroad",)
    for i in range(len(t)):
        b.count(base, "overseas_regions", i, "base", margin=True)
    b.system.add_sum(base, keys)


def _source_matrix(b: _Builder) -> None:
    """Each return city's sources (with 'Other' and 'Unknown') add up to its n."""
    t = b.tables.get("source_matrix")
    if (
        t is None
        or t.empty
        or not {"return_city_id", "source", "persons", "return_total"} <= set(t.columns)
    ):
        return
    t = t.reset_index(drop=True)
    b.tables["source_matrix"] = t
    cells: dict[str, list] = {}
    for i in range(len(t)):
        city = str(t.at[i, "return_city_id"])
        key = ("source matrix", city, str(t.at[i, "source"]))
        cells.setdefault(city, []).append(b.count(key, "source_matrix", i, "persons"))
        b.count(("return city", city), "source_matrix", i, "return_total", margin=True)
    for city, keys in cells.items():
        b.system.add_sum(("return city", city), keys)


def _top_sources(b: _Builder) -> None:
    """The listed sources and 'Other' add up to the returnees (the share's base)."""
    for name in ("top_sources", "top_sources_longest"):
        t = b.tables.get(name)
        if t is None or t.empty or not {"persons", "base"} <= set(t.columns):
            continue
        t = t.reset_index(drop=True)
        b.tables[name] = t
        keys = [b.count((name, i), name, i, "persons") for i in range(len(t))]
        base = _value(t, 0, "base")
        total = RETURNEES if base == b.system.values.get(RETURNEES) else (name, "base")
        b.system.add(total, base, margin=True)
        b.system.add_sum(total, keys)


BUILDERS: tuple[Callable[[_Builder], None], ...] = (
    _table1,
    _patterns,
    _trends,
    _regions,
    _source_matrix,
    _top_sources,
)


def report_sums(tables: dict[str, pd.DataFrame]) -> _Builder:
    """Every table with totals as one system of sums (the tables as published)."""
    b = _Builder(tables)
    for build in BUILDERS:
        build(b)
    return b


# --------------------------------------------------------------------------- protect


def _hide(frame: pd.DataFrame, i: int, col: str) -> pd.DataFrame:
    if not pd.api.types.is_extension_array_dtype(frame[col].dtype):
        numbers = pd.to_numeric(frame[col], errors="coerce")
        frame[col] = numbers.round().astype("Int64") if _whole(numbers) else numbers
    frame.at[i, col] = pd.NA
    return frame


def _whole(values: pd.Series) -> bool:
    v = values.dropna()
    return bool((v == v.round()).all())


def _shares(tables: dict[str, pd.DataFrame]) -> None:
    """A share whose count or denominator is hidden is hidden with it."""
    pat = tables.get("patterns")
    if pat is not None and not pat.empty:
        for share in ("circle_share", "linear_share"):
            if share in pat.columns:
                gone = pat[["circle", "linear", "total"]].isna().any(axis=1)
                pat[share] = pat[share].astype("float64").mask(gone)
    trends = tables.get("trends")
    if trends is not None and not trends.empty and "share" in trends.columns:
        gone = trends["persons"].isna() | trends["base"].isna()
        trends["share"] = trends["share"].astype("float64").mask(gone)
        if "suppressed" in trends.columns:
            trends["suppressed"] = trends["suppressed"].astype(bool) | trends["persons"].isna()
    for name in ("overseas_regions", "source_matrix", "top_sources", "top_sources_longest"):
        frame = tables.get(name)
        if frame is not None and not frame.empty and "share" in frame.columns:
            gone = frame["persons"].isna()
            for denominator in ("base", "return_total"):
                if denominator in frame.columns:
                    gone |= frame[denominator].isna()
            frame["share"] = frame["share"].astype("float64").mask(gone)
            if "source_share" in frame.columns:
                gone = frame["persons"].isna()
                frame["source_share"] = frame["source_share"].astype("float64").mask(gone)


def protect_margins(tables: dict[str, pd.DataFrame], k: int) -> dict[str, str]:
    """Complementary suppression on every table with totals (in place); {table: note}.

    Run after the primary rule (``disclosure.protect_report`` and the trends' own): the
    counts it hid are taken as hidden, small counts still shown (a pattern cell) are
    hidden now, and complementary cells are added until none is derivable.
    """
    if k <= 1:
        return {}
    b = report_sums(tables)
    already = [key for key, v in b.system.values.items() if v is None]
    result = protect(b.system, k, already_hidden=already, keep=[RETURNEES])
    new_primary = {key for key in result.primary if b.system.values.get(key) is not None}
    counts: dict[str, dict[str, set]] = {}
    # in a fixed order: the notes' order must not change with Python's hash seed
    for key in sorted(new_primary | result.complementary, key=repr):
        kind = "complementary" if key in result.complementary else "primary"
        for table, i, col in b.where.at.get(key, ()):
            _hide(tables[table], i, col)
            per = counts.setdefault(table, {"primary": set(), "complementary": set()})
            per[kind].add(key)
            if kind == "complementary":
                tables[table].attrs.setdefault("complementary_cells", set()).add((i, col))
    _shares(tables)
    _hidden_years(tables, result.complementary)
    notes = {}
    for table, per in counts.items():
        parts = []
        if per["primary"]:
            n = len(per["primary"])
            parts.append(counted(n, "note.cells_hidden.one", "note.cells_hidden", k1=k - 1))
        if per["complementary"]:
            n = len(per["complementary"])
            parts.append(counted(n, "note.complementary.one", "note.complementary"))
        add_note(tables[table], disclosure(k, parts))  # one disclosure note per table
        notes[table] = tables[table].attrs["note"]
    return notes


def _hidden_years(tables, complementary: set) -> None:
    """The trends' years hidden with a year under the minimum (``complementary_years``)."""
    trends = tables.get("trends")
    if trends is None or trends.empty:
        return
    primary = set(trends.attrs.get("hidden_years", []))
    years = {int(key[1]) for key in complementary if isinstance(key, tuple) and key[0] == "year"}
    trends.attrs["complementary_years"] = sorted(years - primary)


# --------------------------------------------------------------------------- check


def leaks(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Every hidden count of the published tables that the shown counts and totals fix.

    Also a share shown beside a hidden count. Empty when the report discloses nothing
    through its totals.
    """
    b = report_sums(tables)
    found = []
    for key in derivable(b.system):
        places = ", ".join(f"{t} row {i} column {c}" for t, i, c in b.where.at.get(key, ()))
        found.append(f"{key}: derivable ({places})")
    for name, share, counts in (
        ("patterns", "circle_share", ("circle", "linear", "total")),
        ("patterns", "linear_share", ("circle", "linear", "total")),
        ("trends", "share", ("persons", "base")),
        ("overseas_regions", "share", ("persons",)),
        ("source_matrix", "share", ("persons",)),
        ("source_matrix", "source_share", ("persons",)),
        ("top_sources", "share", ("persons",)),
    ):
        frame = tables.get(name)
        if frame is None or frame.empty or share not in frame.columns:
            continue
        cols = [c for c in counts if c in frame.columns]
        bad = frame[share].notna() & frame[cols].isna().any(axis=1)
        found += [f"{name} row {i}: {share} shown beside a hidden count" for i in frame.index[bad]]
    return found
