"""Screenshots of QGIS desktop after one Backflow run in a NEW project (English, Chinese).

Runs the real QGIS window under Xvfb with a throw-away profile that has the plugin
(linked from this checkout) enabled, opens the Backflow panel, runs the bundled sample
and saves the main window once the run has finished and the canvas has drawn:

    python3 scripts/screenshots.py                 # docs/screenshots/first_look{,_zh}.png
    python3 scripts/screenshots.py --lang zh_CN    # one language only

Needs `xvfb-run` and `qgis` (Debian: xvfb, qgis).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SAMPLE = ROOT / "resources" / "sample" / "returnees_synthetic.csv"

# Runs inside QGIS (qgis --code): drive the panel as a user would, then grab the window.
SESSION = r"""
import sys
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface, plugins

OUT, SAMPLE, LOG = {out!r}, {sample!r}, {log!r}
state = {{"ticks": 0}}


def say(text):
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(str(text) + "\n")


def grab_and_quit():
    from qgis.core import QgsProject

    iface.mainWindow().grab().save(OUT, "PNG")
    say("saved " + QgsProject.instance().crs().description())
    QgsProject.instance().setDirty(False)  # no "save the project?" question on the way out
    import os

    os._exit(0)  # QGIS's own shutdown may wait on dialogs nobody will answer under Xvfb


def wait_for_canvas():
    canvas = iface.mapCanvas()
    if canvas.isDrawing():
        QTimer.singleShot(500, wait_for_canvas)
    else:
        QTimer.singleShot(1500, grab_and_quit)


def finished(ok):
    say(f"run finished {{ok}}")
    panel = plugins["backflow_plugin"].panel
    if panel is not None:  # show the run's log and summary at the panel's foot
        panel.widget().ensureWidgetVisible(panel.log)
    QTimer.singleShot(2500, wait_for_canvas)


def start():
    plugin = plugins.get("backflow_plugin")
    if plugin is None:  # not enabled in this profile yet: load it as the plugin manager does
        import qgis.utils

        try:
            qgis.utils.loadPlugin("backflow_plugin")
            qgis.utils.startPlugin("backflow_plugin")
        except Exception as err:
            say(f"loading the plugin failed: {{err!r}}")
        plugin = plugins.get("backflow_plugin")
    if plugin is None:
        say("the plugin did not load: " + ", ".join(plugins))
        QApplication.instance().exit(2)
        return
    panel = plugin.show_panel()
    panel.run_finished.connect(finished)
    panel.file_widget.setFilePath(SAMPLE)
    if not panel.start():
        say("the run did not start")
        QApplication.instance().exit(3)


def guard():
    state["ticks"] += 1
    if state["ticks"] > 40:  # 4 minutes: give up rather than hang
        say("timed out")
        QApplication.instance().exit(4)
    else:
        iface.mainWindow().grab().save(LOG + ".png", "PNG")  # what is on screen, if stuck
        QTimer.singleShot(6000, guard)


from qgis.PyQt.QtWidgets import QDockWidget
for dock in iface.mainWindow().findChildren(QDockWidget):
    if dock.objectName() == "Browser":
        dock.hide()
iface.mainWindow().showMaximized()
QTimer.singleShot(3000, start)
QTimer.singleShot(6000, guard)
"""


def profile(root: Path, lang: str) -> Path:
    """A fresh QGIS profile with the plugin linked in and enabled, UI in `lang`."""
    folder = root / "profiles" / "default"
    plugins = folder / "python" / "plugins"
    plugins.mkdir(parents=True)
    (plugins / "backflow_plugin").symlink_to(ROOT / "backflow_plugin")
    ini = folder / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(
        "[PythonPlugins]\nbackflow_plugin=true\n\n"
        "[locale]\n"
        f"overrideFlag=true\nuserLocale={lang}\nglobalLocale={lang}\n\n"
        "[qgis]\ncheckVersion=false\nshowTips%20=false\nnewProjectDefault=false\n"
        "[UI]\nhidebrowser=true\n",
        encoding="utf-8",
    )
    return root


def shoot(lang: str, out: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="backflow_shots_"))
    try:
        profile(work, lang)
        script = work / "session.py"
        log = work / "session.log"
        script.write_text(
            SESSION.format(out=str(out), sample=str(SAMPLE), log=str(log)), encoding="utf-8"
        )
        out.unlink(missing_ok=True)
        # QGIS's embedded Python finds its home through PATH: keep the system's first.
        path = os.pathsep.join(["/usr/bin", "/bin", os.environ.get("PATH", "")])
        env = dict(os.environ, PATH=path, QT_QPA_PLATFORM="xcb", LANG=f"{lang}.UTF-8")
        cmd = [
            "xvfb-run", "-a", "-s", "-screen 0 1920x1080x24",
            "qgis", "--nologo", "--noversioncheck", "--profiles-path", str(work),
            "--lang", lang, "--code", str(script),
        ]  # fmt: skip
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=420)
        if not out.is_file():
            sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
            if log.is_file():
                sys.stderr.write(log.read_text(encoding="utf-8"))
            raise SystemExit(f"no screenshot for {lang}")
        print(f"{lang}: {out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en_US", "zh_CN"), action="append")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for lang in args.lang or ["en_US", "zh_CN"]:
        suffix = "" if lang.startswith("en") else "_zh"
        shoot(lang, args.out / f"first_look{suffix}.png")


if __name__ == "__main__":
    main()
