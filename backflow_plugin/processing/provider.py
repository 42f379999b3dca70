"""The Backflow Processing provider (id ``backflow``)."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..paths import icon_path
from ..translation import tr


def _algorithm_classes() -> list[type]:
    from .city_network import CityNetworkAlgorithm
    from .full_analysis import FullAnalysisAlgorithm
    from .import_orcid import ImportOrcidAlgorithm
    from .import_trajectories import ImportTrajectoriesAlgorithm
    from .postgis_flows import PostgisFlowsAlgorithm
    from .publication_map import PublicationMapAlgorithm
    from .regional_flows import RegionalFlowsAlgorithm
    from .report import ReportAlgorithm
    from .route_patterns import RoutePatternsAlgorithm
    from .web_export import WebExportAlgorithm

    return [
        ImportTrajectoriesAlgorithm,
        CityNetworkAlgorithm,
        RoutePatternsAlgorithm,
        PublicationMapAlgorithm,
        ReportAlgorithm,
        FullAnalysisAlgorithm,
        RegionalFlowsAlgorithm,
        PostgisFlowsAlgorithm,
        ImportOrcidAlgorithm,
        WebExportAlgorithm,
    ]


def _models() -> list:
    """The bundled Processing models (resources/models/*.model3), shown in the toolbox."""
    from qgis.core import QgsProcessingModelAlgorithm

    from ..paths import MODELS_DIR

    models = []
    for path in sorted(MODELS_DIR.glob("*.model3")):
        model = QgsProcessingModelAlgorithm()
        if model.fromFile(str(path)):
            models.append(model)
    return models


class BackflowProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "backflow"

    def name(self) -> str:
        return tr("Backflow")

    def longName(self) -> str:  # noqa: N802
        return tr("Backflow: return migration of highly skilled people")

    def icon(self) -> QIcon:
        return QIcon(icon_path("backflow.svg"))

    def loadAlgorithms(self) -> None:  # noqa: N802
        for cls in _algorithm_classes():
            self.addAlgorithm(cls())
        for model in _models():
            self.addAlgorithm(model)
