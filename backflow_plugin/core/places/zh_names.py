"""Chinese names of the cities of a cities table, for texts in Chinese (the run logs)."""

from __future__ import annotations

import pandas as pd

# Where a cities layer keeps its Chinese names (the import writes name_zh).
ZH_NAME_FIELDS = ("name_zh", "NAME_ZH", "name_cn", "chinese_name")


def with_chinese_names(cities: pd.DataFrame) -> pd.DataFrame:
    """`cities` with ``name`` in Chinese where known: the table's name_zh (or a like
    field), else the bundled gazetteer's by city_id; the given name (or the id) where
    no Chinese name is known. The input is not changed."""
    if "city_id" not in cities.columns:
        return cities
    ids = cities["city_id"].astype(str)
    field = next((f for f in ZH_NAME_FIELDS if f in cities.columns), None)
    if field is not None:
        zh = cities[field]
    else:
        from .gazetteer import Gazetteer  # only then: reading it takes a moment

        gaz = Gazetteer.bundled().cities
        zh = ids.map(dict(zip(gaz["city_id"], gaz["name_zh"])))
    zh = zh.where(zh.notna() & zh.astype(str).str.strip().ne(""), None)
    given = cities["name"] if "name" in cities.columns else ids
    return cities.assign(name=zh.fillna(given).astype(object))
