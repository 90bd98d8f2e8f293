"""Runaways do not starve everyone: beside 48 concurrent runaway queries, a one-row query and the
JSON API answer while the runaways still run, and every runaway that is turned away is told when
to come back (503 with Retry-After) rather than held."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest

from nutrikg.api.app import create_app
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.pool import SPARE_WORKERS, QueryPool
from tests.test_api.sparql.conftest import serving
from tests.test_api.sparql.helpers import ONE_ROW, assert_error_shape, labels
from tests.waiting import wait_for

pytestmark = pytest.mark.slow

RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
RUNAWAYS = 48
LIMIT_S = 6.0  # the runaways' time limit: long enough to hold their workers while we look


@pytest.fixture(scope="module")
def busy_server(kg: KnowledgeGraph, settings: Settings) -> Iterator[tuple[str, QueryPool]]:
    """The whole service over the session's graph, with a time limit runaways take a while to reach."""
    app = create_app(kg, settings.model_copy(update={"query_timeout_s": LIMIT_S}))
    with serving(app) as url:
        yield url, app.state.pool


def run_runaways(url: str, responses: list[httpx.Response]) -> list[threading.Thread]:
    def runaway() -> None:
        with httpx.Client(base_url=url, timeout=LIMIT_S * 3) as http:
            responses.append(http.get("/sparql", params={"query": RUNAWAY}))

    threads = [threading.Thread(target=runaway) for _ in range(RUNAWAYS)]
    for thread in threads:
        thread.start()
    return threads


def test_one_row_query_and_json_api_answer_beside_48_runaways(
    busy_server: tuple[str, QueryPool], settings: Settings
) -> None:
    url, pool = busy_server
    responses: list[httpx.Response] = []
    threads = run_runaways(url, responses)
    most = settings.query_workers + SPARE_WORKERS  # the pool's hard maximum of workers
    # Once the burst has settled: every worker runs a runaway, as many wait, the rest were refused.
    assert wait_for(lambda: len(responses) >= RUNAWAYS - 2 * most, 10.0), len(responses)
    assert pool.stats().busy >= most - 1, pool.stats()
    # A client bound well inside the runaways' time limit: an answer proves it did not wait for them.
    with httpx.Client(base_url=url, timeout=LIMIT_S / 3) as http:
        assert labels(http.get("/sparql", params={"query": ONE_ROW})) == ["vitamin K2"]
        assert http.get("/api/v1/stats").status_code == 200
        assert http.post("/api/v1/query", json={"where": [["vitamin K2", "label", "?l"]]}).status_code == 200
    assert pool.stats().busy >= 2, "the runaways that got workers should still be running"
    for thread in threads:
        thread.join(LIMIT_S * 4)
    assert len(responses) == RUNAWAYS
    assert {r.status_code for r in responses} <= {503, 504}
    refused = [r for r in responses if r.status_code == 503]
    assert refused, "48 runaways cannot all have been admitted"
    for response in refused:
        assert_error_shape(response, 503, "busy")
        assert int(response.headers["retry-after"]) >= 1
