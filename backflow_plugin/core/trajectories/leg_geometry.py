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
    pids, ids, new_person = pids[keep], ids[keep], new_person[keep]
    starts = np.flatnonzero(new_person)
    if not len(starts):
        return {}
    # Persons with the same path share one line (the same object, so a writer can
    # build its geometry once): each distinct path found on integer codes, its line
    # made once.
    codes, uniq = pd.factorize(ids, use_na_sentinel=False)
    uniq = np.asarray(uniq, dtype=object).tolist()
    ends = np.append(starts[1:], len(ids))
    path_code = _path_codes(codes, starts, ends, len(uniq))
    _, first = np.unique(path_code, return_index=True)
    parts_of = []
    for a, b in zip(starts[first].tolist(), ends[first].tolist()):
        seq = [uniq[c] for c in codes[a:b].tolist()]
        if len(seq) == 1:
            x, y = xy.loc[seq[0]]
            parts_of.append([([float(x)], [float(y)])])
        else:
            parts_of.append(join_legs([lines[(o, d)] for o, d in zip(seq[:-1], seq[1:])]))
    return dict(zip(pids[starts].tolist(), [parts_of[c] for c in path_code.tolist()]))


def _path_codes(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, n_codes: int):
    """A code per path (the run codes[start:end] of each person), equal for equal paths.

    Built stop by stop: each round combines the code so far with the next stop of the
    paths that have one (work in all: one step per stop, never per path and length).
    """
    lengths = ends - starts
    path = np.zeros(len(starts), dtype=np.int64)
    alive = np.arange(len(starts))
    step = 0
    while len(alive):
        alive = alive[lengths[alive] > step]
        if not len(alive):
            break
        stop = codes[starts[alive] + step].astype(np.int64)
        # new codes above every code in use, so a path that ended keeps its own
        path[alive] = pd.factorize(path[alive] * n_codes + stop)[0] + path.max() + 1
        step += 1
    return pd.factorize(path)[0]
