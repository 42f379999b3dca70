"""The plugin object QGIS creates through classFactory."""

from __future__ import annotations

from qgis.core import QgsApplication

from .processing.provider import BackflowProvider
from .translation import install_translator, remove_translator


class BackflowPlugin:
    def __init__(self, iface) -> None:
        self.iface = iface
        self.provider: BackflowProvider | None = None
        install_translator()

    # Processing first: qgis_process calls only initProcessing().
    def initProcessing(self) -> None:  # noqa: N802
        if self.provider is None:
            self.provider = BackflowProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:  # noqa: N802
        self.initProcessing()

    def unload(self) -> None:
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()
