"""DataFrames to Processing sinks: fields, geometries, batched features or fast file
writing, and the output files a run made (removed again when it fails or is cancelled)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsLineString,
    QgsMultiLineString,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProperty,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .. import field_types
from ..core.trajectories.flow_lines import Part
from ..core.writing.safe_output import (
    FIELD_NAME_LIMITS,
    add_bom,
    escape_frame,
    safe_field_names,
    short_field_names,
)
from ..core.writing.wkb import gpkg_header, line_blobs, point_blobs, point_bounds
from ..styling.projections import WGS84
from ..translation import tr
from . import fast_sinks

# by QMetaType from QGIS 3.38 (QGIS 4 has no QVariant.Type), by QVariant before
_TYPES = {
    "int": field_types.LONGLONG,
    "float": field_types.DOUBLE,
    "bool": field_types.BOOL,
    "str": field_types.STRING,
}


def _kind(series: pd.Series) -> str:
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "bool"
    if pd.api.types.is_integer_dtype(dtype):
        return "int"
    if pd.api.types.is_float_dtype(dtype):
        return "float"
    # object columns of booleans stay bool ("empty": all missing); anything else is text.
    return "bool" if infer_dtype(series, skipna=True) == "boolean" else "str"


def fields_for(frame: pd.DataFrame, overrides: dict[str, str] | None = None) -> QgsFields:
    fields = QgsFields()
    for col in frame.columns:
        kind = (overrides or {}).get(col) or _kind(frame[col])
        fields.append(QgsField(str(col), _TYPES[kind]))
    return fields


def _filled(series: pd.Series, kind: str) -> np.ndarray:
    """A column as an array of its kind ("str", "int", "float", "bool"), NA filled in
    (the writers mark those rows apart)."""
    if kind == "str":
        return series.astype(str).to_numpy()
    if kind == "int":
        return series.fillna(0).astype("int64").to_numpy()
    if kind == "float":
        return series.astype("float64").fillna(0.0).to_numpy()
    return series.fillna(False).astype(bool).to_numpy()


def _column_values(series: pd.Series, kind: str) -> list:
    """A column as plain Python values, NA/NaN as None (vectorised, no per-cell checks)."""
    missing = series.isna().to_numpy()
    values = _filled(series, kind).tolist() if kind in _TYPES else series.tolist()
    if missing.any():
        for i in missing.nonzero()[0].tolist():
            values[i] = None
    return values


def _sqlite_values(series: pd.Series, kind: str) -> list:
    """_column_values as sqlite3 binds fastest: booleans as 0/1 (what a GeoPackage
    stores; sqlite3 looks up an adapter for each bool, not for an int), and a text
    column already all str passed as it is, without a copy or a per-cell NA scan."""
    plain = isinstance(series.dtype, np.dtype) and series.dtype.kind in "ib"
    if plain and kind in ("int", "bool"):  # numpy ints and bools hold no NA
        return series.to_numpy().astype(np.int64).tolist()
    if kind == "bool":
        missing = series.isna().to_numpy()
        values = series.fillna(False).astype(bool).to_numpy().astype(np.int64).tolist()
        for i in missing.nonzero()[0].tolist():
            values[i] = None
        return values
    if kind == "str" and series.dtype == object:
        cells = series.to_numpy()
        if infer_dtype(cells, skipna=False) == "string":
            return cells.tolist()
    return _column_values(series, kind)


def _batched_column(series: pd.Series, kind: str) -> fast_sinks.Batched:
    """_sqlite_values of a column, made a batch of rows at a time (fast_sinks.Batched)."""
    return fast_sinks.Batched(len(series), lambda part: _sqlite_values(series.iloc[part], kind))


def _variant_column(series: pd.Series, kind: str) -> list:
    """_column_values as QVariants, one made per distinct value.

    A feature takes a QVariant as it is, but converts each plain Python value anew; that
    conversion was most of the time spent filling a memory layer. The distinct values are
    found on the column's own array (floats by their bits: 0.0 and -0.0 stay two)."""
    missing = series.isna().to_numpy()
    keys = _filled(series, kind)
    if kind == "float":
        keys = keys.view(np.int64)
    codes, uniques = pd.factorize(keys)
    if len(uniques) > len(keys) // 4:  # mostly distinct (ids): a QVariant each saves nothing
        return _column_values(series, kind)
    distinct = (uniques.view(np.float64) if kind == "float" else uniques).tolist()
    codes[missing] = -1
    variants = np.empty(len(distinct) + 1, dtype=object)
    for j, value in enumerate(distinct):
        variants[j] = QVariant(value)
    variants[-1] = _null_value()  # code -1: a missing value
    return variants[codes].tolist()


