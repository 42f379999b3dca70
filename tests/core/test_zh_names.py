"""Chinese city names for Chinese texts: the table's name_zh, the gazetteer's, or as given."""

from __future__ import annotations

import pandas as pd

from backflow_plugin.core.places.zh_names import chinese_names, with_chinese_names


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


def test_foreign_cities_take_mainland_names_and_keep_the_others_as_aliases():
    import csv
    from pathlib import Path

    from backflow_plugin.core.places.gazetteer import Gazetteer

    ids = pd.DataFrame(
        {
            "city_id": ["GN4671654", "GN5380748", "GN5391959", "GN5391811", "GN2172517"],
            "name": ["Austin", "Palo Alto", "San Francisco", "San Diego", "Canberra"],
        }
    )
    # not 柯士甸 / 帕罗奥图 / 三藩市 (Hong Kong, Taiwan forms) nor 圣地亚哥 (Santiago)
    assert with_chinese_names(ids)["name"].tolist() == [
        "奥斯汀",
        "帕洛阿尔托",
        "旧金山",
        "圣迭戈",
        "堪培拉",
    ]
    # the hand-kept table the build reads is what the gazetteer holds
    table = Path(__file__).resolve().parents[2] / "resources" / "gazetteer" / "zh_cn_names.csv"
    with table.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    assert len(rows) >= 30
    got = with_chinese_names(pd.DataFrame({"city_id": [r["city_id"] for r in rows]}))
    assert got["name"].tolist() == [r["name_zh"] for r in rows]
    # a Hong Kong form in a user's table still finds the city
    found = Gazetteer.bundled().resolve(pd.Series(["柯士甸"]), pd.Series(["US"]))
    assert found["city_id"].tolist() == ["GN4671654"]


def test_chinese_names_by_row_none_where_unknown():
    own = pd.DataFrame({"city_id": ["CN110000", "X1"], "name_zh": ["京", " "]}, index=[7, 9])
    got = chinese_names(own)
    assert got.index.tolist() == [7, 9]
    assert [None if pd.isna(v) else v for v in got] == ["京", None]
    bare = pd.DataFrame({"city_id": ["CN310000", "X1"]})
    assert [None if pd.isna(v) else v for v in chinese_names(bare)] == ["上海", None]
    assert chinese_names(pd.DataFrame({"name": ["Atlantis"]})).tolist() == [None]
