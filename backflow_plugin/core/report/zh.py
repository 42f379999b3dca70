"""What of the Chinese report is not yet a message: its rendered HTML with the rest put
into Chinese.

Pure Python; no QGIS. The page no longer passes through here: it writes its own texts
in its language (``core/messages.py``, ``render_report(..., language, names)``;
``tests/core/test_messages_migration.py`` checks it equals what :func:`translate` made).
What stays: the run log's notes (:func:`translate_text`, :func:`translate_names`; the
sources' table notes are still plain English). :func:`translate` replaces, in the text
between tags only (not in attributes, not in the style sheet): whole texts found in
``PHRASES``, texts matching ``PATTERNS`` (with numbers), and city, country and region
names (``names``: English -> Chinese). A text with no translation stays English. To be
deleted once those texts are messages too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from ..disclosure.zh import translate_note, translate_part

PHRASES = {
    "Backflow report": "Backflow 回流报告",
    "Return migration of highly skilled people: the tables and figures of Jiang (2021), "
    "Complexity": "高层次人才回流：Jiang (2021)《Complexity》论文的表格与图",
    "Table 1. Returnees by subject and work-unit type": "表1 按学科与单位类型的回国人才",
    "Table 3. Top return and overseas organisations": "表3 主要回流机构与境外机构",
    "Table 4. Cities per tier": "表4 各等级城市",
    "Overseas experience by country and region": "境外经历（按国家/地区与世界区域）",
    "Concentration of return cities": "回流城市的集中度",
    "Circle and linear return routes": "环形与线形回流路径",
    "Top cities by centrality": "中心性最高的城市",
    "Reproducibility": "可重复性",
    "Compared with the paper": "与论文对照",
    "Regions abroad to city tiers, and indices of the return cities": "境外地区到城市等级，及回流城市指数",
    "From world regions to city tiers": "从世界地区到城市等级",
    "Migration indices of the return cities": "回流城市的迁移指数",
    "Printed figures not reached": "未能达到的论文数字",
    "Parameters": "参数",
    "Input": "输入",
    "Software": "软件",
    "Total": "合计",
    "All": "全部",
    "Tier": "等级",
    "Class": "类型",
    "Cities": "城市数",
    "Examples": "示例",
    "Measure": "指标",
    "Min": "最小值",
    "Max": "最大值",
    "Break": "分界",
    "All cities of the tier": "该等级的全部城市",
    "Organisation": "机构",
    "City": "城市",
    "Country": "国家/地区",
    "ISO": "代码",
    "Region": "地区",
    "Persons": "人数",
    "Share": "比例",
    "Returnees": "回国人数",
    "Cumulative share": "累计比例",
    "Group": "组",
    "By": "分组依据",
    "Circle": "环形",
    "Linear": "线形",
    "Circle share": "环形比例",
    "Linear share": "线形比例",
    "No pattern": "无路径类型",
    "Section": "部分",
    "Figure": "数字",
    "Paper": "论文",
    "Computed": "计算结果",
    "Difference": "差值",
    "Note": "说明",
    "Moves in": "迁入次数",
    "Moves out": "迁出次数",
    "Linked cities": "关联城市数",
    "Connectivity": "连通度",
    "Intensity": "强度",
    "Effectiveness": "有效性",
    "Mean distance of return (km)": "平均回流距离（公里）",
    "Top 3 return cities (persons)": "前三回流城市（人数）",
    "Subject": "学科",
    "university": "高校",
    "research institute": "科研院所",
    "enterprise": "企业",
    "national core": "国家核心城市",
    "regional excellent": "区域优势城市",
    "regional special": "区域特色城市",
    "National core city": "国家核心城市",
    "Regional excellent city": "区域优势城市",
    "Regional special city": "区域特色城市",
    "Other return city": "其他回流城市",
    "USA": "美国",
    "UK": "英国",
    "Rest of Europe": "欧洲其他国家",
    "Europe": "欧洲其他国家",
    "Asia": "亚洲",
    "Australia": "澳大利亚",
    "Other": "其他",
    "Mathematical & Physical Science": "数理科学",
    "Chemistry": "化学",
    "Environmental & Earth Science": "环境与地球科学",
    "Information Science": "信息科学",
    "Biological Science": "生命科学",
    "Engineering & Materials Science": "工程与材料科学",
    "returnees": "回国人数",
    "return cities": "回流城市数",
    "Gini (return cities)": "基尼系数（回流城市）",
    "circle routes": "环形路径",
    "linear routes": "线形路径",
    "persons without a pattern": "无路径类型的人数",
    "went to the USA": "曾赴美国",
    "Gini coefficient over return cities": "回流城市的基尼系数",
    "Lorenz curve of returns over return cities": "回流城市的洛伦兹曲线",
    "Overseas experience by world region": "按世界地区的境外经历",
    "Returnees (persons)": "回国人数（人）",
    "Share of persons with a pattern": "有路径类型者中的比例",
    "circle": "环形",
    "linear": "线形",
    "other cities": "其他城市",
    "Mean distance of return": "平均回流距离",
    "Table 1": "表1",
    "Table 3 return": "表3 回流机构",
    "Table 3 overseas": "表3 境外机构",
    "Table 4": "表4",
    "Return cities": "回流城市",
    "Overseas experience": "境外经历",
    "Network": "网络",
    "sum": "合计",
    "city": "城市",
    "country": "国家/地区",
    "listed": "列出",
    "not in this tier": "不在该等级",
    "persons (all subjects)": "人数（全部学科）",
    "share at universities, %": "高校比例（%）",
    "seven-city share, %": "七城市比例（%）",
    "order after Shanghai": "上海之后的顺序",
    "cities worldwide": "全球城市数",
    "number of cities": "城市数",
    ": the share of the other cities of the network with which the city exchanges at least "
    "one move, either way (linked cities / (cities - 1)).": "：网络中与该城市至少有一次（任一方向）"
    "迁移往来的其他城市所占比例（关联城市数 / (城市数 - 1)）。",
    ": moves into and out of the city per person who spent a stage there ((in + out) / "
    "persons).": "：在该城市有过一个阶段的每人对应的迁入与迁出次数（(迁入 + 迁出) / 人数）。",
    ": 100 x (in - out) / (in + out); +100 when the city only receives, -100 when it only "
    "sends.": "：100 × (迁入 - 迁出) / (迁入 + 迁出)；只迁入时为 +100，只迁出时为 -100。",
    ": the mean great-circle distance (km) from the city of each returnee's last stage abroad "
    "to the return city.": "：每位回国人才最后一段境外经历所在城市到回流城市的平均大圆距离（公里）。",
    "Persons counted once per organisation. Return organisations: the organisation of the "
    "return stage (share of all returnees). Overseas organisations: any overseas stage "
    "(share of persons with a stay abroad).": "每人在每个机构只计一次。回流机构：回国阶段所在机构"
    "（占全部回国人才的比例）；境外机构：任一境外阶段所在机构（占有境外经历者的比例）。",
    "The ten most central cities by each measure of the city network.": "按城市网络各中心性"
    "指标排名前十的城市。",
    "Everything needed to make this report again from the same data.": "用同一数据重新生成本报告"
    "所需的全部信息。",
    "Each returnee once: the world region of their last stage abroad (left) and the tier of "
    "the city they came back to (right); band widths are persons.": "每位回国人才计一次：左为其"
    "最后一段境外经历所在的世界地区，右为其回流城市的等级；带宽为人数。",
    "Cities classed by the city network into national core (tier 1), regional excellent "
    "(tier 2) and regional special (tier 3) cities; examples are the most central cities of "
    "each tier.": "城市网络将城市分为国家核心城市（等级1）、区域优势城市（等级2）和区域特色城市"
    "（等级3）；示例为各等级中心性最高的城市。",
    # Texts a review found still in English in report_zh.html.
    "return year": "回国年份",
    "Return cities, cumulative share (smallest to largest)": "回流城市累计比例（从小到大）",
    "Returnees, cumulative share": "回国人才累计比例",
    "The further the curve bends below the diagonal, the more the returns concentrate in "
    "few cities (Gini 0: every return city receives as many returnees; close to 1: one city "
    "receives nearly all).": "曲线越向对角线下方弯曲，回流越集中于少数城市（基尼系数 0："
    "每个回流城市接收的回国人才一样多；接近 1：几乎全部由一个城市接收）。",
    "Share of all persons with at least one overseas stage in the region (the paper's "
    "grouping: USA, UK, rest of Europe, Asia, Australia, other; Hong Kong, Macao and Taiwan "
    "count as abroad, in Asia). A person counts once per region, and in every region they "
    "stayed in.": "在该地区至少有一段境外经历者占全部人数的比例（按论文的分组：美国、英国、"
    "欧洲其他国家、亚洲、澳大利亚、其他；香港、澳门和台湾计为境外，归入亚洲）。每人在每个"
    "地区只计一次，并计入其到过的每个地区。",
    "route returns to a domestic city known before leaving (birthplace, a city of study or "
    "of earlier work); a": "路径回到出国前已知的国内城市（出生地、求学或此前工作的城市）；",
    "route to a new city. Shares are of persons with a pattern (circle + linear).": "路径去往"
    "新的城市。比例以有路径类型者（环形 + 线形）为基数。",
    # The Regions section (core/report/regions_section.py)
    "Regions": "区域",
    "Returnees, flows and talent export by region (backflow:regionalflows). Net = moves into "
    "the region less moves out of it; talent export = persons born in the region who returned "
    "to another.": "按区域统计的回国人才、流动与人才输出（backflow:regionalflows）。净流入 = "
    "迁入该区域的流动减去迁出的流动；人才输出 = 出生于该区域、回国到其他区域的人数。",
    "Regions by returnees": "各区域的回国人才",
    "Inflow": "流入",
    "Outflow": "流出",
    "Net": "净流入",
    "Talent export": "人才输出",
    "Tiers 1 / 2 / 3": "等级 1 / 2 / 3",
    "from \\ to": "从 \\ 到",
    "total": "合计",
    "(no region)": "（无区域）",
    "Other regions": "其他区域",
    "Abroad: USA": "境外：美国",
    "Abroad: UK": "境外：英国",
    "Abroad: Europe": "境外：欧洲",
    "Abroad: Asia": "境外：亚洲",
    "Abroad: Australia": "境外：澳大利亚",
    "Abroad: Other": "境外：其他",
    "Region x region matrix (rows: from, columns: to; regions with no count left out)": (
        "区域 × 区域矩阵（行：来源，列：去向；无计数的区域不列出）"
    ),
}

# Words of the navigation, chart tooltips, tables' group columns, the comparison's
# notes and the run record (the page's fixed English beyond its headings).
PHRASES.update(
    {
        "hidden": "已隐藏",
        "hidden (disclosure control)": "已隐藏（披露控制）",
        "no organisation names in the data": "数据中没有机构名称",
        "(complement)": "（互补）",
        "table1": "表1",
        "table3": "表3",
        "overseas": "境外经历",
        "concentration": "集中度",
        "table4": "表4",
        "patterns": "路径类型",
        "centrality": "中心性",
        "sources": "来源",
        "trends": "趋势",
        "reference": "与论文对照",
        "flows": "流向",
        "regions": "区域",
        "reproducibility": "可重复性",
        "subject": "学科",
        "unit_type": "单位类型",
        "return_year": "回国年份",
        "all": "全部",
        "persons": "人数",
        "equal shares": "均等线",
        "degree": "度",
        "strength": "强度",
        "in_strength": "入强度",
        "out_strength": "出强度",
        "betweenness": "介数",
        "closeness": "接近度",
        "eigenvector": "特征向量",
        "pagerank": "PageRank",
        "cities": "城市",
        "countries": "国家/地区",
        "organisation": "机构",
        "organisations": "机构",
        "group": "组",
        "groups": "组",
        "region": "区域",
        "cell": "单元格",
        "cells": "单元格",
        "(not given)": "（未给出）",
        "(none)": "（无）",
        "(none found)": "（未找到）",
        "(1900 to next year)": "（1900 年至明年）",
        "auto": "自动",
        "none": "无",
        "paper": "论文",
        "file": "文件",
        "size (bytes)": "大小（字节）",
        "rows": "行数",
        "stages layer": "阶段图层",
        "cities layer": "城市图层",
        "routes layer": "路径图层",
        "not given": "未给出",
        "not given (classified from the stages)": "未给出（由阶段分类）",
        "not given (set INPUT_FILE to record the input's checksum)": (
            "未给出（设置 INPUT_FILE 以记录输入文件的校验和）"
        ),
        "order differs": "顺序不同",
        "Backflow plugin": "Backflow 插件",
        "not available: no subject column chosen": "无法提供：未选择学科列",
        "not available: no city has a tier": "无法提供：没有城市有等级",
        "run backflow:citynetwork": "请运行 backflow:citynetwork",
        "run backflow:citynetwork to class the cities into tiers": (
            "请运行 backflow:citynetwork 为城市分级"
        ),
        "run backflow:routepatterns": "请运行 backflow:routepatterns",
        "England": "英格兰",
        "Michigan": "密歇根",
        "Hong Kong counts as abroad (country HK), as in the paper": (
            "与论文一致，香港计为境外（国家/地区代码 HK）"
        ),
        "the paper says 'approximately 83%'; its own cells give 2,350 / 2,846 = 82.57 %": (
            "论文称“约 83%”；按其自身单元格计算为 2,350 / 2,846 = 82.57 %"
        ),
        "71.18 is 2,026 / 2,846 = 71.1876 % truncated; no whole number of persons rounds "
        "to 71.18": "71.18 是 2,026 / 2,846 = 71.1876 % 截断所得；没有整数人数能四舍五入为 71.18",
        "12.39 % of 2,846 is 352.6 persons: 352 gives 12.37 %, 353 gives 12.40 %; "
        "no whole number of persons reaches it": (
            "2,846 的 12.39 % 是 352.6 人：352 人为 12.37 %，353 人为 12.40 %；没有整数人数能得到该值"
        ),
        "the printed sum cannot be reached with the printed cells": "印出的单元格无法得出印出的合计",
    }
)

NUMBER = re.compile(r"[\d.,%+\-−–\s()]+")

# (regex over a whole text, Chinese with \1.. groups)
PATTERNS = [
    # chart tooltips: "subject - circle: 460 (60.8 %)", "USA → National core city: 794"
    (r"(.+) - (circle|linear)", r"\1 - \2"),
    (r"(.+) → (.+)", r"\1 → \2"),
    (r"([\d.]+ %) of returns", r"占回流的 \1"),
    # the comparison with the paper
    (
        r"Every figure printed in (.+) next to the one computed here\. ([\d,]+) of ([\d,]+) "
        r"printed figures are reached exactly; ([\d,]+) are not, each with the reason\.",
        r"\1 印出的每个数字与此处的计算值并列。印出的 \3 个数字中 \2 个完全一致；\4 个不一致，各附原因。",
    ),
    (
        r"([\d,]+) computed figures are hidden, as in the report's own tables \(disclosure "
        r"control, MIN_PERSONS\)\.",
        r"\1 个计算结果已隐藏，与报告自身的表格一致（披露控制，MIN_PERSONS）。",
    ),
    (r": paper (.+?), computed (\S+) \((.+)\)", r"：论文 \1，计算 \2（\3）"),
    (r": paper (.+?), computed (\S+)", r"：论文 \1，计算 \2"),
    (
        r"the paper prints '(.+)'; the data hold (.+) \(the Boston area; Harvard and MIT are "
        r"in Cambridge, Massachusetts\)",
        r"论文写作“\1”，数据中为\2（波士顿地区；哈佛大学与麻省理工学院位于马萨诸塞州剑桥）",
    ),
    (r"the paper prints '(.+)'; the data hold (.+)", r"论文写作“\1”，数据中为\2"),
    (
        r"the printed cells add up to ([\d,]+), not ([\d,]+): (.+)",
        r"印出的单元格合计 \1，而非 \2：\3",
    ),
    # disclosure control (core.disclosure.rules), one part of a note at a time
    (r"(\d+) (cells?|regions?) of 1 to (\d+) persons hidden", r"隐藏了 \1 个 1 至 \3 人的\2"),
    (
        r"(\d+) (\w+) with fewer than (\d+) persons merged into 'other' \(the shares and the "
        r"Gini use every city\)",
        r"\1 个不足 \3 人的\2并入“其他”（比例与基尼系数使用全部城市）",
    ),
    (
        r"(\d+) (\w+) with fewer than (\d+) persons merged into 'other'",
        r"\1 个不足 \3 人的\2并入“其他”",
    ),
    (
        r"(\d+) (\w+) with fewer than (\d+) persons \(together too\) not shown",
        r"\1 个不足 \3 人的\2（合并后亦不足）未显示",
    ),
    (r"(\d+) (\w+) with fewer than (\d+) persons not shown", r"\1 个不足 \3 人的\2未显示"),
    (
        r"(\d+) (\w+) of fewer than (\d+) persons \(together too\) not shown",
        r"\1 个不足 \3 人的\2（合并后亦不足）未显示",
    ),
    # notes of the sources and trends tables (core.sources.cities, core.sources.trends)
    (
        r"(\d+) source cities with fewer than (\d+) persons \(([\d,]+) persons in all\) merged "
        r"into 'Other'",
        r"\1 个不足 \2 人的来源城市（共 \3 人）并入“其他”",
    ),
    (
        r"(\d+) cells with fewer than (\d+) persons \(([\d,]+) persons in all\) merged into "
        r"'Other'",
        r"\1 个不足 \2 人的单元格（共 \3 人）并入“其他”",
    ),
    (
        r"(\d+) return cities with fewer than (\d+) returnees not shown",
        r"\1 个回国人才不足 \2 人的回流城市未显示",
    ),
    (
        r"(\d+) tier x source cells with fewer than (\d+) persons \(([\d,]+) persons\) not listed",
        r"\1 个不足 \2 人的等级 × 来源单元格（\3 人）未列出",
    ),
    (
        r"(\d+) year x group cells with fewer than (\d+) persons \(([\d,]+) persons\) merged "
        r"into 'Other'",
        r"\1 个不足 \2 人的年份 × 组单元格（\3 人）并入“其他”",
    ),
    (r"(\d+) 'Other' cells still under (\d+) hidden", r"\1 个仍不足 \2 人的“其他”单元格已隐藏"),
    # sections without their columns (core.report.tables._missing and the like)
    (r"not available: no (`.+`) columns? \((.+)\)", r"无法提供：没有 \1 列（\2）"),
    (r"not available: no (`.+`) columns?", r"无法提供：没有 \1 列"),
    # the run record
    (r"([\d,]+) data rows \(encoding (.+)\)", r"\1 行数据（编码 \2）"),
    (r"([\d,]+) data rows", r"\1 行数据"),
    (r"(.+) \(([\d,]+) features, ([\d,]+) persons\)", r"\1（\2 个要素，\3 人）"),
    (r"([\d,]+) features", r"\1 个要素"),
    (r"Gini = ([\d.]+)", r"基尼系数 = \1"),
    (r"other \((\d+) (\w+)\)", r"其他（\1 个\2）"),
    (r"the top (\d+) cities", r"前\1城市"),
    (r"degree > (\d+) \(top natural-breaks class\)", r"度 > \1（自然断点法最高一类）"),
    (
        r"degree > (\d+), or a municipality / sub-provincial city / provincial capital",
        r"度 > \1，或为直辖市、副省级城市、省会",
    ),
    (r"degree <= (\d+), not a regional centre", r"度 ≤ \1，且非区域中心"),
    (
        r"(\d+) regions with fewer than (\d+) returnees: their counts and shares are not shown\.",
        r"\1 个区域的回国人才不足 \2 人：不显示其人数与比例。",
    ),
    (
        r"(\d+) more regions? hidden \(the smallest\) so that the total of the returnees does "
        r"not give the hidden ones away\.",
        r"另隐藏 \1 个区域（取最小者），使回国人才合计无法反推出被隐藏的区域。",
    ),
    (
        r'Matrix: cells of fewer than (\d+) show "< (\d+)"; cells marked hidden are hidden '
        r"with them so that the row and column totals do not give them away\.",
        r"矩阵：不足 \1 人的单元格显示为“< \2”；标为“已隐藏”的单元格随之隐藏，使行、列合计无法反推。",
    ),
    (
        r"1 region with fewer than (\d+) returnees: its count and shares are not shown\.",
        r"1 个区域的回国人才不足 \1 人：不显示其人数与比例。",
    ),
    (
        r"Region x region matrix \(rows: from, columns: to; regions with no count left out; "
        r"beyond the (\d+) with most moves, summed in 'Other regions'\)",
        r"区域 × 区域矩阵（行：来源，列：去向；无计数的区域不列出；流动最多的 \1 个区域之外的合计为“其他区域”）",
    ),
    (r"Top (\d+) return organisations", r"前\1个回流机构"),
    (r"Top (\d+) overseas organisations", r"前\1个境外机构"),
    (r"By country \(top (\d+)\)", r"按国家/地区（前\1）"),
    (r"Return cities \(top (\d+) of (\d+)\)", r"回流城市（\2个中的前\1个）"),
    (r"Returnees by return city \(top (\d+)\)", r"各回流城市的回国人数（前\1）"),
    (r"Circle and linear routes by (.+)", r"按\1的环形与线形路径"),
    (r"share of returns in the top (\d+) cities", r"前\1城市的回流比例"),
    (r"returnees in the top (\d+) cities", r"前\1城市的回国人数"),
    (r"top (\d+) cities' share", r"前\1城市的比例"),
    (r"top (\d+) cities", r"前\1城市"),
    (r"Share of persons \(%, of ([\d,]+) persons\)", r"人数比例（%，共\1人）"),
    (r"Share of persons \(%\)", r"人数比例（%）"),
    (r"tier (\d): number of cities", r"等级\1：城市数"),
    (r"tier (\d): (.+)", r"等级\1：\2"),
    (
        r"Returnees by (.+) and work-unit type \((.+)\), with the three return cities that "
        r"received most of each row's returnees \(ties by name\)\.",
        r"按学科（\1）与单位类型（\2）统计的回国人才，及各行回国人数最多的三个回流城市（并列按名称排序）。",
    ),
    (r"Top (\d+) cities: (.+)\.", r"前\1城市：\2。"),
    (r"Made on (.+)\.", r"生成于\1。"),
    (r"top (\d) city", r"第\1城市"),
    (r"top (\d) count", r"第\1城市人数"),
    (r"(.+), % of persons", r"\1（占人数%）"),
]


def _names_only(text: str, names: Mapping[str, str]) -> str | None:
    """A list of place names ('Beijing (677); Shanghai (466)', 'Hefei, Guangzhou') in
    Chinese, or None when the text is anything else (e.g. 'Nanjing University')."""
    out, depth, token = [], 0, ""
    pieces: list[str] = []
    k = 0
    while k < len(text):  # split on '; ' and ', ' outside parentheses
        ch = text[k]
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and text[k : k + 2] in ("; ", ", "):
            pieces += [token, text[k : k + 2]]
            token, k = "", k + 2
            continue
        token += ch
        k += 1
    pieces.append(token)
    for i, piece in enumerate(pieces):
        if i % 2:
            out.append("；" if piece == "; " else "、")
            continue
        m = re.fullmatch(r"(.+?)( \(.+\))?", piece)
        zh = m and (names.get(m.group(1)) or PHRASES.get(m.group(1)))
        if not zh:
            return None
        out.append(zh + (m.group(2) or ""))
    return "".join(out)


def _one(text: str, names: Mapping[str, str]) -> str | None:
    """A short text in Chinese (a phrase, a place name, a pattern) or None."""
    if text in PHRASES:
        return PHRASES[text]
    if text in names:
        return names[text]
    if NUMBER.fullmatch(text):  # "22.9 %", "460 (60.8 %)": the same in Chinese
        return text
    org = re.fullmatch(r"(\d+)\. (.+)", text)  # "3. Zhejiang University": keep the name
    if org:
        return text
    for pattern, repl in PATTERNS:
        m = re.fullmatch(pattern, text)
        if m:
            return _fill(repl, m, names)
    return _names_only(text, names)


def _fill(repl: str, m: re.Match, names: Mapping[str, str]) -> str:
    """A pattern's Chinese with its groups put into Chinese too, where known."""
    groups = [_names_only(g, names) or _one(g, names) or g for g in m.groups()]
    return re.sub(r"\\(\d)", lambda x, g=groups: g[int(x.group(1)) - 1], repl)


