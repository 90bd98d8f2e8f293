"""A large graph loads in the background: SPARQL answers at once, the JSON API says 503 until the
graph is ready, then answers."""

from __future__ import annotations

from concurrent.futures import Future

from fastapi.testclient import TestClient

from nutrikg.api.app import create_app
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import Settings


def test_sparql_first_json_api_when_loaded(settings: Settings, kg: KnowledgeGraph) -> None:
    loading: Future[KnowledgeGraph] = Future()
    with TestClient(create_app(loading, settings)) as client:
        early = client.get("/api/v1/entities", params={"q": "osteo"})
        assert early.status_code == 503
        assert early.json()["error"]["code"] == "store_error"
        answer = client.get(
            "/sparql",
            params={"query": "ASK { nm:vitamin_k2 nm:activates nm:osteocalcin }"},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert answer.json()["boolean"] is True
        loading.set_result(kg)
        ready = client.get("/api/v1/entities", params={"q": "osteo"})
        assert ready.status_code == 200
        assert any(item["label"] == "osteocalcin" for item in ready.json()["items"])
