"""Over real HTTP: large answers are sent as they are written; one past the cap is broken off."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.pool import QueryPool
from nutrikg.graph.sparql.results import PART_BYTES
from tests.test_api.sparql.conftest import serving
from tests.test_api.sparql.helpers import ONE_ROW
from tests.test_api.sparql.serve_fixture import create_app

EVERY_TRIPLE = "SELECT ?s ?p ?o { ?s ?p ?o }"


def serve_with_cap(settings: Settings, max_bytes: int) -> Iterator[str]:
    capped = settings.model_copy(update={"max_result_bytes": max_bytes})
    with QueryPool(capped, stream_after_bytes=16 * 1024) as pool, serving(create_app(capped, pool)) as url:
        yield url


@pytest.fixture(scope="module")
def roomy_url(api_settings: Settings) -> Iterator[str]:
    yield from serve_with_cap(api_settings, 10**9)


def test_a_large_answer_is_chunked_and_whole(roomy_url: str) -> None:
    with httpx.Client(base_url=roomy_url, timeout=10) as http:
        response = http.get("/sparql", params={"query": EVERY_TRIPLE, "format": "json"})
        small = http.get("/sparql", params={"query": ONE_ROW, "format": "json"})
        count = http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    assert response.status_code == 200
    assert response.headers["transfer-encoding"] == "chunked" and "content-length" not in response.headers
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    rows = json.loads(response.content)["results"]["bindings"]
    assert len(rows) == int(count.json()["results"]["bindings"][0]["n"]["value"])
    assert int(small.headers["content-length"]) == len(small.content)  # small answers come whole


def test_head_of_a_streamed_answer_sends_no_body_and_frees_the_worker(roomy_url: str) -> None:
    with httpx.Client(base_url=roomy_url, timeout=10) as http:
        for _ in range(3):  # more HEADs than workers: each lets its worker go
            head = http.head("/sparql", params={"query": EVERY_TRIPLE, "format": "json"})
            assert head.status_code == 200 and head.content == b""
            assert head.headers["content-type"].startswith("application/sparql-results+json")
            assert "content-length" not in head.headers  # GET streams it: no length is known
        assert http.get("/sparql", params={"query": ONE_ROW}).status_code == 200


def test_an_answer_past_the_cap_is_broken_off_not_truncated(api_settings: Settings) -> None:
    for url in serve_with_cap(api_settings, 3 * PART_BYTES):
        with httpx.Client(base_url=url, timeout=10) as http:
            with pytest.raises(httpx.RemoteProtocolError):  # no final chunk: the client knows
                http.get("/sparql", params={"query": EVERY_TRIPLE, "format": "json"})
            assert http.get("/sparql", params={"query": ONE_ROW}).status_code == 200
