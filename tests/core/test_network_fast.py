"""The city network's faster igraph path (issue 17): same figures as the previous one."""

from __future__ import annotations

import functools
import random

import igraph  # optional at run time; installed for the tests (requirements-dev.txt)
import networkx as nx
import numpy as np
import pytest

from backflow_plugin.core.network import graph as network
from backflow_plugin.core.network import paths
from backflow_plugin.core.network.graph import centrality


def _migration_graph(n, m, leaves, seed, counts=(1, 1, 2, 3)):
    """A random core, cities people only leave (to one place or several), a piece
    apart, and counts 1-3 so equal-length paths (ties) are common."""
    rnd = random.Random(seed)
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for a, b in nx.gnm_random_graph(n, m, directed=True, seed=seed).edges:
        c = rnd.choice(counts)
        g.add_edge(a, b, weight=float(c), distance=1.0 / c)
    for j in range(leaves):
        for target in rnd.sample(range(n), 1 + (j % 3 == 0)):  # every third: two places
            g.add_edge(f"L{j}", target, weight=2.0, distance=0.5)
    g.add_edge("P1", "P2", weight=1.0, distance=1.0)  # a piece apart
    g.add_edge("P2", "P3", weight=1.0, distance=1.0)
    g.add_node("alone")
    return g


def _run(monkeypatch, g, previous, **kwargs):
    monkeypatch.setattr(network, "IGRAPH_FROM", 3)
    real = network.igraph_paths
    path = functools.partial(real, previous=True) if previous else real
    monkeypatch.setattr(network, "igraph_paths", path)
    frame, info = centrality(g, **kwargs)
    monkeypatch.setattr(network, "igraph_paths", real)
    assert info["backend"] == "igraph"
    return frame, info


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("limit", [5000, 80])
def test_fast_path_gives_the_previous_figures(monkeypatch, seed, limit):
    g = _migration_graph(160, 500, 40, seed)
    before, _ = _run(monkeypatch, g, True, exact_limit=limit, k_pivots=60)
    after, info = _run(monkeypatch, g, False, exact_limit=limit, k_pivots=60)
    assert info["betweenness_estimated"] is (limit < g.number_of_nodes())
    assert list(after["city_id"]) == list(before["city_id"])
    for col in ("betweenness", "closeness"):
        assert np.allclose(after[col], before[col], rtol=1e-9, atol=1e-15), col
        assert after[col].max() > 0
    # the piece apart and the lone city: nobody between, P3 reached by two cities
    row = after.set_index("city_id")
    assert row.loc["P2", "betweenness"] > 0 and row.loc["alone", "closeness"] == 0
    assert row.loc["L0", "closeness"] == 0  # nobody reaches a city people only leave


def test_fast_path_matches_networkx(monkeypatch):
    # Counts 1, 2, 4: distances are binary fractions, so path lengths add up exactly
    # and networkx (which compares lengths exactly) sees the same ties as igraph.
    g = _migration_graph(120, 400, 30, 5, counts=(1, 2, 4))
    fast, _ = _run(monkeypatch, g, False)
    bc = nx.betweenness_centrality(g, weight="distance", normalized=True)
    cl = nx.closeness_centrality(g, distance="distance", wf_improved=True)
    assert np.allclose(fast["betweenness"], [bc[v] for v in g], rtol=1e-9, atol=1e-15)
    assert np.allclose(fast["closeness"], [cl[v] for v in g], rtol=1e-9, atol=1e-15)


def test_one_link_origins_are_folded_into_the_city_they_feed(monkeypatch):
    g = _migration_graph(100, 300, 30, 7)
    seen = []
    real = igraph.Graph.betweenness

    def counting(self, *args, **kwargs):
        sources = kwargs.get("sources")
        seen.extend(range(self.vcount()) if sources is None else sources)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(igraph.Graph, "betweenness", counting)
    _run(monkeypatch, g, False)
    nodes = list(g)
    one_link = [v for v in g if g.in_degree(v) == 0 and g.out_degree(v) == 1]
    assert {f"L{j}" for j in range(30) if j % 3} <= set(one_link)  # two links: not folded
    assert not {f"L{j}" for j in range(0, 30, 3)} & set(one_link)
    assert len(seen) == len(set(seen))  # each city's sweep runs once
    assert not {nodes.index(v) for v in one_link} & set(seen)
    assert len(seen) == g.number_of_nodes() - len(one_link)


def test_reach_from_components_counts_the_cities_upstream():
    g = _migration_graph(80, 160, 20, 11)
    nodes = list(g)
    index = {v: i for i, v in enumerate(nodes)}
    src, dst, _ = paths.edge_arrays(g, index)
    membership = (
        igraph.Graph(n=len(nodes), edges=np.column_stack([src, dst]).tolist(), directed=True)
        .connected_components(mode="strong")
        .membership
    )
    reach_in = paths._reach(len(nodes), src, dst, membership)
    reach_out = paths._reach(len(nodes), dst, src, membership)
    assert reach_in.tolist() == [len(nx.ancestors(g, v)) for v in nodes]
    assert reach_out.tolist() == [len(nx.descendants(g, v)) for v in nodes]


def test_sparse_eigenvector_equals_dense(monkeypatch):
    g = _migration_graph(300, 1500, 0, 13)
    g.remove_nodes_from(["P1", "P2", "P3", "alone"])  # one piece: a unique leading vector
    monkeypatch.setattr(paths, "DENSE_EIGEN_UP_TO", 10_000)
    dense, _ = centrality(g)
    monkeypatch.setattr(paths, "DENSE_EIGEN_UP_TO", 10)
    sparse, info = centrality(g)
    assert not info["warnings"]
    assert np.allclose(dense["eigenvector"], sparse["eigenvector"], atol=1e-9)
    assert abs(np.linalg.norm(sparse["eigenvector"]) - 1.0) < 1e-12
