"""The Backflow report as one self-contained HTML page (pure Python, no QGIS).

Tables are HTML tables; charts are inline SVG from ``core.report.charts`` (no
plotting library, no scripts, no external files), so the page opens in any browser
and in QGIS, prints, and can be archived with the data. Colours are Okabe & Ito's
colour-blind-safe set (``core.palette``). Every text that comes from the data is
escaped.

``render_report(tables, meta)`` takes the dict of ``report.build_report`` and a
``meta`` dict (see :func:`render_report`).
"""

from __future__ import annotations

import datetime as _dt
import platform

import pandas as pd

from ...paths import METADATA_FILE
from ..messages import M, local_value, speaking, term
from ..palette import OKABE_ITO, PATTERN_COLOURS, TIER_COLOURS
from ..places.countries import REGION_LABELS
from .charts import BAR, BAR_HIGHLIGHT, bar_chart, esc, lorenz_chart, stacked_share_chart
from .concentration import top_k_names
from .html_parts import (
    figures,
    fmt_int,
    fmt_pct,
    fmt_value,
    html_table,
    note_paragraph,
    section,
    words,
)
from .regions_section import regions_section
from .sources_section import render_sections
from .style import CSS

SECTION_IDS = (
    "table1",
    "table3",
    "overseas",
    "concentration",
    "table4",
    "patterns",
    "centrality",
    "sources",
    "trends",
    "reproducibility",
)

# --------------------------------------------------------------------------- versions


def plugin_version() -> str:
    """The ``version`` of metadata.txt ('unknown' when unreadable)."""
    try:
        for line in METADATA_FILE.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("version="):
                return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def library_versions(qgis_version: str | None = None) -> dict[str, str]:
    """Versions to record: QGIS (given by the caller), the plugin, Python, pandas, networkx."""
    try:
        import networkx

        nx_version = networkx.__version__
    except ImportError:  # pragma: no cover - networkx is a dependency
        nx_version = "not installed"
    return {
        "QGIS": qgis_version or "not running in QGIS",
        "Backflow plugin": plugin_version(),
        "Python": platform.python_version(),
        "pandas": pd.__version__,
        "networkx": nx_version,
    }


# --------------------------------------------------------------------------- sections


def _table1_section(t: pd.DataFrame) -> str:
    subject = t.attrs.get("subject") or "subject"
    unit = t.attrs.get("unit")
    label = t.columns[0] if len(t.columns) else subject
    body = [
        "<p>"
        + words(M("report.table1.intro", subject=term(subject), unit=term(unit or "not available")))
        + "</p>",
        note_paragraph(t),
    ]
    if len(t):
        tops = [c for c in t.columns if c.startswith("top") and c != "top_cities"]
        cols = [c for c in t.columns if c not in tops]
        body.append(
            html_table(
                t,
                cols,
                headers={
                    label: str(label).replace("_", " ").capitalize(),
                    "total": M("report.column.total"),
                    "top_cities": M("report.table1.top_cities"),
                },
                total_row=lambda r: r[label] == "All",
            )
        )
    return section("table1", M("report.table1.title"), "\n".join(body))


def _table3_section(ret: pd.DataFrame, abroad: pd.DataFrame, n: int) -> str:
    heads = {
        "rank": "#",
        "org": M("report.column.organisation"),
        "city": M("report.column.city"),
        "country": M("report.column.country"),
        "persons": M("report.column.persons"),
        "share": M("report.column.share"),
    }
    body = [
        f"<p>{esc(M('report.table3.intro'))}</p>",
        '<div class="cols"><div>',
        f"<h3>{esc(M('report.table3.top_return', n=n))}</h3>",
        note_paragraph(ret),
    ]
    if len(ret):
        body.append(html_table(ret, headers=heads, formats={"share": fmt_pct}))
    body += [
        "</div><div>",
        f"<h3>{esc(M('report.table3.top_overseas', n=n))}</h3>",
        note_paragraph(abroad),
    ]
    if len(abroad):
        body.append(html_table(abroad, headers=heads, formats={"share": fmt_pct}))
    body.append("</div></div>")
    return section("table3", M("report.table3.title"), "\n".join(body))


