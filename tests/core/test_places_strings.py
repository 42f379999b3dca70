"""Place strings as archives and CVs write them (tests/data/place_strings.csv) resolve
to the expected place.

The fixture holds 400+ real place strings: counties in simplified and traditional
characters, with and without their suffix, in pinyin (toned, spaced), with English
suffixes and in Wade-Giles; historic and postal names; college towns and "City, ST"
forms for the US, Canada and Australia. Its expected ids were found without the
resolver (scripts/make_place_strings.py). A county is expected as that county; a
prefecture-level place as a prefecture-level (or historic) row of that prefecture.
"""

from __future__ import annotations

import time

import pandas as pd
import pytest

from backflow_plugin.core.places.gazetteer import Gazetteer
from backflow_plugin.paths import GAZETTEER_DIR
from tests.conftest import DATA as DATA_DIR

FIXTURE = DATA_DIR / "place_strings.csv"


@pytest.fixture(scope="module")
def strings():
    return pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def resolved(strings):
    gaz = Gazetteer.bundled()
    res = gaz.resolve(
        strings["string"],
        strings["country"].replace("", None),
        "CN",
        provinces=strings["province"].replace("", None),
    )
    info = gaz.cities.set_index("city_id")
    got = info.reindex(res["city_id"])
    return strings.assign(
        city_id=res["city_id"].to_numpy(),
        reason=res["reason"].to_numpy(),
        flags=res["flags"].to_numpy(),
        level=got["level"].to_numpy(),
        county_id=got["county_id"].to_numpy(),
        prefecture_id=got["prefecture_id"].to_numpy(),
    )


def test_fixture_is_large_and_varied(strings):
    assert len(strings) >= 300
    assert strings["note"].str.contains("traditional").sum() >= 50
    assert strings["note"].str.contains("Wade-Giles").sum() >= 30
    assert strings["note"].str.contains("postal").sum() >= 30
    assert strings["string"].str.contains(r", [A-Z]{2,3}$").sum() >= 60  # "City, ST"
    assert strings["expected_id"].str.startswith("GN").sum() >= 80  # abroad


def _ok(row) -> bool:
    exp = row["expected_id"]
    if row["city_id"] is None or pd.isna(row["city_id"]):
        return False
    if not exp.startswith("CN"):
        return row["city_id"] == exp
    info = Gazetteer.bundled().info(exp)
    if info["level"] == "county":
        return row["county_id"] == exp
    return row["prefecture_id"] == exp and row["level"] in ("prefecture", "historic")


def test_every_string_resolves_to_its_place(resolved):
    ok = resolved.apply(_ok, axis=1)
    bad = resolved.loc[~ok, ["string", "country", "province", "expected", "city_id", "reason"]]
    assert bad.empty, f"{len(bad)} of {len(resolved)} wrong:\n{bad.to_string()}"


def test_flags(resolved):
    by = resolved.set_index("string")
    assert "small_place" in by.loc["Durham, NH", "flags"]
    assert "province" in by.loc["Durham, NH", "flags"]
    assert "small_place" in by.loc["Wolfville, NS", "flags"]
    assert by.loc["吴中区", "flags"] == ""
    # A province hint that picked among same-named places is flagged.
    row = resolved[resolved["string"].eq("朝阳") & resolved["province"].eq("北京")].iloc[0]
    assert row["flags"] == "province" and row["city_id"] == "CN110105"


def test_bundled_loads_fast():
    # Cold load of the bundled tables and the name index, in CPU seconds (the wall
    # clock on a shared test machine says more about the neighbours).
    start = time.process_time()
    gaz = Gazetteer.from_csv(GAZETTEER_DIR / "cities.csv", trusted=True)
    assert len(gaz.index.exact) > 30_000
    assert time.process_time() - start < 2.0
    assert gaz.cities["level"].isin(["prefecture", "county", "place", "historic"]).all()
