"""backflow:importtrajectories through processing.run, on small real files."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsProcessingException,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from tests.conftest import DATA

ALG = "backflow:importtrajectories"
OUTS = {k: "TEMPORARY_OUTPUT" for k in ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")}


def layer(result, key) -> QgsVectorLayer:
    value = result[key]
    return value if isinstance(value, QgsVectorLayer) else QgsVectorLayer(value, key, "ogr")


def rows(lyr) -> list[dict]:
    names = lyr.fields().names()
    return [dict(zip(names, f.attributes())) for f in lyr.getFeatures()]


def run_long(run_alg, path, **extra):
    return run_alg(ALG, {"INPUT": str(path), **OUTS, **extra})


def check_long_small(result, subject="subject"):
    """The expected outcome of tests/data/long_small.csv, whatever its encoding or container."""
    assert result["PERSONS"] == 5
    assert result["STAGE_ROWS"] == 21
    assert result["RESOLVED_ROWS"] == 18
    assert result["UNRESOLVED_ROWS"] == 3
    assert result["RESOLVED_ROWS"] + result["UNRESOLVED_ROWS"] == result["STAGE_ROWS"]
    assert result["AMBIGUOUS_ROWS"] >= 1  # at least Cambridge without a country

    unresolved = rows(layer(result, "UNRESOLVED"))
    by_row = {r["source_row"]: r for r in unresolved}
    assert set(by_row) == {18, 20, 21}
    assert by_row[18]["value"] == "Nowhereburg" and by_row[18]["reason"] == "unknown city"
    assert by_row[20]["reason"] == "no place given"
    assert by_row[21]["value"] == "Shanghia"
    assert "Shanghai" in by_row[21]["suggestions"]

    flows = rows(layer(result, "FLOWS"))
    by_type = Counter()
    for f in flows:
        by_type[f["flow_type"]] += f["count"]
    assert by_type == {"domestic": 2, "outbound": 3, "abroad": 1, "backflow": 3, "onward": 1}
    backflow = {(f["origin"], f["dest"]) for f in flows if f["flow_type"] == "backflow"}
    assert backflow == {("Cambridge", "Chengdu"), ("New Haven", "Beijing"), ("Tokyo", "Hefei")}

    cities = {c["name"]: c for c in rows(layer(result, "CITIES"))}
    assert {n for n, c in cities.items() if c["returnees"]} == {"Chengdu", "Beijing", "Hefei"}
    assert cities["Hefei"]["admin_rank"] == "provincial capital"
    assert cities["Beijing"]["name_zh"] == "北京"
    assert cities["Shanghai"]["persons"] == 2

    stages = layer(result, "STAGES")
    assert stages.featureCount() == 18
    assert stages.wkbType() == QgsWkbTypes.Type.Point
    wuhan = [f for f in stages.getFeatures() if f["city"] == "Wuhan"]
    assert len(wuhan) == 2 and {f["stage"] for f in wuhan} == {"birth", "bachelor"}
    pt = wuhan[0].geometry().asPoint()
    assert pt.x() == pytest.approx(114.3, abs=0.3) and pt.y() == pytest.approx(30.6, abs=0.3)
    phases = {(f["person_id"], f["seq"]): f["phase"] for f in stages.getFeatures()}
    ambiguous = {(f["person_id"], f["seq"]) for f in stages.getFeatures() if f["ambiguous"]}
    assert ("P5", 2) in ambiguous and ("P1", 4) not in ambiguous  # Cambridge / Cambridge, US
    assert phases[("P3", 4)] == "return" and phases[("P3", 5)] == "after"

    routes = {r["person_id"]: r for r in rows(layer(result, "ROUTES"))}
    assert len(routes) == 5
    assert routes["P1"]["path"] == "Mianyang > Chengdu > Boston > Cambridge > Chengdu"
    assert routes["P1"][subject] == "Physics"
    assert routes["P4"]["returned"] in (False, 0)


def test_long_utf8_csv(run_alg):
    check_long_small(run_long(run_alg, DATA / "long_small.csv"))


def test_long_gb18030_chinese_headers_tab_delimited(run_alg, tmp_path):
    text = (DATA / "long_small.csv").read_text(encoding="utf-8")
    header, body = text.split("\n", 1)
    header = "人员编号,序号,阶段,城市,国家,单位,年份,学科"
    path = tmp_path / "履历.txt"
    path.write_bytes((header + "\n" + body).replace(",", "\t").encode("gb18030"))
    check_long_small(run_long(run_alg, path), subject="学科")


def test_long_utf8_bom_semicolons(run_alg, tmp_path):
    text = (DATA / "long_small.csv").read_text(encoding="utf-8").replace(",", ";")
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    check_long_small(run_long(run_alg, path))


def _memory_copy(path) -> QgsVectorLayer:
    import csv

    with open(path, encoding="utf-8") as fh:
        data = list(csv.reader(fh))
    mem = QgsVectorLayer("None", "trajectories", "memory")
    mem.dataProvider().addAttributes([QgsField(n, QVariant.Type.String) for n in data[0]])
    mem.updateFields()
    feats = []
    for values in data[1:]:
        f = QgsFeature(mem.fields())
        f.setAttributes(values)
        feats.append(f)
    mem.dataProvider().addFeatures(feats)
    return mem


def test_table_layer_in_the_project(run_alg):
    mem = _memory_copy(DATA / "long_small.csv")
    QgsProject.instance().addMapLayer(mem)
    try:
        check_long_small(run_alg(ALG, {"INPUT": mem.id(), **OUTS}))
    finally:
        QgsProject.instance().removeMapLayer(mem.id())


@pytest.mark.parametrize("driver,suffix", [("GPKG", ".gpkg"), ("XLSX", ".xlsx")])
def test_gpkg_and_xlsx_through_ogr(run_alg, tmp_path, driver, suffix):
    mem = _memory_copy(DATA / "long_small.csv")
    path = tmp_path / f"trajectories{suffix}"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = driver
    options.layerName = "trajectories"
    err = QgsVectorFileWriter.writeAsVectorFormatV2(
        mem, str(path), QgsProject.instance().transformContext(), options
    )
    assert err[0] == QgsVectorFileWriter.WriterError.NoError, err
    check_long_small(run_long(run_alg, path))


def test_wide_table_with_birth_country_as_home(run_alg):
    result = run_alg(
        ALG,
        {
            "INPUT": str(DATA / "wide_small.csv"),
            "LAYOUT": 1,
            "PERSON_FIELD": "id",
            "WIDE_MAPPING": "birth=bornCity,bornCountryCode; work=city,country; "
            "later=diedCity,diedCountryCode",
            "HOME_COUNTRY": "birth",
            **OUTS,
        },
    )
    assert result["PERSONS"] == 7
    # 16 stage cells + 1 row with no city at all + Marie's second row, which repeats
    # her first: listed in UNRESOLVED, not lost (issue 15).
    assert result["STAGE_ROWS"] == 18
    assert result["UNRESOLVED_ROWS"] == 2
    assert result["RESOLVED_ROWS"] == 16
    unresolved = {r["source_row"]: r["reason"] for r in rows(layer(result, "UNRESOLVED"))}
    assert unresolved == {
        4: "repeats the stages of an earlier row of the same person",
        8: "no stage city in this row",
    }
    stages = rows(layer(result, "STAGES"))
    remscheid = [s for s in stages if s["person_id"] == "1" and s["stage"] == "birth"][0]
    assert (remscheid["city"], remscheid["country"]) == ("Remscheid", "DE")
    homes = {s["person_id"]: s["home_country"] for s in stages}
    assert homes == {"1": "DE", "2": "DE", "3": "PL", "4": "CN", "5": "PK", "6": "DE"}
    marie = [s for s in stages if s["person_id"] == "3"]
    assert [s["city"] for s in marie] == ["Warsaw", "Paris"]
    assert marie[0]["category"] == "physics"
    flows = rows(layer(result, "FLOWS"))
    backflow = [f for f in flows if f["flow_type"] == "backflow"]
    assert [(f["origin"], f["dest"], f["count"]) for f in backflow] == [
        ("Cambridge", "Göttingen", 1)
    ]
    cambridge = [s for s in stages if s["person_id"] == "6" and s["stage"] == "work"][0]
    assert cambridge["country"] == "GB" and cambridge["ambiguous"] in (False, 0)


def test_wide_mapping_via_qgis_process_style_string(run_alg):
    # The mapping may use newlines and Chinese stage labels.
    result = run_alg(
        ALG,
        {
            "INPUT": str(DATA / "wide_small.csv"),
            "LAYOUT": 1,
            "PERSON_FIELD": "id",
            "WIDE_MAPPING": "出生地=bornCity,bornCountryCode\n工作=city,country",
            "HOME_COUNTRY": "birth",
            **OUTS,
        },
    )
    assert result["STAGE_ROWS"] == 12 + 1 + 1  # + Marie's repeated row, listed (issue 15)


# ------------------------------------------------------------------ bad input


def test_missing_column_names_file_and_choices(run_alg):
    with pytest.raises(QgsProcessingException) as err:
        run_long(run_alg, DATA / "long_small.csv", CITY_FIELD="town")
    text = str(err.value)
    assert "column 'town'" in text and "long_small.csv" in text and "person_id" in text


def test_no_city_column_detected(run_alg, tmp_path):
    path = tmp_path / "nocity.csv"
    path.write_text("person,stage,where\nA,birth,Beijing\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="No city column was found.*CITY_FIELD"):
        run_long(run_alg, path)


def test_mostly_unknown_stage_labels_stop_with_the_first_example(run_alg, tmp_path):
    path = tmp_path / "stages.csv"
    path.write_text(
        "person,stage,city\nA,kindergarten,Beijing\nA,school,Shanghai\nA,phd,Boston\n",
        encoding="utf-8",
    )
    with pytest.raises(QgsProcessingException) as err:
        run_long(run_alg, path)
    text = str(err.value)
    assert "2 of 3 stage labels are not recognised" in text
    assert "row 1" in text and "value 'kindergarten'" in text and "出生地" in text


def test_a_few_unknown_stage_labels_go_to_unresolved(run_alg, tmp_path):
    path = tmp_path / "stages.csv"
    path.write_text(
        "person,stage,city\nA,birth,Beijing\nA,postdok,Boston\nA,return,Shanghai\n",
        encoding="utf-8",
    )
    result = run_long(run_alg, path)
    assert (result["STAGE_ROWS"], result["RESOLVED_ROWS"], result["UNRESOLVED_ROWS"]) == (3, 2, 1)
    bad = rows(layer(result, "UNRESOLVED"))[0]
    assert (bad["source_row"], bad["column"], bad["value"]) == (2, "stage", "postdok")
    assert bad["reason"] == "unknown stage label" and "postdoc" in bad["suggestions"]


def test_empty_file(run_alg, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match=r"The file is empty \(file 'empty.csv'\)"):
        run_long(run_alg, path)


def test_bad_order_value(run_alg, tmp_path):
    path = tmp_path / "order.csv"
    path.write_text(
        "person,seq,stage,city\nA,1,birth,Beijing\nA,two,phd,Boston\n", encoding="utf-8"
    )
    with pytest.raises(
        QgsProcessingException,
        match=r"not a number \(file 'order.csv', column 'seq', row 2, value 'two'\)",
    ):
        run_long(run_alg, path)


def test_unknown_home_country(run_alg):
    with pytest.raises(QgsProcessingException, match="Unknown home country.*Narnia"):
        run_long(run_alg, DATA / "long_small.csv", HOME_COUNTRY="Narnia")


def test_geometry_options(run_alg, tmp_path):
    path = tmp_path / "pacific.csv"
    path.write_text(
        "person,stage,city,country\nA,birth,Shanghai,\nA,phd,San Francisco,US\n"
        "A,return,Shanghai,\n",
        encoding="utf-8",
    )
    parts = {}
    for kind in (0, 1, 2):
        result = run_long(run_alg, path, GEOMETRY=kind)
        flows = {f["flow_type"]: f.geometry() for f in layer(result, "FLOWS").getFeatures()}
        geom = flows["outbound"]
        parts[kind] = (geom.constGet().numGeometries(), geom.constGet().nCoordinates())
    assert parts[0] == (1, 2)  # straight
    assert parts[1][0] == 2 and parts[1][1] > 20  # geodesic split at the antimeridian
    assert parts[2][0] == 2 and parts[2][1] > 10  # arc: over the Pacific, cut at 180°


def test_own_gazetteer_layer(run_alg, tmp_path):
    gaz = QgsVectorLayer(
        "Point?crs=EPSG:4326&field=name:string&field=country:string", "g", "memory"
    )
    feats = []
    from qgis.core import QgsGeometry, QgsPointXY

    for name, cc, x, y in [("Home Town", "CN", 110.0, 30.0), ("Lab City", "US", -100.0, 40.0)]:
        f = QgsFeature(gaz.fields())
        f.setAttributes([name, cc])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feats.append(f)
    gaz.dataProvider().addFeatures(feats)
    path = tmp_path / "own.csv"
    path.write_text(
        "person,stage,city\nA,birth,Home Town\nA,postdoc,Lab City\nA,return,Home Town\n"
        "A,later,Beijing\n",
        encoding="utf-8",
    )
    result = run_long(run_alg, path, GAZETTEER=gaz)
    assert (result["RESOLVED_ROWS"], result["UNRESOLVED_ROWS"]) == (3, 1)
    cities = {c["name"]: c for c in rows(layer(result, "CITIES"))}
    assert cities["Home Town"]["returnees"] == 1
    assert cities["Lab City"]["lon"] == pytest.approx(-100.0)


def test_gpkg_output_file(run_alg, tmp_path):
    out = tmp_path / "out.gpkg"
    params = {
        "INPUT": str(DATA / "long_small.csv"),
        "STAGES": f"ogr:dbname='{out}' table=\"stages\" (geom)",
    }
    result = run_alg(ALG, params)
    assert out.exists()
    assert QgsVectorLayer(f"{out}|layername=stages", "s", "ogr").featureCount() == 18
    assert result["PERSONS"] == 5
    shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.mark.parametrize(
    "encoding,rows,expected",
    [
        (
            "big5",
            [
                ["人員", "階段", "城市"],
                ["A", "出生地", "綿陽"],
                ["A", "博士", "東京"],
                ["A", "回國", "北京"],
            ],
            ["Mianyang", "Tokyo", "Beijing"],
        ),
        (
            "latin-1",
            [
                ["person", "stage", "city", "country"],
                ["B", "birth", "Zürich", "CH"],
                ["B", "postdoc", "Göttingen", "DE"],
                ["B", "return", "Genève", "CH"],
            ],
            ["Zurich", "Göttingen", "Geneva"],
        ),
    ],
)
def test_big5_and_latin1_files(run_alg, tmp_path, encoding, rows, expected):
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes("\n".join("|".join(r) for r in rows).encode(encoding))
    result = run_long(run_alg, path)
    assert (result["STAGE_ROWS"], result["RESOLVED_ROWS"]) == (3, 3)
    cities = [f["city"] for f in layer(result, "STAGES").getFeatures()]
    assert [c.replace("ü", "u") for c in cities] == [c.replace("ü", "u") for c in expected]
