"""The held-out evaluation set of place strings (benchmarks/data/place_eval.csv): its
size and truth, and that no hand-kept table of the plugin holds one of its strings."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from backflow_plugin.core.places.names import normalise_name
from backflow_plugin.core.places.postal import postal_key
from backflow_plugin.paths import GAZETTEER_DIR

EVAL = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "place_eval.csv"


def eval_set() -> pd.DataFrame:
    return pd.read_csv(EVAL, dtype=str, keep_default_na=False)


def test_eval_set_has_2000_real_strings_each_with_its_truth():
    df = eval_set()
    assert len(df) >= 2000
    assert not df.duplicated(["source", "class", "string", "country_given"]).any()
    assert (df["string"].str.strip() != "").all()
    assert df["country"].str.fullmatch(r"[A-Z]{2}").all()
    lon, lat = df["lon"].astype(float), df["lat"].astype(float)
    assert lon.between(-180, 180).all() and lat.between(-90, 90).all()
    assert (df["radius_km"].astype(float) > 0).all()
    # Chinese strings in characters and in romanisations, and places abroad
    assert df["string"].str.contains(r"[\u4e00-\u9fff]").sum() >= 300
    assert (df["country"] != "CN").sum() >= 1000
    assert df["class"].str.contains("postal").any()


def _column(name: str, column: str) -> list[str]:
    with (GAZETTEER_DIR / name).open(encoding="utf-8") as f:
        return [r[column] for r in csv.DictReader(f)]


def test_no_eval_string_is_in_a_hand_kept_table():
    df = eval_set()
    strings = set(df["string"])
    places = {normalise_name(s.split(",")[0]) for s in strings}
    keys = {postal_key(s) for s in strings}
    listed_postal = [f for f in _column("postal_places.csv", "form") if postal_key(f) in keys]
    assert listed_postal == []
    seats = [
        c for c in _column("county_seats.csv", "county") if normalise_name(f"{c} County") in places
    ]
    posts = [p for p in _column("military_posts.csv", "post") if normalise_name(p) in places]
    assert seats == [] and posts == []
