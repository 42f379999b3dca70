#!/usr/bin/env python3
"""Cost of reading cells as organisations and compound places (core.places.cells).

Prints, each measured in a fresh process so nothing is shared: the load of the bundled
place gazetteer with its name index (the baseline: unchanged by this reading), the
load of the organisation table, and the import of the two CV test tables
(tests/data/cv, 40 persons) with the plain resolver (``Gazetteer.resolve``, the
baseline) and with ``resolve_cells``, after the place gazetteer is loaded.
Run: .venv/bin/python benchmarks/bench_place_cells.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SETUP = """
import sys, time
sys.path.insert(0, {root!r})
import pandas as pd
from backflow_plugin.core.places.gazetteer import Gazetteer
from backflow_plugin.core.tables.delimited import read_text_table
cells = []
for name in ("cv_returnees_zh.csv", "cv_returnees_en_gbk.csv"):
    frame, _ = read_text_table({root!r} + "/tests/data/cv/" + name)
    cells += [v for c in frame.columns[1:7] for v in frame[c] if v]
cells = pd.Series(cells, dtype=object)
t0 = time.perf_counter()
gaz = Gazetteer.bundled(); gaz.index
t1 = time.perf_counter()
"""
CASES = {
    "place gazetteer + index (baseline)": "print(t1 - t0)",
    "organisation table": (
        "from backflow_plugin.core.places.org_gazetteer import OrgGazetteer\n"
        "t = time.perf_counter(); OrgGazetteer.bundled(); print(time.perf_counter() - t)"
    ),
    "CV cells, Gazetteer.resolve (baseline)": (
        "t = time.perf_counter(); r = gaz.resolve(cells, None, 'CN')\n"
        "print(time.perf_counter() - t, r['city_id'].notna().mean())"
    ),
    "CV cells, resolve_cells": (
        "from backflow_plugin.core.places.cells import resolve_cells\n"
        "t = time.perf_counter(); r = resolve_cells(gaz, cells, None, 'CN')\n"
        "print(time.perf_counter() - t, r['city_id'].notna().mean())"
    ),
}


def main() -> int:
    print(f"{'step':42s} {'seconds':>8s} {'resolved':>9s}")
    for label, code in CASES.items():
        script = SETUP.format(root=str(ROOT)) + code
        out = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        ).stdout.split()
        share = f"{100 * float(out[1]):8.1f}%" if len(out) > 1 else ""
        print(f"{label:42s} {float(out[0]):8.2f} {share:>9s}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
