"""Large answers stream from the worker: in parts, capped, and a stream left unread frees its worker."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from nutrikg.graph.errors import QueryTimeout, ResultTooLarge
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.pool import QueryPool
from nutrikg.graph.sparql.results import PART_BYTES
from tests.test_graph.test_sparql.conftest import TEST_TIMEOUT_S
from tests.test_graph.test_sparql.test_pool import ONE_ROW, bindings, process_gone
from tests.waiting import wait_for

EVERY_TRIPLE = "SELECT ?s ?p ?o { ?s ?p ?o }"
STREAM_AFTER = 16 * 1024


def streaming_pool(settings: Settings, max_bytes: int) -> QueryPool:
    capped = settings.model_copy(update={"max_result_bytes": max_bytes})
    return QueryPool(capped, stream_after_bytes=STREAM_AFTER)


@pytest.fixture(scope="module")
def roomy(sparql_settings: Settings) -> Iterator[QueryPool]:
    with streaming_pool(sparql_settings, 10**9) as pool:
        yield pool


def test_a_large_answer_streams_and_is_whole(roomy: QueryPool, sparql_settings: Settings) -> None:
    answer = roomy.execute(EVERY_TRIPLE, "json", union_default_graph=False)
    assert not answer.complete and len(answer.head) >= STREAM_AFTER
    chunks = list(answer.chunks())
    assert len(chunks) > 2
    expected = len(list(ox.Store.read_only(str(sparql_settings.store_dir)).quads_for_pattern(
        None, None, None, ox.DefaultGraph())))  # fmt: skip
    assert len(bindings(b"".join(chunks))) == expected
    assert roomy.stats().busy == 0  # read to the end: the worker is back


def test_a_small_answer_comes_whole(roomy: QueryPool) -> None:
    answer = roomy.execute(ONE_ROW, "json")
    assert answer.complete and answer.rest is None
    assert json.loads(answer.head)["results"]["bindings"][0]["label"]["value"] == "vitamin K2"


def test_a_stream_past_the_cap_raises_and_keeps_its_worker(sparql_settings: Settings) -> None:
    cap = 3 * PART_BYTES  # under the store's size, over what the first parts hold
    with streaming_pool(sparql_settings, cap) as pool:
        pids = set(pool.stats().pids)
        answer = pool.execute(EVERY_TRIPLE, "json")
        assert not answer.complete
        received = 0
        with pytest.raises(ResultTooLarge):
            for chunk in answer.chunks():
                received += len(chunk)
        assert received <= cap  # stopped at the cap, not at the end
        assert pool.stats().busy == 0 and set(pool.stats().pids) == pids


def test_a_stream_closed_early_kills_and_replaces_its_worker(roomy: QueryPool) -> None:
    answer = roomy.execute(EVERY_TRIPLE, "csv")
    assert answer.rest is not None
    before = set(roomy.stats().pids)
    answer.rest.close()  # type: ignore[attr-defined]  # the reader went away
    assert roomy.stats().busy == 0
    gone = before - set(roomy.stats().pids)
    assert len(gone) == 1 and wait_for(lambda: process_gone(next(iter(gone))), 2.0)
    assert len(bindings(roomy.execute(ONE_ROW, "json").read())) == 1


def test_a_stream_dropped_unread_frees_its_worker(roomy: QueryPool) -> None:
    answer = roomy.execute(EVERY_TRIPLE, "tsv")
    assert roomy.stats().busy == 1
    del answer  # never iterated: a plain generator would never run its cleanup
    assert wait_for(lambda: roomy.stats().busy == 0, 2.0)


def test_the_time_limit_holds_while_an_answer_streams(roomy: QueryPool) -> None:
    answer = roomy.execute(EVERY_TRIPLE, "csv")
    assert answer.rest is not None
    time.sleep(TEST_TIMEOUT_S + 0.1)  # a slow reader: the query's time is up
    with pytest.raises(QueryTimeout):
        for _ in answer.rest:
            pass
    assert wait_for(lambda: roomy.stats().busy == 0, 2.0)
