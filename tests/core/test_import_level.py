"""Issue 10 (10b): analysis LEVEL, flags in STAGES and counts, no place given, provinces."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.patterns.routes import classify_routes
from backflow_plugin.core.places.gazetteer import Gazetteer
from backflow_plugin.core.tables.fields import detect_fields
from backflow_plugin.core.trajectories import build as tj

from .mini_gazetteer import frame as mini_frame
from .mini_gazetteer import gazetteer as mini_gazetteer

FIELDS = tj.FieldMap(person="person", stage="stage", city="city", country="country", org="org")

# P1 born in Wuzhong (a district of Suzhou), returns to Suzhou itself;
# P2 born in Wuzhong, returns to Gusu (another district of Suzhou);
# P3 born in Wuzhong, returns to Wuzhong; P4 born in Beijing, returns to Nanjing.
TABLE = pd.DataFrame(
    [
        ("P1", "birth", "吴中区", "", ""),
        ("P1", "phd", "Boston", "US", ""),
        ("P1", "return", "苏州", "", ""),
        ("P2", "birth", "吴中", "", ""),
        ("P2", "bachelor", "Nanjing", "", ""),
        ("P2", "postdoc", "Chicago", "US", ""),
        ("P2", "return", "姑苏区", "", ""),
        ("P3", "birth", "Wuzhong District", "", ""),
        ("P3", "phd", "Boston", "US", ""),
        ("P3", "return", "吴中区", "", ""),
        ("P4", "birth", "北京", "", ""),
        ("P4", "phd", "Chicago", "US", ""),
        ("P4", "return", "南京", "", ""),
    ],
    columns=["person", "stage", "city", "country", "org"],
)


def run(table=TABLE, **kw):
    return tj.import_trajectories(table, FIELDS, gazetteer=mini_gazetteer(), **kw)


def patterns(result) -> dict[str, str]:
    routes = classify_routes(result.stages)
    return dict(zip(routes["person_id"], routes["pattern"]))


def test_prefecture_level_is_the_default_and_counts_a_district_as_its_city():
    result = run()
    s = result.stages
    p1 = s[s["person_id"].eq("P1")].sort_values("seq")
    assert p1["city_id"].tolist() == ["CN320500", "US1", "CN320500"]
    assert p1["place_id"].tolist() == ["CN320506", "US1", "CN320500"]
    assert p1["county_id"].tolist() == ["CN320506", "US1", "CN320500"]
    assert p1["prefecture_id"].tolist() == ["CN320500", "US1", "CN320500"]
    assert p1["city"].tolist() == ["Suzhou", "Boston", "Suzhou"]
    assert p1["city_input"].tolist() == ["吴中区", "Boston", "苏州"]
    assert result.counts["level"] == "prefecture"
    assert patterns(result) == {"P1": "circle", "P2": "circle", "P3": "circle", "P4": "linear"}
    # flows and cities are at the chosen level: no district node
    assert "CN320506" not in set(result.cities["city_id"])
    assert "CN320508" not in set(result.flows["dest_id"])
    backflow = result.flows[result.flows["flow_type"].eq("backflow")]
    assert backflow.groupby("origin_id")["count"].sum().to_dict() == {"US1": 2, "US2": 2}
    assert backflow.groupby("dest_id")["count"].sum().to_dict() == {"CN320500": 3, "CN320100": 1}
    suzhou = result.cities.set_index("city_id").loc["CN320500"]
    assert (suzhou["returnees"], suzhou["persons"], suzhou["lon"]) == (3, 3, 120.62)


def test_county_level_keeps_districts_apart():
    result = run(level="county")
    s = result.stages
    p2 = s[s["person_id"].eq("P2")].sort_values("seq")
    assert p2["city_id"].tolist() == ["CN320506", "CN320100", "US2", "CN320508"]
    assert p2["prefecture_id"].tolist() == ["CN320500", "CN320100", "US2", "CN320500"]
    # P1 came back to Suzhou's centre, P2 to another district: linear at county level
    assert patterns(result) == {"P1": "linear", "P2": "linear", "P3": "circle", "P4": "linear"}
    assert {"CN320506", "CN320508", "CN320500"} <= set(result.cities["city_id"])
    wuzhong = result.cities.set_index("city_id").loc["CN320506"]
    assert (wuzhong["name"], wuzhong["returnees"], wuzhong["persons"]) == ("Wuzhong", 1, 3)
    assert result.counts["level"] == "county"
    # same rows, same accounting at both levels
    assert result.counts["resolved_rows"] == run().counts["resolved_rows"] == len(TABLE)


def test_level_by_index_and_bad_level():
    assert tj.check_level(1) == "county" and tj.check_level("Prefecture") == "prefecture"
    with pytest.raises(BackflowInputError, match="Unknown analysis level.*'town'"):
        run(level="town")


def test_gazetteer_without_level_columns_makes_every_place_its_own_node():
    plain = Gazetteer(mini_frame().drop(columns=["level", "prefecture_id", "county_id"]))
    result = tj.import_trajectories(TABLE, FIELDS, gazetteer=plain)
    s = result.stages
    assert s["city_id"].tolist() == s["place_id"].tolist() == s["prefecture_id"].tolist()
    assert patterns(result)["P1"] == "linear"  # Wuzhong is not Suzhou without the hierarchy


def test_parent_missing_from_the_gazetteer_falls_back_to_the_place():
    df = mini_frame()
    df.loc[df["city_id"].eq("CN320508"), "prefecture_id"] = "CN999999"
    result = tj.import_trajectories(TABLE, FIELDS, gazetteer=Gazetteer(df))
    gusu = result.stages[result.stages["place_id"].eq("CN320508")]
    assert gusu["city_id"].tolist() == ["CN320508"]


def test_missing_markers_and_blanks_give_no_place_given():
    table = pd.DataFrame(
        [
            ("P1", "birth", "N/A", "", ""),
            ("P1", "phd", "", "", ""),
            ("P1", "work", "不详", "", ""),
            ("P1", "return", "Nanjing", "", ""),
        ],
        columns=["person", "stage", "city", "country", "org"],
    )
    result = run(table)
    u = result.unresolved.set_index("source_row")
    assert u.loc[[1, 2, 3], "reason"].tolist() == ["no place given"] * 3
    assert u.loc[[1, 2, 3], "value"].tolist() == ["N/A", "", "不详"]
    assert result.counts["resolved_rows"] == 1 and result.counts["unresolved_rows"] == 3


def test_flags_column_and_counts():
    result = run()
    assert set(result.stages["flags"]) == {""}
    for flag in tj.FLAGS:
        assert result.counts[f"{flag}_rows"] == 0
    assert tj.flag_counts(pd.Series(["historic", "historic;from_org", "", "user_alias"])) == {
        "historic": 2,
        "province": 0,
        "small_place": 0,
        "country_conflict": 0,
        "from_org": 1,
        "user_alias": 1,
        "province_only": 0,
        "fuzzy": 0,
        "tolerant": 0,
        "org_gazetteer": 0,
        "compound_place": 0,
        "org_city_rule": 0,
    }


class RecordingGazetteer(Gazetteer):
    """A resolver of the new contract: takes provinces and accept_conflicts, gives flags."""

    def resolve(self, names, countries=None, home_country="CN", provinces=None,
                accept_conflicts=False):  # fmt: skip
        self.calls = getattr(self, "calls", [])
        self.calls.append((provinces, accept_conflicts))
        res = super().resolve(names, countries, home_country)
        # Anhui's Suzhou when the row says Anhui: the province decides
        if provinces is not None:
            anhui = provinces.reindex(res.index).eq("安徽") & names.eq("Suzhou")
            res.loc[anhui, "city_id"] = "CN341300"
        res["flags"] = ""
        if provinces is not None:
            res.loc[provinces.reindex(res.index).ne(""), "flags"] = "province"
        return res


def test_province_column_is_detected_and_passed_to_the_resolver():
    table = pd.DataFrame(
        {"姓名": ["A", "A", "B"], "阶段": ["出生地", "博士", "出生地"],
         "城市": ["Suzhou", "Boston", "Suzhou"], "省份": ["安徽", "", "江苏"]}
    )  # fmt: skip
    fields = tj.FieldMap(**detect_fields(table.columns))
    assert fields.province == "省份"
    gaz = RecordingGazetteer(mini_frame())
    result = tj.import_trajectories(table, fields, gazetteer=gaz, accept_conflicts=True)
    provinces, accept = gaz.calls[-1]
    assert provinces.tolist() == ["安徽", "", "江苏"] and accept is True
    s = result.stages.set_index("source_row")
    assert s.loc[1, "city_id"] == "CN341300" and s.loc[3, "city_id"] == "CN320500"
    assert s.loc[1, "flags"] == "province" and s.loc[2, "flags"] == ""
    assert result.counts["province_rows"] == 2
    assert "省份" not in result.stages.columns  # a role, not a person attribute


def test_older_resolver_ignores_the_province_column_with_a_warning(caplog):
    table = pd.DataFrame(
        {"person": ["A"], "stage": ["birth"], "city": ["Nanjing"], "province": ["Jiangsu"]}
    )
    fields = tj.FieldMap(**detect_fields(table.columns))
    assert fields.province == "province"

    class Old(Gazetteer):
        def resolve(self, names, countries=None, home_country="CN"):
            return super().resolve(names, countries, home_country)

    with caplog.at_level(logging.WARNING, logger="backflow"):
        result = tj.import_trajectories(table, fields, gazetteer=Old(mini_frame()))
    assert result.stages["city_id"].tolist() == ["CN320100"]
    assert "province column is ignored" in caplog.text
