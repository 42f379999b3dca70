"""Disclosure control: what a published map or table may show about identifiable people.

Our users publish data about named scientists. The rule shared by the maps, the
report and the full analysis (the MIN_PERSONS parameter, default 5):

- A count is of *persons*, never of moves (one person moving twice is one person).
- A flow or a city reached by fewer than MIN_PERSONS persons is not drawn.
- A table cell counting 1 to MIN_PERSONS - 1 persons is hidden (empty); 0 is shown.
  A share computed from a hidden cell is hidden with it.
- A ranked row (organisation, country, return city) below MIN_PERSONS is merged into
  one row "other (N ...)"; if that row still counts fewer than MIN_PERSONS persons,
  it is left out too.
- Every function returns a note saying exactly what was hidden, or None when nothing
  was: a note is only printed when it is true.

Small studies: at the default of 5 a study of 20 persons may draw no flow at all
(most of its flows are one or two persons). A threshold "hides most of a map"
(``map_mostly_hidden``) when it hides more than half of the map's cities, or every
flow, or more than half of the flows leaving fewer than FEW_FLOWS drawn. Flows alone
are not enough: in a study of thousands most city pairs are one or two persons too
(the paper's sample: 95% of 6,478 flows), yet the 346 flows drawn are the map.
``check_threshold`` also gives the threshold to offer: the highest one, from
SMALLEST_PROTECTING (2: no line or city drawn stands for a single person) up to the
one in use, that draws at least half the flows; when none does, the highest that
draws more than the one in use. None is offered when no threshold from 2 up draws
more. MIN_PERSONS = 1 shows everything (the user's own look at the data, not for
publication), and is said so.

Pseudonymisation replaces person ids with salted SHA-256 hashes, so outputs can be
joined among themselves but not back to the input without the salt.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..messages import M
from ..vectorise import none_for_missing
from .margins import protect_margins
from .notes import add_note, counted, disclosure, with_gini_tail

MIN_PERSONS_DEFAULT = 5
TOP_K_PARTS = "top_k_parts"  # concentration.attrs: the top cities named, then 'other (N)'
SMALLEST_PROTECTING = 2  # the lowest threshold offered: no group of one person shown
MOSTLY_HIDDEN = 0.5  # a threshold hiding more than this share of a map "hides most"
FEW_FLOWS = 10  # most flows hidden and fewer than this drawn: the flow map is thin


@dataclass(frozen=True)
class ThresholdCheck:
    """What a threshold k leaves of a map's flows (or cities), and what to offer."""

    k: int
    total: int  # items with a person count (flows, cities)
    shown: int  # of them, drawn at k
    suggested: int | None = None  # the threshold to offer instead (see the docstring)
    shown_at_suggested: int = 0

    @property
    def hidden(self) -> int:
        return self.total - self.shown

    @property
    def mostly_hidden(self) -> bool:
        return self.total > 0 and self.hidden > MOSTLY_HIDDEN * self.total


def map_mostly_hidden(flows: ThresholdCheck, cities: ThresholdCheck | None = None) -> bool:
    """Does the threshold hide most of the map (see the module docstring)?"""
    if cities is not None and cities.mostly_hidden:
        return True
    if flows.total and not flows.shown:
        return True
    return flows.mostly_hidden and flows.shown < FEW_FLOWS


def check_threshold(persons: Iterable, k: int) -> ThresholdCheck:
    """The map at threshold k from the person count of each flow (or city)."""
    counts = np.asarray(
        pd.to_numeric(pd.Series(list(persons), dtype=object), errors="coerce").fillna(0),
        dtype=float,
    )
    total = int(len(counts))

    def shown(t: int) -> int:
        return total if t <= 1 else int((counts >= t).sum())

    now = shown(k)
    check = ThresholdCheck(k, total, now)
    if not check.mostly_hidden or k <= SMALLEST_PROTECTING:
        return check
    candidates = [t for t in range(k - 1, SMALLEST_PROTECTING - 1, -1) if shown(t) > now]
    half = [t for t in candidates if shown(t) >= MOSTLY_HIDDEN * total]
    pick = (half or candidates or [None])[0]
    if pick is None:
        return check
    return ThresholdCheck(k, total, now, pick, shown(pick))


