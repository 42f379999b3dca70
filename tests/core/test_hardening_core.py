"""Issue 15: crash and silent-loss classes in the core, each ending as a message or a result."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.places.gazetteer import Gazetteer
from backflow_plugin.core.report import tables as report
from backflow_plugin.core.tables.delimited import read_text_table
from backflow_plugin.core.tables.fields import detect_fields
from backflow_plugin.core.tables.reshape import WideStage
from backflow_plugin.core.trajectories.build import FieldMap, import_trajectories
from backflow_plugin.core.writing.safe_output import escape_formula, escape_frame, safe_field_names


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_headers_equal_once_trimmed_get_a_suffix(tmp_path):
    path = _write(tmp_path, "d.csv", b"person,city,city ,city\n1,Wuhan,Boston,Paris\n")
    frame, info = read_text_table(path)
    assert list(frame.columns) == ["person", "city", "city_2", "city_3"]
    assert frame.iloc[0].tolist() == ["1", "Wuhan", "Boston", "Paris"]
    assert info["warnings"][0] == (
        "File 'd.csv': columns 2 and 3 are both named 'city' once spaces are trimmed; "
        "column 3 is read as 'city_2'"
    )


def test_trailing_delimiter_on_data_rows_only(tmp_path):
    path = _write(tmp_path, "t.csv", b"person;city;stage\n1;Wuhan;birth;\n2;Boston;phd;\n")
    frame, info = read_text_table(path)
    assert frame.to_dict("list") == {
        "person": ["1", "2"],
        "city": ["Wuhan", "Boston"],
        "stage": ["birth", "phd"],
    }
    assert "2 data row(s) end with a ';'" in info["warnings"][0]


def test_a_longer_row_with_content_is_a_clear_error(tmp_path):
    path = _write(tmp_path, "r.csv", b"person,city\n1,Wuhan\n2,Boston,extra\n")
    with pytest.raises(BackflowInputError, match=r"row 2 \(line 3\) has 3 cells, the header 2"):
        read_text_table(path)


def test_short_rows_are_padded(tmp_path):
    frame, _ = read_text_table(_write(tmp_path, "s.csv", b"person,city,year\n1,Wuhan\n"))
    assert frame.iloc[0].tolist() == ["1", "Wuhan", ""]
    # with trailing delimiters too, the careful reader runs and says both
    data = b"person,city,year\n1,Wuhan,\n2,Boston,2001,\n"
    frame, info = read_text_table(_write(tmp_path, "t.csv", data))
    assert frame.values.tolist() == [["1", "Wuhan", ""], ["2", "Boston", "2001"]]
    assert "1 data row(s) end with a ','" in info["warnings"][0]


def test_nul_bytes_are_detected(tmp_path):
    path = _write(tmp_path, "n.csv", b"person,city\nA\x00B,Wuhan\nAB,Boston\n")
    with pytest.raises(BackflowInputError, match=r"NUL bytes.*line 2"):
        read_text_table(path)


def test_utf16_without_bom_is_read(tmp_path):
    data = "person,city\n1,北京\n".encode("utf-16-le")
    frame, info = read_text_table(_write(tmp_path, "u.csv", data))
    assert frame["city"].tolist() == ["北京"] and info["encoding"] == "utf-16"


def test_gb18030_with_only_u_umlaut(tmp_path):
    data = "person,city\n1,Lüliang\n2,Lüshun\n".encode("gb18030")
    frame, info = read_text_table(_write(tmp_path, "g.csv", data))
    assert info["encoding"] == "gb18030"
    assert frame["city"].tolist() == ["Lüliang", "Lüshun"]


def test_latin1_names_stay_latin1(tmp_path):
    data = "person,city\n1,Zürich\n2,Malmö\n".encode("latin-1")
    frame, info = read_text_table(_write(tmp_path, "l.csv", data))
    assert info["encoding"] == "cp1252"
    assert frame["city"].tolist() == ["Zürich", "Malmö"]


def test_unit_type_is_not_the_stage_column():
    found = detect_fields(["person_id", "city", "unit_type", "subject"])
    assert found["stage"] is None and found["org"] is None
    found = detect_fields(["人员编号", "城市", "单位类型"])
    assert found["stage"] is None and found["org"] is None
    assert detect_fields(["id", "type", "city"])["stage"] == "type"  # exact name still counts


def test_long_unknown_names_cost_linear_time():
    g = Gazetteer.bundled()
    g.suggest("Shanghia")  # build the index outside the timing
    names = ["q" * 2_000_000] + [("xkcd" * 2500)[:10_000] + str(i) for i in range(40)]
    frame = pd.DataFrame({"p": [str(i) for i in range(41)], "city": names})
    # CPU time: a quadratic match would take hours; a shared machine slows only the wall clock
    start = time.process_time()
    result = import_trajectories(frame, FieldMap(person="p", city="city"), gazetteer=g)
    assert time.process_time() - start < 15
    assert result.counts["unresolved_rows"] == 41
    assert set(result.unresolved["suggestions"]) == {""}
    assert "Shanghai (CN)" in g.suggest("Shanghia")


def test_wide_row_repeating_an_earlier_row_is_listed():
    frame = pd.DataFrame(
        {
            "pid": ["a", "a", "b"],
            "born": ["Wuhan", "Wuhan", "Beijing"],
            "work": ["Boston", "Boston", ""],
        }
    )
    wide = [WideStage("birth", "born"), WideStage("work", "work")]
    result = import_trajectories(frame, FieldMap(person="pid"), wide=wide)
    listed = result.unresolved.set_index("source_row")
    assert listed.loc[2, "reason"] == "repeats the stages of an earlier row of the same person"
    assert listed.loc[2, "person_id"] == "a"
    assert list(listed.index) == [2]
    c = result.counts
    assert (c["stage_rows"], c["resolved_rows"], c["unresolved_rows"]) == (4, 3, 1)


@pytest.mark.parametrize("unit_value", ["total", "top_cities", "subject", "top1_city"])
def test_table1_unit_value_named_like_a_column(unit_value):
    persons = pd.DataFrame(
        {
            "person_id": ["a", "b", "c"],
            "return_city": ["Wuhan", "Beijing", "Wuhan"],
            "subject": ["math", "math", "bio"],
            "unit_type": [unit_value, unit_value, "university"],
        }
    )
    t1 = report.table1(persons, subject="subject", unit="unit_type")
    col = f"{unit_value} (unit_type)"
    assert col in t1.columns
    assert t1.set_index("subject").loc["math", col] == 2
    assert t1.set_index("subject").loc["All", "total"] == 3
    assert report.note_of(t1) == f"unit type '{unit_value}' renamed with the suffix ' (unit_type)'"


def test_formula_escaping_follows_owasp():
    for bad in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert escape_formula(bad) == "'" + bad
    assert escape_formula("Wuhan") == "Wuhan" and escape_formula(5) == 5
    frame = pd.DataFrame({"a": ["=x", "y", None], "n": [-1, 2, 3]})
    out = escape_frame(frame)
    assert out["a"].tolist() == ["'=x", "y", None] and out["n"].tolist() == [-1, 2, 3]


def test_safe_field_names():
    names, renamed = safe_field_names(["fid", "GEOM", "city", "City", "x"])
    assert names == ["fid_attr", "GEOM_attr", "city", "City_2", "x"]
    assert renamed == {"fid": "fid_attr", "GEOM": "GEOM_attr", "City": "City_2"}


def test_reading_honours_cancel_within_a_chunk(tmp_path):
    from backflow_plugin.core.errors import Cancelled

    body = "".join(f"P{i},birth,Wuhan\n" for i in range(100_000))
    path = _write(tmp_path, "big.csv", ("person,stage,city\n" + body).encode())
    calls = []

    def cancelled() -> bool:
        calls.append(time.perf_counter())
        return True

    start = time.perf_counter()
    with pytest.raises(Cancelled):
        read_text_table(path, is_cancelled=cancelled)
    assert len(calls) == 1 and calls[0] - start < 1.0  # asked after the first 20,000 rows


def test_report_of_persons_who_never_went_abroad():
    # found by tests/fuzz: the sources tables crashed on a table with no overseas stage
    from backflow_plugin.core.report import page as report_html

    frame = pd.DataFrame(
        {"p": ["a", "a"], "stage": ["birth", "work"], "city": ["Beijing", "Wuhan"]}
    )
    result = import_trajectories(frame, FieldMap(person="p", stage="stage", city="city"))
    tables = report.build_report(result.stages, result.cities, None)
    page = report_html.render_report(tables, {})
    assert page.lower().startswith("<!doctype html")
    assert result.counts["returnees"] == 0 and "table1" in tables


def test_short_field_names_fit_the_byte_limit_and_stay_unique():
    from backflow_plugin.core.writing.safe_output import short_field_names

    names = [
        "person_id",
        "home_country",
        "home_county",
        "出生地城市名称",
        "City_name_x",
        "city_NAME_y",
    ]
    short, cut = short_field_names(names, 10)
    assert short == ["person_id", "home_count", "home_cou_2", "出生地", "City_name_", "city_NAM_2"]
    assert cut == dict((a, b) for a, b in zip(names, short) if a != b)
    # a name that already fits keeps its place: the cut one moves aside
    assert short_field_names(["home_country", "home_count"], 10)[0] == ["home_cou_2", "home_count"]
    assert short_field_names(["a", "b"], 10) == (["a", "b"], {})
