"""Variant characters of Chinese place names -> the standard simplified form (no QGIS).

The gazetteer writes Chinese names simplified, with their traditional form beside.
Archives mix scripts (瀋陽 but 沈陽, 騰沖 for 騰衝, 儀征 for 儀徵) and use variant
characters (峨嵋 for 峨眉). ``standard_form`` maps each character through
``resources/gazetteer/place_variants.csv`` (built by ``scripts/build_place_variants.py``
from OpenCC's character tables and a few listed facts), so that a name written in any
mix meets the simplified one. A typing or OCR slip (大浦 for 大埔) is no variant: it is
left to the fuzzy step of ``core/places/tolerant.py``.
"""

from __future__ import annotations

import csv
from functools import lru_cache

from ...paths import GAZETTEER_DIR

VARIANTS_FILE = "place_variants.csv"


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    path = GAZETTEER_DIR / VARIANTS_FILE
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as f:
        return {ord(r["variant"]): r["standard"] for r in csv.DictReader(f) if r["variant"]}


def standard_form(name: str) -> str:
    """``name`` with every variant character replaced by its standard simplified one."""
    return name.translate(_table())
