"""`/docs` describes the API from its OpenAPI document and loads nothing from elsewhere."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_the_api_page_lists_the_routes_and_loads_nothing_from_elsewhere(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    page = response.text
    for path in ("/sparql", "/api/v1/entities", "/api/v1/paths", "/export"):
        assert f"<code>{path}</code>" in page
    assert "<script" not in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # no CDN, no font service
    assert client.get("/redoc").status_code == 404  # the framework's CDN-backed pages are off
    assert client.get("/openapi.json").json()["info"]["title"] == "nutrikg"


def test_every_response_says_nosniff(client: TestClient) -> None:
    for path in ("/api/v1/stats", "/docs", "/no-such-page"):
        assert client.get(path).headers["x-content-type-options"] == "nosniff"
