"""Runaway queries end with 504 at the time limit, and short queries keep answering."""

from __future__ import annotations

import statistics
import threading
import time

import httpx
import pytest

from nutrikg.graph.sparql.pool import QueryPool
from tests.test_api.sparql.conftest import TEST_TIMEOUT_S
from tests.test_api.sparql.helpers import ONE_ROW, assert_error_shape, labels
from tests.waiting import wait_for

RUNAWAYS = {
    "cross-join count": "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }",
    "order by over a join": "SELECT ?a ?c { ?a nm:value ?x . ?c nm:value ?y } ORDER BY ?x ?y",
    "property path closure": "SELECT ?s ?o { ?s nm:linksTo* ?o }",
    # The store's regex engine is linear, so the blow-up comes from the join it filters.
    "regex over long strings": (
        "SELECT ?a { ?a rdfs:label ?l . ?b rdfs:label ?m . ?c rdfs:label ?k "
        'FILTER regex(CONCAT(?l, ?m, ?k), "^(a+)+$") }'
    ),
    # Not the store's time: rdflib's parse of a long text that names FROM takes seconds.
    "a long text to check": (
        "SELECT * FROM <urn:x> { ?s ?p ?o FILTER(" + " || ".join(f'?o = "v{i}"' for i in range(1200)) + ") }"
    ),
}


@pytest.mark.parametrize("query", RUNAWAYS.values(), ids=RUNAWAYS.keys())
def test_runaway_query_is_cut_off_with_504(client: httpx.Client, query: str) -> None:
    started = time.monotonic()
    response = client.get("/sparql", params={"query": query})
    elapsed = time.monotonic() - started
    assert response.status_code != 200
    assert_error_shape(response, 504, "query_timeout")
    assert elapsed < TEST_TIMEOUT_S + 3, f"cut off after {elapsed:.2f} s"  # generous on a busy machine


def test_killed_worker_is_replaced(client: httpx.Client, api_pool: QueryPool) -> None:
    killed_before = api_pool.stats().killed
    response = client.post("/sparql", data={"query": RUNAWAYS["cross-join count"]})
    assert_error_shape(response, 504, "query_timeout")
    assert api_pool.stats().killed == killed_before + 1
    assert labels(client.get("/sparql", params={"query": ONE_ROW})) == ["vitamin K2"]


def test_one_row_query_is_fast_while_two_runaways_run(
    base_url: str, client: httpx.Client, api_pool: QueryPool
) -> None:
    statuses: list[int] = []

    def runaway(query: str) -> None:
        with httpx.Client(base_url=base_url, timeout=10) as own:
            statuses.append(own.get("/sparql", params={"query": query}).status_code)

    # Start from rest (two workers and the fast lane), as earlier kills may still be refilling.
    assert wait_for(lambda: api_pool.stats().idle >= 3, 5.0)
    queries = [RUNAWAYS["cross-join count"], RUNAWAYS["property path closure"]]
    threads = [threading.Thread(target=runaway, args=(q,)) for q in queries]
    for thread in threads:
        thread.start()
    # The pool starts a spare once both workers are busy; measure once it is warm.
    assert wait_for(lambda: api_pool.stats().busy == 2 and api_pool.stats().idle >= 1, 2.0)
    timings = []
    for _ in range(7):
        started = time.perf_counter()
        assert labels(client.get("/sparql", params={"query": ONE_ROW})) == ["vitamin K2"]
        timings.append(time.perf_counter() - started)
    assert api_pool.stats().busy == 2, "the runaways should still be running"
    for thread in threads:
        thread.join()
    assert statuses == [504, 504]
    assert statistics.median(timings) < 0.05, [round(t * 1000, 1) for t in timings]
