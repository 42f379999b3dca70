"""City network: graph building and centrality measures on hand-built graphs.

Every measure is checked against a value worked out by hand (in the comments) and
against networkx's reference function. Counts are powers of two so that distances
(1/count) add up exactly in floating point: equal-length paths then tie exactly for
networkx too, and the comparison is exact.
"""

from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from backflow_plugin.core.errors import BackflowInputError, Cancelled
from backflow_plugin.core.network import graph as network
from backflow_plugin.core.network.graph import MEASURE_COLUMNS, build_graph, centrality


def digraph(edges, nodes=()) -> nx.DiGraph:
    """Directed graph from (origin, dest, count), with weight and distance = 1/count."""
    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    for a, b, c in edges:
        g.add_edge(a, b, weight=float(c), distance=1.0 / c)
    return g


def both_ways(pairs):
    return [(a, b, c) for a, b, c in pairs] + [(b, a, c) for a, b, c in pairs]


def measures(g, **kwargs) -> pd.DataFrame:
    frame, _ = centrality(g, **kwargs)
    return frame.set_index("city_id")


def undirected_sum(g: nx.DiGraph) -> nx.Graph:
    u = nx.Graph()
    u.add_nodes_from(g)
    for a, b, w in g.edges(data="weight"):
        u.add_edge(a, b, weight=w + (u[a][b]["weight"] if u.has_edge(a, b) else 0.0))
    return u


def assert_matches_networkx(g: nx.DiGraph, frame: pd.DataFrame, eigen=True) -> None:
    bc = nx.betweenness_centrality(g, weight="distance", normalized=True)
    cl = nx.closeness_centrality(g, distance="distance", wf_improved=True)
    pr = nx.pagerank(g, weight="weight")
    for v in g:
        assert frame.at[v, "betweenness"] == pytest.approx(bc[v], abs=1e-12)
        assert frame.at[v, "closeness"] == pytest.approx(cl[v], abs=1e-12)
        assert frame.at[v, "pagerank"] == pytest.approx(pr[v], abs=1e-9)
        assert frame.at[v, "in_strength"] == g.in_degree(v, weight="weight")
        assert frame.at[v, "out_strength"] == g.out_degree(v, weight="weight")
        assert frame.at[v, "degree"] == len(set(g.successors(v)) | set(g.predecessors(v)))
    if eigen:
        ev = nx.eigenvector_centrality_numpy(undirected_sum(g), weight="weight")
        for v in g:
            assert frame.at[v, "eigenvector"] == pytest.approx(abs(ev[v]), abs=1e-9)


# --------------------------------------------------------------------------- shapes


class TestStar:
    """Hub H linked both ways to leaves a..d, count 1 each (n = 5)."""

    @pytest.fixture
    def g(self):
        return digraph(both_ways([("H", leaf, 1) for leaf in "abcd"]))

    def test_by_hand(self, g):
        m = measures(g)
        # every ordered leaf pair (4*3 = 12) goes through H; normalised by (n-1)(n-2) = 12
        assert m.at["H", "betweenness"] == pytest.approx(1.0)
        assert (m.loc[list("abcd"), "betweenness"] == 0).all()
        assert m.at["H", "degree"] == 4 and (m.loc[list("abcd"), "degree"] == 1).all()
        assert m.at["H", "strength"] == 8 and m.at["a", "strength"] == 2
        # incoming closeness: H is 1 from everyone -> 4/4; a leaf: 1 from H, 2 from 3 leaves
        assert m.at["H", "closeness"] == pytest.approx(1.0)
        assert m.at["a", "closeness"] == pytest.approx(4 / 7)
        # undirected star K1,4 with weight 2: hub : leaf = 2 : 1, unit norm -> /sqrt(8)
        assert m.at["H", "eigenvector"] == pytest.approx(2 / math.sqrt(8))
        assert m.at["a", "eigenvector"] == pytest.approx(1 / math.sqrt(8))
        # PageRank: h = .03 + .85*4l, l = .03 + .85*h/4  ->  h = .132/.2775 (networkx
        # stops its power iteration at tol 1e-6 per node, hence abs=1e-5)
        assert m.at["H", "pagerank"] == pytest.approx(0.132 / 0.2775, abs=1e-5)
        assert m.at["a", "pagerank"] == pytest.approx((1 - 0.132 / 0.2775) / 4, abs=1e-5)

    def test_networkx(self, g):
        assert_matches_networkx(g, measures(g))


