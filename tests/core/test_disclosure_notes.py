"""MIN_PERSONS on the circle share by return year; notes that are true, singular and
in Chinese too (issue 15)."""

from __future__ import annotations

import re

import pandas as pd

from backflow_plugin.core.disclosure import margins as report_margins
from backflow_plugin.core.disclosure import rules as dc
from backflow_plugin.core.messages import M, local_value, say, speaking, text
from backflow_plugin.core.report import sources_parts
from backflow_plugin.core.report import sources_section as sth


def _patterns() -> pd.DataFrame:
    rows = [
        ("all", "all", 30, 20),
        ("subject", "Physics", 20, 12),
        ("subject", "Maths", 1, 1),
        ("subject", "Art", 2, 1),
        ("return_year", "2011", 2, 1),
        ("return_year", "2012", 10, 8),
        ("return_year", "2013", 1, 0),
        ("return_year", "2014", 17, 10),
    ]
    frame = pd.DataFrame(rows, columns=["by", "group", "circle", "linear"])
    frame["total"] = frame["circle"] + frame["linear"]
    frame["circle_share"] = frame["circle"] / frame["total"]
    frame["linear_share"] = frame["linear"] / frame["total"]
    frame["no_pattern"] = 0
    return frame


def test_years_under_k_are_hidden_not_merged():
    tables = {"patterns": _patterns()}
    notes = dc.protect_report(tables, 5)
    out = tables["patterns"]
    years = out[out["by"] == "return_year"].set_index("group")
    # 2011 (3) and 2013 (1) keep their rows, hidden: a gap among the years, not a merge
    assert years.index.tolist() == ["2011", "2012", "2013", "2014"]
    assert years.loc[["2011", "2013"], "total"].isna().all()
    assert years.loc["2014", "total"] == 27
    assert out[out["by"] == "subject"]["group"].tolist() == ["Physics", "other (2 groups)"]
    assert out[out["group"] == "other (2 groups)"]["total"].tolist() == [5]
    assert notes["patterns"].startswith(
        "disclosure control (MIN_PERSONS = 5): subject: 2 groups of fewer than 5 persons "
        "merged into 'other'; return year: 2 years of fewer than 5 persons hidden"
    )
    assert report_margins.leaks(tables) == []
    assert out[out["by"] == "all"]["total"].tolist() == [50]  # the headline stays
    # at 1 nothing can be hidden: no change, no note
    same = {"patterns": _patterns()}
    assert dc.protect_report(same, 1) == {} and len(same["patterns"]) == 8


def test_one_hidden_year_is_said_in_the_singular():
    pat = _patterns()
    pat = pat[pat["group"] != "2011"]
    _, note = dc.merge_pattern_groups(pat.reset_index(drop=True), 3)
    assert note == (
        # Maths (2) alone is under 3, Art (3) is not; 2013 (1) is the only small year
        "subject: 1 group of fewer than 3 persons (together too) not shown; "
        "return year: 1 year of fewer than 3 persons hidden"
    )


def test_notes_in_chinese():
    """The notes the rules write, put into Chinese by the page (their messages)."""
    with_tail = dc.with_gini_tail(dc.disclosure(5, [M("note.merged.cities", n=20, k=5)]))
    assert with_tail == (
        "disclosure control (MIN_PERSONS = 5): 20 cities with fewer than 5 persons merged "
        "into 'other' (the shares and the Gini use every city)"
    )
    assert text(with_tail, "zh") == (
        "披露控制（MIN_PERSONS = 5）：20 个不足 5 人的城市并入“其他”（比例与基尼系数使用全部城市）"
    )
    pat = _patterns()
    pat = pat[pat["group"] != "2011"].reset_index(drop=True)
    _, note = dc.merge_pattern_groups(pat, 3)
    assert text(dc.disclosure(3, [note]), "zh") == (
        "披露控制（MIN_PERSONS = 3）：学科：不足 3 人的 1 个分组（合计仍不足）未显示；"
        "回国年份：不足 3 人的 1 个年份已隐藏"
    )
    tables = {"patterns": _patterns()}
    notes = dc.protect_report(tables, 5)
    with speaking("zh"):
        page = f"<p>{say(notes['patterns'])}</p>"
        other = say(local_value("other (3 organisations)"))
    assert page.startswith(
        "<p>披露控制（MIN_PERSONS = 5）：学科：不足 5 人的 2 个分组已并入“其他”；"
        "回国年份：不足 5 人的 2 个年份已隐藏"
    )
    assert not re.findall(r"[A-Za-z]{3,}", page.replace("MIN_PERSONS", "")), page
    assert text(M("note.other.organisations", n=3), "zh") == "其他（3 个机构）"
    assert other == "other (3 organisations)"  # plain text is not a message: as given
    # a note of 1 cell is singular in both languages
    one = dc.disclosure(2, [M("note.cells_hidden.one", k1=1)])
    assert one == "disclosure control (MIN_PERSONS = 2): 1 cell of 1 to 1 persons hidden"
    assert text(one, "zh") == "披露控制（MIN_PERSONS = 2）：隐藏了 1 个 1 至 1 人的单元格"


def _with_min(frame: pd.DataFrame, k: int, **attrs) -> pd.DataFrame:
    frame.attrs.update({"min_persons": k, **attrs})
    return frame


def test_no_rule_stated_when_nothing_can_be_hidden():
    for k, said in ((1, False), (5, True)):
        tables = {
            "top_sources": _with_min(pd.DataFrame(), k),
            "trends": _with_min(pd.DataFrame(), k),
        }
        page = sth.sources_section(tables, {}) + sth.trends_section(tables, {})
        assert ("fewer than" in page) is said
        assert "fewer than 1 " not in page


def test_one_hidden_cell_is_singular_and_gives_no_count_away():
    note = sources_parts.hidden_note(_with_min(pd.DataFrame(), 5, hidden_cells=1, hidden_persons=3))
    assert "1 cell with fewer than 5 persons is not shown on its own: it is merged" in note
    assert "3 persons" not in note
    many = sources_parts.hidden_note(_with_min(pd.DataFrame(), 5, hidden_cells=4, hidden_persons=9))
    assert "4 cells with fewer than 5 persons (9 persons in all)" in many
