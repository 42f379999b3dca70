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


def _tiered_cities(layers: dict[str, str]):
    """CITIES with the city network's tiers: the `network` layer, or computed here."""
    import processing
    from qgis.core import QgsApplication

    if layers.get("network"):
        return QgsVectorLayer(layers["network"], "cities", "ogr")

    alg = QgsApplication.processingRegistry().algorithmById("backflow:citynetwork")
    if alg is None:
        try:
            from backflow_plugin.processing.city_network import CityNetworkAlgorithm

            alg = CityNetworkAlgorithm()
            alg.initAlgorithm()
        except Exception as err:  # not written yet: maps without tiers
            print(f"  (no city network: {err})")
            return None
    try:
        result = processing.run(
            alg,
            {
                "INPUT_FLOWS": layers["flows"],
                "INPUT_CITIES": layers["cities"],
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
    except Exception as err:
        print(f"  (city network failed: {err})")
        return None
    out = result["OUTPUT"]
    return out if isinstance(out, QgsVectorLayer) else QgsVectorLayer(out, "cities", "ogr")


def make_maps(
    layers: dict[str, str],
    out: Path,
    min_count: int = 5,
    dpi: int = 200,
    figures: Path | None = None,
) -> None:
    """Publication maps of the sample, China and the world, as PNG and PDF in `out`.

    The same print layouts as backflow:publicationmap (styling/layout.py): cities by
    tier when the city network is available, flows of at least `min_count` persons;
    the China map also with Chinese city names (map_china_zh.*).
    """
    from qgis.core import QgsProject

    from backflow_plugin.styling import layout as layouts

    project = QgsProject.instance()
    flows = QgsVectorLayer(layers["flows"], "flows", "ogr")
    cities = _tiered_cities(layers) or QgsVectorLayer(layers["cities"], "cities", "ogr")
    maps = (
        (
            "china",
            "en",
            "Where returnees come back to",
            "Returns from abroad and moves within China",
        ),
        (
            "china",
            "zh",
            "高层次人才回流到哪里",
            "境外回流与国内流动",
        ),
        ("world", "en", "From abroad back to China", "Departures from and returns to China"),
    )
    for preset, language, title, subtitle in maps:
        spec = layouts.MapSpec(
            cities=cities,
            flows=flows,
            preset=preset,
            title=title,
            subtitle=f"{subtitle}；合成样本，2,846 名回国人才"
            if language == "zh"
            else f"{subtitle}; synthetic sample of 2,846 returnees",
            language=language,
            min_count=min_count,
            source="Backflow 合成样本 (resources/sample)"
            if language == "zh"
            else "Backflow synthetic sample (resources/sample)",
            layout_name=f"Backflow {preset} {language}",
        )
        _export(
            layouts,
            layouts.build_layout(project, spec),
            out / (f"map_{preset}" + ("_zh" if language == "zh" else "")),
            dpi,
        )
    patterns = _route_patterns(layers)
    if patterns is not None:
        # Flows by pattern only: the per-person routes would bury them.
        spec = layouts.MapSpec(
            cities=cities,
            flows=patterns["FLOWS"],
            preset="china",
            colour_by="pattern",
            title="Circle and linear returns",
            subtitle="Returns coloured by the larger route pattern on each flow; synthetic sample",
            min_count=min_count,
            source="Backflow synthetic sample (resources/sample)",
            layout_name="Backflow patterns",
        )
        _export(layouts, layouts.build_layout(project, spec), out / "map_china_patterns", dpi)
    if cities.fields().indexOf("degree") >= 0:
        spec = layouts.MapSpec(
            cities=cities,
            flows=flows,
            preset="china",
            figure="figure2",
            min_links=5,
            title="Figure 2: the network of well-linked cities",
            subtitle="Cities linked to more than 5 other cities, by tier; synthetic sample",
            min_count=min_count,
            source="Backflow synthetic sample (resources/sample)",
            layout_name="Backflow figure 2",
        )
        layout = layouts.build_layout(project, spec)
        _export(layouts, layout, out / "figure2", dpi)
        if figures is not None:  # the README's copy, lighter
            layouts.export(layout, str(figures / "figure2.png"), dpi=100)
    if patterns is not None:
        persons = figure3_persons(patterns["ROUTES"])
        spec = layouts.MapSpec(
            cities=cities,
            flows=flows,
            routes=patterns["ROUTES"],
            stages=QgsVectorLayer(layers["stages"], "stages", "ogr"),
            persons=persons,
            preset="world",
            figure="figure3",
            title="Figure 3: five returnees' tracks",
            subtitle="Stages numbered along each track; letter at the return city",
            source="Backflow synthetic sample (resources/sample)",
            layout_name="Backflow figure 3",
        )
        layout = layouts.build_layout(project, spec)
        _export(layouts, layout, out / "figure3", dpi)
        if figures is not None:
            layouts.export(layout, str(figures / "figure3.png"), dpi=100)


def figure3_persons(routes) -> list[str]:
    """Persons A-E of the sample when it has them; else three circle and two linear
    returnees with the most stages (chosen by construction, for the demo)."""
    ids = {str(f["person_id"]) for f in routes.getFeatures()}
    if {"A", "B", "C", "D", "E"} <= ids:
        return ["A", "B", "C", "D", "E"]
    picked = {"circle": [], "linear": []}
    for f in routes.getFeatures():
        pattern = f["pattern"]
        if pattern in picked and len(picked[pattern]) < (3 if pattern == "circle" else 2):
            picked[pattern].append(str(f["person_id"]))
    return picked["circle"] + picked["linear"]


def _route_patterns(layers: dict[str, str]):
    """Routes and flows by pattern: the `pattern_*` layers, or computed here."""
    import processing
    from qgis.core import QgsApplication

    if layers.get("pattern_routes") and layers.get("pattern_flows"):
        return {
            "ROUTES": QgsVectorLayer(layers["pattern_routes"], "routes", "ogr"),
            "FLOWS": QgsVectorLayer(layers["pattern_flows"], "flows", "ogr"),
        }

    if QgsApplication.processingRegistry().algorithmById("backflow:routepatterns") is None:
        return None
    result = processing.run(
        "backflow:routepatterns",
        {
            "INPUT": layers["stages"],
            "ROUTES": "TEMPORARY_OUTPUT",
            "FLOWS": "TEMPORARY_OUTPUT",
            "SHARES": "TEMPORARY_OUTPUT",
        },
    )
    return {
        k: result[k]
        if isinstance(result[k], QgsVectorLayer)
        else QgsVectorLayer(result[k], k, "ogr")
        for k in ("ROUTES", "FLOWS")
    }


def _export(layouts, layout, stem: Path, dpi: int) -> None:
    for suffix in ("png", "pdf"):
        path = stem.with_suffix(f".{suffix}")
        layouts.export(layout, str(path), dpi=dpi)
        print(f"  map: {path}")


def analyse(layers: dict[str, str], dest) -> dict[str, str]:
    """City network with tiers, and route patterns; returns the new layers' sources."""
    import processing

    print("City network and tiers ...")
    net = processing.run(
        "backflow:citynetwork",
        {
            "INPUT_FLOWS": layers["flows"],
            "INPUT_CITIES": layers["cities"],
            "STABILITY": True,
            "OUTPUT": dest("network"),
        },
        feedback=PrintFeedback(),
    )
    print(
        f"  tiers: {net['TIER1_COUNT']} national core, {net['TIER2_COUNT']} regional excellent, "
        f"{net['TIER3_COUNT']} regional special (the paper: 4 / 23 / 25)"
    )
    print("Route patterns ...")
    pat = processing.run(
        "backflow:routepatterns",
        {
            "INPUT": layers["stages"],
            "GROUP_FIELD": "subject",
            "ROUTES": dest("pattern_routes"),
            "FLOWS": dest("pattern_flows"),
        },
        feedback=PrintFeedback(),
    )
    print(f"  circle {pat['CIRCLE']}, linear {pat['LINEAR']}, no pattern {pat['NO_PATTERN']}")
    return {
        "network": net["OUTPUT"],
        "pattern_routes": pat["ROUTES"],
        "pattern_flows": pat["FLOWS"],
    }


def make_report(layers: dict[str, str], out: Path, source: Path) -> None:
    """The paper's tables and charts as out/report.html, and each table as CSV."""
    import processing

    tables = out / "report_tables"
    tables.mkdir(exist_ok=True)
    names = (
        "TABLE1",
        "TABLE3_RETURN",
        "TABLE3_OVERSEAS",
        "OVERSEAS_REGIONS",
        "CONCENTRATION",
        "TABLE4",
        "PATTERNS",
        "TOP_SOURCES",
        "SOURCE_MATRIX",
        "TRENDS",
    )
    res = processing.run(
        "backflow:report",
        {
            "STAGES": layers["stages"],
            "CITIES": layers.get("network", layers["cities"]),
            "ROUTES": layers.get("pattern_routes"),
            "INPUT_FILE": str(source),
            # the panel's defaults: the demo and the panel give the same report (issue 12);
            # PERIODS (e.g. "2011-2013,2014-2016") adds the two-period comparison
            "OUTPUT_HTML": str(out / "report.html"),
            **{n: str(tables / f"{n.lower()}.csv") for n in names},
        },
        feedback=PrintFeedback(),
    )
    print(
        f"  report: {res['OUTPUT_HTML']} (top-7 share {res['TOP_K_SHARE']:.2%}, "
        f"Gini {res['GINI']:.3f})"
    )
    zh = processing.run(
        "backflow:report",
        {
            "STAGES": layers["stages"],
            "CITIES": layers.get("network", layers["cities"]),
            "ROUTES": layers.get("pattern_routes"),
            "INPUT_FILE": str(source),
            "LANGUAGE": 2,
            "OUTPUT_HTML": str(out / "report_zh.html"),
        },
    )
    print(f"  report in Chinese: {zh['OUTPUT_HTML']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "demo")
    parser.add_argument(
        "--figures",
        type=Path,
        default=None,
        help="also write the paper's Figures 2 and 3 for the README here (docs/figures)",
    )
    parser.add_argument(
        "--input", type=Path, default=ROOT / "resources" / "sample" / "returnees_synthetic.csv"
    )
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
    result = processing.run(
        "backflow:importtrajectories",
        {
            "INPUT": str(args.input),
            "HOME_COUNTRY": "CN",
            "GEOMETRY": 1,
            "STAGES": dest("stages"),
            "ROUTES": dest("routes"),
            "FLOWS": dest("flows"),
            "CITIES": dest("cities"),
            "UNRESOLVED": dest("unresolved"),
        },
        feedback=PrintFeedback(),
    )
    print(
        f"  {result['PERSONS']} persons, {result['RESOLVED_ROWS']}/{result['STAGE_ROWS']} stage rows "
        f"resolved in {time.time() - start:.1f} s"
    )

    layers = {name: f"{gpkg}|layername={name}" for name in ("stages", "routes", "flows", "cities")}
    layers.update(analyse(layers, dest))
    make_maps(layers, args.out, figures=args.figures)
    make_report(layers, args.out, args.input)
    print(f"Wrote {gpkg}")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
