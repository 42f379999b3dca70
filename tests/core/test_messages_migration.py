"""The regions section (not in the sample report, whose pages in English and Chinese are
checked byte for byte against the ones made before messages) written in Chinese from messages alone
equals the old way, the English section run through the replacement pass of
core/report/zh.py. Deleted with core/report/zh.py."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.messages import speaking
from backflow_plugin.core.report import zh as report_zh
from backflow_plugin.core.report.regions_section import regions_section

NAMES = {"Beijing": "北京", "Shanghai": "上海", "Cambridge": "剑桥", "USA": "美国"}


def _both(render) -> tuple[str, str]:
    """(the English page through the replacement pass, the page written in Chinese);
    `render(language, names)` writes it."""
    old = report_zh.translate(render("en", NAMES), NAMES)
    return old, render("zh", NAMES)


def _spoken(section):
    """A section builder as a `render(language, names)` of :func:`_both`."""

    def render(language, names):
        with speaking(language, names):
            return section()

    return render


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
    old, new = _both(_spoken(lambda: regions_section(matrix, regions)))
    assert new == old
