"""Complementary suppression: a hidden count must not come back from the totals shown.

Hiding a cell of 1 to MIN_PERSONS - 1 persons (``disclosure``) is not enough in a table
with totals: in a row ``357 | 83 | (hidden) | 441`` the hidden cell is 441 - 357 - 83.
The rule used for every report table with totals or shares:

- A table is a set of counts and the sums that hold between them (a row total is the
  sum of its cells, a column total of its column, the grand total of both). The same
  count in two tables (the returnees of a year in the trends and in the patterns) is
  one count with one key, so hiding it hides it in both.
- Primary cells: counts of 1 to k - 1 persons (totals too); 0 is shown.
- A hidden count is *derivable* when the shown counts and the sums fix its value
  (linear algebra over every sum at once: a row with one hidden cell and a shown total,
  a total shown with all but one of its parts, and longer chains through several rows
  and columns).
- Complementary cells: while a hidden count is derivable, one more count is hidden in
  a sum it takes part in: a cell before a total, a non-zero count before a zero, the
  smallest first (the least information lost).

What it does not claim: bounds (a hidden cell is known to lie between 0 and its row
total) and sums across separate runs of the plugin are not protected.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

Key = Hashable


@dataclass
class SumSystem:
    """Counts by key and the sums between them: ``total = sum(parts)``.

    `values`: every count (None when it is hidden in a published table); `sums`:
    (total key, part keys); `margins`: keys that are totals (hidden only when nothing
    else will do).
    """

    values: dict[Key, float | None] = field(default_factory=dict)
    sums: list[tuple[Key, tuple[Key, ...]]] = field(default_factory=list)
    margins: set[Key] = field(default_factory=set)

    def add(self, key: Key, value, margin: bool = False) -> Key:
        """A count (the first value given for a key is kept: one count, one value)."""
        if key not in self.values:
            self.values[key] = _number(value)
        if margin:
            self.margins.add(key)
        return key

    def add_sum(self, total: Key, parts: Iterable[Key]) -> None:
        parts = tuple(p for p in parts if p != total)
        if parts:
            self.sums.append((total, parts))


def _number(value) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(number) else number


def derivable(system: SumSystem, hidden: Iterable[Key] | None = None) -> list[Key]:
    """The hidden keys whose value the shown counts and the sums fix exactly.

    Hidden: the keys in `hidden`, or else the keys whose value is None. A key is fixed
    when it is a linear combination of the sum equations' rows (its unit vector lies in
    their row space), i.e. every solution of the equations gives it the same value.
    """
    unknown = (
        [k for k in system.values if k in set(hidden)]
        if hidden is not None
        else [k for k, v in system.values.items() if v is None]
    )
    if not unknown:
        return []
    index = {k: i for i, k in enumerate(unknown)}
    rows = []
    for total, parts in system.sums:
        row = np.zeros(len(unknown))
        if total in index:
            row[index[total]] -= 1.0
        for p in parts:
            if p in index:
                row[index[p]] += 1.0
        if row.any():
            rows.append(row)
    if not rows:
        return []
    a = np.vstack(rows)
    # null space of A: the unknowns that move in no solution direction are fixed
    _, s, vt = np.linalg.svd(a, full_matrices=True)
    rank = int((s > 1e-9 * max(1.0, s.max() if s.size else 1.0)).sum())
    null = vt[rank:]
    if null.shape[0] == 0:
        return list(unknown)
    free = np.abs(null).max(axis=0) > 1e-9
    return [k for k, moves in zip(unknown, free) if not moves]


@dataclass
class Suppression:
    primary: set = field(default_factory=set)
    complementary: set = field(default_factory=set)
    unresolved: list = field(default_factory=list)  # still derivable (nothing left to hide)

    @property
    def hidden(self) -> set:
        return self.primary | self.complementary


def protect(
    system: SumSystem, k: int, already_hidden: Iterable[Key] = (), keep: Iterable[Key] = ()
) -> Suppression:
    """Primary cells (1..k-1) and complementary cells until nothing hidden is derivable.

    `already_hidden`: counts hidden for another reason (they count as primary);
    `keep`: counts never hidden as a complement (the study's headline total).
    """
    out = Suppression()
    if k <= 1:
        return out
    out.primary = {key for key, v in system.values.items() if v is not None and 0 < v < k} | {
        key for key in already_hidden if key in system.values
    }
    keep = set(keep)
    lines: dict[Key, list[int]] = {}
    for i, (total, parts) in enumerate(system.sums):
        for key in (total, *parts):
            lines.setdefault(key, []).append(i)
    for _ in range(len(system.values) + 1):
        open_keys = derivable(system, out.hidden)
        if not open_keys:
            break
        chosen = None
        # a sum with a single hidden count first (the plain give-away), then chains
        for singles_only in (True, False):
            for key in open_keys:
                chosen = _complement(system, key, out.hidden, keep, lines, singles_only)
                if chosen is not None:
                    break
            if chosen is not None:
                break
        if chosen is None:
            out.unresolved = open_keys
            break
        out.complementary.add(chosen)
    return out


def _complement(
    system: SumSystem, key: Key, hidden: set, keep: set, lines, singles_only: bool = False
) -> Key | None:
    """The count to hide beside `key`: from a sum where `key` is the only hidden count
    when there is one (that sum gives it away), else from any sum it is in."""

    def alone(i: int) -> bool:
        total, parts = system.sums[i]
        return sum(1 for c in (total, *parts) if c in hidden) == 1

    singles, others = [], []
    for i in lines.get(key, ()):
        total, parts = system.sums[i]
        free = [c for c in (total, *parts) if c not in hidden and c not in keep]
        free = [c for c in free if system.values.get(c) is not None]
        (singles if alone(i) else others).extend(free)

    def hidden_in(i: int) -> int:
        total, parts = system.sums[i]
        return sum(1 for m in (total, *parts) if m in hidden)

    def cost(c: Key) -> tuple:
        value = system.values[c]
        # closing another sum with one hidden count saves a cell; opening a sum with
        # none hidden yet costs one
        counts = [hidden_in(i) for i in lines.get(c, ())]
        net = counts.count(0) - counts.count(1)
        return (value == 0, net, c in system.margins, value, str(c))

    for candidates in (singles,) if singles_only else (singles, others):
        if candidates:
            return min(candidates, key=cost)
    return None


# --------------------------------------------------------------------------- grids


@dataclass
class Grid:
    """A table's counts as rows x columns with optional row / column totals.

    Keys of the cells are given by the caller (so two tables can share a count).
    """

    cells: Sequence[Sequence[Key]]
    row_totals: Sequence[Key] | None = None
    col_totals: Sequence[Key] | None = None
    grand: Key | None = None


def add_grid(system: SumSystem, grid: Grid, values: Mapping[Key, object]) -> None:
    """The grid's counts and sums into `system` (`values`: key -> count or None)."""
    for row in grid.cells:
        for key in row:
            system.add(key, values.get(key))
    for keys in (grid.row_totals or (), grid.col_totals or ()):
        for key in keys:
            system.add(key, values.get(key), margin=True)
    if grid.grand is not None:
        system.add(grid.grand, values.get(grid.grand), margin=True)
    if grid.row_totals is not None:
        for row, total in zip(grid.cells, grid.row_totals):
            system.add_sum(total, row)
        if grid.grand is not None:
            system.add_sum(grid.grand, grid.row_totals)
    if grid.col_totals is not None:
        n_cols = len(grid.col_totals)
        for j, total in enumerate(grid.col_totals):
            system.add_sum(total, [row[j] for row in grid.cells if j < len(row)])
        if grid.grand is not None and n_cols:
            system.add_sum(grid.grand, grid.col_totals)


def protect_grid(
    values: Sequence[Sequence[float]],
    k: int,
    row_totals: Sequence[float] | None = None,
    col_totals: Sequence[float] | None = None,
    grand: float | None = None,
) -> tuple[set, set]:
    """(primary, complementary) positions of a plain table with its shown totals.

    Positions: ("cell", i, j), ("row", i) for row i's total, ("col", j), ("grand",).
    The grand total is never hidden as a complement (it is the study's size).
    """
    keys = [[("cell", i, j) for j in range(len(row))] for i, row in enumerate(values)]
    known: dict[Key, object] = {
        keys[i][j]: v for i, row in enumerate(values) for j, v in enumerate(row)
    }
    grid = Grid(cells=keys)
    if row_totals is not None:
        grid.row_totals = [("row", i) for i in range(len(row_totals))]
        known.update(zip(grid.row_totals, row_totals))
    if col_totals is not None:
        grid.col_totals = [("col", j) for j in range(len(col_totals))]
        known.update(zip(grid.col_totals, col_totals))
    if grand is not None:
        grid.grand = ("grand",)
        known[("grand",)] = grand
    system = SumSystem()
    add_grid(system, grid, known)
    result = protect(system, k, keep=[("grand",)])
    return result.primary, result.complementary