def _overseas_section(regions: pd.DataFrame, countries: pd.DataFrame, overrides: str) -> str:
    body = [f"<p>{words(M('report.overseas.intro'))}</p>"]
    if overrides:
        body.append(
            f'<p class="caption">{esc(M("report.overseas.overrides"))}'
            f"<code>{esc(overrides)}</code></p>"
        )
    body.append(note_paragraph(regions))
    if len(regions):
        base = regions["base"].iloc[0] if "base" in regions.columns else None
        known = base is not None and pd.notna(base)
        body.append(
            bar_chart(
                [REGION_LABELS.get(r, r) for r in regions["region"]],
                list(regions["share"] * 100),
                M("report.overseas.chart"),
                M("report.overseas.axis_of", base=int(base))
                if known
                else M("report.overseas.axis"),
                value_text=lambda v: f"{v:.2f} %" if v % 1 else f"{v:.0f} %",
                colours=[OKABE_ITO["blue"]] * len(regions),
            )
        )
        body.append(
            html_table(
                regions,
                ["label", "persons", "share"],
                headers={
                    "label": M("report.column.region"),
                    "persons": M("report.column.persons"),
                    "share": M("report.column.share"),
                },
                formats={"share": fmt_pct},
            )
        )
    if len(countries):
        body.append(f"<h3>{esc(M('report.overseas.by_country', n=20))}</h3>")
        body.append(
            html_table(
                countries.head(20),
                headers={
                    "country": M("report.column.iso"),
                    "name": M("report.column.country"),
                    "region": M("report.column.region"),
                    "persons": M("report.column.persons"),
                    "share": M("report.column.share"),
                },
                formats={
                    "share": fmt_pct,
                    "region": lambda r: esc(local_value(REGION_LABELS.get(r, r))),
                },
            )
        )
    return section("overseas", M("report.overseas.title"), "\n".join(body))


def _concentration_section(
    cities: pd.DataFrame, conc: pd.DataFrame, points: pd.DataFrame, top_n: int
) -> str:
    body = [note_paragraph(conc)]
    if len(conc):
        c = conc.iloc[0]
        k = int(c["k"])
        body.append(
            figures(
                [
                    (M("report.concentration.top_k_share", k=k), fmt_pct(c["top_k_share"])),
                    (
                        M("report.concentration.top_k_persons", k=k),
                        f"{int(c['top_k_persons']):,} / {int(c['returnees']):,}",
                    ),
                    (M("report.figure.return_cities"), f"{int(c['return_cities']):,}"),
                    (M("report.concentration.gini"), f"{c['gini']:.3f}"),
                ]
            )
        )
        names = local_value(top_k_names(conc))
        body.append(f"<p>{words(M('report.concentration.top_k_cities', k=k, cities=names))}</p>")
    if len(cities):
        head = cities.head(top_n)
        k = int(conc.iloc[0]["k"]) if len(conc) else 0
        colours = [BAR_HIGHLIGHT if r <= k else BAR for r in head["rank"]]
        body.append(
            bar_chart(
                head["city"],
                head["persons"],
                M("report.concentration.chart", n=len(head)),
                M("report.concentration.axis"),
                colours=colours,
                legend=[
                    (M("report.concentration.top_k", k=k), BAR_HIGHLIGHT),
                    (M("report.concentration.other_cities"), BAR),
                ]
                if k
                else (),
            )
        )
    body.append('<div class="cols">')
    if len(points):
        body.append("<div>")
        body.append(
            lorenz_chart(
                points,
                M("report.concentration.lorenz"),
                k=int(conc.iloc[0]["k"]) if len(conc) else None,
                top_k_share=float(conc.iloc[0]["top_k_share"]) if len(conc) else None,
                gini=float(conc.iloc[0]["gini"]) if len(conc) else None,
            )
        )
        body.append(
            '<p class="caption" style="max-width: 480px">'
            f"{esc(M('report.concentration.lorenz_caption'))}</p></div>"
        )
    if len(cities):
        body.append("<div>")
        # "of N" is every return city, as in the figures above (not the rows left after
        # the small ones were merged into 'other')
        listed = cities.head(top_n)
        own = int(listed["city_id"].notna().sum()) if "city_id" in listed else len(listed)
        total = int(conc.iloc[0]["return_cities"]) if len(conc) else len(cities)
        body.append(f"<h3>{esc(M('report.concentration.cities', n=own, total=total))}</h3>")
        body.append(
            html_table(
                cities.head(top_n),
                ["rank", "city", "persons", "share", "cum_share"],
                headers={
                    "rank": "#",
                    "city": M("report.column.city"),
                    "persons": M("report.column.returnees"),
                    "share": M("report.column.share"),
                    "cum_share": M("report.column.cumulative_share"),
                },
                formats={"share": fmt_pct, "cum_share": fmt_pct},
            )
        )
        body.append("</div>")
    body.append("</div>")
    return section("concentration", M("report.concentration.title"), "\n".join(body))


