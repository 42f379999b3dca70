"""One-dimensional classification: natural breaks, head/tail breaks, quantiles.

Pure Python + numpy; no QGIS. Used to sort cities into tiers by a centrality measure.

Conventions shared by every function here
-----------------------------------------
Breaks
    A list of class **upper bounds**, ascending, one per class, as QGIS reports them
    (``QgsClassificationMethod`` upper values). Class 0 is ``[min, breaks[0]]``, class
    ``i`` is ``(breaks[i-1], breaks[i]]``; the last break is the maximum of the data.
    The lower bound of class 0 (the minimum) is not part of the list.
Missing values
    NaN and ``None`` are dropped before computing breaks (infinite values are refused
    with a ``ValueError``: no class could hold them). An input without a single valid
    value gives ``[]``.
Ties and few values
    Equal values always fall in the same class. When the data has no more distinct
    values than the classes asked for, each distinct value becomes its own class, so
    fewer classes than ``k`` come back: callers must read ``len(breaks)``.
Class index
    :func:`classify` returns 0-based indexes, 0 = the lowest class; NaN -> ``None``.
    A value above the last break falls in the last class, one below the minimum in
    class 0 (breaks computed on other data can be applied to new values).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

__all__ = [
    "class_index",
    "classify",
    "fisher_jenks",
    "goodness_of_variance_fit",
    "head_tail_breaks",
    "quantile_breaks",
    "sum_squared_deviations",
]


def _clean(values: Iterable) -> np.ndarray:
    """The valid values as a float array (NaN / None dropped, inf refused)."""
    arr = np.asarray(
        [np.nan if v is None else v for v in values]
        if not isinstance(values, np.ndarray)
        else values,
        dtype=float,
    ).ravel()
    arr = arr[~np.isnan(arr)]
    if np.isinf(arr).any():
        raise ValueError("cannot classify infinite values")
    return arr


def _check_k(k: int) -> int:
    if isinstance(k, bool) or int(k) != k or k < 1:
        raise ValueError(f"the number of classes must be a whole number >= 1, got {k!r}")
    return int(k)


def fisher_jenks(values: Iterable, k: int) -> list[float]:
    """Natural breaks by Fisher's exact optimisation (the Fisher–Jenks algorithm).

    Finds the partition of the sorted values into ``k`` contiguous classes that
    minimises the sum of squared deviations from the class means (SDCM) -- the exact
    optimum, not Jenks' iterative approximation and not a sample: every value is used.

    Dynamic programming over the distinct values weighted by their counts, so ties
    never straddle a break (an optimal partition that keeps equal values together
    always exists, so nothing is lost): ``cost[j][i]`` is the least SDCM of the first
    ``i`` distinct values in ``j`` classes. O(k·m²) time for m distinct values,
    vectorised per cell row; a few thousand values take well under a second.

    Returns the class upper bounds (see the module conventions); fewer than ``k``
    when there are at most ``k`` distinct values.
    """
    k = _check_k(k)
    arr = _clean(values)
    if arr.size == 0:
        return []
    distinct, counts = np.unique(arr, return_counts=True)
    m = distinct.size
    if m <= k:
        return [float(v) for v in distinct]
    if k == 1:
        return [float(distinct[-1])]

    # Centre the values: prefix sums of squares then lose less precision.
    x = distinct - arr.mean()
    w = counts.astype(float)
    cw = np.concatenate(([0.0], np.cumsum(w)))
    cx = np.concatenate(([0.0], np.cumsum(w * x)))
    cxx = np.concatenate(([0.0], np.cumsum(w * x * x)))

    def sse(start, stop):
        """SDCM of the distinct values start..stop-1 (either may be an index array)."""
        n = cw[stop] - cw[start]
        s = cx[stop] - cx[start]
        return np.maximum(cxx[stop] - cxx[start] - s * s / n, 0.0)

    inf = math.inf
    # cost[i]: best SDCM of the first i distinct values in the current number of classes.
    cost = np.full(m + 1, inf)
    cost[1:] = sse(0, np.arange(1, m + 1))
    back = np.zeros((k + 1, m + 1), dtype=np.int64)  # start index of the last class
    for j in range(2, k + 1):
        new = np.full(m + 1, inf)
        # With j classes the first i values need i >= j; the rest must leave room for
        # the classes still to come (k - j of them).
        for i in range(j, m - (k - j) + 1):
            starts = np.arange(j - 1, i)  # last class = values starts..i-1
            total = cost[starts] + sse(starts, i)
            best = int(np.argmin(total))  # first minimum: ties resolved towards the left
            new[i] = total[best]
            back[j, i] = starts[best]
        cost = new

    uppers: list[float] = []
    i = m
    for j in range(k, 1, -1):
        start = int(back[j, i])
        uppers.append(float(distinct[i - 1]))
        i = start
    uppers.append(float(distinct[i - 1]))
    return sorted(uppers)


def sum_squared_deviations(values: Iterable, breaks: Sequence[float]) -> float:
    """The SDCM of ``values`` classed by ``breaks``: sum over classes of squared
    deviations from the class mean (the quantity :func:`fisher_jenks` minimises)."""
    arr = _clean(values)
    if arr.size == 0:
        return 0.0
    idx = np.asarray(classify(arr, breaks), dtype=int)
    total = 0.0
    for c in np.unique(idx):
        part = arr[idx == c]
        total += float(((part - part.mean()) ** 2).sum())
    return total


def goodness_of_variance_fit(values: Iterable, breaks: Sequence[float]) -> float:
    """Jenks' GVF = 1 - SDCM / SDAM (1.0 = perfect; 1.0 for constant data)."""
    arr = _clean(values)
    sdam = float(((arr - arr.mean()) ** 2).sum()) if arr.size else 0.0
    if sdam == 0.0:
        return 1.0
    return 1.0 - sum_squared_deviations(arr, breaks) / sdam


