"""Flow-line coordinates in WGS 84: straight, geodesic (great circle) or curved arcs.

A line is a list of parts; each part is a pair of coordinate lists (lons, lats).
Geodesic lines are split where they cross the antimeridian so that a
trans-Pacific flow does not streak across the whole map.
"""

from __future__ import annotations

import math

import numpy as np

STRAIGHT, GEODESIC, ARC = "straight", "geodesic", "arc"
GEOMETRY_KINDS = (STRAIGHT, GEODESIC, ARC)
EARTH_RADIUS_KM = 6371.0088

Part = tuple[list[float], list[float]]

# Densified geodesic lines: one vertex every STEP_KM, at most MAX_POINTS segments a leg.
STEP_KM = 150.0
MAX_POINTS = 64
# Vertices a layer of person routes may hold (every person stores its own copy of each
# leg): 4 million vertices are 64 MB of coordinates. Above it the legs get fewer.
ROUTE_VERTEX_BUDGET = 4_000_000


def budget_max_points(legs: int, budget: int = ROUTE_VERTEX_BUDGET) -> int:
    """Segments allowed per geodesic leg so `legs` legs stay within `budget` vertices.

    The rule (docs/scale.md): a leg has ceil(length / 150 km) segments, at most 64, so a
    leg under 150 km is a straight 2-vertex line. When legs x 65 vertices would pass the
    budget, the cap becomes budget // legs - 3 segments (a line cut at the antimeridian
    gains 2 vertices), never under 1 (a straight line). From budget / 4 legs on every leg
    is straight; the budget holds up to about budget / 2 legs, then grows with them.
    """
    if legs <= 0:
        return MAX_POINTS
    return int(max(1, min(MAX_POINTS, budget // legs - 3)))


def great_circle_km(lon1, lat1, lon2, lat2):
    """Haversine distance in km (works on scalars and numpy arrays)."""
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def haversine_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """great_circle_km on plain float arrays (degrees; no pandas index alignment)."""
    return great_circle_km(*(np.asarray(v, dtype=float) for v in (lon1, lat1, lon2, lat2)))


def _geodesic_points(lon1, lat1, lon2, lat2, step_km: float, max_points: int):
    dist = float(great_circle_km(lon1, lat1, lon2, lat2))
    n = int(min(max(math.ceil(dist / step_km), 1), max_points))
    if dist == 0.0:
        return np.array([lon1, lon2]), np.array([lat1, lat2])
    # Spherical linear interpolation of unit vectors.
    p1 = _unit(lon1, lat1)
    p2 = _unit(lon2, lat2)
    omega = math.acos(max(-1.0, min(1.0, float(np.dot(p1, p2)))))
    t = np.linspace(0.0, 1.0, n + 1)
    if omega < 1e-12:
        pts = np.outer(1 - t, p1) + np.outer(t, p2)
    else:
        pts = (np.outer(np.sin((1 - t) * omega), p1) + np.outer(np.sin(t * omega), p2)) / math.sin(
            omega
        )
    lons = np.degrees(np.arctan2(pts[:, 1], pts[:, 0]))
    lats = np.degrees(np.arcsin(np.clip(pts[:, 2] / np.linalg.norm(pts, axis=1), -1, 1)))
    lons[0], lats[0], lons[-1], lats[-1] = lon1, lat1, lon2, lat2
    return lons, lats


def _unit(lon, lat):
    lo, la = math.radians(lon), math.radians(lat)
    return np.array([math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)])


def split_antimeridian(lons: np.ndarray, lats: np.ndarray) -> list[Part]:
    """Cut a polyline where consecutive longitudes jump across ±180°."""
    parts: list[Part] = []
    cur_x, cur_y = [float(lons[0])], [float(lats[0])]
    for i in range(1, len(lons)):
        x0, y0, x1, y1 = float(lons[i - 1]), float(lats[i - 1]), float(lons[i]), float(lats[i])
        if abs(x1 - x0) > 180.0:
            # Interpolate the crossing latitude with x1 shifted to x0's side.
            x1s = x1 + 360.0 if x1 < x0 else x1 - 360.0
            edge = 180.0 if x1s > 180.0 else -180.0
            f = (edge - x0) / (x1s - x0) if x1s != x0 else 0.5
            y_cross = y0 + f * (y1 - y0)
            cur_x.append(edge)
            cur_y.append(y_cross)
            parts.append((cur_x, cur_y))
            cur_x, cur_y = [-edge], [y_cross]
        cur_x.append(x1)
        cur_y.append(y1)
    parts.append((cur_x, cur_y))
    return parts


def arc_points(lon1, lat1, lon2, lat2, bend: float = 0.2, n: int = 24):
    """A quadratic Bézier bent to the left of the direction of travel.

    A->B and B->A bend to opposite sides, so two-way flows don't overlap.
    """
    dx, dy = lon2 - lon1, lat2 - lat1
    mx, my = (lon1 + lon2) / 2, (lat1 + lat2) / 2
    cx, cy = mx - dy * bend, my + dx * bend
    t = np.linspace(0.0, 1.0, n + 1)
    xs = (1 - t) ** 2 * lon1 + 2 * (1 - t) * t * cx + t**2 * lon2
    ys = (1 - t) ** 2 * lat1 + 2 * (1 - t) * t * cy + t**2 * lat2
    return xs, ys


def flow_line(
    lon1: float,
    lat1: float,
    lon2: float,
    lat2: float,
    kind: str = GEODESIC,
    step_km: float = 150.0,
    max_points: int = 64,
) -> list[Part]:
    """Coordinates of one flow line from (lon1, lat1) to (lon2, lat2)."""
    if kind == STRAIGHT:
        return [([lon1, lon2], [lat1, lat2])]
    if kind == ARC:
        # The shorter way round (Beijing -> San Francisco over the Pacific, not Europe),
        # then back into -180..180 and cut there.
        lon2_near = lon1 + ((lon2 - lon1 + 540.0) % 360.0 - 180.0)
        xs, ys = arc_points(lon1, lat1, lon2_near, lat2)
        xs = (xs + 540.0) % 360.0 - 180.0
        xs[0], xs[-1] = lon1, lon2
        return split_antimeridian(xs, ys)
    if kind == GEODESIC:
        xs, ys = _geodesic_points(lon1, lat1, lon2, lat2, step_km, max_points)
        return split_antimeridian(xs, ys)
    raise ValueError(f"unknown geometry kind {kind!r}; expected one of {GEOMETRY_KINDS}")


def flow_lines(
    lon1,
    lat1,
    lon2,
    lat2,
    kind: str = GEODESIC,
    step_km: float = 150.0,
    max_points: int = 64,
) -> list[list[Part]]:
    """`flow_line` for many lines at once: numpy over all their vertices together.

    Thousands of origin-destination pairs cost one array computation instead of one
    Python call each; only the few lines that cross the antimeridian are cut in Python.
    """
    x1, y1, x2, y2 = (np.asarray(v, dtype=float).ravel() for v in (lon1, lat1, lon2, lat2))
    if kind not in GEOMETRY_KINDS:
        raise ValueError(f"unknown geometry kind {kind!r}; expected one of {GEOMETRY_KINDS}")
    if len(x1) == 0:
        return []
    if kind == STRAIGHT:
        return [[([a, c], [b, d])] for a, b, c, d in zip(*(v.tolist() for v in (x1, y1, x2, y2)))]
    if kind == ARC:
        n = np.full(len(x1), 24)
    else:
        dist = great_circle_km(x1, y1, x2, y2)
        n = np.clip(np.ceil(dist / step_km), 1, max_points).astype(int)
        n[dist == 0.0] = 1
    line = np.repeat(np.arange(len(x1)), n + 1)
    starts = np.r_[0, np.cumsum(n + 1)[:-1]]
    t = (np.arange(len(line)) - starts[line]) / n[line]
    if kind == ARC:  # the shorter way round, back into -180..180 (as flow_line)
        x2n = x1 + ((x2 - x1 + 540.0) % 360.0 - 180.0)
        xs, ys = _arc_vertices(x1[line], y1[line], x2n[line], y2[line], t)
        xs = (xs + 540.0) % 360.0 - 180.0
    else:
        xs, ys = _slerp_vertices(x1, y1, x2, y2, line, t)
    ends = starts + n
    xs[starts], ys[starts], xs[ends], ys[ends] = x1, y1, x2, y2
    cut = np.zeros(len(x1), dtype=bool)
    if kind in (GEODESIC, ARC):
        jump = np.abs(np.diff(xs)) > 180.0
        jump &= line[1:] == line[:-1]
        cut[line[1:][jump]] = True
    bounds = np.r_[starts, len(line)].tolist()
    xl, yl, cut = xs.tolist(), ys.tolist(), cut.tolist()
    out: list[list[Part]] = []
    for i in range(len(x1)):
        a, b = bounds[i], bounds[i + 1]
        if cut[i]:
            out.append(_split_fast(xs[a:b], ys[a:b]))
        else:
            out.append([(xl[a:b], yl[a:b])])
    return out


def _split_fast(lons: np.ndarray, lats: np.ndarray) -> list[Part]:
    """`split_antimeridian` with the crossings found by numpy (same result)."""
    jumps = np.flatnonzero(np.abs(np.diff(lons)) > 180.0)
    x0, y0, x1, y1 = lons[jumps], lats[jumps], lons[jumps + 1], lats[jumps + 1]
    x1s = np.where(x1 < x0, x1 + 360.0, x1 - 360.0)
    edge = np.where(x1s > 180.0, 180.0, -180.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        f = np.where(x1s != x0, (edge - x0) / (x1s - x0), 0.5)
    y_cross = (y0 + f * (y1 - y0)).tolist()
    edge, cuts = edge.tolist(), (jumps + 1).tolist()
    xl, yl = lons.tolist(), lats.tolist()
    parts: list[Part] = []
    start, head_x, head_y = 0, [], []
    for k, c in enumerate(cuts):
        parts.append((head_x + xl[start:c] + [edge[k]], head_y + yl[start:c] + [y_cross[k]]))
        start, head_x, head_y = c, [-edge[k]], [y_cross[k]]
    parts.append((head_x + xl[start:], head_y + yl[start:]))
    return parts


def _arc_vertices(x1, y1, x2, y2, t, bend: float = 0.2):
    """The Bézier of `arc_points`, per vertex."""
    cx = (x1 + x2) / 2 - (y2 - y1) * bend
    cy = (y1 + y2) / 2 + (x2 - x1) * bend
    u = 1 - t
    return u**2 * x1 + 2 * u * t * cx + t**2 * x2, u**2 * y1 + 2 * u * t * cy + t**2 * y2


def _slerp_vertices(x1, y1, x2, y2, line, t):
    """Great-circle vertices: spherical interpolation of unit vectors, per vertex."""
    p1, p2 = _units(x1, y1), _units(x2, y2)
    omega = np.arccos(np.clip(np.einsum("ij,ij->i", p1, p2), -1.0, 1.0))
    small = omega < 1e-12
    sin_o = np.where(small, 1.0, np.sin(omega))
    om, so = omega[line], sin_o[line]
    a = np.where(small[line], 1 - t, np.sin((1 - t) * om) / so)
    b = np.where(small[line], t, np.sin(t * om) / so)
    pts = a[:, None] * p1[line] + b[:, None] * p2[line]
    lons = np.degrees(np.arctan2(pts[:, 1], pts[:, 0]))
    lats = np.degrees(np.arcsin(np.clip(pts[:, 2] / np.linalg.norm(pts, axis=1), -1, 1)))
    return lons, lats


def _units(lon, lat):
    lo, la = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def join_legs(legs: list[list[Part]]) -> list[Part]:
    """Chain legs into one multi-part line, merging parts that meet end to start."""
    out: list[Part] = []
    for leg in legs:
        for xs, ys in leg:
            if out and out[-1][0][-1] == xs[0] and out[-1][1][-1] == ys[0]:
                out[-1][0].extend(xs[1:])
                out[-1][1].extend(ys[1:])
            else:
                out.append((list(xs), list(ys)))
    return out


def best_central_meridian(
    lon1, lon2, weights=None, preferred: float = 150.0, step: float = 15.0, allowed=None
) -> float:
    """The central meridian of a world map that cuts the fewest flows.

    A flow is cut when the shorter way between its two longitudes passes the map's
    edge (the central meridian + 180°); it would then have to be drawn the long way
    round. Among equally good meridians the one nearest `preferred` wins (150°E puts
    China in the middle and the Americas on the right). `allowed(lon_0)`, if given,
    rules meridians out (e.g. those whose edge would split a continent).
    """
    a = np.asarray(lon1, dtype=float)
    b = np.asarray(lon2, dtype=float)
    w = np.ones_like(a) if weights is None else np.asarray(weights, dtype=float)
    delta = (b - a + 540.0) % 360.0 - 180.0  # signed shorter way, -180..180
    start = np.where(delta >= 0, a, a + delta)  # the westerly end of the shorter way
    width = np.abs(delta)
    best, best_cost, best_gap = preferred, np.inf, np.inf
    for lon_0 in np.arange(-180.0, 180.0, step):
        if allowed is not None and not allowed(float(lon_0)):
            continue
        seam = lon_0 + 180.0
        cut = ((seam - start) % 360.0) < width
        cost = float(w[cut].sum())
        gap = abs((lon_0 - preferred + 180.0) % 360.0 - 180.0)
        if cost < best_cost or (cost == best_cost and gap < best_gap):
            best, best_cost, best_gap = float(lon_0), cost, gap
    return best
