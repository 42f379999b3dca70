"""Short rows of a file read in chunks are reported as the normal reader does (issue 15)."""

from __future__ import annotations

import pytest

from backflow_plugin.core.errors import Cancelled
from backflow_plugin.core.tables import chunked as table_large
from backflow_plugin.core.tables import delimited as table_io


def _write(tmp_path, short_at: set[int], n: int = 400, quoted: bool = False):
    lines = ["person_id,stage,city,year"]
    for i in range(n):
        if i in short_at:
            lines.append(f"p{i},phd,Wuhan")  # one cell short
        elif quoted and i == 3:
            lines.append(f'p{i},work,"Suzhou,\nJiangsu",2001')  # a line break inside quotes
        else:
            lines.append(f"p{i},work,Nanjing,2001")
        if i == 10:
            lines.append("")  # a blank line: skipped, not counted as a row
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("quoted", [False, True])
def test_chunked_reader_warns_of_short_rows_like_the_normal_one(monkeypatch, tmp_path, quoted):
    short_at = {5, 17, 18, 120, 250, 399}
    path = _write(tmp_path, short_at, quoted=quoted)
    normal, info = table_io.read_text_table(path)
    monkeypatch.setattr(table_large, "LARGE_BYTES", 1000)
    monkeypatch.setattr(table_large, "CHUNK_ROWS", 97)
    chunked, info_large = table_io.read_text_table(path)
    assert path.stat().st_size > 1000
    assert len(chunked) == len(normal) == 400  # every row used
    assert chunked["year"].eq("").sum() == len(short_at)
    want = (
        "File 'big.csv': 6 data rows have fewer cells than the header's 4 "
        "(rows 6, 18, 19, 121, 251, ...); the missing cells are read as empty and the "
        "rows are used"
    )
    assert info["warnings"] == [want]
    assert info_large["warnings"] == [want]


def test_chunked_reader_says_nothing_when_no_row_is_short(monkeypatch, tmp_path):
    path = _write(tmp_path, set())
    monkeypatch.setattr(table_large, "LARGE_BYTES", 1000)
    frame, info = table_io.read_text_table(path)
    assert len(frame) == 400 and info["warnings"] == []


def test_one_short_row_and_a_row_with_an_empty_last_cell(monkeypatch, tmp_path):
    path = _write(tmp_path, {42})
    text = path.read_text(encoding="utf-8").replace("p7,work,Nanjing,2001", "p7,work,Nanjing,")
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(table_large, "LARGE_BYTES", 1000)
    frame, info = table_io.read_text_table(path)
    # row 8 has all its cells (the last one empty): not short
    assert info["warnings"] == [
        "File 'big.csv': 1 data row has fewer cells than the header's 4 (row 43); the "
        "missing cells are read as empty and the row is used"
    ]
    assert frame.loc[7, "year"] == "" and frame.loc[42, "year"] == ""


def test_a_cancel_stops_the_short_row_count(tmp_path):
    path = _write(tmp_path, {1, 2})
    with pytest.raises(Cancelled):
        table_io.short_rows_in_file(path, "utf-8", ",", 4, is_cancelled=lambda: True)
    assert table_io.short_rows_in_file(path, "utf-8", ",", 4) == [1, 2]
