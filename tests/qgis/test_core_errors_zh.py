"""Core errors reach the user in the user's language, with the file, column, row and value filled in."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException

from tests.qgis.test_i18n import zh  # noqa: F401 - the zh_CN translator fixture


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
