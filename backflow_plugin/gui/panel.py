"""The Backflow panel: from a table to styled, classified maps in one action.

Choose a table (a project layer or a file), check what was detected (columns, stage
labels), correct it, set the main options and Run. The run is backflow:fullanalysis in a
background task; the panel only gathers parameters and shows the results.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsMapLayerProxyModel,
    QgsSettings,
)
from qgis.gui import QgsDockWidget, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.disclosure.rules import MIN_PERSONS_DEFAULT
from ..core.schema import DEFAULT_HOME_COUNTRY
from ..core.tables.fields import ROLES
from ..translation import tr
from .notice import Notice
from .panel_common import SETTINGS, compact_combo, stage_labels
from .panel_run import PanelRun
from .panel_table import PanelTable
from .review import ReviewDialog
from .runner import AnalysisRun
from .stage_grid import StageGrid
from .table_preview import FILE_FILTER, TablePreview
from .wheel_guard import WheelGuard


def role_labels() -> dict[str, str]:
    return {
        "person": tr("Person"), "seq": tr("Order"), "stage": tr("Stage"), "city": tr("City"),
        "country": tr("Country"), "org": tr("Organisation"), "year": tr("Year"),
        "province": tr("Province / state"),
    }  # fmt: skip


class BackflowPanel(PanelTable, PanelRun, QgsDockWidget):
    """The dock widget. `run_finished(ok)` is emitted when a run ends."""

    run_finished = pyqtSignal(bool)

    def __init__(self, iface=None, parent=None) -> None:
        super().__init__(tr("Backflow"), parent)
        self.setObjectName("BackflowPanel")
        self.iface = iface
        self.preview: TablePreview | None = None
        self.source = None  # a layer or a path
        self.stages: list = []
        self.run: AnalysisRun | None = None
        self.last_results: dict = {}
        self.run_threshold = MIN_PERSONS_DEFAULT  # MIN_PERSONS of the last run started
        self.review_dialog: ReviewDialog | None = None
        self.wheel_guard = WheelGuard(self)
        self._build()
        self._restore()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)

        source_box = QGroupBox(tr("Table"))
        form = QFormLayout(source_box)
        self.layer_combo = QgsMapLayerComboBox()
        self.layer_combo.setFilters(QgsMapLayerProxyModel.Filter.VectorLayer)
        self.layer_combo.setAllowEmptyLayer(True)
        self.layer_combo.setLayer(None)
        self.layer_combo.layerChanged.connect(self._layer_chosen)
        form.addRow(tr("Layer"), self.layer_combo)
        self.file_widget = QgsFileWidget()
        self.file_widget.setFilter(FILE_FILTER)
        self.file_widget.setDialogTitle(tr("Choose a trajectory table"))
        self.file_widget.fileChanged.connect(self._file_chosen)
        form.addRow(tr("or file"), self.file_widget)
        self.table_info = QLabel(tr("Choose a layer or a file (CSV in any encoding, XLSX...)"))
        self.table_info.setWordWrap(True)
        form.addRow(self.table_info)
        self.layout_combo = QComboBox()
        self.layout_combo.addItems([tr("Long: one row per stage"), tr("Wide: one row per person")])
        self.layout_combo.currentIndexChanged.connect(self._layout_changed)
        form.addRow(tr("Table layout"), self.layout_combo)
        layout.addWidget(source_box)

        self.preview_table = QTableWidget()
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.setMinimumHeight(140)
        self.preview_table.verticalHeader().setDefaultSectionSize(22)
        layout.addWidget(QLabel(tr("First rows")))
        layout.addWidget(self.preview_table)

        self.wide_box = QGroupBox(tr("Columns of each stage (wide table: one row per person)"))
        wide_layout = QVBoxLayout(self.wide_box)
        person_row = QFormLayout()
        # the person column of a wide table, the same choice as among the detected columns
        self.wide_person = QComboBox()
        self.wide_person.currentIndexChanged.connect(self._wide_person_chosen)
        person_row.addRow(role_labels()["person"], self.wide_person)
        wide_layout.addLayout(person_row)
        self.stage_grid = StageGrid(stage_labels(), self.wheel_guard)
        self.stage_grid.changed.connect(self._grid_changed)
        wide_layout.addWidget(self.stage_grid)
        layout.addWidget(self.wide_box)

        self.fields_box = fields_box = QGroupBox(tr("Detected columns"))
        self.fields_form = QFormLayout(fields_box)
        self.role_combos: dict[str, QComboBox] = {}
        for role in ROLES:
            combo = QComboBox()
            combo.currentIndexChanged.connect(self._fields_changed)
            self.role_combos[role] = combo
            self.fields_form.addRow(role_labels()[role], combo)
        layout.addWidget(fields_box)

        self.stage_box = stage_box = QGroupBox(
            tr("Stage labels (correct the detected stage if needed)")
        )
        stage_layout = QVBoxLayout(stage_box)
        self.stage_table = QTableWidget(0, 3)
        self.stage_table.setHorizontalHeaderLabels(
            [tr("Label in the table"), tr("Rows"), tr("Stage")]
        )
        self.stage_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.stage_table.verticalHeader().setVisible(False)
        self.stage_table.setMinimumHeight(120)
        stage_layout.addWidget(self.stage_table)
        layout.addWidget(stage_box)

        options = QGroupBox(tr("Options"))
        opt = QFormLayout(options)
        self.home_country = QLineEdit(DEFAULT_HOME_COUNTRY)
        self.home_country.setToolTip(
            tr("ISO code of the home country, or 'birth' for each person's birth country")
        )
        opt.addRow(tr("Home country"), self.home_country)
        self.method_combo = QComboBox()
        for label in (
            tr("Hybrid (centrality + administrative rank, as the paper)"),
            tr("Natural breaks (Fisher-Jenks)"),
            tr("Head/tail breaks"),
            tr("Quantiles"),
            tr("Top N"),
        ):
            self.method_combo.addItem(label)
        opt.addRow(tr("Tier method"), self.method_combo)
        self.geometry_combo = QComboBox()
        self.geometry_combo.addItems(
            [tr("Straight"), tr("Geodesic (great circle)"), tr("Curved arc")]
        )
        opt.addRow(tr("Flow line geometry"), self.geometry_combo)
        self.level_combo = QComboBox()
        self.level_combo.addItems([tr("City (as the paper)"), tr("Province (came back near home)")])
        opt.addRow(tr("Match the return with known places by"), self.level_combo)
        self.place_level_combo = QComboBox()
        self.place_level_combo.addItems(
            [tr("Prefecture-level city (as the paper)"), tr("County / district")]
        )
        opt.addRow(tr("Analysis level of places in China"), self.place_level_combo)
        self.aliases_widget = QgsFileWidget()
        self.aliases_widget.setFilter(tr("CSV files (*.csv *.txt *.tsv)"))
        self.aliases_widget.setToolTip(
            tr("A CSV of value, place, country applied before resolving (empty: none)")
        )
        opt.addRow(tr("Place aliases"), self.aliases_widget)
        self.review_button = QPushButton(tr("Review unresolved…"))
        self.review_button.setEnabled(False)
        self.review_button.setToolTip(
            tr("List the city values that do not resolve and give their places")
        )
        self.review_button.clicked.connect(self.review_unresolved)
        opt.addRow(self.review_button)
        self.regions_combo = QgsMapLayerComboBox()  # optional: the regional view
        self.regions_combo.setFilters(QgsMapLayerProxyModel.Filter.PolygonLayer)
        self.regions_combo.setAllowEmptyLayer(True)
        self.regions_combo.setLayer(None)
        self.regions_combo.setToolTip(
            tr("Provinces, city clusters, zones: returnees and flows by region")
        )
        opt.addRow(tr("Regions (optional)"), self.regions_combo)
        self.report_check = QCheckBox(tr("Write the report"))
        opt.addRow(self.report_check)
        # Disclosure control: the report, the map and the layers loaded here
        # hide cities, flows and cells of fewer persons; 1 shows everything.
        self.disclosure = QSpinBox()
        self.disclosure.setRange(1, 1000)
        self.disclosure.setValue(MIN_PERSONS_DEFAULT)
        self.disclosure.setToolTip(
            tr(
                "Cities, flows and table cells of fewer persons are hidden in the report, the "
                "map and the layers shown (the files keep every row); 1 shows everything"
            )
        )
        opt.addRow(tr("Hide groups under (persons)"), self.disclosure)
        layout.addWidget(options)
        layout.addWidget(self._build_display())

        run_row = QHBoxLayout()
        self.run_button = QPushButton(tr("Run"))
        self.run_button.setEnabled(False)
        self.run_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        run_row.addWidget(self.run_button)
        run_row.addWidget(self.cancel_button)
        layout.addLayout(run_row)
        # what the user must see (a layout to fix, a map the threshold emptied): in the
        # panel, beside the Run button, not only in the log
        self.notice = Notice()
        layout.addWidget(self.notice)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(500)
        self.log.setMinimumHeight(90)
        layout.addWidget(self.log)

        results_row = QHBoxLayout()
        self.report_button = QPushButton(tr("Open the report"))
        self.report_button.setEnabled(False)
        self.report_button.clicked.connect(self.open_report)
        self.map_button = QPushButton(tr("Make the publication map"))
        self.map_button.setEnabled(False)
        self.map_button.clicked.connect(self.make_map)
        results_row.addWidget(self.report_button)
        results_row.addWidget(self.map_button)
        layout.addLayout(results_row)
        layout.addStretch(1)

        for combo in body.findChildren(QComboBox):
            compact_combo(combo)
        self.wheel_guard.guard_all(body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        # Wide enough for every widget: the body's own minimum, plus the vertical scroll bar.
        scroll.setMinimumWidth(
            body.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4
        )
        self.setWidget(scroll)

    def _build_display(self) -> QGroupBox:
        """The canvas: the first view of a new project, and what dense flows show."""
        from ..styling.display import display_settings
        from ..styling.views import VIEW_WORLD, chosen_view

        box = QGroupBox(tr("Map display"))
        form = QFormLayout(box)
        self.view_combo = QComboBox()
        self.view_combo.addItem(tr("Home country (Albers equal-area)"), "home")
        self.view_combo.addItem(tr("World (Equal Earth, centred by the flows)"), "world")
        self.view_combo.setCurrentIndex(1 if chosen_view() == VIEW_WORLD else 0)
        self.view_combo.setToolTip(
            tr("Projection and view of a new project (an existing project keeps its own)")
        )
        form.addRow(tr("New project view"), self.view_combo)
        settings = display_settings()
        self.min_persons = QSpinBox()
        self.min_persons.setRange(1, 10000)
        self.min_persons.setValue(settings["min_count"])
        form.addRow(tr("Flows of at least (persons)"), self.min_persons)
        self.top_n = QSpinBox()
        self.top_n.setRange(0, 100000)
        self.top_n.setSpecialValueText(tr("all"))
        self.top_n.setValue(settings["top_n"])
        form.addRow(tr("Only the largest flows"), self.top_n)
        self.cluster_km = QSpinBox()
        self.cluster_km.setRange(0, 1000)
        self.cluster_km.setSingleStep(25)
        self.cluster_km.setSuffix(" km")
        self.cluster_km.setSpecialValueText(tr("off"))
        self.cluster_km.setValue(settings["cluster_km"])
        self.cluster_km.setToolTip(
            tr(
                "Adds a layer of the cities merged within this distance "
                "and of the return flows between them"
            )
        )
        form.addRow(tr("Cluster nearby cities"), self.cluster_km)
        self.min_persons.valueChanged.connect(self._refilter)
        self.top_n.valueChanged.connect(self._refilter)
        return box

    def save_display(self) -> None:
        from ..styling.display import save_display_settings
        from ..styling.views import set_chosen_view

        set_chosen_view(self.view_combo.currentData())
        save_display_settings(self.min_persons.value(), self.top_n.value(), self.cluster_km.value())

    def _refilter(self, *_args) -> None:
        """The display filter on this run's flow layers, as the spin boxes change."""
        if self.run is None or self.run.running:
            return
        from ..styling.display import filter_flows, view_flow_types

        self.save_display()
        for key in ("FLOWS", "PATTERN_FLOWS"):
            layer = self.run.layers.get(key)
            if layer is not None:
                filter_flows(
                    layer, self.min_persons.value(), self.top_n.value(), view_flow_types(layer)
                )

    # ------------------------------------------------------------------ settings

    def _restore(self) -> None:
        s = QgsSettings()
        self.home_country.setText(s.value(SETTINGS + "home_country", DEFAULT_HOME_COUNTRY, str))
        self.method_combo.setCurrentIndex(s.value(SETTINGS + "tier_method", 0, int))
        self.geometry_combo.setCurrentIndex(s.value(SETTINGS + "geometry", 1, int))
        self.level_combo.setCurrentIndex(s.value(SETTINGS + "level", 0, int))
        self.place_level_combo.setCurrentIndex(s.value(SETTINGS + "place_level", 0, int))
        self.report_check.setChecked(s.value(SETTINGS + "make_report", True, bool))
        self.disclosure.setValue(s.value(SETTINGS + "min_persons", MIN_PERSONS_DEFAULT, int))
        last = s.value(SETTINGS + "last_file", "", str)
        if last and Path(last).is_file():
            self.file_widget.setFilePath(last)

    def save_settings(self) -> None:
        s = QgsSettings()
        s.setValue(
            SETTINGS + "home_country", self.home_country.text().strip() or DEFAULT_HOME_COUNTRY
        )
        s.setValue(SETTINGS + "tier_method", self.method_combo.currentIndex())
        s.setValue(SETTINGS + "geometry", self.geometry_combo.currentIndex())
        s.setValue(SETTINGS + "level", self.level_combo.currentIndex())
        s.setValue(SETTINGS + "place_level", self.place_level_combo.currentIndex())
        s.setValue(SETTINGS + "make_report", self.report_check.isChecked())
        s.setValue(SETTINGS + "min_persons", self.disclosure.value())
        if isinstance(self.source, str):
            s.setValue(SETTINGS + "last_file", self.source)

    def closeEvent(self, event):  # noqa: N802
        self.save_settings()
        super().closeEvent(event)


def dock_area():
    return Qt.DockWidgetArea.RightDockWidgetArea
