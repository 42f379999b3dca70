"""CV tables (one row per person, stage-named headers) through backflow:importtrajectories."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException

from tests.conftest import DATA
from tests.qgis.test_i18n import zh  # noqa: F401 - the zh_CN translator fixture
from tests.qgis.test_import_algorithm import OUTS, layer, rows
from tests.qgis.test_run_logs_zh import Log

ALG = "backflow:importtrajectories"


@pytest.mark.parametrize("name", ["cv_wide_zh_bom.csv", "cv_wide_zh_gbk.csv", "cv_wide_en.csv"])
def test_cv_table_detected_without_a_layout(run_alg, name):
    log = Log()
    result = run_alg(ALG, {"INPUT": str(DATA / name), **OUTS}, feedback=log)
    assert result["PERSONS"] == 20
    assert result["STAGE_ROWS"] == 95
    assert result["RESOLVED_ROWS"] == 95 and result["UNRESOLVED_ROWS"] == 0
    text = "\n".join(log.lines)
    assert "Wide table detected from the column names" in text
    assert "return=city:" in text and ",org:" in text
    stages = rows(layer(result, "STAGES"))
    assert {s["source_row"] for s in stages} == set(range(1, 21))
    back = [s for s in stages if s["stage"] == "return"]
    assert len(back) == 19
    years = {s["person_id"]: s["year"] for s in back}
    assert sorted(set(years.values())) == [2010, 2011, 2012, 2013, 2014, 2015, 2016]
    bachelor = [s for s in stages if s["stage"] == "bachelor"]
    assert all(s["org"] for s in bachelor) and all("from_org" in s["flags"] for s in bachelor)


def test_cv_table_read_as_long_says_it_is_wide(run_alg):
    with pytest.raises(QgsProcessingException) as err:
        run_alg(ALG, {"INPUT": str(DATA / "cv_wide_zh_bom.csv"), "LAYOUT": 0, **OUTS})
    text = str(err.value)
    assert "This table is wide (one row per person) but was read as long" in text
    assert "cv_wide_zh_bom.csv" in text
    assert "phd=org:博士,year:博士毕业年份" in text


def test_wide_layout_without_mapping_uses_the_detected_one(run_alg):
    result = run_alg(ALG, {"INPUT": str(DATA / "cv_wide_en.csv"), "LAYOUT": 1, **OUTS})
    assert result["STAGE_ROWS"] == 95


def test_keyed_mapping_with_org_only_stages(run_alg):
    result = run_alg(
        ALG,
        {
            "INPUT": str(DATA / "cv_wide_zh_bom.csv"),
            "LAYOUT": 1,
            "WIDE_MAPPING": "birth=city:出生地; phd=org:博士,year:博士毕业年份; "
            "return=org:回国单位,year:回国年份",
            **OUTS,
        },
    )
    # 20 births, 20 doctorates, 19 returns (one person has none)
    assert result["STAGE_ROWS"] == 59 and result["RESOLVED_ROWS"] == 59
    stages = rows(layer(result, "STAGES"))
    huang = [s for s in stages if s["person_id"] == "黄强" and s["stage"] == "return"][0]
    assert (huang["city"], huang["org"], huang["year"]) == ("Xiamen", "厦门大学", 2013)
    # the person attributes are the columns the mapping leaves out
    assert huang["学科"] == "化学" and huang["硕士"] in (None, "")


def test_wide_error_in_chinese(zh, tmp_path):  # noqa: F811
    import processing

    with pytest.raises(QgsProcessingException) as err:
        processing.run(ALG, {"INPUT": str(DATA / "cv_wide_zh_bom.csv"), "LAYOUT": 0, **OUTS})
    text = str(err.value)
    assert text.startswith("此表为宽表（每人一行），却按长表读取")
    assert "WIDE_MAPPING = birth=city:出生地" in text


def test_person_column_given_or_detected(run_alg, tmp_path):
    table = tmp_path / "cv.csv"
    table.write_text(
        "序号,姓名,出生地,博士,回国城市\n1,张伟,武汉,东京大学,武汉\n2,张伟,长沙,东京大学,长沙\n",
        encoding="utf-8",
    )
    log = Log()
    result = run_alg(ALG, {"INPUT": str(table), **OUTS}, feedback=log)
    assert result["PERSONS"] == 2  # two 张伟: the unique 序号 is the id
    assert "Person column: 序号; person attributes: 姓名" in log.lines
    log = Log()
    result = run_alg(ALG, {"INPUT": str(table), "PERSON_FIELD": "姓名", **OUTS}, feedback=log)
    assert result["PERSONS"] == 1
    assert "Person column: 姓名; person attributes: 序号" in log.lines
    assert any(
        line.startswith("1 rows repeat the person id of an earlier row") for line in log.lines
    )
