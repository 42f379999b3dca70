"""Tier classes of cities: national core (1), regional excellent (2), regional special (3).

Pure pandas; no QGIS. Jiang (2021) sorts the Chinese cities of the backflow network
into three tiers by their position in the network and in the administrative system.

Conventions
-----------
Candidates
    Domestic cities (``domestic`` column, else ``country == home_country``) with
    ``returnees >= min_returnees`` and a value for the chosen measure. Every other
    city gets tier <NA>, label None and rank <NA>.
Rank
    1 = the highest measure among candidates; ties share the best rank ("min").
Class-based methods
    ``natural_breaks`` (Fisher–Jenks), ``head_tail`` and ``quantile`` class the
    candidates' measure into ``classes`` classes (fewer when the data has fewer
    distinct values). The top class is tier 1, the next tier 2, every class below
    tier 3. ``head_tail`` passes ``classes`` as the most classes head/tail breaks may
    make, so its top class is the head of the head.
``hybrid`` (the paper's typology, default)
    Natural breaks in ``classes`` classes: tier 1 = the top class; of the others,
    tier 2 = a regional centre by administrative rank (``rank_field`` is one of
    ``schema.REGIONAL_CENTRE_RANKS``: municipality, sub-provincial city, provincial
    capital -- Chinese names accepted) or in the middle class (the one just below
    the top); tier 3 = the rest. ``rank_field=None`` classes by the measure alone.
``top_n``
    The ``n_core`` highest are tier 1, the next ``n_excellent`` tier 2, the rest
    tier 3. Order: measure, then returnees (both descending), then city_id. A cut
    that splits cities with equal measure is reported in ``info["warnings"]``.
``thresholds``
    ``[t1, t2]`` with t1 >= t2: measure >= t1 -> tier 1, >= t2 -> tier 2, else 3.
info
    ``method``, ``measure``, ``candidates``, ``breaks`` (class upper bounds, or the
    thresholds, or for top_n the lowest measure inside tiers 1 and 2),
    ``tier_minimum`` ({tier: lowest measure of its members}), ``counts``
    ({1: n, 2: n, 3: n}), ``classes`` (number of classes made), ``warnings``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import BackflowInputError, CoreWarning
from ..messages import M
from ..schema import (
    DEFAULT_HOME_COUNTRY,
    DEFAULT_MEASURE,
    MEASURES,
    RANK_MUNICIPALITY,
    RANK_PROVINCIAL_CAPITAL,
    RANK_SUB_PROVINCIAL,
    REGIONAL_CENTRE_RANKS,
    TIER_LABELS,
    TIER_METHODS,
)
from ..vectorise import object_column
from . import classify as cls
from .graph import domestic_flags, normalise_ids

log = logging.getLogger("backflow")

STABILITY_MEASURES = ("betweenness", "degree", "strength", "closeness", "eigenvector", "pagerank")
TIER_COLUMNS = ("city_id", "tier", "tier_label", "rank")
# top_n: a tier cut that falls between cities of the same value (the order is then arbitrary)
TIE_AT_CUT = {
    "core": "warning.tiers.tie_at_cut.core",
    "excellent": "warning.tiers.tie_at_cut.excellent",
}

# Spellings of the regional-centre ranks met in Chinese gazetteers and user tables.
RANK_ALIASES = {
    RANK_MUNICIPALITY: RANK_MUNICIPALITY,
    "直辖市": RANK_MUNICIPALITY,
    "municipality directly under the central government": RANK_MUNICIPALITY,
    RANK_SUB_PROVINCIAL: RANK_SUB_PROVINCIAL,
    "sub-provincial": RANK_SUB_PROVINCIAL,
    "sub provincial city": RANK_SUB_PROVINCIAL,
    "副省级城市": RANK_SUB_PROVINCIAL,
    "副省级市": RANK_SUB_PROVINCIAL,
    RANK_PROVINCIAL_CAPITAL: RANK_PROVINCIAL_CAPITAL,
    "capital": RANK_PROVINCIAL_CAPITAL,
    "provincial-capital": RANK_PROVINCIAL_CAPITAL,
    "省会": RANK_PROVINCIAL_CAPITAL,
    "省会城市": RANK_PROVINCIAL_CAPITAL,
    "首府": RANK_PROVINCIAL_CAPITAL,
}


def is_regional_centre(rank: object) -> bool:
    """True for a municipality, sub-provincial city or provincial capital."""
    if rank is None or rank is pd.NA or (isinstance(rank, float) and np.isnan(rank)):
        return False
    text = " ".join(str(rank).strip().lower().split())
    return RANK_ALIASES.get(text, text) in REGIONAL_CENTRE_RANKS


def parse_thresholds(thresholds: object) -> list[float]:
    """``"0.1, 0.02"`` or ``[0.1, 0.02]`` -> [t1, t2] with t1 >= t2."""
    if thresholds is None or (isinstance(thresholds, str) and not thresholds.strip()):
        raise BackflowInputError(
            M("error.tiers.thresholds_two_values"),
            accepted=M("error.tiers.thresholds_two_values.accepted"),
        )
    parts = (
        thresholds.replace(";", ",").replace("，", ",").split(",")
        if isinstance(thresholds, str)
        else list(thresholds)
    )
    try:
        values = [float(str(p).strip()) for p in parts if str(p).strip() != ""]
    except ValueError:
        raise BackflowInputError(
            M("error.tiers.thresholds_not_numbers"),
            value=thresholds,
            accepted=M("error.tiers.thresholds_accepted"),
        ) from None
    if len(values) != 2 or not all(np.isfinite(values)) or values[0] < values[1]:
        raise BackflowInputError(
            M("error.tiers.thresholds_order"),
            value=thresholds,
            accepted=M("error.tiers.thresholds_accepted"),
        )
    return values


def _candidates(
    measures: pd.DataFrame,
    cities: pd.DataFrame,
    measure: str,
    min_returnees: float,
    rank_field: str | None,
    home_country: str,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(all cities with their measure, the candidate rows)."""
    if measure not in measures.columns:
        raise BackflowInputError(
            M("error.tiers.unknown_measure"), value=measure, accepted=", ".join(MEASURES)
        )
    for col in ("city_id",):
        if col not in measures.columns or col not in cities.columns:
            raise BackflowInputError(M("error.tiers.no_city_id"), column="city_id")
    if "returnees" not in cities.columns:
        raise BackflowInputError(
            M("error.tiers.no_returnees_column"),
            column="returnees",
            accepted=M("error.tiers.cities_output"),
        )
    if rank_field is not None and rank_field not in cities.columns:
        raise BackflowInputError(
            M("error.tiers.no_rank_field"),
            column=rank_field,
            accepted=", ".join(map(str, cities.columns)),
        )
    c = pd.DataFrame({"city_id": normalise_ids(cities["city_id"])})
    c["domestic"] = domestic_flags(cities, home_country).to_numpy()
    c["returnees"] = pd.to_numeric(cities["returnees"], errors="coerce").fillna(0).to_numpy()
    c["admin"] = cities[rank_field].to_numpy() if rank_field is not None else None
    c = c[c["city_id"].notna()].drop_duplicates("city_id")
    m = pd.DataFrame(
        {
            "city_id": normalise_ids(measures["city_id"]),
            "value": pd.to_numeric(measures[measure], errors="coerce"),
        }
    )
    m = m.drop_duplicates("city_id")
    c = c.merge(m, on="city_id", how="left")
    cand = c[c["domestic"] & (c["returnees"] >= min_returnees) & c["value"].notna()]
    return c, cand


