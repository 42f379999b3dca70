"""Render layers to a PNG, as a user would see them on the canvas."""

from __future__ import annotations

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from .projections import WGS84


def render_png(
    layers,
    path: str,
    crs: QgsCoordinateReferenceSystem,
    extent_wgs84: QgsRectangle,
    width: int = 1600,
    height: int = 1000,
    dpi: int = 150,
) -> str:
    """Draw `layers` (top first) in `crs` over `extent_wgs84`; save to `path`."""
    settings = QgsMapSettings()
    settings.setLayers(list(layers))
    settings.setDestinationCrs(crs)
    transform = QgsCoordinateTransform(WGS84, crs, QgsProject.instance())
    extent = transform.transformBoundingBox(extent_wgs84)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(width, height))
    settings.setOutputDpi(dpi)
    settings.setBackgroundColor(QColor("#FFFFFF"))
    settings.setFlag(Qgis.MapSettingsFlag.Antialiasing, True)
    settings.setFlag(Qgis.MapSettingsFlag.DrawLabeling, True)
    # @map_crs_definition etc., as the canvas and layouts provide (seam-cutting symbols).
    context = QgsExpressionContext()
    context.appendScope(QgsExpressionContextUtils.mapSettingsScope(settings))
    settings.setExpressionContext(context)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    if not image.save(path, "PNG"):
        raise OSError(f"could not write {path}")
    return path
