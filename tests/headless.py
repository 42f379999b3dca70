"""Loaded with '-p tests.headless' (pyproject addopts) before pytest-qgis starts QGIS,
so a plain `pytest` runs headless without a display."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
