"""The tables the thin algorithms write, built in core (issue 11): citynetwork's joined
city table, routepatterns' shares / lines / counts, regionalflows' polygon rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.network import city_table as cnf
from backflow_plugin.core.patterns import tables as pt
from backflow_plugin.core.patterns.routes import classify_routes
from backflow_plugin.core.regions import tables as rt
from backflow_plugin.core.schema import MEASURES
from backflow_plugin.core.trajectories.flow_lines import STRAIGHT
from tests.core.test_patterns import BASIC, stages_frame

# --------------------------------------------------------------------------- citynetwork


def measures_frame(ids):
    data = {"city_id": ids}
    for i, m in enumerate(MEASURES):
        data[m] = [float(i + k) for k in range(len(ids))]
    return pd.DataFrame(data)


def test_city_table_joins_by_id_as_text_and_keeps_every_row():
    # ids from a layer may come as floats: 1.0 is city '1'
    cities = pd.DataFrame({"city_id": [1.0, 2.0, 9.0], "name": ["A", "B", "Z"],
                           "tier": ["old", "old", "old"], "note": ["x", "y", "z"]})  # fmt: skip
    measures = measures_frame(["1", "2"])
    tiers = pd.DataFrame({"city_id": ["1", "2"], "tier": [1, 3],
                          "tier_label": ["national core", "regional special"], "rank": [1, 2]})  # fmt: skip
    changed = pd.DataFrame({"city_id": ["1", "2"], "changed": [False, True]})
    table = cnf.city_network_table(cities, measures, tiers, changed)
    out = table.frame
    assert table.replaced == ["tier"]
    assert list(out["name"]) == ["A", "B", "Z"] and list(out["note"]) == ["x", "y", "z"]
    assert out["degree"].dtype == "Int64" and out["tier"].dtype == "Int64"
    assert out["degree"].tolist()[:2] == [0, 1] and pd.isna(out["degree"].iloc[2])
    assert out["betweenness"].tolist()[:2] == [4.0, 5.0]
    assert out["tier"].tolist()[:2] == [1, 3] and pd.isna(out["tier"].iloc[2])
    assert out["tier_label"].tolist()[:2] == ["national core", "regional special"]
    assert out["tier_changed"].tolist()[:2] == [False, True]
    kinds = cnf.field_kinds(out, {"note": "str", "city_id": "float"})
    assert kinds["degree"] == "int" and kinds["betweenness"] == "float"
    assert kinds["tier"] == "int" and kinds["tier_changed"] == "bool"
    assert kinds["city_id"] == "float" and kinds["name"] == "str"


def test_city_table_without_stability_has_no_changed_field():
    cities = pd.DataFrame({"city_id": ["a"], "tier_changed": [True]})
    tiers = pd.DataFrame(columns=["city_id", "tier", "tier_label", "rank"])
    table = cnf.city_network_table(cities, measures_frame(["a"]), tiers)
    assert "tier_changed" in table.frame.columns  # the input's own field, kept
    assert table.replaced == []


def test_breaks_text_full_precision():
    assert cnf.breaks_text([1, np.float64(2 / 3), 0.1]) == "1.0;0.6666666666666666;0.1"
    assert [float(b) for b in cnf.breaks_text([2 / 3]).split(";")] == [2 / 3]
    assert cnf.breaks_text([]) == ""


def test_tier_members_by_rank_with_names():
    cities = pd.DataFrame({"city_id": [1.0, 2.0, 3.0], "name": ["A", "B", "C"]})
    tiers = pd.DataFrame({"city_id": ["1", "2", "3"], "tier": [2, 1, 2], "rank": [3, 1, 2]})
    assert cnf.tier_members(tiers, cities) == {1: ["B"], 2: ["C", "A"], 3: []}
    no_names = cities.drop(columns="name")
    assert cnf.tier_members(tiers, no_names)[1] == ["2.0"]


# --------------------------------------------------------------------------- routepatterns


def test_with_seq_numbers_each_person_in_file_order():
    stages = pd.DataFrame({"person_id": ["a", "b", "a", 1, "1"], "city_id": list("xyzuv")})
    assert pt.with_seq(stages)["seq"].tolist() == [1, 1, 2, 1, 2]  # 1 and '1' are one person
    given = stages.assign(seq=[5, 4, 3, 2, 1])
    assert pt.with_seq(given) is given


def test_stage_places_and_person_lines():
    stages = stages_frame(BASIC)
    xy = {"WUH": (114.3, 30.6), "PEK": (116.4, 39.9), "BOS": (-71.1, 42.4)}
    stages["lon"] = [xy.get(c, (None, None))[0] for c in stages["city_id"]]
    stages["lat"] = [xy.get(c, (None, None))[1] for c in stages["city_id"]]
    places = pt.stage_places(stages)
    assert set(places.cities["city_id"]) == {"WUH", "PEK", "BOS"}
    assert places.left_out == int((~stages["city_id"].isin(list(xy))).sum()) > 0
    lines = pt.person_lines(places.placed, places.cities, STRAIGHT)
    # birthplace: WUH -> PEK -> BOS -> WUH, straight legs joined into one part
    assert lines["birthplace"] == [([114.3, 116.4, -71.1, 114.3], [30.6, 39.9, 42.4, 30.6])]


def test_shares_table_stacks_overall_year_and_attribute():
    stages = stages_frame(BASIC, subject={p: "Physics" for p in BASIC})
    routes = classify_routes(stages)
    shares = pt.shares_table(routes, "subject")
    assert shares["by"].tolist()[0] == "all"
    assert "2012" in shares.loc[shares["by"] == "return_year", "group"].tolist()
    physics = shares[shares["by"] == "subject"].iloc[0]
    overall = shares.iloc[0]
    assert physics["group"] == "Physics" and physics["total"] == overall["total"]


def test_shares_table_rejects_a_stage_field():
    routes = classify_routes(stages_frame(BASIC))
    with pytest.raises(BackflowInputError) as err:
        pt.shares_table(routes, "org")
    text = str(err.value)
    assert "not a person attribute" in text and "'org'" in text and "Accepted" in text


def test_pattern_counts():
    routes = classify_routes(stages_frame(BASIC))
    c = pt.pattern_counts(routes)
    counts = routes["pattern"].value_counts()
    assert (c.circle, c.linear) == (counts.get("circle", 0), counts.get("linear", 0))
    assert c.persons == len(routes) == c.circle + c.linear + c.none
    assert c.share == pytest.approx(c.circle / (c.circle + c.linear))
    assert sum(n for _, n in c.bases) == c.circle


# --------------------------------------------------------------------------- regionalflows


def test_polygon_frame_names_unique():
    frame = rt.polygon_frame(
        [("0", "Hubei", "", 1, 112.0, 31.0), ("1", "Hubei", "", 2, None, None)]
    )
    assert list(frame.columns) == list(rt.POLYGON_COLUMNS)
    assert frame["name"].tolist() == ["Hubei", "Hubei (2)"]


def test_located_skips_cities_without_coordinates():
    cities = pd.DataFrame({"city_id": [1, "b", "c"], "lon": [1.5, None, np.nan],
                           "lat": [2.5, 3.0, 4.0]})  # fmt: skip
    assert list(rt.located(cities)) == [("1", 1.5, 2.5)]
