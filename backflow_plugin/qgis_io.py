"""QGIS-side input and output helpers shared by the panel (gui/) and the algorithms.

Neither gui nor processing: both import from here, so the panel reads a table the
way the import does without reaching into an algorithm's module.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from qgis.core import QgsProcessing, QgsProcessingOutputLayerDefinition
from qgis.PyQt.QtCore import QCoreApplication, QThread

from .core.errors import BackflowInputError
from .core.messages import M
from .core.schema import SPREADSHEET_SUFFIXES, TEXT_SUFFIXES
from .core.tables.delimited import read_text_table


def _path(value) -> Path | None:
    if not isinstance(value, str) or not value:
        return None
    return Path(value.split("|")[0])


def text_file(value) -> str | None:
    """The path when `value` is a delimited text file we read ourselves."""
    path = _path(value)
    if path is None or path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file():
        return None
    return str(path)


def is_spreadsheet(value) -> bool:
    path = _path(value)
    return path is not None and path.suffix.lower() in SPREADSHEET_SUFFIXES


def reads_itself(value) -> bool:
    """True for a text file or spreadsheet: read here, not opened as a layer by OGR."""
    path = _path(value)
    return bool(text_file(value)) or (is_spreadsheet(value) and path.is_file())


def file_label(value) -> str:
    text = str(value)
    return Path(text.split("|")[0]).name if text else "input"


def read_table_file(value, encoding: str | None = None, is_cancelled=None):
    """(frame of text cells, info) for a text file or spreadsheet, None for anything else.

    info: the text reader's {encoding, delimiter, warnings}, or {} for a spreadsheet.
    """
    path = text_file(value)
    if path:
        return read_text_table(path, encoding, is_cancelled)
    if is_spreadsheet(value):
        return read_spreadsheet(str(value)), {}
    return None


def read_spreadsheet(path: str) -> pd.DataFrame:
    """An XLSX/ODS sheet as text cells, first row as header ('path|layername=Sheet' picks a sheet).

    Read with GDAL directly: QGIS's shared OGR connections may already hold the file
    opened with the header taken for data.
    """
    from osgeo import gdal

    parts = path.split("|")
    sheet = next((p.split("=", 1)[1] for p in parts[1:] if p.startswith("layername=")), None)
    # GDAL 3.6's XLSX/ODS drivers take these as configuration, not open, options.
    options = {
        f"OGR_{d}_{k}": v
        for d in ("XLSX", "ODS")
        for k, v in (("HEADERS", "FORCE"), ("FIELD_TYPES", "STRING"))
    }
    old = {key: gdal.GetConfigOption(key) for key in options}
    for key, value in options.items():
        gdal.SetConfigOption(key, value)
    try:  # the driver parses lazily, so the options must hold until the rows are read
        ds = gdal.OpenEx(parts[0], gdal.OF_VECTOR)
        if ds is None:
            raise BackflowInputError(M("error.spreadsheet.cannot_open"), file=Path(parts[0]).name)
        layer = ds.GetLayerByName(sheet) if sheet else ds.GetLayer(0)
        if layer is None:
            raise BackflowInputError(
                M("error.spreadsheet.no_sheet"), file=Path(parts[0]).name, value=sheet
            )
        defn = layer.GetLayerDefn()
        names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        rows = [
            ["" if v is None else str(v) for v in (f.GetField(i) for i in range(len(names)))]
            for f in layer
        ]
    finally:
        for key, value in old.items():
            gdal.SetConfigOption(key, value)
    return pd.DataFrame(rows, columns=names)


def output_definition(name: str, project=None) -> QgsProcessingOutputLayerDefinition:
    """A temporary output loaded into `project` under `name` (for the panel)."""
    definition = QgsProcessingOutputLayerDefinition(QgsProcessing.TEMPORARY_OUTPUT, project)
    definition.destinationName = name
    return definition


# --------------------------------------------------------------------------- the report file


def in_temporary_folder(path) -> bool:
    """True for a file Processing made up in its temporary folder (deleted when QGIS
    closes), or for no file at all."""
    from qgis.core import QgsProcessingUtils

    text = str(path or "")
    if not text or text == QgsProcessing.TEMPORARY_OUTPUT:
        return True
    try:
        return Path(text).resolve().is_relative_to(Path(QgsProcessingUtils.tempFolder()).resolve())
    except (OSError, ValueError):
        return False


def input_file(value) -> Path | None:
    """The file behind an input (a path, 'file.gpkg|layername=x', a layer or a layer id
    in the project): None for memory and database layers."""
    from qgis.core import QgsMapLayer, QgsProject

    if isinstance(value, QgsMapLayer):
        value = value.source()
    elif isinstance(value, str) and QgsProject.instance().mapLayer(value) is not None:
        value = QgsProject.instance().mapLayer(value).source()
    if isinstance(value, str) and value.startswith("file://"):  # a delimited-text layer
        from urllib.parse import unquote, urlparse

        value = unquote(urlparse(value).path)
    path = _path(value)
    return path if path is not None and path.suffix and path.is_file() else None


def report_file(folder: Path, stem: str) -> Path:
    """'<stem>_report.html' in `folder`, numbered so that no earlier file is replaced."""
    stem = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem).strip("._")
    stem = stem or "backflow"
    path = folder / f"{stem}_report.html"
    n = 2
    while path.exists():
        path = folder / f"{stem}_report_{n}.html"
        n += 1
    return path


def kept_report_path(path, inputs, remembered: str | None = None) -> str:
    """Where a report goes that would be lost in the temporary folder: beside the first
    input file in a writable folder ('<its name>_report.html'), else in `remembered` (a
    folder the panel keeps); the given path when it is the user's own file or when no
    such folder exists."""
    import os

    if not in_temporary_folder(path):
        return str(path)
    files = [f for f in map(input_file, inputs) if f is not None and not in_temporary_folder(f)]
    places = [(f.parent, f.stem) for f in files]
    if remembered:
        places.append((Path(remembered), files[0].stem if files else "backflow"))
    for folder, stem in places:
        if folder.is_dir() and os.access(folder, os.W_OK):
            return str(report_file(folder, stem))
    return str(path)


def in_main_thread() -> bool:
    """True in QGIS's main (GUI) thread, or without a Qt application at all."""
    app = QCoreApplication.instance()
    return app is None or QThread.currentThread() == app.thread()
