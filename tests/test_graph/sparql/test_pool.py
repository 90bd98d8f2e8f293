"""The worker pool: answers, hard timeouts that kill, replacement, caps, reload, fast lane."""

from __future__ import annotations

import json
import os
import statistics
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.errors import InvalidQuery, QueryTimeout, ResultTooLarge, StoreError
from graph.settings import Settings
from graph.sparql.pool import QueryPool
from tests.test_graph.sparql.conftest import TEST_TIMEOUT_S

EXTRA = "https://w3id.org/nutrikg/graph/extra"
ONE_ROW = "SELECT ?label { nm:vitamin_k2 skos:prefLabel ?label }"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


def bindings(body: bytes) -> list[dict[str, dict[str, str]]]:
    result: list[dict[str, dict[str, str]]] = json.loads(body)["results"]["bindings"]
    return result


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def process_gone(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return True
    return "State:\tZ" in status.read_text()  # killed, only waiting to be reaped


def test_answers_a_select(pool: QueryPool) -> None:
    answer = pool.execute(ONE_ROW, "json")
    assert answer.rows == 1
    assert bindings(answer.body)[0]["label"] == {
        "type": "literal",
        "value": "vitamin K2",
        "xml:lang": "en",
    }


def test_knows_the_named_graphs_and_honours_protocol_datasets(pool: QueryPool) -> None:
    assert EXTRA in pool.named_graphs()
    query = "SELECT ?o { nm:vitamin_k1 nm:activates ?o }"
    assert bindings(pool.execute(query, "json").body) == []  # not in the default graph
    restricted = pool.execute(query, "json", default_graphs=(EXTRA,))
    assert bindings(restricted.body)[0]["o"]["value"] == "https://w3id.org/nutrikg/ggcx"


def test_runaway_is_killed_at_the_deadline_and_replaced(pool: QueryPool) -> None:
    before = pool.stats()
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        pool.execute(CROSS_JOIN, "json")
    elapsed = time.monotonic() - started
    assert TEST_TIMEOUT_S <= elapsed < TEST_TIMEOUT_S + 0.5
    after = pool.stats()
    assert after.killed == before.killed + 1
    killed = set(before.pids) - set(after.pids)
    assert len(killed) == 1
    pid = killed.pop()
    assert wait_for(lambda: process_gone(pid), 2.0), "the overrunning worker still runs"
    assert pool.execute(ONE_ROW, "json").rows == 1  # a replacement answers
    assert wait_for(lambda: len(pool.stats().pids) >= 3)


def test_row_cap_is_an_error_not_a_truncation(pool: QueryPool) -> None:
    with pytest.raises(ResultTooLarge):
        pool.execute("SELECT * { ?s ?p ?o }", "json")
    with pytest.raises(ResultTooLarge):
        pool.execute("CONSTRUCT WHERE { ?s ?p ?o }", "turtle")
    assert pool.execute("SELECT * { ?s ?p ?o } LIMIT 5000", "csv").rows == 5000


def test_a_failing_query_leaves_the_worker_alive(pool: QueryPool) -> None:
    pids = set(pool.stats().pids)
    with pytest.raises(InvalidQuery):
        pool.execute("SELECT * WHERE { ?s ?p }", "json")
    assert set(pool.stats().pids) == pids


def test_is_thread_safe(pool: QueryPool) -> None:
    errors: list[BaseException] = []

    def client() -> None:
        try:
            for _ in range(10):
                assert pool.execute(ONE_ROW, "json").rows == 1
        except BaseException as exc:  # collected for the main thread
            errors.append(exc)

    threads = [threading.Thread(target=client) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_short_query_stays_fast_while_two_runaways_run(pool: QueryPool) -> None:
    outcomes: list[str] = []

    def runaway() -> None:
        try:
            pool.execute(CROSS_JOIN, "json")
            outcomes.append("answered")
        except QueryTimeout:
            outcomes.append("timeout")

    threads = [threading.Thread(target=runaway) for _ in range(2)]
    for thread in threads:
        thread.start()
    assert wait_for(lambda: pool.stats().busy == 2 and pool.stats().idle >= 1, 2.0)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        pool.execute(ONE_ROW, "json")
        timings.append(time.perf_counter() - started)
    assert pool.stats().busy == 2, "the runaways should still be running"
    for thread in threads:
        thread.join()
    assert outcomes == ["timeout", "timeout"]
    assert statistics.median(timings) < 0.05, timings


def test_reload_replaces_every_worker(sparql_settings: Settings) -> None:
    with QueryPool(sparql_settings) as own:
        old = set(own.stats().pids)
        own.reload()
        stats = own.stats()
        assert stats.generation == 1
        assert not old & set(stats.pids)
        assert own.execute(ONE_ROW, "json").rows == 1
        assert EXTRA in own.named_graphs()
    with pytest.raises(StoreError, match="closed"):
        own.execute(ONE_ROW, "json")
    assert wait_for(lambda: all(process_gone(pid) for pid in stats.pids), 3.0)


def test_missing_store_is_a_store_error(tmp_path: Path) -> None:
    pool = QueryPool(Settings(data_dir=tmp_path / "nothing-here"))
    with pytest.raises(StoreError, match="cannot open the store"):
        pool.start()
    assert not os.path.exists(tmp_path / "nothing-here" / "store")
