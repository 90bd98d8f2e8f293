"""Clients that send what they should not: lone surrogates, foreign Host headers; and the
health checks an orchestrator asks."""

from __future__ import annotations

import threading

from fastapi.testclient import TestClient

from nutrikg.api.app import create_app
from nutrikg.api.limits import host_name
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import Settings
from tests.test_api.conftest import error_body
from tests.waiting import wait_for


def test_a_lone_surrogate_in_a_pattern_query_is_a_400(client: TestClient) -> None:
    body = b'{"where": [["?a", "label", "\\ud800"]]}'
    response = client.post("/api/v1/query", content=body, headers={"content-type": "application/json"})
    error = error_body(response, 400)
    assert error["code"] == "invalid_query" and "where[0][2]" in error["message"]


def test_a_foreign_host_is_refused_and_a_local_one_served(client: TestClient) -> None:
    rebound = client.get("/api/v1/stats", headers={"host": "attacker.example:8000"})
    assert error_body(rebound, 400)["code"] == "untrusted_host"
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000", "LOCALHOST"):
        assert client.get("/api/v1/stats", headers={"host": host}).status_code == 200, host


def test_host_names_are_read_without_their_port() -> None:
    assert host_name("[::1]:8000") == "::1"
    assert host_name("Example.org:443") == "example.org"
    assert host_name("::1") == "::1"


def test_health_checks_answer_whatever_the_host(client: TestClient) -> None:
    assert client.get("/healthz", headers={"host": "10.0.0.7:8000"}).json() == {"status": "ok"}
    ready = client.get("/readyz", headers={"host": "10.0.0.7:8000"})
    assert ready.status_code == 200, ready.text
    assert ready.json() == {"status": "ready", "checks": {"graph": True, "query_workers": True}}


def test_not_ready_while_the_graph_loads(kg: KnowledgeGraph, settings: Settings) -> None:
    loaded = threading.Event()

    def slow_loader() -> KnowledgeGraph:
        loaded.wait(30)
        return kg

    with TestClient(create_app(slow_loader, settings)) as own:
        waiting = own.get("/readyz")
        assert error_body(waiting, 503)["detail"] == {"checks": {"graph": False, "query_workers": True}}
        assert own.get("/healthz").status_code == 200  # alive all the same
        loaded.set()
        assert wait_for(lambda: own.get("/readyz").status_code == 200)
