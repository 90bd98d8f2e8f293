"""The built knowledge graph as the service and the CLI use it: RDF master copy + network view,
with lookups by label, synonym, CURIE or IRI."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, SKOS, Graph, URIRef

from graph.errors import StoreError, UnknownEntity
from graph.identifiers import fold, to_iri
from graph.network import NetworkView, build_network, entity_category
from graph.rdf import new_graph

_NM = "https://w3id.org/nutrikg/"


@dataclass(frozen=True)
class EntityRecord:
    """What search and autocomplete need to know of one entity."""

    iri: str
    label: str
    synonyms: tuple[str, ...]
    category: str


@dataclass
class KnowledgeGraph:
    """The RDF graph, its network view and an index of entity labels."""

    rdf: Graph
    view: NetworkView
    entities: dict[str, EntityRecord] = field(default_factory=dict)
    _by_label: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_rdf(cls, rdf_graph: Graph) -> KnowledgeGraph:
        kg = cls(rdf_graph, build_network(rdf_graph))
        kg._index()
        return kg

    @classmethod
    def load(cls, path: Path) -> KnowledgeGraph:
        """Read a built graph (N-Triples); raises StoreError when it is missing or unreadable."""
        if not path.exists():
            raise StoreError(f"no built graph at {path}: run `nutrikg build` first")
        rdf_graph = new_graph()
        try:
            rdf_graph.parse(path, format="nt")
        except Exception as err:  # rdflib raises many parser-specific types
            raise StoreError(f"{path}: cannot read the built graph ({err})") from err
        return cls.from_rdf(rdf_graph)

    def _index(self) -> None:
        for subject, label in self.rdf.subject_objects(SKOS.prefLabel):
            iri = str(subject)
            if not iri.startswith(_NM) or (subject, RDF.type, None) not in self.rdf:
                continue
            synonyms = tuple(sorted(str(s) for s in self.rdf.objects(subject, SKOS.altLabel)))
            category = entity_category(self.rdf, URIRef(iri))
            self.entities[iri] = EntityRecord(iri, str(label), synonyms, category)
            for name in (str(label), *synonyms, iri.rsplit("/", 1)[-1].replace("_", " ")):
                self._by_label.setdefault(fold(name), iri)

    def resolve(self, term: str) -> str:
        """The IRI an IRI, CURIE, label or synonym names; raises UnknownEntity otherwise."""
        term = term.strip()
        if term in self.entities:
            return term
        if ":" in term and not term.startswith("http"):
            iri = to_iri(term)
            if iri is not None and iri in self.entities:
                return iri
        if found := self._by_label.get(fold(term)):
            return found
        raise UnknownEntity(f"no entity is called {term!r}")

    def search(self, text: str, category: str | None = None, limit: int = 20) -> list[EntityRecord]:
        """Entities whose label or a synonym starts with (then contains) `text`."""
        query = fold(text)
        scored: list[tuple[int, str, EntityRecord]] = []
        for record in self.entities.values():
            if category and record.category != category:
                continue
            names = [fold(n) for n in (record.label, *record.synonyms)]
            rank = _rank(query, names)
            if rank is not None:
                scored.append((rank, record.label.lower(), record))
        scored.sort(key=lambda item: (item[0], item[1]))
        return [record for _, _, record in scored[:limit]]

    def label(self, iri: str) -> str:
        record = self.entities.get(iri)
        return record.label if record else self.view.label(iri)


def _rank(query: str, names: list[str]) -> int | None:
    if not query:
        return 3
    if query in names:
        return 0
    if any(n.startswith(query) for n in names):
        return 1
    if any(query in n for n in names):
        return 2
    return None
