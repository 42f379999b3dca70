"""OpenAlex authors and stays tables -> the same ordered stages as ORCID's."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.patterns.routes import classify_routes
from backflow_plugin.core.records.careers import CAREER_FIELDS, career_table
from backflow_plugin.core.records.openalex import (
    looks_like_openalex,
    read_institutions,
    read_openalex,
)
from backflow_plugin.core.records.stays import is_stays_table, read_stays, stay_columns
from backflow_plugin.core.trajectories.build import FieldMap, import_trajectories


def _inst(iid, name, cc, ror=""):
    return {"id": f"https://openalex.org/{iid}", "ror": ror, "display_name": name,
            "country_code": cc, "type": "education"}  # fmt: skip


AUTHOR = {
    "id": "https://openalex.org/A5000000001",
    "display_name": "Invented Author",
    "affiliations": [  # OpenAlex lists the latest first
        {"institution": _inst("I8", "南京大学", "CN"), "years": [2011, 2010]},
        {
            "institution": _inst("I9", "University of Chicago", "US", "https://ror.org/024mw5h28"),
            "years": [2007, 2005, 2006],
        },
    ],  # fmt: skip
    "last_known_institutions": [_inst("I7", "Shanghai Jiao Tong University", "CN")],
}


def test_openalex_affiliations_become_stays_from_first_to_last_year(tmp_path):
    path = tmp_path / "authors.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps(AUTHOR) + "\n" + json.dumps({"id": "https://openalex.org/A2"}) + "\n")
    assert looks_like_openalex(path)
    long, records, counts = career_table(read_openalex([path]))
    assert (counts["records_in"], counts["records_out"]) == (1, 1)
    assert records["reason"].tolist()[1] == "no affiliation of the sections read"
    assert long["org"].tolist() == [
        "University of Chicago", "南京大学", "Shanghai Jiao Tong University",
    ]  # fmt: skip
    assert long["year"].tolist() == ["2005", "2010", "2011"]
    assert long["end_year"].tolist() == ["2007", "2011", "2011"]
    assert long["org_id"].tolist()[:2] == ["https://ror.org/024mw5h28", "I8"]
    assert set(long["stage"]) == {"work"}
    # without an institutions file the city comes from the organisation's name
    result = import_trajectories(long, FieldMap(**CAREER_FIELDS))
    assert result.stages["city"].tolist() == ["Chicago", "Nanjing", "Shanghai"]
    assert set(result.stages["flags"]) == {"from_org"}
    assert result.flows["flow_type"].tolist() == ["backflow", "onward"]


def test_an_institutions_file_gives_their_cities(tmp_path):
    inst = tmp_path / "institutions.jsonl"
    inst.write_text(
        json.dumps({"id": "https://openalex.org/I9", "geo": {"city": "Chicago", "region": "Illinois",
                    "country_code": "US", "latitude": 41.79, "longitude": -87.6}}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    places = read_institutions([inst])
    authors = tmp_path / "a.jsonl"
    authors.write_text(json.dumps(AUTHOR) + "\n", encoding="utf-8")
    long, _, _ = career_table(read_openalex([authors], places))
    assert long[["city", "province"]].values.tolist()[0] == ["Chicago", "Illinois"]
    assert long["city"].tolist()[1] == ""  # not in the file: from the organisation
    inst.write_text('{"id": 1}\nnot json\n', encoding="utf-8")
    with pytest.raises(BackflowInputError) as err:
        read_institutions([inst])
    assert err.value.row == 2 and err.value.file == "institutions.jsonl"


def test_a_stays_table_reads_stage_labels_and_role_texts():
    frame = pd.DataFrame(
        {
            "人员编号": ["p1", "p1", "p1", "p1", "p2"],
            "城市": ["Wuhan", "Boston", "Boston", "武汉", "London"],
            "国家": ["CN", "US", "US", "CN", "GB"],
            "开始年份": ["2000", "2004-09-01", "2009", "2012", ""],
            "结束年份": ["2004", "2009", "2012", "", ""],
            "职位": ["本科", "PhD student", "Postdoctoral Fellow", "教授", "Professor"],
        }
    )
    cols = stay_columns(list(frame.columns))
    assert (cols["person"], cols["city"], cols["start"], cols["end"], cols["role"]) == (
        "人员编号", "城市", "开始年份", "结束年份", "职位",
    )  # fmt: skip
    assert is_stays_table(list(frame.columns))
    assert not is_stays_table(["person", "city", "stage", "year"])
    long, records, counts = career_table(read_stays(frame, "cv.csv"))
    assert long["stage"].tolist() == ["bachelor", "phd", "postdoc", "work"]
    assert (counts["records_in"], counts["records_out"], counts["affiliations_left_out"]) == (
        1, 1, 1,
    )  # fmt: skip
    assert records["source"].tolist() == ["cv.csv, row 1", "cv.csv, row 5"]
    result = import_trajectories(long, FieldMap(**CAREER_FIELDS))
    routes = classify_routes(result.stages).set_index("person_id")
    assert routes.loc["p1", "pattern"] == "circle"  # Wuhan -> Boston -> 武汉


def test_a_stays_table_without_dates_columns_is_a_clear_error():
    frame = pd.DataFrame({"person": ["a"], "city": ["Wuhan"], "year": ["2000"]})
    with pytest.raises(BackflowInputError) as err:
        list(read_stays(frame, "cv.csv"))
    assert err.value.file == "cv.csv"
    assert "start" in err.value.describe()


def test_openalex_file_gives_the_flows_network_and_patterns_of_the_same_long_table():
    from pathlib import Path

    from backflow_plugin.core.network.graph import network_measures
    from backflow_plugin.core.tables.delimited import read_text_table

    data = Path(__file__).resolve().parents[1] / "data"
    places = read_institutions([data / "openalex" / "institutions.jsonl"])
    long, records, counts = career_table(
        read_openalex([data / "openalex" / "authors.jsonl"], places)
    )
    assert (counts["records"], counts["records_in"], counts["records_out"]) == (6, 5, 1)
    assert counts["affiliations_left_out"] == 1  # Wuhan University without years
    by_id = records.set_index("record_id")
    assert by_id.loc["A5000000105", "reason"] == "no affiliation of the sections read"
    assert by_id.loc["A5000000104", "reason"] == "1 no start or end date"
    # the latest listed first by OpenAlex; ordered by first year here
    a3 = long[long["person_id"] == "A5000000103"]
    assert a3["city"].tolist() == ["Tokyo", "Nanjing", "Shenzhen"]
    typed, _ = read_text_table(data / "openalex_life_courses.csv")
    a = import_trajectories(long, FieldMap(**CAREER_FIELDS))
    b = import_trajectories(typed, FieldMap(**CAREER_FIELDS))
    assert a.counts["stage_rows"] == b.counts["stage_rows"] == 12
    assert a.counts["resolved_rows"] == b.counts["resolved_rows"] == 12
    cols = ["origin_id", "dest_id", "flow_type", "count"]
    fa, fb = (r.flows[cols].sort_values(cols[:3]).reset_index(drop=True) for r in (a, b))
    pd.testing.assert_frame_equal(fa, fb)
    assert fa["flow_type"].value_counts().to_dict() == {"backflow": 4, "outbound": 2, "onward": 1}
    for scope in ("domestic", "all"):
        na, nb = (network_measures(r.flows, r.cities, scope=scope)[0] for r in (a, b))
        key = na.columns[0]
        pd.testing.assert_frame_equal(
            na.sort_values(key).reset_index(drop=True), nb.sort_values(key).reset_index(drop=True)
        )
    ra, rb = classify_routes(a.stages), classify_routes(b.stages)
    keep = ["person_id", "return_city_id", "pattern", "circle_basis"]
    pd.testing.assert_frame_equal(
        ra[keep].sort_values("person_id").reset_index(drop=True),
        rb[keep].sort_values("person_id").reset_index(drop=True),
    )
    assert dict(zip(ra["person_id"], ra["pattern"]))["A5000000101"] == "circle"


def test_a_snapshot_folder_of_gzip_parts(tmp_path):
    part = tmp_path / "authors" / "updated_date=2024-06-01"
    part.mkdir(parents=True)
    with gzip.open(part / "part_000.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps(AUTHOR) + "\n")
    with gzip.open(part / "part_001.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps(dict(AUTHOR, id="https://openalex.org/A5000000002")) + "\n")
    assert looks_like_openalex(tmp_path / "authors")
    _, records, counts = career_table(read_openalex([tmp_path / "authors"]))
    assert records["record_id"].tolist() == ["A5000000001", "A5000000002"]
    assert records["source"].tolist() == ["part_000.gz:1", "part_001.gz:1"]
