"""Fast file sinks (issue 17): every format written without a feature per row gives the
same layers as QGIS's own feature-by-feature writing on the sample."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import SAMPLE

LAYERS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")
CJK = re.compile("[\u4e00-\u9fff]")


def _value(v):
    if v is None or (hasattr(v, "isNull") and v.isNull()):
        return None
    if hasattr(v, "value") and not isinstance(v, (int, float, str, bool)):
        v = v.value()
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float):
        return round(v, 9)
    return v


def _read(dest):
    from qgis.core import QgsVectorLayer

    if isinstance(dest, str) and dest.endswith(".shp") and not Path(dest).exists():
        dest = dest[:-4] + ".dbf"  # a table without geometry is a lone .dbf
    layer = dest if isinstance(dest, QgsVectorLayer) else QgsVectorLayer(dest, "x", "ogr")
    assert layer.isValid(), dest
    rows, shapes = [], []
    for feat in layer.getFeatures():
        rows.append(tuple(_value(v) for v in feat.attributes()))
        geom = feat.geometry()
        shapes.append(
            None if geom is None or geom.isEmpty() else [(p.x(), p.y()) for p in geom.vertices()]
        )
    return layer, layer.fields().names(), rows, shapes


def _same_geometry(a, b):
    assert len(a) == len(b)
    for ga, gb in zip(a, b):
        assert (ga is None) == (gb is None)
        if ga is not None:
            assert len(ga) == len(gb)
            assert max(max(abs(p[0] - q[0]), abs(p[1] - q[1])) for p, q in zip(ga, gb)) <= 1e-9


def _import(tmp_path, tag, suffix, monkeypatch=None, slow=False):
    import processing

    from backflow_plugin.processing import fast_sinks

    if slow:  # the QGIS feature-by-feature path, as before the fast sinks
        monkeypatch.setattr(fast_sinks, "target_of", lambda dest: None)
    params = {"INPUT": str(SAMPLE), "HOME_COUNTRY": "CN"}
    for key in LAYERS:
        params[key] = str(tmp_path / f"{tag}_{key.lower()}{suffix}")
    result = processing.run("backflow:importtrajectories", params)
    if slow:
        monkeypatch.undo()
    return result


@pytest.mark.parametrize("suffix", [".gpkg", ".shp", ".csv", ".fgb"])
def test_fast_file_equals_qgis_writer(plugin, tmp_path, monkeypatch, suffix):
    fast = _import(tmp_path, "fast", suffix)
    slow = _import(tmp_path, "slow", suffix, monkeypatch, slow=True)
    chinese = 0
    for key in LAYERS:
        layer_f, names_f, rows_f, geo_f = _read(fast[key])
        layer_s, names_s, rows_s, geo_s = _read(slow[key])
        assert names_f == names_s, key
        assert len(rows_f) == len(rows_s), key
        assert len(rows_f) > 0 or key == "UNRESOLVED"  # the sample resolves every row
        assert rows_f == rows_s, key
        chinese += sum(bool(CJK.search(str(v))) for row in rows_f for v in row)
        if suffix != ".csv":  # QGIS writes CSV without geometry by default
            _same_geometry(geo_f, geo_s)
            if key != "UNRESOLVED":
                assert layer_f.crs().authid() == "EPSG:4326", key
                assert all(g is not None for g in geo_f) or key == "FLOWS"
    assert chinese > 100  # Chinese place and organisation names round-trip


def test_gpkg_spatial_index_and_extent(plugin, tmp_path):
    from qgis.core import QgsFeatureRequest, QgsGeometry, QgsRectangle, QgsVectorLayer

    result = _import(tmp_path, "fast", ".gpkg")
    for key in ("STAGES", "ROUTES", "FLOWS", "CITIES"):
        path = result[key].split("|")[0]
        db = sqlite3.connect(path)
        table = db.execute("SELECT table_name FROM gpkg_contents").fetchone()[0]
        count = db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        rtree = db.execute(f'SELECT COUNT(*) FROM "rtree_{table}_geom"').fetchone()[0]
        assert rtree == count > 0, key
        ogr_count = db.execute("SELECT feature_count FROM gpkg_ogr_contents").fetchone()[0]
        assert ogr_count == count
        triggers = db.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_%'"
        ).fetchone()[0]
        assert triggers >= 6  # put back: later edits in QGIS keep the index right
        assert db.execute(f"SELECT rtreecheck('rtree_{table}_geom')").fetchone()[0] == "ok"
        db.close()
        layer = QgsVectorLayer(result[key], "x", "ogr")
        assert layer.hasSpatialIndex() == 2  # QgsFeatureSource.SpatialIndexPresent
        extent = layer.extent()
        assert -180 <= extent.xMinimum() < extent.xMaximum() <= 180
        # a box query through the index finds the same features as a full scan
        box = QgsRectangle(100, 20, 125, 45)  # eastern China
        area = QgsGeometry.fromRect(box)
        by_index = {f.id() for f in layer.getFeatures(QgsFeatureRequest().setFilterRect(box))}
        by_scan = {f.id() for f in layer.getFeatures() if f.geometry().intersects(area)}
        assert by_index == by_scan and by_index, key
        # every rtree row holds its feature's box (float32 in sqlite's rtree)
        db = sqlite3.connect(path)
        boxes = {r[0]: r[1:] for r in db.execute(f'SELECT * FROM "rtree_{table}_geom"')}
        db.close()
        for f in layer.getFeatures():
            b = f.geometry().boundingBox()
            minx, maxx, miny, maxy = boxes[f.id()]
            assert minx <= b.xMinimum() + 1e-4 and maxx >= b.xMaximum() - 1e-4
            assert miny <= b.yMinimum() + 1e-4 and maxy >= b.yMaximum() - 1e-4


def test_layers_in_one_geopackage_by_ogr_uri(plugin, tmp_path):
    """Processing's `ogr:dbname=... table=...` destinations: each layer added to one file,
    returned as `file|layername=`; the same rows as a memory layer (the PyQGIS path)."""
    import processing

    gpkg = tmp_path / "all.gpkg"
    params = {"INPUT": str(SAMPLE), "HOME_COUNTRY": "CN"}
    for key in LAYERS:
        params[key] = f"ogr:dbname='{gpkg}' table=\"{key.lower()}\" (geom)"
    result = processing.run("backflow:importtrajectories", params)
    memory = processing.run(
        "backflow:importtrajectories",
        dict(params, **{k: "TEMPORARY_OUTPUT" for k in LAYERS}),
    )
    for key in LAYERS:
        assert result[key] == f"{gpkg}|layername={key.lower()}"
        _, names_f, rows_f, geo_f = _read(result[key])
        _, names_m, rows_m, geo_m = _read(memory[key])
        assert names_f[1:] == names_m  # the GeoPackage adds its fid first
        assert [r[1:] for r in rows_f] == rows_m, key
        _same_geometry(geo_f, geo_m)


def test_cancel_between_batches_removes_file(plugin, tmp_path, monkeypatch):
    import processing
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    from backflow_plugin.processing import fast_sinks

    monkeypatch.setattr(fast_sinks, "BATCH", 1000)
    feedback = QgsProcessingFeedback()
    batches = []
    write_gpkg = fast_sinks.write_gpkg

    def cancel_after_three(path, layer, columns, blobs, bounds, cancelled, progress):
        def count(pct):
            batches.append(pct)
            progress(pct)
            if len(batches) == 3:  # the user presses Cancel while STAGES is written
                feedback.cancel()

        return write_gpkg(path, layer, columns, blobs, bounds, cancelled, count)

    monkeypatch.setattr(fast_sinks, "write_gpkg", cancel_after_three)
    params = {"INPUT": str(SAMPLE), "HOME_COUNTRY": "CN"}
    target = tmp_path / "stages.gpkg"
    params["STAGES"] = str(target)
    with pytest.raises(QgsProcessingException, match="Cancelled while writing STAGES"):
        processing.run("backflow:importtrajectories", params, feedback=feedback)
    assert len(batches) == 3  # stopped at the next batch, not at the end
    assert not target.exists()


def test_failed_write_into_shared_geopackage_drops_only_that_layer(plugin, tmp_path, monkeypatch):
    import processing
    from qgis.core import QgsProcessingException, QgsVectorLayer

    from backflow_plugin.processing import fast_sinks

    gpkg = tmp_path / "shared.gpkg"
    params = {"INPUT": str(SAMPLE), "HOME_COUNTRY": "CN"}
    first = processing.run(
        "backflow:importtrajectories",
        dict(params, STAGES=f"ogr:dbname='{gpkg}' table=\"kept\" (geom)"),
    )
    write_gpkg = fast_sinks.write_gpkg

    def fail_on_flows(path, layer, *args):
        if layer == "flows":
            raise OSError("disk full")
        return write_gpkg(path, layer, *args)

    monkeypatch.setattr(fast_sinks, "write_gpkg", fail_on_flows)
    uri = "ogr:dbname='{}' table=\"{}\" (geom)"
    with pytest.raises(QgsProcessingException, match="Writing FLOWS failed: disk full"):
        processing.run(
            "backflow:importtrajectories",
            dict(params, STAGES=uri.format(gpkg, "stages"), FLOWS=uri.format(gpkg, "flows")),
        )
    db = sqlite3.connect(gpkg)
    tables = {r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")}
    db.close()
    assert "flows" not in tables and "kept" in tables  # the earlier layer is untouched
    assert QgsVectorLayer(first["STAGES"], "k", "ogr").featureCount() > 10_000


def test_failed_fast_write_names_layer_and_removes_file(plugin, tmp_path, monkeypatch):
    import processing
    from qgis.core import QgsProcessingException

    from backflow_plugin.processing import fast_sinks

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(fast_sinks, "write_gpkg", broken)
    target = tmp_path / "flows.gpkg"
    params = {"INPUT": str(SAMPLE), "HOME_COUNTRY": "CN", "FLOWS": str(target)}
    with pytest.raises(QgsProcessingException, match="Writing STAGES failed: disk full"):
        processing.run("backflow:importtrajectories", dict(params, STAGES=str(tmp_path / "s.gpkg")))
    assert not (tmp_path / "s.gpkg").exists() and not target.exists()


@pytest.mark.usefixtures("plugin")
def test_postgis_and_memory_equal_fast_gpkg(postgis, tmp_path):
    import processing

    params = {"INPUT": str(SAMPLE), "HOME_COUNTRY": "CN"}
    keys = ("STAGES", "ROUTES", "FLOWS")
    db = processing.run(
        "backflow:importtrajectories",
        dict(params, **{k: postgis.destination(f"fast_{k.lower()}") for k in keys}),
    )
    files = processing.run(
        "backflow:importtrajectories",
        dict(params, **{k: str(tmp_path / f"{k.lower()}.gpkg") for k in keys}),
    )
    for key in keys:
        from qgis.core import QgsVectorLayer

        layer = QgsVectorLayer(postgis.uri(f"fast_{key.lower()}", geometry="geom"), key, "postgres")
        if not layer.isValid():
            layer = db[key] if isinstance(db[key], QgsVectorLayer) else QgsVectorLayer(db[key])
        _, names_p, rows_p, geo_p = _read(layer)
        _, names_f, rows_f, geo_f = _read(files[key])
        common = [n for n in names_f if n in names_p and n not in ("fid", "id")]
        pick_p = [names_p.index(n) for n in common]
        pick_f = [names_f.index(n) for n in common]
        assert len(rows_p) == len(rows_f) > 0

        def keyed(rows, shapes, pick):
            pairs = [(tuple(r[i] for i in pick), g) for r, g in zip(rows, shapes)]
            return sorted(pairs, key=lambda p: (repr(p[0]), repr(p[1])))

        db_rows = keyed(rows_p, geo_p, pick_p)
        file_rows = keyed(rows_f, geo_f, pick_f)
        assert [r for r, _ in db_rows] == [r for r, _ in file_rows], key
        _same_geometry([g for _, g in db_rows], [g for _, g in file_rows])


def test_route_layer_keeps_within_vertex_budget(plugin, tmp_path, monkeypatch):
    import processing
    from qgis.core import QgsProcessingFeedback

    from backflow_plugin.core.trajectories import flow_lines as geometry
    from backflow_plugin.core.trajectories import leg_geometry

    budget = 60_000  # the sample's 12,305 legs: at most 60,000 // 12,305 - 3 = 1 segment
    monkeypatch.setattr(
        leg_geometry, "budget_max_points", lambda legs: geometry.budget_max_points(legs, budget)
    )

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushInfo(self, text):  # noqa: N802 - Qt name
            self.lines.append(text)

    log = Log()
    out = processing.run(
        "backflow:importtrajectories",
        {
            "INPUT": str(SAMPLE),
            "HOME_COUNTRY": "CN",
            "STAGES": "TEMPORARY_OUTPUT",
            "ROUTES": str(tmp_path / "r.gpkg"),
        },
        feedback=log,
    )
    _, _, rows, shapes = _read(out["ROUTES"])
    vertices = sum(len(s) for s in shapes if s)
    assert len(rows) == 2846 and vertices <= budget
    assert any("ROUTES: 12,305 legs" in line and "at most 1 segments" in line for line in log.lines)


def test_sqlite_values_bind_as_the_geopackage_stores_them(plugin):
    import numpy as np
    import pandas as pd

    from backflow_plugin.processing.frame_writing import _sqlite_values

    flags = pd.Series([True, None, False], dtype=object)
    assert _sqlite_values(flags, "bool") == [1, None, 0]
    assert all(type(v) is int for v in _sqlite_values(pd.Series([True, False]), "bool"))
    names = pd.Series(["武汉", "Boston", "Boston"], dtype=object)
    out = _sqlite_values(names, "str")
    assert out == ["武汉", "Boston", "Boston"] and out[1] is names[1]  # no copy per cell
    mixed = pd.Series(["a", None, np.nan, 3, pd.NA], dtype=object)
    assert _sqlite_values(mixed, "str") == ["a", None, None, "3", None]
    years = pd.Series([2001, None], dtype="Int64")
    assert _sqlite_values(years, "int") == [2001, None]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (b BOOLEAN, s TEXT)")
    db.executemany("INSERT INTO t VALUES (?, ?)", zip(_sqlite_values(flags, "bool"), out))
    assert db.execute("SELECT b, s FROM t").fetchall() == [
        (1, "武汉"),
        (None, "Boston"),
        (0, "Boston"),
    ]


def test_shapefile_field_names_shortened_before_the_copy_and_logged(plugin, tmp_path):
    """dBASE names hold 10 bytes: they are cut by us, the same in QGIS's empty layer and
    in the rows GDAL copies in (newer GDAL matches the columns by name), and logged."""
    import processing
    from qgis.core import QgsProcessingFeedback

    class Log(QgsProcessingFeedback):
        lines: list[str] = []

        def pushInfo(self, info):  # noqa: N802
            super().pushInfo(info)
            self.lines.append(info)

    log = Log()
    shp = processing.run(
        "backflow:importtrajectories",
        {"INPUT": str(SAMPLE), "HOME_COUNTRY": "CN", "STAGES": str(tmp_path / "stages.shp")},
        feedback=log,
    )["STAGES"]
    gpkg = _import(tmp_path, "ref", ".gpkg")["STAGES"]
    layer_s, names_s, rows_s, _ = _read(shp)
    layer_g, names_g, rows_g, _ = _read(gpkg)
    assert names_g[0] == "fid"  # GeoPackage's own key, not a field of ours
    names_g, rows_g = names_g[1:], [r[1:] for r in rows_g]
    assert all(len(n.encode("utf-8")) <= 10 for n in names_s)
    assert len({n.casefold() for n in names_s}) == len(names_s) == len(names_g)
    cut = {g: s for g, s in zip(names_g, names_s) if g != s}
    assert cut["home_country"] == "home_count"
    told = [line for line in log.lines if "shortened to fit a SHP file (10 bytes at most)" in line]
    assert len(told) == 1 and "home_country -> home_count" in told[0]
    assert all(f"{g} -> {s}" in told[0] for g, s in cut.items())
    assert len(rows_s) == len(rows_g) > 0
    assert [r[names_s.index("home_count")] for r in rows_s] == [
        r[names_g.index("home_country")] for r in rows_g
    ]


def test_table_without_geometry_keeps_every_row_in_flatgeobuf(plugin, tmp_path):
    """GDAL's FlatGeobuf spatial index refuses rows without geometry: a table (the
    unresolved rows) is written without one; a GDAL that cannot keep such rows at all
    (3.6, QGIS 3.22 on Debian 12) stops with a message naming the formats that can."""
    import processing
    from qgis.core import QgsProcessingException

    from backflow_plugin.processing.fast_sinks import flatgeobuf_tables_supported
    from tests.conftest import DATA

    table = tmp_path / "two_bad.csv"
    table.write_text(
        (DATA / "long_small.csv").read_text(encoding="utf-8")
        + "Z9,1,birth,Atlantisville,,,1980,Physics\nZ9,2,phd,Boston,US,,2005,Physics\n"
        + "Z8,1,birth,Lemuria,,,1981,Physics\nZ8,2,return,Beijing,CN,,2012,Physics\n",
        encoding="utf-8",
    )
    params = {
        "INPUT": str(table),
        "STAGES": "TEMPORARY_OUTPUT",
        "UNRESOLVED": str(tmp_path / "unresolved.fgb"),
    }
    csv = processing.run(
        "backflow:importtrajectories", {**params, "UNRESOLVED": str(tmp_path / "u.csv")}
    )
    expected = _read(csv["UNRESOLVED"])[2]
    assert {"Atlantisville", "Lemuria"} <= {row[3] for row in expected}
    if not flatgeobuf_tables_supported():
        with pytest.raises(QgsProcessingException, match="write it as GeoPackage or CSV"):
            processing.run("backflow:importtrajectories", params)
        assert not (tmp_path / "unresolved.fgb").exists()
        return
    out = processing.run("backflow:importtrajectories", params)
    layer, names, rows, shapes = _read(out["UNRESOLVED"])

    def as_text(table):  # CSV cells are text: compare every value as text
        return sorted(tuple("" if v is None else str(v) for v in row) for row in table)

    assert as_text(rows) == as_text(expected)
    assert shapes == [None] * len(expected)


def test_geopackage_fid_is_not_read_as_data(plugin, tmp_path):
    """Outputs read back from a GeoPackage do not carry its fid on as 'fid_attr'."""
    import processing

    first = _import(tmp_path, "ref", ".gpkg")
    network = processing.run(
        "backflow:citynetwork",
        {
            "INPUT_FLOWS": first["FLOWS"],
            "INPUT_CITIES": first["CITIES"],
            "OUTPUT": str(tmp_path / "network.gpkg"),
        },
    )
    _, names, rows, _ = _read(network["OUTPUT"])
    assert names[0] == "fid" and "fid_attr" not in names
    assert "tier" in names and len(rows) == len(_read(first["CITIES"])[2])


def test_csv_outputs_keep_their_types_through_a_chain(run_alg, tmp_path):
    """A CSV reads as text unless GDAL finds a .csvt beside it: the city network made
    from the import's CSV files keeps lon/lat as numbers (no "'-71.06" formula escape),
    also after an earlier import in the session placed a cell at a province."""
    import pandas as pd
    from qgis.core import QgsVectorLayer

    from backflow_plugin.core.places.gazetteer import Gazetteer
    from tests.conftest import DATA

    placed = Gazetteer.bundled().resolve(pd.Series(["四川"]))
    assert placed["city_id"].tolist() == ["CN510000"]
    cities, flows, network = (tmp_path / f"{n}.csv" for n in ("cities", "flows", "network"))
    run_alg(
        "backflow:importtrajectories",
        {
            "INPUT": str(DATA / "long_small.csv"),
            "STAGES": "TEMPORARY_OUTPUT",
            "CITIES": str(cities),
            "FLOWS": str(flows),
        },
    )
    run_alg(
        "backflow:citynetwork",
        {"INPUT_FLOWS": str(flows), "INPUT_CITIES": str(cities), "OUTPUT": str(network)},
    )
    assert cities.with_suffix(".csvt").read_text().startswith('"String"')
    layer = QgsVectorLayer(str(network), "network", "ogr")
    fields = layer.fields()
    assert fields.field("lon").isNumeric() and fields.field("lat").isNumeric()
    assert fields.field("persons").isNumeric() and not fields.field("city_id").isNumeric()
    boston = [f for f in layer.getFeatures() if f["name"] == "Boston"]
    assert len(boston) == 1 and -71.2 < boston[0]["lon"] < -70.9
    assert "'-" not in network.read_text(encoding="utf-8-sig")


def test_memory_layer_rows_from_shared_values_equal_plain_values(plugin):
    """Repeated values go into features as one QVariant each; the memory layer holds what
    plain Python values give: the same values, types and nulls (a typed NULL, not an
    invalid value), -0.0 kept apart from 0.0, mostly distinct columns as they are."""
    import numpy as np
    import pandas as pd
    from qgis.core import QgsFeature, QgsFeatureSink, QgsMemoryProviderUtils, QgsWkbTypes

    from backflow_plugin.processing.frame_writing import (
        _TYPES,
        _column_values,
        fields_for,
        frame_records,
    )

    n = 40
    frame = pd.DataFrame(
        {
            "city": (["武汉", "Boston", None, "Boston"] * n)[:n],
            "year": pd.array(([2001, None, 2001, 2010] * n)[:n], dtype="Int64"),
            "share": ([0.0, -0.0, np.nan, 0.5] * n)[:n],
            "seq": np.arange(n) % 3,
            "first": ([True, None, False, True] * n)[:n],
            "person_id": [f"P{i}" for i in range(n)],  # all distinct
            "mixed": ([1, "x", None, 1] * n)[:n],
        }
    )
    fields = fields_for(frame)
    by_type = {v: k for k, v in _TYPES.items()}
    plain = [
        list(row)
        for row in zip(
            *(
                _column_values(frame.iloc[:, i], by_type[fields.at(i).type()])
                for i in range(fields.count())
            )
        )
    ]

    def stored(records):
        layer = QgsMemoryProviderUtils.createMemoryLayer("t", fields, QgsWkbTypes.Type.NoGeometry)
        features = []
        for values in records:
            feature = QgsFeature()
            feature.setAttributes(values)
            features.append(feature)
        assert layer.dataProvider().addFeatures(features, QgsFeatureSink.Flag.FastInsert)
        return [[(repr(v), type(v).__name__) for v in f.attributes()] for f in layer.getFeatures()]

    shared = stored(frame_records(frame, fields))
    assert shared == stored(plain)
    assert shared[1][2] == ("-0.0", "float") and shared[0][2] == ("0.0", "float")
    assert shared[2][0][0] == "NULL" and shared[1][1][0] == "NULL"
    assert shared[0][0] == ("'武汉'", "str") and shared[3][1] == ("2010", "int")
    assert len({row[5] for row in shared}) == n
