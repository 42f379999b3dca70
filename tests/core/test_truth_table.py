"""One truth table for yes/no columns: the network and route patterns read a layer alike."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.frames import is_domestic
from backflow_plugin.core.network.graph import domestic_flags
from backflow_plugin.core.vectorise import as_bool

VALUES = [
    True,
    False,
    1,
    0,
    1.0,
    0.0,
    "true",
    "False",
    "yes",
    "N",
    "1",
    "1.0",
    "0.0",
    "是",
    "否",
    None,
    "",
]
EXPECTED = [
    True,
    False,
    True,
    False,
    True,
    False,
    True,
    False,
    True,
    False,
    True,
    True,
    False,
    True,
    False,
    False,
    False,
]


def test_truth_table_values():
    assert as_bool(pd.Series(VALUES, dtype=object), "domestic").tolist() == EXPECTED


def test_network_and_patterns_agree():
    column = pd.Series(VALUES, dtype=object)
    from_network = domestic_flags(pd.DataFrame({"city_id": range(len(VALUES)), "domestic": column}))
    from_patterns = is_domestic(column)
    assert from_network.tolist() == from_patterns.tolist() == EXPECTED


@pytest.mark.parametrize("reader", ["network", "patterns"])
def test_unknown_text_is_an_error_naming_column_and_value(reader):
    column = pd.Series(["是", "maybe"], dtype=object)
    with pytest.raises(BackflowInputError) as err:
        if reader == "network":
            domestic_flags(pd.DataFrame({"city_id": [1, 2], "domestic": column}))
        else:
            is_domestic(column)
    assert "domestic" in str(err.value) and "maybe" in str(err.value)
