"""The report's charts as inline SVG, written by hand (pure Python, no QGIS).

No plotting library, no scripts, no external files: each function returns one
``<svg>`` element that ``report_html`` (and the sections beside it) place in the
page. Colours come from ``core.palette`` (Okabe & Ito); every text is escaped.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence

import pandas as pd

from ..messages import M, Message, local_value, say
from ..palette import CHART_MARK, CHART_PERSONS, TEXT

GRID = "#DDDDDD"
MUTED = "#666666"
BAR = CHART_PERSONS
BAR_HIGHLIGHT = CHART_MARK
HALO = 'stroke="#FFFFFF" stroke-width="4" paint-order="stroke"'  # text readable over lines


HIDDEN = "#E6E6E6"  # a hidden row or year


def _missing(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def esc(value) -> str:
    """Escaped text of a cell ('' for missing); a message in the page's language."""
    if value is None:
        return ""
    if isinstance(value, Message):
        return html.escape(say(value), quote=True)
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return html.escape(str(value), quote=True)


def _text_width(text: str, size: float = 12.0) -> float:
    """Rough rendered width: CJK characters are about a full em, Latin about 0.58 em.
    A message is measured in English, so a chart keeps one layout in every language."""
    text = str(text)
    wide = sum(1 for ch in text if ord(ch) > 0x2E80)
    return size * (wide + 0.58 * (len(text) - wide))


