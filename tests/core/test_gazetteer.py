"""The bundled gazetteer and the name resolver, on the real bundled data."""

import time

import numpy as np
import pandas as pd
import pytest

from backflow_plugin.core import schema
from backflow_plugin.core.places.gazetteer import Gazetteer
from backflow_plugin.core.places.resolve import RESULT_COLUMNS
from backflow_plugin.paths import GAZETTEER_DIR


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.bundled()


def resolve_one(gaz, name, country=None, home="CN"):
    countries = None if country is None else pd.Series([country])
    return gaz.resolve(pd.Series([name]), countries, home).iloc[0]


def city(gaz, city_id):
    return gaz.cities.set_index("city_id").loc[city_id]


# --------------------------------------------------------------------------- the files


def test_files_exist_and_are_reasonable():
    cities = GAZETTEER_DIR / "cities.csv"
    assert cities.is_file() and (GAZETTEER_DIR / "countries.csv").is_file()
    assert (GAZETTEER_DIR / "README.md").is_file()
    assert cities.stat().st_size < 8_000_000
    header = cities.read_text(encoding="utf-8").split("\n", 1)[0]
    assert header == (
        "city_id,name,name_zh,name_zh_hant,country,province,province_zh,"
        "admin_rank,lon,lat,population,aliases,level,prefecture_id,county_id,province_id"
    )


def test_bundled_is_cached(gaz):
    assert Gazetteer.bundled() is gaz
    assert gaz.cities["city_id"].is_unique
    assert len(gaz.cities) > 30_000


def test_chinese_city_counts(gaz):
    cn = gaz.cities[gaz.cities["city_id"].str.startswith("CN")]
    assert (cn["country"] == "CN").all()
    ranks = cn["admin_rank"].value_counts()
    assert ranks[schema.RANK_MUNICIPALITY] == 4
    assert ranks[schema.RANK_SUB_PROVINCIAL] == 15
    # Rule (README): a capital that is sub-provincial is ranked sub-provincial, so the
    # 27 capitals of provinces and autonomous regions = 10 sub-provincial + 17.
    assert ranks[schema.RANK_PROVINCIAL_CAPITAL] == 17
    prefecture_and_above = ranks.drop(schema.RANK_COUNTY, errors="ignore").sum()
    assert 330 < prefecture_and_above < 345
    assert ranks[schema.RANK_COUNTY] > 150
    # Every Chinese city has Chinese names, a province and coordinates.
    assert cn["name_zh"].notna().all() and cn["name_zh_hant"].notna().all()
    assert cn["province"].notna().all() and cn["province_zh"].notna().all()
    # Nansha (Spratly) Islands: 11.5 N
    assert cn["lon"].between(73, 136).all() and cn["lat"].between(3, 54).all()
    assert cn["name"].notna().all()


def test_sub_provincial_capitals(gaz):
    c = gaz.cities[gaz.cities["level"].eq("prefecture")].set_index("name_zh")
    for zh in ("武汉", "南京", "杭州", "广州", "成都", "西安", "沈阳", "长春", "哈尔滨", "济南"):
        assert c.loc[zh, "admin_rank"] == schema.RANK_SUB_PROVINCIAL, zh
    for zh in ("大连", "青岛", "宁波", "厦门", "深圳"):
        assert c.loc[zh, "admin_rank"] == schema.RANK_SUB_PROVINCIAL, zh
    for zh in ("合肥", "郑州", "长沙", "昆明", "拉萨", "乌鲁木齐", "呼和浩特", "海口"):
        assert c.loc[zh, "admin_rank"] == schema.RANK_PROVINCIAL_CAPITAL, zh


def test_no_chinese_city_twice(gaz):
    cn = gaz.cities[gaz.cities["country"].eq("CN")]
    for name in ("Beijing", "Shanghai", "Wuhan", "Mianyang", "Kunshan"):
        assert cn["name"].eq(name).sum() == 1, name
    # The Beijing districts are not cities of their own.
    assert (
        not gaz.cities["name"].isin(["Haidian", "Chaoyang District"]).any()
        or gaz.cities.loc[gaz.cities["name"].eq("Haidian"), "country"].ne("CN").all()
    )


# --------------------------------------------------------------------------- resolving


