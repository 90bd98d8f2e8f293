"""The service over a remote SPARQL store (a real Virtuoso): the build is pushed to it and the
SPARQL endpoint answers through it, with the same sandbox in front."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from typing import Any

import pytest
from fastapi.testclient import TestClient

from nutrikg.api.app import create_app
from nutrikg.graph.assemble.build import build_graph
from nutrikg.graph.assemble.persist import save_build
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import PROJECT_ROOT, Settings
from nutrikg.graph.stores import open_store

pytestmark = pytest.mark.virtuoso


@pytest.fixture(scope="module")
def remote_client(virtuoso: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(
        corpus_dir=PROJECT_ROOT / "corpus",
        data_dir=tmp_path_factory.mktemp("remote"),
        remote_query_url=virtuoso.sparql_url,
        remote_update_url=virtuoso.sparql_url,
    )
    save_build(build_graph(settings.corpus_dir), settings)
    with TestClient(create_app(KnowledgeGraph.open(settings), settings)) as client:
        yield client
    with closing(open_store(settings)) as store:
        store.clear(None)  # the server is shared by the session: leave it as we found it


def test_sparql_answers_from_the_remote_store(remote_client: TestClient) -> None:
    response = remote_client.get(
        "/sparql",
        params={"query": "SELECT ?x WHERE { ?x nm:activates nm:osteocalcin }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.text
    values = {b["x"]["value"] for b in response.json()["results"]["bindings"]}
    assert "https://w3id.org/nutrikg/vitamin_k2" in values


def test_the_sandbox_still_stands_in_front(remote_client: TestClient) -> None:
    refused = remote_client.get(
        "/sparql", params={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}
    )
    assert refused.status_code == 403
    update = remote_client.post("/sparql", data={"update": "CLEAR ALL"})
    assert update.status_code == 400
    still_there = remote_client.get(
        "/sparql",
        params={"query": "ASK { nm:vitamin_k2 nm:activates nm:osteocalcin }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert still_there.json()["boolean"] is True
