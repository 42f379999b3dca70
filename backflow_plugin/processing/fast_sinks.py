"""Fast writing of file outputs: rows inserted in one transaction, no feature per row.

QGIS still creates every output layer (parameterAsSink resolves the destination,
overwrites, names the layer, maps field types and names, writes the CRS), but empty:
the rows are then added here.

- GeoPackage: sqlite3 `executemany` of prepared column values and GeoPackage geometry
  blobs (core/writing/wkb.py) in ONE transaction. The rtree triggers are dropped while the rows
  go in and put back after; the rtree is filled from bounds computed with numpy, and
  the layer's extent and feature count are set, so the file is the one OGR would write.
  The rtree of a new layer is bulk-loaded (core/writing/rtree.py): one box at a time through
  SQLite costs more than all the rows.
- Shapefile, CSV, FlatGeobuf: the same rows into a temporary GeoPackage, then GDAL
  copies them into the destination in C++ (`gdal.VectorTranslate`), still no Python
  per row. Shapefile and CSV rows are appended to the layer QGIS made, position by
  position (`-fieldmap identity`: Shapefile may have shortened the names); a FlatGeobuf
  file cannot be appended to, so it is written whole from the temporary one.

Arrow batches (`OGRLayer.WriteArrowBatch`, GDAL >= 3.8) would let OGR take the columns
directly, but writing the sqlite rows is already a few seconds for 600,000 rows, so the
one GeoPackage path serves every GDAL version the same way.
"""

from __future__ import annotations

import contextlib
import csv
import re
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ..core.writing.rtree import bulk_load

BATCH = 50_000  # rows per executemany; a cancel is honoured between batches

FILE_FORMATS = {".gpkg": "GPKG", ".shp": "ESRI Shapefile", ".csv": "CSV", ".fgb": "FlatGeobuf"}


class Cancelled(Exception):
    """The user cancelled between two batches (the caller removes what was written)."""


class TableNotSupported(Exception):
    """This GDAL cannot write a table without geometry in the format (FlatGeobuf before
    GDAL 3.10 drops every row); the caller tells the user which format to choose."""


_FGB_TABLES: list[bool] = []  # probed once a session


def flatgeobuf_tables_supported() -> bool:
    """True when this GDAL keeps the rows of a FlatGeobuf layer without geometry."""
    if not _FGB_TABLES:
        from osgeo import gdal, ogr

        path = "/vsimem/backflow_probe.fgb"
        ds = ogr.GetDriverByName("FlatGeobuf").CreateDataSource(path)
        layer = ds.CreateLayer("probe", None, ogr.wkbNone, ["SPATIAL_INDEX=NO"])
        layer.CreateField(ogr.FieldDefn("n", ogr.OFTInteger))
        row = ogr.Feature(layer.GetLayerDefn())
        row.SetField(0, 1)
        layer.CreateFeature(row)
        row = layer = ds = None
        back = ogr.Open(path)
        _FGB_TABLES.append(back is not None and back.GetLayer(0).GetFeatureCount() == 1)
        back = None
        gdal.Unlink(path)
    return _FGB_TABLES[0]


class Batched:
    """A column of `length` values made a slice at a time by `make(slice)`.

    The writers below only take `len()` and slices of BATCH rows, so a column (or the
    point blobs) is turned into Python objects one batch at a time: a whole 6-million-row
    column as Python ints and floats is hundreds of MB, and a stage table has twenty.
    """

    def __init__(self, length: int, make: Callable[[slice], list]):
        self._length, self._make = length, make

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, part: slice) -> list:
        return self._make(part)


def target_of(dest) -> tuple[Path, str | None] | None:
    """(file, layer name or None) of a resolved sink destination the fast path writes."""
    text = str(dest or "")
    if "://" in text or text.startswith(("memory:", "postgres", "TEMPORARY_OUTPUT")):
        return None
    match = re.match(r"ogr:dbname='([^']+)'\s+table=\"([^\"]+)\"", text)
    if match:
        path, layer = Path(match.group(1)), match.group(2)
    else:
        bits = text.split("|")
        path = Path(bits[0])
        layer = next((b.split("=", 1)[1] for b in bits[1:] if b.startswith("layername=")), None)
        if any(not b.startswith("layername=") for b in bits[1:]):
            return None  # subset strings and other options: leave it to QGIS
    if path.suffix.lower() not in FILE_FORMATS:
        return None
    # QGIS makes a FlatGeobuf table's file only when its writer closes; it is written
    # whole here anyway. Other formats are appended to the layer QGIS made.
    if not path.exists() and path.suffix.lower() != ".fgb":
        return None
    return path, layer


