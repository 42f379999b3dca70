#!/usr/bin/env python3
"""Build resources/gazetteer/cantonese_readings.csv: the Hong Kong Government
Cantonese romanisations of the characters of place names in Guangdong, Guangxi and
Hainan, from which ``core/places/postal.py`` spells those places the way the postal
maps and the directories of the south wrote them (新會 Sunwui, 開平 Hoiping, 潮州
Chiuchow).

Source: the ``cantonese-romanisation`` package (PyPI, MIT; ``cantoroman/data/
charToRoman.json``), every reading it gives a character. Only the characters of the
traditional names (``name_zh_hant``) of the bundled gazetteer's prefectures and
counties in those three provinces are kept.

    pip install cantonese-romanisation   # build time only
    .venv/bin/python scripts/build_cantonese_readings.py
"""

from __future__ import annotations

import csv
import json
import sys
from importlib import resources
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
GAZ = ROOT / "resources" / "gazetteer"
OUT = GAZ / "cantonese_readings.csv"
PROVINCES = ("CN440000", "CN450000", "CN460000")  # Guangdong, Guangxi, Hainan


def main() -> int:
    table = json.loads(
        resources.files("cantoroman").joinpath("data/charToRoman.json").read_text("utf-8")
    )
    cities = pd.read_csv(GAZ / "cities.csv", dtype=str, keep_default_na=False)
    south = cities[
        (cities["country"] == "CN")
        & cities["province_id"].isin(PROVINCES)
        & cities["level"].isin(["prefecture", "county"])
    ]
    chars = sorted({ch for name in south["name_zh_hant"] for ch in name})
    rows = [(ch, "|".join(table[ch])) for ch in chars if table.get(ch)]
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["char", "readings"])
        w.writerows(rows)
    missing = [ch for ch in chars if not table.get(ch)]
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} characters; without a reading: {''.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
