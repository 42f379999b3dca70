"""Which view of the map the user chose (the home country or the world), kept in the
QGIS settings: read by the first look of a project and by the canvas's flow filter."""

from __future__ import annotations

from qgis.core import QgsSettings

VIEW_HOME, VIEW_WORLD = "home", "world"
VIEWS = (VIEW_HOME, VIEW_WORLD)
SETTING_VIEW = "backflow/first_look_view"


def chosen_view() -> str:
    """The view the user chose last ('home' when none or an unknown value is stored)."""
    view = QgsSettings().value(SETTING_VIEW, VIEW_HOME, str)
    return view if view in VIEWS else VIEW_HOME


def set_chosen_view(view: str) -> None:
    """Keep `view` ('home' or 'world') for the next first look."""
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; expected one of {VIEWS}")
    QgsSettings().setValue(SETTING_VIEW, view)
