#!/usr/bin/env python3
"""How long a cancel takes to stop backflow:importtrajectories, phase by phase (issue 15).

A 200,000-row long table (40,000 persons x 5 stages; a third of the cities unknown,
so geocoding has many chunks and fuzzy suggestions) goes through processing.run with
GeoPackage outputs. Each run cancels in one phase; the script prints the seconds from
the cancel to the return of processing.run, whether the run came back as a failure or
an empty (cancelled) result, and whether any output file was left behind. The issue's
target: under 1 s in every phase. Run: .venv/bin/python benchmarks/bench_cancel.py
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, "/usr/share/qgis/python/plugins")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SINKS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")
KNOWN = ("Beijing", "Shanghai", "Wuhan", "Boston", "London", "Tokyo", "Hefei", "Paris")
# phase -> the progress text after which the cancel comes (None: special cases)
PHASES = (
    ("reading the file", None),
    ("long form", "Reading the table"),
    ("geocoding: start", "Resolving city names"),
    ("geocoding: a chunk", "chunk"),
    ("returns and flows", "Finding returns and flows"),
    ("cities and routes", "Summarising cities and routes"),
    ("writing", "writing"),
)


def make_table(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["person_id", "stage", "city"])
        stages = ("birth", "bachelor", "phd", "postdoc", "work")
        for i in range(rows):
            city = KNOWN[i % len(KNOWN)] if i % 3 else f"Nowhere {i % 2000} qx"
            w.writerow([f"p{i // 5}", stages[i % 5], city])


def run_phase(phase: str, trigger: str | None, src: Path, out: Path) -> dict:
    import processing
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    from backflow_plugin.core.trajectories.build import RESOLVING

    stages_file = out / "STAGES.gpkg"

    class Canceller(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.at = None
            self.last = ""
            self.progressChanged.connect(self._progress)

        def _cancel(self):
            if self.at is None:
                self.at = time.perf_counter()
                self.cancel()

        def setProgressText(self, text):  # noqa: N802 - Qt name
            self.last = text
            if text == trigger:
                self._cancel()
            super().setProgressText(text)

        def _progress(self, _value):
            if trigger == "chunk" and self.last == RESOLVING:
                self._cancel()
            elif trigger == "writing" and stages_file.exists():
                self._cancel()

    feedback = Canceller()
    params = {"INPUT": str(src), **{k: str(out / f"{k}.gpkg") for k in SINKS}}
    start = time.perf_counter()
    if trigger is None:  # cancelled before the run: the reader's first look ends it
        feedback._cancel()
    try:
        result = processing.run("backflow:importtrajectories", params, feedback=feedback)
        outcome = "cancelled ({})" if not result else "SUCCESS ({})"
        outcome = outcome.format(len(result or {}))
    except QgsProcessingException as err:
        outcome = f"failed: {str(err)[:40]}"
    end = time.perf_counter()
    left = sorted(p.name for p in out.iterdir())
    return {
        "phase": phase,
        "cancel_to_return": end - (feedback.at or end),
        "run": end - start,
        "outcome": outcome,
        "files_left": ", ".join(left) or "none",
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    args = ap.parse_args()
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    import backflow_plugin

    plugin = backflow_plugin.classFactory(None)  # keep: it owns the provider
    plugin.initProcessing()
    with tempfile.TemporaryDirectory(prefix="backflow_bench_cancel_") as tmp:
        src = Path(tmp) / "big.csv"
        make_table(src, args.rows)
        print(f"{args.rows:,} rows, {src.stat().st_size / 1e6:.1f} MB; outputs: GeoPackage")
        print(f"{'phase':<22}{'cancel->return':>16}{'run':>9}  outcome         files left")
        for phase, trigger in PHASES:
            out = Path(tmp) / phase.replace(" ", "_").replace(":", "")
            out.mkdir()
            r = run_phase(phase, trigger, src, out)
            print(
                f"{r['phase']:<22}{r['cancel_to_return']:>14.3f} s{r['run']:>7.1f} s  "
                f"{r['outcome']:<16}{r['files_left']}"
            )
    app.exitQgis()


if __name__ == "__main__":
    main()
