"""County rows, province hints, missing markers, country conflicts, smaller places
abroad and the historic table's builder."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from backflow_plugin.core.places.gazetteer import Gazetteer
from backflow_plugin.core.places.names import is_missing_place
from backflow_plugin.core.places.provinces import province_keys
from backflow_plugin.core.places.resolve import (
    REASON_COUNTRY_CONFLICT,
    REASON_NO_PLACE,
    REASON_OTHER_COUNTRY,
)
from backflow_plugin.paths import GAZETTEER_DIR
from tests.conftest import DATA, ROOT


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.bundled()


def one(gaz, name, country=None, province=None, **kw):
    return gaz.resolve(
        pd.Series([name]),
        None if country is None else pd.Series([country]),
        "CN",
        provinces=None if province is None else pd.Series([province]),
        **kw,
    ).iloc[0]


# --------------------------------------------------------------------------- county rows


def test_every_county_level_unit(gaz):
    c = gaz.cities
    counties = c[c["level"].eq("county")]
    assert 2_850 <= len(counties) <= 2_950
    assert counties["city_id"].str.fullmatch(r"CN\d{6}").all()
    assert counties["county_id"].eq(counties["city_id"]).all()
    assert counties["prefecture_id"].isin(c["city_id"]).all()
    assert counties["lon"].notna().all() and counties["lat"].notna().all()
    prefs = c[c["level"].eq("prefecture")]
    assert len(prefs) == 338 and prefs["prefecture_id"].eq(prefs["city_id"]).all()
    cn = c[c["level"].isin(["prefecture", "county", "historic"])]
    assert cn["province_id"].str.fullmatch(r"CN\d{2}0000").all()
    assert c.loc[c["country"].ne("CN"), "province_id"].isna().all()
    # Directly under a province (省直辖): its own prefecture-level node.
    xiantao = gaz.info(one(gaz, "仙桃")["city_id"])
    assert xiantao["prefecture_id"] == xiantao["city_id"] == "CN429004"


def test_county_names(gaz):
    row = gaz.info("CN320506")
    assert (row["name"], row["name_zh"], row["name_zh_hant"]) == (
        "Wuzhong District",
        "吴中区",
        "吳中區",
    )
    assert row["prefecture_id"] == "CN320500" and row["province_id"] == "CN320000"
    aliases = set(row["aliases"].split("|"))
    assert {"吴中", "吳中", "Wuzhong Qu", "Wu-chung"} <= aliases
    assert one(gaz, "Wúzhōng Qū")["city_id"] == "CN320506"
    # Bare, the name is the prefecture-level city 吴忠 (Wuzhong, Ningxia).
    assert one(gaz, "Wúzhōng")["city_id"] == "CN640300"


def test_county_named_like_its_prefecture(gaz):
    # 湘潭县 lies in 湘潭市: the bare name is the prefecture.
    assert one(gaz, "湘潭")["city_id"] == "CN430300"
    assert one(gaz, "湘潭县")["city_id"] == "CN430321"
    # 朝阳 is a prefecture in Liaoning and a district of Beijing.
    assert one(gaz, "朝阳")["city_id"] == "CN211300"
    assert one(gaz, "朝阳", province="北京市")["city_id"] == "CN110105"


# --------------------------------------------------------------------------- province hints


@pytest.mark.parametrize(
    "hint, keys",
    [
        ("江苏", {"CN320000"}),
        ("江蘇省", {"CN320000"}),
        ("Jiangsu Province", {"CN320000"}),
        ("Kiangsu", {"CN320000"}),
        ("广西壮族自治区", {"CN450000"}),
        ("Inner Mongolia", {"CN150000"}),
        ("MA", {"massachusetts"}),
        ("Mass.", {"massachusetts"}),
        ("Massachusetts", {"massachusetts"}),
        ("ON", {"ontario"}),
        ("Québec", {"quebec"}),
        ("NSW", {"new south wales"}),
        ("WA", {"washington", "western australia"}),
        ("Narnia", set()),
        (None, set()),
    ],
)
def test_province_keys(hint, keys):
    assert set(province_keys(hint)) == keys


def test_province_hint_picks_and_is_flagged(gaz):
    r = one(gaz, "Suzhou", province="Anhui")
    assert r["city_id"] == "CN341300" and r["flags"] == "province"
    r = one(gaz, "Suzhou")
    assert r["city_id"] == "CN320500" and r["flags"] == ""
    # A hint that fits no place of that name is dropped, not an error.
    r = one(gaz, "Kunshan", province="Texas")
    assert r["city_id"] == "CN320583" and r["flags"] == ""


def test_city_comma_state(gaz):
    assert gaz.info(one(gaz, "Perth, WA")["city_id"])["country"] == "AU"
    assert gaz.info(one(gaz, "Perth")["city_id"])["country"] == "AU"
    assert gaz.info(one(gaz, "Perth", "GB")["city_id"])["country"] == "GB"
    london_on = gaz.info(one(gaz, "London, ON")["city_id"])
    assert (london_on["country"], london_on["province"]) == ("CA", "Ontario")


# --------------------------------------------------------------------------- missing places


@pytest.mark.parametrize(
    "value", [None, "", "  ", "NA", "N/A", "-", "—", "?", "无", "不详", "未知"]
)
def test_missing_markers(gaz, value):
    assert is_missing_place(value)
    r = one(gaz, value)
    assert r["city_id"] is None and r["reason"] == REASON_NO_PLACE


@pytest.mark.parametrize("value", ["Nanjing", "南京", "Nanan", "Anyang", "X'ian"])
def test_names_are_not_missing(value):
    assert not is_missing_place(value)


def test_missing_country_is_no_country_but_na_is_namibia(gaz):
    assert one(gaz, "Nanjing", "不详")["city_id"] == "CN320100"
    assert gaz.info(one(gaz, "Windhoek", "NA")["city_id"])["country"] == "NA"


# --------------------------------------------------------------------------- conflicts


def test_country_conflict(gaz):
    r = one(gaz, "Wuhan", "US")
    assert r["city_id"] is None and r["reason"] == REASON_COUNTRY_CONFLICT
    assert r["suggestions"] == "Wuhan (CN)"
    r = one(gaz, "Wuhan", "US", accept_conflicts=True)
    assert r["city_id"] == "CN420100" and r["flags"] == "country_conflict"
    # Several places of that name, none in the country: not a conflict, never accepted.
    r = one(gaz, "Cambridge", "JP", accept_conflicts=True)
    assert r["city_id"] is None and r["reason"] == REASON_OTHER_COUNTRY


# --------------------------------------------------------------------------- smaller places


def _fresh_with_small():
    calls = []

    def load():
        calls.append(1)
        return Gazetteer.from_csv(GAZETTEER_DIR / "small_places.csv", trusted=True)

    gaz = Gazetteer.from_csv(GAZETTEER_DIR / "cities.csv", small=load, trusted=True)
    return gaz, calls


def test_small_places_only_when_needed():
    gaz, calls = _fresh_with_small()
    res = gaz.resolve(pd.Series(["Beijing", "Cambridge, MA", "吴中区"]))
    assert res["city_id"].notna().all() and not calls  # never loaded
    n = len(gaz.cities)
    res = gaz.resolve(pd.Series(["Durham", "Durham, NH", "Ascona"]), pd.Series(["US", None, None]))
    assert calls == [1]
    durham_nc, durham_nh, ascona = (gaz.info(c) for c in res["city_id"])
    assert (durham_nc["province"], durham_nc["country"]) == ("North Carolina", "US")
    assert (durham_nh["province"], durham_nh["country"]) == ("New Hampshire", "US")
    assert ascona["country"] == "CH"
    assert res["flags"].tolist() == ["", "small_place;province", "small_place"]
    # The smaller places used join the table (the import reads their points there).
    assert len(gaz.cities) == n + 2 and gaz.cities["city_id"].is_unique
    assert durham_nh["level"] == "place" and durham_nh["prefecture_id"] == durham_nh["city_id"]


def test_small_places_file_is_compact():
    size = (GAZETTEER_DIR / "small_places.csv").stat().st_size
    assert size < 7_000_000
    small = pd.read_csv(GAZETTEER_DIR / "small_places.csv", dtype=str, keep_default_na=False)
    assert len(small) > 100_000 and not small["country"].eq("CN").any()
    main = pd.read_csv(GAZETTEER_DIR / "cities.csv", usecols=["city_id"], dtype=str)
    assert not small["city_id"].isin(main["city_id"]).any()


# --------------------------------------------------------------------------- user gazetteer


def test_user_gazetteer_defaults():
    g = Gazetteer.from_frame(pd.DataFrame({"name": ["Foo"], "lon": [1.0], "lat": [2.0]}))
    row = g.cities.iloc[0]
    assert (row["level"], row["prefecture_id"], row["county_id"]) == ("place", "U1", "U1")
    assert g.resolve(pd.Series(["Foo", "N/A"]))["reason"].tolist() == [None, REASON_NO_PLACE]


# --------------------------------------------------------------------------- historic table


@pytest.fixture(scope="module")
def builder():
    sys.path.insert(0, str(ROOT / "scripts"))
    from gazetteer_build import historic

    return historic


@pytest.fixture(scope="module")
def china(gaz):
    c = gaz.cities[gaz.cities["level"].isin(["prefecture", "county"])].copy()
    c["aliases"] = c["aliases"].fillna("").str.split("|")
    return c


def test_historic_builder_on_fixture(builder, china):
    rows = builder.historic_rows(china, DATA / "historic_fixture.csv")
    by = {n: r for r in rows.itertuples() for n in [r.name_zh, r.name]}
    assert len(rows) == 5 and rows["level"].eq("historic").all()
    assert rows["city_id"].is_unique and rows["city_id"].str.startswith("CNH").all()
    hankow = by["Hankow"]
    # A former town keeps its own point; its county is today's district.
    assert (hankow.lon, hankow.lat) == (114.2986, 30.5908)
    assert (hankow.county_id, hankow.prefecture_id) == ("CN420102", "CN420100")
    assert {"漢口", "汉口"} <= set(hankow.aliases) | {hankow.name_zh, hankow.name_zh_hant}
    peiping = by["Peiping"]
    assert peiping.prefecture_id == "CN110000" and "Pei-p'ing" in peiping.aliases
    beijing = china.set_index("city_id").loc["CN110000"]
    assert (peiping.lon, peiping.lat) == (beijing["lon"], beijing["lat"])
    yin = by["鄞县"]
    assert (yin.county_id, yin.prefecture_id) == ("CN330212", "CN330200")


def test_historic_builder_fails_loudly(builder, china, tmp_path):
    bad = tmp_path / "historic_places.csv"
    text = (DATA / "historic_fixture.csv").read_text(encoding="utf-8")
    bad.write_text(
        text + "无名,江苏省/不存在市,,,former name,-1900,A path that does not resolve.\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit, match="江苏省/不存在市"):
        builder.historic_rows(china, bad)


def test_bundled_historic_places(gaz):
    hist = gaz.cities[gaz.cities["level"].eq("historic")]
    assert len(hist) >= 300
    table = pd.read_csv(GAZETTEER_DIR / "historic_places.csv", dtype=str, keep_default_na=False)
    assert table["note"].str.len().gt(10).all()
    r = one(gaz, "漢口")
    assert r["flags"] == "historic"
    row = gaz.info(r["city_id"])
    assert row["prefecture_id"] == "CN420100" and row["level"] == "historic"


def test_name_keys_file_is_current():
    # name_keys.csv saves normalising 50,000 names at every start; stale keys would
    # silently stop names matching, so it must equal what the resolver computes.
    from backflow_plugin.core.places.name_index import all_forms, form_key, slow_form_keys

    keys = pd.read_csv(GAZETTEER_DIR / "name_keys.csv", dtype=str, keep_default_na=False)
    cities = pd.read_csv(GAZETTEER_DIR / "cities.csv", dtype=str, keep_default_na=False)
    expected = slow_form_keys(all_forms(cities))
    assert len(keys) > 40_000
    assert keys["form"].tolist() == expected["form"].tolist()
    assert keys["key"].tolist() == [form_key(f) for f in keys["form"]]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("浙江宁波", "CN330200"),
        ("江苏省苏州市吴中区", "CN320506"),
        ("四川成都双流", "CN510116"),
        ("Zhejiang Ningbo", "CN330200"),
        # A district of another city, an organisation: not places.
        ("南京吴中区", None),
        ("北京大学", None),
    ],
)
def test_province_and_city_before_the_place(gaz, name, expected):
    assert one(gaz, name)["city_id"] == expected


@pytest.mark.parametrize(
    "name, country, expected",
    [
        ("Bremerhaven-Lehe", "DE", "Bremerhaven"),  # a district: its city, last resort
        ("Frankfurt-on-the-Main", "DE", "Frankfurt am Main"),
        ("Gif-sur-Yvette", "FR", "Gif-sur-Yvette"),  # a hyphenated name stays whole
        ("Saint-Denis", "FR", "Saint-Denis"),
    ],
)
def test_hyphenated_district_names(gaz, name, country, expected):
    r = gaz.resolve(pd.Series([name]), pd.Series([country]), None).iloc[0]
    assert gaz.info(r["city_id"])["name"] == expected


def test_name_index_groups_every_form_of_the_bundled_gazetteer():
    # The index is built on integer codes (issue 17); a plain loop over the same
    # forms must give the same dictionaries, positions in the same order.
    from backflow_plugin.core.places.gazetteer import Gazetteer
    from backflow_plugin.core.places.name_index import form_key

    gaz = Gazetteer.bundled()
    ix = gaz.index
    df = gaz.cities.iloc[: len(ix.city_id)]  # smaller places resolved since are appended
    exact: dict = {}
    alias: dict = {}
    # column by column (names, then Chinese names...), as the index takes them
    for col in ("name", "name_zh", "name_zh_hant"):
        for pos, form in enumerate(df[col]):
            if isinstance(form, str) and form and pos not in exact.setdefault(form, []):
                exact[form].append(pos)
    for pos, forms in enumerate(df["aliases"]):
        for form in forms.split("|") if isinstance(forms, str) else []:
            if form and pos not in alias.setdefault(form, []):
                alias[form].append(pos)

    def flat(d):
        return {k: v[0] if len(v) == 1 else v for k, v in d.items()}

    assert ix.exact == flat(exact) and len(ix.exact) > 30_000
    assert ix.alias == flat(alias)
    keys = ix.norm[1]
    for form in ["Beijing", "Ch'ang-sha", "武汉市", "Xi'an"]:
        hit = keys.get(form_key(form))
        assert hit is not None, form
