#!/usr/bin/env python3
"""Time each import step for 10k and 100k synthetic persons; prints a table.

Persons are the bundled sample's, replicated under new ids, so the name and route
mix is realistic. Run: make bench
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, "/usr/share/qgis/python/plugins")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from backflow_plugin.core.places.countries import Countries  # noqa: E402
from backflow_plugin.core.places.gazetteer import Gazetteer  # noqa: E402
from backflow_plugin.core.tables.delimited import read_text_table  # noqa: E402
from backflow_plugin.core.tables.fields import detect_fields  # noqa: E402
from backflow_plugin.core.trajectories import build as tj  # noqa: E402

SAMPLE = ROOT / "resources" / "sample" / "returnees_synthetic.csv"


def synthetic(persons: int) -> pd.DataFrame:
    base, _ = read_text_table(SAMPLE)
    ids = base["person_id"].unique()
    reps = -(-persons // len(ids))
    frames = []
    for r in range(reps):
        part = base.copy()
        part["person_id"] = part["person_id"] + f"-{r}"
        frames.append(part)
    frame = pd.concat(frames, ignore_index=True)
    keep = frame["person_id"].isin(frame["person_id"].unique()[:persons])
    return frame[keep].reset_index(drop=True)


def timed(label, fn, timings):
    start = time.perf_counter()
    out = fn()
    timings.append((label, time.perf_counter() - start))
    return out


def bench_core(frame: pd.DataFrame) -> list[tuple[str, float]]:
    t: list[tuple[str, float]] = []
    gaz = timed("load gazetteer", Gazetteer.bundled, t)
    countries = Countries.bundled()
    fields = tj.FieldMap(**detect_fields(frame.columns))
    long, attrs, _ = timed("long form", lambda: tj.to_long(frame, fields), t)
    long["year"] = tj.parse_years(long, "bench", fields.year)
    stages, _ = timed("geocode", lambda: tj.geocode(long, gaz, countries, "CN", fields), t)
    stages = timed("phases", lambda: tj.assign_phases(stages), t)
    legs, _ = timed("legs", lambda: tj.build_legs(stages), t)
    flows = timed("flows", lambda: tj.aggregate_flows(legs), t)
    cities = timed("cities", lambda: tj.summarise_cities(stages, flows, gaz), t)
    timed("routes table", lambda: tj.summarise_routes(stages, attrs), t)
    lines = timed("flow geometry", lambda: tj.leg_lines(legs, cities, "geodesic"), t)
    timed("route geometry", lambda: tj.route_lines(stages, lines, cities), t)
    return t


def bench_algorithm(path: Path) -> float:
    from qgis.core import QgsApplication

    app = QgsApplication.instance() or QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    import processing

    import backflow_plugin

    plugin = backflow_plugin.classFactory(None)  # keep a reference: it owns the provider
    plugin.initProcessing()
    start = time.perf_counter()
    processing.run(
        "backflow:importtrajectories",
        {
            "INPUT": str(path),
            **{
                k: "TEMPORARY_OUTPUT" for k in ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")
            },
        },
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--no-qgis", action="store_true", help="core steps only")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = {}
    totals = {}
    for n in sizes:
        frame = synthetic(n)
        timings = bench_core(frame)
        for label, secs in timings:
            rows.setdefault(label, {})[n] = secs
        totals[n] = (len(frame), sum(s for _, s in timings))
        if not args.no_qgis:
            with tempfile.TemporaryDirectory(prefix="backflow_bench_") as folder:
                path = Path(folder) / f"bench_{n}.csv"
                frame.to_csv(path, index=False)
                rows.setdefault("processing.run, all 5 outputs", {})[n] = bench_algorithm(path)
    print(f"\n{'step':32}" + "".join(f"{n:>14,} persons" for n in sizes))
    print(f"{'(stage rows)':32}" + "".join(f"{totals[n][0]:>22,}" for n in sizes))
    for label, by_n in rows.items():
        print(f"{label:32}" + "".join(f"{by_n.get(n, float('nan')):>20.2f} s" for n in sizes))
    print(f"{'core total':32}" + "".join(f"{totals[n][1]:>20.2f} s" for n in sizes))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (whole run): {peak:.0f} MB")


if __name__ == "__main__":
    main()
