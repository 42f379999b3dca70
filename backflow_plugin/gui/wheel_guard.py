"""The mouse wheel scrolls the panel; it never changes a combo box or spin box it passes over.

Qt gives wheel events to the widget under the pointer, focused or not, so scrolling a
long panel silently changed whichever combo box slid under the mouse. The guard lets a
focused widget take the wheel (the user clicked it: they mean it) and hands every other
wheel event on to the scroll area.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QEvent, QObject, Qt
from qgis.PyQt.QtWidgets import QAbstractSpinBox, QComboBox, QWidget


class WheelGuard(QObject):
    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() == QEvent.Type.Wheel and not obj.hasFocus():
            event.ignore()  # ignored: Qt passes it on to the parent (the scroll area)
            return True
        return False

    def guard(self, widget: QWidget) -> QWidget:
        """Guard `widget`; it takes focus by click or tab only, never by the wheel."""
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(self)
        return widget

    def guard_all(self, parent: QWidget) -> None:
        for widget in parent.findChildren(QComboBox) + parent.findChildren(QAbstractSpinBox):
            self.guard(widget)
