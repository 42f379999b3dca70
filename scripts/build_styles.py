#!/usr/bin/env python3
"""Write resources/styles/*.qml from the plugin's own renderers (styling/renderers.py).

The .qml files are for users who style layers by hand (Layer Properties > Style >
Load Style); the algorithms style their outputs with the same functions, so both
agree. Data-dependent scales use typical values of the sample: size by betweenness
up to 0.25, flow widths in classes up to >= 50 persons.

    .venv/bin/python scripts/build_styles.py [--out resources/styles]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsField, QgsMapLayer, QgsVectorLayer  # noqa: E402
from qgis.PyQt.QtCore import QVariant  # noqa: E402

CITY_FIELDS = {
    "city_id": QVariant.Type.String,
    "name": QVariant.Type.String,
    "name_zh": QVariant.Type.String,
    "country": QVariant.Type.String,
    "domestic": QVariant.Type.Bool,
    "persons": QVariant.Type.Int,
    "returnees": QVariant.Type.Int,
    "betweenness": QVariant.Type.Double,
    "tier": QVariant.Type.Int,
    "tier_label": QVariant.Type.String,
}
FLOW_FIELDS = {
    "origin": QVariant.Type.String,
    "dest": QVariant.Type.String,
    "flow_type": QVariant.Type.String,
    "count": QVariant.Type.Int,
    "first_year": QVariant.Type.Int,
    "last_year": QVariant.Type.Int,
    "circle": QVariant.Type.Int,
    "linear": QVariant.Type.Int,
}
ROUTE_FIELDS = {
    "person_id": QVariant.Type.String,
    "return_year": QVariant.Type.Int,
    "pattern": QVariant.Type.String,
}
STAGE_FIELDS = {
    "person_id": QVariant.Type.String,
    "stage": QVariant.Type.String,
    "year": QVariant.Type.Int,
}
REGION_FIELDS = {
    "name": QVariant.Type.String,
    "name_zh": QVariant.Type.String,
    "persons": QVariant.Type.Int,
    "returnees": QVariant.Type.Int,
    "net_flow": QVariant.Type.Int,
}


def template(geometry: str, fields: dict) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:4326", "template", "memory")
    layer.dataProvider().addAttributes([QgsField(n, t) for n, t in fields.items()])
    layer.updateFields()
    return layer


def build(out: Path) -> list[Path]:
    from backflow_plugin.styling import renderers as r

    out.mkdir(parents=True, exist_ok=True)
    layers = {}
    cities = template("Point", CITY_FIELDS)
    cities.setRenderer(r.city_renderer(cities, "betweenness", 0.25, tiers=True, only_present=False))
    cities.setLabeling(r.city_labeling(cities, "en", tiers=True))
    cities.setLabelsEnabled(True)
    layers["cities_tier"] = cities
    for name, colour_by in (
        ("flows_type", r.COLOUR_BY_TYPE),
        ("flows_pattern", r.COLOUR_BY_PATTERN),
    ):
        flows = template("MultiLineString", FLOW_FIELDS)
        flows.setRenderer(r.flow_renderer(flows, colour_by, 1, 50.0, only_present=False))
        r.set_temporal(flows)
        layers[name] = flows
    routes = template("MultiLineString", ROUTE_FIELDS)
    routes.setRenderer(r.route_renderer(routes, only_present=False))
    r.set_temporal(routes)
    layers["routes_pattern"] = routes
    stages = template("Point", STAGE_FIELDS)
    r.style_stages(stages)
    layers["stages"] = stages
    from backflow_plugin.styling.regions import region_labeling, region_renderer

    regions = template("MultiPolygon", REGION_FIELDS)
    regions.setRenderer(region_renderer(max_abs=500.0))  # the sample's provinces: -153..+446
    regions.setLabeling(region_labeling("en", has_zh=True, only_with_persons=True))
    regions.setLabelsEnabled(True)
    layers["regions_net_inflow"] = regions
    written = []
    for name, layer in layers.items():
        path = out / f"{name}.qml"
        message, ok = layer.saveNamedStyle(str(path), QgsMapLayer.StyleCategory.AllStyleCategories)
        if not ok:
            raise OSError(f"could not write {path}: {message}")
        written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "styles")
    args = parser.parse_args()
    app = QgsApplication([], False)
    app.initQgis()
    for path in build(args.out):
        print(f"  style: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
