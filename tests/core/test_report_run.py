"""core.report.run: tier breaks as data, the reproducibility record, the headline."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.messages import local_value, speaking
from backflow_plugin.core.report import run as report_run


def test_breaks_from_numbers_and_from_city_network():
    assert report_run.parse_breaks("0.35, 0.12; 0.02") == [0.35, 0.12, 0.02]
    assert report_run.parse_breaks("0.031;0.077;0.3") == [0.031, 0.077, 0.3]
    # thresholds and top-N give each tier's lower bound; the others class bounds
    assert report_run.parse_breaks("0.1;0.02", "thresholds") == [0.1, 0.02]
    assert report_run.parse_breaks("12;5", "top_n") == [12.0, 5.0]
    for method in ("hybrid", "natural_breaks", "head_tail", "quantile"):
        assert report_run.parse_breaks("0.031;0.077;0.3", method) is None


def test_breaks_never_read_from_a_log_line():
    line = "Tiers by hybrid on betweenness: 52 candidate cities; breaks 0.0309598, 0.0768762."
    assert report_run.parse_breaks(line) is None  # shown as given, not parsed
    assert report_run.parse_breaks("") is None
    assert report_run.parse_breaks(None) is None
    assert report_run.parse_breaks("tier 1 from the top") is None


def test_input_record(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("person,city\np1,Beijing\np2,Shanghai\np3,Wuhan\n", encoding="utf-8")
    record, warning = report_run.input_record(str(path))
    assert warning is None
    assert record["file"] == "people.csv"
    assert record["size (bytes)"] == str(path.stat().st_size)
    assert record["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert record["rows"] == "3 data rows (encoding utf-8)"


def test_input_record_spreadsheet_and_errors(tmp_path):
    book = tmp_path / "people.xlsx"
    book.write_bytes(b"not really a workbook")
    record, warning = report_run.input_record(
        str(book), read_spreadsheet=lambda _p: pd.DataFrame({"a": range(4)})
    )
    assert record["rows"] == "4 data rows" and warning is None

    def broken(_p):
        raise OSError("cannot read")

    record, warning = report_run.input_record(str(book), read_spreadsheet=broken)
    assert (
        "rows" not in record and warning == "Could not count the rows of people.xlsx: cannot read"
    )
    with pytest.raises(BackflowInputError, match=r"does not exist \(file 'gone.csv'\)"):
        report_run.input_record(str(tmp_path / "gone.csv"))
    record, warning = report_run.input_record("")
    assert record == {"file": "not given (set INPUT_FILE to record the input's checksum)"}


def test_parameters_and_layers_record():
    t1 = pd.DataFrame()
    t1.attrs.update(subject="subject", unit=None)
    rec = report_run.parameters_record(
        t1, top_n=20, top_k=7, breaks_text="", measure="betweenness", overrides_text="",
        reference="auto", extra={"MIN_PERSONS": 5},
    )  # fmt: skip
    assert rec == {
        "SUBJECT_FIELD": "subject",
        "UNIT_FIELD": "(none found)",
        "TOP_N": 20,
        "TOP_K": 7,
        "TIER_BREAKS": "(not given)",
        "TIER_MEASURE": "betweenness",
        "REGION_OVERRIDES": "(none)",
        "REFERENCE": "auto",
        "MIN_PERSONS": 5,
    }
    rec = report_run.parameters_record(
        t1, top_n=1, top_k=1, breaks_text="1;2", measure=None, overrides_text="RU=Other",
        reference="none", method="hybrid",
    )  # fmt: skip
    assert rec["TIER_METHOD"] == "hybrid" and rec["TIER_BREAKS"] == "1;2"
    stages = pd.DataFrame({"person_id": ["a", "a", "b"]})
    layers = report_run.layers_record("stages", stages, None, stages)
    assert layers == {
        "stages layer": "stages (3 features, 2 persons)",
        "cities layer": "not given",
        "routes layer": "3 features",
    }


def test_headline_sinks_and_chinese_names():
    conc = pd.DataFrame(
        {"top_k_share": [0.75], "gini": [0.5], "returnees": [8], "return_cities": [3],
         "top_k_cities": ["Beijing; Hefei"]}
    )  # fmt: skip
    head = report_run.headline({"concentration": conc})
    assert head == {"share": 0.75, "gini": 0.5, "returnees": 8, "cities": 3,
                    "names": "Beijing; Hefei"}  # fmt: skip
    assert report_run.headline({"concentration": conc.iloc[0:0]})["share"] is None
    cities = pd.DataFrame({"rank": [1, 2, 3], "returnees": [5, 2, 1]})
    sinks = report_run.sink_frames({"return_cities": cities}, top_k=2)
    assert sinks["return_cities"]["top_k"].tolist() == [True, True, False]
    assert "top_k" not in cities.columns  # the report's own table is left as it was
    countries = pd.DataFrame({"name": ["Germany", "Nowhere"], "name_zh": ["德国", None]})
    towns = pd.DataFrame({"name": ["Beijing", "Hefei"], "name_zh": ["北京", "合肥"]})
    names = report_run.chinese_names(towns, countries)
    assert names == {"Germany": "德国", "Beijing": "北京", "Hefei": "合肥"}
    with speaking("zh", names):  # the run log's list of the top cities
        assert local_value("Beijing; Hefei") == "北京；合肥"
        assert local_value("Beijing; Atlantis") == "Beijing; Atlantis"
    # the report's Chinese city names follow the one rule of places.zh_names: a like
    # field, else the gazetteer by city_id (a cities layer without name_zh), else none
    like = pd.DataFrame({"name": ["Beijing"], "name_cn": ["京"]})
    assert report_run.chinese_names(like, countries)["Beijing"] == "京"
    bare = pd.DataFrame({"city_id": ["CN310000", "X1"], "name": ["Shanghai", "Atlantis"]})
    names = report_run.chinese_names(bare, countries)
    assert names == {"Germany": "德国", "Shanghai": "上海"}
