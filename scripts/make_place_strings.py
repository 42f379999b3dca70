#!/usr/bin/env python3
"""Write tests/data/place_strings.csv from tests/data/place_strings_src.txt.

Each source line gives a place string as archives and CVs write it, the row's country
and province cells, and the expected place as a Chinese admin path ("江苏省/苏州市/吴中区")
or "Name|CC|State" abroad. The expected ids are found *without* the name resolver: the
admin path by walking the gazetteer's prefecture and county rows (as the build script
does for the historic table), a place abroad by its exact GeoNames name, country and
state (largest population). Run after rebuilding the gazetteer:

    .venv/bin/python scripts/make_place_strings.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from gazetteer_build.historic import resolve_admin_path  # noqa: E402

SRC = ROOT / "tests" / "data" / "place_strings_src.txt"
OUT = ROOT / "tests" / "data" / "place_strings.csv"
GAZ = ROOT / "resources" / "gazetteer"


def main() -> int:
    cities = pd.read_csv(GAZ / "cities.csv", dtype=str, keep_default_na=False)
    small = pd.read_csv(GAZ / "small_places.csv", dtype=str, keep_default_na=False)
    for df in (cities, small):
        df["pop"] = pd.to_numeric(df["population"], errors="coerce").fillna(0)
    china = cities[cities.level.isin(["prefecture", "county"])].copy()
    china = china.replace("", None)
    china["aliases"] = china["aliases"].fillna("").str.split("|")
    rows, errors = [], []
    for line in SRC.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        string, country, province, expected, note = (p.strip() for p in line.split(";"))
        if "|" in expected:
            name, cc, state = expected.split("|")
            hit = None
            for table in (cities, small):
                t = table[table.name.eq(name) & table.country.eq(cc)]
                if state:
                    t = t[t.province.eq(state)]
                if len(t):
                    hit = t.sort_values("pop", ascending=False).city_id.iat[0]
                    break
        else:
            row = resolve_admin_path(expected, china)
            hit = None if row is None else row.city_id
        if hit is None:
            errors.append(f"{string}: expected place not found: {expected}")
            continue
        rows.append([string, country, province, hit, expected, note])
    if errors:
        print("\n".join(errors))
        return 1
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["string", "country", "province", "expected_id", "expected", "note"])
        w.writerows(rows)
    print(f"{OUT.name}: {len(rows)} strings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
