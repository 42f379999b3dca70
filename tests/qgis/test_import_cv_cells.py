"""A CV table (English headers, GBK) through backflow:importtrajectories with the
documented WIDE_MAPPING: organisations and "country + city" cells resolve, and the
numeric outputs and the log count how each row was placed."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingFeedback, QgsVectorLayer

IMPORT = "backflow:importtrajectories"
CV = Path(__file__).resolve().parents[1] / "data" / "cv" / "cv_returnees_en_gbk.csv"
MAPPING = (
    "birth=Birthplace; bachelor=Bachelor; master=Master; phd=PhD; postdoc=Postdoc; "
    "return=Returned to,,,Return year"
)
OUTS = {k: "TEMPORARY_OUTPUT" for k in ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")}


class Recording(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos: list[str] = []

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)
        super().pushInfo(info)


def layer(value) -> QgsVectorLayer:
    return value if isinstance(value, QgsVectorLayer) else QgsVectorLayer(str(value), "x", "ogr")


def test_cv_table_places_organisations_and_compound_cells(run_alg):
    feedback = Recording()
    params = {
        "INPUT": str(CV),
        "LAYOUT": 1,
        "WIDE_MAPPING": MAPPING,
        "PERSON_FIELD": "Name",
        **OUTS,
    }
    result = run_alg(IMPORT, params, feedback)
    assert (result["PERSONS"], result["STAGE_ROWS"], result["UNRESOLVED_ROWS"]) == (20, 115, 0)
    assert result["ORG_GAZETTEER_ROWS"] == 80
    # "Zhuji County, Zhejiang" is read by the historic-county table (a city since 1989)
    assert result["COMPOUND_PLACE_ROWS"] == 2
    assert result["HISTORIC_ROWS"] == 1
    assert result["ORG_CITY_RULE_ROWS"] == 2
    stages = {(f["person_id"], f["stage"]): f for f in layer(result["STAGES"]).getFeatures()}
    zhao = stages[("Zhao Lei", "return")]
    assert (zhao["city"], zhao["flags"]) == ("Shaoxing", "org_city_rule")
    liu = stages[("Liu Jie", "phd")]
    assert (liu["city_input"], liu["city"], liu["country"]) == ("Boston USA", "Boston", "US")
    routes = {f["person_id"]: f for f in layer(result["ROUTES"]).getFeatures()}
    assert sum(1 for f in routes.values() if f["return_city"]) == 20
    assert routes["Ma Li"]["return_city"] == "Changsha"
    log = " ".join(feedback.infos)
    assert "organisations 80" in log and "country or province in the cell 2" in log