def _tier_swatch(tier) -> str:
    """The tier number after a square of its map colour."""
    try:
        colour = TIER_COLOURS.get(int(tier), TIER_COLOURS["other"])
    except (TypeError, ValueError):
        return esc(tier)
    return (
        f'<span style="display:inline-block;width:11px;height:11px;margin-right:6px;'
        f'background:{colour}"></span>{int(tier)}'
    )


def _table4_section(t: pd.DataFrame, breaks_text: str | None) -> str:
    body = [f"<p>{esc(M('report.table4.intro'))}</p>", note_paragraph(t)]
    if breaks_text:
        body.append(f"<p>{esc(M('report.table4.breaks', breaks=breaks_text))}</p>")
    if len(t):
        cols = [
            c
            for c in t.columns
            if not (c.startswith("measure") or c == "break") or t[c].notna().any()
        ]
        body.append(
            html_table(
                t,
                cols,
                headers={
                    "tier": M("report.table4.tier"),
                    "tier_label": M("report.table4.class"),
                    "cities": M("report.table4.cities"),
                    "examples": M("report.table4.examples"),
                    "measure": M("report.table4.measure"),
                    "measure_min": M("report.table4.min"),
                    "measure_max": M("report.table4.max"),
                    "break": M("report.table4.break"),
                    "members": M("report.table4.members"),
                },
                formats={"tier": _tier_swatch},
            )
        )
    return section("table4", M("report.table4.title"), "\n".join(body))


def _count_share(count, share) -> str:
    """'1,685 (59.2 %)'; 'hidden' for a hidden count (disclosure control)."""
    if count is None or pd.isna(count):
        return esc(M("report.patterns.hidden"))
    return f"{int(count):,} ({fmt_pct(share, 1)})" if not pd.isna(share) else f"{int(count):,}"


def _patterns_section(t: pd.DataFrame) -> str:
    intro = (
        f"<p>{esc(M('report.patterns.intro_circle'))}<b>{esc(M('report.patterns.circle_word'))}"
        f"</b>{esc(M('report.patterns.intro_linear'))}<b>{esc(M('report.patterns.linear_word'))}"
        f"</b>{esc(M('report.patterns.intro_end'))}</p>"
    )
    body = [intro, note_paragraph(t)]
    if len(t):
        overall = t[t["by"] == "all"]
        if len(overall):
            o = overall.iloc[0]
            body.append(
                figures(
                    [
                        (
                            M("report.figure.circle_routes"),
                            _count_share(o["circle"], o["circle_share"]),
                        ),
                        (
                            M("report.figure.linear_routes"),
                            _count_share(o["linear"], o["linear_share"]),
                        ),
                        (
                            M("report.figure.no_pattern"),
                            fmt_int(o["no_pattern"]) or esc(M("report.patterns.hidden")),
                        ),
                    ]
                )
            )
        for by in [b for b in dict.fromkeys(t["by"]) if b != "all"]:
            total = pd.to_numeric(t["total"], errors="coerce")
            g = t[(t["by"] == by) & (total.isna() | total.gt(0)).to_numpy(dtype=bool)]
            if not len(g):
                continue
            labels = [x if x is not None else "(none)" for x in g["group"]]
            name = term("return year" if by == "return_year" else str(by).replace("_", " "))
            body.append(
                stacked_share_chart(
                    labels,
                    [
                        ("circle", list(g["circle"]), PATTERN_COLOURS["circle"]),
                        ("linear", list(g["linear"]), PATTERN_COLOURS["linear"]),
                    ],
                    M("report.patterns.by", by=name),
                    M("report.patterns.axis"),
                    totals=list(g["total"]),
                )
            )
        body.append(
            html_table(
                t,
                headers={
                    "by": M("report.patterns.column.by"),
                    "group": M("report.patterns.column.group"),
                    "circle": M("report.patterns.column.circle"),
                    "linear": M("report.patterns.column.linear"),
                    "total": M("report.column.total"),
                    "circle_share": M("report.patterns.column.circle_share"),
                    "linear_share": M("report.patterns.column.linear_share"),
                    "no_pattern": M("report.patterns.column.no_pattern"),
                },
                formats={"circle_share": fmt_pct, "linear_share": fmt_pct},
                total_row=lambda r: r["by"] == "all",
            )
        )
    return section("patterns", M("report.patterns.title"), "\n".join(body))


