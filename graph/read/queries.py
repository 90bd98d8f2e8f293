"""Read-only questions the JSON API asks of a knowledge graph, answered as plain dataclasses
(graph.records).

The claim nodes are read once per loaded graph into a `ClaimIndex` (graph.claim_reader; a loaded
graph never changes), so listing, filtering and counting claims is a scan of Python objects, not
of RDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from nutrikg.graph.errors import InvalidQuery, UnknownEntity
from nutrikg.graph.identifiers import to_iri
from nutrikg.graph.namespaces import NM_BASE
from nutrikg.graph.read.claim_reader import read_claim_index
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.per_graph import per_graph
from nutrikg.graph.read.records import ClaimIndex, ClaimRecord


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


def claim_index(kg: KnowledgeGraph) -> ClaimIndex:
    """The claims, documents and relation properties of `kg`, read once."""
    return per_graph(kg, "claims", read_claim_index)


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
    candidates = [text, NM_BASE + text]
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