def _null_value():
    """A missing attribute as PyQGIS makes it from None (a null of its own type; a plain
    QVariant() would stay an invalid value in a memory layer)."""
    feature = QgsFeature()
    feature.setAttributes([None])
    return feature.attributes()[0]


def frame_records(frame: pd.DataFrame, fields: QgsFields) -> Iterable[list]:
    """Rows of `frame` as attribute lists matching `fields` (text, numbers and booleans
    as QVariants, other values as they are)."""
    by_type = {v: k for k, v in _TYPES.items()}
    columns = []
    for i in range(fields.count()):
        kind = by_type.get(fields.at(i).type(), "object")
        series = frame.iloc[:, i]
        columns.append(
            _column_values(series, kind) if kind == "object" else _variant_column(series, kind)
        )
    return (list(row) for row in zip(*columns)) if columns else ([] for _ in range(len(frame)))


def point_geometry(lon, lat) -> QgsGeometry | None:
    if lon is None or lat is None or pd.isna(lon) or pd.isna(lat):
        return None
    return QgsGeometry.fromPointXY(QgsPointXY(float(lon), float(lat)))


def line_geometry(parts: list[Part] | None) -> QgsGeometry | None:
    if not parts:
        return None
    multi = QgsMultiLineString()
    for xs, ys in parts:
        if len(xs) == 1:  # a person who never moved: a degenerate line at the city
            xs, ys = [xs[0], xs[0]], [ys[0], ys[0]]
        multi.addGeometry(QgsLineString(list(xs), list(ys)))
    return QgsGeometry(multi)


def shared_line_geometry() -> Callable[[list[Part] | None], QgsGeometry | None]:
    """line_geometry that builds each distinct parts object once (QgsGeometry is shared)."""
    made: dict[int, tuple] = {}

    def build(parts):
        if parts is None:
            return None
        hit = made.get(id(parts))
        if hit is None or hit[0] is not parts:
            hit = made[id(parts)] = (parts, line_geometry(parts))
        return hit[1]

    return build


# Files a format writes next to the main one (only these are removed with it).
SIDECARS = {
    ".shp": (".shx", ".dbf", ".prj", ".cpg", ".qmd", ".qix"),
    ".csv": (".csvt", ".prj"),
    ".gpkg": ("-wal", "-shm"),
}


def file_of(dest) -> Path | None:
    """The file behind a sink destination (memory layers and database URIs: None)."""
    if isinstance(dest, QgsProcessingOutputLayerDefinition):
        dest = static_sink(dest)  # its str() names no file (and makes a reference cycle)
    text = str(dest or "")
    if text.startswith("ogr:"):  # ogr:dbname='x.gpkg' table="t" (geom): a layer in x.gpkg
        text = _ogr_dbname(text)
    if not text or text == "TEMPORARY_OUTPUT" or text.startswith(("memory:", "ogr:", "postgres")):
        return None
    path = Path(text.split("|")[0])
    return path if path.suffix and "://" not in text else None


def _ogr_dbname(text: str) -> str:
    """The file of an `ogr:dbname='...'` destination."""
    start = text.find("dbname='")
    if start < 0:
        return ""
    end = text.find("'", start + 8)
    return text[start + 8 : end] if end > 0 else ""


def file_family(path: Path) -> list[Path]:
    """The file and the sidecar files its format writes next to it."""
    extra = SIDECARS.get(path.suffix.lower(), ())
    return [path] + [
        Path(f"{path}{s}") if s.startswith("-") else path.with_suffix(s) for s in extra
    ]


def discard_new_files(alg) -> list[str]:
    """Remove the files this run created (a cancelled or failed run leaves none behind)."""
    removed = []
    for path in getattr(alg, "_backflow_new_files", []):
        for f in file_family(path):
            if f.exists():
                try:
                    f.unlink()
                    removed.append(f.name)
                except OSError:
                    pass
    alg._backflow_new_files = []
    return removed


def _stop(alg, message: str) -> QgsProcessingException:
    """Remove this run's new files and fail with `message` (nothing partial passes)."""
    removed = discard_new_files(alg)
    if removed:
        message += " " + tr("Partial output files removed: {}").format(", ".join(removed))
    return QgsProcessingException(message)


def _add(alg, sink, batch: list, name: str) -> None:
    if not sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert):
        error = sink.lastError() if hasattr(sink, "lastError") else ""
        raise _stop(alg, tr("Writing {} failed: {}").format(name, error or tr("unknown error")))


