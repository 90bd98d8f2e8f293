"""Where the triples live: one small interface (TripleStore), two implementations, one factory.

`open_store(settings)` gives the embedded Oxigraph store under `settings.store_dir`, or, when
`settings.remote_query_url` is set, any SPARQL 1.1 server through its HTTP endpoints.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing, contextmanager

from nutrikg.graph.settings import Settings
from nutrikg.graph.stores.base import GRAPH_BASE, Row, TermTriple, TripleStore
from nutrikg.graph.stores.formats import RdfFileError
from nutrikg.graph.stores.oxigraph import OxigraphStore
from nutrikg.graph.stores.remote import DEFAULT_GRAPH, RemoteStore
from nutrikg.graph.stores.rewrite import StoreVersion, replace_default_graph, rewriting, store_version

__all__ = [
    "DEFAULT_GRAPH",
    "GRAPH_BASE",
    "OxigraphStore",
    "RdfFileError",
    "RemoteStore",
    "Row",
    "StoreVersion",
    "TermTriple",
    "TripleStore",
    "open_store",
    "reload_default_graph",
    "replace_default_graph",
    "store_version",
    "writing_store",
]


def open_store(settings: Settings, *, read_only: bool = False) -> TripleStore:
    """The store `settings` name; read-only for query-only use (writes then raise StoreError).

    Raises StoreError when the embedded store is missing (read-only) or cannot be opened.
    """
    if settings.remote_query_url:
        update_url = None if read_only else settings.remote_update_url
        return RemoteStore(settings.remote_query_url, update_url, timeout_s=settings.query_timeout_s)
    return OxigraphStore(settings.store_dir, read_only=read_only)


@contextmanager
def writing_store(settings: Settings) -> Iterator[TripleStore]:
    """The store `settings` name, for writing: the embedded store as a copy swapped in when the
    block ends without an error (see graph.stores.rewrite), a remote store as it is.

    Raises StoreError when the store cannot be opened or copied, or another process writes it.
    """
    if settings.remote_query_url:
        with closing(open_store(settings)) as remote:
            yield remote
        return
    with rewriting(settings.store_dir) as copy:
        yield copy


def reload_default_graph(settings: Settings) -> None:
    """Make `settings.graph_file` the store's default graph again, keeping the named graphs.

    The embedded store is rebuilt beside the old one and swapped in; a remote store's default
    graph is cleared and reloaded in place. Raises StoreError (and, remote, QueryTimeout).
    """
    if not settings.remote_query_url:
        replace_default_graph(settings.store_dir, settings.graph_file)
        return
    with closing(open_store(settings)) as store:
        store.clear(None)
        store.load_file(settings.graph_file, None)
