"""Core errors reach the user in the user's language, with the file, column, row and value filled in."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException

from tests.qgis.test_i18n import zh  # noqa: F401 - the zh_CN translator fixture
from tests.qgis.test_run_logs_zh import Log


def test_a_missing_column_in_chinese(zh, tmp_path):  # noqa: F811
    import processing

    table = tmp_path / "people.csv"
    table.write_text("name,hometown\nA,Beijing\nB,Wuhan\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException) as caught:
        processing.run(
            "backflow:importtrajectories",
            {
                "INPUT": str(table),
                "PERSON_FIELD": "name",
                "CITY_FIELD": "city",
                "STAGES": "TEMPORARY_OUTPUT",
            },
        )
    message = str(caught.value)
    assert message == (
        "city 列不在表中（文件“people.csv”，列“city”）。可接受：以下之一：name, hometown"
    )


def test_a_bad_value_in_chinese(zh, tmp_path):  # noqa: F811
    import processing

    table = tmp_path / "people.csv"
    table.write_text("person,city,seq\nA,Beijing,one\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException) as caught:
        processing.run(
            "backflow:importtrajectories",
            {"INPUT": str(table), "STAGES": "TEMPORARY_OUTPUT"},
        )
    assert str(caught.value) == (
        "顺序列中有非数字的值（文件“people.csv”，列“seq”，第 1 行，值“one”）。"
        "可接受：表示每人各阶段顺序的整数"
    )


def test_the_same_error_in_english(plugin, tmp_path):
    import processing

    table = tmp_path / "people.csv"
    table.write_text("name,hometown\nA,Beijing\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException) as caught:
        processing.run(
            "backflow:importtrajectories",
            {
                "INPUT": str(table),
                "PERSON_FIELD": "name",
                "CITY_FIELD": "city",
                "STAGES": "TEMPORARY_OUTPUT",
            },
        )
    assert str(caught.value) == (
        "The city column is not in the table (file 'people.csv', column 'city'). "
        "Accepted: one of: name, hometown"
    )


def test_a_core_warning_in_chinese(zh, tmp_path):  # noqa: F811
    """A warning of the core's table reader (short rows) reaches a Chinese log translated."""
    import processing

    table = tmp_path / "people.csv"
    table.write_text(
        "person_id,stage,city,year\n1,birth,Wuhan,1980\n1,phd,Boston\n1,return,Beijing\n",
        encoding="utf-8",
    )
    feedback = Log()  # the Chinese run-log tests' recorder
    result = processing.run(
        "backflow:importtrajectories",
        {"INPUT": str(table), "STAGES": "TEMPORARY_OUTPUT"},
        feedback=feedback,
    )
    assert result["RESOLVED_ROWS"] == 3
    assert (
        "文件“people.csv”：2 行数据的单元格少于表头的 4 列（第 2, 3 行）；"
        "缺少的单元格按空值读取，这些行照常使用"
    ) in feedback.lines


def test_a_tier_warning_in_chinese(zh):  # noqa: F811
    """The tiers' warnings (core/network/tiers.py) are translated too, their values filled in."""
    from backflow_plugin.core.errors import CoreWarning
    from backflow_plugin.core.messages import M
    from backflow_plugin.core.network.tiers import TIE_AT_CUT
    from backflow_plugin.processing import adapters

    warning = CoreWarning(M(TIE_AT_CUT["core"], cut=4, measure="degree", value=12.0))
    assert warning.startswith("the national core cut after city 4 splits cities")
    assert adapters.warning_text(warning) == (
        "国家核心城市的分界（第 4 个城市之后）把 degree 相同（12）的城市分开了；"
        "这些城市之间按回流人数、再按城市编号排序"
    )
    assert adapters.warning_text("plain text") == "plain text"
