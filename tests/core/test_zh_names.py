"""Chinese city names for Chinese texts: the table's name_zh, the gazetteer's, or as given."""

from __future__ import annotations

import pandas as pd

from backflow_plugin.core.zh_names import with_chinese_names


def test_the_tables_own_chinese_name_wins():
    own = pd.DataFrame(
        {"city_id": ["CN110000", "X1"], "name": ["Beijing", "Atlantis"], "name_zh": ["京", " "]}
    )
    # an empty Chinese name falls back to the given name
    assert with_chinese_names(own)["name"].tolist() == ["京", "Atlantis"]


def test_without_a_chinese_field_the_gazetteer_by_id():
    bare = pd.DataFrame({"city_id": ["CN310000", "X1"], "name": ["Shanghai", "Atlantis"]})
    assert with_chinese_names(bare)["name"].tolist() == ["上海", "Atlantis"]
    assert bare["name"].tolist() == ["Shanghai", "Atlantis"]  # the input is not changed


def test_without_names_the_ids():
    ids = pd.DataFrame({"city_id": ["CN420100", "X9"], "name_cn": [None, "某城"]})
    assert with_chinese_names(ids)["name"].tolist() == ["CN420100", "某城"]
