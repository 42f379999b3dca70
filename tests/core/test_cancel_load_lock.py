"""A cancel is not held up by the warm-up holding the gazetteer's load lock (issue 15)."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from backflow_plugin.core.errors import Cancelled
from backflow_plugin.core.places import gazetteer, resolve
from backflow_plugin.core.places.gazetteer import Gazetteer
from tests.core.mini_gazetteer import gazetteer as mini_gazetteer


class _Holder:
    """Another thread (as the panel's warm-up) holding the load lock until told."""

    def __init__(self) -> None:
        self.taken = threading.Event()
        self.release = threading.Event()
        self.released = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with gazetteer._LOAD_LOCK:
            self.taken.set()
            # a fallback so a broken build cannot hang the suite
            self.release.wait(timeout=10)
            self.released.set()

    def __enter__(self) -> _Holder:
        self.thread.start()
        assert self.taken.wait(timeout=5)
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.thread.join(timeout=5)


def test_resolve_cancelled_while_another_thread_holds_the_lock():
    gaz = mini_gazetteer()
    assert gaz._index is None  # the first resolve would build it, under the lock
    asks = []

    def should_stop() -> bool:
        asks.append(1)
        return len(asks) > 1  # the cancel comes after the resolve's first look

    with _Holder() as holder:
        with pytest.raises(Cancelled):
            gaz.resolve(pd.Series(["Nanjing", "Suzhou"]), should_stop=should_stop)
        # raised while waiting: the lock was never freed nor the index built
        assert not holder.released.is_set()
        assert gaz._index is None
    assert len(asks) >= 2
    # once free, the same gazetteer resolves as usual
    got = gaz.resolve(pd.Series(["Nanjing"]))
    assert got["city_id"].tolist() == ["CN320100"]


def test_bundled_cancelled_while_another_thread_holds_the_lock():
    with _Holder() as holder:
        with pytest.raises(Cancelled):
            Gazetteer.bundled(should_stop=lambda: True)
        assert not holder.released.is_set()


def test_waiting_for_the_lock_without_a_cancel_gets_it(monkeypatch):
    monkeypatch.setattr(gazetteer, "LOCK_POLL_S", 0.01)
    gaz = mini_gazetteer()
    with _Holder() as holder:
        done = []
        t = threading.Thread(target=lambda: done.append(gaz.index), daemon=True)
        t.start()
        t.join(timeout=0.2)
        assert not done  # still waiting: no cancel, so it waits for the holder
        holder.release.set()
        t.join(timeout=5)
    assert len(done) == 1 and done[0] is gaz._index


def test_small_places_load_looks_at_the_cancel_between_read_and_build(monkeypatch):
    built = []
    real_init = Gazetteer.__init__

    def spy(self, *args, **kwargs):
        built.append(1)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(Gazetteer, "__init__", spy)
    resolve._RESOLVING.should_stop = lambda: True
    try:
        with pytest.raises(Cancelled):
            gazetteer._load_small()
    finally:
        resolve._RESOLVING.should_stop = None
    assert built == []  # the file was read, the ~0.25 s preparation never started
