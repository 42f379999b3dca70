#!/usr/bin/env python3
"""fullanalysis against two baselines measured in the same run; prints a table.

For each size (persons; the bundled sample replicated under new ids) three runs, each
in its own process so wall time and peak memory are its own:

- ``floor``: a plain pandas script doing the least the same outputs need -- read the
  CSV, match names exactly to the gazetteer, pair consecutive stages, count flows, and
  write stages, flows and routes to one GeoPackage through OGR in a transaction each;
- ``native``: the chain of QGIS's own algorithms a user could click instead -- join
  coordinates (native:joinattributestable), points from table, points to path, and an
  SQL GROUP BY of consecutive pairs (qgis:executesql);
- ``import``: ``backflow:importtrajectories`` alone (read, resolve, pair, write STAGES,
  ROUTES, FLOWS, CITIES, UNRESOLVED to one GeoPackage), the like of the native chain;
- ``backflow``: ``backflow:fullanalysis`` (import, network, patterns, report) writing
  every layer to a GeoPackage; its steps are timed from the progress texts;
- ``memory``: the same fullanalysis writing every layer to memory layers.

Last, fullanalysis against its compute floor: the floor's read + match, pair, count
(no writing) beside fullanalysis's own run (processing.run, QGIS started), to memory
layers and to a GeoPackage, and their ratios (the goal: at most 5x). Every run is a
child process of the system Python (/usr/bin/python3: QGIS's, without development
extras such as igraph).

    make bench                                    # 10k, 100k and 1M persons
    .venv/bin/python benchmarks/bench_full.py --sizes 10000,100000   # the quick one
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample" / "returnees_synthetic.csv"
CITIES = ROOT / "resources" / "gazetteer" / "cities.csv"
SYS_PY = "/usr/bin/python3"
LAYERS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")


def make_table(persons: int, path: Path) -> int:
    import pandas as pd

    base = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    ids = base["person_id"].unique()
    parts, left, r = [], persons, 0
    while left > 0:
        take = ids[: min(left, len(ids))]
        part = base[base["person_id"].isin(take)].copy()
        part["person_id"] = part["person_id"] + f"-{r}"
        parts.append(part)
        left, r = left - len(take), r + 1
    frame = pd.concat(parts, ignore_index=True)
    frame.to_csv(path, index=False)
    return len(frame)


# ---------------------------------------------------------------- the three runs


def run_floor(csv_path: Path, out: Path) -> dict:
    import pandas as pd
    from osgeo import ogr, osr

    t0 = time.perf_counter()
    steps = {}
    table = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    gaz = pd.read_csv(CITIES, dtype={"city_id": str}, keep_default_na=False)
    gaz = gaz.drop_duplicates(["name", "country"])
    steps["read"] = time.perf_counter() - t0
    t = time.perf_counter()
    stages = table.merge(
        gaz[["city_id", "name", "country", "lon", "lat"]],
        left_on=["city", "country"],
        right_on=["name", "country"],
        how="inner",
    )
    stages["seq"] = stages["seq"].astype(int)
    stages = stages.sort_values(["person_id", "seq"], kind="stable").reset_index(drop=True)
    nxt = stages.shift(-1)
    pair = (nxt["person_id"] == stages["person_id"]) & (nxt["city_id"] != stages["city_id"])
    legs = pd.DataFrame(
        {
            "o": stages["city_id"][pair],
            "d": nxt["city_id"][pair],
            "ox": stages["lon"][pair],
            "oy": stages["lat"][pair],
            "dx": nxt["lon"][pair],
            "dy": nxt["lat"][pair],
        }
    )
    flows = legs.groupby(["o", "d", "ox", "oy", "dx", "dy"]).size().reset_index(name="count")
    steps["match, pair, count"] = time.perf_counter() - t
    t = time.perf_counter()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(out / "floor.gpkg"))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)

    def write(name, kind, columns, rows, geometry):
        layer = ds.CreateLayer(name, srs, kind)
        for c in columns:
            layer.CreateField(ogr.FieldDefn(c, ogr.OFTString))
        defn = layer.GetLayerDefn()
        layer.StartTransaction()
        for values, wkt in zip(rows, geometry):
            f = ogr.Feature(defn)
            for i, v in enumerate(values):
                f.SetField(i, str(v))
            f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
            layer.CreateFeature(f)
        layer.CommitTransaction()

    cols = ["person_id", "seq", "stage", "city_id"]
    write(
        "stages",
        ogr.wkbPoint,
        cols,
        stages[cols].itertuples(index=False),
        (f"POINT ({x} {y})" for x, y in zip(stages["lon"], stages["lat"])),
    )
    write(
        "flows",
        ogr.wkbLineString,
        ["o", "d", "count"],
        flows[["o", "d", "count"]].itertuples(index=False),
        (
            f"LINESTRING ({a} {b}, {c} {d})"
            for a, b, c, d in zip(flows["ox"], flows["oy"], flows["dx"], flows["dy"])
        ),
    )
    coords = (stages["lon"].astype(str) + " " + stages["lat"].astype(str)).groupby(
        stages["person_id"], sort=False
    )
    routes = [(p, "LINESTRING (" + ", ".join(c) + ")") for p, c in coords if len(c) > 1]
    write(
        "routes", ogr.wkbLineString, ["person_id"], ([p] for p, _ in routes), (w for _, w in routes)
    )
    ds = None
    steps["write GeoPackage"] = time.perf_counter() - t
    return steps


def _qgis():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    return app


def run_native(csv_path: Path, out: Path) -> dict:
    app = _qgis()  # noqa: F841 - kept alive for the run
    import processing
    from qgis.core import QgsVectorLayer

    steps = {}
    t = time.perf_counter()
    uri = f"file://{csv_path}?delimiter=,&detectTypes=no"
    table = QgsVectorLayer(uri, "t", "delimitedtext")
    gaz = QgsVectorLayer(
        f"file://{CITIES}?delimiter=,&xField=lon&yField=lat&crs=EPSG:4326", "g", "delimitedtext"
    )
    joined = processing.run(
        "native:joinattributestable",
        {
            "INPUT": table,
            "FIELD": "city",
            "INPUT_2": gaz,
            "FIELD_2": "name",
            "FIELDS_TO_COPY": ["city_id", "lon", "lat"],
            "METHOD": 1,
            "DISCARD_NONMATCHING": True,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    steps["join coordinates"] = time.perf_counter() - t
    t = time.perf_counter()
    points = processing.run(
        "native:createpointslayerfromtable",
        {
            "INPUT": joined,
            "XFIELD": "lon",
            "YFIELD": "lat",
            "TARGET_CRS": "EPSG:4326",
            "OUTPUT": str(out / "native_stages.gpkg"),
        },
    )["OUTPUT"]
    steps["points from table"] = time.perf_counter() - t
    t = time.perf_counter()
    processing.run(
        "native:pointstopath",
        {
            "INPUT": points,
            "ORDER_EXPRESSION": 'to_int("seq")',
            "GROUP_EXPRESSION": '"person_id"',
            "OUTPUT": str(out / "native_routes.gpkg"),
        },
    )
    steps["points to path"] = time.perf_counter() - t
    t = time.perf_counter()
    points_layer = QgsVectorLayer(points, "p", "ogr")
    # Consecutive pairs with a window function (SQLite >= 3.25), as a user would write it.
    sql = (
        "SELECT o, d, count(*) AS n FROM (SELECT city_id AS o, LEAD(city_id) OVER "
        "(PARTITION BY person_id ORDER BY CAST(seq AS INTEGER)) AS d FROM input1) "
        "WHERE d IS NOT NULL AND o <> d GROUP BY o, d"
    )
    processing.run(
        "qgis:executesql",
        {
            "INPUT_DATASOURCES": [points_layer],
            "INPUT_QUERY": sql,
            "INPUT_GEOMETRY_TYPE": 1,  # no geometry: a table of pairs
            "OUTPUT": str(out / "native_flows.gpkg"),
        },
    )
    steps["OD pairs (SQL GROUP BY)"] = time.perf_counter() - t
    return steps


RUN_TIME: dict[str, float] = {}  # the algorithm's own run (QGIS started), by run


def run_memory(csv_path: Path, out: Path) -> dict:
    return run_backflow(csv_path, out, memory=True)


def run_backflow(csv_path: Path, out: Path, memory: bool = False) -> dict:
    app = _qgis()  # noqa: F841
    import processing
    from qgis.core import QgsProcessingFeedback

    import backflow_plugin

    plugin = backflow_plugin.classFactory(None)  # keep: it owns the provider
    plugin.initProcessing()
    steps: dict[str, float] = {}

    class StepClock(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.label, self.start = "start", time.perf_counter()

        def setProgressText(self, text):  # noqa: N802 - Qt name
            now = time.perf_counter()
            steps[self.label] = steps.get(self.label, 0.0) + now - self.start
            self.label, self.start = text[:40], now

    clock = StepClock()
    gpkg = out / "backflow.gpkg"
    params = {
        "INPUT": str(csv_path),
        "HOME_COUNTRY": "CN",
        "MAKE_REPORT": True,
        "REPORT_OUTPUT": str(out / "report.html"),
    }
    for key in LAYERS + ("NETWORK", "PATTERN_ROUTES", "PATTERN_FLOWS", "PATTERN_SHARES"):
        params[key] = f"ogr:dbname='{gpkg}' table=\"{key.lower()}\" (geom)"
    params["UNRESOLVED"] = params["PATTERN_SHARES"] = "TEMPORARY_OUTPUT"
    if memory:
        params.update(dict.fromkeys(LAYERS + ("NETWORK", "PATTERN_ROUTES", "PATTERN_FLOWS"),
                                    "TEMPORARY_OUTPUT"))  # fmt: skip
    t = time.perf_counter()
    processing.run("backflow:fullanalysis", params, feedback=clock)
    RUN_TIME["run"] = time.perf_counter() - t
    clock.setProgressText("end")
    steps.pop("start", None)
    return steps


def run_import(csv_path: Path, out: Path) -> dict:
    app = _qgis()  # noqa: F841
    import processing

    import backflow_plugin

    plugin = backflow_plugin.classFactory(None)  # noqa: F841 - owns the provider
    plugin.initProcessing()
    steps: dict[str, float] = {}
    gpkg = out / "import.gpkg"
    params = {"INPUT": str(csv_path), "HOME_COUNTRY": "CN"}
    for key in LAYERS:  # UNRESOLVED has no geometry column
        geom = "" if key == "UNRESOLVED" else " (geom)"
        params[key] = f"ogr:dbname='{gpkg}' table=\"{key.lower()}\"{geom}"
    from backflow_plugin.processing import adapters

    write_frame = adapters.write_frame

    def timed_write(alg, parameters, context, name, *args, **kwargs):
        t = time.perf_counter()
        try:
            return write_frame(alg, parameters, context, name, *args, **kwargs)
        finally:
            steps["write layers"] = steps.get("write layers", 0.0) + time.perf_counter() - t

    adapters.write_frame = timed_write
    t = time.perf_counter()
    processing.run("backflow:importtrajectories", params)
    steps["read, resolve, pair (rest)"] = time.perf_counter() - t - steps.get("write layers", 0)
    return steps


def run_sample(repeats: int = 3) -> dict:
    """The bundled sample end to end (import, network, patterns, report) in memory layers.

    QGIS is started first and not counted; the first run also pays the gazetteer load,
    so the best of `repeats` runs and the first are both reported.
    """
    app = _qgis()  # noqa: F841
    import processing

    import backflow_plugin

    plugin = backflow_plugin.classFactory(None)  # noqa: F841 - owns the provider
    plugin.initProcessing()
    times, cpus = [], []
    with tempfile.TemporaryDirectory(prefix="backflow-sample-") as tmp:
        for i in range(repeats):
            params = {
                "INPUT": str(SAMPLE),
                "HOME_COUNTRY": "CN",
                "MAKE_REPORT": True,
                "REPORT_OUTPUT": str(Path(tmp) / f"report{i}.html"),
            }
            for key in LAYERS + ("NETWORK", "PATTERN_ROUTES", "PATTERN_FLOWS", "PATTERN_SHARES"):
                params[key] = "TEMPORARY_OUTPUT"
            t, cpu = time.perf_counter(), time.process_time()
            processing.run("backflow:fullanalysis", params)
            times.append(time.perf_counter() - t)
            cpus.append(time.process_time() - cpu)
    return {
        "first run": times[0],
        "best run": min(times),
        "first cpu": cpus[0],
        "best cpu": min(cpus),
    }


RUNS = {
    "floor": run_floor,
    "native": run_native,
    "import": run_import,
    "backflow": run_backflow,
    "memory": run_memory,
}


def child(run: str, csv_path: Path, out: Path) -> None:
    start = time.perf_counter()
    steps = RUNS[run](csv_path, out)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"steps": steps, "wall": wall, "peak_mb": peak, **RUN_TIME}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", default="floor,native,import,backflow,memory")
    parser.add_argument(
        "--sample", action="store_true", help="time the bundled sample end to end (memory layers)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.csv, args.out)
        return
    if args.sample:
        start = time.perf_counter()
        times = run_sample()
        print(
            f"sample ({SAMPLE.name}), QGIS started: first run {times['first run']:.1f} s, "
            f"best of 3 {times['best run']:.1f} s (whole script {time.perf_counter() - start:.1f} s)"
        )
        print(f"CPU time: first run {times['first cpu']:.1f} s, best {times['best cpu']:.1f} s")
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    runs = args.runs.split(",")
    results: dict[tuple[str, int], dict] = {}
    rows_of = {}
    with tempfile.TemporaryDirectory(prefix="backflow-bench-") as tmp:
        for n in sizes:
            csv_path = Path(tmp) / f"persons_{n}.csv"
            rows_of[n] = make_table(n, csv_path)
            for run in runs:
                out = Path(tmp) / f"{run}_{n}"
                out.mkdir()
                proc = subprocess.run(
                    [SYS_PY, __file__, "--child", run, "--csv", str(csv_path), "--out", str(out)],
                    capture_output=True,
                    text=True,
                )
                last = proc.stdout.strip().splitlines()[-1:] or ["{}"]
                try:
                    results[(run, n)] = json.loads(last[0]) if proc.returncode == 0 else {}
                except json.JSONDecodeError:
                    results[(run, n)] = {}
                if not results[(run, n)]:
                    results[(run, n)] = {"error": (proc.stderr or proc.stdout).strip()[-300:]}
    width = 16
    print(f"\n{'':34}" + "".join(f"{n:>{width},}" for n in sizes) + "  persons")
    print(f"{'stage rows':34}" + "".join(f"{rows_of[n]:>{width},}" for n in sizes))
    for run in runs:
        print(f"\n{run}")
        labels = list(dict.fromkeys(k for n in sizes for k in results[(run, n)].get("steps", {})))
        for label in labels:
            cells = [results[(run, n)].get("steps", {}).get(label) for n in sizes]
            print(
                f"  {label:32}"
                + "".join(
                    f"{c:>{width - 2}.1f} s" if c is not None else f"{'-':>{width}}" for c in cells
                )
            )
        for n in sizes:
            if "error" in results[(run, n)]:
                print(f"  FAILED at {n:,}: {results[(run, n)]['error']}")
        walls = [results[(run, n)].get("wall") for n in sizes]
        peaks = [results[(run, n)].get("peak_mb") for n in sizes]
        print(
            f"  {'total wall time':32}"
            + "".join(f"{w:>{width - 2}.1f} s" if w else f"{'-':>{width}}" for w in walls)
        )
        print(
            f"  {'peak memory':32}"
            + "".join(f"{p:>{width - 3},.0f} MB" if p else f"{'-':>{width}}" for p in peaks)
        )
        if run != "floor" and "floor" in runs:
            ratios = []
            for n in sizes:
                a, b = results[(run, n)].get("wall"), results[("floor", n)].get("wall")
                ratios.append(f"{a / b:>{width - 1}.1f}x" if a and b else f"{'-':>{width}}")
            print(f"  {'wall time / floor':32}" + "".join(ratios))
        if run == "import" and "native" in runs:
            ratios = []
            for n in sizes:
                a, b = results[(run, n)].get("wall"), results[("native", n)].get("wall")
                ratios.append(f"{b / a:>{width - 1}.1f}x" if a and b else f"{'-':>{width}}")
            print(f"  {'faster than native (native/import)':32}" + "".join(ratios))
    if "floor" in runs:
        print_floor_ratios(results, sizes, [r for r in ("memory", "backflow") if r in runs])


def floor_compute(result: dict) -> float | None:
    """The floor without its writing: read, match, pair, count."""
    steps = result.get("steps", {})
    if "read" not in steps:
        return None
    return steps["read"] + steps.get("match, pair, count", 0.0)


def print_floor_ratios(results: dict, sizes: list[int], runs: list[str], width: int = 16) -> None:
    names = {"memory": "fullanalysis, memory layers", "backflow": "fullanalysis, GeoPackage"}
    print("\nfullanalysis against its compute floor (goal: at most 5x)")
    floors = [floor_compute(results[("floor", n)]) for n in sizes]
    print(
        f"  {'floor: read, match, pair, count':32}"
        + "".join(f"{f:>{width - 2}.1f} s" if f else f"{'-':>{width}}" for f in floors)
    )
    for run in runs:
        times = [results[(run, n)].get("run") for n in sizes]
        print(
            f"  {names[run]:32}"
            + "".join(f"{t:>{width - 2}.1f} s" if t else f"{'-':>{width}}" for t in times)
        )
        print(
            f"  {'  / floor':32}"
            + "".join(
                f"{t / f:>{width - 1}.1f}x" if t and f else f"{'-':>{width}}"
                for t, f in zip(times, floors)
            )
        )


if __name__ == "__main__":
    main()
