"""Counts over one loaded graph: instances per nm: class and claims per predicate, each made once
per graph (the store counts the classes)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from nutrikg.graph.namespaces import NM_BASE
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.per_graph import per_graph
from nutrikg.graph.read.queries import claim_index
from nutrikg.graph.read.tables import select


@dataclass(frozen=True)
class PredicateCounts:
    asserted: int
    negated: int
    hedged: int


def class_counts(kg: KnowledgeGraph) -> dict[str, int]:
    """Instances per nm: class, by local name."""
    return per_graph(kg, "class-counts", _count_classes)


def predicate_counts(kg: KnowledgeGraph) -> dict[str, PredicateCounts]:
    """Claims per predicate (asserted, negated, hedged), by local name."""
    return per_graph(kg, "predicate-counts", _count_predicates)


def _count_classes(kg: KnowledgeGraph) -> dict[str, int]:
    query = "SELECT ?class (COUNT(*) AS ?n) WHERE { ?s a ?class } GROUP BY ?class"
    found = select(kg.rdf, query)
    counts = {cls[len(NM_BASE) :]: int(n or 0) for cls, n in found if cls and cls.startswith(NM_BASE)}
    return dict(sorted(counts.items()))


def _count_predicates(kg: KnowledgeGraph) -> dict[str, PredicateCounts]:
    tally: dict[str, Counter[str]] = {}
    for claim in claim_index(kg).claims:
        counts = tally.setdefault(claim.predicate.iri.rsplit("/", 1)[-1], Counter())
        counts["negated" if claim.negated else "asserted"] += 1
        counts["hedged"] += int(claim.hedged)
    return {
        name: PredicateCounts(asserted=c["asserted"], negated=c["negated"], hedged=c["hedged"])
        for name, c in sorted(tally.items())
    }
