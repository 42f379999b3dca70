"""Frames handed between the steps of one fullanalysis run, in memory.

fullanalysis keeps its child algorithms (every parameter the others add stays
reachable, and each child remains usable alone in the toolbox and the modeler), but
while it runs, every frame a child writes to a layer is also published here under
that layer's destination id. A later child given that same id as input takes the
frame instead of reading the layer back, feature by feature. The layers were written
by this run and nothing else touches them before it ends, so the frame is what the
layer holds. Outside a fullanalysis run nothing is published and every algorithm
reads its layers as before.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd

# Per thread: two runs at once (the panel and the toolbox) never see each other's
# frames. A run's children execute in its own thread; its deferred steps re-enter
# the same store in the main thread.
_local = threading.local()


def _stack() -> list[dict]:
    stack = getattr(_local, "stack", None)
    if stack is None:
        stack = _local.stack = []
    return stack


@contextmanager
def sharing(store: dict | None = None) -> Iterator[dict]:
    """Publish and look up frames while the block runs (re-enter with the same store)."""
    store = {} if store is None else store
    stack = _stack()
    stack.append(store)
    try:
        yield store
    finally:
        stack.remove(store)


def active() -> bool:
    return bool(_stack())


# One PostGIS table, as a sink destination and as a source Processing can load.
POSTGIS_PREFIX = "postgis:"
POSTGRES_PREFIX = "postgres://"


def _key(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        for prefix in (POSTGIS_PREFIX, POSTGRES_PREFIX):
            if value.startswith(prefix):
                return "postgres:" + value[len(prefix) :]
        return value or None
    layer_id = getattr(value, "id", None)  # a QgsMapLayer given directly
    return layer_id() if callable(layer_id) else None


def publish(destination, frame: pd.DataFrame, lon=None, lat=None) -> None:
    """Remember the frame written to `destination` (with point coordinates if any)."""
    key = _key(destination)
    stack = _stack()
    if key is None or not stack:
        return
    stack[-1][key] = (frame, lon, lat)


def take(value, points: bool = False) -> pd.DataFrame | None:
    """The frame written to the layer `value` in this run, or None (then read the layer).

    A shallow copy: the reader may add or replace columns without touching the
    published frame. With `points`, lon/lat columns as points_to_frame gives them.
    """
    key = _key(value)
    if key is None:
        return None
    found = next((s[key] for s in reversed(_stack()) if key in s), None)
    if found is None:
        return None
    frame, lon, lat = found
    if points and lon is None:
        return None
    out = frame.copy(deep=False)
    out.index = pd.RangeIndex(len(out))  # reset_index would copy every column (pandas < 3)
    if points:
        out["lon"], out["lat"] = lon, lat
    return out
