"""A cancel inside geocoding waits for one chunk of distinct names at most (issue 15)."""

from __future__ import annotations

import pandas as pd
import pytest

from backflow_plugin.core.errors import Cancelled
from backflow_plugin.core.places.gazetteer import Gazetteer
from backflow_plugin.core.places.resolve import RESOLVE_CHUNK
from backflow_plugin.core.trajectories import build as tj
from tests.core.mini_gazetteer import gazetteer as mini_gazetteer


def _names(gaz: Gazetteer, n: int) -> list[str]:
    known = list(gaz.cities["name"].dropna().unique())
    # unknown names too: they are the slow ones (fuzzy suggestions)
    return [f"Nowhere {i} qx" if i % 4 else known[i % len(known)] for i in range(n)]


def test_resolve_reports_each_chunk_and_stops_between_chunks():
    gaz = mini_gazetteer()
    names = pd.Series(_names(gaz, 5 * RESOLVE_CHUNK + 7))
    reports: list[tuple[int, int]] = []
    res = gaz.resolve(names, progress=lambda done, total: reports.append((done, total)))
    total = names.nunique()
    assert len(res) == len(names)
    assert reports[-1] == (total, total)
    assert len(reports) == -(-total // RESOLVE_CHUNK)  # one report per chunk
    assert [d for d, _ in reports[:-1]] == [
        RESOLVE_CHUNK * (i + 1) for i in range(len(reports) - 1)
    ]

    stop = {"now": False, "after": 0}

    def progress(done: int, total: int) -> None:
        if stop["now"]:
            stop["after"] += 1  # a chunk finished after the cancel
        stop["now"] = True  # cancel at the first report

    with pytest.raises(Cancelled):
        gaz.resolve(names, should_stop=lambda: stop["now"], progress=progress)
    assert stop["after"] == 0


def test_import_cancel_in_geocoding_stops_within_one_chunk():
    gaz = mini_gazetteer()
    names = _names(gaz, 6 * RESOLVE_CHUNK)
    n = 30_000
    frame = pd.DataFrame(
        {
            "person_id": [f"p{i // 5}" for i in range(n)],
            "stage": ["birth", "bachelor", "phd", "postdoc", "work"] * (n // 5),
            "city": [names[(i * 7919) % len(names)] for i in range(n)],
        }
    )
    seen: list[str] = []
    state = {"cancel": False, "after": 0}

    def progress(pct: float, text: str) -> None:
        seen.append(text)
        if state["cancel"]:
            state["after"] += 1
        # the first report of a chunk: the phase text was already said once
        if text == tj.RESOLVING and seen.count(tj.RESOLVING) == 2:
            state["cancel"] = True

    fields = tj.FieldMap(person="person_id", stage="stage", city="city")
    with pytest.raises(Cancelled):
        tj.import_trajectories(
            frame, fields, gazetteer=gaz, progress=progress, is_cancelled=lambda: state["cancel"]
        )
    assert state["after"] <= 1
    assert "Finding returns and flows" not in seen  # the later phases never started
    # without a cancel, the same table reports every chunk and finishes
    texts: list[str] = []
    result = tj.import_trajectories(
        frame, fields, gazetteer=gaz, progress=lambda p, t: texts.append(t)
    )
    chunks = -(-len(set(names)) // RESOLVE_CHUNK)
    assert texts.count(tj.RESOLVING) == 1 + chunks
    assert result.counts["resolved_rows"] + result.counts["unresolved_rows"] == n


def test_loading_the_small_gazetteer_looks_at_the_cancel():
    loaded = []

    def loader() -> Gazetteer:
        loaded.append(1)
        return mini_gazetteer()

    base = mini_gazetteer()
    gaz = Gazetteer(base.cities, small=loader)
    calls = []

    def should_stop() -> bool:
        calls.append(bool(loaded))
        return bool(loaded)  # cancelled while the smaller places were loading

    with pytest.raises(Cancelled):
        gaz.resolve(pd.Series(["Nowhere at all"]), should_stop=should_stop)
    assert loaded == [1] and calls[-1] is True
    assert gaz._small_gaz is None  # not kept half-built: the next run loads it again


def test_a_resolve_in_another_thread_does_not_take_the_cancel_away():
    import threading

    gaz = mini_gazetteer()
    names = pd.Series(_names(gaz, 4 * RESOLVE_CHUNK))
    state = {"cancel": False, "reports": 0}

    def progress(done: int, total: int) -> None:
        state["reports"] += 1
        if state["reports"] == 1:  # another algorithm resolves on the same gazetteer
            other = threading.Thread(target=lambda: gaz.resolve(pd.Series(["Boston"])))
            other.start()
            other.join()
            state["cancel"] = True

    with pytest.raises(Cancelled):
        gaz.resolve(names, should_stop=lambda: state["cancel"], progress=progress)
    assert state["reports"] == 1
