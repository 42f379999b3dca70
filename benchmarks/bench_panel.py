#!/usr/bin/env python3
"""From the panel's Run to the first layer in the project, on the bundled sample.

QGIS runs offscreen with pytest-qgis's stand-in for the QGIS interface (a map canvas in
a main window); the plugin is loaded as QGIS loads it (classFactory, initProcessing,
initGui) and its panel opened. The sample is chosen in the panel's file widget, then
Run is clicked ``--runs`` times (each run replaces the previous run's layers). For
each run the table gives the time from the click to the first layer added to the
project, to the end of the run (every layer added, styled, zoomed), and the CPU time
of the process over the same span (steadier than wall time on a shared machine).

    .venv/bin/python benchmarks/bench_panel.py [--runs 3] [--warm-up]

``--warm-up`` waits (up to 30 s) for the panel's background warm-up (the bundled
gazetteer and its name index, started when the panel opens) before the first click,
as when a user takes a few seconds to choose a file; without it the first click
comes at once.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample" / "returnees_synthetic.csv"


def _qgis_with_iface():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from unittest import mock

    from pytest_qgis.mock_qgis_classes import MockMessageBar
    from pytest_qgis.qgis_interface import QgisInterface
    from qgis.core import QgsApplication
    from qgis.gui import QgsGui, QgsMapCanvas
    from qgis.PyQt.QtWidgets import QMainWindow

    app = QgsApplication([], True)
    app.initQgis()
    QgsGui.editorWidgetRegistry().initEditors()
    from processing.core.Processing import Processing

    Processing.initialize()
    window = QMainWindow()
    canvas = QgsMapCanvas(window)
    window.resize(1200, 800)
    canvas.resize(1000, 700)
    iface = QgisInterface(canvas, MockMessageBar(), window)
    mock.patch("qgis.utils.iface", iface).start()
    return app, window, canvas, iface


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warm-up", action="store_true", help="let the warm-up end first")
    args = parser.parse_args()

    t = time.perf_counter()
    app, window, canvas, iface = _qgis_with_iface()  # noqa: F841 - kept alive
    from qgis.core import QgsProject
    from qgis.PyQt.QtCore import QCoreApplication

    import backflow_plugin

    started = time.perf_counter() - t
    plugin = backflow_plugin.classFactory(iface)
    plugin.initProcessing()
    plugin.initGui()
    panel = plugin.show_panel()
    if args.warm_up:
        from backflow_plugin.core.places import warmup

        warmup.wait(30.0)
    panel.file_widget.setFilePath(str(SAMPLE))
    if panel.preview is None:
        sys.exit("the panel did not read the sample")
    panel.home_country.setText("CN")

    first: list[float] = []
    QgsProject.instance().layerWasAdded.connect(
        lambda _layer: first.append(time.perf_counter()) if not first else None
    )
    rows = []
    for i in range(args.runs):
        first.clear()
        t0, cpu0 = time.perf_counter(), time.process_time()
        if not panel.start():
            sys.exit("the panel did not start: " + panel.log.toPlainText())
        while panel.is_running():
            QCoreApplication.processEvents()
            time.sleep(0.01)
        QCoreApplication.processEvents()
        end, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        if not panel.last_results:
            sys.exit("the run failed: " + panel.log.toPlainText())
        layers = len(panel.run.layers)
        rows.append((i + 1, (first[0] - t0) if first else float("nan"), end, cpu, layers))
    print(f"QGIS started in {started:.1f} s; sample {SAMPLE.name}; warm-up waited: {args.warm_up}")
    print(f"machine load (1-minute average, {os.cpu_count()} CPUs): {os.getloadavg()[0]:.1f}")
    print(f"{'run':>3} {'Run -> first layer':>19} {'Run -> all done':>16} {'CPU':>7} {'layers':>7}")
    for run, to_first, to_end, cpu, layers in rows:
        print(f"{run:>3} {to_first:>17.1f} s {to_end:>14.1f} s {cpu:>5.1f} s {layers:>7}")
    plugin.unload()


if __name__ == "__main__":
    main()
