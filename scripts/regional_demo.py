#!/usr/bin/env python3
"""The sample by province: Regional flows on China's provinces and its publication map.

Writes out/regional/regional.gpkg (REGIONS, REGION_FLOWS, MATRIX, UNMATCHED) and the map
as PNG (and PDF) — the PNG in docs/img is the README's picture:

    .venv/bin/python scripts/regional_demo.py [--png docs/img/regional_provinces.png]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, "/usr/share/qgis/python/plugins")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "regional")
    parser.add_argument(
        "--input", type=Path, default=ROOT / "resources" / "sample" / "returnees_synthetic.csv"
    )
    parser.add_argument("--png", type=Path, default=None, help="also write the map here")
    parser.add_argument("--language", choices=("en", "zh"), default="en")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    import processing

    import backflow_plugin
    from backflow_plugin.styling import layout as layouts
    from backflow_plugin.styling import region_map

    plugin = backflow_plugin.classFactory(None)
    plugin.initProcessing()
    gpkg = args.out / "regional.gpkg"
    if gpkg.exists():
        gpkg.unlink()

    def dest(table: str) -> str:
        return f"ogr:dbname='{gpkg}' table=\"{table}\" (geom)"

    def layer(table: str) -> str:
        return f"{gpkg}|layername={table}"

    print(f"Importing {args.input.name} ...")
    processing.run("backflow:importtrajectories", {
        "INPUT": str(args.input), "STAGES": dest("stages"), "FLOWS": dest("flows"),
        "CITIES": dest("cities"),
    })  # fmt: skip
    processing.run("backflow:citynetwork", {
        "INPUT_FLOWS": layer("flows"), "INPUT_CITIES": layer("cities"), "OUTPUT": dest("network"),
    })  # fmt: skip
    print("Regional flows by province ...")
    res = processing.run("backflow:regionalflows", {
        "INPUT": layer("stages"), "INPUT_CITIES": layer("network"), "REGIONS": dest("regions"),
        "REGION_FLOWS": dest("region_flows"), "MATRIX": dest("matrix"),
        "UNMATCHED": dest("unmatched"),
    })  # fmt: skip
    print(
        f"  {res['REGION_COUNT']} provinces, {res['RETURNEES']} returnees "
        f"({res['RETURNEES_IN_REGIONS']} in the provinces), {res['UNMATCHED_CITIES']} cities "
        "not in exactly one province (listed in 'unmatched')"
    )
    zh = args.language == "zh"
    spec = layouts.MapSpec(
        cities=QgsVectorLayer(layer("network"), "cities", "ogr"),
        flows=QgsVectorLayer(layer("region_flows"), "region flows", "ogr"),
        preset="china",
        title="高层次人才回流：各省净流入" if zh else "Returnees by province: who gains, who loses",
        subtitle=(
            "省际流动与海外回流（合成样本，2,846 名回国人才）"
            if zh
            else "Net inflow of moves, flows between provinces and returns from abroad; "
            "synthetic sample of 2,846 returnees"
        ),
        language=args.language,
        min_count=20,
        source="Backflow 合成样本" if zh else "Backflow synthetic sample (resources/sample)",
        layout_name="Backflow regions",
    )
    project = QgsProject.instance()
    layout = layouts.build_layout(project, spec)
    region_map.add_regions(
        project, layout, spec, QgsVectorLayer(layer("regions"), "r", "ogr"), hide_cities=True
    )
    stem = args.out / f"map_provinces_{args.language}"
    for suffix in ("png", "pdf"):
        layouts.export(layout, str(stem.with_suffix("." + suffix)), dpi=150)
        print(f"  map: {stem.with_suffix('.' + suffix)}")
    if args.png:
        args.png.parent.mkdir(parents=True, exist_ok=True)
        layouts.export(layout, str(args.png), dpi=110)
        print(f"  map: {args.png}")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