def _tiers_from_classes(index: np.ndarray, n_classes: int) -> np.ndarray:
    """Class 0..n-1 (0 lowest) -> tier: top class 1, next 2, the rest 3."""
    return np.minimum(3, n_classes - index)


def assign_tiers(
    measures: pd.DataFrame,
    cities: pd.DataFrame,
    method: str = "hybrid",
    measure: str = DEFAULT_MEASURE,
    min_returnees: float = 1,
    rank_field: str | None = "admin_rank",
    n_core: int = 4,
    n_excellent: int = 23,
    thresholds: Sequence[float] | str | None = None,
    classes: int = 3,
    home_country: str = DEFAULT_HOME_COUNTRY,
) -> tuple[pd.DataFrame, dict]:
    """Tier of every city of ``cities`` (see the module docstring).

    Returns (DataFrame[city_id, tier (Int64), tier_label, rank (Int64)] in the order
    of ``cities``, info dict).
    """
    if method not in TIER_METHODS:
        raise BackflowInputError(
            M("error.tiers.unknown_method"), value=method, accepted=", ".join(TIER_METHODS)
        )
    if classes < 2 and method in ("hybrid", "natural_breaks", "head_tail", "quantile"):
        raise BackflowInputError(
            M("error.tiers.two_classes"),
            value=classes,
            accepted=M("error.tiers.two_classes.accepted"),
        )
    limits = parse_thresholds(thresholds) if method == "thresholds" else None
    rank_field_used = rank_field if method == "hybrid" else None
    allc, cand = _candidates(
        measures, cities, measure, min_returnees, rank_field_used, home_country
    )
    warnings: list[str] = []
    values = cand["value"].to_numpy(dtype=float)
    tiers = np.zeros(len(cand), dtype=np.int64)
    breaks: list[float] = []
    n_classes = 0

    if len(cand) == 0:
        warnings.append(CoreWarning(M("warning.tiers.no_candidate")))
    elif method in ("hybrid", "natural_breaks", "head_tail", "quantile"):
        if method in ("hybrid", "natural_breaks"):
            breaks = cls.fisher_jenks(values, classes)
        elif method == "head_tail":
            breaks = cls.head_tail_breaks(values, max_classes=classes)
        else:
            breaks = cls.quantile_breaks(values, classes)
        n_classes = len(breaks)
        index = np.asarray(cls.classify(values, breaks), dtype=np.int64)
        if n_classes == 1:
            warnings.append(CoreWarning(M("warning.tiers.one_class")))
        if method == "hybrid":
            tiers[:] = 3
            top = index == n_classes - 1
            middle = index == n_classes - 2
            tiers[top] = 1
            centre = (
                np.array([is_regional_centre(r) for r in cand["admin"]], dtype=bool)
                if rank_field_used is not None
                else np.zeros(len(cand), dtype=bool)
            )
            tiers[~top & (centre | middle)] = 2
        else:
            tiers = _tiers_from_classes(index, n_classes)
    elif method == "top_n":
        if n_core < 0 or n_excellent < 0:
            raise BackflowInputError(
                M("error.tiers.negative_size"),
                value=(n_core, n_excellent),
                accepted=M("error.tiers.negative_size.accepted"),
            )
        order = (
            cand.assign(_neg=-cand["value"], _negr=-cand["returnees"])
            .sort_values(["_neg", "_negr", "city_id"], kind="mergesort")
            .index
        )
        pos = pd.Series(np.arange(len(cand)), index=order).reindex(cand.index).to_numpy()
        tiers = np.where(pos < n_core, 1, np.where(pos < n_core + n_excellent, 2, 3))
        sorted_vals = cand.loc[order, "value"].to_numpy()
        for cut, name in ((n_core, "core"), (n_core + n_excellent, "excellent")):
            if 0 < cut < len(sorted_vals) and sorted_vals[cut - 1] == sorted_vals[cut]:
                warnings.append(
                    CoreWarning(
                        M(
                            TIE_AT_CUT[name],
                            cut=cut,
                            measure=measure,
                            value=float(sorted_vals[cut]),
                        )
                    )
                )
        breaks = [
            float(sorted_vals[min(c, len(sorted_vals)) - 1])
            for c in (n_core, n_core + n_excellent)
            if c > 0 and len(sorted_vals)
        ]
    else:  # thresholds
        t1, t2 = limits
        breaks = [t1, t2]
        tiers = np.where(values >= t1, 1, np.where(values >= t2, 2, 3))

    result = pd.DataFrame({"city_id": allc["city_id"].to_numpy()})
    tier_s = pd.Series(pd.NA, index=allc.index, dtype="Int64")
    tier_s.loc[cand.index] = tiers
    rank_s = pd.Series(pd.NA, index=allc.index, dtype="Int64")
    if len(cand):
        rank_s.loc[cand.index] = cand["value"].rank(ascending=False, method="min").astype(int)
    result["tier"] = tier_s.to_numpy()
    result["tier"] = result["tier"].astype("Int64")
    result["tier_label"] = object_column(
        [None if pd.isna(t) else TIER_LABELS[int(t)] for t in result["tier"]], result.index
    )
    result["rank"] = rank_s.astype("Int64").to_numpy()
    result["rank"] = result["rank"].astype("Int64")

    counts = {t: int((tiers == t).sum()) for t in (1, 2, 3)}
    minimum = {t: (float(values[tiers == t].min()) if counts[t] else None) for t in (1, 2, 3)}
    info = {
        "method": method,
        "measure": measure,
        "candidates": int(len(cand)),
        "breaks": [float(b) for b in breaks],
        "classes": n_classes,
        "counts": counts,
        "tier_minimum": minimum,
        "warnings": warnings,
    }
    log.info("tiers by %s on %s: breaks %s, counts %s", method, measure, info["breaks"], counts)
    return result, info