class TestPath:
    """a -> b -> c -> d with counts 1, 2, 1 (distances 1, 0.5, 1)."""

    @pytest.fixture
    def g(self):
        return digraph([("a", "b", 1), ("b", "c", 2), ("c", "d", 1)])

    def test_by_hand(self, g):
        m = measures(g)
        # b is on (a,c), (a,d); c on (a,d), (b,d): 2 / ((4-1)(4-2)) each
        assert list(m["betweenness"]) == pytest.approx([0, 1 / 3, 1 / 3, 0])
        # incoming closeness, reach/total * reach/(n-1):
        # a: nobody reaches it; b: a at 1; c: b .5, a 1.5; d: c 1, b 1.5, a 2.5
        assert list(m["closeness"]) == pytest.approx([0, 1 / 3, (2 / 2) * (2 / 3), 3 / 5])
        assert list(m["degree"]) == [1, 2, 2, 1]
        assert list(m["in_strength"]) == [0, 1, 2, 1]
        assert list(m["out_strength"]) == [1, 2, 1, 0]
        # undirected path weights 1,2,1: vector (x, y, y, x), lambda = 1 + sqrt 2,
        # x = y / lambda; y = 1 -> norm sqrt(2 (1 + x^2))
        x = 1 / (1 + math.sqrt(2))
        norm = math.sqrt(2 * (1 + x * x))
        assert list(m["eigenvector"]) == pytest.approx([x / norm, 1 / norm, 1 / norm, x / norm])

    def test_networkx(self, g):
        assert_matches_networkx(g, measures(g))


class TestTwoHubs:
    """Hubs P and Q (count 4 both ways), P with leaves p1, p2, Q with q1, q2 (count 1)."""

    @pytest.fixture
    def g(self):
        return digraph(
            both_ways(
                [("P", "Q", 4), ("P", "p1", 1), ("P", "p2", 1), ("Q", "q1", 1), ("Q", "q2", 1)]
            )
        )

    def test_by_hand(self, g):
        m = measures(g)
        # P is on: p1,p2 -> Q,q1,q2 (6), back (6), p1 <-> p2 (2): 14 / (5*4)
        assert m.at["P", "betweenness"] == pytest.approx(0.7)
        assert m.at["Q", "betweenness"] == pytest.approx(0.7)
        assert m.at["p1", "betweenness"] == 0
        assert m.at["P", "degree"] == 3
        assert m.at["P", "strength"] == 12
        # hubs first by every measure
        for col in ("closeness", "eigenvector", "pagerank"):
            assert m.at["P", col] > m.at["p1", col]
            assert m.at["P", col] == pytest.approx(m.at["Q", col])

    def test_networkx(self, g):
        assert_matches_networkx(g, measures(g))


class TestDisconnected:
    def test_pieces_and_isolated_city(self):
        # pair A<->B (undirected weight 2, lambda 2), triangle x,y,z (weight 2, lambda 4),
        # isolated Z
        g = digraph(
            both_ways([("A", "B", 1), ("x", "y", 1), ("y", "z", 1), ("z", "x", 1)]), nodes=["Z"]
        )
        frame, info = centrality(g)
        m = frame.set_index("city_id")
        assert_matches_networkx(g, m, eigen=False)
        n = 6
        # A is reached by B only, at 1: (1/1) * 1/(n-1)
        assert m.at["A", "closeness"] == pytest.approx(1 / (n - 1))
        assert (
            m.loc["Z", ["degree", "strength", "betweenness", "closeness", "eigenvector"]] == 0
        ).all()
        # eigenvector concentrates on the triangle (larger leading eigenvalue)
        assert list(m.loc[["x", "y", "z"], "eigenvector"]) == pytest.approx([1 / math.sqrt(3)] * 3)
        assert m.at["A", "eigenvector"] == pytest.approx(0, abs=1e-12)
        assert any("disconnected" in w for w in info["warnings"])

    def test_equal_pieces_leave_eigenvector_empty(self):
        g = digraph(both_ways([("A", "B", 1), ("C", "D", 1)]))
        frame, info = centrality(g)
        assert frame["eigenvector"].isna().all()
        assert any("not defined" in w for w in info["warnings"])
        assert frame["pagerank"].notna().all()  # the rest is unaffected


