"""The report's "Returns over time" section: returnees by the year of their return,
overall and by group, and two periods compared.
"""

from __future__ import annotations

import pandas as pd

from ..disclosure.rules import MIN_PERSONS_DEFAULT
from ..messages import M, say
from ..palette import CHART_PERSONS, PATTERN_COLOURS, TIER_COLOURS
from ..schema import TIER_LABELS
from ..sources.trends import period_label
from . import html_parts as rh
from .sources_parts import (
    SERIES_COLOURS,
    group_name,
    hidden_note,
    hidden_years_note,
    paragraph,
    value_label,
)
from .trend_charts import change_chart, line_chart


def hidden_year_bands(trends: pd.DataFrame) -> dict[int, str]:
    """Year -> band label: under the minimum, or hidden with such a year."""
    n = trends.attrs.get("min_persons", MIN_PERSONS_DEFAULT)
    bands = {
        int(y): say(M("report.trends.hidden", n=n)) for y in trends.attrs.get("hidden_years", [])
    }
    for y in trends.attrs.get("complementary_years", []):
        bands.setdefault(int(y), say(M("report.trends.hidden_complement")))
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


def _trend_charts(trends: pd.DataFrame) -> list[str]:
    out = []
    overall = trends[trends["by"] == "all"]
    base = {
        int(y): (None if pd.isna(p) else int(p))
        for y, p in zip(overall["year"], overall["persons"])
    }
    k = int(trends.attrs.get("min_persons", MIN_PERSONS_DEFAULT) or 1)
    bands = hidden_year_bands(trends)
    titles = {
        "tier": say(M("report.trends.share_each_year_s_returnees")),
        "pattern": say(M("report.trends.share_each_year_s_returnees_2")),
        "return_city": say(M("report.trends.share_each_year_s_returnees_3")),
    }
    for by in [b for b in dict.fromkeys(trends["by"]) if b != "all"]:
        g = trends[trends["by"] == by]
        years = sorted(set(trends["year"]))
        groups = list(dict.fromkeys(g["group"]))[: len(SERIES_COLOURS)]
        series = []
        for i, name in enumerate(groups):
            rows = g[g["group"] == name].set_index("year")
            colour = _series_colour(by, name, i)
            series.append(
                (
                    group_name(by, name),
                    [_year_share(rows, int(y), base, k) for y in years],
                    colour,
                )
            )
        title = titles.get(by) or say(
            M(
                "report.trends.share_each_year_s_returnees_4",
                value=value_label(str(by).replace("_", " ")),
            )
        )
        out.append(
            line_chart(
                years,
                series,
                title,
                say(M("report.trends.share_year_s_returnees")),
                value_text=lambda v: f"{v:.0f} %" if v == int(v) else f"{v:.1f} %",
                bands=bands,
            )
        )
    return out


def trends_section(tables: dict[str, pd.DataFrame], meta: dict) -> str:
    trends = tables.get("trends", pd.DataFrame())
    status = tables.get("trend_years", pd.DataFrame())
    periods = tables.get("periods")
    n_min = trends.attrs.get("min_persons", MIN_PERSONS_DEFAULT)
    intro = (
        say(M("report.trends.returnees_by_year_their_return"))
        if n_min > 1
        else say(M("report.trends.returnees_by_year_their_return_2"))
    )
    body = [paragraph(intro.format(n=n_min))]
    if len(status):
        st = status.set_index("status")
        lo, hi = status.attrs.get("range", (None, None))
        figures = [
            (
                say(M("report.trends.returnees_with_return_year")),
                f"{int(st.at['valid', 'persons']):,}",
            ),
            (say(M("report.trends.without_return_year")), f"{int(st.at['missing', 'persons']):,}"),
            (
                say(M("report.trends.with_year_outside_lo_hi", lo=lo, hi=hi)),
                f"{int(st.at['out of range', 'persons']):,}",
            ),
        ]
        body.append(rh.figures(figures))
        if int(st.at["missing", "persons"]) or int(st.at["out of range", "persons"]):
            text = say(M("report.trends.returnees_without_return_year_or"))
            values = st.at["out of range", "values"]
            if values:
                text += " " + say(M("report.trends.years_out_range_value", value=values))
            body.append(paragraph(text, "note"))
    if trends.empty:
        body.append(paragraph(say(M("report.trends.no_return_years_no_trends")), "note"))
    else:
        overall = trends[trends["by"] == "all"]
        body.append(
            line_chart(
                list(overall["year"]),
                [
                    (
                        say(M("report.sources.returnees")),
                        list(overall["persons"].astype(float)),
                        CHART_PERSONS,
                    )
                ],
                say(M("report.trends.returnees_by_return_year")),
                say(M("report.sources.returnees_persons")),
                point_labels=True,
                bands=hidden_year_bands(trends),
            )
        )
        body += _trend_charts(trends)
        body.append(hidden_note(trends))
        body.append(hidden_years_note(trends))
        frame = trends.assign(
            by=[
                value_label("All" if b == "all" else str(b).replace("_", " ")) for b in trends["by"]
            ],
            group=[group_name(b, g) for b, g in zip(trends["by"], trends["group"])],
            persons=[
                say(M("report.sources.hidden"))
                if (i, "persons") in trends.attrs.get("complementary_cells", ())
                else (
                    f"< {trends.attrs.get('min_persons', MIN_PERSONS_DEFAULT)}"
                    if s
                    else rh.fmt_int(p)
                )
                for i, s, p in zip(range(len(trends)), trends["suppressed"], trends["persons"])
            ],
        )
        body.append("<details><summary>" + rh.esc(say(M("report.trends.table"))) + "</summary>")
        body.append(
            rh.html_table(
                frame,
                ["by", "group", "year", "persons", "base", "share"],
                headers={
                    "by": say(M("report.trends.by")),
                    "group": say(M("report.trends.group")),
                    "year": say(M("report.trends.year")),
                    "persons": say(M("report.sources.returnees")),
                    "base": "n",
                    "share": say(M("report.sources.share")),
                },
                formats={"share": rh.fmt_pct, "year": str},
            )
        )
        body.append("</details>")
    if periods is not None:
        body.append(_periods_block(periods))
    return rh.section("trends", say(M("report.trends.returns_over_time")), "\n".join(body))