_LATIN = re.compile(r"[A-Za-z]{3,}")


def _disclosure(text: str, names: Mapping[str, str]) -> str | None:
    """'disclosure control (MIN_PERSONS = 5): a; b' with each part in Chinese."""
    m = re.fullmatch(r"disclosure control \(MIN_PERSONS = (\d+)\): (.+)", text)
    if not m:
        return None
    parts = [_one(part, names) or translate_part(part) or part for part in m.group(2).split("; ")]
    return f"披露控制（MIN_PERSONS = {m.group(1)}）：" + "；".join(parts)


def _translate_text(text: str, names: Mapping[str, str]) -> str:
    core = html.unescape(text.strip())
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]

    def done(value: str) -> str:
        return lead + html.escape(value, quote=False) + trail

    mark = next((m for m in ("✓ ", "≠ ", "– ") if core.startswith(m)), "")
    if mark:  # the comparison's match marks
        inner = _translate_text(core[len(mark) :], names)
        return lead + mark + inner + trail if inner != core[len(mark) :] else text
    if core in PHRASES:
        return done(PHRASES[core])
    disclosed = _disclosure(core, names)
    if disclosed is None or _LATIN.search(disclosed.replace("MIN_PERSONS", "")):
        # the notes this table's patterns miss (grouped pattern notes, 'other (N ...)')
        disclosed = translate_note(core) or disclosed
    if disclosed is not None:
        return done(disclosed)
    if ": " in core and not core.endswith(":"):  # "subject: top 1 city", "tier 2: Hefei"
        head, _sep, tail = core.partition(": ")
        parts = [_one(head, names), _one(tail, names)]
        if all(p is not None for p in parts):
            return done("：".join(parts))
    # Headings with numbers first: "Return cities (top 20 of 52)" is not a list of names.
    for pattern, repl in PATTERNS:
        m = re.fullmatch(pattern, core)
        if m:
            return done(_fill(repl, m, names))
    listed = _names_only(core, names)
    if listed is not None:
        return done(listed)
    return text


