"""Claims into RDF, the master copy of the graph.

Each non-negated claim is asserted as a direct triple (`nm:vitamin_k2 nm:activates nm:osteocalcin`)
so plain SPARQL works, and every claim, negated or not, is also a claim node carrying its evidence
with PROV-O: the document it was derived from, the exact sentence, offsets, hedged/negated flags,
rule, confidence and the publisher's kind. Doses and study statistics are nodes of their own.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.compare import to_canonical_graph

from graph.model import Claim, Document, DoseRecommendation, Extraction, StudyStatistic
from ontology.terms import NM, NM_CLAIM, NM_DOC, NM_DOSE, NM_STAT

UO = Namespace("http://purl.obolibrary.org/obo/UO_")
NCIT = Namespace("http://purl.obolibrary.org/obo/NCIT_")
_UNIT_TERMS = {
    "microgram": UO["0000023"],
    "milligram": UO["0000022"],
    "nanogram / milliliter": UO["0000275"],
    "international_unit": NCIT["C48579"],
}


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound."""
    rdf_graph = Graph(bind_namespaces="core")
    for prefix, namespace in (
        ("nm", NM),
        ("claim", NM_CLAIM),
        ("doc", NM_DOC),
        ("dose", NM_DOSE),
        ("stat", NM_STAT),
        ("prov", PROV),
        ("dcterms", DCTERMS),
        ("owl", OWL),
        ("rdfs", RDFS),
        ("biolink", Namespace("https://w3id.org/biolink/vocab/")),
        ("UO", UO),
        ("NCIT", NCIT),
        ("skos", SKOS),
        ("xsd", XSD),
    ):
        rdf_graph.bind(prefix, namespace, override=True)
    return rdf_graph


SKOLEM_AUTHORITY = "https://w3id.org"
SKOLEM_PATH = "/nutrikg/.well-known/genid/"


def add_ontology(rdf_graph: Graph, ontology: Graph) -> None:
    """Copy the ontology in; its blank nodes (owl:unionOf lists) become IRIs derived from their
    content, so the graph has no blank nodes and every serialisation is stable across loads."""
    canonical = to_canonical_graph(ontology)
    for triple in canonical.skolemize(authority=SKOLEM_AUTHORITY, basepath=SKOLEM_PATH):
        rdf_graph.add(triple)


def add_extraction(rdf_graph: Graph, extraction: Extraction) -> None:
    """Add one document's node, claims, doses and statistics."""
    document = extraction.document
    add_document(rdf_graph, document, {m.entity for m in extraction.mentions})
    for claim in extraction.claims:
        add_claim(rdf_graph, claim, document)
    for dose in extraction.doses:
        add_dose(rdf_graph, dose)
    for statistic in extraction.statistics:
        add_statistic(rdf_graph, statistic)


def document_iri(doc_id: str) -> URIRef:
    return NM_DOC[doc_id]


def add_document(rdf_graph: Graph, document: Document, mentioned: Iterable[str]) -> None:
    node = document_iri(document.id)
    rdf_graph.add((node, RDF.type, NM.Document))
    rdf_graph.add((node, RDF.type, PROV.Entity))
    rdf_graph.add((node, DCTERMS.title, Literal(document.title)))
    rdf_graph.add((node, DCTERMS.identifier, Literal(document.path)))
    rdf_graph.add((node, NM.publisher, Literal(document.publisher)))
    rdf_graph.add((node, NM.sourceKind, Literal(document.source_kind.value)))
    rdf_graph.add((node, NM.promotesProducts, Literal(document.promotes_products)))
    rdf_graph.add((node, NM.sha256, Literal(document.sha256)))
    if document.url:
        rdf_graph.add((node, DCTERMS.source, URIRef(document.url)))
    for entity in sorted(set(mentioned)):
        rdf_graph.add((node, NM.mentions, URIRef(entity)))


