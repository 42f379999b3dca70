"""Fuzz: generated tables through processing.run('backflow:importtrajectories').

Every input format (CSV/TSV/TXT in any encoding, GeoPackage, XLSX), every output
format (memory, GeoPackage, Shapefile, CSV, FlatGeobuf). Asserts: no traceback, counts
add up, every output readable with the counts announced, CSV outputs formula-safe with
a BOM, nothing written outside the chosen folder, nothing left behind by a failure.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from backflow_plugin.core.writing.safe_output import FORMULA_STARTS

from .tables import EXAMPLES, FUZZ, LAYER_FORMATS, TEXT_FORMATS, Case, cases, report_counts

QGIS_EXAMPLES = max(6, EXAMPLES // 7)
OUTCOMES: Counter = Counter()
OUTPUT_FORMATS = ["memory", ".gpkg", ".shp", ".csv", ".fgb"]
SINKS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED")


def _write_layer_file(case: Case, path: Path) -> bool:
    """The case as a GeoPackage or XLSX table through OGR; False when OGR refuses it."""
    from osgeo import ogr

    driver = ogr.GetDriverByName("GPKG" if path.suffix == ".gpkg" else "XLSX")
    ds = driver.CreateDataSource(str(path))
    if ds is None:
        return False
    layer = ds.CreateLayer("table", geom_type=ogr.wkbNone)
    names = []
    for name in case.header:
        if not name.strip() or name.strip().casefold() in {n.casefold() for n in names}:
            return False  # OGR cannot hold these: the text formats test them
        if layer.CreateField(ogr.FieldDefn(name.strip(), ogr.OFTString)) != 0:
            return False
        names.append(name.strip())
    for row in case.rows:
        feat = ogr.Feature(layer.GetLayerDefn())
        for i, value in enumerate(row[: len(names)]):
            feat.SetField(i, value.replace("\x00", ""))
        if layer.CreateFeature(feat) != 0:
            return False
    ds = None
    return path.exists()


def _number(text: str) -> bool:
    """Numbers (a longitude of -46.6) are numbers to a spreadsheet, not formulas."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def _snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _csv_cells(path: Path) -> list[str]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), path.name  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"))))
    return [cell for row in rows[1:] for cell in row]


@settings(FUZZ, max_examples=QGIS_EXAMPLES)
@given(
    cases(formats=TEXT_FORMATS + LAYER_FORMATS),
    st.sampled_from(OUTPUT_FORMATS),
)
def test_tables_through_processing(plugin, case: Case, out_format: str):
    import processing

    with tempfile.TemporaryDirectory(prefix="backflow_fuzz_") as root:
        root = Path(root)
        src_dir, out_dir = root / "in", root / "out"
        src_dir.mkdir()
        out_dir.mkdir()
        src = src_dir / f"table{case.suffix}"
        if case.suffix in LAYER_FORMATS:
            assume(_write_layer_file(case, src))
        else:
            src.write_bytes(case.data()[0])
        OUTCOMES["tables"] += 1
        if os.environ.get("BACKFLOW_FUZZ_TRACE"):  # which table a crash came from
            print(f"{case!r} -> {out_format}", file=sys.stderr, flush=True)
        before_src, cwd_before = _snapshot(src_dir), set(os.listdir(os.getcwd()))
        params = {"INPUT": str(src)}
        if case.layout == "wide":
            params.update({"LAYOUT": 1, "WIDE_MAPPING": case.wide_mapping, "PERSON_FIELD": "id"})
        outputs = {}
        for key in SINKS:
            fmt = out_format
            if key == "UNRESOLVED" and fmt in (".shp", ".fgb"):
                fmt = ".csv"  # a table without geometry
            outputs[key] = "TEMPORARY_OUTPUT" if fmt == "memory" else str(out_dir / f"{key}{fmt}")
        params.update(outputs)
        try:
            res = processing.run(
                "backflow:importtrajectories", params, feedback=QgsProcessingFeedback()
            )
        except QgsProcessingException as err:
            text = str(err)
            assert "Traceback" not in text and "Error" not in text.split(":")[0], text
            OUTCOMES[f"clear error ({case.suffix})"] += 1
            assert _snapshot(out_dir) == set(), "a failed run leaves no output file"
        else:
            assert res["RESOLVED_ROWS"] + res["UNRESOLVED_ROWS"] == res["STAGE_ROWS"]
            for key in SINKS:
                value = res.get(key)
                lyr = (
                    value
                    if isinstance(value, QgsVectorLayer)
                    else QgsVectorLayer(str(value), key, "ogr")
                )
                assert lyr.isValid(), (key, value)
                if key == "STAGES":
                    assert lyr.featureCount() == res["RESOLVED_ROWS"]
                if key == "UNRESOLVED":
                    assert lyr.featureCount() == res["UNRESOLVED_ROWS"]
                if str(value).endswith(".csv"):
                    cells = _csv_cells(Path(value))
                    bad = [c for c in cells if c.startswith(FORMULA_STARTS) and not _number(c)]
                    assert bad == [], (key, bad[:3])
            OUTCOMES[f"ok ({case.suffix} -> {out_format})"] += 1
        assert _snapshot(src_dir) == before_src  # nothing written next to the input
        assert set(os.listdir(os.getcwd())) == cwd_before  # nor in the working folder


