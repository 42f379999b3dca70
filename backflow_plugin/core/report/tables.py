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
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..frames import empty_frame, note_of
from ..patterns import routes as patterns
from ..places.countries import Countries
from ..sources.combined import build_tables
from .concentration import (
    CITY_COUNT_COLUMNS,
    CONCENTRATION_COLUMNS,
    LORENZ_COLUMNS,
    concentration,
    gini,
    lorenz,
    return_city_counts,
)
from .organisations import (
    _ORG_TABLE_INPUT,
    OVERSEAS_ORG_COLUMNS,
    RETURN_ORG_COLUMNS,
    _stage_rows,
    top_overseas_orgs,
    top_return_orgs,
)
from .overseas import (
    COUNTRY_COLUMNS,
    REGION_COLUMNS,
    abroad_countries,
    overseas_by_country,
    overseas_by_region,
    parse_region_overrides,
)
from .persons import detect_column, person_table
from .table1 import SUBJECT_CANDIDATES, UNIT_CANDIDATES, table1
from .tier_tables import CENTRALITY_COLUMNS, TABLE4_COLUMNS, pattern_tables, table4, top_by_measure

# Each table is built in the module of its concern; they are named here too, so that
# ``report.tables`` stays the one place to reach every table from.
__all__ = [
    "CENTRALITY_COLUMNS",
    "CITY_COUNT_COLUMNS",
    "CONCENTRATION_COLUMNS",
    "COUNTRY_COLUMNS",
    "LORENZ_COLUMNS",
    "OVERSEAS_ORG_COLUMNS",
    "REGION_COLUMNS",
    "RETURN_ORG_COLUMNS",
    "SUBJECT_CANDIDATES",
    "TABLE4_COLUMNS",
    "UNIT_CANDIDATES",
    "_ORG_TABLE_INPUT",
    "_stage_rows",
    "build_report",
    "concentration",
    "detect_column",
    "file_sha256",
    "gini",
    "lorenz",
    "note_of",
    "overseas_by_country",
    "overseas_by_region",
    "parse_region_overrides",
    "pattern_tables",
    "person_table",
    "return_city_counts",
    "table1",
    "table4",
    "top_by_measure",
    "top_overseas_orgs",
    "top_return_orgs",
]

log = logging.getLogger("backflow")

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
    # one person table for Table 1 and the return cities (with Table 1's attributes)
    persons = None
    if "person_id" in persons_source.columns:
        wanted = (subject or "subject", unit or "unit_type")
        persons = person_table(persons_source, [c for c in wanted if c in persons_source])
    city_counts = return_city_counts(persons_source, persons)
    # the stage rows both organisation tables read, made once
    org_rows = (
        _stage_rows(stages)
        if {"org", "person_id"} <= set(stages.columns)
        and not stages.empty
        and ("stage" in stages.columns or "domestic" in stages.columns)
        else None
    )
    # the countries each person stayed in abroad, made once for both overseas tables
    abroad = (
        abroad_countries(stages, countries or Countries.bundled())
        if {"country", "domestic", "person_id"} <= set(stages.columns)
        else None
    )
    out = {
        "table1": table1(
            persons_source, subject=subject or "subject", unit=unit or "unit_type", persons=persons
        ),
        "table3_return": top_return_orgs(stages, top_n, returns, org_rows),
        "table3_overseas": top_overseas_orgs(stages, top_n, org_rows),
        "overseas_countries": overseas_by_country(stages, countries, regions, abroad),
        "overseas_regions": overseas_by_region(stages, countries, regions, abroad),
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
