"""Issue 10 (10b) through processing.run: LEVEL, PROVINCE_FIELD, USER_ALIASES,
ORG_GAZETTEER, ACCEPT_CONFLICTS, flags in STAGES and their counts."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from backflow_plugin.core.places.gazetteer import Gazetteer
from tests.core.mini_gazetteer import gazetteer as mini_gazetteer

IMPORT = "backflow:importtrajectories"
FULL = "backflow:fullanalysis"
OUTS = {k: "TEMPORARY_OUTPUT" for k in ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")}
TABLE = """person,stage,city,country,org,省份
P1,birth,吴中区,,,江苏
P1,phd,,,University of Chicago,
P1,return,苏州,,,
P2,birth,Wuzhong,,,
P2,bachelor,Nanking,,,
P2,postdoc,Bostn,US,,
P2,return,姑苏区,,,
P3,birth,不详,,,
P3,phd,,,Bell Labs,
P3,return,Nanjing,,,
"""


class Recording(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos: list[str] = []

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)
        super().pushInfo(info)


@pytest.fixture
def mini(monkeypatch):
    """The import's bundled gazetteer replaced by the hand-made one with levels."""
    gaz = mini_gazetteer()
    monkeypatch.setattr(Gazetteer, "bundled", classmethod(lambda cls, **_: gaz))
    return gaz


@pytest.fixture
def files(tmp_path):
    table = tmp_path / "trajectories.csv"
    table.write_text(TABLE, encoding="utf-8")
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("value,place,country\nBostn,Boston,US\n", encoding="utf-8")
    orgs = tmp_path / "orgs.csv"
    orgs.write_text("organisation,city,country\nBell Labs,Boston,US\n", encoding="utf-8")
    return table, aliases, orgs


def layer(value) -> QgsVectorLayer:
    return value if isinstance(value, QgsVectorLayer) else QgsVectorLayer(str(value), "x", "ogr")


def rows(value) -> list[dict]:
    lyr = layer(value)
    names = lyr.fields().names()
    return [dict(zip(names, f.attributes())) for f in lyr.getFeatures()]


def test_parameters_and_outputs(plugin):
    alg = QgsApplication.processingRegistry().algorithmById(IMPORT)
    names = {d.name() for d in alg.parameterDefinitions()}
    assert {"LEVEL", "PROVINCE_FIELD", "USER_ALIASES", "ORG_GAZETTEER", "ACCEPT_CONFLICTS"} <= names
    outputs = {o.name() for o in alg.outputDefinitions()}
    assert {"HISTORIC_ROWS", "FROM_ORG_ROWS", "COUNTRY_CONFLICT_ROWS", "USER_ALIAS_ROWS",
            "PROVINCE_ROWS", "SMALL_PLACE_ROWS"} <= outputs  # fmt: skip
    full = QgsApplication.processingRegistry().algorithmById(FULL)
    full_names = {d.name() for d in full.parameterDefinitions()}
    assert {"PLACE_LEVEL", "LEVEL", "USER_ALIASES", "ORG_GAZETTEER"} <= full_names
    assert full.parameterDefinition("PLACE_LEVEL").options()[1] == "County / district"
    assert full.parameterDefinition("LEVEL").options()[1] == "Province (came back near home)"
    assert "FROM_ORG_ROWS" in {o.name() for o in full.outputDefinitions()}


def test_import_with_aliases_orgs_and_levels(run_alg, mini, files):
    table, aliases, orgs = files
    feedback = Recording()
    params = {"INPUT": str(table), "USER_ALIASES": str(aliases), "ORG_GAZETTEER": str(orgs), **OUTS}
    result = run_alg(IMPORT, params, feedback)
    assert (result["STAGE_ROWS"], result["RESOLVED_ROWS"], result["UNRESOLVED_ROWS"]) == (10, 9, 1)
    assert (result["FROM_ORG_ROWS"], result["USER_ALIAS_ROWS"], result["HISTORIC_ROWS"]) == (
        2,
        1,
        0,
    )
    stages = {(r["person_id"], r["seq"]): r for r in rows(result["STAGES"])}
    p1 = [stages[("P1", i)] for i in (1, 2, 3)]
    assert [r["city_id"] for r in p1] == ["CN320500", "US2", "CN320500"]
    assert [r["place_id"] for r in p1] == ["CN320506", "US2", "CN320500"]
    assert [r["county_id"] for r in p1] == ["CN320506", "US2", "CN320500"]
    assert [r["flags"] for r in p1] == ["", "from_org", ""]
    assert stages[("P2", 3)]["flags"] == "user_alias" and stages[("P2", 3)]["city_id"] == "US1"
    assert stages[("P3", 2)]["city_id"] == "US1" and stages[("P3", 2)]["org"] == "Bell Labs"
    unresolved = rows(result["UNRESOLVED"])
    assert [(r["source_row"], r["value"], r["reason"]) for r in unresolved] == [
        (8, "不详", "no place given")
    ]
    cities = {r["city_id"] for r in rows(result["CITIES"])}
    assert cities == {"CN320500", "CN320100", "US1", "US2"}
    summary = next(i for i in feedback.infos if i.startswith("Analysis level"))
    assert "prefecture" in summary and "city from the organisation 2" in summary
    assert "place aliases 1" in summary

    county = run_alg(IMPORT, {**params, "LEVEL": 1})
    cities = {r["city_id"] for r in rows(county["CITIES"])}
    assert cities == {"CN320500", "CN320506", "CN320508", "CN320100", "US1", "US2"}
    assert county["RESOLVED_ROWS"] == 9


def test_bad_alias_file_is_a_clear_error(run_alg, mini, files, tmp_path):
    table, _aliases, _orgs = files
    bad = tmp_path / "bad_aliases.csv"
    bad.write_text("value,place\nBostn,\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match=r"bad_aliases.csv.*row 1.*Bostn"):
        run_alg(IMPORT, {"INPUT": str(table), "USER_ALIASES": str(bad), **OUTS})


def test_full_analysis_place_level_changes_the_patterns(run_alg, mini, files):
    table, aliases, orgs = files
    base = {"INPUT": str(table), "USER_ALIASES": str(aliases), "ORG_GAZETTEER": str(orgs),
            "STAGES": "TEMPORARY_OUTPUT"}  # fmt: skip
    prefecture = run_alg(FULL, base)
    county = run_alg(FULL, {**base, "PLACE_LEVEL": 1})
    # P1 born in Wuzhong returns to Suzhou, P2 born in Wuzhong returns to Gusu:
    # both circle at prefecture level, linear at county level; P3 (no birthplace) linear
    assert (prefecture["CIRCLE"], prefecture["LINEAR"]) == (2, 1)
    assert (county["CIRCLE"], county["LINEAR"]) == (0, 3)
    assert prefecture["FROM_ORG_ROWS"] == county["FROM_ORG_ROWS"] == 2
    assert prefecture["USER_ALIAS_ROWS"] == 1