def nice_ticks(vmax: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least vmax."""
    if vmax <= 0 or math.isnan(vmax):
        return [0.0, 1.0]
    raw = vmax / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    n = math.ceil(vmax / step - 1e-9)
    return [round(i * step, 10) for i in range(n + 1)]


def _svg_open(width: float, height: float, title: str, desc: str = "") -> list[str]:
    # aria-label in English in every language, as the page has always written it
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{esc(str(title))}">',
        f"<title>{esc(title)}</title>" + (f"<desc>{esc(desc)}</desc>" if desc else ""),
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#FFFFFF"/>',
        f'<text x="{width / 2:.1f}" y="22" text-anchor="middle" font-size="15" '
        f'font-weight="600" fill="{TEXT}">{esc(title)}</text>',
    ]


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    title: str,
    x_label: str,
    value_text: Callable[[float], str] | None = None,
    colours: Sequence[str] | None = None,
    width: float = 760,
    legend: Sequence[tuple[str, str]] = (),
) -> str:
    """Horizontal bars, largest on top as given, value labels at the bar ends."""
    shown = value_text or (lambda v: f"{v:,.0f}")

    def value_text(v: float) -> str:  # a missing value is a hidden count: said, no bar
        return M("report.patterns.hidden") if math.isnan(v) else shown(v)

    labels = [x if isinstance(x, str) else str(x) for x in labels]  # messages kept
    values = [float("nan") if _missing(v) else float(v) for v in values]
    colours = list(colours) if colours else [BAR] * len(values)
    bar_h, gap = 18, 7
    left = min(max([_text_width(t) for t in labels] + [40]) + 18, width * 0.4)
    right = 70
    top = 40 + (22 if legend else 0)
    plot_h = len(values) * (bar_h + gap)
    height = top + plot_h + 50
    plot_w = width - left - right
    known = [v for v in values if not math.isnan(v)]
    ticks = nice_ticks(max(known) if known else 1)
    scale = plot_w / ticks[-1] if ticks[-1] else 1
    out = _svg_open(width, height, title)
    if legend:
        x = left
        for name, colour in legend:
            out.append(f'<rect x="{x:.1f}" y="33" width="12" height="12" fill="{colour}"/>')
            out.append(
                f'<text x="{x + 17:.1f}" y="43" font-size="12" fill="{TEXT}">'
                f"{esc(local_value(name))}</text>"
            )
            x += 30 + _text_width(name)
    for t in ticks:
        x = left + t * scale
        out.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{top + plot_h}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
            f'font-size="11" fill="{MUTED}">{esc(value_text(t))}</text>'
        )
    for i, (label, value, colour) in enumerate(zip(labels, values, colours)):
        y = top + i * (bar_h + gap)
        w = 0.0 if math.isnan(value) else max(value * scale, 0.0)
        out.append(
            f'<text x="{left - 8:.1f}" y="{y + bar_h - 4}" text-anchor="end" '
            f'font-size="12" fill="{TEXT}">{esc(local_value(label))}</text>'
        )
        tip = M("report.chart.value", label=local_value(label), value=value_text(value))
        out.append(
            f'<rect x="{left:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
            f'fill="{colour}"><title>{esc(tip)}</title></rect>'
        )
        out.append(
            f'<text x="{left + w + 5:.1f}" y="{y + bar_h - 4}" font-size="11" '
            f'fill="{TEXT}">{esc(value_text(value))}</text>'
        )
    out.append(
        f'<line x1="{left:.1f}" y1="{top - 4}" x2="{left:.1f}" y2="{top + plot_h}" '
        f'stroke="{TEXT}" stroke-width="1"/>'
    )
    out.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h + 38}" text-anchor="middle" '
        f'font-size="12" fill="{TEXT}">{esc(x_label)}</text>'
    )
    out.append("</svg>")
    return "\n".join(out)


def stacked_share_chart(
    labels: Sequence[str],
    parts: Sequence[tuple[str, Sequence[float], str]],
    title: str,
    x_label: str,
    totals: Sequence[int] | None = None,
    width: float = 760,
    hidden_label: str | Message | None = None,
) -> str:
    """100 % stacked horizontal bars: parts = [(name, counts, colour), ...].

    A row with a missing count (hidden) is a grey band saying `hidden_label` ("hidden").
    """
    hidden_label = hidden_label or M("report.patterns.hidden")
    labels = [x if isinstance(x, str) else str(x) for x in labels]  # messages kept
    bar_h, gap = 22, 8
    left = min(max([_text_width(t) for t in labels] + [40]) + 18, width * 0.4)
    right = 80
    top = 62
    plot_w = width - left - right
    plot_h = len(labels) * (bar_h + gap)
    height = top + plot_h + 50
    out = _svg_open(width, height, title)
    x = left
    for name, _, colour in parts:
        out.append(f'<rect x="{x:.1f}" y="34" width="12" height="12" fill="{colour}"/>')
        out.append(
            f'<text x="{x + 17:.1f}" y="44" font-size="12" fill="{TEXT}">'
            f"{esc(local_value(name))}</text>"
        )
        x += 34 + _text_width(name)
    for t in (0, 0.25, 0.5, 0.75, 1.0):
        gx = left + t * plot_w
        out.append(
            f'<line x1="{gx:.1f}" y1="{top - 4}" x2="{gx:.1f}" y2="{top + plot_h}" '
            f'stroke="{GRID}" stroke-width="1"'
            + (' stroke-dasharray="4 3"' if t == 0.5 else "")
            + "/>"
        )
        out.append(
            f'<text x="{gx:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
            f'font-size="11" fill="{MUTED}">{100 * t:.0f} %</text>'
        )
    out.append(
        f'<text x="{left + plot_w + 8:.1f}" y="{top - 8}" font-size="11" '
        f'fill="{MUTED}">{esc(M("report.chart.persons"))}</text>'
    )
    for i, label in enumerate(labels):
        y = top + i * (bar_h + gap)
        out.append(
            f'<text x="{left - 8:.1f}" y="{y + bar_h - 6}" text-anchor="end" '
            f'font-size="12" fill="{TEXT}">{esc(local_value(label))}</text>'
        )
        if any(_missing(p[1][i]) for p in parts):  # hidden (disclosure control): no bar
            out.append(
                f'<rect class="hidden-row" x="{left:.1f}" y="{y}" width="{plot_w:.1f}" '
                f'height="{bar_h}" fill="{HIDDEN}"/>'
                f'<text x="{left + plot_w / 2:.1f}" y="{y + bar_h - 6}" text-anchor="middle" '
                f'font-size="11" fill="{MUTED}">{esc(hidden_label)}</text>'
            )
            continue
        counts = [float(p[1][i]) for p in parts]
        total = sum(counts)
        x = left
        for (name, _, colour), n in zip(parts, counts):
            w = plot_w * n / total if total else 0
            share = n / total if total else 0
            tip = M(
                "report.chart.part_value",
                label=local_value(label),
                part=local_value(name),
                count=f"{n:,.0f}",
                share=f"{100 * share:.1f}",
            )
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}">'
                f"<title>{esc(tip)}</title></rect>"
            )
            if w > 44:
                out.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + bar_h - 6}" text-anchor="middle" '
                    f'font-size="12" font-weight="600" fill="#FFFFFF">'
                    f"{100 * share:.1f} %</text>"
                )
            x += w
        n_text = f"{int(totals[i]):,}" if totals is not None else f"{total:,.0f}"
        out.append(
            f'<text x="{left + plot_w + 8:.1f}" y="{y + bar_h - 6}" font-size="11" '
            f'fill="{MUTED}">{n_text}</text>'
        )
    out.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h + 38}" text-anchor="middle" '
        f'font-size="12" fill="{TEXT}">{esc(x_label)}</text>'
    )
    out.append("</svg>")
    return "\n".join(out)


def lorenz_chart(
    points: pd.DataFrame,
    title: str,
    k: int | None = None,
    top_k_share: float | None = None,
    gini: float | None = None,
    size: float = 440,
) -> str:
    """The Lorenz curve of returns over return cities, with the equality line."""
    left, top, pad = 70, 40, 30
    plot = size - left - pad
    width, height = max(size, _text_width(title, 15) + 20), top + plot + 60
    out = _svg_open(width, height, title)

    def px(x: float) -> float:
        return left + x * plot

    def py(y: float) -> float:
        return top + (1 - y) * plot

    for t in (0, 0.2, 0.4, 0.6, 0.8, 1.0):
        out.append(
            f'<line x1="{px(t):.1f}" y1="{py(0):.1f}" x2="{px(t):.1f}" y2="{py(1):.1f}" '
            f'stroke="{GRID}"/>'
        )
        out.append(
            f'<line x1="{px(0):.1f}" y1="{py(t):.1f}" x2="{px(1):.1f}" y2="{py(t):.1f}" '
            f'stroke="{GRID}"/>'
        )
        out.append(
            f'<text x="{px(t):.1f}" y="{py(0) + 16:.1f}" text-anchor="middle" '
            f'font-size="11" fill="{MUTED}">{100 * t:.0f} %</text>'
        )
        out.append(
            f'<text x="{px(0) - 6:.1f}" y="{py(t) + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="{MUTED}">{100 * t:.0f} %</text>'
        )
    out.append(
        f'<line x1="{px(0):.1f}" y1="{py(0):.1f}" x2="{px(1):.1f}" y2="{py(1):.1f}" '
        f'stroke="{MUTED}" stroke-dasharray="5 4"/>'
    )
    out.append(
        f'<text x="{px(0.3):.1f}" y="{py(0.3) - 6:.1f}" font-size="11" fill="{MUTED}" '
        f'text-anchor="middle" transform="rotate(-45 {px(0.3):.1f} {py(0.3) - 6:.1f})">'
        f"{esc(M('report.lorenz.equal_shares'))}</text>"
    )
    if len(points):
        xs, ys = points["cities_share"].tolist(), points["returns_share"].tolist()
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, ys))
        area = f"{px(0):.1f},{py(0):.1f} {path} {px(1):.1f},{py(0):.1f}"
        out.append(f'<polygon points="{area}" fill="{CHART_PERSONS}" fill-opacity="0.15"/>')
        out.append(f'<polyline points="{path}" fill="none" stroke="{BAR}" stroke-width="2.5"/>')
        # cities from the last step (1/n): the small cities may be one stretch, not points
        n = round(1 / (xs[-1] - xs[-2])) if len(xs) > 1 and xs[-1] > xs[-2] else len(xs) - 1
        if k and top_k_share is not None and 0 < k < n:
            x, y = (n - k) / n, 1 - top_k_share
            out.append(
                f'<line x1="{px(x):.1f}" y1="{py(y):.1f}" x2="{px(x):.1f}" y2="{py(1):.1f}" '
                f'stroke="{BAR_HIGHLIGHT}" stroke-width="2"/>'
            )
            out.append(
                f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="4.5" fill="{BAR_HIGHLIGHT}"/>'
            )
            out.append(
                f'<text x="{px(x) - 8:.1f}" y="{py(0.86):.1f}" text-anchor="end" '
                f'font-size="12" fill="{BAR_HIGHLIGHT}" font-weight="600" {HALO}>'
                f"{esc(M('report.lorenz.top_k', k=k))}</text>"
            )
            out.append(
                f'<text x="{px(x) - 8:.1f}" y="{py(0.86) + 15:.1f}" text-anchor="end" '
                f'font-size="12" fill="{BAR_HIGHLIGHT}" font-weight="600" {HALO}>'
                f"{esc(M('report.lorenz.of_returns', share=f'{100 * top_k_share:.2f}'))}</text>"
            )
    if gini is not None and not math.isnan(gini):
        out.append(
            f'<text x="{px(0.04):.1f}" y="{py(0.95):.1f}" font-size="13" fill="{TEXT}">'
            f"{esc(M('report.lorenz.gini', gini=f'{gini:.3f}'))}</text>"
        )
    out.append(
        f'<line x1="{px(0):.1f}" y1="{py(0):.1f}" x2="{px(1):.1f}" y2="{py(0):.1f}" '
        f'stroke="{TEXT}"/><line x1="{px(0):.1f}" y1="{py(0):.1f}" x2="{px(0):.1f}" '
        f'y2="{py(1):.1f}" stroke="{TEXT}"/>'
    )
    out.append(
        f'<text x="{px(0.5):.1f}" y="{py(0) + 40:.1f}" text-anchor="middle" font-size="12" '
        f'fill="{TEXT}">{esc(M("report.lorenz.x_axis"))}</text>'
    )
    cy = py(0.5)
    out.append(
        f'<text x="{left - 48:.1f}" y="{cy:.1f}" text-anchor="middle" font-size="12" '
        f'fill="{TEXT}" transform="rotate(-90 {left - 48:.1f} {cy:.1f})">'
        f"{esc(M('report.lorenz.y_axis'))}</text>"
    )
    out.append("</svg>")
    return "\n".join(out)