def _small(values: pd.Series, k: int) -> pd.Series:
    v = pd.to_numeric(values, errors="coerce")
    return v.gt(0) & v.lt(k)


# the note of each rule, per noun (singular, plural): core/disclosure/notes.py
NOT_SHOWN = {
    "bands": ("note.not_shown.bands.one", "note.not_shown.bands"),
    "cities": ("note.not_shown.cities.one", "note.not_shown.cities"),
    "flows": ("note.not_shown.flows.one", "note.not_shown.flows"),
}
MERGED = {
    "cities": ("note.merged.cities.one", "note.merged.cities"),
    "countries": ("note.merged.countries.one", "note.merged.countries"),
    "organisations": ("note.merged.organisations.one", "note.merged.organisations"),
}
OTHER_ROWS = {
    "cities": ("note.other.cities.one", "note.other.cities"),
    "countries": ("note.other.countries.one", "note.other.countries"),
    "organisations": ("note.other.organisations.one", "note.other.organisations"),
}
TOGETHER = {
    "cities": ("note.together.cities.one", "note.together.cities"),
    "countries": ("note.together.countries.one", "note.together.countries"),
    "organisations": ("note.together.organisations.one", "note.together.organisations"),
}


def suppress_rows(
    frame: pd.DataFrame, k: int, count_col: str = "persons", what: str = "flows"
) -> tuple[pd.DataFrame, str | None]:
    """Drop rows (flows, cities) counting fewer than k persons; (kept rows, note)."""
    if k <= 1 or frame.empty or count_col not in frame.columns:
        return frame, None
    small = pd.to_numeric(frame[count_col], errors="coerce").fillna(0).lt(k)
    if not small.any():
        return frame, None
    n = int(small.sum())
    note = counted(n, *NOT_SHOWN[what], k=k)
    return frame[~small].reset_index(drop=True), note


def merge_small_rows(
    frame: pd.DataFrame,
    k: int,
    label_col: str,
    what: str,
    count_col: str = "persons",
    share_col: str | None = "share",
    blank: Sequence[str] = (),
) -> tuple[pd.DataFrame, str | None]:
    """Merge the rows under k persons into one 'other (N what)' row at the end."""
    if k <= 1 or frame.empty or count_col not in frame.columns:
        return frame, None
    counts = pd.to_numeric(frame[count_col], errors="coerce").fillna(0)
    small = counts.lt(k)
    if not small.any():
        return frame, None
    kept = frame[~small].copy()
    n, persons = int(small.sum()), int(counts[small].sum())
    row: dict = {c: None for c in frame.columns}
    row[label_col] = counted(n, *OTHER_ROWS[what])
    row[count_col] = persons
    if share_col and share_col in frame.columns:
        row[share_col] = pd.to_numeric(frame.loc[small, share_col], errors="coerce").sum()
    for col in blank:
        row[col] = None
    if "rank" in frame.columns:  # last, after every row shown
        ranks = pd.to_numeric(kept["rank"], errors="coerce")
        row["rank"] = int(ranks.max()) + 1 if len(kept) and ranks.notna().any() else 1
    note = counted(n, *MERGED[what], k=k)
    if persons < k:  # even together too few: the rows are not shown at all
        note = counted(n, *TOGETHER[what], k=k)
        out = kept.reset_index(drop=True)
        out.attrs = dict(frame.attrs)
        return out, note
    other = pd.DataFrame([row], columns=frame.columns)
    out = pd.concat([kept, other], ignore_index=True) if len(kept) else other
    for col in (count_col,):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    out.attrs = dict(frame.attrs)
    return out, note


