"""Entities: search by label or synonym, and everything the graph says of one entity."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Query
from rdflib import RDFS, SKOS, URIRef

from nutrikg.api.deps import KGDep
from nutrikg.api.models import EntityDetail, EntitySummary, Identifier, Page, PageDep, page_fields
from nutrikg.graph.identifiers import to_curie
from nutrikg.graph.read.kg import EntityRecord, KnowledgeGraph
from nutrikg.graph.read.per_graph import term_ref
from nutrikg.graph.read.queries import InvalidParameter, claim_index, resolve_entity
from nutrikg.graph.read.records import MATCH_TYPES, ClaimRecord, PredicateRecord, TermRef
from nutrikg.graph.read.tables import select

router = APIRouter(prefix="/api/v1/entities", tags=["entities"])


@router.get("", summary="Search entities by label or synonym")
def search_entities(
    kg: KGDep,
    window: PageDep,
    q: Annotated[str, Query(max_length=200, description="Label prefix or fragment.")] = "",
    category: Annotated[str | None, Query(description="Class name, e.g. Vitamer.")] = None,
) -> Page[EntitySummary]:
    """Entities whose label or a synonym starts with (then contains) `q`, case- and
    accent-insensitively; an empty `q` lists every entity.

    Raises InvalidParameter (400) for an unknown category.
    """
    _check_category(kg, category)
    found = kg.search(q, category or None, limit=len(kg.entities))
    return Page[EntitySummary].model_validate(page_fields([_summary(r) for r in found], window))


@router.get("/{term:path}", summary="One entity, its identifiers and relations")
def get_entity(kg: KGDep, term: str) -> EntityDetail:
    """`term` is a CURIE (`nm:osteocalcin`, or a standard one such as `CHEBI:28940`), a
    URL-encoded IRI, a label or a synonym.

    Raises UnknownEntity (404) when it names no entity.
    """
    iri = resolve_entity(kg, term)
    record, node = kg.entities[iri], URIRef(iri)
    labels = {str(v) for p in (SKOS.prefLabel, RDFS.label) for v in kg.rdf.objects(node, p)}
    definition = kg.rdf.value(node, SKOS.definition)
    outgoing, incoming = _relations_of(kg, iri)
    return EntityDetail.model_validate(
        {
            "iri": iri,
            "curie": to_curie(iri),
            "label": record.label,
            "labels": sorted(labels),
            "synonyms": list(record.synonyms),
            "category": record.category,
            "definition": None if definition is None else str(definition),
            "identifiers": _identifiers(kg, node),
            "outgoing": outgoing,
            "incoming": incoming,
        }
    )


def _summary(record: EntityRecord) -> EntitySummary:
    return EntitySummary(
        iri=record.iri,
        curie=to_curie(record.iri),
        label=record.label,
        synonyms=list(record.synonyms),
        category=record.category,
    )


def _check_category(kg: KnowledgeGraph, category: str | None) -> None:
    known = sorted({record.category for record in kg.entities.values()})
    if category and category not in known:
        raise InvalidParameter("category", f"{category!r} is not one of {', '.join(known)}")


# ---- relations of one entity: its claims grouped, and plain triples of the ontology ---------


@dataclass
class RelationTally:
    """All claims of one (entity, predicate, other entity) relation, counted."""

    predicate: TermRef
    entity: TermRef  # the other end of the relation
    sign: str
    evidence_count: int = 0  # claims asserting it
    hedged_count: int = 0  # of those, hedged
    negated_count: int = 0  # claims denying it
    sources: list[str] = field(default_factory=list)
    ontology: bool = False  # stated with no sentence behind it: an ontology fact


def _identifiers(kg: KnowledgeGraph, node: URIRef) -> list[Identifier]:
    found = [
        Identifier(curie=to_curie(str(o)), iri=str(o), match=match)
        for prop, match in MATCH_TYPES
        for o in kg.rdf.objects(node, prop)
        if isinstance(o, URIRef)
    ]
    return sorted(found, key=lambda i: (i.match, i.curie))


def _relations_of(kg: KnowledgeGraph, iri: str) -> tuple[list[RelationTally], list[RelationTally]]:
    """Claims about `iri` grouped per relation, plus relations the graph states directly."""
    found: dict[tuple[bool, str, str], RelationTally] = {}
    index = claim_index(kg)
    for claim in index.where(subject=iri, object=iri):
        for outward, end, other in ((True, claim.subject, claim.object),
                                    (False, claim.object, claim.subject)):  # fmt: skip
            if end.iri == iri:
                key = (outward, claim.predicate.iri, other.iri)
                new = RelationTally(claim.predicate, other, claim.sign)
                _count_claim(found.setdefault(key, new), claim)
    _add_direct(kg, found, index.predicates, iri)
    ordered = sorted(found.items(), key=lambda kv: (kv[0][1], kv[1].entity.label.lower()))
    return [s for (out, _, _), s in ordered if out], [s for (out, _, _), s in ordered if not out]


def _count_claim(summary: RelationTally, claim: ClaimRecord) -> None:
    if claim.negated:
        summary.negated_count += 1
    else:
        summary.evidence_count += 1
        summary.hedged_count += int(claim.hedged)
    summary.sources = sorted({*summary.sources, claim.evidence.document})


def _add_direct(
    kg: KnowledgeGraph,
    found: dict[tuple[bool, str, str], RelationTally],
    predicates: dict[str, PredicateRecord],
    iri: str,
) -> None:
    """Relations between entities that the graph states as plain triples: one query for both
    directions and every relation property (the store answers it; a hub entity has thousands)."""
    if not predicates:
        return
    values = " ".join(f"<{prop}>" for prop in predicates)
    query = (  # `iri` is an entity of the graph: a valid IRI, so it cannot break out of <...>
        f"SELECT ?p ?other ?out WHERE {{ VALUES ?p {{ {values} }} "
        f"{{ <{iri}> ?p ?other BIND(true AS ?out) }} UNION {{ ?other ?p <{iri}> }} }}"
    )
    refs = {iri: TermRef(iri, to_curie(iri), record.label) for iri, record in predicates.items()}
    for prop, other, out in select(kg.rdf, query):
        if prop is None or other is None or other not in kg.entities:
            continue
        predicate = predicates[prop]
        new = RelationTally(refs[prop], term_ref(kg, other), predicate.sign)
        summary = found.setdefault((out is not None, predicate.iri, other), new)
        # Asserted claims leave the same triple; with none behind it, the ontology said it.
        summary.ontology = summary.evidence_count == 0
