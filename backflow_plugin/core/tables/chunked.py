"""Reading a large delimited text file in chunks (issue 17).

A million-person table is hundreds of MB: read whole, the bytes, the decoded text and
the parsed frame would all be in memory at once, and a cancel would wait for the end.
Here the encoding and delimiter are taken from the first megabytes, then pandas reads
the file itself chunk by chunk, checking for a cancel between chunks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import BackflowInputError, Cancelled
from ..messages import M

LARGE_BYTES = 64 * 1024 * 1024  # files above this are read in chunks
HEAD_BYTES = 4 * 1024 * 1024
CHUNK_ROWS = 250_000


def head_text(path: Path, decode: Callable[[bytes], tuple[str, str]]) -> tuple[str, str]:
    """The first megabytes decoded (cut at a line end, so no character is split)."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    cut = head.rfind(b"\n")
    return decode(head[: cut + 1] if cut > 0 else head)


def read_chunked(
    path: Path,
    encoding: str,
    delimiter: str,
    is_cancelled: Callable[[], bool] = lambda: False,
) -> pd.DataFrame:
    """The whole file as strings ('' for empty cells), as read_text_table gives it."""
    chunks = []
    try:
        reader = pd.read_csv(
            path,
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=True,
            skipinitialspace=True,
            encoding=encoding,
            chunksize=CHUNK_ROWS,
        )
        with reader:
            for chunk in reader:
                if is_cancelled():
                    raise Cancelled("reading cancelled")
                # text cells as Python str on every pandas (as table_io); per chunk and
                # only when needed, not a copy of the whole table at the end
                if not all(dtype == np.dtype(object) for dtype in chunk.dtypes):
                    chunk = chunk.astype(object)
                chunks.append(chunk)
    except pd.errors.ParserError as err:
        raise BackflowInputError(
            M("error.tables.ragged_rows", err=err),
            file=path.name,
            accepted=M("error.tables.rows_separated", delimiter=delimiter),
        ) from err
    except UnicodeDecodeError as err:
        raise BackflowInputError(
            M("error.tables.encoding_past_start", encoding=encoding, err=err),
            file=path.name,
            accepted=M("error.tables.encoding_past_start.accepted"),
        ) from err
    if not chunks:
        return pd.DataFrame()
    frame = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
    chunks.clear()
    return frame
