"""Two-way flows drawn apart.

A flow A->B and its reverse B->A share one great circle, so on a map the second hides
the first. Pairs that run both ways are bent apart: each line is pushed sideways by a
sine-shaped bulge (zero at the ends, largest at the middle) to the left of its own
direction of travel, so the two directions sit symmetrically either side of the
great circle. One-way flows keep their geodesic shape.

Works on projected (map) coordinates, so the bulge is the same on the page whatever
the latitude. Pure Python: no QGIS.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable

TWO_WAY_BEND = 0.08  # the bulge at the middle, as a share of the ends' distance


def two_way_keys(pairs: Iterable[tuple[Hashable, Hashable]]) -> set[tuple[Hashable, Hashable]]:
    """The (origin, dest) pairs whose reverse is also present (both directions kept)."""
    seen = {(a, b) for a, b in pairs if a != b}
    return {(a, b) for a, b in seen if (b, a) in seen}


def bend_left(
    points: list[tuple[float, float]], bend: float = TWO_WAY_BEND
) -> list[tuple[float, float]]:
    """The line pushed left of its direction of travel by a sine bulge of
    `bend` x (distance between its ends) at the middle; the ends stay put.

    The bulge is spread along the line by cumulative length, so densified lines
    (great circles) bend smoothly; a two-point line gets intermediate vertices."""
    if len(points) < 2:
        return list(points)
    (x0, y0), (x1, y1) = points[0], points[-1]
    chord = math.hypot(x1 - x0, y1 - y0)
    if chord == 0 or bend == 0:
        return list(points)
    if len(points) == 2:
        n = 24
        points = [(x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n) for i in range(n + 1)]
    # left normal of the chord (travel direction rotated +90°)
    nx, ny = -(y1 - y0) / chord, (x1 - x0) / chord
    lengths = [0.0]
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        lengths.append(lengths[-1] + math.hypot(bx - ax, by - ay))
    total = lengths[-1] or 1.0
    out = []
    for (x, y), s in zip(points, lengths):
        offset = bend * chord * math.sin(math.pi * s / total)
        out.append((x + nx * offset, y + ny * offset))
    out[0], out[-1] = points[0], points[-1]
    return out