def suppress_cells(
    frame: pd.DataFrame,
    k: int,
    columns: Sequence[str],
    linked: dict[str, Sequence[str]] | None = None,
) -> tuple[pd.DataFrame, int]:
    """Hide counts of 1..k-1 persons in `columns` (and the `linked` columns of each).

    Returns (copy, number of cells hidden). `linked` maps a count column to the
    columns derived from it (a share, a city name) that are hidden with it.
    """
    if k <= 1 or frame.empty:
        return frame, 0
    out = frame.copy()
    hidden = 0
    for col in columns:
        if col not in out.columns:
            continue
        small = _small(out[col], k)
        if not small.any():
            continue
        hidden += int(small.sum())
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64").mask(small)
        for dep in (linked or {}).get(col, ()):
            if dep in out.columns:
                out[dep] = out[dep].astype(object).mask(small, None)
    out.attrs = dict(frame.attrs)
    return out, hidden


def protect_report(tables: dict[str, pd.DataFrame], k: int) -> dict[str, str]:
    """Apply the rule to the report's tables (in place); returns {table key: note}."""
    notes: dict[str, str] = {}
    if k <= 1:
        return notes
    city_counts = tables.get("return_cities")  # before its small cities are merged

    def said(key: str, frame: pd.DataFrame, parts: list) -> None:
        note = disclosure(k, parts)
        if note:
            notes[key] = note
        tables[key] = add_note(frame, note)

    t1 = tables.get("table1")
    if t1 is not None and len(t1):
        label = t1.columns[0]
        tops = [c for c in t1.columns if c.startswith("top") and c.endswith("_count")]
        counts = [c for c in t1.columns if c not in (label, "top_cities") and c not in tops]
        counts = [c for c in counts if not (c.startswith("top") and c.endswith("_city"))]
        linked = {c: [c.replace("_count", "_city")] for c in tops}
        out, n = suppress_cells(t1, k, counts + tops, linked)
        if "top_cities" in out.columns and tops:
            out["top_cities"] = [
                "; ".join(
                    f"{row[c.replace('_count', '_city')]} ({int(row[c])})"
                    for c in tops
                    if pd.notna(row[c]) and row[c.replace("_count", "_city")] is not None
                )
                for _, row in out.iterrows()
            ]
        said(
            "table1",
            out,
            [counted(n, "note.cells_hidden.one", "note.cells_hidden", k1=k - 1) if n else ""],
        )
    for key, label, what, blank in (
        ("table3_return", "org", "organisations", ("city", "country")),
        ("table3_overseas", "org", "organisations", ("city", "country")),
        ("overseas_countries", "name", "countries", ("country", "region")),
        ("return_cities", "city", "cities", ("city_id", "cum_persons", "cum_share")),
    ):
        frame = tables.get(key)
        if frame is None or frame.empty or label not in frame.columns:
            continue
        out, note = merge_small_rows(frame, k, label, what, blank=blank)
        said(key, out, [note or ""])
    # the paper's extra tables: a band of the Sankey and a city's indices (a mean distance
    # of a few persons is theirs) under k persons are left out; the Sankey's node totals
    # are those of the bands drawn
    for key, count_col, what in (
        ("return_flows", "persons", "bands"),
        ("indices", "returnees", "cities"),
    ):
        frame = tables.get(key)
        if frame is not None and len(frame) and count_col in frame.columns:
            out, note = suppress_rows(frame, k, count_col, what)
            out.attrs = dict(frame.attrs)
            said(key, out, [note or ""])
    regions = tables.get("overseas_regions")
    if regions is not None and len(regions):
        out, n = suppress_cells(regions, k, ["persons"], {"persons": ["share"]})
        said(
            "overseas_regions",
            out,
            [counted(n, "note.regions_hidden.one", "note.regions_hidden", k1=k - 1) if n else ""],
        )
    pat = tables.get("patterns")
    if pat is not None and len(pat) and {"by", "group", "total"} <= set(pat.columns):
        out, note = merge_pattern_groups(pat, k)
        said("patterns", out, [note or ""])
    # The page shows these under the sections of other tables: carry the notes there.
    for src, dest, tail in (
        ("return_cities", "concentration", True),
        ("overseas_countries", "overseas_regions", False),
    ):
        if src in notes and tables.get(dest) is not None:
            add_note(tables[dest], with_gini_tail(notes[src]) if tail else notes[src])
    notes.update(protect_totals(tables, k))  # (each note carries the earlier ones)
    protect_concentration(tables, city_counts, k)
    protect_reference(tables)
    return notes


