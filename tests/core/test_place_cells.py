"""Cells naming an organisation or a country/province with the place (core.places.cells,
core.places.compound, core.places.org_gazetteer), their suggestions and the review list."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest

from backflow_plugin.core.places.cells import placed_by_counts, resolve_cells
from backflow_plugin.core.places.compound import place_candidates
from backflow_plugin.core.places.gazetteer import Gazetteer
from backflow_plugin.core.places.org_gazetteer import ORG_FILE, OrgGazetteer, org_form_key
from backflow_plugin.core.trajectories.build import FieldMap, place_levels
from backflow_plugin.core.trajectories.review import unresolved_values

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.bundled()


def resolved(gaz, cells, **kw) -> pd.DataFrame:
    res = resolve_cells(gaz, pd.Series(cells, dtype=object), None, "CN", **kw)
    names = gaz.cities.set_index("city_id")["name"]
    res["place"] = res["city_id"].map(names)
    res["cell"] = cells
    return res.set_index("cell")


# --------------------------------------------------------------------------- readings


@pytest.mark.parametrize(
    "cell, first",
    [
        ("美国波士顿", ("波士顿", "US", None)),
        ("美国 波士顿", ("波士顿", "US", None)),
        ("波士顿（美国）", ("波士顿", "US", None)),
        ("美国加州洛杉矶", ("洛杉矶", "US", "CA")),
        ("Boston USA", ("Boston", "US", None)),
        ("USA Boston", ("Boston", "US", None)),
        ("Boston MA", ("Boston", None, "MA")),
        ("Boston MA USA", ("Boston", "US", "MA")),
        ("浙江省诸暨县", ("诸暨县", "CN", "浙江省")),
        ("诸暨县", ("诸暨", "CN", None)),
    ],
)
def test_compound_cells_read_as_place_country_and_state(cell, first):
    assert place_candidates(cell)[0] == first


def test_a_cell_with_no_parts_has_no_reading():
    assert place_candidates("Stanford University") == []
    assert place_candidates("广州") == []  # 广 + 州 is no province and city
    assert place_candidates("New York") == []
    # "Atlanta Georgia": the country Georgia first, then the US state
    assert place_candidates("Atlanta Georgia") == [
        ("Atlanta", "GE", None),
        ("Atlanta", None, "Georgia"),
    ]


def test_country_and_city_in_one_cell_resolve(gaz):
    res = resolved(
        gaz,
        [
            "美国波士顿",
            "美国 波士顿",
            "英国伦敦",
            "德国慕尼黑",
            "Boston USA",
            "Boston MA",
            "日本东京都",
            "Zhuji County, Zhejiang",
        ],
    )
    assert res["place"].tolist() == [
        "Boston",
        "Boston",
        "London",
        "Munich",
        "Boston",
        "Boston",
        "Tokyo",
        "Zhuji",
    ]
    assert res["flags"].iloc[:-1].str.contains("compound_place").all()
    # Zhuji County became a city in 1989: the historic-county table reads it first
    assert res["flags"].iloc[-1] == "historic"


def test_province_and_county_chain_counts_at_prefecture_or_county(gaz):
    res = resolved(gaz, ["浙江省诸暨县", "浙江绍兴市诸暨县", "湖北省武汉市"])
    assert res.loc["浙江省诸暨县", "city_id"] == "CN330681"  # Zhuji
    assert res.loc["浙江绍兴市诸暨县", "city_id"] == "CN330681"
    assert res.loc["湖北省武汉市", "city_id"] == "CN420100"
    levels = place_levels(gaz, res["city_id"])
    assert levels["prefecture_id"].tolist() == ["CN330600", "CN330600", "CN420100"]
    assert levels["county_id"].tolist() == ["CN330681", "CN330681", "CN420100"]


def test_a_row_country_is_never_overruled(gaz):
    res = resolve_cells(gaz, pd.Series(["美国波士顿", "斯坦福大学"]), pd.Series(["GB", "CN"]), "CN")
    assert res["city_id"].isna().all()
    # China given for Hong Kong, as sources often do: the place keeps its own code
    res = resolve_cells(
        gaz, pd.Series(["香港大学", "斯坦福大学"]), pd.Series(["中国", "美国"]), "CN"
    )
    names = gaz.cities.set_index("city_id")["name"]
    assert res["city_id"].map(names).tolist() == ["Hong Kong", "Stanford"]


# --------------------------------------------------------------------------- organisations


def test_organisations_resolve_to_their_main_campus(gaz):
    cells = {
        "南京大学": "Nanjing",
        "中国科学院上海有机化学研究所": "Shanghai",
        "斯坦福大学": "Stanford",
        "美国加州大学洛杉矶分校": "Los Angeles",
        "加州大学伯克利分校": "Berkeley",
        "帝国理工学院": "London",
        "东京大学": "Tokyo",
        "麻省理工学院": "Cambridge",
        "MIT": "Cambridge",
        "UCLA": "Los Angeles",
        "ETH Zurich": "Zürich",
        "浙江大学": "Hangzhou",
        "四川大学": "Chengdu",
        "中科院化学所": "Beijing",
        "Institute of Chemistry, CAS": "Beijing",
        "Department of Chemistry, Stanford University": "Stanford",
        "Zhejiang University School of Medicine": "Hangzhou",
        "Argonne National Lab": "Lemont",
        "清华大学化学系": "Beijing",
    }
    res = resolved(gaz, list(cells))
    assert res["place"].to_dict() == cells
    assert res["flags"].str.contains("org_gazetteer").all()
    assert res.loc["MIT", "place"] == "Cambridge"
    cambridge = gaz.cities.set_index("city_id").loc[res.loc["MIT", "city_id"]]
    assert (cambridge["country"], cambridge["province"]) == ("US", "Massachusetts")


def test_years_and_degrees_beside_the_place_are_left_out(gaz):
    cells = {
        "斯坦福大学 2008-2012 博士后": "Stanford",
        "PhD, Stanford University, 2005": "Stanford",
        "2005-2010 美国波士顿": "Boston",
        "北京大学（博士）": "Beijing",
        "Postdoctoral fellow, Harvard Medical School (2010-2013)": "Boston",
        "2008至今 南京大学": "Nanjing",
        "武汉 2001": "Wuhan",
        "Jackson, MS": "Jackson",  # MS is Mississippi here, not a degree
    }
    res = resolved(gaz, list(cells))
    assert res["place"].to_dict() == cells
    assert res.loc["Jackson, MS", "city_id"] == "GN4431410"


def test_campus_named_in_the_cell_wins(gaz):
    res = resolved(gaz, ["北京大学深圳研究生院", "山东大学（威海）", "北京大学"])
    assert res["place"].tolist() == ["Shenzhen", "Weihai", "Beijing"]
    # a word of the campus's own name between the place and 研究院 / 研究生院
    cells = [
        "清华大学深圳国际研究生院",
        "中国科学院大学杭州高等研究院",
        "北京航空航天大学杭州创新研究院",
    ]
    assert resolved(gaz, cells)["place"].tolist() == ["Shenzhen", "Hangzhou", "Hangzhou"]


def test_country_before_an_organisation_must_be_its_own(gaz):
    res = resolved(gaz, ["美国西北大学", "西北大学", "日本东北大学", "东北大学"])
    assert res["place"].tolist() == ["Evanston", "Xi'an", "Sendai", "Shenyang"]


def test_an_organisation_beats_a_weak_place_of_its_name(gaz):
    plain = gaz.resolve(pd.Series(["Harvard", "Hunan University"]), None, "CN")
    assert plain["city_id"].notna().all()  # a village, and a place called University
    res = resolved(gaz, ["Harvard", "Yale", "Hunan University", "Duke"])
    assert res["place"].tolist() == ["Cambridge", "New Haven", "Changsha", "Durham"]
    # places whose names hold such words stay themselves
    res = resolved(gaz, ["State College", "College Station", "University Park, FL"])
    assert res["place"].tolist() == ["State College", "College Station", "University Park"]


def test_city_in_a_chinese_name_by_rule_never_a_province_capital(gaz):
    res = resolved(
        gaz, ["苏州某某研究院", "浙江某某研究院", "四川某某大学"], use_bundled_orgs=False
    )
    assert res.loc["苏州某某研究院", "place"] == "Suzhou"
    assert res.loc["苏州某某研究院", "flags"] == "org_city_rule"
    assert res.loc[["浙江某某研究院", "四川某某大学"], "city_id"].isna().all()
    # a country written before the name is its country; a US state gives no city
    res = resolved(gaz, ["美国休斯顿某某学院", "日本名古屋某大学", "美国德州某大学"])
    assert res["place"].tolist()[:2] == ["Houston", "Nagoya"]
    assert res.loc["美国德州某大学", "city_id"] is None


def test_org_only_rows_take_the_bundled_organisation_city(gaz):
    from backflow_plugin.core.trajectories.build import import_trajectories

    frame = pd.DataFrame(
        {
            "id": ["a", "a", "a"],
            "stage": ["birth", "phd", "return"],
            "city": ["武汉", "", ""],
            "org": ["", "斯坦福大学", "浙江大学"],
        }
    )
    fields = FieldMap(person="id", stage="stage", city="city", org="org")
    result = import_trajectories(frame, fields, gazetteer=gaz)
    s = result.stages.set_index("stage")
    assert s.loc["phd", "city"] == "Stanford" and s.loc["phd", "flags"] == "from_org"
    assert s.loc["return", "city"] == "Hangzhou"
    assert result.counts["returnees"] == 1


def test_every_organisation_resolves_to_its_own_city(gaz):
    # the place written for each organisation finds the city the table gives it: an
    # English name several Chinese cities share carries its province
    table = pd.read_csv(ORG_FILE, dtype=str, keep_default_na=False)
    text = [f"{p}, {s}" if s else p for p, s in zip(table["place"], table["province"])]
    res = gaz.resolve(pd.Series(text), table["country"], None, suggest=False)
    wrong = table.loc[res["city_id"].to_numpy() != table["city_id"].to_numpy(), "org_id"]
    assert wrong.tolist() == []


def test_organisations_in_cities_of_a_shared_english_name(gaz):
    from backflow_plugin.core.trajectories.build import import_trajectories

    orgs = ["宿州学院", "台州学院", "东华理工大学", "苏州大学", "泰州学院", "福州大学"]
    frame = pd.DataFrame({"id": [str(i) for i in range(len(orgs))], "org": orgs, "city": ""})
    fields = FieldMap(person="id", city="city", org="org")
    stages = import_trajectories(frame, fields, gazetteer=gaz).stages
    assert stages["city_id"].tolist() == [
        "CN341300",  # 宿州, Anhui: not 苏州
        "CN331000",  # 台州, Zhejiang: not 泰州
        "CN361000",  # 抚州, Jiangxi: not 福州
        "CN320500",
        "CN321200",
        "CN350100",
    ]


def test_abbreviations_match_only_in_capitals():
    orgs = OrgGazetteer.bundled()
    assert orgs.find("MIT").place == "Cambridge"
    assert orgs.find("HIT").place == "Harbin"
    assert orgs.find("Mit") is None and orgs.find("hit") is None
    assert orgs.find("Big Lab") is None and orgs.find("Big Institute") is None


def test_org_keys_ignore_case_brackets_and_variants():
    assert org_form_key("中国石油大学（华东）") == org_form_key("中国石油大学(华东)")
    assert org_form_key("The University of Tokyo") == org_form_key("university of tokyo")
    assert org_form_key("Argonne National Lab") == org_form_key("Argonne National Laboratory")
    assert org_form_key("South China Univ. of Tech.") == org_form_key(
        "South China University of Technology"
    )


def test_bundled_table_has_the_institutions_the_issue_names():
    orgs = OrgGazetteer.bundled()
    assert len(orgs) > 3000
    table = pd.read_csv(ORG_FILE, dtype=str, keep_default_na=False)
    assert table["org_id"].is_unique
    assert (table["org_id"].str.startswith("MOE")).sum() == 2631
    assert (table["org_id"].str.startswith("CAS")).sum() >= 100
    abroad = table[table["country"].ne("CN")]
    assert len(abroad) >= 300
    for cell, place in [
        ("斯坦福大学", "Stanford"),
        ("麻省理工学院", "Cambridge"),
        ("加州大学洛杉矶分校", "Los Angeles"),
        ("帝国理工学院", "London"),
        ("东京大学", "Tokyo"),
        ("Peking University", "Beijing"),
    ]:
        assert orgs.find(cell).place == place


def test_bundled_gazetteers_load_quickly():
    # the place gazetteer is read once per process; the organisation table adds little
    from backflow_plugin.core.places import org_gazetteer

    org_gazetteer._bundled_orgs.cache_clear()
    start = time.perf_counter()
    OrgGazetteer.bundled()
    assert time.perf_counter() - start < 1.0


# --------------------------------------------------------------------------- suggestions


def test_no_suggestion_sounds_alike_in_another_script(gaz):
    cells = ["国家北京某研究中心", "斯坦福某某学院", "台湾某某大学", "美国波斯顿"]
    res = resolved(gaz, cells, use_bundled_orgs=False)
    text = " ".join(res["suggestions"].fillna(""))
    for absurd in ("College Station", "Stamford"):
        assert absurd not in text
    assert res.loc["国家北京某研究中心", "suggestions"].split("; ")[0] == "Beijing (CN)"
    assert res.loc["美国波斯顿", "suggestions"].split("; ")[0] == "Boston (US)"
    # only places in the country written in the cell
    res = resolved(gaz, ["韩国奥斯汀", "韩国大田", "美国达勒姆", "英国杜伦"])
    assert res.loc["韩国奥斯汀", "suggestions"] is None
    assert res["place"].tolist()[1:] == ["Daejeon", "Durham", "Durham"]
    assert res.loc["美国达勒姆", "flags"] == "compound_place"
    durham = gaz.cities.set_index("city_id").loc[res.loc["美国达勒姆", "city_id"]]
    assert durham["province"] == "North Carolina"


def test_review_lists_unresolved_cells_with_ranked_candidates(gaz):
    frame = pd.DataFrame(
        {
            "id": ["a", "a", "a", "b", "b"],
            "stage": ["birth", "phd", "return", "birth", "return"],
            "city": [
                "湖北省武汉市",
                "美国波斯顿",
                "国家北京某研究中心",
                "英国伦敦",
                "国家北京某研究中心",
            ],
        }
    )
    fields = FieldMap(person="id", stage="stage", city="city")
    out = unresolved_values(frame, fields, gazetteer=gaz)
    assert out["value"].tolist() == ["国家北京某研究中心", "美国波斯顿"]
    assert out["rows"].tolist() == [2, 1]
    assert out.loc[0, "suggestions"].startswith("Beijing (CN)")
    assert out.loc[1, "suggestions"].startswith("Boston (US)")


def test_placed_by_counts():
    flags = pd.Series(["org_gazetteer", "province;compound_place", "", "org_city_rule", None])
    assert placed_by_counts(flags) == {
        "org_gazetteer": 1,
        "compound_place": 1,
        "org_city_rule": 1,
    }


# --------------------------------------------------------------------------- held out


def test_held_out_cells_resolve_and_rarely_to_another_city():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "eval_place_cells", ROOT / "scripts" / "eval_place_cells.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = module.evaluate(module.read_cells())
    share = out["outcome"].value_counts(normalize=True)
    assert len(out) >= 150
    assert share.get("right", 0) >= 0.95
    assert share.get("wrong", 0) <= 0.02


def test_audit_cells_resolve_to_the_city_meant():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "eval_place_cells", ROOT / "scripts" / "eval_place_cells.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = module.evaluate(module.read_cells(ROOT / "tests" / "data" / "cv" / "audit_cells.tsv"))
    assert len(out) == 97
    assert out.loc[out["outcome"].ne("right"), "cell"].tolist() == []


def test_birth_country_as_home_reads_compound_and_organisation_cells(gaz):
    from backflow_plugin.core.trajectories.build import import_trajectories

    frame = pd.DataFrame(
        {
            "id": ["a", "a", "a", "b", "b", "b"],
            "stage": ["birth", "phd", "work", "birth", "phd", "work"],
            "city": ["美国波士顿", "斯坦福大学", "南京大学", "浙江省诸暨县", "MIT", "浙江大学"],
        }
    )
    fields = FieldMap(person="id", stage="stage", city="city")
    result = import_trajectories(frame, fields, gazetteer=gaz, home_country="birth")
    s = result.stages.set_index(["person_id", "stage"])
    assert s.loc[("a", "birth"), "home_country"] == "US"
    assert bool(s.loc[("a", "phd"), "domestic"]) and not bool(s.loc[("a", "work"), "domestic"])
    assert s.loc[("b", "birth"), "home_country"] == "CN"
    assert result.counts["returnees"] == 1  # b: Zhuji -> MIT -> Hangzhou


def test_odd_cells_give_reasons_not_errors(gaz):
    cells = [
        None,
        "",
        "  ",
        12345,
        "大学",
        "University",
        "美国",
        "Germany",
        "x" * 300,
        "🙂 大学",
        "(美国)",
    ]
    res = resolve_cells(gaz, pd.Series(cells, dtype=object), None, "CN")
    assert len(res) == len(cells)
    assert res["city_id"].isna().all()
    assert res["reason"].notna().all()


@pytest.mark.parametrize(
    "org, place",
    [
        # a person's name that is also a place's is no place
        ("Howard Hughes Medical Institute", None),  # not Brighton, CO ("Hughes")
        ("Van Andel Institute", None),  # not Van, Turkey
        ("Walter and Eliza Hall Institute of Medical Research", None),
        ("Howard University", None),  # not Howard, WI
        ("Pomona College", None),
        ("Clark University", None),
        # a place where the name puts one, or a big city before the kind word
        ("Kyoto Sangyo University", "Kyoto"),
        ("Hamburg University of Technology", "Hamburg"),
        ("Houston Methodist Hospital", "Houston"),
        ("Institute of Physics, Mainz", "Mainz"),
    ],
)
def test_place_in_a_latin_name_only_where_the_name_puts_one(gaz, org, place):
    from backflow_plugin.core.places.orgs import PlaceInName

    found = PlaceInName(gaz).find(org)
    assert (found[0] if found else None) == place


@pytest.mark.parametrize(
    "cell, place",
    [
        # a campus after a known name, in the organisation's state
        ("University of Nebraska Omaha", "Omaha"),
        ("University of Massachusetts Amherst", "Amherst"),
        ("Texas A&M University Corpus Christi", "Corpus Christi"),
        ("Harvard University Longwood", "Cambridge"),  # not a place in MA: main campus
        ("Yale School of Medicine", "New Haven"),  # a school of it, no campus
        # "X College" is not the table's "X University"; person-named ones have entries
        ("Carleton College", "Northfield"),
        ("Van Andel Institute", "Grand Rapids"),
        ("Walter and Eliza Hall Institute of Medical Research", "Melbourne"),
        ("Howard University", "Washington"),
    ],
)
def test_latin_organisation_cells_and_their_campus(gaz, cell, place):
    res = resolved(gaz, [cell])
    assert res.loc[cell, "place"] == place
    if place == "Amherst":
        assert res.loc[cell, "city_id"] == gaz.resolve(pd.Series(["Amherst, MA"]))["city_id"][0]


def test_organisation_column_takes_the_campus_or_else_the_main_campus(gaz):
    from backflow_plugin.core.tables.reshape import WideStage
    from backflow_plugin.core.trajectories.build import import_trajectories

    orgs = ["University of Nebraska Omaha", "Harvard University Longwood", "Nowhere Institute"]
    frame = pd.DataFrame({"id": ["1", "2", "3"], "博士后单位": orgs})
    result = import_trajectories(
        frame, FieldMap(person="id"), wide=[WideStage("postdoc", org="博士后单位")], gazetteer=gaz
    )
    assert result.stages["city"].tolist() == ["Omaha", "Cambridge"]
    assert result.unresolved["value"].tolist() == ["Nowhere Institute"]


def test_country_state_and_city_in_chinese(gaz):
    cells = [
        "美国纽约州罗切斯特",
        "美国伊利诺伊州厄巴纳-香槟",
        "美国加州斯坦福大学",
        "美国明尼苏达州罗切斯特",
    ]
    res = resolved(gaz, cells)
    rochester_ny = gaz.resolve(pd.Series(["Rochester, NY"]))["city_id"][0]
    assert res.loc["美国纽约州罗切斯特", "city_id"] == rochester_ny
    assert res.loc["美国伊利诺伊州厄巴纳-香槟", "place"] == "Urbana"
    assert res.loc["美国加州斯坦福大学", "place"] == "Stanford"
    # the table's 罗切斯特 is Rochester, NY: never taken in another state
    assert res.loc["美国明尼苏达州罗切斯特", "city_id"] != rochester_ny
