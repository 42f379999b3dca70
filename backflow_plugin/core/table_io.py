"""Reading delimited text tables in any common encoding, without QGIS."""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path

import pandas as pd

from . import table_large
from .errors import BackflowInputError

log = logging.getLogger("backflow")

TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".dat", ""}
DELIMITERS = [",", ";", "\t", "|"]


def _common_cjk_share(text: str, encoding: str) -> float:
    """Share of CJK characters that are common in `encoding`'s own ranking.

    A wrong guess between GB18030 and Big5 still decodes, but into rare
    characters; the common-character share tells the right one apart.
    """
    cjk = [ch for ch in text if "\u3400" <= ch <= "\u9fff"]
    if not cjk:
        return 0.0
    sample = cjk[:5000]
    common = 0
    for ch in sample:
        if encoding == "gb18030":
            try:
                b = ch.encode("gb2312")
            except UnicodeEncodeError:
                continue
            common += 0xB0 <= b[0] <= 0xD7  # GB2312 level 1: the 3,755 common hanzi
        else:
            try:
                b = ch.encode("big5")
            except UnicodeEncodeError:
                continue
            common += 0xA4 <= b[0] <= 0xC6  # Big5 level 1: the 5,401 common hanzi
    return common / len(sample)


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode file bytes; returns (text, encoding used). Auto-detects when encoding is None."""
    if encoding:
        return data.decode(encoding), encoding
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    scored = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        scored.append((_common_cjk_share(text, enc), enc, text))
    scored.sort(key=lambda t: t[0], reverse=True)
    if scored and scored[0][0] >= 0.6:
        return scored[0][2], scored[0][1]
    # Western single-byte text: cp1252 where it decodes, else Latin-1 (decodes anything).
    for enc in ("cp1252", "latin-1"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any byte string")


def sniff_delimiter(text: str, suffix: str = "") -> str:
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    if not lines:
        return ","
    if suffix == ".tsv":
        return "\t"
    try:
        return csv.Sniffer().sniff("\n".join(lines[:20]), delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        pass
    # Fall back to the delimiter that appears most consistently line after line.
    best, best_score = ",", -1.0
    for d in DELIMITERS:
        counts = [ln.count(d) for ln in lines]
        if counts[0] == 0:
            continue
        score = sum(c == counts[0] for c in counts) / len(counts) + counts[0] / 1000
        if score > best_score:
            best, best_score = d, score
    return best


def read_text_table(
    path: str | Path, encoding: str | None = None, is_cancelled=None
) -> tuple[pd.DataFrame, dict]:
    """Read CSV/TSV/TXT into a DataFrame of strings ('' for empty cells).

    Returns the frame and info {encoding, delimiter}. Raises BackflowInputError for
    an empty file, a file with a header only, or ragged rows. Large files are read in
    chunks (core.table_large), and `is_cancelled()` is checked between chunks.
    """
    path = Path(path)
    if not path.is_file():
        raise BackflowInputError("The file does not exist", file=str(path))
    if path.stat().st_size > table_large.LARGE_BYTES:
        return _read_large(path, encoding, is_cancelled or (lambda: False))
    data = path.read_bytes()
    if not data.strip():
        raise BackflowInputError(
            "The file is empty", file=path.name, accepted="a table with a header row and data rows"
        )
    try:
        text, used = decode_bytes(data, encoding)
    except (UnicodeDecodeError, LookupError) as err:
        raise BackflowInputError(
            f"The file cannot be read as {encoding}: {err}",
            file=path.name,
            accepted="UTF-8, GB18030/GBK, Big5, Latin-1 (or leave the encoding on auto)",
        ) from err
    delimiter = sniff_delimiter(text, path.suffix.lower())
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=True,
            skipinitialspace=True,
        )
    except pd.errors.ParserError as err:
        raise BackflowInputError(
            f"The table's rows do not all have the same number of columns: {err}",
            file=path.name,
            accepted=f"one header row, then rows separated by '{delimiter}'",
        ) from err
    except pd.errors.EmptyDataError as err:
        raise BackflowInputError("The file is empty", file=path.name) from err
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.empty:
        raise BackflowInputError(
            "The file has a header but no data rows",
            file=path.name,
            accepted="a header row followed by one row per stage (long) or per person (wide)",
        )
    log.info("Read %s: %d rows, encoding %s, delimiter %r", path.name, len(frame), used, delimiter)
    return frame, {"encoding": used, "delimiter": delimiter}


def _read_large(path: Path, encoding: str | None, is_cancelled) -> tuple[pd.DataFrame, dict]:
    try:
        text, used = table_large.head_text(path, lambda b: decode_bytes(b, encoding))
    except (UnicodeDecodeError, LookupError) as err:
        raise BackflowInputError(
            f"The file cannot be read as {encoding}: {err}",
            file=path.name,
            accepted="UTF-8, GB18030/GBK, Big5, Latin-1 (or leave the encoding on auto)",
        ) from err
    delimiter = sniff_delimiter(text, path.suffix.lower())
    frame = table_large.read_chunked(path, used, delimiter, is_cancelled)
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.empty:
        raise BackflowInputError("The file has a header but no data rows", file=path.name)
    log.info("Read %s in chunks: %d rows, encoding %s", path.name, len(frame), used)
    return frame, {"encoding": used, "delimiter": delimiter}
