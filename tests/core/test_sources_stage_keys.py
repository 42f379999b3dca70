"""stage_keys.first_rows: the first row of each wanted (person, seq), as a merge finds it."""

import numpy as np

from backflow_plugin.core.sources.stage_keys import first_rows

NAN = np.nan


def test_first_row_of_each_person_and_seq():
    person = np.array([0, 0, 0, 1, 1, 1])
    seq = np.array([1.0, 2.0, 2.0, 1.0, NAN, NAN])
    found = first_rows(
        person,
        seq,
        np.array([0, 1, 1, 0, -1, 2]),
        np.array([2.0, 1.0, NAN, 3.0, 1.0, 1.0]),
    )
    # (0, 2) -> the first of rows 1 and 2; (1, 1) -> 3; a missing seq finds row 4;
    # seq 3, an unknown person (-1) and a person without stages (2) find nothing
    assert found.tolist() == [1, 3, 4, -1, -1, -1]


def test_no_stages_find_nothing():
    empty = np.array([], dtype=np.int64)
    found = first_rows(empty, empty.astype(float), np.array([0, 1]), np.array([1.0, 2.0]))
    assert found.tolist() == [-1, -1]
