"""The plugin object QGIS creates through classFactory."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu

from .paths import icon_path
from .processing.provider import BackflowProvider
from .translation import install_translator, remove_translator, tr


class BackflowPlugin:
    def __init__(self, iface) -> None:
        self.iface = iface
        self.provider: BackflowProvider | None = None
        self.panel = None
        self.menu: QMenu | None = None
        self.actions: list[QAction] = []
        install_translator()

    # Processing first: qgis_process calls only initProcessing().
    def initProcessing(self) -> None:  # noqa: N802
        if self.provider is None:
            self.provider = BackflowProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)
            # The bundled models resolve their steps (backflow:...) through the
            # registry, which knows the provider only now.
            self.provider.refreshAlgorithms()

    def initGui(self) -> None:  # noqa: N802
        self.initProcessing()
        main = self.iface.mainWindow()
        icon = QIcon(icon_path("backflow.svg"))
        self.panel_action = QAction(icon, tr("Backflow panel"), main)
        self.panel_action.setObjectName("BackflowPanelAction")
        self.panel_action.setToolTip(tr("Backflow: from a trajectory table to maps in one run"))
        self.panel_action.setCheckable(True)
        self.panel_action.triggered.connect(self.toggle_panel)
        self.full_action = QAction(icon, tr("Full analysis (Processing)..."), main)
        self.full_action.triggered.connect(lambda: self._dialog("backflow:fullanalysis"))
        self.actions = [self.panel_action, self.full_action]

        self.menu = QMenu(tr("Backflow"), main)
        self.menu.setObjectName("BackflowMenu")
        for action in self.actions:
            self.menu.addAction(action)
        bar = main.menuBar()
        help_menu = next(
            (
                a
                for a in bar.actions()
                if a.menu() is not None and a.menu().objectName() == "mHelpMenu"
            ),
            None,
        )
        if help_menu is not None:
            bar.insertMenu(help_menu, self.menu)
        else:
            bar.addMenu(self.menu)
        self.iface.addToolBarIcon(self.panel_action)

    def _dialog(self, alg_id: str) -> None:
        import processing

        processing.execAlgorithmDialog(alg_id, {})

    def show_panel(self):
        """The panel, created on first use and docked on the right."""
        from .gui.panel import BackflowPanel, dock_area

        if self.panel is None:
            from .core.places import warmup

            warmup.start()  # the gazetteer loads while the user chooses a file
            self.panel = BackflowPanel(self.iface, self.iface.mainWindow())
            self.iface.addDockWidget(dock_area(), self.panel)
            self.panel.visibilityChanged.connect(self.panel_action.setChecked)
        self.panel.show()
        self.panel.raise_()
        return self.panel

    def toggle_panel(self, checked: bool = True) -> None:
        if checked:
            self.show_panel()
        elif self.panel is not None:
            self.panel.hide()

    def unload(self) -> None:
        if self.panel is not None:
            self.panel.save_settings()
            self.iface.removeDockWidget(self.panel)
            self.panel.deleteLater()
            self.panel = None
        for action in self.actions:
            self.iface.removeToolBarIcon(action)
        if self.menu is not None:
            self.menu.menuAction().setVisible(False)
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        self.actions = []
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()
