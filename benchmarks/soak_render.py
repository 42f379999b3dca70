#!/usr/bin/env python3
"""Soak: the canvas, panel and layout loops of tests/qgis/test_soak_render.py, many times.

Each section runs in fresh pytest processes (ROUNDS of them), so a crash (pytest killed
by a signal: a segfault in QGIS) is counted and the next round goes on. Prints a table:
renders or runs done, processes, crashes, failures, seconds.

    .venv/bin/python benchmarks/soak_render.py                 # 50 renders a style, 20 panel runs
    .venv/bin/python benchmarks/soak_render.py --renders 200 --panel-runs 40
    scripts/qgis_chroot.sh run sid 'make -s deps && .venv/bin/python benchmarks/soak_render.py'
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess  # nosec B404
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = "tests/qgis/test_soak_render.py"
STYLES = ("cities", "flows", "flows top", "routes", "stages", "network")


def qgis_version() -> str:
    probe = subprocess.run(  # nosec B603
        [sys.executable, "-c", "from qgis.core import Qgis; print(Qgis.QGIS_VERSION)"],
        capture_output=True,
        text=True,
        check=False,
    )
    return probe.stdout.strip() or "?"


def run_round(select: str, env: dict, report: Path) -> tuple[int, float]:
    """One pytest process on the tests matching `select`; (return code, seconds)."""
    start = time.monotonic()
    done = subprocess.run(  # nosec B603
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TESTS, "-k", select],
        cwd=ROOT,
        env={**env, "BACKFLOW_SOAK_REPORT": str(report)},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:  # the whole output: faulthandler's traceback is at its start
        text = done.stdout + done.stderr
        keep = ROOT / "out" / f"soak-{select}-{int(time.time())}.log"
        keep.parent.mkdir(exist_ok=True)
        keep.write_text(text, encoding="utf-8")
        fatal = text.find("Fatal Python error")
        shown = text[fatal : fatal + 4000] if fatal >= 0 else text[-3000:]
        print(f"  [{select}] exit {done.returncode} (all of it: {keep})\n{shown}", file=sys.stderr)
    return done.returncode, time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=50, help="renders of every style")
    parser.add_argument("--panel-runs", type=int, default=20)
    parser.add_argument("--layouts", type=int, default=10, help="publication map exports")
    parser.add_argument("--rounds", type=int, default=2, help="processes per section")
    args = parser.parse_args()
    rounds = max(1, args.rounds)
    per = {  # (pytest -k selection, env variable, total wanted)
        "canvas": ("canvas", "BACKFLOW_SOAK_RENDERS", args.renders),
        "panel": ("panel_runs", "BACKFLOW_SOAK_PANEL_RUNS", args.panel_runs),
        "layouts": ("layouts", "BACKFLOW_SOAK_LAYOUTS", args.layouts),
    }
    base = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    rows = []
    with tempfile.TemporaryDirectory(prefix="backflow-soak-") as tmp:
        report = Path(tmp) / "done.jsonl"
        for name, (select, variable, wanted) in per.items():
            each = -(-wanted // rounds)  # ceiling: at least `wanted` in all
            crashes = failures = 0
            seconds = 0.0
            for _ in range(rounds):
                code, took = run_round(select, {**base, variable: str(each)}, report)
                seconds += took
                crashes += code < 0 or code > 128  # killed by a signal
                failures += code in (1, 2, 3, 4)
            rows.append((name, crashes, failures, rounds, seconds))
        done: dict[str, int] = {}
        if report.exists():
            for line in report.read_text(encoding="utf-8").splitlines():
                item = json.loads(line)
                done[item["section"]] = done.get(item["section"], 0) + item["done"]
    print(f"Soak on QGIS {qgis_version()} ({rounds} processes per section)")
    print(f"{'section':<16}{'done':>7}{'processes':>11}{'crashes':>9}{'failed':>8}{'s':>8}")
    total_crashes = 0
    for name, crashes, failures, procs, seconds in rows:
        keys = (
            [f"canvas {s}" for s in STYLES]
            if name == "canvas"
            else ["panel runs" if name == "panel" else "layouts"]
        )
        for key in keys:
            label = key.replace("canvas ", "render ") if name == "canvas" else key
            print(f"{label:<16}{done.get(key, 0):>7}{procs:>11}{'':>9}{'':>8}{'':>8}")
        print(
            f"{'  ' + name + ' total':<16}{'':>7}{procs:>11}{crashes:>9}{failures:>8}{seconds:>8.0f}"
        )
        total_crashes += crashes
    print(f"crashes: {total_crashes}")
    return 1 if total_crashes or any(r[2] for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
