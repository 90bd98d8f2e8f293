"""TRAPI 1.5 one-hop lookups over the Biolink form of the graph (read/biolink.py).

A query graph of two nodes and one edge is answered from the claims: each knowledge-graph edge is
one claim (its sentence as `biolink:supporting_text`, its document as `biolink:publications`), and
each result (a subject-object pair) points at an auxiliary graph holding every claim behind it.
Nodes may be given by CURIE (a standard identifier or our nm: one) or by category; edges by
Biolink predicate, matched with its descendants, and answered through its inverse or, for a
symmetric predicate, in both directions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from nutrikg.graph.errors import InvalidQuery
from nutrikg.graph.read.biolink import (
    CATEGORY_ANCESTORS,
    INFORES,
    INVERSES,
    PREDICATE_ANCESTORS,
    SYMMETRIC,
    BiolinkEdge,
    BiolinkGraph,
    BiolinkNode,
    biolink_graph,
)
from nutrikg.graph.read.kg import KnowledgeGraph

TRAPI_VERSION = "1.5.0"
BIOLINK_VERSION = "4.4.4"  # the release our mappings were checked against (XREFS.md)
Json = dict[str, Any]


@dataclass(frozen=True)
class QNode:
    key: str
    ids: frozenset[str]  # node CURIEs it may bind (empty: any)
    categories: frozenset[str]  # without the biolink: prefix (empty: any)


@dataclass(frozen=True)
class QEdge:
    key: str
    subject: str
    object: str
    predicates: frozenset[str]  # without the biolink: prefix
    qualifier_sets: tuple[frozenset[tuple[str, str]], ...]  # any one set must hold in full


def meta_knowledge_graph(kg: KnowledgeGraph) -> Json:
    """The categories, identifier prefixes and (subject category, predicate, object category)
    triples the graph can answer."""
    net = biolink_graph(kg)
    prefixes: dict[str, set[str]] = defaultdict(set)
    for node in net.nodes.values():
        prefixes[f"biolink:{node.category}"].add(node.id.split(":", 1)[0])
    triples = sorted({(_category(net, e.subject), e.predicate, _category(net, e.object)) for e in net.edges})
    categories = sorted(prefixes.items())
    return {
        "nodes": {cat: {"id_prefixes": sorted(found), "attributes": None} for cat, found in categories},
        "edges": [
            {"subject": f"biolink:{s}", "predicate": f"biolink:{p}", "object": f"biolink:{o}",
             "knowledge_types": ["lookup"], "attributes": None, "qualifiers": None, "association": None}
            for s, p, o in triples
        ],
    }  # fmt: skip


def _category(net: BiolinkGraph, node_id: str) -> str:
    return net.nodes[node_id].category


def answer(kg: KnowledgeGraph, request: Json) -> Json:
    """The TRAPI response to a one-hop query; raises InvalidQuery for any other query graph."""
    query_graph = _message(request).get("query_graph")
    qnodes, qedge = _parse_query_graph(query_graph)
    net = biolink_graph(kg)
    pairs: dict[tuple[str, str], list[BiolinkEdge]] = defaultdict(list)
    for edge, forward in _matching_edges(net, qedge):
        s, o = (edge.subject, edge.object) if forward else (edge.object, edge.subject)
        if _binds(net.nodes[s], qnodes[qedge.subject]) and _binds(net.nodes[o], qnodes[qedge.object]):
            pairs[(s, o)].append(edge)
    return _response(net, query_graph, qedge, pairs)


def _message(request: Json) -> Json:
    message = request.get("message") if isinstance(request, dict) else None
    if not isinstance(message, dict):
        raise InvalidQuery("a TRAPI query needs a `message` object")
    return message


def _parse_query_graph(query_graph: object) -> tuple[dict[str, QNode], QEdge]:
    """The two nodes and the edge of a one-hop query graph."""
    if not isinstance(query_graph, dict):
        raise InvalidQuery("message.query_graph must be an object with nodes and edges")
    nodes, edges = query_graph.get("nodes"), query_graph.get("edges")
    if not isinstance(nodes, dict) or not isinstance(edges, dict) or len(nodes) != 2 or len(edges) != 1:
        raise InvalidQuery("only one-hop queries are answered: two nodes and one edge")
    qnodes = {
        key: QNode(key, _curies(value, "ids"), _curies(value, "categories")) for key, value in nodes.items()
    }
    key, body = next(iter(edges.items()))
    if not isinstance(body, dict) or body.get("subject") not in qnodes or body.get("object") not in qnodes:
        raise InvalidQuery(f"edge {key!r} must join the query graph's two nodes")
    predicates = _curies(body, "predicates") or frozenset({"related_to"})
    return qnodes, QEdge(key, body["subject"], body["object"], predicates, _qualifier_sets(body))


def _curies(body: object, field: str) -> frozenset[str]:
    """A list field of CURIEs (biolink: stripped); None or absent is the empty set."""
    values = body.get(field) if isinstance(body, dict) else None
    if values is None:
        return frozenset()
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise InvalidQuery(f"{field} must be a list of CURIEs")
    return frozenset(v.removeprefix("biolink:") if field != "ids" else v for v in values)


def _qualifier_sets(body: Json) -> tuple[frozenset[tuple[str, str]], ...]:
    sets = []
    for constraint in body.get("qualifier_constraints") or ():
        qualifiers = constraint.get("qualifier_set", []) if isinstance(constraint, dict) else []
        sets.append(
            frozenset(
                (str(q.get("qualifier_type_id", "")).removeprefix("biolink:"), str(q.get("qualifier_value")))
                for q in qualifiers
                if isinstance(q, dict)
            )
        )
    return tuple(sets)


def _matching_edges(net: BiolinkGraph, qedge: QEdge) -> Iterator[tuple[BiolinkEdge, bool]]:
    """Edges a query edge's predicates name, with whether they run in the query's direction."""
    forward = set(qedge.predicates)
    backward = {INVERSES[p] for p in qedge.predicates if p in INVERSES}
    backward |= {p for p in qedge.predicates if p in SYMMETRIC}
    for edge in net.edges:
        if not _qualified(edge, qedge.qualifier_sets):
            continue
        names = {edge.predicate, *PREDICATE_ANCESTORS.get(edge.predicate, ())}
        if names & forward:
            yield edge, True
        if names & backward and edge.subject != edge.object:
            yield edge, False


def _qualified(edge: BiolinkEdge, sets: tuple[frozenset[tuple[str, str]], ...]) -> bool:
    if not sets:
        return True
    have = {(name, value.removeprefix("biolink:")) for name, value in edge.qualifiers.items()}
    return any({(n, v.removeprefix("biolink:")) for n, v in wanted} <= have for wanted in sets)


def _binds(node: BiolinkNode, qnode: QNode) -> bool:
    if qnode.ids and not ({node.id, *node.xref} & qnode.ids):
        return False
    return not qnode.categories or bool(
        {node.category, *CATEGORY_ANCESTORS[node.category]} & qnode.categories
    )


def _response(
    net: BiolinkGraph, query_graph: object, qedge: QEdge, pairs: dict[tuple[str, str], list[BiolinkEdge]]
) -> Json:
    nodes: Json = {}
    edges: Json = {}
    auxiliary: Json = {}
    results = []
    for (s, o), found in sorted(pairs.items()):
        for node_id in (s, o):
            nodes.setdefault(node_id, _node(net.nodes[node_id]))
        for edge in found:
            edges.setdefault(edge.id, _edge(edge))
        support = f"support:{s}:{o}"
        auxiliary[support] = {"edges": sorted({e.id for e in found}), "attributes": []}
        results.append(_result(qedge, s, o, found, support))
    message = {"query_graph": query_graph, "knowledge_graph": {"nodes": nodes, "edges": edges},
               "results": results, "auxiliary_graphs": auxiliary}  # fmt: skip
    return {"message": message, "status": "Success", "description": f"{len(results)} results",
            "logs": [], "schema_version": TRAPI_VERSION, "biolink_version": BIOLINK_VERSION}  # fmt: skip


def _result(qedge: QEdge, s: str, o: str, found: list[BiolinkEdge], support: str) -> Json:
    bindings = [
        {"id": e.id, "attributes": []} for e in sorted({e.id: e for e in found}.values(), key=lambda e: e.id)
    ]
    analysis = {"resource_id": INFORES, "edge_bindings": {qedge.key: bindings}, "support_graphs": [support]}
    return {
        "node_bindings": {
            qedge.subject: [{"id": s, "attributes": []}],
            qedge.object: [{"id": o, "attributes": []}],
        },
        "analyses": [analysis],
    }


def _node(node: BiolinkNode) -> Json:
    attributes = [{"attribute_type_id": "biolink:xref", "value": list(node.xref)}] if node.xref else []
    return {"categories": [f"biolink:{node.category}"], "name": node.name, "attributes": attributes}


def _edge(edge: BiolinkEdge) -> Json:
    """One claim as a TRAPI edge: Biolink's provenance slots as attributes, our finer relation as
    `original_predicate`, the hedge (which Biolink has no slot for) under our own prefix."""
    attributes = [
        ("biolink:knowledge_level", edge.knowledge_level),
        ("biolink:agent_type", "text_mining_agent"),
        ("biolink:original_predicate", edge.original_predicate),
        ("biolink:supporting_text", [edge.supporting_text]),
        ("biolink:publications", [edge.publication]),
        ("biolink:negated", edge.negated),
        ("biolink:has_confidence_score", edge.confidence),
        ("nm:hedged", edge.hedged),
    ]
    return {
        "subject": edge.subject,
        "predicate": f"biolink:{edge.predicate}",
        "object": edge.object,
        "sources": [{"resource_id": INFORES, "resource_role": "primary_knowledge_source"}],
        "attributes": [{"attribute_type_id": name, "value": value} for name, value in attributes],
        "qualifiers": [
            {"qualifier_type_id": f"biolink:{name}", "qualifier_value": value}
            for name, value in sorted(edge.qualifiers.items())
        ],
    }
