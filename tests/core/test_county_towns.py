"""A US county given for its town (core/places/tolerant.py with county_towns.csv), on
the bundled gazetteer."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.places.gazetteer import Gazetteer
from backflow_plugin.core.places.tolerant import MATCH_COUNTY_SEAT, MATCH_COUNTY_TOWN, county_towns


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.bundled()


def places(gaz, names):
    res = gaz.resolve(pd.Series(names))
    cities = gaz.cities.set_index("city_id")
    res["place"] = [cities.at[c, "name"] if c else None for c in res["city_id"]]
    res["state"] = [cities.at[c, "province"] if c else None for c in res["city_id"]]
    return res


def test_every_county_of_the_census_has_one_town():
    towns = county_towns()
    assert len(towns) > 3000
    assert towns[("madison", "alabama")][0] == "Huntsville"
    assert towns[("champaign", "ohio")][0] == "Urbana"  # not Springfield, a bigger town nearby


def test_unlisted_county_resolves_to_its_town_in_its_own_state_flagged(gaz):
    res = places(gaz, ["Madison County, AL", "Champaign County, Ohio", "Lancaster County, PA"])
    assert res["place"].tolist() == ["Huntsville", "Urbana", "Lancaster"]
    assert res["state"].tolist() == ["Alabama", "Ohio", "Pennsylvania"]
    assert res["match"].tolist() == [MATCH_COUNTY_TOWN] * 3
    assert all("tolerant" in f.split(";") for f in res["flags"])


def test_listed_seat_wins_and_a_county_without_state_stays_unresolved(gaz):
    res = places(gaz, ["Santa Clara County, Calif.", "Orange County"])
    assert [None if pd.isna(v) else v for v in res["place"]] == ["San Jose", None]
    assert res.loc[0, "match"] == MATCH_COUNTY_SEAT


def test_county_town_is_taken_by_its_id_not_looked_up_by_name(gaz):
    # Charles Town, seat of Jefferson County: its name alone finds Charleston, 350 km off
    res = places(gaz, ["Jefferson County, W. Va."])
    assert (res.loc[0, "place"], res.loc[0, "city_id"]) == (
        "Charles Town",
        county_towns()[("jefferson", "west virginia")][1],
    )
