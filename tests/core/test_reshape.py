"""Wide tables to the long form."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError
from backflow_plugin.core.tables.reshape import parse_mapping, wide_to_long

WIDE = pd.DataFrame(
    {
        "id": ["1", "2", "2", "3"],
        "bornCity": ["Arnhem", "Paris", "Paris", ""],
        "bornCountryCode": ["NL", "FR", "FR", ""],
        "city": ["Leiden", "Berlin", "Göttingen", ""],
        "country": ["NL", "DE", "DE", ""],
        "diedCity": ["", "Paris", "Paris", ""],
        "gender": ["male", "female", "female", "male"],
    }
)
MAPPING = "birth=bornCity,bornCountryCode; work=city,country; later=diedCity"


def test_parse_mapping_in_order():
    stages = parse_mapping(MAPPING, list(WIDE.columns))
    assert [s.stage for s in stages] == ["birth", "work", "later"]
    assert stages[0].country == "bornCountryCode"
    assert stages[2].country is None


def test_parse_mapping_chinese_labels():
    stages = parse_mapping("出生地=bornCity；工作=city".replace("；", ";"), list(WIDE.columns))
    assert [s.stage for s in stages] == ["birth", "work"]


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "needs a mapping"),
        ("birth bornCity", "no '='"),
        ("school=bornCity", "Unknown stage label"),
        ("birth=nosuch", "does not have"),
    ],
)
def test_bad_mappings_are_explained(text, message):
    with pytest.raises(BackflowInputError, match=message):
        parse_mapping(text, list(WIDE.columns))


def test_wide_to_long_orders_and_dedupes():
    long = wide_to_long(WIDE, parse_mapping(MAPPING, list(WIDE.columns)), "id")
    p2 = long[long["person_id"] == "2"]
    # birth once (repeated on both rows), both affiliations, then death.
    assert p2["stage"].tolist() == ["birth", "work", "work", "later"]
    assert p2["city"].tolist() == ["Paris", "Berlin", "Göttingen", "Paris"]
    assert p2["seq"].tolist() == [1, 2, 3, 4]
    assert p2["gender"].unique().tolist() == ["female"]
    p1 = long[long["person_id"] == "1"]
    assert p1["stage"].tolist() == ["birth", "work"]  # empty death cell: no stage
    assert "3" not in set(long["person_id"])  # a row with no city at all
    assert long.loc[long["person_id"] == "1", "source_row"].tolist() == [1, 1]
