"""Everything the graph says of one entity, for the API's /entities/{term} and the explorer's
panel alike: its names, category, definition, standard identifiers, and its relations (the
claims about it counted per relation, and relations only the ontology states)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDFS, SKOS, URIRef

from nutrikg.graph.errors import UnknownEntity
from nutrikg.graph.identifiers import to_curie
from nutrikg.graph.model import Sign
from nutrikg.graph.namespaces import NM_BASE
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.lexicon import term_index
from nutrikg.graph.read.per_graph import per_graph, statement_beliefs, term_ref
from nutrikg.graph.read.queries import claim_index, resolve_entity
from nutrikg.graph.read.records import MATCH_TYPES, ClaimRecord, PredicateRecord, TermRef
from nutrikg.graph.read.tables import select

Key = tuple[str, bool, str, str]  # (entity, outgoing, predicate, other entity)


@dataclass(frozen=True)
class Identifier:
    """A standard identifier; `match` is exact, close, broad, narrow or related (SKOS)."""

    curie: str
    iri: str
    match: str


@dataclass
class RelationTally:
    """Claims of one relation counted: asserting (`evidence_count`, `hedged_count` of those) and
    denying (`negated_count`); `sources` are document ids. `ontology`: the ontology itself states
    the relation (it then may have no claims). `belief` weighs the claims on both sides."""

    predicate: TermRef
    entity: TermRef  # the other end of the relation
    sign: Sign
    evidence_count: int = 0
    hedged_count: int = 0
    negated_count: int = 0
    sources: list[str] = field(default_factory=list)
    ontology: bool = False
    belief: float = 0.0  # that the relation holds, from its claims (graph/read/belief.py)


@dataclass(frozen=True)
class EntitySummary:
    iri: str
    curie: str
    label: str
    synonyms: list[str]
    category: str


@dataclass(frozen=True)
class EntityDetail:
    iri: str
    curie: str
    label: str
    labels: list[str]
    synonyms: list[str]
    category: str
    definition: str | None
    identifiers: list[Identifier]
    outgoing: list[RelationTally]
    incoming: list[RelationTally]


def entity_summary(kg: KnowledgeGraph, iri: str) -> EntitySummary:
    record = kg.entities[iri]
    return EntitySummary(iri, to_curie(iri), record.label, list(record.synonyms), record.category)


def entity_detail(kg: KnowledgeGraph, iri: str) -> EntityDetail:
    """One entity of the graph with its relations, the ontology's plain triples included."""
    tallies = _tally_claims(kg, claim_index(kg).where(subject=iri, object=iri), {iri})
    _add_direct(kg, tallies, claim_index(kg).predicates, iri)
    outgoing, incoming = _split(tallies).get(iri, ([], []))
    return _detail(kg, iri, outgoing, incoming)


def entity_detail_of(kg: KnowledgeGraph, term: str) -> EntityDetail:
    """The entity `term` names: one of the graph's, with its relations, or else a term of the
    derived vocabulary no document mentions, with its names and identifier and no relations.

    Raises UnknownEntity when neither names it."""
    try:
        return entity_detail(kg, resolve_entity(kg, term))
    except UnknownEntity:
        found = term_index(kg).find(term)
        if found is None:
            raise
    identifier = Identifier(curie=found.curie, iri=found.iri, match="exact")
    return EntityDetail(
        iri=found.iri,
        curie=found.curie,
        label=found.label,
        labels=[found.label],
        synonyms=list(found.synonyms),
        category=found.category,
        definition=None,
        identifiers=[identifier],
        outgoing=[],
        incoming=[],
    )


def entity_details(kg: KnowledgeGraph, iris: list[str]) -> dict[str, EntityDetail]:
    """Many entities at once (the explorer's view), by CURIE; their claims counted in one pass
    over every claim."""
    wanted = list(dict.fromkeys(iris))
    found = _split(_tally_claims(kg, claim_index(kg).claims, set(wanted)))
    return {to_curie(iri): _detail(kg, iri, *found.get(iri, ([], []))) for iri in wanted}


def identifiers(kg: KnowledgeGraph, iri: str) -> list[Identifier]:
    found = [
        Identifier(curie=to_curie(str(other)), iri=str(other), match=match)
        for prop, match in MATCH_TYPES
        for other in kg.rdf.objects(URIRef(iri), prop)
        if isinstance(other, URIRef)
    ]
    return sorted(found, key=lambda i: (i.match, i.curie))


