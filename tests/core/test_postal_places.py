"""Chinese places in postal-era romanisations (core/places/postal.py through the
tolerant fallback), on the bundled gazetteer."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.places import postal
from backflow_plugin.core.places.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.bundled()


def resolve(gaz, names, countries=None):
    res = gaz.resolve(
        pd.Series(names), countries=None if countries is None else pd.Series(countries)
    )
    cities = gaz.cities.set_index("city_id")
    res["name_zh"] = [cities.at[c, "name_zh"] if c else None for c in res["city_id"]]
    return res


def test_listed_romanisations_resolve_to_today_unit_flagged_historic(gaz):
    res = resolve(gaz, ["Tzeki", "Punyu", "Hokshan", "Tzeki, Chekiang", "Hoiping"])
    assert res["name_zh"].tolist() == ["慈溪", "番禺区", "鹤山", "慈溪", "开平"]
    assert res["match"].tolist() == [postal.MATCH_POSTAL] * 5
    assert res["flags"].tolist() == ["historic"] * 5


def test_spelled_romanisation_needs_its_province_and_is_flagged_tolerant(gaz):
    res = resolve(gaz, ["Sinhwei, Kwangtung", "Sinhwei", "Tsingkiang, Kiangsu"])
    assert [None if pd.isna(v) else v for v in res["name_zh"]] == ["新会区", None, "靖江"]
    assert res.loc[0, "match"] == postal.MATCH_POSTAL_SPELLING
    assert res.loc[0, "flags"] == "historic;tolerant"


def test_romanisation_listed_for_two_places_needs_a_province(gaz):
    # Kiating was 嘉定 by Shanghai and 嘉定府 (乐山) in Sichuan: no guess without a province
    assert len(postal.listed()["kiating"]) == 2
    tol = gaz._tolerant()
    assert tol._postal("Kiating", frozenset()) is None
    got = tol._postal("Kiating", frozenset({"CN510000"}))
    assert gaz.cities.set_index("city_id").at[got[0], "name_zh"] == "乐山"
    assert got[1] == postal.MATCH_POSTAL


def test_no_postal_reading_abroad(gaz):
    # a foreign country given: the postal rules are never tried
    res = resolve(gaz, ["Tzeki", "Punyu"], countries=["US", "GB"])
    assert res["city_id"].tolist() == [None, None]


def test_syllable_spellings_follow_the_postal_maps():
    assert postal.syllable_spellings("jiang") == ("chiang", "kiang", "tsiang")
    assert postal.syllable_spellings("xi") == ("hsi", "si")
    assert postal.syllable_spellings("gui") == ("kwei",)
    assert postal.syllable_spellings("zhou") == ("chou", "chow")
    assert postal.syllable_spellings("ci") == ("tze", "tzu", "tsz")
    readings = {"江": "jiang", "阴": "yin", "鄞": "yin"}
    assert "kiangyin" in postal.spellings("江阴市", readings)
    assert postal.spellings("鄞县", readings) == ["yinhsien"]  # one character: with -hsien only
    assert postal.postal_key("Tze-ki ") == postal.postal_key("TZEKI") == "tzeki"


def test_cantonese_spelling_places_a_southern_unit_without_a_province(gaz):
    res = resolve(gaz, ["Tungkoon", "San Wui"])
    assert res["name_zh"].tolist() == ["东莞", "新会区"]
    assert res["match"].tolist() == [postal.MATCH_POSTAL_SPELLING] * 2
    assert res["flags"].tolist() == ["historic;tolerant"] * 2


def test_cantonese_spellings_of_a_traditional_name():
    readings = {"新": ("san", "sun"), "會": ("wooi", "wui"), "潮": ("chiu",), "州": ("chow", "jau")}
    assert postal.cantonese_spellings("新會區", readings) == [
        "sanwooi",
        "sanwui",
        "sunwooi",
        "sunwui",
    ]
    assert postal.cantonese_spellings("潮州市", readings) == ["chiuchow", "chiujau"]
    assert postal.cantonese_spellings("會", readings) == []  # one character: too short
    index, cantonese = postal.spelled_index(
        ["新会区", "潮州"], ["A", "B"], {"新": "xin", "会": "hui"}, ["新會區", None]
    )
    assert index["sunwui"] == ("A",) and "sunwui" in cantonese
    assert "sinhwei" in index and "sinhwei" not in cantonese  # Mandarin: needs a province
    assert "chiuchow" not in index  # 潮州 given as a northern unit: no Cantonese reading