@pytest.mark.parametrize(
    "name",
    [
        "Beijing",
        "北京",
        "北京市",
        "Beijing Shi",
        "beijing",
        "Běijīng",
        "BEIJING CITY",
        "Bei Jing",
        "北京 ",
    ],
)
def test_beijing_forms(gaz, name):
    r = resolve_one(gaz, name)
    assert r["city_id"] == "CN110000", name
    assert r["match"] in ("exact", "alias", "normalised")
    assert not r["ambiguous"]
    assert city(gaz, r["city_id"])["admin_rank"] == schema.RANK_MUNICIPALITY


@pytest.mark.parametrize(
    "name, prefecture",
    [("Peking", "CN110000"), ("Pei-ching", "CN110000"), ("Mien-yang", "CN510700")],
)
def test_historic_spellings(gaz, name, prefecture):
    # Postal and Wade-Giles spellings from the historic table: a historic row that lies
    # in today's city, at that city's point when the table gives none of its own.
    r = resolve_one(gaz, name)
    row = city(gaz, r["city_id"])
    assert row["level"] == "historic" and r["flags"] == "historic", name
    assert row["prefecture_id"] == prefecture
    today = city(gaz, prefecture)
    assert (row["lon"], row["lat"]) == (today["lon"], today["lat"])


def test_match_kinds(gaz):
    res = gaz.resolve(pd.Series(["Beijing", "Pequim", "Beijing Shi", "北京", "北京市"]))
    assert res["match"].tolist() == ["exact", "alias", "normalised", "exact", "alias"]


def test_wuhan(gaz):
    r = resolve_one(gaz, "武汉")
    row = city(gaz, r["city_id"])
    assert row["name"] == "Wuhan" and row["admin_rank"] == schema.RANK_SUB_PROVINCIAL
    assert row["province"] == "Hubei"


def test_hefei(gaz):
    row = city(gaz, resolve_one(gaz, "Hefei")["city_id"])
    assert row["admin_rank"] == schema.RANK_PROVINCIAL_CAPITAL and row["name_zh"] == "合肥"


@pytest.mark.parametrize(
    "name",
    ["Mianyang", "绵阳", "绵阳市", "綿陽", "綿陽市", "Mianyang Shi", "Miányáng"],
)
def test_mianyang(gaz, name):
    r = resolve_one(gaz, name)
    row = city(gaz, r["city_id"])
    assert row["name"] == "Mianyang", name
    assert row["admin_rank"] == schema.RANK_PREFECTURE
    assert row["province"] == "Sichuan" and row["province_zh"] == "四川省"
    assert row["lat"] == pytest.approx(31.47, abs=0.05)
    assert row["lon"] == pytest.approx(104.68, abs=0.05)


@pytest.mark.parametrize("name", ["Xian", "Xi'an", "Xi’an", "西安", "西安市", "Xī'ān"])
def test_xian(gaz, name):
    r = resolve_one(gaz, name)
    assert city(gaz, r["city_id"])["name"] == "Xi'an", name


def test_cambridge_by_country(gaz):
    names = pd.Series(["Cambridge"] * 4)
    res = gaz.resolve(names, pd.Series(["US", "GB", "United Kingdom", None]), "CN")
    rows = [city(gaz, c) for c in res["city_id"]]
    assert rows[0]["country"] == "US" and rows[0]["province"] == "Massachusetts"
    assert rows[1]["country"] == "GB" and rows[2]["country"] == "GB"
    assert not res["ambiguous"].iloc[0] and not res["ambiguous"].iloc[1]
    # No country, home CN has no Cambridge: the most populous one, flagged ambiguous.
    assert res["ambiguous"].iloc[3]
    assert res["candidates"].iloc[3] > 1
    pop = gaz.cities.loc[gaz.cities["name"].eq("Cambridge"), "population"].max()
    assert rows[3]["population"] == pop


def test_cambridge_ma_comma(gaz):
    row = city(gaz, resolve_one(gaz, "Cambridge, MA")["city_id"])
    assert row["country"] == "US" and row["province"] == "Massachusetts"
    assert city(gaz, resolve_one(gaz, "Cambridge, England")["city_id"])["country"] == "GB"


