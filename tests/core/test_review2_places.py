"""Review of issue 10 with the place strings researchers write (籍贯, postal names)."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.places.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.bundled()


def zh_of(gaz, name, country=None):
    res = gaz.resolve(
        pd.Series([name]), None if country is None else pd.Series([country]), "CN"
    ).iloc[0]
    assert res["city_id"], (name, res["reason"])
    row = gaz.info(res["city_id"])
    return row["name_zh"], row["province_zh"]


@pytest.mark.parametrize(
    "name, expected",
    [
        # A county-level unit written without its suffix beats a village or town
        # (GeoNames "place") that carries the bare name.
        ("大兴", ("大兴区", "北京市")),
        ("Daxing", ("大兴区", "北京市")),
        ("金牛", ("金牛区", "四川省")),
        ("云阳", ("云阳县", "重庆市")),
        ("巫山", ("巫山县", "重庆市")),
        ("罗田", ("罗田县", "湖北省")),
        ("南丰", ("南丰县", "江西省")),
        ("东川", ("东川区", "云南省")),
        ("Chenghai", ("澄海区", "广东省")),
    ],
)
def test_county_short_name_beats_a_town(gaz, name, expected):
    assert zh_of(gaz, name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        # 籍贯 as Republican-era records write it: a province of the time before the city.
        ("直隶天津", ("天津", "天津市")),
        ("直隶保定", ("保定", "河北省")),
        ("奉天沈阳", ("沈阳", "辽宁省")),
        ("热河承德", ("承德", "河北省")),
        ("察哈尔张家口", ("张家口", "河北省")),
        ("绥远归绥", ("归绥", "内蒙古自治区")),
        ("西康康定", ("康定", "四川省")),
        ("Chihli Tientsin", ("天津", "天津市")),
    ],
)
def test_historic_province_before_the_city(gaz, name, expected):
    assert zh_of(gaz, name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("台湾台北", "Taipei"),
        ("台湾省台北市", "Taipei"),
        ("臺灣新竹", "Hsinchu"),
        ("香港九龙", "Kowloon"),
    ],
)
def test_taiwan_and_hong_kong_before_the_city(gaz, name, expected):
    res = gaz.resolve(pd.Series([name]), None, "CN").iloc[0]
    assert res["city_id"], res["reason"]
    assert gaz.info(res["city_id"])["name"] == expected


@pytest.mark.parametrize(
    "name, country, state",
    [
        # The state or province of "City, ST" names the country: a place of that name
        # elsewhere (Upton in England, "Il" in Kenya, Saint Lucia in South Africa,
        # University Park in Florida) is never taken for it.
        ("Upton, NY", "US", "New York"),
        ("Argonne, IL", "US", "Illinois"),
        ("St Lucia, QLD", "AU", "Queensland"),
        ("University Park, PA", "US", "Pennsylvania"),
    ],
)
def test_state_code_keeps_its_country(gaz, name, country, state):
    res = gaz.resolve(pd.Series([name]), None, "CN").iloc[0]
    if res["city_id"]:
        row = gaz.info(res["city_id"])
        assert (row["country"], row["province"]) == (country, state), name
    else:
        assert res["reason"] in ("not in the given state or province", "unknown city")


def test_state_hint_reasons(gaz):
    res = gaz.resolve(pd.Series(["Murray Hill, NJ", "Council, ID"]), None, "CN")
    # Murray Hill exists, in Kentucky: named as a place in another state.
    assert res.iloc[0]["city_id"] is None
    assert res.iloc[0]["reason"] == "not in the given state or province"
    assert "Murray Hill" in res.iloc[0]["suggestions"]
    # No place called Council anywhere: an unknown city, as without the state.
    assert res.iloc[1]["reason"] == "unknown city"
