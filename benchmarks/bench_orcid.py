#!/usr/bin/env python3
"""ORCID dump -> GeoPackage: backflow:importorcid beside a plain parsing floor.

For each size a dump of generated records in the v3.0 schema (scripts/make_orcid_dump.py:
a summaries .tar.gz, one XML record per member) is made once and kept in --work-dir.
Three runs, each in its own process so wall time and peak memory are its own:

- ``floor``: ``tarfile`` streaming the archive and ``xml.etree.ElementTree.iterparse``
  over every member: the least any reader of the same files does;
- ``reader``: ``core.records.orcid.read_orcid`` and ``core.records.careers.career_chunks``: the records
  as long-table chunks (no geocoding, nothing written);
- ``import``: ``backflow:importorcid`` writing STAGES, FLOWS, CITIES, UNRESOLVED and
  RECORDS to one GeoPackage (chunks of 100,000 records).

Wall time on a shared machine depends on its load: CPU time (user + system) is printed
beside it. Targets: at 1,000,000 records the import peaks under 2 GB and reads at least 2,000
records a second.

    make bench                                                  # 10k and 100k
    .venv/bin/python benchmarks/bench_orcid.py --sizes 1000000  # the big one
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
SYS_PY = "/usr/bin/python3"
RUNS = ("floor", "reader", "import")


def dump_path(work: Path, size: int) -> Path:
    path = work / f"orcid_summaries_{size}.tar.gz"
    if not path.exists():
        sys.path.insert(0, str(ROOT / "scripts"))
        from make_orcid_dump import write_dump

        t = time.perf_counter()
        write_dump(str(path) + ".part", size)
        os.replace(str(path) + ".part", path)
        print(f"  generated {size:,} records in {time.perf_counter() - t:.0f} s: {path}")
    return path


# ---------------------------------------------------------------- the runs (children)


def run_floor(path: Path) -> dict:
    import tarfile
    import xml.etree.ElementTree as ET  # noqa: N817  # nosec B405

    records = elements = 0
    with tarfile.open(path, mode="r|*") as tar:
        for member in tar:
            tar.members = []  # as the reader: no header of a million members kept
            if not member.isfile():
                continue
            records += 1
            for _ in ET.iterparse(tar.extractfile(member)):  # nosec B314
                elements += 1
    return {"records": records, "elements": elements}


def run_reader(path: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from backflow_plugin.core.records.careers import career_chunks
    from backflow_plugin.core.records.orcid import read_orcid

    records = stages = 0
    for _long, _acc, counts in career_chunks(read_orcid([path]), 100_000):
        records += counts["records"]
        stages += counts["stages"]
    return {"records": records, "stages": stages}


def run_import(path: Path, out_dir: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

    app = QgsApplication.instance() or QgsApplication([], False)
    app.initQgis()
    import processing
    from processing.core.Processing import Processing

    import backflow_plugin

    Processing.initialize()
    plugin = backflow_plugin.classFactory(None)
    plugin.initProcessing()
    gpkg = out_dir / "orcid.gpkg"
    outputs = {
        k: f"ogr:dbname='{gpkg}' table=\"{k.lower()}\" (geom)"
        for k in ("STAGES", "FLOWS", "CITIES", "UNRESOLVED", "RECORDS")
    }
    res = processing.run(
        "backflow:importorcid",
        {"INPUT": str(path), "CHUNK_RECORDS": 100_000, **outputs},
        context=QgsProcessingContext(),
        feedback=QgsProcessingFeedback(),
    )
    return {
        "records": res["RECORDS_IN"] + res["RECORDS_OUT"],
        "stages": res["STAGE_ROWS"],
        "resolved": res["RESOLVED_ROWS"],
        "gpkg_mb": gpkg.stat().st_size / 2**20,
    }


def child(run: str, path: Path, out_dir: Path) -> None:
    start = time.perf_counter()
    if run == "floor":
        info = run_floor(path)
    elif run == "reader":
        info = run_reader(path)
    else:
        info = run_import(path, out_dir)
    info["wall"] = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    info["peak_mb"] = usage.ru_maxrss / 1024
    info["cpu"] = usage.ru_utime + usage.ru_stime
    print("RESULT " + json.dumps(info))


# ---------------------------------------------------------------- the table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--work-dir", default=str(Path(tempfile.gettempdir()) / "backflow_orcid"))
    ap.add_argument("--runs", default=",".join(RUNS), help="which of floor,reader,import")
    ap.add_argument("--child", nargs=3, metavar=("RUN", "DUMP", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    work = Path(args.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    runs = [r for r in RUNS if r in args.runs.split(",")]
    results: dict = {}
    for n in sizes:
        path = dump_path(work, n)
        for run in runs:
            with tempfile.TemporaryDirectory(dir=work) as out:
                proc = subprocess.run(  # nosec B603
                    [SYS_PY, __file__, "--child", run, str(path), out],
                    capture_output=True,
                    text=True,
                    check=False,
                )
            line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
            if line is None:
                print(proc.stdout[-2000:], proc.stderr[-4000:])
                raise SystemExit(f"{run} at {n:,} failed")
            results[(run, n)] = json.loads(line[7:])
            r = results[(run, n)]
            print(
                f"  {run:7} {n:>9,}: {r['wall']:7.1f} s wall, {r['cpu']:7.1f} s CPU, "
                f"{r['peak_mb']:7,.0f} MB",
                flush=True,
            )
    width = 16
    print()
    print(f"{'records':32}" + "".join(f"{n:>{width},}" for n in sizes))
    for run in runs:
        print(
            f"  {run + ' wall':30}"
            + "".join(f"{results[(run, n)]['wall']:>{width - 2}.1f} s" for n in sizes)
        )
        print(
            f"  {run + ' CPU':30}"
            + "".join(f"{results[(run, n)]['cpu']:>{width - 2}.1f} s" for n in sizes)
        )
        print(
            f"  {run + ' records/s':30}"
            + "".join(f"{n / results[(run, n)]['wall']:>{width},.0f}" for n in sizes)
        )
        print(
            f"  {run + ' peak memory':30}"
            + "".join(f"{results[(run, n)]['peak_mb']:>{width - 3},.0f} MB" for n in sizes)
        )
    if not {"floor", "import"} <= set(runs):
        return
    print(
        f"  {'import / floor (wall)':30}"
        + "".join(
            f"{results[('import', n)]['wall'] / results[('floor', n)]['wall']:>{width - 1}.1f}x"
            for n in sizes
        )
    )
    print(
        f"  {'stage rows (import)':30}"
        + "".join(f"{results[('import', n)]['stages']:>{width},}" for n in sizes)
    )
    print(
        f"  {'resolved rows (import)':30}"
        + "".join(f"{results[('import', n)]['resolved']:>{width},}" for n in sizes)
    )
    for n in sizes:
        ok_mem = results[("import", n)]["peak_mb"] < 2048
        ok_rate = n / results[("import", n)]["wall"] >= 2000
        print(
            f"  {n:,} records: peak {'<' if ok_mem else '>='} 2 GB, "
            f"{'>=' if ok_rate else '<'} 2,000 records/s"
        )


if __name__ == "__main__":
    main()
