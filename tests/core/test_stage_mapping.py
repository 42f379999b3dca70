"""The user's stage label corrections (STAGE_MAPPING): parsed and applied in core."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.tables.stage_labels import parse_stage_mapping, relabel_stages


def test_parse_keeps_labels_and_lowercases_stages():
    assert parse_stage_mapping(" Dr. = PhD ;\n博士后=postdoc; x= ") == {
        "Dr.": "phd",
        "博士后": "postdoc",
        "x": "",
    }
    assert parse_stage_mapping(None) == {} == parse_stage_mapping(" ;\n ")
    # the last '=' splits: a label may hold '='
    assert parse_stage_mapping("a=b=work") == {"a=b": "work"}


@pytest.mark.parametrize(
    ("text", "message"),
    [("phd", "'phd' is not label=stage"), ("博士=doctor", "'doctor' (for '博士') is not a stage")],
)
def test_parse_names_the_bad_item(text, message):
    with pytest.raises(ValueError) as err:
        parse_stage_mapping(text)
    assert str(err.value) == message


def test_relabel_changes_only_the_mapped_cells():
    stages = pd.Series([" 博士 ", "later", None, "phd", "x"], dtype=object)  # as the reader gives
    frame = pd.DataFrame({"stage": stages, "n": range(5)})
    out, changed = relabel_stages(frame, "stage", {"博士": "postdoc", "later": "work", "x": ""})
    assert changed == 3
    assert out["stage"].tolist() == ["postdoc", "work", None, "phd", ""]
    assert out["n"].tolist() == [0, 1, 2, 3, 4]
    assert frame["stage"].tolist() == [" 博士 ", "later", None, "phd", "x"]  # input untouched


def test_relabel_without_mapping_is_the_same_frame():
    frame = pd.DataFrame({"stage": ["phd"]})
    out, changed = relabel_stages(frame, "stage", {})
    assert out is frame and changed == 0
