"""Claims into RDF, the master copy of the graph.

Each non-negated claim is asserted as a direct triple (`nm:vitamin_k2 nm:activates nm:osteocalcin`)
so plain SPARQL works, and every claim, negated or not, is also a claim node carrying its evidence
with PROV-O: the document it was derived from, the exact sentence, offsets, hedged/negated flags,
rule, confidence and the publisher's kind. Doses and study statistics are nodes of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from rdflib import DCTERMS, PROV, RDF, SKOS, XSD, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from nutrikg.graph.extract.vocabulary import STATE_LINKS, EntityInfo, load_vocabulary
from nutrikg.graph.model import Claim, Document, DoseRecommendation, Extraction, StudyStatistic
from nutrikg.graph.namespaces import FABIO, NCIT, PRISM, UO, document_iri
from nutrikg.ontology.terms import NM, NM_CLAIM, NM_DOSE, NM_STAT

_UNIT_TERMS = {
    "microgram": UO["0000023"],
    "milligram": UO["0000022"],
    "nanogram / milliliter": UO["0000275"],
    "international_unit": NCIT["C48579"],
}


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
    add_document(rdf_graph, document, named_in(extraction))
    terms = _DocumentTerms(document)
    add = _triple_adder(rdf_graph)
    for claim in extraction.claims:
        _add_claim(add, claim, terms)
    for dose in extraction.doses:
        _add_dose(add, dose, terms)
    for statistic in extraction.statistics:
        _add_statistic(add, statistic, terms)


def named_in(extraction: Extraction) -> set[str]:
    """The entities a document names: its mentions', and its claims' ends (a claim may name a
    state no mention spans: "a lack of it causes ...")."""
    named = {m.entity for m in extraction.mentions}
    return named | {end for claim in extraction.claims for end in (claim.subject, claim.object)}


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
    add_publication(rdf_graph, node, document)
    vocabulary = load_vocabulary()
    for entity in sorted(set(mentioned)):
        rdf_graph.add((node, NM.mentions, _iri(entity)))
        info = vocabulary.lookup(entity)
        if info is not None and info.derived:
            add_derived_entity(rdf_graph, info)


def add_publication(rdf_graph: Graph, node: URIRef, document: Document) -> None:
    """Where a published article appeared and its identifiers, in the vocabularies bibliographic
    data uses (PRISM, FaBiO, Dublin Core): journal, year, DOI and PMID, each when known."""
    if document.journal:
        rdf_graph.add((node, PRISM.publicationName, Literal(document.journal)))
    if document.year is not None:
        rdf_graph.add((node, DCTERMS.issued, Literal(f"{document.year:04d}", datatype=XSD.gYear)))
    if document.doi:
        rdf_graph.add((node, PRISM.doi, Literal(document.doi)))
    if document.pmid:
        rdf_graph.add((node, FABIO.hasPubMedId, Literal(document.pmid)))


def add_derived_entity(rdf_graph: Graph, entity: EntityInfo) -> None:
    """A term of the derived vocabulary, under its standard IRI, with its label, synonyms and nm:
    class. Only the terms a document mentions are written: the vocabulary has tens of thousands,
    the graph needs the few it talks about (the hand-written core is copied in whole)."""
    node = _iri(entity.iri)
    rdf_graph.add((node, RDF.type, _nm(entity.category)))
    rdf_graph.add((node, SKOS.prefLabel, Literal(entity.label, lang="en")))
    for synonym in entity.alt_labels:
        rdf_graph.add((node, SKOS.altLabel, Literal(synonym, lang="en")))
    if entity.state_of is not None and entity.state is not None:
        rdf_graph.add((node, _nm(STATE_LINKS[entity.state]), _iri(entity.state_of)))


def add_claim(rdf_graph: Graph, claim: Claim, document: Document) -> None:
    _add_claim(rdf_graph.add, claim, _DocumentTerms(document))


def add_dose(rdf_graph: Graph, dose: DoseRecommendation) -> None:
    _add_dose(rdf_graph.add, dose, _DocumentTerms(None))


def add_statistic(rdf_graph: Graph, statistic: StudyStatistic) -> None:
    _add_statistic(rdf_graph.add, statistic, _DocumentTerms(None))


# --- shared terms -----------------------------------------------------------------------------------
# rdflib builds every term and computes every term's hash in Python, and a document's claims repeat
# the same few: its IRI, its sentences and offsets, the same entities, rules and flags. Making each
# term once (module constants, small caches for bounded vocabularies, a per-document memo for the
# rest) saves most of the per-claim cost, and a store whose keys are the very same objects compares
# them by identity instead of calling rdflib's __eq__.
_TYPE = RDF.type
_DERIVED_FROM = PROV.wasDerivedFrom
_TRUE, _FALSE = Literal(True), Literal(False)
_P_CLAIM, _P_DOSE, _P_STATISTIC = NM.Claim, NM.DoseRecommendation, NM.StudyStatistic
_P_SUBJECT, _P_PREDICATE, _P_OBJECT, _P_SIGN = NM.subject, NM.predicate, NM.object, NM.sign
_P_HEDGED, _P_NEGATED, _P_CONFIDENCE, _P_RULE = NM.hedged, NM.negated, NM.confidence, NM.rule
_P_SENTENCE, _P_START, _P_END, _P_SOURCE_KIND = NM.sentence, NM.startOffset, NM.endOffset, NM.sourceKind
_P_HAS_DOSE, _P_NUTRIENT, _P_DOSE_LOW, _P_DOSE_HIGH = (
    NM.hasRecommendedDose,
    NM.nutrient,
    NM.doseLow,
    NM.doseHigh,
)
_P_UNIT, _P_NORMALIZED_LOW, _P_NORMALIZED_HIGH, _P_NORMALIZED_UNIT = (
    NM.unit,
    NM.normalizedLow,
    NM.normalizedHigh,
    NM.normalizedUnit,
)
_P_DOSE_KIND, _P_QUANTITY_TEXT, _P_UNIT_TERM = NM.doseKind, NM.quantityText, NM.unitTerm
_P_FREQUENCY, _P_POPULATION = NM.frequency, NM.population
_P_READERS, _P_DISSENT = NM.readers, NM.dissent
_P_STATISTIC_KIND, _P_VALUE, _P_CI_LOW, _P_CI_HIGH = NM.statisticKind, NM.value, NM.ciLow, NM.ciHigh
_P_SAMPLE_SIZE, _P_TRIAL_COUNT, _P_SUPPORTED_BY = NM.sampleSize, NM.trialCount, NM.supportedBy


@lru_cache(maxsize=4096)
def _iri(value: str) -> URIRef:
    """An entity's IRI (the ontology bounds how many there are)."""
    return URIRef(value)


