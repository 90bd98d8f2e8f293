"""The embedded default store: pyoxigraph on disk under `settings.store_dir`.

Files go in with `bulk_load` (it writes sorted files straight to disk and keeps memory flat);
small N-Triples payloads go in with `load`, which is a transaction. Query-only users open the
store read-only, which takes no lock, so any number of readers share it; writers never write a
folder readers have open (graph.stores.rewrite builds a copy and swaps it in).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from nutrikg.graph.errors import InvalidQuery, StoreError
from nutrikg.graph.stores.base import Row, TermTriple
from nutrikg.graph.stores.formats import RdfFileError, screen_file, target_graph

_Answer = pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples


class OxigraphStore:
    """A TripleStore over a pyoxigraph store in a folder (created when opened read-write)."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        """Open the store at `path`; raises StoreError when it is missing (read-only) or locked."""
        self.path = path
        self.read_only = read_only
        self._store: pyoxigraph.Store | None = _open(path, read_only)

    def select(self, query: str) -> list[Row]:
        """Rows of a SELECT; raises InvalidQuery (malformed or not a SELECT), StoreError."""
        answer = self._query(query)
        if not isinstance(answer, pyoxigraph.QuerySolutions):
            raise InvalidQuery("expected a SELECT query")
        names = [variable.value for variable in answer.variables]
        return [
            {name: _plain(term) for name in names if (term := solution[name]) is not None}
            for solution in answer
        ]

    def ask(self, query: str) -> bool:
        """The answer to an ASK; raises InvalidQuery (malformed or not an ASK), StoreError."""
        answer = self._query(query)
        if not isinstance(answer, pyoxigraph.QueryBoolean):
            raise InvalidQuery("expected an ASK query")
        return bool(answer)

    def construct(self, query: str) -> list[TermTriple]:
        """Sorted triples of a CONSTRUCT or DESCRIBE; raises InvalidQuery, StoreError."""
        answer = self._query(query)
        if not isinstance(answer, pyoxigraph.QueryTriples):
            raise InvalidQuery("expected a CONSTRUCT or DESCRIBE query")
        return sorted((str(t.subject), str(t.predicate), str(t.object)) for t in answer)

    def add_ntriples(self, data: bytes, graph_iri: str | None = None) -> None:
        """Add N-Triples in one transaction; raises InvalidQuery (malformed), StoreError."""
        store = self._writable()
        try:
            store.load(data, format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=target_graph(graph_iri))
        except SyntaxError as err:
            raise InvalidQuery(f"malformed N-Triples: {err}") from err
        except OSError as err:
            raise StoreError(f"cannot write to the store at {self.path}: {err}") from err

    def load_file(self, path: Path, graph_iri: str | None = None) -> None:
        """Bulk-load a file (see TripleStore.load_file); raises RdfFileError, InvalidQuery, StoreError."""
        fmt = screen_file(path)
        store = self._writable()
        try:
            store.bulk_load(path=str(path), format=fmt, to_graph=target_graph(graph_iri), base_iri=graph_iri)
        except SyntaxError as err:
            raise RdfFileError(f"{path}: malformed {fmt.name}: {err}") from err
        except OSError as err:
            raise RdfFileError(f"{path}: cannot load ({err})") from err

    def named_graphs(self) -> set[str]:
        """IRIs of the named graphs; raises StoreError when the store is closed."""
        graphs = self._handle().named_graphs()
        return {g.value for g in graphs if isinstance(g, pyoxigraph.NamedNode)}

    def count(self, graph_iri: str | None = None) -> int:
        """Triples in one graph; raises InvalidQuery (bad IRI), StoreError."""
        pattern = "?s ?p ?o" if graph_iri is None else f"GRAPH {target_graph(graph_iri)} {{ ?s ?p ?o }}"
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        return int(rows[0]["n"])

    def clear(self, graph_iri: str | None = None) -> None:
        """Empty the default graph, or remove a named graph; raises InvalidQuery, StoreError."""
        store = self._writable()
        target = target_graph(graph_iri)
        if isinstance(target, pyoxigraph.DefaultGraph):
            store.clear_graph(target)
        elif store.contains_named_graph(target):
            store.remove_graph(target)  # remove, not clear: an emptied graph would still be listed

    def close(self) -> None:
        """Flush writes and let go of the store (its lock goes with the last reference)."""
        if self._store is not None and not self.read_only:
            self._store.flush()
        self._store = None

    def _query(self, query: str) -> _Answer:
        try:
            return self._handle().query(query)
        except SyntaxError as err:
            raise InvalidQuery(f"malformed query: {err}") from err
        except OSError as err:
            raise StoreError(f"cannot read the store at {self.path}: {err}") from err

    def _handle(self) -> pyoxigraph.Store:
        if self._store is None:
            raise StoreError(f"the store at {self.path} is closed")
        return self._store

    def _writable(self) -> pyoxigraph.Store:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")
        return self._handle()


def _open(path: Path, read_only: bool) -> pyoxigraph.Store:
    if read_only and not path.exists():
        raise StoreError(f"no store at {path}: run `nutrikg build` first")
    try:
        if read_only:
            return pyoxigraph.Store.read_only(str(path))
        path.parent.mkdir(parents=True, exist_ok=True)  # pyoxigraph makes the folder, not its parents
        return pyoxigraph.Store(str(path))
    except OSError as err:
        raise StoreError(f"cannot open the store at {path}: {err}") from err


def _plain(term: object) -> str:
    if isinstance(term, pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal):
        return term.value
    return str(term)  # a quoted triple (RDF-star): its N-Triples form
