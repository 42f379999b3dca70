"""The run logs in the user's language: data keys (tier, measure, pattern basis) as
translated words, and the cities by their Chinese names when the log is Chinese."""

from __future__ import annotations

from ..core.places import zh_names
from ..core.schema import TIER_LABELS
from ..translation import active_language, tr

# The keys the logs print, as words of a Chinese log (an English log keeps printing
# the keys); module-level *_LABELS dicts are collected for the .ts by
# scripts/update_translations.py, and most of these are the parameters' own labels.
MEASURE_LABELS = {
    "degree": "Degree",
    "strength": "Strength",
    "in_strength": "In strength",
    "out_strength": "Out strength",
    "betweenness": "Betweenness",
    "closeness": "Closeness",
    "eigenvector": "Eigenvector",
    "pagerank": "Pagerank",
}
TIER_METHOD_LABELS = {
    "hybrid": "Hybrid (the paper's typology)",
    "natural_breaks": "Natural breaks (Fisher-Jenks)",
    "head_tail": "Head/tail breaks",
    "quantile": "Quantile",
    "top_n": "Top N",
    "thresholds": "Thresholds",
}
SCOPE_LABELS = {"domestic": "Domestic cities only", "all": "All cities (worldwide)"}
DROPPED_LABELS = {
    "no_city": "no city at one end",
    "self_loop": "same city at both ends",
    "non_positive": "count not above zero",
    "outside_scope": "outside the network scope",
    "province_place": "a province, not a city",
}
LEVEL_LABELS = {"city": "City", "province": "Province"}
WHICH_LABELS = {"first": "first", "last": "last"}
BASIS_LABELS = {"birthplace": "birthplace", "study": "study", "work": "work"}
REASON_LABELS = {
    "never went abroad": "never went abroad",
    "never returned": "never returned",
    "no domestic stage before leaving": "no domestic stage before leaving",
}


def chinese() -> bool:
    """True when the plugin's messages are Chinese (the zh translator is installed)."""
    return active_language().startswith("zh")


def word(labels: dict[str, str], key, english: str | None = None) -> str:
    """A data key as a word of the log: translated in a Chinese log, else `english`
    (default: the key itself, as the English logs have always printed it)."""
    text = labels.get(str(key))
    if chinese() and text:
        return tr(text)
    return str(key) if english is None else english


def tier_label(tier: int) -> str:
    return tr(TIER_LABELS[tier]) if chinese() else TIER_LABELS[tier]


def log_names(cities):
    """`cities` with ``name`` as the log prints it: Chinese names in a Chinese log."""
    return zh_names.with_chinese_names(cities) if chinese() else cities
