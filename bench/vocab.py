"""What the generator borrows from the ontology: entity classes, named entities with their
labels, and relation properties with their sign and the classes their domain and range allow."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

NM = "https://w3id.org/nutrikg/"
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
SCHEMA_FILE = "nutrikg.ttl"
ENTITY_FILE = "entities.ttl"


@dataclass(frozen=True)
class EntityClass:
    """An nm: class of named entities, with the local names of its subclasses (itself included)."""

    name: str
    descendants: frozenset[str]


@dataclass(frozen=True)
class NamedEntity:
    """An entity of the ontology: local name, class local name, labels."""

    name: str
    cls: str
    label: str
    alt_labels: tuple[str, ...]


@dataclass(frozen=True)
class Relation:
    """A relation property a claim may use."""

    name: str
    sign: str  # Positive, Negative or NotCausal
    domain: frozenset[str]  # entity class local names allowed as subject (empty: any)
    range: frozenset[str]  # entity class local names allowed as object (empty: any)


@dataclass(frozen=True)
class OntologyVocab:
    """Everything the generator needs from the ontology."""

    classes: dict[str, EntityClass]
    entities: tuple[NamedEntity, ...]
    relations: tuple[Relation, ...]


def read_ontology(folder: Path = ONTOLOGY_DIR) -> OntologyVocab:
    """Parse the schema and, when present, the entity file.

    Raises FileNotFoundError when the schema file is missing.
    """
    rdf_graph = Graph()
    rdf_graph.parse(folder / SCHEMA_FILE, format="turtle")
    if (folder / ENTITY_FILE).exists():
        rdf_graph.parse(folder / ENTITY_FILE, format="turtle")
    classes = _entity_classes(rdf_graph)
    return OntologyVocab(classes, _entities(rdf_graph, classes), _relations(rdf_graph, classes))


def _local(node: Node) -> str:
    return str(node)[len(NM) :]


def _entity_classes(rdf_graph: Graph) -> dict[str, EntityClass]:
    """Every nm: subclass (transitively) of nm:Entity, with its descendants."""
    children: dict[str, set[str]] = {}
    for sub, sup in rdf_graph.subject_objects(RDFS.subClassOf):
        if str(sub).startswith(NM) and str(sup).startswith(NM):
            children.setdefault(_local(sup), set()).add(_local(sub))

    def below(name: str) -> frozenset[str]:
        found = {name}
        for child in children.get(name, ()):
            found |= below(child)
        return frozenset(found)

    return {name: EntityClass(name, below(name)) for name in below("Entity")}


def _entities(rdf_graph: Graph, classes: dict[str, EntityClass]) -> tuple[NamedEntity, ...]:
    found = []
    for subject, label in rdf_graph.subject_objects(SKOS.prefLabel):
        types = [_local(t) for t in rdf_graph.objects(subject, RDF.type) if str(t).startswith(NM)]
        types = [t for t in types if t in classes]
        if not str(subject).startswith(NM) or not types:
            continue
        alts = tuple(sorted(str(a) for a in rdf_graph.objects(subject, SKOS.altLabel)))
        found.append(NamedEntity(_local(subject), sorted(types)[0], str(label), alts))
    return tuple(sorted(found, key=lambda e: e.name))


def _relations(rdf_graph: Graph, classes: dict[str, EntityClass]) -> tuple[Relation, ...]:
    relations = []
    for prop in rdf_graph.subjects(RDF.type, URIRef(NM + "RelationProperty")):
        sign = rdf_graph.value(prop, URIRef(NM + "sign"))
        if sign is None:
            continue
        domain = _class_set(rdf_graph, rdf_graph.value(prop, RDFS.domain), classes)
        range_ = _class_set(rdf_graph, rdf_graph.value(prop, RDFS.range), classes)
        relations.append(Relation(_local(prop), _local(sign), domain, range_))
    return tuple(sorted(relations, key=lambda r: r.name))


def _class_set(rdf_graph: Graph, node: Node | None, classes: dict[str, EntityClass]) -> frozenset[str]:
    """Entity classes a domain or range admits: a named class or an owl:unionOf of them."""
    if node is None:
        return frozenset()
    if isinstance(node, BNode):
        members = rdf_graph.value(node, OWL.unionOf)
        if members is None:
            return frozenset()
        names: set[str] = set()
        for member in Collection(rdf_graph, members):
            names |= _class_set(rdf_graph, member, classes)
        return frozenset(names)
    name = _local(node)
    if name == "Entity" or name not in classes:
        return frozenset()
    return classes[name].descendants