@lru_cache(maxsize=256)
def _nm(local_name: str) -> URIRef:
    """A term of the nm: vocabulary: predicates, signs, qualifier keys."""
    return NM[local_name]


@lru_cache(maxsize=4096)
def _label(value: str) -> Literal:
    """A plain literal from a small vocabulary: rule names, source kinds, units, kinds."""
    return Literal(value)


class _DocumentTerms:
    """Terms that repeat within one document: its IRI and source kind, sentences and offsets."""

    def __init__(self, document: Document | None) -> None:
        self.source_kind = _label(document.source_kind.value) if document else None
        self._documents: dict[str, URIRef] = {}
        self._texts: dict[str, Literal] = {}
        self._counts: dict[int, Literal] = {}
        self._decimals: dict[str, Literal] = {}

    def document(self, doc_id: str) -> URIRef:
        if (found := self._documents.get(doc_id)) is None:
            found = self._documents[doc_id] = document_iri(doc_id)
        return found

    def text(self, value: str) -> Literal:
        if (found := self._texts.get(value)) is None:
            found = self._texts[value] = Literal(value)
        return found

    def count(self, value: int) -> Literal:
        if (found := self._counts.get(value)) is None:
            found = self._counts[value] = Literal(value)
        return found

    def decimal(self, value: float) -> Literal:
        text = _decimal_text(value)  # the key: 0.0 and -0.0 are equal floats but distinct literals
        if (found := self._decimals.get(text)) is None:
            found = self._decimals[text] = Literal(text, datatype=XSD.decimal)
        return found


_Add = Callable[[tuple[Node, Node, Node]], object]


def _triple_adder(rdf_graph: Graph) -> _Add:
    """`rdf_graph.add` for a plain Graph without its checks that each term is an rdflib Node
    (every term here is made by this module): a quarter of the cost of adding a triple, and a
    build adds hundreds per document."""
    if type(rdf_graph) is not Graph:
        return rdf_graph.add
    store_add = rdf_graph.store.add

    def add(triple: tuple[Node, Node, Node]) -> None:
        store_add(triple, rdf_graph, quoted=False)

    return add


def _flag(value: bool) -> Literal:
    return _TRUE if value else _FALSE


