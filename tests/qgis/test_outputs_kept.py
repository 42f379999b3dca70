"""Files a user keeps: the report beside the table, GeoPackage layers named as QGIS names
them, one meaning of LANGUAGE."""

from __future__ import annotations

import shutil
import sqlite3

from qgis.core import (
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsVectorLayer,
)

from backflow_plugin.core.schema import LANGUAGES
from backflow_plugin.processing.adapters import layer_in_file
from backflow_plugin.qgis_io import in_temporary_folder, kept_report_path
from tests.conftest import DATA

LONG = DATA / "long_small.csv"


def _table(tmp_path):
    table = tmp_path / "my study.csv"
    shutil.copy(LONG, table)
    return table


def test_a_temporary_report_is_kept_beside_the_table(run_alg, tmp_path):
    table = _table(tmp_path)
    res = run_alg("backflow:fullanalysis", {"INPUT": str(table), "MAKE_REPORT": True})
    first = tmp_path / "my_study_report.html"
    assert res["REPORT_OUTPUT"] == str(first) and first.stat().st_size > 10_000
    # a second run never replaces the first report
    again = run_alg("backflow:fullanalysis", {"INPUT": str(table), "MAKE_REPORT": True})
    assert again["REPORT_OUTPUT"] == str(tmp_path / "my_study_report_2.html")
    assert first.stat().st_size > 10_000
    # a file the user chose is kept as chosen
    chosen = tmp_path / "mine.html"
    res = run_alg(
        "backflow:fullanalysis",
        {"INPUT": str(table), "MAKE_REPORT": True, "REPORT_OUTPUT": str(chosen)},
    )
    assert res["REPORT_OUTPUT"] == str(chosen) and chosen.is_file()


def test_the_report_algorithm_keeps_its_report_beside_the_input_file(run_alg, tmp_path):
    table = _table(tmp_path)
    imported = run_alg(
        "backflow:importtrajectories",
        {"INPUT": str(table), "STAGES": "TEMPORARY_OUTPUT", "CITIES": "TEMPORARY_OUTPUT"},
    )
    res = run_alg(
        "backflow:report",
        {"STAGES": imported["STAGES"], "INPUT_FILE": str(table), "OUTPUT_HTML": "TEMPORARY_OUTPUT"},
    )
    assert res["OUTPUT_HTML"] == str(tmp_path / "my_study_report.html")
    # no input file and memory layers: the temporary folder, and the log says so
    from tests.qgis.test_failures import Recorder

    feedback = Recorder()
    res = run_alg(
        "backflow:report",
        {"STAGES": imported["STAGES"], "OUTPUT_HTML": "TEMPORARY_OUTPUT"},
        feedback,
    )
    assert in_temporary_folder(res["OUTPUT_HTML"])
    assert any("deleted when QGIS closes" in line for line in feedback.infos)


def test_kept_report_path_rules(tmp_path):
    temp = QgsProcessingUtils.generateTempFilename("x_report.html")
    assert in_temporary_folder(temp) and not in_temporary_folder(tmp_path / "a.html")
    table = _table(tmp_path)
    assert kept_report_path(temp, [str(table)]) == str(tmp_path / "my_study_report.html")
    assert kept_report_path(str(tmp_path / "own.html"), [str(table)]) == str(tmp_path / "own.html")
    remembered = tmp_path / "reports"
    remembered.mkdir()
    # a table without a file (a memory layer): the folder the panel remembers
    assert kept_report_path(temp, ["memory:x"], str(remembered)) == str(
        remembered / "backflow_report.html"
    )
    assert kept_report_path(temp, [None]) == temp  # nowhere better: as it was
    # a delimited-text layer of the project: beside its file
    from qgis.core import QgsProject

    layer = QgsVectorLayer(f"file://{table}?delimiter=,", "trajectories", "delimitedtext")
    QgsProject.instance().addMapLayer(layer)
    try:
        kept = kept_report_path(temp, [layer.id()])
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    assert kept == str(tmp_path / "my_study_report.html")