class TestTiny:
    def test_single_node(self):
        g = digraph([], nodes=["solo"])
        frame, info = centrality(g)
        row = frame.iloc[0]
        assert row["city_id"] == "solo"
        assert row["degree"] == 0 and row["strength"] == 0
        assert row["betweenness"] == 0 and row["closeness"] == 0 and row["eigenvector"] == 0
        assert row["pagerank"] == pytest.approx(1.0)
        assert info["warnings"] == []

    def test_empty_graph(self):
        frame, info = centrality(nx.DiGraph())
        assert list(frame.columns) == list(MEASURE_COLUMNS)
        assert len(frame) == 0
        assert info["nodes"] == 0

    def test_two_nodes(self):
        g = digraph([("a", "b", 2)])
        m = measures(g)
        assert list(m["betweenness"]) == [0, 0]
        assert list(m["closeness"]) == pytest.approx([0, 2.0])  # a at 0.5 from b
        assert list(m["eigenvector"]) == pytest.approx([1 / math.sqrt(2)] * 2)


# --------------------------------------------------------------------------- random, scale


def random_digraph(n, m, seed):
    rnd = random.Random(seed)
    g = nx.gnm_random_graph(n, m, directed=True, seed=seed)
    out = digraph([(a, b, rnd.choice([1, 1, 2, 2, 4, 8])) for a, b in g.edges], nodes=g.nodes)
    return out


@pytest.mark.parametrize("n, m, seed", [(12, 30, 1), (40, 120, 2), (80, 200, 3), (150, 900, 4)])
def test_random_graphs_match_networkx(n, m, seed):
    g = random_digraph(n, m, seed)
    frame = measures(g)
    connected = nx.is_connected(g.to_undirected())
    assert_matches_networkx(g, frame, eigen=connected)


def test_estimated_betweenness_is_the_pivot_estimate():
    g = random_digraph(120, 500, 5)
    frame, info = centrality(g, exact_limit=100, k_pivots=30, seed=11)
    assert info["betweenness_estimated"] is True
    assert info["pivots"] == 30
    # Reference on any networkx: Brandes from the same 30 sources to every target,
    # rescaled by n/k and normalised like betweenness_centrality(normalized=True).
    pivots = random.Random(11).sample(list(g.nodes), 30)
    n = g.number_of_nodes()
    sums = nx.betweenness_centrality_subset(
        g, sources=pivots, targets=list(g), weight="distance", normalized=False
    )
    ref = {v: sums[v] * n / 30 / ((n - 1) * (n - 2)) for v in g}
    m = frame.set_index("city_id")
    for v in g:
        assert m.at[v, "betweenness"] == pytest.approx(ref[v], abs=1e-12)
    # closeness stays exact
    cl = nx.closeness_centrality(g, distance="distance")
    assert all(m.at[v, "closeness"] == pytest.approx(cl[v]) for v in g)
    _, exact_info = centrality(g)
    assert exact_info["betweenness_estimated"] is False


