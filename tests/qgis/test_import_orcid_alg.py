"""backflow:importorcid through processing.run: an ORCID archive, OpenAlex, a stays table."""

from __future__ import annotations

import json
import tarfile

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.conftest import DATA

ORCID = DATA / "orcid"
ACTIVITIES = DATA / "orcid_activities"


def _layer(path: str, name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    assert layer.isValid(), path
    return layer


def _rows(layer) -> list[dict]:
    names = layer.fields().names()
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "ORCID_2024_10_summaries.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for f in sorted(ORCID.glob("*.xml")):
            tar.add(f, arcname=f"ORCID_2024_10_summaries/{f.name[-7:-4]}/{f.name}")
        tar.add(ACTIVITIES, arcname="ORCID_2024_10_activities_0")
    return path


def test_an_orcid_archive_to_a_geopackage_with_every_record_accounted(run_alg, archive, tmp_path):
    gpkg = str(tmp_path / "orcid.gpkg")
    out = {k: f"ogr:dbname='{gpkg}' table=\"{k.lower()}\" (geom)" for k in
           ("STAGES", "FLOWS", "CITIES", "UNRESOLVED", "RECORDS")}  # fmt: skip
    res = run_alg("backflow:importorcid", {"INPUT": str(archive), **out})
    assert (res["RECORDS_IN"], res["RECORDS_OUT"]) == (5, 1)
    assert res["PERSONS"] == 5
    assert res["STAGE_ROWS"] == 21
    assert res["UNRESOLVED_ROWS"] == 1  # the country code XX
    records = _rows(_layer(gpkg, "records"))
    assert len(records) == 6
    out_row = next(r for r in records if r["status"] == "out")
    assert out_row["record_id"] == "0000-0000-0090-0042"
    assert "no start or end date" in out_row["reason"]
    stages = _rows(_layer(gpkg, "stages"))
    p9 = sorted((r for r in stages if r["person_id"] == "0000-0000-0090-0093"),
                key=lambda r: r["seq"])  # fmt: skip
    assert [r["stage"] for r in p9] == ["bachelor", "phd", "postdoc", "work"]
    assert [r["stage_text"] for r in p9] == ["Bachelor", "Ph.D.", "Postdoc", "教授"]
    assert p9[1]["org_id"] == "grid.5335.0"
    unresolved = _rows(_layer(gpkg, "unresolved"))
    assert [(r["person_id"], r["reason"]) for r in unresolved] == [
        ("0000-0000-0090-0050", "unknown country")
    ]


def _author(aid, *affs):
    return {
        "id": f"https://openalex.org/{aid}",
        "display_name": "Invented Author",
        "affiliations": [
            {
                "institution": {
                    "id": f"https://openalex.org/{iid}",
                    "ror": ror,
                    "display_name": name,
                    "country_code": cc,
                    "type": kind,
                },
                "years": years,
            }
            for iid, ror, name, cc, kind, years in affs
        ],
        "last_known_institutions": [],
    }


def test_openalex_authors_with_an_institutions_file(run_alg, tmp_path):
    authors = tmp_path / "authors.jsonl"
    wuhan = ("I1", "https://ror.org/033vjfk17", "Wuhan University", "CN", "education")
    harvard = ("I2", "https://ror.org/03vek6s52", "Harvard University", "US", "education")
    lines = [
        _author("A1", (*harvard, [2012, 2011, 2010]), (*wuhan, [2016, 2014, 2013])),
        _author("A2", (*wuhan, [])),  # no years: counted out
    ]
    authors.write_text("\n".join(json.dumps(a) for a in lines) + "\n", encoding="utf-8")
    institutions = tmp_path / "institutions.jsonl"
    geo = [
        ("I1", "Wuhan", "Hubei", "CN", 30.54, 114.36),
        ("I2", "Cambridge", "Massachusetts", "US", 42.37, -71.12),
    ]
    institutions.write_text(
        "\n".join(
            json.dumps({"id": f"https://openalex.org/{i}", "geo": {
                "city": c, "region": r, "country_code": cc, "latitude": la, "longitude": lo}})
            for i, c, r, cc, la, lo in geo
        ),
        encoding="utf-8",
    )  # fmt: skip
    gpkg = str(tmp_path / "oa.gpkg")
    out = {k: f"ogr:dbname='{gpkg}' table=\"{k.lower()}\" (geom)" for k in
           ("STAGES", "FLOWS", "CITIES", "RECORDS")}  # fmt: skip
    res = run_alg(
        "backflow:importorcid", {"INPUT": str(authors), "INSTITUTIONS": str(institutions), **out}
    )
    assert (res["RECORDS_IN"], res["RECORDS_OUT"]) == (1, 1)
    stages = sorted(_rows(_layer(gpkg, "stages")), key=lambda r: r["seq"])
    assert [(r["city"], r["year"], r["end_year"]) for r in stages] == [
        ("Cambridge", 2010, "2012"),
        ("Wuhan", 2013, "2016"),
    ]
    flows = _rows(_layer(gpkg, "flows"))
    assert [(f["origin"], f["dest"], f["flow_type"], f["count"]) for f in flows] == [
        ("Cambridge", "Wuhan", "backflow", 1)
    ]


def test_a_stays_table_and_a_clear_error_without_dates(run_alg, tmp_path):
    stays = tmp_path / "stays.csv"
    stays.write_text(
        "person,place,country,start,end,role\n"
        "a,上海,CN,2010,,回国\n"
        "a,Boston,US,2004,2010,博士\n"
        "a,Wuhan,CN,2000,2004,本科\n"
        "b,London,GB,,,Professor\n",
        encoding="utf-8",
    )
    res = run_alg("backflow:importorcid", {"INPUT": str(stays), "STAGES": "TEMPORARY_OUTPUT",
                                           "RECORDS": "TEMPORARY_OUTPUT"})  # fmt: skip
    assert (res["RECORDS_IN"], res["RECORDS_OUT"], res["STAGE_ROWS"]) == (1, 1, 3)
    stages = sorted(_rows(res["STAGES"]), key=lambda r: r["seq"])
    assert [r["stage"] for r in stages] == ["bachelor", "phd", "return"]
    bad = tmp_path / "nodates.csv"
    bad.write_text("person,place,country,start,end\nb,London,GB,,\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="No record of 'nodates.csv' gave a stage"):
        run_alg("backflow:importorcid", {"INPUT": str(bad), "STAGES": "TEMPORARY_OUTPUT"})


def test_import_then_web_export_pass_the_flowmap_check(run_alg, archive, tmp_path):
    from backflow_plugin.core.writing.web_export import check_flowmap_tables

    gpkg = str(tmp_path / "o.gpkg")
    out = {k: f"ogr:dbname='{gpkg}' table=\"{k.lower()}\" (geom)" for k in
           ("STAGES", "FLOWS", "CITIES")}  # fmt: skip
    run_alg("backflow:importorcid", {"INPUT": str(archive), **out})
    folder = tmp_path / "web"
    res = run_alg(
        "backflow:webexport",
        {
            "FLOWS": f"{gpkg}|layername=flows",
            "CITIES": f"{gpkg}|layername=cities",
            "STAGES": f"{gpkg}|layername=stages",
            "OUTPUT_FOLDER": str(folder),
        },
    )
    assert check_flowmap_tables(res["LOCATIONS_CSV"], res["FLOWS_CSV"]) == []
    assert check_flowmap_tables(res["LOCATIONS_CSV"], res["FLOWS_BY_YEAR_CSV"]) == []
    flows = _rows(_layer(gpkg, "flows"))
    assert res["MOVES"] == sum(f["count"] for f in flows)
    assert res["MOVES_WITHOUT_YEAR"] == 0
    header = (folder / "kepler.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("origin,dest,origin_name,dest_name,source_lat,source_lng,")


def test_chunks_of_records_give_the_layers_of_one_pass(run_alg, archive, tmp_path):
    def run(chunk: int) -> tuple[dict, str]:
        gpkg = str(tmp_path / f"c{chunk}.gpkg")
        out = {k: f"ogr:dbname='{gpkg}' table=\"{k.lower()}\" (geom)" for k in
               ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED", "RECORDS")}  # fmt: skip
        return run_alg(
            "backflow:importorcid", {"INPUT": str(archive), "CHUNK_RECORDS": chunk, **out}
        ), gpkg

    whole, a = run(0)
    chunked, b = run(2)
    for key in ("PERSONS", "STAGE_ROWS", "RESOLVED_ROWS", "UNRESOLVED_ROWS", "RECORDS_IN",
                "RECORDS_OUT"):  # fmt: skip
        assert whole[key] == chunked[key], key

    def table(gpkg, name, cols):
        return sorted(tuple(r[c] for c in cols) for r in _rows(_layer(gpkg, name)))

    for name, cols in (
        ("flows", ("origin_id", "dest_id", "flow_type", "count", "persons")),
        ("cities", ("city_id", "persons", "returnees", "inflow", "outflow")),
        ("stages", ("person_id", "seq", "stage", "city_id", "year")),
        ("routes", ("person_id", "returned", "return_city_id")),
        ("records", ("record_id", "status", "stages", "reason")),
    ):
        assert table(a, name, cols) == table(b, name, cols), name
    assert len(_rows(_layer(b, "records"))) == 6
    stages = _layer(b, "stages")
    assert stages.featureCount() == chunked["RESOLVED_ROWS"]
    assert all(not f.geometry().isEmpty() for f in stages.getFeatures())


def test_chunks_into_memory_layers(run_alg, archive):
    keys = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED", "RECORDS")
    out = dict.fromkeys(keys, "TEMPORARY_OUTPUT")
    whole = run_alg("backflow:importorcid", {"INPUT": str(archive), "CHUNK_RECORDS": 0, **out})
    chunked = run_alg("backflow:importorcid", {"INPUT": str(archive), "CHUNK_RECORDS": 2, **out})
    for key in keys:
        assert whole[key].featureCount() == chunked[key].featureCount(), key
    assert chunked["STAGES"].featureCount() == chunked["RESOLVED_ROWS"] == 20
    assert chunked["RECORDS"].featureCount() == 6
    flows = sorted(
        (f["origin_id"], f["dest_id"], f["count"]) for f in chunked["FLOWS"].getFeatures()
    )
    assert flows == sorted(
        (f["origin_id"], f["dest_id"], f["count"]) for f in whole["FLOWS"].getFeatures()
    )


def test_orcid_chunks_into_postgis_and_postgisflows_counts_them_there(run_alg, archive, postgis):
    from qgis.core import QgsVectorLayer

    postgis.sql("CREATE SCHEMA IF NOT EXISTS orcid")
    out = {
        "STAGES": postgis.destination("stages", "orcid"),
        "RECORDS": postgis.destination("records", "orcid", geometry=False),
        "UNRESOLVED": postgis.destination("unresolved", "orcid", geometry=False),
        "FLOWS": "TEMPORARY_OUTPUT",
    }
    res = run_alg("backflow:importorcid", {"INPUT": str(archive), "CHUNK_RECORDS": 2, **out})
    assert int(postgis.sql("SELECT count(*) FROM orcid.stages")) == res["RESOLVED_ROWS"] == 20
    assert int(postgis.sql("SELECT count(*) FROM orcid.records")) == 6
    assert postgis.sql("SELECT reason FROM orcid.unresolved") == "unknown country"
    assert postgis.sql("SELECT count(*) FROM orcid.stages WHERE stage_text = '教授'") == "1"
    stages = QgsVectorLayer(postgis.uri("stages", "orcid", "geom"), "stages", "postgres")
    assert stages.isValid()
    sql = run_alg(
        "backflow:postgisflows",
        {"INPUT": stages, "PERSON_FIELD": "person_id", "SEQ_FIELD": "seq", "CITY_FIELD": "city",
         "COUNTRY_FIELD": "country", "FLOWS": "TEMPORARY_OUTPUT", "CITIES": "TEMPORARY_OUTPUT"},
    )  # fmt: skip

    def pairs(layer):
        total: dict = {}
        for f in layer.getFeatures():
            key = (f["origin"], f["dest"])
            total[key] = total.get(key, 0) + f["count"]
        return total

    assert pairs(sql["FLOWS"]) == pairs(res["FLOWS"])
    # 3 + 6 + 1 (XX left unresolved) + 1 + 2 moves of the five persons in
    assert sum(pairs(res["FLOWS"]).values()) == 13
