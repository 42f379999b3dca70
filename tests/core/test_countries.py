"""Countries table: codes, names, aliases, regions."""

import pandas as pd
import pytest

from backflow_plugin.core.places.countries import REGIONS, Countries


@pytest.fixture(scope="module")
def countries():
    return Countries.bundled()


@pytest.mark.parametrize(
    "raw, iso2",
    [
        ("US", "US"),
        ("us", "US"),
        ("USA", "US"),
        ("U.S.", "US"),
        ("United States", "US"),
        ("United States of America", "US"),
        ("美国", "US"),
        ("GB", "GB"),
        ("GBR", "GB"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("Great Britain", "GB"),
        ("England", "GB"),
        ("Scotland", "GB"),
        ("Northern Ireland", "GB"),
        ("英国", "GB"),
        ("the Netherlands", "NL"),
        ("Netherlands", "NL"),
        ("Holland", "NL"),
        ("Prussia (now Germany)", "DE"),
        ("West Germany (now Germany)", "DE"),
        ("德国", "DE"),
        ("Germany (now Poland)", "PL"),
        ("USSR (now Russia)", "RU"),
        ("Alsace (then Germany, now France)", "FR"),
        ("W&uuml;rttemberg (now Germany)", "DE"),
        ("Korea (now South Korea)", "KR"),
        ("Faroe Islands (Denmark)", "FO"),
        ("China", "CN"),
        ("CHN", "CN"),
        ("中国", "CN"),
        ("People's Republic of China", "CN"),
        ("Japan", "JP"),
        ("日本", "JP"),
        ("法国", "FR"),
        ("加拿大", "CA"),
        ("澳大利亚", "AU"),
        ("新加坡", "SG"),
        ("香港", "HK"),
        ("Hong Kong", "HK"),
        ("台湾", "TW"),
        ("Taiwan", "TW"),
        ("澳门", "MO"),
        ("Macau", "MO"),
        ("  france  ", "FR"),
    ],
)
def test_to_iso2_known(countries, raw, iso2):
    assert countries.to_iso2(pd.Series([raw])).iloc[0] == iso2


def test_to_iso2_unknown_and_missing(countries):
    s = pd.Series(["Atlantis", "", None, "Narnia"], index=[10, 11, 12, 13])
    out = countries.to_iso2(s)
    assert list(out.index) == [10, 11, 12, 13]
    assert out.isna().all()
    assert all(v is None for v in out)


def test_namibia_is_not_missing(countries):
    # "NA" is Namibia's code and North America's continent code, not a missing value.
    assert countries.to_iso2(pd.Series(["NA", "Namibia"])).tolist() == ["NA", "NA"]
    assert countries.continent_of("US") == "NA"


def test_regions(countries):
    assert countries.region_of("US") == "USA"
    assert countries.region_of("GB") == "UK"
    assert countries.region_of("DE") == "Europe"
    assert countries.region_of("CH") == "Europe"
    assert countries.region_of("JP") == "Asia"
    assert countries.region_of("SG") == "Asia"
    assert countries.region_of("HK") == "Asia"
    assert countries.region_of("AU") == "Australia"
    assert countries.region_of("CA") == "Other"
    assert countries.region_of("BR") == "Other"
    assert countries.region_of("XX") is None
    assert set(countries.table["region"]) <= set(REGIONS)
    s = countries.region_of(pd.Series(["US", "GB", None]))
    assert s.tolist()[:2] == ["USA", "UK"] and s.iloc[2] is None


def test_continent(countries):
    assert countries.continent_of("FR") == "EU"
    assert countries.continent_of("cn") == "AS"
    assert countries.continent_of(pd.Series(["AU"])).iloc[0] == "OC"


def test_table_is_complete(countries):
    t = countries.table
    assert len(t) > 240
    assert t["iso2"].is_unique and t["iso3"].is_unique