def test_a_geopackage_layer_destination_is_written_as_that_layer(run_alg, tmp_path):
    gpkg = tmp_path / "study.gpkg"
    res = run_alg(
        "backflow:fullanalysis",
        {
            "INPUT": str(LONG),
            "STAGES": f"{gpkg}|layername=stages",
            "NETWORK": f"{gpkg}|layername=network",
        },
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.gpkg"]  # no 'study.gpkg|...'
    with sqlite3.connect(gpkg) as db:
        names = {r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")}
        rows = db.execute('SELECT COUNT(*) FROM "stages"').fetchone()[0]
    assert {"stages", "network"} <= names
    assert rows == res["RESOLVED_ROWS"] == 18  # every placed stage (3 of 21 unresolved)
    layer = QgsVectorLayer(res["STAGES"], "stages", "ogr")
    assert layer.isValid() and layer.featureCount() == rows


def test_layer_in_file_forms():
    fixed = layer_in_file("/data/a.gpkg|layername=stages")
    assert fixed == "ogr:dbname='/data/a.gpkg' table=\"stages\" (geom)"
    for same in ("/data/a.shp", "TEMPORARY_OUTPUT", "/data/a.gpkg", "/d/a.gpkg|subset=x"):
        assert layer_in_file(same) == same
    definition = QgsProcessingOutputLayerDefinition("/data/b.gpkg|layername=flows")
    definition.destinationName = "Flows"
    out = layer_in_file(definition)
    assert out.sink.staticValue() == "ogr:dbname='/data/b.gpkg' table=\"flows\" (geom)"
    assert out.destinationName == "Flows"


def test_language_means_the_same_in_every_algorithm(plugin):
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    options = []
    for alg_id, name in (
        ("backflow:report", "LANGUAGE"),
        ("backflow:publicationmap", "LANGUAGE"),
        ("backflow:fullanalysis", "REPORT_LANGUAGE"),
    ):
        p = registry.algorithmById(alg_id).parameterDefinition(name)
        assert len(p.options()) == len(LANGUAGES) and p.defaultValue() == 0, alg_id
        options.append(p.options())
    assert options[0] == options[1] == options[2]
    assert LANGUAGES == ("auto", "en", "zh")


def test_the_tables_the_report_writes_give_no_hidden_count_away(run_alg, tmp_path):
    """The check on what a user gets: the report's table outputs read back as layers."""
    import pandas as pd

    from backflow_plugin.core.disclosure.margins import leaks
    from tests.core.test_suppression import study_of_twenty

    table = tmp_path / "twenty.csv"
    study_of_twenty().to_csv(table, index=False)
    full = run_alg(
        "backflow:fullanalysis",
        {"INPUT": str(table), **{k: "TEMPORARY_OUTPUT" for k in ("STAGES", "NETWORK")}},
    )
    sinks = {"TABLE1": "table1", "PATTERNS": "patterns", "TRENDS": "trends",
             "OVERSEAS_REGIONS": "overseas_regions", "SOURCE_MATRIX": "source_matrix",
             "TOP_SOURCES": "top_sources"}  # fmt: skip
    res = run_alg(
        "backflow:report",
        {"STAGES": full["STAGES"], "CITIES": full["NETWORK"], "OUTPUT_HTML": str(tmp_path / "r.html"),
         **{k: "TEMPORARY_OUTPUT" for k in sinks}},
    )  # fmt: skip
    tables = {}
    for key, name in sinks.items():
        layer = res[key]
        names = layer.fields().names()
        rows = [[None if v is None or str(v) == "NULL" else v for v in f.attributes()]
                for f in layer.getFeatures()]  # fmt: skip
        tables[name] = pd.DataFrame(rows, columns=names)
    t1 = tables["table1"]
    assert t1["total"].tolist()[-1] == 20 and t1.isna().any().any()  # something is hidden
    assert leaks(tables) == []
    # and the same tables with the complements shown again would leak
    shown = tables["table1"].copy()
    shown.loc[0, "university"] = 7  # Chemistry's university cell, hidden as a complement
    assert leaks({**tables, "table1": shown}) != []
