#!/usr/bin/env python3
"""Regional flows with a regions layer from PostGIS: a throwaway server, checked, removed.

Needs Debian's postgresql and postgis packages (not part of `make deps`):
    apt-get install postgresql-15-postgis-3
    .venv/bin/python scripts/check_postgis.py

Starts a private PostgreSQL cluster (as the postgres user, Unix socket only, in a
temporary folder), loads the hand-made cluster layer of tests/qgis/test_regional_flows_alg
into PostGIS (EPSG:3857, multipart, one invalid polygon), runs backflow:regionalflows on
it and checks the same counts as the GeoPackage test; then stops the server and deletes
the folder. Exit code 0 when every check passes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, "/usr/share/qgis/python/plugins")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
PORT = "55416"


def pg_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not versions:
        sys.exit("PostgreSQL server binaries not found: apt-get install postgresql-15-postgis-3")
    return versions[-1].parent


def as_postgres(*cmd: str) -> None:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *cmd], check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    bindir = pg_bin()
    work = Path(tempfile.mkdtemp(prefix="backflow_pg_"))
    data, sock = work / "data", work / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(work, "postgres")
        shutil.chown(sock, "postgres")
    as_postgres(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres")
    as_postgres(str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(work / "log"),
                "-o", f"-p {PORT} -k {sock} -c listen_addresses=''", "start")  # fmt: skip
    try:
        return check(bindir, sock)
    finally:
        as_postgres(str(bindir / "pg_ctl"), "-D", str(data), "-w", "-m", "fast", "stop")
        shutil.rmtree(work, ignore_errors=True)


def check(bindir: Path, sock: Path) -> int:
    psql = [str(bindir / "psql"), "-h", str(sock), "-p", PORT, "-U", "postgres", "-q"]
    as_postgres(*psql, "-c", "CREATE DATABASE backflow")
    as_postgres(*psql, "-d", "backflow", "-c", "CREATE EXTENSION postgis")

    from qgis.core import (
        QgsApplication,
        QgsDataSourceUri,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProject,
        QgsVectorLayer,
        QgsVectorLayerExporter,
    )

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    import processing

    import backflow_plugin
    from tests.qgis import test_regional_flows_alg as t

    plugin = backflow_plugin.classFactory(None)
    plugin.initProcessing()
    folder = Path(tempfile.mkdtemp(prefix="backflow_gpkg_"))
    gpkg = t.clusters_gpkg.__wrapped__(folder)  # the test's layer
    source = QgsVectorLayer(gpkg, "clusters", "ogr")
    uri = QgsDataSourceUri()
    uri.setConnection(str(sock), PORT, "backflow", "postgres", "")
    uri.setDataSource("public", "clusters", "geom", "", "id")
    err, message = QgsVectorLayerExporter.exportLayer(
        source, uri.uri(False), "postgres", source.crs()
    )[:2]
    assert err == QgsVectorLayerExporter.NoError, message
    layer = QgsVectorLayer(uri.uri(False), "clusters", "postgres")
    assert layer.isValid() and layer.featureCount() == 4, layer.dataProvider().error().message()
    shutil.rmtree(folder, ignore_errors=True)
    print(f"PostGIS layer: {layer.source()} ({layer.crs().authid()}, {layer.featureCount()})")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    res = processing.run(t.ALG_ID, {
        "INPUT": t.stages_layer(), "INPUT_REGIONS": layer, "NAME_FIELD": "cluster",
        "OVERLAP": 1, "NEAR_KM": 0, **t.OUTS,
    }, context=context, feedback=QgsProcessingFeedback())  # fmt: skip
    regions = t.by(res["REGIONS"], "name")
    assert sorted(regions) == ["Coast", "JJJ", "West", "YRD"], regions
    assert [regions[n]["returnees"] for n in ("YRD", "JJJ", "Coast", "West")] == [3, 1, 0, 0]
    assert regions["West"]["geometry_check"] == "invalid geometry, repaired"
    unmatched = t.by(res["UNMATCHED"], "city_id")
    assert set(unmatched) == {"SHA", "HGH", "TSN", "WUH", "KMG", "BOS", "LON", "TYO"}
    assert t.by(res["MATRIX"], "from_region")["total"]["total"] == 11
    print("PostGIS regions: returnees 3 / 1 / 0 / 0, 8 cities listed, 11 moves: OK")
    return 0  # (QGIS is not shut down here: the server must be stopped first)


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip QGIS's teardown at interpreter exit (it can crash headless)
