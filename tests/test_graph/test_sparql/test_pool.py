"""The worker pool: answers, hard timeouts that kill, replacement, caps, reload, fast lane."""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from nutrikg.graph.errors import InvalidQuery, QueryTimeout, QueryTooCostly, ResultTooLarge, StoreError
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.guard import QuerySyntaxError
from nutrikg.graph.sparql.pool import SPARE_WORKERS, QueryPool
from tests.test_graph.test_sparql.conftest import TEST_TIMEOUT_S
from tests.waiting import wait_for

EXTRA = "https://w3id.org/nutrikg/graph/extra"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
ONE_ROW = "SELECT ?label { nm:vitamin_k2 skos:prefLabel ?label }"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
FOUR_WAY_JOIN = "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"


def bindings(body: bytes) -> list[dict[str, dict[str, str]]]:
    result: list[dict[str, dict[str, str]]] = json.loads(body)["results"]["bindings"]
    return result


def process_gone(pid: int) -> bool:
    try:
        return "State:\tZ" in Path(f"/proc/{pid}/status").read_text()  # killed, not yet reaped
    except (FileNotFoundError, ProcessLookupError):  # reaped before the open, or during the read
        return True


def test_answers_a_select(pool: QueryPool) -> None:
    answer = pool.execute(ONE_ROW, "json")
    assert answer.complete
    assert bindings(answer.head)[0]["label"] == {
        "type": "literal",
        "value": "vitamin K2",
        "xml:lang": "en",
    }


def test_knows_the_named_graphs_and_honours_protocol_datasets(pool: QueryPool) -> None:
    assert EXTRA in pool.named_graphs()
    query = "SELECT ?o { nm:vitamin_k1 nm:activates ?o }"
    # Only in the named graph: the store's own default graph does not hold it ...
    assert bindings(pool.execute(query, "json", union_default_graph=False).read()) == []
    # ... but by default a query sees the union of the built graph and every loaded graph.
    assert bindings(pool.execute(query, "json").read())[0]["o"]["value"].endswith("/ggcx")
    restricted = pool.execute(query, "json", default_graphs=(EXTRA,))
    assert bindings(restricted.read())[0]["o"]["value"] == "https://w3id.org/nutrikg/ggcx"


def test_runaway_is_killed_at_the_deadline_and_replaced(pool: QueryPool) -> None:
    before = pool.stats()
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        pool.execute(CROSS_JOIN, "json")
    elapsed = time.monotonic() - started
    assert TEST_TIMEOUT_S <= elapsed < TEST_TIMEOUT_S + 3  # generous: a busy machine kills late
    after = pool.stats()
    assert after.killed == before.killed + 1
    killed = set(before.pids) - set(after.pids)
    assert len(killed) == 1
    pid = killed.pop()
    assert wait_for(lambda: process_gone(pid), 2.0), "the overrunning worker still runs"
    assert len(bindings(pool.execute(ONE_ROW, "json").read())) == 1  # a replacement answers
    assert wait_for(lambda: len(pool.stats().pids) >= 3)


def test_size_cap_is_an_error_not_a_truncation(pool: QueryPool) -> None:
    pids = set(pool.stats().pids)
    with pytest.raises(ResultTooLarge):
        pool.execute("SELECT * { ?s ?p ?o }", "json")
    with pytest.raises(ResultTooLarge):
        pool.execute("CONSTRUCT WHERE { ?s ?p ?o }", "turtle")
    csv = pool.execute("SELECT * { ?s ?p ?o } LIMIT 1000", "csv").read()
    assert csv.count(b"\r\n") == 1001  # header and every row: under the cap nothing is cut
    assert set(pool.stats().pids) == pids  # refusing an answer is not a reason to kill its worker


def test_a_failing_query_leaves_the_worker_alive(pool: QueryPool) -> None:
    pids = set(pool.stats().pids)
    with pytest.raises(InvalidQuery):
        pool.execute("SELECT * WHERE { ?s ?p }", "json")
    assert set(pool.stats().pids) == pids


def test_is_thread_safe(pool: QueryPool, sparql_settings: Settings) -> None:
    errors: list[BaseException] = []

    def client() -> None:
        try:
            for _ in range(10):
                assert len(bindings(pool.execute(ONE_ROW, "json").read())) == 1
        except BaseException as exc:  # collected for the main thread
            errors.append(exc)

    # As many clients as the pool runs queries at once: more would also test admission, which
    # refuses the oldest waiter while more than that wait (test_admission.py).
    most = sparql_settings.query_workers + SPARE_WORKERS
    threads = [threading.Thread(target=client) for _ in range(most)]
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

    assert wait_for(lambda: pool.stats().idle >= 3)  # at rest: two workers and the fast lane
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


def small_store(path: Path, graph_iri: str) -> None:
    """A store with one triple in one named graph (the read-write handle closed after)."""
    store = ox.Store(str(path))
    node = ox.NamedNode("https://w3id.org/nutrikg/boron")
    store.add(ox.Quad(node, ox.NamedNode(SKOS_PREF), ox.Literal("boron"), ox.NamedNode(graph_iri)))
    store.flush()
    del store
    gc.collect()


def test_reload_opens_the_store_anew(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, query_timeout_s=5.0, query_workers=1)
    small_store(settings.store_dir, "urn:x:first")
    query = "SELECT ?g { GRAPH ?g { nm:boron skos:prefLabel ?l } }"
    with QueryPool(settings) as own:
        assert own.named_graphs() == {"urn:x:first"}
        old = set(own.stats().pids)
        # A rebuild writes a new store aside and swaps it in, then asks for a reload.
        small_store(tmp_path / "next", "urn:x:second")
        settings.store_dir.rename(tmp_path / "previous")
        (tmp_path / "next").rename(settings.store_dir)
        own.reload()
        stats = own.stats()
        assert stats.generation == 1
        assert not old & set(stats.pids)
        assert own.named_graphs() == {"urn:x:second"}
        assert bindings(own.execute(query, "json").read())[0]["g"]["value"] == "urn:x:second"
    with pytest.raises(StoreError, match="closed"):
        own.execute(query, "json")
    assert wait_for(lambda: all(process_gone(pid) for pid in [*old, *stats.pids]), 3.0)


