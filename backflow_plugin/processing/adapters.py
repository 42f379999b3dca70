"""Conversions between QGIS layers / sinks and pandas DataFrames (the only place).

Reading layers lives in frame_reading, writing sinks and output files in frame_writing;
the algorithms take both from here, with the errors and warnings core raises.
"""

from __future__ import annotations

import pandas as pd
from qgis.core import QgsProcessingException

from ..core.errors import BackflowInputError
from ..core.trajectories.flow_lines import GEODESIC, MAX_POINTS, ROUTE_VERTEX_BUDGET
from ..core.writing.safe_output import safe_field_names
from ..qgis_io import read_spreadsheet
from ..translation import core_text, tr
from .frame_reading import cell_value, points_to_frame, points_to_wgs84_frame, source_to_frame
from .frame_writing import (
    ChunkedSink,
    discard_new_files,
    fields_for,
    file_family,
    file_of,
    frame_records,
    layer_in_file,
    line_geometry,
    point_geometry,
    shared_line_geometry,
    write_frame,
)

__all__ = [
    "ChunkedSink", "as_written", "cell_value", "discard_new_files", "fields_for", "file_family", "file_of",
    "frame_records", "input_error", "layer_in_file", "line_geometry", "point_geometry",
    "points_to_frame", "points_to_wgs84_frame", "read_spreadsheet", "report_vertex_budget",
    "shared_line_geometry", "source_to_frame", "warning_text", "write_frame",
]  # fmt: skip


def as_written(frame: pd.DataFrame, xy: tuple | None = None) -> pd.DataFrame:
    """A frame as write_frame wrote it and a layer reader gives it back: fields renamed
    as every format accepts them, rows numbered from 0, with lon/lat when `xy` is given.
    A shallow copy: the next step may add or replace columns without touching it."""
    names, renamed = safe_field_names([str(c) for c in frame.columns])
    out = frame.set_axis(names, axis=1) if renamed else frame.copy(deep=False)
    out.index = pd.RangeIndex(len(out))  # reset_index would copy every column (pandas < 3)
    if xy is not None:
        out["lon"], out["lat"] = xy
    return out


def report_vertex_budget(feedback, name: str, legs: int, cap: int, kind: str) -> None:
    """Tell the user when route lines were drawn coarser to stay within the vertex budget."""
    if feedback is not None and kind == GEODESIC and cap < MAX_POINTS:
        feedback.pushInfo(
            tr(
                "{}: {} legs; geodesics drawn with at most {} segments each so the layer "
                "stays within {} vertices."
            ).format(name, f"{legs:,}", cap, f"{ROUTE_VERTEX_BUDGET:,}")
        )


def input_error(err: BackflowInputError) -> QgsProcessingException:
    """A core error for the user, in the plugin's language (core/errors.py)."""
    return QgsProcessingException(core_text(err))


def warning_text(warning: str) -> str:
    """A core warning (a message) in the plugin's language; any other text as it is."""
    return core_text(warning)