def _gpkg_table(db: sqlite3.Connection, layer: str | None) -> str:
    names = [r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")]
    if layer in names:
        return layer
    if layer is None and len(names) == 1:
        return names[0]
    raise RuntimeError(f"layer {layer!r} not found in the GeoPackage ({names})")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def write_gpkg(
    path: Path,
    layer: str | None,
    columns: list,
    blobs: list | Batched | None,
    bounds: np.ndarray | None,
    is_cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[float], None] = lambda pct: None,
) -> int:
    """Insert the rows (`columns`: one value list or Batched per field, in field order)
    into the empty GeoPackage layer; returns the row count. Nothing is kept on cancel or
    error."""
    db = sqlite3.connect(str(path), timeout=60, isolation_level=None)
    try:
        table = _gpkg_table(db, layer)
        info = db.execute(f"PRAGMA table_info({_quote(table)})").fetchall()
        geom_col = db.execute(
            "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
        ).fetchone()
        geom_name = geom_col[0] if geom_col else None
        pk = next(r[1] for r in info if r[5])
        fields = [r[1] for r in info if r[1] not in (pk, geom_name)]
        if len(fields) != len(columns):
            raise RuntimeError(f"{table}: {len(fields)} fields in the layer, {len(columns)} given")
        count = len(columns[0]) if columns else (len(blobs) if blobs is not None else 0)
        db.execute("BEGIN IMMEDIATE")
        # identifiers below are quoted (_quote), every value is bound
        last = f"SELECT COALESCE(MAX({_quote(pk)}), 0) FROM {_quote(table)}"  # nosec B608
        start = db.execute(last)
        first = start.fetchone()[0] + 1
        empty = f"SELECT NOT EXISTS (SELECT 1 FROM {_quote(table)})"  # nosec B608
        was_empty = bool(db.execute(empty).fetchone()[0])
        fids = range(first, first + count)
        rtree = f"rtree_{table}_{geom_name}"
        # The rtree triggers call ST_ functions plain sqlite lacks; the count trigger
        # would update a row per insert. Both are put back, the count set once.
        triggers = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
            "AND (name LIKE ? OR name = ?)",
            (table, f"rtree_{table}_%", f"trigger_insert_feature_count_{table}"),
        ).fetchall()
        for name, _sql in triggers:
            db.execute(f"DROP TRIGGER {_quote(name)}")
        names = [pk, *fields] + ([geom_name] if geom_name else [])
        sql = "INSERT INTO {} ({}) VALUES ({})".format(  # nosec B608
            _quote(table), ", ".join(map(_quote, names)), ", ".join("?" * len(names))
        )
        cols = [fids, *columns] + ([blobs] if geom_name else [])
        for a in range(0, count, BATCH):
            if is_cancelled():
                raise Cancelled
            db.executemany(sql, zip(*(c[a : a + BATCH] for c in cols)))
            progress(100.0 * min(a + BATCH, count) / max(count, 1))
        if geom_name and bounds is not None and count:
            ok = ~np.isnan(bounds).any(axis=1)
            has_rtree = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (rtree,)
            ).fetchone()
            if has_rtree:
                ids = np.arange(first, first + count)[ok]
                if first == 1:  # a new layer: the index packed in one go
                    bulk_load(db, rtree, ids, bounds[ok])
                else:
                    db.executemany(
                        f"INSERT INTO {_quote(rtree)} VALUES (?, ?, ?, ?, ?)",  # nosec B608
                        zip(ids.tolist(), *bounds[ok].T.tolist()),
                    )
            if ok.any():
                b = bounds[ok]
                db.execute(
                    "UPDATE gpkg_contents SET min_x = ?, max_x = ?, min_y = ?, max_y = ? "
                    "WHERE table_name = ?",
                    (
                        *(float(v) for v in (b[:, 0].min(), b[:, 1].max())),
                        *(float(v) for v in (b[:, 2].min(), b[:, 3].max())),
                        table,
                    ),
                )
        for _name, trigger_sql in triggers:
            db.execute(trigger_sql)
        with contextlib.suppress(sqlite3.OperationalError):  # no such table: nothing kept
            if was_empty:  # the count is known: counting a big table reads all of it
                db.execute(
                    "UPDATE gpkg_ogr_contents SET feature_count = ? WHERE table_name = ?",
                    (count, table),
                )
            else:
                db.execute(
                    f"UPDATE gpkg_ogr_contents SET feature_count = (SELECT COUNT(*) FROM "  # nosec B608
                    f"{_quote(table)}) WHERE table_name = ?",
                    (table,),
                )
        db.execute("COMMIT")
        return count
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.close()


