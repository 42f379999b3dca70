"""Loading the bundled gazetteer and its name index in the background.

The first run of a session otherwise pays for them (about a second of CPU, 120 MB):
the panel starts this when it opens, while the user is still choosing a file, so the
first Run finds them ready. Not started with QGIS itself: a session that never uses
Backflow should not hold the gazetteer. Pure Python; a run that needs the gazetteer
while the warm-up is still building it waits for that build instead of repeating it
(the locks in :mod:`.gazetteer`).
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger("backflow")
_thread: threading.Thread | None = None


def _load() -> None:
    try:
        from .gazetteer import Gazetteer

        Gazetteer.bundled().index  # noqa: B018 - built and kept for the session
        from .org_gazetteer import OrgGazetteer

        OrgGazetteer.bundled()  # the organisation table (a tenth of a second)
    except Exception as err:  # noqa: BLE001 - a warm-up never fails anything; the run reports
        log.debug("gazetteer warm-up failed: %s", err)


def start() -> None:
    """Start the warm-up once per session (later calls do nothing)."""
    global _thread
    if _thread is None:
        _thread = threading.Thread(target=_load, name="backflow-warm-up", daemon=True)
        _thread.start()


def wait(timeout: float | None = None) -> bool:
    """Wait for the warm-up to end; True when it has (or was never started)."""
    if _thread is not None:
        _thread.join(timeout)
        return not _thread.is_alive()
    return True
