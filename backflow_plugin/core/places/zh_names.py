"""Chinese names of the cities of a cities table, for texts in Chinese (the run logs and
the Chinese report): the one rule every Chinese text follows."""

from __future__ import annotations

import pandas as pd

# Where a cities layer keeps its Chinese names (the import writes name_zh).
ZH_NAME_FIELDS = ("name_zh", "NAME_ZH", "name_cn", "chinese_name")


def chinese_names(cities: pd.DataFrame) -> pd.Series:
    """Each city's Chinese name, indexed as `cities`: the table's name_zh (or a like
    field), else the bundled gazetteer's by city_id; None where none is known."""
    field = next((f for f in ZH_NAME_FIELDS if f in cities.columns), None)
    if field is not None:
        zh = cities[field]
    elif "city_id" in cities.columns:
        from .gazetteer import Gazetteer  # only then: reading it takes a moment

        gaz = Gazetteer.bundled().cities
        zh = cities["city_id"].astype(str).map(dict(zip(gaz["city_id"], gaz["name_zh"])))
    else:
        return pd.Series([None] * len(cities), index=cities.index, dtype=object)
    return zh.where(zh.notna() & zh.astype(str).str.strip().ne(""), None)


def with_chinese_names(cities: pd.DataFrame) -> pd.DataFrame:
    """`cities` with ``name`` in Chinese where known (:func:`chinese_names`); the given
    name (or the id) where no Chinese name is known. The input is not changed."""
    if "city_id" not in cities.columns:
        return cities
    ids = cities["city_id"].astype(str)
    given = cities["name"] if "name" in cities.columns else ids
    return cities.assign(name=chinese_names(cities).fillna(given).astype(object))
