"""Geometries as WKB and GeoPackage blobs, built column-wise with numpy (no QGIS).

The fast file writer (processing/fast_sinks.py) inserts these bytes straight into a
GeoPackage table, so no QgsGeometry or OGR geometry object is made per feature.
Points get one fixed-size record per row; lines are built once per distinct parts
object (persons with the same path share one, see trajectories.route_lines).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence

import numpy as np

from ..trajectories.flow_lines import Part

WKB_POINT = 1
WKB_LINESTRING = 2
WKB_MULTILINESTRING = 5

# GeoPackage binary header: magic "GP", version 0, flags, srs id. Flags 0x01: little
# endian, no envelope (allowed by the standard; readers take the extent from the rtree).
_GP_FLAGS = 0x01

_POINT_ROW = np.dtype(
    [
        ("magic", "S2"),
        ("version", "u1"),
        ("flags", "u1"),
        ("srs", "<i4"),
        ("order", "u1"),
        ("type", "<u4"),
        ("x", "<f8"),
        ("y", "<f8"),
    ]
)


def gpkg_header(srs_id: int = 4326) -> bytes:
    return b"GP" + struct.pack("<BBi", 0, _GP_FLAGS, srs_id)


def point_blobs(lon, lat, srs_id: int = 4326) -> list[bytearray | None]:
    """GeoPackage point blobs for arrays of lon/lat (None where either is missing).

    Blobs here are bytearrays: sqlite3 binds a bytearray at once, while for bytes it
    first looks for an adapter (twice the time, a second per million rows)."""
    x = np.asarray(lon, dtype="float64")
    y = np.asarray(lat, dtype="float64")
    rows = np.zeros(len(x), dtype=_POINT_ROW)
    rows["magic"], rows["flags"], rows["srs"] = b"GP", _GP_FLAGS, srs_id
    rows["order"], rows["type"], rows["x"], rows["y"] = 1, WKB_POINT, x, y
    raw = bytearray(rows.tobytes())
    size = _POINT_ROW.itemsize
    out: list[bytearray | None] = [raw[i : i + size] for i in range(0, len(raw), size)]
    for i in np.flatnonzero(np.isnan(x) | np.isnan(y)).tolist():
        out[i] = None
    return out


def multiline_wkb(parts: Sequence[Part]) -> bytes:
    """WKB of a MultiLineString; a one-vertex part becomes a degenerate two-vertex line."""
    chunks = [struct.pack("<BII", 1, WKB_MULTILINESTRING, len(parts))]
    for xs, ys in parts:
        if len(xs) == 1:  # a person who never moved: a line at the city (as line_geometry)
            xs, ys = [xs[0], xs[0]], [ys[0], ys[0]]
        xy = np.empty((len(xs), 2), dtype="<f8")
        xy[:, 0], xy[:, 1] = xs, ys
        chunks.append(struct.pack("<BII", 1, WKB_LINESTRING, len(xs)))
        chunks.append(xy.tobytes())
    return b"".join(chunks)


def parts_bounds(parts: Sequence[Part]) -> tuple[float, float, float, float]:
    """(minx, maxx, miny, maxy) of all vertices, the order of a GeoPackage rtree row."""
    # plain min/max: the parts are short Python lists, numpy's call cost would dominate
    return (
        float(min(min(p[0]) for p in parts)),
        float(max(max(p[0]) for p in parts)),
        float(min(min(p[1]) for p in parts)),
        float(max(max(p[1]) for p in parts)),
    )


def line_blobs(
    parts_of: Callable[[int], Sequence[Part] | None], count: int, srs_id: int = 4326
) -> tuple[list[bytearray | None], np.ndarray]:
    """GeoPackage MultiLineString blobs for rows 0..count-1 and their bounds (n x 4, NaN
    where a row has no line). Each distinct parts object is encoded once."""
    header = gpkg_header(srs_id)
    made: dict[int, tuple] = {}
    blobs: list[bytearray | None] = []
    bounds = np.full((count, 4), np.nan)
    for i in range(count):
        parts = parts_of(i)
        if not parts:
            blobs.append(None)
            continue
        hit = made.get(id(parts))
        if hit is None or hit[0] is not parts:  # keep the object: its id stays unique
            blob = bytearray(header + multiline_wkb(parts))
            hit = made[id(parts)] = (parts, blob, parts_bounds(parts))
        blobs.append(hit[1])
        bounds[i] = hit[2]
    return blobs, bounds


def point_bounds(lon, lat) -> np.ndarray:
    """Bounds rows (minx, maxx, miny, maxy) of points."""
    x = np.asarray(lon, dtype="float64")
    y = np.asarray(lat, dtype="float64")
    return np.column_stack([x, x, y, y])
