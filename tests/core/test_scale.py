"""Scale work of issue 17: vectorised flow lines, the line cache, network backends."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from backflow_plugin.core.network import graph as network
from backflow_plugin.core.network.graph import centrality
from backflow_plugin.core.trajectories import build as trajectories
from backflow_plugin.core.trajectories import leg_geometry, legs, long_table
from backflow_plugin.core.trajectories.flow_lines import (
    ARC,
    GEODESIC,
    STRAIGHT,
    flow_line,
    flow_lines,
)


def _coords(n, seed=3):
    rng = np.random.default_rng(seed)
    xy = rng.uniform([-180, -80, -180, -80], [180, 80, 180, 80], size=(n, 4))
    xy[:3, 2:] = xy[:3, :2]  # zero-length lines
    xy[3] = [170.0, 10.0, -170.0, 12.0]  # across the antimeridian
    xy[4] = [-122.42, 37.77, 121.47, 31.23]  # San Francisco -> Shanghai
    return xy


@pytest.mark.parametrize("kind", [GEODESIC, ARC, STRAIGHT])
def test_flow_lines_equal_flow_line_per_pair(kind):
    xy = _coords(400)
    many = flow_lines(xy[:, 0], xy[:, 1], xy[:, 2], xy[:, 3], kind)
    assert len(many) == len(xy)
    crossed = 0
    for row, parts in zip(xy, many):
        one = flow_line(*row, kind)
        assert len(parts) == len(one)
        crossed += len(one) > 1
        for (ax, ay), (bx, by) in zip(parts, one):
            assert np.allclose(ax, bx, atol=1e-9) and np.allclose(ay, by, atol=1e-9)
    if kind != STRAIGHT:
        assert crossed > 10  # the antimeridian cuts were exercised


def test_flow_lines_reject_an_unknown_kind():
    with pytest.raises(ValueError, match="zigzag"):
        flow_lines([0], [0], [1], [1], "zigzag")


def test_leg_lines_computes_each_pair_once_and_keys_by_coordinates(monkeypatch):
    calls = []
    real = leg_geometry.flow_lines

    def counting(*args, **kwargs):
        calls.append(len(args[0]))
        return real(*args, **kwargs)

    monkeypatch.setattr(leg_geometry, "flow_lines", counting)
    monkeypatch.setattr(leg_geometry, "_LINE_CACHE", {})
    cities = pd.DataFrame(
        {"city_id": ["a", "b", "c"], "lon": [0.0, 10.0, 100.0], "lat": [0, 5, 30]}
    )
    pairs = pd.DataFrame({"origin_id": ["a", "a", "b", "a"], "dest_id": ["b", "b", "c", "c"]})
    first = trajectories.leg_lines(pairs, cities)
    assert set(first) == {("a", "b"), ("b", "c"), ("a", "c")} and calls == [3]
    again = trajectories.leg_lines(pairs.iloc[:2], cities)
    assert calls == [3] and again[("a", "b")] == first[("a", "b")]
    # Same ids, other coordinates (an own gazetteer): a new line, not the cached one.
    moved = cities.assign(lon=[0.0, 20.0, 100.0])
    other = trajectories.leg_lines(pairs.iloc[:1], moved)
    assert calls == [3, 1] and other[("a", "b")][0][0][-1] == 20.0


def _random_graph(n, m, seed):
    rnd = random.Random(seed)
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for a, b in nx.gnm_random_graph(n, m, directed=True, seed=seed).edges:
        c = rnd.choice([1, 1, 2, 3, 8])
        g.add_edge(a, b, weight=float(c), distance=1.0 / c)
    return g


@pytest.mark.parametrize("limit", [5000, 100])
def test_igraph_and_scipy_give_the_same_measures(monkeypatch, limit):
    import igraph  # noqa: F401

    monkeypatch.setattr(network, "IGRAPH_FROM", 3)
    g = _random_graph(220, 900, 7)
    fast, info = centrality(g, exact_limit=limit, k_pivots=60)
    assert info["backend"] == "igraph"
    monkeypatch.setattr(network, "load_igraph", lambda: None)
    ref, ref_info = centrality(g, exact_limit=limit, k_pivots=60)
    assert ref_info["backend"] == "scipy"
    for col in ("betweenness", "closeness"):
        assert np.allclose(fast[col], ref[col], rtol=1e-9, atol=1e-12), col
    assert info["betweenness_estimated"] is (limit < 220)


def test_estimated_betweenness_states_its_error():
    g = _random_graph(300, 1200, 9)
    exact, exact_info = centrality(g)
    est, info = centrality(g, exact_limit=100, k_pivots=80, seed=4)
    assert "betweenness_error" not in exact_info
    stated = info["betweenness_error"]
    true = np.linalg.norm(est["betweenness"] - exact["betweenness"]) / np.linalg.norm(
        exact["betweenness"]
    )
    assert 0.0 < stated < 0.5
    # The stated error is of the size of the real one (same order of magnitude).
    assert stated / 3 < true < stated * 3


# --------------------------------------------------------------------------- chunked reading


def test_large_file_is_read_in_chunks_like_a_small_one(monkeypatch, tmp_path):
    from backflow_plugin.core.tables import chunked as table_large
    from backflow_plugin.core.tables import delimited as table_io
    from tests.conftest import SAMPLE

    whole, info = table_io.read_text_table(SAMPLE)
    monkeypatch.setattr(table_large, "LARGE_BYTES", 1000)
    monkeypatch.setattr(table_large, "CHUNK_ROWS", 997)
    chunks = []
    real = table_large.read_chunked

    def spy(*args, **kwargs):
        frame = real(*args, **kwargs)
        chunks.append(len(frame))
        return frame

    monkeypatch.setattr(table_large, "read_chunked", spy)
    chunked, info2 = table_io.read_text_table(SAMPLE)
    assert chunks == [len(whole)] and len(whole) > 10_000
    pd.testing.assert_frame_equal(chunked, whole)
    assert info2 == info
    # GB18030 text is detected from the head and read in chunks too.
    gb = tmp_path / "gb.csv"
    gb.write_bytes(("person_id,city\n" + "p1,北京\np1,上海\n" * 800).encode("gb18030"))
    frame, info3 = table_io.read_text_table(gb)
    assert info3["encoding"] == "gb18030" and frame["city"].iloc[-1] == "上海"
    assert len(frame) == 1600


def test_a_cancel_stops_the_chunked_read(monkeypatch):
    from backflow_plugin.core.errors import Cancelled
    from backflow_plugin.core.tables import chunked as table_large
    from backflow_plugin.core.tables import delimited as table_io
    from tests.conftest import SAMPLE

    monkeypatch.setattr(table_large, "LARGE_BYTES", 1000)
    monkeypatch.setattr(table_large, "CHUNK_ROWS", 1000)
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) >= 3

    with pytest.raises(Cancelled):
        table_io.read_text_table(SAMPLE, is_cancelled=cancelled)
    assert len(asked) == 3  # stopped at the third chunk, not at the end of the file


def test_persons_with_the_same_path_share_one_line():
    cities = pd.DataFrame(
        {"city_id": ["a", "b", "c"], "lon": [0.0, 10.0, 100.0], "lat": [0, 5, 30]}
    )
    stages = pd.DataFrame(
        {"person_id": ["p", "p", "q", "q", "r", "r", "s"], "city_id": list("abababc")}
    )
    stages.loc[4:5, "city_id"] = ["b", "c"]
    pairs = pd.DataFrame({"origin_id": ["a", "b"], "dest_id": ["b", "c"]})
    lines = trajectories.leg_lines(pairs, cities)
    routes = trajectories.route_lines(stages, lines, cities)
    assert routes["p"] is routes["q"]  # a -> b twice: one line object
    assert routes["r"] is not routes["p"] and routes["r"][0][0][0] == 10.0
    assert routes["s"] == [([100.0], [30.0])]


def test_factorize_rows_equals_factorizing_a_multiindex():
    from backflow_plugin.core.vectorise import factorize_rows

    rng = np.random.default_rng(7)
    n = 2_000
    frame = pd.DataFrame(
        {
            "name": rng.choice(["Wuhan", "武汉", "", "Boston"], n).astype(object),
            "country": rng.choice(["CN", "US", ""], n).astype(object),
            "bad": rng.random(n) < 0.1,
            "home": rng.choice(["CN", "TW"], n).astype(object),
        }
    )
    codes, rows = factorize_rows(frame)
    want_codes, want_rows = pd.factorize(pd.MultiIndex.from_frame(frame))
    # the same grouping in first-seen order, and each row's code points at its values
    assert codes.tolist() == want_codes.tolist()
    assert rows == [tuple(r) for r in want_rows]
    assert all(rows[c] == r for c, r in zip(codes, frame.itertuples(index=False, name=None)))
    assert isinstance(rows[0][2], bool)  # plain Python values for the resolver
    # a missing value is a value of its own, never a -1 code
    frame.loc[5, "name"] = None
    codes, rows = factorize_rows(frame)
    assert codes.min() == 0 and pd.isna(rows[codes[5]][0])  # None, or NaN on pandas 3
    assert sum(pd.isna(r[0]) for r in rows) == 1


def test_stage_order_and_seq_as_sort_values_and_cumcount():
    rng = np.random.default_rng(11)
    n = 3_000
    long = pd.DataFrame(
        {
            "person_id": rng.choice([f"P{i}" for i in range(1, 400)] + [""], n).astype(object),
            "_order": np.where(rng.random(n) < 0.05, np.inf, rng.integers(1, 9, n)),
            "city": rng.choice(["A", "B", "C"], n).astype(object),
        }
    )
    long["source_row"] = rng.permutation(n) + 1  # a wide table's rows come column by column
    want = long.sort_values(["person_id", "_order", "source_row"], kind="stable")
    want["seq"] = want.groupby("person_id", sort=False).cumcount() + 1
    got = _by_person_and_order(long)
    pd.testing.assert_frame_equal(got, want.drop(columns="_order"))
    # already in order: the rows as they are (no reordering), seq added
    again = _by_person_and_order(want.drop(columns="seq"))
    assert again.index.equals(pd.RangeIndex(n))
    assert again["source_row"].tolist() == want["source_row"].tolist()
    assert again["seq"].tolist() == want["seq"].tolist()


def _by_person_and_order(long: pd.DataFrame) -> pd.DataFrame:
    """long_table's ordering of a long table's columns, ids ranked as to_long ranks them."""
    _ids, ranks = long_table._ids_and_ranks(long["person_id"])
    columns = {c: long[c].to_numpy() for c in long.columns}
    return long_table._by_person_and_order(columns, ranks)


def test_phases_of_shuffled_stages_equal_those_of_sorted_ones():
    from backflow_plugin.core.tables.delimited import read_text_table
    from backflow_plugin.core.tables.fields import detect_fields
    from tests.conftest import SAMPLE

    frame, _ = read_text_table(SAMPLE)
    fields = trajectories.FieldMap(**detect_fields(frame.columns))
    result = trajectories.import_trajectories(frame, fields)
    stages = result.stages.drop(columns="phase")
    assert legs._sorted_by_person(stages)
    shuffled = stages.sample(frac=1.0, random_state=3)
    assert not legs._sorted_by_person(shuffled)
    a = trajectories.assign_phases(stages)
    b = trajectories.assign_phases(shuffled)
    assert a["phase"].tolist() == b["phase"].tolist() == result.stages["phase"].tolist()
    assert "phase" not in stages.columns  # the caller's frame is not changed
    assert not legs._sorted_by_person(pd.DataFrame({"person_id": ["a", "a"], "seq": [2, 1]}))


def test_legs_of_stages_in_person_runs_equal_the_groupby_path(monkeypatch):
    rng = np.random.default_rng(5)
    n = 4_000
    stages = pd.DataFrame(
        {
            "person_id": np.sort(rng.choice([f"P{i:03d}" for i in range(500)], n)).astype(object),
            "city_id": rng.choice(["C1", "C2", "C3", None], n, p=[0.4, 0.3, 0.25, 0.05]),
            "city": "x",
            "domestic": rng.random(n) < 0.6,
            "phase": rng.choice(["before", "abroad", "return", "after"], n).astype(object),
            "year": pd.array(rng.integers(1990, 2020, n), dtype="Int64"),
        }
    )
    stages["seq"] = stages.groupby("person_id").cumcount() + 1
    stages["city"] = stages["city_id"].map({"C1": "A", "C2": "B", "C3": "C"})
    assert legs._sorted_by_person(stages)
    fast, fast_same = trajectories.build_legs(stages)
    monkeypatch.setattr(legs, "_sorted_by_person", lambda s: False)
    slow, slow_same = trajectories.build_legs(stages)
    assert fast_same == slow_same > 0 and len(fast) > 1000
    pd.testing.assert_frame_equal(fast, slow)


def test_numbers_in_text_as_to_numeric_per_cell():
    from backflow_plugin.core.vectorise import numbers_in_text

    cells = pd.Series([" 3", "3", "", None, "x", "2.5", np.nan, "1e3", "三", 7], dtype=object)
    numbers, bad = numbers_in_text(cells)
    want = pd.to_numeric(cells.map(lambda v: "" if pd.isna(v) else str(v).strip()), errors="coerce")
    assert np.array_equal(numbers, want.to_numpy(dtype=float), equal_nan=True)
    assert bad.tolist() == [False, False, False, False, True, False, False, False, True, False]
