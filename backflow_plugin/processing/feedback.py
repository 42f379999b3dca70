"""Feedback helpers shared by the algorithms."""

from __future__ import annotations

from qgis.core import QgsProcessingMultiStepFeedback


def multi_step(steps: int, feedback) -> QgsProcessingMultiStepFeedback:
    """A multi-step feedback that also knows of a cancel made before it existed.

    QgsProcessingMultiStepFeedback follows its parent's cancel *signal*; a cancel
    that came earlier (between two child steps of a model or fullanalysis) would be
    missed and the step would run to the end.
    """
    out = QgsProcessingMultiStepFeedback(steps, feedback)
    if feedback is not None and feedback.isCanceled():
        out.cancel()
    return out
