"""Read-only questions the JSON API asks of a knowledge graph, answered as plain dataclasses.

The claim nodes are read once per loaded graph into a `ClaimIndex` (a loaded graph never
changes), so listing, filtering and counting claims is a scan of Python objects, not of RDF.
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
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
_CLAIM_FIELDS = frozenset(NM[name] for name in (
    "subject", "predicate", "object", "sign", "hedged", "negated", "confidence", "sentence",
    "startOffset", "endOffset", "rule", "sourceKind", "supportedBy",
))  # fmt: skip
Props = dict[Node, list[Node]]
T = TypeVar("T")


class InvalidParameter(InvalidQuery):
    """An InvalidQuery about one request parameter or body position, which `detail` names
    (the HTTP error shape carries it)."""

    def __init__(self, parameter: str, problem: str) -> None:
        super().__init__(f"{parameter}: {problem}")
        self.detail: dict[str, object] = {"parameter": parameter}


class UnknownEntityParameter(UnknownEntity):
    """An UnknownEntity for a term given in a request parameter, which `detail` names."""

    def __init__(self, parameter: str, term: str) -> None:
        super().__init__(f"{parameter}: no entity is called {term!r}")
        self.detail: dict[str, object] = {"parameter": parameter}


@dataclass(frozen=True)
class TermRef:
    iri: str
    curie: str
    label: str


@dataclass
class DocumentRecord:
    id: str
    iri: str
    title: str
    publisher: str
    source_kind: str
    promotes_products: bool
    url: str | None
    path: str  # file name in the corpus folder
    sha256: str
    claim_count: int = 0


@dataclass(frozen=True)
class Evidence:
    """Where a claim was read: the document, its publisher, the sentence and its offsets."""

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
    name: str  # e.g. cargo
    value: TermRef


@dataclass(frozen=True)
class ClaimRecord:
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
    claims: list[ClaimRecord]  # by document, then offset
    documents: dict[str, DocumentRecord]  # by id
    predicates: dict[str, PredicateRecord]  # relation properties, by IRI
    xrefs: dict[str, str]  # standard identifier IRI -> entity IRI


_CACHE: dict[tuple[int, str], object] = {}
_BUILDING: dict[tuple[int, str], threading.Lock] = {}
_BUILDING_GUARD = threading.Lock()


def per_graph(kg: KnowledgeGraph, key: str, build: Callable[[KnowledgeGraph], T]) -> T:
    """`build(kg)`, made once per loaded graph (which never changes) and dropped with it.

    A value already made is read without a lock; making one holds a lock of its own key only,
    so a slow build (an export) never holds up readers of other values.
    """
    slot = (id(kg), key)
    found = _CACHE.get(slot)
    if found is None:
        with _BUILDING_GUARD:
            lock = _BUILDING.setdefault(slot, threading.Lock())
        with lock:
            found = _CACHE.get(slot)
            if found is None:
                found = _CACHE[slot] = build(kg)
                weakref.finalize(kg, _forget, slot)
    return cast(T, found)


def _forget(slot: tuple[int, str]) -> None:
    _CACHE.pop(slot, None)
    with _BUILDING_GUARD:
        _BUILDING.pop(slot, None)


def claim_index(kg: KnowledgeGraph) -> ClaimIndex:
    """The claims, documents and relation properties of `kg`, read once."""
    return per_graph(kg, "claims", _build_index)


def term_ref(kg: KnowledgeGraph, iri: str) -> TermRef:
    return TermRef(iri, to_curie(iri), kg.label(iri))


def resolve_entity(kg: KnowledgeGraph, term: str) -> str:
    """The entity a label, synonym, CURIE or IRI names, or that a standard identifier is
    matched to (`CHEBI:28940` -> vitamin D3).

    Raises:
        UnknownEntity: none is.
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


def _build_index(kg: KnowledgeGraph) -> ClaimIndex:
    rdf = kg.rdf
    documents, predicates = _read_documents(rdf), _read_predicates(rdf)
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
        for standard, entity in sorted((str(o), str(s)) for s, o in kg.rdf.subject_objects(prop)):
            if entity in kg.entities:
                xrefs.setdefault(standard, entity)
    return xrefs


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
        props, doc_id = _props(rdf, node), str(node).rsplit("/", 1)[-1]
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
            label = rdf.value(prop, RDFS.label)
            words = str(label) if label is not None else predicate_words(str(prop)[len(_NM) :])
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
            (self.subject, claim.subject.iri), (self.predicate, claim.predicate.iri),
            (self.object, claim.object.iri), (self.sign, claim.sign),
            (self.hedged, claim.hedged), (self.negated, claim.negated),
            (self.source, claim.evidence.document),
            (self.source_kind, claim.evidence.source_kind),
        )  # fmt: skip
        return all(want is None or want == have for want, have in checks)


def list_relations(kg: KnowledgeGraph, wanted: RelationFilter) -> list[ClaimRecord]:
    """The claims `wanted` accepts, ordered by document and offset."""
    return [claim for claim in claim_index(kg).claims if wanted.accepts(claim)]


def resolve_entity_param(kg: KnowledgeGraph, param: str, term: str | None) -> str | None:
    """The IRI of the entity query parameter `param` names (None when it is empty).

    Raises:
        UnknownEntityParameter: it names no entity.
    """
    if term is None or not term.strip():
        return None
    try:
        return resolve_entity(kg, term)
    except UnknownEntity as err:
        raise UnknownEntityParameter(param, term) from err


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
        InvalidParameter: the term names no relation property.
    """
    predicates = claim_index(kg).predicates
    for iri in predicate_candidates(term):
        if iri in predicates:
            return iri
    kinds = ", ".join(sorted(p.rsplit("/", 1)[-1] for p in predicates))
    raise InvalidParameter(param, f"{term!r} is not a known relation; use one of: {kinds}")
