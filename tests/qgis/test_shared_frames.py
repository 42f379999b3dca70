"""fullanalysis hands frames between its steps in memory (issue 17): the layers are
written once and never read back, and the results equal the steps run one by one."""

from __future__ import annotations

import pandas as pd

from backflow_plugin.processing import adapters, shared_frames
from tests.conftest import SAMPLE

LAYERS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED", "NETWORK",
          "PATTERN_ROUTES", "PATTERN_FLOWS", "PATTERN_SHARES")  # fmt: skip


def _frame(layer) -> pd.DataFrame:
    names = layer.fields().names()
    rows = [
        [None if hasattr(v, "isNull") and v.isNull() else v for v in f.attributes()]
        for f in layer.getFeatures()
    ]
    return pd.DataFrame(rows, columns=names)


def test_fullanalysis_reads_no_layer_back_and_equals_the_steps(plugin, tmp_path, monkeypatch):
    import processing

    taken, read = [], []
    real_take, real_points = shared_frames.take, adapters.points_to_frame

    def take(value, points=False):
        frame = real_take(value, points)
        taken.append((str(value), frame is not None))
        return frame

    def points_to_frame(source, feedback=None, shared=None):
        read.append(source.sourceName())
        return real_points(source, feedback, shared)

    monkeypatch.setattr(shared_frames, "take", take)
    monkeypatch.setattr(adapters, "points_to_frame", points_to_frame)
    params = {"INPUT": str(SAMPLE), "HOME_COUNTRY": "CN", "MAKE_REPORT": True,
              "REPORT_OUTPUT": str(tmp_path / "report.html")}  # fmt: skip
    params.update({k: "TEMPORARY_OUTPUT" for k in LAYERS})
    full = processing.run("backflow:fullanalysis", params)
    stages_id = full["STAGES"].id()
    # route patterns and the report took the import's stages from memory
    assert [hit for value, hit in taken if value == stages_id] == [True, True]
    assert not shared_frames.active()  # nothing kept after the run
    assert (tmp_path / "report.html").stat().st_size > 10_000

    # The same steps one by one, reading the layers: the same results.
    taken.clear()
    alone = processing.run(
        "backflow:routepatterns",
        {"INPUT": full["STAGES"], "ROUTES": "TEMPORARY_OUTPUT", "FLOWS": "TEMPORARY_OUTPUT",
         "SHARES": "TEMPORARY_OUTPUT"},
    )  # fmt: skip
    assert all(not hit for _, hit in taken) and read  # read from the layer this time
    for key in ("CIRCLE", "LINEAR", "NO_PATTERN"):
        assert alone[key] == full[key], key
    assert full["CIRCLE"] + full["LINEAR"] + full["NO_PATTERN"] == full["PERSONS"] == 2846
    a = _frame(full["PATTERN_ROUTES"]).sort_values("person_id").reset_index(drop=True)
    b = _frame(alone["ROUTES"]).sort_values("person_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
    a = _frame(full["PATTERN_FLOWS"])
    b = _frame(alone["FLOWS"])
    assert len(a) > 100
    a, b = a.sort_values(list(a.columns)), b.sort_values(list(b.columns))
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True),
                                  check_dtype=False)  # fmt: skip


def test_outside_a_run_nothing_is_shared():
    frame = pd.DataFrame({"a": [1, 2]})
    shared_frames.publish("layer_1", frame)
    assert shared_frames.take("layer_1") is None
    with shared_frames.sharing() as store:
        shared_frames.publish("layer_1", frame, lon=[1.0, 2.0], lat=[3.0, 4.0])
        got = shared_frames.take("layer_1", points=True)
        assert list(got["lon"]) == [1.0, 2.0] and "lon" not in frame.columns
        assert shared_frames.take("layer_2") is None
        assert set(store) == {"layer_1"}
    assert shared_frames.take("layer_1") is None


def test_runs_in_two_threads_do_not_see_each_other():
    import threading

    seen = {}

    def run(name, ready, done):
        with shared_frames.sharing():
            shared_frames.publish(f"{name}_layer", pd.DataFrame({"x": [1]}))
            ready.set()
            done.wait(5)
            seen[name] = sorted(
                k for k in ("a_layer", "b_layer") if shared_frames.take(k) is not None
            )

    ready_a, ready_b, done = threading.Event(), threading.Event(), threading.Event()
    a = threading.Thread(target=run, args=("a", ready_a, done))
    b = threading.Thread(target=run, args=("b", ready_b, done))
    a.start(), b.start()
    ready_a.wait(5), ready_b.wait(5)
    done.set()
    a.join(), b.join()
    assert seen == {"a": ["a_layer"], "b": ["b_layer"]}
