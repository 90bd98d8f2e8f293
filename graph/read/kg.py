"""The built knowledge graph as the service and the CLI use it: the RDF graph, its network view,
its claims, and lookups by label, synonym, CURIE or IRI.

The service reads the RDF in place from the on-disk Oxigraph store (`KnowledgeGraph.open`): no
parsed copy of the graph is held in memory, only the indexes made from it when it is opened.
The claims are served as reviewed (graph.reviews): the reviews read with the graph are part of
it, and a graph with newer reviews is a new KnowledgeGraph (`with_reviews`), sharing the RDF.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import PROV, SKOS, Graph

from nutrikg.graph.builds import BuildStamp, read_stamp
from nutrikg.graph.errors import StoreError, UnknownEntity
from nutrikg.graph.identifiers import fold, to_iri
from nutrikg.graph.model import Claim
from nutrikg.graph.namespaces import NM_BASE, document_iri, new_graph
from nutrikg.graph.read.belief import BeliefInputs, BeliefPriors
from nutrikg.graph.read.memo import Memo
from nutrikg.graph.read.network import NetworkView, build_network
from nutrikg.graph.read.tables import GraphTables, open_store_graph, pairs
from nutrikg.graph.reviews import NO_REVIEWS, Reviews, read_reviews
from nutrikg.graph.settings import Settings
from nutrikg.graph.stores.texts import DocumentTexts


@dataclass(frozen=True)
class EntityRecord:
    """What search and autocomplete need to know of one entity."""

    iri: str
    label: str
    synonyms: tuple[str, ...]
    category: str


@dataclass
class KnowledgeGraph:
    """The RDF graph, its network view, its claims and an index of entity labels."""

    rdf: Graph
    view: NetworkView  # of the claims as reviewed
    claims: tuple[Claim, ...]  # every claim node as extraction made it, in N-Triples order
    source_kinds: dict[str, str] = field(default_factory=dict)  # each document's, by id
    entities: dict[str, EntityRecord] = field(default_factory=dict)
    _by_label: dict[str, str] = field(default_factory=dict)
    _folded: dict[str, tuple[str, ...]] = field(default_factory=dict)  # label and synonyms, folded once
    memo: Memo = field(default_factory=Memo, repr=False, compare=False)  # values made once per graph
    texts: DocumentTexts | None = None  # the documents' texts and mentions, when stored beside it
    priors: BeliefPriors = field(default_factory=BeliefPriors)  # the statements' beliefs start here
    reviews: Reviews = NO_REVIEWS  # people's reviews of the claims, applied when serving them
    # The build's record (graph.builds), read when the graph is opened, and the folder it is in.
    build: BuildStamp | None = None
    build_dir: Path | None = None

    @classmethod
    def from_rdf(cls, rdf_graph: Graph, reviews: Reviews = NO_REVIEWS) -> KnowledgeGraph:
        """The indexes of any rdflib graph: one kept in a store, or one in memory."""
        tables = GraphTables(rdf_graph)
        view = build_network(rdf_graph, tables, reviews)
        kg = cls(rdf_graph, view, tables.claims, tables.source_kinds, reviews=reviews)
        kg._index(tables)
        return kg

    def with_reviews(self, reviews: Reviews) -> KnowledgeGraph:
        """This graph served with `reviews` instead: the RDF, claims and entity index are shared;
        the network and every value made from the reviews (beliefs, the claim index) are new."""
        tables = GraphTables(self.rdf)
        tables.reuse(self.claims, self.source_kinds)
        return replace(self, view=build_network(self.rdf, tables, reviews), reviews=reviews, memo=Memo())

    @property
    def beliefs(self) -> BeliefInputs:
        """What the statements' beliefs are made from beside the claims."""
        return BeliefInputs(self.priors, self.reviews)

    @classmethod
    def open(cls, settings: Settings) -> KnowledgeGraph:
        """The built graph as the service serves it: the embedded store's default graph, read in
        place; with a remote store, which cannot be read in place, the saved N-Triples file.

        Raises StoreError when there is no built graph or it cannot be read.
        """
        reviews = read_reviews(settings.reviews_file)
        if settings.remote_query_url:
            kg = cls.load(settings.graph_file, reviews)
            kg.build, kg.build_dir = read_stamp(settings.build_dir), settings.build_dir
        else:
            kg = cls.from_store(settings.store_dir, reviews)
        return kg.served_with(settings)

    def served_with(self, settings: Settings) -> KnowledgeGraph:
        """This graph with what `settings` add to a store's graph: the stored documents' texts
        and the priors (set before any belief is made: they are kept)."""
        if settings.texts_file.exists():
            self.texts = DocumentTexts(settings.texts_file)
        self.priors = BeliefPriors.from_settings(settings)
        return self

    @classmethod
    def from_store(cls, store_dir: Path, reviews: Reviews = NO_REVIEWS) -> KnowledgeGraph:
        """The default graph of the store at `store_dir` (the built graph; graphs loaded beside it
        are left out), opened read-only. Raises StoreError when it is missing or unreadable."""
        kg = cls.from_rdf(open_store_graph(store_dir), reviews)
        kg.build, kg.build_dir = read_stamp(store_dir), store_dir  # kept in the store's folder
        return kg

    @classmethod
    def load(cls, path: Path, reviews: Reviews = NO_REVIEWS) -> KnowledgeGraph:
        """Read a built graph (N-Triples) into memory; raises StoreError when it is missing or
        unreadable. The service opens the store instead (`open`); this reads the file as saved."""
        if not path.exists():
            raise StoreError(f"no built graph at {path}: run `nutrikg build` first")
        rdf_graph = new_graph()
        try:
            rdf_graph.parse(path, format="nt")
        except Exception as err:  # rdflib raises many parser-specific types
            raise StoreError(f"{path}: cannot read the built graph ({err})") from err
        return cls.from_rdf(rdf_graph, reviews)

    def _index(self, tables: GraphTables) -> None:
        """Entities are the subjects with a label and a type, nm: ones and standard terms of the
        derived vocabulary (typed with an nm: class), taken in N-Triples order, so a name two
        entities share resolves as it did when the graph was read from that file."""
        synonyms: dict[str, list[str]] = defaultdict(list)
        for subject, synonym in pairs(self.rdf, SKOS.altLabel):
            synonyms[subject].append(synonym)
        for iri, label in tables.pref_labels:
            types = tables.types.get(iri)
            if not types or not (iri.startswith(NM_BASE) or any(t.startswith(NM_BASE) for t in types)):
                continue
            names = tuple(sorted(synonyms.get(iri, ())))
            self.entities[iri] = EntityRecord(iri, label, names, tables.category(iri))
            self._folded[iri] = tuple(fold(name) for name in (label, *names))
            for name in (*self._folded[iri], fold(iri.rsplit("/", 1)[-1].replace("_", " "))):
                self._by_label.setdefault(name, iri)

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
            rank = _rank(query, self._folded[record.iri])
            if rank is not None:
                scored.append((rank, record.label.lower(), record))
        scored.sort(key=lambda item: (item[0], item[1]))
        return [record for _, _, record in scored[:limit]]

    def derived_from(self, doc_id: str) -> int:
        """How many nodes (claims, doses, statistics) were read from the document."""
        return sum(1 for _ in self.rdf.subjects(PROV.wasDerivedFrom, document_iri(doc_id)))

    def label(self, iri: str) -> str:
        record = self.entities.get(iri)
        return record.label if record else self.view.label(iri)


def _rank(query: str, names: tuple[str, ...]) -> int | None:
    if not query:
        return 3
    if query in names:
        return 0
    if any(n.startswith(query) for n in names):
        return 1
    if any(query in n for n in names):
        return 2
    return None
