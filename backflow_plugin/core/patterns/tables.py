"""What the routepatterns algorithm writes: the shares table, the person lines, the counts.

Pure pandas; no QGIS. core/patterns/routes.py classes the routes; this module shapes its results
into the tables and line parts that processing/route_patterns.py hands to the sinks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import BackflowInputError
from ..messages import M
from ..trajectories.build import leg_lines, route_leg_lines, route_lines
from ..trajectories.flow_lines import MAX_POINTS, Part
from .routes import (
    PATTERN_CIRCLE,
    PATTERN_LINEAR,
    PATTERN_ROUTE_COLUMNS,
    classify_routes,
    pattern_shares,
)


def with_seq(stages: pd.DataFrame) -> pd.DataFrame:
    """The stages with a ``seq`` column: file order within each person when there is none."""
    if "seq" in stages.columns:
        return stages
    out = stages.copy()
    out["seq"] = out.groupby(out["person_id"].astype(str)).cumcount() + 1
    return out


def person_patterns(stages: pd.DataFrame, persons: list[str] | None = None) -> dict[str, str]:
    """{person_id: 'circle' | 'linear'} of these persons (all when None), classified from
    their stages by the route patterns' own rules; a person who never returned is left
    out. For a map of persons' tracks drawn without the Route patterns output."""
    if persons is not None:
        wanted = {str(p) for p in persons}
        stages = stages[stages["person_id"].astype(str).isin(wanted)]
    routes = classify_routes(with_seq(stages))
    return {
        str(pid): pattern
        for pid, pattern in zip(routes["person_id"], routes["pattern"])
        if pattern in (PATTERN_CIRCLE, PATTERN_LINEAR)
    }


@dataclass
class Places:
    cities: pd.DataFrame  # city_id, lon, lat of every city with a point
    placed: pd.DataFrame  # the stages at one of those cities
    left_out: int  # stages without a point


def stage_places(stages: pd.DataFrame) -> Places:
    """Each city's point (its first stage's), and the stages that have one."""
    cities = stages.groupby("city_id", sort=False)[["lon", "lat"]].first().reset_index()
    cities = cities.dropna(subset=["lon", "lat"])
    has_point = stages["city_id"].isin(cities["city_id"])
    # all placed (the usual case): the table itself, not a copy (GBs at a million persons)
    placed = stages if has_point.all() else stages[has_point]
    return Places(cities, placed, len(stages) - len(placed))


def person_lines(
    stages: pd.DataFrame,
    cities: pd.DataFrame,
    kind: str,
    on_budget: Callable[[int, int], None] | None = None,
) -> dict[str, list[Part]]:
    """One multi-part line per person through all stages, in life-course order (seq, then
    file order). Geodesic legs keep within the route vertex budget (route_leg_lines);
    `on_budget(legs, segments)` hears the cap used."""
    # the two columns the lines need, not a copy of the whole stage table, in (person,
    # seq, file) order: sorted on the ids' ranks (a missing id last, as sort_values)
    person = stages["person_id"].to_numpy()
    rank, _ = pd.factorize(person, sort=True)
    rank = np.where(rank < 0, rank.max(initial=-1) + 1, rank)
    order = pd.to_numeric(stages["seq"], errors="coerce").to_numpy(dtype=float)
    sort = np.lexsort((np.arange(len(person)), order, rank))
    person, city = person[sort], stages["city_id"].to_numpy()[sort]
    s = pd.DataFrame({"person_id": person, "city_id": city})
    # the next stage's city, of the same person (as a groupby shift: no missing id)
    nxt = np.full(len(city), None, dtype=object)
    same = np.zeros(len(city), dtype=bool)
    same[:-1] = (rank[sort][1:] == rank[sort][:-1]) & pd.notna(person[:-1])
    nxt[:-1][same[:-1]] = city[1:][same[:-1]]
    differ = np.ones(len(city), dtype=bool)  # as Series.ne: a missing city differs
    both = pd.notna(nxt) & pd.notna(city)
    differ[both] = nxt[both] != city[both]
    move = same & pd.notna(nxt) & differ
    pairs = pd.DataFrame({"origin_id": city[move], "dest_id": nxt[move]})
    lines, cap = route_leg_lines(pairs, cities, kind) if len(pairs) else ({}, MAX_POINTS)
    if on_budget is not None:
        on_budget(len(pairs), cap)
    return route_lines(s, lines, cities)


def flow_lines(flows: pd.DataFrame, cities: pd.DataFrame, kind: str) -> dict[tuple, list[Part]]:
    """Line parts of the flows whose both ends have a point, by (origin_id, dest_id)."""
    known = set(cities["city_id"])
    pairs = flows[flows["origin_id"].isin(known) & flows["dest_id"].isin(known)]
    return leg_lines(pairs, cities, kind) if len(pairs) else {}


def _group_text(value) -> str | None:
    """A group value as text: 2012.0 -> '2012', missing -> None."""
    if value is None or pd.isna(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def person_attributes(routes: pd.DataFrame) -> list[str]:
    """The person attributes the routes carry (fields constant within each person)."""
    return [c for c in routes.columns if c not in PATTERN_ROUTE_COLUMNS]


def shares_table(routes: pd.DataFrame, group: str | None = None) -> pd.DataFrame:
    """Circle / linear shares overall, by return year and by the person attribute `group`,
    stacked (the group value as text).

    A `group` that is also a route column (e.g. a stage field named like one) is read from
    its ``<group>_attr`` copy. A field that changes from stage to stage is no person
    attribute: BackflowInputError naming the accepted ones.
    """
    tables = [pattern_shares(routes), pattern_shares(routes, by="return_year")]
    if group:
        column = f"{group}_attr" if group in PATTERN_ROUTE_COLUMNS else group
        if column not in routes.columns:
            raise BackflowInputError(
                M("error.patterns.not_person_attribute"),
                column=group,
                accepted=", ".join(person_attributes(routes)) or "none in this layer",
            )
        tables.append(pattern_shares(routes, by=column).assign(by=group))
    for t in tables:
        t["group"] = [_group_text(v) for v in t["group"]]
    return pd.concat(tables, ignore_index=True)


@dataclass
class PatternCounts:
    persons: int
    circle: int
    linear: int
    none: int  # persons without a pattern
    share: float | None  # circle / (circle + linear)
    reasons: list[tuple[str, int]]  # why persons have no pattern, most first
    bases: list[tuple[str, int]]  # circle routes by primary basis, most first


def pattern_counts(routes: pd.DataFrame) -> PatternCounts:
    counts = routes["pattern"].value_counts()
    circle = int(counts.get(PATTERN_CIRCLE, 0))
    linear = int(counts.get(PATTERN_LINEAR, 0))
    return PatternCounts(
        persons=len(routes),
        circle=circle,
        linear=linear,
        none=int(routes["pattern"].isna().sum()),
        share=circle / (circle + linear) if circle + linear else None,
        reasons=[(str(r), int(n)) for r, n in routes["reason"].value_counts().items()],
        bases=[(str(b), int(n)) for b, n in routes["circle_basis_primary"].value_counts().items()],
    )
