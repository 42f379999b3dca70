"""Outside check of source cities, trends and two periods on tables unlike the sample:
nobody returned, period strings typed as people type them."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core import sources_trends, trends
from backflow_plugin.core.errors import BackflowInputError
from tests.core.test_sources import person


def test_no_returnee_gives_empty_tables_not_a_traceback():
    stages = pd.DataFrame(person("N1", [("Boston", "US", "MIT", 2005)], None, None))
    tables = sources_trends.build_tables(stages, periods=((2011, 2013), (2014, 2016)))
    assert len(tables["person_sources"]) == 0
    assert tables["top_sources"]["persons"].sum() == 0
    assert tables["trends"]["persons"].sum() == 0


@pytest.mark.parametrize(
    "text",
    [
        "2011 - 2013, 2014 - 2016",
        "2011 – 2013 2014 – 2016",
        "2011 至 2013；2014 至 2016",
        "2011年-2013年, 2014年-2016年",
        " 2011–2013 ,  2014–2016 ",
    ],
)
def test_periods_typed_with_spaces_or_chinese(text):
    assert trends.parse_periods(text) == ((2011, 2013), (2014, 2016))


def test_periods_still_reject_three_ranges():
    with pytest.raises(BackflowInputError, match="Two periods"):
        trends.parse_periods("2011-2012, 2013-2014, 2015-2016")
