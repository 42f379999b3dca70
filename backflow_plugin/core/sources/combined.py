"""The report's source and trend tables in one call (``report.build_report`` uses it).

Keys of the returned dict (the HTML sections and the algorithm's sinks read them):
``person_sources`` (one row per returnee: sources, attributes, tier, pattern),
``top_sources`` (last stay), ``top_sources_longest``, ``source_matrix``,
``sources_by_tier``, ``trends``, ``trend_years`` (year status counts) and, when two
periods are given, ``periods``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..disclosure.rules import MIN_PERSONS_DEFAULT
from ..patterns import routes as patterns
from ..vectorise import map_unique
from . import cities as sources
from . import trends
from .stage_keys import person_codes

TREND_BY = ("subject", "unit_type", "tier", "pattern")


def returnees(
    stages: pd.DataFrame,
    cities: pd.DataFrame | None = None,
    routes: pd.DataFrame | None = None,
    attributes: Sequence[str] = (),
    returns: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per returnee: ``sources.person_sources`` + attributes, tier, pattern.

    Attributes are each person's first non-missing value in STAGES. ``tier`` is the
    tier of the return city in `cities` (empty without one); ``pattern`` comes from
    `routes` (classified from STAGES when `routes` has none).
    """
    out = sources.person_sources(stages, returns)
    attributes = [a for a in dict.fromkeys(attributes) if a and a in stages.columns]
    if attributes and len(out):
        # grouped by the person's code without copying every column of STAGES
        code, persons = person_codes(stages["person_id"])
        firsts = stages[attributes].groupby(code, sort=False).first()  # row i: person i
        at = persons.get_indexer(out["person_id"])
        if (at >= 0).all() and not set(attributes) & set(out.columns):
            # each returnee's row taken by position (a join on the person's text, faster)
            out = out.join(firsts.iloc[at].set_axis(out.index))
        else:
            out = out.join(firsts.set_axis(persons), on="person_id")
    tiers = sources.tier_of(cities)
    if not tiers.empty:
        # once per return city, not per returnee
        out["tier"] = map_unique(
            out["return_city_id"],
            lambda c: _tier_text(tiers.get(str(c))) or sources.NO_TIER,
            na_value=sources.NO_TIER,
        ).to_numpy()
    if routes is None or routes.empty or "pattern" not in routes.columns:
        routes = patterns.classify_routes(stages) if not stages.empty else None
    if routes is not None and "pattern" in routes.columns:
        person = routes["person_id"].astype(str)
        first = ~person.duplicated().to_numpy()
        out["pattern"] = out["person_id"].map(
            routes["pattern"][first].set_axis(person[first].to_numpy())
        )
    return out


def _tier_text(value) -> str | None:
    try:
        return str(int(value)) if value is not None and not pd.isna(value) else None
    except (TypeError, ValueError):
        return None


def build_tables(
    stages: pd.DataFrame,
    cities: pd.DataFrame | None = None,
    routes: pd.DataFrame | None = None,
    subject: str | None = None,
    unit: str | None = None,
    periods: Sequence[tuple[int, int]] | None = None,
    year_range: tuple[int, int] | None = None,
    min_persons: int = MIN_PERSONS_DEFAULT,
    top_n: int = 20,
    n_return: int = 8,
    n_source: int = 10,
    returns: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """Every source and trend table (see the module docstring for the keys)."""
    people = returnees(stages, cities, routes, [subject, unit], returns)
    by = [c for c in (subject, unit) if c] + [
        c for c in ("tier", "pattern", "return_city") if c in people
    ]
    out = {
        "person_sources": people,
        "top_sources": sources.top_sources(people, "last", top_n, min_persons),
        "top_sources_longest": sources.top_sources(people, "longest", top_n, min_persons),
    }
    out["source_matrix"] = sources.source_return_matrix(
        people,
        "last",
        n_return,
        n_source,
        min_persons,
        top=out["top_sources"] if n_source <= top_n else None,  # its first n_source
    )
    out |= {
        "sources_by_tier": sources.sources_by_tier(people, cities, "last", 5, min_persons),
        "trends": trends.returns_by_year(
            people, by, year_range=year_range, min_persons=min_persons
        ),
        "trend_years": trends.year_status(people, year_range=year_range),
    }
    out["trends"].attrs["by"] = by
    if periods:
        out["periods"] = trends.compare_periods(
            people,
            periods,
            {
                "return city": ("return_city_id", "return_city"),
                "source city": ("last_city_id", "last_label"),
            },
            min_persons=min_persons,
        )
    for frame in out.values():
        frame.attrs["min_persons"] = min_persons
    return out