def test_home_country_preference(gaz):
    # Two Suzhous in China: ambiguous, the more populous (Jiangsu) wins.
    r = resolve_one(gaz, "Suzhou")
    assert r["ambiguous"] and city(gaz, r["city_id"])["province"] == "Jiangsu"
    # Boston: US and GB share it; with home GB the English one wins and is not ambiguous.
    r_gb = resolve_one(gaz, "Boston", home="GB")
    assert city(gaz, r_gb["city_id"])["country"] == "GB" and not r_gb["ambiguous"]
    # Without a home: Boston, Massachusetts is far more prominent, so no real doubt.
    r_none = resolve_one(gaz, "Boston", home=None)
    assert city(gaz, r_none["city_id"])["country"] == "US" and not r_none["ambiguous"]
    # Pasadena: California and Texas have alike populations; GeoNames knows many more
    # names for the Californian one, which wins, flagged ambiguous.
    r_pas = resolve_one(gaz, "Pasadena", country="US")
    row = city(gaz, r_pas["city_id"])
    assert row["province"] == "California" and r_pas["ambiguous"]
    # Changsha the capital, not the seat town of Kaiping that GeoNames also calls Changsha.
    r_cs = resolve_one(gaz, "Changsha")
    assert r_cs["city_id"] == "CN430100" and not r_cs["ambiguous"]
    assert city(gaz, "CN430900")["name"] == "Yiyang"
    # Per-row home countries.
    res = gaz.resolve(pd.Series(["Boston", "Boston"]), None, pd.Series(["GB", "US"]))
    assert [city(gaz, c)["country"] for c in res["city_id"]] == ["GB", "US"]


def test_historic_form(gaz):
    r = resolve_one(gaz, "Lennep (now Remscheid)", home=None)
    row = city(gaz, r["city_id"])
    assert row["name"] == "Remscheid" and row["country"] == "DE"
    assert r["match"] == "normalised"


def test_hong_kong_is_not_mainland(gaz):
    for name in ("Hong Kong", "香港"):
        assert city(gaz, resolve_one(gaz, name)["city_id"])["country"] == "HK"
    assert city(gaz, resolve_one(gaz, "Taipei")["city_id"])["country"] == "TW"


def test_world_city_chinese_names(gaz):
    assert city(gaz, resolve_one(gaz, "波士顿")["city_id"])["name"] == "Boston"
    r = resolve_one(gaz, "剑桥", "GB")
    assert city(gaz, r["city_id"])["name"] == "Cambridge"
    boston = gaz.cities[gaz.cities["name"].eq("Boston") & gaz.cities["country"].eq("US")]
    assert boston["name_zh"].iloc[0] == "波士顿"


def test_unknown_city(gaz):
    res = gaz.resolve(pd.Series(["Lost City of Atlantis", "Shanghia", "", None]))
    assert res["city_id"].isna().all()
    assert res["match"].isna().all()
    assert res["reason"].iloc[0] == "unknown city"
    # A typo is suggested, never accepted.
    assert res["reason"].iloc[1] == "unknown city"
    assert "Shanghai (CN)" in res["suggestions"].iloc[1].split("; ")
    assert len(res["suggestions"].iloc[1].split("; ")) <= 3
    assert res["reason"].iloc[2] == "no place given" and res["reason"].iloc[3] == "no place given"


def test_not_in_given_country(gaz):
    # Several places of that name, none in the given country.
    r = resolve_one(gaz, "Cambridge", "JP")
    assert r["city_id"] is None and r["reason"] == "not in the given country"
    assert "Cambridge (GB)" in r["suggestions"]
    # One place of that name, in another country: a country conflict.
    r = resolve_one(gaz, "Wuhan", "US")
    assert r["city_id"] is None and r["reason"] == "place is in another country"
    assert r["suggestions"] == "Wuhan (CN)"


def test_unknown_country(gaz):
    r = resolve_one(gaz, "Wuhan", "Narnia")
    assert r["city_id"] is None and r["reason"] == "unknown country"


