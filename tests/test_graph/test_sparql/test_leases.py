"""Leases the holder forgets: the pool ends them at their deadline, whatever the holder does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from nutrikg.graph.errors import QueryTimeout
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.pool import QueryPool
from tests.test_graph.test_sparql.conftest import TEST_TIMEOUT_S
from tests.waiting import wait_for

EVERY_TRIPLE = "SELECT ?s ?p ?o { ?s ?p ?o }"
ONE_ROW = "SELECT ?label { nm:vitamin_k2 skos:prefLabel ?label }"


@pytest.fixture(scope="module")
def streaming_pool(sparql_settings: Settings) -> Iterator[QueryPool]:
    """A pool that streams anything past 16 KiB, with no size cap to stop a large answer."""
    roomy = sparql_settings.model_copy(update={"max_result_bytes": 10**9})
    with QueryPool(roomy, stream_after_bytes=16 * 1024) as pool:
        yield pool


def test_a_stream_nobody_reads_frees_its_worker_at_the_deadline(streaming_pool: QueryPool) -> None:
    killed = streaming_pool.stats().killed
    answer = streaming_pool.execute(EVERY_TRIPLE, "json")
    assert not answer.complete
    assert streaming_pool.stats().busy == 1  # the worker waits, blocked, for a reader
    assert wait_for(lambda: streaming_pool.stats().busy == 0, TEST_TIMEOUT_S + 1.0)
    assert streaming_pool.stats().killed == killed + 1
    with pytest.raises(QueryTimeout):  # a reader coming back learns why the answer stopped
        answer.read()
    assert b"vitamin K2" in streaming_pool.execute(ONE_ROW, "json").read()


def test_a_stream_read_to_the_end_is_not_ended(streaming_pool: QueryPool) -> None:
    killed = streaming_pool.stats().killed
    answer = streaming_pool.execute(EVERY_TRIPLE, "json")
    assert len(answer.read()) > 16 * 1024
    assert wait_for(lambda: streaming_pool.stats().busy == 0, 1.0)
    assert streaming_pool.stats().killed == killed
