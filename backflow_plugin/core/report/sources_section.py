"""The report's "Where returnees come from" section (HTML + SVG), and both it and
"Returns over time" (``trends_section``) in the page's order (:func:`render_sections`).

Pure Python like ``page`` (whose helpers it uses, with the charts of ``charts`` and
``trend_charts``). Every text is a message in the page's language.
Notes about hidden cells are written here from the tables' attrs, so they translate.
"""

from __future__ import annotations

import pandas as pd

from ..disclosure.rules import MIN_PERSONS_DEFAULT
from ..messages import M, local_value, say
from . import charts as rc
from . import html_parts as rh
from .sources_parts import hidden_note, paragraph, value_label
from .trend_charts import shaded
from .trends_section import trends_section

SECTION_IDS = ("sources", "trends")


# --------------------------------------------------------------------------- sections


def _top_table(top: pd.DataFrame) -> str:
    frame = top.assign(label=[value_label(v) for v in top["label"]])
    return rh.html_table(
        frame,
        ["rank", "label", "persons", "share"],
        headers={
            "rank": "#",
            "label": say(M("report.sources.overseas_city")),
            "persons": say(M("report.sources.returnees")),
            "share": say(M("report.sources.share")),
        },
        formats={
            "share": rh.fmt_pct,
            "persons": lambda v: rh.fmt_int(v) or say(M("report.sources.hidden")),
        },
        total_row=lambda r: pd.isna(r["rank"]),
    )


