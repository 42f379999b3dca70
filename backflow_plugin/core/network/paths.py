"""Shortest paths of the city network: betweenness (Brandes) and incoming closeness in
one sweep, in C (scipy's Dijkstra, or python-igraph where installed) or networkx without
scipy; eigenvector centrality. What the measures mean: ``graph.py``.

Shortest paths run in C (scipy's Dijkstra) and Brandes' accumulation is
vectorised over blocks of sources, so a few thousand cities take seconds. Above
``exact_limit`` nodes betweenness is estimated from ``k_pivots`` source cities
drawn with ``random.Random(seed).sample`` (over the graph's node order), their
dependencies summed over every target and rescaled by n/k (Brandes and Pich's
pivot estimate; networkx 2.x's ``betweenness_centrality(k=...)`` gives the same
figures, 3.5+ rescales by another factor), and ``info["betweenness_estimated"]``
is True. Closeness stays exact. The pivots are taken as two halves; how far the
two half-estimates disagree gives ``info["betweenness_error"]``, the relative
standard error of the estimated column (L2 norm). Where python-igraph is
installed the shortest paths run in igraph (``info["backend"]``), else scipy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..errors import CoreWarning
from ..messages import M

if TYPE_CHECKING:  # networkx is imported where a graph is made: loading the plugin skips it
    import networkx as nx


def _undirected_weights(g: nx.DiGraph) -> nx.Graph:
    """Undirected graph whose edge weight is the sum of both directions' weights."""
    import networkx as nx

    u = nx.Graph()
    u.add_nodes_from(g.nodes)
    for a, b, w in g.edges(data="weight", default=1.0):
        if u.has_edge(a, b):
            u[a][b]["weight"] += w
        else:
            u.add_edge(a, b, weight=w)
    return u


