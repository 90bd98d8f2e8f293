"""The SPARQL 1.1 Service Description of the endpoint, as RDF.

Says where the endpoint is, that it answers SPARQL 1.1 queries (not updates), in
which formats, over which dataset, and which prefixes a query may use undeclared
(as SHACL prefix declarations, `sh:declare`, the usual vocabulary for that).

It does not declare `sd:UnionDefaultGraph`: that feature says the default graph is the merge
of the named graphs, and ours holds more, the built graph (the store's unnamed graph) merged
with every named graph (loaded RDF). A query over `GRAPH ?g` would miss the built graph's
triples, so the default graph says what it is in words instead (`dcterms:description`).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from nutrikg.graph.prefixes import PREFIXES
from nutrikg.graph.sparql.negotiation import GRAPH_FORMATS, RESULT_FORMATS
from nutrikg.graph.sparql.results import GRAPH_FORMATS as RDF_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_ANY_URI = ox.NamedNode("http://www.w3.org/2001/XMLSchema#anyURI")
DCTERMS_TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
DCTERMS_DESCRIPTION = ox.NamedNode("http://purl.org/dc/terms/description")
SH_NAMESPACE = ox.NamedNode(SH + "namespace")
SIMPLE_ENTAILMENT = ox.NamedNode("http://www.w3.org/ns/entailment/Simple")
DEFAULT_GRAPH_TEXT = (
    "The graph built from the corpus merged with every named graph listed here (RDF loaded "
    "beside it). A query with FROM or FROM NAMED, or a request with default-graph-uri or "
    "named-graph-uri, is answered over exactly the graphs it names."
)


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def _dataset(named_graphs: Iterable[str]) -> list[ox.Triple]:
    dataset, default = ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, _sd("Graph")),
        ox.Triple(default, DCTERMS_DESCRIPTION, ox.Literal(DEFAULT_GRAPH_TEXT, language="en")),
    ]
    for iri in sorted(named_graphs):
        node = ox.BlankNode()
        triples += [
            ox.Triple(dataset, _sd("namedGraph"), node),
            ox.Triple(node, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(node, _sd("name"), ox.NamedNode(iri)),
        ]
    return triples


def _prefix_declarations(service: ox.BlankNode) -> list[ox.Triple]:
    triples: list[ox.Triple] = []
    for prefix, namespace in PREFIXES.items():
        node = ox.BlankNode()
        triples += [
            ox.Triple(service, ox.NamedNode(SH + "declare"), node),
            ox.Triple(node, ox.NamedNode(SH + "prefix"), ox.Literal(prefix)),
            ox.Triple(node, SH_NAMESPACE, ox.Literal(namespace, datatype=XSD_ANY_URI)),
        ]
    return triples


def description_triples(
    endpoint: str, named_graphs: Iterable[str], *, federated: bool = False
) -> list[ox.Triple]:
    """The description's triples; `federated` when SERVICE may call an allowlisted endpoint."""
    service = ox.BlankNode()
    dataset = _dataset(named_graphs)
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, DCTERMS_TITLE, ox.Literal("nutrikg SPARQL endpoint", language="en")),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("defaultEntailmentRegime"), SIMPLE_ENTAILMENT),
        ox.Triple(service, _sd("defaultDataset"), dataset[0].subject),
    ]
    if federated:
        triples.append(ox.Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        triples.append(ox.Triple(service, _sd("resultFormat"), ox.NamedNode(fmt.iri)))
    return triples + dataset + _prefix_declarations(service)


def service_description(
    endpoint: str, named_graphs: Iterable[str], format_key: str, *, federated: bool = False
) -> bytes:
    """The description serialised in RDF format `format_key` (`turtle`, `jsonld`, ...)."""
    triples = description_triples(endpoint, named_graphs, federated=federated)
    prefixes = {"sd": SD, "sh": SH, "dcterms": PREFIXES["dcterms"], "xsd": PREFIXES["xsd"]}
    prefixes |= {"formats": "http://www.w3.org/ns/formats/"}
    return ox.serialize(triples, format=RDF_FORMATS[format_key], prefixes=prefixes) or b""
