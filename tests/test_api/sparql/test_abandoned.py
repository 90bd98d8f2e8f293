"""Clients that give up on a large answer do not keep query workers: the pool frees them by the
time limit whatever the client does, and the endpoint goes on answering."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import httpx
import pytest

from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.pool import SPARE_WORKERS, QueryPool
from tests.test_api.sparql.conftest import TEST_TIMEOUT_S, serving
from tests.test_api.sparql.helpers import ONE_ROW, labels
from tests.test_api.sparql.serve_fixture import create_app
from tests.waiting import wait_for

HUGE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def roomy(api_settings: Settings) -> Iterator[tuple[str, QueryPool]]:
    """A server whose answers may be huge (they stream), with the suite's 1 s time limit."""
    settings = api_settings.model_copy(update={"max_result_bytes": 10**9})
    with QueryPool(settings) as pool, serving(create_app(settings, pool)) as url:
        yield url, pool


def abandon(base_url: str, query: str) -> None:
    """Ask for `query`, read the first bytes of the answer, then hang up without reading on."""
    address = urlsplit(base_url)
    with socket.create_connection((address.hostname or "", address.port or 80), timeout=10) as raw:
        request = f"GET /sparql?query={quote(query)} HTTP/1.1\r\nHost: localhost\r\n\r\n"
        raw.sendall(request.encode())
        raw.recv(4096)


def at_rest(pool: QueryPool, settings_workers: int) -> bool:
    stats = pool.stats()
    return stats.busy == 0 and stats.starting == 0 and stats.idle >= settings_workers + 1


def test_abandoned_large_answers_free_every_worker(roomy: tuple[str, QueryPool]) -> None:
    url, pool = roomy
    clients = 4 * (2 + SPARE_WORKERS + 2)
    threads = [threading.Thread(target=abandon, args=(url, HUGE)) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert wait_for(lambda: at_rest(pool, 2), TEST_TIMEOUT_S + 1.0), pool.stats()
    with httpx.Client(base_url=url, timeout=10) as http:
        assert labels(http.get("/sparql", params={"query": ONE_ROW})) == ["vitamin K2"]
