"""The report's comparison with the paper, its flow diagram and migration indices.

Pure Python + pandas; no QGIS. Adds to the tables of ``report.build_report``:

``table4`` completed
    ``members`` lists every city of each tier (most central first); when the tiers
    are those of the city network's default method (hybrid on degree) the ``measure``
    and ``break`` columns are filled from the natural breaks recomputed on the tiered
    cities (checked: the top class must be exactly tier 1).
``reference``
    Every figure the paper prints next to the computed one (``reference.compare``),
    when a reference is chosen.
``return_flows`` and ``indices``
    Returnees by region abroad x tier of return city, and the migration indices of
    the return cities (``indices``).

The reference is chosen with ``reference_mode``: ``"auto"`` compares with the paper
when the stages are the bundled sample (2,846 persons, ids ``P0001``.. and the five
interviewed talents ``A``..``E``), ``"paper"`` always, ``"none"`` never.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..disclosure.rules import HIDDEN_IN_REPORT
from ..messages import M, local_value
from ..network import classify as cls
from ..network.tiers import DEFAULT_MEASURE, is_regional_centre
from ..places.countries import REGION_LABELS, Countries
from ..schema import TIER_CITY_NAMES
from . import indices
from . import reference as ref
from . import sankey as chart_sankey
from .html_parts import esc, fmt_pct, html_table, note_paragraph, section, words

REFERENCE_MODES = ("auto", "none", "paper")


def is_sample(stages: pd.DataFrame) -> bool:
    """True for the bundled synthetic sample (see the module docstring)."""
    if "person_id" not in stages.columns:
        return False
    ids = set(stages["person_id"].astype(str).unique())
    if len(ids) != ref.PERSONS or not set(ref.CASES) <= ids:
        return False
    return all(re.fullmatch(r"P\d{4}", i) for i in ids - set(ref.CASES))


def use_reference(mode: str, stages: pd.DataFrame) -> bool:
    if mode not in REFERENCE_MODES:
        raise ValueError(f"unknown reference {mode!r}")
    return mode == "paper" or (mode == "auto" and is_sample(stages))


# --------------------------------------------------------------------------- Table 4


def complete_table4(t4: pd.DataFrame, cities: pd.DataFrame | None) -> pd.DataFrame:
    """Table 4 with ``members`` and, for default tiers, the measure and breaks."""
    if cities is None or t4.empty or "tier" not in cities.columns:
        return t4
    c = cities.copy()
    c["_tier"] = pd.to_numeric(c["tier"], errors="coerce")
    c = c[c["_tier"].notna()]
    name = c["name"] if "name" in c.columns else c["city_id"]
    c["_name"] = name.astype(str)
    measure = DEFAULT_MEASURE if DEFAULT_MEASURE in c.columns else None
    key = "rank" if "rank" in c.columns else measure
    if key:
        c["_k"] = pd.to_numeric(c[key], errors="coerce")
        c = c.sort_values(["_k", "_name"], ascending=[key == "rank", True], kind="mergesort")
    out = t4.copy()
    out["members"] = [
        ", ".join(c.loc[c["_tier"] == t, "_name"]) for t in pd.to_numeric(out["tier"])
    ]
    if measure and out["measure"].isna().all():
        breaks = _default_breaks(c, measure)
        if breaks:
            values = pd.to_numeric(c[measure], errors="coerce")
            out["measure"] = measure
            out["measure_min"] = [float(values[c["_tier"] == t].min()) for t in out["tier"]]
            out["measure_max"] = [float(values[c["_tier"] == t].max()) for t in out["tier"]]
            out["break"] = [breaks.get(int(t)) for t in out["tier"]]
    out.attrs.update(t4.attrs)
    return out


def _default_breaks(c: pd.DataFrame, measure: str) -> dict[int, str]:
    """The hybrid method's rule per tier, when it reproduces the tiers in `c`."""
    values = pd.to_numeric(c[measure], errors="coerce").to_numpy(dtype=float)
    if np.isnan(values).any() or len(values) < 3:
        return {}
    bounds = cls.fisher_jenks(values, 3)
    if len(bounds) != 3:
        return {}
    low, mid = bounds[0], bounds[1]
    tiers = c["_tier"].to_numpy()
    centre = np.array([is_regional_centre(r) for r in c.get("admin_rank", [None] * len(c))])
    expected = np.where(values > mid, 1, np.where(centre | (values > low), 2, 3))
    if not (expected == tiers).all():
        return {}
    return {
        1: M("report.table4.rule_core", measure=measure, value=f"{mid:g}"),
        2: M("report.table4.rule_excellent", measure=measure, value=f"{low:g}"),
        3: M("report.table4.rule_special", measure=measure, value=f"{low:g}"),
    }


