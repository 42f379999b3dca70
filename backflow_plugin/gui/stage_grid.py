"""The column-to-stage grid of a wide table (one row per person).

One row per stage in life-course order (a stage with several numbered columns, e.g.
工作1 and 工作2, gets a row for each); each row picks the table's place column,
organisation column and year column of that stage. It is filled from the detection
(core.tables.wide_layout), edited by the user, and read back as WIDE_MAPPING text
(core.tables.reshape's keyed form), which a line below the grid shows for the headless
command. A country column found by the detection is kept with its row.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.schema import STAGES
from ..core.tables.reshape import WideStage, format_mapping
from ..translation import tr

GRID_ROLES = ("city", "org", "year")  # the grid's columns after the stage
ROW_HEIGHT = 24


class StageGrid(QWidget):
    """Stage | place column | organisation column | year column. `changed` on any edit."""

    changed = pyqtSignal()

    def __init__(self, stage_names: dict[str, str], guard=None, parent=None) -> None:
        super().__init__(parent)
        self.stage_names = stage_names
        self.guard = guard  # the panel's wheel guard (combos ignore a passing wheel)
        self.columns: list[str] = []
        self.rows: list[tuple[str, str | None]] = []  # (stage, country column) per row
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 1 + len(GRID_ROLES))
        self.table.setHorizontalHeaderLabels(
            [tr("Stage"), tr("Place column"), tr("Organisation column"), tr("Year column")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        layout.addWidget(self.table)
        layout.addWidget(QLabel(tr("As WIDE_MAPPING text (for qgis_process and scripts):")))
        self.text = QLineEdit()
        self.text.setReadOnly(True)
        layout.addWidget(self.text)

    def set_table(self, columns: list[str], stages: list[WideStage]) -> None:
        """Rows for every stage (the given entries first among theirs), combos filled."""
        self.columns = list(columns)
        entries = list(stages)
        have = {st.stage for st in entries}
        entries += [WideStage(s) for s in STAGES if s not in have]
        entries.sort(key=lambda st: STAGES.index(st.stage))  # stable: numbered rows keep order
        self.rows = [(st.stage, st.country) for st in entries]
        for r in range(self.table.rowCount()):  # the last table's combos go at once
            for c in range(1, self.table.columnCount()):
                widget = self.table.cellWidget(r, c)
                if widget is not None:
                    widget.hide()
        self.table.setRowCount(0)
        self.table.setRowCount(len(entries))
        for r, st in enumerate(entries):
            item = QTableWidgetItem(self.stage_names.get(st.stage, st.stage))
            item.setToolTip(st.stage)
            self.table.setItem(r, 0, item)
            for c, role in enumerate(GRID_ROLES, start=1):
                combo = QComboBox()
                combo.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                combo.setMinimumContentsLength(4)
                combo.addItem(tr("(none)"), "")
                for col in self.columns:
                    combo.addItem(col, col)
                chosen = getattr(st, role)
                combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
                combo.currentIndexChanged.connect(self._edited)
                if self.guard is not None:
                    self.guard.guard(combo)
                self.table.setCellWidget(r, c, combo)
        self.table.doItemsLayout()  # combos placed in their cells now, not at the next paint
        # every row in view: the dock scrolls, the grid does not
        header = self.table.horizontalHeader().sizeHint().height()
        rows = max(self.table.verticalHeader().length(), ROW_HEIGHT * len(entries))
        self.table.setFixedHeight(header + rows + 2 * self.table.frameWidth() + 4)
        self._edited()

    def choice(self, row: int, role: str) -> str:
        combo = self.table.cellWidget(row, 1 + GRID_ROLES.index(role))
        return (combo.currentData() or "") if combo is not None else ""

    def set_choice(self, stage: str, role: str, column: str, nth: int = 0) -> None:
        """Pick `column` for the nth row of `stage` (as a user would in the combo)."""
        rows = [r for r, (s, _c) in enumerate(self.rows) if s == stage]
        combo = self.table.cellWidget(rows[nth], 1 + GRID_ROLES.index(role))
        combo.setCurrentIndex(max(combo.findData(column), 0) if column else 0)

    def stages(self) -> list[WideStage]:
        """The rows that name a place or an organisation column, in row order."""
        out = []
        for r, (stage, country) in enumerate(self.rows):
            picked = {role: self.choice(r, role) or None for role in GRID_ROLES}
            if picked["city"] or picked["org"]:
                out.append(WideStage(stage, country=country, **picked))
        return out

    def unplaced(self) -> list[str]:
        """Stages given a year column but no place or organisation column."""
        return [
            self.stage_names.get(stage, stage)
            for r, (stage, _c) in enumerate(self.rows)
            if self.choice(r, "year") and not (self.choice(r, "city") or self.choice(r, "org"))
        ]

    def mapping_text(self) -> str:
        return format_mapping(self.stages())

    def _edited(self, *_args) -> None:
        self.text.setText(self.mapping_text())
        self.text.setCursorPosition(0)  # the start: the birth end of the life course
        self.changed.emit()
