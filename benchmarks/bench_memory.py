#!/usr/bin/env python3
"""Where the memory goes: peak resident memory per step, for the core chain or fullanalysis.

Each run is its own process. A thread samples the resident set every 0.2 s; every
step's peak is the highest sample while that step ran (plus the exact peak of the
whole process from getrusage). tracemalloc stays off: it would slow the run and miss
numpy's buffers.

    .venv/bin/python benchmarks/bench_memory.py --sizes 100000,1000000 --run core
    .venv/bin/python benchmarks/bench_memory.py --sizes 1000000 --run backflow

``core``: read the CSV (chunked above 64 MB, as the import does), import, city network,
route patterns and the report tables, all on frames, nothing written. ``backflow``:
``backflow:fullanalysis`` writing every layer to a GeoPackage (as ``bench_full.py``).
``floor``: ``bench_full.py``'s plain pandas script writing the same outputs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SYS_PY = "/usr/bin/python3"
HERE = Path(__file__).resolve().parent


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class Steps:
    """Wall time and peak memory of each named step (a sampler thread)."""

    def __init__(self):
        self.label, self.start = "start", time.perf_counter()
        self.rows: dict[str, list[float]] = {}
        self._peak = rss_mb()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self):
        while not self._stop.wait(0.2):
            now = rss_mb()
            with self._lock:
                self._peak = max(self._peak, now)

    def step(self, label: str) -> None:
        now = time.perf_counter()
        with self._lock:
            peak, self._peak = max(self._peak, rss_mb()), rss_mb()
            wall, mb = self.rows.get(self.label, [0.0, 0.0])
            self.rows[self.label] = [wall + now - self.start, max(mb, peak)]
            self.label, self.start = label[:40], now
        print(f"[{time.strftime('%H:%M:%S')}] {label} ({rss_mb():,.0f} MB)", file=sys.stderr)

    def close(self) -> dict:
        self.step("end")
        self._stop.set()
        self.rows.pop("start", None)
        return self.rows


def run_core(root: Path, csv_path: Path, out: Path) -> dict:
    sys.path.insert(0, str(root))
    steps = Steps()
    from backflow_plugin.core.network import graph as net
    from backflow_plugin.core.patterns import routes as patterns
    from backflow_plugin.core.report import tables as core_report
    from backflow_plugin.core.tables.delimited import read_text_table
    from backflow_plugin.core.tables.fields import detect_fields
    from backflow_plugin.core.trajectories import build as tj

    steps.step("read the table")
    frame, _info = read_text_table(csv_path)
    steps.step("import (core)")
    fields = tj.FieldMap(**detect_fields(frame.columns))
    result = tj.import_trajectories(
        frame,
        fields,
        home_country="CN",
        progress=lambda _p, text: steps.step(f"import: {text}"),
    )
    del frame
    steps.step("city network")
    net.network_measures(result.flows, result.cities, home_country="CN")
    steps.step("route patterns")
    routes = patterns.classify_routes(result.stages)
    flows = patterns.flow_patterns(result.stages, routes)
    steps.step("report tables")
    core_report.build_report(result.stages, result.cities, routes)  # small tables
    steps.step("layer values")
    # What the sinks would write: every frame's values as plain Python objects.
    for df in (result.stages, result.flows, result.cities, result.routes, routes, flows):
        for col in df.columns:
            df[col].tolist()
    return steps.close()


def run_floor(root: Path, csv_path: Path, out: Path) -> dict:
    sys.path.insert(0, str(root / "benchmarks"))
    import bench_full

    steps = Steps()
    steps.step("floor")
    bench_full.run_floor(csv_path, out)
    return steps.close()


def run_backflow(root: Path, csv_path: Path, out: Path) -> dict:
    sys.path.insert(0, str(root / "benchmarks"))
    import bench_full

    steps = Steps()
    steps.step("start QGIS")
    app = bench_full._qgis()  # noqa: F841 - kept alive for the run
    import processing
    from qgis.core import QgsProcessingFeedback

    import backflow_plugin

    plugin = backflow_plugin.classFactory(None)  # noqa: F841 - owns the provider
    plugin.initProcessing()

    class Clock(QgsProcessingFeedback):
        def setProgressText(self, text):  # noqa: N802 - Qt name
            steps.step(text)

    gpkg = out / "backflow.gpkg"
    params = {
        "INPUT": str(csv_path),
        "HOME_COUNTRY": "CN",
        "MAKE_REPORT": True,
        "REPORT_OUTPUT": str(out / "report.html"),
    }
    for key in bench_full.LAYERS + ("NETWORK", "PATTERN_ROUTES", "PATTERN_FLOWS"):
        params[key] = f"ogr:dbname='{gpkg}' table=\"{key.lower()}\" (geom)"
    params["UNRESOLVED"] = params["PATTERN_SHARES"] = "TEMPORARY_OUTPUT"
    steps.step("fullanalysis")
    processing.run("backflow:fullanalysis", params, feedback=Clock())
    return steps.close()


RUNS = {"core": run_core, "floor": run_floor, "backflow": run_backflow}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--run", default="core")
    parser.add_argument("--root", type=Path, default=HERE.parent, help="the plugin tree to run")
    parser.add_argument("--csv", type=Path, help="an existing table instead of a new one")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        start = time.perf_counter()
        rows = RUNS[args.run](args.root, args.csv, args.out)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"steps": rows, "wall": time.perf_counter() - start, "peak_mb": peak}))
        return
    sys.path.insert(0, str(HERE))
    import bench_full

    with tempfile.TemporaryDirectory(prefix="backflow-mem-") as tmp:
        for n in [int(s) for s in args.sizes.split(",")]:
            csv_path = args.csv or Path(tmp) / f"persons_{n}.csv"
            if not args.csv:
                bench_full.make_table(n, csv_path)
            for run in args.run.split(","):
                out = Path(tmp) / f"{run}_{n}"
                out.mkdir()
                cmd = [SYS_PY, __file__, "--child", "--run", run, "--root", str(args.root)]
                cmd += ["--csv", str(csv_path), "--out", str(out)]
                proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
                if proc.returncode:
                    print(f"{run} at {n:,}: failed ({proc.returncode})")
                    continue
                res = json.loads(proc.stdout.strip().splitlines()[-1])
                print(f"\n{run}, {n:,} persons ({csv_path.name})")
                for label, (wall, mb) in res["steps"].items():
                    print(f"  {label:42}{wall:>9.1f} s{mb:>9,.0f} MB")
                print(f"  {'total':42}{res['wall']:>9.1f} s{res['peak_mb']:>9,.0f} MB (peak)")


if __name__ == "__main__":
    main()
