"""Table 4 (cities per tier), the route-pattern table and the top cities by each
centrality measure.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..frames import all_notes, empty_frame, group_text, is_domestic, with_note
from ..messages import M
from ..patterns import routes as patterns
from ..schema import MEASURES, TIER_LABELS
from .persons import missing_note

log = logging.getLogger("backflow")

# The report lists strength, not its in / out halves.
_REPORTED_MEASURES = tuple(m for m in MEASURES if m not in ("in_strength", "out_strength"))

TABLE4_COLUMNS = (
    "tier",
    "tier_label",
    "cities",
    "examples",
    "measure",
    "measure_min",
    "measure_max",
    "break",
)
CENTRALITY_COLUMNS = ("measure", "rank", "city_id", "city", "value")


# --------------------------------------------------------------------------- Table 4


def _city_name(cities: pd.DataFrame) -> pd.Series:
    for col in ("name", "city"):
        if col in cities.columns:
            return cities[col].fillna(cities.get("city_id", "")).astype(str)
    return cities["city_id"].astype(str)


def _city_order(cities: pd.DataFrame) -> pd.DataFrame:
    """Cities from most to least central: by rank, else pagerank/strength/returnees."""
    c = cities.copy()
    for col in ("rank", "pagerank", "strength", "degree", "returnees", "persons"):
        if col in c.columns:
            c["_key"] = pd.to_numeric(c[col], errors="coerce")
            return c.sort_values(
                "_key", ascending=(col == "rank"), na_position="last", kind="mergesort"
            )
    return c


def table4(
    cities: pd.DataFrame,
    breaks: Sequence[float] | dict | None = None,
    measure: str | None = None,
    examples: int = 5,
) -> pd.DataFrame:
    """Table 4: cities per tier, with example cities and the tier breaks.

    Columns: tier (1, 2, 3), tier_label, cities (count), examples (the most central
    `examples` cities, by ``rank`` when present), measure (the column the breaks
    are on, when given), measure_min / measure_max (its range within the tier) and
    break (the given break that opens the tier, e.g. ">= 0.35"). `breaks` is the
    lower bound of tiers 1, 2, 3... (a sequence; an ascending one is read as tiers
    3, 2, 1, the order City network logs them) or a {tier: bound} mapping. Without a
    ``tier`` column the table is empty and noted.
    """
    if "tier" not in cities.columns:
        return empty_frame(
            TABLE4_COLUMNS,
            missing_note("tier", then=M("note.run_citynetwork_tiers")),
        )
    c = cities.copy()
    c["_tier"] = pd.to_numeric(c["tier"], errors="coerce")
    c = c[c["_tier"].notna()]
    if c.empty:
        return empty_frame(TABLE4_COLUMNS, M("note.no_tier"))
    c["_name"] = _city_name(c)
    if measure and measure not in c.columns:
        measure = None
    if isinstance(breaks, dict):
        bounds = {int(k): v for k, v in breaks.items()}
    elif breaks is not None:
        values = list(breaks)
        if (
            len(values) > 1
            and all(isinstance(v, (int, float)) for v in values)
            and values == sorted(values)
            and values != sorted(values, reverse=True)
        ):
            values = values[::-1]  # given lowest first (tier 3 ... tier 1)
        bounds = {i + 1: v for i, v in enumerate(values)}
    else:
        bounds = {}
    rows = []
    for tier, g in c.groupby("_tier", sort=True):
        tier = int(tier)
        label = None
        if "tier_label" in g.columns:
            label = next((group_text(v) for v in g["tier_label"] if group_text(v)), None)
        ordered = _city_order(g)
        row = {
            "tier": tier,
            "tier_label": label or TIER_LABELS.get(tier),
            "cities": int(len(g)),
            "examples": ", ".join(ordered["_name"].head(examples)),
            "measure": measure,
            "measure_min": None,
            "measure_max": None,
            "break": None,
        }
        if measure:
            values = pd.to_numeric(g[measure], errors="coerce")
            row["measure_min"], row["measure_max"] = float(values.min()), float(values.max())
        if tier in bounds and bounds[tier] is not None:
            b = bounds[tier]
            row["break"] = f">= {b:.4g}" if isinstance(b, (int, float)) else str(b)
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(TABLE4_COLUMNS))
    out["tier"] = out["tier"].astype("int64")
    out["cities"] = out["cities"].astype("int64")
    out["measure_min"] = pd.to_numeric(out["measure_min"])
    out["measure_max"] = pd.to_numeric(out["measure_max"])
    return out


# --------------------------------------------------------------------------- patterns


def pattern_tables(
    routes: pd.DataFrame, subject: str | None = "subject", year: str = "return_year"
) -> pd.DataFrame:
    """Circle / linear counts and shares overall, by subject and by return year, stacked.

    Columns of ``patterns.pattern_shares`` (by, group, circle, linear, total,
    circle_share, linear_share, no_pattern); group is text ("2012", not 2012.0).
    A missing grouping column is left out and noted.
    """
    if "pattern" not in routes.columns:
        return empty_frame(
            patterns.SHARE_COLUMNS, missing_note("pattern", then=M("note.run_routepatterns"))
        )
    notes = []
    tables = [patterns.pattern_shares(routes)]
    for col in (subject, year):
        if not col:
            continue
        name = (
            f"{col}_attr" if col not in routes.columns and f"{col}_attr" in routes.columns else col
        )
        if name not in routes.columns:
            notes.append(missing_note(col))
            continue
        tables.append(patterns.pattern_shares(routes, by=name).assign(by=col))
    out = pd.concat(tables, ignore_index=True)
    out["group"] = [group_text(v) for v in out["group"]]
    return with_note(out[list(patterns.SHARE_COLUMNS)], all_notes(notes))


# --------------------------------------------------------------------------- centrality


def top_by_measure(
    cities: pd.DataFrame,
    measures: Sequence[str] | None = None,
    n: int = 10,
    domestic_only: bool = False,
) -> pd.DataFrame:
    """The top `n` cities by each centrality measure, stacked.

    Columns: measure, rank (1..n, ties by name), city_id, city, value. `measures`
    defaults to those of the city network present in `cities`; missing ones are noted.
    """
    measures = list(measures) if measures is not None else list(_REPORTED_MEASURES)
    present = [m for m in measures if m in cities.columns]
    absent = [m for m in measures if m not in cities.columns]
    note = None
    if absent:
        columns = ", ".join(f"`{m}`" for m in absent)
        if present:
            key = "note.missing_columns" if len(absent) > 1 else "note.missing_column"
            note = M(key, column=columns)
        else:
            key = "note.missing_columns_then" if len(absent) > 1 else "note.missing_column_then"
            note = M(key, column=columns, then=M("note.run_citynetwork"))
    if not present:
        return empty_frame(CENTRALITY_COLUMNS, note)
    c = cities.copy()
    if domestic_only and "domestic" in c.columns:
        c = c[is_domestic(c["domestic"])]
    c["_name"] = _city_name(c)
    ids = c["city_id"].astype(str) if "city_id" in c.columns else c["_name"]
    c["_id"] = ids
    frames = []
    for m in present:
        c["_v"] = pd.to_numeric(c[m], errors="coerce")
        top = c[c["_v"].notna()].sort_values(["_v", "_name"], ascending=[False, True]).head(n)
        frames.append(
            pd.DataFrame(
                {
                    "measure": m,
                    "rank": np.arange(1, len(top) + 1),
                    "city_id": top["_id"].to_numpy(),
                    "city": top["_name"].to_numpy(),
                    "value": top["_v"].to_numpy(dtype=float),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    return with_note(out[list(CENTRALITY_COLUMNS)], note)
