"""Processing feature sources as DataFrames: attributes (NULL as None), point coordinates
in WGS 84. Attributes only where no geometry is needed."""

from __future__ import annotations

import pandas as pd
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsFieldConstraints,
    QgsPointXY,
    QgsProcessingFeatureSource,
)
from qgis.PyQt.QtCore import QVariant

from ..styling.projections import WGS84


def source_to_frame(source, feedback=None, as_text: bool = False) -> pd.DataFrame:
    """Attributes of a feature source as a DataFrame (NULL -> None, or '' when as_text)."""
    fields = source.fields()
    names = fields.names()
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    rows = []
    total = max(source.featureCount(), 1)
    # Attributes only: an invalid geometry (QGIS's default check) must not stop the read.
    features = (
        source.getFeatures(request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks)
        if isinstance(source, QgsProcessingFeatureSource)
        else source.getFeatures(request)
    )
    for i, feat in enumerate(features):
        if feedback is not None and i % 5000 == 0:
            if feedback.isCanceled():
                break
            feedback.setProgress(100.0 * i / total)
        rows.append(feat.attributes())
    # Column by column: NULLs (QVariant) are found by type, not by a call per cell.
    columns = list(zip(*rows)) if rows else [() for _ in names]
    frame = pd.DataFrame(
        {n: _column(col, as_text) for n, col in zip(names, columns)}, columns=names
    )
    # an analysis layer read back (not a user's table: the import keeps its fid apart)
    keys = [] if as_text else [f.name() for f in fields if _is_file_key(f)]
    return frame.drop(columns=keys) if keys else frame


def _is_file_key(field) -> bool:
    """A GeoPackage's own feature id ('fid', unique by the provider): the file's row key,
    not data (read back as a column, every output would carry it on as 'fid_attr')."""
    unique = QgsFieldConstraints.Constraint.ConstraintUnique
    return (
        field.name().casefold() == "fid"
        and field.constraints().constraintOrigin(unique)
        == QgsFieldConstraints.ConstraintOrigin.ConstraintOriginProvider
    )


def _column(values: tuple, as_text: bool) -> list:
    if not any(type(v) is QVariant for v in values):
        return [cell_value(v, True) for v in values] if as_text else list(values)
    return [cell_value(v, as_text) for v in values]


def cell_value(value, as_text: bool):
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return "" if as_text else None
    if isinstance(value, QVariant):
        value = value.value()
    if as_text:
        if isinstance(value, str):
            return value
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    return value


def points_to_frame(source, feedback=None) -> pd.DataFrame:
    """Attributes plus lon/lat (in the source's CRS, expected WGS 84) of a point source."""
    frame = source_to_frame(source, feedback)
    xs, ys = [], []
    request = QgsFeatureRequest().setNoAttributes()
    for feat in source.getFeatures(request):
        geom = feat.geometry()
        if geom is None or geom.isEmpty():
            xs.append(None)
            ys.append(None)
        else:
            pt = geom.centroid().asPoint()
            xs.append(pt.x())
            ys.append(pt.y())
    frame["lon"], frame["lat"] = xs, ys
    return frame


def points_to_wgs84_frame(source, context, feedback=None) -> pd.DataFrame:
    """points_to_frame with lon/lat in WGS 84 whatever the source's CRS."""
    frame = points_to_frame(source, feedback)
    crs = source.sourceCrs()
    if crs.isValid() and crs != WGS84 and len(frame):
        transform = QgsCoordinateTransform(crs, WGS84, context.transformContext())
        ok = frame["lon"].notna() & frame["lat"].notna()
        pts = [
            transform.transform(QgsPointXY(float(x), float(y)))
            for x, y in zip(frame.loc[ok, "lon"], frame.loc[ok, "lat"])
        ]
        frame.loc[ok, "lon"] = [p.x() for p in pts]
        frame.loc[ok, "lat"] = [p.y() for p in pts]
    return frame
