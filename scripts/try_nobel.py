#!/usr/bin/env python3
"""Import ../shared/data/nobel_laureates.csv as a new user would (wide table, home =
each laureate's birth country) and draw it; prints the resolved share and what failed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, "/usr/share/qgis/python/plugins")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsVectorLayer  # noqa: E402

NOBEL = ROOT.parent / "shared" / "data" / "nobel_laureates.csv"
MAPPING = "birth=bornCity,bornCountryCode; work=city,country; later=diedCity,diedCountryCode"


def main() -> int:
    out = ROOT / "out" / "nobel"
    out.mkdir(parents=True, exist_ok=True)
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    import processing

    import backflow_plugin

    plugin = backflow_plugin.classFactory(None)  # keep a reference: it owns the provider
    plugin.initProcessing()
    gpkg = out / "nobel.gpkg"
    gpkg.unlink(missing_ok=True)
    dest = {  # UNRESOLVED has no geometry column
        k: f"ogr:dbname='{gpkg}' table=\"{k.lower()}\"" + (" (geom)" if k != "UNRESOLVED" else "")
        for k in ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")
    }
    res = processing.run(
        "backflow:importtrajectories",
        {
            "INPUT": str(NOBEL),
            "LAYOUT": 1,
            "PERSON_FIELD": "id",
            "WIDE_MAPPING": MAPPING,
            "HOME_COUNTRY": "birth",
            **dest,
        },
    )
    share = 100 * res["RESOLVED_ROWS"] / res["STAGE_ROWS"]
    print(
        f"persons {res['PERSONS']}, stage rows {res['STAGE_ROWS']}, resolved {res['RESOLVED_ROWS']} "
        f"({share:.1f}%), unresolved {res['UNRESOLVED_ROWS']}, ambiguous {res['AMBIGUOUS_ROWS']}"
    )
    un = QgsVectorLayer(f"{gpkg}|layername=unresolved", "u", "ogr")
    by_reason: dict = {}
    for f in un.getFeatures():
        by_reason.setdefault((f["column"], f["reason"]), []).append(f["value"])
    for (col, reason), values in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(values):4d} {col}: {reason}; e.g. {', '.join(sorted(set(values))[:8])}")
    pat = processing.run(
        "backflow:routepatterns",
        {
            "INPUT": f"{gpkg}|layername=stages",
            "ROUTES": "TEMPORARY_OUTPUT",
            "FLOWS": "TEMPORARY_OUTPUT",
        },
    )
    print(
        f"route patterns: circle {pat['CIRCLE']}, linear {pat['LINEAR']}, "
        f"no pattern {pat['NO_PATTERN']}"
    )
    net = processing.run(
        "backflow:citynetwork",
        {
            "INPUT_FLOWS": f"{gpkg}|layername=flows",
            "INPUT_CITIES": f"{gpkg}|layername=cities",
            "SCOPE": 1,
            "MIN_RETURNEES": 1,
            "HOME_COUNTRY": "DE",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    for png in ("world", "world_all"):
        res = processing.run(
            "backflow:publicationmap",
            {
                "CITIES": net["OUTPUT"],
                "FLOWS": f"{gpkg}|layername=flows",
                "EXTENT_PRESET": 1,
                "LANGUAGE": 1,
                "MIN_COUNT": 1 if png == "world_all" else 2,
                "TITLE": "Nobel laureates: birth, prize and death cities",
                "SUBTITLE": "Flows between consecutive life stages; home = each laureate's birth country",
                "SOURCE": "Nobel Prize API (CC0), laureates 1901-2016",
                "OUTPUT": str(out / f"nobel_{png}.png"),
                "DPI": 120,
            },
        )
        print(f"  map: {res['OUTPUT']}")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