def category(kg: KnowledgeGraph, iri: str) -> str:
    """The entity's class name as search reports it (the network's when it is no entity)."""
    record = kg.entities.get(iri)
    if record is not None:
        return record.category
    data = kg.view.net.nodes[iri] if iri in kg.view.net else {}
    return str(data.get("category", "Entity"))


def _detail(
    kg: KnowledgeGraph, iri: str, outgoing: list[RelationTally], incoming: list[RelationTally]
) -> EntityDetail:
    node = URIRef(iri)
    record = kg.entities.get(iri)
    labels = {str(v) for p in (SKOS.prefLabel, RDFS.label) for v in kg.rdf.objects(node, p)}
    definition = kg.rdf.value(node, SKOS.definition)
    return EntityDetail(
        iri=iri,
        curie=to_curie(iri),
        label=kg.label(iri),
        labels=sorted(labels),
        synonyms=list(record.synonyms) if record else [],
        category=category(kg, iri),
        definition=None if definition is None else str(definition),
        identifiers=identifiers(kg, iri),
        outgoing=outgoing,
        incoming=incoming,
    )


def _tally_claims(kg: KnowledgeGraph, claims: list[ClaimRecord], iris: set[str]) -> dict[Key, RelationTally]:
    found: dict[Key, RelationTally] = {}
    for claim in claims:
        if claim.rejected:  # listed with its review among the claims, no evidence of a relation
            continue
        for outward, end, other in ((True, claim.subject, claim.object),
                                    (False, claim.object, claim.subject)):  # fmt: skip
            if end.iri in iris:
                key = (end.iri, outward, claim.predicate.iri, other.iri)
                _count(found.setdefault(key, RelationTally(claim.predicate, other, claim.sign)), claim)
                found[key].belief = _belief(kg, claim)
    return found


def _belief(kg: KnowledgeGraph, claim: ClaimRecord) -> float:
    """The belief of the statement a claim is of (asserted or denied, the statement's)."""
    predicate = claim.predicate.iri.removeprefix(NM_BASE)
    found = statement_beliefs(kg).get((claim.subject.iri, predicate, claim.object.iri))
    return 0.0 if found is None else round(found.belief, 4)


def _withdrawn(kg: KnowledgeGraph) -> set[tuple[str, str, str]]:
    """Direct triples (subject, predicate IRI, object) that only claims since rejected or
    corrected to another relation asserted: the graph still holds them, the service does not."""
    read = {(c.subject, f"{NM_BASE}{c.predicate}", c.object) for c in kg.claims if not c.negated}
    kept = {
        (c.subject.iri, c.predicate.iri, c.object.iri)
        for c in claim_index(kg).claims
        if not c.negated and not c.rejected
    }
    return read - kept


def _count(tally: RelationTally, claim: ClaimRecord) -> None:
    if claim.negated:
        tally.negated_count += 1
    else:
        tally.evidence_count += 1
        tally.hedged_count += int(claim.hedged)
    tally.sources = sorted({*tally.sources, claim.evidence.document})


def _split(found: dict[Key, RelationTally]) -> dict[str, tuple[list[RelationTally], list[RelationTally]]]:
    """Tallies per entity, outgoing then incoming, by predicate and the other entity's label."""
    result: dict[str, tuple[list[RelationTally], list[RelationTally]]] = {}
    ordered = sorted(found.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[1].entity.label.lower()))
    for (iri, outward, _, _), tally in ordered:
        result.setdefault(iri, ([], []))[0 if outward else 1].append(tally)
    return result


def _add_direct(
    kg: KnowledgeGraph, found: dict[Key, RelationTally], predicates: dict[str, PredicateRecord], iri: str
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
    refs = {prop: TermRef(prop, to_curie(prop), record.label) for prop, record in predicates.items()}
    withdrawn = per_graph(kg, "withdrawn-triples", _withdrawn)
    for prop, other, out in select(kg.rdf, query):
        if prop is None or other is None or other not in kg.entities:
            continue
        if ((iri, prop, other) if out is not None else (other, prop, iri)) in withdrawn:
            continue
        predicate = predicates[prop]
        new = RelationTally(refs[prop], term_ref(kg, other), Sign(predicate.sign))
        tally = found.setdefault((iri, out is not None, predicate.iri, other), new)
        # Asserted claims leave the same triple; with none behind it, the ontology said it.
        tally.ontology = tally.evidence_count == 0
