"""The report's "Returns over time" section: returnees by the year of their return,
overall and by group, and two periods compared.
"""

from __future__ import annotations

import pandas as pd

from ..disclosure.rules import MIN_PERSONS_DEFAULT
from ..palette import CHART_PERSONS, PATTERN_COLOURS
from ..sources.trends import period_label
from . import html_parts as rh
from .sources_parts import (
    SERIES_COLOURS,
    VALUE_LABELS,
    Tr,
    group_name,
    hidden_note,
    hidden_years_note,
    identity,
    paragraph,
    value_label,
)
from .trend_charts import change_chart, line_chart


def hidden_year_bands(tr: Tr, trends: pd.DataFrame) -> dict[int, str]:
    """Year -> band label: under the minimum, or hidden with such a year."""
    n = trends.attrs.get("min_persons", MIN_PERSONS_DEFAULT)
    bands = {
        int(y): tr("hidden\n(< {n})").format(n=n) for y in trends.attrs.get("hidden_years", [])
    }
    for y in trends.attrs.get("complementary_years", []):
        bands.setdefault(int(y), tr("hidden\n(complement)"))
    return bands


def _year_share(rows: pd.DataFrame, year: int, base: dict, k: int) -> float | None:
    """A group's share of a year in %: None (a gap) where it is not known to be a number.

    Hidden, or a year without returnees (no share), or a group-year merged into 'Other'
    (under the minimum, or none: the table cannot tell).
    """
    if not base.get(year):  # no returnees that year, or its total hidden
        return None
    if year not in rows.index:
        return 0.0 if k <= 1 else None
    share = rows.at[year, "share"]
    return None if pd.isna(share) else 100 * float(share)


def _trend_charts(tr: Tr, trends: pd.DataFrame) -> list[str]:
    out = []
    overall = trends[trends["by"] == "all"]
    base = {
        int(y): (None if pd.isna(p) else int(p))
        for y, p in zip(overall["year"], overall["persons"])
    }
    k = int(trends.attrs.get("min_persons", MIN_PERSONS_DEFAULT) or 1)
    bands = hidden_year_bands(tr, trends)
    titles = {
        "tier": tr("Share of each year's returnees by tier of the return city"),
        "pattern": tr("Share of each year's returnees by route pattern"),
        "return_city": tr("Share of each year's returnees by return city (largest cities)"),
    }
    for by in [b for b in dict.fromkeys(trends["by"]) if b != "all"]:
        g = trends[trends["by"] == by]
        years = sorted(set(trends["year"]))
        groups = list(dict.fromkeys(g["group"]))[: len(SERIES_COLOURS)]
        series = []
        for i, name in enumerate(groups):
            rows = g[g["group"] == name].set_index("year")
            colour = SERIES_COLOURS[i]
            if by == "pattern" and name in PATTERN_COLOURS:
                colour = PATTERN_COLOURS[name]
            series.append(
                (
                    group_name(tr, by, name),
                    [_year_share(rows, int(y), base, k) for y in years],
                    colour,
                )
            )
        title = titles.get(by) or tr("Share of each year's returnees by {}").format(
            value_label(tr, str(by).replace("_", " "))
        )
        out.append(
            line_chart(
                years,
                series,
                title,
                tr("Share of the year's returnees (%)"),
                value_text=lambda v: f"{v:.0f} %" if v == int(v) else f"{v:.1f} %",
                bands=bands,
            )
        )
    return out


def trends_section(tables: dict[str, pd.DataFrame], meta: dict, tr: Tr = identity) -> str:
    trends = tables.get("trends", pd.DataFrame())
    status = tables.get("trend_years", pd.DataFrame())
    periods = tables.get("periods")
    n_min = trends.attrs.get("min_persons", MIN_PERSONS_DEFAULT)
    intro = (
        tr(
            "Returnees by the year of their return, overall and by group. A group's share "
            "is of the year's returnees (the denominator, n, is in the table); cells with "
            "fewer than {n} persons are merged into 'Other'. The circle share by return "
            "year is in the section on route patterns."
        )
        if n_min > 1
        else tr(
            "Returnees by the year of their return, overall and by group. A group's share "
            "is of the year's returnees (the denominator, n, is in the table). The circle "
            "share by return year is in the section on route patterns."
        )
    )
    body = [paragraph(intro.format(n=n_min))]
    if len(status):
        st = status.set_index("status")
        lo, hi = status.attrs.get("range", (None, None))
        figures = [
            (tr("returnees with a return year"), f"{int(st.at['valid', 'persons']):,}"),
            (tr("without a return year"), f"{int(st.at['missing', 'persons']):,}"),
            (
                tr("with a year outside {lo}-{hi}").format(lo=lo, hi=hi),
                f"{int(st.at['out of range', 'persons']):,}",
            ),
        ]
        body.append(rh.figures(figures))
        if int(st.at["missing", "persons"]) or int(st.at["out of range", "persons"]):
            text = tr(
                "Returnees without a return year or with a year out of range are counted "
                "here and left out of the trends, not guessed."
            )
            values = st.at["out of range", "values"]
            if values:
                text += " " + tr("Years out of range: {}.").format(values)
            body.append(paragraph(text, "note"))
    if trends.empty:
        body.append(paragraph(tr("No return years: no trends."), "note"))
    else:
        overall = trends[trends["by"] == "all"]
        body.append(
            line_chart(
                list(overall["year"]),
                [(tr("Returnees"), list(overall["persons"].astype(float)), CHART_PERSONS)],
                tr("Returnees by return year"),
                tr("Returnees (persons)"),
                point_labels=True,
                bands=hidden_year_bands(tr, trends),
            )
        )
        body += _trend_charts(tr, trends)
        body.append(hidden_note(tr, trends))
        body.append(hidden_years_note(tr, trends))
        frame = trends.assign(
            by=[
                value_label(tr, "All" if b == "all" else str(b).replace("_", " "))
                for b in trends["by"]
            ],
            group=[group_name(tr, b, g) for b, g in zip(trends["by"], trends["group"])],
            persons=[
                tr("hidden")
                if (i, "persons") in trends.attrs.get("complementary_cells", ())
                else (
                    f"< {trends.attrs.get('min_persons', MIN_PERSONS_DEFAULT)}"
                    if s
                    else rh.fmt_int(p)
                )
                for i, s, p in zip(range(len(trends)), trends["suppressed"], trends["persons"])
            ],
        )
        body.append("<details><summary>" + rh.esc(tr("The table")) + "</summary>")
        body.append(
            rh.html_table(
                frame,
                ["by", "group", "year", "persons", "base", "share"],
                headers={
                    "by": tr("By"),
                    "group": tr("Group"),
                    "year": tr("Year"),
                    "persons": tr("Returnees"),
                    "base": "n",
                    "share": tr("Share"),
                },
                formats={"share": rh.fmt_pct, "year": str},
            )
        )
        body.append("</details>")
    if periods is not None:
        body.append(_periods_block(tr, periods))
    return rh.section("trends", tr("Returns over time"), "\n".join(body))


