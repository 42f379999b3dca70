"""The page's tooltips, notes, navigation and run record in Chinese too: the messages the
page writes them with, put into Chinese with the places the data hold."""

from __future__ import annotations

import pytest

from backflow_plugin.core.disclosure import rules as dc
from backflow_plugin.core.messages import M, Message, local_value, say, speaking, term

NAMES = {"Beijing": "北京", "Cambridge": "剑桥", "New York City": "纽约", "USA": "美国"}


def _zh(msg) -> str:
    """A message, or a value the data hold, as the Chinese page writes it."""
    with speaking("zh", NAMES):
        return say(msg) if isinstance(msg, Message) else local_value(msg)


@pytest.mark.parametrize(
    ("msg", "english", "chinese"),
    [
        # chart tooltips: the label in Chinese, the figures kept
        (
            M("report.chart.value", label="Beijing", value="22.9 %"),
            "Beijing: 22.9 %",
            "北京：22.9 %",
        ),
        (
            M("report.chart.value", label=term("university"), value="83.9 %"),
            "university: 83.9 %",
            "高校：83.9 %",
        ),
        (
            M("report.chart.value", label="Cambridge (US)", value=101),
            "Cambridge (US): 101",
            "剑桥 (US)：101",
        ),
        (
            M(
                "report.chart.part_value",
                label=term("Biological Science"),
                part=term("circle"),
                count=460,
                share="60.8",
            ),
            "Biological Science - circle: 460 (60.8 %)",
            "生命科学 - 环形：460 (60.8 %)",
        ),
        (
            M("report.chart.flow", left="USA", right=term("National core city"), n=794),
            "USA → National core city: 794",
            "美国 → 国家核心城市：794",
        ),
        (M("report.lorenz.of_returns", share="71.19"), "71.19 % of returns", "占回流的 71.19 %"),
        (M("report.lorenz.gini", gini="0.760"), "Gini = 0.760", "基尼系数 = 0.760"),
        (M("report.lorenz.equal_shares"), "equal shares", "均等线"),
        # navigation, group columns, measures
        (M("report.nav.table1"), "table1", "表1"),
        (M("report.nav.reproducibility"), "reproducibility", "可重复性"),
        (term("subject"), "subject", "学科"),
        (term("betweenness"), "betweenness", "介数"),
        # disclosure control, each part of the note
        (
            dc.disclosure(5, [M("note.cells_hidden.one", k1=4)]),
            "disclosure control (MIN_PERSONS = 5): 1 cell of 1 to 4 persons hidden",
            "披露控制（MIN_PERSONS = 5）：隐藏了 1 个 1 至 4 人的单元格",
        ),
        (
            dc.disclosure(
                5, [M("note.merged.cities", n=20, k=5), M("note.regions_hidden", n=2, k1=4)]
            ),
            "disclosure control (MIN_PERSONS = 5): 20 cities with fewer than 5 persons merged "
            "into 'other'; 2 regions of 1 to 4 persons hidden",
            "披露控制（MIN_PERSONS = 5）：20 个不足 5 人的城市并入“其他”；隐藏了 2 个 1 至 4 人的区域",
        ),
        (M("note.other.groups", n=3), "other (3 groups)", "其他（3 个分组）"),
        # the comparison with the paper
        (
            M("report.reference.city_note", printed="New York", held="New York City"),
            "the paper prints 'New York'; the data hold New York City",
            "论文写作“New York”，数据中为纽约",
        ),
        (
            M(
                "report.reference.missed_why",
                paper="1,696",
                computed="1,686",
                why=M("report.reference.sum_note", cells="1,686", printed="1,696"),
            ),
            ": paper 1,696, computed 1,686 (the printed cells add up to 1,686, not 1,696: the "
            "printed sum cannot be reached with the printed cells)",
            "：论文 1,696，计算 1,686（印出的单元格合计 1,686，而非 1,696：印出的单元格无法得出印出的合计）",
        ),
        # the run record
        (
            M("report.run.rows_encoding", rows="17,427", encoding="utf-8"),
            "17,427 data rows (encoding utf-8)",
            "17,427 行数据（编码 utf-8）",
        ),
        (
            M("report.run.stages", name="stages", n="17,427", persons="2,846"),
            "stages (17,427 features, 2,846 persons)",
            "stages（17,427 个要素，2,846 人）",
        ),
        (term("(not given)"), "(not given)", "（未给出）"),
    ],
)
def test_in_chinese(msg, english, chinese):
    assert str(msg) == english
    assert _zh(msg) == chinese


def test_names_and_unknown_text_stay():
    assert _zh("Peking University") == "Peking University"
    # a name not known: left as it is
    assert _zh(M("report.chart.value", label="Atlantis", value="3 %")) == "Atlantis：3 %"
    assert _zh("Atlantis") == "Atlantis"
    assert _zh(M("report.title")) == "Backflow 回流报告"
