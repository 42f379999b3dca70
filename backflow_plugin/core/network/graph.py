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
    ``paths.py``: how the shortest paths run (scipy, igraph or networkx) and how
    betweenness is estimated above ``exact_limit`` cities.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import BackflowInputError, Cancelled, CoreWarning
from ..messages import M
from ..places.province_places import province_place_ids
from ..schema import DEFAULT_HOME_COUNTRY, MEASURES, NETWORK_SCOPES
from ..vectorise import as_bool
from .paths import edge_arrays, eigenvector, igraph_paths, load_igraph, networkx_paths, scipy_paths

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
                M("error.network.missing_column", table=table, col=col),
                column=col,
                accepted=M(
                    "error.network.missing_column.accepted", table=table, columns=", ".join(columns)
                ),
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
            M("error.network.no_domestic_column"),
            column="domestic",
            accepted=M("error.network.no_domestic_column.accepted"),
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
            M("error.network.unknown_scope"), value=scope, accepted=", ".join(NETWORK_SCOPES)
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

# igraph's import costs seconds (it loads matplotlib if present): worth it only where
# scipy's sweep would take longer.
IGRAPH_FROM = 1000  # cities


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
    igraph = load_igraph() if n >= IGRAPH_FROM else None
    if have_scipy or igraph is not None:
        src, dst, dist = edge_arrays(graph, index)
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
            parts, closeness = igraph_paths(igraph, n, src, dst, dist, halves, tick)
            info["backend"] = "igraph"
        else:
            parts, in_total, in_reach = scipy_paths(n, src, dst, dist, halves, tick)
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
        warnings.append(CoreWarning(M("warning.network.no_scipy")))
        bcd, cld = networkx_paths(graph, nodes, pivots, seed)
        bc = np.array([bcd.get(v, 0.0) for v in nodes])
        closeness = np.array([cld.get(v, 0.0) for v in nodes])
    report(0.8)

    eigen = eigenvector(graph, nodes, warnings)
    report(0.9)

    try:
        pr = nx.pagerank(graph, weight="weight") if n else {}
        pagerank = np.array([pr[v] for v in nodes], dtype=float)
    except (nx.PowerIterationFailedConvergence, ImportError) as exc:
        warnings.append(CoreWarning(M("warning.network.pagerank_failed", exc=exc)))
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
