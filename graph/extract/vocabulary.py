"""What the extractor knows from the ontology: entities with their labels and classes, and
relation properties with their sign. Read once from the hand-written Turtle files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from nutrikg.graph.model import Sign
from nutrikg.ontology import ONTOLOGY_DIR, ONTOLOGY_FILES
from nutrikg.ontology.terms import NM


@dataclass(frozen=True)
class EntityInfo:
    """A named entity: its IRI, preferred label, synonyms and ontology class (with ancestors)."""

    iri: str
    label: str
    alt_labels: tuple[str, ...]
    classes: frozenset[str]  # local names of its class and every superclass

    @property
    def local_name(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    def is_a(self, *class_names: str) -> bool:
        return not self.classes.isdisjoint(class_names)


@dataclass(frozen=True)
class PredicateInfo:
    """A relation property: label, definition and sign, as the ontology declares them."""

    iri: str
    label: str
    sign: Sign
    causal: bool

    @property
    def local_name(self) -> str:
        return self.iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Vocabulary:
    """Entities by IRI and relation properties by local name."""

    entities: dict[str, EntityInfo]
    predicates: dict[str, PredicateInfo]

    def entity(self, local_name: str) -> EntityInfo:
        """The entity `nm:<local_name>`; raises KeyError when the ontology has none."""
        return self.entities[str(NM) + local_name]

    def predicate(self, local_name: str) -> PredicateInfo:
        """The relation property `nm:<local_name>`; raises KeyError when the ontology has none."""
        return self.predicates[local_name]


def ontology_graph() -> Graph:
    """A fresh rdflib Graph holding the ontology's Turtle files."""
    rdf_graph = Graph()
    for name in ONTOLOGY_FILES:
        rdf_graph.parse(Path(ONTOLOGY_DIR) / name, format="turtle")
    return rdf_graph


@cache
def load_vocabulary() -> Vocabulary:
    """The ontology's entities and relation properties (read once per process)."""
    rdf_graph = ontology_graph()
    return Vocabulary(_entities(rdf_graph), _predicates(rdf_graph))


def _local(iri: object) -> str:
    return str(iri).rsplit("/", 1)[-1]


def _ancestors(rdf_graph: Graph, cls: URIRef) -> frozenset[str]:
    found = {_local(c) for c in rdf_graph.transitive_objects(cls, RDFS.subClassOf)}
    return frozenset(found)


def _entities(rdf_graph: Graph) -> dict[str, EntityInfo]:
    entities: dict[str, EntityInfo] = {}
    for subject, label in rdf_graph.subject_objects(SKOS.prefLabel):
        if not isinstance(subject, URIRef) or not str(subject).startswith(str(NM)):
            continue
        classes: set[str] = set()
        for cls in rdf_graph.objects(subject, RDF.type):
            if isinstance(cls, URIRef) and str(cls).startswith(str(NM)):
                classes |= _ancestors(rdf_graph, cls)
        alt = sorted(str(a) for a in rdf_graph.objects(subject, SKOS.altLabel))
        entities[str(subject)] = EntityInfo(str(subject), str(label), tuple(alt), frozenset(classes))
    return entities


def _predicates(rdf_graph: Graph) -> dict[str, PredicateInfo]:
    predicates: dict[str, PredicateInfo] = {}
    for prop in rdf_graph.subjects(RDF.type, OWL.ObjectProperty):
        sign = rdf_graph.value(prop, NM.sign)
        if sign is None:
            continue
        causal = rdf_graph.value(prop, NM.causal)
        label = rdf_graph.value(prop, RDFS.label) or _local(prop)
        predicates[_local(prop)] = PredicateInfo(
            str(prop),
            str(label),
            Sign(_local(sign)),
            bool(causal.toPython()) if isinstance(causal, Literal) else False,
        )
    return predicates
