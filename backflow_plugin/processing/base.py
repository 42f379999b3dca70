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

    def check_values_except_input(self, parameters, context) -> tuple[bool, str]:
        """Every parameter but INPUT against its definition.

        For a text file or spreadsheet INPUT, read by the plugin itself: QGIS's own
        check would open it through OGR (which fails on GB18030 or an empty file).
        """
        for definition in self.parameterDefinitions():
            if definition.name() == "INPUT":
                continue
            if not definition.checkValueIsAcceptable(parameters.get(definition.name()), context):
                return False, self.tr("Incorrect parameter value for {}").format(
                    definition.description()
                )
        return True, ""
