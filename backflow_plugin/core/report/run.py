"""What the report takes as data and records about its run (pure Python, no QGIS).

Tier breaks come as data, never read back from a log line: City network's ``BREAKS``
output (";"-separated, in the units of its ``MEASURE``) with its ``TIER_METHOD``, or
numbers a user types ("0.35, 0.12"). Only the thresholds and top-N methods give the
lower bound of each tier; the class bounds of the other methods are shown as given,
and Table 4 gives each tier's range of the measure instead.

The reproducibility record names the input file with its size, rows and SHA-256, the
layers and every parameter, so a reader can tell which data and settings made a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from ..errors import BackflowInputError
from ..messages import M, Message
from ..places import zh_names
from ..schema import SPREADSHEET_SUFFIXES, TEXT_SUFFIXES
from ..tables.delimited import read_text_table
from .concentration import top_k_names
from .tables import file_sha256

# methods whose breaks are the lowest measure inside tiers 1, 2 (core.network.tiers)
LOWER_BOUND_METHODS = ("thresholds", "top_n")
NOT_GIVEN = "(not given)"


def _same(text: str) -> str:
    return text


def parse_breaks(text: str | None, method: str | None = None) -> list[float] | None:
    """Per-tier lower bounds from TIER_BREAKS, or None when the text gives none.

    '0.35, 0.12' and City network's '0.35;0.12' -> [0.35, 0.12] (tiers 1, 2; an
    ascending list is read as tiers 3, 2, 1 by ``report.table4``). With a `method`
    whose breaks are class bounds (hybrid, natural_breaks, head_tail, quantile) ->
    None. Text that is not a list of numbers (e.g. a log line) -> None: it is shown
    as given.
    """
    parts = [p for p in re.split(r"[,;\s]+", (text or "").strip()) if p]
    if not parts or (method and method not in LOWER_BOUND_METHODS):
        return None
    try:
        return [float(p) for p in parts]
    except ValueError:
        return None


def input_record(
    path: str | None,
    *,
    read_spreadsheet: Callable[[str], pd.DataFrame] | None = None,
    tr: Callable[[str], str] = _same,
) -> tuple[dict[str, str], str | None]:
    """The input file's name, size, SHA-256 and rows; (record, a warning or None).

    A missing file is an error; rows that cannot be counted are a warning, since the
    checksum already identifies the file.
    """
    if not path:
        return {M("report.run.file"): M("report.run.no_input_file")}, None
    p = Path(path.split("|")[0])
    if not p.is_file():
        raise BackflowInputError(M("error.report.no_input_file"), file=p.name)
    record = {
        M("report.run.file"): p.name,
        M("report.run.size"): f"{p.stat().st_size:,}",
        "sha256": file_sha256(p),
    }
    warning = None
    try:
        if p.suffix.lower() in TEXT_SUFFIXES:
            frame, info = read_text_table(p)
            record[M("report.run.rows")] = M(
                "report.run.rows_encoding", rows=f"{len(frame):,}", encoding=info["encoding"]
            )
        elif p.suffix.lower() in SPREADSHEET_SUFFIXES and read_spreadsheet is not None:
            record[M("report.run.rows")] = M(
                "report.run.data_rows", rows=f"{len(read_spreadsheet(str(p))):,}"
            )
    except (BackflowInputError, OSError, ValueError) as err:
        warning = tr("Could not count the rows of {}: {}").format(p.name, err)
    return record, warning


def layers_record(
    stages_name: str,
    stages: pd.DataFrame,
    cities: pd.DataFrame | None,
    routes: pd.DataFrame | None,
) -> dict[str, str]:
    """The layers the report was made from, with their sizes."""
    persons = stages["person_id"].astype(str).nunique() if "person_id" in stages else 0

    def features(frame: pd.DataFrame) -> M:
        return M("report.run.features", n=f"{len(frame):,}")

    return {
        M("report.run.stages_layer"): M(
            "report.run.stages", name=stages_name, n=f"{len(stages):,}", persons=f"{persons:,}"
        ),
        M("report.run.cities_layer"): features(cities)
        if cities is not None
        else M("report.run.not_given"),
        M("report.run.routes_layer"): features(routes)
        if routes is not None
        else M("report.run.routes_classified"),
    }


def parameters_record(
    table1: pd.DataFrame,
    *,
    top_n: int,
    top_k: int,
    breaks_text: str,
    measure: str | None,
    overrides_text: str,
    reference: str,
    method: str | None = None,
    extra: Mapping[str, object] | None = None,
) -> dict[str, object]:
    """Every parameter as the report used it (detected columns included)."""
    record: dict[str, object] = {
        "SUBJECT_FIELD": table1.attrs.get("subject") or "(none found)",
        "UNIT_FIELD": table1.attrs.get("unit") or "(none found)",
        "TOP_N": top_n,
        "TOP_K": top_k,
        "TIER_BREAKS": breaks_text or NOT_GIVEN,
        "TIER_MEASURE": measure or NOT_GIVEN,
    }
    if method:  # (absent when not given, so older records read the same)
        record["TIER_METHOD"] = method
    record.update(
        {
            "REGION_OVERRIDES": overrides_text or "(none)",
            "REFERENCE": reference,
            **(extra or {}),
        }
    )
    return record


def chinese_names(cities: pd.DataFrame | None, countries: pd.DataFrame) -> dict[str, str]:
    """English -> Chinese names of the countries (a table with name, name_zh) and of
    the cities a report mentions (by the one rule of ``places.zh_names``)."""
    names = dict(zip(countries["name"].astype(str), countries["name_zh"]))
    if cities is not None and "name" in cities.columns:
        names.update(zip(cities["name"].astype(str), zh_names.chinese_names(cities)))
    return {k: str(v) for k, v in names.items() if isinstance(v, str) and v.strip()}


def sink_frames(tables: Mapping[str, pd.DataFrame], top_k: int) -> dict[str, pd.DataFrame]:
    """The report's tables as written to sinks: return cities flag the top k; texts that
    are messages as their English (a layer's field takes plain text)."""
    out = {key: _plain_text(frame) for key, frame in tables.items()}
    conc = out.get("return_cities")
    if conc is not None and len(conc) and "rank" in conc.columns:
        out["return_cities"] = conc.assign(top_k=conc["rank"] <= top_k)
    return out


def _holds_message(values: pd.Series) -> bool:
    """Whether a value is a message: the distinct types are looked at, not every value
    (a person table has 100,000s of rows)."""
    return any(issubclass(t, Message) for t in set(map(type, values)))


def _plain_text(frame: pd.DataFrame) -> pd.DataFrame:
    columns = [
        c
        for c in frame.columns
        # object, or pandas 3's string dtype, which holds str subclasses as they are
        if not pd.api.types.is_numeric_dtype(frame[c]) and _holds_message(frame[c])
    ]
    if not columns:
        return frame
    return frame.assign(
        **{c: [str(v) if isinstance(v, Message) else v for v in frame[c]] for c in columns}
    )


def headline(tables: Mapping[str, pd.DataFrame]) -> dict[str, object]:
    """Returnees, return cities, the top-k share with its cities, and the Gini."""
    conc = tables.get("concentration")
    if conc is None or not len(conc):
        return {"share": None, "gini": None, "returnees": 0}
    row = conc.iloc[0]
    return {
        "share": float(row["top_k_share"]),
        "gini": float(row["gini"]),
        "returnees": int(row["returnees"]),
        "cities": int(row["return_cities"]),
        "names": top_k_names(conc),
    }
