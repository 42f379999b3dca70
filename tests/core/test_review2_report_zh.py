"""Review of issue 12 item 5: texts of the English report left English in the Chinese one
(make demo, report_zh.html)."""

from __future__ import annotations

import re

import pytest

from backflow_plugin.core.report import zh as report_zh

LEFT_ENGLISH = [
    "<h3>Return cities (top 20 of 52)</h3>",
    "<h3>Circle and linear routes by return year</h3>",
    '<text x="1">the top 7 cities</text>',
    '<text x="1">Return cities, cumulative share (smallest to largest)</text>',
    '<text x="1">Returnees, cumulative share</text>',
    '<p class="caption">The further the curve bends below the diagonal, the more the '
    "returns concentrate in few cities (Gini 0: every return city receives as many "
    "returnees; close to 1: one city receives nearly all).</p>",
    "<p>Share of all persons with at least one overseas stage in the region (the paper's "
    "grouping: USA, UK, rest of Europe, Asia, Australia, other; Hong Kong, Macao and "
    "Taiwan count as abroad, in Asia). A person counts once per region, and in every "
    "region they stayed in.</p>",
    "<p><b>环形</b> route returns to a domestic city known before leaving (birthplace, a "
    "city of study or of earlier work); a <b>线形</b> route to a new city. Shares are of "
    "persons with a pattern (circle + linear).</p>",
    "<td>degree &gt; 71 (top natural-breaks class)</td>",
    "<td>degree &gt; 30, or a municipality / sub-provincial city / provincial capital</td>",
    "<td>degree &lt;= 30, not a regional centre</td>",
]


@pytest.mark.parametrize("page", LEFT_ENGLISH)
def test_report_texts_in_chinese(page):
    out = report_zh.translate(page, {})
    words = re.findall(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>", " ", out))
    assert not words, out
