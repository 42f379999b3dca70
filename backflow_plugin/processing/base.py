"""The one small base class every Backflow algorithm derives from."""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm
from qgis.PyQt.QtGui import QIcon

from ..paths import icon_path
from ..translation import tr


class BackflowAlgorithm(QgsProcessingAlgorithm):
    """Shared plumbing: translation, icon, group, instance creation."""

    def tr(self, text: str) -> str:  # noqa: D102 - Qt naming
        return tr(text)

    def createInstance(self):  # noqa: N802
        return type(self)()

    def icon(self) -> QIcon:
        return QIcon(icon_path("backflow.svg"))

    def group(self) -> str:
        return self.tr("Return migration")

    def groupId(self) -> str:  # noqa: N802
        return "returnmigration"
