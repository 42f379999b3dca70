"""The canvas's render threads kept away from the project's layers while they change.

QGIS's canvas draws in a pool of threads, which read the layers and QGIS's cached project
expression scope while the main thread goes on. Deleting a layer they draw, or changing
the project's layers while they rebuild that cache, crashes QGIS; QGIS desktop stops
its render around its own removals, and Backflow does the same around its own changes.
"""

from __future__ import annotations

import contextlib

from qgis.core import QgsProject
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, QThreadPool

from ..qgis_io import in_main_thread


def map_canvas():
    """QGIS's map canvas; None without one, or once it is deleted (QGIS closing)."""
    try:
        from qgis.utils import iface
    except ImportError:
        return None
    canvas = iface.mapCanvas() if iface is not None and hasattr(iface, "mapCanvas") else None
    if isinstance(canvas, QObject) and sip.isdeleted(canvas):
        return None
    return canvas


# How long a change of the project's layers waits for the canvas's cancelled render
# threads (they stop within milliseconds; the bound keeps QGIS responsive when another
# task holds the shared thread pool).
RENDER_STOP_WAIT_MS = 2000


def stop_rendering(wait_ms: int = 0) -> bool:
    """End the canvas's render before layers it draws are deleted: its render threads
    still read them (QGIS desktop does the same around its own removals). The canvas
    cancels without waiting; `wait_ms` > 0 waits up to that long for the threads of a
    render that was running to end. True when a render was stopped."""
    canvas = map_canvas()
    if canvas is None or not hasattr(canvas, "stopRendering"):
        return False
    drawing = canvas.isDrawing()
    canvas.stopRendering()
    if drawing and wait_ms > 0:
        QThreadPool.globalInstance().waitForDone(wait_ms)
    return drawing


@contextlib.contextmanager
def layers_changing(project: QgsProject):
    """Add or remove the project's layers with no canvas render thread running.

    Every change of the project's layers drops QGIS's cached project expression scope,
    and render threads rebuild it on their own when they open a layer's features; that
    cache is not thread-safe, so a rebuild in a render thread while the main thread
    changes layers or rebuilds it for a canvas refresh corrupts memory (a crash in
    QgsExpressionContextScope::addFunction on QGIS 3.44). So: stop the render and wait
    for its threads, change the layers, then rebuild the scope here, in the main thread,
    before any render starts again; render threads then only copy it. Off the main
    thread (where the canvas is not to be touched) it does nothing."""
    if not in_main_thread():
        yield
        return
    stopped = stop_rendering(RENDER_STOP_WAIT_MS)
    try:
        yield
    finally:
        project.createExpressionContextScope()  # the cached scope, built here
        canvas = map_canvas()
        if stopped and canvas is not None:
            canvas.refresh()  # the stopped render drawn again, once the changes are made
