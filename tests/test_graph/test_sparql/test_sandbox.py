"""Query workers without network access, and a guard that then reads structure, not words."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest

from nutrikg.graph.errors import InvalidQuery, QueryRefused
from nutrikg.graph.sparql.guard import Inspection, check_query
from nutrikg.graph.sparql.pool import QueryPool

FALSELY_REFUSED = [
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
    'SELECT * WHERE { ?s ?p "customer service" } LIMIT 1',
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # ask the service desk",
    "SELECT * WHERE { ?s <http://schema.org/serviceType> ?o } LIMIT 1",
]
SERVICE_CLAUSES = [
    "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o OPTIONAL { SERVICE ?endpoint { ?s ?q ?r } } }",
    "SELECT ?service { { SELECT ?s { SERVICE <http://x.test/> { ?s ?p ?o } } } }",
]
# 30,000 triple patterns side by side, with a variable named after the word: legal and flat.
FLAT = "SELECT ?service WHERE { " + " ".join(f"?service nm:p{i} ?o{i} ." for i in range(30_000)) + " }"


def platform_can_cut_network() -> bool:
    """Whether a fresh process here may leave the network (Linux, with CAP_SYS_ADMIN)."""
    probe = "from nutrikg.graph.sparql.worker import _cut_network; raise SystemExit(not _cut_network())"
    return subprocess.run([sys.executable, "-c", probe], check=False).returncode == 0


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.settimeout(0.5)
        yield server


def test_workers_are_sandboxed_where_the_platform_allows(pool: QueryPool) -> None:
    assert pool.network_sandboxed() == platform_can_cut_network()


def test_a_sandboxed_worker_cannot_call_out_even_unguarded(pool: QueryPool, listener: socket.socket) -> None:
    if not pool.network_sandboxed():
        pytest.skip("this platform cannot take the network from a process; the guard refuses SERVICE")
    port = listener.getsockname()[1]
    # Straight to the pool, past the guard: only the sandbox stands in the way.
    with pytest.raises(QueryRefused, match="no network"):
        pool.execute(f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}", "json")
    with pytest.raises(TimeoutError):
        listener.accept()[0].close()


@pytest.mark.parametrize("text", FALSELY_REFUSED)
def test_the_word_service_passes_in_a_sandbox_and_only_there(text: str) -> None:
    assert check_query(text, known_graphs=(), network_sandboxed=True).services == ()
    with pytest.raises(QueryRefused, match="SERVICE"):
        check_query(text, known_graphs=())


@pytest.mark.parametrize("text", SERVICE_CLAUSES)
def test_service_clauses_are_refused_in_a_sandbox_too(text: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE"):
        check_query(text, known_graphs=(), network_sandboxed=True)


def test_a_flat_query_too_long_for_rdflib_is_left_to_the_store_in_a_sandbox() -> None:
    def no_parse(text: str) -> Inspection:
        raise AssertionError("rdflib's parse is quadratic: 30,000 patterns would take an hour")

    checked = check_query(FLAT, known_graphs=(), network_sandboxed=True, inspect=no_parse)
    assert checked.form == "SELECT" and checked.text == FLAT
    with pytest.raises(InvalidQuery, match="too deeply"):  # no sandbox: the guard must read it all
        check_query(FLAT, known_graphs=())
    with_from = FLAT.replace("WHERE", "FROM <urn:elsewhere> WHERE")
    with pytest.raises(InvalidQuery, match="too deeply"):  # a FROM must be read, even in a sandbox
        check_query(with_from, known_graphs=(), network_sandboxed=True)