def add_claim(rdf_graph: Graph, claim: Claim, document: Document) -> None:
    node = NM_CLAIM[claim.id]
    subject, predicate, obj = URIRef(claim.subject), NM[claim.predicate], URIRef(claim.object)
    if not claim.negated:
        rdf_graph.add((subject, predicate, obj))
    ev = claim.evidence
    for p, o in (
        (RDF.type, NM.Claim),
        (NM.subject, subject),
        (NM.predicate, predicate),
        (NM.object, obj),
        (NM.sign, NM[claim.sign.value]),
        (NM.hedged, Literal(claim.hedged)),
        (NM.negated, Literal(claim.negated)),
        (NM.confidence, _decimal(ev.confidence)),
        (PROV.wasDerivedFrom, document_iri(ev.doc_id)),
        (NM.sentence, Literal(ev.sentence)),
        (NM.startOffset, Literal(ev.span.start)),
        (NM.endOffset, Literal(ev.span.end)),
        (NM.rule, Literal(ev.rule)),
        (NM.sourceKind, Literal(document.source_kind.value)),
    ):
        rdf_graph.add((node, p, o))
    for key, value in claim.qualifiers:
        rdf_graph.add((node, NM[key], URIRef(value)))


def add_dose(rdf_graph: Graph, dose: DoseRecommendation) -> None:
    node = NM_DOSE[dose.id]
    rdf_graph.add((URIRef(dose.nutrient), NM.hasRecommendedDose, node))
    for p, o in (
        (RDF.type, NM.DoseRecommendation),
        (NM.nutrient, URIRef(dose.nutrient)),
        (NM.doseLow, _decimal(dose.low)),
        (NM.doseHigh, _decimal(dose.high)),
        (NM.unit, Literal(dose.unit)),
        (NM.normalizedLow, _decimal(dose.normalized_low)),
        (NM.normalizedHigh, _decimal(dose.normalized_high)),
        (NM.normalizedUnit, Literal(dose.normalized_unit)),
        (NM.doseKind, Literal(dose.kind)),
        (NM.quantityText, Literal(dose.text)),
        (NM.hedged, Literal(dose.hedged)),
        (PROV.wasDerivedFrom, document_iri(dose.doc_id)),
        (NM.sentence, Literal(dose.sentence)),
        (NM.startOffset, Literal(dose.span.start)),
        (NM.endOffset, Literal(dose.span.end)),
    ):
        rdf_graph.add((node, p, o))
    if dose.normalized_unit in _UNIT_TERMS:
        rdf_graph.add((node, NM.unitTerm, _UNIT_TERMS[dose.normalized_unit]))
    for p, value in ((NM.frequency, dose.frequency), (NM.population, dose.population)):
        if value:
            rdf_graph.add((node, p, Literal(value)))


def add_statistic(rdf_graph: Graph, statistic: StudyStatistic) -> None:
    node = NM_STAT[statistic.id]
    rdf_graph.add((node, RDF.type, NM.StudyStatistic))
    rdf_graph.add((node, NM.statisticKind, Literal(statistic.kind)))
    rdf_graph.add((node, PROV.wasDerivedFrom, document_iri(statistic.doc_id)))
    rdf_graph.add((node, NM.sentence, Literal(statistic.sentence)))
    rdf_graph.add((node, NM.startOffset, Literal(statistic.span.start)))
    rdf_graph.add((node, NM.endOffset, Literal(statistic.span.end)))
    for p, value in (
        (NM.value, statistic.value),
        (NM.ciLow, statistic.ci_low),
        (NM.ciHigh, statistic.ci_high),
    ):
        if value is not None:
            rdf_graph.add((node, p, _decimal(value)))
    for p, count in (
        (NM.sampleSize, statistic.sample_size),
        (NM.trialCount, statistic.trial_count),
    ):
        if count is not None:
            rdf_graph.add((node, p, Literal(count)))
    if statistic.supports:
        rdf_graph.add((NM_CLAIM[statistic.supports], NM.supportedBy, node))


def _decimal(value: float) -> Literal:
    """An xsd:decimal in canonical form ("200.0", "0.2"), so every serialisation round-trips."""
    text = f"{value:.6f}".rstrip("0")
    return Literal(text + "0" if text.endswith(".") else text, datatype=XSD.decimal)
