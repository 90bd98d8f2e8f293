"""Mechanism paths between two entities, and network views for the explorer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, cast

import networkx as nx
from fastapi import APIRouter, Path, Query

from nutrikg.api.deps import KGDep, SettingsDep
from nutrikg.api.models import (
    Hop,
    MechanismPath,
    NetEdge,
    NetNode,
    Network,
    PathList,
    SignName,
)
from nutrikg.graph.identifiers import to_curie
from nutrikg.graph.read.describe import path_summary, predicate_words
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.network import EvidenceRef, Pathway, find_paths
from nutrikg.graph.read.per_graph import hop_belief, term_ref
from nutrikg.graph.read.queries import InvalidParameter, resolve_entity, resolve_entity_param
from nutrikg.graph.read.records import TermRef

router = APIRouter(prefix="/api/v1", tags=["paths"])
CAUSAL_ONLY = "False: also through non-causal relations (associatedWith, synergizesWith...)."
NODE_CAP = "Most nodes drawn (the service's viz_node_cap caps it too)."


@router.get("/paths", summary="Chains of relations from one entity to another")
def get_paths(
    kg: KGDep,
    source: Annotated[
        str, Query(max_length=500, description="CURIE, IRI or label.", examples=["vitamin K2"])
    ],
    target: Annotated[str, Query(max_length=500, description="CURIE, IRI or label.", examples=["artery"])],
    max_hops: Annotated[int, Query(description="Longest path, in hops (1..6).")] = 4,
    causal_only: Annotated[bool, Query(description=CAUSAL_ONLY)] = True,
    limit: Annotated[int, Query(ge=1, le=100, description="Most paths answered.")] = 10,
) -> PathList:
    """Directed paths, shortest and best supported first, each hop with its sentences, the
    composed sign and a one-line summary.

    Raises UnknownEntity (404) for an unknown source or target, InvalidParameter (400) when
    max_hops is not 1..6.
    """
    _check_range("max_hops", max_hops, 1, 6)
    start = _resolved(kg, "source", source)
    end = _resolved(kg, "target", target)
    found = find_paths(kg.view, start, end, max_hops, causal_only, limit)
    paths = [_path_model(kg, path) for path in found]
    return PathList(source=_term(kg, start), target=_term(kg, end), total=len(paths), paths=paths)


@router.get("/neighbourhood/{term:path}", summary="Entities near one entity, for drawing")
def get_neighbourhood(
    kg: KGDep,
    settings: SettingsDep,
    term: Annotated[str, Path(description="A CURIE, IRI, label or synonym.", examples=["osteocalcin"])],
    depth: Annotated[int, Query(description="Relations away from the term (1..3).")] = 1,
    limit: Annotated[int, Query(ge=1, description=NODE_CAP)] = 300,
) -> Network:
    """Entities within `depth` (1..3) relations of `term`, either direction, nearest first,
    capped at `min(limit, viz_node_cap)` nodes (`truncated` says so).

    Raises UnknownEntity (404) for an unknown term, InvalidParameter (400) for a bad depth.
    """
    _check_range("depth", depth, 1, 3)
    center = resolve_entity(kg, term)
    net = kg.view.net
    if center not in net:
        return _network(kg, [center], 1)
    undirected = net.to_undirected(as_view=True)
    reach = nx.single_source_shortest_path_length(undirected, center, cutoff=depth)
    ordered = sorted(reach, key=lambda node: (reach[node], -net.degree(node), node))
    return _network(kg, ordered, min(limit, settings.viz_node_cap))


@router.get("/graph", summary="The whole entity network, for drawing")
def get_graph(
    kg: KGDep, settings: SettingsDep, limit: Annotated[int, Query(ge=1, description=NODE_CAP)] = 300
) -> Network:
    """Every entity in at least one asserted relation, best connected first, capped at
    `min(limit, viz_node_cap)` nodes (`truncated` says so)."""
    net = kg.view.net
    ordered = sorted(net.nodes, key=lambda node: (-net.degree(node), node))
    return _network(kg, ordered, min(limit, settings.viz_node_cap))


def _sign(value: str) -> SignName:
    return cast(SignName, value)  # a graph.model.Sign value, which SignName lists


def _check_range(param: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise InvalidParameter(param, f"must be between {low} and {high}, not {value}")


def _resolved(kg: KnowledgeGraph, param: str, term: str) -> str:
    iri = resolve_entity_param(kg, param, term)
    if iri is None:
        raise InvalidParameter(param, "give an entity")
    return iri


def _term(kg: KnowledgeGraph, iri: str) -> TermRef:
    return term_ref(kg, iri)


def _path_model(kg: KnowledgeGraph, path: Pathway) -> MechanismPath:
    hops = [
        Hop(
            subject=_term(kg, hop.subject),
            predicate=hop.predicate,
            predicate_words=predicate_words(hop.predicate),
            object=_term(kg, hop.object),
            sign=_sign(hop.sign.value),
            evidence=list(hop.evidence),
            belief=hop_belief(kg, hop),
        )
        for hop in path.hops
    ]
    return MechanismPath(hops=hops, sign=_sign(path.sign.value), summary=path_summary(kg, path))


def _network(kg: KnowledgeGraph, ordered: list[str], cap: int) -> Network:
    """The first `cap` nodes of `ordered` and every edge between them."""
    kept = ordered[:cap]
    sub = kg.view.net.subgraph(kept)
    edges = sorted(sub.edges(keys=True, data=True), key=lambda edge: edge[:3])
    return Network(
        nodes=[_node(kg, node) for node in kept],
        edges=[_edge(u, v, key, data["sign"].value, data["evidence"]) for u, v, key, data in edges],
        truncated=len(ordered) > len(kept),
        total=len(ordered),
    )


def _node(kg: KnowledgeGraph, iri: str) -> NetNode:
    record = kg.entities.get(iri)
    data = kg.view.net.nodes[iri] if iri in kg.view.net else {}
    category = record.category if record else str(data.get("category", "Entity"))
    return NetNode(id=iri, curie=to_curie(iri), label=kg.label(iri), category=category)


def _edge(u: str, v: str, key: str, sign: str, evidence: Iterable[EvidenceRef]) -> NetEdge:
    refs = list(evidence)
    return NetEdge(
        id=f"{to_curie(u)} {key} {to_curie(v)}",
        source=u,
        target=v,
        predicate=key,
        label=predicate_words(key),
        sign=_sign(sign),
        hedged=all(ref.hedged for ref in refs),
        evidence_count=len(refs),
        sources=sorted({ref.document for ref in refs}),
    )
