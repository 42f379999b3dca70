"""Circle / linear route patterns on small hand-built STAGES frames."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.patterns.routes import (
    REASON_NEVER_ABROAD,
    REASON_NEVER_RETURNED,
    REASON_NOTHING_KNOWN,
    classify_routes,
    flow_patterns,
    pattern_shares,
)
from backflow_plugin.core.trajectories.returns import find_returns

# city_id -> (name, country, province)
CITIES = {
    "WUH": ("Wuhan", "CN", "Hubei"),
    "YIC": ("Yichang", "CN", "Hubei"),
    "PEK": ("Beijing", "CN", "Beijing"),
    "SHA": ("Shanghai", "CN", "Shanghai"),
    "NKG": ("Nanjing", "CN", "Jiangsu"),
    "HFE": ("Hefei", "CN", "Anhui"),
    "BOS": ("Boston", "US", None),
    "NYC": ("New York", "US", None),
    "LON": ("London", "GB", None),
    "HKG": ("Hong Kong", "HK", None),
}


def stages_frame(people: dict[str, list[tuple]], **attrs: dict[str, object]) -> pd.DataFrame:
    """people: id -> [(stage, city_id) or (stage, city_id, year)]; attrs: column -> {id: value}."""
    rows = []
    for pid, steps in people.items():
        for seq, step in enumerate(steps, start=1):
            stage, city_id = step[0], step[1]
            year = step[2] if len(step) > 2 else None
            name, country, province = CITIES[city_id]
            row = {
                "person_id": pid,
                "seq": seq,
                "stage": stage,
                "city_id": city_id,
                "city": name,
                "country": country,
                "domestic": country == "CN",
                "province": province,
                "org": None,
                "year": year,
            }
            for col, values in attrs.items():
                row[col] = values.get(pid)
            rows.append(row)
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def route(routes: pd.DataFrame, pid: str) -> pd.Series:
    hit = routes[routes["person_id"] == pid]
    assert len(hit) == 1, f"expected one row for {pid}"
    return hit.iloc[0]


BASIC = {
    "birthplace": [("birth", "WUH"), ("bachelor", "PEK"), ("phd", "BOS"), ("work", "WUH", 2012)],
    "study": [("birth", "WUH"), ("bachelor", "PEK"), ("phd", "BOS"), ("work", "PEK", 2013)],
    "work": [
        ("birth", "WUH"),
        ("master", "PEK"),
        ("work", "SHA"),
        ("postdoc", "BOS"),
        ("work", "SHA", 2014),
    ],
    "new": [("birth", "WUH"), ("bachelor", "PEK"), ("phd", "NYC"), ("work", "HFE", 2015)],
    "stayer": [("birth", "WUH"), ("bachelor", "PEK"), ("work", "SHA")],
    "emigrant": [("birth", "WUH"), ("phd", "BOS"), ("work", "NYC")],
}


# ----------------------------------------------------------------------------- returns


def test_find_returns_basic_columns_and_values():
    ret = find_returns(stages_frame(BASIC)).set_index("person_id")
    assert list(ret.columns[:6]) == [
        "return_seq",
        "return_city_id",
        "return_city",
        "return_year",
        "went_abroad",
        "returned",
    ]
    assert ret.loc["birthplace", "return_seq"] == 4
    assert ret.loc["birthplace", "return_city"] == "Wuhan"
    assert ret.loc["birthplace", "return_year"] == 2012
    assert ret.loc["birthplace", "abroad_city_id"] == "BOS"
    assert ret.loc["work", "return_seq"] == 5
    assert ret.loc["work", "departure_seq"] == 4
    assert bool(ret.loc["stayer", "went_abroad"]) is False
    assert bool(ret.loc["stayer", "returned"]) is False
    assert bool(ret.loc["emigrant", "went_abroad"]) is True
    assert bool(ret.loc["emigrant", "returned"]) is False
    assert pd.isna(ret.loc["emigrant", "return_seq"])
    assert ret.loc["emigrant", "return_city_id"] is None


def test_order_follows_seq_not_file_order():
    frame = stages_frame({"a": BASIC["study"]}).sample(frac=1.0, random_state=3)
    ret = find_returns(frame).iloc[0]
    assert ret["return_seq"] == 4 and ret["return_city_id"] == "PEK"
    routes = classify_routes(frame)
    assert route(routes, "a")["known_cities"] == "Wuhan;Beijing"


def test_without_seq_column_file_order_is_used():
    frame = stages_frame({"a": BASIC["new"]}).drop(columns="seq")
    ret = find_returns(frame).iloc[0]
    assert ret["return_seq"] == 4 and ret["return_city"] == "Hefei"
    assert route(classify_routes(frame), "a")["pattern"] == "linear"


# ----------------------------------------------------------------------------- patterns


@pytest.fixture(scope="module")
def basic_routes() -> pd.DataFrame:
    return classify_routes(stages_frame(BASIC))


def test_every_person_kept_in_input_order(basic_routes):
    assert list(basic_routes["person_id"]) == list(BASIC)


def test_return_to_birthplace(basic_routes):
    r = route(basic_routes, "birthplace")
    assert r["pattern"] == "circle"
    assert r["circle_basis"] == "birthplace"
    assert r["circle_basis_primary"] == "birthplace"
    assert r["known_cities"] == "Wuhan;Beijing"
    assert r["return_city"] == "Wuhan" and r["return_city_id"] == "WUH"
    assert r["return_year"] == 2012
    assert r["reason"] is None


def test_return_to_study_city(basic_routes):
    r = route(basic_routes, "study")
    assert (r["pattern"], r["circle_basis"], r["circle_basis_primary"]) == (
        "circle",
        "study",
        "study",
    )


def test_return_to_earlier_work_city(basic_routes):
    r = route(basic_routes, "work")
    assert (r["pattern"], r["circle_basis"], r["circle_basis_primary"]) == (
        "circle",
        "work",
        "work",
    )
    assert r["known_cities"] == "Wuhan;Beijing;Shanghai"
    assert r["return_year"] == 2014


def test_return_to_new_city_is_linear(basic_routes):
    r = route(basic_routes, "new")
    assert r["pattern"] == "linear"
    assert r["circle_basis"] is None and r["circle_basis_primary"] is None
    assert r["reason"] is None
    assert r["abroad_city"] == "New York"


def test_never_left(basic_routes):
    r = route(basic_routes, "stayer")
    assert r["pattern"] is None
    assert r["reason"] == REASON_NEVER_ABROAD
    assert r["return_city"] is None and pd.isna(r["return_year"])
    assert not r["went_abroad"] and not r["returned"]


def test_never_returned(basic_routes):
    r = route(basic_routes, "emigrant")
    assert r["pattern"] is None
    assert r["reason"] == REASON_NEVER_RETURNED
    assert r["went_abroad"] and not r["returned"]
    assert r["known_cities"] == "Wuhan"  # still reported: known before leaving


def test_two_stays_abroad_first_versus_last():
    people = {
        "twice": [
            ("birth", "WUH"),
            ("bachelor", "PEK"),
            ("phd", "BOS"),
            ("work", "SHA", 2010),
            ("postdoc", "LON"),
            ("work", "SHA", 2016),
            ("later", "NKG"),
        ],
    }
    frame = stages_frame(people)
    first = route(classify_routes(frame, which="first"), "twice")
    last = route(classify_routes(frame, which="last"), "twice")
    # first return: Shanghai was new
    assert (first["pattern"], first["return_seq"], first["return_year"]) == ("linear", 4, 2010)
    assert first["abroad_city_id"] == "BOS"
    assert first["known_cities"] == "Wuhan;Beijing"
    # last return: Shanghai was known from the job between the stays
    assert (last["pattern"], last["return_seq"], last["return_year"]) == ("circle", 6, 2016)
    assert last["circle_basis"] == "work"
    assert last["abroad_city_id"] == "LON"
    assert last["known_cities"] == "Wuhan;Beijing;Shanghai"
    ret_last = find_returns(frame, which="last").iloc[0]
    assert ret_last["departure_seq"] == 5 and ret_last["abroad_seq"] == 5


def test_last_return_of_someone_who_left_again_for_good():
    people = {
        "a": [("birth", "WUH"), ("phd", "BOS"), ("work", "PEK", 2010), ("work", "NYC")],
    }
    frame = stages_frame(people)
    last = route(classify_routes(frame, which="last"), "a")
    assert (last["pattern"], last["return_city"], last["return_year"]) == (
        "linear",
        "Beijing",
        2010,
    )
    assert last["returned"] and last["reason"] is None


def test_last_with_labels_takes_the_last_label():
    people = {
        "a": [
            ("birth", "WUH"),
            ("phd", "BOS"),
            ("return", "PEK"),
            ("visit", "LON"),
            ("return", "WUH"),
            ("later", "SHA"),
        ],
        "b": [
            ("birth", "WUH"),
            ("phd", "BOS"),
            ("return", "PEK"),
            ("visit", "LON"),
            ("work", "SHA"),
        ],
    }
    frame = stages_frame(people)
    last = classify_routes(frame, which="last")
    a = route(last, "a")
    assert (a["return_seq"], a["return_city"], a["abroad_city"]) == (5, "Wuhan", "London")
    assert a["known_cities"] == "Wuhan;Beijing"
    assert (a["pattern"], a["circle_basis"]) == ("circle", "birthplace")
    # b's coder labelled only the first return: the later move is not a return
    b = route(last, "b")
    assert (b["return_seq"], b["return_city"]) == (3, "Beijing")


def test_last_equals_first_for_one_stay(basic_routes):
    last = classify_routes(stages_frame(BASIC), which="last")
    pd.testing.assert_frame_equal(last, basic_routes)


def test_same_city_twice_in_a_row():
    people = {
        "a": [
            ("birth", "WUH"),
            ("bachelor", "WUH"),
            ("phd", "BOS"),
            ("postdoc", "BOS"),
            ("work", "WUH"),
            ("work", "WUH"),
        ],
    }
    r = route(classify_routes(stages_frame(people)), "a")
    assert r["pattern"] == "circle"
    assert r["circle_basis"] == "birthplace,study"
    assert r["circle_basis_primary"] == "birthplace"
    assert r["known_cities"] == "Wuhan"  # listed once
    assert r["return_seq"] == 5
    ret = find_returns(stages_frame(people)).iloc[0]
    assert ret["abroad_seq"] == 4 and ret["departure_seq"] == 3


def test_all_three_bases_and_primary_priority():
    people = {
        "a": [
            ("birth", "SHA"),
            ("master", "SHA"),
            ("work", "SHA"),
            ("phd", "BOS"),
            ("work", "SHA"),
        ],
        "b": [
            ("birth", "WUH"),
            ("master", "SHA"),
            ("work", "SHA"),
            ("phd", "BOS"),
            ("work", "SHA"),
        ],
    }
    routes = classify_routes(stages_frame(people))
    assert route(routes, "a")["circle_basis"] == "birthplace,study,work"
    assert route(routes, "a")["circle_basis_primary"] == "birthplace"
    assert route(routes, "b")["circle_basis"] == "study,work"
    assert route(routes, "b")["circle_basis_primary"] == "study"


def test_province_level_match():
    people = {
        "near": [("birth", "WUH"), ("bachelor", "PEK"), ("phd", "BOS"), ("work", "YIC")],
        "same": [("birth", "WUH"), ("phd", "BOS"), ("work", "WUH")],
        "far": [("birth", "WUH"), ("bachelor", "PEK"), ("phd", "BOS"), ("work", "NKG")],
    }
    frame = stages_frame(people)
    city = classify_routes(frame, level="city")
    prov = classify_routes(frame, level="province")
    assert route(city, "near")["pattern"] == "linear"
    assert route(prov, "near")["pattern"] == "circle"
    assert route(prov, "near")["circle_basis"] == "birthplace"
    assert route(prov, "near")["return_province"] == "Hubei"
    assert route(prov, "same")["pattern"] == "circle"
    assert route(prov, "far")["pattern"] == "linear"


def test_province_level_falls_back_to_city_without_provinces():
    frame = stages_frame({"a": BASIC["study"], "b": BASIC["new"]})
    frame["province"] = None
    prov = classify_routes(frame, level="province")
    assert list(prov["pattern"]) == ["circle", "linear"]


def test_province_level_needs_province_column():
    frame = stages_frame(BASIC).drop(columns="province")
    with pytest.raises(BackflowInputError, match="province"):
        classify_routes(frame, level="province")


def test_missing_stage_labels_use_position():
    people = {
        "home": [("", "WUH"), ("", "PEK"), ("", "BOS"), ("", "WUH")],
        "study": [("", "WUH"), ("", "PEK"), ("", "BOS"), ("", "PEK")],
        "new": [("", "WUH"), ("", "PEK"), ("", "BOS"), ("", "HFE")],
        "between": [("", "WUH"), ("", "BOS"), ("", "SHA"), ("", "LON"), ("", "SHA")],
    }
    frame = stages_frame(people)
    first = classify_routes(frame)
    assert route(first, "home")["circle_basis"] == "birthplace"
    assert route(first, "study")["circle_basis"] == "study"
    assert route(first, "new")["pattern"] == "linear"
    last = classify_routes(frame, which="last")
    # unlabelled domestic stay after an earlier stay abroad counts as work
    assert route(last, "between")["pattern"] == "circle"
    assert route(last, "between")["circle_basis"] == "work"
    assert route(last, "between")["return_seq"] == 5


def test_partly_labelled_person_first_row_is_not_assumed_birthplace():
    people = {"a": [("", "WUH"), ("bachelor", "PEK"), ("phd", "BOS"), ("work", "WUH")]}
    r = route(classify_routes(stages_frame(people)), "a")
    assert (r["pattern"], r["circle_basis"]) == ("circle", "study")


def test_explicit_return_label_wins_over_position():
    people = {
        "a": [
            ("birth", "WUH"),
            ("phd", "BOS"),
            ("visit", "SHA"),
            ("postdoc", "LON"),
            ("return", "WUH", 2015),
            ("later", "PEK"),
        ],
    }
    frame = stages_frame(people)
    r = route(classify_routes(frame), "a")
    assert r["return_seq"] == 5 and r["return_city"] == "Wuhan" and r["return_year"] == 2015
    assert r["abroad_city_id"] == "LON"
    assert r["known_cities"] == "Wuhan;Shanghai"  # everything before the stay that ended
    assert (r["pattern"], r["circle_basis"]) == ("circle", "birthplace")
    # without the label, the first domestic stage after abroad is the return
    unlabelled = frame.assign(stage=frame["stage"].replace("return", "work"))
    r2 = route(classify_routes(unlabelled), "a")
    assert r2["return_seq"] == 3 and r2["return_city"] == "Shanghai"
    assert r2["pattern"] == "linear"


def test_return_label_on_an_overseas_row_is_ignored():
    people = {"a": [("birth", "WUH"), ("phd", "BOS"), ("return", "HKG"), ("work", "SHA")]}
    r = route(classify_routes(stages_frame(people)), "a")
    assert r["return_city"] == "Shanghai" and r["abroad_city"] == "Hong Kong"


def test_return_label_without_overseas_row():
    # the overseas rows failed to geocode; the label still says the person came back
    people = {"a": [("birth", "WUH"), ("return", "SHA")]}
    frame = stages_frame(people)
    r = route(classify_routes(frame), "a")
    assert r["went_abroad"] and r["returned"]
    assert (r["pattern"], r["known_cities"]) == ("linear", "Wuhan")
    assert r["abroad_city_id"] is None
    assert flow_patterns(frame, classify_routes(frame)).empty


def test_no_domestic_stage_before_leaving_is_linear_with_reason():
    people = {"a": [("phd", "BOS"), ("work", "SHA")]}
    r = route(classify_routes(stages_frame(people)), "a")
    assert r["pattern"] == "linear"
    assert r["reason"] == REASON_NOTHING_KNOWN
    assert r["known_cities"] is None


def test_person_attributes_carried_through():
    frame = stages_frame(
        {"a": BASIC["birthplace"], "b": BASIC["new"], "c": BASIC["stayer"]},
        subject={"a": "biology", "b": "physics", "c": "chemistry"},
        unit_type={"a": "university", "b": "enterprise", "c": "university"},
        pattern={"a": "x", "b": "y", "c": "z"},
    )
    # attribute given on a later row only: first non-missing value is used
    frame.loc[(frame["person_id"] == "b") & (frame["seq"] == 1), "subject"] = None
    routes = classify_routes(frame)
    assert list(routes["subject"]) == ["biology", "physics", "chemistry"]
    assert list(routes["unit_type"]) == ["university", "enterprise", "university"]
    assert list(routes["pattern_attr"]) == ["x", "y", "z"]
    assert list(routes["pattern"]) == ["circle", "linear", None]
    for per_stage in ("province", "org", "country", "stage", "seq", "year"):
        assert per_stage not in routes.columns


def test_text_and_numeric_domestic_flags_from_a_file_round_trip():
    frame = stages_frame(BASIC)
    as_text = frame.assign(domestic=frame["domestic"].map({True: "true", False: "false"}))
    as_int = frame.assign(domestic=frame["domestic"].astype(int), seq=frame["seq"].astype(str))
    expected = classify_routes(frame)["pattern"].tolist()
    assert classify_routes(as_text)["pattern"].tolist() == expected
    assert classify_routes(as_int)["pattern"].tolist() == expected


def test_repeated_column_names_use_the_first():
    # a wide table whose attribute is also called "year" (Nobel: the prize year)
    frame = stages_frame(BASIC)
    frame = pd.concat([frame, frame[["year"]]], axis=1)
    routes = classify_routes(frame)
    assert route(routes, "birthplace")["return_year"] == 2012
    assert list(routes.columns).count("year") == 0


def test_empty_input_and_bad_choices():
    empty = stages_frame(BASIC).iloc[0:0]
    assert classify_routes(empty).empty and "pattern" in classify_routes(empty).columns
    assert find_returns(empty).empty
    with pytest.raises(BackflowInputError, match="level"):
        classify_routes(stages_frame(BASIC), level="county")
    with pytest.raises(BackflowInputError, match="which"):
        find_returns(stages_frame(BASIC), which="middle")
    with pytest.raises(BackflowInputError, match="domestic"):
        classify_routes(stages_frame(BASIC).drop(columns="domestic"))


# ----------------------------------------------------------------------------- flows


FLOW_PEOPLE = {
    "c1": [("birth", "WUH"), ("phd", "BOS"), ("work", "WUH")],
    "c2": [("birth", "WUH"), ("phd", "BOS"), ("postdoc", "BOS"), ("work", "WUH")],
    "l1": [("birth", "SHA"), ("phd", "BOS"), ("work", "WUH")],
    "l2": [("birth", "SHA"), ("phd", "LON"), ("work", "PEK")],
    "c3": [("birth", "PEK"), ("phd", "NYC"), ("postdoc", "LON"), ("work", "PEK")],
    "no": [("birth", "PEK"), ("phd", "NYC")],
}


def test_flow_patterns_counts():
    frame = stages_frame(FLOW_PEOPLE)
    flows = flow_patterns(frame, classify_routes(frame))
    assert list(flows.columns) == [
        "origin_id",
        "dest_id",
        "origin",
        "dest",
        "flow_type",
        "count",
        "circle",
        "linear",
        "pattern_share",
    ]
    table = flows.set_index(["origin_id", "dest_id"])
    assert table.loc[("BOS", "WUH"), ["count", "circle", "linear"]].tolist() == [3, 2, 1]
    assert table.loc[("BOS", "WUH"), "pattern_share"] == pytest.approx(2 / 3)
    assert table.loc[("LON", "PEK"), ["count", "circle", "linear"]].tolist() == [2, 1, 1]
    assert table.loc[("LON", "PEK"), "pattern_share"] == pytest.approx(0.5)
    assert table.loc[("BOS", "WUH"), "origin"] == "Boston"
    assert table.loc[("LON", "PEK"), "dest"] == "Beijing"
    assert set(flows["flow_type"]) == {"backflow"}
    assert flows["count"].sum() == 5  # five returnees, one leg each
    assert len(flows) == 2 and flows.iloc[0]["origin_id"] == "BOS"  # largest first


def test_flow_patterns_split_by_pattern():
    frame = stages_frame(FLOW_PEOPLE)
    split = flow_patterns(frame, classify_routes(frame), split_by_pattern=True)
    got = {(r.origin_id, r.dest_id, r.pattern): (r.count, r.share) for r in split.itertuples()}
    assert got == {
        ("BOS", "WUH", "circle"): (2, pytest.approx(2 / 3)),
        ("BOS", "WUH", "linear"): (1, pytest.approx(1 / 3)),
        ("LON", "PEK", "circle"): (1, 0.5),
        ("LON", "PEK", "linear"): (1, 0.5),
    }


def test_flow_patterns_follow_which():
    frame = stages_frame(
        {
            "a": [
                ("birth", "WUH"),
                ("phd", "BOS"),
                ("work", "SHA"),
                ("postdoc", "LON"),
                ("work", "WUH"),
            ]
        }
    )
    first = flow_patterns(frame, classify_routes(frame, which="first"))
    last = flow_patterns(frame, classify_routes(frame, which="last"))
    assert first[["origin_id", "dest_id", "linear"]].values.tolist() == [["BOS", "SHA", 1]]
    assert last[["origin_id", "dest_id", "circle"]].values.tolist() == [["LON", "WUH", 1]]


def test_flow_patterns_needs_routes_columns():
    frame = stages_frame(FLOW_PEOPLE)
    with pytest.raises(BackflowInputError, match="return_seq"):
        flow_patterns(frame, classify_routes(frame).drop(columns="return_seq"))


# ----------------------------------------------------------------------------- shares


def test_pattern_shares_overall(basic_routes):
    shares = pattern_shares(basic_routes)
    assert len(shares) == 1
    row = shares.iloc[0]
    assert (row["by"], row["group"]) == ("all", "all")
    assert (row["circle"], row["linear"], row["total"], row["no_pattern"]) == (3, 1, 4, 2)
    assert row["circle_share"] == pytest.approx(0.75)
    assert row["linear_share"] == pytest.approx(0.25)


def test_pattern_shares_by_attribute_and_year():
    frame = stages_frame(
        BASIC,
        subject={
            "birthplace": "bio",
            "study": "bio",
            "work": "phys",
            "new": "phys",
            "stayer": "bio",
            "emigrant": None,
        },
    )
    routes = classify_routes(frame)
    by_subject = pattern_shares(routes, by="subject")
    assert list(by_subject.columns) == [
        "by",
        "group",
        "circle",
        "linear",
        "total",
        "circle_share",
        "linear_share",
        "no_pattern",
    ]
    assert by_subject["group"].tolist()[:2] == ["bio", "phys"]
    assert pd.isna(by_subject["group"].iloc[2])  # missing subject is its own group, last
    bio = by_subject.iloc[0]
    assert (bio["circle"], bio["linear"], bio["no_pattern"], bio["circle_share"]) == (2, 0, 1, 1.0)
    phys = by_subject.iloc[1]
    assert (phys["circle"], phys["linear"], phys["circle_share"]) == (1, 1, 0.5)
    assert np.isnan(by_subject.iloc[2]["circle_share"])  # nobody with a pattern
    by_year = pattern_shares(routes, by="return_year").dropna(subset=["group"])
    assert by_year["group"].tolist() == [2012, 2013, 2014, 2015]
    assert by_year["circle"].tolist() == [1, 1, 1, 0]
    assert by_year["linear_share"].tolist() == [0.0, 0.0, 0.0, 1.0]
    with pytest.raises(BackflowInputError, match="gender"):
        pattern_shares(routes, by="gender")


# ----------------------------------------------------------------------------- scale


def test_vectorised_on_many_persons():
    rng = np.random.default_rng(1)
    n = 20_000
    pid = np.repeat([f"p{i}" for i in range(n)], 4)
    home = rng.choice(["WUH", "PEK", "SHA"], n)
    back = np.where(rng.random(n) < 0.6, home, "HFE")  # 60% come back home
    city = np.column_stack([home, home, np.full(n, "BOS"), back]).ravel()
    frame = pd.DataFrame(
        {
            "person_id": pid,
            "seq": np.tile([1, 2, 3, 4], n),
            "stage": np.tile(["birth", "bachelor", "phd", "work"], n),
            "city_id": city,
            "city": city,
            "domestic": city != "BOS",
            "province": None,
            "year": pd.array(np.full(4 * n, 2015), dtype="Int64"),
        }
    )
    t0 = time.perf_counter()
    routes = classify_routes(frame)
    flows = flow_patterns(frame, routes)
    elapsed = time.perf_counter() - t0
    assert len(routes) == n
    assert (routes["pattern"] == "circle").sum() == (back == home).sum()
    assert flows["count"].sum() == n
    assert elapsed < 10, f"too slow: {elapsed:.1f}s for {n} persons"


# ----------------------------------------------------------------------------- sample data


def test_sample_data_matches_the_shares_it_was_built_with():
    """resources/sample: the circle / linear split make_sample.py wrote to calibration.json."""
    import json
    from pathlib import Path

    from backflow_plugin.core.tables.delimited import read_text_table
    from backflow_plugin.core.tables.fields import detect_fields
    from backflow_plugin.core.trajectories.build import FieldMap, import_trajectories

    sample = Path(__file__).resolve().parents[2] / "resources" / "sample"
    target = json.loads((sample / "calibration.json").read_text(encoding="utf-8"))
    target = target["route_patterns"]
    frame, _ = read_text_table(str(sample / "returnees_synthetic.csv"), None)
    stages = import_trajectories(frame, FieldMap(**detect_fields(frame.columns))).stages
    routes = classify_routes(stages)

    overall = pattern_shares(routes).iloc[0]
    assert (overall["circle"], overall["linear"]) == (target["circle"], target["linear"])
    assert round(100 * overall["circle_share"], 2) == target["circle_share_pct"]
    by_cohort = pattern_shares(routes, by="cohort")
    by_cohort.index = by_cohort["group"].astype(str)  # the text reader keeps "2011"
    assert sorted(by_cohort.index) == sorted(target["by_cohort"])
    for year, want in target["by_cohort"].items():
        got = by_cohort.loc[year]
        assert (got["circle"], got["linear"]) == (want["circle"], want["linear"]), year
    primary = routes["circle_basis_primary"].value_counts().to_dict()
    assert primary == target["circle_primary_basis"]
    # the paper: circle routes are the larger camp, linear ones grow over the cohorts
    assert overall["circle_share"] > 0.5
    assert by_cohort["linear_share"].is_monotonic_increasing
