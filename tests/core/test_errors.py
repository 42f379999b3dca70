"""core.errors: errors and warnings as messages, in English or Chinese without QGIS, the
user's values (file, column, row, value) filled in as given."""

from __future__ import annotations

import copy
import pickle

import pandas as pd
import pytest

from backflow_plugin.core import analysis, messages
from backflow_plugin.core.errors import BackflowInputError, CoreWarning
from backflow_plugin.core.messages import M, text
from backflow_plugin.core.network.tiers import TIE_AT_CUT


def _unknown_level(**where) -> BackflowInputError:
    return BackflowInputError(
        M("error.unknown", name="level"),
        accepted=M("error.one_of", columns="city, province"),
        **where,
    )


def test_english_message_as_before():
    err = _unknown_level(column="level", value="town")
    assert str(err) == (
        "Unknown level (column 'level', value 'town'). Accepted: one of: city, province"
    )
    assert err.describe() == str(err)
    assert err.problem.id == "error.unknown" and err.problem.values == {"name": "level"}


def test_the_same_error_in_chinese():
    err = _unknown_level(file="a.csv", row=3, value="{x}")
    # values (even with braces) are filled in after translation, never translated
    assert err.describe("zh") == (
        "未知的 level（文件“a.csv”，第 3 行，值“{x}”）。可接受：以下之一：city, province"
    )
    assert str(err) == (
        "Unknown level (file 'a.csv', row 3, value '{x}'). Accepted: one of: city, province"
    )
    assert err.describe("fr") == str(err)  # no catalogue: English


def test_values_are_the_users_data_never_translated():
    """'city' is one of the report's words (term.city, 城市), but in an error it is the
    name of the user's column, shown as given."""
    err = BackflowInputError(M("error.import.role_column_missing", role="city"), column="city")
    assert err.describe("zh") == "city 列不在表中（列“city”）"
    assert text(M("term.city"), "zh") == "城市"


def test_plain_accepted_text_is_data_shown_as_given():
    err = BackflowInputError(M("error.tiers.unknown_measure"), accepted="degree, betweenness")
    assert err.describe("zh") == "未知的中心性指标。可接受：degree, betweenness"
    with pytest.raises(BackflowInputError, match=r"^Unknown centrality measure\. Accepted"):
        raise err


def test_a_problem_must_be_a_message():
    with pytest.raises(TypeError, match="M\\(...\\)"):
        BackflowInputError("Unknown level")


def test_a_broken_translation_falls_back_to_english(monkeypatch):
    monkeypatch.setattr(messages, "catalogue", lambda language: {"error.unknown": "{nom} 未知"})
    err = BackflowInputError(M("error.unknown", name="level"))
    assert err.describe("zh") == "Unknown level"


def test_copies_and_pickles_keep_the_message():
    err = _unknown_level(file="a.csv", row=2)
    for again in (copy.deepcopy(err), pickle.loads(pickle.dumps(err))):
        assert type(again) is BackflowInputError
        assert str(again) == str(err) and again.describe("zh") == err.describe("zh")


def test_a_warning_in_each_language():
    warning = CoreWarning(M(TIE_AT_CUT["core"], cut=4, measure="degree", value=12.0))
    assert warning == (
        "the national core cut after city 4 splits cities with the same degree (12); "
        "the order among them is by returnees, then city id"
    )
    chinese = (
        "国家核心城市的分界（第 4 个城市之后）把 degree 相同（12）的城市分开了；"
        "这些城市之间按回流人数、再按城市编号排序"
    )
    assert warning.describe("zh") == text(warning, "zh") == chinese
    again = copy.deepcopy(warning)
    assert type(again) is CoreWarning and again.describe("zh") == chinese


def test_a_users_mistake_in_chinese_without_qgis():
    """A table naming a city column it does not have, through the core's front door:
    the error names the file and column and lists the columns there are, in Chinese."""
    table = pd.DataFrame({"name": ["A", "B"], "hometown": ["Beijing", "Wuhan"]})
    options = analysis.ImportOptions(fields=analysis.FieldMap(person="name", city="city"))
    with pytest.raises(BackflowInputError) as caught:
        analysis.import_trajectories(table, options, file_label="people.csv")
    assert str(caught.value) == (
        "The city column is not in the table (file 'people.csv', column 'city'). "
        "Accepted: one of: name, hometown"
    )
    assert caught.value.describe("zh") == (
        "city 列不在表中（文件“people.csv”，列“city”）。可接受：以下之一：name, hometown"
    )


def test_a_bad_cell_in_chinese_without_qgis(tmp_path):
    """A table read from a file with a word in its order column: file, column, row and
    value named, in Chinese."""
    path = tmp_path / "people.csv"
    path.write_text("person,city,seq\nA,Beijing,one\n", encoding="utf-8")
    table = analysis.read_table(path)
    with pytest.raises(BackflowInputError) as caught:
        analysis.import_trajectories(table, file_label=path.name)
    assert caught.value.describe("zh") == (
        "顺序列中有非数字的值（文件“people.csv”，列“seq”，第 1 行，值“one”）。"
        "可接受：表示每人各阶段顺序的整数"
    )
