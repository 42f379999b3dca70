"""Name normalisation helpers."""

import pandas as pd
import pytest

from backflow_plugin.core.places.names import (
    compact_key,
    name_candidates,
    normalise_name,
    normalise_series,
)


@pytest.mark.parametrize(
    "raw, key",
    [
        ("Beijing Shi", "beijing"),
        ("Beijing City", "beijing"),
        ("北京市", "北京"),
        ("沙市", "沙市"),  # a two-character name keeps its 市
        ("Xi'an", "xian"),
        ("Xī’ān", "xian"),
        ("Pei-ching-shih", "pei ching"),
        ("  São   Paulo ", "sao paulo"),
        ("St. Louis", "saint louis"),
        ("Malmö", "malmo"),
        ("Łódź", "lodz"),
        ("ＢＥＩＪＩＮＧ", "beijing"),
        ("W&uuml;rzburg", "wurzburg"),
        ("", ""),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_normalise_name(raw, key):
    assert normalise_name(raw) == key


def test_compact_key_joins_syllables():
    assert compact_key("Bei Jing") == compact_key("Beijing") == "beijing"


def test_name_candidates_prefer_the_now_name():
    assert name_candidates("Lennep (now Remscheid)") == ["remscheid", "lennep"]
    assert name_candidates("Alsace (then Germany, now France)")[0] == "france"
    assert name_candidates("Faroe Islands (Denmark)")[0] == "faroe islands"


def test_name_candidates_comma():
    assert name_candidates("Cambridge, MA")[0] == "cambridge"
    assert name_candidates("Java, Dutch East Indies (now Indonesia)")[0] == "indonesia"
    assert name_candidates("") == []
    assert name_candidates(None) == []


def test_normalise_series_maps_unique_values():
    s = pd.Series(["Xi'an", "Xi'an", None, "Beijing Shi"], index=[5, 6, 7, 8])
    out = normalise_series(s)
    assert list(out.index) == [5, 6, 7, 8]
    assert out.tolist() == ["xian", "xian", "", "beijing"]