def _centrality_section(t: pd.DataFrame) -> str:
    body = [
        f"<p>{esc(M('report.centrality.intro'))}</p>",
        note_paragraph(t),
    ]
    if len(t):
        measures = list(dict.fromkeys(t["measure"]))
        wide = pd.DataFrame({"rank": sorted(set(t["rank"]))})
        for m in measures:
            g = t[t["measure"] == m].set_index("rank")
            wide[m] = [
                f"{g.at[r, 'city']} ({fmt_value(g.at[r, 'value'])})" if r in g.index else ""
                for r in wide["rank"]
            ]
        body.append(html_table(wide, headers={"rank": "#"}))
    return section("centrality", M("report.centrality.title"), "\n".join(body))


def _repro_section(meta: dict) -> str:
    params = meta.get("parameters") or {}
    inputs = meta.get("inputs") or {}
    versions = meta.get("versions") or library_versions()
    rows = "".join(
        f"<tr><th>{esc(k)}</th><td><code>{esc(local_value(v))}</code></td></tr>"
        for k, v in params.items()
    )
    body = [
        f"<p>{esc(M('report.repro.intro'))}</p>",
        f"<h3>{esc(M('report.repro.parameters'))}</h3>",
        f'<table class="kv">{rows}</table>' if rows else f"<p>{esc(M('report.repro.none'))}</p>",
        f"<h3>{esc(M('report.repro.input'))}</h3>",
    ]
    rows = "".join(
        f"<tr><th>{esc(k)}</th><td><code>{esc(v)}</code></td></tr>" for k, v in inputs.items()
    )
    body.append(
        f'<table class="kv">{rows}</table>'
        if rows
        else f"<p>{esc(M('report.repro.not_recorded'))}</p>"
    )
    rows = "".join(
        f"<tr><th>{esc(local_value(k))}</th><td>{esc(v)}</td></tr>" for k, v in versions.items()
    )
    body += [
        f"<h3>{esc(M('report.repro.software'))}</h3>",
        f'<table class="kv">{rows}</table>',
        f"<p>{esc(M('report.repro.made_on', date=meta.get('date') or _now()))}</p>",
    ]
    return section("reproducibility", M("report.repro.title"), "\n".join(body))


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def summary_figures(tables: dict[str, pd.DataFrame]) -> list[tuple[str, str]]:
    """Headline figures: returnees, return cities, top-k share, Gini, circle share."""
    out = []
    conc = tables.get("concentration")
    if conc is not None and len(conc):
        c = conc.iloc[0]
        out += [
            (M("report.figure.returnees"), f"{int(c['returnees']):,}"),
            (M("report.figure.return_cities"), f"{int(c['return_cities']):,}"),
            (M("report.figure.top_k_share", k=int(c["k"])), fmt_pct(c["top_k_share"])),
            (M("report.figure.gini"), f"{c['gini']:.3f}"),
        ]
    pats = tables.get("patterns")
    if pats is not None and len(pats) and (pats["by"] == "all").any():
        o = pats[pats["by"] == "all"].iloc[0]
        out.append((M("report.figure.circle_routes"), fmt_pct(o["circle_share"], 1)))
    regions = tables.get("overseas_regions")
    if regions is not None and len(regions):
        usa = regions[regions["region"] == "USA"]
        if len(usa):
            out.append((M("report.figure.went_to_usa"), fmt_pct(usa.iloc[0]["share"])))
    return out


