"""The city network: a directed graph of flows between cities, and its centralities.

Pure Python + pandas + networkx (+ scipy for the fast shortest paths); no QGIS.

Conventions
-----------
Nodes
    ``city_id`` as a string (ids from layers may arrive as numbers or strings; they
    are compared as text). Node attributes: ``name``, ``country``, ``domestic``.
Edges
    ``weight`` = the summed ``count`` of the chosen flow types from origin to
    destination; ``distance`` = 1 / weight (a strong link is a short one). Flows
    from a city to itself and flows with a count <= 0 or missing are left out (a loop
    is not a link between cities; a zero count is no flow) and counted in
    ``graph.graph["dropped"]``.
Measures (:func:`centrality`)
    ``degree``       distinct cities linked to the city, in either direction.
    ``strength``     in_strength + out_strength (summed weights).
    ``betweenness``  weighted (distance = 1/count), directed, normalised by
                     1/((n-1)(n-2)) as ``networkx.betweenness_centrality`` does.
    ``closeness``    on distance = 1/count, **incoming**: how close the others are
                     to reaching the city along the flows -- networkx's convention
                     for directed graphs, and the one that fits a study of where
                     people go to. Wasserman–Faust scaling (reach/(n-1)) so cities
                     in small pieces of a disconnected network are not inflated;
                     0 for a city nobody reaches.
    ``eigenvector``  on the undirected graph whose edge weight is the sum of both
                     directions; unit Euclidean norm, non-negative (as
                     ``networkx.eigenvector_centrality_numpy``). Cities without a
                     link get 0. When the leading eigenvector is not unique (two
                     disconnected pieces with the same leading eigenvalue) or the
                     solver does not converge, the whole column is NaN and
                     ``info["warnings"]`` says why.
    ``pagerank``     ``networkx.pagerank`` on the weighted directed graph,
                     alpha 0.85; NaN + warning if it does not converge.
Scale
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

import logging
import random
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import BackflowInputError, Cancelled, CoreWarning
from ..places.province_places import province_place_ids
from ..schema import DEFAULT_HOME_COUNTRY, MEASURES, NETWORK_SCOPES
from ..vectorise import as_bool

if TYPE_CHECKING:  # networkx is imported where a graph is made: loading the plugin skips it
    import networkx as nx

log = logging.getLogger("backflow")

MEASURE_COLUMNS = ("city_id",) + MEASURES

ProgressFn = Callable[[float], None]
CancelFn = Callable[[], bool]


def _require(df: pd.DataFrame, columns: Sequence[str], table: str) -> None:
    for col in columns:
        if col not in df.columns:
            raise BackflowInputError(
                "The {table} table has no '{col}' column",
                column=col,
                accepted="a {table} table with the columns {columns}",
                table=table,
                col=col,
                columns=", ".join(columns),
            )


def normalise_ids(series: pd.Series) -> pd.Series:
    """City ids as text; whole floats (1.0 from a layer) become '1'."""

    def one(v):
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
            return None
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v).strip()

    return series.map(one)


def _as_bool(series: pd.Series, column: str) -> pd.Series:
    return pd.Series(as_bool(series, column), index=series.index)


def domestic_flags(cities: pd.DataFrame, home_country: str = DEFAULT_HOME_COUNTRY) -> pd.Series:
    """Which cities are domestic: the ``domestic`` column when present, else
    ``country == home_country`` (case-insensitive)."""
    if "domestic" in cities.columns:
        return _as_bool(cities["domestic"], "domestic")
    if "country" not in cities.columns:
        raise BackflowInputError(
            "The cities table has neither a 'domestic' nor a 'country' column, so "
            "domestic cities cannot be told from foreign ones",
            column="domestic",
            accepted="a boolean 'domestic' column or an ISO 'country' column",
        )
    home = str(home_country).strip().upper()
    return cities["country"].fillna("").astype(str).str.strip().str.upper().eq(home)


def build_graph(
    flows: pd.DataFrame,
    cities: pd.DataFrame,
    flow_types: Iterable[str] | None = None,
    scope: str = "domestic",
    home_country: str = DEFAULT_HOME_COUNTRY,
    include_province_places: bool = False,
) -> nx.DiGraph:
    """The directed, weighted city network.

    ``flows``: origin_id, dest_id, flow_type, count (one row per pair and type, or
    several: counts are summed). ``cities``: city_id (+ name, country, domestic...).
    ``flow_types``: the types that count (None: all). ``scope``: ``"domestic"`` keeps
    the domestic cities of ``cities`` -- every one of them, linked or isolated -- and
    the flows between two of them; ``"all"`` keeps every city of ``cities`` and every
    flow (an endpoint missing from ``cities`` is added as a node with no attributes).
    ``include_province_places``: rows that name only a province (``core.places.province_places``)
    are no city: their places and flows are left out unless this is True.
    """
    import networkx as nx

    if scope not in NETWORK_SCOPES:
        raise BackflowInputError(
            "Unknown network scope", value=scope, accepted=", ".join(NETWORK_SCOPES)
        )
    _require(flows, ("origin_id", "dest_id", "count"), "flows")
    _require(cities, ("city_id",), "cities")
    if flow_types is not None and "flow_type" not in flows.columns:
        _require(flows, ("flow_type",), "flows")

    c = cities.copy()
    c["city_id"] = normalise_ids(c["city_id"])
    c = c[c["city_id"].notna()].drop_duplicates("city_id")
    c["_domestic"] = domestic_flags(c, home_country).to_numpy()

    f = pd.DataFrame(
        {
            "origin_id": normalise_ids(flows["origin_id"]),
            "dest_id": normalise_ids(flows["dest_id"]),
            "count": pd.to_numeric(flows["count"], errors="coerce"),
        }
    )
    if flow_types is not None:
        wanted = {str(t) for t in flow_types}
        f = f[flows["flow_type"].astype(str).isin(wanted).to_numpy()]
    dropped = {
        "no_city": int((f["origin_id"].isna() | f["dest_id"].isna()).sum()),
        "self_loop": 0,
        "non_positive": 0,
        "outside_scope": 0,
    }
    f = f.dropna(subset=["origin_id", "dest_id"])
    loops = f["origin_id"] == f["dest_id"]
    dropped["self_loop"] = int(loops.sum())
    f = f[~loops]
    bad = ~(f["count"] > 0)
    dropped["non_positive"] = int(bad.sum())
    f = f[~bad]
    if not include_province_places:
        prov = province_place_ids(f["origin_id"]) | province_place_ids(f["dest_id"])
        dropped["province_place"] = int(prov.sum())
        f = f[~prov.to_numpy()]
        c = c[~province_place_ids(c["city_id"]).to_numpy()]

    if scope == "domestic":
        nodes = c[c["_domestic"]]
        keep = set(nodes["city_id"])
        inside = f["origin_id"].isin(keep) & f["dest_id"].isin(keep)
        dropped["outside_scope"] = int((~inside).sum())
        f = f[inside]
    else:
        nodes = c

    g = nx.DiGraph(scope=scope, flow_types=None if flow_types is None else sorted(wanted))
    extra = [col for col in ("name", "country") if col in nodes.columns]
    columns = {col: nodes[col].tolist() for col in extra}
    for i, (city, dom) in enumerate(zip(nodes["city_id"].tolist(), nodes["_domestic"].tolist())):
        attrs = {"domestic": bool(dom)}
        for col in extra:
            val = columns[col][i]
            attrs[col] = None if pd.isna(val) else val
        g.add_node(city, **attrs)
    agg = f.groupby(["origin_id", "dest_id"], sort=True)["count"].sum()
    for (o, d), w in agg.items():
        g.add_edge(o, d, weight=float(w), distance=1.0 / float(w))
    g.graph["dropped"] = dropped
    log.debug(
        "city network: %d nodes, %d edges, dropped %s",
        g.number_of_nodes(),
        g.number_of_edges(),
        dropped,
    )
    return g


# --------------------------------------------------------------------------- measures


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


def _edge_arrays(g: nx.DiGraph, index: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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


IGRAPH_FROM = 1000  # cities


def _igraph():
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


def _igraph_paths(
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


def _paths(
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


def _paths_networkx(
    g: nx.DiGraph, nodes: list, pivots: list | None, seed: int
) -> tuple[dict, dict]:
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


def _eigenvector(g: nx.DiGraph, nodes: list, warnings: list[str]) -> np.ndarray:
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
        warnings.append(
            CoreWarning("eigenvector centrality did not converge ({exc}); left empty", exc=exc)
        )
        return np.full(len(nodes), np.nan)
    if lead - second <= 1e-9 * max(abs(lead), 1.0):
        warnings.append(
            CoreWarning(
                "eigenvector centrality is not defined for this network: disconnected parts "
                "share the same leading eigenvalue, so no unique ranking exists; left empty"
            )
        )
        return np.full(len(nodes), np.nan)
    vec = vec * np.sign(vec.sum())
    vec = np.where(np.abs(vec) < 1e-12, 0.0, vec)
    vec = vec / np.linalg.norm(vec)
    index = {v: i for i, v in enumerate(nodes)}
    for v, x in zip(linked, vec):
        out[index[v]] = x
    if nx.number_connected_components(u.subgraph(linked)) > 1:
        warnings.append(
            CoreWarning(
                "the network has several disconnected parts: eigenvector centrality "
                "concentrates on the part with the largest leading eigenvalue; cities in "
                "other parts get about 0"
            )
        )
    return out


def centrality(
    graph: nx.DiGraph,
    exact_limit: int = 5000,
    seed: int = 42,
    k_pivots: int = 500,
    progress: ProgressFn | None = None,
    is_cancelled: CancelFn | None = None,
) -> tuple[pd.DataFrame, dict]:
    """Centrality measures of every node (see the module docstring for definitions).

    Returns a DataFrame with the columns of ``MEASURE_COLUMNS`` (one row per node, in
    graph order) and ``info``: ``nodes``, ``edges``, ``betweenness_estimated``,
    ``pivots`` (the number of betweenness sources used), ``warnings`` (list of text).
    ``progress(fraction)`` is called as work advances; when ``is_cancelled()`` turns
    true, :class:`~backflow_plugin.core.errors.Cancelled` is raised.
    """
    import networkx as nx

    def report(fraction: float) -> None:
        if is_cancelled is not None and is_cancelled():
            raise Cancelled("city network measures cancelled")
        if progress is not None:
            progress(min(1.0, max(0.0, fraction)))

    nodes = list(graph.nodes)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    warnings: list[str] = []
    info: dict = {
        "nodes": n,
        "edges": graph.number_of_edges(),
        "betweenness_estimated": False,
        "pivots": n,
        "warnings": warnings,
    }
    report(0.0)

    # degree and strength
    degree = np.zeros(n, dtype=np.int64)
    in_s = np.zeros(n)
    out_s = np.zeros(n)
    for v in nodes:
        neigh = set(graph.successors(v)) | set(graph.predecessors(v))
        neigh.discard(v)
        degree[index[v]] = len(neigh)
    for a, b, w in graph.edges(data="weight", default=1.0):
        if a == b:
            continue
        out_s[index[a]] += w
        in_s[index[b]] += w
    report(0.05)

    # betweenness and closeness: one shortest-path sweep
    estimated = n > exact_limit and k_pivots < n
    if estimated:
        pivots = random.Random(seed).sample(nodes, k_pivots)
        info.update(betweenness_estimated=True, pivots=len(pivots))
        log.info("betweenness estimated from %d of %d cities (seed %s)", len(pivots), n, seed)
    else:
        pivots = None
    try:
        import scipy.sparse  # noqa: F401

        have_scipy = True
    except ImportError:
        have_scipy = False
    # igraph's import costs seconds (it loads matplotlib if present): worth it only
    # where scipy's sweep would take longer.
    igraph = _igraph() if n >= IGRAPH_FROM else None
    if have_scipy or igraph is not None:
        src, dst, dist = _edge_arrays(graph, index)
        sources = (
            np.arange(n)
            if pivots is None
            else np.asarray([index[p] for p in pivots], dtype=np.int64)
        )
        # An estimate is the sum of two independent halves of the pivots; how far the
        # halves disagree states its error.
        halves = [sources] if pivots is None else [sources[::2], sources[1::2]]
        tick = lambda done: report(0.05 + 0.75 * done / max(n, 1))  # noqa: E731
        if igraph is not None:  # C all the way (python-igraph, where installed)
            parts, closeness = _igraph_paths(igraph, n, src, dst, dist, halves, tick)
            info["backend"] = "igraph"
        else:
            parts, in_total, in_reach = _paths(n, src, dst, dist, halves, tick)
            with np.errstate(divide="ignore", invalid="ignore"):
                closeness = np.where(
                    (in_total > 0) & (n > 1),
                    in_reach / in_total * (in_reach / max(n - 1, 1)),
                    0.0,
                )
            info["backend"] = "scipy"
        if n > 2:
            scale = 1.0 / ((n - 1) * (n - 2))
            bc = sum(parts) * scale * (n / sources.size if pivots is not None else 1.0)
            if pivots is not None and len(parts) == 2 and bc.any():
                est = [p * scale * n / max(len(h), 1) for p, h in zip(parts, halves)]
                # Standard error of the mean of two halves, relative, over the column.
                info["betweenness_error"] = float(
                    np.linalg.norm(est[0] - est[1]) / (2 * np.linalg.norm(bc))
                )
        else:
            bc = np.zeros(n)
    else:
        warnings.append(CoreWarning("scipy is not installed: using networkx's slower functions"))
        bcd, cld = _paths_networkx(graph, nodes, pivots, seed)
        bc = np.array([bcd.get(v, 0.0) for v in nodes])
        closeness = np.array([cld.get(v, 0.0) for v in nodes])
    report(0.8)

    eigen = _eigenvector(graph, nodes, warnings)
    report(0.9)

    try:
        pr = nx.pagerank(graph, weight="weight") if n else {}
        pagerank = np.array([pr[v] for v in nodes], dtype=float)
    except (nx.PowerIterationFailedConvergence, ImportError) as exc:
        warnings.append(CoreWarning("PageRank could not be computed ({exc}); left empty", exc=exc))
        pagerank = np.full(n, np.nan)
    report(1.0)

    for text in warnings:
        log.warning("%s", text)
    frame = pd.DataFrame(
        {
            "city_id": pd.Series(nodes, dtype=object),
            "degree": degree,
            "strength": in_s + out_s,
            "in_strength": in_s,
            "out_strength": out_s,
            "betweenness": bc,
            "closeness": closeness,
            "eigenvector": eigen,
            "pagerank": pagerank,
        }
    )
    return frame, info


def network_measures(
    flows: pd.DataFrame,
    cities: pd.DataFrame,
    flow_types: Iterable[str] | None = None,
    scope: str = "domestic",
    home_country: str = DEFAULT_HOME_COUNTRY,
    **kwargs,
) -> tuple[pd.DataFrame, dict]:
    """``build_graph`` then ``centrality`` (kwargs go to ``centrality``); info gains
    the graph's ``dropped`` flow counts."""
    g = build_graph(flows, cities, flow_types=flow_types, scope=scope, home_country=home_country)
    frame, info = centrality(g, **kwargs)
    info["dropped"] = g.graph.get("dropped", {})
    return frame, info
