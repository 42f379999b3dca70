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

FLOW_TYPE_COLOURS = {
    "domestic": OKABE_ITO["bluish_green"],
    "outbound": OKABE_ITO["orange"],
    "abroad": "#8C8C8C",
    "backflow": OKABE_ITO["blue"],
    "onward": OKABE_ITO["reddish_purple"],
}

PATTERN_COLOURS = {"circle": OKABE_ITO["vermillion"], "linear": OKABE_ITO["blue"]}

TIER_COLOURS = {
    1: OKABE_ITO["vermillion"],
    2: OKABE_ITO["orange"],
    3: OKABE_ITO["bluish_green"],
    "other": "#9A9A9A",
    "overseas": "#C8C8C8",
}

BASEMAP = {"land": "#F2EFE9", "border": "#B9B4AA", "water": "#FFFFFF", "halo": "#FFFFFF"}
TEXT = "#222222"
