"""Stage labels and field detection."""

from __future__ import annotations

import pandas as pd

from backflow_plugin.core.tables.fields import detect_fields
from backflow_plugin.core.tables.stage_labels import normalise_stages, suggest_stage


def test_english_chinese_and_alias_labels():
    raw = pd.Series(
        [
            "Birth",
            "出生地",
            "本科",
            "BSc",
            "硕士",
            "Ph.D.",
            "博士后",
            "post-doc",
            "工作",
            "Visiting scholar",
            "回国",
            "回國",
            "later",
            "",
            None,
            "Returned",
        ]
    )
    stages, unknown = normalise_stages(raw)
    assert stages.tolist() == [
        "birth",
        "birth",
        "bachelor",
        "bachelor",
        "master",
        "phd",
        "postdoc",
        "postdoc",
        "work",
        "visit",
        "return",
        "return",
        "later",
        "",
        "",
        "return",
    ]
    assert not unknown.any()


def test_unknown_label_is_flagged_with_suggestion():
    stages, unknown = normalise_stages(pd.Series(["phd", "postdok", "kindergarten"]))
    assert unknown.tolist() == [False, True, True]
    assert stages.iloc[0] == "phd"
    assert "postdoc" in suggest_stage("postdok")


def test_detect_long_english_columns():
    cols = ["person_id", "seq", "stage", "city", "country", "org", "year", "subject"]
    got = detect_fields(cols)
    assert got == {
        "person": "person_id",
        "seq": "seq",
        "stage": "stage",
        "city": "city",
        "country": "country",
        "org": "org",
        "year": "year",
        "province": None,
    }


def test_detect_province_columns():
    for name in ("省", "省份", "籍贯省", "Province", "state"):
        got = detect_fields(["姓名", "阶段", "城市", name])
        assert got["province"] == name and got["city"] == "城市"


def test_detect_chinese_columns():
    got = detect_fields(["姓名", "序号", "阶段", "城市", "国家", "单位", "年份", "学科"])
    assert got["person"] == "姓名"
    assert got["stage"] == "阶段"
    assert got["city"] == "城市"
    assert got["org"] == "单位"
    assert got["year"] == "年份"


def test_detect_leaves_missing_roles_empty():
    got = detect_fields(["id", "bornCity", "bornCountryCode"])
    assert got["person"] == "id"
    assert got["stage"] is None
    assert got["seq"] is None
