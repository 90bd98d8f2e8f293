"""What the explorer shows about entities, relations and documents, read from the knowledge graph.

Everything here is plain JSON-ready data (dicts of str/int/bool/lists): the drawing, the side
panels and the standalone export all use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import DCTERMS, OWL, RDF, SKOS, URIRef

from graph.identifiers import to_curie
from graph.kg import KnowledgeGraph
from graph.network import EvidenceRef
from ontology.terms import NM

Json = dict[str, Any]

# The mapping properties an ontology uses to name the same thing elsewhere, strongest first.
MATCH_PROPERTIES = (
    (OWL.sameAs, "sameAs"),
    (SKOS.exactMatch, "exactMatch"),
    (SKOS.closeMatch, "closeMatch"),
    (SKOS.broadMatch, "broadMatch"),
    (SKOS.narrowMatch, "narrowMatch"),
    (SKOS.relatedMatch, "relatedMatch"),
)


@dataclass(frozen=True)
class DocumentInfo:
    """A source document as filters and panels name it."""

    id: str
    title: str
    source_kind: str
    publisher: str

    def as_json(self) -> Json:
        return {
            "id": self.id,
            "title": self.title,
            "source_kind": self.source_kind,
            "publisher": self.publisher,
        }


def edge_id(subject: str, predicate: str, obj: str) -> str:
    """A stable, readable id for one relation edge: `nm:vitamin_k2 activates nm:osteocalcin`."""
    return f"{to_curie(subject)} {predicate} {to_curie(obj)}"


def local_name(iri: str) -> str:
    """The last segment of an IRI or CURIE (`nm:activates` -> `activates`)."""
    return iri.rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def documents(kg: KnowledgeGraph) -> dict[str, DocumentInfo]:
    """Every document of the graph by id (file stem), sorted by id."""
    found: dict[str, DocumentInfo] = {}
    for node in kg.rdf.subjects(RDF.type, NM.Document):
        doc_id = str(node).rsplit("/", 1)[-1]
        found[doc_id] = DocumentInfo(
            id=doc_id,
            title=_text(kg, node, DCTERMS.title) or doc_id,
            source_kind=_text(kg, node, NM.sourceKind) or "unknown",
            publisher=_text(kg, node, NM.publisher) or "unknown",
        )
    return dict(sorted(found.items()))


def _text(kg: KnowledgeGraph, node: Any, prop: URIRef) -> str | None:
    value = kg.rdf.value(node, prop)
    return None if value is None else str(value)


def identifiers(kg: KnowledgeGraph, iri: str) -> list[Json]:
    """Standard identifiers an entity is mapped to, as {curie, iri, match}."""
    found: list[Json] = []
    for prop, match in MATCH_PROPERTIES:
        for other in sorted(str(o) for o in kg.rdf.objects(URIRef(iri), prop)):
            found.append({"curie": to_curie(other), "iri": other, "match": match})
    return found


def entity_details(kg: KnowledgeGraph, iri: str) -> Json:
    """Label, synonyms, category, identifiers and definition of one entity."""
    record = kg.entities.get(iri)
    definition = _text(kg, URIRef(iri), SKOS.definition)
    category = record.category if record else str(kg.view.net.nodes[iri].get("category", "Entity"))
    return {
        "iri": iri,
        "curie": to_curie(iri),
        "label": kg.label(iri),
        "synonyms": list(record.synonyms) if record else [],
        "category": category,
        "identifiers": identifiers(kg, iri),
        "definition": definition,
    }


def edge_facets(evidence: list[EvidenceRef]) -> Json:
    """What the filters need of an edge: per claim its document, source kind and hedging."""
    return {
        "hedged": all(ev.hedged for ev in evidence),
        "evidence_count": len(evidence),
        "sources": sorted({ev.doc_id for ev in evidence}),
        "claims": [
            {"doc": ev.doc_id, "kind": ev.source_kind, "hedged": ev.hedged} for ev in evidence
        ],
    }