def teardown_module(module):
    report_counts("processing", OUTCOMES)
    if FULL_OUTCOMES["tables"]:
        report_counts("fullanalysis with the report", FULL_OUTCOMES)


FULL_OUTCOMES: Counter = Counter()


@settings(FUZZ, max_examples=QGIS_EXAMPLES)
@given(cases(formats=TEXT_FORMATS), st.sampled_from([1, 2, 5]), st.booleans())
def test_tables_through_fullanalysis_with_report(plugin, case: Case, min_persons: int, zh: bool):
    """The whole chain and the report: a clear message or every output, never a partial run."""
    import processing

    with tempfile.TemporaryDirectory(prefix="backflow_fuzz_full_") as root:
        root = Path(root)
        src_dir, out_dir = root / "in", root / "out"
        src_dir.mkdir()
        out_dir.mkdir()
        src = src_dir / f"table{case.suffix}"
        src.write_bytes(case.data()[0])
        FULL_OUTCOMES["tables"] += 1
        if os.environ.get("BACKFLOW_FUZZ_TRACE"):
            print(f"full: {case!r} k={min_persons} zh={zh}", file=sys.stderr, flush=True)
        cwd_before = set(os.listdir(os.getcwd()))
        html = out_dir / "report.html"
        params = {
            "INPUT": str(src),
            "STAGES": str(out_dir / "stages.gpkg"),
            "UNRESOLVED": str(out_dir / "unresolved.csv"),
            "MAKE_REPORT": True,
            "REPORT_OUTPUT": str(html),
            "MIN_PERSONS": min_persons,
            "REPORT_LANGUAGE": 2 if zh else 1,
        }
        if case.layout == "wide":
            params.update({"LAYOUT": 1, "WIDE_MAPPING": case.wide_mapping, "PERSON_FIELD": "id"})
        try:
            res = processing.run("backflow:fullanalysis", params, feedback=QgsProcessingFeedback())
        except QgsProcessingException as err:
            text = str(err)
            assert "Traceback" not in text and "Error" not in text.split(":")[0], text
            if "Failed step(s)" in text:  # the layers made before it are complete
                FULL_OUTCOMES["clear error: a step failed"] += 1
                assert not html.exists(), "a failed report leaves no file"
            else:
                FULL_OUTCOMES["clear error"] += 1
                assert _snapshot(out_dir) == set(), "a failed run leaves no output file"
        else:
            assert res["RESOLVED_ROWS"] + res["UNRESOLVED_ROWS"] == res["STAGE_ROWS"]
            page = html.read_text(encoding="utf-8")
            assert page.rstrip().endswith("</html>") and "<script>alert" not in page
            assert "fewer than 1 " not in page and "不足 1 人" not in page
            lyr = QgsVectorLayer(str(out_dir / "stages.gpkg"), "s", "ogr")
            assert lyr.isValid() and lyr.featureCount() == res["RESOLVED_ROWS"]
            cells = _csv_cells(out_dir / "unresolved.csv")
            assert [c for c in cells if c.startswith(FORMULA_STARTS) and not _number(c)] == []
            FULL_OUTCOMES[f"ok ({case.layout}, report {'zh' if zh else 'en'})"] += 1
        assert set(os.listdir(os.getcwd())) == cwd_before