NAV = {
    "table1": M("report.nav.table1"),
    "table3": M("report.nav.table3"),
    "overseas": M("report.nav.overseas"),
    "concentration": M("report.nav.concentration"),
    "table4": M("report.nav.table4"),
    "patterns": M("report.nav.patterns"),
    "centrality": M("report.nav.centrality"),
    "sources": M("report.nav.sources"),
    "trends": M("report.nav.trends"),
    "reference": M("report.nav.reference"),
    "flows": M("report.nav.flows"),
    "regions": M("report.nav.regions"),
    "reproducibility": M("report.nav.reproducibility"),
}


def render_report(
    tables: dict[str, pd.DataFrame],
    meta: dict | None = None,
    language: str = "en",
    names: dict[str, str] | None = None,
) -> str:
    """The whole HTML page, its texts (messages) and the places it names in `language`
    (a code of ``schema.LANGUAGES``; `names`: English -> that language's place names).

    `tables`: the dict of ``report.build_report``. `meta` (all optional): title,
    subtitle, top_n, parameters (dict), inputs (dict: file, rows, sha256...),
    versions (dict; default :func:`library_versions`), date (text), breaks (text of
    the tier breaks), region_overrides (text), summary (list of (label, value) pairs),
    extra_sections ((id, html) pairs, or a function of `tables` returning them).
    """
    with speaking(language, names):
        return _page(tables, dict(meta or {}))


def _page(tables: dict[str, pd.DataFrame], meta: dict) -> str:
    top_n = int(meta.get("top_n", 20))

    def get(key: str) -> pd.DataFrame:
        return tables.get(key, pd.DataFrame())

    title = meta.get("title") or M("report.title")
    subtitle = meta.get("subtitle") or M("report.subtitle")
    summary = meta.get("summary") or summary_figures(tables)
    sections = meta.get("extra_sections") or ()  # (id, html) from other modules
    if callable(sections):  # made here, so that they are written in the page's language
        sections = sections(tables)
    extra = list(sections)
    nav = "".join(
        f'<a href="#{s}">{esc(NAV.get(s, s))}</a>'
        for s in (*SECTION_IDS[:-1], *(i for i, _ in extra), SECTION_IDS[-1])
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(meta.get("lang") or "en")}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body><main>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="subtitle">{esc(subtitle)}</p>',
        f"<nav>{nav}</nav>",
    ]
    if summary:
        parts.append(figures([(k, esc(v)) for k, v in summary]))
    parts.append(_table1_section(get("table1")))
    parts.append(_table3_section(get("table3_return"), get("table3_overseas"), top_n))
    parts.append(
        _overseas_section(
            get("overseas_regions"), get("overseas_countries"), meta.get("region_overrides") or ""
        )
    )
    parts.append(
        _concentration_section(get("return_cities"), get("concentration"), get("lorenz"), top_n)
    )
    parts.append(_table4_section(get("table4"), meta.get("breaks")))
    parts.append(_patterns_section(get("patterns")))
    parts.append(_centrality_section(get("centrality")))
    if "region_matrix" in tables or "region_stats" in tables:  # from backflow:regionalflows
        parts.append(regions_section(tables.get("region_matrix"), tables.get("region_stats")))
    parts += render_sections(tables, meta)
    parts += [h for _i, h in extra]
    parts.append(_repro_section(meta))
    parts += ["</main></body>", "</html>"]
    return "\n".join(parts) + "\n"


def write_report(path: str, tables: dict[str, pd.DataFrame], meta: dict | None = None) -> str:
    """Write the page as UTF-8; returns the path."""
    page = render_report(tables, meta)  # first: a failure leaves no empty file behind
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(page)
    return path
