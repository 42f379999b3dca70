"""The panel's table section: the source table, its long or wide layout, the stage labels
and the review of unresolved values (``PanelTable``, a part of ``BackflowPanel``)."""

from __future__ import annotations

import json

from qgis.core import (
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QTableWidgetItem,
)

from ..core.errors import BackflowInputError
from ..core.schema import DEFAULT_HOME_COUNTRY, STAGES
from ..core.tables.reshape import parse_mapping
from ..core.tables.wide_layout import detect_wide
from ..core.trajectories.review import aliases_from_choices
from ..translation import core_text, tr
from .panel_common import LONG, WIDE, compact_combo, stage_labels
from .review import ReviewDialog
from .review_step import alias_target, review_table, save_review
from .table_preview import corrections, read_preview, stage_values

UNRECOGNISED = "#FFE2B8"  # stage labels the import would not read: shown first, in this colour
PROJECT_SCOPE = "backflow"  # the panel's entries in the project file
WIDE_MAPPINGS = "wide_mappings"  # JSON {table: WIDE_MAPPING text}, saved with the project
PREVIEW_ROWS = 12


class PanelTable:
    """What the panel does with the table chosen (methods of ``BackflowPanel``)."""

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
            self.table_info.setText(tr("Cannot read the table: {}").format(core_text(err)))
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
            combo = self.wheel_guard.guard(compact_combo(QComboBox()))
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
            self._message("error", core_text(err))
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
            self._message("error", core_text(err))
            return
        self.aliases_widget.setFilePath(str(path))
        self._message(
            "info",
            tr("{} place aliases saved to {} ({} in all); they are used for the run.").format(
                len(aliases), path, total
            ),
        )
