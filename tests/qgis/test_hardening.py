"""Issue 15: bad tables end as a clear message or a correct result, through processing.run."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from tests.conftest import DATA

ALG = "backflow:importtrajectories"
SINKS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")


def _layer(value, key="l") -> QgsVectorLayer:
    return value if isinstance(value, QgsVectorLayer) else QgsVectorLayer(str(value), key, "ogr")


def _rows(lyr) -> list[dict]:
    names = lyr.fields().names()
    return [dict(zip(names, f.attributes())) for f in lyr.getFeatures()]


def _long_with(tmp_path, extra_col: str, value: str = "x") -> Path:
    lines = (DATA / "long_small.csv").read_text(encoding="utf-8").splitlines()
    out = [lines[0] + "," + extra_col] + [ln + "," + value for ln in lines[1:] if ln.strip()]
    path = tmp_path / "with_extra.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".gpkg", ".shp", ".csv", ".fgb", "memory"])
def test_reserved_column_names_every_format(run_alg, tmp_path, suffix):
    src = _long_with(tmp_path, "geom", "=HYPERLINK(1)")
    out = {}
    for key in SINKS:
        out[key] = "TEMPORARY_OUTPUT" if suffix == "memory" else str(tmp_path / f"{key}{suffix}")
    if suffix in (".shp", ".fgb"):  # a geometry-less table: GeoPackage for those formats
        out["UNRESOLVED"] = str(tmp_path / "UNRESOLVED.gpkg")
    feedback = QgsProcessingFeedback()
    result = run_alg(ALG, {"INPUT": str(src), **out}, feedback)
    stages = _layer(result["STAGES"])
    assert stages.isValid()
    assert stages.featureCount() == result["RESOLVED_ROWS"] == 18
    names = [n.lower() for n in stages.fields().names()]
    assert "geom_attr" in names
    values = {r[stages.fields().names()[names.index("geom_attr")]] for r in _rows(stages)}
    if suffix == ".csv":
        assert values == {"'=HYPERLINK(1)"}  # formula made plain text
        raw = Path(out["STAGES"]).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
    else:
        assert values == {"=HYPERLINK(1)"}
    assert _layer(result["UNRESOLVED"]).featureCount() == 3


def test_gpkg_input_to_gpkg_output_keeps_fid_apart(run_alg, tmp_path):
    import processing

    gpkg_in = tmp_path / "in.gpkg"
    src = QgsVectorLayer(f"file://{DATA / 'long_small.csv'}?delimiter=,", "src", "delimitedtext")
    assert src.isValid()
    processing.run("native:savefeatures", {"INPUT": src, "OUTPUT": str(gpkg_in)})
    result = run_alg(
        ALG,
        {
            "INPUT": str(gpkg_in),
            "STAGES": str(tmp_path / "out.gpkg"),
            "UNRESOLVED": "TEMPORARY_OUTPUT",
        },
    )
    stages = _layer(result["STAGES"])
    assert stages.featureCount() == 18
    assert "fid_attr" in stages.fields().names()


def test_duplicate_trimmed_headers_are_renamed_and_said(run_alg, tmp_path):
    src = tmp_path / "dup.csv"
    src.write_text(
        "person_id,stage,city,city \n1,birth,Wuhan,x\n1,phd,Boston,y\n1,return,Beijing,z\n",
        encoding="utf-8",
    )
    feedback = _Recorder()
    result = run_alg(ALG, {"INPUT": str(src), "STAGES": "TEMPORARY_OUTPUT"}, feedback)
    assert result["RESOLVED_ROWS"] == 3
    assert any("column 4 is read as 'city_2'" in w for w in feedback.warnings)
    assert "city_2" in _layer(result["STAGES"]).fields().names()


def test_trailing_delimiter_is_said_and_columns_stay(run_alg, tmp_path):
    src = tmp_path / "trail.csv"
    src.write_text(
        "person_id,stage,city\n1,birth,Wuhan,\n1,phd,Boston,\n1,return,Beijing,\n",
        encoding="utf-8",
    )
    feedback = _Recorder()
    result = run_alg(ALG, {"INPUT": str(src), "STAGES": "TEMPORARY_OUTPUT"}, feedback)
    assert result["RESOLVED_ROWS"] == 3
    cities = sorted(r["city"] for r in _rows(_layer(result["STAGES"])))
    assert cities == ["Beijing", "Boston", "Wuhan"]
    assert any("3 data row(s) end with a ','" in w for w in feedback.warnings)


def test_nul_bytes_are_a_clear_error(run_alg, tmp_path):
    src = tmp_path / "nul.csv"
    src.write_bytes(b"person_id,stage,city\n1,birth,Wu\x00han\n")
    with pytest.raises(QgsProcessingException, match=r"NUL bytes.*line 2.*nul\.csv"):
        run_alg(ALG, {"INPUT": str(src), "STAGES": "TEMPORARY_OUTPUT"})


class _Recorder(QgsProcessingFeedback):
    def __init__(self, cancel_after: int | None = None):
        super().__init__()
        self.warnings: list[str] = []
        self.calls = 0
        self.cancel_after = cancel_after

    def pushWarning(self, text):  # noqa: N802
        self.warnings.append(text)
        super().pushWarning(text)

    def setProgress(self, value):  # noqa: N802
        self.calls += 1
        if self.cancel_after is not None and self.calls >= self.cancel_after:
            self.cancel()
        super().setProgress(value)


def test_cancel_while_writing_removes_partial_files(run_alg, tmp_path):
    # 6,000 one-stage persons: the writer checks the cancel every 2,000 features.
    src = tmp_path / "big.csv"
    with open(src, "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["person_id", "stage", "city"])
        for i in range(6000):
            w.writerow([f"p{i}", "birth", "Wuhan" if i % 2 else "Beijing"])
    feedback = _Recorder()
    outputs = {k: str(tmp_path / f"{k}.gpkg") for k in SINKS}
    stages_file = Path(outputs["STAGES"])
    # Cancel once the first output file exists, i.e. in the writing phase.
    feedback.progressChanged.connect(lambda _: stages_file.exists() and feedback.cancel())
    with pytest.raises(QgsProcessingException, match="Cancelled while writing"):
        run_alg(ALG, {"INPUT": str(src), **outputs}, feedback)
    assert [p for p in outputs.values() if Path(p).exists()] == []
    assert list(tmp_path.glob("*.gpkg*")) == []