FEATURE_BATCH = 50_000  # features per addFeatures (memory and database layers)


def _write_features(alg, sink, name, frame, fields, geometry, feedback) -> None:
    """The PyQGIS path (memory layers, databases): features in large batches."""
    total = max(len(frame), 1)
    batch: list[QgsFeature] = []

    for i, attrs in enumerate(frame_records(frame, fields)):
        feat = QgsFeature()  # no field copy per feature: the sink maps by position
        feat.setAttributes(attrs)
        if geometry is not None:
            geom = geometry(i)
            if geom is not None:
                feat.setGeometry(geom)
        batch.append(feat)
        if len(batch) == FEATURE_BATCH:
            _add(alg, sink, batch, name)
            batch = []
            if feedback is not None:
                if feedback.isCanceled():
                    raise _stop(alg, tr("Cancelled while writing {}.").format(name))
                feedback.setProgress(100.0 * i / total)
    if batch:
        _add(alg, sink, batch, name)


def _blobs(frame, wkb_type, geometry, xy, parts, target):
    """GeoPackage geometry blobs and bounds of every row (None, None: no geometry)."""
    if wkb_type == QgsWkbTypes.Type.NoGeometry:
        return None, None
    if wkb_type == QgsWkbTypes.Type.Point and xy is not None:
        lon, lat = (np.asarray(v, dtype="float64") for v in xy)
        blobs = fast_sinks.Batched(len(lon), lambda part: point_blobs(lon[part], lat[part]))
        return blobs, point_bounds(lon, lat)
    if parts is not None:
        return line_blobs(parts, len(frame))
    # Any other geometry: each distinct QgsGeometry converted once (kept alive: ids stay unique).
    header, made, blobs = gpkg_header(), {}, []
    bounds = np.full((len(frame), 4), np.nan)
    for i in range(len(frame)):
        geom = geometry(i) if geometry is not None else None
        if geom is None or geom.isEmpty():
            blobs.append(None)
            continue
        hit = made.get(id(geom))
        if hit is None or hit[0] is not geom:
            box = geom.boundingBox()
            hit = made[id(geom)] = (
                geom,
                bytearray(header + bytes(geom.asWkb())),
                (box.xMinimum(), box.xMaximum(), box.yMinimum(), box.yMaximum()),
            )
        blobs.append(hit[1])
        bounds[i] = hit[2]
    return blobs, bounds


def _write_fast(alg, name, frame, fields, wkb_type, geometry, xy, parts, target, feedback):
    by_type = {v: k for k, v in _TYPES.items()}
    kinds = [by_type.get(fields.at(i).type(), "str") for i in range(fields.count())]
    columns = [_batched_column(frame.iloc[:, i], k) for i, k in enumerate(kinds)]
    blobs, bounds = _blobs(frame, wkb_type, geometry, xy, parts, target)
    path, layer = target
    cancelled = feedback.isCanceled if feedback is not None else (lambda: False)
    progress = feedback.setProgress if feedback is not None else (lambda pct: None)
    try:
        if path.suffix.lower() == ".gpkg":
            fast_sinks.write_gpkg(path, layer, columns, blobs, bounds, cancelled, progress)
        else:
            fast_sinks.write_other(
                path,
                layer,
                kinds,
                fields.names(),
                columns,
                blobs,
                bounds,
                int(wkb_type),
                cancelled,
                progress,
            )
    except Exception as err:  # noqa: BLE001 - any failure: nothing partial passes
        new = path in getattr(alg, "_backflow_new_files", [])
        if not new and path.suffix.lower() == ".gpkg":  # other layers stay, this one goes
            fast_sinks.drop_layer(path, layer)
        if isinstance(err, fast_sinks.Cancelled):
            raise _stop(alg, tr("Cancelled while writing {}.").format(name)) from None
        if isinstance(err, fast_sinks.TableNotSupported):
            message = tr(
                "{}: this version of GDAL cannot write a table without geometry as {} "
                "(GDAL 3.10 and newer can): write it as GeoPackage or CSV."
            )
            raise _stop(alg, message.format(name, err)) from None
        raise _stop(alg, tr("Writing {} failed: {}").format(name, err)) from None


