"""The paper's tables from the Backflow layers (pure pandas, no QGIS).

Every function takes the plain tables the algorithms write -- STAGES (one row per
stage), ROUTES (one row per person, from ``patterns.classify_routes``) and CITIES
(optionally with the city network's centrality measures and tiers) -- and returns a
DataFrame. A table that cannot be made because an optional column is missing comes
back empty (with its usual columns) and carries the reason in ``frame.attrs["note"]``
(read it with :func:`note_of`), e.g. "not available: no `subject` column".

Counting rules (shared by every table)
--------------------------------------
Persons
    Counted once per cell: a person with two stages at Harvard counts once for
    Harvard; a person with stages in the USA and in the UK counts once for each.
Returnees
    Persons with a return (see ``patterns``: the first domestic stage after a stage
    abroad, or the stage labelled ``return``). Table 1, the return organisations and
    the concentration figures count returnees by their (first) return city.
Overseas experience
    A person has overseas experience in a country (a region) when at least one of
    their overseas stages (``domestic`` false) lies in it. Shares are of all persons
    in the stages table (the paper's population: 2,846 returnees, all of whom went
    abroad). The paper's grouping: USA, UK, rest of Europe, Asia, Australia, other
    (``countries.REGIONS``; Hong Kong, Macao and Taiwan count as abroad, in Asia).
    A person with stages in two regions counts in both, so region shares may add up
    to more than 100 %; the table reports how many persons that concerns.
Concentration
    Over return cities (cities with at least one returnee): the share of returnees
    taken by the k largest (ties at rank k broken by name), the Gini coefficient
    of the per-city counts and the Lorenz curve (cities from smallest to largest).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import BackflowInputError
from ..frames import empty_frame, group_text, is_domestic, note_of, with_note
from ..patterns import routes as patterns
from ..places.countries import REGION_LABELS, REGIONS, Countries
from ..schema import MEASURES, TIER_LABELS
from ..sources.combined import build_tables
from ..trajectories.returns import find_returns
from ..vectorise import map_unique

log = logging.getLogger("backflow")

SUBJECT_CANDIDATES = ("subject", "学科", "discipline", "学科领域", "field")
UNIT_CANDIDATES = ("unit_type", "unit type", "单位类型", "work_unit_type", "unit_kind", "单位性质")
# The report lists strength, not its in / out halves.
_REPORTED_MEASURES = tuple(m for m in MEASURES if m not in ("in_strength", "out_strength"))
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
RETURN_ORG_COLUMNS = ("rank", "org", "city", "country", "persons", "share")
OVERSEAS_ORG_COLUMNS = ("rank", "org", "country", "city", "persons", "share")
COUNTRY_COLUMNS = ("country", "name", "region", "persons", "share")
REGION_COLUMNS = ("region", "label", "persons", "share", "base")
CITY_COUNT_COLUMNS = ("rank", "city_id", "city", "persons", "share", "cum_persons", "cum_share")
CONCENTRATION_COLUMNS = (
    "k",
    "top_k_persons",
    "returnees",
    "top_k_share",
    "return_cities",
    "gini",
    "top_k_cities",
)
LORENZ_COLUMNS = ("cities_share", "returns_share")
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


# --------------------------------------------------------------------------- helpers


def _missing(column: str) -> str:
    return f"not available: no `{column}` column"


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


def _count_text(name: str, count: int) -> str:
    return f"{name} ({int(count)})"


def _is_routes(frame: pd.DataFrame) -> bool:
    return "return_city" in frame.columns and "stage" not in frame.columns


def person_table(data: pd.DataFrame, attributes: Sequence[str] = ()) -> pd.DataFrame:
    """One row per person: person_id, return_city_id, return_city, returned + attributes.

    `data` is a ROUTES table (used as is) or a STAGES table (returns are found with
    ``trajectories.returns.find_returns``; attributes are each person's first non-missing value).
    """
    attributes = [a for a in dict.fromkeys(attributes) if a and a in data.columns]
    if _is_routes(data):
        out = data.copy()
        if "returned" in out.columns:
            out["returned"] = is_domestic(out["returned"])
        else:
            out["returned"] = out["return_city"].notna().to_numpy()
        if "return_city_id" not in out.columns:
            out["return_city_id"] = out["return_city"]
        out["person_id"] = out["person_id"].astype(str)
        return out.drop_duplicates("person_id").reset_index(drop=True)
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


def _returnees(persons: pd.DataFrame) -> pd.DataFrame:
    r = persons[persons["returned"] & persons["return_city"].notna()].copy()
    r["return_city"] = r["return_city"].astype(str)
    r["return_city_id"] = (
        r["return_city_id"].where(r["return_city_id"].notna(), r["return_city"]).astype(str)
    )
    return r


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
) -> pd.DataFrame:
    """Table 1: returnees by subject x work-unit type, with each subject's top return cities.

    Columns: ``subject`` (the subject column's name, or ``group`` without one), one
    column per unit type (most frequent first), ``total``, ``top_cities`` ("Beijing
    (173); Shanghai (144); Wuhan (54)"), and ``topN_city`` / ``topN_count`` for N =
    1..top. Rows: subjects by total (largest first, then name), a missing subject as
    "(none)", and a last row ``All``. Ties among cities go by name.
    Without the subject column there is a single row ``All``; without the unit
    column no unit columns -- both noted in ``attrs["note"]``.
    """
    notes = []
    data = stages_or_routes
    if subject and subject not in data.columns:
        notes.append(_missing(subject))
        subject = None
    if unit and unit not in data.columns:
        notes.append(_missing(unit))
        unit = None
    if not subject and not notes:
        notes.append("not available: no subject column chosen")
    label = subject or "group"
    fixed = [f"top{i}_{k}" for i in range(1, top + 1) for k in ("city", "count")]
    if "person_id" not in data.columns:
        return empty_frame([label, "total", "top_cities", *fixed], _missing("person_id"))
    persons = person_table(data, [c for c in (subject, unit) if c])
    r = _returnees(persons)
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
            notes.append(f"unit type {clash} renamed with the suffix ' ({unit})'")
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
    return with_note(out, "; ".join(notes) or None)


# --------------------------------------------------------------------------- Table 3


# Stage columns the organisation tables read (with those that locate the return).
_ORG_TABLE_INPUT = ("person_id", "seq", "stage", "city_id", "city", "country", "domestic")
_ORG_TABLE_INPUT += ("year", "province", "org")


def _texts_or(values: pd.Series, missing: str) -> np.ndarray:
    """group_text of each value (`missing` for none), each distinct value once."""
    return map_unique(values, lambda v: group_text(v) or missing, na_value=missing).to_numpy()


def _stage_rows(stages: pd.DataFrame) -> pd.DataFrame:
    # the columns used only: a copy of every person attribute costs GBs at 1M persons
    s = stages[[c for c in dict.fromkeys(stages.columns) if c in _ORG_TABLE_INPUT]].copy()
    s["person_id"] = s["person_id"].astype(str)
    for col in ("org", "city", "country"):
        if col not in s.columns:
            s[col] = None
    s["org"] = map_unique(s["org"], group_text)
    return s


def top_return_orgs(
    stages: pd.DataFrame, n: int = 20, returns: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Table 3 (left): the top `n` organisations of the return stage, with their city.

    One row per (org, city): the same name in two cities (institutes of one academy)
    stays apart. persons = returnees whose return stage is at the organisation; share
    = persons / all returnees. Ties go by name.
    """
    if "org" not in stages.columns:
        return empty_frame(RETURN_ORG_COLUMNS, _missing("org"))
    if stages.empty or "stage" not in stages.columns and "domestic" not in stages.columns:
        return empty_frame(RETURN_ORG_COLUMNS, "not available: needs the STAGES table")
    s = _stage_rows(stages)
    returns = find_returns(s) if returns is None else returns
    returns = returns[returns["returned"]]
    total = len(returns)
    if "seq" not in s.columns:
        return empty_frame(RETURN_ORG_COLUMNS, _missing("seq"))
    s["_seq"] = pd.to_numeric(s["seq"], errors="coerce").astype("Int64")
    keyed = returns[["person_id", "return_seq"]].merge(
        s[["person_id", "_seq", "org", "city", "country"]].drop_duplicates(["person_id", "_seq"]),
        left_on=["person_id", "return_seq"],
        right_on=["person_id", "_seq"],
        how="left",
    )
    keyed = keyed[keyed["org"].notna()]
    return _rank_orgs(keyed, ["org", "city", "country"], n, total, RETURN_ORG_COLUMNS)


def _rank_orgs(
    rows: pd.DataFrame, keys: list[str], n: int, total: int, columns: Sequence[str]
) -> pd.DataFrame:
    if rows.empty:
        return empty_frame(columns, "no organisation names in the data")
    frame = rows[keys + ["person_id"]].copy()
    for k in keys:
        frame[k] = frame[k].fillna("")
    counts = frame.drop_duplicates().groupby(keys).size().reset_index(name="persons")
    counts = counts.sort_values(["persons", *keys], ascending=[False] + [True] * len(keys))
    counts = counts.head(n).reset_index(drop=True)
    counts["rank"] = counts["persons"].rank(method="min", ascending=False).astype("int64")
    counts["share"] = counts["persons"] / total if total else np.nan
    counts["persons"] = counts["persons"].astype("int64")
    for k in keys:
        counts[k] = counts[k].replace("", None)
    return counts[list(columns)]


def top_overseas_orgs(stages: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """Table 3 (right): the top `n` overseas organisations, with country and city.

    persons = persons with at least one overseas stage at the organisation (each person
    once per organisation, e.g. a PhD and a postdoc at Harvard count once); share = of
    persons with any overseas stage. One row per (org, country, city).
    """
    for col in ("org", "domestic"):
        if col not in stages.columns:
            return empty_frame(OVERSEAS_ORG_COLUMNS, _missing(col))
    s = _stage_rows(stages)
    abroad = s[~is_domestic(s["domestic"])]
    total = abroad["person_id"].nunique()
    abroad = abroad[abroad["org"].notna()]
    return _rank_orgs(abroad, ["org", "country", "city"], n, total, OVERSEAS_ORG_COLUMNS)


# --------------------------------------------------------------------------- overseas


def parse_region_overrides(text: str | None) -> dict[str, str]:
    """'RU=Other; TR=Europe' -> {'RU': 'Other', 'TR': 'Europe'} (regions of ``REGIONS``)."""
    out: dict[str, str] = {}
    for part in re.split(r"[;,\n]+", text or ""):
        if not part.strip():
            continue
        if "=" not in part:
            raise BackflowInputError(
                "A region override is not ISO2=region",
                value=part.strip(),
                accepted="e.g. 'RU=Other; TR=Europe' with regions {regions}",
                regions=", ".join(REGIONS),
            )
        code, region = (x.strip() for x in part.split("=", 1))
        match = next((r for r in REGIONS if r.casefold() == region.casefold()), None)
        if match is None:
            raise BackflowInputError(
                "Unknown region in a region override", value=region, accepted=", ".join(REGIONS)
            )
        out[code.upper()] = match
    return out


def _region_of(iso2: pd.Series, countries: Countries, regions: dict[str, str] | None) -> pd.Series:
    region = countries.region_of(iso2)
    if regions:
        override = iso2.map(lambda v: regions.get(str(v).upper()))
        region = override.where(override.notna(), region)
    return region.fillna("Other")


def _abroad_countries(stages: pd.DataFrame, countries: Countries) -> tuple[pd.DataFrame, int]:
    s = stages[["person_id", "country", "domestic"]].copy()
    s["person_id"] = s["person_id"].astype(str)
    base = s["person_id"].nunique()
    s = s[~is_domestic(s["domestic"])]
    iso = countries.to_iso2(s["country"])
    s["iso2"] = iso.where(iso.notna(), map_unique(s["country"], group_text)).fillna("??")
    return s.drop_duplicates(["person_id", "iso2"]), base


def overseas_by_country(
    stages: pd.DataFrame, countries: Countries | None = None, regions: dict[str, str] | None = None
) -> pd.DataFrame:
    """Persons with at least one overseas stage in each country, as a share of all persons.

    Columns: country (ISO2; the raw value when unknown), name, region (the paper's
    grouping), persons, share. Sorted by persons, largest first.
    """
    for col in ("country", "domestic", "person_id"):
        if col not in stages.columns:
            return empty_frame(COUNTRY_COLUMNS, _missing(col))
    countries = countries or Countries.bundled()
    s, base = _abroad_countries(stages, countries)
    counts = s.groupby("iso2").size().reset_index(name="persons")
    counts = counts.sort_values(["persons", "iso2"], ascending=[False, True])
    out = pd.DataFrame(
        {
            "country": counts["iso2"].to_numpy(),
            "name": countries.name_of(counts["iso2"]).to_numpy(),
            "region": _region_of(counts["iso2"], countries, regions).to_numpy(),
            "persons": counts["persons"].astype("int64").to_numpy(),
        }
    )
    out["share"] = out["persons"] / base if base else np.nan
    return out[list(COUNTRY_COLUMNS)].reset_index(drop=True)


def overseas_by_region(
    stages: pd.DataFrame, countries: Countries | None = None, regions: dict[str, str] | None = None
) -> pd.DataFrame:
    """Persons with at least one overseas stage in each region, as a share of all persons.

    Regions in the paper's order (USA, UK, rest of Europe, Asia, Australia, other; a
    country the bundled table does not know counts as Other; `regions` overrides the
    bundled grouping per ISO2 code, e.g. {"RU": "Other"}). A person counts once
    per region (and in every region they stayed in). Columns: region (code), label,
    persons, share, base (all persons in the table). ``attrs["multi_region"]`` is
    the number of persons counted in more than one region.
    """
    for col in ("country", "domestic", "person_id"):
        if col not in stages.columns:
            return empty_frame(REGION_COLUMNS, _missing(col))
    countries = countries or Countries.bundled()
    s, base = _abroad_countries(stages, countries)
    s["region"] = _region_of(s["iso2"], countries, regions)
    per = s.drop_duplicates(["person_id", "region"])
    counts = per.groupby("region").size()
    out = pd.DataFrame({"region": list(REGIONS)})
    out["label"] = out["region"].map(REGION_LABELS)
    out["persons"] = [int(counts.get(r, 0)) for r in REGIONS]
    out["share"] = out["persons"] / base if base else np.nan
    out["base"] = int(base)
    multi = int((per.groupby("person_id").size() > 1).sum())
    out.attrs["multi_region"] = multi
    if multi:
        out.attrs["note"] = (
            f"{multi} persons stayed in more than one region and count in "
            "each: shares add up to more than 100 %"
        )
    return out[list(REGION_COLUMNS)]


# --------------------------------------------------------------------------- concentration


def return_city_counts(stages_or_routes: pd.DataFrame) -> pd.DataFrame:
    """Returnees per return city: rank, city_id, city, persons, share, cum_persons, cum_share.

    Sorted by persons (largest first), ties by city name.
    """
    if "person_id" not in stages_or_routes.columns:
        return empty_frame(CITY_COUNT_COLUMNS, _missing("person_id"))
    r = _returnees(person_table(stages_or_routes))
    if r.empty:
        return empty_frame(CITY_COUNT_COLUMNS, "no returnees")
    counts = (
        r.groupby("return_city_id")
        .agg(city=("return_city", "first"), persons=("person_id", "size"))
        .reset_index()
    )
    counts = counts.rename(columns={"return_city_id": "city_id"})
    counts = counts.sort_values(["persons", "city"], ascending=[False, True]).reset_index(drop=True)
    total = counts["persons"].sum()
    counts["rank"] = np.arange(1, len(counts) + 1)
    counts["share"] = counts["persons"] / total
    counts["cum_persons"] = counts["persons"].cumsum()
    counts["cum_share"] = counts["cum_persons"] / total
    return counts[list(CITY_COUNT_COLUMNS)]


def gini(values: Iterable[float]) -> float:
    """Gini coefficient of non-negative values (0: all equal; (n-1)/n: one takes all).

    G = sum_i sum_j |x_i - x_j| / (2 n^2 mean), computed on the sorted values as
    2 sum_i i x_(i) / (n sum x) - (n + 1) / n. NaN for no values or a zero sum.
    """
    x = np.sort(np.asarray(list(values), dtype=float))
    x = x[~np.isnan(x)]
    n = len(x)
    if n == 0 or x.sum() <= 0:
        return float("nan")
    if (x < 0).any():
        raise ValueError("gini needs non-negative values")
    i = np.arange(1, n + 1)
    return float(2.0 * np.sum(i * x) / (n * x.sum()) - (n + 1.0) / n)


def lorenz(values: Iterable[float]) -> pd.DataFrame:
    """Lorenz curve points: cities_share (0..1) and returns_share (0..1).

    Values sorted from smallest to largest; the first point is (0, 0), the last (1, 1).
    """
    x = np.sort(np.asarray(list(values), dtype=float))
    x = x[~np.isnan(x)]
    n = len(x)
    if n == 0 or x.sum() <= 0:
        return empty_frame(LORENZ_COLUMNS, "no values")
    return pd.DataFrame(
        {
            "cities_share": np.concatenate([[0.0], np.arange(1, n + 1) / n]),
            "returns_share": np.concatenate([[0.0], np.cumsum(x) / x.sum()]),
        }
    )


def concentration(returns: pd.DataFrame, k: int = 7) -> pd.DataFrame:
    """One row: k, top_k_persons, returnees, top_k_share, return_cities, gini, top_k_cities.

    `returns` is a STAGES or ROUTES table, or the output of :func:`return_city_counts`
    (a frame with ``city`` and ``persons``). top_k_cities names the k largest cities,
    '; '-joined (ties at rank k by name).
    """
    counts = returns if {"city", "persons"} <= set(returns.columns) else return_city_counts(returns)
    if counts.empty:
        return empty_frame(CONCENTRATION_COLUMNS, note_of(counts) or "no returnees")
    counts = counts.sort_values(["persons", "city"], ascending=[False, True])
    total = int(counts["persons"].sum())
    top = counts.head(k)
    out = pd.DataFrame(
        [
            {
                "k": int(k),
                "top_k_persons": int(top["persons"].sum()),
                "returnees": total,
                "top_k_share": top["persons"].sum() / total if total else np.nan,
                "return_cities": int(len(counts)),
                "gini": gini(counts["persons"]),
                "top_k_cities": "; ".join(map(str, top["city"])),
            }
        ]
    )
    return out[list(CONCENTRATION_COLUMNS)]


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
            _missing("tier") + " (run backflow:citynetwork to class the cities into tiers)",
        )
    c = cities.copy()
    c["_tier"] = pd.to_numeric(c["tier"], errors="coerce")
    c = c[c["_tier"].notna()]
    if c.empty:
        return empty_frame(TABLE4_COLUMNS, "not available: no city has a tier")
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
            patterns.SHARE_COLUMNS, _missing("pattern") + " (run backflow:routepatterns)"
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
            notes.append(_missing(col))
            continue
        tables.append(patterns.pattern_shares(routes, by=name).assign(by=col))
    out = pd.concat(tables, ignore_index=True)
    out["group"] = [group_text(v) for v in out["group"]]
    return with_note(out[list(patterns.SHARE_COLUMNS)], "; ".join(notes) or None)


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
        note = (
            "not available: no "
            + ", ".join(f"`{m}`" for m in absent)
            + " column"
            + ("s" if len(absent) > 1 else "")
            + (" (run backflow:citynetwork)" if not present else "")
        )
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


# --------------------------------------------------------------------------- the whole report


def file_sha256(path: str | Path, chunk: int = 1 << 20) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()


def build_report(
    stages: pd.DataFrame,
    cities: pd.DataFrame | None = None,
    routes: pd.DataFrame | None = None,
    subject: str | None = None,
    unit: str | None = None,
    top_n: int = 20,
    top_k: int = 7,
    breaks: Sequence[float] | dict | None = None,
    tier_measure: str | None = None,
    countries: Countries | None = None,
    regions: dict[str, str] | None = None,
    sources_options: dict | None = None,
    returns: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """Every table of the report, by key (the HTML section ids and the sink names).

    Keys: table1, table3_return, table3_overseas, overseas_countries, overseas_regions,
    return_cities, concentration, lorenz, table4, patterns, centrality. `subject` and
    `unit` default to detected columns (subject / 学科, unit_type / 单位类型).
    Without `routes`, routes are classified from `stages` (city level, first return).
    The source and trend tables of ``sources_trends.build_tables`` are added too
    (`sources_options`: its keyword arguments, e.g. periods, min_persons). `returns`:
    find_returns of `stages` when already found (else found where needed).
    """
    cols = list(stages.columns) + (list(routes.columns) if routes is not None else [])
    subject = subject or detect_column(cols, SUBJECT_CANDIDATES)
    unit = unit or detect_column(cols, UNIT_CANDIDATES)
    if routes is None or routes.empty or "pattern" not in routes.columns:
        routes = patterns.classify_routes(stages) if not stages.empty else routes
    persons_source = routes if routes is not None and not routes.empty else stages
    if (
        subject
        and subject not in persons_source.columns
        or unit
        and unit not in persons_source.columns
    ):
        persons_source = stages
    cities = cities if cities is not None else pd.DataFrame()
    city_counts = return_city_counts(persons_source)
    out = {
        "table1": table1(persons_source, subject=subject or "subject", unit=unit or "unit_type"),
        "table3_return": top_return_orgs(stages, top_n, returns),
        "table3_overseas": top_overseas_orgs(stages, top_n),
        "overseas_countries": overseas_by_country(stages, countries, regions),
        "overseas_regions": overseas_by_region(stages, countries, regions),
        "return_cities": city_counts,
        "concentration": concentration(city_counts, top_k),
        "lorenz": lorenz(city_counts["persons"])
        if len(city_counts)
        else empty_frame(LORENZ_COLUMNS),
        "table4": table4(cities, breaks=breaks, measure=tier_measure),
        "patterns": pattern_tables(
            routes if routes is not None else pd.DataFrame(), subject=subject or "subject"
        ),
        "centrality": top_by_measure(cities, n=10),
    }
    out["table1"].attrs["subject"] = subject
    out["table1"].attrs["unit"] = unit
    out.update(
        build_tables(
            stages,
            cities,
            routes,
            subject,
            unit,
            **{"top_n": top_n, **(sources_options or {})},
            returns=returns,
        )
    )
    return out
