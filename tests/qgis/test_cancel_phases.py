"""Issue 15: a cancel during geocoding of a big table stops the run within one chunk.

No timed assertion (the machine is shared): the test counts the chunks of distinct
names that finish after the cancel; benchmarks/bench_cancel.py prints the seconds.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from backflow_plugin.core.trajectories.build import RESOLVING

SINKS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")
KNOWN = ("Beijing", "Shanghai", "Wuhan", "Boston", "London", "Tokyo", "Hefei", "Paris")


class _CancelInGeocoding(QgsProcessingFeedback):
    """Cancels at the first chunk report of geocoding; counts the reports after it."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self.after_cancel = 0
        self.progressChanged.connect(self._progress)

    def setProgressText(self, text):  # noqa: N802
        self.texts.append(text)
        super().setProgressText(text)

    def _progress(self, _value):
        # A report while the phase text is RESOLVING: a chunk of distinct names is done
        # (the phase's own start is reported before its text is set).
        if not self.texts or self.texts[-1] != RESOLVING:
            return
        if self.isCanceled():
            self.after_cancel += 1
        else:
            self.cancel()  # at the first chunk


def _big_table(path: Path, rows: int = 200_000) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["person_id", "stage", "city"])
        stages = ("birth", "bachelor", "phd", "postdoc", "work")
        for i in range(rows):
            # 2,000 unknown names among the known ones: many chunks to resolve
            city = KNOWN[i % len(KNOWN)] if i % 3 else f"Nowhere {i % 2000} qx"
            w.writerow([f"p{i // 5}", stages[i % 5], city])
    return path


@pytest.mark.parametrize("alg", ["backflow:importtrajectories", "backflow:fullanalysis"])
def test_cancel_in_geocoding_of_200k_rows(run_alg, tmp_path, alg):
    src = _big_table(tmp_path / "big.csv")
    outputs = {k: str(tmp_path / f"{k}.gpkg") for k in SINKS}
    feedback = _CancelInGeocoding()
    try:
        result = run_alg(alg, {"INPUT": str(src), **outputs}, feedback)
    except QgsProcessingException:
        result = None  # a failed run is as good as an empty one: no success
    assert feedback.isCanceled()
    assert not result  # {} (cancelled) or raised, never the layers
    assert feedback.after_cancel <= 1  # at most the chunk under way when cancelled
    assert "Finding returns and flows" not in feedback.texts
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv"]  # no partial file


def test_a_cancel_before_the_run_is_not_lost(run_alg, tmp_path):
    # QgsProcessingMultiStepFeedback follows the cancel *signal*: a cancel made before
    # the algorithm built its steps used to be missed, and the run wrote every layer.
    src = _big_table(tmp_path / "big.csv", rows=5_000)
    outputs = {k: str(tmp_path / f"{k}.gpkg") for k in SINKS}
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    assert not run_alg("backflow:importtrajectories", {"INPUT": str(src), **outputs}, feedback)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv"]
