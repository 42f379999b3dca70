"""An outside check of Regional flows, source cities and trends on data other than the
sample: region layers as users have them, years written as text, odd period strings."""

from __future__ import annotations

import processing
from qgis.core import QgsFeatureRequest, QgsProcessingContext, QgsProcessingFeedback, QgsProject

from tests.qgis.test_regional_flows_alg import ALG_ID, OUTS, by, clusters_gpkg, stages_layer

__all__ = ["clusters_gpkg"]  # the fixture, used by name


def _qgis_default_context() -> QgsProcessingContext:
    """The context of the Processing toolbox and of processing.run without one: QGIS's
    default setting stops at the first invalid input geometry."""
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryAbortOnInvalid)
    return context


def test_invalid_region_is_repaired_under_qgis_default_check(plugin, clusters_gpkg):
    result = processing.run(
        ALG_ID,
        {"INPUT": stages_layer(), "INPUT_REGIONS": clusters_gpkg, "NAME_FIELD": "cluster",
         "OVERLAP": 1, "NEAR_KM": 0, **OUTS},
        context=_qgis_default_context(),
        feedback=QgsProcessingFeedback(),
    )  # fmt: skip
    regions = by(result["REGIONS"], "name")
    assert regions["West"]["geometry_check"] == "invalid geometry, repaired"
    assert result["RETURNEES_IN_REGIONS"] == 4
