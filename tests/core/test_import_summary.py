"""The import's summaries and stage points, moved out of the algorithm (issue 11)."""

from __future__ import annotations

import math

import pandas as pd

from backflow_plugin.core.trajectories.import_summary import (
    stage_coordinates,
    top_ambiguous,
    top_unresolved,
)


def test_stage_coordinates_follow_each_stage_city():
    cities = pd.DataFrame({"city_id": ["a", "b"], "lon": [116.4, 121.5], "lat": [39.9, 31.2]})
    stages = pd.DataFrame({"city_id": ["b", "a", "b", None]})
    lon, lat = stage_coordinates(stages, cities)
    assert list(lon[:3]) == [121.5, 116.4, 121.5] and list(lat[:3]) == [31.2, 39.9, 31.2]
    assert math.isnan(lon[3]) and math.isnan(lat[3])


def test_top_unresolved_counts_value_and_reason_most_first():
    unresolved = pd.DataFrame(
        {
            "value": ["Atlantis", "Atlantis", "Xanadu", "Atlantis"],
            "reason": ["not found", "not found", "not found", "no place given"],
        }
    )
    assert top_unresolved(unresolved) == [
        ("Atlantis", "not found", 2),
        ("Atlantis", "no place given", 1),
        ("Xanadu", "not found", 1),
    ]
    assert top_unresolved(unresolved, n=1) == [("Atlantis", "not found", 2)]
    assert top_unresolved(unresolved.iloc[0:0]) == []


def test_top_ambiguous_only_counts_ambiguous_rows():
    stages = pd.DataFrame(
        {
            "city_input": ["Suzhou", "Suzhou", "Cambridge", "Beijing"],
            "city": ["Suzhou", "Suzhou", "Cambridge", "Beijing"],
            "country": ["CN", "CN", "GB", "CN"],
            "ambiguous": [True, True, True, False],
        }
    )
    assert top_ambiguous(stages) == [
        ("Suzhou", "Suzhou", "CN", 2),
        ("Cambridge", "Cambridge", "GB", 1),
    ]
    assert top_ambiguous(stages.drop(columns="ambiguous")) == []


def test_top_ambiguous_names_the_organisation_when_no_city_was_written():
    stages = pd.DataFrame(
        {
            "city_input": [None, "", "Suzhou"],
            "org": ["苏州大学", "苏州大学", None],
            "city": ["Suzhou", "Suzhou", "Suzhou"],
            "country": ["CN", "CN", "CN"],
            "ambiguous": [True, True, True],
        }
    )
    assert top_ambiguous(stages) == [("苏州大学", "Suzhou", "CN", 2), ("Suzhou", "Suzhou", "CN", 1)]
