"""The report's "Where returnees come from" section (HTML + SVG), and both it and
"Returns over time" (``trends_section``) in the page's order (:func:`render_sections`).

Pure Python like ``page`` (whose helpers it uses, with the charts of ``charts`` and
``trend_charts``). Every text goes through the `tr` callable of ``meta["tr"]`` (the
plugin's translator when the report is made in QGIS, so the sections are Chinese when
QGIS runs in Chinese; the identity otherwise).
Notes about hidden cells are written here from the tables' attrs, so they translate.
"""

from __future__ import annotations

import pandas as pd

from ..disclosure.rules import MIN_PERSONS_DEFAULT
from . import charts as rc
from . import html_parts as rh
from .sources_parts import Tr, hidden_note, identity, paragraph, value_label
from .trend_charts import shaded
from .trends_section import trends_section

SECTION_IDS = ("sources", "trends")


# --------------------------------------------------------------------------- sections


def _top_table(tr: Tr, top: pd.DataFrame) -> str:
    frame = top.assign(label=[value_label(tr, v) for v in top["label"]])
    return rh.html_table(
        frame,
        ["rank", "label", "persons", "share"],
        headers={
            "rank": "#",
            "label": tr("Overseas city"),
            "persons": tr("Returnees"),
            "share": tr("Share"),
        },
        formats={"share": rh.fmt_pct, "persons": lambda v: rh.fmt_int(v) or tr("hidden")},
        total_row=lambda r: pd.isna(r["rank"]),
    )