def _periods_block(tr: Tr, c: pd.DataFrame) -> str:
    pa, pb = c.attrs.get("periods", ((0, 0), (0, 0)))
    a, b = period_label(pa), period_label(pb)
    out = [f"<h3>{rh.esc(tr('Two periods compared: {a} and {b}').format(a=a, b=b))}</h3>"]
    out.append(
        paragraph(
            tr(
                "The share of each period's returnees that a city received (return cities) "
                "or sent (source cities: the last stay before the return), and the change "
                "in percentage points from {a} to {b}."
            ).format(a=a, b=b)
        )
    )
    if c.attrs.get("outside") or c.attrs.get("no_year"):
        out.append(
            paragraph(
                tr(
                    "{outside} returnees returned outside both periods and {none} have no "
                    "return year: not counted."
                ).format(outside=c.attrs.get("outside", 0), none=c.attrs.get("no_year", 0)),
                "caption",
            )
        )
    for kind in dict.fromkeys(c["kind"]):
        g = c[c["kind"] == kind]
        named = g[g["id"].notna()]
        movers = pd.concat([named.head(8), named.tail(8)]).drop_duplicates("id")
        movers = movers[movers["change_points"].abs() > 0]
        title = (
            tr("Return cities: change in share, {a} to {b}")
            if kind == "return city"
            else tr("Source cities: change in share, {a} to {b}")
        ).format(a=a, b=b)
        if len(movers):
            out.append(
                change_chart(
                    [value_label(tr, v) for v in movers["name"]],
                    list(movers["change_points"]),
                    title,
                    tr("Change in share (percentage points)"),
                )
            )
        base_a, base_b = c.attrs.get(f"{kind}:base_a", 0), c.attrs.get(f"{kind}:base_b", 0)
        out.append("<details><summary>" + rh.esc(tr("The table")) + "</summary>")
        out.append(
            rh.html_table(
                g.assign(name=[value_label(tr, v) for v in g["name"]]),
                ["name", "persons_a", "share_a", "persons_b", "share_b", "change_points"],
                headers={
                    "name": tr(VALUE_LABELS[kind]) if kind in VALUE_LABELS else kind,
                    "persons_a": f"{a} (n = {base_a:,})",
                    "share_a": tr("Share"),
                    "persons_b": f"{b} (n = {base_b:,})",
                    "share_b": tr("Share"),
                    "change_points": tr("Change (points)"),
                },
                formats={
                    "share_a": rh.fmt_pct,
                    "share_b": rh.fmt_pct,
                    "change_points": lambda v: "" if pd.isna(v) else f"{v:+.2f}",
                },
                total_row=lambda r: r["name"] == value_label(tr, "Other"),
            )
        )
        out.append("</details>")
        cells = int(c.attrs.get(f"{kind}:hidden_cells", 0) or 0)
        if cells == 1:
            out.append(
                paragraph(
                    tr(
                        "1 city with fewer than {n} returnees in a period is merged into 'Other'."
                    ).format(n=c.attrs.get("min_persons", MIN_PERSONS_DEFAULT)),
                    "note",
                )
            )
        elif cells:
            out.append(
                paragraph(
                    tr(
                        "{cells} cities with fewer than {n} returnees in a period ({persons} "
                        "persons in all) are merged into 'Other'."
                    ).format(
                        cells=cells,
                        n=c.attrs.get("min_persons", MIN_PERSONS_DEFAULT),
                        persons=c.attrs.get(f"{kind}:hidden_persons", 0),
                    ),
                    "note",
                )
            )
    return "\n".join(out)
