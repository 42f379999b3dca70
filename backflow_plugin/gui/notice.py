"""A message in the panel that the user cannot miss: coloured, wrapped, with buttons.

Beside the Run button: what stops a run (a wide table without stages) or what the
user should know about its result (a map the disclosure threshold emptied), with the
action that fixes it. QgsMessageBar cuts long messages to one line in a narrow dock;
this wraps them.
"""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

COLOURS = {  # background, border
    "info": ("#E8F1FB", "#8DB3E2"),
    "warning": ("#FFF3CD", "#E0B252"),
    "critical": ("#F8D7DA", "#D9777F"),
}


class Notice(QFrame):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("BackflowNotice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.buttons = QHBoxLayout()
        layout.addLayout(self.buttons)
        self.level = ""
        self.hide()

    def show_message(self, level: str, text: str, buttons: tuple[QPushButton, ...] = ()) -> None:
        self.clear()
        background, border = COLOURS[level]
        self.setStyleSheet(
            f"#BackflowNotice {{ background: {background}; border: 1px solid {border}; "
            "border-radius: 3px; }"
        )
        self.level = level
        self.label.setText(text)
        for button in buttons:
            self.buttons.addWidget(button)
        if buttons:
            self.buttons.addStretch(1)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisibleTo(self.parentWidget()) else ""

    def clear(self) -> None:
        while self.buttons.count():
            item = self.buttons.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.level = ""
        self.label.clear()
        self.hide()