def stability(
    measures: pd.DataFrame,
    cities: pd.DataFrame,
    method: str = "hybrid",
    measures_to_try: Sequence[str] = STABILITY_MEASURES,
    measure: str = DEFAULT_MEASURE,
    **kwargs,
) -> tuple[pd.DataFrame, float]:
    """Re-class the cities with other measures: how robust are the tiers?

    Returns a frame with one row per candidate city (under ``measure``): ``city_id``,
    ``tier`` (under ``measure``), ``tier_<m>`` for every measure tried, and
    ``changed`` (the tier differs under at least one of them); and the share of
    candidates that changed (0.0 when there is nothing to compare). A measure
    without values (e.g. eigenvector left empty) is skipped. ``frame.attrs`` holds
    ``share_changed_by_measure`` and ``skipped``. ``kwargs`` go to
    :func:`assign_tiers`.
    """
    base, _ = assign_tiers(measures, cities, method=method, measure=measure, **kwargs)
    base = base[base["tier"].notna()].reset_index(drop=True)
    frame = base[["city_id", "tier"]].copy()
    changed = np.zeros(len(frame), dtype=bool)
    by_measure: dict[str, float] = {}
    skipped: list[str] = []
    for other in measures_to_try:
        if other == measure:
            continue
        if (
            other not in measures.columns
            or pd.to_numeric(measures[other], errors="coerce").isna().all()
        ):
            skipped.append(other)
            continue
        alt, _ = assign_tiers(measures, cities, method=method, measure=other, **kwargs)
        alt_tier = frame[["city_id"]].merge(alt[["city_id", "tier"]], on="city_id", how="left")[
            "tier"
        ]
        frame[f"tier_{other}"] = alt_tier.astype("Int64").to_numpy()
        diff = (
            (alt_tier.astype("Int64") != frame["tier"].astype("Int64")).fillna(True).to_numpy(bool)
        )
        by_measure[other] = float(diff.mean()) if len(frame) else 0.0
        changed |= diff
    frame["changed"] = changed
    share = float(changed.mean()) if len(frame) and by_measure else 0.0
    frame.attrs["share_changed_by_measure"] = by_measure
    frame.attrs["skipped"] = skipped
    return frame, share
