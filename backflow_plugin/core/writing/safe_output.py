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


# Formats that limit the length of a field name, in bytes of the encoding they store it in
# (a dBASE header holds 10 bytes): the names are shortened here, before the file is made,
# so QGIS, GDAL and the log all use the same short names.
FIELD_NAME_LIMITS = {".shp": (10, "utf-8"), ".dbf": (10, "utf-8")}


def _cut(name: str, max_bytes: int, encoding: str) -> str:
    """The longest prefix of name that fits max_bytes (never half a character)."""
    out = name
    while len(out.encode(encoding)) > max_bytes:
        out = out[:-1]
    return out


def short_field_names(
    names: list[str], max_bytes: int, encoding: str = "utf-8"
) -> tuple[list[str], dict[str, str]]:
    """Field names cut to max_bytes, unique case-insensitively.

    Returns (names, {old: new} for the shortened ones). A cut name that repeats an
    earlier one ends in _2, _3, ... ('home_country', 'home_county' -> 'home_count',
    'home_cou_2'); a name that already fits is kept, and a cut name never takes it.
    """
    fits = {n.casefold() for n in names if len(n.encode(encoding)) <= max_bytes}
    seen: set[str] = set()
    out: list[str] = []
    renamed: dict[str, str] = {}
    for name in names:
        if len(name.encode(encoding)) <= max_bytes and name.casefold() not in seen:
            new = name
        else:
            new, k = _cut(name, max_bytes, encoding), 2
            while new.casefold() in seen or (new != name and new.casefold() in fits):
                tail = f"_{k}"
                new = _cut(name, max_bytes - len(tail), encoding) + tail
                k += 1
        seen.add(new.casefold())
        out.append(new)
        if new != name:
            renamed[name] = new
    return out, renamed


def add_bom(path: str) -> None:
    """Prefix a UTF-8 file with the BOM (Excel on Chinese Windows reads it as UTF-8 then)."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data.startswith(UTF8_BOM):
        return
    with open(path, "wb") as handle:
        handle.write(UTF8_BOM + data)
