#!/usr/bin/env python3
"""The main job on the bundled sample: layers in a GeoPackage and maps as PNG in out/demo/."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, "/usr/share/qgis/python/plugins")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsProcessingFeedback, QgsVectorLayer  # noqa: E402


class PrintFeedback(QgsProcessingFeedback):
    def pushInfo(self, info):  # noqa: N802
        print("  " + info)

    def pushWarning(self, warning):  # noqa: N802
        print("  warning: " + warning)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        print("  note: " + error)


def make_maps(layers: dict[str, str], out: Path) -> None:
    """PNG maps of the flows and cities over QGIS's world map, for the world and for China."""
    from backflow_plugin.styling import basemap, projections, renderers, snapshot

    flows = QgsVectorLayer(layers["flows"], "flows", "ogr")
    cities = QgsVectorLayer(layers["cities"], "cities", "ogr")
    renderers.style_flows(flows)
    renderers.style_cities(cities)
    world = basemap.world_layer()
    for name, crs, extent in (
        ("world", projections.world_crs(), projections.WORLD_EXTENT),
        ("china", projections.china_crs(), projections.CHINA_EXTENT),
    ):
        path = out / f"flows_{name}.png"
        snapshot.render_png([cities, flows, world], str(path), crs, extent)
        print(f"  map: {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "demo")
    parser.add_argument("--input", type=Path,
                        default=ROOT / "resources" / "sample" / "returnees_synthetic.csv")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    import processing

    import backflow_plugin

    plugin = backflow_plugin.classFactory(None)
    plugin.initProcessing()

    gpkg = args.out / "backflow_demo.gpkg"
    if gpkg.exists():
        gpkg.unlink()

    def dest(table: str) -> str:
        return f"ogr:dbname='{gpkg}' table=\"{table}\" (geom)"

    start = time.time()
    print(f"Importing {args.input.name} ...")
    result = processing.run("backflow:importtrajectories", {
        "INPUT": str(args.input), "HOME_COUNTRY": "CN", "GEOMETRY": 1,
        "STAGES": dest("stages"), "ROUTES": dest("routes"), "FLOWS": dest("flows"),
        "CITIES": dest("cities"), "UNRESOLVED": dest("unresolved"),
    }, feedback=PrintFeedback())
    print(f"  {result['PERSONS']} persons, {result['RESOLVED_ROWS']}/{result['STAGE_ROWS']} stage rows "
          f"resolved in {time.time() - start:.1f} s")

    layers = {name: f"{gpkg}|layername={name}" for name in ("stages", "routes", "flows", "cities")}
    make_maps(layers, args.out)
    print(f"Wrote {gpkg}")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
