"""Reading delimited text tables in any common encoding, without QGIS."""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path

import pandas as pd

from ..errors import BackflowInputError, Cancelled, CoreWarning
from ..messages import M
from . import chunked as table_large

log = logging.getLogger("backflow")

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
    # Pinyin with ü or tone marks in GB18030 decodes as cp1252 too, but into symbols
    # ('¨¹' for ü); GB18030 wins when it gives only Latin letters and cp1252 does not.
    gb = next((t for _, enc, t in scored if enc == "gb18030"), None)
    if gb is not None and _latin_letters_only(gb):
        try:
            western = data.decode("cp1252")
        except UnicodeDecodeError:
            western = data.decode("latin-1")
        if not _latin_letters_only(western):
            return gb, "gb18030"
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


def _first_lines(text: str, count: int) -> list[str]:
    """``text.splitlines()[:count]`` without splitting a whole large file."""
    size = 65_536
    while True:
        lines = text[:size].splitlines()
        if len(lines) > count or size >= len(text):  # line `count` ended inside the head
            return lines[:count]
        size *= 4


def sniff_delimiter(text: str, suffix: str = "") -> str:
    lines = [ln for ln in _first_lines(text, 50) if ln.strip()]
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


def _latin_letters_only(text: str) -> bool:
    """All non-ASCII characters are Latin letters (pinyin with tones or ü, accented names)."""
    rest = [ch for ch in text if ord(ch) > 127]
    return bool(rest) and all(ch.isalpha() and ord(ch) < 0x0250 for ch in rest)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: NUL bytes on every other position."""
    sample = data[:4000]
    if len(sample) < 4 or sample.count(0) < len(sample) // 3:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    enc = "utf-16-le" if odd > even else "utf-16-be"
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return None


def _header_names(raw: list[str], file_label: str) -> tuple[list[str], list[str]]:
    """Trimmed, unique header names; returns (names, warnings).

    Two names equal once trimmed ('city' and 'city ') would make pandas return a frame
    for one column name; the later one gets a suffix and the user is told.
    """
    names: list[str] = []
    warnings: list[str] = []
    seen: dict[str, int] = {}
    for i, name in enumerate(raw):
        base = str(name).strip() or f"column_{i + 1}"
        new = base
        k = 2
        while new in seen:
            new = f"{base}_{k}"
            k += 1
        if new != base:
            warnings.append(
                CoreWarning(
                    M(
                        "warning.tables.duplicate_header",
                        file=file_label,
                        first=seen[base] + 1,
                        second=i + 1,
                        name=base,
                        new=new,
                    )
                )
            )
        seen.setdefault(base, i)
        seen[new] = i
        names.append(new)
    return names, warnings


def read_text_table(
    path: str | Path,
    encoding: str | None = None,
    is_cancelled=None,
) -> tuple[pd.DataFrame, dict]:
    """Read CSV/TSV/TXT into a DataFrame of strings ('' for empty cells).

    Returns the frame and info {encoding, delimiter, warnings}. Raises
    BackflowInputError for an empty file, a file with a header only, NUL bytes, or
    rows longer than the header. Short rows are padded (and said); a delimiter at the
    end of every data row but not of the header is dropped (and said).
    """
    path = Path(path)
    if not path.is_file():
        raise BackflowInputError(M("error.tables.no_file"), file=str(path))
    if path.stat().st_size > table_large.LARGE_BYTES:
        # Very large files: read in chunks from a head-sniffed encoding (core.tables.chunked)
        return _read_large(path, encoding, is_cancelled or (lambda: False))
    data = path.read_bytes()
    if not data or data.isspace():  # (strip() would copy the whole file)
        raise BackflowInputError(
            M("error.tables.empty"), file=path.name, accepted=M("error.tables.empty.accepted")
        )
    text = None
    if not encoding and b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _utf16_without_bom(data)
        used = "utf-16"
    if text is None:
        try:
            text, used = decode_bytes(data, encoding)
        except (UnicodeDecodeError, LookupError) as err:
            raise BackflowInputError(
                M("error.tables.encoding", encoding=encoding, err=err),
                file=path.name,
                accepted=M("error.tables.encoding.accepted"),
            ) from err
    delimiter = sniff_delimiter(text, path.suffix.lower())
    # UTF-8 bytes go to pandas as they are: a text stream is copied and encoded again
    utf8 = data if used == "utf-8" else None
    frame, warnings = parse_text_table(text, delimiter, path.name, is_cancelled, utf8)
    log.info("Read %s: %d rows, encoding %s, delimiter %r", path.name, len(frame), used, delimiter)
    return frame, {"encoding": used, "delimiter": delimiter, "warnings": warnings}


SHORT_ROWS_LISTED = 5  # row numbers a short-rows warning names


def short_rows(text: str, delimiter: str, width: int) -> list[int]:
    """Positions (0-based, among the data rows) of rows with fewer than `width` cells.

    pandas pads such rows with empty cells without saying so; this counts the cells
    of each line itself (delimiters per line when nothing is quoted, else csv).
    Blank lines are skipped, as the reader skips them.
    """
    if '"' not in text:
        lines = (line for line in text.split("\n") if line.strip())
        next(lines, None)  # the header
        return [i for i, line in enumerate(lines) if line.count(delimiter) + 1 < width]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
    return _short_positions(reader, width)


def _short_positions(reader, width: int, is_cancelled=None) -> list[int]:
    rows = (r for r in reader if r and not (len(r) == 1 and not r[0].strip()))
    next(rows, None)  # the header
    out = []
    for i, row in enumerate(rows):
        if len(row) < width:
            out.append(i)
        if is_cancelled is not None and i % 100_000 == 0 and is_cancelled():
            raise Cancelled()
    return out


def short_rows_in_file(path: Path, encoding: str, delimiter: str, width: int, is_cancelled=None):
    """`short_rows` of a file too large to hold as text (core.tables.chunked): streamed."""
    with open(path, encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter, skipinitialspace=True)
        return _short_positions(reader, width, is_cancelled)


def short_rows_warning(file_label: str, rows: list[int], width: int, lines=None) -> CoreWarning:
    """The warning for padded rows: the count and the first row numbers (1-based)."""
    listed = ", ".join(
        f"{i + 1}" + (f" (line {lines[i]})" if lines is not None else "")
        for i in rows[:SHORT_ROWS_LISTED]
    )
    more = ", ..." if len(rows) > SHORT_ROWS_LISTED else ""
    key = "warning.tables.short_rows.one" if len(rows) == 1 else "warning.tables.short_rows"
    return CoreWarning(M(key, file=file_label, n=len(rows), width=width, listed=listed + more))


def _parse_regular(
    text: str, delimiter: str, file_label: str, is_cancelled=None, utf8: bytes | None = None
) -> tuple[pd.DataFrame, list[str]] | None:
    """pandas' C parser for the usual table; None when a row is longer than the header.

    (Shorter rows are padded with empty cells, as the careful reader does.)
    """
    frames = []
    try:
        chunks = pd.read_csv(
            io.StringIO(text) if utf8 is None else io.BytesIO(utf8),
            encoding=None if utf8 is None else "utf-8",
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=True,
            skipinitialspace=True,
            chunksize=100_000,  # a cancel is looked at between chunks
        )
        for chunk in chunks:
            frames.append(chunk)
            if is_cancelled is not None and is_cancelled():
                raise Cancelled()
    except pd.errors.ParserError:
        return None
    except pd.errors.EmptyDataError as err:
        raise BackflowInputError(M("error.tables.empty"), file=file_label) from err
    if not frames:
        raise BackflowInputError(M("error.tables.empty"), file=file_label)
    raw = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    header = raw.iloc[0].tolist()
    data = raw.iloc[1:].reset_index(drop=True)
    width = len(header)
    # A header ending in a delimiter over an empty last column: drop that column.
    while width > 1 and not str(header[width - 1]).strip() and data.iloc[:, width - 1].eq("").all():
        width -= 1
    names, warnings = _header_names(header[:width], file_label)
    if data.empty:
        raise BackflowInputError(
            M("error.tables.no_rows"), file=file_label, accepted=M("error.tables.no_rows.accepted")
        )
    data = data.iloc[:, :width].astype(object)
    data.columns = names
    if data.iloc[:, -1].eq("").any():  # a padded row has an empty last cell
        short = short_rows(text, delimiter, width)
        if short:
            warnings = [*warnings, short_rows_warning(file_label, short, width)]
    for w in warnings:
        log.warning(w)
    return data, warnings


def parse_text_table(
    text: str,
    delimiter: str,
    file_label: str = "input",
    is_cancelled=None,
    utf8: bytes | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """Decoded text to a frame of strings, checking every row's length; (frame, warnings).

    ``utf8``: the file's bytes when ``text`` is their UTF-8 decoding (read from those)."""
    if "\x00" in text:
        lines = text.splitlines()
        i = next(n for n, line in enumerate(lines) if "\x00" in line)
        raise BackflowInputError(
            M("error.tables.nul_bytes_line", line=i + 1),
            file=file_label,
            row=max(i, 1),
            value=lines[i][:60].replace("\x00", "\\0"),
            accepted=M("error.tables.nul_bytes_line.accepted"),
        )
    fast = _parse_regular(text, delimiter, file_label, is_cancelled, utf8)
    if fast is not None:
        return fast
    # Rows longer than the header: the careful (slower) reader says which and why.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
    rows: list[list[str]] = []
    line_of: list[int] = []  # physical line of each data row, for messages
    header = None
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # blank line
            if header is None:
                header = row
                continue
            rows.append(row)
            line_of.append(reader.line_num)
            if is_cancelled is not None and len(rows) % 20000 == 0 and is_cancelled():
                raise Cancelled()
    except csv.Error as err:
        raise BackflowInputError(
            M("error.tables.unparsable", err=err),
            file=file_label,
            row=len(rows) + 1,
            accepted=M("error.tables.rows_separated", delimiter=delimiter),
        ) from err
    if header is None:
        raise BackflowInputError(M("error.tables.empty"), file=file_label)
    warnings: list[str] = []
    width = len(header)
    # A header ending in a delimiter over an empty last column: drop that column.
    while (
        width > 1
        and not header[width - 1].strip()
        and all(len(r) < width or not r[width - 1].strip() for r in rows)
    ):
        width -= 1
    header = header[:width]
    lengths = [len(r) for r in rows]
    longer = [i for i, n in enumerate(lengths) if n > width]
    if longer:
        trailing = all(lengths[i] == width + 1 and not rows[i][width].strip() for i in longer)
        if trailing:
            warnings.append(
                CoreWarning(
                    M(
                        "warning.tables.trailing_delimiter",
                        file=file_label,
                        n=len(longer),
                        delimiter=delimiter,
                        row=longer[0] + 1,
                        line=line_of[longer[0]],
                    )
                )
            )
            for i in longer:
                rows[i] = rows[i][:width]
        else:
            i = next(i for i in longer if lengths[i] > width + 1 or rows[i][width].strip())
            raise BackflowInputError(
                M(
                    "error.tables.ragged_row",
                    n=i + 1,
                    line=line_of[i],
                    cells=lengths[i],
                    width=width,
                ),
                file=file_label,
                row=i + 1,
                value=delimiter.join(rows[i])[:80],
                accepted=M("error.tables.ragged_row.accepted", width=width, delimiter=delimiter),
            )
    shorter = [i for i, n in enumerate(lengths) if n < width]
    if shorter:
        warnings.append(short_rows_warning(file_label, shorter, width, line_of))
        for i in shorter:
            rows[i] = rows[i] + [""] * (width - len(rows[i]))
    names, renamed = _header_names(header, file_label)
    warnings = renamed + warnings
    if not rows:
        raise BackflowInputError(
            M("error.tables.no_rows"), file=file_label, accepted=M("error.tables.no_rows.accepted")
        )
    frame = pd.DataFrame(rows, columns=names, dtype=object)
    for w in warnings:
        log.warning(w)
    return frame, warnings