HIDDEN_IN_REPORT = "hidden (disclosure control)"


def protect_reference(tables: dict[str, pd.DataFrame]) -> None:
    """The comparison with the paper shows no computed count that Table 1 hides."""
    cmp, t1 = tables.get("reference"), tables.get("table1")
    if cmp is None or cmp.empty or t1 is None or t1.empty or "item" not in cmp.columns:
        return
    label = t1.columns[0]
    items = set()
    for _, row in t1.iterrows():
        for col in t1.columns[1:]:
            value = row[col]
            if not (value is None or (not isinstance(value, str) and pd.isna(value))):
                continue
            name = str(row[label])
            if col == "total":
                items.add("persons (all subjects)" if name == "All" else f"{name}: sum")
            elif col.startswith("top") and col.endswith(("_count", "_city")):
                items.add(f"{name}: top {col[3:-6] if col.endswith('_count') else col[3:-5]} "
                          + ("count" if col.endswith("_count") else "city"))  # fmt: skip
            else:
                items.add(f"{name}: {col}")
                if name == "All" and col == "university":
                    items.add("share at universities, %")
    hidden = cmp["section"].eq("Table 1") & cmp["item"].isin(items)
    if hidden.any():
        out = cmp.copy()
        out["computed"] = out["computed"].astype(object).mask(hidden, None)
        out["difference"] = out["difference"].astype(object).mask(hidden, None)
        out["note"] = out["note"].astype(object).mask(hidden, HIDDEN_IN_REPORT)
        out.attrs = dict(cmp.attrs)
        tables["reference"] = out


def protect_concentration(tables: dict[str, pd.DataFrame], counts, k: int) -> None:
    """The concentration figures name no city under k, and the Lorenz curve draws the
    small cities as one straight stretch: its points would give each one's count."""
    if counts is None or counts.empty or "persons" not in counts.columns:
        return
    persons = pd.to_numeric(counts["persons"], errors="coerce").fillna(0)
    small = set(counts.loc[persons.lt(k), "city"].astype(str))
    conc = tables.get("concentration")
    if small and conc is not None and len(conc) and "top_k_cities" in conc.columns:
        names = str(conc["top_k_cities"].iloc[0]).split("; ")
        kept = [n for n in names if n not in small]
        if len(kept) < len(names):
            kept.append(counted(len(names) - len(kept), *OTHER_ROWS["cities"]))
            conc = conc.copy()
            conc["top_k_cities"] = "; ".join(kept)
            conc.attrs = dict(tables["concentration"].attrs)
            # the names and the 'other' row apart, for a page or log in another language
            conc.attrs[TOP_K_PARTS] = tuple(kept)
            tables["concentration"] = conc
    lorenz = tables.get("lorenz")
    n_small = int(persons.lt(k).sum())
    if lorenz is not None and len(lorenz) > n_small + 1 and n_small > 1:
        # points sorted from the smallest city: keep (0, 0) and the end of the small ones
        keep = [0, *range(n_small, len(lorenz))]
        out = lorenz.iloc[keep].reset_index(drop=True)
        out.attrs = dict(lorenz.attrs)
        tables["lorenz"] = out


def protect_totals(tables: dict[str, pd.DataFrame], k: int) -> dict[str, str]:
    """Complementary suppression in the tables with totals (``disclosure.margins``)."""
    return protect_margins(tables, k)


YEAR_GROUPS = ("return_year",)  # pattern groups that are years: never merged


