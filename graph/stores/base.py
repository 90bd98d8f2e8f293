"""The one interface the service's storage speaks, whatever keeps the triples.

A store holds a dataset: the default graph (the built graph) and named graphs (RDF loaded beside
it). Terms cross the interface as plain strings so that two stores' answers compare as strings:
SELECT cells carry a term's value (an IRI, a literal's lexical form, a blank node's label) and
CONSTRUCT triples carry N-Triples terms (`<iri>`, `"text"@en`, `"5"^^<...#integer>`, `_:b0`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

Row = dict[str, str]  # variable name -> value; unbound variables are left out
TermTriple = tuple[str, str, str]  # subject, predicate, object as N-Triples terms

GRAPH_BASE = "https://w3id.org/nutrikg/graph/"


class TripleStore(Protocol):
    """What the service needs of a store. `graph_iri=None` always means the default graph.

    Errors (graph.errors): InvalidQuery for a malformed query, IRI or N-Triples payload;
    StoreError when the store cannot be opened, reached or written; QueryTimeout when a remote
    store does not answer in time; RdfFileError (a CorpusError) for a file that cannot be loaded.
    """

    def select(self, query: str) -> list[Row]:
        """Rows of a SELECT query, in the order the store returns them.

        Raises InvalidQuery (malformed, or not a SELECT), StoreError, QueryTimeout.
        """
        ...

    def ask(self, query: str) -> bool:
        """The answer to an ASK query. Raises InvalidQuery (malformed, or not an ASK), StoreError."""
        ...

    def construct(self, query: str) -> list[TermTriple]:
        """Triples of a CONSTRUCT or DESCRIBE query, sorted.

        Raises InvalidQuery (malformed, or not a graph query), StoreError, QueryTimeout.
        """
        ...

    def add_ntriples(self, data: bytes, graph_iri: str | None = None) -> None:
        """Add N-Triples to a graph; all of them or, on a syntax error, none.

        Raises InvalidQuery (malformed N-Triples or graph IRI), StoreError.
        """
        ...

    def load_file(self, path: Path, graph_iri: str | None = None) -> None:
        """Bulk-load a Turtle, N-Triples, N-Quads or RDF/XML file (format by extension).

        Triples, and the default-graph quads of an N-Quads file, go into `graph_iri`, which is also
        the base IRI of relative references; an N-Quads file's named graphs keep their names.
        RDF/XML holding a DOCTYPE or ENTITY declaration is refused before any parser sees it.
        A bulk load is not a transaction: validate first (graph.loading does) to load all or none.
        Raises RdfFileError (unknown extension, unsafe, unreadable, malformed), InvalidQuery
        (bad graph IRI), StoreError.
        """
        ...

    def named_graphs(self) -> set[str]:
        """IRIs of the named graphs that hold triples (a server may list graphs of its own).

        Raises StoreError, QueryTimeout.
        """
        ...

    def count(self, graph_iri: str | None = None) -> int:
        """How many triples one graph holds. Raises InvalidQuery (bad IRI), StoreError."""
        ...

    def clear(self, graph_iri: str | None = None) -> None:
        """Empty one graph (a named graph disappears). Raises InvalidQuery (bad IRI), StoreError."""
        ...

    def close(self) -> None:
        """Release the store (files, connections); using it afterwards raises StoreError."""
        ...
