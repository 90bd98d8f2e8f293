"""Which part of the graph one explorer view draws: all of it, the neighbourhood of some entities,
or the entities on the paths between two, never more than the node cap.

When a view is larger than the cap, the nodes nearest the focus (then the best connected) stay,
so a trimmed view still shows the story around what the reader asked about.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from nutrikg.graph.read.network import NetworkView, Pathway, find_paths

EdgeKey = tuple[str, str, str]  # (subject IRI, object IRI, predicate local name)


@dataclass(frozen=True)
class Selection:
    """The nodes and edges one view draws, and whether the cap trimmed it."""

    nodes: list[str]
    edges: list[EdgeKey]
    focus: list[str] = field(default_factory=list)
    total_nodes: int = 0
    truncated: bool = False
    paths: list[Pathway] = field(default_factory=list)


def select_all(view: NetworkView, cap: int) -> Selection:
    """The whole graph, best connected nodes first when it has to be trimmed.

    Ordered as the JSON API's /graph orders it (degree, then IRI), so both trim alike.
    """
    net = view.net
    ranked = sorted(net.nodes, key=lambda n: (-net.degree(n), n))
    return _trimmed(view, ranked, cap, [])


def select_neighbourhood(view: NetworkView, centers: Iterable[str], depth: int, cap: int) -> Selection:
    """Entities within `depth` hops (either direction) of any center, nearest first (then best
    connected, then by IRI, as the JSON API's /neighbourhood orders them)."""
    focus = list(dict.fromkeys(centers))
    distance = _distances(view, focus, depth)
    ranked = sorted(distance, key=lambda n: (distance[n], _degree(view, n), n))
    return _trimmed(view, ranked, cap, focus)


def select_paths(
    view: NetworkView,
    source: str,
    target: str,
    max_hops: int,
    causal_only: bool,
    cap: int,
    limit: int = 10,
) -> Selection:
    """The entities on the paths from `source` to `target` (just the two ends when none)."""
    found = find_paths(view, source, target, max_hops, causal_only, limit)
    ordered: dict[str, None] = dict.fromkeys(n for n in (source, target) if n in view.net)
    for path in found:
        ordered.update(dict.fromkeys(path.nodes))
    chosen = _trimmed(view, list(ordered), cap, list(ordered)[:2])
    kept = set(chosen.nodes)
    paths = [p for p in found if kept.issuperset(p.nodes)]
    return Selection(chosen.nodes, chosen.edges, chosen.focus, chosen.total_nodes, chosen.truncated, paths)


def _degree(view: NetworkView, node: str) -> int:
    return -view.net.degree(node) if node in view.net else 0


def _distances(view: NetworkView, centers: list[str], depth: int) -> dict[str, int]:
    """Hops from the nearest center; a center in no relation is still drawn, alone."""
    undirected = view.net.to_undirected(as_view=True)
    best: dict[str, int] = {}
    for center in centers:
        if center not in view.net:
            best[center] = 0
            continue
        reach = nx.single_source_shortest_path_length(undirected, center, cutoff=depth)
        for node, hops in reach.items():
            best[node] = min(hops, best.get(node, hops))
    return best


def _trimmed(view: NetworkView, ranked: list[str], cap: int, focus: list[str]) -> Selection:
    kept = ranked[:cap]
    # A subgraph view walks only the kept nodes' adjacency, not every edge of the graph.
    inside = view.net.subgraph(n for n in kept if n in view.net)
    edges = sorted((u, v, str(k)) for u, v, k in inside.edges(keys=True))
    return Selection(kept, edges, focus, len(ranked), len(ranked) > cap)
