"""What the extractor knows from the ontology: entities with their labels and classes, and
relation properties with their sign. Read once from the hand-written Turtle files."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from nutrikg.graph.extract.derived import admitted
from nutrikg.graph.identifiers import to_curie, to_iri
from nutrikg.graph.lexicon import name_key, read_rows
from nutrikg.graph.model import Sign, State
from nutrikg.ontology import DERIVED_VOCABULARY, ONTOLOGY_DIR, ONTOLOGY_FILES
from nutrikg.ontology.terms import NM, NM_IRI

# What can be lacking or in excess: an amount of something, not a place, a process or a disease.
STATEFUL = ("Nutrient", "ChemicalEntity", "Protein", "ProteinGroup", "Biomarker")
STATE_WORDS = {State.LOW: "deficiency", State.HIGH: "excess"}
STATE_LINKS = {State.LOW: "deficiencyOf", State.HIGH: "excessOf"}


@dataclass(frozen=True)
class EntityInfo:
    """A named entity: its IRI, preferred label, synonyms and ontology class (with ancestors)."""

    iri: str
    label: str
    alt_labels: tuple[str, ...]
    classes: frozenset[str]  # local names of its class and every superclass
    category: str = "Entity"  # local name of its own nm: class
    derived: bool = False  # from the derived vocabulary (a standard IRI), not the hand-written core
    state_of: str | None = None  # a lack or an excess of this entity (nm:deficiencyOf, nm:excessOf)
    state: State | None = None

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
    # (entity, state) -> the ontology's entity for that lack or excess ("iron deficiency")
    states: dict[tuple[str, State], str] = field(default_factory=dict)

    def entity(self, local_name: str) -> EntityInfo:
        """The entity `nm:<local_name>`; raises KeyError when the ontology has none."""
        return self.entities[str(NM) + local_name]

    def predicate(self, local_name: str) -> PredicateInfo:
        """The relation property `nm:<local_name>`; raises KeyError when the ontology has none."""
        return self.predicates[local_name]

    def state_entity(self, base: str, state: State) -> EntityInfo | None:
        """The lack (or excess) of `base` as an entity of its own: the ontology's where it names
        one ("iron deficiency", "scurvy"), else one made from the base's name ("copper
        deficiency", nm:copper_deficiency; nm:CHEBI_28694_deficiency for a derived term), which
        then joins `entities`. None for what cannot be lacking (a place, a process, a disease, a
        state already)."""
        info = self.entities.get(base)
        if info is None or info.state_of is not None or not info.is_a(*STATEFUL):
            return None
        named = self.states.get((base, state))
        if named is not None:
            return self.entities[named]
        # Kept once made: every later stage looks entities up by IRI. The entity an IRI names
        # never changes, so what this adds is the same in every process, whatever the order.
        return self.entities.setdefault(state_iri(base, state), _made_state(info, state))

    def lookup(self, iri: str) -> EntityInfo | None:
        """The entity an IRI names: the vocabulary's, or a state made from one (any process
        can name a state a document mentions, from its IRI alone)."""
        found = self.entities.get(iri)
        if found is not None:
            return found
        for state, word in STATE_WORDS.items():
            suffix = "_" + word
            if iri.startswith(NM_IRI) and iri.endswith(suffix):
                base = _base_iri(iri[len(NM_IRI) : -len(suffix)])
                made = self.state_entity(base, state) if base is not None else None
                return made if made is not None and made.iri == iri else None
        return None


def state_iri(base: str, state: State) -> str:
    """nm:<base's local name>_deficiency (or _excess); a derived base by its CURIE, "CHEBI_28694"."""
    local = base[len(NM_IRI) :] if base.startswith(NM_IRI) else to_curie(base).replace(":", "_", 1)
    return f"{NM_IRI}{local}_{STATE_WORDS[state]}"


def _base_iri(local: str) -> str | None:
    if "_" in local and local.split("_", 1)[0].isupper():
        return to_iri(local.replace("_", ":", 1))
    return NM_IRI + local


# nm:NutrientState and its superclasses (nutrikg.ttl; a test checks they agree)
STATE_CLASSES = frozenset({"NutrientState", "Condition", "Entity"})


def _made_state(base: EntityInfo, state: State) -> EntityInfo:
    return EntityInfo(
        state_iri(base.iri, state),
        f"{base.label} {STATE_WORDS[state]}",
        (),
        STATE_CLASSES,
        "NutrientState",
        derived=True,
        state_of=base.iri,
        state=state,
    )


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
    states = {(e.state_of, e.state): e.iri for e in entities.values() if e.state_of and e.state}
    return Vocabulary(entities, _predicates(rdf_graph), states)


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
        state_of, state = _state_link(rdf_graph, subject)
        entities[str(subject)] = EntityInfo(
            str(subject), str(label), tuple(alt), frozenset(classes), category, state_of=state_of, state=state
        )
    return entities


def _state_link(rdf_graph: Graph, subject: URIRef) -> tuple[str | None, State | None]:
    """What the entity is a lack or an excess of, as the ontology links it."""
    for state, link in STATE_LINKS.items():
        base = rdf_graph.value(subject, NM[link])
        if base is not None:
            return str(base), state
    return None, None


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
