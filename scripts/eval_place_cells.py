#!/usr/bin/env python3
"""Measure how stage cells naming places and organisations resolve, on a held-out list.

Reads tests/data/cv/heldout_cells.tsv (cell, expected city, expected country: cells as
CVs write them, written after the organisation table was built and not used to build
it), resolves every cell as the import does (``core.places.cells.resolve_cells``, home
country CN, prefecture level) and prints the share resolved, the share resolved to
another city than expected, and the cells of each kind.

    .venv/bin/python scripts/eval_place_cells.py            # summary and the misses
    .venv/bin/python scripts/eval_place_cells.py --all      # every cell
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from backflow_plugin.core.places.cells import resolve_cells  # noqa: E402
from backflow_plugin.core.places.gazetteer import Gazetteer  # noqa: E402
from backflow_plugin.core.places.names import normalise_name  # noqa: E402
from backflow_plugin.core.trajectories.build import place_levels  # noqa: E402

HELDOUT = ROOT / "tests" / "data" / "cv" / "heldout_cells.tsv"


def read_cells(path: Path = HELDOUT) -> pd.DataFrame:
    rows = [
        line.rstrip("\n").split("\t")
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
        if line.strip() and not line.startswith("#")
    ]
    return pd.DataFrame(rows, columns=["cell", "city", "country"])


def evaluate(cells: pd.DataFrame, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """The cells with what they resolved to: got_city, got_country, flags, outcome
    (``right``, ``wrong`` or ``unresolved``)."""
    gaz = gazetteer or Gazetteer.bundled()
    res = resolve_cells(gaz, cells["cell"], None, "CN")
    ok = res["city_id"].notna()
    nodes = place_levels(gaz, res.loc[ok, "city_id"])["prefecture_id"]
    by_id = gaz.cities.set_index("city_id")
    out = cells.copy()
    out["got_city"] = nodes.map(by_id["name"]).reindex(out.index)
    out["got_country"] = nodes.map(by_id["country"]).reindex(out.index)
    out["flags"] = res["flags"]
    out["suggestions"] = res["suggestions"]
    right = out["got_city"].fillna("").map(normalise_name).eq(
        out["city"].map(normalise_name)
    ) & out["got_country"].eq(out["country"])
    out["outcome"] = "unresolved"
    out.loc[ok & right, "outcome"] = "right"
    out.loc[ok & ~right, "outcome"] = "wrong"
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--all", action="store_true", help="list every cell")
    args = ap.parse_args()
    out = evaluate(read_cells())
    n = len(out)
    counts = out["outcome"].value_counts()
    resolved = n - counts.get("unresolved", 0)
    print(f"{n} held-out cells")
    print(f"resolved          {resolved:4d}  {100 * resolved / n:5.1f}%")
    print(
        f"  right city      {counts.get('right', 0):4d}  {100 * counts.get('right', 0) / n:5.1f}%"
    )
    print(
        f"  another city    {counts.get('wrong', 0):4d}  {100 * counts.get('wrong', 0) / n:5.1f}%"
    )
    print(f"unresolved        {counts.get('unresolved', 0):4d}")
    flags = out["flags"].fillna("").str.split(";").explode()
    print("placed by:", flags[flags.ne("")].value_counts().to_dict())
    show = out if args.all else out[out["outcome"].ne("right")]
    if len(show):
        cols = ["cell", "city", "got_city", "got_country", "flags", "outcome", "suggestions"]
        print(show[cols].to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
