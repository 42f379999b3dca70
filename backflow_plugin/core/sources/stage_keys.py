"""Persons and their stages by integer keys instead of the person's text: a report on
a million stages codes the person column once (``person_codes``) and looks up every
returnee's return stage by (person, seq) (``first_rows``) instead of merging frames."""

from __future__ import annotations

import threading
from contextlib import contextmanager

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


# person_codes of each person column seen while a report runs (see kept_person_codes);
# per thread: Processing may run two reports at once
_local = threading.local()


@contextmanager
def kept_person_codes():
    """Within this block each person column is coded once, however many tables ask.

    The report's steps run inside it: every table counts persons of the same STAGES,
    which they do not change. A column is known by its memory (kept alive here, so no
    other column can take its place); a copied or replaced column is coded anew.
    """
    outer = getattr(_local, "kept", None)
    _local.kept = {} if outer is None else outer
    try:
        yield
    finally:
        _local.kept = outer


def person_codes(person: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """``pd.factorize(person.astype(str))``: each row's person code (in order of first
    appearance) and the person ids as text."""
    kept = getattr(_local, "kept", None)
    if kept is None or person.dtype != object:  # (other dtypes may copy on to_numpy)
        return _factorized(person)
    values = person.to_numpy()
    key = (values.__array_interface__["data"][0], values.strides, len(values), values.dtype.str)
    if key not in kept:
        kept[key] = (values, _factorized(person))
    return kept[key][1]


def _factorized(person: pd.Series) -> tuple[np.ndarray, pd.Index]:
    codes, uniques = pd.factorize(person.astype(str))
    return codes, pd.Index(uniques)
