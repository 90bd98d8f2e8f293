"""Values made once per loaded graph and kept on it: the claim index, the triple count, term
references."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from nutrikg.graph.identifiers import to_curie
from nutrikg.graph.read.belief import StatementBelief, StatementKey, score_statements
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.network import DEFINITIONAL, Hop
from nutrikg.graph.read.records import TermRef
from nutrikg.graph.read.tables import triple_count

T = TypeVar("T")


def per_graph(kg: KnowledgeGraph, key: str, build: Callable[[KnowledgeGraph], T]) -> T:
    """`build(kg)`, made once per loaded graph and kept on it (`kg.memo`)."""
    return kg.memo.get(key, lambda: build(kg))


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


def statement_beliefs(kg: KnowledgeGraph) -> dict[StatementKey, StatementBelief]:
    """Every statement's belief (graph/read/belief.py), made once per loaded graph with its
    priors and reviews."""
    return per_graph(kg, "beliefs", _score)


def _score(kg: KnowledgeGraph) -> dict[StatementKey, StatementBelief]:
    return score_statements(kg.claims, kg.source_kinds, kg.priors, kg.reviews)


def hop_belief(kg: KnowledgeGraph, hop: Hop) -> float:
    """The belief of the statement a path's hop follows (0 for one no claim states; 1 for a
    state's link to its thing, which the ontology defines)."""
    if hop.predicate in DEFINITIONAL:
        return 1.0
    found = statement_beliefs(kg).get((hop.subject, hop.predicate, hop.object))
    return 0.0 if found is None else round(found.belief, 4)
