"""Wide CV tables: detected from their headers, read with every row accounted for."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.patterns.routes import classify_routes
from backflow_plugin.core.tables.delimited import read_text_table
from backflow_plugin.core.tables.reshape import (
    WideStage,
    format_mapping,
    parse_mapping,
    wide_to_long,
)
from backflow_plugin.core.tables.wide_layout import (
    StageColumn,
    detect_wide,
    is_wide_table,
    looks_like_org,
    read_header,
)
from backflow_plugin.core.trajectories.build import FieldMap, import_trajectories

DATA = Path(__file__).resolve().parent.parent / "data"
CV_FILES = {
    "cv_wide_zh_bom.csv": ("utf-8-sig", "姓名"),
    "cv_wide_zh_gbk.csv": ("gb18030", "姓名"),
    "cv_wide_en.csv": ("utf-8-sig", "name"),
}
ZH_MAPPING = (
    "birth=city:出生地; bachelor=org:本科,year:本科年份; master=org:硕士; "
    "phd=org:博士,year:博士毕业年份; postdoc=org:博士后; "
    "return=city:回国城市,org:回国单位,year:回国年份"
)


def _expected() -> list[dict]:
    with open(DATA / "cv_wide_expected.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize(
    "header,expected",
    [
        ("本科", StageColumn("bachelor", 0, "")),
        ("本科年份", StageColumn("bachelor", 0, "year")),
        ("博士毕业年份", StageColumn("phd", 0, "year")),
        ("博士后单位", StageColumn("postdoc", 0, "org")),
        ("回国工作单位", StageColumn("return", 0, "org")),
        ("回国城市", StageColumn("return", 0, "city")),
        ("回国时间", StageColumn("return", 0, "year")),
        ("出生地", StageColumn("birth", 0, "")),
        ("硕士院校", StageColumn("master", 0, "org")),
        ("工作2城市", StageColumn("work", 2, "city")),
        ("return_org", StageColumn("return", 0, "org")),
        ("PhD institution", StageColumn("phd", 0, "org")),
        ("phd_graduation_year", StageColumn("phd", 0, "year")),
        ("Bachelor's university", StageColumn("bachelor", 0, "org")),
        ("city of birth", StageColumn("birth", 0, "city")),
        ("year of return", StageColumn("return", 0, "year")),
        ("Postdoc country", StageColumn("postdoc", 0, "country")),
        ("bornCity", StageColumn("birth", 0, "city")),
        ("bornCountryCode", StageColumn("birth", 0, "country")),
        ("diedCity", StageColumn("later", 0, "city")),
        ("PhDYear", StageColumn("phd", 0, "year")),
        ("PhD", StageColumn("phd", 0, "")),
        ("职位单位", StageColumn("work", 0, "org")),
        ("current_city", StageColumn("later", 0, "city")),
        ("BS", StageColumn("bachelor", 0, "")),
    ],
)
def test_stage_headers_are_read(header, expected):
    assert read_header(header) == expected


@pytest.mark.parametrize(
    "header",
    [
        "姓名",
        "学科",
        "单位类型",
        "性别",
        "major",
        "subject",
        "unit_type",
        "回国前单位",
        "职位",
        "position",
        "current",
        "died",
    ],
)
def test_other_headers_are_no_stage(header):
    assert read_header(header) is None


def test_organisation_cells_are_told_from_places():
    assert looks_like_org("南京大学") and looks_like_org("中国科学院上海有机化学研究所")
    assert looks_like_org("University of Chicago") and looks_like_org("MIT Media Lab")
    assert not looks_like_org("武汉") and not looks_like_org("Cambridge, MA")
    assert not looks_like_org("")
    for org in ("MIT", "EPFL", "EMBL Heidelberg", "Georgia Tech", "Caltech"):
        assert looks_like_org(org), org
    for place in ("Cambridge, MA", "Boston USA", "USA", "Seoul, Korea", "Atlanta, GA"):
        assert not looks_like_org(place), place


@pytest.mark.parametrize("name", sorted(CV_FILES))
def test_cv_tables_are_detected_as_wide(name):
    frame, info = read_text_table(DATA / name)
    encoding, person = CV_FILES[name]
    assert info["encoding"] == encoding
    assert len(frame) == 20
    layout = is_wide_table(frame, stage_column=None)
    assert layout is not None
    assert layout.person == person
    stages = layout.stages
    assert [s.stage for s in stages] == ["birth", "bachelor", "master", "phd", "postdoc", "return"]
    birth, bachelor, master, phd, postdoc, back = stages
    # columns of universities are organisation columns; the birthplace is a city column
    assert birth.city and not birth.org
    assert bachelor.org and not bachelor.city and bachelor.year
    assert master.org and not master.year
    assert phd.org and phd.year and postdoc.org
    assert back.city and back.org and back.year
    assert len(layout.attributes) == 3  # gender, subject, unit type
    assert not layout.unplaced


def test_chinese_mapping_text_is_the_documented_syntax():
    frame, _ = read_text_table(DATA / "cv_wide_zh_bom.csv")
    layout = detect_wide(frame)
    assert layout.mapping_text() == ZH_MAPPING
    assert parse_mapping(ZH_MAPPING, list(frame.columns)) == layout.stages
    assert layout.attributes == ["性别", "学科", "单位类型"]


@pytest.mark.parametrize("name", sorted(CV_FILES))
def test_cv_tables_every_row_and_return_checked_by_hand(name):
    frame, _ = read_text_table(DATA / name)
    layout = detect_wide(frame)
    result = import_trajectories(
        frame, FieldMap(person=layout.person), wide=layout.stages, file_label=name
    )
    c = result.counts
    # one stage per filled place or organisation cell of a mapped stage, counted here
    filled = sum(
        1
        for _, row in frame.iterrows()
        for st in layout.stages
        if any(str(row[col] or "").strip() for col in st.place_columns)
    )
    assert filled == 95
    assert c["stage_rows"] == filled
    assert c["resolved_rows"] + c["unresolved_rows"] == c["stage_rows"]
    assert c["persons"] == 20 and c["returnees"] == 19
    stages = result.stages
    assert set(stages["source_row"]) == set(range(1, 21))  # every person row used
    assert not [c for c in stages.columns if c.startswith("_")]  # no working column left
    # organisation-only columns fill the org field, and their city comes from it
    bachelor = stages[stages["stage"].eq("bachelor")]
    assert bachelor["org"].ne("").all() and len(bachelor) == 20
    assert "from_org" in " ".join(bachelor["flags"].astype(str))
    routes = classify_routes(stages).set_index("person_id")
    returns = stages[stages["stage"].eq("return")].set_index("person_id")
    key = "person_en" if name.endswith("_en.csv") else "name_zh"
    for row in _expected():
        person = row[key]
        route = routes.loc[person]
        assert (route["return_city"] or "") == row["return_city"], person
        assert (route["pattern"] or "") == row["pattern"], person
        if row["return_city"]:
            assert int(returns.loc[person, "year"]) == int(row["return_year"]), person
            if not name.endswith("_en.csv"):
                assert returns.loc[person, "org"] == row["return_org"], person
        else:
            assert route["reason"] == "never returned"
    # person attributes are carried with every stage of the person
    subject = "subject" if name.endswith("_en.csv") else "学科"
    given = dict(zip(frame[layout.person], frame[subject]))
    assert (stages[subject] == stages["person_id"].map(given)).all()


def test_a_long_table_is_not_wide():
    frame = pd.DataFrame(
        {"person": ["1", "1"], "stage": ["birth", "phd"], "city": ["Wuhan", "Boston"]}
    )
    assert is_wide_table(frame, stage_column="stage") is None
    # headers alone: one stage is no life course
    assert not detect_wide(["name", "return_city", "subject"]).is_wide


def test_a_year_alone_is_no_stage():
    layout = detect_wide(["姓名", "出生地", "博士", "本科年份", "回国城市"])
    assert [s.stage for s in layout.stages] == ["birth", "phd", "return"]
    assert layout.unplaced == ["本科年份"]
    assert "本科年份" in layout.attributes


def test_bare_column_yields_to_a_named_one():
    frame = pd.DataFrame({"name": ["a"], "phd": ["Boston"], "phd_city": ["Boston"]})
    layout = detect_wide(frame)
    assert layout.stages == [WideStage("phd", city="phd_city")]
    assert "phd" in layout.attributes


# ------------------------------------------------------------------ the mapping syntax

COLUMNS = ["id", "出生地", "博士", "博士年份", "回国城市", "回国单位", "回国年份", "国家"]


def test_keyed_mapping_with_org_and_year_only_parts():
    stages = parse_mapping(
        "birth=city:出生地; phd=org:博士,year:博士年份; "
        "回国=城市:回国城市，单位:回国单位，年份:回国年份",
        COLUMNS,
    )
    assert stages == [
        WideStage("birth", city="出生地"),
        WideStage("phd", org="博士", year="博士年份"),
        WideStage("return", city="回国城市", org="回国单位", year="回国年份"),
    ]
    assert parse_mapping(format_mapping(stages), COLUMNS) == stages


def test_positional_mapping_still_read():
    stages = parse_mapping("birth=出生地,国家; return=回国城市,,回国单位,回国年份", COLUMNS)
    assert stages == [
        WideStage("birth", city="出生地", country="国家"),
        WideStage("return", city="回国城市", org="回国单位", year="回国年份"),
    ]
    # an organisation alone, in the positional syntax too
    assert parse_mapping("phd=,,博士,博士年份", COLUMNS) == [
        WideStage("phd", org="博士", year="博士年份")
    ]


@pytest.mark.parametrize(
    "text,message",
    [
        ("phd=year:博士年份", "must name a city or an organisation column"),
        ("phd=org:博士,博士年份", "mixes keyed parts"),
        ("phd=org:博士,org:回国单位", "names a part twice"),
        ("phd=org:", "names a part twice or leaves it empty"),
        ("phd=org:nosuch", "does not have"),
    ],
)
def test_bad_keyed_mappings_are_explained(text, message):
    with pytest.raises(BackflowInputError, match=message) as err:
        parse_mapping(text, COLUMNS)
    assert "WIDE_MAPPING" in str(err.value) or "nosuch" in str(err.value)


def test_org_only_stage_unresolved_is_listed_not_dropped():
    frame = pd.DataFrame(
        {
            "id": ["1", "2", "3"],
            "出生地": ["武汉", "长沙", "合肥"],
            "博士": ["东京大学", "某某研究机构", "Cambridge"],
            "回国城市": ["武汉", "长沙", "合肥"],
        }
    )
    wide = parse_mapping(
        "birth=city:出生地; phd=org:博士; return=city:回国城市", list(frame.columns)
    )
    long = wide_to_long(frame, wide, "id")
    assert long["source_column"].tolist() == ["出生地", "博士", "回国城市"] * 3
    result = import_trajectories(frame, FieldMap(person="id"), wide=wide)
    bad = result.unresolved
    assert bad["value"].tolist() == ["某某研究机构"]
    assert bad["column"].tolist() == ["博士"]
    assert bad["reason"].tolist() == ["unknown city"]
    c = result.counts
    assert c["stage_rows"] == 9 and c["resolved_rows"] == 8 and c["unresolved_rows"] == 1
    # a place written in an organisation column is read as a place, and is no organisation
    phd = result.stages[result.stages["stage"].eq("phd")].set_index("person_id")
    assert phd.loc["3", "city"] == "Cambridge"
    assert pd.isna(phd.loc["3", "org"]) or not phd.loc["3", "org"]
    assert phd.loc["1", "city"] == "Tokyo" and phd.loc["1", "org"] == "东京大学"


def test_org_only_stage_listed_for_review_and_placed_by_its_alias():
    from backflow_plugin.core.trajectories.review import aliases_from_choices, unresolved_values

    frame = pd.DataFrame(
        {
            "id": ["1", "2", "3"],
            "出生地": ["武汉", "长沙", "合肥"],
            "博士": ["东京大学", "某某研究机构", "某某研究机构"],
            "回国城市": ["武汉", "长沙", "合肥"],
        }
    )
    wide = parse_mapping(
        "birth=city:出生地; phd=org:博士; return=city:回国城市", list(frame.columns)
    )
    review = unresolved_values(frame, FieldMap(person="id"), wide=wide)
    assert review["value"].tolist() == ["某某研究机构"] and review["rows"].tolist() == [2]
    aliases = aliases_from_choices({"某某研究机构": "Nagoya (JP)"})
    result = import_trajectories(frame, FieldMap(person="id"), wide=wide, aliases=aliases)
    assert result.counts["unresolved_rows"] == 0
    phd = result.stages[result.stages["stage"].eq("phd")].set_index("person_id")
    assert phd.loc["2", "city"] == "Nagoya" and phd.loc["2", "country"] == "JP"
    assert phd.loc["2", "org"] == "某某研究机构" and "user_alias" in phd.loc["2", "flags"]


@pytest.mark.parametrize(
    "header,expected",
    [
        ("海外工作单位", StageColumn("work", 0, "org")),
        ("博士后经历", StageColumn("postdoc", 0, "")),
        ("博士（单位）", StageColumn("phd", 0, "org")),
        ("year returned", StageColumn("return", 0, "year")),
        ("PhD Univ.", StageColumn("phd", 0, "org")),
        ("Returned to", StageColumn("return", 0, "")),
        ("Return year", StageColumn("return", 0, "year")),
        # headers as Chinese researchers type them
        ("博士后研究单位", StageColumn("postdoc", 0, "org")),
        ("现任职单位", StageColumn("later", 0, "org")),
        ("回国后工作单位", StageColumn("return", 0, "org")),
        ("引进单位", StageColumn("return", 0, "org")),
        ("籍贯（省市）", StageColumn("birth", 0, "")),  # a note in brackets
        ("出生地(省/市)", StageColumn("birth", 0, "")),
        ("博士后单位2", StageColumn("postdoc", 2, "org")),  # the number after the role
        ("work_city_2", StageColumn("work", 2, "city")),
        ("出生年月", None),  # a date of birth is no place
        ("毕业院校", None),  # which degree's is not said
    ],
)
def test_more_header_forms(header, expected):
    assert read_header(header) == expected


def test_a_unique_order_column_is_the_id_when_names_repeat():
    from backflow_plugin.core.tables.wide_layout import repeated_ids

    frame = pd.DataFrame(
        {
            "序号": ["1", "2", "3"],
            "姓名": ["张伟", "王芳", "张伟"],
            "出生地": ["武汉", "长沙", "合肥"],
            "回国城市": ["武汉", "长沙", "合肥"],
        }
    )
    layout = detect_wide(frame)
    assert layout.person == "序号" and "姓名" in layout.attributes
    assert repeated_ids(frame, "姓名") == (1, "张伟")
    assert repeated_ids(frame, "序号") == (0, "")
    unique = frame.assign(姓名=["张伟", "王芳", "李娜"])
    assert detect_wide(unique).person == "姓名"
    result = import_trajectories(frame, FieldMap(person=layout.person), wide=layout.stages)
    assert result.counts["persons"] == 3


def test_bare_stage_columns_by_their_cells():
    frame = pd.DataFrame(
        {
            "name": ["a", "b", "c"],
            "birthplace": ["Wuhan", "Changsha", "Hefei"],
            "phd": ["Stanford University", "MIT", "University of Tokyo"],
            "博士": ["2008年", "2009.07", "2010"],
            "return": ["Wuhan", "Beijing", ""],
        }
    )
    layout = detect_wide(frame)
    assert layout.stages == [
        WideStage("birth", city="birthplace"),
        WideStage("phd", org="phd", year="博士"),
        WideStage("return", city="return"),
    ]


def test_numbered_columns_after_the_role_are_stages_of_their_own():
    frame = pd.DataFrame(
        {
            "姓名": ["甲", "乙"],
            "籍贯（省市）": ["湖北省武汉市", "江苏省南通市"],
            "博士": ["东京大学", "斯坦福大学"],
            "工作单位1": ["京都大学", "Caltech"],
            "工作单位2": ["大阪大学", ""],
            "引进单位": ["武汉大学", "南京大学"],
        }
    )
    layout = detect_wide(frame)
    assert layout.mapping_text() == (
        "birth=city:籍贯（省市）; phd=org:博士; work=org:工作单位1; work=org:工作单位2; "
        "return=org:引进单位"
    )
    result = import_trajectories(frame, FieldMap(person=layout.person), wide=layout.stages)
    stages = result.stages
    assert stages[stages["person_id"].eq("甲")]["city"].tolist() == [
        "Wuhan", "Tokyo", "Kyoto", "Osaka", "Wuhan",
    ]  # fmt: skip
    assert result.counts["stage_rows"] == 9