def _add_claim(add: _Add, claim: Claim, terms: _DocumentTerms) -> None:
    node = NM_CLAIM[claim.id]
    subject, predicate, obj = _iri(claim.subject), _nm(claim.predicate), _iri(claim.object)
    if not claim.negated:
        add((subject, predicate, obj))
    ev = claim.evidence
    assert terms.source_kind is not None
    for p, o in (
        (_TYPE, _P_CLAIM),
        (_P_SUBJECT, subject),
        (_P_PREDICATE, predicate),
        (_P_OBJECT, obj),
        (_P_SIGN, _nm(claim.sign.value)),
        (_P_HEDGED, _flag(claim.hedged)),
        (_P_NEGATED, _flag(claim.negated)),
        (_P_CONFIDENCE, terms.decimal(ev.confidence)),
        (_DERIVED_FROM, terms.document(ev.doc_id)),
        (_P_SENTENCE, terms.text(ev.sentence)),
        (_P_START, terms.count(ev.span.start)),
        (_P_END, terms.count(ev.span.end)),
        (_P_RULE, _label(ev.rule)),
        (_P_SOURCE_KIND, terms.source_kind),
    ):
        add((node, p, o))
    for key, value in claim.qualifiers:
        add((node, _nm(key), _iri(value)))
    add((node, _P_READERS, _label(" ".join(claim.readers))))
    if claim.dissent is not None:
        add((node, _P_DISSENT, Literal(claim.dissent)))


def _add_dose(add: _Add, dose: DoseRecommendation, terms: _DocumentTerms) -> None:
    node = NM_DOSE[dose.id]
    nutrient = _iri(dose.nutrient)
    add((nutrient, _P_HAS_DOSE, node))
    for p, o in (
        (_TYPE, _P_DOSE),
        (_P_NUTRIENT, nutrient),
        (_P_DOSE_LOW, terms.decimal(dose.low)),
        (_P_DOSE_HIGH, terms.decimal(dose.high)),
        (_P_UNIT, _label(dose.unit)),
        (_P_NORMALIZED_LOW, terms.decimal(dose.normalized_low)),
        (_P_NORMALIZED_HIGH, terms.decimal(dose.normalized_high)),
        (_P_NORMALIZED_UNIT, _label(dose.normalized_unit)),
        (_P_DOSE_KIND, _label(dose.kind)),
        (_P_QUANTITY_TEXT, terms.text(dose.text)),
        (_P_HEDGED, _flag(dose.hedged)),
        (_DERIVED_FROM, terms.document(dose.doc_id)),
        (_P_SENTENCE, terms.text(dose.sentence)),
        (_P_START, terms.count(dose.span.start)),
        (_P_END, terms.count(dose.span.end)),
    ):
        add((node, p, o))
    if dose.normalized_unit in _UNIT_TERMS:
        add((node, _P_UNIT_TERM, _UNIT_TERMS[dose.normalized_unit]))
    for p, value in ((_P_FREQUENCY, dose.frequency), (_P_POPULATION, dose.population)):
        if value:
            add((node, p, _label(value)))


def _add_statistic(add: _Add, statistic: StudyStatistic, terms: _DocumentTerms) -> None:
    node = NM_STAT[statistic.id]
    add((node, _TYPE, _P_STATISTIC))
    add((node, _P_STATISTIC_KIND, _label(statistic.kind)))
    add((node, _DERIVED_FROM, terms.document(statistic.doc_id)))
    add((node, _P_SENTENCE, terms.text(statistic.sentence)))
    add((node, _P_START, terms.count(statistic.span.start)))
    add((node, _P_END, terms.count(statistic.span.end)))
    for p, value in (
        (_P_VALUE, statistic.value),
        (_P_CI_LOW, statistic.ci_low),
        (_P_CI_HIGH, statistic.ci_high),
    ):
        if value is not None:
            add((node, p, terms.decimal(value)))
    for p, count in (
        (_P_SAMPLE_SIZE, statistic.sample_size),
        (_P_TRIAL_COUNT, statistic.trial_count),
    ):
        if count is not None:
            add((node, p, terms.count(count)))
    if statistic.supports:
        add((NM_CLAIM[statistic.supports], _P_SUPPORTED_BY, node))


def decimal_literal(value: float) -> Literal:
    """An xsd:decimal literal in the canonical form every serialisation round-trips."""
    return Literal(_decimal_text(value), datatype=XSD.decimal)


def _decimal_text(value: float) -> str:
    """An xsd:decimal in canonical form ("200.0", "0.2"), so every serialisation round-trips."""
    text = f"{value:.6f}".rstrip("0")
    return text + "0" if text.endswith(".") else text
