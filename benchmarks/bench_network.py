#!/usr/bin/env python3
"""Time the city network's measures and tiers on synthetic networks; prints a table.

Each size is timed both ways in the same run (best of ``--repeats``, wall and CPU
seconds: the CPU time is the steadier figure on a shared machine): ``previous`` is
the igraph path as it was (one betweenness call, a reach search from every city,
closeness; a dense eigenvector solver up to 2,000 cities), ``now`` the current one
(reach from the strongly connected components, one-link origin cities folded into the
city they feed, the sparse solver above 500 cities). Both must agree to 1e-9.

Networks (``--model``):

- ``gravity`` (default): a gravity model, the standard model of migration flows.
  City sizes follow a Pareto law (shape 1.2, Zipf-like), cities lie at random in a
  4,000 x 3,000 km box; each move starts in a city drawn by size and ends in a city
  drawn by size**1.3 / distance (big cities draw more than their size: universities
  and jobs). 12 moves per city give a mean degree of about 13, as the bundled sample's
  domestic network has (12), with its heavy tail (a few hubs linked to thousands of
  cities, many cities linked to a few) and its share of cities people only leave.
- ``random``: the earlier benchmark's network (uniform origins, Pareto-weighted
  destinations, 5 links per city): lighter, kept for comparison.

Run: .venv/bin/python benchmarks/bench_network.py [--sizes 1000,2000,5000] [--model random]
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backflow_plugin.core.network import graph as network  # noqa: E402
from backflow_plugin.core.network import paths  # noqa: E402
from backflow_plugin.core.network.graph import build_graph, centrality  # noqa: E402
from backflow_plugin.core.network.tiers import assign_tiers  # noqa: E402


def _cities(ids: list[str], rng) -> pd.DataFrame:
    n = len(ids)
    return pd.DataFrame(
        {
            "city_id": ids,
            "name": ids,
            "country": "CN",
            "domestic": True,
            "admin_rank": np.where(
                rng.random(n) < 0.1, "provincial capital", "prefecture-level city"
            ),
            "returnees": rng.integers(0, 50, n),
        }
    )


def gravity(n: int, seed: int = 1, moves_per_city: int = 12) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    ids = np.array([f"C{i}" for i in range(n)])
    size = rng.pareto(1.2, n) + 1
    xy = rng.random((n, 2)) * [4000.0, 3000.0]
    pull = size**1.3
    moves = moves_per_city * n
    origin = np.sort(rng.choice(n, moves, p=size / size.sum()))
    dest = np.empty(moves, dtype=np.int64)
    cities, starts = np.unique(origin, return_index=True)
    for o, s, e in zip(cities, starts, np.append(starts[1:], moves)):
        p = pull / (np.hypot(*(xy - xy[o]).T) + 10.0)  # +10 km: no pull is infinite
        p[o] = 0.0
        cum = np.cumsum(p)
        dest[s:e] = np.searchsorted(cum, rng.random(e - s) * cum[-1], side="right")
    flows = (
        pd.DataFrame({"origin_id": ids[origin], "dest_id": ids[dest]})
        .value_counts()
        .rename("count")
        .reset_index()
    )
    flows["flow_type"] = "domestic"
    return flows, _cities(list(ids), rng)


def random_network(n: int, seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    ids = [f"C{i}" for i in range(n)]
    pull = rng.pareto(1.2, n) + 1  # a few hubs
    m = 5 * n
    origin = rng.integers(0, n, m)
    dest = rng.choice(n, m, p=pull / pull.sum())
    keep = origin != dest
    flows = pd.DataFrame(
        {
            "origin_id": np.array(ids)[origin[keep]],
            "dest_id": np.array(ids)[dest[keep]],
            "flow_type": "domestic",
            "count": rng.zipf(2.0, keep.sum()).clip(1, 500),
        }
    )
    flows = flows.groupby(["origin_id", "dest_id", "flow_type"], as_index=False)["count"].sum()
    return flows, _cities(ids, rng)


synthetic = random_network  # the earlier name


def _timed(graph, previous: bool, exact_limit: int):
    original, dense = network.igraph_paths, paths.DENSE_EIGEN_UP_TO
    if previous:
        network.igraph_paths = functools.partial(original, previous=True)
        paths.DENSE_EIGEN_UP_TO = 2000  # the previous dense-solver limit
    try:
        t, cpu = time.perf_counter(), time.process_time()
        measures, info = centrality(graph, exact_limit=exact_limit)
        return (time.perf_counter() - t, time.process_time() - cpu), measures, info
    finally:
        network.igraph_paths, paths.DENSE_EIGEN_UP_TO = original, dense


def _best(graph, previous: bool, exact_limit: int, repeats: int):
    """Best wall and best CPU time of ``repeats`` runs (this machine is shared)."""
    runs = [_timed(graph, previous, exact_limit) for _ in range(repeats)]
    wall = min(r[0][0] for r in runs)
    cpu = min(r[0][1] for r in runs)
    return (wall, cpu), runs[0][1], runs[0][2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,2000,5000")
    parser.add_argument("--model", choices=("gravity", "random"), default="gravity")
    parser.add_argument("--exact-limit", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=2, help="best of this many runs")
    args = parser.parse_args()
    make = gravity if args.model == "gravity" else random_network
    if network.load_igraph() is None:
        sys.exit("python-igraph is not installed: nothing to compare (pip install igraph)")
    print(f"{args.model} networks; all centralities by the igraph path, wall/CPU seconds")
    print(f"machine load (1-minute average, {os.cpu_count()} CPUs): {os.getloadavg()[0]:.1f}")
    print(
        f"{'cities':>7} {'links':>7} {'mean deg':>8} {'max deg':>7} {'leaves':>6} "
        f"{'previous':>15} {'now':>15} {'x cpu':>5} {'tiers':>6}  max rel diff  betweenness"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        flows, cities = make(n)
        graph = build_graph(flows, cities)
        und = graph.to_undirected(as_view=True)
        degree = np.array([d for _, d in und.degree()])
        leaves = sum(1 for v in graph if graph.in_degree(v) == 0 and graph.out_degree(v) == 1)
        before, old, _ = _best(graph, True, args.exact_limit, args.repeats)
        after, new, info = _best(graph, False, args.exact_limit, args.repeats)
        t = time.perf_counter()
        assign_tiers(new, cities)
        tiers = time.perf_counter() - t
        diff = max(
            float(
                np.max(
                    np.abs(old[c] - new[c])
                    / (np.abs(old[c]) + 1e-12 * np.abs(old[c]).max() + 1e-300)
                )
            )
            for c in ("betweenness", "closeness")
        )
        how = "estimated from pivots" if info["betweenness_estimated"] else "exact"
        print(
            f"{n:>7,} {graph.number_of_edges():>7,} {degree.mean():>8.1f} {degree.max():>7,} "
            f"{leaves:>6,} {before[0]:>6.2f}s/{before[1]:>6.2f}s {after[0]:>6.2f}s/{after[1]:>6.2f}s"
            f" {before[1] / after[1]:>5.2f} {tiers:>5.2f}s"
            f"  {diff:>12.1e}  {how}"
        )


if __name__ == "__main__":
    main()