def test_a_reload_does_not_wait_for_the_queries_running_on_the_old_store(sparql_data_dir: Path) -> None:
    """Queries running when the store is re-opened finish on the old one; the reload is done
    once a new worker has opened the store, not when they end (a request that waits for the
    reload after a write beside the service would wait out the longest of them, then fail)."""
    settings = Settings(data_dir=sparql_data_dir, query_timeout_s=120.0, query_workers=2)
    outcomes: list[str] = []
    with QueryPool(settings) as own:

        def runaway() -> None:
            try:
                own.execute(FOUR_WAY_JOIN, "json")
                outcomes.append("answered")
            except StoreError:
                outcomes.append("stopped")  # by the pool's close, below

        assert wait_for(lambda: own.stats().idle >= 3)  # at rest: two workers and the spare
        threads = [threading.Thread(target=runaway) for _ in range(3)]
        for thread in threads:
            thread.start()
        assert wait_for(lambda: own.stats().busy == 3)
        own.reload()
        assert own.stats().busy == 3 and not outcomes, "the runaways still run on the old store"
        assert bindings(own.execute(ONE_ROW, "json").read()), "a new worker answers meanwhile"
    for thread in threads:
        thread.join()
    assert outcomes == ["stopped"] * 3


def test_missing_store_is_a_store_error(tmp_path: Path) -> None:
    pool = QueryPool(Settings(data_dir=tmp_path / "nothing-here"))
    with pytest.raises(StoreError, match="cannot open the store"):
        pool.start()
    assert not os.path.exists(tmp_path / "nothing-here" / "store")


ORPHAN_SCRIPT = """
import sys, threading, time
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.guard import QuerySyntaxError
from nutrikg.graph.sparql.pool import QueryPool
pool = QueryPool(Settings(data_dir=sys.argv[1], query_timeout_s=60)).start()
threading.Thread(target=pool.execute, args=(sys.argv[2], "json"), daemon=True).start()
time.sleep(0.5)
print(" ".join(str(pid) for pid in pool.stats().pids), flush=True)
time.sleep(60)
"""


def test_workers_die_with_a_crashed_server(sparql_data_dir: Path) -> None:
    """Even a worker deep in a runaway query exits once its server is SIGKILLed."""
    server = subprocess.Popen(
        [sys.executable, "-c", ORPHAN_SCRIPT, str(sparql_data_dir), CROSS_JOIN],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        pids = [int(pid) for pid in server.stdout.readline().split()]
        assert len(pids) >= 3
    finally:
        server.kill()
        server.wait()
        if server.stdout is not None:
            server.stdout.close()
    assert wait_for(lambda: all(process_gone(pid) for pid in pids), 3.0)


def test_a_query_past_its_memory_allowance_is_stopped_and_replaced(sparql_settings: Settings) -> None:
    # A generous time limit: only the memory allowance can stop this sort of a cross join.
    tight = sparql_settings.model_copy(update={"query_memory_mb": 100, "query_timeout_s": 30.0})
    with QueryPool(tight) as small:
        before = set(small.stats().pids)
        started = time.monotonic()
        with pytest.raises(QueryTooCostly, match="more than 100 MB"):
            small.execute("SELECT * { ?a ?p ?b . ?c ?q ?d } ORDER BY ?a ?b ?c ?d", "json")
        assert time.monotonic() - started < 10
        assert len(before - set(small.stats().pids)) == 1  # that worker is gone ...
        assert len(bindings(small.execute(ONE_ROW, "json").read())) == 1  # ... and replaced


def test_the_guards_full_parse_is_made_in_a_worker_and_bounded_in_time(pool: QueryPool) -> None:
    text = f"SELECT ?x FROM <{EXTRA}> {{ nm:calcium nm:depositsIn ?x }}"
    found = pool.inspect(text)
    assert found.form == "SELECT" and found.from_graphs == (EXTRA,)
    assert pool.inspect("SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }").services == (
        "http://127.0.0.1:1/",
    )
    with pytest.raises(QuerySyntaxError, match="line 2") as error:  # the position crosses over
        pool.inspect("SELECT *\nFROM <urn:x> WHERE { ?s ?p }")
    assert error.value.detail == {"line": 2, "column": error.value.column}
    # rdflib's parser takes seconds over a long text and cannot be interrupted: its worker is
    slow = (
        "SELECT * FROM <urn:x> WHERE { ?s ?p ?o FILTER("
        + " || ".join(f'?o = "v{i}"' for i in range(4000))
        + ") }"
    )
    before = set(pool.stats().pids)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="checking the query ran past"):
        pool.inspect(slow)
    assert time.monotonic() - started < TEST_TIMEOUT_S + 1.0
    assert wait_for(lambda: len(before - set(pool.stats().pids)) == 1, 2.0)  # killed and replaced
    assert pool.inspect(text).form == "SELECT"


def test_a_deeply_nested_expression_is_parsed_not_a_crash(pool: QueryPool) -> None:
    # The store's parser recurses once per operator: 50,000 of them overflow an 8 MB stack.
    deep = "SELECT (1 AS ?one) WHERE { FILTER(" + "!" * 50_000 + "true) }"
    assert len(bindings(pool.execute(deep, "json").read())) == 1
