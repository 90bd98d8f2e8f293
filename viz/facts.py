"""What the explorer shows about entities, relations and documents, read from the knowledge graph.

Everything here is plain JSON-ready data (dicts of str/int/bool/lists): the drawing, the side
panels and the standalone export all use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from rdflib import RDFS, SKOS, URIRef

from nutrikg.graph.identifiers import to_curie
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.network import EvidenceRef
from nutrikg.graph.read.queries import claim_index
from nutrikg.graph.read.records import MATCH_TYPES, ClaimRecord, TermRef

Tallies = tuple[list[dict[str, Any]], list[dict[str, Any]]]

Json = dict[str, Any]


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


def node_category(kg: KnowledgeGraph, iri: str) -> str:
    """The entity's class name as search reports it (the network's when it is no entity)."""
    record = kg.entities.get(iri)
    if record is not None:
        return record.category
    data = kg.view.net.nodes[iri] if iri in kg.view.net else {}
    return str(data.get("category", "Entity"))


def documents(kg: KnowledgeGraph) -> dict[str, DocumentInfo]:
    """Every document of the graph by id (file stem), sorted by id; read from the claim index,
    which holds them already (one store lookup per document costs seconds at a million triples)."""
    return {
        doc_id: DocumentInfo(id=doc_id, title=doc.title, source_kind=doc.source_kind, publisher=doc.publisher)
        for doc_id, doc in claim_index(kg).documents.items()
    }


def _text(kg: KnowledgeGraph, node: Any, prop: URIRef) -> str | None:
    value = kg.rdf.value(node, prop)
    return None if value is None else str(value)


def identifiers(kg: KnowledgeGraph, iri: str) -> list[Json]:
    """Standard identifiers an entity is mapped to, as {curie, iri, match} (as the API has them)."""
    found = [
        {"curie": to_curie(str(other)), "iri": str(other), "match": match}
        for prop, match in MATCH_TYPES
        for other in kg.rdf.objects(URIRef(iri), prop)
        if isinstance(other, URIRef)
    ]
    return sorted(found, key=lambda i: (i["match"], i["curie"]))


def entity_details(kg: KnowledgeGraph, iris: Iterable[str]) -> dict[str, Json]:
    """Names, category, definition, identifiers and relations of each entity, by CURIE, in the
    shape of the JSON API's /entities/{term}."""
    wanted = list(dict.fromkeys(iris))
    tallies = relation_tallies(kg, set(wanted))
    return {to_curie(iri): _details(kg, iri, *tallies.get(iri, ([], []))) for iri in wanted}


def _details(kg: KnowledgeGraph, iri: str, outgoing: list[Json], incoming: list[Json]) -> Json:
    record = kg.entities.get(iri)
    node = URIRef(iri)
    labels = {str(v) for p in (SKOS.prefLabel, RDFS.label) for v in kg.rdf.objects(node, p)}
    return {
        "iri": iri,
        "curie": to_curie(iri),
        "label": kg.label(iri),
        "labels": sorted(labels),
        "synonyms": list(record.synonyms) if record else [],
        "category": node_category(kg, iri),
        "definition": _text(kg, node, SKOS.definition),
        "identifiers": identifiers(kg, iri),
        "outgoing": outgoing,
        "incoming": incoming,
    }


def relation_tallies(kg: KnowledgeGraph, iris: set[str]) -> dict[str, tuple[list[Json], list[Json]]]:
    """For each entity of `iris`: its claims counted per (predicate, other entity), outgoing
    then incoming, in one pass over the claims."""
    found: dict[tuple[str, bool, str, str], Json] = {}
    for claim in claim_index(kg).claims:
        for outward, end, other in (
            (True, claim.subject, claim.object),
            (False, claim.object, claim.subject),
        ):
            if end.iri in iris:
                key = (end.iri, outward, claim.predicate.iri, other.iri)
                _count(found.setdefault(key, _tally(claim, other)), claim)
    result: dict[str, Tallies] = {}
    for (iri, outward, _, _), tally in sorted(found.items(), key=_tally_order):
        result.setdefault(iri, ([], []))[0 if outward else 1].append(tally)
    return result


def _tally(claim: ClaimRecord, other: TermRef) -> Json:
    return {
        "predicate": asdict(claim.predicate),
        "entity": asdict(other),
        "sign": claim.sign,
        "evidence_count": 0,
        "hedged_count": 0,
        "negated_count": 0,
        "sources": [],
    }


def _count(tally: Json, claim: ClaimRecord) -> None:
    if claim.negated:
        tally["negated_count"] += 1
    else:
        tally["evidence_count"] += 1
        tally["hedged_count"] += int(claim.hedged)
    tally["sources"] = sorted({*tally["sources"], claim.evidence.document})


def _tally_order(item: tuple[tuple[str, bool, str, str], Json]) -> tuple[str, str, str]:
    (iri, _, predicate, _), tally = item
    return iri, predicate, str(tally["entity"]["label"]).lower()


def edge_facets(evidence: list[EvidenceRef]) -> Json:
    """What the filters need of an edge: per claim its document, source kind and hedging."""
    return {
        "hedged": all(ev.hedged for ev in evidence),
        "evidence_count": len(evidence),
        "sources": sorted({ev.doc_id for ev in evidence}),
        "claims": [{"doc": ev.doc_id, "kind": ev.source_kind, "hedged": ev.hedged} for ev in evidence],
    }
