"""Issue 15: a failed, cancelled or odd run never passes for success, and leaves no debris."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsProcessingUtils

from tests.conftest import DATA

FULL = "backflow:fullanalysis"
LONG = str(DATA / "long_small.csv")


class Recorder(QgsProcessingFeedback):
    def __init__(self, cancel_on: str | None = None):
        super().__init__()
        self.infos: list[str] = []
        self.warnings: list[str] = []
        self.cancel_on = cancel_on

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)
        if self.cancel_on and self.cancel_on in info:
            self.cancel()

    def pushWarning(self, warning):  # noqa: N802
        self.warnings.append(warning)


def _with_column(tmp_path, name: str, value: str) -> str:
    lines = Path(LONG).read_text(encoding="utf-8").splitlines()
    out = [lines[0] + "," + name] + [ln + "," + value for ln in lines[1:] if ln.strip()]
    path = tmp_path / "long_unit.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return str(path)


def test_failed_report_fails_the_run_and_leaves_no_file(run_alg, tmp_path):
    target = tmp_path / "missing" / "deeper" / "report.html"
    stages = tmp_path / "stages.gpkg"
    with pytest.raises(
        QgsProcessingException, match=r"Failed step\(s\): 'Report.*not in an existing folder"
    ):
        run_alg(
            FULL,
            {
                "INPUT": LONG,
                "STAGES": str(stages),
                "MAKE_REPORT": True,
                "REPORT_OUTPUT": str(target),
            },
        )
    assert not (tmp_path / "missing").exists()  # no folder created for it either
    assert stages.exists()  # the complete layers made before stay, and are named


def test_report_with_a_unit_type_named_total(run_alg, tmp_path):
    report = tmp_path / "report.html"
    res = run_alg(
        FULL,
        {
            "INPUT": _with_column(tmp_path, "unit_type", "total"),
            "STAGES": "TEMPORARY_OUTPUT",
            "MAKE_REPORT": True,
            "REPORT_OUTPUT": str(report),
        },
    )
    assert res["REPORT_OUTPUT"] == str(report)
    html = report.read_text(encoding="utf-8")
    assert "total (unit_type)" in html
    assert res["STAGE_ROWS"] == 21


def test_cancelled_full_run_removes_its_files(run_alg, tmp_path):
    outs = {k: str(tmp_path / f"{k}.gpkg") for k in ("STAGES", "FLOWS", "CITIES", "UNRESOLVED")}
    before = tmp_path / "ROUTES.gpkg"
    before.write_bytes(b"not ours")  # a file that was there before is never removed
    outs["ROUTES"] = str(before)
    feedback = Recorder(cancel_on="City network")
    res = run_alg(FULL, {"INPUT": LONG, **outs}, feedback)
    assert feedback.isCanceled() and res == {}
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["ROUTES.gpkg"]
    assert any("Removed the partial outputs" in m for m in feedback.infos)


def test_relabelled_copy_is_in_its_own_folder_and_removed(run_alg):
    temp = Path(QgsProcessingUtils.tempFolder())
    res = run_alg(
        FULL, {"INPUT": LONG, "STAGES": "TEMPORARY_OUTPUT", "STAGE_MAPPING": "出生地=birth"}
    )
    assert res["STAGE_ROWS"] == 21
    assert list(temp.glob("backflow_relabelled*")) == []


def test_publication_map_never_renames_silently(run_alg, tmp_path):
    import processing

    gpkg = tmp_path / "small.gpkg"
    params = {"INPUT": LONG}
    for key in ("FLOWS", "CITIES"):
        params[key] = f"ogr:dbname='{gpkg}' table=\"{key.lower()}\" (geom)"
    processing.run("backflow:importtrajectories", {**params, "STAGES": "TEMPORARY_OUTPUT"})
    base = {
        "CITIES": f"{gpkg}|layername=cities",
        "FLOWS": f"{gpkg}|layername=flows",
        "DPI": 96,
        "MIN_COUNT": 1,
    }
    with pytest.raises(QgsProcessingException, match=r"suffix \.tif; accepted"):
        run_alg("backflow:publicationmap", {**base, "OUTPUT": str(tmp_path / "map.tif")})
    assert not (tmp_path / "map.pdf").exists()
    feedback = Recorder()
    res = run_alg("backflow:publicationmap", {**base, "OUTPUT": str(tmp_path / "map")}, feedback)
    assert res["OUTPUT"] == str(tmp_path / "map.pdf")
    assert (tmp_path / "map.pdf").read_bytes()[:5] == b"%PDF-"
    assert any("written as" in w and "map.pdf" in w for w in feedback.warnings)
