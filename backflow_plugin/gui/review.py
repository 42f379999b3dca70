"""The "Review unresolved" dialog: one row per distinct city value that did not resolve.

The panel runs a quick dry geocode in core (core.trajectories.review.unresolved_values) and shows
its list here. For each value the user picks a suggestion or types a place (left
empty: no change); the answers become a reusable alias CSV (core.places.aliases) that the run
takes as USER_ALIASES. No analysis logic here.
"""

from __future__ import annotations

import pandas as pd
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.trajectories.review import split_suggestions
from ..translation import tr

VALUE, ROWS, REASON, ANSWER = range(4)


class ReviewDialog(QDialog):
    """Values, row counts, reasons and an editable answer box per value."""

    def __init__(self, table: pd.DataFrame, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Review unresolved places"))
        self.values: list[str] = [str(v) for v in table["value"]]
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "{} values did not resolve. Pick a suggestion or type a place (a city name, "
                "'Cambridge, MA', 苏州...) for each value you can place; leave the others "
                "empty. The answers are saved as a place alias table and used for the run."
            ).format(len(table))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(table), 4)
        self.table.setHorizontalHeaderLabels(
            [tr("Value in the table"), tr("Rows"), tr("Reason"), tr("Place")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ANSWER, QHeaderView.ResizeMode.Stretch)
        for r, row in enumerate(table.itertuples(index=False)):
            self.table.setItem(r, VALUE, QTableWidgetItem(str(row.value)))
            self.table.setItem(r, ROWS, QTableWidgetItem(str(row.rows)))
            self.table.setItem(r, REASON, QTableWidgetItem(tr(str(row.reason))))
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItem("")
            suggestions = split_suggestions(row.suggestions)
            combo.addItems(suggestions)
            combo.setCurrentIndex(0)
            # the suggestions shown greyed while nothing is chosen
            combo.lineEdit().setPlaceholderText(
                tr("suggested: {}").format("; ".join(suggestions))
                if suggestions
                else tr("type a place")
            )
            combo.setToolTip(tr("A suggestion, or type a place; empty: leave unresolved"))
            self.table.setCellWidget(r, ANSWER, combo)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Save and use"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def combo(self, value: str) -> QComboBox:
        return self.table.cellWidget(self.values.index(value), ANSWER)

    def suggestions(self, value: str) -> list[str]:
        combo = self.combo(value)
        return [combo.itemText(i) for i in range(1, combo.count())]

    def set_choice(self, value: str, text: str) -> None:
        """Answer one value (as a user picking or typing it)."""
        combo = self.combo(value)
        i = combo.findText(text)
        if i >= 0:
            combo.setCurrentIndex(i)
        else:
            combo.setEditText(text)

    def choices(self) -> dict[str, str]:
        """Value -> the answer given ('' for none)."""
        out = {}
        for r, value in enumerate(self.values):
            out[value] = self.table.cellWidget(r, ANSWER).currentText().strip()
        return out
