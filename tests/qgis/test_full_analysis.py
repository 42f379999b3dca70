"""backflow:fullanalysis: the chain import -> city network -> route patterns -> report / map."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

from tests.conftest import DATA

ALG_ID = "backflow:fullanalysis"
LONG = str(DATA / "long_small.csv")
LAYERS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED", "NETWORK",
          "PATTERN_ROUTES", "PATTERN_FLOWS", "PATTERN_SHARES")  # fmt: skip


def layer_of(value) -> QgsVectorLayer:
    if isinstance(value, QgsVectorLayer):
        return value
    layer = QgsVectorLayer(str(value), "out", "ogr")
    assert layer.isValid(), value
    return layer


def rows(layer) -> list[dict]:
    names = layer.fields().names()
    out = []
    for f in layer.getFeatures():
        out.append(
            {
                n: (None if v is None or (hasattr(v, "isNull") and v.isNull()) else v)
                for n, v in zip(names, f.attributes())
            }
        )
    return out


class Cancelling(QgsProcessingFeedback):
    """Cancels as soon as the second step (after the import) starts."""

    def __init__(self):
        super().__init__()
        self.messages: list[str] = []

    def pushInfo(self, info):  # noqa: N802
        self.messages.append(info)
        if "Route patterns" in info or "City network" in info:
            self.cancel()

    def pushWarning(self, warning):  # noqa: N802
        self.messages.append(warning)
        if "City network" in warning:
            self.cancel()


def test_registered(plugin):
    alg = QgsApplication.processingRegistry().algorithmById(ALG_ID)
    assert alg is not None
    names = {d.name() for d in alg.parameterDefinitions()}
    # the import's parameters, with the same names
    for name in (
        "INPUT",
        "LAYOUT",
        "PERSON_FIELD",
        "ORDER_FIELD",
        "STAGE_FIELD",
        "CITY_FIELD",
        "COUNTRY_FIELD",
        "ORG_FIELD",
        "YEAR_FIELD",
        "WIDE_MAPPING",
        "HOME_COUNTRY",
        "GEOMETRY",
        "GAZETTEER",
        "ENCODING",
    ):
        assert name in names
    assert {
        "METHOD",
        "MEASURE",
        "LEVEL",
        "MAKE_MAP",
        "MAP_OUTPUT",
        "MAKE_REPORT",
        "REPORT_OUTPUT",
    } <= names
    assert set(LAYERS) <= {d.name() for d in alg.destinationParameterDefinitions()}


def test_full_run_temporary(run_alg):
    params = {"INPUT": LONG, **{k: "TEMPORARY_OUTPUT" for k in LAYERS}}
    res = run_alg(ALG_ID, params)
    assert res["PERSONS"] == 5
    assert res["STAGE_ROWS"] == 21
    assert res["RESOLVED_ROWS"] + res["UNRESOLVED_ROWS"] == res["STAGE_ROWS"]
    assert (res["CIRCLE"], res["LINEAR"], res["NO_PATTERN"]) == (2, 1, 2)
    assert res["CIRCLE_SHARE"] == pytest.approx(2 / 3)
    stages = layer_of(res["STAGES"])
    assert stages.featureCount() == res["RESOLVED_ROWS"]
    routes = {r["person_id"]: r for r in rows(layer_of(res["PATTERN_ROUTES"]))}
    assert routes["P1"]["pattern"] == "circle"  # back to Chengdu, where P1 studied
    assert routes["P4"]["pattern"] is None  # never went abroad
    flows = rows(layer_of(res["PATTERN_FLOWS"]))
    assert flows and all("circle" in f and "linear" in f for f in flows)
    assert layer_of(res["UNRESOLVED"]).featureCount() == res["UNRESOLVED_ROWS"]
    network = layer_of(res["NETWORK"])
    assert "tier" in network.fields().names()
    assert sum(res[f"TIER{i}"] for i in (1, 2, 3)) >= 1


def test_full_run_to_files(run_alg, tmp_path):
    params = {"INPUT": LONG}
    for key in ("STAGES", "CITIES", "FLOWS", "PATTERN_ROUTES"):
        params[key] = str(tmp_path / f"{key.lower()}.gpkg")
    res = run_alg(ALG_ID, params)
    for key in ("STAGES", "CITIES", "FLOWS", "PATTERN_ROUTES"):
        assert str(res[key]).startswith(str(tmp_path)), key
        assert layer_of(res[key]).featureCount() > 0
    assert layer_of(res["CITIES"]).featureCount() == 12
    assert "ROUTES" not in res  # skipped outputs stay skipped


def test_stage_corrections_change_the_stages(run_alg):
    base = run_alg(ALG_ID, {"INPUT": LONG, "STAGES": "TEMPORARY_OUTPUT"})
    fixed = run_alg(
        ALG_ID,
        {"INPUT": LONG, "STAGES": "TEMPORARY_OUTPUT", "STAGE_MAPPING": "博士=postdoc; later=work"},
    )

    def stage_of(res, person, seq):
        return next(
            r["stage"]
            for r in rows(layer_of(res["STAGES"]))
            if r["person_id"] == person and r["seq"] == seq
        )

    assert stage_of(base, "P2", 3) == "phd"
    assert stage_of(fixed, "P2", 3) == "postdoc"
    assert stage_of(fixed, "P3", 5) == "work"
    assert fixed["PERSONS"] == base["PERSONS"] == 5


def test_bad_stage_correction_is_refused(run_alg):
    with pytest.raises(QgsProcessingException, match="not a stage"):
        run_alg(
            ALG_ID,
            {"INPUT": LONG, "STAGES": "TEMPORARY_OUTPUT", "STAGE_MAPPING": "博士=doctorate-ish"},
        )


def test_bad_input_names_the_file(run_alg, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="empty"):
        run_alg(ALG_ID, {"INPUT": str(empty), "STAGES": "TEMPORARY_OUTPUT"})


def test_cancel_stops_after_the_import(run_alg):
    feedback = Cancelling()
    res = run_alg(
        ALG_ID,
        {"INPUT": LONG, "STAGES": "TEMPORARY_OUTPUT", "PATTERN_ROUTES": "TEMPORARY_OUTPUT"},
        feedback=feedback,
    )
    assert feedback.isCanceled()
    assert "PATTERN_ROUTES" not in res


def test_steps_pick_child_options_by_index(run_alg):
    """METHOD / MEASURE reach citynetwork by index (a translated label never matters)."""
    messages: list[str] = []

    class Recorder(QgsProcessingFeedback):
        def pushInfo(self, info):  # noqa: N802
            messages.append(info)

    res = run_alg(
        ALG_ID,
        {"INPUT": LONG, "METHOD": 2, "MEASURE": 4, "NETWORK": "TEMPORARY_OUTPUT"},
        feedback=Recorder(),
    )
    assert any("Tiers by head_tail on betweenness" in m for m in messages), messages
    assert (res["TIER_METHOD"], res["MEASURE"]) == ("head_tail", "betweenness")
    assert isinstance(res["BREAKS"], str)  # citynetwork's breaks, passed on as given
    network = rows(layer_of(res["NETWORK"]))
    counts = [sum(r["tier"] == t for r in network) for t in (1, 2, 3)]
    assert [res["TIER1"], res["TIER2"], res["TIER3"]] == counts  # citynetwork's own counts


def test_parse_stage_mapping():
    from backflow_plugin.core.tables.stage_labels import parse_stage_mapping

    assert parse_stage_mapping("Dr.=phd; 回国工作 = return\nx=") == {
        "Dr.": "phd",
        "回国工作": "return",
        "x": "",
    }
    assert parse_stage_mapping("") == {}
    with pytest.raises(ValueError):
        parse_stage_mapping("phd")
    with pytest.raises(ValueError):
        parse_stage_mapping("a=b")


MODEL_FILE = DATA.parent.parent / "resources" / "models" / "backflow_full.model3"


def test_model_file_loads_and_runs(run_alg):
    from qgis.core import QgsProcessingModelAlgorithm

    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL_FILE))
    ok, errors = model.validate()
    assert ok, errors
    assert {"import", "patterns"} <= set(model.childAlgorithms())
    model_id = "backflow:" + model.name()
    # the provider ships it: it is in the toolbox
    listed = QgsApplication.processingRegistry().algorithmById(model_id)
    assert listed is not None
    params = {"INPUT": LONG, "HOME_COUNTRY": "CN", "LEVEL": 0}
    for d in listed.destinationParameterDefinitions():
        params[d.name()] = "TEMPORARY_OUTPUT"
    assert "patterns:Routes by pattern" in params
    res = run_alg(model_id, params)
    assert layer_of(res["import:Stages"]).featureCount() == 18
    routes = rows(layer_of(res["patterns:Routes by pattern"]))
    assert sorted(r["pattern"] or "" for r in routes) == ["", "", "circle", "circle", "linear"]
    if "network" in model.childAlgorithms():
        assert "tier" in layer_of(res["network:City network"]).fields().names()


def test_report_and_map_files(run_alg, tmp_path):
    report, pdf = tmp_path / "report.html", tmp_path / "map.pdf"
    res = run_alg(
        ALG_ID,
        {
            "INPUT": LONG,
            "STAGES": "TEMPORARY_OUTPUT",
            "MAKE_REPORT": True,
            "REPORT_OUTPUT": str(report),
            "MAKE_MAP": True,
            "MAP_OUTPUT": str(pdf),
        },
    )
    assert res["REPORT_OUTPUT"] == str(report) and report.stat().st_size > 1000
    assert "<html" in report.read_text(encoding="utf-8").lower()
    assert res["MAP_OUTPUT"] == str(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