def edge_arrays(g: nx.DiGraph, index: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    src, dst, dist = [], [], []
    for a, b, data in g.edges(data=True):
        if a == b:
            continue
        d = data.get("distance")
        if d is None:
            w = data.get("weight", 1.0)
            d = 1.0 / w if w and w > 0 else np.inf
        if not np.isfinite(d) or d <= 0:
            continue
        src.append(index[a])
        dst.append(index[b])
        dist.append(float(d))
    return (
        np.asarray(src, dtype=np.int64),
        np.asarray(dst, dtype=np.int64),
        np.asarray(dist, dtype=float),
    )


def load_igraph():
    try:
        import igraph
    except ImportError:
        return None
    return igraph


REACH_BY_COMPONENTS_UP_TO = 50_000  # cities; bitsets of n bits per pending component


def _reach(n: int, src: np.ndarray, dst: np.ndarray, membership: Sequence[int]) -> np.ndarray:
    """For every node, how many other nodes reach it (incoming reach), exactly.

    Within a strongly connected component every node reaches every other, so a node's
    reach is its component's size - 1 plus the nodes of the components upstream of it.
    Those are collected as bitsets (Python ints over the nodes, renumbered so that each
    component's nodes are contiguous) in topological order of the condensation: one
    pass over the links instead of one search per node. For outgoing reach, pass the
    links reversed.
    """
    comp = np.asarray(membership, dtype=np.int64)
    k = int(comp.max()) + 1 if n else 0
    size = np.bincount(comp, minlength=k)
    start = np.concatenate([[0], np.cumsum(size)[:-1]])
    cs, cd = comp[src], comp[dst]
    cross = cs != cd
    pairs = np.unique(np.column_stack([cs[cross], cd[cross]]), axis=0)
    order = np.argsort(pairs[:, 0], kind="stable")
    heads = pairs[order, 1].tolist()
    first = np.searchsorted(pairs[order, 0], np.arange(k + 1)).tolist()
    waiting = np.bincount(pairs[:, 1], minlength=k).tolist()
    above = [0] * k  # bitset of the nodes upstream of each component
    ready = [c for c in range(k) if waiting[c] == 0]
    sizes, starts = size.tolist(), start.tolist()
    while ready:  # Kahn's topological order over the condensation
        c = ready.pop()
        carry = above[c] | (((1 << sizes[c]) - 1) << starts[c])
        for d in heads[first[c] : first[c + 1]]:
            above[d] |= carry
            waiting[d] -= 1
            if waiting[d] == 0:
                if first[d] == first[d + 1]:  # nothing downstream: count it now, keep no bitset
                    above[d] = bin(above[d]).count("1") + sizes[d] - 1
                else:
                    ready.append(d)
        above[c] = bin(above[c]).count("1") + sizes[c] - 1  # done: keep only the count
    return np.asarray(above, dtype=float)[comp] if n else np.zeros(0)


def _leaf_sources(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """For every node that no link reaches and that has one outgoing link (a city people
    only leave, to one place), the node that link goes to; -1 for the others."""
    leaf = (np.bincount(dst, minlength=n) == 0) & (np.bincount(src, minlength=n) == 1)
    parent = np.full(n, -1, dtype=np.int64)
    one = leaf[src]
    parent[src[one]] = dst[one]
    return parent


def _igraph_betweenness(g, n, weights, sources, parent, reach_out) -> np.ndarray:
    """Brandes' dependencies summed over ``sources`` (unscaled), by igraph.

    A source with no incoming link and one outgoing link (to p) reaches every city
    through p: its dependencies are p's, plus one on p for every city p reaches. So
    such sources are counted as one more copy of p, and sources with the same number
    of copies are handed to igraph together: one Dijkstra per distinct city instead of
    one per source.
    """
    sources = np.asarray(sources, dtype=np.int64)
    is_leaf = parent[sources] >= 0
    copies = np.bincount(sources[~is_leaf], minlength=n) + np.bincount(
        parent[sources[is_leaf]], minlength=n
    )
    out = np.zeros(n)
    if len(sources) == n and not is_leaf.any():
        return np.asarray(g.betweenness(directed=True, weights=weights), dtype=float)
    for times in np.unique(copies[copies > 0]).tolist():
        group = np.flatnonzero(copies == times).tolist()
        part = g.betweenness(directed=True, weights=weights, sources=group)
        out += times * np.asarray(part, dtype=float)
    out += np.bincount(parent[sources[is_leaf]], minlength=n) * reach_out
    return out


def igraph_paths(
    igraph, n, src, dst, dist, halves, tick, previous: bool = False
) -> tuple[list, np.ndarray]:
    """Betweenness sums (one per group of sources, unscaled) and incoming closeness, by igraph.

    Same definitions as the scipy path: distance = 1/count, directed; closeness from
    the cities that reach the city, Wasserman-Faust scaled. Two Dijkstra sweeps in C
    (betweenness from every source, closeness into every target); the reach that
    scales closeness comes from the strongly connected components (:func:`_reach`).
    ``previous=True`` runs the earlier way (one igraph call per half, reach by a search
    from every city): the benchmark's baseline and the tests' reference.
    """
    g = igraph.Graph(n=n, edges=np.column_stack([src, dst]).tolist(), directed=True)
    weights = dist.tolist()
    fast = not previous and n <= REACH_BY_COMPONENTS_UP_TO
    if fast:
        membership = g.connected_components(mode="strong").membership
        reach = _reach(n, src, dst, membership)
        parent = _leaf_sources(n, src, dst)
        reach_out = _reach(n, dst, src, membership) if (parent >= 0).any() else np.zeros(n)
    parts = []
    for i, sources in enumerate(halves):
        if fast:
            parts.append(_igraph_betweenness(g, n, weights, sources, parent, reach_out))
        elif len(sources) == n:
            parts.append(np.asarray(g.betweenness(directed=True, weights=weights), dtype=float))
        else:
            parts.append(
                np.asarray(
                    g.betweenness(directed=True, weights=weights, sources=sources.tolist()),
                    dtype=float,
                )
            )
        tick(int(n * 0.8 * (i + 1) / len(halves)))
    if not fast:
        reach = np.asarray(g.neighborhood_size(order=n, mode="in", mindist=1), dtype=float)
    closeness = np.asarray(g.closeness(mode="in", weights=weights, normalized=True), dtype=float)
    closeness = np.nan_to_num(closeness) * reach / max(n - 1, 1)
    tick(n)
    return parts, closeness


def scipy_paths(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    dist: np.ndarray,
    halves: list[np.ndarray],
    tick: Callable[[int], None],
) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """Shortest-path sweep from every node.

    Returns (betweenness sums over each group of sources in ``halves`` -- unscaled --, incoming
    distance totals, incoming reach counts). Dijkstra distances come from scipy; path
    counts (sigma) and dependencies (delta) of Brandes' algorithm are propagated over
    the shortest-path DAG of a block of sources at once (Jacobi sweeps until nothing
    changes, i.e. as many sweeps as the DAG is deep). Two paths tie when their
    lengths agree to 1e-10 relative.
    """
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    m = src.size
    parts = [np.zeros(n) for _ in halves]
    in_total = np.zeros(n)
    in_reach = np.zeros(n, dtype=np.int64)
    if n == 0:
        return parts, in_total, in_reach
    adj = csr_matrix((dist, (src, dst)), shape=(n, n))
    group = np.full(n, -1)
    for i, sources in enumerate(halves):
        group[sources] = i
    block = int(max(1, min(n, 2_000_000 // max(m, n, 1))))
    done = 0
    for start in range(0, n, block):
        rows = np.arange(start, min(n, start + block))
        d = np.atleast_2d(dijkstra(adj, directed=True, indices=rows))
        finite = np.isfinite(d)
        # closeness (incoming): column sums over sources other than the target
        finite[np.arange(rows.size), rows] = False
        in_reach += finite.sum(axis=0)
        in_total += np.where(finite, d, 0.0).sum(axis=0)

        for i, part in enumerate(parts):
            sel = group[rows] == i
            if sel.any() and m:
                part += _brandes_block(n, src, dst, dist, rows[sel], d[sel])
        done += rows.size
        tick(done)
    return parts, in_total, in_reach


def _brandes_block(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    dist: np.ndarray,
    sources: np.ndarray,
    d: np.ndarray,
) -> np.ndarray:
    """Brandes' dependencies summed over a block of sources, given their distances.

    The shortest-path DAG of source i holds the edges (u, v) with d[i,u] + w = d[i,v];
    they are flattened into one index space (i*n + node) so that path counts and
    dependencies propagate with ``np.bincount`` over the DAG edges only.
    """
    b = sources.size
    du, dv = d[:, src], d[:, dst]
    with np.errstate(invalid="ignore"):  # inf - inf for unreachable tails
        gap = du + dist - dv
        tight = np.abs(gap) <= 1e-10 * dv
    ii, ee = np.nonzero(tight)
    del du, dv, gap, tight
    ts = ii * n + src[ee]  # flat index of the edge's tail
    td = ii * n + dst[ee]  # ... and head
    size = b * n
    base = np.zeros(size)
    base[np.arange(b) * n + sources] = 1.0
    sigma = base
    for _ in range(n + 1):  # as many sweeps as the DAG is deep
        new = base + np.bincount(td, weights=sigma[ts], minlength=size)
        if np.array_equal(new, sigma):
            break
        sigma = new
    ratio = sigma[ts] / sigma[td]
    delta = np.zeros(size)
    for _ in range(n + 1):
        new = np.bincount(ts, weights=ratio * (1.0 + delta[td]), minlength=size)
        if np.array_equal(new, delta):
            break
        delta = new
    delta[np.arange(b) * n + sources] = 0.0
    return delta.reshape(b, n).sum(axis=0)


def networkx_paths(g: nx.DiGraph, nodes: list, pivots: list | None, seed: int) -> tuple[dict, dict]:
    """Fallback without scipy: networkx's reference functions (no inner progress)."""
    import networkx as nx

    h = nx.DiGraph()
    h.add_nodes_from(nodes)
    for a, b, d in g.edges(data=True):
        if a != b:
            dist = d.get("distance", 1.0 / d.get("weight", 1.0))
            h.add_edge(a, b, distance=dist)
    k = None if pivots is None else len(pivots)  # same sample: same nodes, same seed
    bc = nx.betweenness_centrality(h, k=k, seed=seed, weight="distance", normalized=True)
    cl = nx.closeness_centrality(h, distance="distance", wf_improved=True)
    return bc, cl


DENSE_EIGEN_UP_TO = 500  # linked cities


def eigenvector(g: nx.DiGraph, nodes: list, warnings: list[str]) -> np.ndarray:
    import networkx as nx

    out = np.zeros(len(nodes))
    u = _undirected_weights(g)
    u.remove_edges_from(list(nx.selfloop_edges(u)))
    linked = [v for v in nodes if u.degree(v) > 0]
    if not linked:
        return out
    pos = {v: i for i, v in enumerate(linked)}
    k = len(linked)
    rows, cols, vals = [], [], []
    for a, b, w in u.edges(data="weight"):
        rows += [pos[a], pos[b]]
        cols += [pos[b], pos[a]]
        vals += [w, w]
    try:
        # Dense only for small networks: at 2,000 cities the dense solver takes seconds
        # where ARPACK's two leading pairs take milliseconds (same vector to 1e-14).
        if k <= DENSE_EIGEN_UP_TO:
            a = np.zeros((k, k))
            a[rows, cols] = np.asarray(vals, dtype=float)
            evals, evecs = np.linalg.eigh(a)
            lead, second = evals[-1], evals[-2] if k > 1 else -np.inf
            vec = evecs[:, -1]
        else:
            from scipy.sparse import csr_matrix
            from scipy.sparse.linalg import eigsh

            a = csr_matrix((np.asarray(vals, dtype=float), (rows, cols)), shape=(k, k))
            evals, evecs = eigsh(a, k=2, which="LA", maxiter=max(1000, 50 * k), tol=1e-10)
            order = np.argsort(evals)
            lead, second = evals[order[-1]], evals[order[-2]]
            vec = evecs[:, order[-1]]
    except Exception as exc:  # ArpackNoConvergence, LinAlgError...: report, never crash
        warnings.append(CoreWarning(M("warning.network.eigenvector_no_convergence", exc=exc)))
        return np.full(len(nodes), np.nan)
    if lead - second <= 1e-9 * max(abs(lead), 1.0):
        warnings.append(CoreWarning(M("warning.network.eigenvector_undefined")))
        return np.full(len(nodes), np.nan)
    vec = vec * np.sign(vec.sum())
    vec = np.where(np.abs(vec) < 1e-12, 0.0, vec)
    vec = vec / np.linalg.norm(vec)
    index = {v: i for i, v in enumerate(nodes)}
    for v, x in zip(linked, vec):
        out[index[v]] = x
    if nx.number_connected_components(u.subgraph(linked)) > 1:
        warnings.append(CoreWarning(M("warning.network.disconnected")))
    return out
