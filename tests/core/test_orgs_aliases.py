"""Issue 10 (10b): cities from organisations (core.places.orgs), user aliases, the review list."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.places.aliases import (
    aliases_from_frame,
    apply_aliases,
    merge_aliases,
    read_aliases,
    write_aliases,
)
from backflow_plugin.core.places.gazetteer import Gazetteer
from backflow_plugin.core.places.orgs import PlaceInName, org_table_from_frame
from backflow_plugin.core.tables.reshape import parse_mapping
from backflow_plugin.core.trajectories import build as tj
from backflow_plugin.core.trajectories.review import (
    aliases_from_choices,
    choice_to_alias,
    unresolved_values,
)

from .mini_gazetteer import gazetteer as mini_gazetteer

FIELDS = tj.FieldMap(person="person", stage="stage", city="city", country="country", org="org")
COLUMNS = ["person", "stage", "city", "country", "org"]


def run(rows, **kw):
    table = pd.DataFrame(rows, columns=COLUMNS)
    return tj.import_trajectories(table, FIELDS, gazetteer=mini_gazetteer(), **kw)


# --------------------------------------------------------------------------- organisations


@pytest.mark.parametrize(
    "org, expected",
    [
        ("University of Chicago", ("Chicago", "US")),
        ("Università di Bologna", ("Bologna", "IT")),
        ("UNIVERSITY OF BOLOGNA", ("Bologna", "IT")),
        ("南京大学", ("Nanjing", "CN")),
        ("北京大学", ("Beijing", "CN")),
        ("江苏省苏州中学", ("Suzhou", "CN")),
        ("中国科学院南京地理与湖泊研究所", ("Nanjing", "CN")),
        ("Chicago Children's Hospital", ("Chicago", "US")),
        ("Max Planck Institute, Bologna", ("Bologna", "IT")),  # a place after a comma
        # a place before the kind word, not after "of", only for a city of a million:
        # there it is more often a person's name (Van Andel Institute, Howard University)
        ("Boston Children's Hospital", None),  # the bundled table has it
        ("Cambridge Institute", None),
        ("Institute of Cambridge", ("Cambridge", "US")),
        # a village of 1,955 people is no evidence for Yale University
        ("Yale University", None),
        # a province's name is not a city's (Jiangsu), nor a country's
        ("江苏大学", None),
        ("University of Italy", None),
        ("清华大学", None),
    ],
)
def test_place_in_organisation_name(org, expected):
    assert PlaceInName(mini_gazetteer()).find(org) == expected


def test_place_in_name_respects_the_row_country():
    finder = PlaceInName(mini_gazetteer())
    assert finder.find("University of Chicago", "US") == ("Chicago", "US")
    assert finder.find("University of Chicago", "IT") is None


def test_organisation_rows_take_a_city():
    result = run(
        [
            # 1-2: the same organisation's city from another row (normalised name)
            ("A", "birth", "Nanjing", "", ""),
            ("A", "phd", "", "", "Harvard University"),
            ("B", "phd", "Cambridge", "US", "Harvard University."),
            ("B", "postdoc", "Cambridge", "US", "harvard university"),
            # 5: the city named in the organisation
            ("C", "phd", "N/A", "", "University of Chicago"),
            # 6: the user's table
            ("C", "work", "", "", "Bell Labs"),
            # 7: nothing to go by
            ("D", "phd", "", "", "Yale University"),
            # 8: a city given is never replaced
            ("D", "work", "Boston", "", "南京大学"),
        ],
        org_table=org_table_from_frame(
            pd.DataFrame({"organisation": ["Bell Labs"], "city": ["Boston"], "country": ["US"]})
        ),
    )
    s = result.stages.set_index("source_row")
    assert s.loc[2, "city_id"] == "US3" and s.loc[2, "flags"] == "from_org"
    assert s.loc[2, "org"] == "Harvard University"
    assert s.loc[5, "city_id"] == "US2" and s.loc[5, "flags"] == "from_org"
    assert s.loc[6, "city_id"] == "US1" and s.loc[6, "flags"] == "from_org"
    assert s.loc[8, "city_id"] == "US1" and s.loc[8, "flags"] == ""
    assert s.loc[3, "flags"] == ""
    u = result.unresolved.set_index("source_row")
    assert list(u.index) == [7] and u.loc[7, "reason"] == "no place given"
    assert result.counts["from_org_rows"] == 3
    assert result.counts["resolved_rows"] + result.counts["unresolved_rows"] == 8


def test_the_most_frequent_city_of_an_organisation_wins():
    result = run(
        [
            ("A", "phd", "Boston", "US", "Big Lab"),
            ("B", "phd", "Chicago", "US", "Big Lab"),
            ("C", "phd", "Chicago", "US", "Big Lab"),
            ("D", "phd", "", "", "Big Lab"),
        ]
    )
    assert result.stages.set_index("source_row").loc[4, "city_id"] == "US2"


def test_an_organisation_in_many_cities_gives_no_city():
    # HHMI-like: four rows, no city holds two thirds of them -> no guess from other rows
    result = run(
        [
            ("A", "phd", "Boston", "US", "Big Institute"),
            ("B", "phd", "Chicago", "US", "Big Institute"),
            ("C", "phd", "Chicago", "US", "Big Institute"),
            ("D", "phd", "Boston", "US", "Big Institute"),
            ("E", "phd", "", "", "Big Institute"),
        ]
    )
    assert 5 not in set(result.stages["source_row"])
    assert result.unresolved.set_index("source_row").loc[5, "reason"] == "no place given"
    assert result.counts["from_org_rows"] == 0


def test_org_table_errors_name_the_row():
    with pytest.raises(BackflowInputError, match=r"no city.*row 2.*'MIT'"):
        org_table_from_frame(
            pd.DataFrame({"organisation": ["Bell Labs", "MIT"], "city": ["Boston", ""]}), "orgs.csv"
        )
    with pytest.raises(BackflowInputError, match="organisation and a city column"):
        org_table_from_frame(pd.DataFrame({"who": ["x"], "where": ["y"]}), "orgs.csv")


def test_wide_table_org_without_city():
    wide = pd.DataFrame(
        {
            "id": ["1", "2"],
            "born": ["Nanjing", "Beijing"],
            "city": ["", ""],
            "name": ["University of Chicago", "Nowhere Institute"],
        }
    )
    mapping = parse_mapping("birth=born; work=city,,name", list(wide.columns))
    result = tj.import_trajectories(
        wide, tj.FieldMap(person="id"), wide=mapping, gazetteer=mini_gazetteer()
    )
    s = result.stages
    assert s[s["person_id"].eq("1")]["city_id"].tolist() == ["CN320100", "US2"]
    # an org that gives no city is no stage, as an empty cell of a wide table
    assert s[s["person_id"].eq("2")]["city_id"].tolist() == ["CN110000"]
    assert result.counts["stage_rows"] == 3 and result.counts["unresolved_rows"] == 0


# --------------------------------------------------------------------------- aliases


def test_alias_round_trip_and_matching(tmp_path):
    table = aliases_from_frame(
        pd.DataFrame(
            {"value": ["Suzhuo", "Ｎａｎｋｉｎ", "Camb."], "place": ["苏州", "Nanjing", "Cambridge"],
             "country": ["", "", "US"]}
        )
    )  # fmt: skip
    path = write_aliases(tmp_path / "aliases.csv", table)
    back = read_aliases(path)
    assert back[["value", "place", "country"]].values.tolist() == [
        ["Suzhuo", "苏州", ""],
        ["Ｎａｎｋｉｎ", "Nanjing", ""],
        ["Camb.", "Cambridge", "US"],
    ]
    city = pd.Series(["suzhuo ", "Nankin", "Camb.", "Boston"])
    country = pd.Series(["", "", "", "US"])
    new_city, new_country, hit = apply_aliases(city, country, back)
    assert new_city.tolist() == ["苏州", "Nanjing", "Cambridge", "Boston"]
    assert new_country.tolist() == ["", "", "US", "US"]
    assert hit.tolist() == [True, True, True, False]


def test_alias_file_errors(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("value,place\nSuzhuo,苏州\nNankin,\n", encoding="utf-8")
    with pytest.raises(BackflowInputError, match=r"no place.*'bad.csv'.*row 2.*'Nankin'"):
        read_aliases(bad)
    clash = tmp_path / "clash.csv"
    clash.write_text("value,place\nSuzhuo,苏州\nsuzhuo,宿州\n", encoding="utf-8")
    with pytest.raises(BackflowInputError, match="two places for one value"):
        read_aliases(clash)
    cols = tmp_path / "cols.csv"
    cols.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(BackflowInputError, match="value and a place column"):
        read_aliases(cols)
    with pytest.raises(BackflowInputError, match="does not exist"):
        read_aliases(tmp_path / "none.csv")


def test_import_applies_aliases_before_resolving():
    aliases = aliases_from_frame(
        pd.DataFrame({"value": ["Suzhuo", "Bostn"], "place": ["苏州", "Boston"]})
    )
    result = run(
        [
            ("A", "birth", "Suzhuo", "", ""),
            ("A", "phd", "Bostn", "US", ""),
            ("A", "return", "Nanjing", "", ""),
        ],
        aliases=aliases,
    )
    s = result.stages.set_index("source_row")
    assert s["city_id"].tolist() == ["CN320500", "US1", "CN320100"]
    assert s["city_input"].tolist() == ["Suzhuo", "Bostn", "Nanjing"]
    assert s["flags"].tolist() == ["user_alias", "user_alias", ""]
    assert result.counts["user_alias_rows"] == 2


def test_merge_aliases_new_answers_win():
    old = aliases_from_frame(pd.DataFrame({"value": ["a", "b"], "place": ["Boston", "Chicago"]}))
    new = aliases_from_frame(pd.DataFrame({"value": ["B"], "place": ["Nanjing"]}))
    merged = merge_aliases(old, new).set_index("key")["place"].to_dict()
    assert merged == {"a": "Boston", "b": "Nanjing"}


# --------------------------------------------------------------------------- review


def test_unresolved_values_for_review():
    table = pd.DataFrame(
        [
            ("A", "birth", "Suzhuo", "", ""),
            ("A", "phd", "Bostn", "US", ""),
            ("B", "birth", "suzhuo", "", ""),
            ("B", "phd", "NA", "", ""),
            ("B", "work", "Nanjing", "", ""),
            ("B", "visit", "Chicago", "Atlantis", ""),
        ],
        columns=COLUMNS,
    )
    review = unresolved_values(table, FIELDS, gazetteer=mini_gazetteer())
    # a fuzzy match inside the given country is placed, and listed first to confirm
    assert review["value"].tolist() == ["Bostn", "Suzhuo"]
    assert review["rows"].tolist() == [1, 2]
    assert review["reason"].tolist() == ["fuzzy match (distance 1)", "unknown city"]
    assert review["suggestions"].iloc[0] == "Boston (US)"
    assert "苏州" in review["suggestions"].iloc[1] or "Suzhou" in review["suggestions"].iloc[1]
    # answers become aliases; a second review with them has nothing left
    aliases = aliases_from_choices({"Suzhuo": "苏州", "Bostn": "Boston (US)"})
    assert aliases[["value", "place", "country"]].values.tolist() == [
        ["Suzhuo", "苏州", ""],
        ["Bostn", "Boston", "US"],
    ]
    again = unresolved_values(table, FIELDS, gazetteer=mini_gazetteer(), aliases=aliases)
    assert again.empty


def test_choice_to_alias():
    assert choice_to_alias("x", "  ") is None
    assert choice_to_alias("x", "Cambridge, MA") == {
        "value": "x",
        "place": "Cambridge, MA",
        "country": "",
    }


def test_bundled_gazetteer_finds_cities_in_real_organisation_names():
    finder = PlaceInName(Gazetteer.bundled())
    assert finder.find("University of California, Berkeley") == ("Berkeley", "US")
    assert finder.find("Technische Universität München") == ("Munich", "DE")
    assert finder.find("中国科学院上海有机化学研究所") == ("Shanghai", "CN")
    assert finder.find("Harvard University") is None
    assert finder.find("Jilin University") is None  # in Changchun, not Jilin city