def _periods_block(c: pd.DataFrame) -> str:
    pa, pb = c.attrs.get("periods", ((0, 0), (0, 0)))
    a, b = period_label(pa), period_label(pb)
    out = [f"<h3>{rh.esc(say(M('report.trends.two_periods_compared_b', a=a, b=b)))}</h3>"]
    out.append(paragraph(say(M("report.trends.share_each_period_s_returnees", a=a, b=b))))
    if c.attrs.get("outside") or c.attrs.get("no_year"):
        out.append(
            paragraph(
                say(
                    M(
                        "report.trends.outside_returnees_returned_outside_both",
                        outside=c.attrs.get("outside", 0),
                        none=c.attrs.get("no_year", 0),
                    )
                ),
                "caption",
            )
        )
    for kind in dict.fromkeys(c["kind"]):
        g = c[c["kind"] == kind]
        named = g[g["id"].notna()]
        movers = pd.concat([named.head(8), named.tail(8)]).drop_duplicates("id")
        movers = movers[movers["change_points"].abs() > 0]
        title = (
            say(M("report.trends.return_cities_change_share_b"))
            if kind == "return city"
            else say(M("report.trends.source_cities_change_share_b"))
        ).format(a=a, b=b)
        if len(movers):
            out.append(
                change_chart(
                    [value_label(v) for v in movers["name"]],
                    list(movers["change_points"]),
                    title,
                    say(M("report.trends.change_share_percentage_points")),
                )
            )
        base_a, base_b = c.attrs.get(f"{kind}:base_a", 0), c.attrs.get(f"{kind}:base_b", 0)
        out.append("<details><summary>" + rh.esc(say(M("report.trends.table"))) + "</summary>")
        out.append(
            rh.html_table(
                g.assign(name=[value_label(v) for v in g["name"]]),
                ["name", "persons_a", "share_a", "persons_b", "share_b", "change_points"],
                headers={
                    "name": value_label(kind),
                    "persons_a": f"{a} (n = {base_a:,})",
                    "share_a": say(M("report.sources.share")),
                    "persons_b": f"{b} (n = {base_b:,})",
                    "share_b": say(M("report.sources.share")),
                    "change_points": say(M("report.trends.change_points")),
                },
                formats={
                    "share_a": rh.fmt_pct,
                    "share_b": rh.fmt_pct,
                    "change_points": lambda v: "" if pd.isna(v) else f"{v:+.2f}",
                },
                total_row=lambda r: r["name"] == value_label("Other"),
            )
        )
        out.append("</details>")
        cells = int(c.attrs.get(f"{kind}:hidden_cells", 0) or 0)
        if cells == 1:
            out.append(
                paragraph(
                    say(
                        M(
                            "report.trends.1_city_with_fewer_than",
                            n=c.attrs.get("min_persons", MIN_PERSONS_DEFAULT),
                        )
                    ),
                    "note",
                )
            )
        elif cells:
            out.append(
                paragraph(
                    say(
                        M(
                            "report.trends.cells_cities_with_fewer_than",
                            cells=cells,
                            n=c.attrs.get("min_persons", MIN_PERSONS_DEFAULT),
                            persons=c.attrs.get(f"{kind}:hidden_persons", 0),
                        )
                    ),
                    "note",
                )
            )
    return "\n".join(out)


def _series_colour(by: str, group, i: int) -> str:
    """A pattern or a tier in the colour it has on every map; other groups in turn."""
    if by == "pattern" and group in PATTERN_COLOURS:
        return PATTERN_COLOURS[group]
    if by == "tier":
        tiers = {str(t): t for t in TIER_LABELS}
        return TIER_COLOURS[tiers[str(group)]] if str(group) in tiers else TIER_COLOURS["other"]
    return SERIES_COLOURS[i]