def merge_pattern_groups(pat: pd.DataFrame, k: int) -> tuple[pd.DataFrame, str | None]:
    """Pattern groups (by subject, cohort...) under k persons merged into 'other' per 'by'.

    The row of all persons is the study's headline and stays as it is. Years (by
    return year) are not merged: an 'other' among years would read as a year, so a
    year under k persons keeps its row with its counts hidden. The note names the
    grouping of each.
    """
    counts = ["circle", "linear", "total", "no_pattern"]
    total = pd.to_numeric(pat["total"], errors="coerce").fillna(0)
    small = total.lt(k) & pat["by"].ne("all")
    if not small.any():
        return pat, None
    parts, said = [], []
    for by, g in pat.groupby("by", sort=False):
        g_small = small.loc[g.index]
        parts.append(g[~g_small])
        if not g_small.any():
            continue
        n = int(g_small.sum())
        name = str(by).replace("_", " ")
        if by in YEAR_GROUPS:
            parts[-1] = _hidden_year_rows(g, g_small, counts)  # in their order
            said.append(counted(n, "note.years_hidden.one", "note.years_hidden", by=name, k=k))
            continue
        row = {c: None for c in pat.columns}
        row.update({"by": by, "group": counted(n, "note.other.groups.one", "note.other.groups")})
        for c in counts:
            if c in pat.columns:
                row[c] = int(pd.to_numeric(g.loc[g_small, c], errors="coerce").fillna(0).sum())
        if row["total"] < k:
            said.append(
                counted(n, "note.groups_together.one", "note.groups_together", by=name, k=k)
            )
            continue
        said.append(counted(n, "note.groups_merged.one", "note.groups_merged", by=name, k=k))
        both = (row.get("circle") or 0) + (row.get("linear") or 0)
        if "circle_share" in pat.columns:
            row["circle_share"] = row["circle"] / both if both else None
        if "linear_share" in pat.columns:
            row["linear_share"] = row["linear"] / both if both else None
        parts.append(pd.DataFrame([row], columns=pat.columns))
    out = pd.concat(parts, ignore_index=True)
    for c in counts:
        if c in out.columns:
            out[c] = pd.to_numeric(out[c], errors="coerce").round().astype("Int64")
    out.attrs = dict(pat.attrs)
    return out, M("note.parts", parts=tuple(said))


def _hidden_year_rows(rows: pd.DataFrame, small: pd.Series, counts: Sequence[str]) -> pd.DataFrame:
    """Years under k persons keep their row (a gap in the years, not a missing year)
    with every count and share hidden: the totals stay sums of the rows."""
    out = rows.copy()
    for col in [*counts, "circle_share", "linear_share"]:
        if col in out.columns:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("Float64").mask(small)
    return out


# --------------------------------------------------------------------------- pseudonyms


def new_salt() -> str:
    """A random salt for one run (kept by nobody: the hashes cannot be reversed)."""
    return secrets.token_hex(16)


def pseudonymise(ids: pd.Series, salt: str, length: int = 16) -> pd.Series:
    """Salted SHA-256 of each id (hex, `length` characters); empty ids stay empty."""
    key = salt.encode("utf-8")

    def one(value) -> object:
        if value is None or (isinstance(value, float) and np.isnan(value)) or value == "":
            return value
        digest = hashlib.sha256(key + b"\x1f" + str(value).encode("utf-8")).hexdigest()
        return digest[:length]

    uniques = pd.unique(ids.astype(object))
    table = {v: one(v) for v in uniques}
    return none_for_missing(ids.astype(object).map(table))  # None, not NaN, on pandas 3


PERSON_COLUMNS = ("person_id",)


def pseudonymise_frames(frames: dict[str, pd.DataFrame], salt: str) -> dict[str, pd.DataFrame]:
    """Copies of `frames` with every person id column replaced by its salted hash."""
    out = {}
    for key, frame in frames.items():
        if frame is not None and any(c in frame.columns for c in PERSON_COLUMNS):
            frame = frame.copy(deep=False)  # columns are replaced, never written into
            for col in PERSON_COLUMNS:
                if col in frame.columns:
                    frame[col] = pseudonymise(frame[col], salt)
        out[key] = frame
    return out


def pseudonymised(result, salt: str | None = None):
    """An ImportResult whose stages, legs, routes and unresolved rows carry pseudonyms."""
    from dataclasses import replace

    named = {
        "stages": result.stages,
        "legs": result.legs,
        "routes": result.routes,
        "unresolved": result.unresolved,
    }
    if getattr(result, "returns", None) is not None:  # each person's return, found once
        named["returns"] = result.returns
    frames = pseudonymise_frames(named, salt or new_salt())
    return replace(result, **frames)