def head_tail_breaks(
    values: Iterable, max_classes: int | None = None, head_limit: float = 0.4
) -> list[float]:
    """Head/tail breaks (Jiang 2013, *The Professional Geographer* 65(3)) for
    heavy-tailed data.

    The mean splits the data into a tail (values <= mean) and a head (values > mean);
    the head is split again by its own mean, and so on, as long as the head holds
    fewer than ``head_limit`` of the part being split (strictly less, as in Jiang's
    published code) and more than one value. Every mean computed is a break, so the
    first split always happens (at least two classes when the data is not constant).
    ``max_classes`` stops the recursion earlier (the top class is then the last head).

    Returns class upper bounds: the means, then the maximum.
    """
    if max_classes is not None:
        max_classes = _check_k(max_classes)
    if not 0.0 < head_limit <= 1.0:
        raise ValueError(f"head_limit must be in (0, 1], got {head_limit!r}")
    arr = _clean(values)
    if arr.size == 0:
        return []
    top = float(arr.max())
    if max_classes == 1 or float(arr.min()) == top:
        return [top]
    means: list[float] = []
    part = arr
    while True:
        mean = float(part.mean())
        head = part[part > mean]
        if head.size == 0:  # rounding: nothing above the mean
            break
        means.append(mean)
        if max_classes is not None and len(means) + 1 >= max_classes:
            break
        if head.size <= 1 or head.size / part.size >= head_limit:
            break
        part = head
    return means + [top]


def quantile_breaks(values: Iterable, k: int) -> list[float]:
    """Quantile (equal count) breaks: the ``i/k`` quantiles for i = 1..k-1, then the
    maximum.

    Quantiles are numpy's default (linear interpolation between order statistics, R's
    type 7). Equal breaks (ties in the data) are merged, so heavily tied data gives
    fewer classes; a break that is not a data value is fine: values up to it go below.
    """
    k = _check_k(k)
    arr = _clean(values)
    if arr.size == 0:
        return []
    qs = np.quantile(arr, [i / k for i in range(1, k)]) if k > 1 else np.array([])
    return sorted({float(q) for q in qs} | {float(arr.max())})


def class_index(value: float | None, breaks: Sequence[float]) -> int | None:
    """0-based class of one value (see the module conventions); None for NaN/None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if not breaks:
        raise ValueError("no breaks to classify with")
    i = int(np.searchsorted(np.asarray(breaks, dtype=float), float(value), side="left"))
    return min(i, len(breaks) - 1)


def classify(values: Iterable, breaks: Sequence[float]) -> list[int | None]:
    """0-based class of each value (0 = lowest class); None for NaN/None.

    A value equal to a break belongs to the class the break closes (upper bounds are
    inclusive, as in QGIS).
    """
    b = np.asarray(breaks, dtype=float)
    if b.size == 0:
        raise ValueError("no breaks to classify with")
    if np.any(np.diff(b) < 0):
        raise ValueError(f"breaks must be ascending, got {list(breaks)}")
    raw = values if isinstance(values, np.ndarray) else [np.nan if v is None else v for v in values]
    arr = np.asarray(raw, dtype=float).ravel()
    idx = np.minimum(np.searchsorted(b, arr, side="left"), b.size - 1)
    return [None if math.isnan(v) else int(i) for v, i in zip(arr, idx)]
