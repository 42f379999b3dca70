"""The run logs in the user's language: data keys (tier, measure, pattern basis) as
translated words, and the cities by their Chinese names when the log is Chinese."""

from __future__ import annotations

import pandas as pd

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
}
LEVEL_LABELS = {"city": "City", "province": "Province"}
WHICH_LABELS = {"first": "first", "last": "last"}
BASIS_LABELS = {"birthplace": "birthplace", "study": "study", "work": "work"}
REASON_LABELS = {
    "never went abroad": "never went abroad",
    "never returned": "never returned",
    "no domestic stage before leaving": "no domestic stage before leaving",
}
# Where a cities layer keeps its Chinese names (the import writes name_zh).
ZH_NAME_FIELDS = ("name_zh", "NAME_ZH", "name_cn", "chinese_name")


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


def log_names(cities: pd.DataFrame) -> pd.DataFrame:
    """`cities` with ``name`` as the log should print it: Chinese (the layer's name_zh,
    else the bundled gazetteer's by city_id) in a Chinese log, where known; the given
    name otherwise."""
    if not chinese() or "city_id" not in cities.columns:
        return cities
    ids = cities["city_id"].astype(str)
    field = next((f for f in ZH_NAME_FIELDS if f in cities.columns), None)
    if field is not None:
        zh = cities[field]
    else:
        from ..core.gazetteer import Gazetteer

        gaz = Gazetteer.bundled().cities
        zh = ids.map(dict(zip(gaz["city_id"], gaz["name_zh"])))
    zh = zh.where(zh.notna() & zh.astype(str).str.strip().ne(""), None)
    given = cities["name"] if "name" in cities.columns else ids
    return cities.assign(name=zh.fillna(given).astype(object))
