"""Names the gazetteer does not know as written: gone counties, variant characters,
provinces alone, directory abbreviations and OCR slips (core/places/tolerant.py and the
modules it uses), on the bundled gazetteer."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.network import graph as net
from backflow_plugin.core.places import historic_counties as hc
from backflow_plugin.core.places.gazetteer import Gazetteer
from backflow_plugin.core.places.province_places import is_province_place, province_of_name
from backflow_plugin.core.places.tolerant import damerau, rewrite_latin
from backflow_plugin.core.places.variants import standard_form


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.bundled()


def resolve(gaz, names, countries=None, provinces=None):
    res = gaz.resolve(
        pd.Series(names),
        countries=None if countries is None else pd.Series(countries),
        provinces=None if provinces is None else pd.Series(provinces),
    )
    cities = gaz.cities.set_index("city_id")
    res["name_zh"] = [cities.at[c, "name_zh"] if c else None for c in res["city_id"]]
    res["place"] = [cities.at[c, "name"] if c else None for c in res["city_id"]]
    return res


def test_gone_counties_resolve_to_today_unit_with_their_source(gaz):
    # traditional and simplified, with and without 县; none of them is in the hand list
    names = ["定縣", "泰縣", "沔陽", "廣濟", "蒲圻縣", "锦县", "峨眉县", "崞縣", "黃安"]
    res = resolve(gaz, names)
    assert res["name_zh"].tolist() == [
        "定州", "姜堰区", "仙桃", "武穴", "赤壁", "凌海", "峨眉山", "原平", "红安县",
    ]  # fmt: skip
    assert set(res["flags"]) == {"historic"}
    assert set(res["match"]) == {hc.MATCH_HISTORIC_TABLE}
    ids, rows = hc.from_table("广济县", frozenset())
    assert ids == ["CN421182"] and rows[0].source.startswith("areacodes ")
    _, rows = hc.from_table("崞县", frozenset())
    assert rows[0].source.startswith("facts:") and rows[0].period == "-1958"


def test_a_province_hint_chooses_among_gone_counties_of_one_name(gaz):
    # 崇安: the county of Fujian (Wuyishan since 1989) and a district of Wuxi (Liangxi)
    res = resolve(gaz, ["崇安", "崇安", "崇安"], provinces=["福建", "江苏", ""])
    assert res["name_zh"].tolist()[:2] == ["武夷山", "梁溪区"]
    assert res["city_id"].iloc[2] is None  # no hint: not guessed
    # a county whose code passed through its prefecture's is the county (陆丰县 -> 陆丰)
    assert resolve(gaz, ["陆丰县"])["name_zh"].iloc[0] == "陆丰"


def test_stem_rule_old_county_to_the_one_unit_of_its_stem():
    gaz = Gazetteer.bundled()
    units = gaz._tolerant()._stem_index()
    # 林县 -> 林州, 嵊县 -> 嵊州, 霸县 -> 霸州 by the rule alone (table not consulted)
    assert hc.stem_units("林縣", frozenset(), units) == ["CN410581"]
    assert hc.stem_units("嵊县", frozenset(), units) == ["CN330683"]
    assert hc.stem_units("霸县", frozenset({"CN130000"}), units) == ["CN131081"]
    # in another province there is no such unit
    assert hc.stem_units("霸县", frozenset({"CN440000"}), units) == []
    assert hc.stem_units("林州", frozenset(), units) == []  # not an "X县"


def test_variant_characters(gaz):
    assert standard_form("瀋陽") == standard_form("沈陽") == "沈阳"
    assert standard_form("峨嵋") == "峨眉"
    res = resolve(gaz, ["沈陽", "騰沖", "儀征", "峨嵋"])
    assert res["name_zh"].tolist() == ["沈阳", "腾冲", "仪征", "峨眉山"]
    assert res["match"].tolist()[:3] == ["variant"] * 3


def test_province_only_rows(gaz):
    names = ["廣東", "江蘇", "浙江", "雲南", "广东省", "Kwangtung", "Fukien", "四川"]
    res = resolve(gaz, names)
    assert res["city_id"].tolist() == [
        "CN440000", "CN320000", "CN330000", "CN530000", "CN440000", "CN440000",
        "CN350000", "CN510000",
    ]  # fmt: skip
    assert set(res["flags"]) == {"province;province_only"}
    row = gaz.cities.set_index("city_id").loc["CN440000"]
    capital = gaz.cities.set_index("city_id").loc["CN440100"]
    assert (row["level"], row["lon"], row["lat"]) == ("province", capital["lon"], capital["lat"])
    # the rows added keep the gazetteer's column types: every later import's cities
    # would otherwise carry lon/lat as text into its layers
    types = gaz.cities[["lon", "lat", "population"]].dtypes.astype(str).tolist()
    assert types == ["float64", "float64", "int64"]
    # a city of the province's name stays the city; a municipality is a city
    assert resolve(gaz, ["吉林", "北京"])["city_id"].tolist() == ["CN220200", "CN110000"]
    assert province_of_name("热河") is None and province_of_name("北京") is None
    assert is_province_place("CN440000") and not is_province_place("CN110000")
    # another country given: no province of China
    assert resolve(gaz, ["Fukien"], countries=["US"])["city_id"].iloc[0] is None


def test_directory_abbreviations_and_addresses(gaz):
    assert rewrite_latin("W. Lafayette") == "West Lafayette"
    assert rewrite_latin("Ft. Belvoir, Va.") == "Fort Belvoir, Va."
    assert rewrite_latin("Suite 1918, 4th St., Chicago, Ill.") == "Chicago, Ill."
    assert rewrite_latin("Rm. 1335, 220 Main Street, Boston") == "Boston"
    assert rewrite_latin("Chicago") is None
    names = ["W. Lafayette, Ind.", "E. Lansing", "S. Hadley, Mass.", "Santa Clara County, Calif."]
    res = resolve(gaz, names, countries=["", "US", "", ""])
    assert res["place"].tolist() == ["West Lafayette", "East Lansing", "South Hadley", "San Jose"]
    assert all("tolerant" in f.split(";") for f in res["flags"])
    assert res["match"].tolist() == ["abbreviation"] * 3 + ["county_seat"]
    # a camp of the 1940s directories is the town it lay by
    camp = resolve(gaz, ["Camp Crowder, Mo."])
    assert (camp["match"].iloc[0], camp["flags"].iloc[0].split(";")[-1]) == (
        "military_post",
        "tolerant",
    )
    assert gaz.cities.set_index("city_id").at[camp["city_id"].iloc[0], "name"] == "Neosho"
    # a county not in the seat table is the town at the centre of its people (San
    # Benito lies in Cameron County), never its namesake town (Cameron, in Milam County)
    county = resolve(gaz, ["Cameron County, Tex."])
    assert (county["place"].iloc[0], county["match"].iloc[0]) == ("San Benito", "county_town")


def test_fuzzy_only_inside_a_country_or_state_and_flagged(gaz):
    names = ["Now York", "Ithoca, N.Y.", "Asltimore, Md.", "lowa City", "Tuscon"]
    res = resolve(gaz, names, countries=["US", "", "", "US", "US"])
    assert res["place"].tolist() == ["New York City", "Ithaca", "Baltimore", "Iowa City", "Tucson"]
    assert res["match"].tolist() == ["fuzzy:1", "fuzzy:1", "fuzzy:2", "fuzzy:1", "fuzzy:1"]
    assert all("fuzzy" in f.split(";") for f in res["flags"])
    # a real small place missing from the gazetteer is not bent to a neighbour's name
    assert resolve(gaz, ["Aston, PA"])["city_id"].iloc[0] is None
    # with only a country, one edit of like shape to a large city: Lochfield (a farm in
    # Scotland) is not Lichfield, Ikata not Iwata; a second edit needs the state
    wide = resolve(gaz, ["Lochfield", "Ikata", "Asltimore"], countries=["GB", "JP", "US"])
    assert wide["city_id"].tolist() == [None, None, None]
    # a Chinese slip of like sound is suggested, not placed
    dapu = resolve(gaz, ["大浦"])
    assert dapu["city_id"].iloc[0] is None
    assert dapu["suggestions"].iloc[0].split("; ")[0] == "Dabu County (CN)"
    # no country or state: no guess, only suggestions
    alone = resolve(gaz, ["Now York"])
    assert alone["city_id"].iloc[0] is None and "New York City (US)" in alone["suggestions"].iloc[0]
    # two places equally near: no guess
    assert resolve(gaz, ["Lowa"], countries=["US"])["city_id"].iloc[0] is None
    assert damerau("ithoca", "ithaca", 2) == 1 and damerau("abcd", "badc", 2) == 2


def test_province_places_stay_out_of_the_city_network_unless_asked():
    cities = pd.DataFrame({"city_id": ["CN440000", "CN110000", "CN310000"], "country": ["CN"] * 3})
    flows = pd.DataFrame(
        {
            "origin_id": ["CN440000", "CN110000"],
            "dest_id": ["CN110000", "CN310000"],
            "flow_type": ["domestic", "domestic"],
            "count": [3, 2],
        }
    )
    g = net.build_graph(flows, cities)
    assert sorted(g.nodes) == ["CN110000", "CN310000"] and g.number_of_edges() == 1
    assert g.graph["dropped"]["province_place"] == 1
    g = net.build_graph(flows, cities, include_province_places=True)
    assert sorted(g.nodes) == ["CN110000", "CN310000", "CN440000"] and g.number_of_edges() == 2


def test_romanised_gone_counties_and_the_province_after_them(gaz):
    # English-language directories: Wade-Giles of the county, the province after it
    names = ["Tinghsien, Hopei", "Huang-an Hsien", "Linhsien, Honan", "Tinghsien"]
    res = resolve(gaz, names)
    assert res["name_zh"].tolist() == ["定州", "红安县", "林州", "定州"]
    assert all("historic" in f.split(";") for f in res["flags"])
    # a province written after a name is no place of its own (Hopei is not 河北区)
    assert resolve(gaz, ["Xyzzy, Hopei"])["city_id"].iloc[0] is None
    # a European district keeps its city (the hyphen rule stays for capitalised parts)
    assert resolve(gaz, ["Bremerhaven-Lehe"], countries=["DE"])["place"].iloc[0] == "Bremerhaven"
    # the same romanisation with another country is not a Chinese county
    assert resolve(gaz, ["Tinghsien"], countries=["US"])["city_id"].iloc[0] is None


def test_compound_chinese_cells_with_gone_counties(gaz):
    res = resolve(gaz, ["山西崞縣", "湖北黃安", "江蘇泰縣", "河北定縣"])
    assert res["name_zh"].tolist() == ["原平", "红安县", "姜堰区", "定州"]


def test_directories_of_the_1940s_state_forms_and_postal_zones(gaz):
    names = ["Troy, N. Y.", "Hanover, N. H.", "Manhattan, Kans.", "Lawrence, Kans.",
             "Cambridge 38, Mass.", "Cleveland 6, O.", "Morgantown, W. Va."]  # fmt: skip
    res = resolve(gaz, names)
    cities = gaz.cities.set_index("city_id")
    states = [cities.at[c, "province"] for c in res["city_id"]]
    assert states == ["New York", "New Hampshire", "Kansas", "Kansas", "Massachusetts",
                      "Ohio", "West Virginia"]  # fmt: skip
    assert res["place"].tolist()[4:6] == ["Cambridge", "Cleveland"]
    assert res["flags"].iloc[4].split(";")[-1] == "tolerant"  # the zone number was dropped


def test_stem_rule_leaves_two_heirs_unresolved():
    gaz = Gazetteer.bundled()
    units = gaz._tolerant()._stem_index()
    # 海城县 became 海城 (Liaoning), and Guangxi has a 海城区: two heirs, no guess
    assert len(hc.stem_units("海城县", frozenset(), units)) == 2
    assert hc.stem_units("海城县", frozenset({"CN210000"}), units) == ["CN210381"]


def test_an_alias_of_a_small_town_gives_way_to_a_far_larger_place(gaz):
    # "Macao" is an alternate name of Macau in Brazil and the usual spelling of Macau, MO
    res = resolve(gaz, ["Macao", "Macao", "Cambridge"], countries=["", "BR", ""])
    assert gaz.cities.set_index("city_id").loc[res["city_id"].tolist(), "country"].tolist() == [
        "MO", "BR", "GB",
    ]  # fmt: skip


def test_a_prefecture_keeps_its_own_name_beside_a_larger_places_town_of_that_name(gaz):
    # 长沙市 is Changsha; Chongqing has a town 长沙镇 (and 南平, 吉安, 玉溪 likewise):
    # only a small town gives way to a larger place, never a prefecture-level city
    res = resolve(gaz, ["长沙市", "南平市", "吉安市", "玉溪市", "Macao"])
    assert res["city_id"].tolist()[:4] == ["CN430100", "CN350700", "CN360800", "CN530400"]
    assert gaz.cities.set_index("city_id").loc[res["city_id"].iloc[4], "country"] == "MO"
