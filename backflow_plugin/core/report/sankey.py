"""A two-column Sankey diagram as inline SVG (pure Python, no QGIS, no script).

Left: where returnees were abroad (region of their last overseas stage); right: the
tier of the city they came back to. Band widths are proportional to persons; bands
take the colour of their left node (Okabe & Ito, colour-blind safe); node labels
carry their counts so the figure reads without hovering.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..messages import M, local_value
from ..palette import GROUP_SERIES, TEXT, TIER_COLOURS, apart_from
from .charts import esc

# The regions beside the tiers: no region takes a tier's hue (sand beside yellow)
LEFT_COLOURS = apart_from(GROUP_SERIES, [TIER_COLOURS[t] for t in (1, 2, 3)])[:5] + ("#999999",)
HALO = 'stroke="#FFFFFF" stroke-width="3" paint-order="stroke"'


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _band(left: str, right: str, persons: int):
    return M(
        "report.chart.flow", left=local_value(left), right=local_value(right), n=f"{persons:,}"
    )


def _node(name: str, persons: int, total: int) -> str:
    return f"{local_value(name)} ({persons:,}, {100 * persons / total:.1f} %)"


def sankey_svg(
    flows: Sequence[tuple[str, str, int]],
    left_order: Sequence[str],
    right_order: Sequence[str],
    title: str,
    right_colours: dict[str, str] | None = None,
    width: float = 880,
    height: float = 420,
    gap: float = 10,
) -> str:
    """SVG of `flows` [(left label, right label, persons)] in the given node orders."""
    flows = [(a, b, int(n)) for a, b, n in flows if int(n) > 0]
    total = sum(n for *_x, n in flows)
    if not total:
        return ""
    left = [n for n in left_order if any(a == n for a, _b, _ in flows)]
    right = [n for n in right_order if any(b == n for _a, b, _ in flows)]
    top, bottom, node_w = 44.0, 16.0, 14.0
    x_left, x_right = 200.0, width - 300.0
    usable = height - top - bottom
    scale = (usable - gap * (max(len(left), len(right)) - 1)) / total

    def stack(nodes, side):
        y, pos = top, {}
        for node in nodes:
            size = sum(n for a, b, n in flows if (a if side == "l" else b) == node) * scale
            pos[node] = [y, size]
            y += size + gap
        return pos

    lpos, rpos = stack(left, "l"), stack(right, "r")
    lcol = {n: LEFT_COLOURS[i % len(LEFT_COLOURS)] for i, n in enumerate(left)}
    rcol = right_colours or {}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:.0f} '
        f'{height:.0f}" width="{width:.0f}" height="{height:.0f}" aria-label="{_e(title)}">',
        f"<title>{esc(title)}</title>",
        f'<text x="{width / 2:.1f}" y="20" text-anchor="middle" font-size="15" '
        f'font-weight="600" fill="{TEXT}">{esc(title)}</text>',
    ]
    lcur = {n: p[0] for n, p in lpos.items()}
    rcur = {n: p[0] for n, p in rpos.items()}
    for node in left:  # bands in node order so they do not cross needlessly
        for b in right:
            n = sum(k for a, bb, k in flows if a == node and bb == b)
            if not n:
                continue
            h = n * scale
            y0, y1 = lcur[node], rcur[b]
            lcur[node] += h
            rcur[b] += h
            x0, x1 = x_left + node_w, x_right
            mid = (x0 + x1) / 2
            path = (
                f"M{x0:.1f},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {x1:.1f},{y1:.1f} "
                f"L{x1:.1f},{y1 + h:.1f} C{mid:.1f},{y1 + h:.1f} {mid:.1f},{y0 + h:.1f} "
                f"{x0:.1f},{y0 + h:.1f} Z"
            )
            out.append(
                f'<path d="{path}" fill="{lcol[node]}" fill-opacity="0.45" stroke="none">'
                f"<title>{esc(_band(node, b, n))}</title></path>"
            )
    for node, (y, h) in lpos.items():
        n = sum(k for a, _b, k in flows if a == node)
        out.append(
            f'<rect x="{x_left:.1f}" y="{y:.1f}" width="{node_w}" height="{max(h, 1):.1f}" '
            f'fill="{lcol[node]}"/>'
        )
        out.append(
            f'<text x="{x_left - 8:.1f}" y="{y + h / 2 + 4:.1f}" text-anchor="end" '
            f'font-size="12" fill="{TEXT}" {HALO}>{esc(_node(node, n, total))}</text>'
        )
    for node, (y, h) in rpos.items():
        n = sum(k for _a, b, k in flows if b == node)
        colour = rcol.get(node, TIER_COLOURS["other"])
        out.append(
            f'<rect x="{x_right:.1f}" y="{y:.1f}" width="{node_w}" height="{max(h, 1):.1f}" '
            f'fill="{colour}"/>'
        )
        out.append(
            f'<text x="{x_right + node_w + 8:.1f}" y="{y + h / 2 + 4:.1f}" font-size="12" '
            f'fill="{TEXT}" {HALO}>{esc(_node(node, n, total))}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
