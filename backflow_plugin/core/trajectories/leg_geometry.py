"""Line geometry of legs, flows and person routes (flow_lines' parts, cached per session)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .flow_lines import GEODESIC, MAX_POINTS, Part, budget_max_points, flow_lines, join_legs

# --------------------------------------------------------------------------- geometry


def leg_lines(
    pairs: pd.DataFrame, cities: pd.DataFrame, kind: str = GEODESIC, max_points: int = 64
) -> dict[tuple, list[Part]]:
    """Line parts for each distinct (origin_id, dest_id) pair (geodesics of at most
    `max_points` segments, see geometry.budget_max_points)."""
    xy = cities.set_index("city_id")[["lon", "lat"]]
    origin, dest = _distinct_pairs(pairs["origin_id"], pairs["dest_id"])
    o = xy.loc[origin].to_numpy(float)
    d = xy.loc[dest].to_numpy(float)
    keys = list(zip(origin.tolist(), dest.tolist()))
    # The import, the route patterns and the regional flows draw the same pairs: each
    # distinct line is computed once per session (by its end points, so an own
    # gazetteer with other coordinates gets its own lines).
    coords = [(kind, max_points, *a, *b) for a, b in zip(o.tolist(), d.tolist())]
    todo = [i for i, c in enumerate(coords) if c not in _LINE_CACHE]
    if todo:
        made = flow_lines(
            o[todo, 0], o[todo, 1], d[todo, 0], d[todo, 1], kind, max_points=max_points
        )
        if len(_LINE_CACHE) + len(made) > _LINE_CACHE_SIZE:
            _LINE_CACHE.clear()
        _LINE_CACHE.update(zip((coords[i] for i in todo), made))
    fresh = dict(zip(todo, made)) if todo else {}
    return {
        k: fresh[i] if i in fresh else _LINE_CACHE[c] for i, (k, c) in enumerate(zip(keys, coords))
    }


def _distinct_pairs(origin: pd.Series, dest: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (origin, dest) pairs as two object arrays, in first-seen order (as
    drop_duplicates), found on integer codes: a million legs name a few thousand."""
    o_codes, o_uniq = pd.factorize(origin, use_na_sentinel=False)
    d_codes, d_uniq = pd.factorize(dest, use_na_sentinel=False)
    pair = o_codes.astype(np.int64) * max(len(d_uniq), 1) + d_codes
    _, first = np.unique(pd.factorize(pair)[0], return_index=True)
    o_uniq = np.asarray(o_uniq, dtype=object)
    d_uniq = np.asarray(d_uniq, dtype=object)
    return o_uniq[o_codes[first]], d_uniq[d_codes[first]]


def route_leg_lines(
    legs: pd.DataFrame, cities: pd.DataFrame, kind: str = GEODESIC, lines: dict | None = None
) -> tuple[dict[tuple, list[Part]], int]:
    """Leg lines for a layer of person routes within the vertex budget, and the cap used.

    `legs` holds one row per leg of every person (each route stores its own copy);
    `lines`, when given, are the full-detail lines, reused while the budget allows them.
    """
    cap = budget_max_points(len(legs))
    if kind != GEODESIC or (cap >= MAX_POINTS and lines is not None):
        return (lines if lines is not None else leg_lines(legs, cities, kind)), cap
    return leg_lines(legs, cities, kind, cap), cap


_LINE_CACHE: dict[tuple, list[Part]] = {}
_LINE_CACHE_SIZE = 50_000  # distinct lines kept (a few kB each)


def route_lines(
    stages: pd.DataFrame, lines: dict[tuple, list[Part]], cities: pd.DataFrame
) -> dict[str, list[Part]]:
    """One multi-part line per person through all stages in order (stages sorted by person, seq)."""
    xy = cities.set_index("city_id")[["lon", "lat"]]
    pids = stages["person_id"].to_numpy()
    ids = stages["city_id"].to_numpy()
    # A new person starts, or the city changes: consecutive repeats are one stop.
    new_person = np.ones(len(pids), dtype=bool)
    new_person[1:] = pids[1:] != pids[:-1]
    keep = new_person.copy()
    keep[1:] |= ids[1:] != ids[:-1]
    pids, ids, new_person = pids[keep], ids[keep].tolist(), new_person[keep]
    starts = np.flatnonzero(new_person).tolist()
    ends = starts[1:] + [len(ids)]
    out: dict[str, list[Part]] = {}
    # Persons with the same path share one line (the same object, so a writer can
    # build its geometry once).
    by_path: dict[tuple, list[Part]] = {}
    for a, b in zip(starts, ends):
        seq = tuple(ids[a:b])
        parts = by_path.get(seq)
        if parts is None:
            if len(seq) == 1:
                x, y = xy.loc[seq[0]]
                parts = [([float(x)], [float(y)])]
            else:
                parts = join_legs([lines[(o, d)] for o, d in zip(seq[:-1], seq[1:])])
            by_path[seq] = parts
        out[pids[a]] = parts
    return out
