"""Reading a loaded graph's claims, documents, relation properties, statistics and identifiers
into a `ClaimIndex`: from the claims read when the graph was opened (KnowledgeGraph.claims) and a
few small, targeted reads; nothing here walks the whole graph, which may be a million triples in
a store."""

from __future__ import annotations

from collections import Counter, defaultdict

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, Graph, URIRef

from nutrikg.graph.identifiers import to_curie
from nutrikg.graph.model import Claim
from nutrikg.graph.namespaces import FABIO, NM_BASE, PRISM, claim_iri
from nutrikg.graph.read.belief import statement_key
from nutrikg.graph.read.describe import predicate_words
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.per_graph import statement_beliefs, term_ref
from nutrikg.graph.read.records import (
    MATCH_TYPES,
    ClaimIndex,
    ClaimRecord,
    DocumentRecord,
    Evidence,
    PredicateRecord,
    Qualifier,
    Reading,
    ReviewRecord,
    Statistic,
    TermRef,
)
from nutrikg.graph.read.tables import TRUE, columns, pairs, select, subjects
from nutrikg.graph.reviews import Review, Verdict, reviewed
from nutrikg.ontology.terms import NM

Props = dict[str, list[str]]  # property IRI -> values, as strings


def read_claim_index(kg: KnowledgeGraph) -> ClaimIndex:
    """Made from the claims the graph was opened with, plus a few small, targeted reads (documents,
    relation properties, statistics, identifiers); a million-triple graph is never walked here."""
    rdf = kg.rdf
    documents, predicates = _read_documents(rdf), _read_predicates(rdf)
    statistics, qualifiers = _read_statistics(rdf), _read_qualifiers(rdf)
    # A relation property is named by its words (`inhibits deposition in`).
    named = {iri: TermRef(iri, to_curie(iri), record.label) for iri, record in predicates.items()}
    claims = []
    for claim in kg.claims:
        iri = claim_iri(claim)
        claims.append(
            _claim_record(
                kg,
                claim,
                iri,
                named,
                documents,
                tuple(Qualifier(name, term_ref(kg, value)) for name, value in qualifiers.get(iri, ())),
                statistics.get(iri, ()),
            )
        )
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
              DCTERMS.identifier, NM.sha256, PRISM.publicationName, DCTERMS.issued, FABIO.hasPubMedId,
              PRISM.doi)  # fmt: skip
    for node, cells in columns(rdf, NM.Document, fields).items():
        title, publisher, source_kind, promotes, url, path, sha256, journal, year, pmid, doi = cells
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
            journal=journal,
            year=int(year) if year and year.isdigit() else None,
            pmid=pmid,
            doi=doi,
        )
    return dict(sorted(documents.items()))


def _read_predicates(rdf: Graph) -> dict[str, PredicateRecord]:
    predicates = {}
    for prop in subjects(rdf, RDF.type, OWL.ObjectProperty):
        for sign in rdf.objects(URIRef(prop), NM.sign):
            if str(sign).startswith(NM_BASE):
                label = rdf.value(URIRef(prop), RDFS.label)
                words = str(label) if label is not None else predicate_words(prop[len(NM_BASE) :])
                predicates[prop] = PredicateRecord(prop, words, str(sign)[len(NM_BASE) :])
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
    claim: Claim,
    iri: str,
    named: dict[str, TermRef],
    documents: dict[str, DocumentRecord],
    qualifiers: tuple[Qualifier, ...],
    statistics: tuple[Statistic, ...],
) -> ClaimRecord:
    """The served form of one claim: the record extraction made, as its review leaves it, with
    names for its terms and what is known of its document."""
    review = kg.reviews.of(claim)
    served = reviewed(claim, review)
    said = served or claim  # a rejected claim is listed as it was read
    found = None if served is None else statement_beliefs(kg).get(statement_key(served))
    return ClaimRecord(
        iri=iri,
        subject=term_ref(kg, said.subject),
        predicate=_predicate_ref(named, said.predicate),
        object=term_ref(kg, said.object),
        sign=said.sign,
        hedged=claim.hedged,
        negated=claim.negated,
        confidence=claim.evidence.confidence,
        rule=claim.evidence.rule,
        qualifiers=qualifiers,
        evidence=_evidence(claim, documents),
        statistics=statistics,
        readers=claim.readers,
        dissent=claim.dissent,
        belief=0.0 if found is None else round(found.of_claim(claim.negated), 4),
        content_id=claim.content_id,
        review=None if review is None else _review_record(kg, claim, review, named),
    )


def _predicate_ref(named: dict[str, TermRef], local_name: str) -> TermRef:
    """A relation property by its words (`inhibits deposition in`), or its IRI when unknown."""
    iri = f"{NM_BASE}{local_name}"
    return named.get(iri) or TermRef(iri, to_curie(iri), iri)


def _review_record(
    kg: KnowledgeGraph, claim: Claim, review: Review, named: dict[str, TermRef]
) -> ReviewRecord:
    """The review as served: with a correction, the reading it replaced."""
    original = None
    if review.verdict is Verdict.CORRECT:
        original = Reading(
            subject=term_ref(kg, claim.subject),
            predicate=_predicate_ref(named, claim.predicate),
            object=term_ref(kg, claim.object),
            sign=claim.sign,
        )
    return ReviewRecord(review.verdict.value, review.comment, review.at, original)


# Properties of a claim node that are its own fields; any other nm: property with an IRI value is a
# qualifier (`nm:cargo`).
_CLAIM_FIELDS = (
    RDF.type, NM.subject, NM.predicate, NM.object, NM.sign, NM.hedged, NM.negated, NM.confidence,
    NM.sentence, NM.startOffset, NM.endOffset, NM.rule, NM.sourceKind, NM.supportedBy,
    NM.readers, NM.dissent, PROV.wasDerivedFrom,
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
        if claim is not None and prop is not None and value is not None and prop.startswith(NM_BASE):
            found[claim].append((prop[len(NM_BASE) :], value))
    return {claim: sorted(qualifiers) for claim, qualifiers in found.items()}


def _evidence(claim: Claim, documents: dict[str, DocumentRecord]) -> Evidence:
    ev = claim.evidence
    doc = documents.get(ev.doc_id)
    return Evidence(
        document=ev.doc_id,
        title=doc.title if doc else ev.doc_id,
        source_kind=doc.source_kind if doc else "unknown",
        publisher=doc.publisher if doc else "unknown",
        promotes_products=doc.promotes_products if doc else False,
        sentence=ev.sentence,
        start=ev.span.start,
        end=ev.span.end,
    )
