"""The Backflow panel: from a table to styled, classified maps in one action.

Choose a table (a project layer or a file), check what was detected (columns, stage
labels), correct it, set the main options and Run. The run is backflow:fullanalysis in a
background task; the panel only gathers parameters and shows the results.
"""

from __future__ import annotations

import json
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.gui import QgsDockWidget, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt, QUrl, pyqtSignal
from qgis.PyQt.QtGui import QColor, QDesktopServices
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
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.disclosure.rules import MIN_PERSONS_DEFAULT, ThresholdCheck, map_mostly_hidden
from ..core.errors import BackflowInputError
from ..core.schema import DEFAULT_HOME_COUNTRY, ROLE_PARAMS, STAGES
from ..core.tables.fields import ROLES
from ..core.tables.reshape import parse_mapping
from ..core.tables.wide_layout import detect_wide
from ..core.trajectories.review import aliases_from_choices
from ..qgis_io import in_temporary_folder, kept_report_path
from ..styling.disclosure_filter import sentences
from ..translation import tr
from .notice import Notice
from .review import ReviewDialog
from .review_step import alias_target, review_table, save_review
from .runner import AnalysisRun
from .stage_grid import StageGrid
from .table_preview import FILE_FILTER, TablePreview, corrections, read_preview, stage_values
from .wheel_guard import WheelGuard

UNRECOGNISED = "#FFE2B8"  # stage labels the import would not read: shown first, in this colour

SETTINGS = "backflow/"
PROJECT_SCOPE = "backflow"  # the panel's entries in the project file
WIDE_MAPPINGS = "wide_mappings"  # JSON {table: WIDE_MAPPING text}, saved with the project
LONG, WIDE = 0, 1  # the layout combo's items
PREVIEW_ROWS = 12
MAP_ID = "backflow:publicationmap"


def _compact(combo: QComboBox) -> QComboBox:
    """A combo box that fits a narrow dock (long items are elided, not widening it)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def role_labels() -> dict[str, str]:
    return {
        "person": tr("Person"), "seq": tr("Order"), "stage": tr("Stage"), "city": tr("City"),
        "country": tr("Country"), "org": tr("Organisation"), "year": tr("Year"),
        "province": tr("Province / state"),
    }  # fmt: skip


def stage_labels() -> dict[str, str]:
    return {
        "birth": tr("birth"), "bachelor": tr("bachelor"), "master": tr("master"),
        "phd": tr("phd"), "postdoc": tr("postdoc"), "work": tr("work"), "visit": tr("visit"),
        "return": tr("return"), "later": tr("later"),
    }  # fmt: skip


def flag_summary(results: dict) -> str:
    """'historic names 3; city from the organisation 2' from the run's flag counts."""
    labels = {
        "HISTORIC_ROWS": tr("historic names"),
        "PROVINCE_ROWS": tr("placed by province or state"),
        "SMALL_PLACE_ROWS": tr("small places"),
        "COUNTRY_CONFLICT_ROWS": tr("in another country than given"),
        "FROM_ORG_ROWS": tr("city from the organisation"),
        "USER_ALIAS_ROWS": tr("place aliases"),
        "PROVINCE_ONLY_ROWS": tr("a province only"),
        "FUZZY_ROWS": tr("fuzzy matches (check in Review)"),
        "TOLERANT_ROWS": tr("abbreviations and addresses read"),
    }
    return "; ".join(f"{label} {results[k]}" for k, label in labels.items() if results.get(k))


