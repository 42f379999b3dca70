"""Fuzz: generated tables through the core reader, import and report (no QGIS needed).

Asserts: no traceback (only BackflowInputError, with the file named), every data row
used or listed in UNRESOLVED (row by row), the counts add up, the HTML escapes payloads.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import given

from backflow_plugin.core.disclosure import rules as disclosure
from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.report import page as report_html
from backflow_plugin.core.report import tables as report
from backflow_plugin.core.tables.delimited import read_text_table
from backflow_plugin.core.tables.fields import detect_fields
from backflow_plugin.core.tables.reshape import parse_mapping
from backflow_plugin.core.trajectories.build import FieldMap, import_trajectories

from .tables import FUZZ, Case, cases, report_counts

OUTCOMES: Counter = Counter()


def _check_error(err: BackflowInputError, name: str) -> None:
    text = str(err)
    assert "Traceback" not in text
    assert err.file == name or err.column, text  # says where


@FUZZ
@given(cases())
def test_tables_through_the_core(case: Case):
    OUTCOMES["tables"] += 1
    with tempfile.TemporaryDirectory(prefix="backflow_fuzz_") as folder:
        path = Path(folder) / f"table{case.suffix}"
        data, _ = case.data()
        path.write_bytes(data)
        try:
            frame, info = read_text_table(path)
        except BackflowInputError as err:
            _check_error(err, path.name)
            OUTCOMES[f"read error: {err.problem[:45]}"] += 1
            return
        assert case.nul_row is None, "NUL bytes must be detected"
        assert len(frame) == case.n_rows  # no row lost or invented by the reader
        fields = FieldMap(**detect_fields(frame.columns))
        try:
            wide = (
                parse_mapping(case.wide_mapping, list(frame.columns))
                if case.layout == "wide"
                else None
            )
            if wide is not None:
                fields = FieldMap(person=fields.person)
            result = import_trajectories(frame, fields, wide=wide, file_label=path.name)
        except BackflowInputError as err:
            _check_error(err, path.name)
            OUTCOMES[f"import error: {err.problem[:45]}"] += 1
            return
        c = result.counts
        assert c["resolved_rows"] + c["unresolved_rows"] == c["stage_rows"]
        used = set(result.stages["source_row"]) | set(result.unresolved["source_row"])
        assert used == set(range(1, case.n_rows + 1))  # every row used or listed
        if case.layout == "long":
            assert c["stage_rows"] == case.n_rows
            assert sorted(
                list(result.stages["source_row"]) + list(result.unresolved["source_row"])
            ) == list(range(1, case.n_rows + 1))
        OUTCOMES[f"import: ok ({case.layout})"] += 1
        tables = report.build_report(result.stages, result.cities, None)
        disclosure.protect_report(tables, 5)
        page = report_html.render_report(tables, {})
        assert "<script>alert" not in page
        OUTCOMES["report: ok"] += 1


def teardown_module(module):
    report_counts("core", OUTCOMES)
