"""The regions section (not in the sample report, whose pages are checked byte for byte)
written in Chinese from its messages: every text in Chinese but the names the data hold,
the notes on hidden regions singular or plural, the matrix's trimmed rows named."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from backflow_plugin.core.messages import speaking
from backflow_plugin.core.report.regions_section import regions_section

NAMES = {"Beijing": "北京", "Shanghai": "上海", "USA": "美国"}


def _regions(n_min: int, wide: bool):
    """A region matrix and table of 3 (or 25) regions, one abroad, one unassigned."""
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


def _texts(page: str) -> list[str]:
    return [t for t in (html.unescape(x).strip() for x in re.findall(r">([^<>]+)<", page)) if t]


@pytest.mark.parametrize(
    ("n_min", "wide", "english", "chinese"),
    [
        (1, False, [], []),
        (
            5,
            False,
            [
                "1 region with fewer than 5 returnees: its count and shares are not shown.",
                "1 more region hidden (the smallest) so that the total of the returnees does "
                "not give the hidden ones away.",
            ],
            [
                "1 个区域的回国人才不足 5 人：不显示其人数与比例。",
                "另隐藏 1 个区域（取最小者），使回国人才合计无法反推出被隐藏的区域。",
                "矩阵：不足 5 人的单元格显示为“< 5”；标为“已隐藏”的单元格随之隐藏，使行、列合计无法反推。",
            ],
        ),
        (
            5,
            True,
            ["8 regions with fewer than 5 returnees: their counts and shares are not shown."],
            ["8 个区域的回国人才不足 5 人：不显示其人数与比例。", "其他区域"],
        ),
        (
            3,
            True,
            ["4 regions with fewer than 3 returnees: their counts and shares are not shown."],
            ["4 个区域的回国人才不足 3 人：不显示其人数与比例。", "其他区域"],
        ),
    ],
)
def test_the_regions_section_in_chinese(n_min, wide, english, chinese):
    matrix, regions = _regions(n_min, wide)
    with speaking("en", NAMES):
        en = _texts(regions_section(matrix, regions))
    with speaking("zh", NAMES):
        zh = _texts(regions_section(matrix, regions))
    assert set(english) <= set(en)
    assert set(chinese) <= set(zh)
    assert len(zh) == len(en)  # the same texts, each in its language
    for heading in ("区域", "各区域的回国人才", "境外：美国", "（无区域）", "合计", "从 \\ 到"):
        assert heading in zh
    # what stays Latin: the data's region names (R0...), a tool's id inside a sentence
    latin = [re.sub(r"backflow:\w+", "", t) for t in zh]
    left = [t for t in latin if re.search(r"[A-Za-z]{2,}", t)]
    assert left == []
    assert sum(t.startswith("R") and t[1:].isdigit() for t in zh) >= 3