class BackflowPanel(QgsDockWidget):
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
            _compact(combo)
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

    # ------------------------------------------------------------------ the table

    def _layer_chosen(self, layer) -> None:
        if layer is None:
            return
        self.file_widget.blockSignals(True)
        self.file_widget.setFilePath("")
        self.file_widget.blockSignals(False)
        self.set_source(layer)

    def _file_chosen(self, path: str) -> None:
        if not path:
            return
        self.layer_combo.blockSignals(True)
        self.layer_combo.setLayer(None)
        self.layer_combo.blockSignals(False)
        self.set_source(path)

    def set_source(self, source) -> bool:
        """Read a layer or a file and show what was detected; False when it cannot be read."""
        self.source = source
        try:
            self.preview = read_preview(source)
        except Exception as err:  # noqa: BLE001 - shown to the user, the run would say the same
            self.preview = None
            describe = getattr(err, "describe", None)
            self.table_info.setText(
                tr("Cannot read the table: {}").format(describe(tr) if describe else err)
            )
            self.run_button.setEnabled(False)
            self.review_button.setEnabled(False)
            return False
        self.review_button.setEnabled(True)
        self.table_info.setText(f"{self.preview.label}: {self.preview.info}")
        self._show_rows()
        for role, combo in self.role_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr("(none)"), "")
            for col in self.preview.columns:
                combo.addItem(col, col)
            detected = self.preview.fields.get(role)
            combo.setCurrentIndex(max(combo.findData(detected), 0) if detected else 0)
            combo.blockSignals(False)
        self._detect_layout()
        self._fields_changed()
        self.run_button.setEnabled(self.run is None or not self.run.running)
        return True

    # ------------------------------------------------------------------ wide tables

    def source_key(self) -> str:
        """The table's key among the project's saved mappings (layer id or file path)."""
        if isinstance(self.source, QgsVectorLayer):
            return self.source.id()
        return str(self.source or "")

    def saved_mappings(self) -> dict[str, str]:
        text, _ok = QgsProject.instance().readEntry(PROJECT_SCOPE, WIDE_MAPPINGS, "")
        try:
            saved = json.loads(text) if text else {}
        except ValueError:
            return {}
        return saved if isinstance(saved, dict) else {}

    def _detect_layout(self) -> None:
        """Wide or long from the headers; the grid from the project's saved mapping for
        this table when there is one, else from the detection."""
        columns = self.preview.columns
        detected = detect_wide(self.preview.frame)
        stages = detected.stages
        saved = self.saved_mappings().get(self.source_key())
        if saved:
            try:
                stages = parse_mapping(saved, columns)
            except BackflowInputError:
                saved = None  # the table changed since: detect again
        wide = bool(saved) or (detected.is_wide and not self.preview.fields.get("stage"))
        self.stage_grid.blockSignals(True)
        self.stage_grid.set_table(columns, stages)
        self.stage_grid.blockSignals(False)
        self.layout_combo.blockSignals(True)
        self.layout_combo.setCurrentIndex(WIDE if wide else LONG)
        self.layout_combo.blockSignals(False)
        if wide and detected.person:
            combo = self.role_combos["person"]
            combo.setCurrentIndex(max(combo.findData(detected.person), 0))
        if wide:
            self.table_info.setText(
                self.table_info.text()
                + "\n"
                + tr("Wide table (one row per person): check the columns of each stage below.")
            )

    def _grid_changed(self) -> None:
        self.save_mapping()

    def save_mapping(self) -> None:
        """The grid's mapping for this table, in the project (saved with it); a table
        set back to long has none."""
        if self.preview is None:
            return
        saved = self.saved_mappings()
        key = self.source_key()
        if self.layout_combo.currentIndex() != WIDE:
            if key not in saved:
                return
            del saved[key]
        else:
            text = self.stage_grid.mapping_text()
            if saved.get(key) == text:
                return
            saved[key] = text
        QgsProject.instance().writeEntry(
            PROJECT_SCOPE, WIDE_MAPPINGS, json.dumps(saved, ensure_ascii=False)
        )

    def wide_mapping_text(self) -> str:
        return self.stage_grid.mapping_text()

    def layout_problem(self) -> str | None:
        """What stops a run with the layout chosen (None: nothing), in the user's language."""
        if self.preview is None:
            return None
        if self.layout_combo.currentIndex() == WIDE:
            if not self.stage_grid.stages():
                return tr(
                    "This table is wide (one row per person): choose a place or an "
                    "organisation column for each stage in the stage grid"
                )
            unplaced = self.stage_grid.unplaced()
            if unplaced:
                return tr(
                    "A stage has a year column but no place or organisation column ({}): "
                    "choose its place or organisation column, or no year"
                ).format(", ".join(unplaced))
            return None
        fields = self.field_mapping()
        if not (fields["stage"] and fields["city"]) and detect_wide(self.preview.frame).is_wide:
            return tr(
                "This table is wide (one row per person) but the layout is long: choose "
                "'Wide: one row per person' and check the columns of each stage"
            )
        return None

    def _show_rows(self) -> None:
        frame = self.preview.frame.head(PREVIEW_ROWS)
        self.preview_table.clear()
        self.preview_table.setColumnCount(len(frame.columns))
        self.preview_table.setRowCount(len(frame))
        self.preview_table.setHorizontalHeaderLabels([str(c) for c in frame.columns])
        for r, row in enumerate(frame.itertuples(index=False)):
            for c, value in enumerate(row):
                self.preview_table.setItem(
                    r, c, QTableWidgetItem("" if value is None else str(value))
                )
        self.preview_table.resizeColumnsToContents()

    def field_mapping(self) -> dict[str, str]:
        """Role -> chosen column ('' for none)."""
        return {role: combo.currentData() or "" for role, combo in self.role_combos.items()}

    def _fields_changed(self, *_args) -> None:
        if self.preview is None:
            return
        self.stages = stage_values(self.preview.frame, self.field_mapping()["stage"])
        names = stage_labels()
        self.stage_table.setRowCount(len(self.stages))
        for r, value in enumerate(self.stages):
            self.stage_table.setItem(r, 0, QTableWidgetItem(value.label or tr("(empty)")))
            self.stage_table.setItem(r, 1, QTableWidgetItem(str(value.rows)))
            if value.canonical is None:
                for c in (0, 1):
                    self.stage_table.item(r, c).setBackground(QColor(UNRECOGNISED))
                    self.stage_table.item(r, c).setToolTip(
                        tr("Not recognised: pick its stage, or its rows are left out")
                    )
            combo = self.wheel_guard.guard(_compact(QComboBox()))
            combo.addItem(
                tr("(not recognised)") if value.canonical is None else tr("(by order)"), ""
            )
            for stage in STAGES:
                combo.addItem(names[stage], stage)
            if value.canonical:
                combo.setCurrentIndex(combo.findData(value.canonical))
            self.stage_table.setCellWidget(r, 2, combo)
        self._layout_changed()

    def _layout_changed(self, *_args) -> None:
        wide = self.layout_combo.currentIndex() == WIDE
        self.wide_box.setVisible(wide)
        self.stage_box.setVisible(not wide)
        # a wide table's stages name its columns: only the person column is asked for,
        # in the grid's box
        self.fields_box.setVisible(not wide)
        person = self.role_combos["person"]
        self.wide_person.blockSignals(True)
        self.wide_person.clear()
        for i in range(person.count()):
            self.wide_person.addItem(person.itemText(i), person.itemData(i))
        self.wide_person.setCurrentIndex(person.currentIndex())
        self.wide_person.blockSignals(False)
        self.save_mapping()

    def _wide_person_chosen(self, index: int) -> None:
        self.role_combos["person"].setCurrentIndex(index)

    def stage_choices(self) -> dict[str, str]:
        """Label -> the stage chosen in the table."""
        out = {}
        for r, value in enumerate(self.stages):
            combo = self.stage_table.cellWidget(r, 2)
            if combo is not None:
                out[value.label] = combo.currentData() or ""
        return out

    def set_stage(self, label: str, stage: str) -> None:
        """Correct one label's stage (as a user picking it in the table)."""
        for r, value in enumerate(self.stages):
            if value.label == label:
                combo = self.stage_table.cellWidget(r, 2)
                combo.setCurrentIndex(combo.findData(stage))

    # ------------------------------------------------------------------ review

    def review_unresolved(self) -> ReviewDialog | None:
        """Dry-geocode the table (core) and open the review dialog (None: nothing to do)."""
        if self.preview is None:
            return None
        try:
            table = review_table(
                self.preview.frame,
                self.field_mapping(),
                wide_text=self.wide_mapping_text() if self.layout_combo.currentIndex() else None,
                home=self.home_country.text().strip() or DEFAULT_HOME_COUNTRY,
                aliases_path=self.aliases_widget.filePath().strip(),
                stage_fixes=corrections(self.stages, self.stage_choices()),
                label=self.preview.label,
            )
        except Exception as err:  # noqa: BLE001 - shown to the user; the run says the same
            describe = getattr(err, "describe", None)
            self._message("error", describe(tr) if describe else str(err))
            return None
        if table.empty:
            self._message("info", tr("Every place in the table resolves: nothing to review."))
            return None
        self.review_dialog = ReviewDialog(table, self)
        self.review_dialog.accepted.connect(self._review_done)
        self.review_dialog.open()
        return self.review_dialog

    def _review_done(self) -> None:
        dialog = self.review_dialog
        if dialog is None:
            return
        aliases = aliases_from_choices(dialog.choices())
        if aliases.empty:
            self._message("info", tr("No place given: nothing saved."))
            return
        current = self.aliases_widget.filePath().strip()
        target = alias_target(self.source, current)
        try:
            path, total = save_review(aliases, target, current)
        except Exception as err:  # noqa: BLE001 - shown to the user
            describe = getattr(err, "describe", None)
            self._message("error", describe(tr) if describe else str(err))
            return
        self.aliases_widget.setFilePath(str(path))
        self._message(
            "info",
            tr("{} place aliases saved to {} ({} in all); they are used for the run.").format(
                len(aliases), path, total
            ),
        )

    # ------------------------------------------------------------------ running

    def parameters(self) -> dict:
        if isinstance(self.source, QgsVectorLayer):
            source = self.source.id()
        else:
            source = str(self.source)
        params = {
            "INPUT": source,
            "LAYOUT": self.layout_combo.currentIndex(),
            "HOME_COUNTRY": self.home_country.text().strip() or DEFAULT_HOME_COUNTRY,
            "GEOMETRY": self.geometry_combo.currentIndex(),
            "METHOD": self.method_combo.currentIndex(),
            "LEVEL": self.level_combo.currentIndex(),
            "PLACE_LEVEL": self.place_level_combo.currentIndex(),
            "MIN_PERSONS": self.disclosure.value(),
            "MAKE_REPORT": self.report_check.isChecked()
            and QgsApplication.processingRegistry().algorithmById("backflow:report") is not None,
        }
        if self.regions_combo.currentLayer() is not None:
            params["REGIONS"] = self.regions_combo.currentLayer().id()
        wide = self.layout_combo.currentIndex() == WIDE
        for role, column in self.field_mapping().items():
            if column and (not wide or role == "person"):
                params[ROLE_PARAMS[role]] = column
        if self.aliases_widget.filePath().strip():
            params["USER_ALIASES"] = self.aliases_widget.filePath().strip()
        if wide:
            params["WIDE_MAPPING"] = self.wide_mapping_text()
        else:
            fixes = corrections(self.stages, self.stage_choices())
            if fixes:
                params["STAGE_MAPPING"] = fixes
        if params["MAKE_REPORT"]:
            from qgis.core import QgsProcessingUtils

            # kept: beside the table, else in the folder of the last report (QGIS empties
            # its temporary folder on exit)
            params["REPORT_OUTPUT"] = kept_report_path(
                QgsProcessingUtils.generateTempFilename(f"{self.group_name()}_report.html"),
                [self.source],
                remembered=QgsSettings().value(SETTINGS + "report_folder", "", str),
            )
        return params

    def group_name(self) -> str:
        return self.preview.label if self.preview is not None else tr("Backflow")

    def start(self) -> bool:
        if self.preview is None or (self.run is not None and self.run.running):
            return False
        problem = self.layout_problem()
        if problem:
            self._message("error", problem)
            self.notice.show_message("critical", problem)
            return False
        self.notice.clear()
        self.run_threshold = self.disclosure.value()
        self.save_settings()
        self.save_mapping()
        self.save_display()
        self.log.clear()
        self.progress.setValue(0)
        self.run = AnalysisRun(self.parameters(), self.group_name(), QgsProject.instance(), self)
        self.run.progress.connect(lambda v: self.progress.setValue(int(v)))
        self.run.message.connect(self._message)
        self.run.finished.connect(self._finished)
        try:
            self.run.start()
        except (RuntimeError, ValueError) as err:
            self._message("error", str(err))
            self.run = None
            return False
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.report_button.setEnabled(False)
        self.map_button.setEnabled(False)
        self._message("info", tr("Running the full analysis on {}...").format(self.group_name()))
        return True

    def cancel(self) -> None:
        if self.run is not None and self.run.running:
            self.run.cancel()
            self._message("warning", tr("Cancelling..."))

    def is_running(self) -> bool:
        return self.run is not None and self.run.running

    def _message(self, level: str, text: str) -> None:
        prefix = {"warning": tr("Warning: "), "error": tr("Error: ")}.get(level, "")
        self.log.appendPlainText(prefix + text)

    def _finished(self, ok: bool, results: dict) -> None:
        self.cancel_button.setEnabled(False)
        self.run_button.setEnabled(self.preview is not None)
        self.last_results = results if ok else {}
        if not ok:
            self.progress.setValue(0)
            self._message("warning", tr("The analysis did not finish."))
            self.run_finished.emit(False)
            return
        self.progress.setValue(100)
        summary = tr("{persons} persons, {resolved} of {rows} rows placed; {circle} circle and "
                     "{linear} linear routes.").format(
            persons=results.get("PERSONS", "-"), resolved=results.get("RESOLVED_ROWS", "-"),
            rows=results.get("STAGE_ROWS", "-"), circle=results.get("CIRCLE", "-"),
            linear=results.get("LINEAR", "-"))  # fmt: skip
        self._message("info", summary)
        flagged = flag_summary(results)
        if flagged:
            self._message("info", tr("Rows placed with help (STAGES.flags): ") + flagged)
        self._add_clusters()
        self._threshold_notice(results)
        self._zoom()
        report = results.get("REPORT_OUTPUT")
        self.report_button.setEnabled(bool(report) and Path(str(report)).is_file())
        if report and Path(str(report)).is_file():
            self._message("info", tr("Report: {}").format(report))
            if not in_temporary_folder(report):
                QgsSettings().setValue(SETTINGS + "report_folder", str(Path(str(report)).parent))
        self.map_button.setEnabled(
            QgsApplication.processingRegistry().algorithmById(MAP_ID) is not None
        )
        if self.iface is not None:
            try:
                self.iface.messageBar().pushSuccess(tr("Backflow"), summary)
            except Exception:  # noqa: BLE001 - a message bar is a courtesy
                pass
        self.run_finished.emit(True)

    def _threshold_notice(self, results: dict) -> None:
        """A warning beside Run (and on the flow layer's name) when the threshold hides most
        of the map, with buttons to run again at the threshold offered or at 1."""
        k = self.run_threshold
        flows = ThresholdCheck(k, results.get("FLOWS_TOTAL") or 0, results.get("FLOWS_SHOWN") or 0)
        cities = ThresholdCheck(
            k, results.get("CITIES_TOTAL") or 0, results.get("CITIES_SHOWN") or 0
        )
        if k <= 1 and flows.total:
            text = tr(
                "Every flow and city is shown (threshold 1), single persons included: for "
                "your own look at the data, not for publication."
            )
            self.notice.show_message("warning", text)
            self._message("warning", text)
            return
        if not map_mostly_hidden(flows, cities):
            return
        text = tr(
            "The threshold of {k} persons hides most of the map: {fs} of {ft} flows and {cs} "
            "of {ct} cities are shown."
        ).format(k=k, fs=flows.shown, ft=flows.total, cs=cities.shown, ct=cities.total)
        buttons = []
        offer = int(results.get("SUGGESTED_MIN_PERSONS") or 0)
        if offer:
            text = sentences(
                text, tr("A threshold of {} shows more, still no single person.").format(offer)
            )
            button = QPushButton(tr("Show with threshold {}").format(offer))
            button.clicked.connect(lambda _=False, t=offer: self.run_with_threshold(t))
            buttons.append(button)
        everything = QPushButton(tr("Show everything (1: not for publication)"))
        everything.clicked.connect(lambda _=False: self.run_with_threshold(1))
        buttons.append(everything)
        self.notice.show_message("warning", text, tuple(buttons))
        self._message("warning", text)
        layer = self.run.layers.get("FLOWS") if self.run is not None else None
        if layer is not None:
            layer.setName(
                layer.name()
                + " "
                + tr("({} of {} shown: under {} persons hidden)").format(
                    flows.shown, flows.total, k
                )
            )

    def run_with_threshold(self, k: int) -> bool:
        """Run again with the disclosure threshold set to k (the notice's buttons)."""
        self.disclosure.setValue(k)
        return self.start()

    def _add_clusters(self) -> None:
        """The cities merged within the chosen distance, with their flows (a display)."""
        radius = self.cluster_km.value()
        layers = self.run.layers if self.run is not None else {}
        cities = layers.get("NETWORK") or layers.get("CITIES")
        flows = layers.get("FLOWS")
        group = self.run.group() if self.run is not None else None
        if not radius or cities is None or flows is None or group is None:
            return
        from ..styling.display import clustered_layers
        from ..styling.first_look import KIND_PROPERTY, arrange, seam_safe

        try:
            merged, lines = clustered_layers(cities, flows, radius)
        except Exception as err:  # noqa: BLE001 - a display layer never fails the run
            self._message("warning", tr("Could not cluster the cities: {}").format(err))
            return
        project = QgsProject.instance()
        for layer in (lines, merged):
            layer.setCustomProperty(KIND_PROPERTY, "clusters")
            layer.setCustomProperty("backflow/output", "CLUSTERS")
            seam_safe(layer)
            project.addMapLayer(layer, False)
            group.insertLayer(0, layer).setItemVisibilityChecked(False)
            self.run.layers[f"CLUSTER_{layer.geometryType()}"] = layer
        arrange(project)
        self._message(
            "info",
            tr("Cities merged within {} km: {} places, {} flows (hidden layers)").format(
                radius, merged.featureCount(), lines.featureCount()
            ),
        )

    def _zoom(self) -> None:
        if self.iface is None or self.run is None:
            return
        from ..styling.first_look import home_view_extent

        canvas = self.iface.mapCanvas()
        home = home_view_extent(QgsProject.instance())
        if (
            home is not None
            and canvas.mapSettings().destinationCrs() == QgsProject.instance().crs()
        ):
            canvas.setExtent(home)
            canvas.refresh()
            return
        extent = self.run.extent(canvas.mapSettings().destinationCrs())
        if not extent.isNull():
            canvas.setExtent(extent)
            canvas.refresh()

    # ------------------------------------------------------------------ after the run

    def open_report(self) -> None:
        report = self.last_results.get("REPORT_OUTPUT")
        if report and Path(str(report)).is_file():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(report)))

    def make_map(self) -> None:
        """The publication map dialog, filled with this run's layers."""
        if self.run is None:
            return
        import processing

        layers = self.run.layers
        params = {
            "CITIES": layers.get("NETWORK") or layers.get("CITIES"),
            "FLOWS": layers.get("FLOWS"),
            "MIN_PERSONS": self.run_threshold,  # the map shows what the run showed
        }
        processing.execAlgorithmDialog(MAP_ID, {k: v for k, v in params.items() if v is not None})

    def closeEvent(self, event):  # noqa: N802
        self.save_settings()
        super().closeEvent(event)


def dock_area():
    return Qt.DockWidgetArea.RightDockWidgetArea
