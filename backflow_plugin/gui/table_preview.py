"""What the panel shows about a table before the run: rows, detected columns, stage labels.

Reading only; the analysis itself runs in backflow:fullanalysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from qgis.core import QgsFeatureRequest, QgsVectorLayer

from ..core.tables.fields import ROLES, detect_fields
from ..core.tables.stage_labels import normalise_stages
from ..qgis_io import read_table_file
from ..translation import tr

FILE_FILTER = (
    "Tables (*.csv *.tsv *.txt *.tab *.xlsx *.xls *.ods *.gpkg *.dbf);;"
    "CSV / text (*.csv *.tsv *.txt *.tab);;Spreadsheets (*.xlsx *.xls *.ods);;All files (*)"
)


@dataclass
class StageValue:
    label: str  # as in the table
    rows: int
    canonical: str | None  # "" for an empty label (order only), None when not recognised


@dataclass
class TablePreview:
    frame: pd.DataFrame  # the whole table as text (a layer: up to `limit` rows)
    label: str  # the name the results are grouped under
    info: str = ""
    fields: dict[str, str | None] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        return [str(c) for c in self.frame.columns]


def read_preview(source, limit: int = 200_000) -> TablePreview:
    """A file path or a vector layer -> TablePreview (raises BackflowInputError / OSError)."""
    if isinstance(source, QgsVectorLayer):
        request = QgsFeatureRequest().setLimit(limit)
        request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
        names = source.fields().names()
        rows = [
            ["" if v is None or (hasattr(v, "isNull") and v.isNull()) else str(v)
             for v in f.attributes()]
            for f in source.getFeatures(request)
        ]  # fmt: skip
        frame = pd.DataFrame(rows, columns=names)
        preview = TablePreview(frame, source.name(), tr("{} rows (layer)").format(len(frame)))
    else:
        path = Path(str(source).split("|")[0])
        read = read_table_file(str(source))
        if read is not None:
            frame, info = read
            text = (
                tr("{} rows, encoding {}, delimiter {!r}").format(
                    len(frame), info["encoding"], info["delimiter"]
                )
                if "encoding" in info
                else tr("{} rows").format(len(frame))
            )
        else:
            layer = QgsVectorLayer(str(source), path.stem, "ogr")
            if not layer.isValid():
                raise OSError(tr("Cannot open {} as a table").format(path.name))
            preview = read_preview(layer, limit)
            preview.label = path.stem
            return preview
        preview = TablePreview(frame, path.stem, text)
    preview.fields = detect_fields(preview.columns)
    return preview


def stage_values(frame: pd.DataFrame, column: str | None) -> list[StageValue]:
    """Distinct labels of the stage column with their row counts and canonical stage."""
    if not column or column not in frame.columns:
        return []
    labels = frame[column].fillna("").astype(str).str.strip()
    counts = labels.value_counts(sort=False)
    distinct = pd.Series(list(counts.index), dtype=object)
    canonical, unknown = normalise_stages(distinct)
    out = [
        StageValue(label, int(counts[label]), None if bad else str(stage))
        for label, stage, bad in zip(distinct, canonical, unknown)
    ]
    # Unrecognised labels first (they need the user), then in the table's order.
    return sorted(out, key=lambda v: v.canonical is not None)


def corrections(values: list[StageValue], chosen: dict[str, str]) -> str:
    """STAGE_MAPPING text for the labels whose chosen stage differs from the detected one."""
    items = [
        f"{v.label}={chosen[v.label]}"
        for v in values
        if v.label in chosen and chosen[v.label] != (v.canonical or "") and v.label
    ]
    return "; ".join(items)


__all__ = ["ROLES", "FILE_FILTER", "StageValue", "TablePreview", "read_preview",
           "stage_values", "corrections"]  # fmt: skip
