"""Texts of the English report once left English in the Chinese one (make demo,
report_zh.html): each is a message the page writes, and its Chinese has no English word."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from backflow_plugin.core.messages import M, say, speaking, term

LEFT_ENGLISH = [
    ("Return cities (top 20 of 52)", M("report.concentration.cities", n=20, total=52)),
    ("Circle and linear routes by return year", M("report.patterns.by", by=term("return year"))),
    ("the top 7 cities", M("report.lorenz.top_k", k=7)),
    ("Return cities, cumulative share (smallest to largest)", M("report.lorenz.x_axis")),
    ("Returnees, cumulative share", M("report.lorenz.y_axis")),
    (
        "The further the curve bends below the diagonal, the more the returns concentrate in "
        "few cities (Gini 0: every return city receives as many returnees; close to 1: one "
        "city receives nearly all).",
        M("report.concentration.lorenz_caption"),
    ),
    (
        "Share of all persons with at least one overseas stage in the region (the paper's "
        "grouping: USA, UK, rest of Europe, Asia, Australia, other; Hong Kong, Macao and "
        "Taiwan count as abroad, in Asia). A person counts once per region, and in every "
        "region they stayed in.",
        M("report.overseas.intro"),
    ),
    (
        "degree > 71 (top natural-breaks class)",
        M("report.table4.rule_core", measure=term("degree"), value="71"),
    ),
    (
        "degree > 30, or a municipality / sub-provincial city / provincial capital",
        M("report.table4.rule_excellent", measure=term("degree"), value="30"),
    ),
    (
        "degree <= 30, not a regional centre",
        M("report.table4.rule_special", measure=term("degree"), value="30"),
    ),
]


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>", " ", text))


@pytest.mark.parametrize(("english", "msg"), LEFT_ENGLISH)
def test_report_texts_in_chinese(english, msg):
    assert str(msg) == english
    with speaking("zh"):
        out = say(msg)
    assert out != english and not _words(out), out


def test_the_patterns_intro_in_chinese():
    """The circle/linear intro, written in three messages around the two bold words."""
    from backflow_plugin.core.report.page import _patterns_section

    empty = pd.DataFrame(columns=["by", "group", "circle", "linear", "total"])
    english = _patterns_section(empty)
    assert "route returns to a domestic city known before leaving" in english
    with speaking("zh"):
        chinese = _patterns_section(empty)
    intro = chinese.split("</p>", 1)[0]
    assert "<b>环形</b>" in intro and "<b>线形</b>" in intro
    assert not _words(intro), intro