def test_networkx_fallback_without_scipy(monkeypatch):
    g = random_digraph(30, 90, 6)
    expected = measures(g)
    import builtins

    real_import = builtins.__import__

    def no_scipy(name, *args, **kwargs):
        if name.startswith(("scipy", "igraph")):
            raise ImportError("no scipy here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_scipy)
    frame, info = centrality(g)
    monkeypatch.undo()
    got = frame.set_index("city_id")
    assert np.allclose(got["betweenness"], expected["betweenness"])
    assert np.allclose(got["closeness"], expected["closeness"])
    assert any("scipy" in w for w in info["warnings"])


# --------------------------------------------------------------------------- failures


def test_eigenvector_failure_gives_nan_and_warning(monkeypatch):
    g = digraph(both_ways([("H", leaf, 1) for leaf in "abc"]))

    def broken(*args, **kwargs):
        raise np.linalg.LinAlgError("Eigenvalues did not converge")

    monkeypatch.setattr(network.np.linalg, "eigh", broken)
    frame, info = centrality(g)
    assert frame["eigenvector"].isna().all()
    assert any("did not converge" in w for w in info["warnings"])
    assert frame["betweenness"].notna().all()


def test_pagerank_failure_gives_nan_and_warning(monkeypatch):
    g = digraph([("a", "b", 1)])

    def broken(*args, **kwargs):
        raise nx.PowerIterationFailedConvergence(100)

    monkeypatch.setattr(nx, "pagerank", broken)
    frame, info = centrality(g)
    assert frame["pagerank"].isna().all()
    assert any("PageRank" in w for w in info["warnings"])


def test_progress_and_cancel():
    g = random_digraph(50, 150, 7)
    seen = []
    centrality(g, progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)
    with pytest.raises(Cancelled):
        centrality(g, is_cancelled=lambda: True)
    calls = []

    def cancel_later():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        centrality(g, is_cancelled=cancel_later)


# --------------------------------------------------------------------------- build_graph


@pytest.fixture
def cities():
    return pd.DataFrame(
        {
            "city_id": ["bj", "sh", "wh", "my", "ny", "ld"],
            "name": ["Beijing", "Shanghai", "Wuhan", "Mianyang", "New York", "London"],
            "country": ["CN", "CN", "CN", "CN", "US", "GB"],
        }
    )


@pytest.fixture
def flows():
    return pd.DataFrame(
        {
            "origin_id": ["ny", "ny", "ld", "bj", "bj", "sh", "bj", "ny", "bj"],
            "dest_id": ["bj", "bj", "sh", "sh", "sh", "wh", "ny", "ld", "bj"],
            "flow_type": [
                "backflow",
                "backflow",
                "backflow",
                "onward",
                "domestic",
                "onward",
                "outbound",
                "abroad",
                "onward",
            ],
            "count": [3, 2, 4, 1, 2, 1, 6, 1, 5],
        }
    )


class TestBuildGraph:
    def test_domestic_scope(self, flows, cities):
        g = build_graph(flows, cities)
        # every domestic city, Mianyang isolated; no foreign city, no self-loop
        assert set(g.nodes) == {"bj", "sh", "wh", "my"}
        assert g.degree("my") == 0
        assert set(g.edges) == {("bj", "sh"), ("sh", "wh")}
        assert g["bj"]["sh"]["weight"] == 3  # onward 1 + domestic 2, summed
        assert g["bj"]["sh"]["distance"] == pytest.approx(1 / 3)
        assert g.graph["dropped"]["self_loop"] == 1
        assert g.graph["dropped"]["outside_scope"] == 5
        assert g.nodes["bj"]["name"] == "Beijing" and g.nodes["bj"]["domestic"] is True

    def test_all_scope_and_flow_types(self, flows, cities):
        g = build_graph(flows, cities, flow_types=["backflow"], scope="all")
        assert set(g.nodes) == {"bj", "sh", "wh", "my", "ny", "ld"}
        assert set(g.edges) == {("ny", "bj"), ("ld", "sh")}
        assert g["ny"]["bj"]["weight"] == 5
        assert g.nodes["ny"]["domestic"] is False

    def test_domestic_column_wins_over_country(self, flows, cities):
        c = cities.assign(domestic=["true", "yes", "1", "false", "no", "0"])
        g = build_graph(flows, c, home_country="US")
        assert set(g.nodes) == {"bj", "sh", "wh"}

    def test_home_country(self, flows, cities):
        g = build_graph(flows, cities, home_country="us", scope="domestic")
        assert set(g.nodes) == {"ny"}

    def test_numeric_ids_match_text_ids(self):
        cities = pd.DataFrame({"city_id": [1, 2, 3], "country": ["CN"] * 3})
        flows = pd.DataFrame(
            {
                "origin_id": ["1", "2"],
                "dest_id": [2.0, 3.0],
                "flow_type": ["onward"] * 2,
                "count": [1, 2],
            }
        )
        g = build_graph(flows, cities)
        assert set(g.edges) == {("1", "2"), ("2", "3")}

    def test_bad_counts_dropped(self, cities):
        flows = pd.DataFrame(
            {
                "origin_id": ["bj", "bj", "sh"],
                "dest_id": ["sh", "wh", "wh"],
                "flow_type": ["onward"] * 3,
                "count": [0, None, 2],
            }
        )
        g = build_graph(flows, cities)
        assert set(g.edges) == {("sh", "wh")}
        assert g.graph["dropped"]["non_positive"] == 2

    def test_errors(self, flows, cities):
        with pytest.raises(BackflowInputError, match="scope"):
            build_graph(flows, cities, scope="world")
        with pytest.raises(BackflowInputError, match="count"):
            build_graph(flows.drop(columns="count"), cities)
        with pytest.raises(BackflowInputError, match="domestic"):
            build_graph(flows, cities.drop(columns="country"))
        with pytest.raises(BackflowInputError, match="domestic column"):
            build_graph(flows, cities.assign(domestic="maybe"))

    def test_network_measures_end_to_end(self, flows, cities):
        frame, info = network.network_measures(flows, cities)
        m = frame.set_index("city_id")
        assert m.at["sh", "betweenness"] == pytest.approx(1 / 6)  # bj -> sh -> wh, n = 4
        assert m.at["my", "degree"] == 0
        assert info["dropped"]["self_loop"] == 1
