"""Every colour the plugin draws with, chosen once: Okabe & Ito's colour-blind-safe set."""

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

FLOW_TYPE_COLOURS = {
    "domestic": OKABE_ITO["bluish_green"],
    "outbound": OKABE_ITO["sky_blue"],
    "abroad": GREY["mid"],
    "backflow": OKABE_ITO["blue"],
    "onward": OKABE_ITO["reddish_purple"],
}

# Route patterns; None: the person never returned (no pattern). Not the tiers' colours:
# pattern maps show cities by tier too.
PATTERN_COLOURS = {
    "circle": OKABE_ITO["reddish_purple"],
    "linear": OKABE_ITO["blue"],
    None: GREY["light"],
}

# Warm tiers, a red-orange-yellow order; no flow or pattern colour repeats them (flows
# are green, blues, purple and grey).
TIER_COLOURS = {
    1: OKABE_ITO["vermillion"],
    2: OKABE_ITO["orange"],
    3: OKABE_ITO["yellow"],
    "other": GREY["mid"],
    "overseas": GREY["pale"],
}

# Neutral grey for legend-only symbols (width and size keys).
KEY = GREY["dark"]
STAGE = OKABE_ITO["sky_blue"]

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
# 7 classes: colour-blind safe; the neutral middle is zero).
NET_FLOW_DIVERGING = ("#8C510A", "#D8B365", "#F6E8C3", "#F5F5F5", "#C7EAE5", "#5AB4AC", "#01665E")
