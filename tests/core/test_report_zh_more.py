"""core.report.zh: the page's tooltips, notes, navigation and run record in Chinese too."""

from __future__ import annotations

import pytest

from backflow_plugin.core.report.zh import translate

NAMES = {"Beijing": "北京", "Cambridge": "剑桥", "New York City": "纽约", "USA": "美国"}


def _zh(text: str) -> str:
    """One text node of a page, translated."""
    page = translate(f"<style></style><p>{text}</p>", NAMES)
    return page.split("<p>", 1)[1].rsplit("</p>", 1)[0]


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        # chart tooltips: the label translated, the figures kept
        ("Beijing: 22.9 %", "北京：22.9 %"),
        ("university: 83.9 %", "高校：83.9 %"),
        ("Cambridge (US): 101", "剑桥 (US)：101"),
        ("Biological Science - circle: 460 (60.8 %)", "生命科学 - 环形：460 (60.8 %)"),
        ("USA → National core city: 794", "美国 → 国家核心城市：794"),
        ("71.19 % of returns", "占回流的 71.19 %"),
        ("Gini = 0.760", "基尼系数 = 0.760"),
        ("equal shares", "均等线"),
        # navigation, group columns, measures
        ("table1", "表1"),
        ("reproducibility", "可重复性"),
        ("subject", "学科"),
        ("betweenness", "介数"),
        # disclosure control, each part of the note
        (
            "disclosure control (MIN_PERSONS = 5): 1 cell of 1 to 4 persons hidden",
            "披露控制（MIN_PERSONS = 5）：隐藏了 1 个 1 至 4 人的单元格",
        ),
        (
            "disclosure control (MIN_PERSONS = 5): 20 cities with fewer than 5 persons merged "
            "into 'other'; 2 regions of 1 to 4 persons hidden",
            "披露控制（MIN_PERSONS = 5）：20 个不足 5 人的城市并入“其他”；隐藏了 2 个 1 至 4 人的区域",
        ),
        ("other (3 groups)", "其他（3 个分组）"),
        # the comparison with the paper
        (
            "the paper prints 'New York'; the data hold New York City",
            "论文写作“New York”，数据中为纽约",
        ),
        (
            ": paper 1,696, computed 1,686 (the printed cells add up to 1,686, not 1,696: the "
            "printed sum cannot be reached with the printed cells)",
            "：论文 1,696，计算 1,686（印出的单元格合计 1,686，而非 1,696：印出的单元格无法得出印出的合计）",
        ),
        # the run record
        ("17,427 data rows (encoding utf-8)", "17,427 行数据（编码 utf-8）"),
        ("stages (17,427 features, 2,846 persons)", "stages（17,427 个要素，2,846 人）"),
        ("(not given)", "（未给出）"),
    ],
)
def test_in_chinese(english, chinese):
    assert _zh(english) == chinese


def test_names_and_unknown_text_stay():
    assert _zh("Peking University") == "Peking University"
    assert _zh("Atlantis: 3 %") == "Atlantis: 3 %"  # a name not known: left as it is
    page = translate("<title>Backflow report</title><style></style><p>x</p>", {})
    assert "<title>Backflow 回流报告</title>" in page