def translate(page: str, names: Mapping[str, str] | None = None) -> str:
    """The page with its texts in Chinese (see the module docstring)."""
    names = {k: v for k, v in (names or {}).items() if k and v and k != v}
    head, sep, rest = page.partition("</style>")
    if not sep:
        head, rest = "", page
    head = re.sub(  # the browser tab's title too
        r"<title>([^<>]*)</title>",
        lambda m: "<title>" + _translate_text(m.group(1), names) + "</title>",
        head,
    )
    body = re.sub(
        r">([^<>]+)<",
        lambda m: ">" + _translate_text(m.group(1), names) + "<",
        rest,
    )
    out = head + sep + body
    return out.replace('<html lang="en">', '<html lang="zh-CN">', 1)


def translate_names(text: str, names: Mapping[str, str]) -> str:
    """A list of place names ('Beijing; Shanghai') in Chinese ('北京；上海'); any other
    text, or a list with a name not in `names`, as given."""
    names = {k: v for k, v in names.items() if k and v and k != v}
    return _names_only(str(text), names) or str(text)


def translate_text(text: str, names: Mapping[str, str] | None = None) -> str:
    """One plain text (a log line, a note) in Chinese where known; notes joined by '; '
    are put into Chinese part by part."""
    names = {k: v for k, v in (names or {}).items() if k and v and k != v}

    def one(part: str) -> str:
        return html.unescape(_translate_text(html.escape(part, quote=False), names))

    whole = one(text)
    if whole != text or "; " not in text:
        return whole
    return "；".join(one(part) for part in text.split("; "))
