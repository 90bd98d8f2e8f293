"""Legal queries that merely hold the word 'service' are answered, over HTTP, where the query
workers have no network (and refused, saying why, where they do)."""

from __future__ import annotations

import httpx
import pytest

from nutrikg.graph.sparql.pool import QueryPool
from tests.test_api.sparql.helpers import assert_error_shape
from tests.test_graph.test_sparql.test_sandbox import FALSELY_REFUSED


@pytest.mark.parametrize("query", FALSELY_REFUSED)
def test_the_word_service_outside_a_clause_is_answered(
    client: httpx.Client, api_pool: QueryPool, query: str
) -> None:
    response = client.get("/sparql", params={"query": query})
    if api_pool.network_sandboxed():
        assert response.status_code == 200, response.text
        assert "results" in response.json()
    else:
        assert "network access" in assert_error_shape(response, 403, "query_refused")


def test_a_service_clause_is_still_refused(client: httpx.Client) -> None:
    query = "SELECT ?service { SERVICE <http://127.0.0.1:9/sparql> { ?service ?p ?o } }"
    assert "SERVICE" in assert_error_shape(
        client.get("/sparql", params={"query": query}), 403, "query_refused"
    )
