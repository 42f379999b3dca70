"""The paper's figures, the comparison, the migration indices, the Sankey and the Chinese page."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.messages import M, local_value, say, speaking
from backflow_plugin.core.report import indices, reference
from backflow_plugin.core.report import paper as report_paper
from backflow_plugin.core.report import sankey as chart_sankey


def _stages() -> pd.DataFrame:
    # p1: Wuhan -> Boston -> Beijing (return) -> Shanghai (later); p2: Xi'an -> London -> Beijing
    rows = [
        ("p1", 1, "birth", "W", "CN", True),
        ("p1", 2, "phd", "B", "US", False),
        ("p1", 3, "return", "P", "CN", True),
        ("p1", 4, "later", "S", "CN", True),
        ("p2", 1, "birth", "X", "CN", True),
        ("p2", 2, "postdoc", "L", "GB", False),
        ("p2", 3, "return", "P", "CN", True),
    ]
    return pd.DataFrame(
        rows, columns=["person_id", "seq", "stage", "city_id", "country", "domestic"]
    )


def _cities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "city_id": ["W", "B", "P", "S", "X", "L"],
            "name": ["Wuhan", "Boston", "Beijing", "Shanghai", "Xi'an", "London"],
            "lon": [114.3, -71.06, 116.4, 121.5, 108.9, -0.13],
            "lat": [30.6, 42.36, 39.9, 31.2, 34.3, 51.5],
            "tier": [None, None, 1, 2, None, None],
        }
    )


def test_moves_and_indices():
    mv = indices.moves(_stages())
    assert list(zip(mv["origin_id"], mv["dest_id"])) == [("W", "B"), ("B", "P"), ("P", "S"),
                                                         ("X", "L"), ("L", "P")]  # fmt: skip
    idx = indices.return_city_indices(_stages(), _cities())
    assert len(idx) == 1
    row = idx.iloc[0]
    assert (row["city"], row["returnees"], row["moves_in"], row["moves_out"]) == (
        "Beijing",
        2,
        2,
        1,
    )
    assert row["linked_cities"] == 3  # Boston, London, Shanghai
    assert row["connectivity"] == pytest.approx(3 / 5)
    assert row["intensity"] == pytest.approx(3 / 2)
    assert row["effectiveness"] == pytest.approx(100 / 3)
    boston = indices.haversine_km(-71.06, 42.36, 116.4, 39.9)
    london = indices.haversine_km(-0.13, 51.5, 116.4, 39.9)
    assert row["mean_return_km"] == pytest.approx((boston + london) / 2)
    assert 10_000 < boston < 11_500 and 8_000 < london < 8_300


def test_return_flows_by_region_and_tier():
    flows = indices.return_flows(_stages(), _cities())
    assert list(flows.itertuples(index=False, name=None)) == [("USA", 1, 1), ("UK", 1, 1)]
    moved = indices.return_flows(_stages(), _cities(), regions={"GB": "Europe"})
    assert ("Europe", 1, 1) in list(moved.itertuples(index=False, name=None))


def test_sankey_svg_widths_follow_persons():
    svg = chart_sankey.sankey_svg(
        [("USA", "core", 30), ("UK", "core", 10), ("UK", "special", 0)],
        ["USA", "UK"],
        ["core", "special"],
        "t",
    )
    assert svg.startswith("<svg") and svg.count("<path") == 2
    assert "USA (30, 75.0 %)" in svg and "special" not in svg.split("</title>", 1)[1]
    assert chart_sankey.sankey_svg([], ["USA"], ["core"], "t") == ""


def test_compare_marks_the_unreachable_figures():
    t1 = pd.DataFrame(
        [
            {"subject": s, "university": u, "research institute": i, "enterprise": e,
             "total": n, **{f"top{k}_city": c for k, (c, _) in enumerate(top, 1)},
             **{f"top{k}_count": m for k, (_, m) in enumerate(top, 1)}}
            for s, (u, i, e, top, n) in reference.TABLE1.items()
        ]
        + [{"subject": "All", "university": 2350, "total": 2846}]
    )  # fmt: skip
    out = reference.compare({"table1": t1}, network_cities=439)
    t1_rows = out[out["section"] == "Table 1"]
    assert len(t1_rows) == 62
    ok = t1_rows.apply(lambda r: reference.matches(r.to_dict()), axis=1)
    assert list(t1_rows.loc[~ok, "item"]) == ["share at universities, %"]
    net = out[out["item"] == "cities worldwide"].iloc[0]
    assert (net["paper"], net["computed"], net["difference"]) == (440, 439, -1)


def test_org_names_fold_to_the_printed_ones():
    assert reference.org_key("SunYat-Sen University") == reference.org_key("Sun Yat-sen University")
    assert reference.org_key("Massachusetts Institute") == reference.org_key(
        "Massachusetts Institute of Technology"
    )


def test_sample_detection():
    ids = [f"P{i:04d}" for i in range(1, 2842)] + list("ABCDE")
    assert report_paper.is_sample(pd.DataFrame({"person_id": ids}))
    assert not report_paper.is_sample(pd.DataFrame({"person_id": ids[:-1] + ["Z"]}))
    assert not report_paper.use_reference("auto", pd.DataFrame({"person_id": ["x"]}))
    assert report_paper.use_reference("paper", pd.DataFrame({"person_id": ["x"]}))


def test_chinese_page_translates_texts_not_names_inside_organisations():
    names = {"Beijing": "北京", "Shanghai": "上海", "Nanjing": "南京"}
    with speaking("zh", names):
        assert say(M("report.table4.title")) == "表4 各等级城市"
        assert local_value("Nanjing University") == "Nanjing University"
        assert local_value("Beijing (677); Shanghai (466)") == "北京 (677)；上海 (466)"
        assert local_value("Engineering & Materials Science") == "工程与材料科学"
        assert local_value("Unknown words") == "Unknown words"
