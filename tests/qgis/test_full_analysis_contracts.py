"""fullanalysis and the import as contracts: optional outputs, STAGE_MAPPING in memory."""

from __future__ import annotations

import pandas as pd
import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterDefinition,
    QgsVectorLayer,
)

from tests.conftest import DATA

FULL = "backflow:fullanalysis"
IMPORT = "backflow:importtrajectories"
LONG = str(DATA / "long_small.csv")
LAYERS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED", "NETWORK", "PATTERN_ROUTES",
          "PATTERN_FLOWS", "PATTERN_SHARES", "REGION_STATS", "REGION_FLOWS", "REGION_MATRIX",
          "REGION_UNMATCHED")  # fmt: skip


class Recorder(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos: list[str] = []
        self.warnings: list[str] = []

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)

    def pushWarning(self, warning):  # noqa: N802
        self.warnings.append(warning)


def stage_rows(value) -> dict[tuple[str, int], str]:
    layer = value if isinstance(value, QgsVectorLayer) else QgsVectorLayer(str(value), "s", "ogr")
    return {(f["person_id"], f["seq"]): f["stage"] for f in layer.getFeatures()}


# ---------------------------------------------------------------- optional outputs


def test_every_layer_output_of_fullanalysis_is_optional(plugin):
    alg = QgsApplication.processingRegistry().algorithmById(FULL)
    required = [
        d.name()
        for d in alg.destinationParameterDefinitions()
        if not d.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional
    ]
    assert required == []
    assert set(LAYERS) <= {d.name() for d in alg.destinationParameterDefinitions()}


def test_fullanalysis_without_any_output_runs(run_alg):
    # processing.run("backflow:fullanalysis", {"INPUT": ...}) failed with
    # "Incorrect parameter value for Stages" before every output was optional.
    res = run_alg(FULL, {"INPUT": LONG})
    assert (res["PERSONS"], res["STAGE_ROWS"], res["RESOLVED_ROWS"]) == (5, 21, 18)
    assert (res["CIRCLE"], res["LINEAR"], res["NO_PATTERN"]) == (2, 1, 2)
    assert res["TIER1"] + res["TIER2"] + res["TIER3"] >= 1  # the network ran on temporary layers
    # the layers later steps need are made as temporary ones (and returned); no others
    assert set(res) & set(LAYERS) == {"STAGES", "FLOWS", "CITIES", "NETWORK", "PATTERN_ROUTES"}
    assert res["STAGES"].featureCount() == res["RESOLVED_ROWS"]


def test_a_skipped_layer_nobody_needs_is_not_made(run_alg):
    res = run_alg(FULL, {"INPUT": LONG, "PATTERN_SHARES": "TEMPORARY_OUTPUT"})
    assert not {"ROUTES", "UNRESOLVED", "PATTERN_FLOWS"} & set(res)
    shares = res["PATTERN_SHARES"]
    layer = shares if isinstance(shares, QgsVectorLayer) else QgsVectorLayer(shares, "s", "ogr")
    assert layer.featureCount() > 0


def test_fullanalysis_file_input_without_stages_output(run_alg, tmp_path):
    # a text file is read by the import itself: the own check must accept no STAGES too
    copy = tmp_path / "table.tsv"
    text = (DATA / "long_small.csv").read_text(encoding="utf-8")
    copy.write_text(text.replace(",", "\t"), encoding="gb18030")
    res = run_alg(FULL, {"INPUT": str(copy), "NETWORK": "TEMPORARY_OUTPUT"})
    assert res["PERSONS"] == 5 and res["STAGES"].featureCount() == 18  # a temporary layer
    assert "tier" in res["NETWORK"].fields().names()


# ---------------------------------------------------------------- STAGE_MAPPING


def test_import_relabels_stages_in_memory(run_alg):
    feedback = Recorder()
    res = run_alg(
        IMPORT,
        {"INPUT": LONG, "STAGES": "TEMPORARY_OUTPUT", "STAGE_MAPPING": "博士=postdoc; later=work"},
        feedback=feedback,
    )
    stages = stage_rows(res["STAGES"])
    assert stages[("P2", 3)] == "postdoc"  # 博士 in the table
    assert stages[("P3", 5)] == "work"  # later in the table
    assert stages[("P1", 3)] == "phd"  # other labels untouched
    assert (res["PERSONS"], res["STAGE_ROWS"], res["RESOLVED_ROWS"]) == (5, 21, 18)
    assert any("Stage labels corrected in 2 rows" in m for m in feedback.infos), feedback.infos


