"""Read-only questions the JSON API asks of a knowledge graph, answered as plain dataclasses.

The claim nodes are read once per loaded graph into a `ClaimIndex` (a loaded graph never
changes), so listing, filtering and counting claims is a scan of Python objects, not of RDF.
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, cast

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, Graph, URIRef
from rdflib.term import Node

from graph.describe import predicate_words
from graph.errors import InvalidQuery, UnknownEntity
from graph.identifiers import to_curie, to_iri
from graph.kg import KnowledgeGraph
from ontology.terms import NM

_NM = str(NM)
SIGNS = ("Positive", "Negative", "NotCausal")
MATCH_TYPES = (
    (SKOS.exactMatch, "exact"), (SKOS.closeMatch, "close"), (SKOS.broadMatch, "broad"),
    (SKOS.narrowMatch, "narrow"), (SKOS.relatedMatch, "related"),
)  # fmt: skip
# Properties of a claim node that are its own fields; any other nm: property is a qualifier.
_CLAIM_FIELDS = frozenset(
    NM[name]
    for name in (
        "subject", "predicate", "object", "sign", "hedged", "negated", "confidence", "sentence",
        "startOffset", "endOffset", "rule", "sourceKind", "supportedBy",
    )
)  # fmt: skip

Props = dict[Node, list[Node]]
T = TypeVar("T")


@dataclass(frozen=True)
class TermRef:
    iri: str
    curie: str
    label: str


@dataclass
class DocumentRecord:
    """A source document as the graph records it."""

    id: str
    iri: str
    title: str
    publisher: str
    source_kind: str
    promotes_products: bool
    url: str | None
    path: str
    sha256: str
    claim_count: int = 0


@dataclass(frozen=True)
class Evidence:
    """Where a claim was read: the document, its publisher, and the sentence with its offsets."""

    document: str
    title: str
    source_kind: str
    publisher: str
    promotes_products: bool
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Statistic:
    """A study figure quoted in support of a claim."""

    iri: str
    kind: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    sample_size: int | None
    trial_count: int | None
    sentence: str


@dataclass(frozen=True)
class Qualifier:
    """An extra argument of a claim, such as the cargo calcium of `directsTo`."""

    name: str
    value: TermRef


@dataclass(frozen=True)
class ClaimRecord:
    """One claim: what a sentence states, how firmly, and where."""

    iri: str
    subject: TermRef
    predicate: TermRef
    object: TermRef
    sign: str
    hedged: bool
    negated: bool
    confidence: float
    rule: str
    qualifiers: tuple[Qualifier, ...]
    evidence: Evidence
    statistics: tuple[Statistic, ...]


@dataclass(frozen=True)
class PredicateRecord:
    iri: str
    label: str
    sign: str


@dataclass
class ClaimIndex:
    """Every claim, document and relation property of one loaded graph."""

    claims: list[ClaimRecord]
    documents: dict[str, DocumentRecord]
    predicates: dict[str, PredicateRecord]
    xrefs: dict[str, str]  # standard identifier IRI -> entity IRI


_CACHE: dict[tuple[int, str], object] = {}
_CACHE_LOCK = threading.RLock()  # re-entrant: one cached value may be built from another


def per_graph(kg: KnowledgeGraph, key: str, build: Callable[[KnowledgeGraph], T]) -> T:
    """`build(kg)`, made once per loaded graph (which never changes) and dropped with it."""
    with _CACHE_LOCK:
        found = _CACHE.get((id(kg), key))
        if found is None:
            found = build(kg)
            _CACHE[(id(kg), key)] = found
            weakref.finalize(kg, _CACHE.pop, (id(kg), key), None)
        return cast(T, found)


def claim_index(kg: KnowledgeGraph) -> ClaimIndex:
    """The claims, documents and relation properties of `kg`, read once."""
    return per_graph(kg, "claims", _build_index)


def term_ref(kg: KnowledgeGraph, iri: str) -> TermRef:
    return TermRef(iri, to_curie(iri), kg.label(iri))


def _build_index(kg: KnowledgeGraph) -> ClaimIndex:
    rdf = kg.rdf
    documents = _read_documents(rdf)
    predicates = _read_predicates(rdf)
    statistics = _read_statistics(rdf)
    claims = [
        _read_claim(kg, node, documents, predicates, statistics.get(str(node), ()))
        for node in rdf.subjects(RDF.type, NM.Claim)
    ]
    claims.sort(key=lambda c: (c.evidence.document, c.evidence.start, c.iri))
    for doc_id, count in Counter(c.evidence.document for c in claims).items():
        if doc_id in documents:
            documents[doc_id].claim_count = count
    return ClaimIndex(claims, documents, predicates, _read_xrefs(kg))


def _read_xrefs(kg: KnowledgeGraph) -> dict[str, str]:
    """Standard identifier -> entity; an exact match wins over a close one, and so on."""
    xrefs: dict[str, str] = {}
    for prop, _ in MATCH_TYPES:
        pairs = sorted((str(o), str(s)) for s, o in kg.rdf.subject_objects(prop))
        for standard, entity in pairs:
            if entity in kg.entities:
                xrefs.setdefault(standard, entity)
    return xrefs


def resolve_entity(kg: KnowledgeGraph, term: str) -> str:
    """The entity a label, synonym, CURIE or IRI names, or that a standard identifier it is
    matched to names (`CHEBI:28940` -> vitamin D3).

    Raises:
        UnknownEntity: none does.
    """
    try:
        return kg.resolve(term)
    except UnknownEntity:
        text = term.strip()
        iri = text if text.startswith(("http://", "https://")) else to_iri(text)
        found = claim_index(kg).xrefs.get(iri or "")
        if found is None:
            raise
        return found


def _props(rdf: Graph, node: Node) -> Props:
    found: Props = defaultdict(list)
    for p, o in rdf.predicate_objects(node):
        found[p].append(o)
    return found


def _text(props: Props, prop: URIRef, default: str = "") -> str:
    values = props.get(prop)
    return str(values[0]) if values else default


def _flag(props: Props, prop: URIRef) -> bool:
    return _text(props, prop).lower() == "true"


def _number(props: Props, prop: URIRef) -> float | None:
    return float(_text(props, prop)) if prop in props else None


def _count(props: Props, prop: URIRef) -> int | None:
    return int(_text(props, prop)) if prop in props else None


def _read_documents(rdf: Graph) -> dict[str, DocumentRecord]:
    documents = {}
    for node in rdf.subjects(RDF.type, NM.Document):
        props = _props(rdf, node)
        doc_id = str(node).rsplit("/", 1)[-1]
        documents[doc_id] = DocumentRecord(
            id=doc_id,
            iri=str(node),
            title=_text(props, DCTERMS.title, doc_id),
            publisher=_text(props, NM.publisher, "unknown"),
            source_kind=_text(props, NM.sourceKind, "unknown"),
            promotes_products=_flag(props, NM.promotesProducts),
            url=_text(props, DCTERMS.source) or None,
            path=_text(props, DCTERMS.identifier, doc_id),
            sha256=_text(props, NM.sha256),
        )
    return dict(sorted(documents.items()))


def _read_predicates(rdf: Graph) -> dict[str, PredicateRecord]:
    predicates = {}
    for prop, sign in rdf.subject_objects(NM.sign):
        if str(sign).startswith(_NM) and (prop, RDF.type, OWL.ObjectProperty) in rdf:
            local = str(prop).rsplit("/", 1)[-1]
            label = rdf.value(prop, RDFS.label)
            words = str(label) if label is not None else predicate_words(local)
            predicates[str(prop)] = PredicateRecord(str(prop), words, str(sign)[len(_NM) :])
    return predicates


def _read_statistics(rdf: Graph) -> dict[str, tuple[Statistic, ...]]:
    found: dict[str, list[Statistic]] = defaultdict(list)
    for claim, node in rdf.subject_objects(NM.supportedBy):
        props = _props(rdf, node)
        found[str(claim)].append(
            Statistic(
                iri=str(node),
                kind=_text(props, NM.statisticKind),
                value=_number(props, NM.value),
                ci_low=_number(props, NM.ciLow),
                ci_high=_number(props, NM.ciHigh),
                sample_size=_count(props, NM.sampleSize),
                trial_count=_count(props, NM.trialCount),
                sentence=_text(props, NM.sentence),
            )
        )
    return {claim: tuple(sorted(stats, key=lambda s: s.iri)) for claim, stats in found.items()}


def _read_claim(
    kg: KnowledgeGraph,
    node: Node,
    documents: dict[str, DocumentRecord],
    predicates: dict[str, PredicateRecord],
    statistics: tuple[Statistic, ...],
) -> ClaimRecord:
    props = _props(kg.rdf, node)
    predicate = _text(props, NM.predicate)
    record = predicates.get(predicate)
    return ClaimRecord(
        iri=str(node),
        subject=term_ref(kg, _text(props, NM.subject)),
        predicate=TermRef(predicate, to_curie(predicate), record.label if record else predicate),
        object=term_ref(kg, _text(props, NM.object)),
        sign=_text(props, NM.sign).rsplit("/", 1)[-1],
        hedged=_flag(props, NM.hedged),
        negated=_flag(props, NM.negated),
        confidence=_number(props, NM.confidence) or 0.0,
        rule=_text(props, NM.rule),
        qualifiers=_qualifiers(kg, props),
        evidence=_evidence(props, documents),
        statistics=statistics,
    )


def _qualifiers(kg: KnowledgeGraph, props: Props) -> tuple[Qualifier, ...]:
    found = [
        Qualifier(str(p)[len(_NM) :], term_ref(kg, str(o)))
        for p, values in props.items()
        if str(p).startswith(_NM) and p not in _CLAIM_FIELDS
        for o in values
        if isinstance(o, URIRef)
    ]
    return tuple(sorted(found, key=lambda q: (q.name, q.value.iri)))


def _evidence(props: Props, documents: dict[str, DocumentRecord]) -> Evidence:
    doc_id = _text(props, PROV.wasDerivedFrom).rsplit("/", 1)[-1]
    doc = documents.get(doc_id)
    return Evidence(
        document=doc_id,
        title=doc.title if doc else doc_id,
        source_kind=_text(props, NM.sourceKind, doc.source_kind if doc else "unknown"),
        publisher=doc.publisher if doc else "unknown",
        promotes_products=doc.promotes_products if doc else False,
        sentence=_text(props, NM.sentence),
        start=_count(props, NM.startOffset) or 0,
        end=_count(props, NM.endOffset) or 0,
    )


# ---- relations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelationFilter:
    """Which claims to list; None means any. Entity and predicate values are IRIs."""

    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    sign: str | None = None
    hedged: bool | None = None
    negated: bool | None = None
    source: str | None = None
    source_kind: str | None = None

    def accepts(self, claim: ClaimRecord) -> bool:
        checks: tuple[tuple[object, object], ...] = (
            (self.subject, claim.subject.iri),
            (self.predicate, claim.predicate.iri),
            (self.object, claim.object.iri),
            (self.sign, claim.sign),
            (self.hedged, claim.hedged),
            (self.negated, claim.negated),
            (self.source, claim.evidence.document),
            (self.source_kind, claim.evidence.source_kind),
        )
        return all(want is None or want == have for want, have in checks)


def list_relations(kg: KnowledgeGraph, wanted: RelationFilter) -> list[ClaimRecord]:
    """The claims `wanted` accepts, ordered by document and offset."""
    return [claim for claim in claim_index(kg).claims if wanted.accepts(claim)]


def resolve_entity_param(kg: KnowledgeGraph, param: str, term: str | None) -> str | None:
    """The IRI of an entity named by query parameter `param`.

    Raises:
        UnknownEntity: the term names no entity (the message names the parameter).
    """
    if term is None or not term.strip():
        return None
    try:
        return resolve_entity(kg, term)
    except UnknownEntity as err:
        raise UnknownEntity(f"{param}: no entity is called {term!r}") from err


def predicate_candidates(term: str) -> list[str]:
    """The IRIs a predicate term may mean: itself, `nm:` + it, and its CURIE expansion."""
    text = term.strip()
    candidates = [text, _NM + text]
    if ":" in text and not text.startswith(("http://", "https://")):
        candidates.append(to_iri(text) or "")
    return candidates


def resolve_predicate(kg: KnowledgeGraph, term: str, param: str = "predicate") -> str:
    """The IRI of a relation property given as a local name (`activates`), CURIE or IRI.

    Raises:
        InvalidQuery: the term names no relation property (the message names `param`).
    """
    predicates = claim_index(kg).predicates
    for iri in predicate_candidates(term):
        if iri in predicates:
            return iri
    kinds = ", ".join(sorted(p.rsplit("/", 1)[-1] for p in predicates))
    raise InvalidQuery(f"{param}: {term!r} is not a known relation; use one of: {kinds}")


# ---- entities --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Identifier:
    """A standard identifier of an entity and how closely it matches (exact, close, broad)."""

    curie: str
    iri: str
    match: str


@dataclass
class RelationSummary:
    """All claims of one (entity, predicate, other entity) relation, counted."""

    predicate: TermRef
    entity: TermRef  # the other end of the relation
    sign: str
    evidence_count: int = 0  # claims asserting it
    hedged_count: int = 0  # of those, hedged
    negated_count: int = 0  # claims denying it
    sources: list[str] = field(default_factory=list)
    ontology: bool = False  # stated with no sentence behind it: an ontology fact


@dataclass(frozen=True)
class EntityDetail:
    """An entity with its names, identifiers and relations in both directions."""

    iri: str
    curie: str
    label: str
    labels: tuple[str, ...]
    synonyms: tuple[str, ...]
    category: str
    definition: str | None
    identifiers: tuple[Identifier, ...]
    outgoing: list[RelationSummary]
    incoming: list[RelationSummary]


def entity_detail(kg: KnowledgeGraph, term: str) -> EntityDetail:
    """Everything the graph says of the entity `term` names (CURIE, IRI, label or synonym).

    Raises:
        UnknownEntity: the term names no entity.
    """
    iri = resolve_entity(kg, term)
    record = kg.entities[iri]
    node = URIRef(iri)
    labels = {str(v) for p in (SKOS.prefLabel, RDFS.label) for v in kg.rdf.objects(node, p)}
    definition = kg.rdf.value(node, SKOS.definition)
    identifiers = sorted(
        (Identifier(to_curie(str(o)), str(o), match) for p, match in MATCH_TYPES
         for o in kg.rdf.objects(node, p) if isinstance(o, URIRef)),
        key=lambda i: (i.match, i.curie),
    )  # fmt: skip
    outgoing, incoming = _relations_of(kg, iri)
    return EntityDetail(
        iri, to_curie(iri), record.label, tuple(sorted(labels)), record.synonyms, record.category,
        str(definition) if definition is not None else None, tuple(identifiers), outgoing, incoming,
    )  # fmt: skip


def _relations_of(
    kg: KnowledgeGraph, iri: str
) -> tuple[list[RelationSummary], list[RelationSummary]]:
    """Claims about `iri` grouped per relation, plus relations the ontology asserts directly."""
    found: dict[tuple[bool, str, str], RelationSummary] = {}
    index = claim_index(kg)
    for claim in index.claims:
        for outward, other in ((True, claim.object), (False, claim.subject)):
            if (claim.subject if outward else claim.object).iri != iri:
                continue
            key = (outward, claim.predicate.iri, other.iri)
            summary = found.setdefault(key, RelationSummary(claim.predicate, other, claim.sign))
            _count_claim(summary, claim)
    for predicate in index.predicates.values():
        _add_direct(kg, found, predicate, iri)
    ordered = sorted(found.items(), key=lambda kv: (kv[0][1], kv[1].entity.label.lower()))
    return [s for (out, _, _), s in ordered if out], [s for (out, _, _), s in ordered if not out]


def _count_claim(summary: RelationSummary, claim: ClaimRecord) -> None:
    if claim.negated:
        summary.negated_count += 1
    else:
        summary.evidence_count += 1
        summary.hedged_count += int(claim.hedged)
    if claim.evidence.document not in summary.sources:
        summary.sources = sorted([*summary.sources, claim.evidence.document])


def _add_direct(
    kg: KnowledgeGraph,
    found: dict[tuple[bool, str, str], RelationSummary],
    predicate: PredicateRecord,
    iri: str,
) -> None:
    """Relations stated by the ontology itself (no sentence behind them) between entities."""
    node, prop = URIRef(iri), URIRef(predicate.iri)
    ref = TermRef(predicate.iri, to_curie(predicate.iri), predicate.label)
    pairs = [(True, o) for o in kg.rdf.objects(node, prop)]
    pairs += [(False, s) for s in kg.rdf.subjects(prop, node)]
    for outward, other in pairs:
        if str(other) in kg.entities:
            key = (outward, predicate.iri, str(other))
            new = RelationSummary(ref, term_ref(kg, str(other)), predicate.sign)
            summary = found.setdefault(key, new)
            # Asserted claims leave the same triple; with none behind it, the ontology said it.
            summary.ontology = summary.evidence_count == 0
