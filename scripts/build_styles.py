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

from backflow_plugin import field_types  # noqa: E402

CITY_FIELDS = {
    "city_id": field_types.STRING,
    "name": field_types.STRING,
    "name_zh": field_types.STRING,
    "country": field_types.STRING,
    "domestic": field_types.BOOL,
    "persons": field_types.INT,
    "returnees": field_types.INT,
    "betweenness": field_types.DOUBLE,
    "tier": field_types.INT,
    "tier_label": field_types.STRING,
}
FLOW_FIELDS = {
    "origin": field_types.STRING,
    "dest": field_types.STRING,
    "flow_type": field_types.STRING,
    "count": field_types.INT,
    "first_year": field_types.INT,
    "last_year": field_types.INT,
    "circle": field_types.INT,
    "linear": field_types.INT,
}
ROUTE_FIELDS = {
    "person_id": field_types.STRING,
    "return_year": field_types.INT,
    "pattern": field_types.STRING,
}
STAGE_FIELDS = {
    "person_id": field_types.STRING,
    "stage": field_types.STRING,
    "year": field_types.INT,
}
REGION_FIELDS = {
    "name": field_types.STRING,
    "name_zh": field_types.STRING,
    "persons": field_types.INT,
    "returnees": field_types.INT,
    "net_flow": field_types.INT,
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
