"""Every colour the plugin draws with, chosen once, one meaning per colour.

Maps, canvas styles, .qml files and the report's charts take their colours from here,
so a colour means the same thing everywhere (docs/maps.md has the legend table):

- flow types and route patterns never share a hue (a pattern map colours returns, which
  a flow map colours as backflow: the two must not be read as each other);
- tiers are warm (red-orange-yellow, an ordered ramp) and no line colour repeats them;
- greys are for "the rest" (abroad flows, other and overseas cities, no pattern), each a
  different lightness.

Chromatic colours are Okabe & Ito's colour-blind-safe set, plus two from ColorBrewer's
colour-blind-safe PRGn/Dark2 schemes for the route patterns (a purple-green pair).
``tests/core/test_palette.py`` fails when two meanings come too close.
"""

from __future__ import annotations

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

GREY = {"dark": "#555555", "mid": "#8C8C8C", "light": "#B4B4B4", "pale": "#D2D2D2"}

# Before leaving green, leaving pink, the return blue, after the return black: on the
# world map the way out and the way back are two hues, not two blues.
FLOW_TYPE_COLOURS = {
    "domestic": OKABE_ITO["bluish_green"],
    "outbound": OKABE_ITO["reddish_purple"],
    "abroad": "#A0A0A0",
    "backflow": OKABE_ITO["blue"],
    "onward": OKABE_ITO["black"],
}

# Route patterns (a purple-green pair, safe for colour-blind readers); None: the person
# never returned (no pattern).
PATTERN_COLOURS = {
    "circle": "#7B3294",
    "linear": "#66A61E",
    None: GREY["light"],
}

# Warm tiers, a red-orange-yellow order; no flow or pattern colour repeats them.
TIER_COLOURS = {
    1: OKABE_ITO["vermillion"],
    2: OKABE_ITO["orange"],
    3: OKABE_ITO["yellow"],
    "other": GREY["mid"],
    "overseas": GREY["pale"],
}

# Neutral grey for legend-only symbols (width and size keys): not a meaning.
KEY = GREY["dark"]
# The import's stage points (canvas): a neutral grey of its own lightness.
STAGE = "#707070"

# The report's charts: persons returning are the backflow's blue; a marked point (the
# top cities' share on the concentration curve) is drawn in text colour, not a tier's.
CHART_PERSONS = FLOW_TYPE_COLOURS["backflow"]
CHART_MARK = "#222222"

# Groups in charts (subjects, unit types...): a sequence of its own, always with its own
# key beside the chart and never drawn on a map; it avoids the flow, pattern and tier
# colours where it can (Paul Tol's muted scheme, colour-blind safe).
GROUP_SERIES = (
    "#332288",
    "#44AA99",
    "#DDCC77",
    "#882255",
    "#88CCEE",
    "#999933",
    "#AA4499",
    "#555555",
)

BASEMAP = {
    "land": "#F2EFE9",
    "border": "#B9B4AA",
    "water": "#FFFFFF",
    "halo": "#FFFFFF",
    "frame": "#666666",
}

# China maps: China set apart (warm land, provinces, a firm border) from pale neighbours.
CHINA_MAP = {
    "china": "#F7EBD0",
    "neighbour": "#ECECEC",
    "neighbour_border": "#C4C4C4",
    "province": "#BFA98A",
    "border": "#6B5B45",
    "island": "#C9A66B",
}
TEXT = "#222222"

# Net inflow of regions, from strong net outflow to strong net inflow (ColorBrewer BrBG,
# 7 classes: colour-blind safe; the neutral middle is zero). Gains and losses in charts
# take its two ends.
NET_FLOW_DIVERGING = ("#8C510A", "#D8B365", "#F6E8C3", "#F5F5F5", "#C7EAE5", "#5AB4AC", "#01665E")
GAIN, LOSS = NET_FLOW_DIVERGING[-1], NET_FLOW_DIVERGING[0]


def hue_gap(a: str, b: str) -> float:
    """Degrees of hue between two '#RRGGBB' colours (0 to 180)."""
    import colorsys

    def hue(colour: str) -> float:
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return colorsys.rgb_to_hls(r, g, b)[0] * 360

    d = abs(hue(a) - hue(b))
    return min(d, 360 - d)


def apart_from(colours, others, min_hue: float = 25.0) -> tuple[str, ...]:
    """The `colours` at least `min_hue` degrees of hue from each of `others`: group
    colours for a chart that also draws those meanings (a Sankey's regions beside the
    tiers)."""
    return tuple(c for c in colours if all(hue_gap(c, o) >= min_hue for o in others))


def meaning_colours() -> dict[str, str]:
    """Every colour that carries a meaning on a map, canvas or chart, by its meaning."""
    out = {f"flow {k}": v for k, v in FLOW_TYPE_COLOURS.items()}
    out.update({f"pattern {k or 'none'}": v for k, v in PATTERN_COLOURS.items()})
    out.update({f"tier {k}": v for k, v in TIER_COLOURS.items()})
    out["stage point"] = STAGE
    return out
