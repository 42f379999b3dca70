"""The report's "Where returnees come from" and "Returns over time" sections (HTML + SVG).

Pure Python like ``report_html`` (whose helpers it uses, with the charts of
``report_charts``). Every text goes through the `tr` callable of ``meta["tr"]`` (the
plugin's translator when the report is made in QGIS, so the sections are Chinese when
QGIS runs in Chinese; the identity otherwise).
Notes about hidden cells are written here from the tables' attrs, so they translate.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from ..disclosure.rules import MIN_PERSONS_DEFAULT
from ..palette import CHART_PERSONS, GAIN, GROUP_SERIES, LOSS, PATTERN_COLOURS, TEXT
from ..schema import TIER_LABELS
from ..sources.trends import period_label
from . import charts as rc
from . import html_parts as rh

SECTION_IDS = ("sources", "trends")

# Group values shown in the report (translated at run time).
VALUE_LABELS = {
    "circle": "circle",
    "linear": "linear",
    "Other": "Other",
    "Unknown": "Unknown",
    "All": "All",
    "(none)": "(none)",
    "no tier": "no tier",
    "return city": "return city",
    "source city": "source city",
    "valid": "valid",
    "missing": "missing",
    "out of range": "out of range",
    "subject": "subject",
    "unit type": "unit type",
    "tier": "tier",
    "pattern": "pattern",
}
SERIES_COLOURS = list(GROUP_SERIES)
HIDDEN_BAND = rc.HIDDEN  # a hidden year: grey behind the gap in the lines

Tr = Callable[[str], str]


def _identity(text: str) -> str:
    return text


def _value(tr: Tr, value) -> str:
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    return tr(VALUE_LABELS[text]) if text in VALUE_LABELS else text


def _group_name(tr: Tr, by: str, group) -> str:
    if by == "tier" and str(group) in {str(t) for t in TIER_LABELS}:
        return tr(TIER_LABELS[int(group)])
    return _value(tr, group)


def _p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{rh.esc(text)}</p>' if cls else f"<p>{rh.esc(text)}</p>"


def _hidden_note(tr: Tr, frame: pd.DataFrame) -> str:
    """The disclosure note: how many cells and persons were merged or hidden."""
    cells = int(frame.attrs.get("hidden_cells", 0) or 0)
    if not cells:
        return ""
    if cells == 1:  # one cell: its persons would give its count away
        return _p(
            tr(
                "1 cell with fewer than {n} persons is not shown on its own: it is merged "
                "into 'Other'."
            ).format(n=frame.attrs.get("min_persons", MIN_PERSONS_DEFAULT)),
            "note",
        )
    return _p(
        tr(
            "{cells} cells with fewer than {n} persons ({persons} persons in all) are not "
            "shown on their own: they are merged into 'Other'."
        ).format(
            cells=cells,
            n=frame.attrs.get("min_persons", MIN_PERSONS_DEFAULT),
            persons=int(frame.attrs.get("hidden_persons", 0) or 0),
        ),
        "note",
    )


def _hidden_years_note(tr: Tr, frame: pd.DataFrame) -> str:
    """What a grey band in the charts means, and the complementary cells of the table."""
    n = frame.attrs.get("min_persons", MIN_PERSONS_DEFAULT)
    small = [str(y) for y in frame.attrs.get("hidden_years", [])]
    paired = [str(y) for y in frame.attrs.get("complementary_years", [])]
    parts = []
    if small:
        parts.append(
            tr(
                "Hidden years ({years}: fewer than {n} returnees) are a grey band and a gap "
                "in the lines, not a zero."
            ).format(years=", ".join(small), n=n)
        )
    if paired:
        parts.append(
            tr(
                "{years} hidden too, so that the total of all years does not give the hidden "
                "year away (the years that hide the least)."
            ).format(years=", ".join(paired))
        )
    cells = {c for c in frame.attrs.get("complementary_cells", ()) if c[1] == "persons"}
    if cells:
        parts.append(
            tr(
                "'hidden' in the table: {cells} more cells hidden (those that hide the least) "
                "so that no hidden count can be recomputed from the year's total."
            ).format(cells=len(cells))
        )
    return _p(" ".join(parts), "note") if parts else ""


# --------------------------------------------------------------------------- charts


def _legend_places(names: Sequence[str], left: float, width: float) -> list[tuple[float, int]]:
    """(x, row) of each legend entry: four columns, an entry too long for its column
    taking the next ones too, so that no two names overlap."""
    column = width / 4
    places, col, row = [], 0, 0
    for name in names:
        span = max(1, math.ceil((19 + rc._text_width(name) + 12) / column))
        if col + span > 4 and col:
            col, row = 0, row + 1
        places.append((left + col * column, row))
        col += span
    return places


def line_chart(
    years: Sequence[int],
    series: Sequence[tuple[str, Sequence[float | None], str]],
    title: str,
    y_label: str,
    value_text: Callable[[float], str] = lambda v: f"{v:,.0f}",
    width: float = 760,
    height: float = 320,
    point_labels: bool = False,
    bands: Mapping[int, str] | None = None,
) -> str:
    """Lines over years (a gap where a value is None), legend at the top.

    `bands`: years drawn as a grey band with a short label (hidden years): the line
    breaks there, so a hidden year never reads as a zero.
    """
    years = [int(y) for y in years]
    left, right, bottom = 64, 24, 52
    plot_w = width - left - right
    legend = _legend_places([name for name, _, _ in series], left, plot_w)
    top = 40 + 22 * (max((row for _, row in legend), default=0) + 1)
    plot_h = height - top - bottom
    values = [v for _, vals, _ in series for v in vals if v is not None and not pd.isna(v)]
    ticks = rc.nice_ticks(max(values) if values else 1)
    span = max(len(years) - 1, 1)

    def px(i: int) -> float:
        return left + (plot_w * i / span if len(years) > 1 else plot_w / 2)

    def py(v: float) -> float:
        return top + plot_h * (1 - v / ticks[-1]) if ticks[-1] else top + plot_h

    out = rc._svg_open(width, height, title)
    for (name, _, colour), (x, row) in zip(series, legend):
        y = 34 + 22 * row
        out.append(
            f'<rect x="{x:.1f}" y="{y}" width="14" height="4" fill="{colour}" '
            f'transform="translate(0 4)"/>'
            f'<text x="{x + 19:.1f}" y="{y + 10}" font-size="12" fill="{TEXT}">{rh.esc(name)}</text>'
        )
    for t in ticks:
        out.append(
            f'<line x1="{left}" y1="{py(t):.1f}" x2="{left + plot_w}" y2="{py(t):.1f}" '
            f'stroke="{rc.GRID}"/><text x="{left - 6}" y="{py(t) + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="{rc.MUTED}">{rh.esc(value_text(t))}</text>'
        )
    step = plot_w / span if len(years) > 1 else plot_w
    for i, y in enumerate(years):
        if bands and y in bands:
            x0 = max(left, px(i) - step / 2)
            x1 = min(left + plot_w, px(i) + step / 2)
            out.append(
                f'<rect class="hidden-year" x="{x0:.1f}" y="{top}" width="{x1 - x0:.1f}" '
                f'height="{plot_h}" fill="{HIDDEN_BAND}"><title>{y}: '
                f"{rh.esc(bands[y].replace(chr(10), ' '))}</title></rect>"
            )
            for j, line in enumerate(bands[y].split("\n")):
                out.append(
                    f'<text x="{(x0 + x1) / 2:.1f}" y="{top + 14 + 12 * j}" text-anchor="middle" '
                    f'font-size="10" fill="{rc.MUTED}">{rh.esc(line)}</text>'
                )
        out.append(
            f'<text x="{px(i):.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
            f'font-size="11" fill="{rc.MUTED}">{y}</text>'
        )
    for name, vals, colour in series:
        pts = [
            (px(i), py(float(v)), float(v))
            for i, v in enumerate(vals)
            if v is not None and not pd.isna(v)
        ]
        # Break the line where a year has no value.
        run: list[str] = []
        last_i = None
        for i, v in enumerate(vals):
            if v is None or pd.isna(v):
                if len(run) > 1:
                    out.append(
                        f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                        'stroke-width="2.5"/>'
                    )
                run, last_i = [], None
                continue
            run.append(f"{px(i):.1f},{py(float(v)):.1f}")
            last_i = i
        if len(run) > 1:
            out.append(
                f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                'stroke-width="2.5"/>'
            )
        del last_i
        for x, y, v in pts:
            out.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
                f"<title>{rh.esc(name)}: {rh.esc(value_text(v))}</title></circle>"
            )
            if point_labels:
                out.append(
                    f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" font-size="11" '
                    f'fill="{TEXT}" {rc.HALO}>{rh.esc(value_text(v))}</text>'
                )
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{TEXT}"/>'
    )
    cy = top + plot_h / 2
    out.append(
        f'<text x="16" y="{cy:.1f}" text-anchor="middle" font-size="12" fill="{TEXT}" '
        f'transform="rotate(-90 16 {cy:.1f})">{rh.esc(y_label)}</text>'
    )
    out.append("</svg>")
    return "\n".join(out)


def change_chart(
    labels: Sequence[str], changes: Sequence[float], title: str, x_label: str, width: float = 760
) -> str:
    """Diverging bars of a change in points: gains to the right, losses to the left."""
    labels = [str(x) for x in labels]
    changes = [float(c) for c in changes]
    bar_h, gap = 16, 6
    label_w = min(max([rc._text_width(t) for t in labels] + [40]) + 16, width * 0.35)
    top, plot_h = 40, len(labels) * (bar_h + gap)
    height = top + plot_h + 50
    plot_w = width - label_w - 70
    reach = max([abs(c) for c in changes] + [0.1])
    ticks = rc.nice_ticks(reach, 3)
    half = plot_w / 2
    zero = label_w + half
    scale = half / ticks[-1]
    out = rc._svg_open(width, height, title)
    for t in ticks:
        for sign in (-1, 1) if t else (1,):
            x = zero + sign * t * scale
            out.append(
                f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{top + plot_h}" '
                f'stroke="{rc.GRID}"/><text x="{x:.1f}" y="{top + plot_h + 16}" '
                f'text-anchor="middle" font-size="11" fill="{rc.MUTED}">{f"{sign * t:+g}" if t else "0"}</text>'
            )
    for i, (label, c) in enumerate(zip(labels, changes)):
        y = top + i * (bar_h + gap)
        w = abs(c) * scale
        x = zero if c >= 0 else zero - w
        colour = GAIN if c >= 0 else LOSS
        out.append(
            f'<text x="{label_w - 8:.1f}" y="{y + bar_h - 3}" text-anchor="end" font-size="12" '
            f'fill="{TEXT}">{rh.esc(label)}</text>'
            f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}">'
            f"<title>{rh.esc(label)}: {c:+.2f}</title></rect>"
        )
        tx = zero + w + 4 if c >= 0 else zero - w - 4
        anchor = "start" if c >= 0 else "end"
        out.append(
            f'<text x="{tx:.1f}" y="{y + bar_h - 3}" text-anchor="{anchor}" font-size="11" '
            f'fill="{TEXT}">{c:+.2f}</text>'
        )
    out.append(
        f'<line x1="{zero:.1f}" y1="{top - 4}" x2="{zero:.1f}" y2="{top + plot_h}" '
        f'stroke="{TEXT}"/><text x="{zero:.1f}" y="{top + plot_h + 38}" text-anchor="middle" '
        f'font-size="12" fill="{TEXT}">{rh.esc(x_label)}</text>'
    )
    out.append("</svg>")
    return "\n".join(out)


def _shaded(share) -> str:
    """A background for a matrix cell: light to dark blue by share (0-60 %)."""
    if share is None or pd.isna(share) or share <= 0:
        return ""
    alpha = min(float(share) / 0.6, 1.0) * 0.75 + 0.08
    return f' style="background: rgba(0, 114, 178, {alpha:.2f})"'


# --------------------------------------------------------------------------- sections


def _top_table(tr: Tr, top: pd.DataFrame) -> str:
    frame = top.assign(label=[_value(tr, v) for v in top["label"]])
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
            shade = "" if s in ("Other", "Unknown") else _shaded(r["share"])
            light = light or not shade
            colour = "" if light else ' style="color: #FFFFFF"'
            tds.append(
                f'<td class="num"{shade}>'
                f"<span{colour}>{int(r['persons']):,}<br>{rh.fmt_pct(r['share'], 1)}</span></td>"
            )
        body.append(f"<tr><th>{rh.esc(_value(tr, s))}</th>{''.join(tds)}</tr>")
    return (
        f"<table><thead><tr><th>{rh.esc(tr('Overseas city (last stay)'))}</th>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def sources_section(tables: dict[str, pd.DataFrame], meta: dict, tr: Tr = _identity) -> str:
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
    body = [_p(intro.format(n=n_min))]
    if top.empty:
        body.append(_p(tr("No returnees: no source cities."), "note"))
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
            _p(
                tr("{n} returnees have no overseas stage just before the return.").format(
                    n=unknown
                ),
                "caption",
            )
        )
    body.append(_hidden_note(tr, top))
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
                _p(
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
            _p(
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
                _p(
                    (
                        tr("1 return city with fewer than {m} returnees is not shown.")
                        if small == 1
                        else tr("{n} return cities with fewer than {m} returnees are not shown.")
                    ).format(n=small, m=n_min),
                    "caption",
                )
            )
        body.append(_hidden_note(tr, matrix))
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
                _p(
                    tr("1 tier x source cell with fewer than {n} persons is not listed.").format(
                        n=n_min
                    ),
                    "note",
                )
            )
        elif cells:
            body.append(
                _p(
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
        body.append(_p(tr("Not available: the cities have no tiers (run City network)."), "note"))
    return rh.section("sources", tr("Where returnees come from"), "\n".join(body))


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
                    _group_name(tr, by, name),
                    [_year_share(rows, int(y), base, k) for y in years],
                    colour,
                )
            )
        title = titles.get(by) or tr("Share of each year's returnees by {}").format(
            _value(tr, str(by).replace("_", " "))
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


def trends_section(tables: dict[str, pd.DataFrame], meta: dict, tr: Tr = _identity) -> str:
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
    body = [_p(intro.format(n=n_min))]
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
            body.append(_p(text, "note"))
    if trends.empty:
        body.append(_p(tr("No return years: no trends."), "note"))
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
        body.append(_hidden_note(tr, trends))
        body.append(_hidden_years_note(tr, trends))
        frame = trends.assign(
            by=[
                _value(tr, "All" if b == "all" else str(b).replace("_", " ")) for b in trends["by"]
            ],
            group=[_group_name(tr, b, g) for b, g in zip(trends["by"], trends["group"])],
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
        _p(
            tr(
                "The share of each period's returnees that a city received (return cities) "
                "or sent (source cities: the last stay before the return), and the change "
                "in percentage points from {a} to {b}."
            ).format(a=a, b=b)
        )
    )
    if c.attrs.get("outside") or c.attrs.get("no_year"):
        out.append(
            _p(
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
                    [_value(tr, v) for v in movers["name"]],
                    list(movers["change_points"]),
                    title,
                    tr("Change in share (percentage points)"),
                )
            )
        base_a, base_b = c.attrs.get(f"{kind}:base_a", 0), c.attrs.get(f"{kind}:base_b", 0)
        out.append("<details><summary>" + rh.esc(tr("The table")) + "</summary>")
        out.append(
            rh.html_table(
                g.assign(name=[_value(tr, v) for v in g["name"]]),
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
                total_row=lambda r: r["name"] == _value(tr, "Other"),
            )
        )
        out.append("</details>")
        cells = int(c.attrs.get(f"{kind}:hidden_cells", 0) or 0)
        if cells == 1:
            out.append(
                _p(
                    tr(
                        "1 city with fewer than {n} returnees in a period is merged into 'Other'."
                    ).format(n=c.attrs.get("min_persons", MIN_PERSONS_DEFAULT)),
                    "note",
                )
            )
        elif cells:
            out.append(
                _p(
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


def render_sections(tables: dict[str, pd.DataFrame], meta: dict | None = None) -> list[str]:
    """Both sections (empty list when the tables were not built)."""
    meta = meta or {}
    tr = meta.get("tr") or _identity
    if "top_sources" not in tables and "trends" not in tables:
        return []
    return [sources_section(tables, meta, tr), trends_section(tables, meta, tr)]
