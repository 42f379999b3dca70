"""Finding a person's stage by (person, seq) with integer keys instead of merging
frames on the person's text: a report on a million stages looks up every returnee's
return stage this way (the sources and the organisation tables)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def first_rows(
    person: np.ndarray, seq: np.ndarray, want_person: np.ndarray, want_seq: np.ndarray
) -> np.ndarray:
    """Position of the first row with each wanted (person, seq); -1 where there is none.

    `person` / `want_person`: integer person codes (-1: unknown, never found); `seq` /
    `want_seq`: floats. A missing seq finds a missing seq, as a merge on the two
    columns pairs them.
    """
    want_person = np.asarray(want_person, dtype=np.int64)
    if not len(person):
        return np.full(len(want_person), -1, dtype=np.int64)
    seq_codes, seq_values = pd.factorize(seq)  # missing -> -1
    span = len(seq_values) + 1
    keys, first = np.unique(
        np.asarray(person, dtype=np.int64) * span + seq_codes + 1, return_index=True
    )
    wanted = pd.Index(seq_values).get_indexer(want_seq)
    wanted_keys = want_person * span + wanted + 1
    at = np.minimum(np.searchsorted(keys, wanted_keys), len(keys) - 1)
    hit = (keys[at] == wanted_keys) & (want_person >= 0) & ((wanted >= 0) | np.isnan(want_seq))
    return np.where(hit, first[at], -1)
