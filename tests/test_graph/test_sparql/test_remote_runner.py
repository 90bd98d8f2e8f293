"""The remote query runner against a real Virtuoso: small answers whole, large ones streamed,
and the size cap met on the way raises instead of passing a shorter answer on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import pytest

from nutrikg.graph.errors import ResultTooLarge
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.answer import STREAM_AFTER_BYTES
from nutrikg.graph.sparql.remote import RemoteQueryRunner
from nutrikg.graph.stores.remote import RemoteStore

pytestmark = pytest.mark.virtuoso

GRAPH = "urn:x:nutrikg:streaming-test"
TRIPLES = 12_000  # more than Virtuoso's default ResultSetMaxRows (10,000)
EVERY = f"SELECT ?s ?o {{ GRAPH <{GRAPH}> {{ ?s <urn:x:p> ?o }} }}"
MANY = EVERY + " LIMIT 9000"  # about 2 MB of JSON results: past the streaming threshold


@pytest.fixture(scope="module")
def remote(virtuoso: Any) -> Iterator[RemoteStore]:
    store = RemoteStore(virtuoso.sparql_url, update_url=virtuoso.sparql_url, timeout_s=60)
    padding = "long enough to make a large answer " * 3
    lines = (f'<urn:x:s{i}> <urn:x:p> "value number {i}, {padding}" .\n' for i in range(TRIPLES))
    store.add_ntriples("".join(lines).encode(), GRAPH)
    yield store
    store.clear(GRAPH)
    store.close()


def runner(virtuoso: Any, max_bytes: int) -> RemoteQueryRunner:
    settings = Settings(remote_query_url=virtuoso.sparql_url, max_result_bytes=max_bytes, query_timeout_s=30)
    return RemoteQueryRunner(settings).start()


def test_a_large_remote_answer_streams_whole(virtuoso: Any, remote: RemoteStore) -> None:
    with runner(virtuoso, 10**9) as queries:
        answer = queries.execute(MANY, "json", union_default_graph=False)
        assert not answer.complete and len(answer.head) >= STREAM_AFTER_BYTES
        assert len(json.loads(answer.read())["results"]["bindings"]) == 9000
        small = queries.execute(f"ASK {{ GRAPH <{GRAPH}> {{ <urn:x:s1> ?p ?o }} }}", "json")
        assert small.complete and json.loads(small.head)["boolean"] is True


def test_the_cap_met_while_streaming_raises(virtuoso: Any, remote: RemoteStore) -> None:
    with runner(virtuoso, STREAM_AFTER_BYTES + 200_000) as queries:
        answer = queries.execute(MANY, "json", union_default_graph=False)
        assert not answer.complete  # the cap is met after the first MiB went on its way
        with pytest.raises(ResultTooLarge):
            answer.read()


def test_an_answer_the_store_cut_short_is_refused(virtuoso: Any, remote: RemoteStore) -> None:
    with runner(virtuoso, 10**9) as queries, pytest.raises(ResultTooLarge, match="cut its answer"):
        queries.execute(EVERY, "json", union_default_graph=False)


@pytest.mark.parametrize(
    ("format_key", "written_in"),
    [("n3", ox.RdfFormat.N3), ("trig", ox.RdfFormat.TRIG), ("nquads", ox.RdfFormat.N_QUADS)],
)
def test_n3_and_dataset_formats_come_from_the_store(
    virtuoso: Any, remote: RemoteStore, format_key: str, written_in: ox.RdfFormat
) -> None:
    """Asked of the store as Turtle or N-Triples, which are N3, TriG and N-Quads as they are."""
    construct = f"CONSTRUCT WHERE {{ GRAPH <{GRAPH}> {{ <urn:x:s1> ?p ?o }} }}"
    with runner(virtuoso, 10**9) as queries:
        answer = queries.execute(construct, format_key, union_default_graph=False)
    assert answer.format_key == format_key
    quads = list(ox.parse(answer.read(), format=written_in))
    assert [(q.subject, q.graph_name) for q in quads] == [(ox.NamedNode("urn:x:s1"), ox.DefaultGraph())]