def _read_large(path: Path, encoding: str | None, is_cancelled) -> tuple[pd.DataFrame, dict]:
    try:
        text, used = table_large.head_text(path, lambda b: decode_bytes(b, encoding))
    except (UnicodeDecodeError, LookupError) as err:
        raise BackflowInputError(
            M("error.tables.encoding", encoding=encoding, err=err),
            file=path.name,
            accepted=M("error.tables.encoding.accepted"),
        ) from err
    if "\x00" in text:
        raise BackflowInputError(
            M("error.tables.nul_bytes"),
            file=path.name,
            accepted=M("error.tables.nul_bytes.accepted"),
        )
    delimiter = sniff_delimiter(text, path.suffix.lower())
    frame = table_large.read_chunked(path, used, delimiter, is_cancelled)
    names, warnings = _header_names(list(frame.columns), path.name)
    frame.columns = names
    if frame.empty:
        raise BackflowInputError(M("error.tables.no_rows"), file=path.name)
    width = len(frame.columns)
    if frame.iloc[:, -1].eq("").any():  # a padded row has an empty last cell
        short = short_rows_in_file(path, used, delimiter, width, is_cancelled)
        if short:
            warnings = [*warnings, short_rows_warning(path.name, short, width)]
            log.warning(warnings[-1])
    log.info("Read %s in chunks: %d rows, encoding %s", path.name, len(frame), used)
    return frame, {"encoding": used, "delimiter": delimiter, "warnings": warnings}
