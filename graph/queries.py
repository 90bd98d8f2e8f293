"""Read-only questions the JSON API asks of a knowledge graph, answered as plain dataclasses.

The claim nodes are read once per loaded graph into a `ClaimIndex` (a loaded graph never
changes), so listing, filtering and counting claims is a scan of Python objects, not of RDF. The
index is made from the claims read when the graph was opened (KnowledgeGraph.claims) and a few
small reads; nothing here walks the whole graph, which may be a million triples in a store.
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, cast

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, Graph, URIRef

from graph.describe import predicate_words
from graph.errors import InvalidQuery, UnknownEntity
from graph.identifiers import to_curie, to_iri
from graph.kg import KnowledgeGraph
from graph.tables import TRUE, ClaimRow, columns, pairs, select, subjects, triple_count
from ontology.terms import NM

_NM = str(NM)
SIGNS = ("Positive", "Negative", "NotCausal")
MATCH_TYPES = (
    (SKOS.exactMatch, "exact"), (SKOS.closeMatch, "close"), (SKOS.broadMatch, "broad"),
    (SKOS.narrowMatch, "narrow"), (SKOS.relatedMatch, "related"),
)  # fmt: skip
Props = dict[str, list[str]]  # property IRI -> values, as strings
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
    # (field, value) -> positions in `claims`, in order; fields: subject, predicate, object, document
    positions: dict[tuple[str, str], list[int]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for at, claim in enumerate(self.claims):
            for key in (("subject", claim.subject.iri), ("predicate", claim.predicate.iri),
                        ("object", claim.object.iri), ("document", claim.evidence.document)):  # fmt: skip
                self.positions.setdefault(key, []).append(at)

    def where(self, **wanted: str) -> list[ClaimRecord]:
        """The claims with any of the given values (`subject=iri, object=iri`), in order.

        Filtering by entity, relation or document visits only those claims: a scan of every
        claim takes a tenth of a second at a million triples.
        """
        found = sorted({at for key in wanted.items() for at in self.positions.get(key, ())})
        return [self.claims[at] for at in found]


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


def triple_total(kg: KnowledgeGraph) -> int:
    """How many triples `kg` holds, counted once per loaded graph (a store counts them all)."""
    return per_graph(kg, "triples", lambda loaded: triple_count(loaded.rdf))


def term_ref(kg: KnowledgeGraph, iri: str) -> TermRef:
    """The term's IRI, CURIE and label, made once per term and loaded graph: a CURIE takes
    microseconds to make, and one answer may name thousands of terms (a hub entity's relations)."""
    made = per_graph(kg, "term-refs", _no_refs)
    found = made.get(iri)
    if found is None:
        found = made.setdefault(iri, TermRef(iri, to_curie(iri), kg.label(iri)))
    return found


def _no_refs(kg: KnowledgeGraph) -> dict[str, TermRef]:
    return {}


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
    """Made from the claims the graph was opened with, plus a few small, targeted reads (documents,
    relation properties, statistics, identifiers); a million-triple graph is never walked here."""
    rdf = kg.rdf
    documents, predicates = _read_documents(rdf), _read_predicates(rdf)
    statistics, qualifiers = _read_statistics(rdf), _read_qualifiers(rdf)
    # A relation property is named by its words (`inhibits deposition in`).
    named = {iri: TermRef(iri, to_curie(iri), record.label) for iri, record in predicates.items()}
    claims = [
        _claim_record(
            kg,
            row,
            named.get(row.predicate) or TermRef(row.predicate, to_curie(row.predicate), row.predicate),
            documents,
            tuple(Qualifier(name, term_ref(kg, iri)) for name, iri in qualifiers.get(row.iri, ())),
            statistics.get(row.iri, ()),
        )
        for row in kg.claims
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
        for standard, entity in sorted((o, s) for s, o in pairs(kg.rdf, prop)):
            if entity in kg.entities:
                xrefs.setdefault(standard, entity)
    return xrefs


def _props_of(rdf: Graph, where: str) -> dict[str, Props]:
    """The properties of each `?node` that the pattern `where` binds: {node: {property: values}}."""
    found: dict[str, Props] = defaultdict(lambda: defaultdict(list))
    for node, prop, value in select(rdf, f"SELECT ?node ?p ?o WHERE {{ {where} ?node ?p ?o }}"):
        if node is not None and prop is not None and value is not None:
            found[node][prop].append(value)
    return found


def _text(props: Props, prop: URIRef, default: str = "") -> str:
    values = props.get(str(prop))
    return values[0] if values else default


def _flag(props: Props, prop: URIRef) -> bool:
    return _text(props, prop).lower() in TRUE


def _number(props: Props, prop: URIRef) -> float | None:
    return float(_text(props, prop)) if str(prop) in props else None


def _count(props: Props, prop: URIRef) -> int | None:
    return int(_text(props, prop)) if str(prop) in props else None


def _read_documents(rdf: Graph) -> dict[str, DocumentRecord]:
    documents = {}
    fields = (DCTERMS.title, NM.publisher, NM.sourceKind, NM.promotesProducts, DCTERMS.source,
              DCTERMS.identifier, NM.sha256)  # fmt: skip
    for node, cells in columns(rdf, NM.Document, fields).items():
        title, publisher, source_kind, promotes, url, path, sha256 = cells
        doc_id = node.rsplit("/", 1)[-1]
        documents[doc_id] = DocumentRecord(
            id=doc_id,
            iri=node,
            title=doc_id if title is None else title,
            publisher=publisher or "unknown",
            source_kind=source_kind or "unknown",
            promotes_products=(promotes or "").lower() in TRUE,
            url=url or None,
            path=doc_id if path is None else path,
            sha256=sha256 or "",
        )
    return dict(sorted(documents.items()))


def _read_predicates(rdf: Graph) -> dict[str, PredicateRecord]:
    predicates = {}
    for prop in subjects(rdf, RDF.type, OWL.ObjectProperty):
        for sign in rdf.objects(URIRef(prop), NM.sign):
            if str(sign).startswith(_NM):
                label = rdf.value(URIRef(prop), RDFS.label)
                words = str(label) if label is not None else predicate_words(prop[len(_NM) :])
                predicates[prop] = PredicateRecord(prop, words, str(sign)[len(_NM) :])
    return predicates


def _read_statistics(rdf: Graph) -> dict[str, tuple[Statistic, ...]]:
    found: dict[str, list[Statistic]] = defaultdict(list)
    props_of = _props_of(rdf, f"?claim <{NM.supportedBy}> ?node .")
    for claim, node in pairs(rdf, NM.supportedBy):
        props = props_of.get(node, {})
        found[claim].append(
            Statistic(
                iri=node,
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


def _claim_record(
    kg: KnowledgeGraph,
    row: ClaimRow,
    predicate: TermRef,
    documents: dict[str, DocumentRecord],
    qualifiers: tuple[Qualifier, ...],
    statistics: tuple[Statistic, ...],
) -> ClaimRecord:
    return ClaimRecord(
        iri=row.iri,
        subject=term_ref(kg, row.subject),
        predicate=predicate,
        object=term_ref(kg, row.object),
        sign=row.sign.rsplit("/", 1)[-1],
        hedged=row.hedged,
        negated=row.negated,
        confidence=row.confidence,
        rule=row.rule,
        qualifiers=qualifiers,
        evidence=_evidence(row, documents),
        statistics=statistics,
    )


# Properties of a claim node that are its own fields; any other nm: property with an IRI value is a
# qualifier (`nm:cargo`).
_CLAIM_FIELDS = (
    RDF.type, NM.subject, NM.predicate, NM.object, NM.sign, NM.hedged, NM.negated, NM.confidence,
    NM.sentence, NM.startOffset, NM.endOffset, NM.rule, NM.sourceKind, NM.supportedBy,
    PROV.wasDerivedFrom,
)  # fmt: skip


def _read_qualifiers(rdf: Graph) -> dict[str, list[tuple[str, str]]]:
    """(name, value IRI) qualifiers by claim, sorted; the filter runs in the store, so only the
    qualifier triples among the claims' are decoded."""
    fields = ", ".join(f"<{prop}>" for prop in _CLAIM_FIELDS)
    query = (
        f"SELECT ?c ?p ?o WHERE {{ ?c a <{NM.Claim}> ; ?p ?o . FILTER(isIRI(?o) && ?p NOT IN ({fields})) }}"
    )
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for claim, prop, value in select(rdf, query):
        if claim is not None and prop is not None and value is not None and prop.startswith(_NM):
            found[claim].append((prop[len(_NM) :], value))
    return {claim: sorted(qualifiers) for claim, qualifiers in found.items()}


def _evidence(row: ClaimRow, documents: dict[str, DocumentRecord]) -> Evidence:
    doc_id = row.document.rsplit("/", 1)[-1]
    doc = documents.get(doc_id)
    return Evidence(
        document=doc_id,
        title=doc.title if doc else doc_id,
        source_kind=row.source_kind or (doc.source_kind if doc else "unknown"),
        publisher=doc.publisher if doc else "unknown",
        promotes_products=doc.promotes_products if doc else False,
        sentence=row.sentence,
        start=row.start,
        end=row.end,
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
    """The claims `wanted` accepts, ordered by document and offset. When it names an entity, a
    relation or a document, only the claims with that value are looked at (the fewest such)."""
    index = claim_index(kg)
    given = {"subject": wanted.subject, "predicate": wanted.predicate, "object": wanted.object,
             "document": wanted.source}  # fmt: skip
    narrowest = min(
        (index.where(**{name: value}) for name, value in given.items() if value is not None),
        key=len,
        default=index.claims,
    )
    return [claim for claim in narrowest if wanted.accepts(claim)]


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