def test_import_refuses_a_bad_stage_mapping(run_alg):
    with pytest.raises(
        QgsProcessingException, match=r"'doctorate-ish' \(for '博士'\) is not a stage"
    ):
        run_alg(
            IMPORT,
            {"INPUT": LONG, "STAGES": "TEMPORARY_OUTPUT", "STAGE_MAPPING": "博士=doctorate-ish"},
        )
    with pytest.raises(QgsProcessingException, match="'phd' is not label=stage"):
        run_alg(IMPORT, {"INPUT": LONG, "STAGES": "TEMPORARY_OUTPUT", "STAGE_MAPPING": "phd"})


def test_stage_mapping_needs_a_stage_column(run_alg, tmp_path):
    table = tmp_path / "no_stage.csv"
    table.write_text("person_id,seq,city\nA,1,Wuhan\nA,2,Boston\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="need a stage column; columns: person_id"):
        run_alg(
            IMPORT,
            {"INPUT": str(table), "STAGES": "TEMPORARY_OUTPUT", "STAGE_MAPPING": "x=phd"},
        )


def test_stage_mapping_is_ignored_for_a_wide_table(run_alg):
    params = {
        "INPUT": str(DATA / "wide_small.csv"),
        "LAYOUT": 1,
        "PERSON_FIELD": "id",
        "WIDE_MAPPING": "birth=bornCity,bornCountryCode; work=city,country",
        "HOME_COUNTRY": "birth",
        "STAGES": "TEMPORARY_OUTPUT",
    }
    feedback = Recorder()
    fixed = run_alg(IMPORT, {**params, "STAGE_MAPPING": "birth=work"}, feedback=feedback)
    base = run_alg(IMPORT, params)
    assert any("long tables only" in w for w in feedback.warnings), feedback.warnings
    assert stage_rows(fixed["STAGES"]) == stage_rows(base["STAGES"])


def test_fullanalysis_passes_stage_mapping_without_a_copy(run_alg, monkeypatch):
    # The relabelling happens inside the import: no table is written anywhere.
    def no_copy(*_args, **_kwargs):
        raise AssertionError("a copy of the table was written")

    monkeypatch.setattr(pd.DataFrame, "to_csv", no_copy)
    feedback = Recorder()
    res = run_alg(
        FULL,
        {"INPUT": LONG, "STAGES": "TEMPORARY_OUTPUT", "STAGE_MAPPING": "博士=postdoc"},
        feedback=feedback,
    )
    assert stage_rows(res["STAGES"])[("P2", 3)] == "postdoc"
    assert any("Stage labels corrected in 1 rows" in m for m in feedback.infos)
    assert any("Read long_small.csv" in m for m in feedback.infos)  # the user's file itself


# ---------------------------------------------------------------- the report gets the tiers as data


def test_report_gets_the_measure_the_tiers_were_cut_on(run_alg, tmp_path):
    chosen = tmp_path / "betweenness.html"
    run_alg(
        FULL,
        {"INPUT": LONG, "METHOD": 2, "MEASURE": 4, "MAKE_REPORT": True,
         "REPORT_OUTPUT": str(chosen), "MIN_PERSONS": 1},
    )  # fmt: skip
    html = chosen.read_text(encoding="utf-8")
    assert "TIER_MEASURE</th><td><code>betweenness<" in html  # the reproducibility record
    assert "TIER_METHOD</th><td><code>head_tail<" in html
    default = tmp_path / "default.html"
    sample = DATA.parent.parent / "resources" / "sample" / "returnees_synthetic.csv"
    run_alg(FULL, {"INPUT": str(sample), "MAKE_REPORT": True, "REPORT_OUTPUT": str(default)})
    # the hybrid rule on degree (the defaults) stays in Table 4's break column
    html = default.read_text(encoding="utf-8")
    assert "(top natural-breaks class)" in html
    assert "TIER_METHOD</th><td><code>hybrid<" in html
