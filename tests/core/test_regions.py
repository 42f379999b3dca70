"""core.regions.counts on a hand-made cluster layer: three overlapping regions and one empty one."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.regions import counts as R

# city_id -> (name, country, lon, lat)
PLACES = {
    "SHA": ("Shanghai", "CN", 121.47, 31.23),
    "NKG": ("Nanjing", "CN", 118.78, 32.06),
    "HGH": ("Hangzhou", "CN", 120.16, 30.29),
    "PEK": ("Beijing", "CN", 116.40, 39.90),
    "TSN": ("Tianjin", "CN", 117.20, 39.13),
    "WUH": ("Wuhan", "CN", 114.30, 30.59),
    "KMG": ("Kunming", "CN", 102.71, 25.04),
    "BOS": ("Boston", "US", -71.06, 42.36),
    "LON": ("London", "GB", -0.13, 51.51),
    "TYO": ("Tokyo", "JP", 139.69, 35.69),
}
PEOPLE = {
    "P1": [("birth", "WUH"), ("phd", "BOS"), ("return", "SHA")],  # linear
    "P2": [("birth", "SHA"), ("bachelor", "NKG"), ("phd", "LON"), ("return", "NKG")],  # circle
    "P3": [("birth", "HGH"), ("phd", "TYO"), ("return", "HGH"), ("later", "PEK")],  # circle
    "P4": [("birth", "KMG"), ("phd", "BOS"), ("return", "PEK")],  # linear
    "P5": [("birth", "PEK"), ("bachelor", "PEK"), ("work", "TSN")],  # never abroad
}
# Yangtze River Delta, Jing-Jin-Ji, a coastal belt overlapping both, an empty western zone.
REGIONS = pd.DataFrame(
    {
        "region_id": ["0", "1", "2", "3"],
        "name": ["YRD", "JJJ", "Coast", "West"],
        "lon": [120.0, 116.8, 119.0, 90.0],
        "lat": [31.0, 39.5, 33.0, 35.0],
    }
)
MEMBERSHIP = {
    "SHA": ["0", "2"],
    "NKG": ["0"],
    "HGH": ["0", "2"],
    "PEK": ["1"],
    "TSN": ["1", "2"],
}
N_MOVES = 2 + 3 + 3 + 2 + 1  # P5: Beijing -> Beijing is no move


def stages() -> pd.DataFrame:
    rows = []
    for pid, steps in PEOPLE.items():
        for seq, (stage, cid) in enumerate(steps, 1):
            name, country, lon, lat = PLACES[cid]
            rows.append((pid, seq, stage, cid, name, country, country == "CN", lon, lat))
    return pd.DataFrame(
        rows,
        columns=[
            "person_id",
            "seq",
            "stage",
            "city_id",
            "city",
            "country",
            "domestic",
            "lon",
            "lat",
        ],
    )


def run(overlap="each", **kw) -> R.RegionalResult:
    return R.regional_analysis(stages(), REGIONS, MEMBERSHIP, overlap=overlap, **kw)


def by_name(result) -> dict[str, dict]:
    return {r["name"]: r for r in result.regions.to_dict("records")}


def test_first_overlap_counts_add_up_to_the_city_totals():
    res = run("first")
    reg = by_name(res)
    assert res.total_returnees == 4
    assert [reg[n]["returnees"] for n in ("YRD", "JJJ", "Coast", "West")] == [3, 1, 0, 0]
    assert reg["(no region)"]["returnees"] == 0
    assert res.regions["returnees"].sum() == res.total_returnees
    assert reg["YRD"]["returnee_share"] == pytest.approx(0.75)
    assert (reg["YRD"]["circle"], reg["YRD"]["linear"]) == (2, 1)
    assert reg["YRD"]["circle_share"] == pytest.approx(2 / 3)
    # every move in exactly one matrix cell
    total = res.matrix.set_index("from_region").loc["total", "total"]
    assert total == N_MOVES == res.total_moves
    # persons with a stage in the region
    assert reg["YRD"]["persons"] == 3 and reg["JJJ"]["persons"] == 3
    assert reg["West"]["cities"] == 0 and reg["West"]["persons"] == 0


def test_each_overlap_counts_a_city_in_every_region_that_holds_it():
    res = run("each")
    reg = by_name(res)
    # Shanghai (P1) and Hangzhou (P3) are also on the coast; Tianjin is in two regions
    assert [reg[n]["returnees"] for n in ("YRD", "JJJ", "Coast", "West")] == [3, 1, 2, 0]
    per_city = {"SHA": 1, "NKG": 1, "HGH": 1, "PEK": 1}
    weighted = sum(n * len(MEMBERSHIP[c]) for c, n in per_city.items())
    assert res.regions["returnees"].sum() == weighted == 6
    assert reg["Coast"]["cities"] == 3 and reg["JJJ"]["cities"] == 2


def test_none_overlap_puts_cities_in_several_regions_in_no_region():
    res = run("none")
    reg = by_name(res)
    assert [reg[n]["returnees"] for n in ("YRD", "JJJ", "Coast")] == [1, 1, 0]
    assert reg["(no region)"]["returnees"] == 2
    assert res.regions["returnees"].sum() == res.total_returnees


def test_every_city_not_in_exactly_one_region_is_listed_with_its_reason():
    res = run("first")
    un = res.unmatched.set_index("city_id")
    assert set(un.index) == {"SHA", "HGH", "TSN", "WUH", "KMG", "BOS", "LON", "TYO"}
    assert un.loc["SHA", "status"] == R.STATUS_SEVERAL
    assert un.loc["SHA", "regions"] == "YRD, Coast"
    assert un.loc["SHA", "counted_in"] == "YRD"
    assert "counted in the first, YRD" in un.loc["SHA", "reason"]
    assert un.loc["WUH", "status"] == R.STATUS_OUTSIDE
    assert un.loc["WUH", "counted_in"] == "(no region)"
    assert un.loc["BOS", "status"] == R.STATUS_ABROAD
    assert un.loc["BOS", "counted_in"] == "Abroad: USA"
    assert un.loc["TYO", "counted_in"] == "Abroad: Asia"
    # no city vanishes: links cover every city of the stages
    assert set(res.links["city_id"]) == set(PLACES)


def test_flows_inflow_outflow_and_net():
    reg = by_name(run("first"))
    # YRD in: BOS->SHA, LON->NKG, TYO->HGH; out: HGH->PEK, SHA? no (SHA->NKG internal)
    assert reg["YRD"]["inflow"] == 3
    assert reg["YRD"]["outflow"] == 3  # NKG->LON, HGH->TYO, HGH->PEK
    assert reg["YRD"]["internal"] == 1  # SHA->NKG
    assert reg["YRD"]["net_flow"] == 0
    # JJJ in: HGH->PEK, BOS->PEK; internal PEK->TSN
    assert (reg["JJJ"]["inflow"], reg["JJJ"]["outflow"], reg["JJJ"]["internal"]) == (2, 0, 1)
    assert reg["JJJ"]["net_flow"] == 2


def test_talent_export_and_born_returned():
    reg = by_name(run("first"))
    # born in YRD: P2 (Shanghai, back to Nanjing), P3 (Hangzhou, back home)
    assert reg["YRD"]["born"] == 2
    assert reg["YRD"]["born_returned"] == 2
    assert reg["YRD"]["talent_export"] == 0
    # born in no region: P1 (Wuhan -> Shanghai), P4 (Kunming -> Beijing)
    assert reg["(no region)"]["talent_export"] == 2
    # P5 born in JJJ never returned: neither
    assert reg["JJJ"]["born"] == 1 and reg["JJJ"]["talent_export"] == 0


def test_region_flows_by_type_and_pattern_add_up():
    res = run("first")
    f = res.flows
    back = f[(f["flow_type"] == "backflow") & (f["dest"] == "YRD")].set_index("origin")
    assert back.loc["Abroad: USA", "count"] == 1 and back.loc["Abroad: USA", "linear"] == 1
    assert back.loc["Abroad: UK", "circle"] == 1
    assert back.loc["Abroad: Asia", "circle"] == 1
    internal = 1 + 1  # SHA->NKG (YRD), PEK->TSN (JJJ)
    assert f["count"].sum() + internal == N_MOVES
    yrd = f[f["dest"] == "YRD"]
    assert yrd["origin_lon"].notna().all() and yrd["dest_lat"].eq(31.0).all()


def test_birth_return_matrix():
    res = run("first", matrix_kind="birth_return")
    m = res.matrix.set_index("from_region")
    assert m.loc["YRD", "YRD"] == 2
    assert m.loc["(no region)", "YRD"] == 1 and m.loc["(no region)", "JJJ"] == 1
    assert m.loc["total", "total"] == res.total_returnees


def test_tier_mix():
    tiers = pd.DataFrame({"city_id": ["SHA", "PEK", "NKG", "HGH"], "tier": [1, 1, 1, 2]})
    reg = by_name(run("first", tiers=tiers))
    assert (reg["YRD"]["tier1_cities"], reg["YRD"]["tier2_cities"]) == (2, 1)
    assert reg["YRD"]["tier_mix"] == "2 / 1 / 0"
    assert reg["JJJ"]["untiered_cities"] == 1  # Tianjin


def test_matrix_names_unique_and_bad_choices():
    assert R.unique_names(["A", "a", "total"]) == ["A", "a (2)", "total (2)"]
    with pytest.raises(BackflowInputError, match="overlap"):
        run("most")
    with pytest.raises(BackflowInputError, match="matrix"):
        run("each", matrix_kind="pairs")
    with pytest.raises(BackflowInputError, match="person_id"):
        R.regional_analysis(stages().drop(columns="person_id"), REGIONS, MEMBERSHIP)


def test_province_names_zh():
    gaz = pd.DataFrame({"province": ["Tibet", "Hubei"], "province_zh": ["西藏自治区", "湖北省"]})
    assert R.province_names_zh(["Xizang", "Hubei", "Paracel Islands", "Atlantis"], gaz) == [
        "西藏自治区",
        "湖北省",
        "西沙群岛",
        None,
    ]


def test_a_domestic_city_near_a_region_counts_in_it_and_is_listed():
    res = R.regional_analysis(
        stages(), REGIONS, MEMBERSHIP, overlap="first", near={"WUH": ("0", 4.2)}
    )
    un = res.unmatched.set_index("city_id")
    assert un.loc["WUH", "status"] == R.STATUS_NEAR
    assert un.loc["WUH", "reason"] == "outside every region, 4.2 km from YRD; counted in YRD"
    reg = by_name(res)
    assert reg["YRD"]["born"] == 3 and reg["(no region)"]["born"] == 1
    assert res.regions["born"].sum() == 5


def test_report_section_trims_the_matrix_and_ranks_regions():
    from backflow_plugin.core.report import page as report_html
    from backflow_plugin.core.report.regions_section import trim_matrix

    res = run("first")
    trimmed = trim_matrix(res.matrix)
    assert "West" not in trimmed.columns and "West" not in set(trimmed["from_region"])
    assert "Coast" not in trimmed.columns  # in first-region counting nothing lands there
    assert trimmed.iloc[-1]["total"] == N_MOVES
    html = report_html.render_report({"region_matrix": res.matrix, "region_stats": res.regions})
    section = html[html.index('<section id="regions">') :]
    assert "Regions by returnees" in section
    assert ">YRD</td>" in section and ">West</td>" not in section
    assert "+2" in section  # JJJ's net inflow
    assert '<section id="regions">' not in report_html.render_report({})


def test_region_flows_split_by_pattern():
    whole = run("first").flows
    split = R.regional_analysis(
        stages(), REGIONS, MEMBERSHIP, overlap="first", split_by_pattern=True
    ).flows
    assert split["count"].sum() == whole["count"].sum()
    usa_yrd = split[(split["origin"] == "Abroad: USA") & (split["dest"] == "YRD")]
    assert usa_yrd[["pattern", "count"]].values.tolist() == [["linear", 1]]
    assert set(split["pattern"]) == {"circle", "linear"}
    assert (split["circle"] + split["linear"] == split["count"]).all()
    # a person who never went abroad moves Kunming (no region) -> Beijing: no pattern
    extra = pd.DataFrame(
        [("P6", 1, "birth", "KMG", "Kunming", "CN", True, 102.71, 25.04),
         ("P6", 2, "work", "PEK", "Beijing", "CN", True, 116.40, 39.90)],
        columns=stages().columns,
    )  # fmt: skip
    more = R.regional_analysis(
        pd.concat([stages(), extra], ignore_index=True), REGIONS, MEMBERSHIP,
        overlap="first", split_by_pattern=True,
    ).flows  # fmt: skip
    no_pattern = more[more["pattern"].isna()]
    assert no_pattern[["origin", "dest", "flow_type", "count"]].values.tolist() == [
        ["(no region)", "JJJ", "domestic", 1]
    ]
