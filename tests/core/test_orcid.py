"""ORCID records (XML, JSON, JSON Lines, activities files, tar.gz) -> ordered stages."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pandas as pd
import pytest

from backflow_plugin.core.network.graph import network_measures
from backflow_plugin.core.patterns.routes import classify_routes
from backflow_plugin.core.records.careers import (
    CAREER_FIELDS,
    EDUCATION,
    EMPLOYMENT,
    INVITED_POSITION,
    QUALIFICATION,
    SERVICE,
    Affiliation,
    CareerTable,
    Record,
    career_table,
    stage_for,
)
from backflow_plugin.core.records.orcid import read_orcid
from backflow_plugin.core.tables.delimited import read_text_table
from backflow_plugin.core.trajectories.build import FieldMap, import_trajectories

DATA = Path(__file__).resolve().parents[1] / "data"
ORCID = DATA / "orcid"
ACTIVITIES = DATA / "orcid_activities"
P1, P2, P3, P4, P5, P6, P7, P8, P9 = (f"0000-0000-0090-00{n}" for n in
                                      ("18", "26", "34", "42", "50", "69", "77", "85", "93"))  # fmt: skip


def _read(*paths):
    return career_table(read_orcid(paths))


def test_every_record_is_counted_in_or_out_with_a_reason():
    long, records, counts = _read(ORCID, ACTIVITIES)
    assert counts == {
        "records": 9, "records_in": 8, "records_out": 1, "stages": 30,
        "affiliations_left_out": 3,
    }  # fmt: skip
    out = records.set_index("record_id").loc[P4]
    assert out["status"] == "out"
    assert out["reason"] == "every affiliation left out (2 no start or end date)"
    p6 = records.set_index("record_id").loc[P6]
    assert (p6["status"], p6["stages"], p6["left_out"]) == ("in", 3, 1)
    assert p6["reason"] == "1 no start or end date"
    assert records["stages"].sum() == len(long)


def test_stages_are_ordered_by_start_date_and_labelled_from_the_text():
    long, _, _ = _read(ORCID, ACTIVITIES)
    p1 = long[long["person_id"] == P1]  # its file lists the professorship first
    assert p1["stage"].tolist() == ["bachelor", "phd", "postdoc", "work"]
    assert p1["year"].tolist() == ["2000", "2004", "2009", "2012"]
    assert p1["stage_text"].tolist()[1] == "Doctor of Philosophy"
    # the affiliation group holding two summaries of Harvard counts once
    assert (p1["org"] == "Harvard University").sum() == 1
    assert p1["org_id"].tolist()[0] == "https://ror.org/033vjfk17"
    p2 = long[long["person_id"] == P2]
    # the visit (2008) began during the PhD (2005-2010): by start date it comes after it
    assert p2["stage"].tolist() == [
        "bachelor", "master", "phd", "visit", "postdoc", "work", "work",
    ]  # fmt: skip
    assert p2["section"].tolist()[3] == INVITED_POSITION
    assert p2["city"].tolist()[:2] == ["南京", "合肥"]
    assert p2["province"].tolist()[:2] == ["江苏", "安徽"]
    p9 = long[long["person_id"] == P9]  # one file per affiliation, works skipped
    assert p9["stage"].tolist() == ["bachelor", "phd", "postdoc", "work"]
    assert p9["org_id_source"].tolist()[1] == "GRID"


def test_same_start_year_puts_study_before_work_then_the_shorter_first():
    record = Record("x", "f", [
        Affiliation(EMPLOYMENT, "Engineer", "A", "Munich", "", "DE", (2005, 0, 0), None),
        Affiliation(EDUCATION, "PhD", "B", "Munich", "", "DE", (2005, 0, 0), (2010, 0, 0)),
        Affiliation(EMPLOYMENT, "Visiting Professor", "C", "Paris", "", "FR", (2005, 0, 0),
                    (2005, 0, 0)),
        Affiliation(EDUCATION, "MSc", "D", "Berlin", "", "DE", None, (2004, 0, 0)),
    ])  # fmt: skip
    table = CareerTable()
    table.add(record)
    assert table.frame()["org"].tolist() == ["D", "B", "C", "A"]
    assert table.frame()["year"].tolist() == ["", "2005", "2005", "2005"]
    assert table.frame()["end_year"].tolist()[0] == "2004"


@pytest.mark.parametrize(
    ("text", "section", "stage"),
    [
        ("PhD", EDUCATION, "phd"),
        ("Doctor of Philosophy (Physics)", EDUCATION, "phd"),
        ("Ph.D. candidate", EDUCATION, "phd"),
        ("博士", EDUCATION, "phd"),
        ("工学博士", QUALIFICATION, "phd"),
        ("博士后", EDUCATION, "postdoc"),
        ("Postdoctoral Fellow", EMPLOYMENT, "postdoc"),
        ("Post-doc researcher", EMPLOYMENT, "postdoc"),
        ("博士后研究员", EMPLOYMENT, "postdoc"),
        ("Master of Science", EDUCATION, "master"),
        ("M.Sc.", EDUCATION, "master"),
        ("MBA", QUALIFICATION, "master"),
        ("硕士研究生", EDUCATION, "master"),
        ("BSc (Hons)", EDUCATION, "bachelor"),
        ("B.A.", EDUCATION, "bachelor"),
        ("Bachelor of Engineering", EDUCATION, "bachelor"),
        ("本科", EDUCATION, "bachelor"),
        ("学士", QUALIFICATION, "bachelor"),
        ("Visiting Student", EDUCATION, "visit"),
        ("访问学者", EMPLOYMENT, "visit"),
        ("Professor", EMPLOYMENT, "work"),
        ("博士生导师", EMPLOYMENT, "work"),  # a supervisor, not a student
        ("PhD student", EMPLOYMENT, "phd"),
        ("博士研究生", EMPLOYMENT, "phd"),
        ("Master's student", EMPLOYMENT, "master"),
        ("Lecturer", INVITED_POSITION, "visit"),
        ("Editor", SERVICE, "work"),
        ("", EDUCATION, ""),  # no degree given: order only, the text kept
        ("Diploma", EDUCATION, ""),
    ],
)
def test_stage_for_reads_english_and_chinese(text, section, stage):
    assert stage_for(text, section) == stage


def test_archive_streams_the_same_records_and_a_truncated_one_says_where(tmp_path):
    archive = tmp_path / "ORCID_2024_summaries.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for f in sorted(ORCID.glob("*.xml")):
            tar.add(f, arcname=f"ORCID_2024_summaries/{f.name[-7:-4]}/{f.name}")
        tar.add(ACTIVITIES, arcname="activities")
    long, records, counts = _read(archive)
    loose, _, _ = _read(*sorted(ORCID.glob("*.xml")), ACTIVITIES)
    pd.testing.assert_frame_equal(long, loose)
    assert counts["records"] == 6

    data = archive.read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    long, records, counts = _read(cut)
    last = records.iloc[-1]
    assert last["status"] == "out"
    assert last["reason"].startswith("archive truncated or damaged after member ")
    assert counts["records_in"] >= 1  # the records read before the cut are kept
    assert set(long["person_id"]) <= {P1, P2, P4, P5, P6, P9}


def test_bad_files_are_records_counted_out(tmp_path):
    (tmp_path / "0000-0000-0000-0001.xml").write_text("<record:record xmlns:record='x'>")
    (tmp_path / "0000-0000-0000-0003.xml").write_text(
        '<error:error xmlns:error="http://www.orcid.org/ns/error">'
        "<error:response-code>409</error:response-code>"
        "<error:user-message>The record is locked.</error:user-message></error:error>"
    )
    (tmp_path / "a.jsonl").write_text(
        '{"orcid-identifier": {"path": "0000-0000-0000-0002"}}\n{bad\n'
    )
    _, records, counts = _read(tmp_path)
    assert counts == {
        "records": 4, "records_in": 0, "records_out": 4, "stages": 0,
        "affiliations_left_out": 0,
    }  # fmt: skip
    reasons = dict(zip(records["record_id"], records["reason"]))
    assert reasons["0000-0000-0000-0001"].startswith("XML error: ")
    assert reasons["0000-0000-0000-0002"] == "no affiliation of the sections read"
    assert reasons["a.jsonl:2"].startswith("JSON error: ")
    assert reasons["0000-0000-0000-0003"] == "ORCID error record 409: The record is locked."


def test_home_country_from_the_first_education():
    long, _, _ = career_table(read_orcid([ORCID]), home_from_education=True)
    homes = long.drop_duplicates("person_id").set_index("person_id")["home_given"]
    assert homes[P1] == "CN" and homes[P5] == "GB" and homes[P7] == ""


def _import(frame, **kw):
    return import_trajectories(frame, FieldMap(**CAREER_FIELDS), **kw)


def _flows(result):
    cols = ["origin_id", "dest_id", "flow_type", "count"]
    return result.flows[cols].sort_values(cols[:3]).reset_index(drop=True)


def test_orcid_gives_the_flows_network_and_patterns_of_the_same_long_table():
    long, _, _ = _read(ORCID, ACTIVITIES)
    typed, _ = read_text_table(DATA / "orcid_life_courses.csv")
    a, b = _import(long), _import(typed)
    assert a.counts["persons"] == b.counts["persons"] == 8
    assert a.counts["stage_rows"] == b.counts["stage_rows"] == 30
    assert a.counts["unresolved_rows"] == b.counts["unresolved_rows"] == 1
    assert a.unresolved["reason"].tolist() == ["unknown country"]
    assert a.unresolved["person_id"].tolist() == [P5]
    pd.testing.assert_frame_equal(_flows(a), _flows(b))
    assert a.counts["returnees"] == b.counts["returnees"] == 6
    backflow = _flows(a)[lambda f: f["flow_type"] == "backflow"]
    assert backflow["count"].sum() == 6
    for scope in ("domestic", "all"):
        na, _ = network_measures(a.flows, a.cities, scope=scope)
        nb, _ = network_measures(b.flows, b.cities, scope=scope)
        key = na.columns[0]
        pd.testing.assert_frame_equal(
            na.sort_values(key).reset_index(drop=True), nb.sort_values(key).reset_index(drop=True)
        )
    ra, rb = classify_routes(a.stages), classify_routes(b.stages)
    cols = ["person_id", "return_city_id", "pattern", "circle_basis"]
    pd.testing.assert_frame_equal(
        ra[cols].sort_values("person_id").reset_index(drop=True),
        rb[cols].sort_values("person_id").reset_index(drop=True),
    )
    patterns = dict(zip(ra["person_id"], ra["pattern"]))
    assert patterns[P9] == "circle"  # Chengdu -> Cambridge -> 成都
    assert patterns[P1] == "linear"  # Wuhan -> ... -> Beijing


@pytest.mark.parametrize(("size", "chunks"), [(3, [3, 3, 3]), (4, [4, 4, 1]), (9, [9]), (50, [9])])
def test_chunks_of_records_hold_every_record_once(size, chunks):
    from backflow_plugin.core.records.careers import career_chunks

    parts = list(career_chunks(read_orcid([ORCID, ACTIVITIES]), size))
    assert [c["records"] for _, _, c in parts] == chunks
    whole, records, _ = _read(ORCID, ACTIVITIES)
    pd.testing.assert_frame_equal(pd.concat([p[0] for p in parts], ignore_index=True), whole)
    assert sum(len(p[1]) for p in parts) == len(records)


def test_each_persons_home_from_the_first_education_changes_the_flow_types():
    fixed, _, _ = career_table(read_orcid([ORCID]))
    per_person, _, _ = career_table(read_orcid([ORCID]), home_from_education=True)

    def types(long):
        result = _import(long)
        legs = result.legs[result.legs["person_id"] == P5]
        return legs["flow_type"].tolist(), result.stages.loc[
            result.stages["person_id"] == P5, "home_country"
        ].unique().tolist()

    # P5: an MSc in London, then (XX, unresolved) Chengdu
    assert types(fixed) == (["backflow"], ["CN"])
    assert types(per_person) == (["outbound"], ["GB"])
