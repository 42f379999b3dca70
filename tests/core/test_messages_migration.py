"""While the report moves to messages: the Chinese page made from messages (then the old
replacement pass, for what is not moved yet) equals the old way, the English page run
through the replacement pass. Deleted with core/report/zh.py."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.disclosure import rules as disclosure
from backflow_plugin.core.messages import speaking
from backflow_plugin.core.report import page, paper
from backflow_plugin.core.report import tables as report
from backflow_plugin.core.report import zh as report_zh
from backflow_plugin.core.report.regions_section import regions_section
from backflow_plugin.core.tables.delimited import read_text_table
from backflow_plugin.core.tables.fields import detect_fields
from backflow_plugin.core.trajectories.build import FieldMap, import_trajectories
from backflow_plugin.paths import RESOURCES_DIR as RESOURCES

NAMES = {"Beijing": "北京", "Shanghai": "上海", "Cambridge": "剑桥", "USA": "美国"}


def _both(render) -> tuple[str, str]:
    with speaking("en", NAMES):
        old = report_zh.translate(render(), NAMES)
    with speaking("zh", NAMES):
        new = report_zh.translate(render(), NAMES)
    return old, new


@pytest.fixture(scope="module")
def sample_tables():
    frame, _ = read_text_table(str(RESOURCES / "sample" / "returnees_synthetic.csv"), None)
    stages = import_trajectories(frame, FieldMap(**detect_fields(frame.columns))).stages
    tables = report.build_report(stages, None, None, sources_options={"min_persons": 5})
    paper.paper_tables(stages, None, tables, reference_mode="paper")
    disclosure.protect_report(tables, 5)
    return tables


def test_the_sample_page(sample_tables):
    meta = {"date": "2026-01-01 00:00 UTC", "extra_sections": paper.extra_sections}
    old, new = _both(lambda: page.render_report(sample_tables, meta))
    assert new == old


def _regions(n_min: int, wide: bool):
    names = [f"R{i}" for i in range(25 if wide else 3)] + ["Abroad: USA", "(no region)"]
    values = {n: [(i * 7 + j * 3) % 11 for j in range(len(names))] for i, n in enumerate(names)}
    matrix = pd.DataFrame({"from_region": names, **values})
    matrix["total"] = matrix[names].sum(axis=1)
    total = {"from_region": "total", **matrix[[*names, "total"]].sum().to_dict()}
    matrix = pd.concat([matrix, pd.DataFrame([total])], ignore_index=True)
    regions = pd.DataFrame(
        {
            "name": names,
            "returnees": [(i * 5) % 13 for i in range(len(names))],
            "returnee_share": [0.1] * len(names),
            "inflow": 3,
            "outflow": 2,
            "net_flow": 1,
            "talent_export": [i % 7 for i in range(len(names))],
            "circle_share": 0.5,
            "tier_mix": "1 / 0 / 0",
        }
    )
    matrix.attrs["min_persons"] = regions.attrs["min_persons"] = n_min
    return matrix, regions


@pytest.mark.parametrize(("n_min", "wide"), [(1, False), (5, False), (5, True), (3, True)])
def test_the_regions_section(n_min, wide):
    matrix, regions = _regions(n_min, wide)
    old, new = _both(lambda: regions_section(matrix, regions))
    assert new == old
