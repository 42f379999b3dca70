"""stage_keys: the first row of each wanted (person, seq), as a merge finds it; persons
coded once per column while a report runs."""

import threading

import numpy as np
import pandas as pd

from backflow_plugin.core.sources.stage_keys import first_rows, kept_person_codes, person_codes

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


def test_person_codes_once_per_column_inside_a_report():
    stages = pd.DataFrame({"person_id": ["b", "a", "b", 7], "city": ["x", "y", "z", "w"]})
    codes, persons = person_codes(stages["person_id"])
    assert codes.tolist() == [0, 1, 0, 2] and list(persons) == ["b", "a", "7"]
    with kept_person_codes():
        first = person_codes(stages["person_id"])
        assert person_codes(stages["person_id"])[0] is first[0]  # the same column: kept
        changed = stages.assign(person_id=["a", "a", "c", "c"])
        assert person_codes(changed["person_id"])[0].tolist() == [0, 0, 1, 1]
    assert person_codes(stages["person_id"])[0] is not first[0]  # outside: coded anew


def test_person_codes_kept_per_thread():
    stages = pd.DataFrame({"person_id": ["b", "a", "b"]})
    seen = {}

    def other_thread():  # no report running here: coded anew each time
        seen["codes"] = person_codes(stages["person_id"])[0]

    with kept_person_codes():
        first = person_codes(stages["person_id"])[0]
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
    assert seen["codes"].tolist() == first.tolist() == [0, 1, 0]
    assert seen["codes"] is not first
