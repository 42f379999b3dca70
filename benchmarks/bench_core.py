#!/usr/bin/env python3
"""The core's steps without QGIS (core.analysis: import, network, patterns, report),
this tree beside another one (a previous version) in the same run; prints a table.

Each measurement is its own process of the system Python (QGIS's, no development
extras); the two trees alternate, so a busy machine slows both alike.

    .venv/bin/python benchmarks/bench_core.py --persons 100000 --baseline ../old-clone
    .venv/bin/python benchmarks/bench_core.py --persons 10000          # this tree alone
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYS_PY = "/usr/bin/python3"
STEPS = ("read", "import", "network", "patterns", "report")


def measure(tree: Path, csv: Path) -> dict:
    """One run of the steps in `tree` (in this process)."""
    sys.path.insert(0, str(tree))
    from backflow_plugin.core import analysis

    times: dict[str, float] = {}

    def timed(step: str, call):
        start = time.perf_counter()
        out = call()
        times[step] = time.perf_counter() - start
        return out

    table = timed("read", lambda: analysis.read_table(csv))
    trajectories = timed("import", lambda: analysis.import_trajectories(table))
    network = timed("network", lambda: analysis.city_network(trajectories))
    patterns = timed("patterns", lambda: analysis.route_patterns(trajectories))
    timed("report", lambda: analysis.report_tables(trajectories, network, patterns))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--baseline", type=Path, help="another tree to time beside this one")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.csv)))
        return
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_full import make_table

    trees = {"this tree": ROOT}
    if args.baseline:
        trees["baseline"] = args.baseline.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "table.csv"
        rows = make_table(args.persons, csv)
        runs: dict[str, list[dict]] = {name: [] for name in trees}
        for _ in range(args.repeats):
            for name, tree in trees.items():
                out = subprocess.run(
                    [SYS_PY, __file__, "--child", str(tree), "--csv", str(csv)],
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                runs[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"\n{args.persons:,} persons, {rows:,} stage rows; median of {args.repeats} runs\n")
    print(f"{'step':<12}" + "".join(f"{name:>14}" for name in trees))
    for step in (*STEPS, "total"):
        cells = []
        for name in trees:
            values = [sum(r.values()) if step == "total" else r[step] for r in runs[name]]
            cells.append(f"{statistics.median(values):>12.2f} s")
        print(f"{step:<12}" + "".join(cells))


if __name__ == "__main__":
    main()
