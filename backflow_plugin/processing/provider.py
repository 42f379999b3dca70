"""The Backflow Processing provider (id ``backflow``)."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..paths import icon_path
from ..translation import tr


def _algorithm_classes() -> list[type]:
    from .import_trajectories import ImportTrajectoriesAlgorithm
    from .route_patterns import RoutePatternsAlgorithm

    classes: list[type] = [ImportTrajectoriesAlgorithm, RoutePatternsAlgorithm]
    return classes


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