def _shorten_names(name, frame, overrides, limit, target, feedback):
    """Field names cut where the format limits them (Shapefile: 10 bytes), the same for
    QGIS's empty layer and the rows GDAL copies in, and the mapping told in the log."""
    short, cut = short_field_names([str(c) for c in frame.columns], *limit)
    if not cut:
        return frame, overrides
    if feedback is not None:
        feedback.pushInfo(
            tr("{}: field names shortened to fit a {} file ({} bytes at most): {}").format(
                name,
                target.suffix.lstrip(".").upper(),
                limit[0],
                ", ".join(f"{a} -> {b}" for a, b in cut.items()),
            )
        )
    overrides = {cut.get(k, k): v for k, v in (overrides or {}).items()}
    return frame.set_axis(short, axis=1), overrides


def write_frame(
    alg,
    parameters: dict,
    context,
    name: str,
    frame: pd.DataFrame,
    wkb_type=QgsWkbTypes.Type.NoGeometry,
    geometry: Callable[[int], QgsGeometry | None] | None = None,
    feedback=None,
    field_overrides: dict[str, str] | None = None,
    xy: tuple | None = None,
    parts: Callable[[int], list[Part] | None] | None = None,
) -> str | None:
    """Write a DataFrame to the sink parameter `name`; returns the destination id.

    `geometry(i)` gives the geometry of row position i; `xy` (lon, lat arrays) are the
    points of a point layer (a file is written from them without a geometry per row);
    `parts(i)` the line parts of row i of a line layer (then `geometry` may be left out).
    File destinations are filled by fast_sinks (one transaction, no feature per row). Field
    names a format reserves (fid, geom...) or that repeat in another case get a suffix (and the user is told);
    CSV files get formula-safe cells and a UTF-8 BOM. A cancel or a failed write
    removes the files this run created and raises, so a partial layer never passes.
    """
    if name not in parameters or parameters[name] is None:
        return None
    parameters = {**parameters, name: layer_in_file(parameters[name])}
    names, renamed = safe_field_names([str(c) for c in frame.columns])
    if renamed:
        if feedback is not None:
            feedback.pushWarning(
                tr("{}: fields renamed so every output format accepts them: {}").format(
                    name, ", ".join(f"{a} -> {b}" for a, b in renamed.items())
                )
            )
        overrides = {renamed.get(k, k): v for k, v in (field_overrides or {}).items()}
        frame = frame.set_axis(names, axis=1)
    else:
        overrides = field_overrides
    target = file_of(alg.parameterAsOutputLayer(parameters, name, context))
    limit = FIELD_NAME_LIMITS.get(target.suffix.lower()) if target is not None else None
    if limit is not None:
        frame, overrides = _shorten_names(name, frame, overrides, limit, target, feedback)
    existed = target is not None and target.exists()
    if target is not None and target.suffix.lower() == ".csv":
        frame = escape_frame(frame)
    fields = fields_for(frame, overrides)
    crs = WGS84 if wkb_type != QgsWkbTypes.Type.NoGeometry else QgsCoordinateReferenceSystem()
    sink, dest = alg.parameterAsSink(parameters, name, context, fields, wkb_type, crs)
    if sink is None:
        raise _stop(alg, alg.invalidSinkError(parameters, name))
    path = file_of(dest)
    if path is not None and not existed:
        alg._backflow_new_files = [*getattr(alg, "_backflow_new_files", []), path]
    if geometry is None and parts is not None:
        shared = shared_line_geometry()
        geometry = lambda i: shared(parts(i))  # noqa: E731 - only the QGIS path needs it
    layer_file = fast_sinks.target_of(dest)  # (file, layer) when the output is a file
    if layer_file is not None:
        del sink  # QGIS made the empty layer; the rows go in without it
        sink = None
        _write_fast(alg, name, frame, fields, wkb_type, geometry, xy, parts, layer_file, feedback)
    else:
        _write_features(alg, sink, name, frame, fields, geometry, feedback)
    del sink  # closes the file, so it can be checked and patched
    if path is not None and path.suffix.lower() == ".csv" and path.exists():
        add_bom(str(path))
        by_type = {v: k for k, v in _TYPES.items()}
        fast_sinks.write_csvt(path, {f.name(): by_type.get(f.type(), "str") for f in fields})
    return dest


