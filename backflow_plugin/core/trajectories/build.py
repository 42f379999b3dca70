"""From a trajectory table to geocoded stages, flows, routes and cities.

Everything here is vectorised pandas; the only per-item Python work is on distinct
city names and distinct origin-destination pairs, never per row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from .. import schema
from ..errors import BackflowInputError, Cancelled
from ..frames import columns_frame
from ..messages import M
from ..places.countries import Countries
from ..places.gazetteer import Gazetteer
from ..schema import LEVEL_PREFECTURE
from ..tables.reshape import WideStage
from .geocode import FLAGS, HOME_BIRTH, check_level, flag_counts, geocode, place_levels
from .leg_geometry import leg_lines, route_leg_lines, route_lines
from .legs import (
    LEG_CATEGORIES,
    aggregate_flows,
    assign_phases,
    build_legs,
    compact_legs,
    phases_and_returns,
    summarise_cities,
    summarise_routes,
)
from .long_table import FieldMap, parse_years, to_long

# What other modules take from the import (each defined once, in the module named).
__all__ = [
    "FLAGS", "HOME_BIRTH", "LEG_CATEGORIES", "RESOLVING", "FieldMap", "ImportResult",
    "aggregate_flows", "assign_phases", "build_legs", "check_level", "compact_legs",
    "flag_counts", "geocode", "import_trajectories", "leg_lines", "parse_years", "phases_and_returns",
    "place_levels", "route_leg_lines", "route_lines", "summarise_cities",
    "summarise_routes", "to_long",
]  # fmt: skip


@dataclass
class ImportResult:
    stages: pd.DataFrame
    unresolved: pd.DataFrame
    flows: pd.DataFrame
    legs: pd.DataFrame
    cities: pd.DataFrame
    routes: pd.DataFrame
    attributes: list[str]
    counts: dict = field(default_factory=dict)
    returns: pd.DataFrame | None = None  # each person's return (find_returns), found once


ProgressFn = Callable[[float, str], None]


RESOLVING = "Resolving city names"  # the progress text of geocoding and its chunks


def _noop_progress(_: float, __: str = "") -> None:
    return None


# --------------------------------------------------------------------------- pipeline


def import_trajectories(
    frame: pd.DataFrame,
    fields: FieldMap,
    *,
    wide: list[WideStage] | None = None,
    home_country: str = schema.DEFAULT_HOME_COUNTRY,
    gazetteer: Gazetteer | None = None,
    countries: Countries | None = None,
    file_label: str = "input",
    progress: ProgressFn = _noop_progress,
    is_cancelled: Callable[[], bool] = lambda: False,
    level: str = LEVEL_PREFECTURE,
    aliases: pd.DataFrame | None = None,
    org_table: pd.DataFrame | None = None,
    accept_conflicts: bool = False,
) -> ImportResult:
    """The whole import: table -> stages, legs, flows, cities, routes, unresolved.

    ``level``: the node of a domestic stage, ``prefecture`` (default, as the paper) or
    ``county``; ``aliases``: ``core.places.aliases.read_aliases`` output; ``org_table``:
    ``core.places.orgs.org_table_from_frame`` output; ``accept_conflicts``: a place unique by
    name given with another country resolves (flag ``country_conflict``).
    """
    gazetteer = gazetteer or Gazetteer.bundled(should_stop=is_cancelled)
    countries = countries or Countries.bundled()
    if frame.empty:
        raise BackflowInputError(M("error.import.no_rows"), file=file_label)

    def check() -> None:
        if is_cancelled():
            raise Cancelled()

    def step(pct: float, text: str) -> None:
        check()
        progress(pct, text)

    step(5, "Reading the table")
    long, attrs, unresolved0 = to_long(frame, fields, wide=wide, file_label=file_label)
    check()
    stage_rows = len(long) + len(unresolved0)
    persons_in = len(set(long["person_id"]) | set(unresolved0["person_id"]))
    long["year"] = parse_years(long, file_label, fields.year)
    step(20, RESOLVING)
    stages, unresolved = geocode(
        long,
        gazetteer,
        countries,
        home_country,
        fields,
        file_label,
        level=level,
        aliases=aliases,
        org_table=org_table,
        accept_conflicts=accept_conflicts,
        should_stop=is_cancelled,
        # 20% to 60% over the chunks of distinct names
        progress=lambda done, total: progress(20 + 40 * done / max(total, 1), RESOLVING),
    )
    del long  # the long table is not needed past geocoding (GBs at 1M persons)
    stage_rows -= stages.attrs.get("dropped_rows", 0)
    unresolved = (
        pd.concat([unresolved0, unresolved], ignore_index=True) if len(unresolved0) else unresolved
    )
    unresolved = unresolved.sort_values("source_row", kind="stable").reset_index(drop=True)
    step(60, "Finding returns and flows")
    stages, returns = phases_and_returns(stages, check)
    check()
    legs, same_city = build_legs(stages)
    check()
    flows = aggregate_flows(legs)
    legs = compact_legs(legs)
    step(75, "Summarising cities and routes")
    cities = summarise_cities(stages, flows, gazetteer)
    check()
    routes = summarise_routes(stages, attrs)
    keep = [c for c in schema.STAGE_COLUMNS if c in stages.columns]
    extra = [
        "province",
        "city_input",
        "place_id",
        "county_id",
        "prefecture_id",
        "match",
        "flags",
        "ambiguous",
    ]
    # a frame of its own of the selected columns in one block per type (one copy, as
    # a selection by a list of names would make after consolidating the whole table):
    # every later step selects columns from it
    notes = dict(stages.attrs)  # kept, as a selection keeps them (dropped_rows)
    stages = columns_frame(
        {c: stages[c] for c in keep + extra + attrs},
        pd.RangeIndex(len(stages)),
        consolidated=True,
    )
    stages.attrs.update(notes)
    counts = {
        "persons": int(persons_in),
        "persons_located": int(stages["person_id"].nunique()),
        "stage_rows": int(stage_rows),
        "resolved_rows": int(len(stages)),
        "unresolved_rows": int(len(unresolved)),
        "ambiguous_rows": int(stages["ambiguous"].sum()),
        "same_city_steps": same_city,
        "legs": int(len(legs)),
        "flows": int(len(flows)),
        "cities": int(len(cities)),
        "returnees": int(routes["returned"].sum()),
        "level": check_level(level),
    }
    counts.update({f"{flag}_rows": n for flag, n in flag_counts(stages["flags"]).items()})
    if counts["resolved_rows"] + counts["unresolved_rows"] != counts["stage_rows"]:
        raise AssertionError(f"row accounting is off: {counts}")
    step(80, "Done")
    return ImportResult(stages, unresolved, flows, legs, cities, routes, attrs, counts, returns)