def test_result_shape_and_index(gaz):
    names = pd.Series(["Beijing", "Nowhere-on-Earth-xyz", "Cambridge"], index=[10, 20, 30])
    res = gaz.resolve(names)
    assert list(res.columns) == list(RESULT_COLUMNS)
    assert list(res.index) == [10, 20, 30]
    assert res["ambiguous"].dtype == bool
    assert res["candidates"].tolist()[0] == 1
    empty = gaz.resolve(pd.Series([], dtype=object))
    assert empty.empty and list(empty.columns) == list(RESULT_COLUMNS)


def test_chinese_county_level_city(gaz):
    row = city(gaz, resolve_one(gaz, "Kunshan")["city_id"])
    assert row["admin_rank"] == schema.RANK_COUNTY and row["name_zh"] == "昆山"
    assert city(gaz, resolve_one(gaz, "昆山市")["city_id"])["name"] == "Kunshan"


def test_municipality_district_maps_to_city(gaz):
    # A district of a municipality is a county-level row whose prefecture is the city.
    for name, county, pref in (
        ("海淀区", "CN110108", "CN110000"),
        ("Pudong", "CN310115", "CN310000"),
    ):
        row = city(gaz, resolve_one(gaz, name)["city_id"])
        assert row.name == county and row["prefecture_id"] == pref and row["level"] == "county"


# --------------------------------------------------------------------------- user gazetteer


def test_from_frame():
    df = pd.DataFrame(
        {
            "place": ["Springfield", "Springfield", "Shelbyville", "Ogdenville"],
            "cc": ["US", "Canada", "USA", None],
            "x": [-89.6, -97.0, -88.8, -90.0],
            "y": [39.8, 50.0, 39.4, 40.0],
            "population": [100, 50, 10, None],
        }
    )
    g = Gazetteer.from_frame(df, name_col="place", country_col="cc", lon_col="x", lat_col="y")
    assert g.cities["city_id"].tolist() == ["U1", "U2", "U3", "U4"]
    assert g.cities["country"].tolist()[:3] == ["US", "CA", "US"]
    assert g.cities["country"].iloc[3] is None
    assert g.cities["lon"].iloc[0] == pytest.approx(-89.6)
    res = g.resolve(
        pd.Series(["Springfield", "Springfield", "shelbyville", "Capital City"]),
        pd.Series(["CA", None, None, None]),
        None,
    )
    assert res["city_id"].tolist()[:3] == ["U2", "U1", "U3"]
    assert res["ambiguous"].tolist()[:3] == [False, True, False]
    assert res["match"].iloc[2] == "normalised"
    assert res["reason"].iloc[3] == "unknown city"


def test_from_frame_ids_and_missing_columns():
    df = pd.DataFrame({"name": ["A town", "B town"], "gid": [7, 9]})
    g = Gazetteer.from_frame(df, id_col="gid")
    assert g.cities["city_id"].tolist() == ["7", "9"]
    assert g.cities["lon"].isna().all()
    assert g.resolve(pd.Series(["B Town"]), None, None)["city_id"].iloc[0] == "9"


# --------------------------------------------------------------------------- speed sanity


def test_many_rows_work_on_distinct_names(gaz):
    rng = np.random.default_rng(0)
    pool = np.r_[
        gaz.cities["name"].dropna().sample(800, random_state=1).to_numpy(),
        [f"Nowhere {i}" for i in range(100)],
    ]
    names = pd.Series(rng.choice(pool, 50_000))
    t0 = time.perf_counter()
    res = gaz.resolve(names)
    elapsed = time.perf_counter() - t0
    assert len(res) == 50_000 and res.index.equals(names.index)
    assert res["city_id"].notna().sum() > 40_000
    # Not a benchmark: only a guard against a per-row loop (generous on a busy machine).
    assert elapsed < 30


def test_hong_kong_given_as_china_keeps_its_own_code(gaz):
    r = resolve_one(gaz, "Hong Kong", country="China")
    assert r["city_id"] is not None and city(gaz, r["city_id"])["country"] == "HK"
    assert city(gaz, resolve_one(gaz, "Taipei", country="CN")["city_id"])["country"] == "TW"
    # A mainland name still wins in CN, and a foreign one is still refused.
    assert resolve_one(gaz, "Beijing", country="CN")["city_id"] == "CN110000"
    assert resolve_one(gaz, "Boston", country="CN")["reason"] == "not in the given country"
