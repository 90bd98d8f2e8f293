"""The project's namespaces: a new rdflib graph with every prefix bound, and document IRIs."""

from __future__ import annotations

from rdflib import DCTERMS, OWL, PROV, RDFS, SKOS, XSD, Graph, Namespace, URIRef

from nutrikg.graph.model import Claim
from nutrikg.ontology.terms import NM, NM_CLAIM, NM_DOC, NM_DOSE, NM_STAT, NM_STATEMENT

NM_BASE = str(NM)  # "https://w3id.org/nutrikg/": the prefix every nm: term starts with
UO = Namespace("http://purl.obolibrary.org/obo/UO_")
NCIT = Namespace("http://purl.obolibrary.org/obo/NCIT_")
# A published article's journal, DOI (PRISM) and PubMed id (FaBiO)
PRISM = Namespace("http://prismstandard.org/namespaces/basic/2.0/")
FABIO = Namespace("http://purl.org/spar/fabio/")


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound."""
    rdf_graph = Graph(bind_namespaces="core")
    for prefix, namespace in (
        ("nm", NM),
        ("claim", NM_CLAIM),
        ("doc", NM_DOC),
        ("dose", NM_DOSE),
        ("stat", NM_STAT),
        ("statement", NM_STATEMENT),
        ("prov", PROV),
        ("dcterms", DCTERMS),
        ("owl", OWL),
        ("rdfs", RDFS),
        ("biolink", Namespace("https://w3id.org/biolink/vocab/")),
        ("UO", UO),
        ("NCIT", NCIT),
        ("prism", PRISM),
        ("fabio", FABIO),
        ("skos", SKOS),
        ("xsd", XSD),
    ):
        rdf_graph.bind(prefix, namespace, override=True)
    return rdf_graph


def document_iri(doc_id: str) -> URIRef:
    return NM_DOC[doc_id]


def claim_iri(claim: Claim) -> str:
    """The IRI of a claim's node: made from its content, so extraction and a read of the store
    name a claim alike."""
    return f"{NM_CLAIM}{claim.id}"
