"""Operations: an access-log line per request, Prometheus metrics by route template with the
query workers' state, and CORS off unless origins are configured."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from nutrikg.api.app import create_app

if TYPE_CHECKING:
    from fastapi import FastAPI

    from nutrikg.graph.settings import Settings


def sample(client: TestClient, line_start: str) -> float:
    """The value of the first metrics line that starts with `line_start` (0 when none does)."""
    text = client.get("/metrics").text
    found = [line for line in text.splitlines() if line.startswith(line_start)]
    return float(found[0].rsplit(" ", 1)[1]) if found else 0.0


def test_each_request_is_one_access_log_line(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="nutrikg.access"):
        client.get("/api/v1/stats")
        client.get("/api/v1/entities/no-such-thing")
    lines = [r.getMessage() for r in caplog.records if r.name == "nutrikg.access"]
    assert re.fullmatch(r"GET /api/v1/stats 200 \d+\.\dms", lines[0]), lines
    assert re.fullmatch(r"GET /api/v1/entities/no-such-thing 404 \d+\.\dms", lines[1]), lines
    assert len(lines) == 2


def test_requests_are_counted_and_timed_by_route_template(client: TestClient) -> None:
    counted = 'nutrikg_requests_total{method="GET",route="/api/v1/entities/{term:path}",status="200"}'
    timed = 'nutrikg_request_duration_seconds_count{method="GET",route="/api/v1/entities/{term:path}"}'
    before, before_timed = sample(client, counted), sample(client, timed)
    for term in ("vitamin K2", "osteocalcin"):
        assert client.get(f"/api/v1/entities/{term}").status_code == 200
    assert sample(client, counted) == before + 2 and sample(client, timed) == before_timed + 2
    assert client.get("/metrics").headers["content-type"].startswith("text/plain")


def test_refused_requests_are_counted_too(client: TestClient) -> None:
    refused = 'nutrikg_requests_total{method="GET",route="unmatched",status="400"}'
    before = sample(client, refused)
    assert client.get("/api/v1/stats", headers={"Host": "evil.example"}).status_code == 400
    assert sample(client, refused) == before + 1


def test_the_query_workers_are_reported_by_state(client: TestClient) -> None:
    states = {
        state: sample(client, f'nutrikg_query_workers{{state="{state}"}}') for state in ("idle", "busy")
    }
    assert states["idle"] + states["busy"] >= 1
    assert 'nutrikg_query_workers{state="starting"}' in client.get("/metrics").text


def test_cors_is_off_by_default(client: TestClient) -> None:
    response = client.get("/api/v1/stats", headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 200 and "access-control-allow-origin" not in response.headers


def test_cors_answers_the_configured_origins_only(app: FastAPI, settings: Settings) -> None:
    allowed = settings.model_copy(update={"cors_origins": ("https://explorer.example",)})
    client = TestClient(
        create_app(app.state.kg, allowed, pool=app.state.pool)
    )  # no lifespan: shares the pool
    ours = client.get("/api/v1/stats", headers={"Origin": "https://explorer.example"})
    assert ours.headers["access-control-allow-origin"] == "https://explorer.example"
    theirs = client.get("/api/v1/stats", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in theirs.headers
