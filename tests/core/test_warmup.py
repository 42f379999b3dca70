"""The panel's background warm-up of the gazetteer (issue 17): built once, ready later."""

from __future__ import annotations

import threading
import time

import pandas as pd

from backflow_plugin.core.places import gazetteer, warmup
from backflow_plugin.core.places.gazetteer import Gazetteer


def test_index_is_built_once_when_two_threads_ask(monkeypatch):
    gaz = Gazetteer(
        pd.DataFrame(
            {"city_id": ["a", "b"], "name": ["Nanjing", "Wuhan"], "country": ["CN", "CN"],
             "lon": [118.8, 114.3], "lat": [32.1, 30.6]}
        )
    )  # fmt: skip
    calls = []
    real = gazetteer.build_index

    def slow(*args):
        calls.append(threading.current_thread().name)
        time.sleep(0.3)  # long enough for the other thread to ask meanwhile
        return real(*args)

    monkeypatch.setattr(gazetteer, "build_index", slow)
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(gaz.index)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(seen) == 2 and seen[0] is seen[1]
    got = gaz.resolve(pd.Series(["Wuhan"]), pd.Series(["CN"]))
    assert got["city_id"].tolist() == ["b"]


def test_warm_up_leaves_the_bundled_index_ready(monkeypatch):
    monkeypatch.setattr(warmup, "_thread", None)
    warmup.start()
    first = warmup._thread
    warmup.start()  # once per session
    assert warmup._thread is first
    assert warmup.wait(120)
    assert Gazetteer.bundled()._index is not None
    assert gazetteer._bundled_gazetteer.cache_info().currsize == 1


def test_warm_up_failure_is_quiet(monkeypatch, caplog):
    monkeypatch.setattr(warmup, "_thread", None)

    def broken(cls):
        raise OSError("cities.csv: no such file")

    monkeypatch.setattr(Gazetteer, "bundled", classmethod(broken))
    caplog.set_level("DEBUG", logger="backflow")
    warmup.start()
    assert warmup.wait(30)
    assert "gazetteer warm-up failed: cities.csv: no such file" in caplog.text
