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