class ChunkedSink:
    """An output written a chunk of rows at a time (the same columns in every chunk).

    The first chunk makes the output as ``write_frame`` does; later chunks add rows: by
    ``fast_sinks`` to a file layer, through the still open QGIS sink to anything else
    (memory layers, PostGIS). ``close()`` returns the destination id.
    """

    def __init__(
        self, alg, parameters, context, name, wkb_type=None, overrides=None, feedback=None
    ):
        self.alg, self.parameters, self.context, self.name = alg, parameters, context, name
        self.wkb_type = QgsWkbTypes.Type.NoGeometry if wkb_type is None else wkb_type
        self.overrides, self.feedback = overrides, feedback
        self.dest = self.sink = self.fields = self.target = None
        self.renamed: dict[str, str] = {}

    @property
    def wanted(self) -> bool:
        return self.parameters.get(self.name) is not None

    def add(self, frame: pd.DataFrame, geometry=None, xy=None, parts=None) -> None:
        if not self.wanted:
            return
        if self.dest is None:
            self._first(frame, geometry, xy, parts)
            return
        if self.renamed:
            frame = frame.rename(columns=self.renamed)
        if self.target is not None:
            if self.target[0].suffix.lower() == ".csv":
                frame = escape_frame(frame)
            _write_fast(
                self.alg, self.name, frame, self.fields, self.wkb_type, None, xy, parts,
                self.target, self.feedback,
            )  # fmt: skip
            return
        self.add_rows(frame, geometry, parts)

    def _first(self, frame, geometry, xy, parts) -> None:
        alg, name = self.alg, self.name
        names, self.renamed = safe_field_names([str(c) for c in frame.columns])
        overrides = self.overrides
        if self.renamed:
            frame = frame.set_axis(names, axis=1)
            overrides = {self.renamed.get(k, k): v for k, v in (overrides or {}).items()}
        target = file_of(alg.parameterAsOutputLayer(self.parameters, name, self.context))
        if target is not None and target.suffix.lower() in (".gpkg", ".shp", ".csv"):
            self.dest = write_frame(
                alg, self.parameters, self.context, name, frame, self.wkb_type, geometry,
                self.feedback, overrides, xy, parts,
            )  # fmt: skip
            self.target = fast_sinks.target_of(self.dest)
            self.fields = fields_for(frame, overrides)
            if self.target is not None:
                return
        else:
            self.fields = fields_for(frame, overrides)
            crs = (
                WGS84
                if self.wkb_type != QgsWkbTypes.Type.NoGeometry
                else QgsCoordinateReferenceSystem()
            )
            self.sink, self.dest = alg.parameterAsSink(
                self.parameters, name, self.context, self.fields, self.wkb_type, crs
            )
            if self.sink is None:
                raise _stop(alg, alg.invalidSinkError(self.parameters, name))
            self.add_rows(frame, geometry, parts)
            return
        raise _stop(alg, tr("{}: rows can only be added to a file output").format(name))

    def add_rows(self, frame, geometry, parts) -> None:
        if geometry is None and parts is not None:
            shared = shared_line_geometry()
            geometry = lambda i: shared(parts(i))  # noqa: E731
        _write_features(self.alg, self.sink, self.name, frame, self.fields, geometry, self.feedback)

    def close(self):
        self.sink = None  # a QGIS sink writes its last rows when it goes
        return self.dest


LAYERED_FILES = (".gpkg", ".sqlite")


def static_sink(definition: QgsProcessingOutputLayerDefinition):
    """The destination an output definition names, read through its variant form.

    Reading `definition.sink` makes the definition and its property a reference cycle,
    which Python's collector frees later in whatever thread it runs next; the property
    shares its data with the copies a running task holds, and freeing it in one thread
    while the task copies it in another crashes QGIS."""
    sink = QgsProperty()
    sink.loadVariant(definition.toVariant().get("sink"))
    return sink.staticValue()


def layer_in_file(value):
    """'file.gpkg|layername=stages' (how QGIS names a layer of a GeoPackage) as the
    destination QGIS writes that layer from (ogr:dbname=... table=...); QGIS would
    otherwise make a file of that literal name. Other destinations as given."""
    definition = value if isinstance(value, QgsProcessingOutputLayerDefinition) else None
    text = static_sink(definition) if definition is not None else value
    if not isinstance(text, str) or "|" not in text or text.startswith("ogr:"):
        return value
    path, *options = text.split("|")
    layers = [o.split("=", 1)[1] for o in options if o.strip().startswith("layername=")]
    if len(layers) != 1 or len(options) != 1 or not path.lower().endswith(LAYERED_FILES):
        return value
    fixed = "ogr:dbname='{}' table=\"{}\" (geom)".format(
        path.replace("'", "''"), layers[0].strip().replace('"', '""')
    )
    if definition is None:
        return fixed
    out = QgsProcessingOutputLayerDefinition(definition)
    out.sink = QgsProperty.fromValue(fixed)
    return out
