"""The networkx view of the RDF graph: entities as nodes, asserted relations as edges.

Derived from the RDF every time (never edited by hand), with the claims as reviewed
(graph.reviews): a rejected claim is no evidence of any edge, a corrected one is evidence of the
relation it was corrected to. Each edge carries the relation's sign and the evidence of every
claim behind it, so a path can be shown hop by hop with its sentences, and its signs composed:
raises x lowers = lowers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

import networkx as nx
from rdflib import Graph

from nutrikg.graph.model import Claim, Sign
from nutrikg.graph.namespaces import NM_BASE, claim_iri
from nutrikg.graph.read.tables import GraphTables, pairs
from nutrikg.graph.reviews import NO_REVIEWS, Reviews, reviewed
from nutrikg.ontology.terms import NM

PATH_CAP = 5000  # most paths enumerated for one question


@dataclass(frozen=True)
class EvidenceRef:
    """One claim behind an edge: where it was said and how firmly."""

    claim: str  # the claim's IRI
    document: str  # the document's id
    sentence: str
    start: int
    end: int
    hedged: bool
    confidence: float
    source_kind: str
    rule: str


@dataclass(frozen=True)
class Hop:
    """One edge of a path."""

    subject: str
    predicate: str
    object: str
    sign: Sign
    evidence: tuple[EvidenceRef, ...]


@dataclass(frozen=True)
class Pathway:
    """A chain of relations and its composed sign (None when a hop is not causal)."""

    hops: tuple[Hop, ...]
    sign: Sign

    @property
    def nodes(self) -> list[str]:
        return [self.hops[0].subject, *(h.object for h in self.hops)] if self.hops else []


@dataclass
class NetworkView:
    """A MultiDiGraph of entities plus the lookups the path and API code need."""

    net: nx.MultiDiGraph  # what the claims state: the graph views, exports and counts show
    labels: dict[str, str] = field(default_factory=dict)
    # each state a claim names and its thing, linked both ways (defined, not claimed: no evidence)
    links: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)

    def label(self, iri: str) -> str:
        return self.labels.get(iri, iri.rsplit("/", 1)[-1])

    @cached_property
    def walks(self) -> nx.MultiDiGraph:
        """What paths walk: the claims' network and the states' links (joined on the first path
        asked, once per graph)."""
        return nx.compose(self.net, self.links) if self.links.number_of_edges() else self.net


def compose(signs: list[Sign]) -> Sign:
    """The net sign of a chain: any non-causal hop makes it non-causal; two lowers raise."""
    if any(s is Sign.NOT_CAUSAL for s in signs):
        return Sign.NOT_CAUSAL
    negatives = sum(1 for s in signs if s is Sign.NEGATIVE)
    return Sign.NEGATIVE if negatives % 2 else Sign.POSITIVE


def build_network(
    rdf_graph: Graph, tables: GraphTables | None = None, reviews: Reviews = NO_REVIEWS
) -> NetworkView:
    """The entity network of an RDF graph built by graph.rdf, its claims as `reviews` leave them.

    `tables` shares the columns other indexes of the same graph read (KnowledgeGraph.from_rdf).
    """
    tables = tables or GraphTables(rdf_graph)
    net = nx.MultiDiGraph()
    view = NetworkView(net)
    asserted = [
        (claim, served)
        for claim in tables.claims
        if (served := reviewed(claim, reviews.of(claim))) is not None and not served.negated
    ]
    signs = _predicate_signs(rdf_graph, {served.predicate for _, served in asserted})
    kinds = tables.source_kinds
    for claim, served in asserted:
        _add_claim_edge(net, claim, served, kinds, signs)
    _add_state_links(view.links, net, rdf_graph)
    for node in net.nodes:
        label = tables.labels.get(node)
        view.labels[node] = label if label is not None else node.rsplit("/", 1)[-1]
        net.nodes[node]["label"] = view.labels[node]
        net.nodes[node]["category"] = tables.category(node)
    for node in view.links.nodes:
        if node not in view.labels:
            label = tables.labels.get(node)
            view.labels[node] = label if label is not None else node.rsplit("/", 1)[-1]
    return view


def _predicate_signs(rdf_graph: Graph, predicates: set[str]) -> dict[str, Sign]:
    """The nm: sign each relation property declares, by local name (one lookup per property)."""
    signs = {}
    for name in predicates:
        for sign in rdf_graph.objects(NM[name], NM.sign):
            if str(sign).startswith(NM_BASE):
                signs[name] = Sign(str(sign)[len(NM_BASE) :])
    return signs


def _add_claim_edge(
    net: nx.MultiDiGraph, claim: Claim, served: Claim, kinds: dict[str, str], signs: dict[str, Sign]
) -> None:
    """`claim` as evidence of the edge it asserts as reviewed (`served`: itself, or its correction)."""
    ev = claim.evidence
    evidence = EvidenceRef(
        claim=claim_iri(claim),
        document=ev.doc_id,
        sentence=ev.sentence,
        start=ev.span.start,
        end=ev.span.end,
        hedged=claim.hedged,
        confidence=ev.confidence,
        source_kind=kinds.get(ev.doc_id, "unknown"),
        rule=ev.rule,
    )
    subject, obj, key = served.subject, served.object, served.predicate
    if net.has_edge(subject, obj, key):
        net.edges[subject, obj, key]["evidence"].append(evidence)
    else:
        net.add_edge(
            subject,
            obj,
            key=key,
            predicate=key,
            sign=signs.get(key, Sign.NOT_CAUSAL),
            evidence=[evidence],
        )


# A state and the thing it is a lack or an excess of, both ways, with the link's sign: what the
# ontology defines, not what a source claims (no evidence; believed in full).
STATE_LINKS = {
    "deficiencyOf": ("hasDeficiency", Sign.NEGATIVE),
    "excessOf": ("hasExcess", Sign.POSITIVE),
}
DEFINITIONAL = frozenset([*STATE_LINKS, *(inverse for inverse, _ in STATE_LINKS.values())])


def _add_state_links(links: nx.MultiDiGraph, net: nx.MultiDiGraph, rdf_graph: Graph) -> None:
    """Each state a claim names, linked to its thing: "less copper is more copper deficiency"
    lets "zinc lowers copper" reach what copper deficiency causes."""
    for link, (inverse, sign) in STATE_LINKS.items():
        for state, thing in pairs(rdf_graph, NM[link]):
            if state in net:
                links.add_edge(state, thing, key=link, predicate=link, sign=sign, evidence=[])
                links.add_edge(thing, state, key=inverse, predicate=inverse, sign=sign, evidence=[])


def find_paths(
    view: NetworkView,
    source: str,
    target: str,
    max_hops: int = 4,
    causal_only: bool = True,
    limit: int = 20,
) -> list[Pathway]:
    """Directed paths from `source` to `target`, shortest first, each hop with its evidence."""
    walks = view.walks
    net = walks
    if causal_only:
        net = nx.subgraph_view(
            walks,
            filter_edge=lambda u, v, k: walks.edges[u, v, k]["sign"] is not Sign.NOT_CAUSAL,
        )
    if source not in net or target not in net:
        return []
    paths = [_path(net, edges) for edges in _shortest_edge_paths(net, source, target, max_hops, limit)]
    paths.sort(key=lambda p: (len(p.hops), -_support(p), [h.predicate for h in p.hops]))
    return paths[:limit]


def _shortest_edge_paths(
    net: nx.MultiDiGraph, source: str, target: str, max_hops: int, limit: int
) -> list[list[tuple[str, str, str]]]:
    """Simple paths by growing length, stopping at the first length that gives `limit` paths:
    on a hub-heavy graph, enumerating every path up to `max_hops` first takes seconds."""
    found: list[list[tuple[str, str, str]]] = []
    for cutoff in range(1, max_hops + 1):
        simple = nx.all_simple_edge_paths(net, source, target, cutoff=cutoff)
        found = [edges for edges in islice(simple, PATH_CAP) if edges]
        if len(found) >= limit or len(found) >= PATH_CAP:
            break
    return sorted(found, key=len)


def _path(net: nx.MultiDiGraph, edges: list[tuple[str, str, str]]) -> Pathway:
    hops = tuple(
        Hop(u, k, v, net.edges[u, v, k]["sign"], tuple(net.edges[u, v, k]["evidence"])) for u, v, k in edges
    )
    return Pathway(hops, compose([h.sign for h in hops]))


def _support(path: Pathway) -> int:
    """The fewest sentences behind a hop (a state's link, defined rather than claimed, left out)."""
    return min((len(h.evidence) for h in path.hops if h.predicate not in DEFINITIONAL), default=0)


def neighbourhood(view: NetworkView, center: str, depth: int = 1) -> nx.MultiDiGraph:
    """The entities within `depth` hops of `center`, in either direction, and their edges."""
    undirected = view.net.to_undirected(as_view=True)
    reach = nx.single_source_shortest_path_length(undirected, center, cutoff=depth)
    return view.net.subgraph(reach).copy()
