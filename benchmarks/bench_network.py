#!/usr/bin/env python3
"""Time the city network's measures and tiers on synthetic networks; prints a table.

Networks are random, with a few hubs drawing most flows (as return migration does):
n cities, 5 links per city on average, counts from a heavy-tailed distribution.
Run: .venv/bin/python benchmarks/bench_network.py [--sizes 500,1000,3000,6000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backflow_plugin.core.network import build_graph, centrality  # noqa: E402
from backflow_plugin.core.tiers import assign_tiers  # noqa: E402


def synthetic(n: int, seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
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
    cities = pd.DataFrame(
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
    return flows, cities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="500,1000,3000,6000")
    parser.add_argument("--exact-limit", type=int, default=5000)
    args = parser.parse_args()
    print(f"{'cities':>8} {'links':>8} {'graph':>8} {'measures':>10} {'tiers':>8}  betweenness")
    for n in (int(s) for s in args.sizes.split(",")):
        flows, cities = synthetic(n)
        t0 = time.perf_counter()
        graph = build_graph(flows, cities)
        t1 = time.perf_counter()
        measures, info = centrality(graph, exact_limit=args.exact_limit)
        t2 = time.perf_counter()
        assign_tiers(measures, cities)
        t3 = time.perf_counter()
        how = "estimated from pivots" if info["betweenness_estimated"] else "exact"
        print(
            f"{n:>8,} {graph.number_of_edges():>8,} {t1 - t0:>7.2f}s {t2 - t1:>9.2f}s "
            f"{t3 - t2:>7.2f}s  {how}"
        )


if __name__ == "__main__":
    main()