def drop_layer(path: Path, layer: str | None) -> bool:
    """Remove the layer QGIS made for a write that failed, from a GeoPackage that holds
    other layers too (a new file is removed whole by the caller)."""
    from osgeo import ogr

    ds = ogr.Open(str(path), 1)
    if ds is None:
        return False
    try:
        names = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
        if layer is None and len(names) == 1:
            layer = names[0]
        if layer not in names:
            return False
        return ds.DeleteLayer(names.index(layer)) == 0
    finally:
        ds = None


_OGR_TYPES = {"int": "OFTInteger64", "float": "OFTReal", "bool": "OFTInteger", "str": "OFTString"}


def write_other(
    path: Path,
    layer: str | None,
    kinds: list[str],
    names: list[str],
    columns: list,
    blobs: list | Batched | None,
    bounds: np.ndarray | None,
    geometry_type: int,
    is_cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[float], None] = lambda pct: None,
) -> int:
    """Shapefile, CSV or FlatGeobuf: the rows through a temporary GeoPackage, copied by GDAL."""
    from osgeo import gdal, ogr, osr

    driver = FILE_FORMATS[path.suffix.lower()]
    rows = len(columns[0]) if columns else len(blobs or [])
    fgb_table = driver == "FlatGeobuf" and blobs is None
    if fgb_table and rows and not flatgeobuf_tables_supported():
        raise TableNotSupported(driver)
    with tempfile.TemporaryDirectory(prefix="backflow-") as tmp:
        staging = Path(tmp) / "rows.gpkg"
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(staging))
        srs = None
        if blobs is not None:
            srs = osr.SpatialReference()
            srs.ImportFromEPSG(4326)
        lyr = ds.CreateLayer(
            "rows",
            srs,
            geometry_type if blobs is not None else ogr.wkbNone,
            ["SPATIAL_INDEX=NO"],
        )
        for name, kind in zip(names, kinds):
            defn = ogr.FieldDefn(name, getattr(ogr, _OGR_TYPES[kind]))
            if kind == "bool":
                defn.SetSubType(ogr.OFSTBoolean)
            lyr.CreateField(defn)
        lyr = ds = None  # close: sqlite takes it from here
        count = write_gpkg(staging, "rows", columns, blobs, bounds, is_cancelled, progress)
        if is_cancelled():
            raise Cancelled
        options = ["-preserve_fid"] if driver == "FlatGeobuf" else []
        if driver == "FlatGeobuf":
            # FlatGeobuf cannot be appended to: QGIS's empty file is replaced, same name.
            path.unlink(missing_ok=True)
            options += ["-nln", layer or path.stem]
            if fgb_table and rows:  # GDAL's spatial index refuses rows without geometry
                options += ["-lco", "SPATIAL_INDEX=NO"]
            done = gdal.VectorTranslate(str(path), str(staging), format=driver, options=options)
        else:
            options = ["-append", "-fieldmap", ",".join(str(i) for i in range(len(names)))]
            if layer:
                options += ["-nln", layer]
            else:
                options += ["-nln", path.stem]
            done = gdal.VectorTranslate(str(path), str(staging), options=options)
        if done is None:
            raise RuntimeError(gdal.GetLastErrorMsg() or f"GDAL could not write {path.name}")
        done = None
    written = _feature_count(path, layer)
    if written != count:  # GDAL skips rows a format refuses; never a silent loss
        raise RuntimeError(
            f"{path.name} holds {written} of {count} rows ({gdal.GetLastErrorMsg() or driver})"
        )
    return count


_CSVT_TYPES = {"int": "Integer64", "float": "Real", "bool": "Integer(Boolean)", "str": "String"}


def write_csvt(path: Path, kinds: dict[str, str]) -> None:
    """The column types beside a CSV (GDAL's .csvt), for the columns of its header (a
    geometry column QGIS added: WKT): read back, by the next step of a chain or by a
    user in QGIS, numbers stay numbers (a CSV alone reads as text)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f), [])
    types = [
        "WKT" if name.upper() == "WKT" else _CSVT_TYPES.get(kinds.get(name, "str"), "String")
        for name in header
    ]
    path.with_suffix(".csvt").write_text(",".join(f'"{t}"' for t in types) + "\n")


def _feature_count(path: Path, layer: str | None) -> int:
    from osgeo import ogr

    source = path
    if path.suffix.lower() == ".shp" and not path.exists():
        source = path.with_suffix(".dbf")  # a table without geometry is a lone .dbf
    ds = ogr.Open(str(source))
    if ds is None:
        return -1
    try:
        found = ds.GetLayerByName(layer) if layer else None
        return (found or ds.GetLayer(0)).GetFeatureCount()
    finally:
        ds = None
