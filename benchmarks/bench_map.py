#!/usr/bin/env python3
"""backflow:publicationmap on the bundled sample: first run and best of the others.

QGIS is started and the sample analysed (fullanalysis, layers to a GeoPackage) first,
neither counted. Then the map the panel's "Make map" asks for (CITIES = the city
tiers, FLOWS = the flows; every other parameter at its default: China, A4 landscape,
300 dpi PDF) is made ``--runs`` times. Wall and CPU seconds (the CPU figure is the
steadier one on a shared machine). ``--profile`` prints where the first run spends
its CPU time.

    .venv/bin/python benchmarks/bench_map.py [--runs 3] [--format pdf|png] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_full import SAMPLE, _qgis  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", choices=("pdf", "png"), default="pdf")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    app = _qgis()  # noqa: F841 - kept alive
    import processing

    import backflow_plugin

    plugin = backflow_plugin.classFactory(None)  # noqa: F841 - owns the provider
    plugin.initProcessing()
    with tempfile.TemporaryDirectory(prefix="backflow-map-") as tmp:
        gpkg = Path(tmp) / "sample.gpkg"
        params = {"INPUT": str(SAMPLE), "HOME_COUNTRY": "CN", "MAKE_REPORT": False}
        for key in ("NETWORK", "FLOWS", "CITIES", "STAGES", "ROUTES", "UNRESOLVED"):
            params[key] = f"ogr:dbname='{gpkg}' table=\"{key.lower()}\" (geom)"
        for key in ("PATTERN_ROUTES", "PATTERN_FLOWS", "PATTERN_SHARES"):
            params[key] = "TEMPORARY_OUTPUT"
        processing.run("backflow:fullanalysis", params)
        rows = []
        for i in range(args.runs):
            out = Path(tmp) / f"map{i}.{args.format}"
            map_params = {
                "CITIES": f"{gpkg}|layername=network",
                "FLOWS": f"{gpkg}|layername=flows",
                "OUTPUT": str(out),
            }
            profile = cProfile.Profile(time.process_time) if args.profile and i == 0 else None
            t, cpu = time.perf_counter(), time.process_time()
            if profile:
                profile.enable()
            processing.run("backflow:publicationmap", map_params)
            if profile:
                profile.disable()
            rows.append((time.perf_counter() - t, time.process_time() - cpu, out.stat().st_size))
            if profile:
                text = io.StringIO()
                pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(40)
                print(text.getvalue())
    print(f"publication map of the sample ({args.format}, 300 dpi), QGIS started")
    print(f"machine load (1-minute average, {os.cpu_count()} CPUs): {os.getloadavg()[0]:.1f}")
    print(f"{'run':>3} {'wall':>7} {'CPU':>7} {'file':>10}")
    for i, (wall, cpu, size) in enumerate(rows, start=1):
        print(f"{i:>3} {wall:>5.1f} s {cpu:>5.1f} s {size / 1024:>7,.0f} kB")


if __name__ == "__main__":
    main()
