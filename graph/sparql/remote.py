"""Queries for a remote SPARQL 1.1 store: the same contract as the worker pool, over HTTP.

The local guard (graph.sparql.guard) has already refused updates, SERVICE and foreign datasets;
this forwards what is left with the predeclared prefixes written out, bounds the wait with the
query time limit and the answer's size, and never passes on a truncated answer. Stopping the work
on the remote side is the remote server's business: the service stops waiting for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType

import httpx

from nutrikg.graph.errors import (
    InvalidQuery,
    KGError,
    NotAcceptable,
    QueryTimeout,
    ResultTooLarge,
    StoreError,
)
from nutrikg.graph.prefixes import expand_prefixes
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.answer import STREAM_AFTER_BYTES, Answer
from nutrikg.graph.sparql.guard import Inspection, inspect_text
from nutrikg.graph.sparql.negotiation import format_by_key
from nutrikg.graph.sparql.results import too_large
from nutrikg.graph.stores.remote import DEFAULT_GRAPH, RemoteStore

MAX_INSPECTED_BYTES = 8192  # about a second and a half of rdflib's parse at worst
# Formats asked of the store as a subset it is likelier to write: a Turtle document is N3 and TriG,
# N-Triples lines are N-Quads lines (a graph answer's triples are the default graph in either).
ASKED_AS = {"n3": "turtle", "trig": "turtle", "nquads": "ntriples"}


class RemoteQueryRunner:
    """Runs checked queries on the store at `settings.remote_query_url`."""

    def __init__(self, settings: Settings) -> None:
        if not settings.remote_query_url:
            raise StoreError("no remote SPARQL store is configured (NUTRIKG_REMOTE_QUERY_URL)")
        self._url = settings.remote_query_url
        self._timeout_s = settings.query_timeout_s
        self._max_bytes = settings.max_result_bytes
        self._store = RemoteStore(self._url, timeout_s=settings.query_timeout_s)
        self._client: httpx.Client | None = None

    def start(self) -> RemoteQueryRunner:
        """Open the connection. Raises StoreError when the store does not answer."""
        self._client = httpx.Client(timeout=self._timeout_s)
        self.named_graphs()
        return self

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        self._store.close()

    def __enter__(self) -> RemoteQueryRunner:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def reload(self) -> None:
        """Nothing to reopen: every query goes to the store as it is now."""

    def inspect(self, query: str) -> Inspection:
        """The guard's full parse, made here: there is no local worker to bound it in time, so
        it is bounded in size instead (a fraction of a millisecond per byte)."""
        if len(query.encode("utf-8")) > MAX_INSPECTED_BYTES:
            raise InvalidQuery(
                f"a query that names SERVICE or FROM may be at most {MAX_INSPECTED_BYTES} bytes long "
                "on a service over a remote store"
            )
        return inspect_text(query)

    def ready(self) -> bool:
        """True once started: the remote store is asked nothing until a query comes."""
        return True

    def network_sandboxed(self) -> bool:
        """False: the remote store's own rules apply, so the guard keeps its strict reading."""
        return False

    def named_graphs(self) -> frozenset[str]:
        """The store's named graphs (the built graph's stand-in excluded). Raises StoreError."""
        return frozenset(self._store.named_graphs())

    def execute(
        self,
        query: str,
        format_key: str,
        *,
        default_graphs: tuple[str, ...] = (),
        named_graphs: tuple[str, ...] = (),
        union_default_graph: bool = True,
    ) -> Answer:
        """Forward one checked query and return the store's answer in `format_key`.

        Raises QueryTimeout, ResultTooLarge, InvalidQuery (the store refused the query),
        NotAcceptable (the store cannot write that format) or StoreError (unreachable, 5xx).
        """
        fmt = format_by_key(ASKED_AS.get(format_key, format_key))
        form: dict[str, str | list[str]] = {
            "query": expand_prefixes(query),
            **self._dataset(default_graphs, named_graphs, union_default_graph),
        }
        return self._post(form, fmt.content_type.split(";")[0], format_key)

    def _dataset(
        self, default_graphs: tuple[str, ...], named_graphs: tuple[str, ...], union: bool
    ) -> dict[str, list[str]]:
        if default_graphs or named_graphs:
            return {"default-graph-uri": list(default_graphs), "named-graph-uri": list(named_graphs)}
        if not union:
            return {}  # the query's own FROM / FROM NAMED decide
        graphs = sorted(self.named_graphs())
        return {"default-graph-uri": [DEFAULT_GRAPH, *graphs], "named-graph-uri": graphs}

    def _post(self, form: dict[str, str | list[str]], accept: str, format_key: str) -> Answer:
        if self._client is None:
            raise StoreError("the remote query runner is not started")
        request = self._client.build_request("POST", self._url, data=form, headers={"Accept": accept})
        try:
            response = self._client.send(request, stream=True)
        except httpx.HTTPError as err:
            raise self._failure(err) from err
        try:
            _raise_for(response, self._url)
            chunks = self._capped_chunks(response)
            head = bytearray()
            for chunk in chunks:
                head += chunk
                if len(head) >= STREAM_AFTER_BYTES:
                    return Answer(format_key, bytes(head), self._rest(response, chunks))
        except BaseException:
            response.close()
            raise
        response.close()
        return Answer(format_key, bytes(head))

    def _rest(self, response: httpx.Response, chunks: Iterator[bytes]) -> Iterator[bytes]:
        try:
            yield from chunks
        finally:
            response.close()

    def _capped_chunks(self, response: httpx.Response) -> Iterator[bytes]:
        """The body as it arrives; raises ResultTooLarge past the cap, QueryTimeout or StoreError."""
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self._max_bytes:
                    raise too_large(self._max_bytes)
                yield chunk
        except httpx.HTTPError as err:
            raise self._failure(err) from err

    def _failure(self, err: httpx.HTTPError) -> KGError:
        if isinstance(err, httpx.TimeoutException):
            return QueryTimeout(f"the query ran past {self._timeout_s} s (store at {self._url})")
        return StoreError(f"cannot reach the SPARQL store at {self._url}: {err}")


def _raise_for(response: httpx.Response, url: str) -> None:
    # Virtuoso cuts answers at its ResultSetMaxRows and says so only in this header: a cut
    # answer is refused like one past our own cap, never passed on as if whole.
    if cut_at := response.headers.get("x-sparql-maxrows"):
        raise ResultTooLarge(
            f"the SPARQL store at {url} cut its answer at {cut_at} rows (its own limit); "
            "add a LIMIT or narrow the query"
        )
    if response.status_code == 406:
        raise NotAcceptable(f"the SPARQL store at {url} cannot write that format")
    if response.status_code == 400:
        response.read()
        raise InvalidQuery(f"the SPARQL store at {url} refused the query: {response.text[:300]}")
    if not response.is_success:
        raise StoreError(f"the SPARQL store at {url} answered {response.status_code}")
