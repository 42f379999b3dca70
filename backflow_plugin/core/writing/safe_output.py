"""Output hygiene shared by every writer: spreadsheet-safe CSV cells, field names
every output format accepts.

OWASP's CSV injection rule: a cell that starts with '=', '+', '-', '@', a tab or a
carriage return is read as a formula by Excel and LibreOffice; a leading apostrophe
makes it plain text. Numbers are written as numbers and need no escaping.
"""

from __future__ import annotations

import pandas as pd

from ..vectorise import none_for_missing

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = b"\xef\xbb\xbf"

# Names GeoPackage, Shapefile, CSV or FlatGeobuf keep for themselves (compared casefolded):
# the feature id and the geometry column.
RESERVED_FIELD_NAMES = frozenset(
    {"fid", "geom", "geometry", "ogc_fid", "wkt", "wkt_geom", "shape", "the_geom"}
)


def escape_formula(value: object) -> object:
    """A text value that a spreadsheet would run as a formula, made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell escaped (object/string columns only)."""
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if series.dtype != object and not pd.api.types.is_string_dtype(series.dtype):
            continue
        text = series.map(lambda v: v if isinstance(v, str) else "")
        risky = text.str.startswith(FORMULA_STARTS)
        if risky.any():
            out[col] = none_for_missing(series).where(~risky, "'" + text)
    return out


def safe_field_names(names: list[str]) -> tuple[list[str], dict[str, str]]:
    """Field names unique case-insensitively and clear of reserved names.

    Returns (names, {old: new} for the renamed ones). 'fid' becomes 'fid_attr';
    'City' next to 'city' becomes 'City_2' (GeoPackage columns ignore case).
    """
    out: list[str] = []
    renamed: dict[str, str] = {}
    seen: set[str] = set()
    for name in names:
        new = str(name) or "field"
        if new.casefold() in RESERVED_FIELD_NAMES:
            new = f"{new}_attr"
        base, k = new, 2
        while new.casefold() in seen:
            new = f"{base}_{k}"
            k += 1
        seen.add(new.casefold())
        out.append(new)
        if new != name:
            renamed[str(name)] = new
    return out, renamed


def add_bom(path: str) -> None:
    """Prefix a UTF-8 file with the BOM (Excel on Chinese Windows reads it as UTF-8 then)."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data.startswith(UTF8_BOM):
        return
    with open(path, "wb") as handle:
        handle.write(UTF8_BOM + data)