# --------------------------------------------------------------------------- tables


def paper_tables(
    stages: pd.DataFrame,
    cities: pd.DataFrame | None,
    tables: dict[str, pd.DataFrame],
    reference_mode: str = "auto",
    countries: Countries | None = None,
    regions: dict[str, str] | None = None,
    returns: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """The extra tables (see the module docstring); ``tables`` is updated in place.
    `returns`: find_returns of `stages`, when already found."""
    tables["table4"] = complete_table4(tables.get("table4", pd.DataFrame()), cities)
    # the last stage abroad of each return, found once for the flows and the indices
    abroad = (
        indices.returns_with_abroad(stages, returns)
        if not stages.empty and {"city_id", "country"} <= set(stages.columns)
        else None
    )
    tables["return_flows"] = indices.return_flows(
        stages, cities, countries, regions, returns, abroad
    )
    tables["indices"] = indices.return_city_indices(stages, cities, returns, abroad)
    if use_reference(reference_mode, stages):
        n_cities = tables["indices"].attrs.get("network_cities")
        tables["reference"] = ref.compare(tables, network_cities=n_cities)
    else:
        tables["reference"] = pd.DataFrame(columns=list(ref.COMPARE_COLUMNS))
    return tables


# --------------------------------------------------------------------------- HTML


def _fmt_cell(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    return esc(local_value(value))


def _missed(r: dict) -> M:
    """': paper 83, computed 82.57 (why)' of a printed figure not reached."""
    paper, computed = _plain(r["paper"]), _plain(r["computed"])
    if r["note"]:
        return M("report.reference.missed_why", paper=paper, computed=computed, why=r["note"])
    return M("report.reference.missed", paper=paper, computed=computed)


def _plain(value):
    """A figure as the page writes it, not yet escaped."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (int, np.integer)) or (isinstance(value, float) and value.is_integer()):
        return f"{int(value):,}"
    return value


def reference_section(cmp: pd.DataFrame) -> str:
    if cmp is None or cmp.empty:
        return ""
    rows = cmp.to_dict("records")
    hidden = [r["note"] == HIDDEN_IN_REPORT for r in rows]  # disclosure control
    ok = [ref.matches(r) and not h for r, h in zip(rows, hidden)]
    off = [r for r, good, h in zip(rows, ok, hidden) if not good and not h]
    intro = M(
        "report.reference.intro",
        source=ref.SOURCE,
        reached=f"{sum(ok):,}",
        printed=f"{len(rows):,}",
        missed=f"{len(off):,}",
    )
    body = [f"<p>{words(intro)}</p>"]
    if any(hidden):
        note = M("report.reference.hidden", n=f"{sum(hidden):,}")
        body.append(f'<p class="note">{words(note)}</p>')
    if off:
        items = "".join(
            f"<li><b>{words(M('report.reference.pair', head=r['section'], tail=r['item']))}</b>"
            f"{words(_missed(r))}</li>"
            for r in off
        )
        body.append(f"<h3>{esc(M('report.reference.not_reached'))}</h3><ul>{items}</ul>")
    table = ["<table>", "<thead><tr>"]
    heads = (
        (M("report.reference.column.section"), ""),
        (M("report.reference.column.figure"), ""),
        (M("report.reference.column.paper"), ' class="num"'),
        (M("report.reference.column.computed"), ' class="num"'),
        (M("report.reference.column.difference"), ' class="num"'),
        (M("report.reference.column.note"), ""),
    )
    for head, cls_ in heads:
        table.append(f"<th{cls_}>{esc(head)}</th>")
    table.append("</tr></thead><tbody>")
    for r, good, h in zip(rows, ok, hidden):
        mark = "–" if h else ("✓" if good else "≠")
        diff = (
            "" if r["difference"] is None or pd.isna(r["difference"]) else f"{r['difference']:+g}"
        )
        table.append(
            f"<tr><td>{esc(local_value(r['section']))}</td><td>{mark} {words(local_value(r['item']))}</td>"
            f'<td class="num">{_fmt_cell(r["paper"])}</td>'
            f'<td class="num">{_fmt_cell(r["computed"])}</td>'
            f'<td class="num">{diff}</td><td>{esc(local_value(r["note"]))}</td></tr>'
        )
    table.append("</tbody></table>")
    body.append("\n".join(table))
    return section("reference", M("report.reference.title"), "\n".join(body))


def flows_section(flows: pd.DataFrame, idx: pd.DataFrame) -> str:
    body = []
    if flows is not None and len(flows):
        pairs = [
            (REGION_LABELS.get(r, r), TIER_CITY_NAMES.get(int(t), str(t)), int(n))
            for r, t, n in zip(flows["region"], flows["tier"], flows["persons"])
        ]
        from ..palette import TIER_COLOURS

        colours = {TIER_CITY_NAMES[t]: TIER_COLOURS[t] for t in (1, 2, 3)}
        colours[TIER_CITY_NAMES[0]] = TIER_COLOURS["other"]
        body.append(f"<p>{words(M('report.flows.intro'))}</p>")
        body.append(note_paragraph(flows))
        body.append(
            chart_sankey.sankey_svg(
                pairs,
                list(REGION_LABELS.values()),
                [TIER_CITY_NAMES[t] for t in (1, 2, 3, 0)],
                M("report.flows.chart"),
                right_colours=colours,
            )
        )
    if idx is not None and len(idx):
        body.append(f"<h3>{esc(M('report.flows.indices'))}</h3>")
        body.append(note_paragraph(idx))
        terms = (
            (M("report.flows.connectivity"), M("report.flows.connectivity_means")),
            (M("report.flows.intensity"), M("report.flows.intensity_means")),
            (M("report.flows.effectiveness"), M("report.flows.effectiveness_means")),
            (M("report.flows.mean_distance"), M("report.flows.mean_distance_means")),
        )
        body.append(
            "<ul>"
            + "".join(f"<li><b>{words(name)}</b>{words(means)}</li>" for name, means in terms)
            + "</ul>"
        )
        body.append(
            html_table(
                idx,
                [c for c in indices.INDEX_COLUMNS if c != "city_id"],
                headers={
                    "city": M("report.column.city"),
                    "returnees": M("report.column.returnees"),
                    "moves_in": M("report.flows.moves_in"),
                    "moves_out": M("report.flows.moves_out"),
                    "linked_cities": M("report.flows.linked_cities"),
                    "connectivity": M("report.flows.connectivity"),
                    "intensity": M("report.flows.intensity"),
                    "effectiveness": M("report.flows.effectiveness"),
                    "mean_return_km": M("report.flows.mean_distance_km"),
                },
                formats={
                    "connectivity": lambda v: fmt_pct(v, 1),
                    "intensity": lambda v: "" if pd.isna(v) else f"{v:.2f}",
                    "effectiveness": lambda v: "" if pd.isna(v) else f"{v:+.1f}",
                    "mean_return_km": lambda v: "" if pd.isna(v) else f"{v:,.0f}",
                },
            )
        )
    if not body:
        return ""
    return section("flows", M("report.flows.title"), "\n".join(body))


def extra_sections(tables: dict[str, pd.DataFrame]) -> list[tuple[str, str]]:
    """(section id, HTML) of the sections this module adds, in page order."""
    out = []
    html_ref = reference_section(tables.get("reference"))
    if html_ref:
        out.append(("reference", html_ref))
    html_flows = flows_section(tables.get("return_flows"), tables.get("indices"))
    if html_flows:
        out.append(("flows", html_flows))
    return out
