"""Rows with fewer cells than the header are used, padded, and reported (issue 15)."""

from __future__ import annotations

from backflow_plugin.core.tables.delimited import read_text_table, short_rows


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_short_rows_are_named_in_a_warning(tmp_path):
    text = "person,stage,city,year\nP1,birth,Wuhan,1980\nP1,phd\n\nP2,birth,Hefei\nP2,work,Boston,2001\n"
    frame, info = read_text_table(_write(tmp_path, "s.csv", text))
    assert frame.values.tolist() == [
        ["P1", "birth", "Wuhan", "1980"],
        ["P1", "phd", "", ""],
        ["P2", "birth", "Hefei", ""],
        ["P2", "work", "Boston", "2001"],
    ]
    # data rows 2 and 3 (the blank line is no row), as UNRESOLVED numbers them
    assert info["warnings"] == [
        "File 's.csv': 2 data rows have fewer cells than the header's 4 (rows 2, 3); "
        "the missing cells are read as empty and the rows are used"
    ]


def test_a_full_row_with_empty_cells_is_not_short(tmp_path):
    frame, info = read_text_table(_write(tmp_path, "e.csv", "person,city,year\nP1,Wuhan,\n"))
    assert frame.values.tolist() == [["P1", "Wuhan", ""]]
    assert info["warnings"] == []


def test_many_short_rows_list_the_first_five(tmp_path):
    body = "".join(f"P{i},Wuhan,1990\nP{i},Boston\n" for i in range(8))
    _, info = read_text_table(_write(tmp_path, "m.csv", "person,city,year\n" + body))
    assert info["warnings"] == [
        "File 'm.csv': 8 data rows have fewer cells than the header's 3 "
        "(rows 2, 4, 6, 8, 10, ...); the missing cells are read as empty and the rows are used"
    ]


def test_quoted_delimiters_are_cells_not_separators(tmp_path):
    text = 'person,city,org\nP1,"Wuhan, Hubei",WHU\n"P2","Boston"\nP3,Hefei,"USTC, Hefei"\n'
    frame, info = read_text_table(_write(tmp_path, "q.csv", text))
    assert frame["city"].tolist() == ["Wuhan, Hubei", "Boston", "Hefei"]
    assert len(info["warnings"]) == 1 and "1 data row has fewer cells" in info["warnings"][0]
    assert "(row 2)" in info["warnings"][0]
    assert short_rows(text, ",", 3) == [1]


def test_careful_reader_lists_rows_and_lines(tmp_path):
    # a trailing delimiter sends the file to the careful reader, which also knows lines
    text = "person,city,year\nP1,Wuhan,1980,\nP2\nP3,Hefei,1990\n"
    _, info = read_text_table(_write(tmp_path, "c.csv", text))
    assert info["warnings"][-1] == (
        "File 'c.csv': 1 data row has fewer cells than the header's 3 (row 2 (line 3)); "
        "the missing cells are read as empty and the row is used"
    )
