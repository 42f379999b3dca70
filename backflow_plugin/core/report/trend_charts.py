"""The trends section's charts as inline SVG: share of each year's returnees by group
(lines, hidden years as grey bands) and the change between two periods.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from ..messages import M, local_value
from ..palette import GAIN, LOSS, TEXT
from . import charts as rc
from . import html_parts as rh
from .sources_parts import HIDDEN_BAND


def _tip(name: str, value: str) -> str:
    """A point's tooltip. A name the page put into its language from the data is followed
    by the language's colon; a name these sections already wrote in it keeps ': ', as the
    page has always been written."""
    local = local_value(name)
    if local != name:
        return rh.esc(M("report.chart.value", label=local, value=value))
    return f"{rh.esc(name)}: {rh.esc(value)}"


def legend_places(names: Sequence[str], left: float, width: float) -> list[tuple[float, int]]:
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
    legend = legend_places([name for name, _, _ in series], left, plot_w)
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
            f'<text x="{x + 19:.1f}" y="{y + 10}" font-size="12" fill="{TEXT}">{rh.esc(local_value(name))}</text>'
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
                f"<title>{_tip(name, value_text(v))}</title></circle>"
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
    labels = [x if isinstance(x, str) else str(x) for x in labels]  # messages kept
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
            f'fill="{TEXT}">{rh.esc(local_value(label))}</text>'
            f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}">'
            f"<title>{_tip(label, f'{c:+.2f}')}</title></rect>"
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


def shaded(share) -> str:
    """A background for a matrix cell: light to dark blue by share (0-60 %)."""
    if share is None or pd.isna(share) or share <= 0:
        return ""
    alpha = min(float(share) / 0.6, 1.0) * 0.75 + 0.08
    return f' style="background: rgba(0, 114, 178, {alpha:.2f})"'