def _matrix_table(matrix: pd.DataFrame) -> str:
    paired = {i for i, col in matrix.attrs.get("complementary_cells", ()) if col == "persons"}
    n_min = matrix.attrs.get("min_persons", MIN_PERSONS_DEFAULT)
    matrix = matrix.assign(_paired=[i in paired for i in range(len(matrix))])
    returns = list(dict.fromkeys(matrix["return_city"]))
    totals = matrix.groupby("return_city", sort=False)["return_total"].first()
    sources = list(dict.fromkeys(s for s in matrix["source"] if s not in ("Other", "Unknown")))
    sources += [s for s in ("Other", "Unknown") if s in set(matrix["source"])]
    cell = {(r["source"], r["return_city"]): r for _, r in matrix.iterrows()}
    head = "".join(
        f'<th class="num">{rh.esc(local_value(c))}<br>'
        f'<span class="caption">n = {int(totals[c]):,}</span></th>'
        for c in returns
    )
    body = []
    for s in sources:
        tds = []
        for c in returns:
            r = cell.get((s, c))
            if r is None:
                tds.append('<td class="num"></td>')
                continue
            if pd.isna(r["persons"]):  # hidden (disclosure control): under n, or with one
                text = say(M("report.sources.hidden")) if r["_paired"] else f"< {n_min}"
                tds.append(f'<td class="num">{rh.esc(text)}</td>')
                continue
            light = r["share"] < 0.35
            colour = "" if light else ' style="color: #FFFFFF"'
            shade = "" if s in ("Other", "Unknown") else shaded(r["share"])
            light = light or not shade
            colour = "" if light else ' style="color: #FFFFFF"'
            tds.append(
                f'<td class="num"{shade}>'
                f"<span{colour}>{int(r['persons']):,}<br>{rh.fmt_pct(r['share'], 1)}</span></td>"
            )
        body.append(f"<tr><th>{rh.esc(local_value(value_label(s)))}</th>{''.join(tds)}</tr>")
    return (
        f"<table><thead><tr><th>{rh.esc(say(M('report.sources.overseas_city_last_stay')))}</th>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def sources_section(tables: dict[str, pd.DataFrame], meta: dict) -> str:
    top = tables.get("top_sources", pd.DataFrame())
    longest = tables.get("top_sources_longest", pd.DataFrame())
    matrix = tables.get("source_matrix", pd.DataFrame())
    tiers = tables.get("sources_by_tier", pd.DataFrame())
    n_min = top.attrs.get("min_persons", MIN_PERSONS_DEFAULT)
    intro = (
        say(M("report.sources.source_return_overseas_city_last"))
        if n_min > 1
        else say(M("report.sources.source_return_overseas_city_last_2"))
    )
    body = [paragraph(intro.format(n=n_min))]
    if top.empty:
        body.append(paragraph(say(M("report.sources.no_returnees_no_source_cities")), "note"))
        return rh.section(
            "sources", say(M("report.sources.where_returnees_come_from")), "\n".join(body)
        )
    listed = top[top["rank"].notna()]
    if len(listed):
        body.append(
            rc.bar_chart(
                list(listed["label"]),
                list(listed["persons"]),
                say(M("report.sources.top_overseas_source_cities_last")),
                say(M("report.sources.returnees_persons")),
                value_text=lambda v: f"{v:,.0f}",
            )
        )
    unknown = int(top.attrs.get("unknown", 0) or 0)
    if unknown:
        body.append(
            paragraph(
                say(M("report.sources.returnees_have_no_overseas_stage", n=unknown)),
                "caption",
            )
        )
    body.append(hidden_note(top))
    body.append('<div class="cols"><div>')
    body.append(f"<h3>{rh.esc(say(M('report.sources.last_stay_before_return')))}</h3>")
    body.append(_top_table(top))
    body.append("</div><div>")
    body.append(f"<h3>{rh.esc(say(M('report.sources.longest_stay_abroad')))}</h3>")
    if len(longest):
        body.append(_top_table(longest))
        unknown = int(longest.attrs.get("unknown", 0) or 0)
        if unknown:
            body.append(
                paragraph(
                    say(M("report.sources.returnees_had_several_stays_abroad", n=unknown)),
                    "caption",
                )
            )
    body.append("</div></div>")
    if len(matrix):
        body.append(f"<h3>{rh.esc(say(M('report.sources.which_overseas_cities_feed_which')))}</h3>")
        body.append(paragraph(say(M("report.sources.returnees_each_largest_return_cities"))))
        body.append(_matrix_table(matrix))
        small = int(matrix.attrs.get("small_returns", 0) or 0)
        if small:
            body.append(
                paragraph(
                    (
                        say(M("report.sources.1_return_city_with_fewer"))
                        if small == 1
                        else say(M("report.sources.return_cities_with_fewer_than"))
                    ).format(n=small, m=n_min),
                    "caption",
                )
            )
        body.append(hidden_note(matrix))
    body.append(f"<h3>{rh.esc(say(M('report.sources.top_sources_by_tier_return')))}</h3>")
    body += _tier_sources(tiers, n_min)
    return rh.section(
        "sources", say(M("report.sources.where_returnees_come_from")), "\n".join(body)
    )


def _tier_sources(tiers: pd.DataFrame, n_min: int) -> list[str]:
    """The top sources by tier, and what disclosure control left out of them; 'not
    available' only when the cities have no tiers (not when every cell is too small)."""
    body = []
    if len(tiers):
        frame = tiers.assign(tier_label=[value_label(v) for v in tiers["tier_label"]])
        body.append(
            rh.html_table(
                frame,
                ["tier_label", "rank", "source", "persons", "base", "share"],
                headers={
                    "tier_label": say(M("report.sources.tier")),
                    "rank": "#",
                    "source": say(M("report.sources.overseas_city")),
                    "persons": say(M("report.sources.returnees")),
                    "base": say(M("report.sources.returnees_tier")),
                    "share": say(M("report.sources.share")),
                },
                formats={"share": rh.fmt_pct},
            )
        )
    cells = int(tiers.attrs.get("hidden_cells", 0) or 0)
    if cells == 1:
        body.append(paragraph(say(M("report.sources.1_tier_x_source_cell", n=n_min)), "note"))
    elif cells:
        persons = int(tiers.attrs.get("hidden_persons", 0) or 0)
        message = M(
            "report.sources.cells_tier_x_source_cells", cells=cells, n=n_min, persons=persons
        )
        body.append(paragraph(say(message), "note"))
    if not len(tiers) and not cells:
        body.append(paragraph(say(M("report.sources.not_available_cities_have_no")), "note"))
    return body


def render_sections(tables: dict[str, pd.DataFrame], meta: dict | None = None) -> list[str]:
    """Both sections (empty list when the tables were not built)."""
    meta = meta or {}
    if "top_sources" not in tables and "trends" not in tables:
        return []
    return [sources_section(tables, meta), trends_section(tables, meta)]
