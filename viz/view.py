"""One explorer view end to end: what was asked (focus, depth, path ends), what is drawn, and the
JSON API and SPARQL requests that give the same facts ("the query behind this view")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from nutrikg.graph.identifiers import to_curie
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.queries import resolve_entity
from nutrikg.graph.read.sparql_text import sparql_for
from nutrikg.graph.settings import Settings
from nutrikg.viz.drawing import draw
from nutrikg.viz.facts import documents
from nutrikg.viz.select import Selection, select_all, select_neighbourhood, select_paths

Json = dict[str, Any]

API = "/api/v1"
SPARQL_ENDPOINT = "/sparql"
MAX_DEPTH = 3
MAX_HOPS = 6
# The opening view tells the D3 / K2 / calcium story: the two vitamins and what they touch.
DEFAULT_FOCUS = ("vitamin_k2", "vitamin_d3")
WHOLE_GRAPH_BELOW = 40  # a graph this small is clearer drawn whole


@dataclass(frozen=True)
class ViewRequest:
    """What the reader asked to see; terms are IRIs, CURIEs or labels."""

    focus: tuple[str, ...] = ()
    depth: int = 1
    source: str | None = None
    target: str | None = None
    max_hops: int = 4
    causal_only: bool = True
    whole: bool = False

    @property
    def mode(self) -> str:
        if self.source and self.target:
            return "path"
        return "focus" if self.focus and not self.whole else "all"


def default_focus(kg: KnowledgeGraph) -> tuple[str, ...]:
    """The IRIs the opening view centres on (none when the graph is small enough to show whole)."""
    if kg.view.net.number_of_nodes() < WHOLE_GRAPH_BELOW:
        return ()
    found = []
    for name in DEFAULT_FOCUS:
        iri = f"https://w3id.org/nutrikg/{name}"
        if iri in kg.view.net:
            found.append(to_curie(iri))
    return tuple(found)


def build_view(kg: KnowledgeGraph, settings: Settings, request: ViewRequest) -> Json:
    """The drawing of one view with what the page needs around it.

    Raises UnknownEntity when a focus or path term names no entity.
    """
    cap = settings.viz_node_cap
    selection = _select(kg, request, cap)
    drawing = draw(kg, selection)
    return {
        "mode": request.mode,
        **drawing,
        "focus": [to_curie(iri) for iri in selection.focus],
        "truncated": selection.truncated,
        "total_nodes": selection.total_nodes,
        "node_cap": cap,
        "paths_found": len(selection.paths),
        "documents": [doc.as_json() for doc in documents(kg).values()],
        "query": query_behind(request, kg, selection),
    }


def _select(kg: KnowledgeGraph, request: ViewRequest, cap: int) -> Selection:
    view = kg.view
    depth = min(max(request.depth, 1), MAX_DEPTH)
    if request.mode == "path":
        assert request.source is not None and request.target is not None
        source, target = resolve_entity(kg, request.source), resolve_entity(kg, request.target)
        hops = min(max(request.max_hops, 1), MAX_HOPS)
        return select_paths(view, source, target, hops, request.causal_only, cap)
    if request.mode == "focus":
        centers = [resolve_entity(kg, term) for term in request.focus]
        return select_neighbourhood(view, centers, depth, cap)
    return select_all(view, cap)


def query_behind(request: ViewRequest, kg: KnowledgeGraph, selection: Selection) -> Json:
    """The JSON API requests and the SPARQL query behind a view."""
    return {
        "json": _api_requests(request, kg),
        "sparql": sparql_for(None if request.mode == "all" else selection.nodes),
        "sparql_endpoint": SPARQL_ENDPOINT,
    }


def _api_requests(request: ViewRequest, kg: KnowledgeGraph) -> list[str]:
    if request.mode == "path":
        assert request.source is not None and request.target is not None
        params = {
            "source": to_curie(resolve_entity(kg, request.source)),
            "target": to_curie(resolve_entity(kg, request.target)),
            "max_hops": request.max_hops,
            "causal_only": str(request.causal_only).lower(),
        }
        return [f"{API}/paths?{urlencode(params)}"]
    if request.mode == "focus":
        depth = min(max(request.depth, 1), MAX_DEPTH)
        curies = [to_curie(resolve_entity(kg, term)) for term in request.focus]
        return [f"{API}/neighbourhood/{quote(c, safe=':')}?depth={depth}" for c in curies]
    return [f"{API}/graph"]