def _matrix_table(tr: Tr, matrix: pd.DataFrame) -> str:
    paired = {i for i, col in matrix.attrs.get("complementary_cells", ()) if col == "persons"}
    n_min = matrix.attrs.get("min_persons", MIN_PERSONS_DEFAULT)
    matrix = matrix.assign(_paired=[i in paired for i in range(len(matrix))])
    returns = list(dict.fromkeys(matrix["return_city"]))
    totals = matrix.groupby("return_city", sort=False)["return_total"].first()
    sources = list(dict.fromkeys(s for s in matrix["source"] if s not in ("Other", "Unknown")))
    sources += [s for s in ("Other", "Unknown") if s in set(matrix["source"])]
    cell = {(r["source"], r["return_city"]): r for _, r in matrix.iterrows()}
    head = "".join(
        f'<th class="num">{rh.esc(c)}<br><span class="caption">n = {int(totals[c]):,}</span></th>'
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
                text = tr("hidden") if r["_paired"] else f"< {n_min}"
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
        body.append(f"<tr><th>{rh.esc(value_label(tr, s))}</th>{''.join(tds)}</tr>")
    return (
        f"<table><thead><tr><th>{rh.esc(tr('Overseas city (last stay)'))}</th>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def sources_section(tables: dict[str, pd.DataFrame], meta: dict, tr: Tr = identity) -> str:
    top = tables.get("top_sources", pd.DataFrame())
    longest = tables.get("top_sources_longest", pd.DataFrame())
    matrix = tables.get("source_matrix", pd.DataFrame())
    tiers = tables.get("sources_by_tier", pd.DataFrame())
    n_min = top.attrs.get("min_persons", MIN_PERSONS_DEFAULT)
    intro = (
        tr(
            "The source of a return is the overseas city of the last stay before it (the "
            "start of the backflow leg); the longest stay abroad is given too when years "
            "are known. Shares are of all returnees; a city with fewer than {n} returnees "
            "is merged into 'Other'."
        )
        if n_min > 1
        else tr(  # nothing can be under one person: no such rule to state
            "The source of a return is the overseas city of the last stay before it (the "
            "start of the backflow leg); the longest stay abroad is given too when years "
            "are known. Shares are of all returnees."
        )
    )
    body = [paragraph(intro.format(n=n_min))]
    if top.empty:
        body.append(paragraph(tr("No returnees: no source cities."), "note"))
        return rh.section("sources", tr("Where returnees come from"), "\n".join(body))
    listed = top[top["rank"].notna()]
    if len(listed):
        body.append(
            rc.bar_chart(
                list(listed["label"]),
                list(listed["persons"]),
                tr("Top overseas source cities (last stay before the return)"),
                tr("Returnees (persons)"),
                value_text=lambda v: f"{v:,.0f}",
            )
        )
    unknown = int(top.attrs.get("unknown", 0) or 0)
    if unknown:
        body.append(
            paragraph(
                tr("{n} returnees have no overseas stage just before the return.").format(
                    n=unknown
                ),
                "caption",
            )
        )
    body.append(hidden_note(tr, top))
    body.append('<div class="cols"><div>')
    body.append(f"<h3>{rh.esc(tr('Last stay before the return'))}</h3>")
    body.append(_top_table(tr, top))
    body.append("</div><div>")
    body.append(f"<h3>{rh.esc(tr('Longest stay abroad'))}</h3>")
    if len(longest):
        body.append(_top_table(tr, longest))
        unknown = int(longest.attrs.get("unknown", 0) or 0)
        if unknown:
            body.append(
                paragraph(
                    tr(
                        "{n} returnees had several stays abroad with a length unknown (a year "
                        "missing): their longest stay is not guessed ('Unknown')."
                    ).format(n=unknown),
                    "caption",
                )
            )
    body.append("</div></div>")
    if len(matrix):
        body.append(f"<h3>{rh.esc(tr('Which overseas cities feed which return city'))}</h3>")
        body.append(
            paragraph(
                tr(
                    "Returnees of each of the largest return cities (columns) by the overseas "
                    "city of their last stay (rows), with the share of the return city's "
                    "returnees; darker cells, larger shares."
                )
            )
        )
        body.append(_matrix_table(tr, matrix))
        small = int(matrix.attrs.get("small_returns", 0) or 0)
        if small:
            body.append(
                paragraph(
                    (
                        tr("1 return city with fewer than {m} returnees is not shown.")
                        if small == 1
                        else tr("{n} return cities with fewer than {m} returnees are not shown.")
                    ).format(n=small, m=n_min),
                    "caption",
                )
            )
        body.append(hidden_note(tr, matrix))
    body.append(f"<h3>{rh.esc(tr('Top sources by tier of the return city'))}</h3>")
    if len(tiers):
        frame = tiers.assign(tier_label=[tr(v) for v in tiers["tier_label"]])
        body.append(
            rh.html_table(
                frame,
                ["tier_label", "rank", "source", "persons", "base", "share"],
                headers={
                    "tier_label": tr("Tier"),
                    "rank": "#",
                    "source": tr("Overseas city"),
                    "persons": tr("Returnees"),
                    "base": tr("Returnees of the tier"),
                    "share": tr("Share"),
                },
                formats={"share": rh.fmt_pct},
            )
        )
        cells = int(tiers.attrs.get("hidden_cells", 0) or 0)
        if cells == 1:
            body.append(
                paragraph(
                    tr("1 tier x source cell with fewer than {n} persons is not listed.").format(
                        n=n_min
                    ),
                    "note",
                )
            )
        elif cells:
            body.append(
                paragraph(
                    tr(
                        "{cells} tier x source cells with fewer than {n} persons ({persons} "
                        "persons in all) are not listed."
                    ).format(
                        cells=cells,
                        n=n_min,
                        persons=int(tiers.attrs.get("hidden_persons", 0) or 0),
                    ),
                    "note",
                )
            )
    else:
        body.append(
            paragraph(tr("Not available: the cities have no tiers (run City network)."), "note")
        )
    return rh.section("sources", tr("Where returnees come from"), "\n".join(body))


def render_sections(tables: dict[str, pd.DataFrame], meta: dict | None = None) -> list[str]:
    """Both sections (empty list when the tables were not built)."""
    meta = meta or {}
    tr = meta.get("tr") or identity
    if "top_sources" not in tables and "trends" not in tables:
        return []
    return [sources_section(tables, meta, tr), trends_section(tables, meta, tr)]
