"""Terms of the derived vocabulary the graph does not hold: a build writes only the terms its
documents mention, yet the service names every one (its label, synonyms, class and standard
identifier), so `GET /api/v1/entities/phytate` answers whatever the corpus holds."""

from __future__ import annotations

from dataclasses import dataclass

from nutrikg.graph.identifiers import to_curie, to_iri
from nutrikg.graph.lexicon import DERIVED_TABLE, name_key, read_rows
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.per_graph import per_graph


@dataclass(frozen=True)
class VocabularyTerm:
    iri: str
    label: str
    category: str
    synonyms: tuple[str, ...]

    @property
    def curie(self) -> str:
        return to_curie(self.iri)


class TermIndex:
    """The derived table by IRI and by name (label, then synonyms)."""

    def __init__(self, terms: list[VocabularyTerm]) -> None:
        self.by_iri = {term.iri: term for term in terms}
        self.by_name: dict[str, str] = {}
        for term in terms:
            self.by_name.setdefault(name_key(term.label), term.iri)
        for term in terms:
            for synonym in term.synonyms:
                self.by_name.setdefault(name_key(synonym), term.iri)

    def find(self, text: str) -> VocabularyTerm | None:
        """The term a label, synonym, CURIE or IRI names, or None."""
        text = text.strip()
        iri = text if text.startswith(("http://", "https://")) else to_iri(text)
        found = self.by_iri.get(iri or "")
        if found is None:
            found = self.by_iri.get(self.by_name.get(name_key(text), ""))
        return found


def term_index(kg: KnowledgeGraph) -> TermIndex:
    """Read once per opened graph, on first need (it is the whole table: a few megabytes)."""
    return per_graph(kg, "derived-terms", lambda _: _load())


def _load() -> TermIndex:
    if not DERIVED_TABLE.exists():
        return TermIndex([])
    return TermIndex([VocabularyTerm(*row) for row in read_rows(DERIVED_TABLE)])
