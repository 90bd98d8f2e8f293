"""What the extractor knows from the ontology: entities with their labels and classes, and
relation properties with their sign. Read once from the hand-written Turtle files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from nutrikg.graph.extract.derived import admitted
from nutrikg.graph.lexicon import name_key, read_rows
from nutrikg.graph.model import Sign
from nutrikg.ontology import DERIVED_VOCABULARY, ONTOLOGY_DIR, ONTOLOGY_FILES
from nutrikg.ontology.terms import NM


@dataclass(frozen=True)
class EntityInfo:
    """A named entity: its IRI, preferred label, synonyms and ontology class (with ancestors)."""

    iri: str
    label: str
    alt_labels: tuple[str, ...]
    classes: frozenset[str]  # local names of its class and every superclass
    category: str = "Entity"  # local name of its own nm: class
    derived: bool = False  # from the derived vocabulary (a standard IRI), not the hand-written core

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
def load_vocabulary(*, derived: bool = True) -> Vocabulary:
    """The ontology's entities and relation properties (read once per process), with the terms of
    the derived vocabulary the hand-written core does not already name (`derived=False`: the core
    alone)."""
    rdf_graph = ontology_graph()
    entities = _entities(rdf_graph)
    if derived:
        entities.update(_derived_entities(rdf_graph, entities, Path(ONTOLOGY_DIR) / DERIVED_VOCABULARY))
    return Vocabulary(entities, _predicates(rdf_graph))


def _derived_entities(rdf_graph: Graph, core: dict[str, EntityInfo], path: Path) -> dict[str, EntityInfo]:
    """The derived table's entities, less those the core names or cross-references (the core wins)."""
    core_names = {name_key(name) for e in core.values() for name in (e.label, *e.alt_labels)}
    core_xrefs = {str(o) for p in _MATCHES for o in rdf_graph.objects(None, p)}
    categories = {
        _local(cls): _ancestors(rdf_graph, cls)
        for cls in rdf_graph.transitive_subjects(RDFS.subClassOf, NM.Entity)
        if isinstance(cls, URIRef)
    }
    rows = admitted(read_rows(path), core_names, core_xrefs, categories)
    return {
        iri: EntityInfo(iri, label, synonyms, categories[category], category, derived=True)
        for iri, label, category, synonyms in rows
    }


_MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)


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
        own = sorted(
            c for c in rdf_graph.objects(subject, RDF.type) if isinstance(c, URIRef) and c.startswith(str(NM))
        )
        for cls in own:
            classes |= _ancestors(rdf_graph, cls)
        alt = sorted(str(a) for a in rdf_graph.objects(subject, SKOS.altLabel))
        category = _local(own[0]) if own else "Entity"
        entities[str(subject)] = EntityInfo(
            str(subject), str(label), tuple(alt), frozenset(classes), category
        )
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
