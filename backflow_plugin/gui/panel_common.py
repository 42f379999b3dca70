"""What the panel's parts share: its settings key, the layout combo's items, a narrow
combo box, the stage names it shows."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QComboBox

from ..translation import tr

SETTINGS = "backflow/"
LONG, WIDE = 0, 1  # the layout combo's items


def compact_combo(combo: QComboBox) -> QComboBox:
    """A combo box that fits a narrow dock (long items are elided, not widening it)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def stage_labels() -> dict[str, str]:
    return {
        "birth": tr("birth"), "bachelor": tr("bachelor"), "master": tr("master"),
        "phd": tr("phd"), "postdoc": tr("postdoc"), "work": tr("work"), "visit": tr("visit"),
        "return": tr("return"), "later": tr("later"),
    }  # fmt: skip
