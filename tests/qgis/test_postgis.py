"""PostGIS round trip: the trajectory table in PostgreSQL, every layer written back to
PostGIS, the counts equal to the same table read from CSV (issue 17)."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLE

LAYERS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")
NUMBERS = ("PERSONS", "STAGE_ROWS", "RESOLVED_ROWS", "UNRESOLVED_ROWS")


@pytest.fixture(scope="module")
def trajectories(postgis):
    header = SAMPLE.read_text(encoding="utf-8").splitlines()[0].split(",")
    columns = ", ".join(f'"{c}" text' for c in header)
    postgis.sql(f"CREATE TABLE trajectories (id serial PRIMARY KEY, {columns})")
    postgis.copy_csv("trajectories", header, SAMPLE)
    return postgis.uri("trajectories")


def test_postgis_table_in_postgis_layers_out(plugin, postgis, trajectories, tmp_path):
    import processing
    from qgis.core import QgsVectorLayer

    table = QgsVectorLayer(trajectories, "trajectories", "postgres")
    assert table.isValid() and table.featureCount() > 10_000
    params = {"HOME_COUNTRY": "CN"}
    from_db = processing.run(
        "backflow:importtrajectories",
        dict(
            params,
            INPUT=table,
            **{k: postgis.destination(k.lower(), geometry=k != "UNRESOLVED") for k in LAYERS},
        ),
    )
    from_csv = processing.run(
        "backflow:importtrajectories",
        dict(params, INPUT=str(SAMPLE), **{k: "TEMPORARY_OUTPUT" for k in LAYERS}),
    )
    for key in NUMBERS:
        assert from_db[key] == from_csv[key], key
    for key in LAYERS:
        written = int(postgis.sql(f'SELECT count(*) FROM public."{key.lower()}"'))
        assert written == from_csv[key].featureCount(), key
    # Geometry arrived as PostGIS geometry in WGS 84.
    srid = postgis.sql("SELECT DISTINCT ST_SRID(geom) FROM public.flows")
    assert srid == "4326"
    # Chinese names survive the round trip.
    assert postgis.sql("SELECT count(*) FROM public.stages WHERE city = 'Beijing'") != "0"


FULL_SINKS = {  # fullanalysis output -> has geometry
    "STAGES": True,
    "ROUTES": True,
    "FLOWS": True,
    "CITIES": True,
    "UNRESOLVED": False,
    "NETWORK": True,
    "PATTERN_ROUTES": True,
    "PATTERN_FLOWS": True,
    "PATTERN_SHARES": False,
    "REGION_STATS": True,
    "REGION_FLOWS": True,
    "REGION_MATRIX": False,
    "REGION_UNMATCHED": False,
}
FULL_NUMBERS = ("PERSONS", "RESOLVED_ROWS", "CIRCLE", "LINEAR", "TIER1", "TIER2", "TIER3")


def test_fullanalysis_from_postgis_writes_every_layer_to_a_schema(
    plugin, postgis, trajectories, tmp_path
):
    """The whole chain: the table in PostgreSQL, every layer (the regional view
    included) into a schema of its own, the same counts as a GeoPackage run on the CSV."""
    import processing
    from qgis.core import QgsApplication, QgsVectorLayer

    postgis.sql("CREATE SCHEMA results")
    regions = QgsApplication.pkgDataPath() + "/resources/data/world_map.gpkg|layername=countries"
    common = {"HOME_COUNTRY": "CN", "REGIONS": regions, "MAKE_REPORT": True}
    table = QgsVectorLayer(trajectories, "trajectories", "postgres")
    from_db = processing.run(
        "backflow:fullanalysis",
        dict(
            common,
            INPUT=table,
            REPORT_OUTPUT=str(tmp_path / "db.html"),
            MAKE_MAP=True,
            MAP_OUTPUT=str(tmp_path / "db.pdf"),
            **{
                key: postgis.destination(key.lower(), "results", geometry=geometry)
                for key, geometry in FULL_SINKS.items()
            },
        ),
    )
    gpkg = tmp_path / "file.gpkg"
    from_file = processing.run(
        "backflow:fullanalysis",
        dict(
            common,
            INPUT=str(SAMPLE),
            REPORT_OUTPUT=str(tmp_path / "file.html"),
            **{key: f"ogr:dbname='{gpkg}' table=\"{key.lower()}\"" for key in FULL_SINKS},
        ),
    )
    assert not from_db.get("FAILED_STEPS") and not from_file.get("FAILED_STEPS")
    for key in FULL_NUMBERS:
        assert from_db[key] == from_file[key], key
    assert from_db["PERSONS"] == 2846 and from_db["CIRCLE"] == 1685
    in_db = postgis.sql(
        "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables "
        "WHERE table_schema = 'results'"
    ).split(",")
    assert sorted(in_db) == sorted(key.lower() for key in FULL_SINKS)
    for key in FULL_SINKS:
        written = int(postgis.sql(f'SELECT count(*) FROM results."{key.lower()}"'))
        in_file = QgsVectorLayer(f"{gpkg}|layername={key.lower()}", key, "ogr").featureCount()
        assert written == in_file, key
        assert written > 0 or key == "UNRESOLVED", key
    # the map and the report, made from the layers in the database
    assert (tmp_path / "db.pdf").read_bytes()[:5] == b"%PDF-"
    assert (tmp_path / "db.pdf").stat().st_size > 50_000
    # the report made from the database run tells the same figures
    assert "1685" in (tmp_path / "db.html").read_text(encoding="utf-8").replace(",", "")
